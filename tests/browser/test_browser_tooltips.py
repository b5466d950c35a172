"""Glossary tooltips: each voice's pages explain a term with that voice's definition (docs/glossary.yml)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def is_abbreviation(form: str) -> bool:
    return bool(re.fullmatch(r"[0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*", form))


def terms_by_form(site: Any) -> dict[str, dict[str, Any]]:
    """Glossary entries by every accepted form (abbreviations exact, words lower-case)."""
    found = {}
    for entry in site.glossary():
        forms = [entry["term"], *(entry.get("forms") or []), *(entry.get("abbreviations") or [])]
        for form in forms:
            found[form if is_abbreviation(form) else form.lower()] = entry
    return found


def entry_for(forms: dict[str, dict[str, Any]], text: str) -> dict[str, Any] | None:
    text = " ".join(text.split())
    return forms.get(text) or forms.get(text.lower())


def find_abbr(site: Any, page: Any, voice: str, prefer: str | None) -> tuple[str, int, dict[str, Any]]:
    """The first page of a voice with an abbr for a term whose definitions differ between voices.

    Prefers the term `prefer`, so both voices can be compared on the same word.
    """
    forms = terms_by_form(site)
    fallback = None
    for rel in site.pages():
        if site.voice_of(rel) != voice:
            continue
        page.goto(site.url(rel))
        texts = page.locator(".md-content article abbr").all_text_contents()
        for index, text in enumerate(texts):
            entry = entry_for(forms, text)
            if not entry:
                continue
            definitions = entry.get("definitions") or {}
            if len(set(definitions.values())) < 2 or voice not in definitions:
                continue
            if prefer is None or entry["term"] == prefer:
                return rel, index, entry
            fallback = fallback or (rel, index, entry)
    assert fallback, f"no {voice} page has a glossary tooltip for a term defined differently per voice"
    return fallback


def tooltip_text(page: Any, abbr: Any, how: str) -> str:
    if how == "hover":
        abbr.hover()
    else:
        abbr.focus()  # keyboard and touch: assets/javascripts/plainpolicy.js makes terms focusable
    # Material creates the tooltip on first hover or focus and links it with aria-describedby.
    abbr.evaluate("(el) => new Promise((resolve) => { const wait = () => el.hasAttribute("
                  "'aria-describedby') ? resolve() : requestAnimationFrame(wait); wait() })")
    tip_id = abbr.get_attribute("aria-describedby")
    tip = page.locator(f"[id='{tip_id}']")
    tip.wait_for(state="visible")
    page.wait_for_function("id => document.getElementById(id).className.includes('--active')", arg=tip_id)
    return tip.inner_text()


@pytest.mark.parametrize("voice, how", [("staff", "hover"), ("young-people", "focus")])
def test_tooltip_shows_the_voice_definition(site: Any, desktop_page: Any, voice: str, how: str) -> None:
    # Compare both voices on the same term where the pages allow it.
    staff_term = None
    if voice != "staff":
        staff_term = find_abbr(site, desktop_page, "staff", None)[2]["term"]
    rel, index, entry = find_abbr(site, desktop_page, voice, staff_term)
    desktop_page.goto(site.url(rel))
    text = site.normalise(tooltip_text(desktop_page, desktop_page.locator(".md-content article abbr").nth(index), how))
    mine = site.normalise(entry["definitions"][voice])
    others = [site.normalise(d) for v, d in entry["definitions"].items() if v != voice and d != entry["definitions"][voice]]
    assert mine in text, f"{rel}: tooltip for {entry['term']!r} is {text!r}, expected the {voice} definition {mine!r}"
    assert not any(other in text for other in others), f"{rel}: tooltip shows another voice's definition: {text!r}"
