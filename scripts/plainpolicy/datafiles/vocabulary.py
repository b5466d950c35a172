"""Which words a reader knows: the word lists behind the word checks.

Known words are:

- the Dale-Chall list of about 3,000 words most US fourth-graders know, as
  shipped inside textstat (MIT licence), read from its wheel, never downloaded;
- the site's everyday words (`everyday:` in the plain-words file): modern words an
  11-year-old knows that a 1995 list lacks ("online", "password", "app");
- any of those with a regular ending: plurals, -ed, -ing, -er, -est, -ly, -'s,
  with the usual spelling changes (stopped, making, tries);
- a hyphenated word whose parts are all known ("phone-free").

Names, numbers and abbreviations in capitals are not counted: the glossary
rules deal with abbreviations. A word with a capital is a name unless a dictionary
writes it only in small letters (text/wordcase.py): "Leeds", "Google" and
"Childline" are names, but "Triage" or "Escalate" mid-sentence are the words
"triage" and "escalate", and count like them. Names that are also ordinary words
("Chrome", "Safari") are listed under `names:` in the plain-words file.

Glossary terms with a definition for the voice are explained on the page (the
site shows each definition), so they count as known, but as *jargon*:
rules/familiarity.py still flags a section dense with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from plainpolicy.datafiles.glossary import Glossary, is_abbreviation
from plainpolicy.text.scoring import easy_words
from plainpolicy.text.wordcase import is_ordinary_word
from plainpolicy.text.writtenwords import WORD

_SUFFIXES = ("'s", "’s", "s'", "s’", "ies", "ied", "ier", "iest", "ily", "es", "s", "ed", "ing", "er", "est", "ly", "n't", "n’t")

KNOWN = "known"
JARGON = "jargon"  # a glossary word: explained on the page, but still a hard word
UNFAMILIAR = "unfamiliar"
NOT_COUNTED = "not counted"  # a name, an abbreviation


def _stems(word: str) -> Iterator[str]:
    """The word and the words it may be made from by a regular ending."""
    yield word
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        stem = word[: len(word) - len(suffix)]
        yield stem
        if suffix.startswith("i"):
            yield stem + "y"  # tries, tried, happier, easily
        if suffix in ("ed", "ing", "er", "est", "es"):
            yield stem + "e"  # used, making, safer
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]  # stopped, chatting


@dataclass
class Vocabulary:
    """The known words, and the glossary's words for one voice."""

    known: frozenset[str]
    glossary: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # `names:` in the plain-words file: "Chrome", "Safari"
    _memo: dict[str, str] = field(default_factory=dict, repr=False)

    def knows(self, word: str) -> bool:
        return any(stem in self.known for stem in _stems(word))

    def _ordinary(self, parts: list[str]) -> bool:
        """Are these small-letter parts ordinary words: known, or written only in small letters
        by the dictionary? The dictionary lists endings ("escalated"), so no stems are tried:
        "Wales" is not "wale" + s. A possessive is the word ("Triage's")."""
        return all(self.knows(part) or is_ordinary_word(part.removesuffix("'s")) for part in parts)

    def kind(self, word: str) -> str:
        """KNOWN, JARGON, UNFAMILIAR or NOT_COUNTED, for a word as written."""
        found = self._memo.get(word)
        if found is None:
            found = self._memo[word] = self._kind(word)
        return found

    def _kind(self, word: str) -> str:
        lower = word.lower().replace("’", "'")
        parts = [part for part in lower.split("-") if part]
        if all(self.knows(part) for part in parts):
            return KNOWN  # "OK", "phone-free", "Online" at the start of a sentence
        if word.isupper() and len(word) > 1:
            return JARGON if word in self.glossary else NOT_COUNTED  # an abbreviation
        if word[:1].isupper() and (word in self.names or not self._ordinary(parts)):
            return NOT_COUNTED  # a name ("Leeds", "Childline"), not an ordinary word with a capital ("Triage")
        if lower in self.glossary or all(part in self.glossary or self.knows(part) for part in parts):
            return JARGON
        return UNFAMILIAR


@lru_cache(maxsize=8)
def known_words(everyday: frozenset[str]) -> frozenset[str]:
    return easy_words() | everyday


def glossary_words(glossary: "Glossary | None", voice: str) -> frozenset[str]:
    """The words of the glossary terms this voice defines: abbreviations as written, other words in small letters."""
    if glossary is None:
        return frozenset()
    found: set[str] = set()
    for term in glossary.terms:
        if voice not in term.definitions:
            continue
        for form in term.accepted:
            if is_abbreviation(form):
                found.add(form)
            else:
                found.update(word.lower() for word in WORD.findall(form))
    return frozenset(found)
