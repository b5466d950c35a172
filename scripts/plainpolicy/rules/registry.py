"""The registry of rules: every rule id plainpolicy can report, as data (registry.yml).

Each rule has an id ("sentence/too-long"), its family (the part before the
slash), the severity it reports unless a site sets another (`severities:` in
mkdocs.yml), a one-line description in plain words, and a page that breaks it
and the same page put right. `plainpolicy rules`, the contributors' rule list and
the tests all read it from here; the tests check every example through the real
`plainpolicy check`.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml

from plainpolicy.errors import CannotRun
from plainpolicy.findings import ERROR, INFO, WARNING
from plainpolicy.reading.yamlfile import load_yaml_file

if TYPE_CHECKING:
    from plainpolicy.findings import Finding
    from plainpolicy.rules.context import PageContext

    PageCheck = Callable[[PageContext], list[Finding]]

REGISTRY_FILE = Path(__file__).with_name("registry.yml")
LEVELS = (ERROR, WARNING, INFO)
DEFAULT_PAGE = "staff/example.md"  # where an example's page goes, under docs/
_ID = re.compile(r"[a-z]+/[a-z]+(?:-[a-z]+)*")
_RULE_KEYS = {"id", "family", "severity", "description", "examples", "why_no_examples", "protected"}
_EXAMPLE_KEYS = {"page", "files", "settings", "config"}


@dataclass(frozen=True)
class Example:
    """A small site that shows a rule: a page (at `path`, under docs/), and any other
    files (paths from the site's folder), plainpolicy settings and mkdocs.yml keys it needs."""

    page: str
    path: str = DEFAULT_PAGE
    files: dict[str, str] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: str
    description: str
    fails: Example | None
    passes: Example | None
    why_no_examples: str = ""
    # A rule that keeps readers safe: no site may make it milder (see engine/severities.py).
    protected: bool = False
    line: int = 0  # in registry.yml


def rules() -> tuple[Rule, ...]:
    """Every rule, in the registry's order (read once)."""
    return _load(REGISTRY_FILE)


def rule(identifier: str) -> Rule | None:
    """The rule with this id, or None."""
    return _by_id(REGISTRY_FILE).get(identifier)


def page_checks() -> tuple[PageCheck, ...]:
    """The `check` function of each module listed under `page_checks:`, in order (read once)."""
    return _page_checks(REGISTRY_FILE)


@lru_cache(maxsize=None)
def _page_checks(file: Path) -> tuple[PageCheck, ...]:
    return load_page_checks(file, _shown(file))


def load_page_checks(file: Path, display: str) -> tuple[PageCheck, ...]:
    """Import each module `page_checks:` lists; a name that is not a module with check() is a CannotRun naming file and line.

    Only the registry's head, up to `rules:`, is read: every check of a page needs the
    list, and reading the examples too would take longer than checking a small page."""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise CannotRun(display, f"cannot read the rule registry ({error.strerror or error})") from None
    head = text.split("\nrules:", 1)[0]
    try:
        data = yaml.load(head, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        data = None
    names = data.get("page_checks") if isinstance(data, dict) else None
    line = next((number for number, row in enumerate(head.split("\n"), 1) if row.startswith("page_checks:")), None)
    if not isinstance(names, list) or not names or not all(isinstance(name, str) and re.fullmatch(r"[a-z_]+", name) for name in names):
        raise CannotRun(display, "'page_checks:' must list, before 'rules:', the modules under plainpolicy/rules/ that check a page", line)
    checks = []
    for name in names:
        try:
            module = importlib.import_module(f"plainpolicy.rules.{name}")
        except ModuleNotFoundError:
            raise CannotRun(display, f"'page_checks:' names {name!r}, but there is no module plainpolicy/rules/{name}.py", line) from None
        check = getattr(module, "check", None)
        if not callable(check):
            raise CannotRun(display, f"'page_checks:' names {name!r}, but plainpolicy/rules/{name}.py has no check(context) function", line)
        checks.append(check)
    return tuple(checks)


@lru_cache(maxsize=None)
def _by_id(file: Path) -> dict[str, Rule]:
    return {item.id: item for item in _load(file)}


@lru_cache(maxsize=None)
def _load(file: Path) -> tuple[Rule, ...]:
    return load_registry(file, _shown(file))


def _shown(file: Path) -> str:
    """The registry's path as a maintainer finds it in the repository."""
    parts = file.parts
    return "/".join(parts[parts.index("plainpolicy"):]) if "plainpolicy" in parts else str(file)


def load_registry(file: Path, display: str) -> tuple[Rule, ...]:
    """Read and check a registry file; a broken entry is a CannotRun naming file and line."""
    data = load_yaml_file(file, display, "rule registry")
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CannotRun(display, "the rule registry must have a 'rules:' list")
    found: dict[str, Rule] = {}
    for raw in data["rules"]:
        item = _rule(raw, display, data.get("__line__", 1))
        if item.id in found:
            raise CannotRun(display, f"rule '{item.id}' is listed twice (first on line {found[item.id].line})", item.line)
        found[item.id] = item
    return tuple(found.values())


def _rule(raw: Any, display: str, near: int) -> Rule:
    if not isinstance(raw, dict):
        raise CannotRun(display, "each rule must be a mapping with id, family, severity, description and examples", near)
    line = raw["__line__"]
    unknown = set(raw) - _RULE_KEYS - {"__line__"}
    if unknown:
        raise CannotRun(display, f"unknown key(s) in a rule: {', '.join(sorted(map(str, unknown)))}", line)
    identifier = _text(raw, "id", display, line)
    if not _ID.fullmatch(identifier):
        raise CannotRun(display, f"rule id {identifier!r} must be family/words-joined-by-hyphens, in lowercase", line)
    family = _text(raw, "family", display, line)
    if family != identifier.split("/")[0]:
        raise CannotRun(display, f"rule '{identifier}' has family {family!r}; the family is the part of the id before the slash", line)
    severity = _text(raw, "severity", display, line)
    if severity not in LEVELS:
        raise CannotRun(display, f"rule '{identifier}': severity must be one of {', '.join(LEVELS)}, not {severity!r}", line)
    description = _text(raw, "description", display, line)
    protected = raw.get("protected", False)
    if not isinstance(protected, bool):
        raise CannotRun(display, f"rule '{identifier}': protected must be true or false", line)
    fails, passes, why = _examples(raw, identifier, display, line)
    return Rule(identifier, family, severity, description, fails, passes, why, protected, line)


def _text(raw: dict[str, Any], key: str, display: str, line: int) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CannotRun(display, f"a rule needs '{key}:' with some text", line)
    return value.strip()


def _examples(raw: dict[str, Any], identifier: str, display: str, line: int) -> tuple[Example | None, Example | None, str]:
    examples = raw.get("examples")
    why = raw.get("why_no_examples")
    if examples == "none":
        if not isinstance(why, str) or not why.strip():
            raise CannotRun(display, f"rule '{identifier}' has no examples: say why in 'why_no_examples:'", line)
        return None, None, why.strip()
    if why is not None:
        raise CannotRun(display, f"rule '{identifier}' has examples and 'why_no_examples:'; keep one", line)
    if not isinstance(examples, dict) or "fails" not in examples or "passes" not in examples:
        raise CannotRun(display, f"rule '{identifier}' needs 'examples:' with 'fails:' and 'passes:' (or 'examples: none' and why)", line)
    where = examples.get("page", DEFAULT_PAGE)
    if not isinstance(where, str) or not where.endswith(".md") or where.startswith("/") or ".." in where:
        raise CannotRun(display, f"rule '{identifier}': examples 'page:' must be a Markdown file's path under docs/", examples["__line__"])
    return _example(examples["fails"], where, identifier, display, examples["__line__"]), _example(examples["passes"], where, identifier, display, examples["__line__"]), ""


def _example(raw: Any, where: str, identifier: str, display: str, line: int) -> Example:
    if isinstance(raw, str):
        return Example(raw, where)
    if not isinstance(raw, dict):
        raise CannotRun(display, f"rule '{identifier}': an example is a page's text, or a mapping of page, files, settings and config", line)
    line = raw["__line__"]
    unknown = set(raw) - _EXAMPLE_KEYS - {"__line__"}
    if unknown:
        raise CannotRun(display, f"rule '{identifier}': unknown key(s) in an example: {', '.join(sorted(map(str, unknown)))}", line)
    page = raw.get("page", "")
    files = _plain(raw.get("files") or {})
    if not isinstance(page, str) or not all(isinstance(path, str) and isinstance(text, str) and not path.startswith("/") and ".." not in path for path, text in files.items()):
        raise CannotRun(display, f"rule '{identifier}': an example's page is text, and its files map a path in the site to its text", line)
    if not page and not files:
        raise CannotRun(display, f"rule '{identifier}': an example needs a page or some files", line)
    settings, config = _plain(raw.get("settings") or {}), _plain(raw.get("config") or {})
    if not isinstance(settings, dict) or not isinstance(config, dict):
        raise CannotRun(display, f"rule '{identifier}': an example's settings and config are mappings", line)
    return Example(page, where, files, settings, config)


def _plain(value: Any) -> Any:
    """The value without the loader's '__line__' keys."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if key != "__line__"}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
