"""`plainpolicy check` reads mkdocs.yml as MkDocs does, INHERIT included.

A site may keep shared settings in a parent file (`INHERIT: base.yml`), the
plainpolicy plugin's among them. The site build and the command line must then
report the same findings: the command line once read only the child file and
checked with default settings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml

from plainpolicy_testing import copy_project, copy_site, mkdocs_build, run_cli

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


# --- placeholders in mkdocs.yml's extra: when the settings are inherited ------------------
SITE_URL = "https://example-youth.org.uk/policy/"


def inheriting_kit(tmp_path: Path, child: str = "") -> Path:
    """The kit, publishing (site_url set), with its whole mkdocs.yml moved into base.yml."""
    project = copy_project(tmp_path / "kit", lambda config: config.replace("docs_dir: docs", f"site_url: {SITE_URL}\ndocs_dir: docs", 1))
    split_config(project)
    if child:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + child, encoding="utf-8")
    return project


def bracketed_lines(file: Path) -> dict[str, int]:
    """Each "[placeholder]" value under extra: in a file, with its line (found without the module)."""
    lines = file.read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("extra:"))
    found: dict[str, int] = {}
    for number, line in enumerate(lines[start + 1 :], start + 2):
        if re.match(r"^\S", line):
            break
        if not line.lstrip().startswith("#"):
            found.update((text, number) for text in re.findall(r'"(\[[^\]"]+\])"', line))
    return found


def test_placeholders_in_an_inherited_file_stop_the_check_and_the_build(tmp_path: Path) -> None:
    """site_url and extra: in base.yml: a publishing site, and every placeholder named in base.yml
    with its line (the check once read mkdocs.yml alone: no placeholder, exit 0)."""
    project = inheriting_kit(tmp_path)
    expected = bracketed_lines(project / "base.yml")
    assert len(expected) >= 10
    run = run_cli("check", "--format", "json", cwd=project)
    placeholders = [f for f in run.json()["findings"] if f["rule"] == "site/placeholder"]
    assert run.code == 1 and {f["severity"] for f in placeholders} == {"error"}
    named = {(f["path"], f["line"]) for f in placeholders}
    assert named == {("base.yml", line) for line in expected.values()}, placeholders
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for text, line in expected.items():
        assert f"base.yml:{line} " in result.stderr and text in result.stderr, f"{text} (base.yml:{line}) not named:\n{result.stderr[-3000:]}"


def test_a_child_that_fills_in_a_placeholder_hides_the_parents_and_one_it_adds_is_named(tmp_path: Path) -> None:
    """As MkDocs merges extra: key by key, the child's value is the one readers see."""
    child = "extra:\n  organisation:\n    name: Riverside Youth Project\n    tagline: \"[Your tagline]\"\n"
    project = inheriting_kit(tmp_path, child)
    run = run_cli("check", "--format", "json", cwd=project)
    placeholders = {(f["path"], f["line"], f["message"].split(" ")[0]) for f in run.json()["findings"] if f["rule"] == "site/placeholder"}
    assert ("mkdocs.yml", 6, "extra.organisation.tagline") in placeholders
    assert not any(key == "extra.organisation.name" for _, _, key in placeholders)
    expected = bracketed_lines(project / "base.yml")
    assert ("base.yml", expected["[Name of your DSL]"], "extra.organisation.safeguarding_lead.name") in placeholders
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "mkdocs.yml:6 " in result.stderr and "[Your organisation]" not in result.stderr


def test_the_placeholders_found_are_those_of_the_extra_mkdocs_itself_merges(tmp_path: Path) -> None:
    """Cross-check against MkDocs: walk the `extra` that mkdocs.config.load_config gives for a
    three-file chain (mappings merged key by key, a list replaced, a value filled in by the
    child) and find the same keys and placeholders as placeholders_in does from the files."""
    from mkdocs.config import load_config

    from plainpolicy.rules.site_placeholders import _placeholder_texts, placeholders_in

    (tmp_path / "docs").mkdir()
    (tmp_path / "grand.yml").write_text(
        "site_name: Grand\nextra:\n  organisation:\n    name: \"[Your organisation]\"\n    phone: \"[Phone]\"\n"
        "  helplines:\n    - name: \"[Helpline]\"\n  contact: \"[Contact]\"\n  deep: {a: {b: \"[B]\", c: \"[C]\"}}\n",
        encoding="utf-8",
    )
    (tmp_path / "parent.yml").write_text(
        "INHERIT: grand.yml\nextra:\n  organisation:\n    email: dsl@example.org\n  helplines:\n    - name: Childline\n  deep: {a: {c: Filled}}\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: parent.yml\nextra:\n  organisation:\n    name: Riverside\n  contact: \"[New contact]\"\n", encoding="utf-8")

    def walk(value: object, key: str) -> set[tuple[str, str]]:
        if isinstance(value, str):
            return {(key, text) for text in _placeholder_texts(value)}
        if isinstance(value, list):
            return {found for index, item in enumerate(value) for found in walk(item, f"{key}[{index}]")}
        if isinstance(value, Mapping):  # MkDocs gives extra: as a Mapping of its own
            return {found for name, item in value.items() for found in walk(item, f"{key}.{name}")}
        return set()

    expected = walk(load_config(str(tmp_path / "mkdocs.yml"))["extra"], "extra")
    found = placeholders_in(tmp_path / "mkdocs.yml")
    assert {(item.key, item.text) for item in found} == expected
    assert expected == {("extra.organisation.phone", "[Phone]"), ("extra.organisation.email", "dsl@example.org"), ("extra.contact", "[New contact]"), ("extra.deep.a.b", "[B]")}
    files = {item.key: item.file.name for item in found}
    assert files == {"extra.organisation.phone": "grand.yml", "extra.organisation.email": "parent.yml", "extra.contact": "mkdocs.yml", "extra.deep.a.b": "grand.yml"}
