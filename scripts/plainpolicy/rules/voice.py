"""voice/unknown: a page's front matter `voice:` that is not one of the site's voices.

The page then takes the voice of its folder (or none), so it would be judged
against limits its writer did not mean.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.source import SourcePage

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

UNKNOWN = "voice/unknown"


def unknown_voice(source: SourcePage, voices: dict[str, Any]) -> list[Finding]:
    """A front matter `voice` that is not one of the site's voices (the page falls back to its folder's)."""
    named = source.meta.get("voice")
    if "voice" not in source.meta or (isinstance(named, str) and named in voices):
        return []
    return [Finding(source.path, source.meta_lines.get("voice", 1), UNKNOWN, ERROR, f"'voice: {named}' is not one of this site's voices ({', '.join(voices)}).", f"Use one of: {', '.join(voices)}; or remove the line, and the page takes the voice of its folder.")]


def check(context: PageContext) -> list[Finding]:
    """voice/unknown for the page registry (see rules/context.py)."""
    return unknown_voice(context.page.source, context.settings.voices)
