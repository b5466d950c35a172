"""What the Markdown renderer adds around the prose, told apart from what an author wrote.

The renderer adds parts that are not prose: the permalink anchor toc puts in a
heading ("¶"), footnote numbers and back links ("1", "↩"), and the labels
pymdownx.tabbed puts in a `tabbed-labels` box inside its `tabbed-set`. The
extractor leaves these out. A class alone does not decide it: attr_list lets an
author put `{ .tabbed-labels }` or `{ .headerlink }` on their own paragraph, and
the reader sees that paragraph, so it must be checked like any other.

- A link with the class `headerlink`, `footnote-ref` or `footnote-backref` loses
  only text without a letter in it (the renderer's symbols and numbers); words an
  author put in such a link are read.
- A `<label>` is a tab label only directly inside `div.tabbed-labels`, itself
  directly inside `div.tabbed-set` (the shape pymdownx.tabbed writes).

Invisible characters are removed here too, for the same reason: the reader does not
see them, so "re&shy;member" is the one word "remember".
"""

from __future__ import annotations

_LINK_CLASSES = frozenset({"headerlink", "footnote-ref", "footnote-backref"})
# Soft hyphen, zero-width space, non-joiner and joiner, word joiner, byte order mark.
INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARACTERS))


def without_invisible(text: str) -> str:
    """The text as the reader sees it: invisible characters taken out."""
    return text.translate(_INVISIBLE) if not text.isascii() else text


class RendererParts:
    """Follows the open elements (by depth) to spot the renderer's parts."""

    def __init__(self) -> None:
        self._tab_sets: list[int] = []  # depths of open div.tabbed-set
        self._tab_labels: list[int] = []  # depths of open div.tabbed-labels inside a set
        self._symbol_links: list[int] = []  # depths of open permalink and footnote links

    def skips(self, tag: str, classes: set[str], depth: int) -> bool:
        """Whether the element opening at `depth` (its parent's depth is depth) is left out."""
        if tag == "div" and "tabbed-set" in classes:
            self._tab_sets.append(depth + 1)
        elif tag == "div" and "tabbed-labels" in classes and self._tab_sets and self._tab_sets[-1] == depth:
            self._tab_labels.append(depth + 1)
        elif tag == "a" and classes & _LINK_CLASSES:
            self._symbol_links.append(depth + 1)
        return tag == "label" and bool(self._tab_labels) and self._tab_labels[-1] == depth

    def closed(self, depth: int) -> None:
        """An element closed; `depth` open elements are left."""
        for opened in (self._tab_sets, self._tab_labels, self._symbol_links):
            while opened and opened[-1] > depth:
                opened.pop()

    def symbols_only(self, text: str) -> bool:
        """Whether `text` is a renderer's symbol or number inside a permalink or footnote link."""
        return bool(self._symbol_links) and not any(character.isalpha() for character in text)
