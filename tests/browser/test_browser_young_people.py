"""The young people's version, in a real browser: its own look, its own menu first, its own search."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

PRIVATE = ("contributing/", "maintainers/")


def yp(site: Any) -> str:
    return site.voices["young-people"]


def style(page: Any, selector: str, prop: str) -> str:
    return page.eval_on_selector(selector, f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def test_young_people_pages_have_their_own_look(site: Any, desktop_page: Any) -> None:
    looks = {}
    for voice in ("staff", "young-people"):
        desktop_page.goto(site.url(f"{site.voices[voice]}/passwords.html"))
        looks[voice] = {
            "header": style(desktop_page, ".md-header", "background-color"),
            "heading": style(desktop_page, ".md-content h2", "color"),
            "talk": float(style(desktop_page, ".md-content .admonition.question", "font-size")[:-2]),
            "pictures": desktop_page.locator(".md-content .pp-picture svg").count(),
        }
    assert looks["young-people"]["header"] != looks["staff"]["header"]
    assert looks["young-people"]["heading"] != looks["staff"]["heading"]
    assert looks["young-people"]["talk"] >= 1.3 * looks["staff"]["talk"]  # "Talk about it" is larger
    assert looks["young-people"]["pictures"] == 1 and looks["staff"]["pictures"] == 0
    # The home page is everyone's (though written plainly enough for young people): the usual look.
    desktop_page.goto(site.url("index.html"))
    assert style(desktop_page, ".md-header", "background-color") == looks["staff"]["header"]
    assert desktop_page.locator(".pp-picture").count() == 0
    # The picture is decoration: hidden from screen readers.
    desktop_page.goto(site.url(f"{yp(site)}/passwords.html"))
    assert desktop_page.get_attribute(".pp-picture", "aria-hidden") == "true"


def test_every_young_people_page_has_a_picture(site: Any) -> None:
    pages = [rel for rel in site.pages() if rel.startswith(yp(site) + "/")]
    missing = [rel for rel in pages if 'class="pp-picture"' not in (site.root / rel).read_text(encoding="utf-8")]
    assert pages and missing == []


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_their_menu_comes_first_in_their_version(site: Any, size: str, request: pytest.FixtureRequest) -> None:
    page = request.getfixturevalue(f"{size}_page")
    first = {}
    for voice in ("staff", "young-people"):
        page.goto(site.url(f"{site.voices[voice]}/devices.html"))
        first[voice] = page.eval_on_selector(
            ".md-nav--primary > .md-nav__list > .md-nav__item--nested > nav", "nav => nav.getAttribute('aria-label')"
        )
    assert first == {"staff": "Staff", "young-people": "Young people"}


def test_labels_on_their_index_match_the_page_titles(site: Any, desktop_page: Any) -> None:
    desktop_page.goto(site.url(f"{yp(site)}/index.html"))
    links = desktop_page.eval_on_selector_all(
        ".md-content li > a:first-child", "links => links.map(a => [a.textContent.trim(), a.href])"
    )
    assert len(links) >= 15
    for label, href in links:
        desktop_page.goto(href)
        assert site.normalise(desktop_page.inner_text(".md-content h1")) == site.normalise(label), href


def test_tabs_say_which_version_a_page_is(site: Any, desktop_page: Any) -> None:
    desktop_page.goto(site.url(f"{yp(site)}/passwords.html"))
    young = desktop_page.title()
    desktop_page.goto(site.url("staff/passwords.html"))
    staff = desktop_page.title()
    assert young.startswith("Passwords and accounts · Young people")
    assert staff.startswith("Passwords and accounts · Staff and volunteers")


def results(page: Any, query: str) -> list[tuple[str, str]]:
    box = page.locator(".md-search__input")
    # On a phone the search box opens from the header's search button (a real button: see header.html).
    toggle = page.locator(".md-header__button[data-pp-toggle='__search']:visible, label.md-header__button[for='__search']:visible")
    if toggle.count():
        toggle.first.click()
    box.click()
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_timeout(300)  # let the result list settle (it is re-ordered as it fills)
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "links => links.map(a => [a.href.split(/[?#]/)[0], a.querySelector('h1') ? a.querySelector('h1').textContent.trim() : ''])",
    )


def search_from(context: Any, url: str, query: str) -> list[tuple[str, str]]:
    """Search from a fresh tab on this page (a tab whose search was used keeps its box open)."""
    page = context.new_page()
    try:
        page.goto(url)
        return results(page, query)
    finally:
        page.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_search_serves_the_readers_voice(site: Any, size: str, request: pytest.FixtureRequest) -> None:
    context = request.getfixturevalue(size)
    start = site.url(f"{yp(site)}/index.html")
    found = search_from(context, start, "password")
    where = [href[len(site.base_url):] for href, _ in found]
    assert where and where[0].startswith(yp(site) + "/"), where
    own = [rel.startswith(yp(site) + "/") for rel in where]
    assert own == sorted(own, reverse=True), f"a staff page before a young people's page: {where}"
    titles = dict(found)
    assert titles.get(site.url(f"{yp(site)}/passwords.html"), "").endswith("· Young people")

    for query in ("checks", "glossary term"):
        hrefs = [href[len(site.base_url):] for href, _ in search_from(context, start, query)]
        assert not [rel for rel in hrefs if rel.startswith(PRIVATE)], f"{query!r}: {hrefs}"

    # From a staff page, the contributors' guide is still found.
    hrefs = [href[len(site.base_url):] for href, _ in search_from(context, site.url("staff/index.html"), "checks")]
    assert any(rel.startswith("contributing/") for rel in hrefs), hrefs


def test_maintainers_pages_are_off_the_menu_but_reachable(site: Any, desktop_page: Any) -> None:
    for rel in site.pages():
        html = (site.root / rel).read_text(encoding="utf-8")
        menu = html[html.find('md-nav--primary'):html.find('md-sidebar--secondary')]
        assert "readability-report.html" not in menu and "performance.html" not in menu, rel
        assert "how-the-site-serves-each-reader.html" not in menu, rel
    desktop_page.goto(site.url("contributing/index.html"))
    for name in ("readability-report.html", "performance.html", "how-the-site-serves-each-reader.html"):
        link = desktop_page.locator(f".md-content a[href$='{name}']")
        assert link.count() == 1
        response = desktop_page.request.get(urljoin(desktop_page.url, link.get_attribute("href")))
        assert response.ok
    assert re.search(r"Readability report", desktop_page.inner_text(".md-content"))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_their_colours_pass_axe_in_the_dark_scheme_too(site: Any, size: str, request: pytest.FixtureRequest) -> None:
    """The light scheme is checked on every page by test_browser_pages; here the young people's
    colours on Material's dark (slate) scheme, which the site's scheme toggle switches to.
    The voice switch and the report panel are left to the dark-mode work that owns them."""
    from axe_playwright_python.sync_playwright import Axe

    page = request.getfixturevalue(f"{size}_page")
    axe = Axe()
    report = []
    # The device asks for dark (the site follows it): set before the page loads, so no
    # colour is caught half-way through the theme's transition.
    page.emulate_media(color_scheme="dark")
    page.goto(site.url(f"{yp(site)}/index.html"))
    page.evaluate("localStorage.clear()")  # a scheme chosen with the toggle in an earlier test wins over the device
    try:
        for name in ("index.html", "passwords.html", "reporting.html", "glossary.html"):
            page.goto(site.url(f"{yp(site)}/{name}"))
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
            results = axe.run(page, context={"exclude": [[".pp-voice"], [".pp-report"]]}, options={"runOnly": {"type": "tag", "values": ["wcag2aa", "wcag21aa"]}, "resultTypes": ["violations"]}).response
            report += [f"{name}: {v['id']}: {' '.join(v['nodes'][0]['target'])}: {v['nodes'][0].get('failureSummary', '')[:300]}" for v in results["violations"]]
    finally:
        page.emulate_media(color_scheme="light")
    assert report == []
