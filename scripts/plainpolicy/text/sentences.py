"""Splitting a unit of prose into sentences a writer would recognise.

Used for sentence findings and, through fragments.py, for what the formulas score.
A sentence ends:

- after . ! ? or … followed by a space and a capital, a digit, an opening quote, an
  emoji, or a word that starts with a small letter and has a capital inside it
  ("iPhones", "eBay"); but not after common abbreviations ("e.g.", "Mr.") or a
  single initial. A short form that is also a word ("no", "art", "fig", "para") is
  an abbreviation only before a number ("No. 5", "art. 8"): "say no. Nobody" is two
  sentences. "etc." at the end of a sentence does end it;
- after an emoji followed by a space and such a start ("We're here 💜 Talk to us");
- at a spaced dash before a capital ("Your phone – Your rules"), where a new
  sentence plainly starts. Before a small letter ("safety settings – we can
  help") the sentence goes on, as it does for the reader; a dash between two
  numbers ("10 - 12") is a range, not a break.
"""

from __future__ import annotations

import re

EMOJI = "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2190-\u21FF\u3030\u303D\uFE0F\u200D\U000E0020-\U000E007F]"
_START = rf"(?=[\"'“‘(\[]?(?:[A-Z0-9]|[a-z]+[A-Z]|{EMOJI}))"
_BOUNDARY = re.compile(
    rf"(?P<stop>(?<=[.!?…])[\"'”’)\]]*(?:\s*{EMOJI}+)*\s+{_START})"
    rf"|(?P<emoji>(?<={EMOJI})\s+{_START})"
    r"|(?P<dash>(?<!\d)\s+[–—-]{1,2}\s+(?=[\"'“‘(\[]?[A-Z]))"
)
_NO_BREAK_AFTER = {"e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "vs", "cf"}
# Short forms that are also words ("say no.", "I like art."): abbreviations only
# when a number follows ("No. 5", "s. 9", "art. 8", "pp. 4-6", "approx. 20").
_BEFORE_A_NUMBER = {"no", "fig", "s", "ss", "para", "paras", "sch", "art", "reg", "regs", "approx", "p", "pp", "ch"}


# Text with none of these has one sentence: most list items and short paragraphs.
_MAYBE = re.compile(rf"[.!?…][\"'”’)\]]*\s|\s[–—-]|{EMOJI}")


def split_sentences(text: str) -> list[str]:
    if not _MAYBE.search(text):
        stripped = text.strip()
        return [stripped] if stripped else []
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.lastgroup == "stop":
            # The word just before the boundary (it ends in . ! ? or …). Scan back over
            # that word only: slicing from `start` would make a unit full of
            # abbreviations ("Dr. A. B. e.g. ...") quadratic.
            end = match.start()
            cut = end
            while cut > start and not text[cut - 1].isspace():
                cut -= 1
            stem = text[cut:end].rstrip("\"'”’)]").rstrip(".!?…").lower()
            if stem in _NO_BREAK_AFTER or (stem in _BEFORE_A_NUMBER and text[match.end() : match.end() + 1].isdigit()):
                continue
            if len(stem) == 1 and stem.isalpha():
                continue
        sentences.append(text[start : match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [sentence for sentence in sentences if sentence]
