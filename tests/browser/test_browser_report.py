"""The readability report on a phone: it reflows at 320 px, has working contents, and is folded."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def report_page(site: Any) -> str:
    return next(rel for rel in site.pages() if rel.endswith("readability-report.html"))


def test_report_reflows_at_320_px_and_is_not_endless(site: Any, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.url(report_page(site)))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"the whole report scrolls sideways at 320 px ({width} px wide)"
    tables = page.locator("article table")
    assert tables.count() > 10
    outside = page.evaluate("""() => [...document.querySelectorAll('article table')].filter(t => {
        const box = t.parentElement.getBoundingClientRect(); return box.right > innerWidth + 1 }).length""")
    assert outside == 0, f"{outside} table boxes run past the screen edge"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 20_000, f"the report is {height} px tall on a phone"
    # Folded pages open, and their table then scrolls inside its own box.
    first = page.locator("details.pp-page").first
    first.locator("summary").click()
    wrap = first.locator(".pp-table-wrap")
    assert wrap.is_visible()
    assert wrap.evaluate("w => getComputedStyle(w).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_report_contents_links_work(site: Any, desktop_page: Any) -> None:
    desktop_page.goto(site.url(report_page(site)))
    links = desktop_page.locator("article nav.pp-contents a")
    assert links.count() >= 3, "the report has no contents list"
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert desktop_page.locator(f"[id='{href[1:]}']").count() == 1, f"contents link {href} goes nowhere"
    links.last.click()
    target = links.last.get_attribute("href")
    box = desktop_page.locator(f"[id='{target[1:]}']").bounding_box()
    assert box and 0 <= box["y"] < desktop_page.viewport_size["height"], "following a contents link did not scroll to it"
    assert 'style="' not in desktop_page.locator("article").inner_html(), "style attributes in the report (CSP)"
