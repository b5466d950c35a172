"""Wrapping text output to the terminal's width, for people reading it there.

Output to a terminal, or with the COLUMNS variable set, is wrapped at word
boundaries (never inside a path, address or hyphenated word) to the width, and a
wrapped line keeps its indent: a hint's next lines line up under its first word.
Output to a file or another program is not wrapped, so each finding stays on one
line for tools that read it.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap

MIN_WIDTH = 40


def terminal_width() -> int | None:
    """The width to wrap to, or None when the output is not for a terminal."""
    if "COLUMNS" not in os.environ and not sys.stdout.isatty():
        return None
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def wrap(line: str, width: int | None, indent: str | None = None) -> list[str]:
    """The line wrapped to the width; next lines get `indent` (default: the line's own indent plus two spaces)."""
    if width is None or len(line) <= width:
        return [line]
    if indent is None:
        indent = " " * (len(line) - len(line.lstrip(" ")) + 2)
    return textwrap.wrap(line, width=width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False) or [line]


def wrap_all(lines: list[str], width: int | None) -> list[str]:
    return [piece for line in lines for piece in wrap(line, width)]
