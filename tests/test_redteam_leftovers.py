"""Red-team leftovers on reading a site (round rt3), each seen through the real command
line and, where MkDocs can show it, a real `mkdocs build`: both must give one verdict.

1. `extra: {publish: "true"}`: a `publish:` that is not a YAML true or false (a quoted
   "true", "false", a number) was read as "not set". It is now an error naming the file
   and line that write it, and until it is put right the site counts as published
   (placeholders are errors): a template would read the text "false" as true.
2. A symlink under docs/ to pages that are also under docs/: MkDocs publishes those
   pages twice, once under each path. It is now an error naming the link and its target.
3. A YAML "billion laughs" (anchors of anchors) under `extra:`: the placeholder walk and
   the HTML check of `extra:` values visited every expanded copy. Each node is now
   visited once. A wrong plugin setting that is such a bomb was written out whole in
   its error message; it is now shown cut short.

Each test failed before its fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from plainpolicy.rules.site_placeholders import placeholders_in
from plainpolicy_testing import copy_project, line_of, mkdocs_build, run_cli

KIT_PLACEHOLDERS = 11  # "[Your organisation]" and the other details the kit ships unfilled


def _check(project: Path) -> tuple[int, list[dict[str, object]]]:
    """`plainpolicy check` of the project: its exit code and findings."""
    run = run_cli("check", "--format", "json", cwd=project)
    assert "Traceback" not in run.err and run.code in (0, 1), (run.code, run.err[-500:])
    return run.code, run.json()["findings"]


def _of(findings: list[dict[str, object]], rule: str) -> list[dict[str, object]]:
    return [f for f in findings if f["rule"] == rule]


def _publish(value: str) -> Callable[[str], str]:
    """An edit of the kit's mkdocs.yml that writes `publish: value` under extra:."""
    return lambda config: config.replace("  # publish: true ", f"  publish: {value} ", 1)


# --- 1. extra.publish that is not true or false ---------------------------------------------

@pytest.mark.parametrize("value", ['"true"', '"false"', "1", "'yes'", "0", "[true]", "~"])
def test_a_publish_setting_that_is_not_true_or_false_is_an_error_and_the_site_counts_as_published(tmp_path: Path, value: str) -> None:
    project = copy_project(tmp_path / "site", _publish(value))
    line = line_of(project / "mkdocs.yml", f"publish: {value}")
    code, findings = _check(project)
    bad = _of(findings, "site/publish-setting")
    assert code == 1 and [(f["path"], f["line"], f["severity"]) for f in bad] == [("mkdocs.yml", line, "error")], bad
    assert "true or false" in str(bad[0]["message"]) and "without quotes" in str(bad[0]["message"])
    placeholders = _of(findings, "site/placeholder")
    assert len(placeholders) == KIT_PLACEHOLDERS and {f["severity"] for f in placeholders} == {"error"}


