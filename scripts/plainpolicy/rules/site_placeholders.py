"""Unfilled placeholders in mkdocs.yml's `extra:` section ("[Your organisation]", dsl@example.org).

The kit ships with placeholders so that it builds for preview straight away. A
site that is being published must not show them: a young person who taps
"[DSL phone number]" gets no help. A build is a publishing build when
`extra.publish` is true, or when it is not set and `site_url` is.

Line numbers come from the YAML node tree (yaml.compose), so each finding
names the key ("extra.organisation.name") and its line in mkdocs.yml.
Contacts whose `nations:` leave out every nation the site is for are skipped:
a Scotland-only site need not fill in England's LADO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import urlsplit

import yaml

from plainpolicy import fastyaml
from plainpolicy.findings import ERROR, INFO, Finding

RULE = "site/placeholder"
ALL_NATIONS = ("england", "wales", "scotland", "northern-ireland")

# "[Your organisation]" but not a Markdown link "[text](url)".
BRACKETED = re.compile(r"\[[^\[\]]+\](?!\()")
# Addresses and sites reserved for examples (RFC 2606), and "example" in a mail domain.
EXAMPLE_ADDRESS = re.compile(r"[\w.+-]*@?[\w.-]*\bexample\.(?:org|com|net)\b|\S+@\S*\.(?:example|invalid|test)\b", re.I)


@dataclass(frozen=True)
class Placeholder:
    key: str  # "extra.organisation.safeguarding_lead.phone"
    line: int  # in mkdocs.yml, from 1
    text: str  # the placeholder itself


class _Composer(yaml.SafeLoader):
    """Composes any tag (!ENV, !!python/name:...) without constructing it."""


def placeholders_in(config_file: Path, nations: Sequence[str] | None = None) -> list[Placeholder]:
    """Every placeholder under `extra:` in the file, in file order."""
    try:
        root = fastyaml.compose(config_file.read_text(encoding="utf-8-sig"), _Composer)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []  # reading mkdocs.yml is reported by whoever loads it
    extra = _child(root, "extra")
    if extra is None:
        return []
    chosen = set(nations or ALL_NATIONS)
    return list(_walk(extra, "extra", chosen))


LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", ""}


def is_publishing(site_url: Any, extra: dict[str, Any] | None) -> bool:
    """`extra.publish` when set; otherwise whether the site has a site_url.

    `mkdocs serve` sets site_url to its own address (http://127.0.0.1:8000/):
    a site_url on this machine is a preview, never a publishing build."""
    publish = (extra or {}).get("publish")
    if isinstance(publish, bool):
        return publish
    url = str(site_url or "").strip()
    return bool(url) and (urlsplit(url).hostname or "") not in LOCAL_HOSTS


def findings(config_file: Path, publishing: bool, nations: Sequence[str] | None = None, shown_as: str | None = None) -> list[Finding]:
    """One finding per placeholder: an error in a publishing build, otherwise a note."""
    path = shown_as or str(config_file)
    found = placeholders_in(config_file, nations)
    severity = ERROR if publishing else INFO
    when = "a published site must not show it" if publishing else "fill it in before you publish"
    return [
        Finding(path, item.line, RULE, severity,
                f"{item.key} is still the placeholder {item.text!r}: {when}.",
                hint="Put your organisation's real details in mkdocs.yml (see docs/contributing/adapting-the-kit.md).")
        for item in found
    ]


def site_findings(config_file: Path | None, nations: Sequence[str] | None, shown_as: str) -> list[Finding]:
    """For `plainpolicy check`: reads site_url and extra.publish from the file itself."""
    if config_file is None:
        return []
    from plainpolicy.reading.mkdocs_config import (
        read_values,  # late: mkdocs_config is heavier than this module
    )

    values = read_values(config_file)
    return findings(config_file, is_publishing(values.get("site_url"), values.get("extra")), nations, shown_as)


def publishing_message(items: list[Finding]) -> str:
    listing = "\n".join(f"  {f.path}:{f.line} {f.message}" for f in items)
    return (f"plainpolicy: this is a publishing build (site_url or extra.publish is set) and mkdocs.yml "
            f"still has {len(items)} placeholder{'s' * (len(items) != 1)}:\n{listing}\n"
            "Fill them in, or remove site_url to build a preview.")


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for name, value in node.value:
        if isinstance(name, yaml.ScalarNode) and name.value == key:
            return value
    return None


def _walk(node: yaml.Node, key: str, nations: set[str]) -> Iterator[Placeholder]:
    if isinstance(node, yaml.ScalarNode):
        if isinstance(node.value, str):
            for text in _placeholder_texts(node.value):
                yield Placeholder(key, node.start_mark.line + 1, text)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            if _applies(item, nations):
                yield from _walk(item, f"{key}[{index}]", nations)
    elif isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value != "nations":
                yield from _walk(value, f"{key}.{name.value}", nations)


def _placeholder_texts(value: str) -> list[str]:
    """Bracketed texts, then example addresses that are not inside one ("[dsl@example.org]" is one placeholder)."""
    brackets = [(match.start(), match.end()) for match in BRACKETED.finditer(value)]
    examples = [match.group(0) for match in EXAMPLE_ADDRESS.finditer(value)
                if not any(start <= match.start() < end for start, end in brackets)]
    return [value[start:end] for start, end in brackets] + examples


def _applies(item: yaml.Node, nations: set[str]) -> bool:
    """A contact with `nations:` applies when it names at least one of the site's nations."""
    listed = _child(item, "nations")
    if not isinstance(listed, yaml.SequenceNode):
        return True
    names = {str(entry.value).strip().lower().replace(" ", "-") for entry in listed.value if isinstance(entry, yaml.ScalarNode)}
    return bool(names & nations)
