"""The glossary: one agreed word for each idea, defined once per voice.

File format (YAML), documented for contributors in docs/contributing:

    terms:
      - term: designated safeguarding lead    # the preferred form
        abbreviations: [DSL]                  # optional
        forms: [safeguarding lead]            # optional: other accepted forms
        definitions:                          # one per voice that uses the term
          staff: ...
          young-people: ...
        rejected:                             # optional: forms we do not use
          - form: child protection officer
            reason: ...
            voices: [young-people]            # optional: only in these voices

A broken glossary (duplicate terms, a form both accepted and rejected, wrong
types, a voice that does not exist) stops the check with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from plainpolicy.errors import CannotRun
from plainpolicy.reading.yamlfile import (
    entry_line,
    load_yaml_file,
    text_field,
    text_list,
    voice_list,
)
from plainpolicy.text.phrases import PhraseMatcher


@dataclass(frozen=True)
class Rejected:
    form: str
    reason: str
    voices: frozenset[str] | None
    pattern: re.Pattern[str]  # for finding the source line


@dataclass
class Term:
    term: str
    line: int
    abbreviations: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def accepted(self) -> list[str]:
        return [self.term, *self.forms, *self.abbreviations]


def form_pattern(form: str, case_sensitive: bool = False) -> str:
    """Whole-word regex for a form, allowing a plural ending and flexible spaces."""
    body = r"\s+".join(re.escape(part) for part in form.split())
    if not case_sensitive:
        body = f"(?i:{body})"
    return rf"(?<![\w-]){body}(?:s|es|'s|’s)?(?![\w-])"


_WORDS = re.compile(r"[^\W_]+")
_ENDINGS = ("s", "es", "'s", "’s", "")  # as form_pattern allows them, in the same order


def _word_char(character: str) -> bool:
    return character.isalnum() or character in "_-"


def _word_end(text: str, start: int, end: int) -> int | None:
    """Where a whole-word use of text[start:end] ends, with a plural or possessive ending; None if it is part of a longer word."""
    if start and _word_char(text[start - 1]):
        return None
    for ending in _ENDINGS:
        if text.startswith(ending, end) and (end + len(ending) == len(text) or not _word_char(text[end + len(ending)])):
            return end + len(ending)
    return None


def is_abbreviation(form: str) -> bool:
    return bool(re.fullmatch(r"[0-9]*[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*", form))


@dataclass
class Glossary:
    path: str
    terms: list[Term]
    abbreviations: dict[str, Term]
    known_capitals: frozenset[str]
    accepted: PhraseMatcher[Term] = field(default_factory=PhraseMatcher)
    rejected: PhraseMatcher[tuple[Term, Rejected]] = field(default_factory=PhraseMatcher)
    # Both at once, for one pass over a text: payload (term, None) or (term, rejected entry).
    every: PhraseMatcher[tuple[Term, Rejected | None]] = field(default_factory=PhraseMatcher)
    _form_index: dict[str, list[int]] | None = field(default=None, repr=False)
    _form_list: list[tuple[Term, str, bool]] = field(default_factory=list, repr=False)
    # `everyday_abbreviations:` in the file: OK, TV, ID... never an unknown abbreviation.
    everyday: frozenset[str] = frozenset()

    def definitions_for(self, voice: str) -> dict[str, str]:
        return {term.term: term.definitions[voice] for term in self.terms if voice in term.definitions}

    def uses(self, text: str) -> Iterator[tuple[Term, str, int, int]]:
        """Every accepted form of every term in the text: (term, form as written, start, end)."""
        for match in self.accepted.find(text):
            yield match.payload, match.text, match.start, match.end

    def rejections(self, text: str) -> Iterator[tuple[Term, Rejected, str, int, int]]:
        """Every rejected form in the text: (term, rejected entry, as written, start, end)."""
        for match in self.rejected.find(text):
            term, rejected = match.payload
            yield term, rejected, match.text, match.start, match.end

    def scan(self, text: str) -> tuple[list[tuple[Term, str, int, int]], list[tuple[Term, Rejected, str, int, int]]]:
        """Accepted uses and rejected forms in one pass; the longest phrase wins at each place."""
        uses: list[tuple[Term, str, int, int]] = []
        rejections: list[tuple[Term, Rejected, str, int, int]] = []
        for match in self.every.find(text):
            term, rejected = match.payload
            if rejected is None:
                uses.append((term, match.text, match.start, match.end))
            else:
                rejections.append((term, rejected, match.text, match.start, match.end))
        return uses, rejections

    def written_forms(self, text: str) -> Iterator[tuple[Term, str]]:
        """Each accepted form in the text, as written there (case, plural ending): for tooltips.

        Whole words only, on one line, with single spaces between words. The
        text's words, as a set, meet an index of each form's first word, so most
        forms are ruled out at C speed; the rest are found with str.find, which
        is many times faster here than a case-insensitive pattern per form.
        """
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer: keep places aligned
            lowered = "".join(character.lower()[0] for character in text)
        index = self._forms_by_first_word()
        numbers = sorted({number for word in index.keys() & set(_WORDS.findall(lowered)) for number in index[word]})
        for number in numbers:  # in glossary order, as if every form were tried
            term, form, exact = self._form_list[number]
            haystack, needle = (text, form) if exact else (lowered, form.lower())
            start = haystack.find(needle)
            while start != -1:
                end = _word_end(haystack, start, start + len(needle))
                if end is not None:
                    yield term, text[start:end]
                start = haystack.find(needle, start + 1)

    def _forms_by_first_word(self) -> dict[str, list[int]]:
        """Numbers of accepted forms (see _form_list) by their lower-case first word and its
        plurals, worked out once."""
        if self._form_index is None:
            self._form_list = [(term, form, is_abbreviation(form)) for term in self.terms for form in term.accepted]
            self._form_index = {}
            for number, (_, form, _) in enumerate(self._form_list):
                words = _WORDS.findall(form.lower())
                for key in {words[0], words[0] + "s", words[0] + "es"} if words else ():
                    self._form_index.setdefault(key, []).append(number)
        return self._form_index

    def explained_words(self) -> frozenset[str]:
        """Lower-case words that the glossary explains (fair exceptions to 'hard words')."""
        words: set[str] = set()
        for term in self.terms:
            for form in term.accepted:
                words.update(re.findall(r"[a-z]+", form.lower()))
        return frozenset(words)


def _rejected(raw: Any, term: str, voices: set[str], path: str, line: int) -> Rejected:
    if not isinstance(raw, dict):
        raise CannotRun(path, f"each rejected form of '{term}' needs 'form' and 'reason'", line)
    line = raw.get("__line__", line)
    form = text_field(raw.get("form"), f"a rejected form of '{term}'", path, line)
    reason = text_field(raw.get("reason"), f"the reason for rejecting '{form}'", path, line)
    only = voice_list(raw.get("voices"), voices, f"rejected form '{form}'", path, line)
    pattern = re.compile(form_pattern(form, case_sensitive=is_abbreviation(form)))
    return Rejected(form, reason, only, pattern)


def _term(raw: Any, voices: set[str], path: str) -> Term:
    line = entry_line(raw, {"term", "abbreviations", "forms", "definitions", "rejected"}, "each entry under 'terms' must start with 'term:'", "a glossary entry", path)
    name = text_field(raw.get("term"), "'term'", path, line)
    definitions = raw.get("definitions")
    if not isinstance(definitions, dict) or len([key for key in definitions if key != "__line__"]) == 0:
        raise CannotRun(path, f"'{name}' needs 'definitions' with one entry per voice", line)
    clean: dict[str, str] = {}
    for voice, text in definitions.items():
        if voice == "__line__":
            continue
        if voice not in voices:
            raise CannotRun(path, f"'{name}' has a definition for unknown voice '{voice}' (voices: {', '.join(sorted(voices))})", line)
        clean[str(voice)] = text_field(text, f"the {voice} definition of '{name}'", path, line)
    rejected_raw = raw.get("rejected") or []
    if not isinstance(rejected_raw, list):
        raise CannotRun(path, f"'rejected' of '{name}' must be a list", line)
    return Term(
        term=name,
        line=line,
        abbreviations=text_list(raw.get("abbreviations"), f"abbreviations of '{name}'", path, line),
        forms=text_list(raw.get("forms"), f"forms of '{name}'", path, line),
        definitions=clean,
        rejected=[_rejected(item, name, voices, path, line) for item in rejected_raw],
    )


def _check_unique(terms: list[Term], path: str) -> None:
    accepted: dict[str, Term] = {}
    for term in terms:
        for form in term.accepted:
            key = form if is_abbreviation(form) else form.lower()
            other = accepted.get(key)
            if other is not None:
                if other is term:
                    what = f"listed twice in '{term.term}'"
                elif other.term.lower() == term.term.lower():
                    what = f"a term listed twice (lines {other.line} and {term.line}): merge the two entries"
                else:
                    what = f"used by both '{other.term}' and '{term.term}'"
                raise CannotRun(path, f"the glossary form '{form}' is {what}", term.line)
            accepted[key] = term
    for term in terms:
        for rejected in term.rejected:
            key = rejected.form if is_abbreviation(rejected.form) else rejected.form.lower()
            if key in accepted:
                raise CannotRun(path, f"'{rejected.form}' is both accepted (by '{accepted[key].term}') and rejected (by '{term.term}')", term.line)


def build(terms: list[Term], path: str) -> Glossary:
    _check_unique(terms, path)
    abbreviations = {abbreviation: term for term in terms for abbreviation in term.abbreviations}
    capitals = {word for term in terms for form in term.accepted for word in re.findall(r"\b[0-9]*[A-Z][A-Z0-9]+\b", form)}
    glossary = Glossary(path, terms, abbreviations, frozenset(capitals))
    for term in terms:
        for form in term.accepted:
            glossary.accepted.add(form, term, exact=is_abbreviation(form))
            glossary.every.add(form, (term, None), exact=is_abbreviation(form))
        for rejected in term.rejected:
            glossary.rejected.add(rejected.form, (term, rejected), exact=is_abbreviation(rejected.form))
            glossary.every.add(rejected.form, (term, rejected), exact=is_abbreviation(rejected.form))
    return glossary


def load_glossary(file: Path, voices: set[str], display: str | None = None) -> Glossary:
    """Read and validate the glossary file, or raise CannotRun naming file and line."""
    path = display or str(file)
    data = load_yaml_file(file, path, "glossary")
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise CannotRun(path, "the glossary must start with 'terms:' followed by a list of terms", 1)
    terms = [_term(item, voices, path) for item in data["terms"]]
    glossary = build(terms, path)
    glossary.everyday = _everyday_abbreviations(data, glossary, path)
    return glossary


def _everyday_abbreviations(data: dict[str, Any], glossary: Glossary, path: str) -> frozenset[str]:
    """The `everyday_abbreviations:` list: capitals young people say as words (OK, TV, ID)."""
    line = data.get("__line__", 1)
    found = text_list(data.get("everyday_abbreviations"), "'everyday_abbreviations'", path, line)
    for word in found:
        if not is_abbreviation(word):
            raise CannotRun(path, f"everyday abbreviations are written in capitals, like OK or TV; not: {word}", line)
        if word in glossary.abbreviations:
            raise CannotRun(path, f"'{word}' is both an everyday abbreviation and an abbreviation of '{glossary.abbreviations[word].term}': keep one", glossary.abbreviations[word].line)
    return frozenset(found)
