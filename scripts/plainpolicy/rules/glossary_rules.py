"""Glossary rules: rejected forms, unknown abbreviations, missing definitions, mixed forms."""

from __future__ import annotations

import bisect
import re
import sys
from typing import TYPE_CHECKING, Callable

from plainpolicy.datafiles.glossary import Glossary, Rejected, Term
from plainpolicy.findings import ERROR, WARNING, Finding
from plainpolicy.reading.analysis import AnalysedPage, SectionView
from plainpolicy.reading.linemap import normal_words
from plainpolicy.text.joined import broken_words
from plainpolicy.text.scoring import easy_words

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

# An abbreviation, with a plural or possessive ending ("QZXs", "QZX's"); a hyphen
# ends it ("GDPR-compliant").
_CAPITALS = re.compile(r"(?<![\w-])([0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)(?:s|['’]s)?(?![\w])")
# Roman numerals of parts and chapters (II, IV, XII): not abbreviations.
_NUMERAL = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
# A UK postcode ("LS1 4AB", "SW1A 1AA", "EH11AB"): an address, not two abbreviations.
_POSTCODE = re.compile(r"(?<![\w-])(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][A-Z]{2}(?![\w])")


def _postcodes(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _POSTCODE.finditer(text)] if any(character.isdigit() for character in text) else []


