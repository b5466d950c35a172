"""Front matter the theme may be given: known keys only, plain text only.

MkDocs hands every front matter key to the templates, and Material writes
several of them into the page unescaped (title, description, subtitle, status)
or uses them to pick a template (`template: redirect.html` with `location:`)
or an icon file. So a key is refused unless the kit uses it or the site lists
it under the plainpolicy setting `front_matter_keys`, and text values may not
carry markup. MkDocs also reads MultiMarkdown-style metadata (`key: value`
lines at the top, no `---`): those keys are checked the same way.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.source import SourcePage

FRONT_MATTER = "security/front-matter"

GENERATED = "generated"  # set by plainpolicy on the pages it makes (see Checker.check_page)
TEXT_KEYS = frozenset({"title", "summary", "description", "owner"})
RENDERED_KEYS = frozenset({"title", "description", "owner"})  # written into pages by the templates: only text
KIT_KEYS = TEXT_KEYS | {"reviewed", "review_due", "unpaired", "themes", "checklist", "voice", "generated", "search", "hide", "menu"}
SEARCH_KEYS = frozenset({"exclude", "boost"})
HIDE_VALUES = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
_MARKUP = re.compile(r"[<>\"`]|&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);?", re.IGNORECASE)


def _search_ok(value: Any) -> bool:
    if not isinstance(value, dict) or not set(value) <= SEARCH_KEYS:
        return False
    boost = value.get("boost", 1)
    return isinstance(value.get("exclude", False), bool) and isinstance(boost, (int, float)) and not isinstance(boost, bool)


def _problem(value: Any, key: str) -> str | None:
    """Why this value may not be given to the templates, or None."""
    if key in TEXT_KEYS:
        if isinstance(value, (dict, list)) and key in RENDERED_KEYS:
            return f"'{key}' must be plain text, not a {'mapping' if isinstance(value, dict) else 'list'}"
        markup = _MARKUP.search(value) if isinstance(value, str) else None
        if markup:
            return f"'{key}' holds markup or an HTML entity ({markup.group(0)}); the theme writes it into the page as HTML"
    if key == "search" and not _search_ok(value):
        return "'search' may only hold 'exclude: true' or 'false' and 'boost:' with a number"
    if key == "hide" and (not isinstance(value, list) or not {str(item) for item in value} <= HIDE_VALUES):
        return f"'hide' must be a list of: {', '.join(sorted(HIDE_VALUES))}"
    if key == "menu" and not isinstance(value, bool):
        return "'menu' must be true or false (false: built and linked to, but left out of the menu)"
    return None


def check_front_matter(source: SourcePage, voice: str = "", allowed: Iterable[str] = (), made_here: bool = False) -> list[Finding]:
    """Every front matter key the kit does not use (and the site does not allow), and every unsafe value.

    made_here: plainpolicy made the page; `generated:` is refused on any other page."""
    meta, lines = dict(source.meta), dict(source.meta_lines)
    if not meta:
        meta, lines = _multimarkdown(source.text)
    extra = set(allowed)
    findings = []
    if GENERATED in lines and not made_here:  # its line is kept when the checker has taken it out of meta (not_generated)
        findings.append(Finding(source.path, lines[GENERATED], FRONT_MATTER, ERROR, "The front matter key 'generated' is only for the pages plainpolicy makes from data files: on a page you write, it would switch off checks.", "Remove 'generated:'. The page is checked like any page you write either way.", 1, voice, "front matter"))
    for key, value in meta.items():
        line = lines.get(key, 1)
        if key == GENERATED and not made_here:
            continue  # reported above
        if key not in KIT_KEYS and key not in extra:
            why = "picks the template the page is built with" if key == "template" else "is not one the kit uses, and the theme may write it into the page"
            findings.append(Finding(source.path, line, FRONT_MATTER, ERROR, f"The front matter key '{key}' {why}.", f"Remove '{key}:'. A maintainer can allow a key in mkdocs.yml (plainpolicy: front_matter_keys) after checking what the templates do with it.", 1, voice, "front matter"))
            continue
        problem = _problem(value, key)
        if problem:
            findings.append(Finding(source.path, line, FRONT_MATTER, ERROR, f"In the front matter, {problem}.", "Write it as plain words, without < > \" ` or &-codes.", 1, voice, "front matter"))
    return findings


def _multimarkdown(text: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The metadata MkDocs reads from `key: value` lines at the top of a page with no `---`."""
    from mkdocs.utils.meta import (
        get_data,  # late: importing mkdocs.utils costs 35 ms, and most pages have front matter
    )

    try:
        _, meta = get_data(text)
    except Exception:  # MkDocs reports its own parse errors
        return {}, {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        key = line.split(":", 1)[0].strip().lower()
        if key in meta and key not in lines:
            lines[key] = number
    return meta, lines


def check_title_text(path: str, title: str, line: int, voice: str = "") -> list[Finding]:
    """A page title taken from its heading: the theme writes it into <title> and the navigation unescaped."""
    if not _MARKUP.search(title):
        return []
    return [Finding(path, line, FRONT_MATTER, ERROR, f"The page title ({title[:60]}) holds markup or an HTML entity; the theme writes the title into every page's navigation as HTML.", "Write the heading as plain words, without < > \" ` or &-codes.", 1, voice, "")]
