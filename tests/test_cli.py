"""The command line: exit codes, finding the site, the real process, and never writing to docs/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plainpolicy_testing import (
    copy_site,
    offline_env,
    run_cli,
    run_subprocess,
    site,
    snapshot,
)

SITE = site("site")
CLEAN = site("clean")


# --- exit codes ---------------------------------------------------------------------------


def test_exit_0_for_a_clean_whole_site_in_every_format() -> None:
    for fmt in ("text", "json", "github", "sarif"):
        run = run_cli("check", "--format", fmt, cwd=CLEAN)
        assert run.code == 0, (fmt, run.out, run.err)
        assert run.err == ""


def test_exit_1_when_there_are_errors() -> None:
    run = run_cli("check", "docs/staff/only-staff.md", cwd=SITE)
    assert run.code == 1
    assert "1 error" in run.out


def test_warnings_alone_exit_0_but_1_with_strict() -> None:
    assert run_cli("check", "docs/staff/review-missing.md", cwd=SITE).code == 0
    assert run_cli("check", "--strict", "docs/staff/review-missing.md", cwd=SITE).code == 1


def test_info_findings_never_fail_even_with_strict(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs/staff/exceptions.md"
    text = file.read_text(encoding="utf-8")
    # Only the used exception is left. It covers readability too: a page this short is scored as a whole (issue 15).
    kept = text.split("## Nothing to excuse")[0].replace("plainpolicy-allow sentence/too-long:", "plainpolicy-allow readability, sentence:")
    file.write_text(kept, encoding="utf-8")
    run = run_cli("check", "--strict", "--format", "json", "docs/staff/exceptions.md", cwd=root)
    assert [f["severity"] for f in run.json()["findings"]] == ["info"]
    assert run.code == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "docs/staff/no-such-page.md"], "docs/staff/no-such-page.md: no such file or folder"),
        (["check", "--config", "nowhere.yml"], "nowhere.yml: no such MkDocs configuration file"),
        (["check", "--format", "xml"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        ([], "required"),
    ],
)
def test_exit_2_when_it_cannot_run(args: list[str], message: str) -> None:
    run = run_cli(*args, cwd=SITE, today=None)
    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err + run.out
    assert run.out == ""


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from plainpolicy.engine import checker

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(checker.Checker, "check_files", boom)
    monkeypatch.delenv("PLAINPOLICY_DEBUG", raising=False)
    run = run_cli("check", "docs/staff/devices.md", cwd=SITE)
    assert run.code == 2
    assert run.err.count("\n") == 1 and "ZeroDivisionError: simulated bug" in run.err
    assert "PLAINPOLICY_DEBUG=1" in run.err and "Traceback" not in run.err
    monkeypatch.setenv("PLAINPOLICY_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run_cli("check", "docs/staff/devices.md", cwd=SITE)


# --- which site, which files -------------------------------------------------------------------


def test_the_config_is_found_from_a_sub_folder() -> None:
    run = run_cli("check", "--format", "json", "devices.md", cwd=SITE / "docs/staff")
    assert run.code == 0
    (page,) = run.json()["pages"]
    assert page["path"] == "devices.md" and page["voice"] == "staff"  # shown relative to where it ran


def test_config_option_from_anywhere(tmp_path: Path) -> None:
    run = run_cli("check", "--format", "json", "--config", SITE / "mkdocs.yml", SITE / "docs/staff/devices.md", cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.json()["pages"][0]["voice"] == "staff"


def test_a_folder_checks_every_page_under_it() -> None:
    run = run_cli("check", "--format", "json", "docs/young-people", cwd=SITE)
    paths = [page["path"] for page in run.json()["pages"]]
    assert paths == sorted(paths)
    assert set(paths) == {f"docs/young-people/{p.name}" for p in (SITE / "docs/young-people").glob("*.md")}


def test_the_same_file_twice_is_checked_once() -> None:
    run = run_cli("check", "--format", "json", "docs/staff/devices.md", "./docs/staff/devices.md", cwd=SITE)
    assert len(run.json()["pages"]) == 1


def test_exclude_patterns_skip_pages(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      min_words: 100\n", "      min_words: 100\n      exclude: ['staff/review-*']\n"), encoding="utf-8")
    run = run_cli("check", "--format", "json", "docs/staff", cwd=root)
    paths = {page["path"] for page in run.json()["pages"]}
    assert "docs/staff/devices.md" in paths
    assert not any("review-" in path for path in paths)


def test_without_any_mkdocs_yml_the_defaults_apply(tmp_path: Path) -> None:
    (tmp_path / "docs/staff").mkdir(parents=True)
    shutil.copy(SITE / "docs/staff/sentences.md", tmp_path / "docs/staff/sentences.md")
    run = run_cli("check", "--format", "json", cwd=tmp_path)
    assert run.code == 0, run.err
    data = run.json()
    assert [p["voice"] for p in data["pages"]] == ["staff"]
    assert len([f for f in data["findings"] if f["rule"] == "sentence/too-long"]) == 4  # the default staff limit, 25


# --- the real process --------------------------------------------------------------------------


def test_python_dash_m_plainpolicy_in_a_real_process() -> None:
    run = run_subprocess("check", "--format", "json", "docs/staff/sentences.md", "docs/young-people/words.md", cwd=SITE)
    assert run.code == 1, run.err
    assert run.err == ""
    in_process = run_cli("check", "--format", "json", "docs/staff/sentences.md", "docs/young-people/words.md", cwd=SITE)
    assert run.json() == in_process.json()


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("plainpolicy")
    assert script.is_file(), "pip install -e . should install the plainpolicy command"
    result = subprocess.run(
        [str(script), "check", "--today", "2026-11-21", "docs/staff/devices.md"],
        cwd=SITE, env=offline_env(), capture_output=True, text=True, timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "1 page checked: 0 errors, 0 warnings.\n"


def test_help_exits_0() -> None:
    run = run_subprocess("--help", cwd=SITE, today=None)
    assert run.code == 0 and "check" in run.out


# --- never writes to docs/ -----------------------------------------------------------------------


def test_checking_never_writes_anywhere_in_the_site(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    before = snapshot(root)
    for fmt in ("text", "json", "github", "sarif"):
        run_cli("check", "--format", fmt, "--verbose", cwd=root)
        run_cli("check", "--format", fmt, "--strict", "docs/staff", cwd=root)
    run_subprocess("check", cwd=root)
    run_cli("explain", "docs/staff/sentences.md", cwd=root)
    assert snapshot(root) == before
    assert not list(root.rglob("__pycache__")) and not list(root.rglob("*.tmp"))


def test_no_file_under_the_site_is_even_opened_for_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stronger than comparing snapshots: any attempt to open a file there for writing fails the test."""
    import builtins
    import io

    root = copy_site("site", tmp_path).resolve()
    attempts: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def inside(file: object) -> bool:
        try:
            return isinstance(file, (str, bytes, os.PathLike)) and Path(os.fsdecode(file)).resolve().is_relative_to(root)
        except (TypeError, ValueError):
            return False

    def guarded_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if inside(file) and any(flag in mode for flag in "wax+"):
            attempts.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if inside(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC):
            attempts.append(f"os.open({path!r})")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for fmt in ("text", "json", "github", "sarif"):
        assert run_cli("check", "--format", fmt, "--verbose", cwd=root).code in (0, 1)
    assert attempts == []
