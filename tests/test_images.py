"""Images: alt text, and written, in-date consent from the image consent register.

The brief: consent for images must be written (an evidence trail), not verbal,
and images are disposed of when agreed. A missing entry, verbal consent or a
passed delete-by date fails the build; the register is never published.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plainpolicy.config import settings_from_mapping
from plainpolicy.datafiles.imageregister import (
    NOT_NEEDED,
    VERBAL,
    WRITTEN,
    load_register,
)
from plainpolicy.engine.checker import Checker, Report
from plainpolicy.errors import CannotRun
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy_testing import offline_env

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 21)
PNG = b"\x89PNG\r\n\x1a\n"  # enough for a file that is an image by its name

CONFIG = """\
site_name: Image tests
docs_dir: docs
plugins:
  - plainpolicy:{settings}
markdown_extensions:
  - attr_list
  - md_in_html
"""

REGISTER = """\
images:
  - file: images/trip.jpg
    consent: written
    consent_reference: "Form CF-2026-014, kept by the DSL"
    consent_date: 2026-05-01
    delete_by: 2027-05-01
    alt: Three young people on a climbing wall
  - file: images/verbal.jpg
    consent: verbal
  - file: images/old.png
    consent: written
    consent_reference: CF-2025-003
    consent_date: 2025-01-10
    delete_by: 2026-01-10
  - file: images/soon.png
    consent: written
    consent_reference: CF-2026-020
    consent_date: 2026-01-01
    delete_by: 2026-12-01
  - file: images/today.png
    consent: written
    consent_reference: CF-2026-021
    consent_date: 2025-01-01
    delete_by: 2026-11-21
  - file: assets/logo.svg
    consent: not-needed
    reason: Our logo, no person is shown.
  - file: images/deleted.jpg
    consent: written
    consent_reference: CF-2024-001
    consent_date: 2024-01-01
    delete_by: 2025-01-01
