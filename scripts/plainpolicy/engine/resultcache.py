"""Results of unchanged pages, kept between runs of the command line.

A page's findings depend only on its text, the site's settings and data files,
the set of pages (for pairing), the files beside it (images) and today's date.
When none of these changed since the last run, the stored result is reused:
a warm `plainpolicy check` then only reads and hashes the files. The cache
lives in the user's cache folder (never in docs/); PLAINPOLICY_NO_CACHE=1 turns
it off. Entries not used in a run are dropped, so it never grows stale.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from plainpolicy import __version__
from plainpolicy.cachefile import cache_dir, read_checked, write_checked
from plainpolicy.engine import plaindata

_HEADER = {"kind": "plainpolicy page results", "format": 2, "plainpolicy": __version__}


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def folder_signature(folder: Path) -> str:
    """Names and sizes of the non-Markdown files under docs/ (images, data files).

    The checks only ask whether such a file exists (the data files they read are
    keyed by their content), so times are left out: a fresh clone in CI, where
    every file is new, can reuse results stored by an earlier run."""
    entries = []
    for root, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".md"):
                continue
            path = os.path.join(root, name)
            try:
                size = os.stat(path).st_size
            except OSError:
                continue
            entries.append(f"{os.path.relpath(path, folder)}:{size}")
    return digest(*sorted(entries))


def code_signature() -> str:
    """The content of plainpolicy's own code: results of edited code are never reused,
    even when the version number has not changed (as while developing plainpolicy)."""
    package = Path(__file__).resolve().parent.parent  # the whole plainpolicy package
    files = sorted([*package.rglob("*.py"), *package.rglob("*.yml"), *package.rglob("*.gz")])  # code, and the data that ships with it (word tables too)
    return digest(*(part for path in files for part in (path.relative_to(package).as_posix(), path.read_bytes())))


class ResultCache:
    """Page results as plain JSON (plaindata.py), keyed by everything they depend on.

    The file (see cachefile.py) holds one line per result: `["key",result]`. A
    result is decoded only when its page is asked for; one that cannot be is
    checked again, and a file that fails its header or checksum is rebuilt."""

    def __init__(self, site_key: str) -> None:
        self.path = cache_dir() / f"results-{site_key[:20]}.jsonl"
        self._old: dict[str, str] = {}
        self._new: dict[str, str] = {}
        body = read_checked(self.path, _HEADER)
        if body is not None:
            self._old = _entries(body)

    def get(self, key: str) -> Any | None:
        text = self._old.get(key) or self._new.get(key)
        if text is None:
            return None
        try:
            result = plaindata.loads(text)
        except ValueError:
            return None
        self._new[key] = text
        return result

    def put(self, key: str, result: Any) -> None:
        try:
            self._new[key] = plaindata.dumps(result)
        except (TypeError, ValueError, RecursionError):  # not plain data: checked again next time
            pass

    def save(self) -> None:
        if self._new.keys() == self._old.keys():
            return
        body = "".join(f'["{key}",{text}]\n' for key, text in self._new.items())
        try:
            write_checked(self.path, _HEADER, body.encode("ascii"))
        except OSError:
            pass


def _entries(body: bytes) -> dict[str, str]:
    """key -> the result's JSON text, from the lines `["key",result]` (results left undecoded)."""
    entries = {}
    for line in body.decode("ascii", "replace").splitlines():
        key_end = line.find('",', 2)
        if line.startswith('["') and line.endswith("]") and key_end > 2:
            entries[line[2:key_end]] = line[key_end + 2 : -1]
    return entries


def enabled() -> bool:
    return not os.environ.get("PLAINPOLICY_NO_CACHE")
