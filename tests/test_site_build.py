"""A real `mkdocs build` of the real site and of broken copies of it."""

from __future__ import annotations

import html as html_lib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plainpolicy_testing import copy_project

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def build(project: Path, out: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [*MKDOCS, "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    if strict:
        command.append("--strict")
    env = dict(os.environ)
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def squash(text: str) -> str:
    return " ".join(text.split())


def text_of(page_html: str) -> str:
    """The visible text of a page, tags removed and spaces squashed."""
    return squash(html_lib.unescape(re.sub(r"<[^>]+>", "", page_html)))


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def page(path: Path, title: str, body: str, **meta: object) -> None:
    front = {"title": title, "summary": "A test page.", "reviewed": "2026-11-01", "owner": "Designated safeguarding lead", **meta}
    path.write_text("---\n" + yaml.safe_dump(front) + "---\n\n# " + title + "\n\n" + body, encoding="utf-8")


HARD = (
    "## Responsibilities\n\n"
    "Notwithstanding the aforementioned organisational responsibilities, practitioners are required to "
    "demonstrate comprehensive understanding of multidisciplinary safeguarding methodologies, "
    "interdepartmental communication protocols and contemporaneous documentation requirements. "
    "Consequently, individuals occupying supervisory positions should systematically evaluate "
    "operational effectiveness, identifying deficiencies and implementing remedial interventions "
    "proportionate to organisational vulnerability assessments, institutional accountability "
    "frameworks and statutory obligations applicable within jurisdictional parameters. "
    "Additionally, comprehensive documentation facilitates retrospective evaluation, "
    "notwithstanding considerable administrative complexity. Furthermore, organisational "
    "leadership must guarantee institutional compliance with multifaceted regulatory "
    "expectations, incorporating systematic professional development, reflective supervision "
    "and interdisciplinary collaboration throughout implementation.\n"
)
EASY = (
    "## What to do\n\n"
    "Tell us if you are worried. We will listen to you. We will help you stay safe. "
    "You can talk to any youth worker you trust. You can also call Childline. "
    "It is free and they will not tell anyone you called. You do not have to give your name. "
    "We will not be cross with you. We want to know so we can help. "
    "If you are in danger right now, call 999. The police will come to help you. "
    "You can also tell a friend, a parent or a teacher. They can help you tell us. "
    "It is never too late to tell someone.\n"
)


def test_real_site_builds_strict_with_generated_pages(built_site: Path) -> None:
    glossary = yaml.safe_load((ROOT / "docs/glossary.yml").read_text(encoding="utf-8"))
    prompts = yaml.safe_load((ROOT / "docs/prompts.yml").read_text(encoding="utf-8"))
    checklist = yaml.safe_load((ROOT / "docs/checklist.yml").read_text(encoding="utf-8"))
    html = {p.relative_to(built_site).as_posix(): text_of(p.read_text(encoding="utf-8")) for p in built_site.rglob("*.html")}

    def find(stem: str) -> str:
        for name in (f"{stem}.html", f"{stem}/index.html"):
            if name in html:
                return html[name]
        raise AssertionError(f"{stem} was not built")

    staff_glossary, young_glossary = find("staff/glossary"), find("young-people/glossary")
    for term in glossary["terms"]:
        assert squash(term["definitions"]["staff"]) in staff_glossary
        assert squash(term["definitions"]["young-people"]) in young_glossary
    for voice in ("staff", "young-people"):
        prompts_page = find(f"{voice}/conversation-prompts")
        for theme in prompts["themes"]:
            for question in theme["prompts"].get(voice, []):
                assert squash(question) in prompts_page
    checklist_page = find("maintainers/checklist")
    for question in checklist["questions"]:
        assert squash(question["question"]) in checklist_page
    report = find("maintainers/readability-report")
    assert "Median grade" in report
    assert not (built_site / "glossary.yml").exists(), "data files must not be published raw"


def test_policy_pages_get_talk_about_it_boxes_and_tooltips(built_site: Path) -> None:
    devices = next(p for p in (built_site / "staff").glob("devices*") if p.is_file() or p.is_dir())
    text = (devices if devices.is_file() else devices / "index.html").read_text(encoding="utf-8")
    assert "Talk about it" in text
    assert "<abbr title=" in text


def test_too_hard_page_fails_the_build_and_names_file_and_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page(project / "docs/staff/test-topic.md", "Test topic", "Intro text for the test page, short and plain.\n\n" + HARD)
    page(project / "docs/young-people/test-topic.md", "Test topic", "This page is a test.\n\n" + EASY)
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    line = line_of(project / "docs/staff/test-topic.md", "## Responsibilities")
    assert f"docs/staff/test-topic.md:{line}:1 readability/too-hard" in result.stdout + result.stderr


def test_rejected_term_fails_the_build_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    body = EASY.replace("It is never too late to tell someone.", "The Serious Crimes Act 2017 makes this a crime.")
    page(project / "docs/young-people/test-topic.md", "Test topic", "This page is a test.\n\n" + body)
    page(project / "docs/staff/test-topic.md", "Test topic", "This page is a test.\n\n" + EASY)
    result = build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = line_of(project / "docs/young-people/test-topic.md", "Serious Crimes Act")
    assert f"docs/young-people/test-topic.md:{line}:" in output and "glossary/rejected" in output
    assert "Serious Crime Act 2015" in output


def test_page_without_partner_fails_unless_it_says_why(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page(project / "docs/staff/lonely.md", "Lonely", "This page is a test.\n\n" + EASY)
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/staff/lonely.md:1:1 pairing/missing-partner" in result.stdout + result.stderr

    page(project / "docs/staff/lonely.md", "Lonely", "This page is a test.\n\n" + EASY, unpaired="Only staff need this page.")
    result = build(project, tmp_path / "out2")
    assert result.returncode == 0, result.stdout + result.stderr


def test_unanswered_checklist_question_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    checklist = project / "docs/checklist.yml"
    checklist.write_text(
        checklist.read_text(encoding="utf-8")
        + "  - id: brand-new-question\n    topic: New\n    question: Do we have a new rule?\n",
        encoding="utf-8",
    )
    result = build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "checklist/unanswered" in result.stdout + result.stderr
    assert "brand-new-question" in result.stdout + result.stderr


def test_overdue_review_is_a_warning_then_an_error_with_the_setting(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    target = project / "docs/young-people/about.md"
    target.write_text(re.sub(r"(?m)^reviewed: .*$", "reviewed: 2020-01-01", target.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    lenient = build(project, tmp_path / "out", strict=False)
    assert lenient.returncode == 0
    assert "review/overdue" in lenient.stdout + lenient.stderr
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("overdue_review: warning", "overdue_review: error"), encoding="utf-8")
    strict = build(project, tmp_path / "out2", strict=False)
    assert strict.returncode != 0
    assert "docs/young-people/about.md" in strict.stdout + strict.stderr
