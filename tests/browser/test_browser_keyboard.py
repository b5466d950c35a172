"""Keyboard only, at phone width and at 400% zoom (a 1280 px window is 320 CSS px wide):
the closed menu is out of the Tab order, and the menu and search buttons open from the keyboard."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

pytestmark = pytest.mark.browser

# 400% zoom of a 1280x800 window: 320x200 CSS pixels, each 4 device pixels.
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "zoom400": {"viewport": {"width": 320, "height": 200}, "device_scale_factor": 4},
}
PAGE = "staff/devices.html"

FOCUS = """() => {
    const el = document.activeElement
    // Material's light/dark button is a hidden radio; the label after it is what a reader sees.
    const seen = el.matches('.md-option') && el.nextElementSibling ? el.nextElementSibling : el
    const box = seen.getBoundingClientRect()
    const style = getComputedStyle(seen)
    return {
        tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
        inDrawer: !!el.closest('.md-sidebar--primary'),
        shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
               && box.right > 0 && box.left < innerWidth,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    }
}"""


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(**SIZES[request.param])
    context.set_default_timeout(10_000)
    opened = context.new_page()
    yield opened
    context.close()


def tab_stops(page: Any, limit: int = 250) -> list[dict[str, Any]]:
    """Every Tab stop from the top of the page to the end (or `limit` presses)."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if not stop["shown"]:  # at 400% zoom the page may still be scrolling to it on a busy machine
            try:
                page.wait_for_function(f"({FOCUS})().shown", timeout=5000)
            except Exception:  # still unseen after 5 s: a real hidden stop, reported below
                pass
            stop = page.evaluate(FOCUS)
        if stop["tag"] == "BODY":
            break
        stops.append(stop)
    return stops


def tab_to(page: Any, selector: str, limit: int = 10) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} not reached in {limit} Tab presses")


def test_closed_menu_is_not_in_the_tab_order(site: Any, page: Any) -> None:
    page.goto(site.url(PAGE))
    stops = tab_stops(page)
    hidden = [stop["text"] for stop in stops if stop["inDrawer"]]
    assert not hidden, f"{len(hidden)} Tab stops in the closed menu: {hidden[:8]}"
    unseen = [stop["text"] for stop in stops if not stop["shown"]]
    assert not unseen, f"Tab stops that cannot be seen: {unseen[:8]}"


def test_menu_button_opens_and_escape_closes(site: Any, page: Any, wait_until: Any) -> None:
    page.goto(site.url(PAGE))
    tab_to(page, "button.pp-header-button[data-pp-toggle='__drawer']")
    focused = page.evaluate(FOCUS)
    assert focused["shown"] and focused["outline"], f"the menu button has focus but no visible focus: {focused}"
    assert page.get_attribute("button.pp-header-button[data-pp-toggle='__drawer']", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('__drawer').checked")
    wait_until(page, "document.activeElement.closest('.md-sidebar--primary') !== null")
    # The menu slides in: its first link is focused at once, and must be seen once the menu is in
    # (on a busy machine the slide has not started when focus arrives).
    wait_until(page, f"({FOCUS})().shown")
    assert page.get_attribute("button.pp-header-button[data-pp-toggle='__drawer']", "aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["inDrawer"], "Tab left the open menu straight away"
    page.keyboard.press("Escape")
    wait_until(page, "!document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.matches(\"button.pp-header-button[data-pp-toggle='__drawer']\")"), "focus did not return to the menu button"
    page.keyboard.press(" ")
    wait_until(page, "document.getElementById('__drawer').checked")


def test_search_button_opens_search(site: Any, page: Any, wait_until: Any) -> None:
    page.goto(site.url(PAGE))
    tab_to(page, "button.pp-header-button[data-pp-toggle='__search']")
    focused = page.evaluate(FOCUS)
    assert focused["shown"] and focused["outline"], f"the search button has focus but no visible focus: {focused}"
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('__search').checked")
    wait_until(page, "document.activeElement.matches('.md-search__input')")
    page.keyboard.type("password", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
