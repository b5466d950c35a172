"""Splitting a unit of prose into sentences a writer would recognise.

Used for sentence findings (the scores use textstat's own counting). Splits after
. ! or ? followed by a space and a capital, digit or opening quote, but not after
common abbreviations ("e.g.", "s.", "No.") or a single initial.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_NO_BREAK_AFTER = {
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "vs", "fig", "s", "ss", "para",
    "paras", "sch", "art", "reg", "regs", "approx", "cf", "p", "pp", "ch",
}


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()].rstrip("\"'”’)]")
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        stem = last_word.rstrip(".!?…").lower()
        if stem in _NO_BREAK_AFTER or (len(stem) == 1 and stem.isalpha()):
            continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [sentence for sentence in sentences if sentence]
