"""`plainpolicy explain PAGE`: one page's scores and findings, in plain words.

For people who are not programmers. It runs the same Checker as `plainpolicy
check` (nothing is scored twice or differently), then says, section by section
with the line of each heading: how hard the section is to read against its
voice's limits, its longest sentence, its hardest words, the glossary terms it
uses, and every problem found in it, with what to do about it.

The exit code is the same as `check` for that one page: 0 when the page passes,
1 when it has errors (with --strict, warnings too), 2 when it cannot be read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from plainpolicy.config import Settings, Voice
from plainpolicy.datafiles.glossary import Glossary
from plainpolicy.engine.checker import Checker, PageResult, display_path
from plainpolicy.errors import CannotRun
from plainpolicy.findings import ERROR, INFO, WARNING, Finding
from plainpolicy.output.explain_nations import commitment_lines, nation_lines
from plainpolicy.output.wrapping import terminal_width, wrap_all
from plainpolicy.reading.analysis import AnalysedPage, SectionView, analyse
from plainpolicy.reading.linemap import source_headings
from plainpolicy.reading.mkdocs_config import SiteConfig
from plainpolicy.reading.source import read_page
from plainpolicy.rules.language_rules import BY_LENGTH
from plainpolicy.rules.pairing import partners
from plainpolicy.rules.readability import (
    EXCEPTED,
    POOLED,
    SENTENCES_ONLY,
    SHORT,
    WHOLE_PAGE,
    SectionReport,
    grade_words,
    reading_age,
    too_hard,
)
from plainpolicy.text.language import name_of
from plainpolicy.text.scoring import hard_words

INDENT = "  "
SEVERITY_LABEL = {ERROR: "Problem", WARNING: "Warning", INFO: "Note"}
STRICT_NOTE = "A strict build (`make site`, and the checks on a pull request) stops on warnings too"
# Explained by the section's scores, so not repeated as a finding.
SHOWN_AS_SCORES = {"readability/too-hard"}


@dataclass
class Explained:
    """A checked page with what the explanation needs beside the findings."""

    result: PageResult
    page: AnalysedPage
    voice: Voice | None
    settings: Settings
    glossary: Glossary | None
    excluded: bool
    partner_paths: list[str]
    added_sections: int = 0  # sections the site adds at the end (the "Talk about it" box)
    added_from: str = ""  # the data file they come from
    nation_and_commitment_lines: tuple[str, ...] = ()  # see explain_nations.py


def audience(voice: Voice) -> str:
    """'Staff and volunteers' -> 'staff and volunteers' (an abbreviation keeps its capitals)."""
    label = voice.label
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def check_page(site: SiteConfig, file: Path, today: dt.date | None = None) -> Explained:
    """Check one page exactly as `plainpolicy check` would, keeping its analysed sections."""
    if file.is_dir():
        raise CannotRun(str(file), "this is a folder; explain takes one page, for example docs/staff/devices.md")
    if not file.is_file():
        raise CannotRun(str(file), "no such page")
    if file.suffix.lower() not in (".md", ".markdown"):
        raise CannotRun(str(file), "explain reads Markdown pages (files ending in .md)")
    checker = Checker(site, today=today)
    source = read_page(file, display_path(file))
    relative = checker.relative(file)
    existing = checker.site_pages()
    markdown = checker.prepare_markdown(source.body, relative, source.meta)
    html = checker.renderer.render(markdown, source.path, (site.docs_dir / relative).parent)
    result = checker.check_source(source, relative, existing, html)
    voice = checker.settings.voice_for(relative, source.meta)
    shown, _ = checker.nation_view(source)
    page = analyse(source.path, relative, shown, html, voice)
    found = partners(relative, voice, checker.settings, existing) if voice is not None else {}
    partner_paths = [display_path(site.docs_dir / path) for path in found.values()]
    base = checker.nation_markdown(source.body)
    added = markdown[len(base):] if markdown.startswith(base) else ""
    added_sections = sum(1 for heading in source_headings(added, 1) if heading.level in (2, 3))
    return Explained(
        result, page, voice, checker.settings, checker.glossary, checker.excluded(relative), partner_paths,
        added_sections, checker.data_path(checker.settings.prompts),
        (*nation_lines(checker.settings.nations, result.nation_blocks), *commitment_lines(result.commitments, checker.commitment_register)),
    )


def explain(site: SiteConfig, file: Path, today: dt.date | None = None) -> tuple[str, int, int]:
    """The explanation as text, and the page's numbers of errors and warnings."""
    explained = check_page(site, file, today)
    findings = explained.result.findings
    errors = sum(1 for finding in findings if finding.severity == ERROR)
    warnings = sum(1 for finding in findings if finding.severity == WARNING)
    return render(explained), errors, warnings


