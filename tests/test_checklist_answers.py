"""The self-review checklist can be filled in: answers recorded in docs/checklist.yml show on the checklist page."""

from __future__ import annotations

import re
from pathlib import Path

from plainpolicy_testing import copy_project, mkdocs_build, run_subprocess


def answer(kit: Path, question_id: str, lines: str) -> None:
    checklist = kit / "docs" / "checklist.yml"
    text = checklist.read_text(encoding="utf-8")
    marker = f"  - id: {question_id}\n"
    start = text.index(marker)
    end = text.index("\n  - id:", start + 1) + 1
    checklist.write_text(text[:end] + lines + text[end:], encoding="utf-8")


def page_text(site: Path) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", (site / "maintainers" / "checklist.html").read_text(encoding="utf-8")).split())


def test_answers_and_notes_show_on_the_checklist_page(tmp_path: Path) -> None:
    kit = copy_project(tmp_path / "kit")
    answer(kit, "platforms-register", "    answer: yes\n")
    answer(kit, "platforms-values", "    answer: partly\n    note: We have checked Instagram and WhatsApp, not Zoom yet.\n")
    answer(kit, "social-strategy", "    answer: no\n")
    build = mkdocs_build(kit, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-3000:]
    text = page_text(tmp_path / "site")
    assert "Our answer: Yes." in text
    assert "Our answer: Partly. We have checked Instagram and WhatsApp, not Zoom yet." in text
    assert "Our answer: No." in text
    questions = text.count("Staff and volunteers:")
    assert f"Our answers so far: yes 1, partly 1, no 1, not answered yet {questions - 3}." in text
    assert run_subprocess("check", "docs", cwd=kit).code == 0


def test_without_answers_the_page_says_how_to_record_them(tmp_path: Path) -> None:
    kit = copy_project(tmp_path / "kit")
    build = mkdocs_build(kit, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-3000:]
    assert "Record your answers in the checklist file" in page_text(tmp_path / "site")


def test_an_unknown_answer_names_the_file_and_line(tmp_path: Path) -> None:
    kit = copy_project(tmp_path / "kit")
    answer(kit, "platforms-values", "    answer: maybe\n")
    run = run_subprocess("check", "docs", cwd=kit)
    assert run.code == 2
    assert re.search(r"checklist\.yml:\d+: the answer to question 'platforms-values' must be one of: yes, partly, no, not-yet", run.err)
