"""Words young readers do not know: readability/unfamiliar-words, readability/jargon
and readability/plain-words.

Flesch-Kincaid counts syllables, so short jargon ("The DSL will triage each flag")
and one-syllable legalese ("save where") pass it. So each judged part of a page
(the same sections, pooled the same way, as the readability score) is also
measured by how many of its words a reader of the voice knows (vocabulary.py):

- over the voice's `max_unfamiliar` per cent of unfamiliar words is a finding
  listing them;
- glossary terms count as known (the page explains them), but when glossary and
  unfamiliar words together are over twice that share, the section leans on
  jargon, and that is a finding too;
- a word on the plain-words list is a finding wherever it is used in a voice it
  applies to, with the plainer word and why.

Headings, box titles and alt text are read with the text under them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from plainpolicy.config import Voice
from plainpolicy.datafiles.plainwords import PlainWord, PlainWords
from plainpolicy.datafiles.vocabulary import JARGON, UNFAMILIAR, Vocabulary
from plainpolicy.findings import ERROR, WARNING, Finding
from plainpolicy.reading.analysis import AnalysedPage, SectionView
from plainpolicy.text.joined import broken_words
from plainpolicy.text.writtenwords import written_words

LISTED = 12  # unfamiliar words named in a hint


@dataclass
class WordCount:
    words: int = 0
    unfamiliar: int = 0
    jargon: int = 0

    def share(self, count: int) -> float:
        return round(100 * count / self.words, 1) if self.words else 0.0


def _texts(view: SectionView) -> list[str]:
    return [title.text for title in view.section.titles] + [unit.text for unit in view.section.units]


def measure(views: list[SectionView], vocabulary: Vocabulary) -> tuple[WordCount, list[str], list[str]]:
    """The counts, the unfamiliar words and the glossary words (as first written)."""
    written: Counter[str] = Counter()  # in page order: titles first, as the reader meets a heading first
    for view in views:
        written.update(word for title in view.section.titles for word in written_words(title.text))
        written.update(word for unit in view.section.units for word in unit.words)
    count = WordCount(sum(written.values()))
    unfamiliar: dict[str, str] = {}
    jargon: dict[str, str] = {}
    for word, times in written.items():
        kind = vocabulary.kind(word)
        if kind == UNFAMILIAR:
            count.unfamiliar += times
            unfamiliar.setdefault(word.lower(), word)
        elif kind == JARGON:
            count.jargon += times
            jargon.setdefault(word.lower(), word)
    return count, list(unfamiliar.values()), list(jargon.values())


def _where(views: list[SectionView]) -> str:
    if len(views) == 1:
        return f"Section \"{views[0].name}\" has"
    return f"Sections {', '.join(repr(view.name) for view in views)} (scored together) have"


def check_familiarity(page: AnalysedPage, voice: Voice, vocabulary: Vocabulary, groups: list[list[int]]) -> list[Finding]:
    if voice.max_unfamiliar is None or voice.language != "en":
        return []  # the word lists are English
    findings = []
    for group in groups:
        views = [page.sections[index] for index in group]
        count, unfamiliar, jargon = measure(views, vocabulary)
        limit = voice.max_unfamiliar
        first = views[0]
        share = count.share(count.unfamiliar)
        if share > limit:
            listed = ", ".join(unfamiliar[:LISTED]) + (" …" if len(unfamiliar) > LISTED else "")
            findings.append(Finding(
                page.path, first.line, "readability/unfamiliar-words", ERROR,
                f"{_where(views)} {count.unfamiliar} words in {count.words} ({share:.1f}%) that many {voice.label.lower()} may not know; the limit is {limit:g}%.",
                f"Unfamiliar words: {listed}. Use everyday words. If the page must use a word, add it to the glossary, so that the page explains it.",
                1, voice.name, first.name,
            ))
            continue
        dense = count.share(count.unfamiliar + count.jargon)
        if dense > 2 * limit and not page.source.meta.get("generated"):  # a generated glossary page is all glossary words
            findings.append(Finding(
                page.path, first.line, "readability/jargon", ERROR,
                f"{_where(views)} {count.jargon} glossary words and {count.unfamiliar} unfamiliar words in {count.words} ({dense:.1f}%); "
                f"the limit is {2 * limit:g}% (twice the {limit:g}% for unfamiliar words alone).",
                f"Glossary words: {', '.join(jargon[:LISTED])}. Each is explained on the page, but this many at once is hard going. Say some of it in everyday words.",
                1, voice.name, first.name,
            ))
    return findings


def check_plain_words(page: AnalysedPage, voice: Voice, plain: PlainWords) -> list[Finding]:
    pattern, entries = plain.finder(voice.name)
    if pattern is None:
        return []
    findings = []
    for view in page.sections:
        for text in _texts(view):
            for match in pattern.finditer(text):
                entry = plain.entry(entries, match.group(1))
                line, column = page.locate(text[match.start():], view)
                findings.append(_plain_word(page, view, plain, entry, match.group(0), (line, column), voice))
            for start, end, joined in broken_words(text):  # "forth-with"
                whole = pattern.fullmatch(joined)
                if whole is not None:
                    entry = plain.entry(entries, whole.group(1))
                    findings.append(_plain_word(page, view, plain, entry, text[start:end], page.locate(text[start:], view), voice))
    return findings


def _plain_word(page: AnalysedPage, view: SectionView, plain: PlainWords, entry: PlainWord, written: str, where: tuple[int, int], voice: Voice) -> Finding:
    line, column = where
    return Finding(
        page.path, line, "readability/plain-words", WARNING,
        f"\"{written}\": write \"{entry.use}\" instead.",
        f"Why: {entry.why} (From {plain.path}.)",
        column, voice.name, view.name,
    )
