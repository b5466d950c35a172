"""Light and dark: the site follows the device, a button switches it, and axe finds nothing
with search results open, with the phone menu open and with a glossary tooltip open."""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser_pages import AXE_OPTIONS

pytestmark = pytest.mark.browser

PAGE = "staff/devices.html"
SCHEME_OF = {"light": "default", "dark": "slate"}


@pytest.fixture()
def fresh(browser: Any) -> Iterator[Callable[..., Any]]:
    """A page in a new context (no stored light/dark choice)."""
    contexts: list[Any] = []

    def make(size: str, scheme: str) -> Any:
        options = ({"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
                   if size == "phone" else {"viewport": {"width": 1280, "height": 800}})
        context = browser.new_context(color_scheme=scheme, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def scheme(page: Any) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize("device", ["light", "dark"])
def test_follows_the_device_and_the_button_switches(site: Any, fresh: Any, device: str, wait_until: Any) -> None:
    page = fresh("desktop", device)
    page.goto(site.url(PAGE))
    assert scheme(page) == SCHEME_OF[device], f"a {device} device got the {scheme(page)} scheme"
    toggle = page.locator("form[data-md-component='palette'] label:visible")
    assert toggle.count() == 1, "no light/dark button in the header"
    other = "dark" if device == "light" else "light"
    assert f"Switch to {other} mode" in (toggle.get_attribute("title") or "")
    toggle.click()
    wait_until(page, f"document.body.getAttribute('data-md-color-scheme') === {SCHEME_OF[other]!r}")
    page.reload()
    assert scheme(page) == SCHEME_OF[other], "the reader's choice was not kept"


def axe_report(page: Any) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS).response
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:4])
            for v in results["violations"]]


def open_search(page: Any, search: Any, wait_until: Any) -> None:
    search(page, "password")


def open_menu(page: Any, search: Any, wait_until: Any) -> None:
    page.locator("button.pp-header-button[data-pp-toggle='__drawer']").click()
    wait_until(page, "document.getElementById('__drawer').checked")
    page.wait_for_timeout(300)  # the drawer slides in


def open_tooltip(page: Any, search: Any, wait_until: Any) -> None:
    abbr = page.locator(".md-content article abbr").first
    abbr.focus()
    wait_until(page, "() => !!document.querySelector('.md-tooltip2--active')")


STATES = {"search": open_search, "menu": open_menu, "tooltip": open_tooltip}


@pytest.mark.parametrize("colours", ["light", "dark"])
@pytest.mark.parametrize("size, state", [("desktop", "search"), ("phone", "search"), ("phone", "menu"),
                                         ("desktop", "tooltip"), ("phone", "tooltip")])
def test_axe_with_things_open(site: Any, fresh: Any, search: Any, wait_until: Any, size: str, state: str, colours: str) -> None:
    page = fresh(size, colours)
    page.goto(site.url(PAGE))
    STATES[state](page, search, wait_until)
    report = axe_report(page)
    assert not report, f"{state} open, {size}, {colours}:\n" + "\n".join(report)
