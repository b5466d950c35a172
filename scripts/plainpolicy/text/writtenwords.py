"""Words as a reader sees them written, and web and e-mail addresses.

textstat's word list (scoring.words) deletes hyphens and keeps an address as one
long "word". Hints and word checks show words as written ("counter-terrorism")
and never show an address as a word.
"""

from __future__ import annotations

import re

# A word as written: letters, with inner hyphens and apostrophes ("counter-terrorism", "don't").
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
ADDRESS = re.compile(r"(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)


def without_addresses(text: str, replacement: str = " ") -> str:
    if "@" in text or "://" in text or "www." in text or "WWW." in text:
        return ADDRESS.sub(replacement, text)
    return text


def written_words(text: str) -> list[str]:
    """The words of a text as written, with web and e-mail addresses left out."""
    return WORD.findall(without_addresses(text))
