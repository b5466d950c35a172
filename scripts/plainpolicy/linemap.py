"""Mapping what the reader sees back to the source Markdown line.

Python-Markdown keeps no line numbers, so we find them: headings by scanning the
source (outside code fences) in order, and sentences by looking for their first
words in the lines of their section. Both searches only move forward, so text
that appears twice maps to the right place. When nothing matches (text pulled in
by a snippet, say), the finding falls back to the section heading's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def normal_words(text: str) -> list[str]:
    """Lower-case words, with link targets and Markdown punctuation removed."""
    return _WORD.findall(_LINK.sub(r"\1", text).lower())


@dataclass(frozen=True)
class SourceHeading:
    line: int  # 1-based, in the whole file
    level: int
    words: tuple[str, ...]


def source_headings(body: str, body_line: int) -> list[SourceHeading]:
    """ATX and setext headings of the body, skipping fenced code."""
    headings: list[SourceHeading] = []
    fence = ""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        opener = _FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
            continue
        if opener:
            fence = opener.group(1)
            continue
        match = _ATX.match(line)
        if match:
            text = _ATTR_LIST.sub("", match.group(2))
            headings.append(SourceHeading(body_line + index, len(match.group(1)), tuple(normal_words(text))))
            continue
        if index and _SETEXT.match(line) and lines[index - 1].strip() and not _SETEXT.match(lines[index - 1]):
            level = 1 if line.strip().startswith("=") else 2
            text = _ATTR_LIST.sub("", lines[index - 1])
            headings.append(SourceHeading(body_line + index - 1, level, tuple(normal_words(text))))
    return headings


def match_headings(rendered: list[str], headings: list[SourceHeading], default: int) -> list[int]:
    """Line of each rendered heading, matching source headings in order."""
    result: list[int] = []
    cursor = 0
    last = default
    for text in rendered:
        wanted = tuple(normal_words(text))
        for index in range(cursor, len(headings)):
            if headings[index].words == wanted:
                last = headings[index].line
                cursor = index + 1
                break
        result.append(last)
    return result


class LineFinder:
    """Finds the source line (and column) where a piece of prose starts."""

    def __init__(self, text: str) -> None:
        self._raw = text.split("\n")
        self._words = [normal_words(line) for line in self._raw]

    def find(self, prose: str, start: int, end: int) -> tuple[int, int] | None:
        """First line in [start, end) (1-based) holding the opening words of `prose`."""
        wanted = normal_words(prose)
        if not wanted:
            return None
        start = max(start, 1)
        end = min(end, len(self._raw) + 1)
        for size in (min(4, len(wanted)), min(2, len(wanted)), 1):
            probe = wanted[:size]
            for number in range(start, end):
                words = self._words[number - 1]
                if _contains(words, probe):
                    return number, self._column(number, probe[0])
        return None

    def _column(self, number: int, word: str) -> int:
        match = re.search(re.escape(word), self._raw[number - 1], re.IGNORECASE)
        return match.start() + 1 if match else 1


def _contains(words: list[str], probe: list[str]) -> bool:
    size = len(probe)
    first = probe[0]
    for index, word in enumerate(words):
        if word == first and words[index : index + size] == probe:
            return True
    return False
