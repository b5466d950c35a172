"""Page speed on a phone: Lighthouse (mobile) on the built site, served behind gzip as a static host serves it.

On the home page, a young people's topic, a staff topic and the young people's
index: accessibility, best practices and SEO 100, text sent compressed, and no
request off the machine. The performance score (the target is 90 or more) is a
timing: it moves with how busy the machine is, so, like every speed figure of the
project, it is measured by hand with lighthouse_runner.py (medians of several runs)
and reported in docs/maintainers/performance.md, never asserted in a test.

Lighthouse comes from npm (PLAINPOLICY_LIGHTHOUSE, see lighthouse_runner.py).
Without it the test is skipped; with PLAINPOLICY_REQUIRE_BROWSER=1 (CI, which
installs it) that is a failure. Nothing leaves the machine: see lighthouse_runner.py,
and the tests below that prove the server compresses and the Node.js guard stops
a connection.
"""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import socket
import struct
import subprocess
from pathlib import Path
from typing import Iterator

import pytest
from gzip_server import serving
from lighthouse_runner import (
    NO_NETWORK,
    PAGES,
    LighthouseError,
    Result,
    find_lighthouse,
    run_lighthouse,
)

pytestmark = pytest.mark.browser

PERFECT = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="session")
def lighthouse() -> list[str]:
    """The command that starts Lighthouse, or a skip (a failure when PLAINPOLICY_REQUIRE_BROWSER=1)."""
    command = find_lighthouse()
    if command is None:
        given = os.environ.get("PLAINPOLICY_LIGHTHOUSE")
        where = f"PLAINPOLICY_LIGHTHOUSE={given} holds no Lighthouse" if given else "Lighthouse not found"
        message = (f"{where}: install it with `npm install --prefix build/lighthouse lighthouse@12.8.2` "
                   "and set PLAINPOLICY_LIGHTHOUSE=build/lighthouse (.ci/run does this)")
        if os.environ.get("PLAINPOLICY_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (PLAINPOLICY_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(message)
    return command


@pytest.fixture(scope="module")
def gzip_site(site_dir: Path) -> Iterator[str]:
    """The built site behind the gzip server; its base URL."""
    with serving(site_dir) as base:
        yield base


def _get(base: str, path: str, gzip_ok: bool = True) -> http.client.HTTPResponse:
    host, port = base.split("//", 1)[1].rstrip("/").split(":")
    connection = http.client.HTTPConnection(host, int(port))
    connection.request("GET", path, headers={"Accept-Encoding": "gzip, deflate, br"} if gzip_ok else {})
    return connection.getresponse()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/young-people/social-media.html", "text/html; charset=utf-8"),
        ("/stylesheets/site.css", "text/css; charset=utf-8"),
        ("/assets/javascripts/help.js", "text/javascript; charset=utf-8"),
        ("/search/search_index.json", "application/json; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
    ],
)
def test_the_server_sends_text_compressed_like_a_static_host(site_dir: Path, gzip_site: str, path: str, kind: str) -> None:
    response = _get(gzip_site, path)
    body = response.read()
    assert response.status == 200
    assert response.getheader("Content-Type") == kind
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Vary") == "Accept-Encoding"
    assert response.getheader("Cache-Control") == "max-age=600"
    assert gzip.decompress(body) == (site_dir / path.lstrip("/")).read_bytes()
    plain = _get(gzip_site, path, gzip_ok=False)
    assert plain.getheader("Content-Encoding") is None
    assert plain.read() == (site_dir / path.lstrip("/")).read_bytes()


def test_the_server_answers_folders_pictures_and_missing_pages_as_a_host_does(site_dir: Path, gzip_site: str) -> None:
    folder = _get(gzip_site, "/young-people")
    folder.read()
    assert (folder.status, folder.getheader("Location")) == (301, "/young-people/")
    index = _get(gzip_site, "/young-people/", gzip_ok=False)
    assert index.read() == (site_dir / "young-people" / "index.html").read_bytes()
    picture = _get(gzip_site, "/assets/images/favicon.png")
    assert (picture.getheader("Content-Type"), picture.getheader("Content-Encoding")) == ("image/png", None)
    assert picture.read() == (site_dir / "assets" / "images" / "favicon.png").read_bytes()
    missing = _get(gzip_site, "/no-such-page.html", gzip_ok=False)
    assert missing.status == 404
    assert missing.read() == (site_dir / "404.html").read_bytes()
    outside = _get(gzip_site, "/../../etc/passwd", gzip_ok=False)
    assert outside.status == 404


def test_a_dropped_connection_is_not_reported_as_an_error(gzip_site: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Chromium resets kept-alive connections; the server must not print a traceback for each (noise in measurements)."""
    host, port = gzip_site.split("//", 1)[1].rstrip("/").split(":")
    dropped = socket.create_connection((host, int(port)))
    dropped.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # half a request, then a reset
    dropped.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    dropped.close()
    response = _get(gzip_site, "/", gzip_ok=False)
    response.read()
    assert response.status == 200
    assert "Traceback" not in capsys.readouterr().err


def test_the_node_guard_stops_a_connection_off_the_machine(lighthouse: list[str], gzip_site: str) -> None:
    """Lighthouse runs in Node.js with tests/offline/no-network.cjs: prove it stops a connection and lets loopback through."""
    node = shutil.which("node")
    assert node, "Lighthouse is installed but node is not on PATH"
    env = dict(os.environ, NODE_OPTIONS=f"--require {NO_NETWORK}")
    away = subprocess.run([node, "-e", "require('https').get('https://example.org/').on('error', () => {})"],
                          env=env, capture_output=True, text=True)
    assert away.returncode == 97, away.stderr
    assert "NETWORK ACCESS ATTEMPTED" in away.stderr
    port = gzip_site.rstrip("/").rsplit(":", 1)[1]
    here = subprocess.run([node, "-e", f"require('http').get('http://127.0.0.1:{port}/', r => process.exit(r.statusCode === 200 ? 0 : 1))"],
                          env=env, capture_output=True, text=True)
    assert here.returncode == 0, here.stderr


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_on_a_phone(lighthouse: list[str], gzip_site: str, page: str) -> None:
    try:
        result: Result = run_lighthouse(lighthouse, gzip_site + page)
    except LighthouseError as error:
        pytest.fail(str(error), pytrace=False)
    assert not result.off_machine(), result.off_machine()
    assert result.text_compressed, f"Lighthouse found text sent uncompressed: {result.summary()}"
    assert {name: result.scores.get(name) for name in PERFECT} == dict.fromkeys(PERFECT, 100), result.summary()
    assert result.scores.get("performance") is not None, result.summary()  # measured (the figure itself: lighthouse_runner.py)
