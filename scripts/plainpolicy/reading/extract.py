"""Prose extraction: from rendered HTML to sections of sentence units.

We score what the reader sees, so we read the HTML that the site's own Markdown
extensions produce. A *section* starts at each h2 or h3 heading (the text before
the first one is the page's intro section). Inside a section, each block the
reader sees as separate (paragraph, list item, table cell, definition, admonition
body) is a *unit*; a unit without closing punctuation is still its own sentence.

Not prose, and dropped: code (block and inline), scripts and styles, headings,
admonition and details titles, content-tab labels, footnote numbers and back
links, permalink anchors, images, and every tag and attribute (so link targets
and image URLs never count as words). Text the reader cannot see is not prose
either: anything inside an element with the `hidden` attribute (aria-hidden
text is shown on screen, so it is read). Invisible characters (soft hyphens,
zero-width spaces and joiners) are taken out, so a word pasted with one is one word.

Theme parts are dropped only where the renderer makes them (see themeparts.py):
an author who gives their own paragraph the class `tabbed-labels` or `headerlink`
still has it read.

Headings, admonition and details titles, `<summary>`, tab labels and image alt text are not
scored by the formulas, but they are prose a reader sees: each is kept as a
*title* of its section (see Title), for the glossary, length and word checks.
How list items and table cells are read (fragments, labels, chopped sentences)
is decided in fragments.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from plainpolicy.reading import fragments, themeparts
from plainpolicy.reading.htmltokens import (
    END,
    START,
    STARTEND,
    TEXT,
    Token,
    attributes,
    tokens,
)
from plainpolicy.reading.repeats import Copy
from plainpolicy.text.scoring import Counts, counts
from plainpolicy.text.sentences import split_sentences
from plainpolicy.text.writtenwords import written_words

SECTION_LEVELS = ("h2", "h3")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    "p", "li", "td", "th", "dt", "dd", "blockquote", "div", "ul", "ol", "table", "tr",
    "thead", "tbody", "details", "figure", "figcaption", "caption", "hr", "section",
    "article", "aside", "nav", "header", "footer", "main", "form", "fieldset", "legend", "label",
}
_SKIP_TAGS = {"script", "style", "pre", "code", "kbd", "samp", "svg", "math", "template", "button", "summary", "noscript"}
_SKIP_CLASSES = {"admonition-title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPACE = re.compile(r"\s+")
_CLOSERS = "\"'”’)]»"
UNIT_KINDS = ("li", "td", "th", "dt", "dd", "p", "blockquote", "figcaption", "caption")
_TITLE_CLASSES = {"admonition-title"}


@dataclass
class Unit:
    """One block of prose the reader sees as separate, e.g. a paragraph or bullet."""

    text: str
    kind: str = "p"  # the block it came from: p, li, td, th, dt, dd, ...
    list_id: int = 0  # which list an item belongs to (0: not a list item)
    row: int = 0  # which table row a cell belongs to (0: not a cell)
    # The text the formulas score (fragments.score_text): sentences closed, repeats,
    # labels and web addresses left out. None: the text with a full stop added.
    scored: str | None = field(default=None, repr=False, compare=False)
    _counts: Counts | None = field(default=None, repr=False, compare=False)
    _sentences: list[str] | None = field(default=None, repr=False, compare=False)
    _words: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def words(self) -> list[str]:
        """The unit's words as written (writtenwords.py), found once for every word check."""
        if self._words is None:
            self._words = written_words(self.text)
        return self._words

    @property
    def sentences(self) -> list[str]:
        """The unit's sentences as a writer would see them (sentences.py), split once."""
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
        return self._sentences

    @property
    def sentence_text(self) -> str:
        """The text as the formulas score it: each sentence closed with punctuation.

        Only . ! and ? close a sentence for the formulas, so "…" gets a full stop too.
        """
        if self.scored is not None:
            return self.scored
        core = self.text.rstrip(_CLOSERS)
        return self.text if core.endswith((".", "!", "?")) else self.text + "."

    @property
    def counts(self) -> Counts:
        """This unit's formula inputs (computed once)."""
        if self._counts is None:
            self._counts = counts(self.sentence_text)
        return self._counts


@dataclass(frozen=True)
class Title:
    """Prose outside paragraphs: a heading, an admonition or details title, alt text."""

    text: str
    kind: str  # "heading", "title", "summary", "tab label" or "alt text"


@dataclass
class Section:
    """A heading (empty for the intro) and the prose units under it."""

    heading: str
    level: int
    anchor: str = ""
    units: list[Unit] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)  # text written before on the page (repeats.py)

    @property
    def text(self) -> str:
        """The text the formulas score."""
        return " ".join(unit.sentence_text for unit in self.units if unit.sentence_text)

    @property
    def written(self) -> str:
        """Every unit as written (labels and repeats too): for word checks."""
        return " ".join(unit.text for unit in self.units)

    @property
    def counts(self) -> Counts:
        """The section's formula inputs: the sum of its units' (see scoring.Counts)."""
        return sum((unit.counts for unit in self.units), Counts())


