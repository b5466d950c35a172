"""Site-wide rules: front matter ids that exist, and a page for every checklist question.

Run only over the whole site (a check of one file cannot know every answer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Sequence

from plainpolicy.config import Settings
from plainpolicy.datafiles.prompts import Question, Theme, page_ids
from plainpolicy.findings import ERROR, Finding

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

UNKNOWN_THEME = "data/unknown-theme"
UNKNOWN_QUESTION = "data/unknown-question"


def check_ids(path: str, meta: dict[str, Any], meta_lines: dict[str, int], voice: str, themes: list[Theme] | None, questions: list[Question] | None) -> list[Finding]:
    """Every theme and checklist id a page lists must exist in the data files."""
    findings = []
    for key, known, data in (("themes", themes, "prompts file"), ("checklist", questions, "checklist")):
        if known is None:
            continue
        ids = {item.id for item in known}
        for identifier in page_ids(meta, key):
            if identifier not in ids:
                findings.append(
                    Finding(
                        path, meta_lines.get(key, 1), UNKNOWN_THEME if key == "themes" else UNKNOWN_QUESTION, ERROR,
                        f"'{identifier}' in '{key}' is not in the {data}.",
                        f"Use one of: {', '.join(sorted(ids))}.",
                        1, voice, "",
                    )
                )
    return findings


def check_checklist_answered(questions: list[Question], answered: dict[str, set[str]], settings: Settings, checklist_path: str) -> list[Finding]:
    """Each question needs an answering page in every paired voice."""
    findings = []
    paired = [voice for voice in settings.voices.values() if voice.paired]
    for question in questions:
        missing = [voice.label for voice in paired if voice.name not in answered.get(question.id, set())]
        if missing:
            findings.append(
                Finding(
                    checklist_path, question.line, "checklist/unanswered", ERROR,
                    f"No {' or '.join(missing)} page answers the checklist question '{question.id}'.",
                    f"Add '{question.id}' to the 'checklist:' list in the front matter of the page that answers it, in each version.",
                    1, "", question.topic,
                )
            )
    return findings


def answered_by(pages: Iterable[tuple[str | None, Sequence[str]]]) -> dict[str, set[str]]:
    """question id -> the voices that have a page answering it, from each page's voice and `checklist:` ids."""
    result: dict[str, set[str]] = {}
    for voice, identifiers in pages:
        if voice is None:
            continue
        for identifier in identifiers:
            result.setdefault(identifier, set()).add(voice)
    return result


def check(context: PageContext) -> list[Finding]:
    """The page's theme and checklist ids, for the page registry (see rules/context.py)."""
    page = context.page
    return check_ids(page.path, page.source.meta, page.source.meta_lines, context.voice.name if context.voice else "", context.themes, context.questions)
