"""Prose extraction and the readability traps (shared/reference/readability.md, trap 2).

Only running prose is scored: headings, code, front matter, link targets, HTML and
table syntax are not prose; list items without a full stop are separate sentences;
admonition markers are not words. Each trap is checked twice: on the units the
extractor returns for rendered Markdown, and on the section scores of a real
fixture page run through the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy.reading.extract import Unit, extract_sections
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.render import Renderer
from plainpolicy.text.scoring import score
from plainpolicy_testing import check_json, found, section, site

TRAPS = site("traps")


@pytest.fixture(scope="module")
def render():  # type: ignore[no-untyped-def]
    config = load_site_config(TRAPS / "mkdocs.yml")
    renderer = Renderer(config.extensions, config.extension_configs)
    return lambda markdown: renderer.render(markdown, "test.md")


@pytest.fixture(scope="module")
def traps() -> dict:
    return check_json(TRAPS)


def units(html: str) -> dict[str, list[str]]:
    _, sections = extract_sections(html)
    return {s.heading: [unit.text for unit in s.units] for s in sections}


def assert_scored_as(data: dict, path: str, heading: str, prose: str) -> None:
    """The section's numbers are exactly those of `prose`, the text a reader sees."""
    got = section(data, path, heading)
    expected = score(prose)
    assert (got["words"], got["sentences"], got["syllables"]) == (expected.words, expected.sentences, expected.syllables)
    assert got["grade"] == round(expected.grade, 2)
    assert got["ease"] == round(expected.ease, 2)


# --- lists without full stops ---------------------------------------------------------

LIST_ITEMS = [
    "a coat that keeps out the rain and the wind",
    "a packed lunch and a bottle of water for the day",
    "the signed form from your parent or carer",
    "a phone with some charge and credit on it",
    "money for the bus home if you need it",
]


def test_list_items_without_full_stops_are_separate_sentences(traps: dict) -> None:
    path = "docs/staff/lists.md"
    assert_scored_as(traps, path, "Bring with you", ". ".join(LIST_ITEMS) + ".")
    assert section(traps, path, "Bring with you")["sentences"] == 5
    assert found(traps, path) == []  # no 47-word "sentence"


def test_the_same_words_without_a_list_are_one_run_on_sentence(traps: dict) -> None:
    listed = section(traps, "docs/staff/lists.md", "Bring with you")
    run_on = section(traps, "docs/staff/lists-run-on.md", "Bring with you")
    assert run_on["words"] == listed["words"] == 47
    assert run_on["sentences"] == 1
    assert run_on["grade"] > listed["grade"] + 10
    # A short page is judged on sentence length: the run-on "sentence" fails it, the list does not.
    assert found(traps, "docs/staff/lists-run-on.md") == [("readability/too-hard", 9, 1), ("sentence/too-long", 11, 1)]


def test_unit_sentence_text_adds_a_full_stop_only_when_missing() -> None:
    assert Unit("no stop here").sentence_text == "no stop here."
    assert Unit("Already ends.").sentence_text == "Already ends."
    assert Unit("A question?").sentence_text == "A question?"
    assert Unit('He said "stop."').sentence_text == 'He said "stop."'
    assert Unit("(see below.)").sentence_text == "(see below.)"
    # The formulas (textstat's) only end a sentence at . ! or ?, so an ellipsis gets a full stop.
    assert Unit("Wait…").sentence_text == "Wait…."


# --- admonitions, details, content tabs -----------------------------------------------


