"""Images and video: alt text on every image, and written, in-date consent for every file under docs/.

The brief: consent for images must be written (an evidence trail), not verbal,
and images are disposed of when agreed. The build enforces both through the
image consent register (plainpolicy.imageregister):

- `images/no-alt` (error): an image on a page has no alt text. A decorative
  image can be excused with an exception that says why.
- `images/no-consent` (error): an image or video under docs/ has no entry in
  the register.
- `images/verbal-consent` (error): its entry records verbal consent only.
- `images/delete-by-passed` (error): its delete-by date has passed and the file
  is still under docs/. Delete the file; keep the entry as the record.
- `images/delete-by-soon` (warning): the delete-by date is less than 30 days away.

Consent findings cannot be excused by a comment in the page: the register is
the only place to fix them. A page reports the images it uses, at the line that
uses them; files under docs/ that no page uses are reported by the site check.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable
from urllib.parse import unquote, urlsplit

from plainpolicy.datafiles.imageregister import (
    MEDIA_EXTENSIONS,
    NOT_NEEDED,
    VERBAL,
    ImageEntry,
    ImageRegister,
    normalise,
)
from plainpolicy.findings import ERROR, WARNING, Finding
from plainpolicy.reading.analysis import AnalysedPage
from plainpolicy.rules.security import Locator, _view
from plainpolicy.safety.htmlpolicy import Scan
from plainpolicy.safety.urlpolicy import (
    is_external,
    scheme_of,
    split_urls as _split_urls,
)

if TYPE_CHECKING:
    from plainpolicy.rules.context import PageContext

NO_ALT = "images/no-alt"
NO_CONSENT = "images/no-consent"
VERBAL_CONSENT = "images/verbal-consent"
DELETE_BY_PASSED = "images/delete-by-passed"
DELETE_BY_SOON = "images/delete-by-soon"
CONSENT_RULES = (NO_CONSENT, VERBAL_CONSENT, DELETE_BY_PASSED, DELETE_BY_SOON)
SOON_DAYS = 30


# Which attributes of which tags point at an image or video.
_MEDIA_ATTRIBUTES = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "input": ("src",),
    "a": ("href",),
}


def is_media(path: str) -> bool:
    return posixpath.splitext(path.lower())[1] in MEDIA_EXTENSIONS


def media_files(docs_dir: Path) -> list[str]:
    """Every image and video file under docs/ (hidden folders skipped), relative, sorted."""
    found: list[str] = []
    if not docs_dir.is_dir():
        return found
    for folder, folders, files in os.walk(docs_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            if not name.startswith(".") and is_media(name):
                found.append(Path(folder, name).relative_to(docs_dir).as_posix())
    return sorted(found)


def _path_of(url: str) -> str:
    try:
        return unquote(urlsplit(url.strip()).path)
    except ValueError:
        return ""


def resolve(url: str, relative: str, docs_dir: Path) -> str | None:
    """The file under docs/ that a local URL on the page `relative` points at, if it exists.

    The URL may be relative to the Markdown file (our own rendering) or to the
    page's URL (MkDocs has already rewritten it, with or without directory URLs).
    """
    if not url.strip() or scheme_of(url) or is_external(url) or url.strip().startswith("#"):
        return None
    path = _path_of(url)
    if not path:
        return None
    if path.startswith("/"):
        candidates = [path.lstrip("/")]
    else:
        stem = relative[:-3] if relative.endswith(".md") else relative
        url_folder = posixpath.dirname(stem) if posixpath.basename(stem) in ("index", "README") else stem
        candidates = [posixpath.join(posixpath.dirname(relative), path), posixpath.join(url_folder, path)]
    for candidate in candidates:
        normal = normalise(candidate)
        if not normal or normal == ".." or normal.startswith(("../", "/")):
            continue
        try:
            if (docs_dir / normal).is_file():
                return normal
        except (OSError, ValueError):
            continue
    return None


@dataclass
class PageImages:
    """What one page's images give: alt findings (may be excused), consent findings (may not), files used."""

    findings: list[Finding] = field(default_factory=list)
    consent: list[Finding] = field(default_factory=list)
    used: list[str] = field(default_factory=list)