def test_the_build_stops_on_a_quoted_publish_setting_as_the_check_does(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", _publish('"false"'))
    line = line_of(project / "mkdocs.yml", 'publish: "false"')
    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0, build.stderr[-800:]
    assert f"mkdocs.yml:{line}:1 site/publish-setting" in build.stderr and "without quotes" in build.stderr, build.stderr[-800:]
    assert "[Your organisation]" in build.stderr  # treated as a publishing build meanwhile
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_quoted_publish_setting_in_an_inherited_file_is_named_there_even_with_nothing_left_to_fill_in(tmp_path: Path) -> None:
    """The parent file writes it; every placeholder is filled in: the wrong setting alone stops both."""
    project = copy_project(tmp_path / "site", lambda config: _publish('"yes"')(config).replace('"[', '"').replace(']"', '"').replace("example.org", "riverside.org.uk"))
    (project / "base.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    line = line_of(project / "base.yml", 'publish: "yes"')

    code, findings = _check(project)
    assert code == 1 and [(f["path"], f["line"]) for f in _of(findings, "site/publish-setting")] == [("base.yml", line)], findings[:3]
    assert _of(findings, "site/placeholder") == []

    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0 and f"base.yml:{line}:1 site/publish-setting" in build.stderr, build.stderr[-800:]


@pytest.mark.parametrize("value", ["yes", "on", "True", "no", "off", "FALSE", "false"])
def test_every_form_mkdocs_reads_as_true_or_false_is_accepted(tmp_path: Path, value: str) -> None:
    """PyYAML, which MkDocs uses, reads YAML 1.1: yes/no and on/off are true and false too."""
    from mkdocs.utils.yaml import yaml_load

    publishing = yaml_load(f"publish: {value}\n")["publish"]
    assert isinstance(publishing, bool)
    project = copy_project(tmp_path / "site", _publish(value))
    code, findings = _check(project)
    assert _of(findings, "site/publish-setting") == []
    assert {f["severity"] for f in _of(findings, "site/placeholder")} == {"error" if publishing else "info"}
    assert code == (1 if publishing else 0)


# --- 2. a symlink under docs/ to pages under docs/ ---------------------------------------------

def test_a_folder_link_to_another_folder_under_docs_stops_the_check_and_the_build(tmp_path: Path) -> None:
    """MkDocs follows folder links, so it would publish every staff page again under
    young-people/extra/, where a young person searching would find each one twice."""
    project = copy_project(tmp_path / "site")
    (project / "docs" / "young-people" / "extra").symlink_to("../staff", target_is_directory=True)
    message = "docs/young-people/extra is a link to docs/staff: the site would publish the same pages twice"

    code, findings = _check(project)
    twice = _of(findings, "site/published-twice")
    assert code == 1 and [(f["path"], f["severity"]) for f in twice] == [("docs/young-people/extra", "error")], twice
    assert message in str(twice[0]["message"]) and "copy or move" in str(twice[0]["message"])

    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0 and message in build.stderr, build.stderr[-800:]
    assert not (tmp_path / "out" / "young-people" / "extra").exists()


def test_a_link_to_one_page_under_docs_is_the_same_error_and_a_linked_stylesheet_is_not(tmp_path: Path) -> None:
    """MkDocs publishes a page linked to another page under docs/ twice, as it does a
    folder: the same error. A stylesheet, image or other file linked twice is published twice
    too, but no reader meets the same page twice, so it is allowed (a logo shared by
    both voices' folders, for example)."""
    project = copy_project(tmp_path / "site")
    (project / "docs" / "young-people" / "devices-copy.md").symlink_to("../staff/devices.md")
    (project / "docs" / "young-people" / "help.css").symlink_to("../stylesheets/help.css")

    code, findings = _check(project)
    twice = _of(findings, "site/published-twice")
    assert code == 1 and [f["path"] for f in twice] == ["docs/young-people/devices-copy.md"], twice
    assert "docs/young-people/devices-copy.md is a link to docs/staff/devices.md: the site would publish the same page twice" in str(twice[0]["message"])

    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0 and "docs/young-people/devices-copy.md is a link to docs/staff/devices.md" in build.stderr, build.stderr[-800:]
    assert "young-people/help.css is a link" not in build.stderr


def test_a_folder_link_to_a_folder_that_holds_it_is_the_same_error(tmp_path: Path) -> None:
    """docs/young-people/all -> .. : MkDocs follows the loop again and again (every page
    published at young-people/all/, young-people/all/young-people/all/, ...); the check
    does not walk it twice, but names the link all the same."""
    project = copy_project(tmp_path / "site")
    (project / "docs" / "young-people" / "all").symlink_to("..", target_is_directory=True)
    code, findings = _check(project)
    twice = _of(findings, "site/published-twice")
    assert code == 1 and [f["path"] for f in twice] == ["docs/young-people/all"], twice
    assert "docs/young-people/all is a link to docs: the site would publish the same pages twice" in str(twice[0]["message"])


def test_a_folder_link_to_pages_outside_docs_is_still_allowed(tmp_path: Path) -> None:
    """Pages kept outside docs/ and linked in once are published once: no error."""
    project = copy_project(tmp_path / "site")
    (project / "more").mkdir()
    (project / "docs" / "staff" / "more").symlink_to("../../more", target_is_directory=True)
    code, findings = _check(project)
    assert code == 0 and _of(findings, "site/published-twice") == []


# --- 3. a YAML alias bomb under extra: -----------------------------------------------------------

def _bomb(levels: int, width: int, first: str = '"[Your organisation]"') -> str:
    """`levels` anchors under extra:, each a list of `width` copies of the one before:
    width**levels copies of the first item once expanded."""
    rows = [f"  laugh0: &laugh0 [{first}, x]"]
    rows += [f"  laugh{n}: &laugh{n} [{', '.join([f'*laugh{n - 1}'] * width)}]" for n in range(1, levels + 1)]
    return "\n".join(rows) + "\n"


def test_the_placeholder_walk_visits_a_shared_anchor_once(tmp_path: Path) -> None:
    """6**7 (about 280,000) copies of one placeholder, once expanded: reported once, at
    the anchor's own line (a walk that expands them returns them all, and fails here).
    Then 60 levels of 2, 2**60 copies, which only a walk that visits each node once can
    finish: it runs only once the first assertion has shown that the walk does."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Bomb\nextra:\n" + _bomb(7, 6), encoding="utf-8")
    found = placeholders_in(config)
    assert [(item.text, item.line) for item in found] == [("[Your organisation]", 3)]

    deep = tmp_path / "deep.yml"
    deep.write_text("site_name: Bomb\nextra:\n" + _bomb(60, 2), encoding="utf-8")
    assert len(placeholders_in(deep)) == 1


def test_a_placeholder_in_an_anchor_used_in_several_places_is_reported_once(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: S\nextra:\n  contact: &contact\n    phone: "[DSL phone number]"\n  again: *contact\n'
                      '  loop: &loop ["[Your organisation]", *loop]\n', encoding="utf-8")
    assert sorted((item.text, item.line) for item in placeholders_in(config)) == [("[DSL phone number]", 4), ("[Your organisation]", 6)]


def test_check_reports_a_placeholder_and_html_inside_an_alias_bomb_once(tmp_path: Path) -> None:
    """`mkdocs build` itself is no help with such a file: MkDocs writes every setting's
    repr() to its debug log (mkdocs/config/base.py, load_config), so it expands the bomb
    (about a minute and gigabytes of memory at 9**9 copies). Only our side is tested."""
    bomb = _bomb(6, 6, first='"[Your organisation]", "<b onclick=alert(1)>hi</b>"')
    project = copy_project(tmp_path / "site", lambda config: config.replace("\nextra:\n", "\nextra:\n" + bomb, 1))
    line = line_of(project / "mkdocs.yml", "laugh0: &laugh0")
    run = run_cli("check", "--format", "json", cwd=project)
    assert "Traceback" not in run.err and run.code == 1, (run.code, run.err[-500:])
    findings = run.json()["findings"]
    ours = [f for f in findings if f["path"] == "mkdocs.yml" and f["line"] == line]
    assert [f["rule"] for f in ours if f["rule"] == "site/placeholder"] == ["site/placeholder"], ours[:3]
    assert len([f for f in ours if f["rule"].startswith("security/")]) == 1, [f["rule"] for f in ours][:5]


@pytest.mark.parametrize("setting", [
    "min_words: *laugh6",
    "overdue_review: *laugh6",
    "nations: *laugh6",
    "voices: {staff: {folder: staff, max_grade: *laugh6, min_ease: 50, max_sentence_words: 25}}",
    "voices: {staff: {folder: staff, max_grade: 9, min_ease: 50, max_sentence_words: 25, language: *laugh6}}",
    "voices: {staff: {folder: staff, max_grade: 9, min_ease: 50, max_sentence_words: 25, label: *laugh6}}",
    "default_voice: *laugh6",
])
def test_a_plugin_setting_that_is_an_alias_bomb_is_a_short_clear_error(tmp_path: Path, setting: str) -> None:
    """The plugin's settings are read as the command line reads them: a wrong value is
    named in the message, shown short (a few items), never written out copy by copy
    (6**6 copies here: megabytes of message; 9**9 would never end)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Bomb\nextra:\n" + _bomb(6, 6) + "plugins:\n  - plainpolicy:\n      " + setting + "\n", encoding="utf-8")
    run = run_cli("check", cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.err and "internal error" not in run.err, run.err[:300]
    assert f"mkdocs.yml:{line_of(config, setting)}:" in run.err and len(run.err) < 1000, run.err[:300]