class _Extractor:
    def __init__(self) -> None:
        self.sections: list[Section] = [Section(heading="", level=1)]
        self.title = ""
        self._buffer: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipping-from-here)
        self._skip_depth = 0
        self._heading: list[str] | None = None
        self._heading_tag = ""
        self._heading_anchor = ""
        self._lists: list[int] = []  # ids of the open lists, innermost last
        self._list_count = 0
        self._closed_list = 0
        self._row_count = 0  # table rows seen: the id of the row being read
        self._title: list[str] | None = None  # text of an admonition title or <summary> being read
        self._title_depth = 0
        self._title_kind = ""
        self._title_skip = 0
        self._parts = themeparts.RendererParts()

    def feed(self, html: str, token_list: list[Token] | None = None) -> None:
        for kind, tag, value in token_list if token_list is not None else tokens(html):
            if kind == TEXT:
                self.handle_data(value)
            elif kind == START:
                self.handle_starttag(tag, value)
            elif kind == END:
                self.handle_endtag(tag)
            elif kind == STARTEND:
                self.handle_startendtag(tag, value)

    # --- structure -------------------------------------------------------
    def handle_starttag(self, tag: str, raw_attributes: str) -> None:
        attributes_ = attributes(raw_attributes) if raw_attributes else {}
        if tag in _BLOCKS or tag in _HEADINGS:
            self._flush()
        if tag == "img" and "hidden" not in attributes_:
            self._alt_text(attributes_)
        if tag in _VOID:
            if tag == "br":
                self._line_break()
            return
        classes = set((attributes_.get("class") or "").split())
        tab_label = self._parts.skips(tag, classes, len(self._stack))  # not prose, but read as a title
        skip = (
            tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES) or "hidden" in attributes_
            or (tag == "sup" and "footnote" in (attributes_.get("id") or "")) or tab_label
        )
        if self._title is None and not self._skip_depth and (tag == "summary" or tab_label or classes & _TITLE_CLASSES):
            kind = "summary" if tag == "summary" else "tab label" if tab_label else "title"
            self._title, self._title_depth, self._title_kind = [], len(self._stack) + 1, kind
            self._title_skip = self._skip_depth + 1  # inline code inside the title is skipped deeper
        if tag == "tr":
            self._row_count += 1
        if tag in ("ul", "ol"):
            self._list_count += 1
            self._lists.append(self._list_count)
        self._stack.append((tag, skip))
        if skip:
            self._skip_depth += 1
        if tag in _HEADINGS and self._heading is None:
            self._heading = []
            self._heading_tag = tag
            self._heading_anchor = attributes_.get("id") or ""

    def handle_startendtag(self, tag: str, raw_attributes: str = "") -> None:
        if tag == "img":
            attributes_ = attributes(raw_attributes) if raw_attributes else {}
            if "hidden" not in attributes_:
                self._alt_text(attributes_)
        if tag == "br":
            self._line_break()
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            if tag in _BLOCKS:
                self._flush()
            return
        # Close up to the matching open tag; tolerate unbalanced HTML.
        if not any(open_tag == tag for open_tag, _ in self._stack):
            return
        while self._stack:
            if self._title is not None and len(self._stack) == self._title_depth:
                self._end_title()
            open_tag, skipping = self._stack.pop()
            self._parts.closed(len(self._stack))
            if skipping:
                self._skip_depth -= 1
            if open_tag in ("ul", "ol") and self._lists:
                self._closed_list = self._lists.pop()
            if open_tag == tag:
                break
        if tag == self._heading_tag and self._heading is not None:
            self._end_heading()
        elif tag in _BLOCKS:
            self._flush(tag)

    def handle_data(self, data: str) -> None:
        data = themeparts.without_invisible(data)
        if self._parts.symbols_only(data):
            return
        if self._title is not None and len(self._stack) >= self._title_depth and self._skip_depth == self._title_skip:
            self._title.append(data)
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading.append(data)
        else:
            self._buffer.append(data)

    # --- helpers ---------------------------------------------------------
    def _alt_text(self, attributes_: dict[str, str]) -> None:
        alt = _SPACE.sub(" ", themeparts.without_invisible(attributes_.get("alt") or "")).strip()
        if alt and not self._skip_depth and any(character.isalnum() for character in alt):
            self.sections[-1].titles.append(Title(alt, "alt text"))

    def _line_break(self) -> None:
        """A hard line break (<br>) is not the end of a sentence: the line goes on."""
        if self._heading is not None:
            self._heading.append(" ")
        else:
            self._buffer.append(" ")

    def _end_title(self) -> None:
        text = _SPACE.sub(" ", "".join(self._title or [])).strip()
        self._title = None
        if text and any(character.isalnum() for character in text):
            self.sections[-1].titles.append(Title(text, self._title_kind))

    def _end_heading(self) -> None:
        text = _SPACE.sub(" ", "".join(self._heading or [])).strip()
        tag = self._heading_tag
        self._heading = None
        self._heading_tag = ""
        if tag in SECTION_LEVELS:
            self.sections.append(Section(heading=text, level=int(tag[1]), anchor=self._heading_anchor))
        elif tag == "h1" and not self.title:
            self.title = text
        if text and any(character.isalnum() for character in text):
            self.sections[-1].titles.append(Title(text, "heading"))

    def _flush(self, closing: str = "") -> None:
        if self._heading is not None:
            return
        text = _SPACE.sub(" ", "".join(self._buffer)).strip()
        self._buffer = []
        if text and any(character.isalnum() for character in text):
            # The innermost item (list item, cell, definition) open or closing here: a
            # paragraph inside a list item is still that item.
            open_tags = [closing, *(open_tag for open_tag, _ in reversed(self._stack))]
            kind = next((tag for tag in open_tags if tag in fragments.ITEM_KINDS), "p")
            list_id = (self._lists[-1] if self._lists else self._closed_list) if kind == "li" else 0
            row = self._row_count if kind in ("td", "th") else 0
            self.sections[-1].units.append(Unit(text, kind, list_id, row))


def extract_sections(html: str, token_list: list[Token] | None = None) -> tuple[str, list[Section]]:
    """Return the page title (first h1) and its sections, intro first.

    The intro section is kept even when empty, so section i of the result always
    lines up with the i-th h2/h3 heading plus one.
    """
    parser = _Extractor()
    parser.feed(html, token_list)
    parser._flush()
    fragments.read_page(parser.sections)
    return parser.title, parser.sections