# --- the words ---------------------------------------------------------------
def render(explained: Explained) -> str:
    result, page, voice, settings = explained.result, explained.page, explained.voice, explained.settings
    lines = [f"Page: {result.path}" + (f" (\"{result.title}\")" if result.title else "")]
    if voice is None:
        lines.append("This page is not written for one voice: it is outside the voice folders and has no 'voice:' in its front matter. So it is not scored for readability. The glossary is still checked.")
    else:
        lines.append(f"Written for: {voice.label}.")
        lines.append(
            f"The limits for {audience(voice)}: every section at grade {voice.max_grade:g} or lower (UK reading age {reading_age(voice.max_grade)}), "
            f"with a Reading Ease of {voice.min_ease:g} or more, and no sentence over {voice.max_sentence_words} words."
        )
        lines.append("(The grade is the US school grade a reader needs: lower is easier. The UK reading age is about the grade plus 5. Reading Ease goes from 0 to 100: higher is easier.)")
    if explained.partner_paths:
        lines.append(f"Partner {'page' if len(explained.partner_paths) == 1 else 'pages'}: {', '.join(explained.partner_paths)}.")
    lines += explained.nation_and_commitment_lines
    if explained.excluded:
        lines.append("Note: mkdocs.yml lists this page under 'exclude', so `plainpolicy check` skips it when it checks the whole site.")
    lines.append("")
    lines.append(_verdict(result.findings))

    views = page.sections
    by_section: list[list[Finding]] = [[] for _ in views]
    whole_page: list[Finding] = []
    for finding in result.findings:
        if finding.rule in SHOWN_AS_SCORES:
            continue
        index = _section_index(views, finding)
        (whole_page if index is None else by_section[index]).append(finding)

    first_added = len(views) - explained.added_sections
    for index, view in enumerate(views):
        report = result.sections[index] if index < len(result.sections) else None
        lines.append("")
        if index >= first_added:
            lines.append(f"{view.name} (added at the end of the page by the site, from {explained.added_from}: change it there)")
        else:
            lines.append(f"{view.name} (line {view.line})")
        if report is not None and voice is not None:
            lines += [INDENT + line for line in _scores(report, voice, settings)]
            lines += [INDENT + line for line in _sentences_and_words(report, view, voice, explained)]
        lines += [INDENT + line for line in _glossary_terms(view, explained.glossary)]
        longest = report.longest_sentence if report is not None else ""
        lines += [INDENT + _finding(finding, voice, longest) for finding in sorted(by_section[index], key=Finding.sort_key)]

    if whole_page:
        lines.append("")
        lines.append("The whole page (front matter and partner pages)")
        lines += [INDENT + _finding(finding, voice) for finding in sorted(whole_page, key=Finding.sort_key)]

    lines.append("")
    lines += _rule_help(result)
    lines.append(_next_steps(result))
    return "\n".join(wrap_all(lines, terminal_width())) + "\n"


def _verdict(findings: list[Finding]) -> str:
    errors = sum(1 for finding in findings if finding.severity == ERROR)
    warnings = sum(1 for finding in findings if finding.severity == WARNING)
    if not errors and not warnings:
        return "Result: this page passes every check."
    if not errors:
        return (
            f"Result: no problems, but {_plural(warnings, 'warning')}. {STRICT_NOTE}, "
            f"so please fix {'it' if warnings == 1 else 'them'}. Each one is listed under its section below."
        )
    text = f"Result: this page has {_plural(errors, 'problem')}"
    if warnings:
        text += f" and {_plural(warnings, 'warning')}"
    text += f". {'It stops' if errors == 1 else 'Problems stop'} the build."
    if warnings:
        text += f" {STRICT_NOTE}."
    return text + " Each one is listed under its section below."


