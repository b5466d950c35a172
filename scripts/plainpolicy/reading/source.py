"""Reading a Markdown source file safely: encoding, line endings, front matter.

Every problem becomes a CannotRun naming the file and line. Nothing here writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from plainpolicy.errors import CannotRun
from plainpolicy.reading.uniquekeys import DuplicateKey, UniqueKeys

_FENCE_OPEN = re.compile(r"^---[ \t]*$")
_FENCE_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class SourcePage:
    """One Markdown file as the checker sees it.

    `body_line` is the 1-based line number in the file of the first line of
    `body` (the text after the front matter), so a line in the body maps back
    to the file by adding `body_line - 1`.
    """

    path: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def not_generated(source: SourcePage) -> SourcePage:
    """The page without a `generated:` claim in its meta: only pages plainpolicy makes may
    make it (see Checker.check_page). Its line stays in meta_lines, for the front matter
    check to report it."""
    if "generated" not in source.meta:
        return source
    return replace(source, meta={key: value for key, value in source.meta.items() if key != "generated"})


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text with a BOM removed and every line ending made "\\n"."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CannotRun(path, "the file is saved as UTF-16; save it as UTF-8 instead", 1)
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise CannotRun(path, "the file contains a NUL byte: is it a binary file? Save it as UTF-8 text", line)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CannotRun(path, "the file is not valid UTF-8 text; save it as UTF-8", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _LineLoader(UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (libyaml when available) that leaves dates as text,
    so "reviewed: 2026-13-40" is our error to report, not a crash; a key written twice is an error."""


_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_with_node(block: str) -> tuple[Any, Any]:
    """Parse once: the node tree (for key lines) and the data built from it."""
    loader = _LineLoader(block)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data
    finally:
        loader.dispose()


class _PythonLineLoader(UniqueKeys, yaml.SafeLoader):
    yaml_implicit_resolvers = _LineLoader.yaml_implicit_resolvers


def python_yaml_error(block: str, loader: type = _PythonLineLoader) -> yaml.YAMLError | None:
    """The pure-Python parser's error for text libyaml rejected: its mark points at the better line."""
    try:
        yaml.load(block, Loader=loader)
    except yaml.YAMLError as error:
        return error
    except RecursionError:
        return None
    return None


def unreasonable(data: Any, max_depth: int = 50, max_values: int = 10_000) -> str | None:
    """Why parsed YAML is too much to work with ("nested too deeply", "too big"), else None.

    Walks the data as the code that reads it would, aliases expanded, and stops
    early: a 5,000-deep list (which makes str() recurse) or a "billion laughs"
    alias bomb (a few lines of *a, *a, ... that expand to millions of values)
    costs at most `max_values` steps here instead of a crash or a hang later.
    """
    stack: list[tuple[Any, int]] = [(data, 1)]
    seen = 0
    while stack:
        value, depth = stack.pop()
        seen += 1
        if depth > max_depth:
            return "nested too deeply"
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, (list, tuple, set)):
            stack.extend((item, depth + 1) for item in value)
        if seen + len(stack) > max_values:
            return "too big"
    return None


def parse_front_matter(block: str, path: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse the YAML between the fences; return the mapping and each key's line."""
    try:
        node, data = _load_with_node(block)
    except DuplicateKey as error:
        raise CannotRun(path, f"in the front matter, {error.message(first_line)}", first_line + error.second_line) from None
    except yaml.YAMLError as error:
        error = python_yaml_error(block) or error  # libyaml is fast; the pure-Python parser points at the better line
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise CannotRun(path, f"the front matter is not valid YAML ({problem})", line) from None
    except RecursionError:
        raise CannotRun(path, "the front matter is nested too deeply to read (brackets or indents inside each other hundreds of times)", first_line) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise CannotRun(path, "the front matter must be a list of 'key: value' lines", first_line)
    problem = unreasonable(data)
    if problem:
        raise CannotRun(path, f"the front matter is {problem} to read (brackets or indents inside each other, or YAML aliases (*name) repeated many times)", first_line)
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return {str(key): value for key, value in data.items()}, lines


def split_front_matter(text: str, path: str) -> SourcePage:
    """Separate the front matter (between two '---' lines at the top) from the body."""
    lines = text.split("\n")
    if not lines or not _FENCE_OPEN.match(lines[0]):
        return SourcePage(path=path, text=text, body=text, body_line=1)
    for index in range(1, len(lines)):
        if _FENCE_CLOSE.match(lines[index]):
            meta, meta_lines = parse_front_matter("\n".join(lines[1:index]), path, 2)
            body_start = index + 1
            return SourcePage(
                path=path,
                text=text,
                meta=meta,
                meta_lines=meta_lines,
                body="\n".join(lines[body_start:]),
                body_line=body_start + 1,
            )
    raise CannotRun(path, "the front matter starts with '---' but never ends: add a '---' line after it", 1)


def read_text(file: Path, display: str | None = None) -> str:
    """One Markdown file's text, or raise CannotRun saying why it cannot be read."""
    name = display or str(file)
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise CannotRun(name, f"cannot read the file ({error.strerror or error})") from None
    return decode(raw, name)


def read_page(file: Path, display: str | None = None) -> SourcePage:
    """Read and split one Markdown file, or raise CannotRun saying why not."""
    name = display or str(file)
    return split_front_matter(read_text(file, name), name)
