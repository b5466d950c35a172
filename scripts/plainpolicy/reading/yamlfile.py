"""Loading a YAML data file with line numbers, for messages that name file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from plainpolicy.errors import CannotRun
from plainpolicy.reading.source import decode, python_yaml_error, unreasonable
from plainpolicy.reading.uniquekeys import DuplicateKey, UniqueKeys


class KeyLines(dict[Any, Any]):
    """A mapping read from a data file, with the line of each of its keys (field_line)."""

    key_lines: dict[Any, int]


class _Lines(UniqueKeys):
    """Keeps each mapping's line number under '__line__' (and each key's, see field_line);
    a key written twice and an impossible date are YAML errors."""

    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:
        data = KeyLines()
        data.key_lines = {}
        yield data
        data.update(self.construct_mapping(node))
        data.key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date YAML recognises but the calendar does not (2026-02-30): a YAML error with its line."""
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except (ValueError, OverflowError) as error:
            raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a real date ({error})", node.start_mark) from None


class LineLoader(_Lines, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The fast loader (libyaml when the wheel has it)."""


class _PythonLineLoader(_Lines, yaml.SafeLoader):
    """The pure-Python loader: slower, but its error marks point at the better line."""


for _loader in (LineLoader, _PythonLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _loader.construct_yaml_timestamp)  # type: ignore[type-var]
    _loader.add_constructor("tag:yaml.org,2002:map", _loader.construct_yaml_map)  # type: ignore[type-var]


def load_yaml_file(file: Path, display: str, what: str) -> Any:
    """Parse a YAML file, or raise CannotRun naming the file and line."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise CannotRun(display, f"cannot read the {what} ({error.strerror or error})") from None
    text = decode(raw, display)
    try:
        data = yaml.load(text, Loader=LineLoader)
    except DuplicateKey as error:
        raise CannotRun(display, f"in the {what}, {error.message()}", error.second_line + 1) from None
    except yaml.YAMLError as error:
        error = python_yaml_error(text, _PythonLineLoader) or error  # the pure-Python parser points at the better line
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise CannotRun(display, f"the {what} is not valid YAML ({problem})", mark.line + 1 if mark else None) from None
    except RecursionError:
        raise CannotRun(display, f"the {what} is nested too deeply to read (brackets or indents inside each other hundreds of times)") from None
    problem = unreasonable(data, max_values=1_000_000)
    if problem:
        raise CannotRun(display, f"the {what} is {problem} to read (brackets or indents inside each other, or YAML aliases (*name) repeated many times)") from None
    return data


def field_line(mapping: Any, key: str) -> int:
    """The line a mapping's key is written on (the mapping's own line if not known)."""
    line: int = getattr(mapping, "key_lines", {}).get(key) or (mapping.get("__line__", 1) if isinstance(mapping, dict) else 1)
    return line


def text_field(value: Any, where: str, path: str, line: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CannotRun(path, f"{where} must be some text", line)
    return value.strip()


def text_list(value: Any, where: str, path: str, line: int) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CannotRun(path, f"{where} must be a list", line)
    return [text_field(item, where, path, line) for item in value]


def parse_date(value: Any) -> dt.date | None:
    """A date from YAML (a date, a datetime or YYYY-MM-DD text), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def entry_line(raw: Any, fields: set[str], not_a_mapping: str, what: str, path: str) -> int:
    """The line of one entry of a data file, after checking it is a mapping of known fields.

    not_a_mapping: the message when it is not (for example "each entry under 'rules'
    must start with 'term:'"); what: the entry's kind, named with any unknown field."""
    if not isinstance(raw, dict):
        raise CannotRun(path, not_a_mapping)
    line: int = raw.get("__line__", 1)
    unknown = set(raw) - fields - {"__line__"}
    if unknown:
        raise CannotRun(path, f"unknown field(s) {', '.join(sorted(unknown))} in {what}", line)
    return line


def voice_list(value: Any, voices: set[str], owner: str, path: str, line: int) -> frozenset[str] | None:
    """An entry's `voices:` (None when it has none: every voice), each a voice of the site.

    owner: how the entry is named in a message, for example "'forthwith'"."""
    if value is None:
        return None
    listed = text_list(value, f"the voices of {owner}", path, line)
    unknown = set(listed) - voices
    if unknown:
        raise CannotRun(path, f"{owner} names unknown voice(s) {', '.join(sorted(unknown))}", line)
    return frozenset(listed)

