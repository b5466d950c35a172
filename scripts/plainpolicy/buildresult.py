"""What the site build keeps of each page's result.

`plainpolicy check` prints everything about a page (every section's scores,
long sentences, hard words). The site build needs less: the page's findings,
its part of the readability report, the media it uses and the checklist
questions it answers. That part is made where the page is checked (in a worker
process on a large site) and kept pickled, so at the end of a build MkDocs'
process joins a few strings and lists instead of unpacking thousands of scores.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from . import plaindata
from .tooltips import Place

if TYPE_CHECKING:
    from .checker import PageResult
    from .commitments import Marker
    from .config import Settings
    from .findings import Finding
    from .report_html import ReportEntry

# The tooltip places (applied to the page as it is written), and the rest as JSON text.
# A few thousand strings cost Python's garbage collector nothing for every
# later page of a build; a few thousand live results would.
Packed = tuple[list[Place], str]


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
        from .commitments import Marker

        size, flat = len(Marker._fields), self.commitment_fields
        return tuple(Marker(*flat[start:start + size]) for start in range(0, len(flat), size))


def build_result(result: PageResult, settings: Settings) -> BuildResult:
    from .report_html import report_entry

    voice = settings.voices.get(result.voice or "")
    report = report_entry(result, voice) if voice is not None and result.sections else None
    return BuildResult(tuple(result.findings), result.voice, tuple(result.media), result.answers, report, tuple(field for marker in result.commitments for field in marker))


def pack(result: PageResult, settings: Settings) -> Packed:
    return result.tooltips, plaindata.dumps(build_result(result, settings))


def unpack(packed: Packed) -> BuildResult:
    result = plaindata.loads(packed[1])
    if not isinstance(result, BuildResult):
        raise ValueError("not a kept page result")
    return result


def is_packed(value: Any) -> bool:
    """Whether value is what pack() makes: a stored result read from the cache folder is
    used only if it is (anything else, the page is checked again)."""
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], str)):
        return False
    try:
        unpack(value)
    except ValueError:
        return False
    return all(isinstance(place, tuple) and len(place) == 3 for place in value[0])


def is_summary(value: Any) -> bool:
    """Whether value is a build's stored findings and report: (list of findings, report HTML or None)."""
    from .findings import Finding

    return (
        isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list)
        and all(isinstance(finding, Finding) for finding in value[0]) and (value[1] is None or isinstance(value[1], str))
    )
