"""Every built page, in a real browser: report panel, voice links, privacy, accessibility."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def report_expectations(site: Any, voice: str | None) -> tuple[list[str], list[str]]:
    """Texts the report panel must show, and texts it must not, for a page in this voice."""
    extra = site.extra
    org = extra.get("organisation") or {}
    emergency = extra.get("emergency") or {}
    young = voice == "young-people"
    must = [org.get("name")]
    for who in (org.get("safeguarding_lead"), org.get("deputy")):
        who = who or {}
        must += [who.get("role"), who.get("name"), who.get("phone"), who.get("email")]
    def names(voice: str) -> set[str]:
        return {item["name"] for item in extra.get("helplines") or []
                if voice in (item.get("voices") or ["young-people", "staff"]) and not item.get("nations")}
    young_only = sorted(names("young-people") - names("staff"))
    staff_only = sorted(names("staff") - names("young-people"))
    if young:
        must += [emergency.get("young_people"), *young_only]
        must_not = [emergency.get("staff"), *staff_only]
    else:
        must += [emergency.get("staff"), org.get("out_of_hours"), *staff_only]
        must_not = [emergency.get("young_people"), *young_only]
    clean = lambda texts: [site.normalise(str(t)) for t in texts if t]  # noqa: E731
    must = clean(must)
    # "Internet Watch Foundation" (staff) is part of "Report Remove (Childline and the Internet Watch Foundation)".
    return must, [text for text in clean(must_not) if not any(text in shown for shown in must)]


def test_report_panel_on_every_page(site: Any, phone_page: Any) -> None:
    """On a phone, every page shows the panel on its first screen, with the right voice's contacts.

    Young people's pages (their folder, or `voice: young-people` in front matter)
    get the young people's emergency text and Childline; the others the staff text.
    """
    pages = site.pages()
    assert pages, "the built site has no pages"
    assert (site.extra.get("organisation") or {}).get("name"), "mkdocs.yml has no extra.organisation.name"
    contacts = [c.get("name") for c in site.extra.get("helplines") or []]
    assert "Childline" in contacts, "mkdocs.yml extra.helplines should list Childline"
    assert any(site.voice_of(rel) == "young-people" for rel in pages), "no young people's pages were built"
    problems = []
    for rel in pages:
        phone_page.goto(site.url(rel), wait_until="domcontentloaded")  # the panel is plain HTML
        panel = phone_page.locator("section.pp-report")
        if panel.count() != 1:
            problems.append(f"{rel}: {panel.count()} report panels")
            continue
        summary = panel.locator("summary")
        box = summary.bounding_box()
        if not box or box["y"] + box["height"] > phone_page.viewport_size["height"]:
            problems.append(f"{rel}: the report panel is not on the first screen ({box})")
        if "Report a concern" not in summary.inner_text():
            problems.append(f"{rel}: the panel's summary does not say 'Report a concern'")
        if not panel.locator("details").evaluate("d => d.open"):  # open from the start on reporting pages
            summary.click()
        if not panel.locator("details").evaluate("d => d.open"):
            problems.append(f"{rel}: the panel does not open")
        text = site.normalise(panel.inner_text())
        must, must_not = report_expectations(site, site.voice_of(rel))
        problems += [f"{rel}: panel lacks {t!r}" for t in must if t not in text]
        problems += [f"{rel}: panel shows the other voice's {t!r}" for t in must_not if t in text]
    assert not problems, "\n".join(problems)


def test_policy_pages_show_review_dates(site: Any, desktop_page: Any) -> None:
    """Pages with `reviewed:` in their front matter show both dates (from the plugin) at the end."""
    reviewed = [rel for rel in site.pages()
                if (source := site.source_of(rel)) and "reviewed" in site.front_matter(source)]
    assert reviewed, "no page has a `reviewed` date"
    problems = []
    for rel in reviewed:
        desktop_page.goto(site.url(rel), wait_until="domcontentloaded")
        review = desktop_page.locator("article dl.pp-review")
        if review.count() != 1:
            problems.append(f"{rel}: no review dates")
            continue
        text = site.normalise(review.inner_text())
        date = str(site.front_matter(site.source_of(rel))["reviewed"])
        stamped = review.locator("time").first.get_attribute("datetime")
        if "Last reviewed" not in text or "Next review due" not in text or stamped != date:
            problems.append(f"{rel}: review dates read {text!r} (reviewed {date}, first <time> {stamped})")
    assert not problems, "\n".join(problems)


def test_voice_link_goes_to_the_partner_page(site: Any, desktop_page: Any) -> None:
    pairs = site.pairs()
    assert pairs, "no page exists in both voices"
    problems = []
    for rel, partner, partner_voice in pairs:
        desktop_page.goto(site.url(rel), wait_until="domcontentloaded")
        link = desktop_page.locator(".pp-voice a", has_text=site.voice_link_text[partner_voice])
        if link.count() != 1:
            problems.append(f"{rel}: {link.count()} links saying {site.voice_link_text[partner_voice]!r}")
            continue
        target = urljoin(desktop_page.url, link.get_attribute("href"))
        if target != site.url(partner):
            problems.append(f"{rel}: the voice link goes to {target}, not {partner}")
    assert not problems, "\n".join(problems)

    # Follow one link as a reader would, and come back.
    rel, partner, partner_voice = next(
        (pair for pair in pairs if pair[0] == "staff/devices.html"), pairs[0])
    desktop_page.goto(site.url(rel))
    desktop_page.get_by_role("link", name=site.voice_link_text[partner_voice]).click()
    desktop_page.wait_for_url(site.url(partner))
    back_voice = site.voice_of(rel)
    desktop_page.get_by_role("link", name=site.voice_link_text[back_voice]).click()
    desktop_page.wait_for_url(site.url(rel))


def test_no_request_leaves_the_machine(site: Any, new_context: Any) -> None:
    context, guard = new_context("desktop", abort=True)
    page = context.new_page()
    for rel in site.pages():
        page.goto(site.url(rel), wait_until="load")
    # Exercise the parts that load things after the page: search and a tooltip.
    page.goto(site.url(site.pages()[0]))
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("phone")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    page.close()
    assert guard.leaks == [], f"third-party requests: {sorted(set(guard.leaks))}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_axe_finds_no_violations(site: Any, size: str, scheme: str, request: pytest.FixtureRequest) -> None:
    """Every page at 1280 and 390 wide, in the light and the dark scheme (the device's setting)."""
    page = request.getfixturevalue(f"{size}_page")
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    report = []
    for rel in site.pages():
        page.goto(site.url(rel))
        # Check the report panel's contents too: axe skips what a closed <details> hides.
        page.evaluate("document.querySelectorAll('details.pp-report__details').forEach(d => d.open = true)")
        results = axe.run(page, options=AXE_OPTIONS).response
        for violation in results["violations"]:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            report.append(f"{rel}: {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}")
    assert not report, f"axe violations at {size} width, {scheme} scheme:\n" + "\n".join(report)
