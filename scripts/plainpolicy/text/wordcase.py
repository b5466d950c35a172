"""Is a capitalised word a name, or an ordinary word written with a capital?

"The DSL will Triage each Flag": a word with a capital mid-sentence is usually a
name ("Leeds", "Childline", "Monday"), but not always. The test is a dictionary
that writes names with their capital and ordinary words in small letters (SCOWL's
British English list; scripts/build_small_letter_words.py makes the table,
data/small-letter-words.txt.gz, with the list's licence beside it in
data/scowl-LICENSE). A capitalised word is an ordinary word when its small-letter
form is in the list and its capitalised form is not: "Triage" (only "triage" is
listed) is a word; "Leeds" (only "Leeds"), "Google" (both "Google" and "google")
and "Childline" (neither) are names.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "small-letter-words.txt.gz"


@lru_cache(maxsize=1)
def small_letter_words() -> frozenset[str]:
    """Words the dictionary writes only in small letters (read once, when first needed)."""
    try:
        return frozenset(gzip.decompress(TABLE.read_bytes()).decode("utf-8").split())
    except OSError:
        return frozenset()


def is_ordinary_word(lower: str) -> bool:
    """Is this small-letter form an ordinary word, never a name?"""
    return lower in small_letter_words()
