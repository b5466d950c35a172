"""The plain-words file: everyday words the word lists lack, and plainer words to use.

File format (YAML, in docs/, named by the `plain_words` setting), documented for
contributors in docs/contributing/reading-rules.md:

    everyday:            # words an 11-year-old knows that the Dale-Chall list lacks
      - online
      - password
    names:               # names that are also ordinary words, as written with their capital
      - Chrome
      - Safari
    words:               # words to avoid, each with the word to use and why
      - word: forthwith
        use: now
        why: An old legal word. "Now" says the same.
        voices: [young-people]      # optional: only in these voices

A broken file stops the check with the file and line, like the glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plainpolicy.errors import CannotRun
from plainpolicy.reading.yamlfile import (
    entry_line,
    load_yaml_file,
    text_field,
    text_list,
    voice_list,
)


@dataclass(frozen=True)
class PlainWord:
    word: str
    use: str
    why: str
    voices: frozenset[str] | None
    line: int

    def applies_to(self, voice: str) -> bool:
        return self.voices is None or voice in self.voices


@dataclass(frozen=True)
class PlainWords:
    path: str
    everyday: frozenset[str]
    words: tuple[PlainWord, ...]
    names: frozenset[str] = frozenset()
    _finders: dict[str, tuple[re.Pattern[str] | None, dict[str, PlainWord]]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def finder(self, voice: str) -> tuple[re.Pattern[str] | None, dict[str, PlainWord]]:
        """One pattern for every entry that applies to the voice (one pass over a text),
        and the entries by their words in small letters with single spaces. Whole words,
        any case, flexible spaces; a plural or -ed/-ing ending on the last word, with the
        e dropped before -ing ("utilise" finds "utilising")."""
        if voice not in self._finders:
            self._finders[voice] = self._finder(voice)
        return self._finders[voice]

    def _finder(self, voice: str) -> tuple[re.Pattern[str] | None, dict[str, PlainWord]]:
        entries = {" ".join(entry.word.lower().split()): entry for entry in self.words if entry.applies_to(voice)}
        if not entries:
            return None, {}
        longest_first = sorted(entries, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(part) for part in key.split()) for key in longest_first)
        body = re.sub(r"e(?=\||$)", "(?:e|(?=ing))", body)  # the e dropped before -ing: "utilising", "ensuring"
        return re.compile(rf"(?<![\w-])(?i:({body}))(?:s|es|d|ed|ing)?(?![\w-])"), entries

    def entry(self, entries: dict[str, PlainWord], matched: str) -> PlainWord:
        """The entry behind a match's group 1 ("utilis" of "utilising" is "utilise")."""
        key = " ".join(matched.lower().split())
        return entries[key] if key in entries else entries[key + "e"]


def _entry(raw: Any, voices: set[str], path: str) -> PlainWord:
    line = entry_line(raw, {"word", "use", "why", "voices"}, "each entry under 'words' needs 'word', 'use' and 'why'", "a plain-words entry", path)
    word = text_field(raw.get("word"), "'word'", path, line)
    use = text_field(raw.get("use"), f"'use' (the plainer word) for '{word}'", path, line)
    why = text_field(raw.get("why"), f"'why' for '{word}'", path, line)
    chosen = voice_list(raw.get("voices"), voices, f"'{word}'", path, line)
    return PlainWord(word, use, why, chosen, line)


def load_plain_words(file: Path, voices: set[str], display: str | None = None) -> PlainWords:
    """Read and check the plain-words file, or raise CannotRun naming file and line."""
    path = display or str(file)
    data = load_yaml_file(file, path, "plain-words list")
    if not isinstance(data, dict):
        raise CannotRun(path, "the plain-words file must have 'everyday:' and/or 'words:'", 1)
    unknown = set(data) - {"everyday", "names", "words", "__line__"}
    if unknown:
        raise CannotRun(path, f"unknown section(s) {', '.join(sorted(unknown))}: use 'everyday:', 'names:' and 'words:'", 1)
    everyday = text_list(data.get("everyday"), "'everyday'", path, data.get("__line__", 1))
    bad = [word for word in everyday if not re.fullmatch(r"[a-z][a-z'-]*", word)]
    if bad:
        raise CannotRun(path, f"everyday words are single words in small letters; not: {', '.join(bad[:5])}", data.get("__line__", 1))
    names = text_list(data.get("names"), "'names'", path, data.get("__line__", 1))
    bad = [name for name in names if not re.fullmatch(r"[A-Z][A-Za-z'-]*", name)]
    if bad:
        raise CannotRun(path, f"names are single words written with their capital (Chrome, Safari); not: {', '.join(bad[:5])}", data.get("__line__", 1))
    raw_words = data.get("words") or []
    if not isinstance(raw_words, list):
        raise CannotRun(path, "'words' must be a list of entries with 'word', 'use' and 'why'", data.get("__line__", 1))
    entries = tuple(_entry(item, voices, path) for item in raw_words)
    seen: dict[str, int] = {}
    for entry in entries:
        key = " ".join(entry.word.lower().split())
        if key in seen:
            raise CannotRun(path, f"'{entry.word}' is listed twice (lines {seen[key]} and {entry.line})", entry.line)
        seen[key] = entry.line
    return PlainWords(path, frozenset(everyday), entries, frozenset(names))
