"""Unfilled placeholders in mkdocs.yml's `extra:` section ("[Your organisation]", dsl@example.org).

The kit ships with placeholders so that it builds for preview straight away. A
site that is being published must not show them: a young person who taps
"[DSL phone number]" gets no help. A build is a publishing build when
`extra.publish` is true, or when it is not set and `site_url` is. A `publish:` that
is not true or false (`"false"` in quotes) is an error (publish_setting.py), and
counts as true until it is put right.

Line numbers come from the YAML node tree (yaml.compose), so each finding
names the key ("extra.organisation.name") and its file and line: mkdocs.yml, or
a file it inherits from (INHERIT:), whose `extra:` MkDocs merges key by key
under the child's.
Contacts whose `nations:` leave out every nation the site is for are skipped:
a Scotland-only site need not fill in England's LADO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence
from urllib.parse import urlsplit

import yaml

from plainpolicy.findings import ERROR, INFO, Finding
from plainpolicy.reading.mkdocs_config import (
    child_node,
    config_chain,
    env_node,
    mapping_items,
    read_values,
)
from plainpolicy.rules import publish_setting

RULE = "site/placeholder"
ALL_NATIONS = ("england", "wales", "scotland", "northern-ireland")

# "[Your organisation]" but not a Markdown link "[text](url)".
BRACKETED = re.compile(r"\[[^\[\]]+\](?!\()")
# Addresses and sites reserved for examples (RFC 2606), and "example" in a mail domain.
EXAMPLE_ADDRESS = re.compile(r"[\w.+-]*@?[\w.-]*\bexample\.(?:org|com|net)\b|\S+@\S*\.(?:example|invalid|test)\b", re.I)


@dataclass(frozen=True)
class Placeholder:
    key: str  # "extra.organisation.safeguarding_lead.phone"
    line: int  # in its file, from 1
    text: str  # the placeholder itself
    file: Path  # mkdocs.yml, or the file it inherits the value from


Layer = tuple[Path, yaml.Node]  # a value as one file of the chain writes it


def placeholders_in(config_file: Path, nations: Sequence[str] | None = None) -> list[Placeholder]:
    """Every placeholder under `extra:` as MkDocs reads it (INHERIT followed, the child's values winning)."""
    layers = [(file, extra) for file, root in config_chain(config_file) if (extra := child_node(root, "extra")) is not None]
    if not layers:
        return []  # reading mkdocs.yml is reported by whoever loads it
    chosen = set(nations or ALL_NATIONS)
    return list(_walk(_in_effect(layers), "extra", chosen, {}))


LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", ""}


def is_publishing(site_url: Any, extra: dict[str, Any] | None) -> bool:
    """`extra.publish` when set; otherwise whether the site has a site_url.

    `mkdocs serve` sets site_url to its own address (http://127.0.0.1:8000/):
    a site_url on this machine is a preview, never a publishing build.
    A `publish:` that is not true or false counts as true (fail safe)."""
    publish = (extra or {}).get("publish")
    if isinstance(publish, bool):
        return publish
    if publish_setting.is_wrong(extra):
        return True
    url = str(site_url or "").strip()
    return bool(url) and (urlsplit(url).hostname or "") not in LOCAL_HOSTS


def findings(config_file: Path, publishing: bool, nations: Sequence[str] | None, display: Callable[[Path], str]) -> list[Finding]:
    """One finding per placeholder: an error in a publishing build, otherwise a note.
    display: how a file's path is shown."""
    severity = ERROR if publishing else INFO
    when = "a published site must not show it" if publishing else "fill it in before you publish"
    return [
        Finding(display(item.file), item.line, RULE, severity,
                f"{item.key} is still the placeholder {item.text!r}: {when}.",
                hint="Put your organisation's real details in mkdocs.yml (see docs/contributing/adapting-the-kit.md).")
        for item in placeholders_in(config_file, nations)
    ]


def site_findings(config_file: Path | None, nations: Sequence[str] | None, display: Callable[[Path], str]) -> list[Finding]:
    """For `plainpolicy check`: reads site_url and extra.publish from the files themselves."""
    if config_file is None:
        return []
    values = read_values(config_file)
    extra = values.get("extra") if isinstance(values.get("extra"), dict) else None
    wrong = publish_setting.finding(config_file, extra, display)
    return [*([wrong] if wrong else []), *findings(config_file, is_publishing(values.get("site_url"), extra), nations, display)]


def files_with(items: list[Finding]) -> str:
    """"mkdocs.yml has", or "mkdocs.yml and base.yml have": where the placeholders are written."""
    files = list(dict.fromkeys(item.path for item in items))
    return " and ".join(files) + (" has" if len(files) == 1 else " have")


def publishing_message(items: list[Finding]) -> str:
    listing = "\n".join(f"  {f.path}:{f.line} {f.message}" for f in items)
    return (f"plainpolicy: this is a publishing build (site_url or extra.publish is set) and {files_with(items)} "
            f"{len(items)} placeholder{'s' * (len(items) != 1)} still to fill in:\n{listing}\n"
            "Fill them in, or remove site_url to build a preview.")


def _in_effect(layers: list[Layer]) -> list[Layer]:
    """The layers of one value that MkDocs merges, child first: a mapping is merged key by
    key with its parents' mappings; anything else (a list too) replaces what they had.
    An `!ENV` value is what it stands for (the variable when set, else its default)."""
    layers = [(file, env_node(node)) for file, node in layers]
    kept = layers[:1]
    if isinstance(layers[0][1], yaml.MappingNode):
        for layer in layers[1:]:
            if not isinstance(layer[1], yaml.MappingNode):
                break
            kept.append(layer)
    return kept


def _walk(layers: list[Layer], key: str, nations: set[str], seen: dict[tuple[int, ...], list[Layer]]) -> Iterator[Placeholder]:
    """The placeholders under one value, each node walked once: a YAML anchor used in many
    places (`*alias`) is one node, so it is reported once, at its own line, under its first
    key. An alias bomb (anchors of anchors: 9 levels of 9 make 9**9 copies) is then walked
    at the size it is written, and an anchor that holds itself ends."""
    identity = tuple(id(node) for _, node in layers)
    if identity in seen:
        return
    seen[identity] = layers  # kept alive: an id is unique only while its object lives
    file, node = layers[0]
    if isinstance(node, yaml.ScalarNode):
        if isinstance(node.value, str):
            for text in _placeholder_texts(node.value):
                yield Placeholder(key, node.start_mark.line + 1, text, file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if _applies(item, nations):
                yield from _walk(_in_effect([(file, item)]), f"{key}[{index}]", nations, seen)
    elif isinstance(node, yaml.MappingNode):
        names: dict[str, list[Layer]] = {}  # the oldest parent's keys first, as MkDocs merges them
        for where, mapping in reversed(layers):
            assert isinstance(mapping, yaml.MappingNode)  # _in_effect keeps mappings only
            for name, value in mapping_items(mapping).items():
                if name != "nations":
                    names.setdefault(name, []).insert(0, (where, value))
        for name, values in names.items():
            yield from _walk(_in_effect(values), f"{key}.{name}", nations, seen)


def _placeholder_texts(value: str) -> list[str]:
    """Bracketed texts, then example addresses that are not inside one ("[dsl@example.org]" is one placeholder)."""
    brackets = [(match.start(), match.end()) for match in BRACKETED.finditer(value)]
    examples = [match.group(0) for match in EXAMPLE_ADDRESS.finditer(value)
                if not any(start <= match.start() < end for start, end in brackets)]
    return [value[start:end] for start, end in brackets] + examples


def _applies(item: yaml.Node, nations: set[str]) -> bool:
    """A contact with `nations:` applies when it names at least one of the site's nations."""
    listed = child_node(item, "nations")
    if not isinstance(listed, yaml.SequenceNode):
        return True
    names = {str(entry.value).strip().lower().replace(" ", "-") for entry in listed.value if isinstance(entry, yaml.ScalarNode)}
    return bool(names & nations)
