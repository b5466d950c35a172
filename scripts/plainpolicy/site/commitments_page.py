"""The generated page that lists every commitment and where each voice states it."""

from __future__ import annotations

from typing import Sequence

from plainpolicy.config import Settings
from plainpolicy.datafiles.commitments import Marker, Register
from plainpolicy.site.generate import link

COMMITMENTS_PAGE = "maintainers/commitments.md"

Entry = tuple[str, str, "str | None", Sequence[Marker]]  # a page: relative path, title, voice, its markers


def origins(register: Register) -> dict[str, int]:
    """Each statement's line in the register: a finding on the generated page that quotes a
    statement points at it (see checker.relocate)."""
    return {_cell(statement): register.lines[identifier] for identifier, statement in register.statements.items()}


def commitments_page(register: Register, entries: Sequence[Entry], settings: Settings, voice_name: str) -> str:
    """A table: each commitment in the register, and a link to where each voice states it."""
    voices = list(settings.voices.values())
    places: dict[str, dict[str, list[tuple[str, str, Marker]]]] = {}
    for relative, title, voice, markers in entries:
        for marker in markers:
            if voice:
                places.setdefault(marker.id, {}).setdefault(voice, []).append((relative, title, marker))
    text = (
        "---\ntitle: Commitments\nsummary: Each rule for staff and the promise to young people that goes with it.\n"
        f"voice: {voice_name}\ngenerated: true\nsearch:\n  exclude: true\n---\n\n# Commitments\n\n"
        "A commitment is a rule for staff and the promise to young people that goes with it. "
        "This table shows where each version says it. "
        "The site will not build if one version makes a commitment and the other does not.\n\n"
    )
    text += "| Commitment | Id | " + " | ".join(voice.label for voice in voices) + " |\n"
    text += "| --- | --- |" + " --- |" * len(voices) + "\n"
    for identifier, statement in register.statements.items():
        cells = [_cell(statement), f"`{identifier}`"]
        for column in voices:
            found = places.get(identifier, {}).get(column.name, [])
            cells.append("<br>".join(_where(relative, title, marker) for relative, title, marker in found) or "Not stated")
        text += "| " + " | ".join(cells) + " |\n"
    return text


def _where(relative: str, title: str, marker: Marker) -> str:
    place = f"[{_cell(title)}]({link(COMMITMENTS_PAGE, relative)}), line {marker.line}"
    return place + (f" (only here: {_cell(marker.one_voice)})" if marker.one_voice else "")


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())
