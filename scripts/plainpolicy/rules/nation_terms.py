"""Glossary rules by nation: words that are wrong where a passage is shown (docs/nations.yml).

"DBS check" is right in England and Wales; shown to readers in Scotland it
should be the PVG scheme. A passage is judged for the nations whose readers see
it: inside a nation block, that block's nations; elsewhere, every nation the
site works in. Only the prose the reader sees is read (code is not).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from plainpolicy.datafiles.nationrules import NationRule, NationRules
from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.analysis import AnalysedPage
from plainpolicy.reading.nations import FilteredPage
from plainpolicy.rules.glossary_rules import _locate
from plainpolicy.uknations import NATIONS, names

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

RULE = "glossary/wrong-nation"


def check_nation_terms(page: AnalysedPage, filtered: FilteredPage, chosen: Sequence[str], rules: NationRules) -> list[Finding]:
    findings: list[Finding] = []
    voice = page.voice.name if page.voice else ""
    for view in page.sections:
        for unit in view.section.units:
            for rule, start, end in rules.matches(unit.text):  # one place, one rule: the first that has it
                line, column = _locate(page, view, unit.text, start, end)
                wrong = [key for key in filtered.nations_at(line, chosen) if key not in rule.applies_in]
                if wrong:
                    message, hint = _words(rule, unit.text[start:end], wrong, rules.path)
                    findings.append(Finding(page.path, line, RULE, ERROR, message, hint, column, voice, view.name))
    return findings


def _words(rule: NationRule, written: str, wrong: list[str], path: str) -> tuple[str, str]:
    message = f"\"{written}\" is right in {names(rule.applies_in)} only, but readers in {names(wrong)} see it here."
    advice = []
    for key in wrong:
        instead = rule.instead.get(key)
        if instead is not None:
            check = " (check this with your safeguarding lead)" if instead.verify else ""
            advice.append(f"In {NATIONS[key]}: {instead.use}{check}.")
    block = f"/// nation | {names(rule.applies_in).replace(' and ', ', ')}"
    hint = " ".join(advice) + (
        f" Put this text in a nation block ({block}) and add a block for {names(wrong)}, or rewrite it for every nation."
        f" (Rule '{rule.term}' in {path}.)"
    )
    return message, hint.strip()


def check(context: PageContext) -> list[Finding]:
    """glossary/wrong-nation for the page registry (see rules/context.py), when the site has docs/nations.yml."""
    if context.nation_rules is None or context.generated:
        return []
    return check_nation_terms(context.page, context.filtered, context.settings.nations, context.nation_rules)
