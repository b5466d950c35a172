"""Real-browser tests: build the site once, serve it on 127.0.0.1, drive Debian's chromium.

One browser per session. Two shared contexts (desktop 1280x800, phone 390x844)
are reused by tests that only read pages; a test that needs a clean slate opens
its own context. Chromium cannot resolve any host name (--host-resolver-rules),
and every context records requests that would leave 127.0.0.1.

Environment:
  PLAINPOLICY_REQUIRE_BROWSER=1  no /usr/bin/chromium is a failure, not a skip (CI sets it).
  PLAINPOLICY_SITE_DIR=PATH      test a site already built there instead of building one
                                 (for quick local runs; CI never sets it).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# The link text the theme uses for a partner page, by the partner's voice.
VOICE_LINK_TEXT = {
    "young-people": "Read the young people's version",
    "staff": "Read the staff version",
}


def normalise(text: str) -> str:
    """Collapse whitespace, and curly apostrophes, so texts compare as a reader sees them."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it uses MkDocs' !ENV or !relative tags (their values are not needed)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\s*\n(.*?)\n---\s*\n", text, re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


@dataclass
class Site:
    """The built site and what the tests need to know about it."""

    root: Path
    config: dict[str, Any]
    normalise = staticmethod(normalise)
    front_matter = staticmethod(_front_matter)
    voice_link_text = VOICE_LINK_TEXT
    base_url: str = ""
    voices: dict[str, str] = field(default_factory=dict)  # voice -> folder

    @property
    def docs(self) -> Path:
        return REPO / self.config.get("docs_dir", "docs")

    @property
    def extra(self) -> dict[str, Any]:
        return self.config.get("extra") or {}

    def plugin_config(self, name: str) -> dict[str, Any]:
        for entry in self.config.get("plugins") or []:
            if isinstance(entry, dict) and name in entry:
                return entry[name] or {}
        return {}

    def pages(self) -> list[str]:
        """Every HTML page of the built site, as paths relative to its root.

        With the offline plugin MkDocs writes staff/devices.html rather than
        staff/devices/index.html, so this takes every *.html file. 404.html is
        kept: it is a page a reader can land on, and it carries the report panel.
        Material's own assets hold no pages.
        """
        found = [
            path.relative_to(self.root).as_posix()
            for path in self.root.rglob("*.html")
            if path.relative_to(self.root).parts[0] != "assets"
        ]
        return sorted(found)

    def url(self, rel: str) -> str:
        return self.base_url + rel

    def source_of(self, rel: str) -> Path | None:
        """The Markdown file a page was built from, if it is in docs/ (generated pages are not)."""
        stem = rel[: -len(".html")]
        candidates = [stem + ".md"]
        if stem == "index" or stem.endswith("/index"):
            candidates.append(stem[: -len("index")] + "README.md")
        else:
            candidates.append(stem + "/index.md")
        for candidate in candidates:
            path = self.docs / candidate
            if path.is_file():
                return path
        return None

    def voice_of(self, rel: str) -> str | None:
        """The voice a page is written in: its front matter's `voice`, else its folder."""
        source = self.source_of(rel)
        if source is not None:
            voice = _front_matter(source).get("voice")
            if voice:
                return str(voice)
        top = rel.split("/", 1)[0]
        return next((voice for voice, folder in self.voices.items() if folder == top), None)

    def pairs(self) -> list[tuple[str, str, str]]:
        """(page, partner page, partner's voice) for every page whose file name exists in another voice."""
        pages = set(self.pages())
        found = []
        for rel in sorted(pages):
            for voice, folder in self.voices.items():
                if not rel.startswith(folder + "/"):
                    continue
                name = rel[len(folder) + 1 :]
                for other, other_folder in self.voices.items():
                    if other != voice and f"{other_folder}/{name}" in pages:
                        found.append((rel, f"{other_folder}/{name}", other))
        return found

    def glossary(self) -> list[dict[str, Any]]:
        name = self.plugin_config("plainpolicy").get("glossary", "glossary.yml")
        data = yaml.safe_load((self.docs / name).read_text(encoding="utf-8")) or {}
        return list(data.get("terms") or [])

    def search_index(self) -> list[dict[str, Any]]:
        data = json.loads((self.root / "search" / "search_index.json").read_text(encoding="utf-8"))
        return list(data["docs"])


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium, or a skip (a failure when PLAINPOLICY_REQUIRE_BROWSER=1)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install it with `apt-get install -y chromium` to run the browser tests"
        if os.environ.get("PLAINPOLICY_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (PLAINPOLICY_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def site_dir(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with the repository's mkdocs.yml, strictly."""
    prebuilt = os.environ.get("PLAINPOLICY_SITE_DIR")
    if prebuilt:
        return Path(prebuilt).resolve()
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "-f", str(REPO / "mkdocs.yml"), "-d", str(out)]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"`mkdocs build --strict` failed ({result.returncode}):\n"
                    f"{result.stderr[-4000:]}", pytrace=False)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[Site]:
    """The built site, served on 127.0.0.1 on a free port."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    built = Site(root=site_dir, config=config, base_url=f"http://127.0.0.1:{server.server_address[1]}/")
    voices = built.plugin_config("plainpolicy").get("voices") or {}
    built.voices = {str(name): str((cfg or {}).get("folder", name)) for name, cfg in voices.items()}
    built.voices = built.voices or {"staff": "staff", "young-people": "young-people"}
    try:
        yield built
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    """True for requests that stay on this machine: the test server, files, inline data."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file", "chrome-error"):
        return True
    return parts.hostname == "127.0.0.1"


