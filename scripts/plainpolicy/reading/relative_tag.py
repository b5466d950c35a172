"""MkDocs' `!relative` tag (mkdocs.utils.yaml), read as MkDocs reads it.

    base_path: [!relative $config_dir/docs]   # the folder of mkdocs.yml, then docs
    base_path: [!relative $docs_dir/snippets]  # docs_dir, then snippets
    base_path: [!relative]                     # the folder of the page being rendered

MkDocs builds a fresh Python-Markdown for every page, so the last form means each
page's own folder; the Renderer does the same when a setting uses it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class RelativePath:
    """A `!relative` value before it is placed: base is "$config_dir", "$docs_dir" or ""
    (the page's own folder, which takes no suffix)."""

    base: str
    suffix: str = ""


def construct_relative(loader: yaml.SafeLoader, node: yaml.Node) -> RelativePath:
    """The `!relative` constructor: what MkDocs refuses is refused, at the tag's line."""
    value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None
    if not isinstance(value, str):
        raise yaml.constructor.ConstructorError(None, None, "!relative takes a path such as $config_dir/docs, not a list or a mapping", node.start_mark)
    prefix, _, suffix = value.partition("/")
    if prefix in ("$config_dir", "$docs_dir"):
        return RelativePath(prefix, suffix)
    if prefix.startswith("$"):
        raise yaml.constructor.ConstructorError(None, None, f"unknown prefix {prefix!r} in !relative {value!r} (MkDocs knows $config_dir and $docs_dir)", node.start_mark)
    if value:
        raise yaml.constructor.ConstructorError(None, None, f"!relative on its own means the page's folder and takes no path; received {value!r}", node.start_mark)
    return RelativePath("")


def placed(value: Any, config_dir: Path, docs_dir: Path, page_folder: Path | None = None) -> Any:
    """value with each `!relative` made a path as MkDocs makes it (os.path.join, so
    `$config_dir` alone ends in a slash). The page's folder is kept as a RelativePath
    until a page is rendered (page_folder)."""
    if isinstance(value, RelativePath):
        base = {"$config_dir": config_dir, "$docs_dir": docs_dir}.get(value.base, page_folder)
        return value if base is None else os.path.join(base, value.suffix)
    if isinstance(value, list):
        return [placed(item, config_dir, docs_dir, page_folder) for item in value]
    if isinstance(value, dict):
        return {key: placed(item, config_dir, docs_dir, page_folder) for key, item in value.items()}
    return value


def for_page(value: Any, folder: Path) -> Any:
    """value with each bare `!relative` made the folder of the page being rendered."""
    return placed(value, folder, folder, folder)


def needs_page(value: Any) -> bool:
    """Whether a setting still holds a bare `!relative` (the page's own folder)."""
    if isinstance(value, RelativePath):
        return True
    if isinstance(value, (list, dict)):
        return any(needs_page(item) for item in (value.values() if isinstance(value, dict) else value))
    return False
