"""Serve a built site on 127.0.0.1 the way a static host does: gzip, types, caching.

Python's own http.server sends every file uncompressed, with no cache headers,
so a page-speed measurement behind it says little about the published site.
This server behaves like GitHub Pages, where most organisations publish the kit:

- text files (HTML, CSS, JavaScript, JSON, SVG, XML, plain text) are sent
  gzip-compressed when the browser asks for it, with `Vary: Accept-Encoding`;
- every file has its Content-Type, text ones with `charset=utf-8`;
- `Cache-Control: max-age=600` and a Last-Modified date (GitHub Pages' headers);
- a folder serves its index.html (a folder without its slash is redirected),
  and a missing file serves the site's 404.html with status 404.

Standard library only. Use it from a test (`serving(root)`) or by hand:

    python tests/browser/gzip_server.py /tmp/site --port 8000
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gzip
import http.server
import mimetypes
import posixpath
import sys
import threading
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

CACHE_CONTROL = "max-age=600"
TEXT_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".map": "application/json",
}
OTHER_TYPES = {".gz": "application/gzip", ".woff2": "font/woff2", ".ico": "image/x-icon"}


def content_type(path: Path) -> tuple[str, bool]:
    """The Content-Type header for a file, and whether it is text worth compressing."""
    suffix = path.suffix.lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8", True
    guessed = OTHER_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0]
    return guessed or "application/octet-stream", False


@lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    """A file's gzip body, made once per version of the file (mtime is part of the key)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for files under `root`, with a static host's headers."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do
    server_version = "plainpolicy-gzip-server"

    def __init__(self, *args: Any, root: Path, **kwargs: Any) -> None:
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        url_path = unquote(urlsplit(self.path).path)
        target = self._resolve(url_path)
        if target is None:
            self._send_error_page(send_body)
            return
        if target.is_dir():
            if not url_path.endswith("/"):
                self._redirect(url_path + "/")
                return
            target = target / "index.html"
            if not target.is_file():
                self._send_error_page(send_body)
                return
        self._send_file(target, 200, send_body)

    def _resolve(self, url_path: str) -> Path | None:
        """The file or folder a URL path names, never outside the root."""
        parts = [part for part in posixpath.normpath(url_path).split("/") if part not in ("", ".", "..")]
        target = self.root.joinpath(*parts)
        try:
            target.resolve().relative_to(self.root.resolve())
        except ValueError:
            return None
        return target if target.exists() else None

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_error_page(self, send_body: bool) -> None:
        page = self.root / "404.html"
        if page.is_file():
            self._send_file(page, 404, send_body)
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", "9")
        self.end_headers()
        if send_body:
            self.wfile.write(b"Not found")

    def _send_file(self, path: Path, status: int, send_body: bool) -> None:
        kind, text = content_type(path)
        stat = path.stat()
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        if text:
            self.send_header("Vary", "Accept-Encoding")
            if self._accepts_gzip():
                body = _gzipped(str(path), stat.st_mtime_ns)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _accepts_gzip(self) -> bool:
        offered = self.headers.get("Accept-Encoding", "")
        for item in offered.split(","):
            name, _, params = item.strip().partition(";")
            if name.strip().lower() in ("gzip", "*"):
                return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
        return False


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that drops a kept-alive connection is normal, not an error worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(root: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server for `root` on 127.0.0.1 (port 0: a free one), not yet started."""
    handler = partial(GzipHandler, root=Path(root).resolve())
    server = QuietServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


@contextlib.contextmanager
def serving(root: Path) -> Iterator[str]:
    """Serve `root` in a background thread; yields its base URL, ending in a slash."""
    server = make_server(root)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", type=Path, help="the built site's folder")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.root, args.port)
    print(f"Serving {args.root} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
