"""Reading mkdocs.yml without running MkDocs: docs_dir, Markdown extensions, our settings.

mkdocs.yml may hold tags such as `!!python/name:...` (emoji, for example) or
`!ENV`; a safe loader that understands just those keeps start-up fast and never
runs arbitrary code.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import yaml
import yaml_env_tag  # type: ignore[import-untyped]  # MkDocs' own !ENV (a dependency of mkdocs)

from plainpolicy import fastyaml
from plainpolicy.config import Settings, settings_from_mapping
from plainpolicy.errors import CannotRun, SettingError, shown
from plainpolicy.reading.relative_tag import RelativePath, construct_relative, placed

# MkDocs always adds these to the site's own list.
MKDOCS_DEFAULT_EXTENSIONS = ["toc", "tables", "fenced_code"]


class _ConfigLoader(yaml.SafeLoader):
    pass


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def env_node(node: yaml.Node) -> yaml.Node:
    """What an `!ENV` node stands for, as a node, as MkDocs reads it (yaml_env_tag): the
    first variable that is set, its text typed as a YAML scalar; else the default (the
    last of two or more items); else null. Any other node: itself."""
    if node.tag != "!ENV" or not isinstance(node, (yaml.ScalarNode, yaml.SequenceNode)):
        return node
    items = [node] if isinstance(node, yaml.ScalarNode) else list(node.value)
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, yaml.ScalarNode) and name.value in os.environ:
            value = os.environ[name.value]
            return yaml.ScalarNode(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)), value, node.start_mark, node.end_mark)
    return default if default is not None else yaml.ScalarNode("tag:yaml.org,2002:null", "", node.start_mark, node.end_mark)


_RESOLVER = yaml.resolver.Resolver()


def _anything(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    assert isinstance(node, yaml.MappingNode)  # the only other kind of node
    return loader.construct_mapping(node)


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)  # as MkDocs reads it
_ConfigLoader.add_constructor("!relative", construct_relative)  # as MkDocs reads it
_ConfigLoader.add_multi_constructor("!", _anything)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _anything)


@dataclass
class SiteConfig:
    """What plainpolicy needs from a site's mkdocs.yml."""

    config_file: Path | None
    docs_dir: Path
    settings: Settings
    extensions: list[Any] = field(default_factory=list)
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    exclude_docs: str = ""  # MkDocs' exclude_docs: files under docs/ that are never published
    custom_dir: str | None = None  # the theme's overrides folder, relative to mkdocs.yml
    draft_docs: str = ""  # MkDocs' draft_docs: files under docs/ a build leaves out (serve shows them)


def _plugin_settings(plugins: Any, path: str) -> dict[str, Any] | None:
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    for entry in plugins or []:
        if entry == "plainpolicy":
            return {}
        if isinstance(entry, dict) and "plainpolicy" in entry:
            value = entry["plainpolicy"]
            if value is not None and not isinstance(value, dict):
                raise SettingError(path, "the plainpolicy plugin's settings must be a mapping")
            return value or {}
    return None


