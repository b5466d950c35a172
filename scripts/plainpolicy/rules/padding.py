"""readability/repeated: text written again on the same page.

Copies of easy sentences would pull a hard section's grade down ("padding"), so
the formulas score each sentence, list item or table row once per section
(reading/repeats.py says what counts as a copy); this rule tells the writer, in
each section that holds a copy of text from the same section or from another one,
so that repeats are not left in silently.
"""

from __future__ import annotations

from plainpolicy.config import Voice
from plainpolicy.findings import WARNING, Finding
from plainpolicy.reading.analysis import AnalysedPage, SectionView
from plainpolicy.reading.repeats import Copy

LISTED = 5  # repeats named in the message


def _grouped(copies: list[Copy]) -> dict[str, list[Copy]]:
    """The section's copies, by what they copy, in page order."""
    grouped: dict[str, list[Copy]] = {}
    for copy in copies:
        grouped.setdefault(copy.key, []).append(copy)
    return grouped


def _reported(grouped: dict[str, list[Copy]]) -> dict[str, list[Copy]]:
    """The copies worth a warning. A copy in the same section is padding; so is a third
    copy, or text the same but for numbers. One sentence said again in another section
    is a reminder for a reader who starts there ("Tell the DSL straight away."); two or
    more copied from other sections are padding."""
    elsewhere = [key for key, copies in grouped.items() if all(copy.earlier is not None for copy in copies)]
    if len(elsewhere) >= 2:
        return grouped
    return {key: copies for key, copies in grouped.items() if key not in elsewhere or copies[-1].time >= 3 or copies[0].near}


def _describe(copies: list[Copy]) -> str:
    """'"We are here." 60 times' or '"We are here." (also in "Part 0")'."""
    first = copies[0]
    if first.near:
        return f"\"{first.text}\" and {len(copies) - 1} more written the same but for numbers" if len(copies) > 1 else f"\"{first.text}\", written twice before but for numbers"
    if first.earlier is None:
        return f"\"{first.text}\" {len(copies) + 1} times"
    times = f" {len(copies)} times" if len(copies) > 1 else ""
    return f"\"{first.text}\"{times} (also in \"{first.earlier}\")"


def _where(page: AnalysedPage, view: SectionView, copy: Copy) -> tuple[int, int]:
    """The line and column of the first copy in this section."""
    found = page.finder.find(copy.locate, view.line, view.end_line)
    if found and copy.earlier is None:  # the first one found is the original: the copy is next
        found = page.finder.find(copy.locate, view.line, view.end_line, (found[0], found[1] + 1)) or found
    return found or (view.line, 1)


def check_repeats(page: AnalysedPage, view: SectionView, voice: Voice) -> list[Finding]:
    if page.source.meta.get("generated"):
        return []  # made from data files, where a repeat is a listing, not padding
    grouped = _reported(_grouped(view.section.copies))
    if not grouped:
        return []
    line, column = _where(page, view, next(iter(grouped.values()))[0])
    listed = ", ".join(_describe(group) for group in list(grouped.values())[:LISTED])
    more = f" and {len(grouped) - LISTED} more" if len(grouped) > LISTED else ""
    return [
        Finding(
            page.path, line, "readability/repeated", WARNING,
            f"This section repeats {'a sentence' if len(grouped) == 1 else 'sentences'}: {listed}{more}.",
            "Text written again in a section is scored once, so copies do not make it easier. Say it once, or link to where it is said.",
            column, voice.name, view.name,
        )
    ]
