"""Pages made from the data files: glossary, conversation prompts, checklist, "Talk about it" boxes.

They are plain Markdown, so MkDocs renders, indexes and checks them like any page.
Links are relative .md links, which MkDocs validates and rewrites.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from plainpolicy.config import Settings, Voice
from plainpolicy.datafiles.glossary import Glossary
from plainpolicy.datafiles.prompts import ANSWERS, Question, Theme
from plainpolicy.site.phonelinks import link_phone_numbers

GLOSSARY_PAGE = "glossary.md"
PROMPTS_PAGE = "conversation-prompts.md"
CHECKLIST_PAGE = "maintainers/checklist.md"
REPORT_PAGE = "maintainers/readability-report.md"


@dataclass(frozen=True)
class PageLink:
    title: str
    relative: str  # path inside docs/


def link(from_page: str, to_page: str) -> str:
    """A relative Markdown link target from one page to another."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def _front_matter(title: str, summary: str, voice: str) -> str:
    return f"---\ntitle: {title}\nsummary: {summary}\nvoice: {voice}\ngenerated: true\n---\n\n# {title}\n\n"


def glossary_page(glossary: Glossary, voice: Voice) -> str:
    """One voice's glossary: each term with its abbreviations and definition."""
    text = _front_matter("Glossary", f"The words this policy uses, explained for {voice.label.lower()}.", voice.name)
    text += "These are the words this policy uses, and what we mean by them.\n\n"
    terms = sorted((term for term in glossary.terms if voice.name in term.definitions), key=lambda term: term.term.lower())
    letter = ""
    for term in terms:
        first = term.term[0].upper() if term.term[0].isalpha() else "0-9"
        if first != letter:
            letter = first
            text += f"## {letter}\n\n"
        shown = term.term[0].upper() + term.term[1:]
        abbreviations = f" ({', '.join(term.abbreviations)})" if term.abbreviations else ""
        text += f"### {shown}{abbreviations}\n\n{link_phone_numbers(term.definitions[voice.name])}\n\n"
    return text


def prompts_page(themes: list[Theme], voice: Voice, related: dict[str, list[PageLink]], anchors: bool = True) -> str:
    page = f"{voice.folder}/{PROMPTS_PAGE}"
    text = _front_matter("Questions to talk about", "Ways to start talking together about life online.", voice.name)
    text += (
        "These questions are a way to start talking, not a test. "
        "What works for one group may not suit another. "
        "Use the ones that help you.\n\n"
    )
    for theme in themes:
        questions = theme.prompts.get(voice.name)
        if not questions or voice.name not in theme.title:
            continue
        anchor = f" {{#{theme.id}}}" if anchors else ""
        text += f"## {theme.title[voice.name]}{anchor}\n\n"
        if voice.name in theme.intro:
            text += f"{theme.intro[voice.name]}\n\n"
        text += "".join(f"- {question}\n" for question in questions) + "\n"
        pages = related.get(theme.id, [])
        if pages:
            text += "Pages about this:\n\n" + "".join(f"- [{item.title}]({link(page, item.relative)})\n" for item in pages) + "\n"
    return text


def talk_box(themes: list[Theme], theme_ids: list[str], voice: Voice, page: str, anchors: bool = True) -> str:
    """The "Talk about it" box for the end of a policy page."""
    chosen = [theme for theme in themes if theme.id in theme_ids and theme.prompts.get(voice.name) and voice.name in theme.title]
    if not chosen:
        return ""
    target = link(page, f"{voice.folder}/{PROMPTS_PAGE}")
    text = "\n\n## Talk about it\n\n"
    for theme in chosen:
        text += f"!!! question \"{theme.title[voice.name]}\"\n\n"
        text += "".join(f"    - {question}\n" for question in theme.prompts[voice.name][:3])
        fragment = f"#{theme.id}" if anchors else ""
        text += f"\n    [More questions about this]({target}{fragment})\n\n"
    return text


def checklist_page(questions: list[Question], answers: dict[str, dict[str, list[PageLink]]], settings: Settings, voice: Voice) -> str:
    text = _front_matter("Self-review checklist", "Questions to check our policy against, and the pages that answer them.", voice.name)
    text += (
        "Use this list to check the policy. "
        "Each question links to the pages that answer it, in every version. "
        "The site will not build if a question has no page.\n\n"
    )
    text += answers_summary(questions)
    topic = ""
    paired = [v for v in settings.voices.values() if v.paired]
    for question in questions:
        if question.topic != topic:
            topic = question.topic
            text += f"## {topic}\n\n"
        text += f"{question.question}\n\n"
        if question.answer:
            note = f" {question.note}" if question.note else ""
            text += f'<p class="pp-answer pp-answer--{question.answer}"><strong>Our answer: {ANSWERS[question.answer]}.</strong>{note}</p>\n\n'
        for other in paired:
            pages = answers.get(question.id, {}).get(other.name, [])
            links = ", ".join(f"[{item.title}]({link(CHECKLIST_PAGE, item.relative)})" for item in pages) or "no page yet"
            text += f"- {other.label}: {links}.\n"
        text += "\n"
    return text


def answers_summary(questions: list[Question]) -> str:
    """How many questions have each answer, once the organisation has recorded any."""
    if not any(question.answer for question in questions):
        return (
            "Record your answers in the checklist file: give a question `answer: yes`, `partly`, `no` or `not-yet`, "
            "and a `note` if you want to say more. Your answers then show here.\n\n"
        )
    counts = {state: sum(question.answer == state for question in questions) for state in ANSWERS}
    counts["not-yet"] += sum(question.answer is None for question in questions)
    return "Our answers so far: " + ", ".join(f"{label.lower()} {counts[state]}" for state, label in ANSWERS.items()) + ".\n\n"
