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
import pickle
from pathlib import Path
from typing import Any

from . import __version__
from .syllables import cache_dir, write_whole

_FORMAT = 1


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
    package = Path(__file__).resolve().parent
    files = sorted([*package.rglob("*.py"), *package.rglob("data/*.yml")])  # code, and the data that ships with it
    return digest(*(part for path in files for part in (path.relative_to(package).as_posix(), path.read_bytes())))


class ResultCache:
    """Pickled page results, keyed by everything they depend on."""

    def __init__(self, site_key: str) -> None:
        self.path = cache_dir() / f"results-{__version__}-v{_FORMAT}-{site_key[:20]}.pickle"
        self._old: dict[str, bytes] = {}
        self._new: dict[str, bytes] = {}
        try:
            with self.path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, dict):
                self._old = loaded
        except Exception:  # a missing, partial or foreign file is just a cold start
            self._old = {}

    def get(self, key: str) -> Any | None:
        blob = self._old.get(key) or self._new.get(key)
        if blob is None:
            return None
        try:
            result = pickle.loads(blob)
        except Exception:
            return None
        self._new[key] = blob
        return result

    def put(self, key: str, result: Any) -> None:
        try:
            self._new[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            pass

    def save(self) -> None:
        if self._new.keys() == self._old.keys():
            return
        try:
            write_whole(self.path, lambda handle: pickle.dump(self._new, handle, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass


def enabled() -> bool:
    return not os.environ.get("PLAINPOLICY_NO_CACHE")
