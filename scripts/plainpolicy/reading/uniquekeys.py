"""YAML loaders that refuse a key written twice in one mapping.

PyYAML keeps the last of two equal keys without a word, so a `rules: []` pasted
at the end of nations.yml silently switches every rule above it off. The YAML
spec says keys are unique; this mixin makes that an error naming both lines.
It only changes how mappings are built (Python code), so a loader on libyaml's
parser keeps libyaml's speed. A key that repeats one brought in by a merge
(`<<: *defaults`) is an override YAML allows, and is kept.
"""

from __future__ import annotations

from typing import Any

import yaml

_MERGE = "tag:yaml.org,2002:merge"


class DuplicateKey(yaml.constructor.ConstructorError):
    """A key written twice; lines counted from 0 in the parsed text, as YAML marks are."""

    def __init__(self, key: Any, first: yaml.Mark, second: yaml.Mark) -> None:
        super().__init__(None, None, f"the key {key!r} is written twice", second)
        self.key = key
        self.first_line = first.line
        self.second_line = second.line

    def message(self, offset: int = 1) -> str:
        """The plain-words message; offset: the file's line number of the parsed text's first line."""
        return (f"{self.key!r} is written twice, at lines {self.first_line + offset} and {self.second_line + offset}: "
                "YAML would silently keep only the last one; remove one of them, or merge the two")


class UniqueKeys:
    """Mixin for a SafeLoader (or its libyaml twin): a key written twice is a DuplicateKey error."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node)  # type: ignore[attr-defined]
            try:
                first = seen.setdefault(key, key_node.start_mark)
            except TypeError:
                continue  # an unhashable key: the loader's own error names it
            if first is not key_node.start_mark:
                raise DuplicateKey(key, first, key_node.start_mark)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]
