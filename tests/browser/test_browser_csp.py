"""The kit's own site runs under its Content-Security-Policy: no page breaks a rule of it.

Every built page carries a CSP meta tag (inline script only by hash of the
theme's own scripts, no inline styles, nothing from other hosts) and a
referrer policy. Chromium reports each violation on the console and as a
`securitypolicyviolation` event; both are collected while every page loads and
while search (a web worker, a fetch of the index) runs.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

pytestmark = pytest.mark.browser

LISTEN = """() => { window.__violations = [];
  document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


@pytest.fixture()
def watched(new_context: Any) -> Iterator[tuple[Any, list[str]]]:
    context, guard = new_context("desktop", abort=True)
    context.add_init_script(f"({LISTEN})()")
    messages: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: messages.append(message.text))
    page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    yield page, messages
    assert guard.leaks == [], guard.leaks
    page.close()


def _violations(page: Any, messages: list[str]) -> list[str]:
    events = page.evaluate("window.__violations || []")
    console = [text for text in messages if "Content Security Policy" in text or "page error" in text]
    return events + console


def test_every_page_carries_the_policy_and_breaks_none_of_it(site: Any, watched: tuple[Any, list[str]]) -> None:
    page, messages = watched
    problems = []
    for rel in site.pages():
        messages.clear()
        page.goto(site.url(rel), wait_until="load")
        page.wait_for_timeout(150)  # the theme's scripts run after load
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        if policy.count() != 1:
            problems.append(f"{rel}: no Content-Security-Policy meta tag")
            continue
        if page.locator('meta[name="referrer"][content="no-referrer"]').count() != 1:
            problems.append(f"{rel}: no referrer policy")
        problems += [f"{rel}: {text}" for text in _violations(page, messages)]
    assert problems == []


def test_search_works_under_the_policy(site: Any, watched: tuple[Any, list[str]], search: Any) -> None:
    page, messages = watched
    page.goto(site.url("index.html"), wait_until="load")
    assert search(page, "password"), "search found nothing under the CSP"
    assert _violations(page, messages) == []


def test_an_inline_script_the_theme_did_not_write_is_blocked(site: Any, watched: tuple[Any, list[str]]) -> None:
    """Defence in depth: even injected into a page after the build, inline script does not run."""
    page, messages = watched
    html = (site.root / "index.html").read_text(encoding="utf-8").replace("</body>", "<script>window.__ran = 1</script></body>")
    page.route("**/index.html", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(site.url("index.html"), wait_until="load")
    assert page.evaluate("window.__ran === undefined")
    assert any("script-src" in text for text in _violations(page, messages))
