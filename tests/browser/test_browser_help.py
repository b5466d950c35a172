"""Help, fast: the "Report a concern" panel's links, help within three Tab presses, help at
the end of a long page on a phone, and the quick exit on young people's pages."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.browser

ALL_NATIONS = ["england", "wales", "scotland", "northern-ireland"]


def helplines_for(site: Any, voice: str) -> list[dict[str, Any]]:
    """The services mkdocs.yml lists for a voice's panel on a site for all four nations."""
    return [item for item in site.extra.get("helplines") or []
            if voice in (item.get("voices") or ["young-people", "staff"])]


def digits(number: str) -> str:
    return "".join(ch for ch in number if ch in "+0123456789")


def first_page(site: Any, voice: str) -> str:
    folder = site.voices[voice]
    return next(rel for rel in site.pages() if rel.startswith(folder + "/") and rel != f"{folder}/index.html")


@pytest.mark.parametrize("voice", ["young-people", "staff"])
def test_every_service_links_to_its_site_with_its_age_and_numbers(site: Any, desktop_page: Any, voice: str) -> None:
    """Every service: a link to its official site, the age it is for, each number a tel: or sms: link."""
    listed = helplines_for(site, voice)
    assert listed, f"mkdocs.yml lists no helplines for {voice}"
    desktop_page.goto(site.url(first_page(site, voice)))
    panel = desktop_page.locator("#pp-report")
    panel.locator("summary").click()
    problems = []
    for item in listed:
        entry = panel.locator(".pp-help__item", has=desktop_page.locator(".pp-help__name").filter(
            has_text=re.compile("^" + re.escape(item["name"]) + "$")))
        if entry.count() != 1:
            problems.append(f"{item['name']}: {entry.count()} entries in the {voice} panel")
            continue
        if item.get("url") and entry.locator(f".pp-help__name a[href='{item['url']}']").count() != 1:
            problems.append(f"{item['name']}: its name does not link to {item['url']}")
        if not item.get("ages") or item["ages"] not in entry.inner_text():
            problems.append(f"{item['name']}: does not say whom it is for ({item.get('ages')!r})")
        for number in item.get("phones") or []:
            if "[" in number["number"]:
                continue  # a placeholder: the publishing build stops on it (test_placeholders.py)
            if entry.locator(f"a[href='tel:{digits(number['number'])}']", has_text=number["number"]).count() != 1:
                problems.append(f"{item['name']}: {number['number']} is not a tel: link")
        if item.get("text") and entry.locator(f"a[href^='sms:{item['text']['number']}']").count() != 1:
            problems.append(f"{item['name']}: {item['text']['number']} is not an sms: link")
    # Any number shown anywhere in the panel is a link.
    text_numbers = set(re.findall(r"(?<![\w/])(\d{3}(?: \d{3,4})?|0\d{3} \d{4})(?![\w])", panel.inner_text()))
    linked = set(panel.locator("a[href^='tel:'], a[href^='sms:']").all_inner_texts())
    problems += [f"{number} is shown but not a link" for number in sorted(text_numbers - linked)]
    assert not problems, f"{voice} panel:\n" + "\n".join(problems)


def test_young_people_panel_has_a_route_for_every_age(site: Any, desktop_page: Any) -> None:
    """11 to 25: besides the under-18 and under-19 services, services for any age (adults too)."""
    listed = helplines_for(site, "young-people")
    any_age = [item["name"] for item in listed if "any age" in str(item.get("ages", "")).lower()]
    children = [item["name"] for item in listed if "under" in str(item.get("ages", "")).lower()]
    assert children and len(any_age) >= 2, f"young people's panel: under-18/19 {children}, any age {any_age}"
    desktop_page.goto(site.url(first_page(site, "young-people")))
    desktop_page.locator("#pp-report summary").click()
    text = site.normalise(desktop_page.locator("#pp-report").inner_text())
    assert "18 or older" in text, "the young people's panel does not tell adults (18-25) where to go"
    for name in any_age:
        assert name in text, f"{name} (any age) is missing from the young people's panel"


