"""A small, fast HTML tokenizer for the HTML that Markdown renderers produce.

`html.parser` is general and slow (it is most of the time the checker spends
outside Markdown). We only need tags, a few attributes and text, so one regular
expression walks the document. Comments, doctypes and processing instructions
are dropped; the contents of <script> and <style> are passed through as "raw".
"""

from __future__ import annotations

import re
from html import unescape
from typing import Iterator

_TOKEN = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
    |<!\[CDATA\[.*?(?:\]\]>|\Z)
    |<[!?][^>]*>?
    |<(?P<close>/)?(?P<tag>[A-Za-z][A-Za-z0-9:-]*)
      (?P<attrs>(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?|\s*/(?!>))*)
      \s*(?P<selfclose>/)?>
    |(?P<text>[^<]+)
    |(?P<lt><)
    """,
    re.S | re.X,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
RAW_TEXT = ("script", "style")

START, END, STARTEND, TEXT, RAW = "start", "end", "startend", "text", "raw"
Token = tuple[str, str, str]  # (kind, tag, attributes or text)


def attributes(raw: str) -> dict[str, str]:
    """Attribute string -> {name: value}, names lower-cased, values unescaped."""
    result: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        name = match.group(1).lower()
        value = next((group for group in match.groups()[1:] if group is not None), "")
        result.setdefault(name, unescape(value) if "&" in value else value)
    return result


def tokens(html: str) -> Iterator[tuple[str, str, str]]:
    """(kind, tag, attributes-or-text) for each token; tags are lower-cased."""
    position = 0
    end = len(html)
    while position < end:
        match = _TOKEN.match(html, position)
        if match is None:  # cannot happen: the last alternative matches any "<"
            yield TEXT, "", html[position:]
            return
        position = match.end()
        text = match.group("text")
        if text is not None:
            yield TEXT, "", unescape(text) if "&" in text else text
            continue
        if match.group("lt"):
            yield TEXT, "", "<"
            continue
        tag = match.group("tag")
        if tag is None:
            continue  # comment, doctype, CDATA, processing instruction
        tag = tag.lower()
        if match.group("close"):
            yield END, tag, ""
            continue
        raw_attributes = match.group("attrs") or ""
        if match.group("selfclose"):
            yield STARTEND, tag, raw_attributes
            continue
        yield START, tag, raw_attributes
        if tag in RAW_TEXT:
            closing = re.compile(rf"</{tag}\s*>", re.I).search(html, position)
            stop = closing.start() if closing else end
            yield RAW, tag, html[position:stop]
            if closing:
                yield END, tag, ""
                position = closing.end()
            else:
                position = end