"""


def make_site(tmp_path: Path, page: str = "", register: str | None = REGISTER, settings: str = "", media: tuple[str, ...] = ("images/trip.jpg", "images/verbal.jpg", "images/old.png", "images/soon.png", "images/today.png", "assets/logo.svg")) -> Path:
    docs = tmp_path / "docs"
    (docs / "notes").mkdir(parents=True)
    for name in media:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(PNG)
    if register is not None:
        (docs / "image-consent.yml").write_text(register, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(settings=settings), encoding="utf-8")
    (docs / "notes" / "page.md").write_text("---\ntitle: Images\n---\n\n# Images\n\n" + textwrap.dedent(page), encoding="utf-8")
    return tmp_path


def site_report(site: Path, today: dt.date = TODAY) -> Report:
    """A whole-site check, run from the site folder."""
    old = Path.cwd()
    os.chdir(site)
    try:
        return Checker(load_site_config(site / "mkdocs.yml"), today=today).check_site()
    finally:
        os.chdir(old)


def findings(site: Path, today: dt.date = TODAY) -> list[tuple[str, str, int]]:
    """(path, rule, line) of the image findings of a whole-site check."""
    return [(f.path, f.rule, f.line) for f in site_report(site, today).findings if f.rule.startswith(("images/", "exception/"))]


PAGE = "docs/notes/page.md"


# --- the register file ----------------------------------------------------------------------
def test_register_entries_are_read(tmp_path: Path) -> None:
    file = tmp_path / "image-consent.yml"
    file.write_text(REGISTER.replace("file: images/trip.jpg", "file: ./images//trip.jpg").replace("consent_reference: CF-2025-003", "consent_reference: 2025003"), encoding="utf-8")
    register = load_register(file, "docs/image-consent.yml")
    trip = register.get("images/trip.jpg")
    assert trip is not None and trip.consent == WRITTEN and trip.line == 2
    assert (trip.consent_date, trip.delete_by) == (dt.date(2026, 5, 1), dt.date(2027, 5, 1))
    assert trip.reference == "Form CF-2026-014, kept by the DSL" and trip.alt.startswith("Three")
    assert register.get("images/verbal.jpg").consent == VERBAL  # type: ignore[union-attr]
    assert register.get("images/old.png").reference == "2025003"  # type: ignore[union-attr]
    assert register.get("assets/logo.svg").consent == NOT_NEEDED  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["images: []\n", "images:\n", "", "# only a comment\n"])
def test_an_empty_register_lists_nothing(tmp_path: Path, text: str) -> None:
    file = tmp_path / "image-consent.yml"
    file.write_text(text, encoding="utf-8")
    assert load_register(file, "r.yml").entries == {}


def test_the_shipped_register_is_empty_and_valid() -> None:
    register = load_register(ROOT / "docs" / "image-consent.yml", "docs/image-consent.yml")
    assert register.entries == {}


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("- just-a-name.jpg", "must start with 'file:'"),
        ("- consent: written", "needs 'file'"),
        ("- file: /etc/passwd\n    consent: not-needed\n    reason: x", "must be a path under docs/"),
        ("- file: a.jpg\n    consent: not-needed", "needs 'reason'"),
        ("- file: a.jpg\n    consent: written\n    consent_reference: CF\n    consent_date: 2026-01-01", "needs 'delete_by'"),
        ("- file: a.jpg\n    consent: parental", "must be 'written'"),
        ("- file: a.jpg\n    consent: written\n    consent_reference: CF\n    consent_date: 2026-01-01\n    delete_by: soon", "must be a date"),
    ],
)
def test_register_mistakes_name_the_file_and_line(tmp_path: Path, entry: str, words: str) -> None:
    file = tmp_path / "image-consent.yml"
    file.write_text("images:\n  " + entry + "\n", encoding="utf-8")
    with pytest.raises(CannotRun) as caught:
        load_register(file, "docs/image-consent.yml")
    assert caught.value.path == "docs/image-consent.yml" and caught.value.line in (1, 2)
    assert words in caught.value.message


def test_dates_may_be_written_as_text_or_with_a_time(tmp_path: Path) -> None:
    file = tmp_path / "image-consent.yml"
    file.write_text("images:\n  - file: a.jpg\n    consent: written\n    consent_reference: CF\n    consent_date: '2026-01-01'\n    delete_by: 2027-01-01 10:00:00\n", encoding="utf-8")
    entry = load_register(file, "r.yml").get("a.jpg")
    assert entry is not None and (entry.consent_date, entry.delete_by) == (dt.date(2026, 1, 1), dt.date(2027, 1, 1))


def test_the_setting_is_known_everywhere() -> None:
    from plainpolicy.mkdocs_plugin.config import PlainPolicyConfig

    assert "image_register" in [name for name, _ in PlainPolicyConfig._schema]
    assert settings_from_mapping({"image_register": "consent/images.yml"}).image_register == "consent/images.yml"
    with pytest.raises(CannotRun, match="image_register"):
        settings_from_mapping({"image_register": ["a list"]})


# --- images on pages -------------------------------------------------------------------------
def test_an_image_with_alt_text_and_written_consent_passes(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![Three young people on a climbing wall](../images/trip.jpg)\n")
    assert [f for f in findings(site) if f[0] == PAGE] == []


@pytest.mark.parametrize("markdown", ["![](../images/trip.jpg)\n", '<img src="../images/trip.jpg">\n', '<img src="../images/trip.jpg" alt="  ">\n'])
def test_an_image_needs_alt_text(tmp_path: Path, markdown: str) -> None:
    site = make_site(tmp_path, "Text.\n\n" + markdown)
    assert [f for f in findings(site) if f[0] == PAGE] == [(PAGE, "images/no-alt", 9)]


def test_the_alt_hint_offers_the_agreed_description(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![](../images/trip.jpg)\n")
    report = site_report(site)
    hint = next(f.hint for f in report.findings if f.rule == "images/no-alt")
    assert "Three young people on a climbing wall" in hint


@pytest.mark.parametrize(
    ("markdown", "rule"),
    [
        ("![A photo](../images/unlisted.jpg)", "images/no-consent"),
        ("![A photo](../images/verbal.jpg)", "images/verbal-consent"),
        ("![A photo](../images/old.png)", "images/delete-by-passed"),
        ("![A photo](../images/soon.png)", "images/delete-by-soon"),
        ("[Download the photo](../images/unlisted.jpg)", "images/no-consent"),
        ('<img src="/images/unlisted.jpg" alt="A photo">', "images/no-consent"),
        ('<img src="../images/trip.jpg" srcset="../images/unlisted.jpg 2x" alt="A photo">', "images/no-consent"),
        ('<video src="clip.mp4" poster="../images/verbal.jpg"></video>', "images/verbal-consent"),
        ('<picture><source srcset="../images/old.png"><img src="../images/trip.jpg" alt="A photo"></picture>', "images/delete-by-passed"),
    ],
)
def test_consent_problems_are_reported_where_the_image_is_used(tmp_path: Path, markdown: str, rule: str) -> None:
    media = ("images/trip.jpg", "images/verbal.jpg", "images/old.png", "images/soon.png", "images/unlisted.jpg")
    site = make_site(tmp_path, "Some text.\n\n" + markdown + "\n", media=media)
    found = findings(site)
    assert (PAGE, rule, 9) in found
    # ... once: not again as an unused file or at its register entry.
    assert [f for f in found if f[1] == rule] == [(PAGE, rule, 9)]


def test_consent_messages_say_where_the_entry_is(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![A photo](../images/verbal.jpg)\n")
    report = site_report(site)
    verbal = next(f for f in report.findings if f.rule == "images/verbal-consent")
    assert "docs/image-consent.yml:8" in verbal.message and "written" in verbal.hint
    assert verbal.severity == "error"


def test_the_delete_by_day_itself_is_still_allowed(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![A photo](../images/today.png)\n")
    assert [f for f in findings(site) if f[0] == PAGE and f[1] == "images/delete-by-passed"] == []
    assert (PAGE, "images/delete-by-passed", 7) in findings(site, today=TODAY + dt.timedelta(days=1))


def test_an_image_used_twice_is_reported_once(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![A](../images/verbal.jpg)\n\n![B](../images/verbal.jpg)\n", media=("images/verbal.jpg",))
    assert [f for f in findings(site) if f[1] == "images/verbal-consent"] == [(PAGE, "images/verbal-consent", 7)]


def test_a_missing_image_file_is_not_a_consent_problem(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![A photo](../images/typo.jpg)\n")
    assert [f for f in findings(site) if f[0] == PAGE] == []


def test_an_exception_can_excuse_alt_text_but_never_consent(tmp_path: Path) -> None:
    page = """\
    ## Banner

    <!-- plainpolicy-allow images: A decorative banner, described in the text next to it. -->
    ![](../images/verbal.jpg)
    """
    site = make_site(tmp_path, page, media=("images/verbal.jpg",))
    assert findings(site) == [(PAGE, "exception/used", 9), (PAGE, "images/verbal-consent", 10)]


def test_an_exception_naming_a_consent_rule_excuses_nothing(tmp_path: Path) -> None:
    page = """\
    ## Photo

    <!-- plainpolicy-allow images/no-consent: The parent said it was fine. -->
    ![A photo](../images/unlisted.jpg)
    """
    site = make_site(tmp_path, page, media=("images/unlisted.jpg",))
    assert findings(site) == [(PAGE, "exception/not-allowed", 9), (PAGE, "images/no-consent", 10)]


# --- files under docs/ that no page uses -------------------------------------------------------
def test_unused_files_are_judged_too(tmp_path: Path) -> None:
    media = ("images/trip.jpg", "images/verbal.jpg", "images/old.png", "images/unlisted.jpg", "assets/logo.svg", ".hidden/secret.png", "files/leaflet.pdf")
    site = make_site(tmp_path, "No images on this page.\n", media=media)
    assert findings(site) == [
        ("docs/image-consent.yml", "images/verbal-consent", 8),
        ("docs/image-consent.yml", "images/delete-by-passed", 10),
        ("docs/images/unlisted.jpg", "images/no-consent", 1),
    ]


def test_a_deleted_image_keeps_its_entry_as_the_record(tmp_path: Path) -> None:
    site = make_site(tmp_path, "Text.\n", media=("images/trip.jpg",))
    assert findings(site) == []  # images/deleted.jpg is listed, passed its date, and gone: all good


def test_without_a_register_every_image_is_unlisted(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![A photo](../images/trip.jpg)\n", register=None, media=("images/trip.jpg",))
    report = site_report(site)
    [finding] = [f for f in report.findings if f.rule.startswith("images/")]
    assert (finding.rule, finding.line) == ("images/no-consent", 7)
    assert "Create docs/image-consent.yml" in finding.hint


def test_a_site_without_images_needs_no_register(tmp_path: Path) -> None:
    site = make_site(tmp_path, "Text.\n", register=None, media=())
    assert findings(site) == []


def test_a_named_register_must_exist(tmp_path: Path) -> None:
    site = make_site(tmp_path, "Text.\n", register=None, media=(), settings="\n      image_register: consent.yml")
    with pytest.raises(CannotRun, match="cannot read the image consent register"):
        findings(site)


def test_the_register_can_live_elsewhere(tmp_path: Path) -> None:
    site = make_site(tmp_path, "![A photo](../images/trip.jpg)\n", register=None, media=("images/trip.jpg",), settings="\n      image_register: data/consent.yml")
    (site / "docs" / "data").mkdir()
    (site / "docs" / "data" / "consent.yml").write_text(REGISTER, encoding="utf-8")
    assert findings(site) == []


# --- through MkDocs: the build fails, and the register is not published --------------------------
def _build(project: Path) -> subprocess.CompletedProcess[str]:
    env = offline_env()
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(project / "site")], cwd=project, env=env, capture_output=True, text=True, timeout=300)


def test_mkdocs_build_enforces_consent(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "images").mkdir()
    (project / "docs" / "images" / "group.jpg").write_bytes(PNG)
    page = project / "docs" / "staff" / "images.md"
    page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + "\n\n![A youth worker at a desk, seen from behind](../images/group.jpg)\n", encoding="utf-8")
    image_line = len(page.read_text(encoding="utf-8").split("\n")) - 1

    failed = _build(project)
    assert failed.returncode != 0
    assert f"docs/staff/images.md:{image_line}:" in failed.stderr and "images/no-consent" in failed.stderr

    register = project / "docs" / "image-consent.yml"
    today = dt.date.today()
    register.write_text(
        register.read_text(encoding="utf-8").replace(
            "images: []",
            f"images:\n  - file: images/group.jpg\n    consent: written\n    consent_reference: CF-1\n    consent_date: {today - dt.timedelta(days=10)}\n    delete_by: {today + dt.timedelta(days=365)}\n",
        ),
        encoding="utf-8",
    )
    built = _build(project)
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "images" / "group.jpg").is_file()
    assert not list((project / "site").rglob("image-consent*")), "the consent register must never be published"
