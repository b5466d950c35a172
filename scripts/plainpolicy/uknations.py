"""The four UK nations: their names, and the `nations:` setting that picks some of them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from plainpolicy.errors import CannotRun, shown

NATIONS: dict[str, str] = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}
ALL_NATIONS: tuple[str, ...] = tuple(NATIONS)


def nation_key(name: str) -> str | None:
    """'Northern Ireland', 'northern-ireland', ' SCOTLAND ' -> the key; None if not a UK nation."""
    key = "-".join(name.replace("_", " ").replace("-", " ").lower().split())
    return key if key in NATIONS else None


def in_order(nations: Sequence[str]) -> tuple[str, ...]:
    """Nation keys once each, in the usual order (England, Wales, Scotland, Northern Ireland)."""
    return tuple(key for key in ALL_NATIONS if key in nations)


def names(nations: Sequence[str]) -> str:
    """('england', 'wales', 'scotland') -> 'England, Wales and Scotland'."""
    shown = [NATIONS[key] for key in in_order(nations)]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def setting_line(config_file: str, key: str = "nations") -> int | None:
    """The line of `key:` in mkdocs.yml, for a message that names it (None if not found)."""
    try:
        lines = Path(config_file).read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^\s+{re.escape(key)}\s*:")
    plugin = next((index for index, line in enumerate(lines) if re.match(r"^\s*-?\s*plainpolicy\s*:", line)), 0)
    return next((number for number, line in enumerate(lines[plugin:], start=plugin + 1) if pattern.match(line)), None)


def nations_setting(raw: Any, path: str) -> tuple[str, ...]:
    """The `nations:` setting as keys in the usual order; absent means all four.

    A single name, or a list of names written as a person would ('Northern Ireland')."""
    if raw is None:
        return ALL_NATIONS
    items = [raw] if isinstance(raw, str) else raw
    allowed = ", ".join(ALL_NATIONS)
    if not isinstance(items, list) or not items or not all(isinstance(item, str) for item in items):
        raise CannotRun(path, f"plainpolicy 'nations' must list one or more of: {allowed} (it is {shown(raw)})", setting_line(path))
    unknown = [item for item in items if nation_key(item) is None]
    if unknown:
        raise CannotRun(path, f"plainpolicy 'nations' lists {', '.join(repr(item) for item in unknown)}, which is not a UK nation; use one or more of: {allowed}", setting_line(path))
    return in_order([nation_key(item) or "" for item in items])
