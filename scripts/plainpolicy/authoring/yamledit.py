"""Precise edits to a YAML file: change one value, or add one key, and leave every other byte alone.

`plainpolicy init` writes an organisation's details into mkdocs.yml, which
contributors have commented and ordered by hand. A round-trip YAML library
would re-indent flow lists and long lines; here PyYAML's parser only finds where
each value is (its start and end in the text), and the edit replaces exactly
that span. Comments, order, quoting and blank lines elsewhere stay as they were.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

import yaml

from plainpolicy.errors import CannotRun
from plainpolicy.reading.mkdocs_config import Composer

Value = str | list[str]


@dataclass(frozen=True)
class Found:
    node: yaml.Node | None  # the value's node, None when the key is missing
    parent: yaml.MappingNode  # the mapping that holds (or would hold) the key


def compose(text: str, display: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=Composer)  # nodes only: MkDocs tags such as !ENV are harmless
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise CannotRun(display, f"not valid YAML ({problem}); nothing was changed", mark.line + 1 if mark else None) from None
    if not isinstance(node, yaml.MappingNode):
        raise CannotRun(display, "must be a YAML mapping (key: value lines); nothing was changed", 1)
    return node


def child(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    for key_node, value in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value
    return None


def plugin_options(root: yaml.MappingNode, name: str, display: str) -> yaml.MappingNode:
    """The option mapping of `- name:` under `plugins:`."""
    plugins = child(root, "plugins")
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.MappingNode):
                options = child(item, name)
                if isinstance(options, yaml.MappingNode):
                    return options
    raise CannotRun(display, f"no '- {name}:' entry with options under 'plugins:'; nothing was changed")


def find(root: yaml.MappingNode, path: Sequence[str], display: str) -> Found:
    """The node at a key path such as ('extra', 'organisation', 'name')."""
    mapping = root
    for depth, key in enumerate(path):
        node = child(mapping, key)
        if depth == len(path) - 1:
            return Found(node, mapping)
        if not isinstance(node, yaml.MappingNode):
            where = ".".join(path[: depth + 1])
            raise CannotRun(display, f"'{where}' must be a mapping of keys (it is missing or holds a single value); nothing was changed")
        mapping = node
    raise ValueError("empty key path")


def scalar(value: str) -> str:
    """A double-quoted YAML scalar: safe for any text (colons, hashes, quotes)."""
    return json.dumps(value, ensure_ascii=False)


def flow(value: Value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(item) for item in value) + "]"
    return scalar(value)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def replace(text: str, found: Found, value: Value) -> str:
    """Replace an existing value in place. A block list or mapping becomes a flow value on the key's line."""
    node = found.node
    assert node is not None
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.flow_style:
        # A block collection ends where the next token starts: cut back to the end of its last item.
        last = node.value[-1] if isinstance(node, yaml.SequenceNode) and node.value else None
        if isinstance(node, yaml.MappingNode) and node.value:
            last = node.value[-1][1]
        end = last.end_mark.index if last is not None else end
        key_end = text.rfind(":", 0, start)
        start = key_end + 1
        return text[:start] + " " + flow(value) + text[end:]
    return text[:start] + flow(value) + text[end:]


def insert(text: str, found: Found, key: str, value: Value) -> str:
    """Add `key: value` to a block mapping, at its indentation: after its last key when that
    key's value ends on a line of its own (a single value or a [flow, list]), else as its first key."""
    parent = found.parent
    if parent.flow_style or not parent.value:
        raise CannotRun("", f"cannot add '{key}' to a mapping written on one line; add it by hand")
    first_key = parent.value[0][0]
    indent = " " * first_key.start_mark.column
    line_start = _line_start(text, first_key.start_mark.index)
    if text[line_start : first_key.start_mark.index].strip():
        raise CannotRun("", f"cannot add '{key}' here: its mapping starts on a line with other text; add it by hand")
    last = parent.value[-1][1]
    if isinstance(last, yaml.ScalarNode) and last.style not in ("|", ">") or getattr(last, "flow_style", False):
        end_of_line = text.find("\n", last.end_mark.index)
        line_start = len(text) if end_of_line < 0 else end_of_line + 1
        if end_of_line < 0:
            text += "\n"
            line_start = len(text)
    return text[:line_start] + f"{indent}{key}: {flow(value)}\n" + text[line_start:]


def current(node: yaml.Node | None) -> Value | None:
    """A found value as plain text or a list of texts (None when missing or something else)."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in node.value):
        return [item.value for item in node.value]
    return None
