"""Files in the cache folder: plain JSON text, checked before anything in them is used.

A CI cache is restored from an earlier run, maybe of another branch, so nothing
read from the cache folder is trusted: it is never unpickled (a pickle can run
code) and never used unless it says what it holds and its checksum matches.

A cache file is JSON Lines. The first line is a header naming what the file
holds (its kind, format and the versions it depends on) and the SHA-256 of the
rest of the file. Anything else - a missing, truncated, edited or foreign file -
reads as empty, and the caller rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO


def cache_dir() -> Path:
    """Where plainpolicy keeps its cache files (PLAINPOLICY_CACHE_DIR overrides)."""
    override = os.environ.get("PLAINPOLICY_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plainpolicy"


def write_whole(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a cache file whole or not at all: into a temporary file beside it, then moved
    over it, so a process reading it never sees half a file. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_checked(path: Path, header: dict[str, Any], body: bytes) -> None:
    """Write header (plus the body's checksum) and body as one file. Raises OSError."""
    line = json.dumps({**header, "sha256": hashlib.sha256(body).hexdigest()}, sort_keys=True).encode("ascii")
    write_whole(path, lambda handle: handle.write(line + b"\n" + body))


def read_checked(path: Path, header: dict[str, Any]) -> bytes | None:
    """The body of a file written by write_checked with this header, or None if the file is
    missing, unreadable, for something else (another format or version) or altered."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    first, newline, body = data.partition(b"\n")
    if not newline:
        return None
    try:
        found = json.loads(first)
    except ValueError:
        return None
    if not isinstance(found, dict) or found.pop("sha256", None) != hashlib.sha256(body).hexdigest():
        return None
    return body if found == header else None
