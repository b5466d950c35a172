"""Light and dark: the site follows the device, a button switches it, and axe finds nothing
with search results open, with the phone menu open and with a glossary tooltip open.

The switch is the kit's own (assets/javascripts/palette.js, run in the header before the
page is first drawn), not Material's palette component, whose start-up restyled the
whole page twice: these tests hold it to what Material's did, and a little more."""

from __future__ import annotations

from typing import Any, Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_browser_pages import AXE_OPTIONS

pytestmark = pytest.mark.browser

PAGE = "staff/devices.html"
SCHEME_OF = {"light": "default", "dark": "slate"}
TOGGLE = "form[data-pp-palette] label:visible"


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
    toggle = page.locator(TOGGLE)
    assert toggle.count() == 1, "no light/dark button in the header"
    other = "dark" if device == "light" else "light"
    assert f"Switch to {other} mode" in (toggle.get_attribute("title") or "")
    toggle.click()
    wait_until(page, f"document.body.getAttribute('data-md-color-scheme') === {SCHEME_OF[other]!r}")
    page.reload()
    assert scheme(page) == SCHEME_OF[other], "the reader's choice was not kept"


@pytest.mark.parametrize("device", ["light", "dark"])
def test_the_scheme_and_its_button_are_set_before_the_theme_script_runs(site: Any, fresh: Any, device: str) -> None:
    """No light flash on a dark device: the colours come before the theme's script (here it never loads)."""
    page = fresh("phone", device)
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(site.url("young-people/social-media.html"))
    assert scheme(page) == SCHEME_OF[device], f"before the theme's script, a {device} device got {scheme(page)}"
    other = "dark" if device == "light" else "light"
    assert page.locator(TOGGLE).count() == 1, "no light/dark button before the theme's script"
    assert page.locator(TOGGLE).get_attribute("title") == f"Switch to {other} mode"


def test_until_the_reader_chooses_the_page_follows_the_device(site: Any, fresh: Any, wait_until: Any) -> None:
    page = fresh("desktop", "light")
    page.goto(site.url(PAGE))
    page.emulate_media(color_scheme="dark")
    wait_until(page, "document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.locator(TOGGLE).get_attribute("title") == "Switch to light mode"
    page.locator(TOGGLE).click()
    wait_until(page, "document.body.getAttribute('data-md-color-scheme') === 'default'")
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_timeout(200)
    assert scheme(page) == "default", "the reader chose light, but the page followed the device"
    page.reload()
    assert scheme(page) == "default", "the reader's choice was not kept"


def test_the_switch_works_from_the_keyboard_and_sets_the_browser_colours(site: Any, fresh: Any, wait_until: Any) -> None:
    page = fresh("desktop", "light")
    page.goto(site.url(PAGE))
    wait_until(page, "!!document.querySelector('meta[name=theme-color]')")
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "light"
    page.focus("form[data-pp-palette] input:checked")
    page.keyboard.press("Enter")
    wait_until(page, "document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("document.activeElement.id") == "__palette_1", "focus did not stay on the switch"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    assert page.evaluate("/^#[0-9a-f]{6}$/.test(document.querySelector('meta[name=theme-color]').content)")
    wait_until(page, "!document.body.hasAttribute('data-md-color-switching')")
    page.keyboard.press("Enter")
    wait_until(page, "document.body.getAttribute('data-md-color-scheme') === 'default'")


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
