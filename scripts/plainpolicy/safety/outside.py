"""Files that would publish something from outside the repository.

MkDocs copies the target of a symlink, and pymdownx.snippets checks paths with
`os.path.abspath`, not `realpath`: a symlink under docs/ (or a snippet folder,
or overrides/) can publish any file on the building machine, `/proc/self/environ`
included. Every file and folder there must resolve inside the repository; a
symlink that points at nothing is reported too (MkDocs and the checker would
otherwise skip the page without a word).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from plainpolicy.findings import ERROR, Finding

OUTSIDE_FILE = "security/outside-file"
_SKIP = {".git", ".venv", "venv", "node_modules", "__pycache__", "site"}


def check_folders(folders: Iterable[Path], repository: Path, display: Callable[[Path], str]) -> list[Finding]:
    """A finding for every symlink under these folders that leaves the repository or points at nothing."""
    root = repository.resolve()
    findings: list[Finding] = []
    seen: set[Path] = set()
    for folder in folders:
        if not folder.exists():
            continue
        findings.extend(_folder(folder, root, display, seen))
    return findings


def _folder(folder: Path, root: Path, display: Callable[[Path], str], seen: set[Path]) -> Iterable[Finding]:
    start = folder.resolve()
    if not _inside(start, root):
        yield _finding(display(folder), f"The folder {display(folder)} is outside the repository ({start}).")
        return
    for current, folders, files in os.walk(folder, followlinks=False):
        folders[:] = [name for name in folders if name not in _SKIP]
        for name in folders + files:
            path = Path(current) / name
            if path in seen or not path.is_symlink():
                continue
            seen.add(path)
            target = Path(os.path.realpath(path))
            if not target.exists():
                yield _finding(display(path), f"{display(path)} is a symlink to {os.readlink(path)}, which does not exist: the page or file is silently missing from the site.")
            elif not _inside(target, root):
                yield _finding(display(path), f"{display(path)} is a symlink to {target}, outside the repository: building the site would publish that file.")
            elif target.is_dir():
                yield from _folder(path, root, display, seen)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _finding(path: str, message: str) -> Finding:
    return Finding(path, 1, OUTSIDE_FILE, ERROR, message, "Replace the symlink with a real file inside the repository (a copy of what it should show), or remove it.", 1, "", "")


def snippet_folders(extension_configs: dict[str, dict[str, object]], config_dir: Path) -> list[Path]:
    """The folders pymdownx.snippets reads from (its base_path), as given in mkdocs.yml."""
    raw = (extension_configs.get("pymdownx.snippets") or {}).get("base_path", ["."])
    paths = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else ["."]
    return [(config_dir / str(path)) for path in paths]
