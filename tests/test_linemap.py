"""Line numbers: findings point at the source line of the section heading or the sentence.

Python-Markdown keeps no line numbers, so linemap.py finds them again. These tests
pin exact lines (and columns) against the fixture files, with and without front
matter, and for the same page saved with CRLF line endings or a byte order mark.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy.reading.linemap import (
    LineFinder,
    match_headings,
    normal_words,
    source_headings,
)
from plainpolicy_testing import check_json, copy_site, found, line_of, page, site

SITE = site("site")


# --- source headings -------------------------------------------------------------------


def test_atx_setext_and_attribute_list_headings() -> None:
    body = "\n".join([
        "# Title",          # 1
        "",                 # 2
        "## Two ##",        # 3
        "### Three {#id}",  # 4
        "Setext two",       # 5
        "----------",       # 6
        "Setext one",       # 7
        "===",              # 8
        "    ## indented code, not a heading",  # 9
        "#hashtag is not a heading",  # 10
        "   ### three spaces is a heading",  # 11
    ])
    got = [(h.line, h.level, " ".join(h.words)) for h in source_headings(body, 1)]
    assert got == [
        (1, 1, "title"), (3, 2, "two"), (4, 3, "three"), (5, 2, "setext two"), (7, 1, "setext one"),
        (11, 3, "three spaces is a heading"),
    ]


def test_headings_inside_fences_are_skipped() -> None:
    body = "\n".join(["```", "## in backticks", "```", "~~~~", "## in tildes", "```", "## still in tildes", "~~~~", "## real"])
    assert [(h.line, " ".join(h.words)) for h in source_headings(body, 1)] == [(9, "real")]


def test_heading_lines_count_from_the_body_line() -> None:
    assert [h.line for h in source_headings("# A\n\n## B", body_line=6)] == [6, 8]


def test_match_headings_moves_forward_so_repeated_headings_map_in_order() -> None:
    headings = source_headings("## Notes\n\n## Other\n\n## Notes", 10)
    assert match_headings(["Notes", "Other", "Notes"], headings, default=1) == [10, 12, 14]


def test_an_unmatched_heading_falls_back_to_the_previous_line() -> None:
    headings = source_headings("## One\n\n## Two", 1)
    assert match_headings(["One", "From a snippet", "Two"], headings, default=1) == [1, 1, 3]


def test_normal_words_drop_link_targets() -> None:
    assert normal_words("Read [the page](https://example.org/x-y) now, Jo’s") == ["read", "the", "page", "now", "jo’s"]


# --- section heading lines on real pages -------------------------------------------------


def test_section_lines_are_the_heading_lines() -> None:
    data = check_json(SITE, "docs/staff/readability.md")
    file = SITE / "docs/staff/readability.md"
    lines = {s["heading"]: s["line"] for s in page(data, "docs/staff/readability.md")["sections"]}
    assert lines == {
        "Introduction": line_of(file, "# Readability fixture"),
        "Information governance": line_of(file, "## Information governance"),
        "Plain words": line_of(file, "## Plain words"),
        "Retention": line_of(file, "## Retention"),
        "Escalation": line_of(file, "## Escalation"),
    }
    assert list(lines.values()) == [7, 9, 27, 37, 47]


MARKUP_HEADINGS = """\
---
title: Headings with markup
reviewed: 2026-06-01
unpaired: "Test page."
---

# Headings with markup

## Use `git` carefully

Text one.

## Rock &amp; roll

Text two.

## Safety[^1]

Text three.

## Call *the* **lead** { #lead }

Text four.

Setext heading
--------------

Text five.

## Last one

Text six.

