"""Glossary definitions as tooltips, put into a page's HTML.

The first use of each glossary term in each section (in any of its forms) becomes
`<abbr title="definition">term</abbr>`, which Material shows as a tooltip
(feature content.tooltips). Marking the first use, not every use, is what
WCAG's techniques for unusual words and abbreviations ask for, and it keeps a
page calm to read and to hear with a screen reader.

This works on the HTML MkDocs made rather than through the abbr Markdown
extension: the extension walks every element of every page with a pattern of
every definition, which cost more than the rest of the plugin together once
checking moved to worker processes (see docs/maintainers/performance.md).
Here each form is looked for as plain text (str.find, at C speed), and only
the few places found are looked at closely. Text inside code, links, headings,
buttons, comments and existing abbreviations is left alone.
"""

from __future__ import annotations

import bisect
import html as html_lib
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plainpolicy.datafiles.glossary import Glossary

LEFT_ALONE = re.compile(
    r"<!--.*?-->|<(a|abbr|button|code|h[1-6]|kbd|pre|samp|script|select|style|svg|textarea|title)\b[^>]*>.*?</\1\s*>",
    re.S | re.I,
)
# A whole tag, quoted attribute values included: a ">" inside a value does not end it.
TAG = re.compile(r"""<[a-zA-Z/!?](?:[^"'>]|"[^"]*"|'[^']*')*>""")
NEW_SECTION = re.compile(r"<h[12][\s>]", re.I)


def definitions(glossary: Glossary, voice: str, text: str) -> dict[str, str]:
    """Each glossary form the text uses, as written there, with its definition in the voice."""
    found: dict[str, str] = {}
    for term, written in glossary.written_forms(text):
        definition = term.definitions.get(voice)
        if definition and written not in found and "\n" not in written:
            found[written] = " ".join(definition.split())
    return found


Place = tuple[int, int, str]  # start and end of a use in the HTML, and its title (escaped)


def add_tooltips(html: str, definitions: dict[str, str]) -> str:
    """The page with its first use of each written form, in each section, explained.

    definitions maps a form as written on the page ("DSL", "Screenshots") to its
    definition in the page's voice.
    """
    return apply(html, places(html, definitions))


def places(html: str, definitions: dict[str, str]) -> list[Place]:
    """Where add_tooltips puts each tooltip. Worked out with the checks (in a worker
    process on a large site) and kept with the page's stored result, so a build
    that reuses the result only has to apply them."""
    if not definitions:
        return []
    hits = _places(html, definitions)
    sections = [match.start() for match in NEW_SECTION.finditer(html)]
    chosen: list[Place] = []
    position, used = 0, set()
    for start, end, form in hits:
        if start < position:
            continue  # inside a longer form found here ("GDPR" in "UK GDPR")
        # One tooltip per term per section, whichever form comes first: forms of one
        # term ("designated safeguarding lead", "DSL", "DSLs") share its definition.
        first_use = (bisect.bisect_right(sections, start), definitions[form])
        if first_use in used:
            continue
        used.add(first_use)
        chosen.append((start, end, html_lib.escape(definitions[form], quote=True)))
        position = end
    return chosen


def apply(html: str, chosen: list[Place]) -> str:
    """The HTML with an abbr around each place (places in order, from the same HTML)."""
    if not chosen:
        return html
    out: list[str] = []
    position = 0
    for start, end, title in chosen:
        out.append(f'{html[position:start]}<abbr title="{title}">{html[start:end]}</abbr>')
        position = end
    out.append(html[position:])
    return "".join(out)


def _places(html: str, definitions: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, form) of every whole-word use of a form in the page's text, in order."""
    regions = [(match.start(), match.end()) for match in LEFT_ALONE.finditer(html)]
    tags = [(match.start(), match.end()) for match in TAG.finditer(html)]
    hits = []
    for form in definitions:
        needle = html_lib.escape(form, quote=False)
        start = html.find(needle)
        while start != -1:
            end = start + len(needle)
            if _whole_word(html, start, end) and not _inside(tags, start) and not _inside(regions, start):
                hits.append((start, end, form))
            start = html.find(needle, end)
    hits.sort(key=lambda hit: (hit[0], -hit[1]))  # at one place, the longest form first
    return hits


def _whole_word(html: str, start: int, end: int) -> bool:
    before = html[start - 1] if start else " "
    after = html[end] if end < len(html) else " "
    return not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-")


def _inside(regions: list[tuple[int, int]], start: int) -> bool:
    index = bisect.bisect_right(regions, (start, sys.maxsize)) - 1
    return index >= 0 and regions[index][0] <= start < regions[index][1]
