"""Which language a piece of text is in, by its most common short words.

A page in a voice is in that voice's language (the voice's `language` setting,
English by default). The readability formulas are English formulas: a Welsh page
scored by them reads at grade 3, because Welsh words are short. So each judged
part of a page is checked: when too few of its words are common words of the
voice's language and more are common words of another language we know
(data/languages.yml), that is a finding.

Why common words, not a language-detection library: the check needs to tell a
handful of UK languages apart in paragraphs of a hundred words, and a list of
about fifty common words per language does that reliably, offline, in
microseconds, with data a contributor can read and extend.

A language is named only when its own common words make up a fair share of the
text (MIN_SHARE, as for the voice's language). Text in a language we have no list
for (French, Polish) shares a few short words with one we know ("le" is Irish and
French), so it is called undetermined (UNDETERMINED, the "und" of language tags)
rather than given a wrong name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from plainpolicy import fastyaml

DATA = Path(__file__).parent / "data" / "languages.yml"
MIN_WORDS = 20  # fewer words than this cannot be told apart fairly
MIN_SHARE = 0.12  # English prose has 30-45% common words; a quote or a name does not pull it under this
UNDETERMINED = "und"  # not the expected language, and not one we can name


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    has_formula: bool
    words: frozenset[str]


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    raw = fastyaml.load(DATA.read_text(encoding="utf-8"), yaml.SafeLoader)
    return {
        code: Language(code, entry["name"], entry.get("formula") == "flesch", frozenset(entry["words"]))
        for code, entry in raw.items()
    }


def name_of(code: str) -> str:
    if code == UNDETERMINED:
        return "a language plainpolicy cannot name"
    found = languages().get(code)
    return found.name if found else code


def has_formula(code: str) -> bool:
    found = languages().get(code)
    return found.has_formula if found else False


def shares(written: list[str]) -> tuple[int, dict[str, float]]:
    """How many words there are, and the share of them that are each language's common words."""
    found = Counter(map(str.lower, written))
    total = sum(found.values())
    if not total:
        return 0, {}
    return total, {code: sum(found[word] for word in found.keys() & language.words) / total for code, language in languages().items()}


def other_language(written: list[str], expected: str) -> str | None:
    """The code of the language the words (as written) seem to be in, if it is not `expected`:
    UNDETERMINED when they are plainly not in it but in no language we can name."""
    known = languages().get(expected)
    if known is None:
        return None
    found = Counter(map(str.lower, written))
    count = sum(found.values())
    if count < MIN_WORDS or sum(found[word] for word in found.keys() & known.words) / count >= MIN_SHARE:
        return None  # most text: plainly in its own language, no need to try the others
    count, by_language = shares(written)
    best = max(by_language, key=lambda code: by_language[code])
    if best != expected and by_language[expected] < MIN_SHARE and by_language[best] > by_language[expected]:
        return best if by_language[best] >= MIN_SHARE else UNDETERMINED
    if by_language[expected] < MIN_SHARE / 2:
        return UNDETERMINED  # hardly any of its common words: not in it, whatever it is in
    return None