class NetworkGuard:
    """Records every request that would leave 127.0.0.1 and, if asked, aborts it.

    Aborting means routing every request through Playwright, which slows each
    page down; the shared contexts only record (chromium cannot resolve any
    host name anyway), the privacy test's own context routes too.
    """

    def __init__(self) -> None:
        self.leaks: list[str] = []

    def attach(self, context: Any, abort: bool) -> None:
        context.on("request", self._seen)
        if abort:
            context.route("**/*", self._route)

    def _seen(self, request: Any) -> None:
        if not is_local(request.url):
            self.leaks.append(request.url)

    def _route(self, route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def new_context(browser: Any) -> Iterator[Any]:
    """Factory: a guarded context at desktop or phone size. Closed at the end of the session."""
    made: list[Any] = []

    def make(size: str = "desktop", abort: bool = True) -> tuple[Any, NetworkGuard]:
        if size == "phone":
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        else:
            context = browser.new_context(viewport=DESKTOP)
        context.set_default_timeout(10_000)
        guard = NetworkGuard()
        guard.attach(context, abort)
        made.append(context)
        return context, guard

    yield make
    for context in made:
        context.close()


@pytest.fixture(scope="session")
def desktop(new_context: Any) -> Any:
    """A shared desktop context for tests that only read pages."""
    return new_context("desktop", abort=False)[0]


@pytest.fixture(scope="session")
def phone(new_context: Any) -> Any:
    """A shared phone context for tests that only read pages."""
    return new_context("phone", abort=False)[0]


@pytest.fixture()
def desktop_page(desktop: Any) -> Iterator[Any]:
    page = desktop.new_page()
    yield page
    page.close()


@pytest.fixture()
def phone_page(phone: Any) -> Iterator[Any]:
    page = phone.new_page()
    yield page
    page.close()


def run_search(page: Any, query: str) -> list[str]:
    """Type a query into Material's search and return the pages it links to (absolute URLs)."""
    box = page.locator(".md-search__input")
    # On a phone the search box (there, but under the header) opens from the header's search button.
    opener = page.locator(".md-header__button[data-pp-toggle='__search']:visible, label.md-header__button[for='__search']:visible")
    if opener.count():
        opener.first.click()
    box.click()
    box.press_sequentially(query, delay=20)  # Material searches on keyup: fill() alone does nothing
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    # search.highlight adds ?h=query; the page is what counts.
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    return [re.split(r"[?#]", href, maxsplit=1)[0] for href in hrefs]


@pytest.fixture()
def search() -> Any:
    """run_search(page, query): tests get it as a fixture (a conftest is not importable)."""
    return run_search


def wait_until_true(page: Any, expression: str, seconds: float = 15.0) -> None:
    """Wait until a JavaScript expression is true in the page.

    Playwright's wait_for_function compiles a string predicate with eval inside the page
    when it has to poll, and the site's Content-Security-Policy (rightly) forbids eval:
    whether it polled depended on timing, so tests failed at random. page.evaluate runs
    through the browser's debugging protocol, which the policy does not govern."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {seconds:g} s: {expression}")
        page.wait_for_timeout(50)


@pytest.fixture()
def wait_until() -> Any:
    """wait_until(page, expression): wait_until_true as a fixture (a conftest is not importable)."""
    return wait_until_true
