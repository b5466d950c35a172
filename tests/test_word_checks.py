"""The word checks' edges: names against capitalised words, words broken by a hyphen,
everyday abbreviations and their data, through the command line on the kit's own
configuration (word lists, plain words, glossary)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import copy_project, found, run_cli

FRONT = "---\ntitle: Test\nsummary: A test page.\nreviewed: 2026-11-01\nowner: Designated safeguarding lead\nunpaired: \"Test page.\"\n---\n\n"
EASY = "You can talk to us about anything. We will listen and we will help you. "


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("kit"))


def check(root: Path, name: str, body: str) -> dict:
    (root / "docs" / "young-people" / name).write_text(FRONT + "# Help\n\n## Help\n\n" + body + "\n", encoding="utf-8")
    run = run_cli("check", "--format", "json", f"docs/young-people/{name}", cwd=root)
    assert run.code in (0, 1), run.err
    return run.json()


def unfamiliar(data: dict) -> str:
    return " ".join(finding["hint"] for finding in data["findings"] if finding["rule"] == "readability/unfamiliar-words")


def test_names_are_not_unfamiliar_words(kit: Path) -> None:
    """Places, brands and organisations keep their capital and are never counted."""
    body = EASY + "Come to our club in Leeds on a Monday. You can find us on Google or ask Childline. It is called Incognito in Chrome."
    data = check(kit, "names.md", body)
    assert not found(data, rule="readability/unfamiliar-words")


def test_a_capitalised_word_names_the_word_as_written(kit: Path) -> None:
    body = "The DSL will Triage each Flag and Escalate it if the Risk is Acute. The lead will Liaise with the Agency."
    hint = unfamiliar(check(kit, "capitals.md", body))
    assert "Triage" in hint and "Escalate" in hint and "Leeds" not in hint


def test_a_plain_word_broken_by_a_hyphen_is_found(kit: Path) -> None:
    data = check(kit, "hyphen.md", EASY + "We will tell the police forth-with.")
    assert [finding["message"] for finding in data["findings"] if finding["rule"] == "readability/plain-words"] == [
        '"forth-with": write "now" instead.'
    ]


def test_a_rejected_form_broken_by_a_hyphen_is_found_once(kit: Path) -> None:
    data = check(kit, "rejected.md", EASY + "Tell us about sex-ting. Read about e-safety too.")
    messages = [finding["message"] for finding in data["findings"] if finding["rule"] == "glossary/rejected"]
    assert messages == ['"sex-ting" is not the form we use.', '"e-safety" is not the form we use.']


def test_everyday_abbreviations_and_postcodes_are_not_unknown(kit: Path) -> None:
    body = EASY + "It is OK. Bring your ID and see your GP. Our club is at SW1A 1AA. We watch TV."
    assert not found(check(kit, "everyday.md", body), rule="glossary/unknown-abbreviation")


def test_an_unknown_abbreviation_is_still_reported(kit: Path) -> None:
    data = check(kit, "unknown.md", EASY + "Ask the QZX about it.")
    assert [finding["message"] for finding in data["findings"] if finding["rule"] == "glossary/unknown-abbreviation"] == [
        '"QZX" looks like an abbreviation, but it is not in the glossary.'
    ]


@pytest.mark.parametrize(
    ("data_file", "written", "wrong"),
    [("glossary.yml", "  - OK     # all right", "  - ok"), ("plain-words.yml", "  - Chrome", "  - chrome")],
    ids=["everyday-abbreviation", "name"],
)
def test_an_entry_in_small_letters_is_a_clear_error(tmp_path: Path, data_file: str, written: str, wrong: str) -> None:
    """An everyday abbreviation (glossary.yml) or a name (plain-words.yml) written in small letters."""
    root = copy_project(tmp_path)
    file = root / "docs" / data_file
    file.write_text(file.read_text(encoding="utf-8").replace(written, wrong), encoding="utf-8")
    run = run_cli("check", "docs/young-people", cwd=root)
    assert run.code == 2 and data_file in run.err and f"not: {wrong.strip(' -')}" in run.err and "Traceback" not in run.err
