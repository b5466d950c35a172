"""MkDocs' `!relative` tag in mkdocs.yml, read by `plainpolicy check` as MkDocs reads it
(the red-team test for `$config_dir` is in test_redteam_config.py)."""

from __future__ import annotations

from pathlib import Path

from plainpolicy_testing import mkdocs_build, run_cli

SNIPPETS = "site_name: Relative\nmarkdown_extensions:\n  - pymdownx.snippets:\n      check_paths: true\n      base_path:\n        - {tag}\n"
PART = "A young person can always talk to someone they trust about what happened online.\n"


def _site(root: Path, tag: str) -> Path:
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(SNIPPETS.format(tag=tag), encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\n" + PART, encoding="utf-8")
    (root / "docs" / "sub" / "part.md").write_text(PART, encoding="utf-8")
    (root / "docs" / "sub" / "page.md").write_text('# A page\n\n--8<-- "part.md"\n', encoding="utf-8")
    return root


def test_a_bare_relative_tag_is_each_pages_own_folder(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", "!relative")
    build = mkdocs_build(site, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "talk to someone they trust" in (tmp_path / "out" / "sub" / "page" / "index.html").read_text(encoding="utf-8")
    check = run_cli("check", cwd=site)
    assert check.code in (0, 1) and "Traceback" not in check.err, check.err
    explain = run_cli("explain", "docs/sub/page.md", cwd=site)
    assert explain.code == 0, explain.err


def test_an_unknown_relative_prefix_is_refused_at_its_line(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", "!relative $nowhere/docs")
    build = mkdocs_build(site, tmp_path / "out", strict=False)
    assert build.returncode != 0 and "$nowhere" in build.stderr + build.stdout  # MkDocs refuses it too
    check = run_cli("check", cwd=site)
    assert check.code == 2 and "mkdocs.yml:6:" in check.err and "$nowhere" in check.err, check.err
