"""Review dates: every voice page says when it was last reviewed; overdue is a finding."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Mapping

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.yamlfile import parse_date

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return dt.date(year, month, min(day.day, last))


def review_dates(meta: Mapping[str, Any], months: int) -> tuple[dt.date | None, dt.date | None]:
    """(last reviewed, next review due). `review_due` in front matter overrides the interval."""
    reviewed = parse_date(meta.get("reviewed"))
    due = parse_date(meta.get("review_due"))
    if due is None and reviewed is not None:
        due = add_months(reviewed, months)
    return reviewed, due


def check_review(path: str, voice: str, meta: dict[str, Any], meta_lines: dict[str, int], months: int, severity: str, today: dt.date) -> list[Finding]:
    for key in ("reviewed", "review_due"):
        if meta.get(key) is not None and parse_date(meta[key]) is None:  # "reviewed:" left empty is missing
            return [Finding(path, meta_lines.get(key, 1), "review/bad-date", ERROR, f"'{key}' must be a date written as YYYY-MM-DD, not {meta[key]!r}.", f"For example: {key}: {today.isoformat()}", 1, voice, "")]
    reviewed, due = review_dates(meta, months)
    if reviewed is None:
        return [Finding(path, meta_lines.get("reviewed", 1), "review/missing", severity, "This page does not say when it was last reviewed.", f"Add 'reviewed: {today.isoformat()}' to the front matter after checking the page is still right.", 1, voice, "")]
    if due is not None and due < today:
        return [Finding(path, meta_lines.get("reviewed", 1), "review/overdue", severity, f"The review was due on {due.isoformat()} (last reviewed {reviewed.isoformat()}).", "Check the page is still right (law, contacts, platforms), then update 'reviewed'.", 1, voice, "")]
    return []


def check(context: PageContext) -> list[Finding]:
    """The review family for the page registry (see rules/context.py): pages in a voice's folder only."""
    page, voice = context.page, context.voice
    if voice is None or not context.voice_page or context.generated:
        return []
    return check_review(page.path, voice.name, page.source.meta, page.source.meta_lines, context.settings.review_months, context.settings.overdue_review, context.today)
