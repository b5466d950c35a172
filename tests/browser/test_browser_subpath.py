"""A published site under a sub-path (a GitHub project site, https://owner.github.io/policy/):
the 404 page is styled and its links work. (The sitemap: tests/test_placeholders.py.)"""

from __future__ import annotations

import functools
import http.server
import io
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest

from plainpolicy_testing import copy_project, mkdocs_build

pytestmark = pytest.mark.browser

SITE_URL = "https://owner.github.io/policy/"
PREFIX = "/policy/"


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /policy/ and answers a missing page with 404.html, as GitHub Pages does."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        return super().translate_path("/" + path[len(PREFIX):] if path.startswith(PREFIX) else "/__outside__")

    def send_head(self) -> Any:
        if not Path(self.translate_path(self.path)).exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def published(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The kit built with a site_url under a sub-path (as a preview: publish: false), served as GitHub Pages would."""
    tmp = tmp_path_factory.mktemp("subpath")
    project = copy_project(tmp / "kit", lambda c: c.replace("docs_dir: docs", f"site_url: {SITE_URL}\ndocs_dir: docs", 1)
                           .replace("  # publish: true ", "  publish: false ", 1))
    out = tmp / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_404_under_a_sub_path_is_styled_and_links_home(published: str, desktop: Any) -> None:
    page = desktop.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "no-such-page" not in r.url else None)
    response = page.goto(published + PREFIX + "staff/no-such-page/deeper.html")
    assert response is not None and response.status == 404
    assert failed == [], f"the 404 page could not load: {failed}"
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent"), "the 404 page has no styles"
    assert page.locator("#pp-report").count() == 1, "the 404 page has no report panel"
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_url(published + PREFIX + "**")
    assert page.locator("h1").count() == 1 and failed == []
    page.close()
