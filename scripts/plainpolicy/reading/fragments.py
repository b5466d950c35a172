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

from typing import TYPE_CHECKING

from plainpolicy.reading.repeats import WHOLE_ITEMS, Copy, Seen, repeat_key, row_key
from plainpolicy.text.scoring import words
from plainpolicy.text.writtenwords import without_addresses

if TYPE_CHECKING:
    from plainpolicy.reading.extract import Section, Unit

ITEM_KINDS = ("li", "td", "th", "dt", "dd")
CELL_KINDS = ("td", "th")
LABEL_WORDS = 2  # textstat never counts a fragment this short as a sentence
_CLOSERS = "\"'”’)]»"
# Words after which no phrase can end ("the", "and", "your"): text that ends on one goes on.
JOINING_WORDS = frozenset(
    "a an the and or but nor so as than that which who whom whose "
    "if when while because although unless until before after where whether is are was were be been being has have had "
    "will would can could should must may might shall our your their its his her my this these those any each every "
    "not no very more most such".split()
)
# Words that usually go on, but can end a phrase: "someone you chat with", "a person you look up to".
STRANDED_WORDS = frozenset("to of in on at by for from with without into onto about".split())
STRANDED_WEIGHT = 0.5  # how much an item ending on one counts towards a chopped list


def closed(text: str) -> bool:
    """Does the text end a sentence (. ! ? before any closing quote or bracket)?"""
    return text.rstrip(_CLOSERS).endswith((".", "!", "?"))


def _starts_small(text: str) -> bool:
    """Does the text start with anything but a capital letter ("and", "999", "iPhones")?"""
    first = text.lstrip("\"'“‘([")[:1]
    return first.isalnum() and not first.isupper()


def _starts_with_small_letter(text: str) -> bool:
    """A small letter, not a number: a cell that starts "0800 1111" is data, not the rest of a sentence."""
    first = text.lstrip("\"'“‘([")[:1]
    return first.isalpha() and first.islower()


def _last_word(text: str) -> str:
    return text.rstrip().rsplit(" ", 1)[-1].lower().strip(_CLOSERS)


def _open_ended(text: str) -> bool:
    """Text that cannot end a phrase: a trailing comma, semicolon or dash, or a joining word."""
    return text.rstrip().endswith((",", ";", "–", "—", "-")) or _last_word(text) in JOINING_WORDS


def _open_weight(text: str) -> float:
    """How surely the text stops where no phrase can end: 1 (a comma, "the", "and"),
    0.5 (a word such as "with" that a phrase can end on) or 0."""
    if _open_ended(text):
        return 1.0
    return STRANDED_WEIGHT if _last_word(text) in STRANDED_WORDS else 0.0


def _lead_in(text: str) -> bool:
    """A lead-in: text ending with a colon says that separate items follow."""
    return text.rstrip().endswith(":")


def _run_ends_closed(units: list["Unit"], start: int) -> bool:
    """Do the list items from `start` on, each starting with a small letter, reach one that
    closes (a full stop) before any other block or capital? The run may go into a nested list."""
    for unit in units[start:]:
        if unit.kind != "li":
            return False
        if unit is not units[start] and not _starts_small(unit.text):
            return False
        if closed(unit.text):
            return True
    return False


def introduced_lists(units: list["Unit"]) -> frozenset[int]:
    """The lists whose lead-in ends with a colon ("You can:"): their items are separate
    things, even when the last one ends with a full stop, unless they are chopped prose."""
    introduced = set()
    for index in range(1, len(units)):
        unit, before = units[index], units[index - 1]
        first_item = unit.kind == "li" and not (before.kind == "li" and before.list_id == unit.list_id)
        if first_item and _lead_in(before.text):
            introduced.add(unit.list_id)
    return frozenset(introduced)


def continues(previous: "Unit", units: list["Unit"], index: int, chopped: frozenset[int] = frozenset(), cut: frozenset[int] = frozenset(), introduced: frozenset[int] = frozenset(), wide: frozenset[int] = frozenset()) -> bool:
    """Is units[index] the rest of the sentence that `previous` starts?
    chopped: the lists that are prose cut into pieces (chopped_lists); cut: the items
    that are pieces of a cut sentence (cut_runs); introduced: the lists after a lead-in
    with a colon (introduced_lists); wide: the table rows of three cells or more."""
    unit = units[index]
    if closed(previous.text):
        return False
    if unit.kind in CELL_KINDS:
        return _cell_continues(previous, unit, wide)
    if unit.kind != "li":  # a paragraph, definition or caption that goes on from the block before
        return _starts_small(unit.text)
    same_list = previous.kind == "li" and previous.list_id == unit.list_id
    if not _starts_small(unit.text):
        return index in cut or (same_list and unit.list_id in chopped) or _capital_continues(previous, unit)
    # A small letter after "the", "and" or "with" goes on (a capital after "with" may not:
    # "Someone you chat with", "A group you are part of").
    goes_on = _open_weight(previous.text) > 0 or (same_list and unit.list_id in chopped)
    if unit.list_id in introduced or _lead_in(previous.text):  # "You can:" "- talk to us" "- block them."
        return goes_on
    return goes_on or _run_ends_closed(units, index)


