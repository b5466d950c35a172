"""libyaml's speed, with the pure-Python parser's answer whenever libyaml says no.

PyYAML's pure-Python parser takes 15-20 ms for mkdocs.yml; libyaml (the C parser
in PyYAML's wheels) takes 2. They agree on every valid file the kit and its tests
hold (tests/test_fastyaml.py compares values, tags and line numbers), but their
error messages differ. So a file is parsed with libyaml first and, only if that
fails, again with the pure-Python loader: a contributor sees the same message and
line as before, and a file only libyaml rejects is still read.
"""

from __future__ import annotations

import importlib
from typing import Any

import yaml

__all__ = ["c_twin", "load", "compose"]

# None where PyYAML was built without libyaml.
_CParser: Any = getattr(importlib.import_module("yaml.cyaml"), "CParser", None) if getattr(yaml, "__with_libyaml__", False) else None


def c_twin(loader: type[yaml.SafeLoader]) -> type:
    """A loader that builds values exactly as `loader` does (its constructors and
    resolvers, which are Python) on libyaml's parser; `loader` itself without libyaml."""
    if _CParser is None:
        return loader

    def __init__(self: Any, stream: Any) -> None:
        _CParser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    return type(f"C{loader.__name__}", (_CParser, loader), {"__init__": __init__})


_FAILED = (yaml.YAMLError, UnicodeEncodeError)  # libyaml reads UTF-8: a lone surrogate fails before parsing


def load(text: str, exact: type[yaml.SafeLoader], fast: type | None = None) -> Any:
    """yaml.load(text, Loader=exact), parsed by libyaml (fast: c_twin(exact)) when it can."""
    try:
        return yaml.load(text, Loader=fast or _twin(exact))
    except _FAILED:
        return yaml.load(text, Loader=exact)


def compose(text: str, exact: type[yaml.SafeLoader] = yaml.SafeLoader) -> yaml.Node | None:
    """yaml.compose(text, Loader=exact), by libyaml when it can (marks give the same lines)."""
    try:
        return yaml.compose(text, Loader=_twin(exact))
    except _FAILED:
        return yaml.compose(text, Loader=exact)


_twins: dict[type, type] = {}


def _twin(loader: type[yaml.SafeLoader]) -> type:
    if loader not in _twins:
        _twins[loader] = c_twin(loader)
    return _twins[loader]
