"""The policy itself: structure, completeness and the readability bar (issue: the content)."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import yaml

from plainpolicy.checker import Checker, Report
from plainpolicy.mkdocs_config import load_site_config

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# The brief's twelve topics, plus "about this policy" (law covers "keeping up with the law").
TOPICS = [
    "about", "platforms", "social-media", "law", "devices", "images", "staying-safe-online",
    "reporting", "training", "passwords", "groups-and-messaging", "procedures", "monitoring",
]
LAB_THEMES = [
    "staff-wellbeing", "historic-policies", "language", "who-is-involved",
    "marketing-or-service", "invisible-digital-work", "gdpr", "technical-or-social",
]
NATIONAL_NUMBERS = {"999", "101", "0800 1111", "116 123"}


def load(name: str) -> dict:
    return yaml.safe_load((DOCS / name).read_text(encoding="utf-8"))


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


@pytest.fixture(scope="module")
def report() -> Report:
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    return checker.check_site()


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_both_voices_with_full_front_matter(topic: str) -> None:
    staff, young = DOCS / "staff" / f"{topic}.md", DOCS / "young-people" / f"{topic}.md"
    assert staff.exists() and young.exists()
    staff_meta, young_meta = front_matter(staff), front_matter(young)
    for meta in (staff_meta, young_meta):
        for key in ("title", "summary", "reviewed", "owner", "checklist", "themes"):
            assert meta.get(key), f"{topic}: front matter lacks {key}"
    assert sorted(staff_meta["checklist"]) == sorted(young_meta["checklist"]), "a pair answers the same questions"


def test_the_whole_site_passes_its_own_checks_without_warnings(report: Report) -> None:
    problems = [f for f in report.findings if f.severity in ("error", "warning")]
    assert problems == []


def test_at_most_five_exceptions(report: Report) -> None:
    assert len([f for f in report.findings if f.rule == "exception/used"]) <= 5


def test_readability_medians_aim_lower_than_the_bar(report: Report) -> None:
    def median(voice: str) -> float:
        return statistics.median(
            s.scores.grade for p in report.pages if p.voice == voice and not p.meta.get("generated") for s in p.sections if s.scores.words
        )

    assert median("young-people") <= 5
    assert median("staff") <= 8


def test_page_lengths_follow_from_completeness(report: Report) -> None:
    for page in report.pages:
        topic = Path(page.relative).stem
        if topic not in TOPICS:
            continue
        low, high = (450, 1100) if page.voice == "staff" else (280, 700)
        words = sum(s.scores.words for s in page.sections if s.heading != "Talk about it")  # the generated box
        assert low <= words <= high, f"{page.relative}: {words} words"


def test_every_lab_theme_has_prompts() -> None:
    themes = {theme["id"]: theme for theme in load("prompts.yml")["themes"]}
    assert sorted(themes) == sorted(LAB_THEMES)
    for theme in themes.values():
        assert len(theme["prompts"]["staff"]) >= 4
        assert all(question.strip().endswith("?") for question in theme["prompts"]["staff"])
    assert sum(1 for theme in themes.values() if len(theme["prompts"].get("young-people", [])) >= 3) >= 6


def test_every_checklist_question_is_answered_in_both_voices() -> None:
    questions = {q["id"] for q in load("checklist.yml")["questions"]}
    answered: dict[str, set[str]] = {}
    for voice in ("staff", "young-people"):
        for path in (DOCS / voice).glob("*.md"):
            for identifier in front_matter(path).get("checklist") or []:
                answered.setdefault(identifier, set()).add(voice)
    for identifier in questions:
        assert answered.get(identifier) == {"staff", "young-people"}, identifier


def test_glossary_is_complete_and_catches_the_known_mis_citations() -> None:
    terms = load("glossary.yml")["terms"]
    assert len(terms) >= 40
    for term in terms:
        assert term["definitions"].get("staff") and term["definitions"].get("young-people"), term["term"]
    rejected = {r["form"] for term in terms for r in term.get("rejected", [])}
    for form in ("Serious Crimes Act 2017", "GDPR", "Working Together 2018"):
        assert form in rejected


def test_pages_never_hard_code_local_phone_numbers() -> None:
    phone = re.compile(r"(?<![\w.])(?:\+44\s?|0)\d[\d ]{8,12}\d|\b\d{3}\s\d{3}\b|\b\d{3}\b")
    for path in DOCS.rglob("*.md"):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        for match in phone.finditer(body):
            number = match.group(0).strip()
            if re.fullmatch(r"\d{3}", number) and number not in NATIONAL_NUMBERS:
                continue  # a plain three-digit figure, not a phone number
            assert number in NATIONAL_NUMBERS, f"{path}: {number}"


def test_young_peoples_pages_talk_to_you() -> None:
    for path in (DOCS / "young-people").glob("*.md"):
        words = re.findall(r"[a-z']+", path.read_text(encoding="utf-8").lower())
        assert words.count("you") + words.count("your") >= 10, path.name


def test_laws_are_cited_correctly() -> None:
    law = (DOCS / "staff" / "law.md").read_text(encoding="utf-8")
    for citation in (
        "Serious Crime Act 2015", "Sexual Offences Act 2003", "Counter-Terrorism and Security Act 2015",
        "Online Safety Act 2023", "Data Protection Act 2018", "UK GDPR", "Protection of Children Act 1978",
        "Working Together to Safeguard Children 2023", "Keeping Children Safe in Education",
    ):
        assert citation in law, citation
    assert "15A" in law and "section 67" in law
    for path in DOCS.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert "Serious Crimes Act" not in text.replace("plainpolicy-allow", "")
