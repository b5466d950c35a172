"""A Markdown summary of a check, for the job summary of a GitHub Actions run.

    plainpolicy check --format github --summary "$GITHUB_STEP_SUMMARY"

GitHub shows only a few annotations per step, so the summary is where a
contributor sees every problem at once: a table of the sections that are too
hard to read (page, voice, grade and Reading Ease against the voice's limits, the
longest sentence), then a table of every other problem that stops the build.
The text is written for people who are not programmers.
"""

from __future__ import annotations

from plainpolicy.config import Settings, Voice
from plainpolicy.engine.checker import PageResult, Report
from plainpolicy.findings import ERROR, WARNING, Finding
from plainpolicy.rules.readability import (
    EXCEPTED,
    POOLED,
    SENTENCES_ONLY,
    SHORT,
    WHOLE_PAGE,
    reading_age,
)

TITLE = "Readability and policy checks"
MAX_ROWS = 100
MAX_SENTENCE = 300


def cell(text: str, limit: int | None = None) -> str:
    """Text made safe for one cell of a Markdown table: one line, no table or HTML breakers."""
    flat = " ".join(str(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def code(text: str) -> str:
    """A file path as code in a table cell (inside backticks, HTML is shown as written)."""
    return "`" + " ".join(str(text).split()).replace("|", "\\|").replace("`", "'") + "`"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def failing_sections(report: Report, settings: Settings) -> list[tuple[PageResult, Voice, int]]:
    """(page, voice, index of section) for each section judged too hard to read."""
    found = []
    for page in report.pages:
        voice = settings.voices.get(page.voice or "")
        if voice is None:
            continue
        for index, section in enumerate(page.sections):
            if not section.passed and section.judged_by != EXCEPTED:
                found.append((page, voice, index))
    return found


def _section_rows(report: Report, settings: Settings) -> list[str]:
    rows = []
    for page, voice, index in failing_sections(report, settings):
        section = page.sections[index]
        name = f"{section.heading} (line {section.line})"
        if section.judged_by == POOLED and section.pooled_with:
            name += f", scored with {', '.join(section.pooled_with)}"
        if section.judged_by == SENTENCES_ONLY:
            # Too few words for the formulas: the section failed on a long sentence.
            grade = ease = f"not scored: the page has under {settings.min_words} words"
        else:
            grade = f"{section.judged_grade:.1f}, UK reading age {reading_age(section.judged_grade)} (limit {voice.max_grade:g})"
            ease = f"{section.judged_ease:.1f} (limit {voice.min_ease:g} or more)"
            if section.judged_by == WHOLE_PAGE:
                name += f", scored as one with the rest of the page (under {settings.min_words} words)"
            elif section.judged_by == SHORT:
                name += f", judged on its own words and sentences (under {settings.min_words} words, too few short sections beside it to pool with)"
        if section.longest_sentence:
            longest = f"{section.longest_words} words (limit {voice.max_sentence_words}): “{cell(section.longest_sentence, MAX_SENTENCE)}”"
        else:
            longest = ""
        rows.append(f"| {code(page.path)} | {cell(voice.label)} | {cell(name)} | {grade} | {ease} | {longest} |")
    return rows


def _other_rows(findings: list[Finding], labels: dict[str, str], strict: bool) -> list[str]:
    rows = []
    for finding in findings:
        where = f"{code(finding.path)} line {finding.line}"
        what = finding.message + (f" {finding.hint}" if finding.hint else "")
        if finding.severity == ERROR:
            kind = "Stops the build"
        else:
            kind = "Warning (strict: stops the build)" if strict else "Warning"
        voice = labels.get(finding.voice, finding.voice)
        rows.append(f"| {where} | {cell(voice) or ' '} | {kind} | {cell(what, 600)} |")
    return rows


def _capped(rows: list[str]) -> list[str]:
    if len(rows) <= MAX_ROWS:
        return rows
    return rows[:MAX_ROWS] + [f"\n…and {len(rows) - MAX_ROWS} more. Run `plainpolicy check` to see them all."]


def render(report: Report, settings: Settings, strict: bool = False) -> str:
    """The summary as Markdown, ready to append to $GITHUB_STEP_SUMMARY.

    With `strict` (as `plainpolicy check --strict`), warnings stop the build too,
    and the summary says so.
    """
    errors, warnings = report.count(ERROR), report.count(WARNING)
    pages = len(report.pages)
    lines = [f"## {TITLE}", ""]
    if errors == 0 and warnings == 0:
        lines.append(f"All {_plural(pages, 'page')} passed, with no warnings.")
    elif strict:
        lines.append(
            f"{_plural(pages, 'page')} checked: {_plural(errors, 'problem')} and {_plural(warnings, 'warning')}. "
            "This check is strict, like the site build: warnings stop the build too."
        )
    elif errors == 0:
        lines.append(f"All {_plural(pages, 'page')} passed. {_plural(warnings, 'warning')}, which {'does' if warnings == 1 else 'do'} not stop the build.")
    else:
        lines.append(
            f"{_plural(pages, 'page')} checked: {_plural(errors, 'problem')} stop the build, "
            f"and {_plural(warnings, 'warning')} do not."
        )
    lines.append("")

    sections = _section_rows(report, settings)
    if sections:
        lines += [
            "### Sections that are too hard to read",
            "",
            "Each section must be at or under its grade limit, and at or over its Reading Ease limit. "
            f"A page under {settings.min_words} words is not scored: only its sentence length counts. "
            "The longest sentence is usually the best place to start: try splitting it.",
            "",
            "| Page | Voice | Section | Grade | Reading Ease | Longest sentence |",
            "| --- | --- | --- | --- | --- | --- |",
            *_capped(sections),
            "",
        ]

    labels = {name: voice.label for name, voice in settings.voices.items()}
    others = [f for f in report.findings if f.severity in (ERROR, WARNING) and f.rule != "readability/too-hard"]
    others.sort(key=lambda f: (f.severity != ERROR, f.sort_key()))
    if others:
        lines += [
            "### Other problems and warnings",
            "",
            "| Where | Voice | Effect | What to do |",
            "| --- | --- | --- | --- |",
            *_capped(_other_rows(others, labels, strict)),
            "",
        ]

    exceptions = [f for f in report.findings if f.rule == "exception/used"]
    if exceptions:
        lines += [f"### Exceptions in use ({len(exceptions)})", ""]
        lines += [f"- {code(f.path)} line {f.line}, {cell(f.section)}: {cell(f.message)}" for f in exceptions]
        lines.append("")

    lines.append("To see one page explained in plain words, run `plainpolicy explain PAGE`.")
    return "\n".join(lines) + "\n"
