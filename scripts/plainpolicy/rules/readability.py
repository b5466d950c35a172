"""Readability per section, judged against the page's voice.

Short sections make the formulas swing, so a section under `min_words` is pooled
with the short sections next to it until the pool is big enough, and the pool's
score is judged. A section of `min_words` or more is always judged on its own: it
never takes in a short neighbour, so a long easy section cannot hide a short hard
one. Short sections with too few short neighbours to make `min_words` ("short")
are judged on their own words and sentences together: the formulas' score, and a
sentence over the limit fails them too. A page under `min_words` in all is scored
as one ("whole page"), in the same way. The report says which was done for every
section.

A verdict is decided on the figures as shown (one decimal), so the message never
says "Reading Ease 55.0 ... too hard" for a limit of 55. Every figure comes with
the UK reading age (the US grade plus 5), as UK readers think in reading ages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plainpolicy.config import Settings, Voice
from plainpolicy.datafiles.plainwords import PlainWords
from plainpolicy.datafiles.vocabulary import Vocabulary
from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.analysis import AnalysedPage, SectionView
from plainpolicy.rules.familiarity import check_familiarity, check_plain_words
from plainpolicy.rules.language_rules import BY_LENGTH, check_language, judge_by_length
from plainpolicy.rules.padding import check_repeats
from plainpolicy.rules.titles import check_titles
from plainpolicy.text.language import has_formula
from plainpolicy.text.scoring import Counts, Scores, hard_words, scores_from, words

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

OWN = "own score"
QUOTE_LIMIT = 300  # characters of a sentence quoted in a hint


def shorten(sentence: str) -> str:
    """A sentence for a hint: whole if it is reasonable, else its start."""
    return sentence if len(sentence) <= QUOTE_LIMIT else sentence[:QUOTE_LIMIT].rsplit(" ", 1)[0] + " …"

POOLED = "pooled"
SENTENCES_ONLY = "sentence length only"  # kept for old stored reports; pages are no longer judged so
WHOLE_PAGE = "whole page"
SHORT = "short: words and sentences"  # a short section with too few short neighbours to pool with
EXCEPTED = "exception"
UK_AGE_OFFSET = 5  # UK reading age is roughly the US grade plus 5


def shown(value: float) -> float:
    """A figure as people see it (one decimal): verdicts are decided on this."""
    return round(value, 1)


def too_hard(grade: float, ease: float, voice: Voice) -> tuple[bool, bool]:
    """(grade over the limit, Reading Ease under the limit), on the figures as shown."""
    return shown(grade) > voice.max_grade, shown(ease) < voice.min_ease


def reading_age(grade: float) -> int:
    """The UK reading age for a US grade (never under 5)."""
    return max(5, int(shown(grade) + UK_AGE_OFFSET + 0.5))


def grade_words(grade: float) -> str:
    """'grade 7.2 (UK reading age 12)'."""
    return f"grade {grade:.1f} (UK reading age {reading_age(grade)})"


@dataclass
class SectionReport:
    """Scores of one section, and how it was judged."""

    heading: str
    line: int
    scores: Scores
    judged_by: str = OWN
    pooled_with: list[str] = field(default_factory=list)
    judged_grade: float = 0.0
    judged_ease: float = 0.0
    passed: bool = True
    longest_sentence: str = ""
    longest_words: int = 0
    hard_words: list[str] = field(default_factory=list)
    exception_reason: str = ""


def _sentences_over(view: SectionView, limit: int) -> list[tuple[int, str]]:
    """(words, sentence) for each sentence over `limit` words, in page order.

    A unit with no more words than the limit cannot hold a longer sentence, so
    most units are never split.
    """
    return [
        (count, sentence)
        for unit in view.section.units
        if unit.counts.words > limit
        for sentence in unit.sentences
        if (count := len(words(sentence))) > limit
    ]


def _all_sentences(view: SectionView) -> list[tuple[int, str]]:
    return [(len(words(sentence)), sentence) for unit in view.section.units for sentence in unit.sentences]


def _longest_sentence(view: SectionView) -> tuple[int, str]:
    """The section's longest sentence (the first, if several are as long)."""
    best: tuple[int, int, str] = (0, 0, "")  # (words, -order, sentence)
    order = 0
    for unit in sorted(view.section.units, key=lambda unit: -unit.counts.words):
        if unit.counts.words < best[0] or not unit.sentence_text:
            break  # the rest are shorter, or labels and repeats (not scored)
        position = view.section.units.index(unit)
        for index, sentence in enumerate(unit.sentences):
            order = position * 100_000 + index
            candidate = (len(words(sentence)), -order, sentence)
            if candidate[:2] > best[:2]:
                best = candidate
    return best[0], best[2]


