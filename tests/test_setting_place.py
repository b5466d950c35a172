"""A bad plainpolicy setting is named at the file and line that write it: mkdocs.yml or a
file it inherits from (INHERIT:), with `plugins:` written as a list or as a mapping (which
MkDocs merges key by key with the parent's). The check and the build say the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import line_of, mkdocs_build, run_cli

BASE = "site_name: Base\nplugins:\n  plainpolicy:\n    voices:\n      staff:\n        max_grade: high\n"


def _inheriting_site(root: Path, base: str, child: str) -> Path:
    """A one-page site whose mkdocs.yml (INHERIT: base.yml, then `child`) inherits `base`."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (root / "base.yml").write_text(base, encoding="utf-8")
    (root / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Child\n" + child, encoding="utf-8")
    return root


@pytest.mark.parametrize("child_plugins", ["plugins:\n  plainpolicy:\n    min_words: 10\n", ""])
def test_a_bad_voice_setting_in_the_parent_is_named_there(tmp_path: Path, child_plugins: str) -> None:
    site = _inheriting_site(tmp_path / "site", BASE, child_plugins)
    where = f"base.yml:{line_of(site / 'base.yml', 'max_grade: high')}:"
    check = run_cli("check", cwd=site)
    assert check.code == 2 and where in check.err and "max_grade" in check.err, check.err
    build = mkdocs_build(site, tmp_path / "out", strict=False)
    assert build.returncode != 0 and where in build.stderr, build.stderr[-300:]


def test_a_child_plugins_list_replaces_the_parents_so_the_childs_line_is_named(tmp_path: Path) -> None:
    site = _inheriting_site(tmp_path / "site", "site_name: Base\nplugins:\n  - plainpolicy:\n      min_words: 10\n",
                            "plugins:\n  - plainpolicy:\n      default_voice: nobody\n")
    check = run_cli("check", cwd=site)
    assert check.code == 2 and "mkdocs.yml:5:" in check.err and "default_voice" in check.err, check.err
