"""Words that are right in some UK nations and wrong in others: docs/nations.yml.

File format (YAML), documented for contributors in docs/contributing:

    rules:
      - term: DBS check                      # what the rule is about, as shown in messages
        forms: [DBS check, DBS]              # phrases to find (whole words; plurals too)
        patterns: ['s\\.\\s?181\\b']         # optional: regular expressions, for citations
        applies_in: [england, wales]         # where these words are right
        instead:                             # for each other nation: what to write there
          scotland: the PVG scheme, run by Disclosure Scotland
          northern-ireland:
            use: an AccessNI check
            verify: true                     # a fact to confirm with the safeguarding lead

Text is judged for the nations whose readers see it: every nation of the site,
or, inside a nation block, that block's nations. A broken file stops the check
with the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from plainpolicy.datafiles.glossary import form_pattern, is_abbreviation
from plainpolicy.errors import CannotRun
from plainpolicy.reading.yamlfile import (
    entry_line,
    load_yaml_file,
    text_field,
    text_list,
)
from plainpolicy.uknations import ALL_NATIONS, nation_key

DEFAULT_FILE = "nations.yml"


@dataclass(frozen=True)
class Instead:
    use: str
    verify: bool = False


@dataclass(frozen=True)
class NationRule:
    term: str
    line: int
    applies_in: tuple[str, ...]
    instead: dict[str, Instead]
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # each with a word it cannot match without (lower case; "" for none)

    def matches(self, text: str, lowered: str) -> Iterator[tuple[int, int]]:
        """Where the rule's words are in the text: (start, end), left to right, not overlapping.

        A pattern whose word is not in the text is not tried: most texts hold none of them,
        and `in` finds that far faster than a pattern that starts with a look-behind."""
        found = {match.span() for pattern, word in self.patterns if word in lowered for match in pattern.finditer(text)}
        spans = sorted(found, key=lambda span: (span[0], -span[1]))
        end = -1
        for start, stop in spans:
            if start >= end:
                yield start, stop
                end = stop


@dataclass(frozen=True)
class NationRules:
    path: str
    rules: tuple[NationRule, ...]

    def matches(self, text: str) -> Iterator[tuple[NationRule, int, int]]:
        """Each place in the text where a rule's words are, with the rule (the first rule that has
        a place, when two overlap)."""
        lowered = text.lower()
        taken: list[tuple[int, int]] = []
        for rule in self.rules:
            for start, end in rule.matches(text, lowered):
                if not any(start < right and left < end for left, right in taken):
                    taken.append((start, end))
                    yield rule, start, end


def required_words(pattern: str) -> str:
    """Lower-case words every match of a regular expression holds ("" if none is sure):
    the longest run of plain letters and spaces outside brackets, when the pattern has no
    '|' at its top level. Only used to skip texts that cannot match."""
    runs: list[str] = []
    current = ""
    depth = 0
    escaped = False
    for character in pattern:
        if escaped:
            escaped, current = False, ""
        elif character == "\\":
            escaped = True
            runs.append(current)
            current = ""
        elif character in "([":
            depth += 1
            runs.append(current)
            current = ""
        elif character in ")]":
            depth -= 1
            current = ""
        elif depth == 0 and character == "|":
            return ""
        elif depth == 0 and (character.isalpha() or character == " "):
            current += character
        else:
            # a quantifier makes the letter before it optional
            runs.append(current[:-1] if character in "?*{" else current)
            current = ""
    runs.append(current)
    best = max((run.strip() for run in runs), key=len, default="")
    return best.lower() if len(best) >= 3 else ""


def _nations(value: Any, where: str, path: str, line: int) -> tuple[str, ...]:
    keys = []
    for item in text_list(value, where, path, line):
        key = nation_key(item)
        if key is None:
            raise CannotRun(path, f"{where}: {item!r} is not a UK nation (use {', '.join(ALL_NATIONS)})", line)
        keys.append(key)
    return tuple(key for key in ALL_NATIONS if key in keys)


def _instead(raw: Any, term: str, path: str, line: int) -> dict[str, Instead]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CannotRun(path, f"'instead' of '{term}' must map each nation to what to write there", line)
    result = {}
    for name, value in raw.items():
        if name == "__line__":
            continue
        key = nation_key(str(name))
        if key is None:
            raise CannotRun(path, f"'instead' of '{term}': {name!r} is not a UK nation", line)
        if isinstance(value, dict):
            unknown = set(value) - {"use", "verify", "__line__"}
            if unknown:
                raise CannotRun(path, f"unknown field(s) {', '.join(sorted(unknown))} in 'instead' of '{term}'", value.get("__line__", line))
            result[key] = Instead(text_field(value.get("use"), f"'use' for {name} in '{term}'", path, line), bool(value.get("verify", False)))
        else:
            result[key] = Instead(text_field(value, f"what to write in {name} instead of '{term}'", path, line))
    return result


def _rule(raw: Any, path: str) -> NationRule:
    line = entry_line(raw, {"term", "forms", "patterns", "applies_in", "instead"}, "each entry under 'rules' must start with 'term:'", "a nations rule", path)
    term = text_field(raw.get("term"), "'term'", path, line)
    patterns = [
        (re.compile(form_pattern(form, case_sensitive=is_abbreviation(form))), form.split()[0].lower())
        for form in text_list(raw.get("forms"), f"'forms' of '{term}'", path, line)
    ]
    for written in text_list(raw.get("patterns"), f"'patterns' of '{term}'", path, line):
        try:
            patterns.append((re.compile(written), required_words(written)))
        except re.error as error:
            raise CannotRun(path, f"a pattern of '{term}' is not a valid regular expression ({error})", line) from None
    if not patterns:
        raise CannotRun(path, f"'{term}' needs 'forms' (or 'patterns') to look for", line)
    applies_in = _nations(raw.get("applies_in"), f"'applies_in' of '{term}'", path, line)
    if not applies_in:
        raise CannotRun(path, f"'{term}' needs 'applies_in': the nations where these words are right", line)
    return NationRule(term, line, applies_in, _instead(raw.get("instead"), term, path, line), tuple(patterns))


def load_nation_rules(file: Path, display: str) -> NationRules | None:
    """The rules in docs/nations.yml; None when the file does not exist."""
    if not file.is_file():
        return None
    data = load_yaml_file(file, display, "nations file")
    if data is None:
        return NationRules(display, ())
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise CannotRun(display, "the nations file must start with 'rules:' followed by a list of rules", 1)
    return NationRules(display, tuple(_rule(item, display) for item in data.get("rules") or []))