def _groups(reports: list[SectionReport], views: list[SectionView], min_words: int) -> list[list[int]]:
    """Indexes of sections judged together. A section of min_words or more stands alone;
    the short sections between them pool in runs (see the module's docstring).
    Excepted and empty sections stand apart and do not break a run."""
    groups: list[list[int]] = []
    run: list[int] = []
    for index, report in enumerate(reports):
        if report.judged_by == EXCEPTED or report.scores.words == 0:
            continue
        if report.scores.words >= min_words:
            groups.extend(_pool(run, reports, min_words))
            groups.append([index])
            run = []
        else:
            run.append(index)
    groups.extend(_pool(run, reports, min_words))
    return sorted(groups)


def _pool(run: list[int], reports: list[SectionReport], min_words: int) -> list[list[int]]:
    """A run of short sections in pools of min_words or more; the rest joins the last pool."""
    groups: list[list[int]] = []
    current: list[int] = []
    for index in run:
        current.append(index)
        if sum(reports[i].scores.words for i in current) >= min_words:
            groups.append(current)
            current = []
    if current:
        if groups:
            groups[-1].extend(current)
        else:
            groups.append(current)
    return groups


def check_readability(page: AnalysedPage, voice: Voice, settings: Settings, explained: frozenset[str], vocabulary: Vocabulary | None = None, plain: PlainWords | None = None) -> tuple[list[Finding], list[SectionReport]]:
    findings: list[Finding] = []
    reports: list[SectionReport] = []
    for view in page.sections:
        report = SectionReport(view.name, view.line, scores_from(view.section.counts))
        report.longest_words, report.longest_sentence = _longest_sentence(view)
        # Only a section with a long sentence needs every sentence (to place them in order).
        sentences = _all_sentences(view) if _sentences_over(view, voice.max_sentence_words) else []
        allowance = next((a for a in view.allowances if a.covers("readability/too-hard") and a.reason), None)
        if allowance:
            # An exception that excuses nothing is reported as unused.
            allowance.used = any(too_hard(report.scores.grade, report.scores.ease, voice))
            report.judged_by = EXCEPTED
            report.exception_reason = allowance.reason
        reports.append(report)
        findings.extend(_sentence_findings(page, view, voice, settings, sentences))
        findings.extend(check_repeats(page, view, voice))

    # Only the words that are judged count towards min_words: an excepted section's do not.
    total_words = sum(report.scores.words for report in reports if report.judged_by != EXCEPTED)
    groups = _groups(reports, page.sections, settings.min_words)
    for group in groups:
        if has_formula(voice.language):
            findings.extend(_judge_group(page, voice, settings, reports, group, total_words, explained))
        else:
            findings.extend(_judge_by_length(page, voice, reports, group))
    findings.extend(check_language(page, voice, groups))
    findings.extend(check_titles(page, voice, settings))
    if vocabulary is not None:
        findings.extend(check_familiarity(page, voice, vocabulary, groups))
    if plain is not None:
        findings.extend(check_plain_words(page, voice, plain))
    return findings, reports


def _judge_group(page: AnalysedPage, voice: Voice, settings: Settings, reports: list[SectionReport], group: list[int], total_words: int, explained: frozenset[str]) -> list[Finding]:
    members = [reports[i] for i in group]
    short_page = total_words < settings.min_words
    short = not short_page and sum(report.scores.words for report in members) < settings.min_words
    findings = _judge_by_sentences(page, voice, settings, reports, group, short) if short_page or short else []
    pooled = scores_from(sum((page.sections[i].section.counts for i in group), Counts())) if len(group) > 1 else members[0].scores
    for report in members:
        report.judged_grade, report.judged_ease = pooled.grade, pooled.ease
        if short_page or short:
            report.judged_by = WHOLE_PAGE if short_page else SHORT
            report.pooled_with = [other.heading for other in members if other is not report]
        elif len(group) > 1:
            report.judged_by = POOLED
            report.pooled_with = [other.heading for other in members if other is not report]
    if not any(too_hard(pooled.grade, pooled.ease, voice)):
        return findings
    if findings:
        return findings  # already failed on a long sentence: one finding is enough
    first = page.sections[group[0]]
    for index, report in zip(group, members):
        report.passed = False
        report.hard_words = hard_words(page.sections[index].section.written, explained, settings.hard_words)
    longest = max(members, key=lambda report: report.longest_words)
    if short_page:
        what = f"This page (under {settings.min_words} words in all, so its sections are scored together as one) reads"
    elif short:
        what = f"{_short_names(members)} (under {settings.min_words} words, {_short_why(members)}) {'reads' if len(group) == 1 else 'read'}"
    elif len(group) == 1:
        what = f"Section \"{first.name}\" reads"
    else:  # not "each is under": a long section can take in a short one after it
        what = f"Sections {', '.join(repr(m.heading) for m in members)} (pooled: a section under {settings.min_words} words is too short to score alone) read"
    message = (
        f"{what} at {grade_words(pooled.grade)} with Reading Ease {pooled.ease:.1f}; "
        f"the {voice.label} limit is grade {voice.max_grade:g} (reading age {reading_age(voice.max_grade)}) and Reading Ease {voice.min_ease:g} or more."
    )
    hard = sorted({word for report in members for word in report.hard_words})[: settings.hard_words]
    hint_parts = [f"Words per sentence: {pooled.words_per_sentence:.1f}; syllables per word: {pooled.syllables_per_word:.2f}."]
    if longest.longest_sentence:
        hint_parts.append(f"Longest sentence ({longest.longest_words} words): \"{shorten(longest.longest_sentence)}\" Try splitting it.")
    if hard:
        hint_parts.append(f"Hard words: {', '.join(hard)}. Try shorter, everyday words.")
    return [Finding(page.path, first.line, "readability/too-hard", ERROR, message, " ".join(hint_parts), 1, voice.name, first.name)]


