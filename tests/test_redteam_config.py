"""Red-team findings on reading mkdocs.yml and the data files (round red2).

Each test is a defect seen through the real command line or a real `mkdocs build`.
Each was marked xfail(strict=True) until it was fixed; all are fixed now, so each
is a plain test that guards its fix.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from plainpolicy_testing import (
    copy_project,
    line_of,
    mkdocs_build,
    offline_env,
    run_cli,
    run_subprocess,
)


def _sha(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def test_check_reports_a_broken_approval_record_as_the_build_does(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    approval = project / "docs" / "approval.yml"
    approval.write_text(approval.read_text(encoding="utf-8").replace("next_review: 2027-11-01", "next_review: soon", 1), encoding="utf-8")
    line = line_of(approval, "next_review: soon")
    before = _sha(approval)

    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0 and "docs/approval.yml:" in build.stderr and "next_review" in build.stderr  # the build names it

    run = run_cli("check", cwd=project)
    assert "Traceback" not in run.err
    assert run.code in (1, 2) and "docs/approval.yml:" in run.out + run.err, (run.code, run.err, run.out[-300:])
    assert _sha(approval) == before
    assert line > 0


def test_a_bad_approval_field_is_named_at_its_own_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    approval = project / "docs" / "approval.yml"
    approval.write_text(approval.read_text(encoding="utf-8").replace("next_review: 2027-11-01", "next_review: soon", 1), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert f"docs/approval.yml:{line_of(approval, 'next_review: soon')}:" in build.stderr, build.stderr[-400:]


def test_env_tag_in_extra_publish_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "site", lambda config: config.replace("  # publish: true", "  publish: !ENV [PUBLISH, false]  #", 1))
    monkeypatch.setenv("PUBLISH", "true")

    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0 and "this is a publishing build" in build.stderr

    run = run_subprocess("check", "--format", "json", cwd=project, env=offline_env({"PUBLISH": "true"}))
    assert "Traceback" not in run.err
    errors = [f for f in run.json()["findings"] if f["rule"] == "site/placeholder" and f["severity"] == "error"]
    assert run.code == 1 and len(errors) == 11


def test_env_default_is_not_a_placeholder_when_the_variable_is_set(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", lambda config: config.replace(
        '      phone: "[DSL phone number]"', '      phone: !ENV [DSL_PHONE, "[DSL phone number]"]', 1))
    run = run_subprocess("check", "--format", "json", cwd=project, env=offline_env({"DSL_PHONE": "01632 960 123"}))
    assert run.code in (0, 1), run.err
    keys = [f["message"] for f in run.json()["findings"] if f["rule"] == "site/placeholder"]
    assert len(keys) == 10  # the other ten placeholders of the kit
    assert not any("safeguarding_lead.phone" in message for message in keys), keys


def test_a_key_written_twice_in_a_data_file_is_a_clear_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", lambda config: config.replace(
        "nations: [england, wales, scotland, northern-ireland]", "nations: [scotland]", 1))
    page = project / "docs" / "staff" / "devices.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEvery volunteer has a DBS check before they start.\n", encoding="utf-8")
    assert any(f["rule"] == "glossary/wrong-nation" for f in json.loads(run_cli("check", "--format", "json", cwd=project).out)["findings"])

    nations = project / "docs" / "nations.yml"
    nations.write_text(nations.read_text(encoding="utf-8") + "\nrules: []\n", encoding="utf-8")
    line = line_of(nations, "rules: []")
    before = _sha(nations)
    run = run_cli("check", cwd=project)
    assert "Traceback" not in run.err
    assert run.code == 2 and f"docs/nations.yml:{line}" in run.err, (run.code, run.err, run.out[-300:])
    assert _sha(nations) == before


def test_a_bad_setting_in_an_inherited_file_names_that_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nHello.\n", encoding="utf-8")
    (tmp_path / "base.yml").write_text("site_name: Base\nplugins:\n  - plainpolicy:\n      min_words: [1]\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Child\n", encoding="utf-8")
    run = run_cli("check", cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.err
    assert "base.yml:4" in run.err, run.err


def test_env_tag_values_are_typed_as_mkdocs_types_them(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", lambda config: config.replace("      min_words: 100", "      min_words: !ENV [MIN_WORDS, 100]", 1))
    run = run_subprocess("check", cwd=project, env=offline_env({"MIN_WORDS": "80"}))
    assert "Traceback" not in run.err
    assert run.code in (0, 1), run.err


def test_checking_a_data_file_by_name_does_not_score_it_as_a_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    glossary = project / "docs" / "glossary.yml"
    before = _sha(glossary)
    run = run_cli("check", "--format", "json", "docs/glossary.yml", cwd=project)
    assert "Traceback" not in run.err and _sha(glossary) == before
    if run.code == 2:  # refused, with a reason naming the file
        assert "docs/glossary.yml" in run.err
        return
    scored = [f for f in run.json()["findings"] if f["path"] == "docs/glossary.yml" and f["rule"].split("/")[0] in ("sentence", "readability", "glossary", "review", "pairing")]
    assert scored == [], scored[:3]


def test_relative_tag_for_snippet_paths_is_read_as_mkdocs_reads_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", lambda config: config.replace("      base_path: [docs]", "      base_path: [!relative $config_dir/docs]", 1))
    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.stderr[-400:]
    run = run_cli("check", cwd=project)
    assert "Traceback" not in run.err
    assert run.code in (0, 1), run.err


def test_a_page_mkdocs_excludes_is_treated_alike_by_the_check_and_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", lambda config: config.replace("  contributing/snippets/\n", "  contributing/snippets/\n  staff/drafts/\n", 1))
    (project / "docs" / "staff" / "drafts").mkdir()
    (project / "docs" / "staff" / "drafts" / "x.md").write_text(
        "---\nunpaired: a draft\nreviewed: 2026-11-20\n---\n# Draft\n\n"
        "Notwithstanding the aforementioned considerations, the organisation shall endeavour to operationalise "
        "comprehensive multidisciplinary safeguarding interventions expeditiously and proportionately.\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "drafts/x.md" not in build.stderr + build.stdout
    run = run_cli("check", "--format", "json", cwd=project)
    assert [f for f in run.json()["findings"] if f["path"].startswith("docs/staff/drafts/")] == []


def test_a_severity_for_site_placeholder_is_applied_or_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", lambda config: config.replace(
        "      default_voice: staff\n", "      default_voice: staff\n      severities:\n        site/placeholder: error\n", 1))
    line = line_of(project / "mkdocs.yml", "site/placeholder: error")
    run = run_cli("check", cwd=project)
    assert "Traceback" not in run.err
    refused = run.code == 2 and f"mkdocs.yml:{line}" in run.err
    applied = run.code == 1 and "error  site/placeholder" in run.out
    assert refused or applied, (run.code, run.err, run.out[-200:])


def test_init_follows_inherit_or_names_the_file_that_holds_the_settings(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    config = project / "mkdocs.yml"
    (project / "base.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    config.write_text("INHERIT: base.yml\nsite_name: A site that inherits its settings\n", encoding="utf-8")
    run = run_subprocess("init", "--no-input", "--lead-name", "Sam Patel", cwd=project, today=None)
    assert "Traceback" not in run.err
    if run.code == 0:
        check = run_cli("check", "--format", "json", cwd=project)
        assert not any("safeguarding_lead.name" in f["message"] for f in check.json()["findings"])
    else:
        assert "base.yml" in run.err, run.err


def test_init_writes_through_a_symlinked_mkdocs_yml(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    (project / "mkdocs.yml").rename(project / "real.yml")
    (project / "mkdocs.yml").symlink_to("real.yml")
    run = run_subprocess("init", "--no-input", "--lead-name", "Sam Patel", cwd=project, today=None)
    assert run.code == 0, run.err
    assert (project / "mkdocs.yml").is_symlink()
    assert "Sam Patel" in (project / "real.yml").read_text(encoding="utf-8")


def _filled_then_placeholders_again(config: str) -> str:
    """The kit's extra: filled in and published, then a second `extra:` (the shipped one,
    placeholders and all) further down: YAML, and so MkDocs, keep the second."""
    start, end = config.index("\nextra:\n"), config.index("\nextra_css:")
    shipped = config[start:end].replace("  # publish: true", "  publish: true  #", 1)
    filled = re.sub(r'"\[[^"\]]*\]"', '"01632 960123"', shipped).replace("dsl@example.org", "dsl@riverside-youth.org.uk")
    return config[:start] + filled + config[end:] + "\n# A copy of the details to preview with\n" + shipped + "\n"


def test_a_second_extra_key_cannot_publish_placeholders(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site", _filled_then_placeholders_again)
    build = mkdocs_build(project, tmp_path / "out", strict=False)
    published = (tmp_path / "out" / "young-people" / "index.html")
    shows_placeholder = published.is_file() and "[DSL phone number]" in published.read_text(encoding="utf-8")
    assert build.returncode != 0 and not shows_placeholder, "the publishing build shows [DSL phone number]"
    run = run_cli("check", cwd=project)
    assert run.code in (1, 2) and "mkdocs.yml:" in run.out + run.err


def test_pages_behind_a_folder_symlink_are_checked_as_the_build_checks_them(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    (project / "extra-pages").mkdir()
    (project / "extra-pages" / "hidden.md").write_text(
        "---\nunpaired: a test page\nreviewed: 2026-11-20\n---\n# Extra\n\n"
        "Notwithstanding the aforementioned considerations, the organisation shall endeavour to operationalise "
        "comprehensive multidisciplinary safeguarding interventions expeditiously and proportionately.\n", encoding="utf-8")
    (project / "docs" / "young-people" / "more").symlink_to("../../extra-pages", target_is_directory=True)
    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode != 0 and "docs/young-people/more/hidden.md:" in build.stdout + build.stderr
    run = run_cli("check", cwd=project)
    assert run.code == 1 and "docs/young-people/more/hidden.md:" in run.out, run.out[-300:]