def _ordinary(word: str) -> bool:
    """A word in capitals that is not an abbreviation: an everyday word for emphasis
    ("NOT", "NOW": three letters or more, as "IT" and "US" may be abbreviations) or a numeral."""
    return bool(_NUMERAL.fullmatch(word)) or (len(word) >= 3 and word.lower() in easy_words())


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of the spans? Spans are sorted and do not overlap."""
    index = bisect.bisect_right(spans, (start, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


class _Cursor:
    """Where each unit of a section starts in the source, found only when a finding needs it.

    Units are in page order, so each is searched for after the last one found: three
    list items with the same words are then found on their own lines. Most units
    have no finding, and never need the (costly) line finder."""

    def __init__(self, page: AnalysedPage, view: SectionView) -> None:
        self.page, self.view = page, view
        self.last: tuple[int, int] | None = None

    def unit(self, text: str) -> Callable[[], tuple[int, int] | None]:
        found: list[tuple[int, int] | None] = []

        def place() -> tuple[int, int] | None:
            if not found:
                where = self.page.finder.find(text, self.view.line, self.view.end_line, self.last)
                if where is not None:
                    self.last = (where[0], where[1] + 1)
                found.append(where or self.last)
            return found[0]

        return place


def _locate(page: AnalysedPage, view: SectionView, text: str, start: int, end: int, after: Callable[[], tuple[int, int] | None] | None = None) -> tuple[int, int]:
    """Source line and column of text[start:end], a match inside one unit of the section.

    The words just before the match are searched with it, so that the second
    "GDPR" of a section, or a "safeguarding lead" that is not part of "designated
    safeguarding lead", is found where it is rather than at the first look-alike.
    """
    target = normal_words(text[start:end])
    before = normal_words(text[max(0, start - 200) : start])[-4:]  # a bounded window: four words are enough
    origin = after() if after is not None else None
    for context in sorted({min(size, len(before)) for size in (4, 2, 1, 0)}, reverse=True):
        found = page.finder.find_words(before[len(before) - context :] + target, view.line, view.end_line, skip=context, after=origin)
        if found is not None:
            return found
    return view.line, 1


def check_glossary(page: AnalysedPage, glossary: Glossary) -> list[Finding]:
    voice = page.voice.name if page.voice else ""
    findings: list[Finding] = []
    used_forms: dict[str, dict[str, tuple[SectionView, str, str, int, int]]] = {}
    missing_reported: set[str] = set()
    for view in page.sections:
        cursor = _Cursor(page, view)
        for unit in view.section.units:
            text = unit.text
            uses, rejections = glossary.scan(text)
            after = cursor.unit(text)
            spans = [(start, end) for _, _, start, end in uses]
            for term, written, start, end in uses:
                base = _base_form(term, written)
                if base not in term.abbreviations:
                    used_forms.setdefault(term.term, {}).setdefault(base, (view, written, text, start, end))
                if voice and voice not in term.definitions and term.term not in missing_reported:
                    missing_reported.add(term.term)
                    findings.append(_missing_definition(page, view, term, written, voice, glossary, _locate(page, view, text, start, end)))
            findings.extend(_rejected(page, view, text, rejections + _joined_rejections(glossary, text, rejections), spans, voice, after))
            findings.extend(_abbreviations(page, view, text, glossary, spans, after))
        for title in view.section.titles:  # headings, admonition titles, alt text: prose too
            uses, rejections = glossary.scan(title.text)
            spans = [(start, end) for _, _, start, end in uses]
            findings.extend(_rejected(page, view, title.text, rejections + _joined_rejections(glossary, title.text, rejections), spans, voice))
            findings.extend(_abbreviations(page, view, title.text, glossary, spans))
    findings.extend(_mixed_forms(page, glossary, used_forms))
    return findings


def _joined_rejections(glossary: Glossary, text: str, known: list[tuple[Term, Rejected, str, int, int]]) -> list[tuple[Term, Rejected, str, int, int]]:
    """Rejected forms written with a hyphen or an invisible break inside ("sex-ting"),
    unless a rejected form is already found there ("e-safety" is itself rejected)."""
    found = []
    for start, end, joined in broken_words(text):
        if any(at < end and start < to for *_, at, to in known):
            continue
        for term, rejected, _, at, to in glossary.scan(joined)[1]:
            if at == 0 and to == len(joined):
                found.append((term, rejected, text[start:end], start, end))
    return found


def _base_form(term: Term, written: str) -> str:
    """The accepted form behind what was written ("ICO's" -> "ICO", "moderators" -> "moderator")."""
    lowered = " ".join(written.lower().replace("-", " ").split())  # "out-of-hours" is "out of hours"
    for form in sorted(term.accepted, key=len, reverse=True):
        if lowered.startswith(" ".join(form.lower().replace("-", " ").split())):
            return form
    return written


def _missing_definition(page: AnalysedPage, view: SectionView, term: Term, written: str, voice: str, glossary: Glossary, where: tuple[int, int]) -> Finding:
    line, column = where
    return Finding(
        page.path, line, "glossary/no-definition", ERROR,
        f"\"{written}\" is a glossary term, but the glossary has no {page.voice.label if page.voice else voice} definition for it.",
        f"Add a '{voice}' definition to '{term.term}' in {glossary.path}, or use other words here.",
        column, voice, view.name,
    )


def _rejected(page: AnalysedPage, view: SectionView, text: str, rejections: list[tuple[Term, Rejected, str, int, int]], spans: list[tuple[int, int]], voice: str, after: Callable[[], tuple[int, int] | None] | None = None) -> list[Finding]:
    findings = []
    for term, rejected, written, start, end in rejections:
        if rejected.voices is not None and voice not in rejected.voices:
            continue
        if _covered(spans, start, end):
            continue  # e.g. "GDPR" inside "UK GDPR"
        line, column = _locate(page, view, text, start, end, after)
        findings.append(
            Finding(
                page.path, line, "glossary/rejected", ERROR,
                f"\"{written}\" is not the form we use.",
                f"Write \"{term.term}\" instead. Why: {rejected.reason}",
                column, voice, view.name,
            )
        )
    return findings


def _abbreviations(page: AnalysedPage, view: SectionView, text: str, glossary: Glossary, spans: list[tuple[int, int]], after: Callable[[], tuple[int, int] | None] | None = None) -> list[Finding]:
    findings = []
    postcodes: list[tuple[int, int]] | None = None
    for match in _CAPITALS.finditer(text):
        word = match.group(1)
        if word in glossary.abbreviations or word in glossary.known_capitals or word in glossary.everyday or _covered(spans, match.start(), match.end()) or _ordinary(word):
            continue
        if postcodes is None:
            postcodes = _postcodes(text)
        if _covered(postcodes, match.start(), match.end()):
            continue
        if sum(character.isalpha() for character in word) < 2:
            continue
        line, column = _locate(page, view, text, match.start(), match.end(), after)
        findings.append(
            Finding(
                page.path, line, "glossary/unknown-abbreviation", ERROR,
                f"\"{word}\" looks like an abbreviation, but it is not in the glossary.",
                f"Add it to {glossary.path} under the term it stands for (abbreviations: [{word}]), or write the words out.",
                column, page.voice.name if page.voice else "", view.name,
            )
        )
    return findings


def _mixed_forms(page: AnalysedPage, glossary: Glossary, used: dict[str, dict[str, tuple[SectionView, str, str, int, int]]]) -> list[Finding]:
    findings = []
    for term_name, forms in used.items():
        if len(forms) < 2:
            continue
        ordered = sorted(forms.items(), key=lambda item: item[1][0].line)
        view, written, text, start, end = ordered[1][1]
        line, column = _locate(page, view, text, start, end)
        listed = ", ".join(f'"{form}"' for form, _ in ordered)
        findings.append(
            Finding(
                page.path, line, "glossary/mixed-forms", WARNING,
                f"This page uses {len(forms)} forms of one term: {listed}.",
                f"Pick one form, preferably \"{term_name}\", and use it throughout the page.",
                column, page.voice.name if page.voice else "", view.name,
            )
        )
    return findings


def check(context: PageContext) -> list[Finding]:
    """The glossary family for the page registry (see rules/context.py), when the site has a glossary."""
    return check_glossary(context.page, context.glossary) if context.glossary is not None else []
