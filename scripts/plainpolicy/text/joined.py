"""Words broken by a hyphen, read as one word: "forth-with" is "forthwith".

The plain-words list and the glossary's rejected forms are whole words. A hyphen
in the middle, or an invisible break (a soft hyphen or a zero-width space pasted
from a word processor), must not hide one: each broken word is also tried joined.
"""

from __future__ import annotations

import re
from typing import Iterator

# Hyphen, soft hyphen, zero-width space, non-joiner, joiner, word joiner (escaped for a character class).
BREAKS = "\\-\u00ad\u200b\u200c\u200d\u2060"
_BROKEN = re.compile(rf"(?<![\w{BREAKS}])[^\W\d_]+(?:[{BREAKS}]+[^\W\d_]+)+(?![\w{BREAKS}])")
_HINT = re.compile(rf"[^\W\d_][{BREAKS}]")
_BREAK = re.compile(rf"[{BREAKS}]")


_MARKS = ("-", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060")  # BREAKS, one by one


def broken_words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, the word joined) for each word with a hyphen or invisible break inside it."""
    if not any(mark in text for mark in _MARKS) or not _HINT.search(text):  # most texts have no break at all
        return
    for match in _BROKEN.finditer(text):
        yield match.start(), match.end(), _BREAK.sub("", match.group(0))
