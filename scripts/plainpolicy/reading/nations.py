"""The UK nations a site is for, and the nation blocks in its pages.

A site says in mkdocs.yml which nations it works in (`nations:` under the
plainpolicy plugin; absent means all four). A page holds nation-specific text
in blocks at the top level of the page:

    /// nation | Scotland
    In Scotland, checks are done through the PVG scheme.
    ///

`filter_page` is the one place that decides what a reader sees. The build
(before Markdown is converted) and `plainpolicy check` (before its own
rendering and before line numbers are worked out) both call it. Blocks for
nations the site does not work in become blank lines, so every line that is
kept stays on its own line number. When more than one nation is chosen, each
kept block becomes an admonition titled with its nations ("In Scotland"), its
lines indented under it; with one nation the block's text is shown as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from plainpolicy.findings import ERROR, Finding
from plainpolicy.uknations import in_order, names, nation_key

ADMONITION_TYPE = "plainpolicy-nation"  # the class of a labelled block (styled by NATION_CSS)
CSS_PATH = "assets/plainpolicy/nations.css"

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_NATION_OPEN = re.compile(r"^(?P<slashes>/{3,})[ \t]*nation\b(?P<rest>.*)$", re.IGNORECASE)
_OTHER_OPEN = re.compile(r"^(?P<slashes>/{3,})[ \t]*[A-Za-z][\w-]*")  # another pymdownx block (/// details | ...)
_CLOSE = re.compile(r"^(?P<slashes>/{3,})[ \t]*$")
_NESTED_OPEN = re.compile(r"^(?:[ \t]+|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+|[ \t]*>[ \t]*)/{3,}[ \t]*nation\b", re.IGNORECASE)


@dataclass(frozen=True)
class NationBlock:
    """One nation block of a page, as written (lines are the file's, 1-based)."""

    line: int  # the opening line
    end: int  # the closing line (the last line of the page if it is never closed)
    nations: tuple[str, ...]  # the nations it names that exist, in the usual order
    written: str  # the names as written after '|'
    shown: bool  # kept on this site (it names at least one chosen nation)
    closed: bool = True

    def covers(self, line: int) -> bool:
        return self.line < line < self.end or (not self.closed and line > self.line)


@dataclass
class FilteredPage:
    """What the reader of a site with these nations sees of a page body."""

    shown: str  # the body with hidden blocks and the block lines blanked: same lines as the source
    markdown: str  # what is rendered: `shown`, or with labelled admonitions when several nations are chosen
    blocks: list[NationBlock] = field(default_factory=list)
    problems: list[tuple[int, str, str, str]] = field(default_factory=list)  # (line, rule, message, hint)

    def nations_at(self, line: int, chosen: Sequence[str]) -> tuple[str, ...]:
        """The nations whose readers see this line (a shown block's nations, else every chosen one)."""
        for block in self.blocks:
            if block.shown and block.covers(line):
                return tuple(key for key in block.nations if key in chosen)
        return tuple(chosen)

    def findings(self, path: str) -> list[Finding]:
        return [Finding(path, line, rule, ERROR, message, hint) for line, rule, message, hint in self.problems]


def label(nations: Sequence[str]) -> str:
    return f"In {names(nations)}"


def filter_page(body: str, chosen: Sequence[str], first_line: int = 1) -> FilteredPage:
    """Keep the nation blocks for the chosen nations; see the module's docstring.

    `first_line` is the file's line number of the body's first line, for the problems found."""
    if "///" not in body:  # most pages: nothing to do
        return FilteredPage(body, body)
    return _Filter(body.split("\n"), chosen, first_line).run()


class _Filter:
    """One pass over a page body's lines (code fences skipped), blocks opened and closed in turn."""

    def __init__(self, lines: list[str], chosen: Sequence[str], first_line: int) -> None:
        self.lines = lines
        self.shown = list(lines)
        self.rendered = list(lines)
        self.chosen = chosen
        self.first_line = first_line
        self.result = FilteredPage("", "")
        self.others: list[str] = []  # the slashes of other open pymdownx blocks (/// details ...)
        self.current: tuple[int, str, tuple[str, ...], str] | None = None  # the open block: index, slashes, nations, names written

    def run(self) -> FilteredPage:
        fence = ""
        for index, line in enumerate(self.lines):
            opener = _FENCE.match(line)
            if fence:
                if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                    fence = ""
            elif opener:
                fence = opener.group(1)
            else:
                self.line(index, line)
        if self.current is not None:
            self.problem(self.current[0], "nation/unclosed", "This nation block is never closed, so it runs to the end of the page.", "Add a line with just /// after the block's last line.")
            self.close(len(self.lines) - 1, closed=False)
        self.result.shown = "\n".join(self.shown)
        self.result.markdown = "\n".join(self.rendered)
        return self.result

    def problem(self, index: int, rule: str, message: str, hint: str) -> None:
        self.result.problems.append((self.first_line + index, rule, message, hint))

    def line(self, index: int, line: str) -> None:
        nation = _NATION_OPEN.match(line)
        if nation:
            if self.current is not None or self.others:
                self.problem(index, "nation/nested", "This nation block is inside another block.", "Close the block above it with a /// line first: nation blocks sit at the top level of a page, one after another.")
            else:
                nations, written = _names(nation.group("rest"), index, self.problem)
                self.current = (index, nation.group("slashes"), nations, written)
        elif _NESTED_OPEN.match(line):
            self.problem(index, "nation/in-list", "This nation block is indented or inside a list item, where it cannot work.", "Start the /// nation line at the beginning of the line, outside the list, with a blank line before it. A nation block may hold a whole list.")
        elif _CLOSE.match(line):
            slashes = line.strip()
            if self.others and self.others[-1] == slashes:
                self.others.pop()
            elif self.current is not None and self.current[1] == slashes:
                self.close(index, closed=True)
            else:
                self.problem(index, "nation/stray-close", "This /// line closes no block.", "Remove it, or add the /// nation | ... line that should open the block.")
        else:
            other = _OTHER_OPEN.match(line)
            if other:
                self.others.append(other.group("slashes"))

    def close(self, end: int, closed: bool) -> None:
        """Blank the block's own lines; blank its text too if no chosen nation sees it, else label it."""
        assert self.current is not None
        start, _, nations, written = self.current
        self.current = None
        keep = [key for key in nations if key in self.chosen]
        self.result.blocks.append(NationBlock(self.first_line + start, self.first_line + end, nations, written, bool(keep), closed))
        self.shown[start] = self.rendered[start] = ""
        if closed:
            self.shown[end] = self.rendered[end] = ""
        inside = range(start + 1, end if closed else end + 1)
        if not keep:
            for index in inside:
                self.shown[index] = self.rendered[index] = ""
        elif len(self.chosen) > 1:
            self.rendered[start] = f'!!! {ADMONITION_TYPE} "{label(keep)}"'
            for index in inside:
                self.rendered[index] = "    " + self.lines[index] if self.lines[index].strip() else ""


def _names(rest: str, index: int, problem: Any) -> tuple[tuple[str, ...], str]:
    """The nations after '|', each known one as its key; unknown names are problems."""
    written = rest.split("|", 1)[1].strip() if "|" in rest else ""
    parts = [part.strip() for part in re.split(r",|\band\b", written, flags=re.IGNORECASE) if part.strip()]
    if not parts:
        problem(index, "nation/no-nation", "This nation block does not say which nation it is for.", "Write the nation after a bar, for example: /// nation | Scotland (or several: /// nation | England, Wales).")
        return (), written
    unknown = [part for part in parts if nation_key(part) is None]
    if unknown:
        problem(
            index, "nation/unknown", f"{', '.join(repr(part) for part in unknown)} is not a UK nation.",
            "Use England, Wales, Scotland or Northern Ireland, separated by commas: /// nation | England, Wales.",
        )
    return in_order([nation_key(part) or "" for part in parts]), written


NATION_CSS = f"""/* plainpolicy: the label on a nation block (shown when the site covers more than one nation). */
.md-typeset .admonition.{ADMONITION_TYPE} {{
  border-color: #3f51b5;
  font-size: inherit; /* the page's own text size: this is policy text, not an aside */
}}
.md-typeset .{ADMONITION_TYPE} > .admonition-title {{
  background-color: rgba(63, 81, 181, 0.1);
  font-weight: 700;
}}
.md-typeset .{ADMONITION_TYPE} > .admonition-title::before {{
  background-color: #3f51b5;
  -webkit-mask-image: var(--md-admonition-icon--info);
  mask-image: var(--md-admonition-icon--info);
}}
"""
