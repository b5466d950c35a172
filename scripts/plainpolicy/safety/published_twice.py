"""Pages the site would publish twice: a symlink under docs/ to pages also under docs/.

MkDocs follows symlinks under docs/, to folders and to files alike, so a link
docs/young-people/extra -> ../staff publishes every staff page a second time as
young-people/extra/...: a young person searching finds each page twice, and a staff
page sits in the young people's part of the site. So each such link is an error
that names it and its target. The check and the build decide from the same thing:
the pages a build publishes (MkDocs' own list in the build, sitewalk's, which walks
as MkDocs does, in the check), grouped by the file each page really is. Where a file
is published under two or more paths, each path that goes through a symlink names
the first link on its way.

A folder link to a folder that holds it (docs/young-people/all -> ..) is a loop:
MkDocs follows it again and again, the check does not enter it twice (sitewalk.py),
so the check finds it by looking at the link itself.

Only pages count. A stylesheet or image linked twice is published twice too, but no
reader meets the same page twice: a logo shared by both voices' folders is fine.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.sitewalk import RealPaths

RULE = "site/published-twice"


def published_twice(pages: Iterable[tuple[Path, str]], docs_dir: Path, display: Callable[[Path], str]) -> list[Finding]:
    """One error for each symlink under docs/ that makes the site publish a page twice.
    pages: each page a build publishes, as (its file as found under docs/, its path there with '/')."""
    paths: dict[Path, list[str]] = {}
    real = RealPaths()
    for file, relative in pages:
        paths.setdefault(real.of(file), []).append(relative)
    links = {link for found in paths.values() if len(found) > 1 for relative in found if (link := _first_link(docs_dir, relative))}
    links |= set(_loops(docs_dir))
    return [_finding(link, docs_dir, display) for link in sorted(links)]


def _first_link(docs_dir: Path, relative: str) -> Path | None:
    """The first symlink on the way from docs/ to this path (None if there is none)."""
    path = docs_dir
    for part in relative.split("/"):
        path = path / part
        if path.is_symlink():
            return path
    return None


def _loops(docs_dir: Path) -> Iterable[Path]:
    """Folder links under docs/ to docs/ or a folder above the link (not followed here)."""
    if not docs_dir.is_dir():
        return
    for current, folders, _ in os.walk(docs_dir):
        for name in folders:
            link = Path(current) / name
            if link.is_symlink() and _inside(Path(os.path.realpath(current)), Path(os.path.realpath(link))):
                yield link


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _finding(link: Path, docs_dir: Path, display: Callable[[Path], str]) -> Finding:
    target, docs = Path(os.path.realpath(link)), Path(os.path.realpath(docs_dir))
    shown = display(docs_dir / target.relative_to(docs)) if _inside(target, docs) else display(target)
    what = "pages" if target.is_dir() else "page"
    return Finding(display(link), 1, RULE, ERROR,
                   f"{display(link)} is a link to {shown}: the site would publish the same {what} twice; copy or move the {what} instead.",
                   "Delete the link, then move or copy the pages into the folder where their readers should find them.")
