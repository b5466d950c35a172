"""The command line's share of the build gate: what a build would publish besides the pages.

`mkdocs build` checks every file it writes (sitegate.py). `plainpolicy check`
does not run the theme, so it checks the same inputs the build gate traces its
findings to: symlinks out of the repository, files under docs/ that are not
pages (by type, as the build gate does), and the `extra:` settings the theme
writes into every page unescaped. Both gates then fail on the same things.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.mkdocs_config import SiteConfig
from plainpolicy.reading.sitewalk import pages_of, site_files
from plainpolicy.safety.htmlpolicy import Mode, scan
from plainpolicy.safety.outside import check_folders, snippet_folders
from plainpolicy.safety.published_twice import published_twice
from plainpolicy.safety.sitegate import SiteGate, Source


def check_published_files(site: SiteConfig, data_files: set[str], display: Callable[[Path], str]) -> list[Finding]:
    """Symlinks out, symlinks that publish pages twice, unsafe files under docs/, and unsafe extra: values in mkdocs.yml."""
    root = site.config_file.resolve().parent if site.config_file else Path.cwd()
    folders = [site.docs_dir, *snippet_folders(site.extension_configs, root)]
    if site.custom_dir:
        folders.append(root / site.custom_dir)
    files = site_files(site)  # walked once, for the pages and for the other files
    findings = check_folders(folders, root, display) + published_twice(pages_of(files), site.docs_dir, display)
    gate = SiteGate(lambda body: False)
    for file, relative in _published(files, data_files):
        try:
            data = file.read_bytes()
        except OSError:
            continue
        text = data.decode("utf-8", "replace") if len(data) < 2_000_000 else ""
        gate.static_file(data, Source(display(file), text), relative, file.suffix.lower())
    return findings + gate.findings + _extra_findings(site, display)


def _published(files: list[tuple[Path, str]], data_files: set[str]) -> Iterator[tuple[Path, str]]:
    """Of the files under docs/ (sitewalk.site_files), those the build copies into the site besides the pages."""
    for file, relative in files:
        if file.is_symlink() and not file.exists():
            continue  # reported by check_folders
        if not file.is_file() or file.suffix.lower() == ".md" or relative in data_files:
            continue
        yield file, relative


def _strings(value: Any, path: str = "extra", seen: set[int] | None = None) -> Iterator[tuple[str, str]]:
    """Every text under a value, with where it is. Each list and mapping once: a YAML alias
    is the same object as its anchor, so an alias bomb (anchors of anchors) is walked at
    the size it is written, not expanded, and an anchor that holds itself ends."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (dict, list)) and id(value) not in seen:
        seen.add(id(value))  # the value lives in the site's settings throughout, so its id stays its own
        if isinstance(value, dict):
            for key, item in value.items():
                yield from _strings(item, f"{path}.{key}", seen)
        else:
            for index, item in enumerate(value):
                yield from _strings(item, f"{path}[{index}]", seen)


def _extra_findings(site: SiteConfig, display: Callable[[Path], str]) -> list[Finding]:
    """Values under extra: are written into pages by the theme without escaping: the page allowlist applies."""
    if site.config_file is None:
        return []
    text = site.config_file.read_text(encoding="utf-8-sig")
    shown = display(site.config_file)
    findings = []
    for where, value in _strings(site.extra):
        if "<" not in value:
            continue
        for problem in scan(value, Mode.CONTENT).problems:
            found = text.find(value[:60])
            line = text.count("\n", 0, found) + 1 if found >= 0 else 1
            findings.append(Finding(shown, line, problem.rule, ERROR, f"In {where}: {problem.message}", problem.hint, 1, "", ""))
    return findings

