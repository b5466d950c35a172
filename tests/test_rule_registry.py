"""The registry of rules (scripts/plainpolicy/rules/registry.yml) against the code.

- Every rule id the code can report is in the registry, and every registry id is
  reported somewhere: ids are found by reading the package's source for strings
  shaped like a rule id ("family/words-with-hyphens").
- Each rule's failing example, checked by the real `plainpolicy check` on a small
  site (tests/fixtures/rule-examples), reports that rule at the registry's
  severity, and its passing example does not report it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from plainpolicy.errors import CannotRun
from plainpolicy.rules.registry import (
    REGISTRY_FILE,
    Example,
    Rule,
    load_registry,
    rules,
)
from plainpolicy_testing import REPO, copy_site, mkdocs_build, run_cli

PACKAGE = REPO / "scripts" / "plainpolicy"
RULE_ID = re.compile(r"[a-z]+/[a-z]+(?:-[a-z]+)*")
WITH_EXAMPLES = [item for item in rules() if item.fails is not None]


def ids_in_source() -> dict[str, set[str]]:
    """Every string constant in the package shaped like a rule id -> the files it is in."""
    found: dict[str, set[str]] = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.fullmatch(node.value):
                found.setdefault(node.value, set()).add(file.relative_to(PACKAGE).as_posix())
            assert not (isinstance(node, ast.JoinedStr) and _starts_like_an_id(node)), f"{file}: a rule id made from parts cannot be found: use one constant per rule"
    return found


def _starts_like_an_id(node: ast.JoinedStr) -> bool:
    first = node.values[0] if node.values else None
    return isinstance(first, ast.Constant) and isinstance(first.value, str) and re.fullmatch(r"[a-z]+/[a-z-]*", first.value) is not None and len(node.values) > 1


def test_every_id_the_code_reports_is_in_the_registry_and_back() -> None:
    in_code = ids_in_source()
    registered = {item.id for item in rules()}
    assert sorted(set(in_code) - registered) == [], "rule ids in the code but not in rules/registry.yml"
    assert sorted(registered - set(in_code)) == [], "rule ids in rules/registry.yml that no code reports"


def test_registry_entries_are_complete() -> None:
    for item in rules():
        assert item.family == item.id.split("/")[0]
        assert item.description.endswith(".") and "\n" not in item.description
        assert (item.fails is None) == bool(item.why_no_examples), item.id
    assert len(WITH_EXAMPLES) >= len(rules()) - 5, "only a few rules may go without examples (those that need a symlink or the build)"


def example_site(tmp_path: Path, example: Example) -> Path:
    """The rule-examples site with the example's page, files, settings and config added."""
    site = copy_site("rule-examples", tmp_path)
    config_file = site / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugin = next(entry["plainpolicy"] for entry in config["plugins"] if isinstance(entry, dict) and "plainpolicy" in entry)
    plugin.update(example.settings)
    config.update(example.config)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    files = dict(example.files)
    if example.page:
        files[f"docs/{example.path}"] = example.page
    for relative, text in files.items():
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return site


def findings_of(tmp_path: Path, example: Example, identifier: str) -> list[dict[str, Any]]:
    site = example_site(tmp_path, example)
    run = run_cli("check", "--format", "json", cwd=site)
    assert run.code in (0, 1), f"exit {run.code}: {run.err}"
    return [finding for finding in run.json()["findings"] if finding["rule"] == identifier]


@pytest.mark.parametrize("item", WITH_EXAMPLES, ids=[item.id for item in WITH_EXAMPLES])
def test_failing_example_reports_the_rule_at_its_severity(tmp_path: Path, item: Rule) -> None:
    assert item.fails is not None
    found = findings_of(tmp_path, item.fails, item.id)
    assert found, f"{item.id}: its failing example (registry.yml line {item.line}) does not report it"
    assert {finding["severity"] for finding in found} == {item.severity}


@pytest.mark.parametrize("item", WITH_EXAMPLES, ids=[item.id for item in WITH_EXAMPLES])
def test_passing_example_does_not_report_the_rule(tmp_path: Path, item: Rule) -> None:
    assert item.passes is not None
    found = findings_of(tmp_path, item.passes, item.id)
    assert found == [], f"{item.id}: its passing example (registry.yml line {item.line}) reports it"


