"""Which lines of a Markdown text are fenced code (``` or ~~~): examples, not the
page's own words. One reading, so every rule that skips code agrees on where it is."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def in_fence(lines: Iterable[str]) -> Iterator[bool]:
    """For each line, whether it belongs to a fenced code block (its fence lines too).

    A fence closes on a line of the same character at least as long as the opener."""
    fence = ""
    for line in lines:
        opener = FENCE.match(line)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = ""
            yield True
        elif opener:
            fence = opener.group(1)
            yield True
        else:
            yield False
