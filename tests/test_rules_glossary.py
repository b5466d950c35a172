"""Glossary rules: rejected forms, unknown abbreviations, missing per-voice definitions, mixed forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import check_json, copy_site, found, line_of, site

SITE = site("site")
YP_WORDS = SITE / "docs/young-people/words.md"


@pytest.fixture(scope="module")
def words() -> dict:
    return check_json(SITE, "docs/young-people/words.md", "docs/staff/words.md", "docs/index.md")


def by_rule(data: dict, path: str, rule: str) -> list[dict]:
    return [f for f in data["findings"] if f["path"] == path and f["rule"] == rule]


def test_every_glossary_finding_on_the_failing_page(words: dict) -> None:
    assert found(words, "docs/young-people/words.md") == [
        ("glossary/mixed-forms", 12, 5),
        ("glossary/rejected", 13, 34),
        ("glossary/unknown-abbreviation", 17, 39),
        ("glossary/rejected", 18, 32),
        ("glossary/no-definition", 19, 1),
        ("glossary/rejected", 24, 27),
    ]


def test_rejected_form_names_the_preferred_form_and_the_reason(words: dict) -> None:
    (officer,) = [f for f in by_rule(words, "docs/young-people/words.md", "glossary/rejected") if "child protection officer" in f["message"]]
    assert officer["line"] == line_of(YP_WORDS, "child protection officer")
    assert officer["severity"] == "error" and officer["section"] == "Who to tell" and officer["voice"] == "young-people"
    assert 'Write "designated safeguarding lead" instead' in officer["hint"]
    assert "We call this person the designated safeguarding lead." in officer["hint"]


def test_a_form_rejected_for_one_voice_only(words: dict) -> None:
    assert [f["line"] for f in by_rule(words, "docs/young-people/words.md", "glossary/rejected") if '"sexting"' in f["message"]] == [
        line_of(YP_WORDS, "sexting")
    ]
    assert found(words, "docs/staff/words.md") == [], "staff may say sexting"


def test_a_rejected_abbreviation_inside_an_accepted_form_is_fine(words: dict) -> None:
    gdpr = [f for f in by_rule(words, "docs/young-people/words.md", "glossary/rejected") if '"GDPR"' in f["message"]]
    assert [(f["line"], f["column"]) for f in gdpr] == [(line_of(YP_WORDS, "mix it up with the GDPR"), 27)]
    assert line_of(YP_WORDS, "The UK GDPR says") not in [f["line"] for f in gdpr]


def test_unknown_abbreviation_but_known_ones_pass(words: dict) -> None:
    unknown = by_rule(words, "docs/young-people/words.md", "glossary/unknown-abbreviation")
    assert [(f["message"].split('"')[1], f["line"]) for f in unknown] == [("LADO", 17)]
    assert "abbreviations: [LADO]" in unknown[0]["hint"]
    assert found(words, "docs/index.md") == [("glossary/unknown-abbreviation", 4, 1)]  # CEOP; DSL and NSPCC are known


def test_missing_definition_for_the_pages_voice(words: dict) -> None:
    (missing,) = by_rule(words, "docs/young-people/words.md", "glossary/no-definition")
    assert '"Grooming"' in missing["message"] and "Young people definition" in missing["message"]
    assert "Add a 'young-people' definition to 'grooming'" in missing["hint"]
    # The staff page uses "Grooming" too, and has its definition.
    assert not by_rule(words, "docs/staff/words.md", "glossary/no-definition")


def test_mixed_forms_warn_at_the_second_form(words: dict) -> None:
    (mixed,) = by_rule(words, "docs/young-people/words.md", "glossary/mixed-forms")
    assert mixed["severity"] == "warning"
    assert (mixed["line"], mixed["column"]) == (line_of(YP_WORDS, "The safeguarding lead will listen"), 5)
    assert '"designated safeguarding lead", "safeguarding lead"' in mixed["message"]


def test_an_abbreviation_with_its_full_form_is_not_a_mixed_form(words: dict) -> None:
    # staff/words.md: "designated safeguarding lead (DSL)", "The DSL", "The DSL's notes", "all DSLs".
    assert not by_rule(words, "docs/staff/words.md", "glossary/mixed-forms")


def test_the_second_use_of_a_rejected_form_in_a_section_has_its_own_line(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs/young-people/words.md"
    file.write_text(file.read_text(encoding="utf-8") + "The GDPR again.\n\nAnd the GDPR once more.\n", encoding="utf-8")
    data = check_json(root, "docs/young-people/words.md")
    gdpr = [(f["line"], f["column"]) for f in data["findings"] if '"GDPR"' in f["message"]]
    assert gdpr == [(24, 27), (25, 5), (27, 9)]


def test_no_glossary_configured_means_no_glossary_rules(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      glossary: glossary.yml\n", ""), encoding="utf-8")
    data = check_json(root, "docs/young-people/words.md")
    assert found(data, rule="glossary") == []


def test_words_inside_code_and_link_targets_are_not_checked(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs/staff/words.md"
    file.write_text(
        file.read_text(encoding="utf-8")
        + "\n## Code\n\nRun `LADO --sexting` or read [the page](https://example.org/GDPR/child-protection-officer).\n\n```\nGDPR LADO\n```\n",
        encoding="utf-8",
    )
    data = check_json(root, "docs/staff/words.md")
    assert found(data, "docs/staff/words.md") == []
