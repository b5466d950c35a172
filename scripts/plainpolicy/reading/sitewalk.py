"""The files under docs/ that a build reads, found as MkDocs finds them.

MkDocs walks docs/ following folder symlinks (`os.walk(followlinks=True)`), then
leaves out what `exclude_docs` names (besides its defaults: dot files and
templates/) and, in a build, what `draft_docs` names (`mkdocs serve` shows drafts).
`plainpolicy check` walks the same way, so it sees the pages the build publishes
and checks, and no others.

Two differences, both on the safe side: a folder symlink that leaves the
repository is not followed (safety/outside.py reports it, and the check never
reads what it points at), and a folder is not entered twice on one path (a
symlink loop would otherwise be walked until the path is too long). A symlink that
makes the build publish a page twice, a loop among them, is an error
(safety/published_twice.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

from plainpolicy.reading.mkdocs_config import SiteConfig

# MkDocs' own exclude_docs default: dot files and templates/ are never published.
DEFAULT_EXCLUDED = [".*", "/templates/"]
PAGE_SUFFIXES = (".md",)


def left_out(site: SiteConfig) -> Any:
    """A matcher (`match_file`) of the paths under docs/ a build leaves out (exclude_docs, draft_docs)."""
    lines = site.exclude_docs.splitlines() + site.draft_docs.splitlines()
    if not any(line.strip() for line in lines):
        return DefaultLeftOut()
    import pathspec  # here: loading it takes 15 to 20 ms, a fiftieth of a check of the kit

    return pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDED + lines)


class DefaultLeftOut:
    """MkDocs' defaults alone (DEFAULT_EXCLUDED), as pathspec reads them: anything with a
    part that starts with a dot, and the top folder templates/ (tests/test_sitewalk.py
    compares the two on every kind of path)."""

    def match_file(self, relative: str) -> bool:
        parts = relative.split("/")
        return any(part.startswith(".") for part in parts) or (len(parts) > 1 and parts[0] == "templates")


def site_files(site: SiteConfig, repository: Path | None = None) -> list[tuple[Path, str]]:
    """Every file under docs/ a build reads: (the file, its path under docs/ with '/'), sorted."""
    if not site.docs_dir.is_dir():
        return []
    root = (repository or (site.config_file.resolve().parent if site.config_file else site.docs_dir)).resolve()
    spec = left_out(site)
    return sorted(((file, relative) for file, relative in walk(site.docs_dir, root) if not spec.match_file(relative)), key=lambda item: item[1])


def site_pages(site: SiteConfig) -> list[tuple[Path, str]]:
    """The Markdown pages of site_files()."""
    return pages_of(site_files(site))


def pages_of(files: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """The Markdown pages among files found by site_files()."""
    return [(file, relative) for file, relative in files if file.suffix.lower() in PAGE_SUFFIXES and file.is_file()]


def walk(folder: Path, repository: Path) -> Iterator[tuple[Path, str]]:
    """Every file under `folder` (folder symlinks inside the repository followed), with its path under `folder`."""
    top = folder.resolve()
    if not _inside(top, repository):
        return
    chains: dict[str, frozenset[Path]] = {str(folder): frozenset({top})}
    for current, folders, files in os.walk(folder, followlinks=True):
        chain = chains.pop(current, frozenset())
        keep = []
        for name in sorted(folders):
            target = Path(os.path.realpath(os.path.join(current, name)))
            if _inside(target, repository) and target not in chain:
                keep.append(name)
                chains[os.path.join(current, name)] = chain | {target}
        folders[:] = keep
        base = Path(current)
        under = base.relative_to(folder).as_posix() if base != folder else ""
        for name in files:
            yield base / name, f"{under}/{name}" if under else name


class RealPaths:
    """Each file's real path (Path.resolve()), its folder resolved once for all its files:
    a page that is not itself a symlink is its real folder and its name. Resolving
    every path looks at every folder on the way: 2,000 pages took a fifth of a second."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def of(self, file: Path) -> Path:
        path = os.path.abspath(file)
        if os.path.islink(path):
            return Path(os.path.realpath(path))
        folder, name = os.path.split(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return Path(real, name)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