BROKEN = [
    ("rules:\n  - id: sentence/too-long\n    family: sentence\n    severity: loud\n    description: Long.\n    examples: none\n    why_no_examples: Because.\n", 2, "severity must be one of error, warning, info"),
    ("rules:\n  - id: sentence/too-long\n    family: readability\n    severity: error\n    description: Long.\n    examples: none\n    why_no_examples: Because.\n", 2, "the family is the part of the id before the slash"),
    ("rules:\n  - id: Sentence Too Long\n    family: sentence\n    severity: error\n    description: Long.\n    examples: none\n    why_no_examples: Because.\n", 2, "must be family/words-joined-by-hyphens"),
    ("rules:\n  - id: sentence/too-long\n    family: sentence\n    severity: error\n    description: Long.\n    examples: none\n", 2, "say why in 'why_no_examples:'"),
    ("rules:\n  - id: sentence/too-long\n    family: sentence\n    severity: error\n    description: Long.\n    examples:\n      fails: x\n", 2, "needs 'examples:' with 'fails:' and 'passes:'"),
    ("rules:\n  - id: a/b\n    family: a\n    severity: error\n    description: B.\n    examples:\n      fails: [1]\n      passes: x\n", 7, "an example is a page's text"),
    ("rules:\n  - id: a/b\n    family: a\n    severity: error\n    description: B.\n    examples: none\n    why_no_examples: C.\n"
     "  - id: a/b\n    family: a\n    severity: error\n    description: B.\n    examples: none\n    why_no_examples: C.\n", 8, "listed twice (first on line 2)"),
    ("rules:\n  - id: a/b\n   family: a\n", 3, "not valid YAML"),
]


@pytest.mark.parametrize(("text", "line", "words"), BROKEN)
def test_a_broken_entry_names_the_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    file = tmp_path / "registry.yml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(CannotRun) as raised:
        load_registry(file, "registry.yml")
    assert raised.value.path == "registry.yml"
    assert raised.value.line == line
    assert words in raised.value.message


def test_the_registry_ships_with_the_package() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"plainpolicy.rules" = ["registry.yml"]' in pyproject
    assert REGISTRY_FILE.is_file()


def test_the_example_site_alone_has_no_findings() -> None:
    """So that every finding in an example's check comes from the example."""
    run = run_cli("check", "--format", "json", cwd=REPO / "tests" / "fixtures" / "rule-examples")
    assert run.code == 0, run.err
    assert run.json()["findings"] == []


# --- plainpolicy rules / explain RULE-ID ---------------------------------------------
def test_rules_lists_every_rule_with_its_severity_and_description(tmp_path: Path) -> None:
    run = run_cli("rules", cwd=tmp_path)
    assert run.code == 0, run.err
    for item in rules():
        line = next(line for line in run.out.splitlines() if line.startswith(item.id + " "))
        assert line.split()[1] == item.severity
        assert line.endswith(item.description)


