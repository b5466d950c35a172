"""How a section under min_words is judged (issue 15, red-team of pooling).

A long section is always judged on its own, so it cannot hide a short hard section
next to it; short sections pool only with the short sections beside them, and a
short section with too few short neighbours is judged on its own words and
sentences. The report says which, in the JSON, the text output and `explain`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import copy_site, found, run_cli, section

FRONT = "---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n"
EASY = (
    "You can talk to us at any time. We will listen to you and help you stay safe. "
    "Your phone is yours. We will not look at it. You can block people who upset you. You can tell us if it happens. "
    "We will not be cross. It is never your fault. You can bring a friend. We meet on Monday nights. The club is free. "
    "There are snacks and games. You can choose what to do. Some nights we go out. We will tell you the plan first. "
    "You can say no to any of it. Your views matter to us. We ask what you think each term."
)
HARD = (
    "Confidentiality considerations necessitate comprehensive organisational documentation. "
    "Practitioners must evaluate proportionality systematically. Multidisciplinary collaboration "
    "necessitates explicit agreements."
)
SHORT_EASY = "We meet on Monday nights. You can bring a friend. The club is free for everyone."


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_site("site", tmp_path)


def write(root: Path, relative: str, body: str) -> str:
    (root / "docs" / relative).write_text(FRONT + body, encoding="utf-8")
    return f"docs/{relative}"


def test_a_short_section_beside_a_long_one_is_judged_on_its_own(root: Path) -> None:
    path = write(root, "young-people/short.md", f"# Club\n\n## Records\n\n{HARD}\n\n## At the club\n\n{EASY}\n")
    run = run_cli("check", "--format", "json", path, cwd=root)
    data = run.json()
    records = section(data, path, "Records")
    assert records["words"] < 100 and records["judged_by"] == "short: words and sentences" and records["pooled_with"] == []
    assert section(data, path, "At the club")["judged_by"] == "own score"
    (finding,) = [f for f in data["findings"] if f["rule"] == "readability/too-hard"]
    assert finding["line"] == 8 and "judged on its own words and sentences" in finding["message"]
    explained = run_cli("explain", path, cwd=root).out
    assert "It has no short section beside it to be scored with" in explained


def test_short_sections_side_by_side_still_pool(root: Path) -> None:
    body = f"# Club\n\n## Records\n\n{HARD}\n\n## Nights\n\n{SHORT_EASY}\n\n## At the club\n\n{EASY}\n"
    path = write(root, "young-people/two-short.md", body)
    data = run_cli("check", "--format", "json", path, cwd=root).json()
    records, nights = section(data, path, "Records"), section(data, path, "Nights")
    assert records["words"] + nights["words"] < 100
    assert (records["judged_by"], records["pooled_with"]) == ("short: words and sentences", ["Nights"])
    assert records["judged_grade"] == nights["judged_grade"] != records["grade"]
    assert ("readability/too-hard", 8, 1) in found(data)


def test_a_short_section_fails_on_a_long_sentence_too(root: Path) -> None:
    long_sentence = (
        "If you see something online that worries you or makes you feel upset in any way at all then you can tell one "
        "of our youth workers at the club and they will listen to you."
    )
    path = write(root, "staff/short-long.md", f"# Club\n\n## Records\n\n{long_sentence}\n\n## At the club\n\n{EASY}\n")
    data = run_cli("check", "--format", "json", path, cwd=root).json()
    messages = [f["message"] for f in data["findings"] if f["rule"] == "readability/too-hard"]
    assert len(messages) == 1 and "has a sentence of 36 words" in messages[0] and "judged on its own words and sentences" in messages[0]
