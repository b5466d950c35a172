"""The version and approval record (docs/approval.yml): on the cover of the printed policy and on the site."""

from __future__ import annotations

import re
from pathlib import Path

from plainpolicy_testing import copy_project, mkdocs_build

APPROVED = """\
version: "2.1"
approved_on: 2026-12-01
approved_by: Board of trustees
next_review: 2027-12-01
versions:
  - version: "2.1"
    date: 2026-12-01
    changes:
      - Added a page on online gaming.
  - version: "2.0"
    date: 2026-06-01
    changes: [Rewrote the page on group chats.]
"""


def test_the_record_is_on_the_cover_and_the_versions_page(tmp_path: Path) -> None:
    kit = copy_project(tmp_path / "kit")
    (kit / "docs" / "approval.yml").write_text(APPROVED, encoding="utf-8")
    build = mkdocs_build(kit, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-3000:]
    cover = (tmp_path / "site" / "staff" / "print.html").read_text(encoding="utf-8")
    record = re.sub(r"<(?!/?d[td]>)[^>]*>", "", cover[cover.index('class="pp-cover__record"'):])  # glossary tooltips out
    for text in ("<dt>Version</dt><dd>2.1</dd>", "<dt>Approved on</dt><dd>1 December 2026</dd>",
                 "<dt>Approved by</dt><dd>Board of trustees</dd>", "<dt>Next review</dt><dd>1 December 2027</dd>"):
        assert text in record
    assert "pp-cover__sign" not in cover  # approved: no lines left to sign
    versions = re.sub(r"<[^>]*>", "", (tmp_path / "site" / "versions.html").read_text(encoding="utf-8"))
    assert "Version 2.1 (1 December 2026)" in versions and "Version 2.0 (1 June 2026)" in versions
    assert versions.index("Added a page on online gaming.") < versions.index("Rewrote the page on group chats.")


def test_the_kit_as_shipped_is_a_draft_with_lines_to_sign(tmp_path: Path) -> None:
    kit = copy_project(tmp_path / "kit")
    build = mkdocs_build(kit, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-3000:]
    cover = re.sub(r"<[^>]*>", "", (tmp_path / "site" / "staff" / "print.html").read_text(encoding="utf-8"))
    assert "Draft: not yet approved" in cover and "Signed for the trustees" in cover


def test_a_bad_date_names_the_file_and_line(tmp_path: Path) -> None:
    kit = copy_project(tmp_path / "kit")
    (kit / "docs" / "approval.yml").write_text(APPROVED.replace("approved_on: 2026-12-01", "approved_on: next week"), encoding="utf-8")
    build = mkdocs_build(kit, tmp_path / "site")
    assert build.returncode != 0
    assert "approval.yml:2: 'approved_on' must be a date written YYYY-MM-DD" in build.stderr  # its own line
    assert "Traceback" not in build.stderr