@pytest.mark.parametrize("command", ["rules", "explain"])
def test_one_rule_is_shown_with_both_examples(tmp_path: Path, command: str) -> None:
    item = next(item for item in rules() if item.id == "glossary/rejected")
    assert item.fails is not None and item.passes is not None
    run = run_cli(command, item.id, cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.startswith("Rule: glossary/rejected (family: glossary)\nSeverity: error")
    assert item.description in run.out
    fails, passes = run.out.split("\nFails:\n")[1].split("\nPasses:\n")
    assert "    Tell the child protection officer about every worry." in fails.splitlines()
    assert "    Tell the designated safeguarding lead about every worry." in passes.splitlines()
    assert "    - form: child protection officer" in "\n".join(fails.splitlines())  # the glossary the example needs
    assert "docs/glossary.yml" not in passes  # the same file is not shown twice


def test_a_rule_without_examples_says_why(tmp_path: Path) -> None:
    run = run_cli("rules", "security/outside-file", cwd=tmp_path)
    assert run.code == 0
    assert "No example: It needs a symbolic link" in run.out


def test_an_unknown_rule_id_is_a_clear_error(tmp_path: Path) -> None:
    run = run_cli("rules", "sentence/too-short", cwd=tmp_path)
    assert run.code == 2
    assert run.err == "plainpolicy: sentence/too-short: no rule has this id; `plainpolicy rules` lists every rule\n"
    assert run.out == ""


def test_rules_wrap_to_the_terminal_but_examples_stay_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    wide = run_cli("rules", cwd=tmp_path).out.splitlines()
    assert max(len(line) for line in wide) <= 100
    assert "sentence/too-long              warning  A sentence, heading or box title has more words than its" in wide
    monkeypatch.setenv("COLUMNS", "50")
    narrow = run_cli("rules", cwd=tmp_path).out.splitlines()
    assert max(len(line) for line in narrow) <= 50
    assert narrow[narrow.index("sentence/too-long  warning") + 1] == "    A sentence, heading or box title has more"
    shown = run_cli("rules", "sentence/too-long", cwd=tmp_path).out.splitlines()
    assert shown[1] == "Severity: warning (a strict build fails), unless"
    assert "    When a young person sends you a message late at night about something that worries them," in shown


# --- the contributors' rule list -------------------------------------------------------
RULE_LIST = REPO / "docs" / "contributing" / "rule-list.md"
LEVEL_WORDS = {"error": "error", "warning": "warning", "info": "note"}


def rule_table() -> str:
    """The table docs/contributing/rule-list.md must end with: every rule, in the registry's order."""
    rows = [f"| `{item.id}` | {LEVEL_WORDS[item.severity]} | {item.description} |" for item in rules()]
    return "\n".join(["| Rule | Level | What it finds |", "| --- | --- | --- |", *rows]) + "\n"


def test_the_contributors_rule_list_is_the_registry() -> None:
    text = RULE_LIST.read_text(encoding="utf-8")
    expected = rule_table()
    assert text.endswith("\n## The rules\n\n" + expected), (
        "docs/contributing/rule-list.md and rules/registry.yml disagree: end the page with this table\n\n" + expected
    )


def test_the_rule_list_is_in_the_menu_and_linked_from_the_checks_page() -> None:
    assert "rule-list.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "(rule-list.md)" in (REPO / "docs" / "contributing" / "checks.md").read_text(encoding="utf-8")


# --- a site's own levels: severities: in mkdocs.yml ------------------------------------
# A page whose one finding is a heading over the staff limit of 25 words (sentence/too-long, a warning).
LONG_HEADING = Example(
    "---\ntitle: Messages\nreviewed: 2026-10-01\nunpaired: A test page.\n---\n\n# Messages\n\n"
    "## What to do when a young person sends you a message late at night about something that worries them and asks you to keep it secret\n\n"
    "Reply the next morning from your work account. Tell the safeguarding lead what they said.\n"
)


def with_severities(tmp_path: Path, text: str, example: Example | None = None) -> Path:
    """The rule-examples site with the long-sentence page and `text` (lines of YAML) under the plugin's settings."""
    site = example_site(tmp_path, example or LONG_HEADING)
    config = site / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    at = lines.index("    glossary: glossary.yml")
    config.write_text("\n".join(lines[: at + 1] + text.rstrip("\n").split("\n") + lines[at + 1 :]), encoding="utf-8")
    return site


def levels(site: Path, rule_id: str) -> tuple[int, set[str]]:
    run = run_cli("check", "--format", "json", cwd=site)
    assert run.code in (0, 1), run.err
    return run.code, {finding["severity"] for finding in run.json()["findings"] if finding["rule"] == rule_id}


def test_a_site_can_make_a_rule_stricter_or_milder(tmp_path: Path) -> None:
    assert levels(example_site(tmp_path / "as-shipped", LONG_HEADING), "sentence/too-long") == (0, {"warning"})
    stricter = with_severities(tmp_path / "stricter", "    severities:\n      sentence/too-long: error\n      pairing/missing-partner: info\n")
    assert levels(stricter, "sentence/too-long") == (1, {"error"})
    partner = with_severities(tmp_path / "partner", "    severities:\n      pairing/missing-partner: info\n", Example(LONG_HEADING.page.replace("unpaired: A test page.\n", "")))
    assert levels(partner, "pairing/missing-partner") == (0, {"info"})
    milder = with_severities(tmp_path / "milder", "    severities:\n      sentence/too-long: info\n")
    code, found = levels(milder, "sentence/too-long")
    assert found == {"info"}
    assert run_cli("check", "--strict", cwd=milder).code == 0  # a note never fails, even a strict check


def test_the_site_level_reaches_explain(tmp_path: Path) -> None:
    site = with_severities(tmp_path, "    severities:\n      sentence/too-long: error\n")
    run = run_cli("explain", "docs/staff/example.md", cwd=site)
    assert run.code == 1, run.out + run.err
    assert "Problem" in run.out and "[sentence/too-long]" in run.out


def test_severities_apply_to_site_wide_findings(tmp_path: Path) -> None:
    missing = next(item for item in rules() if item.id == "commitment/missing")
    site = with_severities(tmp_path, "    severities:\n      commitment/missing: warning\n", missing.fails)
    assert levels(site, "commitment/missing") == (0, {"warning"})


def test_the_older_settings_still_work_and_severities_wins(tmp_path: Path) -> None:
    older = with_severities(tmp_path / "older", "    long_sentence: error\n")
    assert levels(older, "sentence/too-long") == (1, {"error"})
    both = with_severities(tmp_path / "both", "    long_sentence: error\n    severities:\n      sentence/too-long: warning\n")
    assert levels(both, "sentence/too-long") == (0, {"warning"})


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ("sentence/too-lng: error", "no rule is called 'sentence/too-lng' (`plainpolicy rules` lists every rule)"),
        ("sentence/too-long: fatal", "'sentence/too-long' must be error, warning or info, not 'fatal'"),
        ("security/raw-html: warning", "'security/raw-html' keeps readers safe (security, consent for images, contacts that work): it can be made stricter, never milder than error"),
        ("images/verbal-consent: info", "never milder than error"),
    ],
)
def test_a_wrong_severity_names_mkdocs_yml_and_the_line(tmp_path: Path, setting: str, words: str) -> None:
    site = with_severities(tmp_path, f"    severities:\n      review/missing: info\n      {setting}\n")
    line = 1 + (site / "mkdocs.yml").read_text(encoding="utf-8").split("\n").index(f"      {setting}")
    run = run_cli("check", cwd=site)
    assert run.code == 2
    assert run.err.startswith(f"plainpolicy: mkdocs.yml:{line}: plainpolicy 'severities': ") and run.err.endswith(words + "\n")