def _judge_by_length(page: AnalysedPage, voice: Voice, reports: list[SectionReport], group: list[int]) -> list[Finding]:
    """A voice in a language with no formula: judged on sentence and word length."""
    views = [page.sections[index] for index in group]
    passed, reads = judge_by_length(page, voice, views)
    for index in group:
        reports[index].judged_by = BY_LENGTH
        reports[index].pooled_with = [reports[other].heading for other in group if other != index]
        reports[index].passed = passed
    if passed:
        return []
    first = views[0]
    return [Finding(
        page.path, first.line, "readability/too-hard", ERROR,
        f"Section \"{first.name}\" has {reads}; the {voice.label} limits are {voice.max_sentence_words} words per sentence and {voice.max_word_letters:g} letters per word.",
        "Use shorter sentences and shorter, everyday words.",
        1, voice.name, first.name,
    )]


def _sentence_findings(page: AnalysedPage, view: SectionView, voice: Voice, settings: Settings, sentences: list[tuple[int, str]]) -> list[Finding]:
    findings: list[Finding] = []
    if all(count <= voice.max_sentence_words for count, _ in sentences):
        return findings
    where: tuple[int, int] | None = None
    for count, sentence in sentences:
        # Every sentence is located in reading order, so a long sentence that starts
        # like an earlier short one is found where it is, not at the earlier one.
        found = page.finder.find(sentence, view.line, view.end_line, where)
        if found is not None:
            where = (found[0], found[1] + 1)
        if count <= voice.max_sentence_words:
            continue
        line, column = found if found is not None else (view.line, 1)
        findings.append(
            Finding(
                page.path, line, "sentence/too-long", settings.long_sentence,
                f"This sentence has {count} words; the {voice.label} limit is {voice.max_sentence_words}.",
                f"\"{shorten(sentence)}\" Try splitting it into two sentences, or cutting words that add nothing.",
                column, voice.name, view.name,
            )
        )
    return findings


def _short_names(members: list[SectionReport]) -> str:
    if len(members) == 1:
        return f"Section \"{members[0].heading}\""
    return f"Sections {', '.join(repr(m.heading) for m in members)}"


def _short_why(members: list[SectionReport]) -> str:
    """Why a short section is judged on its own: no short section beside it to pool with."""
    if len(members) == 1:
        return "with no short section beside it to score with, so it is judged on its own words and sentences"
    return "even together, so they are judged on their own words and sentences"


def _judge_by_sentences(page: AnalysedPage, voice: Voice, settings: Settings, reports: list[SectionReport], group: list[int], short: bool = False) -> list[Finding]:
    """Too little text for the formulas alone: a section fails if a sentence is over the limit.
    short: a short section judged on its own (else a short page scored as one)."""
    findings = []
    if short:
        why = f"(The section has under {settings.min_words} words, so it is judged on its own words and sentences, and a sentence over the limit fails it.)"
    else:
        why = f"(The page has under {settings.min_words} words, so its sections are scored together as one, and a sentence over the limit fails it.)"
    for index in group:
        report = reports[index]
        if report.longest_words <= voice.max_sentence_words:
            continue
        view = page.sections[index]
        if any(allowance.reason and allowance.covers("sentence/too-long") for allowance in view.allowances):
            continue  # the long sentence has an exception with a reason: it cannot also fail the section
        report.passed = False
        findings.append(
            Finding(
                page.path, view.line, "readability/too-hard", ERROR,
                f"Section \"{view.name}\" has a sentence of {report.longest_words} words; the {voice.label} limit is {voice.max_sentence_words}. {why}",
                f"\"{shorten(report.longest_sentence)}\" Try splitting it.",
                1, voice.name, view.name,
            )
        )
    return findings


def check(context: PageContext) -> list[Finding]:
    """The readability family for the page registry (see rules/context.py): scores, sentences, words."""
    if context.voice is None:
        return []
    findings, context.sections = check_readability(context.page, context.voice, context.settings, context.explained, context.vocabulary, context.plain_words)
    return findings
