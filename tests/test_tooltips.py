"""Glossary tooltips: which words get one, and that the page's text is never changed."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from plainpolicy.glossary import form_pattern, is_abbreviation, load_glossary
from plainpolicy.tooltips import add_tooltips, definitions

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = load_glossary(ROOT / "docs/glossary.yml", {"staff", "young-people"}, "docs/glossary.yml")
TAGS = re.compile(r"</?abbr[^>]*>")


def abbrs(html: str) -> list[tuple[str, str]]:
    return [(html_lib.unescape(title), text) for title, text in re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', html)]


def test_first_use_in_each_section_is_explained() -> None:
    page = "<h1>Title</h1><p>Tell the DSL. The DSL will help.</p><h2>Next</h2><p>Ask the DSL.</p><h3>Deeper</h3><p>DSL again.</p>"
    out = add_tooltips(page, {"DSL": "The safeguarding lead."})
    assert abbrs(out) == [("The safeguarding lead.", "DSL")] * 2  # one per h1/h2 section; h3 is not a new section
    assert TAGS.sub("", out) == page


def test_code_links_headings_and_attributes_are_left_alone() -> None:
    page = (
        '<h2 id="dsl">The DSL</h2><p><a href="/dsl/">DSL</a> <code>DSL</code> <img alt="DSL photo" src="x.png">'
        "<!-- DSL --> <abbr title=\"x\">DSL</abbr> <pre><code>DSL</code></pre> DSLs are here, DSL-led, xDSL, and DSL.</p>"
    )
    out = add_tooltips(page, {"DSL": "Lead."})
    assert abbrs(out) == [("x", "DSL"), ("Lead.", "DSL")]  # the existing abbr, then ours
    assert out.endswith('xDSL, and <abbr title="Lead.">DSL</abbr>.</p>')
    assert TAGS.sub("", out) == TAGS.sub("", page)


def test_longest_form_wins_and_titles_are_escaped() -> None:
    page = "<p>Under UK GDPR, and then GDPR alone.</p>"
    out = add_tooltips(page, {"GDPR": 'The "old" rule & more', "UK GDPR": "The UK's data law."})
    assert abbrs(out) == [("The UK's data law.", "UK GDPR"), ('The "old" rule & more', "GDPR")]
    assert '&quot;old&quot; rule &amp; more' in out


def test_definitions_are_in_the_page_voice() -> None:
    text = "<p>Tell the designated safeguarding lead (DSL) about screenshots.</p>"
    staff, young = definitions(GLOSSARY, "staff", text), definitions(GLOSSARY, "young-people", text)
    assert set(staff) == set(young) and {"designated safeguarding lead", "DSL", "screenshots"} <= set(staff)
    assert staff["DSL"] != young["DSL"]


def reference_forms(text: str) -> list[tuple[str, str]]:
    """What written_forms did before it was made fast: one regex per form, on one line, single spaces."""
    found = []
    for term in GLOSSARY.terms:
        for form in term.accepted:
            for match in re.finditer(form_pattern(form, is_abbreviation(form)), text):
                if not re.search(r"\s\s|\n|\t", match.group(0)):
                    found.append((term.term, match.group(0)))
    return sorted(found)


WORDS = st.sampled_from(["DSL", "dsl", "the", "lead", "designated", "safeguarding", "screenshot", "screenshots", "Screenshot's", "UK", "GDPR", "e-safety", "-", "s", ",", ".", "xDSL", "DSLs", "online", "grooming", "harm"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40), st.lists(st.sampled_from([" ", " ", " ", "", "\n", "  "]), max_size=40))
def test_written_forms_match_the_regex_reference(words: list[str], gaps: list[str]) -> None:
    text = "".join(word + (gaps[index] if index < len(gaps) else " ") for index, word in enumerate(words))
    assert sorted((term.term, written) for term, written in GLOSSARY.written_forms(text)) == reference_forms(text)
