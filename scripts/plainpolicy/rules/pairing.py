"""Voice pairing: a topic written for one paired voice exists in every paired voice.

Pages pair by the same path under each voice's folder (docs/staff/devices.md and
docs/young-people/devices.md). A page may stand alone only if its front matter
says why: `unpaired: "Only staff run the accounts, so there is no young people's page."`
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plainpolicy.config import Settings, Voice
from plainpolicy.findings import ERROR, Finding

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext


def topic_of(relative: str, voice: Voice) -> str | None:
    """'staff/devices.md' -> 'devices.md' for the staff voice; None outside its folder."""
    prefix = voice.folder + "/"
    return relative[len(prefix):] if relative.startswith(prefix) else None


def partners(relative: str, voice: Voice, settings: Settings, existing: set[str]) -> dict[str, str]:
    """The partner pages that exist: voice name -> relative path."""
    topic = topic_of(relative, voice)
    if topic is None or not voice.paired:
        return {}
    found = {}
    for other in settings.voices.values():
        if other.name != voice.name and other.paired and f"{other.folder}/{topic}" in existing:
            found[other.name] = f"{other.folder}/{topic}"
    return found


def check_pairing(path: str, relative: str, voice: Voice, meta: dict, meta_lines: dict[str, int], settings: Settings, existing: set[str]) -> list[Finding]:
    topic = topic_of(relative, voice)
    if topic is None or not voice.paired:
        return []
    reason = meta.get("unpaired")
    if isinstance(reason, str) and reason.strip():
        return []
    findings = []
    have = partners(relative, voice, settings, existing)
    for other in settings.voices.values():
        if other.name == voice.name or not other.paired or other.name in have:
            continue
        missing = f"{other.folder}/{topic}"
        findings.append(
            Finding(
                path, 1, "pairing/missing-partner", ERROR,
                f"This {voice.label} page has no {other.label} partner ({missing}).",
                f"Write {missing}, or add a reason to this page's front matter: unpaired: \"why there is no {other.label} version\".",
                1, voice.name, "",
            )
        )
    if "unpaired" in meta and not (isinstance(reason, str) and reason.strip()):
        findings.append(Finding(path, meta_lines.get("unpaired", 1), "pairing/no-reason", ERROR, "'unpaired' needs a reason in words.", "Write why this page has no partner, for example: unpaired: \"Only trustees read this page.\"", 1, voice.name, ""))
    return findings


def check(context: PageContext) -> list[Finding]:
    """The pairing family for the page registry (see rules/context.py)."""
    page, voice = context.page, context.voice
    if voice is None:
        return []
    return check_pairing(page.path, page.relative, voice, page.source.meta, page.source.meta_lines, context.settings, context.existing)
