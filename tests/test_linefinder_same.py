"""The line finder gives the same line and column as the straightforward way.

reading/linemap.py's LineFinder keeps only the words of the source and finds a
word's column once it is found. This test holds it against the straightforward
finder it replaced (every word's place and an index of every word, kept below as
the reference), on every page of the kit and on text with links, invisible
characters and repeats: every query, with and without a place to start after.
"""

from __future__ import annotations

import bisect
import random

import pytest

from plainpolicy.reading.linemap import LineFinder, _positioned_words, normal_words
from plainpolicy_testing import REPO


class Reference:
    """The finder as it was before (round 10): every word's (line, column) and an index by word."""

    def __init__(self, text: str) -> None:
        self._raw = text.split("\n")
        self._stream: list[str] = []
        self._places: list[tuple[int, int]] = []
        self._line_first = [0]
        self._where: dict[str, list[int]] = {}
        for number, line in enumerate(self._raw, start=1):
            for word, column in _positioned_words(line):
                self._where.setdefault(word, []).append(len(self._stream))
                self._stream.append(word)
                self._places.append((number, column))
            self._line_first.append(len(self._stream))

    def find_words(self, wanted: list[str], start: int, end: int, skip: int = 0, after: tuple[int, int] | None = None) -> tuple[int, int] | None:
        if not wanted:
            return None
        start = max(start, 1)
        end = min(end, len(self._raw) + 1)
        if start >= end:
            return None
        low, high = self._line_first[start - 1], self._line_first[end - 1]
        origins = [low]
        if after is not None:
            first = bisect.bisect_left(self._places, after, low, high)
            if first < high:
                origins.insert(0, first)
        size = len(wanted)
        candidates = self._where.get(wanted[0], [])
        for origin in origins:
            position = bisect.bisect_left(candidates, origin)
            while position < len(candidates) and candidates[position] <= high - size:
                index = candidates[position]
                if self._stream[index : index + size] == wanted:
                    return self._places[index + skip]
                position += 1
        return None


TRICKY = "\n".join([
    "# A heading with a [link](https://example.org/one-two) and words",
    "Words we repeat. Words we repeat. Words we repeat.",
    "A soft\u00adhyphen, a zero\u200bwidth space and an &shy;entity in the middle.",
    "",
    "![alt words](image.png) then words we repeat after an image.",
    "Ünïcode wörds, İstanbul and ß, then words we repeat.",
    "- a list item that wraps",
    "  onto the next line and words we repeat",
    "",
    "[ref words][x] and `code words` and words we repeat.",
])


def _texts() -> list[tuple[str, str]]:
    pages = sorted((REPO / "docs").rglob("*.md"))
    return [("tricky", TRICKY)] + [(page.relative_to(REPO).as_posix(), page.read_text(encoding="utf-8")) for page in pages]


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_every_query_finds_the_same_place(name: str, text: str) -> None:
    ours, reference = LineFinder(text), Reference(text)
    lines = len(text.split("\n"))
    words = reference._stream
    chance = random.Random(name)
    queries = 0
    for index in range(0, len(words), 11):
        for size in (1, 2, 4, 8):
            wanted = words[index : index + size]
            start = chance.randint(0, lines)
            end = chance.randint(start, lines + 2)
            after = (chance.randint(0, lines + 1), chance.randint(0, 80))
            skip = chance.randint(0, len(wanted) - 1)
            for section in ((1, lines + 1), (start, end)):
                for place in (None, after):
                    assert ours.find_words(wanted, *section, skip=skip, after=place) == reference.find_words(wanted, *section, skip=skip, after=place), (wanted, section, place)
                    queries += 1
    missing = normal_words("no such words anywhere at all")
    assert ours.find_words(missing, 1, lines + 1) is None and reference.find_words(missing, 1, lines + 1) is None
    assert queries or not words
