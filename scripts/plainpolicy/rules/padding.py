"""readability/repeated: the same sentence written more than once in a section.

Copies of easy sentences would pull a hard section's grade down ("padding"), so
the formulas score each sentence once per page (fragments.py); this rule tells the
writer, so that repeats are not left in silently. Table cells are data, where
repeats are normal, and sentences under three words ("Thank you.") are ignored.
"""

from __future__ import annotations

from plainpolicy.config import Voice
from plainpolicy.findings import WARNING, Finding
from plainpolicy.reading.analysis import AnalysedPage, SectionView
from plainpolicy.reading.fragments import repeat_key


def _repeats(view: SectionView) -> dict[str, tuple[str, int]]:
    """Each repeated sentence's key: (the sentence as first written, how many times)."""
    seen: dict[str, tuple[str, int]] = {}
    for unit in view.section.units:
        if unit.kind in ("td", "th"):
            continue
        for sentence in unit.sentences:
            key = repeat_key(sentence)
            if not key:
                continue
            first, times = seen.get(key, (sentence, 0))
            seen[key] = (first, times + 1)
    return {key: value for key, value in seen.items() if value[1] > 1}


def check_repeats(page: AnalysedPage, view: SectionView, voice: Voice) -> list[Finding]:
    if page.source.meta.get("generated"):
        return []  # made from data files, where a repeat is a listing, not padding
    repeats = _repeats(view)
    if not repeats:
        return []
    first_sentence = next(iter(repeats.values()))[0]
    found = page.finder.find(first_sentence, view.line, view.end_line)
    again = page.finder.find(first_sentence, view.line, view.end_line, (found[0], found[1] + 1)) if found else None
    line, column = again or found or (view.line, 1)
    listed = ", ".join(f"\"{sentence}\" {times} times" for sentence, times in list(repeats.values())[:5])
    more = f" and {len(repeats) - 5} more" if len(repeats) > 5 else ""
    return [
        Finding(
            page.path, line, "readability/repeated", WARNING,
            f"This section repeats {'a sentence' if len(repeats) == 1 else 'sentences'}: {listed}{more}.",
            "A repeated sentence is scored once, so copies do not make a section easier. Say it once, or link to where it is said.",
            column, voice.name, view.name,
        )
    ]