def check_page_images(page: AnalysedPage, scanner: Scan, locator: Locator, docs_dir: Path, register: ImageRegister, today: dt.date) -> PageImages:
    result = PageImages()
    voice = page.voice.name if page.voice else ""
    seen: set[str] = set()
    for tag, attributes, section in scanner.media:
        if tag == "input" and (attributes.get("type") or "").lower() != "image":
            continue
        view, index = _view(page, section)
        urls = [url for name in _MEDIA_ATTRIBUTES.get(tag, ()) if attributes.get(name) for url in _split_urls(name, attributes[name] or "")]
        media = [url for url in urls if is_media(_path_of(url))]  # a link to a page is not looked up on disk
        files = [(url, file) for url in media if (file := resolve(url, page.relative, docs_dir)) is not None]
        if tag == "img":
            alt = attributes.get("alt")
            if alt is None or not alt.strip():
                src = attributes.get("src") or ""
                line, column = locator.locate([src, "![](", "<img"] if src else ["![](", "<img"], view, index)
                entry = register.get(files[0][1]) if files else None
                hint = f"Describe what the image shows for people who cannot see it: ![{entry.alt}]({src})" if entry and entry.alt else "Describe what the image shows for people who cannot see it, e.g. ![Two youth workers at a desk](images/desk.jpg). If it is only decoration, say so in an exception with a reason."
                result.findings.append(Finding(page.path, line, NO_ALT, ERROR, f"This image ({src or 'no source'}) has no alt text.", hint, column, voice, view.name))
        for url, file in files:
            if file in seen:
                continue
            seen.add(file)
            result.used.append(file)
            problems = consent_problems(file, register, today)
            if not problems:
                continue
            line, column = locator.locate([url, posixpath.basename(file)], view, index)
            for rule, severity, message, hint in problems:
                result.consent.append(Finding(page.path, line, rule, severity, message, hint, column, voice, view.name))
    return result


def consent_problems(file: str, register: ImageRegister, today: dt.date) -> list[tuple[str, str, str, str]]:
    """(rule, severity, message, hint) for one file under docs/, judged against the register."""
    entry = register.get(file)
    if entry is None:
        if register.exists:
            hint = f"Add an entry for {file} to {register.path} with the written consent reference, consent_date and delete_by, or remove the image."
        else:
            hint = f"Create {register.path} (images: followed by a list) and add an entry for {file} with the written consent reference, consent_date and delete_by, or remove the image."
        return [(NO_CONSENT, ERROR, f"{file} is not in the image consent register ({register.path}): there is no record of written consent.", hint)]
    where = f"{register.path}:{entry.line}"
    if entry.consent == VERBAL:
        return [(VERBAL_CONSENT, ERROR, f"Consent for {file} was verbal ({where}); images need written consent, so there is an evidence trail.", "Ask for written consent (a signed form) and record its reference as consent: written, or remove the image.")]
    return _delete_by(file, entry, where, today)


def _delete_by(file: str, entry: ImageEntry, where: str, today: dt.date) -> list[tuple[str, str, str, str]]:
    if entry.delete_by is None:
        return []
    if entry.delete_by < today:
        return [(DELETE_BY_PASSED, ERROR, f"{file} had to be deleted by {entry.delete_by.isoformat()} ({where}), but it is still under docs/.", "Delete the file and remove it from every page. Keep the register entry: it is the record that the image was disposed of.")]
    if (entry.delete_by - today).days <= SOON_DAYS and entry.consent != NOT_NEEDED:
        return [(DELETE_BY_SOON, WARNING, f"{file} must be deleted by {entry.delete_by.isoformat()} ({where}), in {(entry.delete_by - today).days} days.", "Plan to remove it (or record new written consent with a later delete_by) before then.")]
    return []


def check_site_images(docs_dir: Path, register: ImageRegister, today: dt.date, used: Iterable[str], display: Callable[[Path], str]) -> list[Finding]:
    """Image and video files under docs/ that no checked page uses: consent, as for a page."""
    seen = set(used)
    findings: list[Finding] = []
    for file in media_files(docs_dir):
        if file in seen:
            continue
        for rule, severity, message, hint in consent_problems(file, register, today):
            entry = register.get(file)
            if entry is None:
                findings.append(Finding(display(docs_dir / file), 1, rule, severity, message + " (No page uses it, but every file under docs/ is published.)", hint, 1, "", ""))
            else:
                findings.append(Finding(register.path, entry.line, rule, severity, message, hint, 1, "", file))
    return findings


def check(context: PageContext) -> list[Finding]:
    """The images family for the page registry (see rules/context.py). Consent findings go to
    context.consent (no comment in a page can excuse them), the files used to context.media."""
    found = check_page_images(context.page, context.scanner, context.locator, context.docs_dir, context.image_register, context.today)
    context.consent += found.consent
    context.media += found.used
    return found.findings