def _section_index(views: list[SectionView], finding: Finding) -> int | None:
    if not finding.section:
        return None
    for index, view in enumerate(views):
        if view.line <= finding.line < view.end_line:
            return index
    return None


def _reads_at(grade: float, ease: float) -> str:
    return f"{grade_words(grade)} with a Reading Ease of {ease:.1f}"


def _scores(report: SectionReport, voice: Voice, settings: Settings) -> list[str]:
    own = report.scores
    if own.words == 0:
        return ["This section has no text of its own (only a heading), so it is not scored."]
    size = f"It has {_plural(own.words, 'word')} in {_plural(own.sentences, 'sentence')}."
    if report.judged_by == EXCEPTED:
        return [
            f"{size} On its own it reads at {_reads_at(own.grade, own.ease)}.",
            f"It has an exception, so its readability score does not stop the build. The reason given: {report.exception_reason}",
        ]
    if report.judged_by == SENTENCES_ONLY:  # a result stored by an older version
        lines = [
            f"{size} On its own it reads at {_reads_at(own.grade, own.ease)}.",
            f"The whole page has fewer than {settings.min_words} words, which is too short for a fair score. So only sentence length is checked here.",
        ]
        if report.passed:
            lines.append(f"Every sentence is within the limit of {voice.max_sentence_words} words.")
        else:
            lines.append(f"A sentence is over the limit of {voice.max_sentence_words} words, and on a page this short that stops the build.")
        return lines
    lines = []
    grade, ease = report.judged_grade, report.judged_ease
    if report.judged_by == BY_LENGTH:
        language = name_of(voice.language)
        return [
            f"{size} It is in {language}, and no readability formula exists for {language}. So it is judged on sentence and word length: "
            f"on average at most {voice.max_sentence_words} words per sentence and {voice.max_word_letters:g} letters per word.",
            "That is within the limits." if report.passed else "It is over a limit, and this stops the build. Use shorter sentences and shorter, everyday words.",
        ]
    if report.judged_by == WHOLE_PAGE:
        lines.append(f"{size} On its own it reads at {_reads_at(own.grade, own.ease)}.")
        lines.append(
            f"The whole page has fewer than {settings.min_words} words, too few to score one section fairly. So all its sections "
            f"are scored together as one: the page reads at {_reads_at(grade, ease)}. A sentence over {voice.max_sentence_words} words also stops the build on a page this short."
        )
        subject = "The page"
    elif report.judged_by == POOLED and report.pooled_with:
        names = ", ".join(f"\"{name}\"" for name in report.pooled_with)
        lines.append(f"{size} On its own it reads at {_reads_at(own.grade, own.ease)}.")
        lines.append(
            f"Sections under {settings.min_words} words are scored together with a neighbour, because a few sentences "
            f"are not enough for a fair score. This one is scored with {names}: together they read at {_reads_at(grade, ease)}."
        )
        subject = "Together they"
    elif report.judged_by == SHORT:
        lines.extend(_short_lines(report, voice, settings, size, grade, ease))
        subject = "Together they" if report.pooled_with else "This section"
    else:
        lines.append(f"{size} It reads at {_reads_at(grade, ease)}.")
        subject = "This section"
    too_hard_grade, too_hard_ease = too_hard(grade, ease, voice)
    if not too_hard_grade and not too_hard_ease:
        if report.passed:
            lines.append(f"That is within the limits for {audience(voice)}.")
        else:
            where = "in a section this short" if report.judged_by == SHORT else "on a page this short"
            lines.append(f"The scores are within the limits, but a sentence is over the limit of {voice.max_sentence_words} words, and {where} that stops the build.")
        return lines
    if too_hard_grade:
        lines.append(f"{subject} read{'' if subject == 'Together they' else 's'} at {grade_words(grade)}; the limit for {audience(voice)} is {voice.max_grade:g} (reading age {reading_age(voice.max_grade)}).")
    if too_hard_ease:
        lines.append(f"The Reading Ease is {ease:.1f}; the limit for {audience(voice)} is {voice.min_ease:g} or more.")
    lines.append("So it is too hard to read, and this stops the build. Shorter sentences and shorter, everyday words bring the grade down and the Reading Ease up.")
    return lines


