"""Content security: nothing on a page may run code, call a third party or invite strangers in.

A safeguarding site must not become a way to hurt the people it serves. The
rendered HTML (what the browser gets, whatever Markdown, attr_list or
md_in_html made of the source) is checked against an allowlist
(plainpolicy.htmlpolicy) and each finding points at the source line.

- `security/raw-html`: a tag or attribute that is not on the allowlist
  (`<script>`, `<iframe>`, `onclick=`, `style=`...).
- `security/unsafe-url`: a `javascript:`, `vbscript:`, `data:` or other
  non-web URL.
- `security/third-party`: anything that makes the reader's browser ask another
  site for something. A normal link (`<a href="https://...">`) is fine:
  following it is the reader's choice.
- `links/private-invite`: a link (or a bare address in the text) that opens a
  chat with a person, invites people into a group, or hides where it goes (a
  link shortener).

None of these can be excused by a comment in the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.analysis import AnalysedPage, SectionView
from plainpolicy.reading.frontmatter import check_front_matter, check_title_text
from plainpolicy.safety.htmlpolicy import (
    PRIVATE_INVITE,
    RAW_HTML,
    THIRD_PARTY,
    UNSAFE_URL,
    Mode,
    Problem,
    Scan,
    scan,
)
from plainpolicy.safety.urlpolicy import (
    clean_url,
    invite_kind,
    is_external,
    scheme_of,
    split_urls,
)

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

__all__ = ["RAW_HTML", "UNSAFE_URL", "THIRD_PARTY", "PRIVATE_INVITE", "Locator", "check_security", "scan_html", "clean_url", "invite_kind", "is_external", "scheme_of", "split_urls"]

_TEXT_ADDRESS = re.compile(r"(?i)(?<![\w@.\-])(?:https?://)?((?:[\w](?:[\w\-]*[\w])?[.\u3002\uff0e\uff61])+[\w]{2,})(/[^\s<>\"'()\[\]]*)")
_DOT = re.compile("[.\u3002\uff0e\uff61]")


def scan_html(html: str, token_list: object = None) -> Scan:
    """Parse a page's rendered HTML once: its problems, its text by section, its media tags."""
    return scan(html, Mode.CONTENT)


def text_invites(texts: Iterable[tuple[int, str]]) -> list[Problem]:
    """Invitation addresses written as plain text (no link), outside code."""
    problems: list[Problem] = []
    for section, text in texts:
        if "/" not in text or not _DOT.search(text):  # an address here always has a path
            continue
        for match in _TEXT_ADDRESS.finditer(text):
            address = match.group(0)
            invite = invite_kind(address)
            if invite:
                kind, host = invite
                problems.append(
                    Problem(
                        PRIVATE_INVITE,
                        f"This address {kind} ({address[:60]}); group invitations, personal numbers and hidden addresses do not belong on a public page.",
                        "Remove it. Tell readers how to ask a named member of staff to join instead.",
                        section, (address, host),
                    )
                )
    return problems


# --- from problems to findings -------------------------------------------------------
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _code_lines(page: AnalysedPage) -> set[int]:
    """Source lines inside closed fenced code blocks (their text is shown, never run).

    A fence that is never closed is not code to Python-Markdown: what follows it
    is rendered (and run) as usual, so it is searched as usual.
    """
    lines = page.source.lines
    inside: set[int] = set()
    fence, opened = "", 0
    for number in range(page.source.body_line, len(lines) + 1):
        opener = _FENCE.match(lines[number - 1])
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                inside.update(range(opened, number + 1))
                fence = ""
            continue
        if opener:
            fence, opened = opener.group(1), number
    return inside


