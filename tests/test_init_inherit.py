"""`plainpolicy init` on a site whose details are inherited (INHERIT:): it writes where MkDocs
reads them, or refuses naming the files; it never writes a file MkDocs would not read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from plainpolicy_testing import copy_project, run_subprocess


def _digests(project: Path) -> dict[str, str]:
    return {name: hashlib.sha256((project / name).read_bytes()).hexdigest() for name in ("mkdocs.yml", "base.yml")}


def test_details_spread_over_two_files_are_refused_naming_both(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    (project / "base.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.write_text('INHERIT: base.yml\nextra:\n  organisation:\n    name: "Riverside Youth Club"\n', encoding="utf-8")
    before = _digests(project)
    run = run_subprocess("init", "--no-input", "--lead-name", "Sam Patel", cwd=project, today=None)
    assert run.code == 2 and "Traceback" not in run.err
    assert "mkdocs.yml and base.yml" in run.err and "Nothing was written" in run.err, run.err
    assert _digests(project) == before
