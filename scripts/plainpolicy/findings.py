"""Findings: what the checks report, one place in one file each."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem (or one listed exception) at one place.

    `hint` is the thing a contributor can act on: the long sentence, the hard
    words, the preferred term.
    """

    path: str
    line: int
    rule: str
    severity: str
    message: str
    hint: str = ""
    column: int = 1
    voice: str = ""
    section: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.rule)
