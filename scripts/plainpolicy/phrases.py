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
        """Non-overlapping matches, left to right, longest phrase first at each place."""
        tokens = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]
        index = 0
        while index < len(tokens):
            matched = self._match_at(tokens, index)
            if matched is None:
                index += 1
                continue
            size, payload = matched
            start, end = tokens[index][1], tokens[index + size - 1][2]
            yield Match(payload, text[start:end], start, end)
            index += size

    def _match_at(self, tokens: list[tuple[str, int, int]], index: int) -> tuple[int, T] | None:
        candidates = self._candidates(tokens[index][0])
        if not candidates:
            return None
        for words, exact, payload in candidates:
            size = len(words)
            if index + size > len(tokens):
                continue
            if all(_same(tokens[index + offset][0], words[offset], exact, offset == size - 1) for offset in range(size)):
                return size, payload
        return None

    def _candidates(self, word: str) -> list[tuple[tuple[str, ...], bool, T]]:
        cached = self._memo.get(word)
        if cached is None:
            cached = self._memo[word] = self._lookup(word)
        return cached

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
