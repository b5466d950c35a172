"""The policy's version and approval record (docs/approval.yml), and its "what changed" list.

    version: "1.0"
    approved_on: 2026-12-01      # empty until trustees approve it
    approved_by: Board of trustees
    next_review: 2027-11-01
    versions:
      - version: "1.0"
        date: 2026-11-21
        changes: [What changed, in one line each, ...]

One record in one place: the "Versions and approval" page and the cover of the
printed policy are both made from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plainpolicy.errors import CannotRun
from plainpolicy.reading.yamlfile import field_line, load_yaml_file, text_list

APPROVAL_FILE = "approval.yml"


@dataclass(frozen=True)
class Version:
    version: str
    date: dt.date | None
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Approval:
    version: str
    approved_on: dt.date | None
    approved_by: str | None
    next_review: dt.date | None
    versions: list[Version]


def _date(value: Any, where: str, path: str, line: int) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    raise CannotRun(path, f"{where} must be a date written YYYY-MM-DD, or left empty", line)


def _text(value: Any, where: str, path: str, line: int, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CannotRun(path, f"{where} must be filled in", line)
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise CannotRun(path, f"{where} must be some text", line)


def load_approval(docs_dir: Path, display: str) -> Approval | None:
    """The record, or None when the site has no approval.yml."""
    file = docs_dir / APPROVAL_FILE
    if not file.is_file():
        return None
    data = load_yaml_file(file, display, "approval record")
    if not isinstance(data, dict):
        raise CannotRun(display, "the approval record must be a list of 'key: value' lines (version, approved_on, approved_by, next_review, versions)", 1)
    versions = []
    raw_versions = data.get("versions") or []
    if not isinstance(raw_versions, list):
        raise CannotRun(display, "'versions' must be a list, newest first", field_line(data, "versions"))
    for raw in raw_versions:
        if not isinstance(raw, dict):
            raise CannotRun(display, "each entry under 'versions' needs version, date and changes", field_line(data, "versions"))
        versions.append(
            Version(
                str(_text(raw.get("version"), "each version's 'version'", display, field_line(raw, "version"), required=True)),
                _date(raw.get("date"), "each version's 'date'", display, field_line(raw, "date")),
                text_list(raw.get("changes"), "the 'changes' of a version", display, field_line(raw, "changes")),
            )
        )
    return Approval(
        version=str(_text(data.get("version"), "'version'", display, field_line(data, "version"), required=True)),
        approved_on=_date(data.get("approved_on"), "'approved_on'", display, field_line(data, "approved_on")),
        approved_by=_text(data.get("approved_by"), "'approved_by'", display, field_line(data, "approved_by")),
        next_review=_date(data.get("next_review"), "'next_review'", display, field_line(data, "next_review")),
        versions=versions,
    )


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"
