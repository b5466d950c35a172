"""Syllable counts from the CMU Pronouncing Dictionary, shipped with plainpolicy.

textstat 0.7.10+ asks NLTK for the CMU dictionary and downloads it on first use,
which fails offline. plainpolicy ships what scoring needs of it instead: each
word's syllables in its first pronunciation, as read-only package data
(data/cmudict-syllables.txt.gz, 0.37 MB, beside the dictionary's own
BSD-style licence, data/cmudict-LICENSE). scripts/build_syllable_table.py makes
it from the dictionary; nothing is built at run time. Loading it takes a few
tens of milliseconds, and its checksum is checked as it is read.

The fallback for words missing from the dictionary is the same as textstat's:
the number of hyphenation points (pyphen) plus one.
"""

from __future__ import annotations

import atexit
import gzip
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from plainpolicy.cachefile import cache_dir, read_checked, write_checked
from plainpolicy.errors import CannotRun

__all__ = ["cache_dir", "syllable_table", "syllables", "save_learned", "installed_version", "LANGUAGE"]

LANGUAGE = "en_GB"
TABLE_FILE = Path(__file__).resolve().parent / "data" / "cmudict-syllables.txt.gz"
# The table's SHA-256, written here by scripts/build_syllable_table.py.
TABLE_SHA256 = "ee5074848bff5b71ab772bc0a1be753706f680d18de852488f85e09010d9f04f"


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


class SyllableTable:
    """Word -> syllables, looked up in the table's text as shipped, sorted by word
    (the format is described in scripts/build_syllable_table.py).

    Nothing is made per word on loading: building a dict of the 126,000 words
    cost more than the rest of a small site's check. A lookup searches only the
    lines of words with the same first three letters, a few hundred bytes."""

    def __init__(self, text: str) -> None:
        self._text = text
        base = text.index("\n")
        prefix, *entries = text[:base].split(" ")
        self._prefix = int(prefix)
        starts = [entry.rsplit(":", 1) for entry in entries]
        ends = [base + int(start) for _, start in starts[1:]] + [len(text)]
        self._spans = {prefix: (base + int(start), end) for (prefix, start), end in zip(starts, ends)}

    def get(self, word: str) -> int | None:
        span = self._spans.get(word[: self._prefix])
        if span is None or " " in word or "\n" in word:
            return None
        needle = f"\n{word} "
        at = self._text.find(needle, *span)
        if at < 0:
            return None
        at += len(needle)
        return int(self._text[at : self._text.index("\n", at)])

    def items(self) -> Iterator[tuple[str, int]]:
        """Every word and its count, in order (for tests and the benchmark)."""
        for line in self._text[self._text.index("\n") + 1 :].splitlines():
            word, count = line.rsplit(" ", 1)
            yield word, int(count)


def read_table(file: Path = TABLE_FILE, checksum: str = TABLE_SHA256) -> SyllableTable:
    """The table shipped with plainpolicy, its checksum checked.

    A damaged table (a broken install) stops the run: counting without it would
    give other scores than textstat's, silently."""
    try:
        data = file.read_bytes()
        if hashlib.sha256(data).hexdigest() != checksum:
            raise ValueError("its checksum does not match")
        return SyllableTable(gzip.decompress(data).decode("utf-8"))
    except (OSError, ValueError, EOFError) as error:
        raise CannotRun(str(file), f"plainpolicy's syllable table cannot be read ({error}); reinstall plainpolicy") from None


@lru_cache(maxsize=1)
def syllable_table() -> SyllableTable:
    """The word -> syllables table (read on first use; a forked worker shares it)."""
    return read_table()


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang=LANGUAGE)


class _Fallback:
    """Hyphenation counts of words the dictionary lacks (British spellings, names).

    Loading pyphen's patterns costs about 0.1 s, more than checking a small site,
    so the counts it gives are kept in a small JSON file in the cache folder and
    written back when the process ends. Its header names pyphen's version and the
    language, so a count is only reused where pyphen would give it; a file that
    fails its checksum or holds anything but counts is ignored and written anew.
    """

    def __init__(self) -> None:
        self.path = cache_dir() / f"hyphenation-{LANGUAGE}.json"
        self.header = {"kind": "plainpolicy hyphenation counts", "format": 2, "pyphen": installed_version("pyphen"), "language": LANGUAGE}
        self.counts = self._read()
        self.added = False
        atexit.register(self.save)

    def _read(self) -> dict[str, int]:
        """The stored counts; none if the file is missing, for another pyphen, altered, or not counts."""
        body = read_checked(self.path, self.header)
        if body is None:
            return {}
        try:
            loaded = json.loads(body)
        except ValueError:
            return {}
        if not isinstance(loaded, dict) or not all(type(count) is int and count > 0 for count in loaded.values()):
            return {}
        return loaded

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
                write_checked(self.path, self.header, json.dumps(self.counts, sort_keys=True).encode("utf-8"))
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


def textstat_dictionary() -> dict[str, list[list[str]]]:
    """The table in the shape textstat reads from NLTK (word -> pronunciations, of which
    textstat counts the phones with a stress digit in the first): hands textstat the
    same dictionary offline, for the tests that prove the scores equal and the benchmark."""
    return {word: [["AH0"] * count] for word, count in syllable_table().items()}
