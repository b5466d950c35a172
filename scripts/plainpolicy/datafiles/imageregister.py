"""The image consent register: every image or video under docs/, and the written consent behind it.

Consent must be written (an evidence trail), never verbal, and images are kept
only as long as agreed. The register is a data file (docs/image-consent.yml by
default; the `image_register` setting names another), never published:

    images:
      - file: images/summer-trip.jpg        # the file, as a path under docs/
        consent: written                    # "verbal" is recorded, but fails the build
        consent_reference: "Consent form CF-2026-014, kept by the DSL"
        consent_date: 2026-05-01            # the day consent was given
        delete_by: 2027-05-01               # the day the image must be gone by
        alt: "Three young people on a climbing wall"   # optional: the agreed description
        notes: "Faces only from behind."    # optional

      # A file that shows no one (a logo, a diagram) still needs an entry, with a reason:
      - file: assets/logo.png
        consent: not-needed
        reason: "Our logo: no person is shown."

A broken register (not YAML, wrong types, a missing field, a date that is not a
date, a file listed twice) stops the check with the file and line. What the
register says (verbal consent, a delete-by date that has passed) is judged by
plainpolicy.checks.images, as findings.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from plainpolicy.errors import CannotRun
from plainpolicy.reading.yamlfile import load_yaml_file, parse_date

# The files the register covers: every image or video under docs/.
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".apng", ".gif", ".webp", ".avif", ".svg", ".svgz", ".bmp", ".tif", ".tiff", ".heic", ".heif", ".ico", ".jxl"}
VIDEO_EXTENSIONS = {".mp4", ".m4v", ".webm", ".mov", ".ogv", ".avi", ".mkv", ".3gp", ".mpg", ".mpeg", ".wmv"}
MEDIA_EXTENSIONS = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS


DEFAULT_REGISTER = "image-consent.yml"

WRITTEN = "written"
VERBAL = "verbal"
NOT_NEEDED = "not-needed"
_VERBAL_WORDS = {"verbal", "oral", "spoken", "verbally", "said yes"}
_FIELDS = {"file", "consent", "consent_reference", "consent_date", "delete_by", "alt", "notes", "reason"}


@dataclass(frozen=True)
class ImageEntry:
    """One register entry."""

    file: str  # under docs/, with forward slashes
    line: int
    consent: str  # WRITTEN, VERBAL or NOT_NEEDED
    reference: str = ""
    consent_date: dt.date | None = None
    delete_by: dt.date | None = None
    alt: str = ""
    notes: str = ""
    reason: str = ""


@dataclass
class ImageRegister:
    path: str  # as shown to people, e.g. docs/image-consent.yml
    entries: dict[str, ImageEntry] = field(default_factory=dict)
    exists: bool = True  # False: the default register file is not there (no images expected)

    def get(self, file: str) -> ImageEntry | None:
        return self.entries.get(normalise(file))


def normalise(file: str) -> str:
    """A path under docs/ as the register and the checks compare it ("./a//b.jpg" -> "a/b.jpg")."""
    text = file.replace("\\", "/").strip()
    if not text:
        return ""
    normal = posixpath.normpath(text)
    return "" if normal == "." else normal


def _text(raw: dict[str, Any], key: str, what: str, path: str, line: int, required: bool) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CannotRun(path, f"{what} needs '{key}'", line)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CannotRun(path, f"'{key}' of {what} must be some text, not {type(value).__name__}", line)
    return " ".join(str(value).split())


def _date(raw: dict[str, Any], key: str, what: str, path: str, line: int, required: bool) -> dt.date | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise CannotRun(path, f"{what} needs '{key}' (a date written as YYYY-MM-DD)", line)
        return None
    parsed = parse_date(value)
    if parsed is not None:
        return parsed
    raise CannotRun(path, f"'{key}' of {what} must be a date written as YYYY-MM-DD, not {value!r}", line)


def _consent(raw: dict[str, Any], what: str, path: str, line: int) -> str:
    value = raw.get("consent")
    if not isinstance(value, str) or not value.strip():
        raise CannotRun(path, f"{what} needs 'consent: written' (with consent_reference, consent_date and delete_by)", line)
    word = " ".join(value.lower().replace("_", "-").split())
    if word == WRITTEN:
        return WRITTEN
    if word in _VERBAL_WORDS:
        return VERBAL
    if word in (NOT_NEEDED, "not needed", "none-needed", "no-person"):
        return NOT_NEEDED
    raise CannotRun(path, f"'consent' of {what} is {value!r}: it must be 'written' (or 'not-needed', with a reason, for a file that shows no one)", line)


def _entry(raw: Any, path: str) -> ImageEntry:
    if not isinstance(raw, dict):
        raise CannotRun(path, "each entry under 'images' must start with 'file:'", None)
    line = raw.get("__line__", 1)
    unknown = set(raw) - _FIELDS - {"__line__"}
    if unknown:
        raise CannotRun(path, f"unknown field(s) {', '.join(sorted(map(str, unknown)))} in an image entry (fields: {', '.join(sorted(_FIELDS))})", line)
    file_value = raw.get("file")
    if not isinstance(file_value, str) or not file_value.strip():
        raise CannotRun(path, "each image entry needs 'file': the image's path under docs/", line)
    file = normalise(file_value)
    if file_value.strip().startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", file_value.strip()) or file == ".." or file.startswith("../") or not file:
        raise CannotRun(path, f"'file: {file_value}' must be a path under docs/, such as images/trip.jpg", line)
    what = f"the entry for {file}"
    consent = _consent(raw, what, path, line)
    written = consent == WRITTEN
    entry = ImageEntry(
        file=file,
        line=line,
        consent=consent,
        reference=_text(raw, "consent_reference", what, path, line, required=written),
        consent_date=_date(raw, "consent_date", what, path, line, required=written),
        delete_by=_date(raw, "delete_by", what, path, line, required=written),
        alt=_text(raw, "alt", what, path, line, required=False),
        notes=_text(raw, "notes", what, path, line, required=False),
        reason=_text(raw, "reason", what, path, line, required=consent == NOT_NEEDED),
    )
    if entry.consent_date and entry.delete_by and entry.delete_by <= entry.consent_date:
        raise CannotRun(path, f"{what}: 'delete_by' ({entry.delete_by}) must be after 'consent_date' ({entry.consent_date})", line)
    return entry


def load_register(file: Path, display: str) -> ImageRegister:
    """Read and validate the register, or raise CannotRun naming the file and line."""
    try:
        data = load_yaml_file(file, display, "image consent register")
    except (ValueError, TypeError, OverflowError) as error:  # defensive: yamlfile reports bad dates itself
        raise CannotRun(display, f"the image consent register has a value YAML cannot read ({error}); write dates as YYYY-MM-DD") from None
    if data is None:
        return ImageRegister(display)
    if not isinstance(data, dict) or "images" not in data:
        raise CannotRun(display, "the image consent register must start with 'images:' followed by a list (or [] for none)", 1)
    unknown = set(data) - {"images", "__line__"}
    if unknown:
        raise CannotRun(display, f"unknown top-level key(s) {', '.join(sorted(map(str, unknown)))}: the register holds only 'images:'", 1)
    raw_entries = data.get("images") or []
    if not isinstance(raw_entries, list):
        raise CannotRun(display, "'images' must be a list of entries, each starting with 'file:'", data.get("__line__", 1))
    register = ImageRegister(display)
    for raw in raw_entries:
        try:
            entry = _entry(raw, display)
        except CannotRun as error:
            if error.line is None:
                error.line = data.get("__line__", 1)
            raise
        if entry.file in register.entries:
            first = register.entries[entry.file].line
            raise CannotRun(display, f"{entry.file} is listed twice (first on line {first}): keep one entry per file", entry.line)
        register.entries[entry.file] = entry
    return register


def load_site_register(docs_dir: Path, name: str | None, display: Callable[[Path], str]) -> ImageRegister:
    """The site's register: the `image_register` setting, else docs/image-consent.yml.

    A register named in the settings must exist; the default one may be absent
    (a site without images needs none), and then it lists nothing.
    """
    file = docs_dir / (name or DEFAULT_REGISTER)
    shown = display(file)
    if name is None and not file.exists():
        return ImageRegister(shown, exists=False)
    return load_register(file, shown)
