"""Python-Markdown's inline step, without trying patterns that cannot match.

Turning Markdown into HTML is the largest part of checking a page, and most of it
is the inline step: every pattern (code, links, HTML, emphasis, ...) is tried on
every piece of text, about 1,200 tries on an ordinary page. Each of Python-Markdown's
own patterns needs one character to match at all (a backtick, "[", "<", "&", ...),
so a pattern whose character is not in the text is skipped. A skipped pattern is
exactly a pattern that finds nothing, so the HTML is the same to the byte
(tests/test_quickinline.py renders every page of the kit both ways). Patterns added
by other extensions are always tried.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown import inlinepatterns, util
from markdown.treeprocessors import InlineProcessor

# Python-Markdown's own patterns (by their regular expression) and the text each needs.
_NEEDS: dict[str, tuple[str, ...]] = {
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # also the reference and short reference patterns
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # also the image reference patterns
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\[\^([^\]]*)\]": ("[^",),  # the footnotes extension's reference
    r"\*": ("*",),  # emphasis before Python-Markdown 3.11
    r"_": ("_",),
}


def _needs(pattern: Any) -> tuple[str, ...] | None:
    """What a pattern needs in the text to match, or None to always try it."""
    if type(pattern) is getattr(inlinepatterns, "DelimiterProcessor", None):
        return tuple(pattern.tokens)  # emphasis: "*" or "_"
    source = getattr(pattern, "pattern", None)
    return _NEEDS.get(source) if isinstance(source, str) else None


def _one(needs: tuple[str, ...] | None) -> str | tuple[str, ...] | None:
    """A single need as the string itself: `in` on a string is the common test, and the quickest."""
    return needs[0] if needs is not None and len(needs) == 1 else needs


class QuickInlineProcessor(InlineProcessor):
    """The inline step, skipping the patterns that need text the piece does not have.

    Python-Markdown's own loop (`__handleInline`, here under its private name) with two
    changes: the patterns are listed once a page, not looked up in their registry at
    every try, and a pattern is tried only when the text has what the pattern needs."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self._patterns = list(self.inlinePatterns)  # in their order of priority
        self._needs = [_one(_needs(pattern)) for pattern in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803 (the parent's names)
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs = self._patterns, self._needs
        start = 0
        while patternIndex < len(patterns):
            need = needs[patternIndex]
            if need is not None and (need not in data if type(need) is str else not any(text in data for text in need)):
                patternIndex += 1  # as the pattern would: nothing matched, start again at 0
                start = 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(patterns[patternIndex], data, patternIndex, start)  # type: ignore[attr-defined]
            if not matched:
                patternIndex += 1
        return data


def use_quick_inline(md: markdown.Markdown) -> None:
    """Put the quick inline step in place of Python-Markdown's own (same name and order)."""
    if "inline" not in md.treeprocessors or type(md.treeprocessors["inline"]) is not InlineProcessor:
        return  # another extension replaced it: leave theirs alone
    if not all(hasattr(InlineProcessor, name) for name in ("_InlineProcessor__handleInline", "_InlineProcessor__applyPattern")):
        return  # a Python-Markdown whose inline step is written another way: use it as it is
    priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")  # type: ignore[attr-defined]
    md.treeprocessors.register(QuickInlineProcessor(md), "inline", priority)
