"""Words young readers do not know (issue 15): familiarity per voice, the plain-words
list, glossary jargon, hard words as written, and web addresses.

Each test writes a real page into a copy of the kit and runs the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import copy_project, run_cli, section

FRONT = "---\nreviewed: 2026-11-01\nowner: Designated safeguarding lead\nunpaired: \"Test page.\"\n---\n\n"


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("kit"))


def check(kit: Path, relative: str, body: str) -> dict:
    file = kit / "docs" / relative
    file.write_text(FRONT + body, encoding="utf-8")
    try:
        run = run_cli("check", "--format", "json", f"docs/{relative}", cwd=kit)
    finally:
        file.unlink()
    assert run.code in (0, 1), run.err
    return run.json()


def rules(data: dict, rule: str) -> list[dict]:
    return [f for f in data["findings"] if f["rule"] == rule]


JARGON_SECTION = (
    "# What we do\n\n## When you tell us\n\n"
    "The DSL will triage each flag. We escalate it if the risk is acute. "
    "The DSL logs it on the case file and checks the threshold. "
    "If it meets the threshold, the DSL makes a referral. "
    "We will keep you safe and we will tell you what we do next. "
    "You can ask us about it at any time, and we will answer you.\n"
)


def test_short_jargon_passes_the_formula_but_not_the_word_check(kit: Path) -> None:
    data = check(kit, "young-people/jargon.md", JARGON_SECTION)
    sections = data["pages"][0]["sections"]
    assert all(s["grade"] <= 6 for s in sections if s["words"]), "Flesch-Kincaid alone lets it pass"
    (finding,) = rules(data, "readability/unfamiliar-words")
    assert finding["line"] == 9 and finding["severity"] == "error"
    for word in ("triage", "escalate", "acute", "threshold", "referral"):
        assert word in finding["hint"]
    assert "DSL" not in finding["hint"], "a glossary term the page explains counts as known"


def test_the_same_words_pass_for_staff(kit: Path) -> None:
    data = check(kit, "staff/jargon.md", JARGON_SECTION)
    assert rules(data, "readability/unfamiliar-words") == []


def test_a_section_dense_with_glossary_terms_is_flagged(kit: Path) -> None:
    body = (
        "# Words\n\n## Online harms\n\n"
        "Grooming, sextortion and exploitation are online harms. The DSL and the CEOP team look at sextortion. "
        "Child sexual exploitation and child criminal exploitation are kinds of exploitation. "
        "Grooming can lead to sextortion. Tell the DSL or CEOP. The DSL will tell you what we do next.\n"
    )
    data = check(kit, "young-people/dense.md", body)
    (finding,) = rules(data, "readability/jargon")
    assert "glossary words" in finding["message"] and "exploitation" in finding["hint"]


def test_plain_words_list_suggests_the_plainer_word(kit: Path) -> None:
    body = (
        "# Rules\n\n## When we share\n\n"
        "We tell the police forthwith.\n\n"
        "We keep it private, save where you are in danger. We utilise a locked cupboard.\n"
    )
    data = check(kit, "staff/legal.md", body)
    found = [(f["line"], f["message"]) for f in rules(data, "readability/plain-words")]
    assert found == [
        (11, "\"forthwith\": write \"now\" instead."),
        (13, "\"save where\": write \"except when\" instead."),
        (13, "\"utilise\": write \"use\" instead."),
    ]
    assert all("Why: " in f["hint"] and "docs/plain-words.yml" in f["hint"] for f in rules(data, "readability/plain-words"))


def test_plain_words_for_one_voice_only(kit: Path) -> None:
    body = "# Rules\n\n## What we do\n\nWe ensure that you are safe.\n"
    assert rules(check(kit, "staff/ensure.md", body), "readability/plain-words") == []
    assert len(rules(check(kit, "young-people/ensure.md", body), "readability/plain-words")) == 1


def test_hard_words_are_shown_as_written_and_addresses_are_not_words(kit: Path) -> None:
    body = (
        "# Prevent\n\n## Our duty\n\n"
        "Extra-curricular clubs apply it too. See https://www.legislation.gov.uk/ukpga/2015/6/part/5/chapter/1/enacted "
        "or write to prevent.enquiries@homeoffice.example.gov.uk for help.\n"
    )
    file = kit / "docs/staff/prevent.md"
    file.write_text(FRONT + body, encoding="utf-8")
    try:
        run = run_cli("explain", "docs/staff/prevent.md", cwd=kit)
    finally:
        file.unlink()
    hardest = next(line for line in run.out.splitlines() if "Its hardest words" in line)
    assert "extra-curricular" in hardest and "extracurricular" not in hardest
    assert "legislation" not in hardest and "homeoffice" not in hardest and "enquiries" not in hardest


def test_a_web_address_is_scored_as_one_short_word(kit: Path) -> None:
    body = "# Help\n\n## Where to look\n\nLook at https://www.thinkuknow.co.uk/eleven-to-eighteen/ with us. Ask us.\n"
    data = check(kit, "young-people/address.md", body)
    where = section(data, "docs/young-people/address.md", "Where to look")
    assert (where["words"], where["syllables"]) == (7, 7)  # "Look at link with us. Ask us."
    assert rules(data, "readability/too-hard") == []


def test_a_stored_result_is_not_reused_after_the_plain_words_list_changes(kit: Path, tmp_path: Path) -> None:
    from plainpolicy_testing import offline_env, run_subprocess

    env = offline_env({"PLAINPOLICY_CACHE_DIR": str(tmp_path / "cache")})
    env.pop("PLAINPOLICY_NO_CACHE", None)
    page = kit / "docs/staff/stored.md"
    page.write_text(FRONT + "# Stored\n\nWe will act promptly when you tell us.\n", encoding="utf-8")
    words_file = kit / "docs/plain-words.yml"
    original = words_file.read_text(encoding="utf-8")
    try:
        first = run_subprocess("check", "docs/staff/stored.md", cwd=kit, env=env)
        assert "readability/plain-words" not in first.out
        # The same size: only the file's content tells the change apart.
        changed = original.replace("word: forthwith", "word: promptly ")
        assert len(changed) == len(original) and changed != original
        words_file.write_text(changed, encoding="utf-8")
        second = run_subprocess("check", "docs/staff/stored.md", cwd=kit, env=env)
        assert "\"promptly\": write \"now\" instead." in second.out
    finally:
        words_file.write_text(original, encoding="utf-8")
        page.unlink()
