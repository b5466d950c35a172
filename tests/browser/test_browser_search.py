"""Search, served over HTTP and opened straight from the disk (file://, the offline build)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def pages_in_index(site: Any) -> dict[str, dict[str, Any]]:
    """Search index entries for whole pages (not sections), by location."""
    return {doc["location"]: doc for doc in site.search_index() if "#" not in doc["location"]}


def rarest_glossary_term(site: Any) -> str:
    """The glossary term found on the fewest pages: its glossary entry should rank well."""
    pages = pages_in_index(site)
    counts = []
    for entry in site.glossary():
        term = str(entry["term"])
        hits = sum(term.lower() in (doc["title"] + " " + doc["text"]).lower() for doc in pages.values())
        if hits:
            counts.append((hits, term))
    assert counts, "no glossary term appears in the search index"
    return min(counts)[1]


def a_policy_page(site: Any) -> tuple[str, str]:
    """(location, title) of a staff policy page: devices if it exists, else the first topic page."""
    folder = site.voices.get("staff", "staff")
    pages = pages_in_index(site)
    topics = sorted(loc for loc in pages if loc.startswith(folder + "/") and not loc.endswith(
        ("index.html", "glossary.html", "conversation-prompts.html")) and loc.endswith(".html"))
    assert topics, "no staff policy page in the search index"
    location = f"{folder}/devices.html" if f"{folder}/devices.html" in topics else topics[0]
    return location, pages[location]["title"]


def test_search_finds_a_glossary_term_and_a_policy_page(site: Any, desktop_page: Any, search: Any) -> None:
    term = rarest_glossary_term(site)
    desktop_page.goto(site.url("index.html"))
    results = search(desktop_page, term)
    assert any(url.endswith("glossary.html") for url in results), \
        f"searching {term!r} found no glossary page: {results}"

    location, title = a_policy_page(site)
    desktop_page.goto(site.url("index.html"))
    results = search(desktop_page, title)
    assert site.url(location) in results, f"searching {title!r} did not find {location}: {results}"


def test_offline_build_searches_from_file_url(site: Any, new_context: Any, search: Any) -> None:
    """The offline plugin's build, opened from the disk: the vendored shim runs search without a server."""
    context, guard = new_context("desktop")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site.root / "index.html").as_uri())
    location, title = a_policy_page(site)
    results = search(page, title)
    assert (site.root / location).as_uri() in results, f"{title!r} from file:// found {results}"
    page.close()
    assert not errors, f"script errors from file://: {errors}"
    assert guard.leaks == [], f"third-party requests from file://: {guard.leaks}"
