"""A site's own level for a rule: `severities:` under the plainpolicy plugin in mkdocs.yml.

    severities:
      sentence/too-long: error      # stricter than the default warning
      readability/plain-words: info

Each id must be a rule in the registry (rules/registry.yml) and each level one of
error, warning and info; a mistake stops the check naming mkdocs.yml and the line.
A protected rule (security, consent for images, placeholders for contacts) can be made stricter, never
milder. The Checker applies the levels to every finding it makes, page and site,
so the command line, `explain` and the site build agree. `severities:` wins over
the older `overdue_review` and `long_sentence` settings, which set those rules'
default.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

import yaml

from plainpolicy.errors import CannotRun
from plainpolicy.findings import ERROR, INFO, WARNING, Finding
from plainpolicy.rules.registry import rule

RANK = {INFO: 0, WARNING: 1, ERROR: 2}


def check_severities(severities: dict[str, str], config_file: Path | None, shown: str) -> None:
    """Raise CannotRun, naming the file and line, for an unknown rule, an unknown level, or a protected rule made milder."""
    for identifier, level in severities.items():
        found = rule(identifier)
        if level not in RANK:
            problem = f"'{identifier}' must be error, warning or info, not {level!r}"
        elif found is None:
            problem = f"no rule is called '{identifier}' (`plainpolicy rules` lists every rule)"
        elif found.protected and RANK[level] < RANK[found.severity]:
            problem = f"'{identifier}' keeps readers safe (security, consent for images, contacts that work): it can be made stricter, never milder than {found.severity}"
        else:
            continue
        raise CannotRun(shown, f"plainpolicy 'severities': {problem}", _line_of(config_file, identifier))


def apply_severities(findings: Iterable[Finding], severities: dict[str, str]) -> list[Finding]:
    """The findings, each at the site's level for its rule where the site sets one."""
    if not severities:
        return list(findings)
    return [replace(finding, severity=severities[finding.rule]) if finding.rule in severities else finding for finding in findings]


class _Composer(yaml.SafeLoader):
    """Reads any tag (!ENV, !!python/name:...) without running it: only the lines are wanted."""


def _line_of(config_file: Path | None, identifier: str) -> int | None:
    """The line of `identifier:` under the plainpolicy plugin's `severities:` (None if not found there, e.g. inherited)."""
    if config_file is None:
        return None
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=_Composer)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = _child(root, "plugins")
    for plugin in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        severities = _child(_child(plugin, "plainpolicy"), "severities")
        if isinstance(severities, yaml.MappingNode):
            for key, _ in severities.value:
                if key.value == identifier:
                    return int(key.start_mark.line) + 1
            return int(severities.start_mark.line)
    return None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if isinstance(name, yaml.ScalarNode) and name.value == key), None)