def _short_lines(report: SectionReport, voice: Voice, settings: Settings, size: str, grade: float, ease: float) -> list[str]:
    """How a short section with too few short neighbours to pool with is judged."""
    if report.pooled_with:
        names = ", ".join(f"\"{name}\"" for name in report.pooled_with)
        scored = f"It is scored with {names}, the short sections beside it, but together they still have under {settings.min_words} words: they read at {_reads_at(grade, ease)}."
    else:
        scored = f"It has no short section beside it to be scored with (a section of {settings.min_words} words or more is always scored on its own), so it is scored on its own: it reads at {_reads_at(grade, ease)}."
    return [
        size,
        f"Sections under {settings.min_words} words are scored together with the short sections beside them. {scored}",
        f"So it is judged on its own words and sentences: its score, and a sentence over {voice.max_sentence_words} words also stops the build.",
    ]


def _sentences_and_words(report: SectionReport, view: SectionView, voice: Voice, explained: Explained) -> list[str]:
    lines = []
    if report.longest_sentence:
        text = f"Its longest sentence has {_plural(report.longest_words, 'word')}: \u201c{report.longest_sentence}\u201d"
        if report.longest_words > voice.max_sentence_words:
            text += f" The limit is {voice.max_sentence_words} words. Try splitting it."
        elif not report.passed:
            text += " Try splitting it."
        lines.append(text)
    exclude = explained.glossary.explained_words() if explained.glossary is not None else frozenset()
    hardest = report.hard_words or hard_words(view.section.written, exclude, explained.settings.hard_words)
    if hardest:
        text = f"Its hardest words: {', '.join(hardest)}."
        if not report.passed:
            text += " Try shorter, everyday words where you can."
        lines.append(text)
    return lines


def _glossary_terms(view: SectionView, glossary: Glossary | None) -> list[str]:
    if glossary is None:
        return []
    used: dict[str, set[str]] = {}
    for unit in view.section.units:
        for term, written, _, _ in glossary.uses(unit.text):
            used.setdefault(term.term, set()).add(" ".join(written.split()))
    if not used:
        return []
    shown = []
    for name, forms in used.items():
        other = sorted(form for form in forms if form.lower() != name.lower())
        shown.append(name + (f" (written as {', '.join(f'“{form}”' for form in other)})" if other else ""))
    return [f"Glossary terms used: {'; '.join(shown)}."]


def _finding(finding: Finding, voice: Voice | None, longest: str = "") -> str:
    label = SEVERITY_LABEL.get(finding.severity, finding.severity)
    where = f"line {finding.line}"
    if finding.rule == "exception/used":
        return f"Exception, {where}: {finding.message.split(': ', 1)[-1]}"
    if finding.rule == "sentence/too-long" and longest and f"\"{longest}\"" in finding.hint and voice is not None:
        # The longest sentence is quoted above already: say where it is, not the whole sentence again.
        return f"{label}, {where}: the longest sentence, quoted above, starts here. It is over the limit of {voice.max_sentence_words} words. [{finding.rule}]"
    text = f"{label}, {where}: {finding.message}"
    if finding.hint:
        text += f" {finding.hint}"
    return text + f" [{finding.rule}]"


def _rule_help(result: PageResult) -> list[str]:
    """Where to read what a rule means, with a page that breaks it and one that passes (rules/registry.yml)."""
    shown = [finding for finding in result.findings if finding.severity in (ERROR, WARNING)]
    return [f"To see what a rule means, with examples, run `plainpolicy explain {shown[0].rule}` with its name."] if shown else []


def _next_steps(result: PageResult) -> str:
    if any(finding.severity == ERROR for finding in result.findings):
        return f"Next: fix the problems above, then run `plainpolicy explain {result.path}` again."
    return "Next: nothing to fix here. `plainpolicy check` also checks the whole site (for example, that every checklist question is answered)."
