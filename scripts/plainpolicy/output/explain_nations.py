"""The part of `plainpolicy explain` about nations and commitments, in plain words."""

from __future__ import annotations

from typing import Sequence

from plainpolicy.datafiles.commitments import Marker, Register
from plainpolicy.reading.nations import NationBlock, label
from plainpolicy.uknations import names


def nation_lines(chosen: Sequence[str], blocks: Sequence[NationBlock]) -> list[str]:
    """Where the page's nation passages are, and whether this site shows them."""
    if not blocks:
        return []
    lines = [f"This site is for {names(chosen)}. The page has {len(blocks)} nation passage{'s' * (len(blocks) != 1)}:"]
    for block in blocks:
        where = f"lines {block.line}-{block.end}" if block.closed else f"line {block.line} to the end (never closed)"
        written = names(block.nations) if block.nations else f"\u201c{block.written}\u201d (not a nation)"
        if not block.shown:
            state = "hidden: this site is not for " + (names(block.nations) if block.nations else "it")
        elif len(chosen) > 1:
            state = f"shown with the label \u201c{label([key for key in block.nations if key in chosen])}\u201d"
        else:
            state = "shown, without a label (the site is for one nation)"
        lines.append(f"  {where}, for {written}: {state}.")
    return lines


def commitment_lines(markers: Sequence[Marker], register: Register | None) -> list[str]:
    """The commitments the page marks, each with its line and its statement in the register."""
    if not markers:
        return []
    lines = [f"Commitments marked on this page ({len(markers)}), each kept in step with the other voice:"]
    for marker in markers:
        statement = register.statements.get(marker.id) if register is not None else None
        text = f"  line {marker.line}: {marker.id}"
        text += f" (the register says: {statement})" if statement else " (not in the register)"
        if marker.one_voice:
            text += f"; this voice only, because {marker.one_voice}"
        lines.append(text)
    return lines
