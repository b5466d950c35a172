"""How the units of a page are read by the formulas: fragments, labels, repeats.

Decided here, and explained for contributors in docs/contributing/reading-rules.md:

- A list item that continues the text before it is part of that sentence. An item
  continues when it starts with a small letter and the text before it (the lead-in
  or the item before) has no closing punctuation and either ends with a comma,
  semicolon, dash or joining word ("and", "the", "to"...), or the run of items ends
  with a full stop. So a sentence chopped into bullets is read as the one sentence
  it still is, and chopping cannot hide how long it is. A list of separate items
  without full stops ("- a coat", "- a packed lunch") is still read item by item.
- A list item, table cell or definition of one or two words with no closing
  punctuation is a *label* ("Phone", "Yes"), not a sentence. The formulas leave it
  out (textstat counts its words but never a sentence, so a list of one-word items
  would read at grade 40); its words are still checked for hard words and the
  glossary.
- A sentence written again in the same section is scored once: padding a hard section
  with copies of easy sentences does not bring its grade down (and rules/padding.py
  reports the copies). Table cells are data, where repeats are normal ("England and
  Wales."): they are always scored.
- A web or e-mail address written as text is scored as one short word ("link"),
  not as one very long word.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from plainpolicy.text.scoring import words
from plainpolicy.text.writtenwords import without_addresses

if TYPE_CHECKING:
    from plainpolicy.reading.extract import Section, Unit

ITEM_KINDS = ("li", "td", "th", "dt", "dd")
LABEL_WORDS = 2  # textstat never counts a fragment this short as a sentence
_CLOSERS = "\"'”’)]»"
JOINING_WORDS = frozenset(
    "a an the and or but nor so to of in on at by for from with without into onto about as than that which who whom whose "
    "if when while because although unless until before after where whether is are was were be been being has have had "
    "will would can could should must may might shall our your their its his her my this these those any each every "
    "not no very more most such".split()
)
_NORMAL = re.compile(r"[^\w\s]")


def closed(text: str) -> bool:
    """Does the text end a sentence (. ! ? before any closing quote or bracket)?"""
    return text.rstrip(_CLOSERS).endswith((".", "!", "?"))


def _starts_small(text: str) -> bool:
    first = text.lstrip("\"'“‘([")[:1]
    return first.isalpha() and first.islower()


def _open_ended(text: str) -> bool:
    """Text that cannot end a phrase: a trailing comma, semicolon or dash, or a joining word."""
    stripped = text.rstrip()
    if stripped.endswith((",", ";", "–", "—", "-")):
        return True
    last = stripped.rsplit(" ", 1)[-1].lower().strip(_CLOSERS)
    return last in JOINING_WORDS


def _run_ends_closed(units: list["Unit"], start: int) -> bool:
    """Do the items of this list from `start` on end with a closed one before any other closes?"""
    list_id = units[start].list_id
    for unit in units[start:]:
        if unit.kind != "li" or unit.list_id != list_id:
            return False
        if closed(unit.text):
            return True
        if not _starts_small(unit.text) and unit is not units[start]:
            return False
    return False


def continues(previous: "Unit", units: list["Unit"], index: int) -> bool:
    """Is units[index], a list item, the rest of the sentence that `previous` starts?"""
    unit = units[index]
    if unit.kind != "li" or not _starts_small(unit.text) or closed(previous.text):
        return False
    if previous.text.rstrip().endswith(":") and not _run_ends_closed(units, index):
        return False  # a lead-in and its separate items: "You need:" "- a coat" "- a lunch"
    return _open_ended(previous.text) or _run_ends_closed(units, index)


def join_fragments(units: list["Unit"]) -> list["Unit"]:
    """The units with each chopped sentence joined back into one."""
    joined: list["Unit"] = []
    for index, unit in enumerate(units):
        if joined and continues(joined[-1], units, index):
            previous = joined[-1]
            joined[-1] = type(previous)(f"{previous.text} {unit.text}", previous.kind, unit.list_id)
        else:
            joined.append(unit)
    return joined


def is_label(unit: "Unit") -> bool:
    return unit.kind in ITEM_KINDS and not closed(unit.text) and len(words(unit.text)) <= LABEL_WORDS


REPEAT_WORDS = 3  # shorter sentences ("Thank you.") may well come twice


def repeat_key(sentence: str) -> str:
    """The key by which a repeated sentence is recognised; "" for text that may repeat.

    Only whole sentences (closed by . ! or ?) of three words or more count: a link
    or a heading-like item ("More questions about this") is often written twice."""
    if not closed(sentence) or sentence.count(" ") < REPEAT_WORDS - 1:
        return ""
    key = normal_key(sentence)
    return key if key.count(" ") >= REPEAT_WORDS - 1 else ""


def normal_key(sentence: str) -> str:
    """A sentence with case and punctuation ignored: how repeats are recognised."""
    return " ".join(_NORMAL.sub("", sentence.lower()).split())


def _close(sentence: str) -> str:
    return sentence if closed(sentence) else sentence + "."


def score_text(unit: "Unit", seen: set[str]) -> str:
    """What the formulas score of a unit: its sentences, each closed, each once per section."""
    if is_label(unit):
        return ""
    kept = []
    cell = unit.kind in ("td", "th")
    for sentence in unit.sentences:
        key = "" if cell else repeat_key(sentence)
        if key:
            if key in seen:
                continue
            seen.add(key)
        kept.append(_close(without_addresses(sentence, "link")))
    return " ".join(kept)


def read_page(sections: list["Section"]) -> None:
    """Join chopped sentences and set what the formulas score, in every section of a page."""
    for section in sections:
        seen: set[str] = set()
        section.units = join_fragments(section.units)
        for unit in section.units:
            unit.scored = score_text(unit, seen)