def _cell_continues(previous: "Unit", unit: "Unit", wide: frozenset[int]) -> bool:
    """A cell that starts with a small letter goes on from the open cell before it in the
    same row when the row has three cells or more (a sentence cut across columns), or when
    the cell before cannot end there ("the", "with"). A row of two cells is usually a
    label and its text ("| A rule | its module in rules/ |"): read one by one."""
    if previous.kind not in CELL_KINDS or previous.row != unit.row or not _starts_with_small_letter(unit.text):
        return False
    return unit.row in wide or _open_weight(previous.text) > 0


def wide_rows(units: list["Unit"]) -> frozenset[int]:
    """The table rows (by id) of three cells or more."""
    cells: dict[int, int] = {}
    for unit in units:
        if unit.kind in CELL_KINDS and unit.row:
            cells[unit.row] = cells.get(unit.row, 0) + 1
    return frozenset(row for row, count in cells.items() if count >= 3)


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
    least two) end on a word or mark that cannot end a phrase ("the", "and", a comma). A word
    such as "with" or "to", which a phrase can end on ("someone you chat with"), counts half.
    A list of separate things almost never does; a paragraph cut every few words always does."""
    items: dict[int, list["Unit"]] = {}
    for unit in units:
        if unit.kind == "li" and unit.list_id:
            items.setdefault(unit.list_id, []).append(unit)
    chopped = set()
    for list_id, members in items.items():
        open_ended = sum(_open_weight(unit.text) for unit in members[:-1] if not closed(unit.text))
        if open_ended >= 2 and open_ended > CHOPPED_SHARE * len(members):
            chopped.add(list_id)
    return frozenset(chopped)


def join_fragments(units: list["Unit"]) -> list["Unit"]:
    """The units with each chopped sentence joined back into one."""
    joined: list["Unit"] = []
    chopped, cut, introduced, wide = chopped_lists(units), cut_runs(units), introduced_lists(units), wide_rows(units)
    for index, unit in enumerate(units):
        if joined and continues(joined[-1], units, index, chopped, cut, introduced, wide):
            previous = joined[-1]
            joined[-1] = type(previous)(f"{previous.text} {unit.text}", previous.kind, unit.list_id or previous.list_id, unit.row or previous.row)
        else:
            joined.append(unit)
    return joined


def is_label(unit: "Unit") -> bool:
    return unit.kind in ITEM_KINDS and not closed(unit.text) and len(words(unit.text)) <= LABEL_WORDS


def _close(sentence: str) -> str:
    return sentence if closed(sentence) else sentence + "."


def score_text(unit: "Unit", seen: Seen, section: tuple[int, str], copies: list[Copy]) -> str:
    """What the formulas score of a unit: its sentences, each closed, each once per section
    (repeats.py says what a copy is; a table row is judged whole, in read_page)."""
    if is_label(unit):
        return ""
    kept = []
    cell = unit.kind in CELL_KINDS
    for sentence in unit.sentences:
        whole_item = unit.kind in WHOLE_ITEMS and sentence == unit.text
        key = "" if cell else repeat_key(sentence, whole_item)
        if seen.is_copy(key, section, sentence, sentence, copies):
            continue
        kept.append(_close(without_addresses(sentence, "link")))
    return " ".join(kept)


def _copied_rows(units: list["Unit"], seen: Seen, section: tuple[int, str], copies: list[Copy]) -> set[int]:
    """The table rows (by id) that copy a row written before on the page."""
    rows: dict[int, list["Unit"]] = {}
    for unit in units:
        if unit.kind == "td" and unit.row:  # header rows (th) repeat in every table
            rows.setdefault(unit.row, []).append(unit)
    copied = set()
    for row, cells in rows.items():
        texts = [cell.text for cell in cells]
        if seen.is_copy(row_key(texts), section, " | ".join(texts), texts[0], copies, numbers_matter=True):
            copied.add(row)
    return copied


def read_page(sections: list["Section"]) -> None:
    """Join chopped sentences and set what the formulas score, in every section of a page:
    each sentence, item or table row once per section; copies across the page are noted
    in each section's `copies` for rules/padding.py."""
    seen = Seen()
    for number, section in enumerate(sections):
        where = (number, section.heading or "Introduction")
        section.units = join_fragments(section.units)
        copied = _copied_rows(section.units, seen, where, section.copies)
        for unit in section.units:
            unit.scored = "" if unit.row in copied else score_text(unit, seen, where, section.copies)