[^1]: A footnote.
"""


def test_headings_with_code_entities_footnotes_and_emphasis_keep_their_lines(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / "docs/staff/markup.md").write_text(MARKUP_HEADINGS, encoding="utf-8")
    data = check_json(root, "docs/staff/markup.md")
    lines = [(s["heading"], s["line"]) for s in page(data, "docs/staff/markup.md")["sections"]]
    assert [line for _, line in lines] == [7, 9, 13, 17, 21, 25, 30]


# --- sentence lines and columns --------------------------------------------------------------


def test_sentence_findings_point_at_the_sentence() -> None:
    file = SITE / "docs/staff/sentences.md"
    data = check_json(SITE, "docs/staff/sentences.md")
    assert found(data, "docs/staff/sentences.md") == [
        # starts mid-line, after "Keep it short. "
        ("sentence/too-long", line_of(file, "Keep it short. When you write"), 16),
        # a list item: column of its first word, after "- "
        ("sentence/too-long", line_of(file, "- This list item"), 3),
        # the same opening words as an earlier short sentence: the later one is meant
        ("sentence/too-long", line_of(file, "You must tell the DSL about every worry"), 1),
        # a sentence starting with "A" after "Please wait. ": not the "a" inside "Please"
        ("sentence/too-long", line_of(file, "Please wait. A young person"), 14),
    ]
    assert [f[1] for f in found(data, "docs/staff/sentences.md")] == [11, 18, 25, 30]


def test_sentence_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    text = (SITE / "docs/staff/sentences.md").read_text(encoding="utf-8")
    text = text.replace("Please wait. A young person", "Café ➜ wait. A young person")
    (root / "docs/staff/sentences.md").write_text(text, encoding="utf-8")
    data = check_json(root, "docs/staff/sentences.md")
    assert ("sentence/too-long", 30, 14) in found(data, "docs/staff/sentences.md")


def test_line_finder_prefers_the_first_place_after_a_position() -> None:
    finder = LineFinder("Tell us.\nTell us everything now.\n\nTell us everything now.")
    assert finder.find("Tell us everything now", 1, 5) == (2, 1)
    assert finder.find("Tell us everything now", 1, 5, after=(2, 2)) == (4, 1)
    assert finder.find("Tell us everything now", 1, 5, after=(5, 1)) == (2, 1)  # nothing after: from the start


def test_line_finder_follows_words_across_line_ends() -> None:
    finder = LineFinder("Staff must act. Staff\nmust write it down today.")
    assert finder.find("Staff must write it down today.", 1, 3) == (1, 17)


def test_line_finder_column_is_the_matched_word_not_a_look_alike() -> None:
    finder = LineFinder("Please wait. A young person needs you.")
    assert finder.find("A young person needs you.", 1, 2) == (1, 14)


def test_line_finder_ignores_link_targets() -> None:
    finder = LineFinder("See [the help page](https://example.org/help/now) now.\nhelp now please")
    assert finder.find("help now please", 1, 3) == (2, 1)
    assert finder.find("the help page now", 1, 3) == (1, 6)


def test_line_finder_stays_inside_its_range() -> None:
    finder = LineFinder("one two\nthree four\none two")
    assert finder.find("one two", 2, 4) == (3, 1)
    assert finder.find("nothing like it", 1, 4) is None
    assert finder.find("...", 1, 4) is None


# --- front matter, CRLF and BOM -----------------------------------------------------------


def _findings_without_path(data: dict) -> list[tuple]:
    return sorted((f["rule"], f["line"], f["column"], f["section"], f["message"]) for f in data["findings"])


def _sections(data: dict) -> list[tuple]:
    return [(s["heading"], s["line"], s["words"], s["grade"]) for p in data["pages"] for s in p["sections"]]


@pytest.mark.parametrize("name", ["sentences.md", "readability.md", "exceptions.md"])
def test_front_matter_shifts_every_line_by_its_length(tmp_path: Path, name: str) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs/staff" / name
    text = file.read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    front_lines = text[: text.index(body)].count("\n")
    assert front_lines == 5
    with_front = check_json(root, f"docs/staff/{name}")
    file.write_text(body, encoding="utf-8")
    without = check_json(root, f"docs/staff/{name}")
    kept = [f for f in with_front["findings"] if not f["rule"].startswith(("review/", "pairing/"))]
    moved = [f for f in without["findings"] if not f["rule"].startswith(("review/", "pairing/"))]
    assert kept, "the fixture must produce findings"
    assert [(f["rule"], f["line"] - front_lines, f["column"]) for f in kept] == [(f["rule"], f["line"], f["column"]) for f in moved]
    assert [s["line"] - front_lines for s in page(with_front, f"docs/staff/{name}")["sections"]] == [
        s["line"] for s in page(without, f"docs/staff/{name}")["sections"]
    ]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), id="bom"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), id="bom+crlf"),
        pytest.param(lambda text: text.replace("\n", "\r").encode("utf-8"), id="old-mac-cr"),
    ],
)
@pytest.mark.parametrize("name", ["staff/sentences.md", "staff/exceptions.md", "young-people/words.md", "staff/review-overdue.md"])
def test_crlf_and_bom_give_the_same_findings_and_lines(tmp_path: Path, encode, name: str) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs" / name
    plain = check_json(root, f"docs/{name}")
    file.write_bytes(encode(file.read_text(encoding="utf-8")))
    variant = check_json(root, f"docs/{name}")
    assert plain["findings"], "the fixture must produce findings"
    assert _findings_without_path(variant) == _findings_without_path(plain)
    assert _sections(variant) == _sections(plain)


def test_last_section_keeps_its_lines_when_a_talk_box_follows_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The "Talk about it" box is not in the source: its heading must not end the section before it."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    project = tmp_path / "project"
    shutil.copytree(root / "docs", project / "docs")
    shutil.copy(root / "mkdocs.yml", project / "mkdocs.yml")
    target = project / "docs/young-people/devices.md"
    assert "themes:" in target.read_text(encoding="utf-8")  # so it gets a talk box
    target.write_text(target.read_text(encoding="utf-8") + "\nThe Serious Crimes Act 2017 is a law.\n", encoding="utf-8")
    monkeypatch.setenv("PLAINPOLICY_NO_CACHE", "1")
    data = check_json(project, "docs/young-people/devices.md")
    assert found(data, rule="glossary/rejected") == [("glossary/rejected", line_of(target, "Serious Crimes Act 2017"), 5)]


# --- invisible characters ------------------------------------------------------------------


def test_line_finder_reads_words_without_their_invisible_characters() -> None:
    """A soft hyphen or zero-width space the reader never sees does not hide a word's place."""
    finder = LineFinder("Tell us.\nWe will tell the police forth&shy;with and al\u200bways help.")
    assert finder.find("forthwith and always help", 1, 3) == (2, 25)
    assert finder.find("always help", 1, 3) == (2, 44)
    assert source_headings("## Sec\u00adond part", 1)[0].words == ("second", "part")


def test_a_finding_on_a_word_with_a_soft_hyphen_points_at_its_line(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    long = " ".join(["We"] + ["will always listen to you and help you"] * 5) + "."
    text = f"---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n# Help\n\n## Help\n\nBe kind. Re&shy;member: {long}\n"
    (root / "docs/staff/shy.md").write_text(text, encoding="utf-8")
    data = check_json(root, "docs/staff/shy.md")
    assert ("sentence/too-long", 10, 10) in found(data, "docs/staff/shy.md")
