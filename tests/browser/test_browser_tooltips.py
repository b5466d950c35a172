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


def test_staff_pages_explain_a_term_once_per_section(site: Any) -> None:
    """The built pages: no term (one definition) is underlined twice in one h1/h2 section."""
    problems = []
    for rel in site.pages():
        html = (site.root / rel).read_text(encoding="utf-8")
        article = html[html.find("<article"):html.find("</article>")]
        # The printed policy moves each topic's headings one level down (its h2 sections are h3).
        levels = "123" if rel.endswith("print.html") else "12"
        for number, section in enumerate(re.split(rf"<h[{levels}][\s>]", article)):
            titles = re.findall(r'<abbr title="([^"]*)"', section)
            repeated = sorted({title[:40] for title in titles if titles.count(title) > 1})
            if repeated:
                problems.append(f"{rel} section {number}: {repeated}")
    assert not problems, "\n".join(problems[:20])


def visible_tooltip(page: Any) -> Any:
    """The open tooltip: Material's active one, or one held open for the pointer (tooltips.js)."""
    return page.locator(".md-tooltip2--active, .md-tooltip2.pp-tip-held")


def test_tooltip_is_hoverable_and_escape_closes_it(site: Any, desktop_page: Any) -> None:
    """WCAG 1.4.13: the pointer can move onto the tooltip and it stays; Escape hides it where the pointer is."""
    desktop_page.goto(site.url("staff/devices.html"))
    abbr = desktop_page.locator(".md-content article abbr").first
    abbr.hover()
    desktop_page.wait_for_function("() => !!document.querySelector('.md-tooltip2--active')")
    tip = desktop_page.locator(".md-tooltip2--active")
    assert tip.evaluate("el => !!el.closest('main')"), "the tooltip is outside <main> (axe: region)"
    inner = desktop_page.locator(f"[id='{tip.get_attribute('id')}'] .md-tooltip2__inner")
    box = inner.bounding_box()
    desktop_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    desktop_page.wait_for_timeout(600)  # longer than Material's 250 ms hide delay
    assert visible_tooltip(desktop_page).count() == 1 and inner.is_visible(), "the tooltip closed when the pointer moved onto it"
    abbr.hover()
    desktop_page.keyboard.press("Escape")
    assert not inner.is_visible(), "Escape did not hide the tooltip"
    # It comes back for the next term.
    abbr.focus()
    desktop_page.locator(".md-content article abbr").nth(1).hover()
    desktop_page.wait_for_function("() => !!document.querySelector('.md-tooltip2--active')")
    assert visible_tooltip(desktop_page).locator(".md-tooltip2__inner").first.is_visible(), "after Escape, the next term has no tooltip"


def test_phone_tooltip_does_not_cover_the_term(site: Any, phone_page: Any) -> None:
    """On a phone a tapped term's definition is docked away from the line being read."""
    phone_page.goto(site.url("young-people/devices.html"))
    terms = phone_page.locator(".md-content article abbr")
    problems = []
    for index in range(min(terms.count(), 6)):
        term = terms.nth(index)
        term.scroll_into_view_if_needed()
        term.tap()
        phone_page.wait_for_function("() => !!document.querySelector('.md-tooltip2--active')")
        phone_page.wait_for_timeout(450)  # Material's slide-in
        tip = phone_page.locator(".md-tooltip2--active .md-tooltip2__inner").bounding_box()
        word = term.bounding_box()
        line = 1.6 * 16  # one line above and below the term
        if tip and word and not (tip["y"] >= word["y"] + word["height"] + line or tip["y"] + tip["height"] <= word["y"] - line):
            problems.append(f"term {index} at y={word['y']:.0f}: tooltip covers it ({tip})")
        if tip and (tip["x"] < 0 or tip["x"] + tip["width"] > phone_page.viewport_size["width"] + 1):
            problems.append(f"term {index}: tooltip runs off the screen ({tip})")
        phone_page.keyboard.press("Escape")
    assert not problems, "\n".join(problems)
