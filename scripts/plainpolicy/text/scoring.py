"""Readability formulas, computed exactly as textstat computes them.

We do not import textstat at run time: importing it pulls in NLTK (about 0.3 s)
and it downloads the CMU dictionary on first use. Instead this module repeats
textstat 0.7.13's counting rules (word list, sentence count, syllables) and its
Flesch formulas. tests/test_scoring_matches_textstat.py proves the numbers are
identical to textstat's on the same text, including random text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from plainpolicy.text.syllables import syllables
from plainpolicy.text.writtenwords import written_words

# textstat.backend.utils.constants
_NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def words(text: str) -> list[str]:
    """textstat's list_words(): punctuation (and hyphens) removed, split on space."""
    if "'" in text:
        text = _NON_CONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", text).split()


_WORD_CHARACTER = re.compile(r"\w")


def _is_short(fragment: str) -> bool:
    """Whether words(fragment) has two words or fewer, without building the list.

    words() deletes punctuation but never whitespace, so its words are the
    pieces between spaces that keep a character. A piece keeps one exactly when
    it has a word character: the only other character words() keeps is an
    apostrophe before t, s, d, ve, ll or re, which are word characters of the
    same piece. Most fragments are sentences, settled by their first three pieces.
    """
    found = 0
    for piece in fragment.split():
        if _WORD_CHARACTER.search(piece):
            found += 1
            if found > 2:
                return False
    return True


def _fragments(text: str) -> tuple[int, int]:
    """How many sentence fragments the text has, and how many of them are two words or fewer."""
    fragments = _SENTENCE.findall(text)
    return len(fragments), sum(1 for fragment in fragments if _is_short(fragment))


def count_sentences(text: str) -> int:
    """textstat's count_sentences(): fragments of two words or fewer do not count."""
    if not text:
        return 0
    fragments, short = _fragments(text)
    return max(1, fragments - short)


@dataclass(frozen=True)
class Scores:
    """The formula inputs and results for one piece of text."""

    words: int
    sentences: int
    syllables: int
    grade: float
    ease: float

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0


@dataclass(frozen=True)
class Counts:
    """The formula inputs of a text, before dividing. They add up across texts
    that each end with . ! or ?, because textstat's sentence fragments never
    cross such an ending: a section's counts are the sum of its units' counts."""

    words: int = 0
    syllables: int = 0
    fragments: int = 0
    short_fragments: int = 0
    texts: int = 0  # non-empty texts counted

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.words + other.words,
            self.syllables + other.syllables,
            self.fragments + other.fragments,
            self.short_fragments + other.short_fragments,
            self.texts + other.texts,
        )


_SYLLABLES: dict[str, int] = {}


def counts(text: str) -> Counts:
    """Words, syllables and sentence fragments, counted as textstat counts them."""
    if not text:
        return Counts()
    word_list = words(text)
    total = 0
    memo = _SYLLABLES
    for word in word_list:
        count = memo.get(word)
        if count is None:
            count = memo[word] = syllables(word.lower())
        total += count
    fragments, short = _fragments(text)
    return Counts(len(word_list), total, fragments, short, 1)


def scores_from(totals: Counts) -> Scores:
    """Flesch-Kincaid grade and Flesch Reading Ease from counts, as textstat (en) computes them."""
    n_words, n_syllables = totals.words, totals.syllables
    n_sentences = max(1, totals.fragments - totals.short_fragments) if totals.texts else 0
    try:
        per_sentence = n_words / n_sentences
    except ZeroDivisionError:
        per_sentence = 0.0
    try:
        per_word = n_syllables / n_words
    except ZeroDivisionError:
        per_word = 0.0
    if per_sentence == 0 or per_word == 0:
        grade = ease = 0.0
    else:
        grade = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
        ease = 206.835 - 1.015 * per_sentence - 84.6 * per_word
    return Scores(n_words, n_sentences, n_syllables, grade, ease)


def score(text: str) -> Scores:
    """Flesch-Kincaid grade and Flesch Reading Ease, as textstat (en) gives them."""
    return scores_from(counts(text))


@lru_cache(maxsize=1)
def easy_words() -> frozenset[str]:
    """The Dale-Chall easy-word list that textstat ships (read, not imported)."""
    spec = find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "en" / "easy_words.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").lower().split())
    except OSError:
        return frozenset()


def hard_words(text: str, exclude: frozenset[str] = frozenset(), limit: int = 5) -> list[str]:
    """The hardest words of a text as written: not on the easy list, most syllables first.

    This is textstat's "difficult words" (not a Dale-Chall easy word), here of
    three syllables or more, ranked so a writer sees the worst first. `exclude`
    holds words a glossary explains, which are a fair exception. A hyphenated word
    is shown as written ("counter-terrorism"); web and e-mail addresses are not words.
    """
    easy = easy_words()
    seen: dict[str, int] = {}
    for word in written_words(text):
        lower = word.lower()
        if lower in easy or lower in exclude or lower in seen:
            continue
        parts = [part for part in re.split(r"[-'’]", lower) if part]
        if all(part in easy or part in exclude for part in parts):
            continue
        count = sum(syllables(part) for part in parts)
        if count >= 3:
            seen[lower] = count
    ranked = sorted(seen.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:limit]]
