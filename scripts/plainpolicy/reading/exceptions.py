"""Exceptions written next to a section, always with a reason.

    ## Section 15A of the Sexual Offences Act 2003
    <!-- plainpolicy-allow readability: The offence's legal name must be quoted exactly. -->

The comment is invisible on the site. It covers the section it sits in and the
rules it names (a rule id such as `sentence/too-long`, or a family such as
`readability`). Every exception is listed in the report; an exception without
a reason, or one that excuses nothing, is itself a finding. There is no other
way to switch a rule off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainpolicy.reading.fences import in_fence

_ALLOW = re.compile(r"<!--\s*plainpolicy-allow\b(?P<rules>[^:>]*?)(?::(?P<reason>.*?))?\s*-->", re.DOTALL)


@dataclass
class Allowance:
    line: int
    column: int
    rules: tuple[str, ...]
    reason: str
    used: bool = False

    def covers(self, rule: str) -> bool:
        return any(rule == name or rule.startswith(name + "/") for name in self.rules)


_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _code_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of fenced code blocks and inline code spans: examples, not exceptions."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    lines = text.split("\n")
    for line, fenced in zip(lines, in_fence(lines)):
        end = offset + len(line)
        if fenced:
            ranges.append((offset, end))
        else:
            ranges.extend((offset + match.start(), offset + match.end()) for match in _CODE_SPAN.finditer(line))
        offset = end + 1
    return ranges


def find_allowances(text: str) -> list[Allowance]:
    """Every `plainpolicy-allow` comment in the file, with its line (1-based).

    A comment shown as code (in a fence or between backticks) is an example of
    the syntax, for instance in the contributors' guide: it excuses nothing.
    """
    found: list[Allowance] = []
    code: list[tuple[int, int]] | None = None
    line, counted, line_start = 1, 0, 0  # counted up to `counted`: one pass over the text, not one per comment
    for match in _ALLOW.finditer(text):
        if code is None:
            code = _code_ranges(text)
        if any(left <= match.start() < right for left, right in code):
            continue
        line += text.count("\n", counted, match.start())
        newline = text.rfind("\n", counted, match.start())
        line_start = newline + 1 if newline >= 0 else line_start
        counted = match.start()
        column = match.start() - line_start + 1
        rules = tuple(rule for rule in re.split(r"[\s,]+", match.group("rules").strip()) if rule)
        reason = " ".join((match.group("reason") or "").split())
        found.append(Allowance(line, column, rules, reason))
    return found
