"""The job-summary table: `plainpolicy check --summary FILE` and plainpolicy.output.summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plainpolicy.config import settings_from_mapping
from plainpolicy.engine.checker import Checker, PageResult, Report
from plainpolicy.findings import ERROR, INFO, Finding
from plainpolicy.output.summary import MAX_ROWS, cell, render
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.rules.readability import SENTENCES_ONLY, SectionReport
from plainpolicy.text.scoring import Scores
from plainpolicy_testing import run_main

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2026-11-01"


run = run_main  # shared helper: tests/plainpolicy_testing.py


def site_report(name: str) -> tuple[Report, object]:
    site = load_site_config(FIXTURES / name / "mkdocs.yml")
    import datetime as dt

    return Checker(site, today=dt.date.fromisoformat(TODAY)).check_site(), site


@pytest.fixture
def fixture_site(monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = FIXTURES / "site"
    monkeypatch.chdir(folder)
    return folder


def test_failing_sections_table(fixture_site: Path) -> None:
    report, site = site_report("site")
    text = render(report, site.settings)
    assert text.startswith("## Readability and policy checks\n")
    assert "### Sections that are too hard to read" in text
    assert "| Page | Voice | Section | Grade | Reading Ease | Longest sentence |" in text
    rows = [line for line in text.splitlines() if line.startswith("| `docs/staff/readability.md`")]
    assert rows, text
    first = next(row for row in rows if "Information governance (line 9)" in row)
    assert "| Staff and volunteers |" in first
    assert "28.3, UK reading age 33 (limit 9)" in first
    assert "(limit 55 or more)" in first
    assert "Comprehensive documentation facilitates subsequent organisational evaluation" in first
    # A pooled section says what it was scored with.
    assert any("Retention (line 37), scored with Escalation" in row for row in rows)


def test_other_problems_and_exceptions(fixture_site: Path) -> None:
    report, site = site_report("site")
    text = render(report, site.settings)
    assert "### Other problems and warnings" in text
    pairing = next(line for line in text.splitlines() if "has no Young people partner" in line and "only-staff" in line)
    assert "Stops the build" in pairing
    # Errors come before warnings.
    body = text.split("### Other problems and warnings", 1)[1]
    effects = [line.split(" | ")[2] for line in body.splitlines() if line.startswith("| `")]
    assert effects == sorted(effects, key=lambda effect: effect != "Stops the build")
    assert "### Exceptions in use" in text
    assert "Statutory definitions must be quoted exactly." in text
    # HTML in a hint (an exception comment) is shown, not swallowed by the page.
    assert "&lt;!-- plainpolicy-allow" in text


def test_every_line_of_a_table_has_the_same_columns(fixture_site: Path) -> None:
    report, site = site_report("site")
    for block in render(report, site.settings).split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if not rows:
            continue
        counts = {line.replace("\\|", "").count("|") for line in rows}
        assert len(counts) == 1, block


def test_clean_site_says_it_passed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "clean")
    report, site = site_report("clean")
    text = render(report, site.settings)
    assert "All 5 pages passed, with no warnings." in text  # 3 pages and 2 generated glossary pages
    assert "too hard to read" not in text
    assert "| Page |" not in text


def test_cell_keeps_the_table_intact() -> None:
    assert cell("a | b\nc") == "a \\| b c"
    assert cell("<!-- x -->") == "&lt;!-- x --&gt;"
    assert cell("word " * 100, 20).endswith("…")
    assert len(cell("word " * 100, 20)) == 20


def _failing_page(index: int, heading: str = "Section") -> PageResult:
    section = SectionReport(heading, 10, Scores(120, 4, 240, 12.0, 40.0), judged_grade=12.0, judged_ease=40.0, passed=False,
                            longest_sentence="One | two <b>three</b>.", longest_words=4)
    return PageResult(f"docs/staff/page-{index}.md", f"staff/page-{index}.md", "staff", "Page", {}, [], [section])


def test_many_rows_are_capped() -> None:
    settings = settings_from_mapping({})
    report = Report(pages=[_failing_page(index) for index in range(MAX_ROWS + 7)])
    text = render(report, settings)
    assert text.count("| `docs/staff/page-") == MAX_ROWS
    assert "…and 7 more." in text


def test_pipes_in_headings_and_sentences_are_escaped() -> None:
    settings = settings_from_mapping({})
    report = Report(pages=[_failing_page(1, "Yes | no")])
    row = next(line for line in render(report, settings).splitlines() if line.startswith("| `docs"))
    assert "Yes \\| no (line 10)" in row
    assert "One \\| two &lt;b&gt;three&lt;/b&gt;." in row
    assert row.replace("\\|", "").count("|") == 7


def test_info_findings_are_not_problems() -> None:
    settings = settings_from_mapping({})
    page = PageResult("docs/staff/a.md", "staff/a.md", "staff", "A", {}, [Finding("docs/staff/a.md", 3, "exception/used", INFO, "Exception for readability: a reason", "", 1, "staff", "S")], [])
    text = render(Report(pages=[page]), settings)
    assert "All 1 page passed, with no warnings." in text
    assert "Other problems" not in text
    assert "Exceptions in use (1)" in text


# --- through the command line ----------------------------------------------------------
def test_check_appends_the_summary(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier step's summary.\n", encoding="utf-8")
    code, out, err = run(capsys, monkeypatch, FIXTURES / "site", "check", "--format", "github", "--today", TODAY, "--summary", str(summary))
    assert code == 1
    assert err == ""
    assert out.startswith("::")  # the annotations still go to standard output
    assert "## Readability and policy checks" not in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("Earlier step's summary.\n## Readability and policy checks")
    assert "docs/staff/readability.md" in text


def test_check_summary_on_a_passing_site(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, out, _ = run(capsys, monkeypatch, FIXTURES / "clean", "check", "--today", TODAY, "--summary", str(summary))
    assert code == 0
    assert "5 pages checked: 0 errors, 0 warnings." in out
    assert "All 5 pages passed" in summary.read_text(encoding="utf-8")


def test_summary_that_cannot_be_written(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "summary.md"
    code, _, err = run(capsys, monkeypatch, FIXTURES / "clean", "check", "--today", TODAY, "--summary", str(target))
    assert code == 2
    assert err.startswith(f"plainpolicy: {target}: cannot write the summary")
    assert "Traceback" not in err


def test_summary_of_a_few_files(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, _, _ = run(capsys, monkeypatch, FIXTURES / "site", "check", "docs/staff/readability.md", "--today", TODAY, "--summary", str(summary))
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert "1 page checked: 2 problems stop the build, and 0 warnings do not." in text


def test_summary_does_not_touch_docs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copy = tmp_path / "clean"
    shutil.copytree(FIXTURES / "clean", copy)
    before = {path: path.read_bytes() for path in copy.rglob("*") if path.is_file()}
    run(capsys, monkeypatch, copy, "check", "--today", TODAY, "--summary", str(tmp_path / "s.md"))
    after = {path: path.read_bytes() for path in copy.rglob("*") if path.is_file()}
    assert before == after


def test_error_severity_constant_matches() -> None:
    assert ERROR == "error"


def test_strict_summary_says_warnings_stop_the_build(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, _, _ = run(capsys, monkeypatch, FIXTURES / "site", "check", "docs/staff/sentences.md", "--strict", "--today", TODAY, "--summary", str(summary))
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert "This check is strict, like the site build: warnings stop the build too." in text
    assert "| Warning (strict: stops the build) |" in text
    plain = tmp_path / "plain.md"
    run(capsys, monkeypatch, FIXTURES / "site", "check", "docs/staff/sentences.md", "--today", TODAY, "--summary", str(plain))
    plain_text = plain.read_text(encoding="utf-8")
    assert "All 1 page passed. 4 warnings, which do not stop the build." in plain_text
    assert "| Warning |" in plain_text


def test_short_page_failing_on_sentence_length() -> None:
    settings = settings_from_mapping({})
    section = SectionReport("One rule", 9, Scores(30, 1, 40, 10.0, 60.0), judged_by=SENTENCES_ONLY, passed=False,
                            longest_sentence="A very long sentence.", longest_words=30)
    page = PageResult("docs/staff/short.md", "staff/short.md", "staff", "Short", {}, [], [section])
    row = next(line for line in render(Report(pages=[page]), settings).splitlines() if line.startswith("| `docs"))
    assert "not scored: the page has under 100 words" in row
    assert "30 words (limit 25): “A very long sentence.”" in row
    assert "0.0 (limit" not in row


def test_summary_refuses_a_page_under_docs(tmp_path: Path) -> None:
    """--summary appends a table: pointed at a contributor's page, it would change the page."""
    from plainpolicy_testing import copy_project, run_cli

    project = copy_project(tmp_path / "site")
    page = project / "docs" / "staff" / "devices.md"
    before = page.read_bytes()
    run = run_cli("check", "--summary", "docs/staff/devices.md", cwd=project)
    assert run.code == 2 and "Traceback" not in run.err
    assert "docs/staff/devices.md" in run.err and "docs folder" in run.err, run.err
    assert page.read_bytes() == before
