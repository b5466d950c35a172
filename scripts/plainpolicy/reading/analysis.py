"""One page, analysed: its voice, its sections with their source lines, its exceptions.

This is the shared input of every per-page check. It is built from rendered HTML
(from MkDocs in the plugin, from our own Renderer on the command line) plus the
source file, which gives the line numbers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from plainpolicy.config import Voice
from plainpolicy.reading.exceptions import Allowance, find_allowances
from plainpolicy.reading.extract import Section, extract_sections
from plainpolicy.reading.htmltokens import Token
from plainpolicy.reading.linemap import LineFinder, match_headings, source_headings
from plainpolicy.reading.source import SourcePage


@dataclass
class SectionView:
    """A section plus where it is in the source file."""

    section: Section
    line: int  # line of the heading (or of the title / first body line for the intro)
    end_line: int  # first line after the section
    allowances: list[Allowance] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.section.heading or "Introduction"


@dataclass
class AnalysedPage:
    path: str  # as shown to people, e.g. docs/staff/devices.md
    relative: str  # inside docs/, with forward slashes
    source: SourcePage
    voice: Voice | None
    title: str
    sections: list[SectionView]
    allowances: list[Allowance]
    _finder: LineFinder | None = None

    @property
    def finder(self) -> LineFinder:
        """Built on first use: most pages have no finding that needs a sentence's line."""
        if self._finder is None:
            self._finder = LineFinder(self.source.text)
        return self._finder

    def locate(self, text: str, view: SectionView) -> tuple[int, int]:
        """Line and column where `text` starts inside a section (heading line if unknown)."""
        found = self.finder.find(text, view.line, view.end_line)
        return found if found else (view.line, 1)

    def locate_pattern(self, pattern: re.Pattern[str], view: SectionView) -> tuple[int, int]:
        """First source line in the section where the pattern matches."""
        lines = self.source.lines
        for number in range(max(view.line, 1), min(view.end_line, len(lines) + 1)):
            match = pattern.search(lines[number - 1])
            if match:
                return number, match.start() + 1
        return view.line, 1


def analyse(path: str, relative: str, source: SourcePage, html: str, voice: Voice | None, token_list: list[Token] | None = None) -> AnalysedPage:
    title, sections = extract_sections(html, token_list)
    headings = source_headings(source.body, source.body_line)
    h1 = next((heading.line for heading in headings if heading.level == 1), source.body_line)
    lines = match_headings([section.heading for section in sections[1:]], [h for h in headings if h.level in (2, 3)], h1)
    intro_line = h1 if title else source.body_line
    starts = [intro_line, *lines]
    total = len(source.lines) + 1
    views = []
    for index, section in enumerate(sections):
        # A section ends where a later one starts further down. A heading that is not in
        # the source (the "Talk about it" box) shares the line of the one before it, and
        # must not cut that section short.
        end = next((line for line in starts[index + 1 :] if line > starts[index]), total)
        views.append(SectionView(section, starts[index], max(end, starts[index] + 1)))
    allowances = find_allowances(source.text)
    view_lines = [view.line for view in views]
    ordered = all(left <= right for left, right in zip(view_lines, view_lines[1:]))
    for allowance in allowances:
        # The last section starting at or before the comment (bisect: thousands of sections stay fast).
        if ordered:
            owner = views[max(bisect.bisect_right(view_lines, allowance.line) - 1, 0)]
        else:
            owner = views[0]
            for view in views:
                if view.line <= allowance.line:
                    owner = view
        owner.allowances.append(allowance)
    return AnalysedPage(path, relative, source, voice, title or str(source.meta.get("title") or ""), views, allowances)
