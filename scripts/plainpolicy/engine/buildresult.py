"""What the site build keeps of each page's result.

`plainpolicy check` prints everything about a page (every section's scores,
long sentences, hard words). The site build needs less: the page's findings,
its part of the readability report, the media it uses and the checklist
questions it answers. That part is made where the page is checked (in a worker
process on a large site) and kept as plain JSON text (packing.py), so at the end of a build MkDocs'
process joins a few strings and lists instead of unpacking thousands of scores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from plainpolicy.rules.readability import SectionReport, reading_age, too_hard

if TYPE_CHECKING:
    from plainpolicy.config import Settings, Voice
    from plainpolicy.datafiles.commitments import Marker
    from plainpolicy.engine.results import PageResult
    from plainpolicy.findings import Finding

# What the report shows of one section, in this order (ReportEntry.rows); the template
# output/templates/report.html unpacks each row.
SECTION_ROW = ("heading", "words", "grade", "reading_age", "ease", "judged", "passed", "grade_fails", "ease_fails")


class ReportEntry(NamedTuple):
    """One page's part of the readability report, made where the page is checked.

    The site build keeps this instead of the page's whole result: the report then
    lists ready-made rows and never unpacks thousands of section scores."""

    relative: str
    voice: str
    title: str
    words: int
    grades: tuple[float, ...]  # of the sections that have words
    eases: tuple[float, ...]
    failing: int  # sections with words that are too hard
    # Each section's SECTION_ROW, one after another in one plain tuple (as commitment_fields
    # in BuildResult: the garbage collector stops watching it at its next pass).
    section_fields: tuple[Any, ...]

    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """One tuple a section, its fields in SECTION_ROW's order."""
        size, flat = len(SECTION_ROW), self.section_fields
        return [flat[start:start + size] for start in range(0, len(flat), size)]


def report_entry(page: PageResult, voice: Voice) -> ReportEntry:
    scored = [s for s in page.sections if s.scores.words]
    return ReportEntry(
        page.relative, voice.name, page.title, page.words,
        tuple(s.scores.grade for s in scored), tuple(s.scores.ease for s in scored),
        sum(1 for s in scored if not s.passed), tuple(field for s in page.sections for field in _section_row(s, voice)),
    )


def _section_row(section: SectionReport, voice: Voice) -> tuple[Any, ...]:
    grade_fails, ease_fails = too_hard(section.judged_grade, section.judged_ease, voice)
    scores = section.scores
    return (
        section.heading, scores.words, scores.grade, reading_age(scores.grade) if scores.words else "", scores.ease,
        _judged(section), section.passed, grade_fails and not section.passed, ease_fails and not section.passed,
    )


def _judged(section: SectionReport) -> str:
    if section.pooled_with:
        return f"pooled with {', '.join(section.pooled_with)}"
    if section.exception_reason:
        return f"exception: {section.exception_reason}"
    return section.judged_by


class BuildResult(NamedTuple):
    """A named tuple of plain values, as is ReportEntry: two objects per page for the garbage
    collector to watch (a whole result has dozens), so unpacking thousands of them at the
    end of a build does not set off a full collection in MkDocs' process."""

    findings: tuple[Finding, ...]
    voice: str | None
    media: tuple[str, ...] = ()  # image and video files under docs/ that the page uses
    answers: tuple[str, ...] = ()  # checklist questions the page answers (none for generated pages)
    report: ReportEntry | None = None  # None: not in the report (no voice, or no sections)
    # Commitment markers on the page as its readers see it, their fields one after
    # another in one plain tuple: the garbage collector stops watching a plain tuple of
    # text and numbers at its next pass, but not a Marker or a tuple of tuples.
    commitment_fields: tuple[Any, ...] = ()

    @property
    def commitments(self) -> tuple[Marker, ...]:
        from plainpolicy.datafiles.commitments import Marker

        size, flat = len(Marker._fields), self.commitment_fields
        return tuple(Marker(*flat[start:start + size]) for start in range(0, len(flat), size))


def build_result(result: PageResult, settings: Settings) -> BuildResult:
    voice = settings.voices.get(result.voice or "")
    report = report_entry(result, voice) if voice is not None and result.sections else None
    return BuildResult(tuple(result.findings), result.voice, tuple(result.media), result.answers, report, tuple(field for marker in result.commitments for field in marker))
