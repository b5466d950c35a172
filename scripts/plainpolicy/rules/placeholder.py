"""review/placeholder: the starter text of `plainpolicy new` left in a page.

A new topic's pages start with instructions in place of policy ("Say who to tell,
how to reach them and how soon."). They read easily, so without this rule a page
nobody has written would pass every check. Each starter sentence still in the
page, and the starter summary, is an error until it is replaced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.analysis import AnalysedPage
from plainpolicy.text.starters import SUMMARY_PLACEHOLDER, starter_sentences

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

MESSAGE = "This is the starter text of `plainpolicy new`, not yet replaced."


def check_placeholders(page: AnalysedPage) -> list[Finding]:
    voice = page.voice.name if page.voice else ""
    findings = []
    if str(page.source.meta.get("summary") or "").strip() == SUMMARY_PLACEHOLDER:
        findings.append(Finding(page.path, page.source.meta_lines.get("summary", 1), "review/placeholder", ERROR, MESSAGE,
                                "Write one plain sentence that says what this page is about.", 1, voice, ""))
    starters = starter_sentences()
    for view in page.sections:
        where = None
        for unit in view.section.units:
            for sentence in unit.sentences:
                if sentence.lower() not in starters:
                    continue
                found = page.finder.find(sentence, view.line, view.end_line, where)
                if found is not None:
                    where = (found[0], found[1] + 1)
                line, column = found or (view.line, 1)
                findings.append(Finding(page.path, line, "review/placeholder", ERROR, MESSAGE,
                                        f"\"{sentence}\" Replace it with your own words.", column, voice, view.name))
    return findings


def check(context: PageContext) -> list[Finding]:
    """review/placeholder for the page registry (see rules/context.py): pages in a voice's folder only."""
    if context.voice is None or not context.voice_page or context.generated:
        return []
    return check_placeholders(context.page)
