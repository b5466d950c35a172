"""Sentences cut across blocks (issue 15, red-team): how fragments.py joins them back.

A block that does not end a sentence, followed by one that starts with a small
letter, is the same sentence, wherever the blocks are: paragraphs, a quote, a
definition list, nested lists, a box, the cells of one row. What must stay apart:
a lead-in with a colon and its separate items, and a two-cell row that is a label
and its text. Each test is a real page through the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import copy_site, run_cli, section

FRONT = "---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n"
SENTENCE = (
    "If you see something online that worries you or makes you feel upset in any way at all then you can tell one "
    "of our youth workers at the club and they will listen to you"
)  # 36 words


def pieces(size: int = 6) -> list[str]:
    words = SENTENCE.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_site("site", tmp_path)


def longest(root: Path, body: str) -> int:
    (root / "docs/young-people/joins.md").write_text(FRONT + "# Joins\n\n## Part\n\n" + body, encoding="utf-8")
    data = run_cli("check", "--format", "json", "docs/young-people/joins.md", cwd=root).json()
    return section(data, "docs/young-people/joins.md", "Part")["longest_sentence_words"]


def test_a_sentence_cut_into_quoted_paragraphs_is_one_sentence(root: Path) -> None:
    assert longest(root, "\n>\n".join(f"> {piece}" for piece in pieces()) + ".\n") == 36


def test_a_sentence_cut_into_nested_lists_is_one_sentence(root: Path) -> None:
    body = "".join(f"{'    ' * depth}- {piece}\n" for depth, piece in enumerate(pieces()))
    assert longest(root, body.rstrip("\n") + ".\n") == 36


def test_a_sentence_cut_into_definitions_is_one_sentence(root: Path) -> None:
    first, *rest = pieces()
    assert longest(root, f"{first}\n" + "".join(f":   {piece}\n\n" for piece in rest).rstrip("\n") + ".\n") == 36


def test_a_sentence_cut_across_a_box_is_one_sentence(root: Path) -> None:
    first, *rest = pieces()
    body = f"{first}\n\n!!! note\n\n" + "\n\n".join(f"    {piece}" for piece in rest) + ".\n"
    assert longest(root, body) == 36


def test_a_two_cell_row_is_a_label_and_its_text(root: Path) -> None:
    rows = "| What | Where |\n|---|---|\n| A data file's format | the module of the same name in the data folder |\n| A rule | its module in the rules folder and its entry in the list |\n"
    assert longest(root, f"We keep the code in folders. Here is where to look.\n\n{rows}") == 12


def test_a_cell_after_one_that_cannot_end_goes_on(root: Path) -> None:
    rows = "| What | Where |\n|---|---|\n| You can find the rules in | the folder we keep for them |\n"
    assert longest(root, f"We keep the code in folders. Here is where to look.\n\n{rows}") == 12
