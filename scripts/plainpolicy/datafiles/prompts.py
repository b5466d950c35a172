"""The other data files: conversation prompts (themes) and the self-review checklist.

prompts.yml:

    themes:
      - id: staff-wellbeing
        title: {staff: Staff wellbeing, young-people: How staff feel}
        intro: {staff: ..., young-people: ...}
        prompts:
          staff: [An open question?, ...]
          young-people: [...]          # optional: only where the theme fits

checklist.yml:

    questions:
      - id: devices-personal
        topic: Devices
        question: Do we have clear rules on ...?
        answer: partly             # optional: yes, partly, no or not-yet (the organisation's own answer)
        note: We have rules for staff phones, not yet for volunteers.   # optional

Pages link themselves to both with front matter lists `themes:` and `checklist:`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from plainpolicy.errors import CannotRun
from plainpolicy.reading.yamlfile import load_yaml_file, text_field, text_list


@dataclass
class Theme:
    id: str
    line: int
    title: dict[str, str]
    intro: dict[str, str]
    prompts: dict[str, list[str]] = field(default_factory=dict)


ANSWERS = {"yes": "Yes", "partly": "Partly", "no": "No", "not-yet": "Not answered yet"}


@dataclass
class Question:
    id: str
    line: int
    topic: str
    question: str
    answer: str | None = None  # one of ANSWERS, when the organisation has recorded one
    note: str | None = None


def _per_voice(raw: Any, where: str, voices: set[str], path: str, line: int, lists: bool = False) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CannotRun(path, f"{where} must map each voice to its text", line)
    result: dict[str, Any] = {}
    for voice, value in raw.items():
        if voice == "__line__":
            continue
        if voice not in voices:
            raise CannotRun(path, f"{where} names unknown voice '{voice}' (voices: {', '.join(sorted(voices))})", line)
        result[voice] = text_list(value, f"{where} ({voice})", path, line) if lists else text_field(value, f"{where} ({voice})", path, line)
    return result


def _unique_id(raw: dict[str, Any], seen: set[str], what: str, path: str, line: int) -> str:
    identifier = text_field(raw.get("id"), f"each {what}'s 'id'", path, line)
    if identifier in seen:
        raise CannotRun(path, f"the {what} id '{identifier}' is used twice", line)
    seen.add(identifier)
    return identifier


def load_themes(file: Path, voices: set[str], display: str) -> list[Theme]:
    data = load_yaml_file(file, display, "prompts file")
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise CannotRun(display, "the prompts file must start with 'themes:' followed by a list", 1)
    themes: list[Theme] = []
    seen: set[str] = set()
    for raw in data["themes"]:
        if not isinstance(raw, dict):
            raise CannotRun(display, "each theme must have id, title, intro and prompts", 1)
        line = raw.get("__line__", 1)
        identifier = _unique_id(raw, seen, "theme", display, line)
        title = _per_voice(raw.get("title"), f"title of theme '{identifier}'", voices, display, line)
        if not title:
            raise CannotRun(display, f"theme '{identifier}' needs a title for at least one voice", line)
        themes.append(
            Theme(
                id=identifier,
                line=line,
                title=title,
                intro=_per_voice(raw.get("intro"), f"intro of theme '{identifier}'", voices, display, line),
                prompts=_per_voice(raw.get("prompts"), f"prompts of theme '{identifier}'", voices, display, line, lists=True),
            )
        )
    return themes


def load_questions(file: Path, display: str) -> list[Question]:
    data = load_yaml_file(file, display, "checklist")
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise CannotRun(display, "the checklist must start with 'questions:' followed by a list", 1)
    questions: list[Question] = []
    seen: set[str] = set()
    for raw in data["questions"]:
        if not isinstance(raw, dict):
            raise CannotRun(display, "each checklist entry must have id, topic and question", 1)
        line = raw.get("__line__", 1)
        identifier = _unique_id(raw, seen, "question", display, line)
        questions.append(
            Question(
                identifier,
                line,
                text_field(raw.get("topic"), f"topic of question '{identifier}'", display, line),
                text_field(raw.get("question"), f"question '{identifier}'", display, line),
                _answer(raw.get("answer"), identifier, display, line),
                text_field(raw.get("note"), f"the note of question '{identifier}'", display, line) if raw.get("note") is not None else None,
            )
        )
    return questions


def _answer(value: Any, identifier: str, path: str, line: int) -> str | None:
    """An optional answer state. YAML reads a bare yes or no as true or false: both are accepted."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value.strip().lower() in ANSWERS:
        return value.strip().lower()
    raise CannotRun(path, f"the answer to question '{identifier}' must be one of: {', '.join(ANSWERS)} (or left out)", line)


def page_ids(meta: Mapping[str, Any], key: str) -> list[str]:
    """A front matter list such as `themes: [a, b]` (a single string is accepted too)."""
    value = meta.get(key)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []
