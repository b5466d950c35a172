"""The build's kept page results as plain JSON text, and back (see buildresult.py).

What a worker process sends back to MkDocs' process, and what the cache folder
keeps between builds: text that can only ever become the listed classes
(plaindata.py), never code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeGuard

from plainpolicy.engine import plaindata
from plainpolicy.engine.buildresult import BuildResult, build_result
from plainpolicy.findings import Finding
from plainpolicy.site.tooltips import Place

if TYPE_CHECKING:
    from plainpolicy.config import Settings
    from plainpolicy.engine.results import PageResult

# The tooltip places (applied to the page as it is written), and the rest as JSON text.
# A few thousand strings cost Python's garbage collector nothing for every
# later page of a build; a few thousand live results would.
Packed = tuple[list[Place], str]


def pack(result: PageResult, settings: Settings) -> Packed:
    return result.tooltips, plaindata.dumps(build_result(result, settings))


def unpack(packed: Packed) -> BuildResult:
    result = plaindata.loads(packed[1])
    if not isinstance(result, BuildResult):
        raise ValueError("not a kept page result")
    return result


def is_packed(value: Any) -> TypeGuard[Packed]:
    """Whether value is what pack() makes: a stored result read from the cache folder is
    used only if it is (anything else, the page is checked again)."""
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list) and isinstance(value[1], str)):
        return False
    try:
        unpack(value)
    except ValueError:
        return False
    return all(isinstance(place, tuple) and len(place) == 3 for place in value[0])


def is_summary(value: Any) -> TypeGuard[tuple[list[Finding], str | None]]:
    """Whether value is a build's stored findings and report: (list of findings, report HTML or None)."""
    return (
        isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], list)
        and all(isinstance(finding, Finding) for finding in value[0]) and (value[1] is None or isinstance(value[1], str))
    )
