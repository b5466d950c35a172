"""Words as a reader sees them written, and what is not words: addresses and times.

textstat's word list (scoring.words) deletes hyphens and keeps an address as one
long "word". Hints and word checks show words as written ("counter-terrorism")
and never show an address as a word: a web address with or without "http" or
"www" ("childline.org.uk", "nspcc.org.uk/help"), or an e-mail address. A time of
day ("6pm", "10 a.m.") is a number, so its "pm" is not a word either.
"""

from __future__ import annotations

import re

# A word as written: letters, with inner hyphens and apostrophes ("counter-terrorism", "don't").
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# Endings of web addresses written without http or www ("childline.org.uk", "gov.wales").
_ENDINGS = r"uk|com|org|net|gov|info|io|co|edu|ie|eu|app|scot|wales|cymru|online"
# A path goes on to the last letter, digit or slash: a full stop or comma after it ends the sentence.
_PATH = r"(?:/(?:\S*[\w/=#-])?)?"
ADDRESS = re.compile(
    rf"(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_ENDINGS})(?![\w-]){_PATH})",
    re.IGNORECASE,
)
_HINT = re.compile(rf"[@/]|www\.|\.(?:{_ENDINGS})\b", re.IGNORECASE)  # what every address has
# The ending alone, for lower-case text. Four characters that are not ASCII match an
# ASCII letter when case is ignored (İ, ı, the Kelvin sign, the long s): with one of
# them the text is searched as _HINT searches it.
_ENDING = re.compile(rf"\.(?:{_ENDINGS})\b")
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u212a", "\u017f")
# A time of day: "6pm", "10.30am", "6 pm", "9 a.m.".
TIME = re.compile(r"(?<![\w.])\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)", re.IGNORECASE)


def may_hold_address(text: str) -> bool:
    """Whether _HINT would find something, found the quick way: most texts have no
    "@" or "/", and a search of the lower-case text for the endings alone is a third
    of the time of a search that ignores case for them all."""
    if "@" in text or "/" in text:
        return True
    if not text.isascii() and any(character in text for character in _FOLDS_TO_ASCII):
        return _HINT.search(text) is not None
    lowered = text.lower()
    return "www." in lowered or _ENDING.search(lowered) is not None


def without_addresses(text: str, replacement: str = " ") -> str:
    if may_hold_address(text):
        return ADDRESS.sub(replacement, text)
    return text


_DIGIT = re.compile(r"\d")  # as TIME's \d: any digit, not only 0-9


def without_times(text: str) -> str:
    return TIME.sub(" 0 ", text) if _DIGIT.search(text) else text  # every time of day has a digit


def written_words(text: str) -> list[str]:
    """The words of a text as written, with web and e-mail addresses and times of day left out."""
    return WORD.findall(without_times(without_addresses(text)))
