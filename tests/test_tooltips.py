"""Glossary tooltips: which words get one, and that the page's text is never changed."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from hypothesis import given, settings, strategies as st

from plainpolicy.datafiles.glossary import form_pattern, is_abbreviation, load_glossary
from plainpolicy.site.tooltips import add_tooltips, definitions
from plainpolicy_testing import copy_project, mkdocs_build

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


def test_one_tooltip_per_term_per_section_whatever_the_form() -> None:
    """Staff pages underlined every form of a term ("designated safeguarding lead", then "DSL") in a section."""
    lead = "The person who leads on safeguarding."
    page = ("<h1>T</h1><p>Tell the designated safeguarding lead (DSL). The DSL will help. DSLs know.</p>"
            "<h2>Next</h2><p>Ask the DSL or the designated safeguarding lead.</p>")
    out = add_tooltips(page, {"designated safeguarding lead": lead, "DSL": lead, "DSLs": lead})
    assert abbrs(out) == [(lead, "designated safeguarding lead"), (lead, "DSL")]
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


# --- in the site build ------------------------------------------------------------------------
def build_copy(tmp_path: Path, name: str, edit_config=None, hook: str | None = None):  # type: ignore[no-untyped-def]
    """Build a copy of the real site (its config changed by edit_config, a hooks file added); the result and site folder."""
    def edited(config: str) -> str:
        config = edit_config(config) if edit_config else config
        return config + "\nhooks:\n  - hook.py\n" if hook is not None else config

    project = copy_project(tmp_path / name, edited)
    if hook is not None:
        (project / "hook.py").write_text(hook, encoding="utf-8")
    result = mkdocs_build(project, project / "site", strict=False)
    assert result.returncode == 0, result.stderr
    return result, project / "site"


def test_tooltips_go_in_after_search_has_read_the_page_and_change_no_search_text(tmp_path: Path) -> None:
    """The search index of the site is the same with tooltips and without them (abbr turned off)."""
    _, with_tooltips = build_copy(tmp_path, "with")
    assert "abbr" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    _, without = build_copy(tmp_path, "without", lambda config: re.sub(r"\n  - abbr\n", "\n", config, count=1))
    page = "young-people/index.html"
    assert '<abbr title="' in (with_tooltips / page).read_text(encoding="utf-8")
    assert '<abbr title="' not in (without / page).read_text(encoding="utf-8")
    search = "search/search_index.json"
    assert (with_tooltips / search).read_text(encoding="utf-8") == (without / search).read_text(encoding="utf-8")


def test_a_page_changed_by_another_plugin_after_the_checks_gets_no_misplaced_tooltips(tmp_path: Path) -> None:
    hook = (
        "def on_page_content(html, page, config, files):\n"
        "    if page.file.src_uri == 'young-people/index.md':\n"
        "        return '<p>Added by a hook.</p>' + html\n"
        "    return html\n"
    )
    result, site_dir = build_copy(tmp_path, "hooked", hook=hook)
    assert "no glossary tooltips on young-people/index.md: another plugin changed the page" in result.stderr
    changed = (site_dir / "young-people/index.html").read_text(encoding="utf-8")
    assert "<p>Added by a hook.</p>" in changed and '<abbr title="' not in changed
    assert '<abbr title="' in (site_dir / "staff/index.html").read_text(encoding="utf-8")  # other pages keep theirs
