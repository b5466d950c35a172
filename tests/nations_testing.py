"""Helpers for the nations and commitments tests: a copy of tests/fixtures/nations, its findings."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from plainpolicy_testing import FIXTURES, REPO, mkdocs_build, run_cli

KIT_SETTING = "      nations: [england, wales, scotland, northern-ireland]\n"
BUILD_FINDING = re.compile(r"^(docs/\S+?):(\d+):\d+ ([\w-]+/[\w-]+):", re.MULTILINE)


def nations_site(tmp_path: Path, setting: str | None = "[england, wales, scotland, northern-ireland]", pages: dict[str, str] | None = None) -> Path:
    """A copy of the fixture site with the kit's nations.yml, `nations:` set (None: left out)."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "nations", root)
    shutil.copy(REPO / "docs" / "nations.yml", root / "docs" / "nations.yml")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert KIT_SETTING in text
    config.write_text(text.replace(KIT_SETTING, f"      nations: {setting}\n" if setting is not None else ""), encoding="utf-8")
    for relative, content in (pages or {}).items():
        (root / "docs" / relative).write_text(content, encoding="utf-8")
    return root


def check_errors(root: Path) -> set[tuple[str, int, str]]:
    run = run_cli("check", "--format", "json", "docs", cwd=root)
    assert run.code in (0, 1), run.err
    return {(f["path"], f["line"], f["rule"]) for f in run.json()["findings"] if f["severity"] == "error"}


def build_errors(root: Path, out: Path) -> tuple[int, set[tuple[str, int, str]], str]:
    result = mkdocs_build(root, out)
    output = result.stdout + result.stderr
    listing = output.split("plainpolicy found", 1)[1] if "plainpolicy found" in output else ""
    return result.returncode, {(path, int(line), rule) for path, line, rule in BUILD_FINDING.findall(listing)}, output
