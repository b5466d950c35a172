"""The missing topics of issue 17 (item 5): each is a pair of pages that is complete and wired in.

Each topic must exist in both voices, be in the menu order and on both voice index
pages, answer its own checklist questions, mark the same commitments in both
voices (registered in docs/commitments.yml), give every helpline as a one-tap
link with the age it is for, and pass the site's own checks with no finding.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from plainpolicy.engine.checker import Checker, Report
from plainpolicy.reading.mkdocs_config import load_site_config

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
VOICES = ("staff", "young-people")

NEW_TOPICS = ["allegations-and-vetting", "sextortion", "peer-abuse-online", "ai-and-deepfakes", "online-sessions", "radicalisation", "send-and-easy-read"]
# Topics whose staff page names a different route or law in each nation.
NATION_TOPICS = ["allegations-and-vetting", "sextortion", "ai-and-deepfakes", "radicalisation", "send-and-easy-read"]
NATIONS = ("England", "Wales", "Scotland", "Northern Ireland")

MARKER = re.compile(r"<!--\s*commitment:\s*([a-z0-9-]+)\s*(;\s*one voice:[^>]*)?-->")
NATION_OPENER = re.compile(r"^/// nation \| (.+)$", re.M)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1]) or {}


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---", 2)[2]


def markers(path: Path) -> dict[str, bool]:
    """Commitment ids marked on a page, each with whether it is marked one-voice-only."""
    return {m.group(1): bool(m.group(2)) for m in MARKER.finditer(body(path))}


@pytest.fixture(scope="module")
def report() -> Report:
    return Checker(load_site_config(ROOT / "mkdocs.yml")).check_site()


@pytest.mark.parametrize("topic", NEW_TOPICS)
def test_topic_has_both_voices_with_full_front_matter(topic: str) -> None:
    metas = [front_matter(DOCS / voice / f"{topic}.md") for voice in VOICES]
    for meta in metas:
        for key in ("title", "summary", "reviewed", "owner", "checklist", "themes"):
            assert meta.get(key), f"{topic}: front matter lacks {key}"
    assert sorted(metas[0]["checklist"]) == sorted(metas[1]["checklist"]), "a pair answers the same questions"
    assert metas[0]["themes"] == metas[1]["themes"], "a pair links the same Lab themes"


@pytest.mark.parametrize("topic", NEW_TOPICS)
def test_topic_is_in_the_menu_order_and_on_both_index_pages(topic: str) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    options = next(p["plainpolicy"] for p in config["plugins"] if isinstance(p, dict) and "plainpolicy" in p)
    assert f"{topic}.md" in options["nav_order"]
    for voice in VOICES:
        assert f"]({topic}.md)" in (DOCS / voice / "index.md").read_text(encoding="utf-8"), voice


@pytest.mark.parametrize("topic", NEW_TOPICS)
def test_topic_answers_its_own_checklist_questions(topic: str) -> None:
    questions = {q["id"]: q for q in yaml.safe_load((DOCS / "checklist.yml").read_text(encoding="utf-8"))["questions"]}
    answered = front_matter(DOCS / "staff" / f"{topic}.md")["checklist"]
    assert answered, topic
    for identifier in answered:
        assert identifier in questions, identifier
        assert questions[identifier]["question"].endswith("?")


@pytest.mark.parametrize("topic", NEW_TOPICS)
def test_commitments_are_marked_in_both_voices_and_registered(topic: str) -> None:
    register = yaml.safe_load((DOCS / "commitments.yml").read_text(encoding="utf-8"))
    staff, young = (markers(DOCS / voice / f"{topic}.md") for voice in VOICES)
    assert staff and young, "each topic makes promises in both voices"
    for identifier, one_voice in {**staff, **young}.items():
        assert identifier in register and register[identifier]["statement"], identifier
        if not one_voice:
            assert identifier in staff and identifier in young, f"{identifier} is marked in one voice only"
    both = set(staff) & set(young)
    assert all(not staff[i] and not young[i] for i in both), "a one-voice id must not appear in the other voice"


def test_each_commitment_is_marked_once_per_voice() -> None:
    for voice in VOICES:
        seen: dict[str, str] = {}
        for path in sorted((DOCS / voice).glob("*.md")):
            for match in MARKER.finditer(body(path)):
                identifier = match.group(1)
                assert identifier not in seen, f"{identifier} marked in {seen.get(identifier)} and {path.name}"
                seen[identifier] = path.name


@pytest.mark.parametrize("topic", NATION_TOPICS)
def test_staff_page_has_a_passage_for_every_nation(topic: str) -> None:
    text = body(DOCS / "staff" / f"{topic}.md")
    covered = {name.strip().lower() for opener in NATION_OPENER.findall(text) for name in opener.split(",")}
    for nation in NATIONS:
        assert nation.lower() in covered, nation
    assert text.count("\n///\n") == len(NATION_OPENER.findall(text)), "every passage is closed"


@pytest.mark.parametrize("topic", NEW_TOPICS)
@pytest.mark.parametrize("voice", VOICES)
def test_unchecked_facts_are_shown_as_questions_for_the_safeguarding_lead(topic: str, voice: str) -> None:
    assert "verify" not in body(DOCS / voice / f"{topic}.md").lower()


@pytest.mark.parametrize("topic", NEW_TOPICS)
@pytest.mark.parametrize("voice", VOICES)
def test_phone_numbers_are_links_and_services_say_their_age(topic: str, voice: str) -> None:
    text = body(DOCS / voice / f"{topic}.md")
    without_links = re.sub(r"\[[^\]]*\]\((?:tel|sms):[^)]*\)", "", text)
    for number in ("999", "101", "0800 1111", "116 123", "85258"):
        assert not re.search(rf"(?<![\w:/.]){re.escape(number)}(?![\w])", without_links), f"{number} is not a link"
    if "Childline" in text and "0800 1111" in text:
        assert "under 19" in text
    if "CEOP" in text:
        assert "under 18" in text
    if "Report Remove" in text:
        assert "under 18" in text


def test_new_pages_pass_every_check_with_no_finding(report: Report) -> None:
    names = {f"{voice}/{topic}.md" for topic in NEW_TOPICS for voice in VOICES}
    problems = [f for f in report.findings if f.severity in ("error", "warning") and any(f.path.endswith(n) for n in names)]
    assert problems == []
    assert {p.relative for p in report.pages} >= names


def test_easy_read_page_is_very_simple_and_first_on_the_young_peoples_index(report: Report) -> None:
    page = next(p for p in report.pages if p.relative.endswith("young-people/send-and-easy-read.md"))
    grades = sorted(s.scores.grade for s in page.sections if s.scores.words and s.heading != "Talk about it")
    assert grades[len(grades) // 2] <= 3, "Easy Read: most sections read at grade 3 or lower"
    text = re.sub(r"<!--.*?-->", "", body(DOCS / "young-people" / "send-and-easy-read.md"))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    for sentence in re.split(r"(?<=[.?!])\s+|\n", text):
        assert len(sentence.split()) <= 14, f"Easy Read sentence too long: {sentence!r}"
    start_here = (DOCS / "young-people" / "index.md").read_text(encoding="utf-8").split("## Start here", 1)[1]
    assert start_here.lstrip().startswith("- [Easy Read](send-and-easy-read.md)")
