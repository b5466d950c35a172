"""A site's own level for a rule: `severities:` under the plainpolicy plugin in mkdocs.yml.

    severities:
      sentence/too-long: error      # stricter than the default warning
      readability/plain-words: info

Each id must be a rule in the registry (rules/registry.yml) and each level one of
error, warning and info; a mistake stops the check naming mkdocs.yml and the line.
A protected rule (security, consent for images, placeholders for contacts) can be made stricter, never
milder; a rule whose level the build decides (FIXED_LEVEL) cannot be set. The Checker applies the levels to every finding it makes, page and site,
so the command line, `explain` and the site build agree. `severities:` wins over
the older `overdue_review` and `long_sentence` settings, which set those rules'
default.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable

from plainpolicy.errors import CannotRun
from plainpolicy.findings import ERROR, INFO, WARNING, Finding
from plainpolicy.reading.mkdocs_config import setting_place
from plainpolicy.rules.registry import rule

RANK = {INFO: 0, WARNING: 1, ERROR: 2}
# Rules whose level depends on the build, not on the site: a setting for them would silently do nothing.
FIXED_LEVEL = {
    "site/placeholder": "details left unfilled in mkdocs.yml are always an error when you publish and a note while you preview; "
    "remove this line (to see them as errors before you publish, set publish: true under extra:)",
}


def check_severities(severities: dict[str, str], config_file: Path | None, display: Callable[[Path], str]) -> None:
    """Raise CannotRun, naming the file and line, for an unknown rule, an unknown level, or a protected rule made milder.

    display: how a file's path is shown. The setting may be in a file mkdocs.yml inherits from."""
    for identifier, level in severities.items():
        found = rule(identifier)
        if level not in RANK:
            problem = f"'{identifier}' must be error, warning or info, not {level!r}"
        elif found is None:
            problem = f"no rule is called '{identifier}' (`plainpolicy rules` lists every rule)"
        elif found.protected and RANK[level] < RANK[found.severity]:
            problem = f"'{identifier}' keeps readers safe (security, consent for images, contacts that work): it can be made stricter, never milder than {found.severity}"
        elif identifier in FIXED_LEVEL:
            problem = f"'{identifier}' cannot be given a level: {FIXED_LEVEL[identifier]}"
        else:
            continue
        where = _where(config_file, identifier)
        if where is None:
            raise CannotRun(display(config_file) if config_file else "mkdocs.yml", f"plainpolicy 'severities': {problem}")
        raise CannotRun(display(where[0]), f"plainpolicy 'severities': {problem}", where[1])


def apply_severities(findings: Iterable[Finding], severities: dict[str, str]) -> list[Finding]:
    """The findings, each at the site's level for its rule where the site sets one."""
    if not severities:
        return list(findings)
    return [replace(finding, severity=severities[finding.rule]) if finding.rule in severities else finding for finding in findings]


def _where(config_file: Path | None, identifier: str) -> tuple[Path, int] | None:
    """The file and line of `identifier:` under the plainpolicy plugin's `severities:` (the
    line of `severities:` if the key is not there), in mkdocs.yml or a file it inherits from."""
    return setting_place(config_file, ("severities", identifier)) if config_file is not None else None
