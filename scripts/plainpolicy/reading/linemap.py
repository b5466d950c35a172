"""Mapping what the reader sees back to the source Markdown line.

Python-Markdown keeps no line numbers, so we find them: headings by scanning the
source (outside code fences) in order, and sentences by looking for their first
words in the lines of their section. Both searches only move forward, so text
that appears twice maps to the right place. When nothing matches (text pulled in
by a snippet, say), the finding falls back to the section heading's line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from plainpolicy.reading.fences import in_fence
from plainpolicy.reading.themeparts import INVISIBLE_CHARACTERS

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# What the reader never sees inside a word: a soft hyphen (also as an entity),
# zero-width spaces and joiners. The extractor drops them too (themeparts.py).
_INVISIBLE = re.compile(rf"&shy;|&#173;|&#x[aA][dD];|[{INVISIBLE_CHARACTERS}]")


def normal_words(text: str) -> list[str]:
    """Lower-case words, with link targets, Markdown punctuation and invisible characters removed."""
    return _WORD.findall(_LINK.sub(r"\1", _INVISIBLE.sub("", text)).lower())


@dataclass(frozen=True)
class SourceHeading:
    line: int  # 1-based, in the whole file
    level: int
    words: tuple[str, ...]


def source_headings(body: str, body_line: int) -> list[SourceHeading]:
    """ATX and setext headings of the body, skipping fenced code."""
    headings: list[SourceHeading] = []
    lines = body.split("\n")
    for index, (line, fenced) in enumerate(zip(lines, in_fence(lines))):
        if fenced:
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
    """Line of each rendered heading, matching source headings in order.

    An exact match of the words wins; failing that, the next source heading whose
    words contain the rendered words in order (the source may hold words the
    reader never sees: inline code, an entity such as &amp;, a footnote marker).
    """
    result: list[int] = []
    cursor = 0
    last = default
    for text in rendered:
        wanted = tuple(normal_words(text))
        found = next((i for i in range(cursor, len(headings)) if headings[i].words == wanted), None)
        if found is None and wanted:
            found = next((i for i in range(cursor, len(headings)) if _in_order(wanted, headings[i].words)), None)
        if found is not None:
            last = headings[found].line
            cursor = found + 1
        result.append(last)
    return result


def _in_order(wanted: tuple[str, ...], words: tuple[str, ...]) -> bool:
    remaining = iter(words)
    return all(word in remaining for word in wanted)


class LineFinder:
    """Finds the source line (and column) where a piece of prose starts.

    The words of the source are one stream across line ends, so a sentence whose
    first words wrap onto the next line is still found, and the column is that
    of the matched word itself (not of the first look-alike earlier on the line).
    """

    def __init__(self, text: str) -> None:
        self._raw = text.split("\n")
        # The whole file's words as one stream, built once, a line at a time: a search
        # is then a scan of its section's slice of the stream (in C, list.index), not a
        # new list of its section's words (which made pages with many findings in a long
        # section quadratic). A word's column is worked out only for a word found.
        self._stream: list[str] = []
        self._line_first = [0]  # stream index of the first word of line n is _line_first[n - 1]
        stream, line_first = self._stream, self._line_first
        for line in self._raw:
            stream.extend(_line_words(line))
            line_first.append(len(stream))

    def find(self, prose: str, start: int, end: int, after: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """Where the opening words of `prose` are, in lines [start, end) (1-based).

        With `after` (line, column), the first place at or after it is preferred, so
        text that appears twice maps to the right place when searched in order.
        """
        wanted = normal_words(prose)
        if not wanted:
            return None
        for size in sorted({min(8, len(wanted)), min(4, len(wanted)), min(2, len(wanted)), 1}, reverse=True):
            found = self.find_words(wanted[:size], start, end, after=after)
            if found is not None:
                return found
        return None

    def find_words(self, wanted: list[str], start: int, end: int, skip: int = 0, after: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """Where the word sequence `wanted` (from normal_words) is; the position of wanted[skip]."""
        if not wanted:
            return None
        start = max(start, 1)
        end = min(end, len(self._raw) + 1)
        if start >= end:
            return None
        low, high = self._line_first[start - 1], self._line_first[end - 1]  # the section's words: [low, high)
        origins = [low]
        if after is not None:
            first = self._first_at(after, low, high)
            if first < high:
                origins.insert(0, first)
        size, stream = len(wanted), self._stream
        last = high - size  # the last index a match can start at
        for origin in origins:
            index = origin
            while index <= last:
                try:
                    index = stream.index(wanted[0], index, last + 1)
                except ValueError:
                    break
                if stream[index : index + size] == wanted:
                    return self._place(index + skip)
                index += 1
        return None

    def _place(self, index: int) -> tuple[int, int]:
        """(line, column) of the stream's word at index."""
        line = bisect.bisect_right(self._line_first, index)
        return line, _positioned_words(self._raw[line - 1])[index - self._line_first[line - 1]][1]

    def _first_at(self, place: tuple[int, int], low: int, high: int) -> int:
        """The first stream index in [low, high] whose (line, column) is at or after place."""
        line, column = place
        if line < 1:
            index = 0
        elif line > len(self._raw):
            index = len(self._stream)
        else:
            columns = [found for _, found in _positioned_words(self._raw[line - 1])]
            index = self._line_first[line - 1] + bisect.bisect_left(columns, column)
        return min(max(index, low), high)


def _line_words(line: str) -> list[str]:
    """The line's words as _positioned_words() gives them, without their columns."""
    lowered = line.lower()
    if "](" not in lowered and not (("&" in line or not line.isascii()) and _INVISIBLE.search(line)):
        return _WORD.findall(lowered)
    return [word for word, _ in _positioned_words(line)]


_LINK_TARGET = re.compile(r"!?\[[^\]]*\](\([^)]*\))")


def _positioned_words(line: str) -> list[tuple[str, int]]:
    """The line's words as normal_words() gives them, each with its 1-based column."""
    if ("&" in line or not line.isascii()) and _INVISIBLE.search(line):
        # Columns of the line with its invisible characters taken out, mapped back.
        columns: list[int] = []
        kept: list[str] = []
        position = 0
        for match in _INVISIBLE.finditer(line):
            kept.append(line[position : match.start()])
            columns.extend(range(position + 1, match.start() + 1))
            position = match.end()
        kept.append(line[position:])
        columns.extend(range(position + 1, len(line) + 1))
        return [(word, columns[column - 1]) for word, column in _positioned_words("".join(kept))]
    lowered = line.lower()
    if "](" not in lowered:  # no link target on the line: every word counts
        return [(match.group(0), match.start() + 1) for match in _WORD.finditer(lowered)]
    hidden = [match.span(1) for match in _LINK_TARGET.finditer(lowered)]
    return [
        (match.group(0), match.start() + 1)
        for match in _WORD.finditer(lowered)
        if not any(left <= match.start() < right for left, right in hidden)
    ]
