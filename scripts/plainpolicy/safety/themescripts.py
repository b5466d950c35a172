"""The theme's own inline scripts, and the Content-Security-Policy that allows only them.

Material writes a few small inline scripts into every page. They are "the
theme's own" if their text is one of the `<script>` bodies in the theme's
template files, with each `{{ ... }}` standing for a relative path (letters,
digits, `./-_`: nothing that can end a JavaScript string or name another
site). A script anywhere else, or one whose value breaks out, is not.

The built page then carries a CSP meta tag listing the SHA-256 hash of each
theme script actually on it: the browser runs those and nothing else inline.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Callable, Iterable

_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_VALUE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_SAFE_VALUE = r"[\w./\-]*"
# Templates whose scripts do what no page of the kit may: send the reader elsewhere, call an analytics service.
SKIPPED = ("redirect.html", "analytics")

REFERRER = "no-referrer"
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD = re.compile(r"<head>", re.IGNORECASE)


def _patterns(template: str) -> Iterable[str]:
    for match in _TEMPLATE_SCRIPT.finditer(template):
        body = match.group(1)
        if "{%" in body or "{#" in body:
            continue
        pieces = _VALUE.split(body)
        yield _SAFE_VALUE.join(re.escape(piece) for piece in pieces)


def theme_script_matcher(theme_dirs: Iterable[str | Path]) -> Callable[[str], bool]:
    """A test: is this inline script body one of the theme's own?"""
    patterns: set[str] = set()
    for folder in theme_dirs:
        for file in sorted(Path(folder).rglob("*.html")):
            if any(part in file.as_posix() for part in SKIPPED):
                continue
            try:
                patterns.update(_patterns(file.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    if not patterns:
        return lambda body: False
    combined = re.compile("|".join(f"(?:{pattern})" for pattern in sorted(patterns)), re.DOTALL)
    return lambda body: combined.fullmatch(body) is not None


_SHIM_PAGE = re.compile(r"document\.write\(`<html><body><script>(.*?)<\\/script>", re.DOTALL)
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


def shim_script(shim: str, worker: str) -> str | None:
    """The inline script the offline plugin's iframe-worker shim writes into its frame, for this worker URL.

    Opened from the disk (file://), the shim runs search in a hidden frame whose
    first script it writes itself: `postMessage=${c};importScripts=${d};...` with
    the source of two of its functions and the worker's URL. The frame inherits
    the page's policy, so that script needs its hash too."""
    match = _SHIM_PAGE.search(shim)
    if match is None:
        return None
    template = match.group(1)
    names = set(_PLACEHOLDER.findall(template))
    worker_name = next((name for name in names if f'filename:"${{{name}}}"' in template), None)
    values = {worker_name: worker} if worker_name else {}
    for name in names - set(values):
        source = _function_source(shim, name)
        if source is None:
            return None
        values[name] = source
    return _PLACEHOLDER.sub(lambda found: values[found.group(1)], template)


def _function_source(code: str, name: str) -> str | None:
    """`function name(...){...}` as Function.prototype.toString gives it (braces balanced; no braces inside strings)."""
    start = code.find(f"function {name}(")
    if start < 0:
        return None
    depth, index = 0, code.index("{", start)
    while index < len(code):
        depth += {"{": 1, "}": -1}.get(code[index], 0)
        if depth == 0:
            return code[start : index + 1]
        index += 1
    return None


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_for(scripts: Iterable[str]) -> str:
    """The Content-Security-Policy of one page: its own files, and its theme scripts by hash."""
    hashes = " ".join(sorted({script_hash(body) for body in scripts}))
    return (
        "default-src 'self'; "
        f"script-src 'self'{' ' + hashes if hashes else ''}; "
        "style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "media-src 'self'; worker-src 'self' blob:; frame-src 'self'; manifest-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def add_policy(html: str, scripts: Iterable[str]) -> str:
    """The page with its CSP and referrer policy as the first tags of <head> (before any script)."""
    tags = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(scripts)}"><meta name="referrer" content="{REFERRER}">'
    match = _CHARSET.search(html, 0, 2048) or _HEAD.search(html)
    if match is None:
        return html
    return html[: match.end()] + tags + html[match.end() :]