@dataclass
class Locator:
    """Finds the source line of a piece of HTML, moving forward so repeats map to their own line.

    Searching costs about two passes over a section per needle (a cursor per
    needle, and a memory of needles that are nowhere or used up), so a page
    with thousands of findings stays linear.
    """

    page: AnalysedPage
    _code: set[int] = field(default_factory=set)
    _cursor: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)
    _absent: set[tuple[int, str]] = field(default_factory=set)
    _first: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)  # needles whose later matches are used up
    _recent: dict[int, int] = field(default_factory=dict)  # section -> line of the last place found going forward
    _lowered: list[str] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._code = _code_lines(self.page)
        self._lowered = [line.lower() for line in self.page.source.lines]
        # A section ends where the next section *with a later line* starts: a
        # heading that is not in the source (the "Talk about it" box) shares
        # the line of the one before it.
        views = self.page.sections
        self._ends = [len(self._lowered) + 1] * len(views)
        for index in range(len(views) - 2, -1, -1):
            after = views[index + 1].line
            self._ends[index] = after if after > views[index].line else self._ends[index + 1]
        self._ends = [max(end, view.end_line) for end, view in zip(self._ends, views)]

    def _search(self, needle: str, start: tuple[int, int], end: int) -> tuple[int, int] | None:
        line, column = start
        for number in range(line, end):
            if number in self._code:
                continue
            found = self._lowered[number - 1].find(needle, column if number == line else 0)
            if found >= 0:
                return number, found
        return None

    def locate(self, needles: Iterable[str], view: SectionView, index: int) -> tuple[int, int]:
        # The intro starts at the first body line: raw HTML may sit above the page title.
        first = self.page.source.body_line if index == 0 else max(view.line, self.page.source.body_line, 1)
        end = min(self._ends[index] if index < len(self._ends) else view.end_line, len(self._lowered) + 1)
        # Problems come in the order of the page, so the search starts on the line of
        # the last place found in this section (any needle), not at the section's top.
        recent = (self._recent.get(index, first), 0)
        for raw in needles:
            needle = raw.lower()
            if not needle or len(needle) > 2000:
                continue
            key = (index, needle)
            if key in self._absent:
                continue
            if key in self._first:  # more findings than places in the source: the first place
                return self._first[key]
            start = max(self._cursor.get(key, (first, 0)), recent)
            found = self._search(needle, start, end)
            if found is not None:
                self._recent[index] = found[0]
            elif start > (first, 0):
                found = self._search(needle, (first, 0), min(start[0] + 1, end))
                if found is not None and found >= start:
                    found = None
                if found is not None:
                    self._first[key] = (found[0], found[1] + 1)
            if found is None:
                self._absent.add(key)
                continue
            self._cursor[key] = (found[0], found[1] + 1)
            return found[0], found[1] + 1
        return view.line, 1


def _view(page: AnalysedPage, index: int) -> tuple[SectionView, int]:
    index = max(0, min(index, len(page.sections) - 1))
    return page.sections[index], index


def check_security(page: AnalysedPage, scanned: Scan, locator: Locator | None = None, allowed_keys: Iterable[str] = (), made_here: bool = False) -> list[Finding]:
    """Every security and invitation problem on the page (see scan_html), at its source line, and its front matter's."""
    problems = scanned.problems + text_invites(scanned.texts)
    findings = _to_findings(page, problems, locator or Locator(page))
    voice = page.voice.name if page.voice else ""
    findings.extend(check_front_matter(page.source, voice, allowed_keys, made_here))
    if scanned.h1 and "title" not in page.source.meta:
        line = next((n for n, text in enumerate(page.source.lines, start=1) if n >= page.source.body_line and text.lstrip().startswith("#")), page.source.body_line)
        findings.extend(check_title_text(page.path, scanned.h1, line, voice))
    return findings


def _to_findings(page: AnalysedPage, problems: list[Problem], locator: Locator) -> list[Finding]:
    voice = page.voice.name if page.voice else ""
    findings: list[Finding] = []
    seen: set[tuple[str, int, str]] = set()
    for problem in problems:
        view, index = _view(page, problem.section)
        key = (problem.rule, index, problem.message)
        if problem.rule == PRIVATE_INVITE:
            # The same address as a link and as its own visible text: report it once.
            address = (problem.needles[0] if problem.needles else "").lower().split("://")[-1].rstrip("/")
            key = (problem.rule, index, address)
            if key in seen:
                continue
            seen.add(key)
        line, column = locator.locate(problem.needles, view, index)
        findings.append(Finding(page.path, line, problem.rule, ERROR, problem.message, problem.hint, column, voice, view.name))
    return findings


def check(context: PageContext) -> list[Finding]:
    """The security family for the page registry (see rules/context.py)."""
    return check_security(context.page, context.scanner, context.locator, context.settings.front_matter_keys, context.made_here)
