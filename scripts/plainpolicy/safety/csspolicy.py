"""What CSS makes the browser fetch: every URL in a style sheet or a style attribute.

CSS is read with tinycss2, a tokenizer that follows the CSS Syntax spec, so
escapes (`\\75 rl(`), comments inside functions and odd quoting are decoded as
a browser decodes them. Every URL is collected: `url()`, `src()`, `@import`
with a bare string, and every string inside `image-set()` and its relatives
(their candidates are URLs). Behaviours that run code (`expression()`,
`-moz-binding`, `behavior`) are reported too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import tinycss2
from tinycss2 import ast

_URL_FUNCTIONS = frozenset({"url", "src"})
_IMAGE_FUNCTIONS = frozenset({"image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade"})
_CODE = frozenset({"expression", "-moz-binding", "behavior", "javascript"})


@dataclass(frozen=True)
class CssUse:
    """One thing a style sheet does: a URL it fetches, or code it runs (kind "code")."""

    kind: str  # "url" or "code"
    value: str


def _walk(nodes: Iterable[ast.Node], in_image: bool = False) -> Iterable[CssUse]:
    for node in nodes:
        if isinstance(node, ast.URLToken):
            yield CssUse("url", node.value)
        elif isinstance(node, ast.StringToken) and in_image:
            yield CssUse("url", node.value)
        elif isinstance(node, ast.FunctionBlock):
            name = node.lower_name
            if name in _CODE:
                yield CssUse("code", name)
            if name in _URL_FUNCTIONS:
                strings = [arg.value for arg in node.arguments if isinstance(arg, ast.StringToken)]
                yield from (CssUse("url", value) for value in strings[:1])
            yield from _walk(node.arguments, in_image or name in _IMAGE_FUNCTIONS)
        elif isinstance(node, ast.IdentToken) and node.lower_value in _CODE:
            yield CssUse("code", node.lower_value)
        elif isinstance(node, (ast.SquareBracketsBlock, ast.ParenthesesBlock, ast.CurlyBracketsBlock)):
            yield from _walk(node.content, in_image)
        elif isinstance(node, ast.Declaration):
            if node.lower_name in _CODE:
                yield CssUse("code", node.lower_name)
            yield from _walk(node.value, in_image)
        elif isinstance(node, ast.QualifiedRule):
            yield from _walk(node.prelude, in_image)
            yield from _walk(node.content, in_image)
        elif isinstance(node, ast.AtRule):
            # "@import 'x.css'" fetches a bare string; "@namespace 'x'" does not.
            yield from _walk(node.prelude, in_image or node.lower_at_keyword == "import")
            yield from _walk(node.content or (), in_image)


def stylesheet_uses(css: str) -> list[CssUse]:
    """Every URL and code behaviour in a whole style sheet (a .css file, a <style> element)."""
    return list(_walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def declarations_uses(css: str) -> list[CssUse]:
    """The same for a style="" attribute (a list of declarations)."""
    return list(_walk(tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True)))
