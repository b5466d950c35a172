"""The same findings printed as text, JSON, GitHub workflow commands and SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from plainpolicy_testing import TESTS, copy_site, run_cli, site

SITE = site("site")
PAGES = ("docs/staff/exceptions.md", "docs/young-people/words.md", "docs/staff/review-overdue.md", "docs/staff/readability.md")
SCHEMAS = TESTS / "schemas"


def output(fmt: str, *pages: str, cwd: Path = SITE, extra: tuple[str, ...] = ()) -> str:
    run = run_cli("check", "--format", fmt, *extra, *(pages or PAGES), cwd=cwd)
    assert run.code in (0, 1), run.err
    return run.out


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    data = json.loads(output("json"))
    assert {f["severity"] for f in data["findings"]} == {"error", "warning", "info"}
    return data["findings"]


# --- text -------------------------------------------------------------------------------------


def test_text_lines_are_path_line_column_severity_rule_message_then_hint(findings: list[dict]) -> None:
    lines = output("text").splitlines()
    shown = [f for f in findings if f["severity"] != "info"]
    expected = []
    for f in shown:
        expected.append(f"{f['path']}:{f['line']}:{f['column']}  {f['severity']}  {f['rule']}  {f['message']}")
        if f["hint"]:
            expected.append(f"    hint: {f['hint']}")
    assert lines[: len(expected)] == expected
    errors = sum(f["severity"] == "error" for f in findings)
    warnings = sum(f["severity"] == "warning" for f in findings)
    assert lines[-1] == f"4 pages checked: {errors} errors, {warnings} warnings."


def test_text_summary_grammar_for_one_page_and_no_findings() -> None:
    assert output("text", "docs/staff/devices.md").splitlines() == ["1 page checked: 0 errors, 0 warnings."]


def test_text_verbose_shows_info_findings_and_the_section_table() -> None:
    out = output("text", "docs/staff/exceptions.md", extra=("--verbose",))
    assert "info  exception/used" in out
    assert "page / section" in out and "judged by" in out
    assert "  Legal definitions" in out and "exception" in out


# --- JSON -------------------------------------------------------------------------------------


def test_json_has_summary_findings_and_sections() -> None:
    data = json.loads(output("json"))
    assert data["summary"] == {
        "pages": 4,
        "errors": sum(f["severity"] == "error" for f in data["findings"]),
        "warnings": sum(f["severity"] == "warning" for f in data["findings"]),
    }
    for finding in data["findings"]:
        assert set(finding) >= {"path", "line", "column", "rule", "severity", "message", "hint", "voice", "section"}
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1
    keys = [(f["path"], f["line"], f["column"], f["rule"]) for f in data["findings"]]
    assert keys == sorted(keys), "findings are sorted by file, line, column, rule"
    for page in data["pages"]:
        assert set(page) >= {"path", "voice", "title", "words", "sections"}
        for section in page["sections"]:
            assert set(section) >= {
                "heading", "line", "words", "sentences", "syllables", "grade", "ease", "judged_by",
                "pooled_with", "judged_grade", "judged_ease", "passed", "longest_sentence", "exception",
            }
            assert section["judged_by"] in ("own score", "pooled", "whole page", "exception")


def test_json_is_utf8_not_escaped(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs/staff/only-staff.md"
    file.write_text(file.read_text(encoding="utf-8").replace("Only for staff", "Café rules"), encoding="utf-8")
    out = output("json", "docs/staff/only-staff.md", cwd=root)
    assert "Café rules" in out and "\\u00e9" not in out


# --- GitHub workflow commands ------------------------------------------------------------


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def test_github_lines_have_the_exact_workflow_command_shape(findings: list[dict]) -> None:
    lines = output("github").splitlines()
    expected = []
    for f in findings:
        if f["severity"] == "info":
            continue  # an exception in use is not a problem to annotate
        command = "error" if f["severity"] == "error" else "warning"
        message = f["message"] + ("\n" + f["hint"] if f["hint"] else "")
        expected.append(
            f"::{command} file={escape_property(f['path'])},line={f['line']},col={f['column']},"
            f"title={escape_property(f['rule'])}::{escape_data(message)}"
        )
    assert lines == expected
    pattern = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\r\n]+$")
    assert all(pattern.match(line) for line in lines)


def test_github_one_literal_line() -> None:
    lines = output("github", "docs/staff/review-overdue.md").splitlines()
    assert lines == [
        "::warning file=docs/staff/review-overdue.md,line=4,col=1,title=review/overdue::"
        "The review was due on 2026-01-10 (last reviewed 2025-01-10).%0A"
        "Check the page is still right (law, contacts, platforms), then update 'reviewed'."
    ]


def test_github_escapes_percent_newlines_commas_and_colons(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    odd = root / "docs/staff/odd,name:1.md"
    odd.write_text(
        "---\nreviewed: 2026-06-01\nunpaired: \"Test.\"\n---\n\n# Odd\n\n"
        "Nearly 100% of the young people we asked, in every group and every town, said that they want short words and short sentences in our policy.\n",
        encoding="utf-8",
    )
    (line,) = [each for each in output("github", "docs/staff/odd,name:1.md", cwd=root).splitlines() if "sentence/too-long" in each]
    assert line.startswith("::warning file=docs/staff/odd%2Cname%3A1.md,line=8,col=1,title=sentence/too-long::")
    message = line.split("::", 2)[2]
    assert "100%25 of" in message and "%0A" in message
    assert "\n" not in message and "100% " not in message


def test_github_prints_nothing_when_clean() -> None:
    assert output("github", "docs/staff/devices.md") == ""


# --- SARIF ------------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["sarif-schema-2.1.0.json", "sarif-2.1.0-multitool.json"])
def sarif_validator(request: pytest.FixtureRequest) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / request.param).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _uri_reference(value: str) -> bool:
    """RFC 3986 characters only, and every % starts an escape."""
    return bool(re.fullmatch(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*", value))


def test_sarif_is_valid_against_the_official_schema(sarif_validator, findings: list[dict]) -> None:
    log = json.loads(output("sarif"))
    errors = sorted(sarif_validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_sarif_clean_run_is_valid_too(sarif_validator) -> None:
    log = json.loads(output("sarif", "docs/staff/devices.md"))
    sarif_validator.validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_results_match_the_findings(findings: list[dict]) -> None:
    log = json.loads(output("sarif"))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "plainpolicy"
    rules = [rule["id"] for rule in driver["rules"]]
    assert rules == sorted({f["rule"] for f in findings})
    results = run["results"]
    assert len(results) == len(findings)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(results, findings):
        assert result["ruleId"] == finding["rule"] == rules[result["ruleIndex"]]
        assert result["level"] == level[finding["severity"]]
        assert result["message"]["text"].startswith(finding["message"])
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["path"]
        assert location["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}


def test_sarif_uris_are_uri_references_and_columns_are_code_points(tmp_path: Path, sarif_validator) -> None:
    root = copy_site("site", tmp_path)
    (root / "docs/staff/only-staff.md").rename(root / "docs/staff/only staff ü.md")
    log = json.loads(output("sarif", "docs/staff/only staff ü.md", cwd=root))
    sarif_validator.validate(log)
    (result,) = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert _uri_reference(uri), uri
    assert uri == "docs/staff/only%20staff%20%C3%BC.md"
    # Our columns count characters (code points), not UTF-16 code units: SARIF must be told.
    assert log["runs"][0].get("columnKind") == "unicodeCodePoints"
