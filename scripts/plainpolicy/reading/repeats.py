"""Repeated text on a page: what counts as a copy, and where each copy is.

Copies of easy sentences would pull a hard section's grade down ("padding"), so the
formulas score each sentence once per section, and rules/padding.py reports the
copies, in the same section or across the page. A copy of text from another section
is still scored in both: each section is judged on what its reader reads. Explained for contributors in
docs/contributing/reading-rules.md. What counts as a copy:

- a whole sentence (closed by . ! or ?) of three words or more, with case and
  punctuation ignored; a sentence that differs only by numbers ("We are here on
  day 7.") is a copy the third time;
- a whole list item or definition of three words or more, with or without a full
  stop ("- We are here for you" forty times);
- a whole table row of three words or more, as written (numbers count here: rows
  that differ by a date or an age are data), header rows left out. A single cell
  is data, where repeats are normal ("England and Wales.", "Yes").

Numbers are not words here, so "Call 116 123." is too short to be padding. Two
sentences that differ only by numbers are data ("Round 3 ran on 21 November.",
"Round 4 ran on 22 November."); from the third, they are copies.

Short text may well come twice ("Thank you.", "Yes"), and so may a paragraph that is
a link or a title without a full stop ("More questions about this").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPEAT_WORDS = 3  # shorter sentences ("Thank you.", "Call 116 123.") may well come twice
NEAR_TIMES = 3  # sentences that differ only by numbers: data twice ("Round 3 ...", "Round 4 ..."), padding from the third
_NORMAL = re.compile(r"[^\w\s]")
_NUMBER = re.compile(r"\b\d+\b")
WHOLE_ITEMS = ("li", "dt", "dd")  # a whole item is a sentence, full stop or not


@dataclass(frozen=True)
class Copy:
    """Text written again: the second and later times it appears on a page."""

    key: str  # what it copies, with numbers ignored
    text: str  # the sentence or row as written here
    locate: str  # text to find on the page: the sentence, or the row's first cell
    earlier: str | None  # the section where it was first written; None: this section
    time: int  # the how-manyth time the page has it (2 for the first copy)
    near: bool = False  # the same but for numbers ("We are here on day 7.")


def normal_key(sentence: str) -> str:
    """A sentence with case and punctuation ignored."""
    return " ".join(_NORMAL.sub("", sentence.lower()).split())


_DIGIT = re.compile(r"\d")


def _long_enough(key: str) -> str:
    """The key, if it has three words that are not numbers; else ""."""
    words = key.split()
    if len(words) < REPEAT_WORDS:
        return ""
    if not key.isascii() or _DIGIT.search(key):  # str.isdigit() knows digits \d does not (superscripts)
        return key if sum(1 for word in words if not word.isdigit()) >= REPEAT_WORDS else ""
    return key


def repeat_key(sentence: str, whole_item: bool = False) -> str:
    """The key by which a repeated sentence is recognised; "" for text that may repeat.

    Whole sentences (closed by . ! or ?) and whole list items of three words or
    more count (numbers are not words here)."""
    closes = sentence.rstrip("\"'”’)]»").endswith((".", "!", "?"))
    return _long_enough(normal_key(sentence)) if closes or whole_item else ""


def row_key(cells: list[str]) -> str:
    """The key of a table row: all its cells; "" for a row that may repeat."""
    return _long_enough(" | ".join(normal_key(cell) for cell in cells))


def without_numbers(key: str) -> str:
    return _NUMBER.sub("0", key) if _DIGIT.search(key) else key


class Seen:
    """The text of a page read so far, and where each piece was first written."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[int, str]] = {}  # key -> (section number, section name)
        self._times: dict[str, int] = {}  # key with numbers ignored -> times read

    def is_copy(self, key: str, section: tuple[int, str], text: str, locate: str, copies: list[Copy], numbers_matter: bool = False) -> bool:
        """Note text read in `section` (number, name). A copy (the same as text read
        before on the page, or, unless numbers_matter, the same but for numbers for the
        third time or more) is added to `copies`; True when it copies text of this
        section, so that the formulas leave it out."""
        if not key:
            return False
        near = key if numbers_matter else without_numbers(key)
        time = self._times.get(near, 0) + 1
        self._times[near] = time
        exact = key in self._first
        if not exact and (near == key or time < NEAR_TIMES):
            self._first[key] = section
            self._first.setdefault(near, section)
            return False
        first = self._first[key] if exact else self._first[near]
        earlier = None if first[0] == section[0] else first[1]
        copies.append(Copy(near, text, locate, earlier, time, not exact))
        return earlier is None  # each section is scored on its own text: a copy from another still counts there
