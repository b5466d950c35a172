"""Review dates: every voice page says when it was last reviewed; overdue is a finding."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plainpolicy.rules.review import add_months
from plainpolicy_testing import check_json, copy_site, found, run_cli, site

SITE = site("site")


def test_a_recent_review_passes() -> None:
    assert found(check_json(SITE, "docs/staff/devices.md"), rule="review") == []


def test_a_missing_review_date_is_a_warning_at_line_1() -> None:
    data = check_json(SITE, "docs/staff/review-missing.md")
    assert found(data) == [("review/missing", 1, 1)]
    assert data["findings"][0]["severity"] == "warning"
    assert "reviewed: 2026-11-21" in data["findings"][0]["hint"]  # --today, for determinism


def test_an_overdue_review_points_at_the_reviewed_line() -> None:
    data = check_json(SITE, "docs/staff/review-overdue.md")
    assert found(data) == [("review/overdue", 4, 1)]
    assert data["findings"][0]["message"] == "The review was due on 2026-01-10 (last reviewed 2025-01-10)."


def test_an_impossible_date_is_an_error_at_its_line() -> None:
    data = check_json(SITE, "docs/staff/review-bad-date.md")
    assert found(data) == [("review/bad-date", 4, 1)]
    assert data["findings"][0]["severity"] == "error"
    assert "2026-13-40" in data["findings"][0]["message"]


def test_review_due_overrides_the_interval() -> None:
    assert found(check_json(SITE, "docs/staff/review-due.md")) == []
    assert found(check_json(SITE, "docs/staff/review-due.md", today="2026-12-02")) == [("review/overdue", 3, 1)]


@pytest.mark.parametrize("today, overdue", [("2026-01-10", False), ("2026-01-11", True)])
def test_the_due_day_itself_is_not_overdue(today: str, overdue: bool) -> None:
    data = check_json(SITE, "docs/staff/review-overdue.md", today=today)
    assert bool(found(data, rule="review/overdue")) is overdue


def test_overdue_severity_is_configurable(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    assert run_cli("check", "docs/staff/review-overdue.md", cwd=root).code == 0
    assert run_cli("check", "--strict", "docs/staff/review-overdue.md", cwd=root).code == 1
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("overdue_review: warning", "overdue_review: error"), encoding="utf-8")
    assert run_cli("check", "docs/staff/review-overdue.md", cwd=root).code == 1


def test_review_months_is_configurable(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("review_months: 12", "review_months: 24"), encoding="utf-8")
    assert found(check_json(root, "docs/staff/review-overdue.md"), rule="review") == []


def test_pages_outside_voice_folders_need_no_review_date() -> None:
    assert found(check_json(SITE, "docs/index.md"), rule="review") == []


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2023, 12, 15), 14) == dt.date(2025, 2, 15)


def test_without_today_the_real_date_is_used(tmp_path: Path) -> None:
    run = run_cli("check", "--format", "json", "docs/staff/review-missing.md", cwd=SITE, today=None)
    assert f"reviewed: {dt.date.today().isoformat()}" in run.json()["findings"][0]["hint"]


def test_today_must_be_a_date() -> None:
    run = run_cli("check", "--today", "tomorrow", "docs/staff/devices.md", cwd=SITE, today=None)
    assert run.code == 2 and "not a date" in run.err and "Traceback" not in run.err
