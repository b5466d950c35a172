"""The command line reuses results of unchanged pages between runs, and never serves stale ones."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from plainpolicy.cli import main
from plainpolicy.datafiles.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], jobs: str = "1") -> tuple[int, str]:
    """One check of the whole site; by default in this process, so count_checks sees every page checked."""
    code = main(["check", "--format", "json", "--today", "2026-11-21", "--jobs", jobs])
    return code, capsys.readouterr().out


def test_a_warm_run_gives_the_same_report_and_writes_the_cache(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cold = run(capsys, jobs="2")  # checked in worker processes, stored here
    assert list((tmp_path / "cache").glob("results-*.jsonl"))
    warm = run(capsys)
    assert warm == cold
    assert run(capsys, jobs="2") == cold


def test_an_edited_page_is_checked_again(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys)[0] == 0
    page = project / "docs/young-people/passwords.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThe Serious Crimes Act 2017 is not real.\n", encoding="utf-8")
    code, out = run(capsys)
    assert code == 1 and "glossary/rejected" in out


def test_a_changed_glossary_invalidates_every_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys)[0] == 0
    glossary = project / "docs/glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    page = "docs/young-people/passwords.md"
    term = next(t for t, _, _, _ in load_glossary(glossary, {"staff", "young-people"}).uses((project / page).read_text(encoding="utf-8").split("---", 2)[2]))
    start = text.index(f"  - term: {term.term}\n")
    line = text.index("      young-people:", start)
    end = text.index("\n", line) + 1
    glossary.write_text(text[:line] + text[end:], encoding="utf-8")  # that term has no young people's definition now
    code, out = run(capsys)
    assert code == 1
    assert any(f["path"] == page and f["rule"] == "glossary/no-definition" for f in json.loads(out)["findings"])


def test_the_cache_can_be_switched_off(project: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAINPOLICY_NO_CACHE", "1")
    run(capsys)
    assert not list((tmp_path / "cache").glob("results-*.jsonl"))


def test_an_edited_snippet_is_seen_although_its_page_did_not_change(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "docs/contributing/fixing-a-section.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nIn short:\n\n--8<-- "contributing/snippets/said-once.txt"\n', encoding="utf-8")
    snippet = project / "docs/contributing/snippets/said-once.txt"
    snippet.write_text("Ask the lead if you are not sure.\n", encoding="utf-8")
    assert run(capsys)[0] == 0
    assert run(capsys)[0] == 0  # stored now, snippet and all
    snippet.write_text("The Serious Crimes Act 2017 is not real.\n", encoding="utf-8")
    code, out = run(capsys)
    assert code == 1 and any(f["path"] == "docs/contributing/fixing-a-section.md" and f["rule"] == "glossary/rejected" for f in json.loads(out)["findings"])


def count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Pages this process checks from now on (stored results reused are not counted)."""
    from plainpolicy.engine.checker import Checker

    checked: list[str] = []
    original = Checker.check_page

    def counting(self, source, relative, *rest):  # type: ignore[no-untyped-def]
        checked.append(relative)
        return original(self, source, relative, *rest)

    monkeypatch.setattr(Checker, "check_page", counting)
    return checked


def test_a_fresh_clone_reuses_stored_results(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A clone gives every file a new time (as in CI with a cached folder): results are keyed by content, not times."""
    first = run(capsys)
    later = 2_000_000_000
    for path in [project / "mkdocs.yml", *(project / "docs").rglob("*")]:
        os.utime(path, (later, later))
    checked = count_checks(monkeypatch)
    assert run(capsys) == first
    assert checked == []
    page = project / "docs/young-people/passwords.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nKeep it to yourself.\n", encoding="utf-8")
    run(capsys)
    assert checked == ["young-people/passwords.md"]  # counted here, and only the edited page


def test_an_edited_image_register_is_seen_even_at_the_same_size_and_time(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    register = project / "docs/image-consent.yml"
    run(capsys)
    before = register.stat()
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("# Image consent register", "# Image-consent register", 1), encoding="utf-8")
    os.utime(register, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert register.stat().st_size == before.st_size
    checked = count_checks(monkeypatch)
    run(capsys)
    assert checked  # the register is part of every page's key: pages are checked again