def focus_path(page: Any, presses: int) -> list[dict[str, Any]]:
    """Press Tab `presses` times from the top of the page; what had focus after each press."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => {
            const el = document.activeElement
            return {href: el.getAttribute('href'), inPanel: !!el.closest('#pp-report'),
                    text: (el.innerText || '').trim().slice(0, 60), visible: el.getBoundingClientRect().height > 0}
        }"""))
    return seen


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_help_within_three_tab_presses(site: Any, size: str, request: pytest.FixtureRequest, wait_until: Any) -> None:
    """From a fresh page load, one of the first three Tab stops leads to the panel, and it opens it."""
    page = request.getfixturevalue(f"{size}_page")
    problems = []
    for rel in ["index.html", first_page(site, "staff"), first_page(site, "young-people")]:
        page.goto(site.url(rel))
        path = focus_path(page, 3)
        hit = next((i for i, stop in enumerate(path) if stop["href"] == "#pp-report" or stop["inPanel"]), None)
        if hit is None:
            problems.append(f"{rel}: the first three Tab stops are {[s['text'] for s in path]}")
            continue
        if not path[hit]["visible"]:
            problems.append(f"{rel}: the help link has focus but cannot be seen")
        if path[hit]["href"] == "#pp-report":
            page.goto(site.url(rel))
            focus_path(page, hit + 1)
            page.keyboard.press("Enter")
            wait_until(page, "document.activeElement.closest('#pp-report') !== null")
            if not page.locator("#pp-report details").evaluate("d => d.open"):
                problems.append(f"{rel}: following the help link does not open the panel")
    assert not problems, "\n".join(problems)


def test_skip_to_content_does_not_skip_the_panel(site: Any, desktop_page: Any) -> None:
    """After "Skip to content", the next Tab stops reach the panel before the page's text."""
    rel = first_page(site, "staff")
    desktop_page.goto(site.url(rel))
    desktop_page.keyboard.press("Tab")
    assert "Skip to content" in desktop_page.evaluate("document.activeElement.innerText")
    desktop_page.keyboard.press("Enter")
    path = focus_path(desktop_page, 2)  # the voice link, then the panel
    assert any(stop["inPanel"] for stop in path), f"{rel}: after skipping, Tab went to {[s['text'] for s in path]}"


def test_help_at_the_end_of_a_long_page_on_a_phone(site: Any, phone_page: Any, wait_until: Any) -> None:
    """Scrolled to the very end of the longest page, a phone reader sees a link back to help that opens it."""
    sizes = {rel: (site.root / rel).stat().st_size for rel in site.pages() if rel.startswith(site.voices["staff"] + "/")}
    rel = max(sizes, key=sizes.get)
    phone_page.goto(site.url(rel))
    phone_page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_until(phone_page, "window.scrollY > 1000")
    links = phone_page.locator(".pp-report-again a[href='#pp-report']")
    assert links.count() == 1, f"{rel}: no link back to help at the end of the page"
    assert links.first.is_visible()
    box = links.first.bounding_box()
    assert box and 0 <= box["y"] < phone_page.viewport_size["height"], f"{rel}: the link is not on the last screen ({box})"
    assert phone_page.locator(".pp-report-again a[href='tel:999']").count() == 1
    links.first.click()
    wait_until(phone_page, "document.querySelector('#pp-report details').open")
    top = phone_page.locator("#pp-report").bounding_box()
    assert top and top["y"] < phone_page.viewport_size["height"], "the panel is not scrolled into view"


def test_quick_exit_leaves_and_replaces_history(site: Any, new_context: Any) -> None:
    """Young people's pages: Tab to "Leave this site quickly", press Enter; Back does not return."""
    context, guard = new_context("phone", abort=False)
    neutral = site.extra["quick_exit"]["url"]
    context.route(neutral.rstrip("/") + "**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>"))
    page = context.new_page()
    home = site.url("index.html")
    young = site.url(first_page(site, "young-people"))
    page.goto(home)
    page.goto(young)
    path = focus_path(page, 3)
    assert any(stop["href"] == neutral for stop in path), f"the quick exit is not among the first Tab stops: {path}"
    while page.evaluate("document.activeElement.getAttribute('href')") != neutral:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(neutral.rstrip("/") + "**")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == home, f"Back went to {page.url}: the young people's page stayed in the history"
    page.close()

    staff = context.new_page()
    staff.goto(site.url(first_page(site, "staff")))
    assert staff.locator("[data-pp-exit]").count() == 0, "staff pages should not have a quick exit"
    staff.close()
