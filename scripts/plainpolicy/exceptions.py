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


def find_allowances(text: str) -> list[Allowance]:
    """Every `plainpolicy-allow` comment in the file, with its line (1-based)."""
    found: list[Allowance] = []
    for match in _ALLOW.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        rules = tuple(rule for rule in re.split(r"[\s,]+", match.group("rules").strip()) if rule)
        reason = " ".join((match.group("reason") or "").split())
        found.append(Allowance(line, column, rules, reason))
    return found
