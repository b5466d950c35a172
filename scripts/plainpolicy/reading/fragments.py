"""How the units of a page are read by the formulas: fragments, labels, repeats.

Decided here, and explained for contributors in docs/contributing/reading-rules.md:

- A list item that continues the text before it is part of that sentence. An item
  continues when it starts with a small letter and the text before it (the lead-in
  or the item before) has no closing punctuation and either ends with a comma,
  semicolon, dash or joining word ("and", "the", "to"...), or the run of items ends
  with a full stop. So a sentence chopped into bullets is read as the one sentence
  it still is, and chopping cannot hide how long it is. A list of separate items
  without full stops ("- a coat", "- a packed lunch") is still read item by item.
- Capital letters at the start of the pieces do not hide a cut sentence: two or more
  open items in a row that a later item of the list closes are one sentence
  (cut_runs), an item after one that ends on a joining word continues it, and a list
  where more than a quarter of the items end that way is prose cut into pieces
  (chopped_lists). One open item before a closed one is a title and its text.
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
    """Does the text start with anything but a capital letter ("and", "999", "iPhones")?"""
    first = text.lstrip("\"'“‘([")[:1]
    return first.isalnum() and not first.isupper()


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


def continues(previous: "Unit", units: list["Unit"], index: int, chopped: frozenset[int] = frozenset(), cut: frozenset[int] = frozenset()) -> bool:
    """Is units[index], a list item, the rest of the sentence that `previous` starts?
    chopped: the lists that are prose cut into pieces (chopped_lists); cut: the items
    that are pieces of a cut sentence (cut_runs)."""
    unit = units[index]
    if unit.kind != "li" or closed(previous.text):
        return False
    if not _starts_small(unit.text):
        same_list = previous.kind == "li" and previous.list_id == unit.list_id
        return index in cut or (same_list and unit.list_id in chopped) or _capital_continues(previous, unit)
    if previous.text.rstrip().endswith(":") and not _run_ends_closed(units, index):
        return False  # a lead-in and its separate items: "You need:" "- a coat" "- a lunch"
    return _open_ended(previous.text) or _run_ends_closed(units, index)


def _capital_continues(previous: "Unit", unit: "Unit") -> bool:
    """An item that starts with a capital letter usually starts a new item. It is the rest of
    the item before it (in the same list) when that item cannot end where it does: it ends
    on a word such as "the" or "and" (see also cut_runs and chopped_lists)."""
    return previous.kind == "li" and previous.list_id == unit.list_id and not is_label(previous) and _open_ended(previous.text)


def cut_runs(units: list["Unit"]) -> frozenset[int]:
    """The items (by index) that continue the item before them because they are pieces of one
    sentence cut up and each given a capital: two or more open items in a row (no closing
    punctuation, not labels) and then an item of the same list that closes with a full stop.
    A single open item before a closed one is a title and its text ("For young people",
    "Easy to read."), not a cut sentence."""
    joins: set[int] = set()
    run: list[int] = []
    for index, unit in enumerate(units):
        same_list = bool(run) and unit.kind == "li" and unit.list_id == units[run[0]].list_id
        if unit.kind == "li" and not closed(unit.text) and not is_label(unit) and (same_list or not run):
            run.append(index)
            continue
        if same_list and closed(unit.text) and len(run) >= 2:
            joins.update(run[1:])
            joins.add(index)
        run = [index] if unit.kind == "li" and not closed(unit.text) and not is_label(unit) else []
    return frozenset(joins)


CHOPPED_SHARE = 0.25  # of a list's items that end where no phrase can end


def chopped_lists(units: list["Unit"]) -> frozenset[int]:
    """The lists that are prose cut into pieces: more than a quarter of their items (and at
    least two) end on a word or mark that cannot end a phrase ("the", "and", "to", a comma).
    A list of separate things almost never does; a paragraph cut every few words always does."""
    items: dict[int, list["Unit"]] = {}
    for unit in units:
        if unit.kind == "li" and unit.list_id:
            items.setdefault(unit.list_id, []).append(unit)
    chopped = set()
    for list_id, members in items.items():
        open_ended = sum(1 for unit in members[:-1] if not closed(unit.text) and _open_ended(unit.text))
        if open_ended >= 2 and open_ended > CHOPPED_SHARE * len(members):
            chopped.add(list_id)
    return frozenset(chopped)


def join_fragments(units: list["Unit"]) -> list["Unit"]:
    """The units with each chopped sentence joined back into one."""
    joined: list["Unit"] = []
    chopped, cut = chopped_lists(units), cut_runs(units)
    for index, unit in enumerate(units):
        if joined and continues(joined[-1], units, index, chopped, cut):
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
