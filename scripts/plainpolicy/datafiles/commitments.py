"""Commitments: a rule for staff and a promise to young people, marked with one id.

A contributor marks the sentence or list item that states a commitment with an
HTML comment at the end of its line (it survives rendering, and the reader does
not see it):

    - We ask for your written consent before we post a photo of you. <!-- commitment: photo-consent -->

A commitment only one voice states says why:
`<!-- commitment: staff-vetting; one voice: young people are not vetted -->`.

The register, docs/commitments.yml, gives each id a one-line statement:

    photo-consent:
      statement: We get written consent before we take, post or share a photo of a young person.

Markers are read from the page as its readers see it (nation blocks for other
nations are blank by then), outside code, so the contributing guide can show
them in examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from plainpolicy.errors import CannotRun
from plainpolicy.reading.fences import in_fence
from plainpolicy.reading.yamlfile import load_yaml_file, text_field

DEFAULT_FILE = "commitments.yml"
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MARKER = re.compile(r"<!--\s*commitment\s*:(?P<body>.*?)-->", re.IGNORECASE)
_ONE_VOICE = re.compile(r"one[ -]voice\s*(?::(?P<reason>.*))?$", re.IGNORECASE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_LEAD = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d{1,9}[.)]\s+|#{1,6}\s+)?(?:\[[ xX]\]\s+)?")


class Marker(NamedTuple):
    """One commitment marker in a page (a plain value: kept with the build's results;
    a tuple of text and numbers, so the garbage collector stops watching it)."""

    id: str
    path: str  # the page as shown in findings
    relative: str  # the page inside docs/
    line: int
    column: int
    text: str  # what the marked line says, without the marker
    one_voice: str | None = None  # the reason, when the marker says only this voice states it ("" if none given)
    problem: str = ""  # what is wrong with the marker as written ("" if nothing)


def _without_code(line: str) -> str:
    """The line with inline code blanked (same length), so an example in `code` is no marker."""
    return _CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line)


def _said(line: str) -> str:
    text = _MARKER.sub("", line)
    text = _LEAD.sub("", text)
    return " ".join(text.split())


def find_markers(text: str, path: str, relative: str) -> list[Marker]:
    """Every commitment marker in the page text (outside fenced and inline code), in order."""
    markers: list[Marker] = []
    if "<!--" not in text:  # most pages
        return markers
    previous = ""  # the last line with words, for a marker on a line of its own
    lines = text.split("\n")
    for number, (line, fenced) in enumerate(zip(lines, in_fence(lines)), start=1):
        if fenced:
            continue
        if "<!--" in line:
            said = _said(line)
            for match in _MARKER.finditer(_without_code(line)):
                markers.append(_marker(match.group("body"), path, relative, number, match.start() + 1, said or _said(previous)))
            if not said:
                continue
        if line.strip():
            previous = line
    return markers


def _marker(body: str, path: str, relative: str, line: int, column: int, said: str) -> Marker:
    identifier, _, rest = body.partition(";")
    identifier = identifier.strip()
    one_voice: str | None = None
    problem = ""
    if rest.strip():
        match = _ONE_VOICE.match(rest.strip())
        if match is None:
            problem = f"after the id, a marker may only say 'one voice: why': it says {rest.strip()!r}"
        else:
            one_voice = (match.group("reason") or "").strip()
    if not ID.fullmatch(identifier):
        problem = f"{identifier!r} is not an id: use lowercase words joined by hyphens, for example photo-consent"
    return Marker(identifier, path, relative, line, column, said, one_voice, problem)


@dataclass(frozen=True)
class Register:
    path: str
    statements: dict[str, str]
    lines: dict[str, int]


def load_register(file: Path, display: str) -> Register | None:
    """docs/commitments.yml as id -> statement; None when the file does not exist."""
    if not file.is_file():
        return None
    data = load_yaml_file(file, display, "commitments register")
    if data is None:
        return Register(display, {}, {})
    if not isinstance(data, dict):
        raise CannotRun(display, "the commitments register must map each id to its statement (photo-consent: then statement: ...)", 1)
    statements: dict[str, str] = {}
    lines: dict[str, int] = {}
    for key, value in data.items():
        if key == "__line__":
            continue
        line = value.get("__line__", 1) - 1 if isinstance(value, dict) else 1
        identifier = str(key)
        if not ID.fullmatch(identifier):
            raise CannotRun(display, f"{identifier!r} is not a commitment id: use lowercase words joined by hyphens", max(line, 1))
        if not isinstance(value, dict):
            raise CannotRun(display, f"'{identifier}' needs 'statement:' under it, with the commitment in one line", max(line, 1))
        unknown = set(value) - {"statement", "__line__"}
        if unknown:
            raise CannotRun(display, f"unknown field(s) {', '.join(sorted(unknown))} under '{identifier}'", value["__line__"])
        statements[identifier] = text_field(value.get("statement"), f"the statement of '{identifier}'", display, value["__line__"])
        lines[identifier] = max(line, 1)
    return Register(display, statements, lines)
