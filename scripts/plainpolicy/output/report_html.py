"""The readability report page: every section's scores against its voice's limits.

The page's HTML comes from the Jinja template templates/report.html (MkDocs ships
Jinja); this module gives it the figures. Plain HTML and SVG bars (no chart
library, no script). Numbers are always shown as text too, so the bars are
decoration (aria-hidden) and the table is the data.
"""

from __future__ import annotations

import statistics
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from plainpolicy.config import Settings, Voice
from plainpolicy.engine.buildresult import ReportEntry
from plainpolicy.findings import Finding
from plainpolicy.rules.readability import reading_age

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
@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.PackageLoader("plainpolicy.output", "templates"), autoescape=True, undefined=jinja2.StrictUndefined)
    environment.globals.update(reading_age=reading_age, limit=lambda value: f"{value:g}")
    return environment.get_template("report.html")


def render_report(intro_html: str, entries: list[ReportEntry], settings: Settings, urls: dict[str, str], exceptions: list[Finding]) -> str:
    """The whole report page body (templates/report.html); `urls` maps a page's relative path to its link.

    It opens with its own contents list (the page's table of contents only knows
    the Markdown intro). Each page's table is folded away in a <details>, open when
    a section is too hard, and scrolls inside its own box on a narrow screen."""
    groups = [_group(name, settings.voices[name], [e for e in entries if e.voice == name]) for name in settings.voices]
    return _template().render(intro=Markup(intro_html), groups=[group for group in groups if group["entries"]], exceptions=exceptions, urls=urls)


def _group(name: str, voice: Voice, entries: list[ReportEntry]) -> dict[str, Any]:
    """One voice's pages, and the figures of its summary card."""
    grades = [grade for entry in entries for grade in entry.grades]
    eases = [ease for entry in entries for ease in entry.eases]
    return {
        "name": name, "voice": voice, "entries": sorted(entries, key=lambda e: e.relative), "grades": grades,
        "words": sum(entry.words for entry in entries), "failing": sum(entry.failing for entry in entries),
        "median_grade": statistics.median(grades) if grades else 0.0, "median_ease": statistics.median(eases) if eases else 0.0,
    }
