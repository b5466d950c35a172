"""`plainpolicy check` reads mkdocs.yml as MkDocs does, INHERIT included.

A site may keep shared settings in a parent file (`INHERIT: base.yml`), the
plainpolicy plugin's among them. The site build and the command line must then
report the same findings: the command line once read only the child file and
checked with default settings.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from plainpolicy_testing import copy_site, mkdocs_build, run_cli

FINDING = re.compile(r"(docs/\S+?):(\d+):(\d+) ([a-z-]+/[a-z-]+)")


def split_config(project: Path) -> None:
    """Move the whole configuration into base.yml; mkdocs.yml only inherits it and names the site."""
    config = project / "mkdocs.yml"
    (project / "base.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.write_text("INHERIT: base.yml\nsite_name: A site that inherits its settings\n", encoding="utf-8")


def cli_findings(project: Path) -> set[tuple[str, int, int, str]]:
    run = run_cli("check", "--format", "json", "--jobs", "1", cwd=project, today=None)  # today's date, as the build uses
    assert run.code in (0, 1), run.err
    return {(f["path"], f["line"], f["column"], f["rule"]) for f in run.json()["findings"]}


def build_findings(project: Path, out: Path) -> set[tuple[str, int, int, str]]:
    result = mkdocs_build(project, out, strict=False)
    assert "Traceback" not in result.stderr, result.stderr
    return {(path, int(line), int(column), rule) for path, line, column, rule in FINDING.findall(result.stdout + result.stderr)}


def test_plugin_settings_in_an_inherited_file_give_the_same_findings_in_the_build_and_the_check(tmp_path: Path) -> None:
    project = copy_site("site", tmp_path)
    before = cli_findings(project)
    split_config(project)
    assert cli_findings(project) == before
    assert build_findings(project, tmp_path / "out") == before
    assert len(before) > 5


def test_the_child_overrides_the_parent_and_mappings_merge(tmp_path: Path) -> None:
    """As MkDocs merges: a setting in the child wins; a mapping is merged key by key, a list replaced."""
    from plainpolicy.reading.mkdocs_config import load_site_config

    (tmp_path / "parent").mkdir()
    (tmp_path / "parent" / "base.yml").write_text(
        "docs_dir: pages\nplugins:\n  - plainpolicy:\n      min_words: 80\nmarkdown_extensions: [abbr, admonition]\nextra:\n  organisation: {name: Parent, phone: '0100'}\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: parent/base.yml\nmarkdown_extensions: [tables]\nextra:\n  organisation: {name: Child}\n", encoding="utf-8")
    site = load_site_config(tmp_path / "mkdocs.yml")
    assert site.settings.min_words == 80
    assert site.docs_dir == tmp_path.resolve() / "pages"  # relative to mkdocs.yml, as MkDocs reads it
    assert "abbr" not in site.extensions and "tables" in site.extensions
    assert site.extra["organisation"] == {"name": "Child", "phone": "0100"}


def test_an_inherited_file_that_is_missing_or_inherits_itself_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nINHERIT: nowhere.yml\n", encoding="utf-8")
    run = run_cli("check", cwd=tmp_path)
    assert run.code == 2 and "mkdocs.yml:2" in run.err and "nowhere.yml" in run.err and "Traceback" not in run.err
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    (tmp_path / "base.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    run = run_cli("check", cwd=tmp_path)
    assert run.code == 2 and "inherit" in run.err.lower() and "Traceback" not in run.err
    assert yaml.safe_load((tmp_path / "base.yml").read_text(encoding="utf-8")) == {"INHERIT": "mkdocs.yml"}  # nothing rewritten
