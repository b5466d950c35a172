"""The readability report page: every section's scores against its voice's limits.

Plain HTML and CSS bars (no chart library, no script). Numbers are always shown
as text too, so the bars are decoration (aria-hidden) and the table is the data.
"""

from __future__ import annotations

import statistics
from html import escape
from typing import NamedTuple

from .checker import PageResult
from .checks.readability import SectionReport, reading_age, too_hard
from .config import Settings, Voice
from .findings import Finding

GRADE_SCALE = 16.0  # the right-hand end of the grade bars
EASE_SCALE = 100.0

CSS = """\
/* plainpolicy readability report */
.pp-summary { display: grid; gap: .8rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); margin: 1rem 0; }
.pp-card { border: 1px solid var(--md-default-fg-color--lightest, #ccc); border-radius: .3rem; padding: .6rem .8rem; }
.pp-card h3 { margin: 0 0 .4rem; }
.pp-card p { margin: .2rem 0; }
.pp-table td, .pp-table th { vertical-align: middle; }
.pp-bar { position: relative; display: inline-block; width: 6rem; height: .7rem; background: #e8e8ee; border-radius: .2rem; margin-right: .4rem; vertical-align: middle; }
.pp-bar__fill { position: absolute; inset: 0 auto 0 0; border-radius: .2rem; background: #2e7d32; }
.pp-bar__fill--fail { background: #b3261e; }
.pp-bar__limit { position: absolute; top: -.15rem; bottom: -.15rem; width: 2px; background: #1a1a1a; }
.pp-fail { color: #b3261e; font-weight: 700; }
"""
# Bar lengths as classes in steps of 2%, not style="" attributes: the site's
# Content-Security-Policy refuses inline styles. The numbers are in the table.
BAR_STEP = 2
CSS += "".join(f".pp-w-{n} {{ width: {n}%; }}\n.pp-l-{n} {{ left: {n}%; }}\n" for n in range(0, 101, BAR_STEP))


def _step(percent: float) -> int:
    return int(round(percent / BAR_STEP)) * BAR_STEP


def _bar(value: float, scale: float, limit: float, failing: bool) -> str:
    width = max(0.0, min(value / scale, 1.0)) * 100
    marker = max(0.0, min(limit / scale, 1.0)) * 100
    fill_class = "pp-bar__fill pp-bar__fill--fail" if failing else "pp-bar__fill"
    return (
        f'<span class="pp-bar" aria-hidden="true"><span class="{fill_class} pp-w-{_step(width)}"></span>'
        f'<span class="pp-bar__limit pp-l-{_step(marker)}"></span></span>'
    )


def _judged(section: SectionReport) -> str:
    if section.pooled_with:
        return f"pooled with {', '.join(section.pooled_with)}"
    if section.exception_reason:
        return f"exception: {section.exception_reason}"
    return section.judged_by


class ReportEntry(NamedTuple):
    """One page's part of the report, made where the page is checked.

    The site build keeps this instead of the page's whole result: the report
    then joins ready-made tables and never unpacks thousands of section scores."""

    relative: str
    voice: str
    title: str
    words: int
    grades: tuple[float, ...]  # of the sections that have words
    eases: tuple[float, ...]
    failing: int  # sections with words that are too hard
    table: str  # the page's table of sections (HTML)


def report_entry(page: PageResult, voice: Voice) -> ReportEntry:
    scored = [s for s in page.sections if s.scores.words]
    return ReportEntry(
        page.relative, voice.name, page.title, page.words,
        tuple(s.scores.grade for s in scored), tuple(s.scores.ease for s in scored),
        sum(1 for s in scored if not s.passed), _section_table(page.sections, voice),
    )


def _voice_summary(voice: Voice, entries: list[ReportEntry]) -> str:
    grades = [grade for entry in entries for grade in entry.grades]
    if not grades:
        return ""
    median_grade = statistics.median(grades)
    median_ease = statistics.median(ease for entry in entries for ease in entry.eases)
    failing = sum(entry.failing for entry in entries)
    return (
        f'<div class="pp-card"><h3>{escape(voice.label)}</h3>'
        f"<p>{len(entries)} pages, {len(grades)} sections, {sum(e.words for e in entries):,} words.</p>"
        f"<p>Median grade {median_grade:.1f}, UK reading age {reading_age(median_grade)} (limit {voice.max_grade:g}, reading age {reading_age(voice.max_grade)}).</p>"
        f"<p>Median Reading Ease {median_ease:.1f} (limit {voice.min_ease:g} or more).</p>"
        f"<p>Sections too hard: {failing}.</p></div>"
    )


def _section_table(sections: list[SectionReport], voice: Voice) -> str:
    rows = []
    for section in sections:
        grade_fail, ease_fail = too_hard(section.judged_grade, section.judged_ease, voice)
        mark = "" if section.passed else ' <span class="pp-fail">too hard</span>'
        rows.append(
            "<tr>"
            f"<td>{escape(section.heading)}{mark}</td>"
            f"<td>{section.scores.words}</td>"
            f"<td>{_bar(section.scores.grade, GRADE_SCALE, voice.max_grade, grade_fail and not section.passed)}{section.scores.grade:.1f}</td>"
            f"<td>{reading_age(section.scores.grade) if section.scores.words else ''}</td>"
            f"<td>{_bar(section.scores.ease, EASE_SCALE, voice.min_ease, ease_fail and not section.passed)}{section.scores.ease:.1f}</td>"
            f"<td>{escape(_judged(section))}</td>"
            "</tr>"
        )
    return (
        f'<table class="pp-table"><thead><tr><th scope="col">Section</th><th scope="col">Words</th>'
        f'<th scope="col">Grade (limit {voice.max_grade:g})</th><th scope="col">UK reading age (limit {reading_age(voice.max_grade)})</th><th scope="col">Reading Ease (limit {voice.min_ease:g})</th>'
        f'<th scope="col">Judged by</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def render_report(intro_html: str, entries: list[ReportEntry], settings: Settings, urls: dict[str, str], exceptions: list[Finding]) -> str:
    """The whole report page body; `urls` maps a page's relative path to its link."""
    parts = [intro_html, '<h2 id="summary">Summary</h2><div class="pp-summary">']
    by_voice = {name: [e for e in entries if e.voice == name] for name in settings.voices}
    parts += [_voice_summary(settings.voices[name], group) for name, group in by_voice.items()]
    parts.append("</div>")
    parts.append('<h2 id="exceptions">Exceptions</h2>')
    if exceptions:
        items = "".join(f"<li>{escape(f.path)}, line {f.line}, {escape(f.section)}: {escape(f.message)}</li>" for f in exceptions)
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append("<p>No section has an exception.</p>")
    for name, group in by_voice.items():
        if not group:
            continue
        voice = settings.voices[name]
        parts.append(f'<h2 id="voice-{escape(name)}">{escape(voice.label)}</h2>')
        for entry in sorted(group, key=lambda e: e.relative):
            url = urls.get(entry.relative, "")
            parts.append(f'<h3><a href="{escape(url)}">{escape(entry.title or entry.relative)}</a></h3>{entry.table}')
    return "\n".join(parts)
