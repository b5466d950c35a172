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
.pp-summary { display: grid; gap: .8rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr)); margin: 1rem 0; }
.pp-card { border: 1px solid var(--md-default-fg-color--lightest, #ccc); border-radius: .3rem; padding: .6rem .8rem; }
.pp-card h3 { margin: 0 0 .4rem; }
.pp-card p { margin: .2rem 0; }
.pp-contents ul { columns: 2 12rem; }
.pp-table-wrap { max-width: 100%; overflow-x: auto; margin: .6rem 0; }
.pp-table-wrap:focus-visible { outline: .1rem solid var(--md-accent-fg-color); }
.md-typeset .pp-table { margin: 0; font-size: .64rem; border-collapse: collapse; }
.pp-table td, .pp-table th { padding: .3rem .5rem; vertical-align: middle; border-top: .05rem solid var(--md-default-fg-color--lightest, #ddd); text-align: left; }
.pp-table td:nth-child(3), .pp-table td:nth-child(4) { white-space: nowrap; }
.md-typeset details.pp-page { margin: .4rem 0; }
.md-typeset details.pp-page > summary { font-weight: 700; }
.pp-bar { display: inline-block; width: 4rem; height: .7rem; margin-right: .4rem; vertical-align: middle; background: #e8e8ee; border-radius: .2rem; }
.pp-bar__fill { fill: #2e7d32; }
.pp-bar__fill--fail { fill: #b3261e; }
.pp-bar__limit { fill: #1a1a1a; }
[data-md-color-scheme="slate"] .pp-bar { background: #3b3f52; }
[data-md-color-scheme="slate"] .pp-bar__limit { fill: #f0f0f0; }
.pp-fail { color: #b3261e; font-weight: 700; }
[data-md-color-scheme="slate"] .pp-fail { color: #ffb4ab; }
"""
def _bar(value: float, scale: float, limit: float, failing: bool) -> str:
    """A bar as SVG: sizes are attributes, so the page needs no style attributes (a CSP forbids them)."""
    width = max(0.0, min(value / scale, 1.0)) * 100
    marker = max(0.0, min(limit / scale, 1.0)) * 100
    fill_class = "pp-bar__fill pp-bar__fill--fail" if failing else "pp-bar__fill"
    return (
        '<svg class="pp-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect class="{fill_class}" width="{width:.1f}" height="10"/>'
        f'<rect class="pp-bar__limit" x="{max(0.0, marker - 1):.1f}" width="2" height="10"/></svg>'
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
    """The whole report page body; `urls` maps a page's relative path to its link.

    It opens with its own contents list (the page's table of contents only knows
    the Markdown intro). Each page's table is folded away in a <details>, open when
    a section is too hard, and scrolls inside its own box on a narrow screen."""
    by_voice = {name: [e for e in entries if e.voice == name] for name in settings.voices}
    contents = ['<li><a href="#summary">Summary</a></li>', '<li><a href="#exceptions">Exceptions</a></li>']
    contents += [f'<li><a href="#voice-{escape(name)}">{escape(settings.voices[name].label)}</a></li>'
                 for name, group in by_voice.items() if group]
    parts = [intro_html, f'<nav class="pp-contents" aria-label="Report contents"><ul>{"".join(contents)}</ul></nav>',
             '<h2 id="summary">Summary</h2><div class="pp-summary">']
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
        parts.append("<p>Open a page to see each of its sections. Pages with a section that is too hard are open already.</p>")
        parts += [_page_details(entry, urls.get(entry.relative, "")) for entry in sorted(group, key=lambda e: e.relative)]
    return "\n".join(parts)


def _page_details(entry: ReportEntry, url: str) -> str:
    title = escape(entry.title or entry.relative)
    sections = len(entry.grades)
    state = f", {entry.failing} too hard" if entry.failing else ""
    return (
        f'<details class="pp-page"{" open" if entry.failing else ""}>'
        f"<summary>{title} ({sections} section{'s' * (sections != 1)}{state})</summary>"
        f'<p><a href="{escape(url)}">Go to the page: {title}</a></p>'
        f'<div class="pp-table-wrap" role="region" aria-label="Scores for {title}" tabindex="0">{entry.table}</div>'
        "</details>"
    )
