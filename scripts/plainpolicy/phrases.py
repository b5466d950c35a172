"""Finding many phrases in text in one pass over its words.

One big regex alternation of a hundred glossary forms is slow (every position
tries every form). Instead we index forms by their first word and walk the
text's words once: the cost grows with the text, not with the glossary.
Matching is whole-word; a plural or possessive ending on the last word
("moderators", "ICO's") still matches. Abbreviations match case-sensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterator, TypeVar

T = TypeVar("T")

TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_ENDINGS = ("", "s", "es", "'s", "’s", "'", "’")
MEMO_LIMIT = 100_000  # distinct words remembered; most start no phrase and share one empty answer
_NOTHING: list = []  # never changed: the memo's answer for a word that starts no phrase


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
        self._memo: dict[str, list[tuple[tuple[str, ...], bool, T]]] = {}

    def add(self, phrase: str, payload: T, exact: bool = False) -> None:
        words = tuple(_key(word, exact) for word in TOKEN.findall(phrase))
        if not words:
            return
        # Index by the first word with its ending stripped off too, for one-word plurals.
        self._index.setdefault(words[0], []).append((words, exact, payload))
        # Longest phrases first, so "UK GDPR" is preferred over "UK".
        self._index[words[0]].sort(key=lambda entry: -len(entry[0]))
        self._memo.clear()

    def find(self, text: str) -> Iterator[Match[T]]:
        """Non-overlapping matches, left to right, longest phrase first at each place.

        Most words start no phrase: they are ruled out with one dict lookup each
        (memoised per distinct word), and the places of words are only worked
        out for a text where some phrase may start.
        """
        words = TOKEN.findall(text)
        memo = self._memo
        new = set(words) - memo.keys()
        if len(memo) + len(new) > MEMO_LIMIT:  # a corpus with a huge vocabulary: start the memo again
            memo.clear()
            new = set(words)
        for word in new:
            memo[word] = self._lookup(word) or _NOTHING
        starts = [index for index, word in enumerate(words) if memo[word]]
        if not starts:
            return
        spans = [match.span() for match in TOKEN.finditer(text)]
        free = 0  # the first word not inside an earlier match
        for index in starts:
            if index < free:
                continue
            matched = self._match_at(words, index)
            if matched is None:
                continue
            size, payload = matched
            start, end = spans[index][0], spans[index + size - 1][1]
            yield Match(payload, text[start:end], start, end)
            free = index + size

    def _match_at(self, words: list[str], index: int) -> tuple[int, T] | None:
        for phrase, exact, payload in self._memo[words[index]]:
            size = len(phrase)
            if index + size > len(words):
                continue
            if all(_same(words[index + offset], phrase[offset], exact, offset == size - 1) for offset in range(size)):
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


def _same(token: str, word: str, exact: bool, last: bool) -> bool:
    value = token if exact else token.lower()
    if value == word:
        return True
    return last and any(value == word + ending for ending in _ENDINGS[1:])