def test_a_wrong_severity_in_an_inherited_file_names_that_file_and_its_line(tmp_path: Path) -> None:
    """The plugin's settings may live in a parent file (INHERIT): the message names it, with the line."""
    site = with_severities(tmp_path, "    severities:\n      review/missing: info\n      sentence/too-lng: error\n")
    config = site / "mkdocs.yml"
    (site / "shared").mkdir()
    (site / "shared" / "base.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.write_text("INHERIT: shared/base.yml\nsite_name: A site that inherits its settings\n", encoding="utf-8")
    line = 1 + (site / "shared" / "base.yml").read_text(encoding="utf-8").split("\n").index("      sentence/too-lng: error")
    run = run_cli("check", cwd=site)
    assert run.code == 2
    assert run.err.startswith(f"plainpolicy: shared/base.yml:{line}: plainpolicy 'severities': no rule is called 'sentence/too-lng'"), run.err


def test_a_level_for_site_placeholder_is_refused_naming_the_line(tmp_path: Path) -> None:
    """site/placeholder is an error when publishing and a note while previewing, whatever
    severities: says; a level written for it would silently do nothing, so it is refused
    (and the preview and the publishing build keep their levels)."""
    from plainpolicy_testing import copy_project, line_of

    project = copy_project(tmp_path / "kit", lambda text: text.replace("  - plainpolicy:\n", "  - plainpolicy:\n      severities:\n        site/placeholder: error\n", 1))
    run = run_cli("check", cwd=project)
    assert run.code == 2 and "Traceback" not in run.err
    assert f"mkdocs.yml:{line_of(project / 'mkdocs.yml', 'site/placeholder: error')}: plainpolicy 'severities': 'site/placeholder' cannot be given a level" in run.err, run.err


def test_severities_must_be_a_mapping(tmp_path: Path) -> None:
    site = with_severities(tmp_path, "    severities: [sentence/too-long]\n")
    run = run_cli("check", cwd=site)
    assert run.code == 2
    assert "plainpolicy 'severities' must map rule ids to error, warning or info" in run.err


def test_protected_rules_are_the_ones_no_page_may_excuse() -> None:
    from plainpolicy.engine.checker import never_excused

    for item in rules():
        if never_excused(item.id):
            assert item.protected, f"{item.id} cannot be excused in a page, so no site may make it milder"


def clean_site_with(tmp_path: Path, settings: str) -> Path:
    """The clean fixture (MkDocs is run on it) with the long-heading page and `settings` under the plugin."""
    site = copy_site("clean", tmp_path)
    (site / "docs" / "staff" / "messages.md").write_text(LONG_HEADING.page, encoding="utf-8")
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      overdue_review: warning\n", "      overdue_review: warning\n" + settings), encoding="utf-8")
    return site


def test_the_site_build_uses_the_sites_levels(tmp_path: Path) -> None:
    shipped = mkdocs_build(clean_site_with(tmp_path / "shipped", ""), tmp_path / "out1", strict=False)
    assert shipped.returncode == 0, shipped.stderr
    assert "sentence/too-long" in shipped.stderr
    stricter = mkdocs_build(clean_site_with(tmp_path / "stricter", "      severities:\n        sentence/too-long: error\n"), tmp_path / "out2", strict=False)
    assert stricter.returncode == 1
    assert "sentence/too-long" in stricter.stderr and "1 error" in stricter.stderr


def test_the_site_build_names_a_wrong_severity_and_its_line(tmp_path: Path) -> None:
    site = clean_site_with(tmp_path, "      severities:\n        sentence/too-lng: error\n")
    line = 1 + (site / "mkdocs.yml").read_text(encoding="utf-8").split("\n").index("        sentence/too-lng: error")
    build = mkdocs_build(site, tmp_path / "out", strict=False)
    assert build.returncode == 1
    assert f"mkdocs.yml:{line}: plainpolicy 'severities': no rule is called 'sentence/too-lng'" in build.stderr


def test_explaining_a_page_points_to_its_rules_examples(tmp_path: Path) -> None:
    site = example_site(tmp_path, LONG_HEADING)
    page = run_cli("explain", "docs/staff/example.md", cwd=site)
    assert page.code == 0, page.err
    assert "\nTo see what a rule means, with examples, run `plainpolicy explain sentence/too-long` with its name.\nNext: " in page.out
    rule_help = run_cli("explain", "sentence/too-long", cwd=site)
    assert rule_help.code == 0 and rule_help.out.startswith("Rule: sentence/too-long")


def test_a_placeholder_a_young_person_would_tap_cannot_be_made_milder(tmp_path: Path) -> None:
    site = with_severities(tmp_path, "    severities:\n      site/placeholder: info\n")
    run = run_cli("check", cwd=site)
    assert run.code == 2
    assert "'site/placeholder' keeps readers safe" in run.err


# --- page checks through the registry ---------------------------------------------------
def test_every_page_check_the_registry_lists_is_a_module_with_check() -> None:
    from plainpolicy.rules.registry import page_checks

    checks = page_checks()
    names = [check.__module__.rsplit(".", 1)[1] for check in checks]
    assert names == ["readability", "pairing", "review", "placeholder", "glossary_rules", "references", "voice", "security", "images", "nation_terms"]
    assert all(check.__name__ == "check" for check in checks)


def test_the_checker_calls_no_page_rule_by_hand() -> None:
    """check_page goes through page_checks(): no family's own function is imported there."""
    source = (PACKAGE / "engine" / "checker.py").read_text(encoding="utf-8")
    for name in ("check_readability", "check_pairing", "check_review", "check_placeholders", "check_glossary", "check_ids", "check_security", "check_page_images", "check_nation_terms", "unknown_voice"):
        assert name not in source, name


@pytest.mark.parametrize(
    ("listed", "words"),
    [
        ("[readability, spelling]", "'page_checks:' names 'spelling', but there is no module plainpolicy/rules/spelling.py"),
        ("[readability, registry]", "'page_checks:' names 'registry', but plainpolicy/rules/registry.py has no check(context) function"),
        ("readability", "'page_checks:' must list, before 'rules:', the modules under plainpolicy/rules/ that check a page"),
    ],
)
def test_a_wrong_page_check_names_the_file_and_line(tmp_path: Path, listed: str, words: str) -> None:
    from plainpolicy.rules.registry import load_page_checks

    file = tmp_path / "registry.yml"
    file.write_text(f"# The page checks.\npage_checks: {listed}\nrules: []\n", encoding="utf-8")
    with pytest.raises(CannotRun) as raised:
        load_page_checks(file, "registry.yml")
    assert (raised.value.path, raised.value.line, raised.value.message) == ("registry.yml", 2, words)


def test_an_exception_for_a_misspelt_rule_id_is_reported(tmp_path: Path) -> None:
    """Before the registry, 'sentence/too-lng' was taken as a rule of a known family: it excused nothing, and said only that."""
    page = (
        "---\ntitle: The law\nreviewed: 2026-10-01\nunpaired: A test page.\n---\n\n# The law\n\n"
        "<!-- plainpolicy-allow sentence/too-lng: the title of the law is one long name -->\nWe follow the laws on keeping children safe.\n"
    )
    data = run_cli("check", "--format", "json", cwd=example_site(tmp_path, Example(page))).json()
    assert [(f["rule"], f["line"], f["message"]) for f in data["findings"]] == [
        ("exception/unknown-rule", 9, "This exception names a rule that does not exist: sentence/too-lng.")
    ]
