"""Prose extraction: from rendered HTML to sections of sentence units.

We score what the reader sees, so we read the HTML that the site's own Markdown
extensions produce. A *section* starts at each h2 or h3 heading (the text before
the first one is the page's intro section). Inside a section, each block the
reader sees as separate (paragraph, list item, table cell, definition, admonition
body) is a *unit*; a unit without closing punctuation is still its own sentence.

Not prose, and dropped: code (block and inline), scripts and styles, headings,
admonition and details titles, content-tab labels, footnote numbers and back
links, permalink anchors, images, and every tag and attribute (so link targets
and image URLs never count as words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .scoring import Counts, counts
from .htmltokens import END, START, STARTEND, TEXT, Token, attributes, tokens

SECTION_LEVELS = ("h2", "h3")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    "p", "li", "td", "th", "dt", "dd", "blockquote", "div", "ul", "ol", "table", "tr",
    "thead", "tbody", "details", "figure", "figcaption", "caption", "hr", "br", "section",
    "article", "aside", "nav", "header", "footer", "main", "form", "fieldset", "legend", "label",
}
_SKIP_TAGS = {"script", "style", "pre", "code", "kbd", "samp", "svg", "math", "template", "button", "summary", "noscript"}
_SKIP_CLASSES = {"admonition-title", "tabbed-labels", "headerlink", "footnote-backref", "footnote-ref", "md-annotation"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPACE = re.compile(r"\s+")
_CLOSERS = "\"'”’)]»"


@dataclass
class Unit:
    """One block of prose the reader sees as separate, e.g. a paragraph or bullet."""

    text: str
    _counts: Counts | None = field(default=None, repr=False, compare=False)

    @property
    def sentence_text(self) -> str:
        """The text with closing punctuation, so it counts as a sentence of its own.

        Only . ! and ? close a sentence for the formulas, so "…" gets a full stop too.
        """
        core = self.text.rstrip(_CLOSERS)
        return self.text if core.endswith((".", "!", "?")) else self.text + "."

    @property
    def counts(self) -> Counts:
        """This unit's formula inputs (computed once)."""
        if self._counts is None:
            self._counts = counts(self.sentence_text)
        return self._counts


@dataclass
class Section:
    """A heading (empty for the intro) and the prose units under it."""

    heading: str
    level: int
    anchor: str = ""
    units: list[Unit] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(unit.sentence_text for unit in self.units)

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

    def feed(self, html: str, token_list: list[Token] | None = None) -> None:
        for kind, tag, value in token_list if token_list is not None else tokens(html):
            if kind == TEXT:
                self.handle_data(value)
            elif kind == START:
                self.handle_starttag(tag, value)
            elif kind == END:
                self.handle_endtag(tag)
            elif kind == STARTEND:
                self.handle_startendtag(tag)

    # --- structure -------------------------------------------------------
    def handle_starttag(self, tag: str, raw_attributes: str) -> None:
        attributes_ = attributes(raw_attributes) if raw_attributes else {}
        if tag in _BLOCKS or tag in _HEADINGS:
            self._flush()
        if tag in _VOID:
            return
        classes = set((attributes_.get("class") or "").split())
        skip = tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES) or (tag == "sup" and "footnote" in (attributes_.get("id") or ""))
        self._stack.append((tag, skip))
        if skip:
            self._skip_depth += 1
        if tag in _HEADINGS and self._heading is None:
            self._heading = []
            self._heading_tag = tag
            self._heading_anchor = attributes_.get("id") or ""

    def handle_startendtag(self, tag: str) -> None:
        if tag in _BLOCKS:
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
            open_tag, skipping = self._stack.pop()
            if skipping:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if tag == self._heading_tag and self._heading is not None:
            self._end_heading()
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading.append(data)
        else:
            self._buffer.append(data)

    # --- helpers ---------------------------------------------------------
    def _end_heading(self) -> None:
        text = _SPACE.sub(" ", "".join(self._heading or [])).strip()
        tag = self._heading_tag
        self._heading = None
        self._heading_tag = ""
        if tag in SECTION_LEVELS:
            self.sections.append(Section(heading=text, level=int(tag[1]), anchor=self._heading_anchor))
        elif tag == "h1" and not self.title:
            self.title = text

    def _flush(self) -> None:
        if self._heading is not None:
            return
        text = _SPACE.sub(" ", "".join(self._buffer)).strip()
        self._buffer = []
        if text and any(character.isalnum() for character in text):
            self.sections[-1].units.append(Unit(text))


def extract_sections(html: str, token_list: list[Token] | None = None) -> tuple[str, list[Section]]:
    """Return the page title (first h1) and its sections, intro first.

    The intro section is kept even when empty, so section i of the result always
    lines up with the i-th h2/h3 heading plus one.
    """
    parser = _Extractor()
    parser.feed(html, token_list)
    parser._flush()
    return parser.title, parser.sections