def test_admonition_and_tab_titles_are_not_words(render) -> None:
    markdown = (TRAPS / "docs/staff/admonitions.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert units(render(markdown))["If you are worried"] == ["Tell the lead today.", "Write it down.", "Ask for help.", "Keep it safe."]


def test_admonition_page_scores_only_the_bodies(traps: dict) -> None:
    assert_scored_as(traps, "docs/staff/admonitions.md", "If you are worried", "Tell the lead today. Write it down. Ask for help. Keep it safe.")


def test_admonition_marker_is_not_a_sentence_or_a_word(render) -> None:
    html = render('!!! note "Read this"\n    Stay safe online.\n\n!!! danger ""\n    No title here.\n')
    assert units(html)[""] == ["Stay safe online.", "No title here."]


# --- code -------------------------------------------------------------------------------


def test_fenced_indented_and_inline_code_are_not_prose(render) -> None:
    markdown = (TRAPS / "docs/staff/code.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    got = units(render(markdown))
    assert got["Set up the phone"] == ["Open the settings app.", "Type in the box."]
    assert got["After the code"] == ["Then press the green button."]
    assert list(got) == ["", "Set up the phone", "After the code"], "a '##' line inside a fence is not a heading"


def test_code_page_scores_and_heading_lines(traps: dict) -> None:
    path = "docs/staff/code.md"
    assert_scored_as(traps, path, "Set up the phone", "Open the settings app. Type in the box.")
    assert section(traps, path, "Set up the phone")["line"] == 9
    assert section(traps, path, "After the code")["line"] == 25  # not the fenced '## ...' lines 14 and 22


# --- links and images -------------------------------------------------------------------


def test_link_targets_titles_and_image_urls_are_not_words(render) -> None:
    markdown = (TRAPS / "docs/staff/links.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    (text,) = units(render(markdown))["Where to find help"]
    assert text == "Read the help page. Call the helpline now. You can see a here."
    for word in ("https", "example", "organisational", "Comprehensive", "png", "picture"):
        assert word not in text


def test_links_page_scores_only_the_link_text(traps: dict) -> None:
    assert_scored_as(traps, "docs/staff/links.md", "Where to find help", "Read the help page. Call the helpline now. You can see a here.")


# --- tables -------------------------------------------------------------------------------


def test_table_cells_are_separate_units(render) -> None:
    markdown = (TRAPS / "docs/staff/tables.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert units(render(markdown))["Who to call"] == ["Who", "When", "The lead", "Any time in the day", "The police", "If someone is in danger now"]


def test_table_page_scores_cells_as_sentences(traps: dict) -> None:
    # Cells of one or two words ("Who", "The lead") are labels, not sentences: left out of the formulas.
    assert_scored_as(traps, "docs/staff/tables.md", "Who to call", "Any time in the day. If someone is in danger now.")
    assert "|" not in section(traps, "docs/staff/tables.md", "Who to call")["longest_sentence"]


# --- HTML ---------------------------------------------------------------------------------


def test_html_tags_attributes_and_comments_are_not_words(render) -> None:
    markdown = (TRAPS / "docs/staff/html.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert units(render(markdown))["Boxes"] == ["Stay with the group.", "Ask a leader for help."]


def test_html_page_scores(traps: dict) -> None:
    assert_scored_as(traps, "docs/staff/html.md", "Boxes", "Stay with the group. Ask a leader for help.")


# --- the extractor on its own -------------------------------------------------------------


def test_sections_start_at_h2_and_h3_only() -> None:
    title, sections = extract_sections(
        "<h1>Title</h1><p>Intro.</p><h2>Two</h2><p>A.</p><h3>Three</h3><p>B.</p><h4>Four</h4><p>C.</p><h2>Next</h2>"
    )
    assert title == "Title"
    assert [(s.heading, s.level, [u.text for u in s.units]) for s in sections] == [
        ("", 1, ["Intro."]), ("Two", 2, ["A."]), ("Three", 3, ["B.", "C."]), ("Next", 2, []),
    ]


def test_headings_never_count_as_prose_and_permalinks_are_dropped(render) -> None:
    html = render("# Page title\n\n## Who to call\n\nCall us.\n")
    assert "headerlink" in html  # the fixture site has toc permalinks on
    title, sections = extract_sections(html)
    assert title == "Page title"
    assert [(s.heading, [u.text for u in s.units]) for s in sections] == [("", []), ("Who to call", ["Call us."])]


def test_scripts_styles_buttons_and_svg_are_dropped() -> None:
    _, sections = extract_sections(
        "<p>Keep <script>var x = 'extraordinarily';</script>safe.</p><style>p{}</style>"
        "<button>Press here</button><svg><text>Vector words</text></svg><p>Done.</p>"
    )
    assert [u.text for u in sections[0].units] == ["Keep safe.", "Done."]


def test_entities_are_decoded_and_whitespace_collapsed() -> None:
    _, sections = extract_sections("<p>Rock &amp; roll&nbsp;now,\n\n  please.</p>")
    assert [u.text for u in sections[0].units] == ["Rock & roll now, please."]


def test_definitions_split_units_but_a_hard_line_break_does_not(render) -> None:
    got = units(render("Line one  \nLine two\n\nTerm\n:   The definition\n"))[""]
    assert got == ["Line one Line two", "Term", "The definition"]


def test_footnote_markers_and_back_links_are_not_words(render) -> None:
    got = units(render("Tell the lead.[^1]\n\n[^1]: Or a deputy.\n"))[""]
    assert got == ["Tell the lead.", "Or a deputy."]


def test_theme_parts_are_dropped_only_where_the_renderer_makes_them(render) -> None:
    """Tab labels, permalinks and footnote marks go; the same class on an author's own prose does not hide it."""
    markdown = (
        "## Who to call\n\n=== \"Tab one\"\n\n    Ask a leader.\n\n=== \"Tab two\"\n\n    Ask a friend.\n\n"
        "Call the lead today.\n{ .tabbed-labels }\n\nCall [the deputy](#who-to-call){ .headerlink } now.[^1]\n\n"
        "Write it [down](#fn:1){ .footnote-ref }.\n\n[^1]: Or a parent.\n"
    )
    got = units(render(markdown))["Who to call"]
    assert got == ["Ask a leader.", "Ask a friend.", "Call the lead today.", "Call the deputy now.", "Write it down.", "Or a parent."]


def test_hidden_elements_are_not_read_but_aria_hidden_text_is() -> None:
    """hidden= is not shown, so not read; aria-hidden text is still on the screen."""
    _, sections = extract_sections(
        '<p>Seen.</p><div hidden><p>Not shown.</p></div><p>One <span hidden>. Two.</span>line.</p>'
        '<p aria-hidden="true">Shown to the eye.</p><img hidden alt="A hidden picture"><img alt="A picture">'
    )
    assert [u.text for u in sections[0].units] == ["Seen.", "One line.", "Shown to the eye."]
    assert [t.text for t in sections[0].titles] == ["A picture"]


def test_invisible_characters_are_taken_out_of_words() -> None:
    _, sections = extract_sections("<p>Re\u00admember, we are al&shy;ways here\u200b\u2060 for\ufeff you.</p>")
    assert [u.text for u in sections[0].units] == ["Remember, we are always here for you."]


def test_punctuation_only_blocks_are_not_units() -> None:
    _, sections = extract_sections("<p>...</p><p>—</p><p>* * *</p><hr><p>Real words.</p>")
    assert [u.text for u in sections[0].units] == ["Real words."]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Unclosed <b>bold<p>Next",
        "</div></p><p>Stray closers.</p>",
        "<p><code>never closed",
        "<h2>Heading never closed<p>text",
        "<table><tr><td>cell<td>cell two</table>",
        "<p>a</p>" * 2000,
        "<" * 50 + "p>",
    ],
)
def test_broken_html_never_raises(html: str) -> None:
    title, sections = extract_sections(html)
    assert isinstance(title, str) and sections and sections[0].heading == ""


def test_section_text_joins_units_as_sentences() -> None:
    _, sections = extract_sections("<ul><li>One item here</li><li>Two items here</li></ul>")
    assert sections[0].text == "One item here. Two items here."


def test_a_sentence_chopped_into_items_is_one_sentence() -> None:
    """Small-letter items that end in a full stop continue one sentence (fragments.py)."""
    _, sections = extract_sections("<p>Staff must</p><ul><li>write down what they saw</li><li>and tell the lead.</li></ul>")
    assert [unit.text for unit in sections[0].units] == ["Staff must write down what they saw and tell the lead."]


def test_front_matter_is_not_prose(tmp_path: Path) -> None:
    data = check_json(TRAPS, "docs/staff/lists.md")
    assert "reviewed" not in section(data, "docs/staff/lists.md", "Bring with you")["longest_sentence"]
    assert all(s["words"] == 0 for s in data["pages"][0]["sections"] if s["heading"] == "Introduction")
