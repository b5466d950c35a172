"""The site's Markdown extensions, made without asking every installed package.

Python-Markdown finds an extension named in mkdocs.yml by first reading the entry
points of every installed distribution (`importlib.metadata`), which takes 30 to 40 ms
in a normal environment: a twentieth of a whole check of the kit, spent before any
page is read. The names a site writes are almost always Python-Markdown's own short
names (`toc`, `tables`) or dotted module names (`pymdownx.details`), and for those
the answer is known without the search: Python-Markdown registers its own short names
as `markdown.extensions.<name>`, and a dotted name is imported as a module.

Any other name (a short name another package registers) is left for Python-Markdown
to find its own way, so such a site renders exactly as before. The one difference:
a package that registered an entry point under a built-in or a dotted name would win
in Python-Markdown and not here.
"""

from __future__ import annotations

import importlib
from typing import Any

from markdown.extensions import Extension

# Python-Markdown's own entry points (its pyproject.toml): each is markdown.extensions.<name>.
BUILT_IN = frozenset({
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes",
    "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
})


def made_extensions(names: list[Any], configs: dict[str, dict[str, Any]]) -> list[Any]:
    """Each extension made with its settings where its module is known; any other
    name as it was (Python-Markdown then finds it and applies its settings)."""
    return [_made(name, configs.get(name) or {}) if isinstance(name, str) and _known(name) else name for name in names]


def _known(name: str) -> bool:
    return name in BUILT_IN or "." in name


def _made(name: str, settings: dict[str, Any]) -> Any:
    """As Python-Markdown's build_extension makes it once it has the module."""
    module_name, class_name = name.split(":", 1) if ":" in name else (name, "")
    if "." not in module_name:
        module_name = f"markdown.extensions.{module_name}"
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return name  # Python-Markdown gives its own message for a name it cannot load
    maker = getattr(module, class_name, None) if class_name else getattr(module, "makeExtension", None)
    if maker is None:
        return name
    extension = maker(**dict(settings))
    return extension if isinstance(extension, Extension) else name
