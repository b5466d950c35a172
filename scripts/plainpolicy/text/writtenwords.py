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
_HINT = re.compile(rf"[@/]|www\.|\.(?:{_ENDINGS})\b", re.IGNORECASE)  # cheap: most texts have no address
# A time of day: "6pm", "10.30am", "6 pm", "9 a.m.".
TIME = re.compile(r"(?<![\w.])\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b)", re.IGNORECASE)


def without_addresses(text: str, replacement: str = " ") -> str:
    if _HINT.search(text):
        return ADDRESS.sub(replacement, text)
    return text


def without_times(text: str) -> str:
    return TIME.sub(" 0 ", text)  # the search runs in C: cheaper than looking for a digit first


def written_words(text: str) -> list[str]:
    """The words of a text as written, with web and e-mail addresses and times of day left out."""
    return WORD.findall(without_times(without_addresses(text)))
