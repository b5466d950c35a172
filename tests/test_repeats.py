"""What counts as a repeat (reading/repeats.py, rules/padding.py), after the red-team of issue 15.

Padding is found in list items, table rows, sentences that differ only by a number
and across sections; short genuine repeats stay harmless. Real pages, through the
command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import copy_site, run_cli

FRONT = "---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n"
TEXT = (
    "Write down what you saw and what you heard. Do it on the same day, while you still remember it well. "
    "Use the words the young person used. Say who was there and what time it was."
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_site("site", tmp_path)


def repeated(root: Path, body: str) -> list[dict]:
    (root / "docs/staff/repeats.md").write_text(FRONT + "# Repeats\n\n" + body, encoding="utf-8")
    data = run_cli("check", "--format", "json", "docs/staff/repeats.md", cwd=root).json()
    return [finding for finding in data["findings"] if finding["rule"] == "readability/repeated"]


def test_short_genuine_repeats_are_harmless(root: Path) -> None:
    table = "| Setting | Allowed |\n|---|---|\n| Photos | Yes |\n| Videos | Yes |\n| Chat | No |\n"
    body = f"## Part\n\n{TEXT} Call 116 123. Call 116 123. Thank you.\n\n[Read more](https://example.org)\n\n[Read more](https://example.org)\n\n{table}"
    assert repeated(root, body) == []


def test_header_rows_and_two_numbered_sentences_are_not_padding(root: Path) -> None:
    table = "| Law | What it covers |\n|---|---|\n| The first act | Sharing images. |\n"
    body = f"## Part\n\n{TEXT} Round 3 ran on 21 November. Round 4 ran on 22 November.\n\n{table}\n## Other\n\nKeep your notes in the work system. Do not keep them on your own phone. Ask the DSL if you are not sure.\n\n{table.replace('first', 'second')}"
    assert repeated(root, body) == []


def test_one_reminder_in_another_section_is_not_padding_but_two_are(root: Path) -> None:
    one = f"## First\n\nTell the DSL straight away. {TEXT}\n\n## Second\n\nTell the DSL straight away. Keep your notes safe.\n"
    assert repeated(root, one) == []
    two = one.replace("Keep your notes safe.", "Use the words the young person used.")
    (finding,) = repeated(root, two)
    assert finding["section"] == "Second" and '(also in "First")' in finding["message"]


def test_a_repeated_row_is_reported_at_its_line(root: Path) -> None:
    table = "| When | What |\n|---|---|\n| Monday night | We meet at the club. |\n| Monday night | We meet at the club. |\n"
    (finding,) = repeated(root, f"## Part\n\n{TEXT}\n\n{table}")
    assert finding["line"] == 15 and '"Monday night | We meet at the club." 2 times' in finding["message"]
