"""Commitments kept in both voices (see commitments.py for the markers and the register).

On each page: a marker that is written wrongly, an id the register does not
have, a one-voice marker without a reason (and, as a note, every reason given).
Across the site: an id marked in one paired voice and in no page of another
(unless it says why), and an id marked twice in one voice: one rule, one place.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from plainpolicy.config import Settings
from plainpolicy.datafiles.commitments import Marker, Register
from plainpolicy.findings import ERROR, INFO, WARNING, Finding


def _finding(marker: Marker, rule: str, severity: str, message: str, hint: str = "", voice: str = "") -> Finding:
    return Finding(marker.path, marker.line, rule, severity, message, hint, marker.column, voice)


def check_page_commitments(markers: Sequence[Marker], register: Register | None, voice: str, register_path: str) -> list[Finding]:
    findings = []
    for marker in markers:
        if marker.problem:
            findings.append(_finding(marker, "commitment/bad-marker", ERROR, f"This commitment marker cannot be read: {marker.problem}.", "Write it as <!-- commitment: some-id --> or <!-- commitment: some-id; one voice: why only this voice says it -->.", voice))
            continue
        if register is None or marker.id not in register.statements:
            where = register.path if register is not None else register_path
            findings.append(_finding(marker, "commitment/unknown", ERROR, f"Commitment '{marker.id}' is not in {where}.", f"Add '{marker.id}:' there with a one-line 'statement:' under it, or use the id of a commitment that is there.", voice))
        if marker.one_voice == "":
            findings.append(_finding(marker, "commitment/no-reason", ERROR, f"Commitment '{marker.id}' says 'one voice' but not why.", f"Say why only this voice states it: <!-- commitment: {marker.id}; one voice: the reason -->.", voice))
        elif marker.one_voice:
            findings.append(_finding(marker, "commitment/one-voice", INFO, f"Commitment '{marker.id}' is stated in this voice only: {marker.one_voice}", "", voice))
    return findings


def check_site_commitments(pages: Iterable[tuple[str | None, Sequence[Marker]]], settings: Settings, register: Register | None) -> list[Finding]:
    """pages: each page's voice and markers."""
    paired = [voice for voice in settings.voices.values() if voice.paired]
    by_id: dict[str, dict[str, list[Marker]]] = {}
    for voice, markers in pages:
        for marker in markers:
            if voice and not marker.problem:
                by_id.setdefault(marker.id, {}).setdefault(voice, []).append(marker)
    findings: list[Finding] = []
    for identifier, voices in sorted(by_id.items()):
        statement = register.statements.get(identifier, "") if register is not None else ""
        for voice, markers in voices.items():
            markers.sort(key=lambda marker: (marker.path, marker.line, marker.column))
            first = markers[0]
            for later in markers[1:]:
                findings.append(_finding(
                    later, "commitment/twice", ERROR,
                    f"Commitment '{identifier}' is marked twice in the {settings.voices[voice].label} pages: here and in {first.path} line {first.line} (\u201c{first.text}\u201d).",
                    "One rule, one place: state it once and link to it from here. If the two say different things, decide which is right.",
                    voice,
                ))
        for paired_voice in paired:
            own = voices.get(paired_voice.name)
            if not own:
                continue
            one_voice = any(marker.one_voice is not None for marker in own)
            for other in paired:
                if other.name == paired_voice.name:
                    continue
                if other.name in voices:
                    if one_voice:
                        marker = next(marker for marker in own if marker.one_voice is not None)
                        theirs = voices[other.name][0]
                        findings.append(_finding(marker, "commitment/not-one-voice", WARNING, f"Commitment '{identifier}' says it is in this voice only, but {theirs.path} line {theirs.line} marks it too.", "Remove '; one voice: ...' from this marker.", paired_voice.name))
                    continue
                if one_voice:
                    continue
                marker = own[0]
                partner = f"{other.folder}/{marker.relative[len(paired_voice.folder) + 1:]}" if marker.relative.startswith(paired_voice.folder + "/") else f"{other.folder}/"
                findings.append(_finding(
                    marker, "commitment/missing", ERROR,
                    f"Commitment '{identifier}' is marked here, but no {other.label} page marks it. The {paired_voice.label} version says: \u201c{marker.text}\u201d",
                    f"Say it for {other.label.lower() if not other.label[1:2].isupper() else other.label} too (for example in docs/{partner}), ending the sentence with <!-- commitment: {identifier} -->; "
                    f"or, if only this voice needs it, write <!-- commitment: {identifier}; one voice: why -->."
                    + (f" The register says: {statement}" if statement else ""),
                    paired_voice.name,
                ))
    return findings
