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
        # The word just before the boundary (it ends in . ! ? or …). Scan back over
        # that word only: slicing from `start` would make a unit full of
        # abbreviations ("Dr. A. B. e.g. ...") quadratic.
        end = match.start()
        cut = end
        while cut > start and not text[cut - 1].isspace():
            cut -= 1
        stem = text[cut:end].rstrip("\"'”’)]").rstrip(".!?…").lower()
        if stem in _NO_BREAK_AFTER or (len(stem) == 1 and stem.isalpha()):
            continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [sentence for sentence in sentences if sentence]
