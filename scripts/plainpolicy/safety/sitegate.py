"""The last gate: what the build writes, checked as the reader's browser gets it.

Page checks see a page's body. The theme then wraps it in navigation, a
<title>, settings from mkdocs.yml and front matter of every page, without
escaping. So each written page is checked again whole (htmlpolicy, document
mode, the theme's own inline scripts allowed), and every other file that came
from docs/ is checked by its type: SVG and CSS are read, scripts and HTML are
refused (they belong in overrides/, which maintainers review), and any other
type that is not on the list is refused, as is an image in disguise (an
image under another name escapes the consent register).

Each problem names the source file and line where it can be found there,
else the written file.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from plainpolicy.datafiles.imageregister import MEDIA_EXTENSIONS
from plainpolicy.findings import ERROR, Finding
from plainpolicy.safety.csspolicy import stylesheet_uses
from plainpolicy.safety.htmlpolicy import (
    THIRD_PARTY,
    UNSAFE_URL,
    Mode,
    Problem,
    Scan,
    scan,
)
from plainpolicy.safety.urlpolicy import host_of, is_external, scheme_of

PUBLISHED_FILE = "security/published-file"

SAFE_EXTENSIONS = frozenset({".pdf", ".txt", ".woff", ".woff2", ".ttf", ".otf", ".json", ".map", ".xml", ".gz"})
_SVG_REFUSED = re.compile(r"<!DOCTYPE|<!ENTITY|<!\[CDATA\[|<\?xml-stylesheet", re.IGNORECASE)
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*")


@dataclass
class Source:
    """Where a written file came from: its path as shown, and its text if it is a text file."""

    path: str
    text: str = ""


@dataclass
class SiteGate:
    """Collects findings over one build; add_policy puts the CSP in each page."""

    theme_script: Callable[[str], bool]
    fallbacks: list[Source] = field(default_factory=list)  # searched when a problem is not in the page's own source
    findings: list[Finding] = field(default_factory=list)
    _seen: set[tuple[str, int, str, str]] = field(default_factory=set)

    def page(self, html: str, source: Source, written: str) -> tuple[list[str], Scan]:
        """Check one whole written page; the theme's inline scripts on it (for its CSP), and what the parse found."""
        result = scan(html, Mode.DOCUMENT, self.theme_script)
        for problem in result.problems:
            self._add(problem, source, written, html)
        return list(result.inline_scripts), result

    def static_file(self, data: bytes, source: Source, written: str, extension: str) -> None:
        """A file copied from docs/ as it is: checked by its type."""
        if extension in (".svg", ".svgz"):
            self._svg(data, source, written)
        elif extension == ".css":
            self._css(data.decode("utf-8", "replace"), source, written)
        elif extension in (".js", ".mjs", ".html", ".htm", ".xhtml", ".shtml", ".xsl", ".xslt", ".swf"):
            self._refuse(source, f"{posixpath.basename(written)} is published as it is: a script or HTML file from docs/ runs in the reader's browser unchecked.", "Write pages in Markdown. Scripts and templates go under overrides/, where a maintainer reviews them.")
        elif extension not in SAFE_EXTENSIONS and not _is_media(extension):
            self._refuse(source, f"{posixpath.basename(written)} is a kind of file ({extension or 'no extension'}) the site does not publish.", "Remove it, or ask a maintainer to add its type to the list in docs/maintainers/security.md.")
        elif not _is_media(extension) and data.startswith(_IMAGE_MAGIC + (b"RIFF",)):
            self._refuse(source, f"{posixpath.basename(written)} is an image under another name: it escapes the image consent register.", "Give it its real extension (.jpg, .png...) and add it to the consent register.")

    # --- file types -----------------------------------------------------------------
    def _svg(self, data: bytes, source: Source, written: str) -> None:
        text = data.decode("utf-8", "replace")
        refused = _SVG_REFUSED.search(text)
        if refused:
            self._refuse(source, f"The SVG holds {refused.group(0)}, which XML readers and browsers treat differently.", "Save the image again as plain SVG (most editors have an 'optimised SVG' option).", refused.group(0))
        for problem in scan(text, Mode.CONTENT).problems:
            self._add(problem, source, written, text)

    def _css(self, css: str, source: Source, written: str) -> None:
        for use in stylesheet_uses(css):
            if use.kind == "code":
                self._add(Problem(UNSAFE_URL, f"The style sheet runs code ({use.value}).", "Remove it.", 0, (use.value,)), source, written, css)
            elif is_external(use.value):
                self._add(Problem(THIRD_PARTY, f"The style sheet makes the reader's browser fetch {use.value[:60]} from {host_of(use.value)}, which tells them who reads this page.", "Put the file under docs/ and use it from there.", 0, (use.value, host_of(use.value))), source, written, css)
            elif scheme_of(use.value) not in (None, "data") or (scheme_of(use.value) == "data" and not use.value.lower().startswith(("data:image/", "data:font/"))):
                self._add(Problem(UNSAFE_URL, f"The style sheet uses a {scheme_of(use.value)}: URL ({use.value[:50]}).", "Use a file under docs/.", 0, (use.value,)), source, written, css)

    # --- findings -------------------------------------------------------------------
    def _refuse(self, source: Source, message: str, hint: str, needle: str = "") -> None:
        line = _line_of(source.text, needle) if needle else 1
        self._finding(Finding(source.path, line or 1, PUBLISHED_FILE, ERROR, message, hint, 1, "", ""))

    def _add(self, problem: Problem, source: Source, written: str, html: str) -> None:
        for candidate in [source, *self.fallbacks]:
            line = next((found for needle in problem.needles if (found := _line_of(candidate.text, needle))), 0)
            if line:
                self._finding(Finding(candidate.path, line, problem.rule, ERROR, problem.message, problem.hint, 1, "", ""))
                return
        line = next((found for needle in problem.needles if (found := _line_of(html, needle))), 1)
        self._finding(Finding(written, line, problem.rule, ERROR, problem.message + " (Found in the built page; its source could not be traced.)", problem.hint, 1, "", ""))

    def _finding(self, finding: Finding) -> None:
        key = (finding.path, finding.line, finding.rule, finding.message)
        if key not in self._seen:  # the navigation repeats a problem on every page: once is enough
            self._seen.add(key)
            self.findings.append(finding)


def _is_media(extension: str) -> bool:
    return extension in MEDIA_EXTENSIONS and extension not in (".svg", ".svgz")


def _line_of(text: str, needle: str) -> int:
    """The line of the first place `needle` occurs (case-insensitive), or 0."""
    if not text or not needle or len(needle) > 2000:
        return 0
    found = text.lower().find(needle.lower())
    return text.count("\n", 0, found) + 1 if found >= 0 else 0


def is_theme_file(abs_src: str | None, docs_dir: str) -> bool:
    """A file from the theme or overrides/ (reviewed by maintainers), not from docs/."""
    if not abs_src:
        return True  # generated by a plugin
    return not str(Path(abs_src).resolve()).startswith(str(Path(docs_dir).resolve()) + "/")
