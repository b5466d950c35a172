"""Running every check over a set of pages and collecting one report.

The command line and the MkDocs plugin both go through `Checker`, so a page gets
the same findings whichever way it is checked.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .analysis import AnalysedPage, analyse
from .checks.glossary_rules import check_glossary
from .checks.pairing import check_pairing
from .checks.readability import SectionReport, check_readability
from .checks.review import check_review
from .errors import CannotRun
from .exceptions import Allowance
from .findings import ERROR, INFO, WARNING, Finding
from .glossary import Glossary, load_glossary
from .mkdocs_config import SiteConfig
from .render import Renderer
from .source import SourcePage, read_page, split_front_matter


@dataclass
class PageResult:
    path: str
    relative: str
    voice: str | None
    title: str
    meta: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    sections: list[SectionReport] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(section.scores.words for section in self.sections)


@dataclass
class Report:
    pages: list[PageResult] = field(default_factory=list)
    site_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        every = [finding for page in self.pages for finding in page.findings] + self.site_findings
        return sorted(every, key=Finding.sort_key)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def display_path(file: Path) -> str:
    """The path as a contributor would type it: relative to the current folder if possible."""
    try:
        return os.path.relpath(file, Path.cwd()).replace(os.sep, "/")
    except ValueError:
        return str(file)


RULE_FAMILIES = ("readability", "sentence", "glossary", "security", "images", "links")


class Checker:
    """Checks pages against one site's settings."""

    def __init__(self, site: SiteConfig, today: dt.date | None = None) -> None:
        self.site = site
        self.settings = site.settings
        self.today = today or dt.date.today()
        self._renderer: Renderer | None = None
        self._glossary: Glossary | None = None
        self._glossary_loaded = False

    # --- shared resources, loaded once -----------------------------------------
    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(self.site.extensions, self.site.extension_configs, str(self.site.config_file or "mkdocs.yml"))
        return self._renderer

    @property
    def glossary(self) -> Glossary | None:
        if not self._glossary_loaded:
            self._glossary_loaded = True
            if self.settings.glossary:
                file = self.site.docs_dir / self.settings.glossary
                self._glossary = load_glossary(file, set(self.settings.voices), display_path(file))
        return self._glossary

    # --- which files -----------------------------------------------------------
    def relative(self, file: Path) -> str:
        try:
            return file.resolve().relative_to(self.site.docs_dir.resolve()).as_posix()
        except ValueError:
            return file.name

    def excluded(self, relative: str) -> bool:
        return any(fnmatch.fnmatch(relative, pattern) for pattern in self.settings.exclude)

    def site_pages(self) -> set[str]:
        """Every Markdown page under docs/ (for pairing), relative, with '/'."""
        if not self.site.docs_dir.is_dir():
            return set()
        return {path.relative_to(self.site.docs_dir).as_posix() for path in self.site.docs_dir.rglob("*.md")}

    def collect(self, paths: list[Path]) -> list[Path]:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*.md") if p.is_file()))
            elif path.exists():
                files.append(path)
            else:
                raise CannotRun(str(path), "no such file or folder")
        unique = sorted({file.resolve(): file for file in files}.items())
        return [file for _, file in unique if not self.excluded(self.relative(file))]

    # --- checking --------------------------------------------------------------
    def check_files(self, paths: list[Path], extra_pages: set[str] | None = None) -> Report:
        existing = self.site_pages() | (extra_pages or set())
        report = Report()
        for file in self.collect(paths):
            page = read_page(file, display_path(file))
            report.pages.append(self.check_source(page, self.relative(file), existing))
        return report

    def check_text(self, text: str, relative: str, path: str, existing: set[str], html: str | None = None) -> PageResult:
        """Check a page given as text (generated pages, tests)."""
        return self.check_source(split_front_matter(text, path), relative, existing, html)

    def check_source(self, source: SourcePage, relative: str, existing: set[str], html: str | None = None) -> PageResult:
        voice = self.settings.voice_for(relative, source.meta)
        result = PageResult(source.path, relative, voice.name if voice else None, str(source.meta.get("title") or ""), source.meta)
        if html is None:
            html = self.renderer.render(source.body, source.path)
        page = analyse(source.path, relative, source, html, voice)
        result.title = result.title or page.title
        findings: list[Finding] = []
        if voice is not None:
            readability, result.sections = check_readability(page, voice, self.settings, self._explained())
            findings += readability
            findings += check_pairing(source.path, relative, voice, source.meta, source.meta_lines, self.settings, existing)
            if self._is_voice_page(relative):
                findings += check_review(source.path, voice.name, source.meta, source.meta_lines, self.settings.review_months, self.settings.overdue_review, self.today)
        if self.glossary is not None:
            findings += check_glossary(page, self.glossary)
        result.findings = apply_allowances(page, findings)
        return result

    def _is_voice_page(self, relative: str) -> bool:
        return any(relative.startswith(voice.folder + "/") for voice in self.settings.voices.values())

    def _explained(self) -> frozenset[str]:
        return self.glossary.explained_words() if self.glossary is not None else frozenset()


def apply_allowances(page: AnalysedPage, findings: list[Finding]) -> list[Finding]:
    """Drop findings excused by a section's exception; report every exception itself."""
    kept: list[Finding] = []
    for finding in findings:
        view = next((v for v in page.sections if v.line <= finding.line < v.end_line), None)
        allowance = None
        if view is not None:
            allowance = next((a for a in view.allowances if a.reason and a.covers(finding.rule)), None)
        if allowance is not None:
            allowance.used = True
            continue
        kept.append(finding)
    voice = page.voice.name if page.voice else ""
    for view in page.sections:
        for allowance in view.allowances:
            kept.extend(_allowance_findings(page, view.name, allowance, voice))
    return kept


def _allowance_findings(page: AnalysedPage, section: str, allowance: Allowance, voice: str) -> list[Finding]:
    where = (page.path, allowance.line)
    if not allowance.rules:
        return [Finding(*where, "exception/no-rule", ERROR, "This exception does not say which rule it is for.", "Write it as <!-- plainpolicy-allow readability: the reason -->.", allowance.column, voice, section)]
    unknown = [rule for rule in allowance.rules if rule.split("/")[0] not in RULE_FAMILIES]
    if unknown:
        return [Finding(*where, "exception/unknown-rule", ERROR, f"This exception names a rule that does not exist: {', '.join(unknown)}.", f"Use one of: {', '.join(RULE_FAMILIES)} (or a rule id such as sentence/too-long).", allowance.column, voice, section)]
    if not allowance.reason:
        return [Finding(*where, "exception/no-reason", ERROR, "This exception has no reason.", "Every exception needs a reason after a colon: <!-- plainpolicy-allow readability: why this section cannot be simpler -->.", allowance.column, voice, section)]
    if not allowance.used:
        return [Finding(*where, "exception/unused", WARNING, f"This exception ({', '.join(allowance.rules)}) excuses nothing.", "The section passes without it: remove the comment.", allowance.column, voice, section)]
    return [Finding(*where, "exception/used", INFO, f"Exception for {', '.join(allowance.rules)}: {allowance.reason}", "", allowance.column, voice, section)]
