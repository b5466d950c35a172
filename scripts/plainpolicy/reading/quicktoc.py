"""Python-Markdown's table of contents step, without the table the checker never reads.

The `toc` extension gives each heading its id (which the checker's findings link to)
and also builds the page's table of contents as HTML, then looks through every
element of the page for a `[TOC]` marker to put it in. MkDocs makes its own table of
contents from the ids; the checker reads neither. On a page with no marker, the
table is not built and the search for the marker is left out: the page's HTML is the
same to the byte (tests/test_quicktoc.py renders every page of the kit both ways,
and pages with a marker). A page with a marker gets the full step.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown.extensions.toc import TocTreeprocessor


class QuickTocTreeprocessor(TocTreeprocessor):
    """The toc step; on a page where no text holds the marker, an empty table and no marker search.

    Only the page's own elements can hold the marker: the marker search replaces a
    paragraph whose whole text is the marker, so a page where no element's text
    contains it has nothing to replace."""

    _plain = False  # this page has no marker

    def run(self, doc: etree.Element) -> None:
        marker = self.marker
        self._plain = not marker or not any(element.text and marker in element.text for element in doc.iter())
        super().run(doc)

    def build_toc_div(self, toc_list: list[Any]) -> etree.Element:
        return etree.Element("div", {"class": "toc"}) if self._plain else super().build_toc_div(toc_list)

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if not self._plain:
            super().replace_marker(root, elem)


def use_quick_toc(md: markdown.Markdown) -> None:
    """Make the page's toc step the quick one (same settings, name and order)."""
    if "toc" in md.treeprocessors and type(md.treeprocessors["toc"]) is TocTreeprocessor:
        md.treeprocessors["toc"].__class__ = QuickTocTreeprocessor  # a subclass with no state of its own: the settings stay