def split_extensions(raw: Any, path: str) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """MkDocs' `markdown_extensions` list, as Python-Markdown's two arguments."""
    names: list[Any] = list(MKDOCS_DEFAULT_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    if isinstance(raw, dict):
        raw = [{name: value} for name, value in raw.items()]
    if raw is not None and not isinstance(raw, list):
        raise CannotRun(path, "'markdown_extensions' must be a list")
    for entry in raw or []:
        if isinstance(entry, str):
            name, options = entry, dict[str, Any]()
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            options = options or {}
        else:
            raise CannotRun(path, f"cannot read the markdown_extensions entry {shown(entry)}")
        if name not in names:
            names.append(name)
        if options:
            configs[name] = dict(options)
    return names, configs


def find_config(start: Path) -> Path | None:
    """mkdocs.yml in `start` or the nearest folder above it."""
    for folder in [start, *start.parents]:
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_site_config(config_file: Path | None) -> SiteConfig:
    """Read mkdocs.yml (or use defaults when there is none)."""
    if config_file is None:
        return SiteConfig(None, Path("docs").resolve(), settings_from_mapping({}, "(defaults)"))
    path = str(config_file)
    data = _read_config(config_file, [])
    root = config_file.resolve().parent
    docs_dir = root / str(data.get("docs_dir") or "docs")
    try:
        settings = settings_from_mapping(_plugin_settings(data.get("plugins"), path), path)
    except SettingError as error:
        raise where_written(error, config_file) from None
    extensions, configs = split_extensions(data.get("markdown_extensions"), path)
    configs = placed(configs, root, docs_dir)  # !relative $config_dir/... and $docs_dir/...
    _anchor_snippets(configs, root)
    extra: dict[str, Any] = data["extra"] if isinstance(data.get("extra"), dict) else {}
    theme: dict[str, Any] = data["theme"] if isinstance(data.get("theme"), dict) else {}
    custom_dir: str | None = theme["custom_dir"] if isinstance(theme.get("custom_dir"), str) else None
    exclude_docs: str = data["exclude_docs"] if isinstance(data.get("exclude_docs"), str) else ""
    draft_docs: str = data["draft_docs"] if isinstance(data.get("draft_docs"), str) else ""
    return SiteConfig(config_file, docs_dir, settings, extensions, configs, extra, exclude_docs, custom_dir, draft_docs)


def _read_config(config_file: Path, seen: list[Path]) -> dict[str, Any]:
    """One configuration file, merged into the file it names with `INHERIT:` as MkDocs
    merges them (mkdocs.utils.yaml.yaml_load): the parent is read first, relative to
    the file that names it; then the child's settings win, mappings merged key by key."""
    path = str(config_file)
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CannotRun(path, f"cannot read the MkDocs configuration ({error})") from None
    try:
        data = fastyaml.load(text, _ConfigLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise CannotRun(path, f"not valid YAML ({getattr(error, 'problem', None) or error})", mark.line + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise CannotRun(path, "the MkDocs configuration must be a mapping")
    if "INHERIT" not in data:
        return data
    named = data.pop("INHERIT")
    line = next((number for number, row in enumerate(text.splitlines(), 1) if row.startswith("INHERIT:")), None)
    parent = config_file.parent / str(named)
    if not isinstance(named, str) or not parent.is_file():
        raise CannotRun(path, f"INHERIT names {shown(named)}, which is not a file (looked for {parent})", line)
    resolved = config_file.resolve()
    if parent.resolve() in [*seen, resolved]:
        raise CannotRun(path, f"INHERIT: {named} inherits, in the end, from this file itself", line)
    return _merged(_read_config(parent, [*seen, resolved]), data)


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """child over parent: mappings merged key by key, anything else (lists too) replaced."""
    merged = dict(parent)
    for key, value in child.items():
        old = merged.get(key)
        merged[key] = _merged(old, value) if isinstance(old, dict) and isinstance(value, dict) else value
    return merged


def read_values(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml's top-level values, inherited ones included ({} when it cannot be read:
    load_site_config reports that)."""
    try:
        return _read_config(config_file, [])
    except CannotRun:
        return {}


class Composer(yaml.SafeLoader):
    """Composes any tag (!ENV, !!python/name:...) into nodes without constructing it: for lines."""


def config_chain(config_file: Path) -> list[tuple[Path, yaml.Node | None]]:
    """mkdocs.yml and each file it inherits from (INHERIT:, relative to the file that names
    it, as MkDocs follows it), child first, each with its YAML nodes: where a setting is
    written, file and line. A file that cannot be read ends the chain (load_site_config
    reports it)."""
    chain: list[tuple[Path, yaml.Node | None]] = []
    seen: set[Path] = set()
    file: Path | None = config_file
    while file is not None and file.resolve() not in seen:
        seen.add(file.resolve())
        try:
            root = fastyaml.compose(file.read_text(encoding="utf-8-sig"), Composer)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            break
        chain.append((file, root))
        parent = child_node(root, "INHERIT")
        file = file.parent / parent.value if isinstance(parent, yaml.ScalarNode) and parent.value else None
    return chain


def child_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value under `key` in a YAML mapping (None if node is not a mapping or lacks the key).
    A key written twice: the last one, as YAML (and so MkDocs) keeps it."""
    return mapping_items(node).get(key)


def _entry(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """`key` and its value as nodes (the last if written twice; None if not there)."""
    pairs = [(name, value) for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key] if isinstance(node, yaml.MappingNode) else []
    return pairs[-1] if pairs else None


def _plugin_entry(plugins: yaml.Node) -> tuple[yaml.Node, yaml.Node | None] | None:
    """The plainpolicy entry of `plugins:` (a list, or a mapping) as (its name, its settings)."""
    if isinstance(plugins, yaml.MappingNode):
        return _entry(plugins, "plainpolicy")
    items = plugins.value if isinstance(plugins, yaml.SequenceNode) else []
    found = [(item, None) if isinstance(item, yaml.ScalarNode) and item.value == "plainpolicy" else _entry(item, "plainpolicy") for item in items]
    named = [entry for entry in found if entry is not None]
    return named[-1] if named else None


def setting_place(config_file: Path, keys: Sequence[str]) -> tuple[Path, int] | None:
    """The file and line that write the plainpolicy setting under `keys` (("min_words",),
    ("severities", "sentence/too-long")), as MkDocs merges the INHERIT chain: `plugins:` as
    a list is taken whole from the first file that has one; as a mapping it is merged key
    by key, so a setting it leaves out is looked for in the parents. The line is that of
    the deepest of `keys` written there (the plugin's own entry if none is)."""
    first: tuple[Path, int] | None = None
    for file, root in config_chain(config_file):
        plugins = child_node(root, "plugins")
        entry = _plugin_entry(plugins) if plugins is not None else None
        if entry is not None:
            line, node, written = int(entry[0].start_mark.line) + 1, entry[1], 0
            for key in keys:
                found = _entry(node, key)
                if found is None:
                    break
                line, node, written = int(found[0].start_mark.line) + 1, found[1], written + 1
            if written or isinstance(plugins, yaml.SequenceNode):
                return file, line
            first = first or (file, line)
        elif isinstance(plugins, yaml.SequenceNode):
            break
    return first


def where_written(error: SettingError, config_file: Path) -> CannotRun:
    """A bad setting's error, naming the file and line that write it (as it was if not found)."""
    place = setting_place(config_file, error.setting)
    return CannotRun(str(place[0]), error.message, place[1]) if place else error


def mapping_items(node: yaml.Node | None) -> dict[str, yaml.Node]:
    """A YAML mapping's keys and value nodes, each key's LAST value winning as
    YAML (and so MkDocs) keeps it ({} if node is not a mapping)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    items: dict[str, yaml.Node] = {}
    for name, value in node.value:
        if isinstance(name, yaml.ScalarNode):
            items[name.value] = value
    return items


def _anchor_snippets(configs: dict[str, dict[str, Any]], root: Path) -> None:
    """Snippet paths are relative to where mkdocs runs: make them absolute."""
    options = configs.get("pymdownx.snippets")
    if not options or "base_path" not in options:
        return
    base = options["base_path"]
    paths = base if isinstance(base, list) else [base]
    options["base_path"] = [item if isinstance(item, RelativePath) else str(root / item) for item in paths]
