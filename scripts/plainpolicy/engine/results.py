"""What checking gives: each page's result, and the report of a whole check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence

from plainpolicy.datafiles import commitments as commitment_markers
from plainpolicy.datafiles.prompts import page_ids
from plainpolicy.findings import Finding
from plainpolicy.reading.nations import NationBlock
from plainpolicy.rules.readability import SectionReport
from plainpolicy.site.tooltips import Place


@dataclass
class PageResult:
    path: str
    relative: str
    voice: str | None
    title: str
    meta: dict[str, Any]
    findings: list[Finding] = field(default_factory=list)
    sections: list[SectionReport] = field(default_factory=list)
    media: list[str] = field(default_factory=list)  # image and video files under docs/ that the page uses
    tooltips: list[Place] = field(default_factory=list)  # where glossary tooltips go in the page's HTML (site builds only)
    commitments: list[commitment_markers.Marker] = field(default_factory=list)  # commitment markers the reader's page holds
    nation_blocks: list[NationBlock] = field(default_factory=list)  # the page's nation blocks, shown or not

    @property
    def answers(self) -> tuple[str, ...]:
        """The checklist questions this page answers (a generated page answers none)."""
        return () if self.meta.get("generated") else tuple(page_ids(self.meta, "checklist"))

    @property
    def words(self) -> int:
        return sum(section.scores.words for section in self.sections)


class SitePage(Protocol):
    """What the site-wide rules read of each page's result (PageResult, or the build's BuildResult)."""

    @property
    def voice(self) -> str | None: ...
    @property
    def media(self) -> Sequence[str]: ...
    @property
    def answers(self) -> Sequence[str]: ...
    @property
    def commitments(self) -> Sequence[commitment_markers.Marker]: ...


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
