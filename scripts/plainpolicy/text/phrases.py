"""Finding many phrases in text in one pass over its words.

One big regex alternation of a hundred glossary forms is slow (every position
tries every form). Instead we index forms by their first word and walk the
text's words once: the cost grows with the text, not with the glossary.
Matching is whole-word; a plural or possessive ending on the last word
("moderators", "ICO's") still matches. Abbreviations match case-sensitively.
A hyphen separates words, as a space does: "GDPR" is found in "GDPR-compliant",
and "service user" in "service-user".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate, compress, count
from typing import Generic, Iterator, TypeVar

T = TypeVar("T")

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORDS_AND_GAPS = re.compile(f"({TOKEN.pattern})")  # split() keeps the words, between the gaps
_ENDINGS = ("", "s", "es", "'s", "’s", "'", "’")
MEMO_LIMIT = 100_000  # distinct words remembered


@dataclass(frozen=True)
class Match(Generic[T]):
    payload: T
    text: str
    start: int
    end: int


def _key(word: str, exact: bool) -> str:
    return word if exact else word.lower()


class PhraseMatcher(Generic[T]):
    def __init__(self) -> None:
        self._index: dict[str, list[tuple[tuple[str, ...], bool, T]]] = {}
        # Words met so far; those that start a phrase, and the phrases each starts.
        self._seen: set[str] = set()
        self._starters: set[str] = set()
        self._memo: dict[str, list[tuple[tuple[str, ...], bool, T]]] = {}

    def add(self, phrase: str, payload: T, exact: bool = False) -> None:
        words = tuple(_key(word, exact) for word in TOKEN.findall(phrase))
        if not words:
            return
        # Index by the first word with its ending stripped off too, for one-word plurals.
        self._index.setdefault(words[0], []).append((words, exact, payload))
        # Longest phrases first, so "UK GDPR" is preferred over "UK".
        self._index[words[0]].sort(key=lambda entry: -len(entry[0]))
        self._forget()

    def find(self, text: str) -> Iterator[Match[T]]:
        """Non-overlapping matches, left to right, longest phrase first at each place.

        Most words start no phrase. Each distinct word is looked up once (then
        remembered), and a text's words meet the words that start a phrase as
        sets, so a text without any is ruled out in C. One split gives the words
        and the gaps between them: where a word sits is a sum of lengths.
        """
        parts = _WORDS_AND_GAPS.split(text)  # gap, word, gap, word, ..., gap
        words = parts[1::2]
        distinct = set(words)
        self._learn(distinct)
        starters = distinct & self._starters
        if not starters:
            return
        starts = list(compress(count(), map(starters.__contains__, words)))  # their places, in C
        ends = list(accumulate(map(len, parts)))  # ends[2 * i]: where word i starts; ends[2 * i + 1]: where it ends
        free = 0  # the first word not inside an earlier match
        for index in starts:
            if index < free:
                continue
            matched = self._match_at(words, parts, index)
            if matched is None:
                continue
            size, payload = matched
            start, end = ends[2 * index], ends[2 * (index + size) - 1]
            yield Match(payload, text[start:end], start, end)
            free = index + size

    def _learn(self, words: set[str]) -> None:
        """Remember which of these words start a phrase (and which phrases)."""
        new = words - self._seen
        if len(self._seen) + len(new) > MEMO_LIMIT:  # a corpus with a huge vocabulary: start again
            self._forget()
            new = words
        for word in new:
            entries = self._lookup(word)
            if entries:
                self._memo[word] = entries
                self._starters.add(word)
        self._seen |= new

    def _forget(self) -> None:
        self._memo.clear()
        self._seen.clear()
        self._starters.clear()

    def _match_at(self, words: list[str], parts: list[str], index: int) -> tuple[int, T] | None:
        for phrase, exact, payload in self._memo[words[index]]:
            size = len(phrase)
            if index + size > len(words):
                continue
            if all(_same(words[index + offset], phrase[offset], exact, offset == size - 1) for offset in range(size)) and all(
                _joins(parts[2 * (index + offset) + 2]) for offset in range(size - 1)
            ):
                return size, payload
        return None

    def _lookup(self, word: str) -> list[tuple[tuple[str, ...], bool, T]]:
        found: list[tuple[tuple[str, ...], bool, T]] = []
        seen: set[str] = set()
        for form in (word, word.lower()):
            for ending in _ENDINGS:
                if ending and not form.endswith(ending):
                    continue
                stem = form[: len(form) - len(ending)] if ending else form
                if stem in seen:
                    continue
                seen.add(stem)
                found.extend(self._index.get(stem, ()))
        return sorted(found, key=lambda entry: -len(entry[0]))


def _joins(gap: str) -> bool:
    """Words of one phrase are apart by spaces or a hyphen, never by other punctuation:
    "Disclosure (Scotland) Act" holds no "Disclosure Scotland", "the UK. GDPR" no "UK GDPR"."""
    return gap.count("-") <= 1 and gap.replace("-", " ").isspace()


def _same(token: str, word: str, exact: bool, last: bool) -> bool:
    value = token if exact else token.lower()
    if value == word:
        return True
    return last and any(value == word + ending for ending in _ENDINGS[1:])
