"""Glossary matching (issue 15): where rejected forms and abbreviations are found.

Hyphenated, plural and possessive forms are found; ordinary words in capitals and
Roman numerals are not abbreviations; each list item's finding has its own line;
nothing inside inline code is reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import copy_site, run_cli

FRONT = "---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_site("site", tmp_path_factory.mktemp("glossary"))


def check(root: Path, body: str) -> list[tuple[str, int, str]]:
    (root / "docs/staff/matching.md").write_text(FRONT + body, encoding="utf-8")
    run = run_cli("check", "--format", "json", "docs/staff/matching.md", cwd=root)
    assert run.code in (0, 1), run.err
    return [(f["rule"], f["line"], f["message"]) for f in run.json()["findings"] if f["rule"].startswith("glossary/")]


def test_hyphenated_forms_are_found(root: Path) -> None:
    found = check(root, "# Data\n\nOur forms are GDPR-compliant. Ask the child protection officer-led team.\n")
    assert ("glossary/rejected", 8, "\"GDPR\" is not the form we use.") in found
    assert ("glossary/rejected", 8, "\"child protection officer\" is not the form we use.") in found


def test_plural_and_possessive_abbreviations_are_found(root: Path) -> None:
    found = check(root, "# Data\n\nWe met two QZXs today.\n\nThe QZX's office is shut.\n")
    assert [(rule, line) for rule, line, _ in found] == [("glossary/unknown-abbreviation", 8), ("glossary/unknown-abbreviation", 10)]
    assert all("\"QZX\"" in message for _, _, message in found)


def test_capitalised_words_and_numerals_are_not_abbreviations(root: Path) -> None:
    found = check(root, "# Rules\n\nDo NOT share it. Tell us NOW. Read part II and part IV of the rules. Call 999.\n")
    assert found == []


def test_each_list_item_finding_has_its_own_line(root: Path) -> None:
    body = "# Data\n\nSome words we do not use:\n\n- GDPR rules\n- GDPR forms\n- GDPR checks\n"
    found = check(root, body)
    assert [(rule, line) for rule, line, _ in found] == [("glossary/rejected", 10), ("glossary/rejected", 11), ("glossary/rejected", 12)]


def test_nothing_inside_inline_code_is_reported(root: Path) -> None:
    body = (
        "# Data\n\n## The `GDPR` field\n\nThe field is called `GDPR` in the form, and `QZX` too.\n\n"
        "!!! note \"The `GDPR` box\"\n\n    Fill in the `QZX` box.\n"
    )
    assert check(root, body) == []
