"""`plainpolicy rules [RULE-ID ...]`: what each rule finds, in plain words, with its examples.

Without an id: every rule, one line each (id, severity, description). With ids:
each rule's family, severity and description, then a page that breaks it and the
same page put right, from the registry (rules/registry.yml). The examples are
shown as written, never wrapped, so they can be copied into a page.
"""

from __future__ import annotations

import yaml

from plainpolicy.errors import CannotRun
from plainpolicy.output.wrapping import terminal_width, wrap, wrap_all
from plainpolicy.rules.registry import Example, Rule, rule, rules

INDENT = "    "
SEVERITY_WORDS = {
    "error": "error (the build fails)",
    "warning": "warning (a strict build fails)",
    "info": "note (shown, never fails a build)",
}


def rule_list(width: int | None = None) -> str:
    """Every rule on one line (wrapped under its description on a terminal)."""
    width = width if width is not None else terminal_width()
    items = rules()
    id_width = max(len(item.id) for item in items)
    lines = [*wrap(f"{len(items)} rules. `plainpolicy rules RULE-ID` shows one with its examples.", width, ""), ""]
    narrow = width is not None and width < id_width + 11 + 30  # too narrow for a column: the description under the id
    for item in items:
        if narrow:
            lines += [f"{item.id}  {item.severity}", *wrap(f"    {item.description}", width)]
        else:
            lines += wrap(f"{item.id:<{id_width}}  {item.severity:<7}  {item.description}", width, " " * (id_width + 11))
    return "\n".join(lines) + "\n"


def describe(identifiers: list[str], width: int | None = None) -> str:
    """Each named rule with its examples; an unknown id is a CannotRun."""
    width = width if width is not None else terminal_width()
    unknown = [identifier for identifier in identifiers if rule(identifier) is None]
    if unknown:
        raise CannotRun(unknown[0], "no rule has this id; `plainpolicy rules` lists every rule")
    blocks = ["\n".join(_rule_lines(item, width)) for identifier in identifiers if (item := rule(identifier)) is not None]
    return "\n\n".join(blocks) + "\n"


def _rule_lines(item: Rule, width: int | None) -> list[str]:
    lines = wrap_all([
        f"Rule: {item.id} (family: {item.family})",
        f"Severity: {SEVERITY_WORDS[item.severity]}, unless the site sets another under 'severities:' in mkdocs.yml.",
        item.description,
    ], width)
    if item.fails is None or item.passes is None:
        return lines + wrap(f"No example: {item.why_no_examples}", width, "")
    return lines + _example_lines("Fails", item.fails, width) + _example_lines("Passes", item.passes, width, item.fails)


def _example_lines(label: str, example: Example, width: int | None, before: Example | None = None) -> list[str]:
    """The example's settings, files and page; those the example before has too are not repeated."""
    lines = ["", f"{label}:"]
    if before is not None and (example.settings, example.config) == (before.settings, before.config) and example.files.items() >= before.files.items() and (before.settings or before.config or before.files):
        lines += wrap("  (With the settings and files above.)", width)
        example = Example(example.page, example.path, {path: text for path, text in example.files.items() if path not in before.files})
    if example.settings:
        lines += wrap("  With these settings of the plainpolicy plugin in mkdocs.yml:", width)
        lines += _verbatim(yaml.safe_dump(example.settings, sort_keys=False, allow_unicode=True))
    if example.config:
        lines += wrap("  With this in mkdocs.yml:", width)
        lines += _verbatim(yaml.safe_dump(example.config, sort_keys=False, allow_unicode=True))
    for path, text in example.files.items():
        lines += [f"  {path}:", *_verbatim(text)]
    if example.page:
        lines += [f"  docs/{example.path}:", *_verbatim(example.page)]
    return lines


def _verbatim(text: str) -> list[str]:
    return [(INDENT + line).rstrip() for line in text.rstrip("\n").split("\n")]
