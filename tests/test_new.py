"""`plainpolicy new TOPIC`: a page per paired voice, never overwriting, passing the checks."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plainpolicy.authoring.scaffold import plan, slugify, yaml_text
from plainpolicy.config import settings_from_mapping
from plainpolicy.errors import CannotRun
from plainpolicy.reading.mkdocs_config import SiteConfig
from plainpolicy.reading.source import split_front_matter
from plainpolicy_testing import run_main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2026-11-01"


run = run_main  # shared helper: tests/plainpolicy_testing.py


def copy_site(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def copy_real_site(tmp_path: Path) -> Path:
    target = tmp_path / "kit"
    target.mkdir()
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "docs", target / "docs")
    if (REPO / "overrides").is_dir():
        shutil.copytree(REPO / "overrides", target / "overrides")
    return target


def files_under(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def front_matter(file: Path) -> dict:
    return split_front_matter(file.read_text(encoding="utf-8"), str(file)).meta


# --- what it writes ---------------------------------------------------------------------
def test_creates_a_page_for_each_voice(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    code, out, err = run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    assert code == 0, err
    assert err == ""
    staff, young = site / "docs/staff/online-gaming.md", site / "docs/young-people/online-gaming.md"
    assert staff.is_file() and young.is_file()
    assert out.startswith("Created 2 pages for the topic 'online-gaming':\n")
    assert "  docs/staff/online-gaming.md (Staff and volunteers)\n" in out
    assert "  docs/young-people/online-gaming.md (Young people)\n" in out
    assert "Run `plainpolicy explain docs/staff/online-gaming.md`" in out


def test_front_matter_is_filled_in(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    for voice in ("staff", "young-people"):
        file = site / "docs" / voice / "online-gaming.md"
        meta = front_matter(file)
        assert meta == {
            "title": "Online gaming",
            "summary": "One plain sentence that says what this page is about.",
            "reviewed": None,  # nobody has reviewed the page yet
            "owner": "Designated safeguarding lead",
            "checklist": [],
            "themes": [],
        }
        # The front matter is ordinary YAML (MkDocs reads it with its own loader).
        text = file.read_text(encoding="utf-8")
        assert yaml.safe_load(text.split("---\n")[1])["reviewed"] is None
        assert "\n# Online gaming\n" in text
        assert text.endswith("\n") and not text.endswith("\n\n")


def test_reviewed_is_not_today_until_someone_reviews_the_page(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Issue 15: a date nobody checked is not a review."""
    site = copy_site("clean", tmp_path)
    run(capsys, monkeypatch, site, "new", "online-gaming")
    assert front_matter(site / "docs/staff/online-gaming.md")["reviewed"] is None
    assert "reviewed:  # the date someone checked this page" in (site / "docs/staff/online-gaming.md").read_text(encoding="utf-8")


def test_headings_suit_each_voice(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    staff = (site / "docs/staff/online-gaming.md").read_text(encoding="utf-8")
    young = (site / "docs/young-people/online-gaming.md").read_text(encoding="utf-8")
    for heading in ("## What to do", "## Who to tell", "## What good looks like"):
        assert f"\n{heading}\n" in staff
    for heading in ("## What we will do", "## What you can do", "## Who to talk to", "## Your rights"):
        assert f"\n{heading}\n" in young
    assert "## What to do\n" not in young


def test_title_and_owner_options(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    code, _, _ = run(capsys, monkeypatch, site, "new", "gaming", "--title", "Gaming: online and off", "--owner", "Head of youth work", "--today", TODAY)
    assert code == 0
    file = site / "docs/staff/gaming.md"
    meta = front_matter(file)
    assert meta["title"] == "Gaming: online and off"
    assert meta["owner"] == "Head of youth work"
    assert "\n# Gaming: online and off\n" in file.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["Devices", "Yes", "null", "A: b", "Tom's #1 page", 'Say "hi"', "Ends with a full stop."])
def test_yaml_text_round_trips(value: str) -> None:
    assert yaml.safe_load(f"title: {yaml_text(value)}\n")["title"] == value


def test_uses_the_configured_paired_voices(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("three-voices", tmp_path)
    code, out, _ = run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    assert code == 0
    for folder in ("staff", "young-people", "easy-read"):
        assert (site / "docs" / folder / "online-gaming.md").is_file(), folder
    assert not (site / "docs/trustees/online-gaming.md").exists()  # trustees are not paired
    assert "Created 3 pages" in out
    # An easy-read voice gets the plain starter.
    assert "## What you can do" in (site / "docs/easy-read/online-gaming.md").read_text(encoding="utf-8")


def test_folders_come_from_mkdocs_yml(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("folder: staff", "folder: team").replace("folder: young-people", "folder: youth")
    config.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    assert code == 0
    assert (site / "docs/team/online-gaming.md").is_file()
    assert (site / "docs/youth/online-gaming.md").is_file()
    assert not (site / "docs/staff/online-gaming.md").exists()
    assert "docs/youth/online-gaming.md (Young people)" in out


def test_config_option(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    code, _, _ = run(capsys, monkeypatch, tmp_path, "new", "online-gaming", "--config", str(site / "mkdocs.yml"), "--today", TODAY)
    assert code == 0
    assert (site / "docs/staff/online-gaming.md").is_file()


def test_next_steps_name_the_data_files(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_real_site(tmp_path)
    code, out, _ = run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    assert code == 0
    assert "under 'checklist:' (ids from docs/checklist.yml)" in out
    assert "under 'themes:' (ids from docs/prompts.yml)" in out
    assert "docs/staff/index.md, docs/young-people/index.md" in out


# --- refusing -----------------------------------------------------------------------------
def test_refuses_when_one_page_exists(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    existing = site / "docs/young-people/online-gaming.md"
    existing.write_text("# Mine\n\nDo not touch.\n", encoding="utf-8")
    before = files_under(site)
    code, out, err = run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    assert code == 2
    assert out == ""
    assert err == (
        "plainpolicy: docs/young-people/online-gaming.md: already exists. Nothing was written. "
        "Edit the existing page, or choose another topic name\n"
    )
    assert files_under(site) == before  # no partial write: the staff page was not created
    assert not (site / "docs/staff/online-gaming.md").exists()


def test_refuses_when_every_page_exists(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    before = files_under(site)
    code, _, err = run(capsys, monkeypatch, site, "new", "devices", "--today", TODAY)
    assert code == 2
    assert err.startswith("plainpolicy: docs/staff/devices.md: already exists (so does docs/young-people/devices.md). Nothing was written.")
    assert files_under(site) == before


def test_running_twice_refuses_the_second_time(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    assert run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)[0] == 0
    page = site / "docs/staff/online-gaming.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy own words.\n", encoding="utf-8")
    before = files_under(site)
    assert run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)[0] == 2
    assert files_under(site) == before


def test_no_partial_write_when_writing_fails(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    shutil.rmtree(site / "docs/young-people")
    (site / "docs/young-people").write_text("a file where the folder should be\n", encoding="utf-8")
    before = files_under(site)
    code, _, err = run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    assert code == 2
    assert "Nothing was written" in err
    assert "Traceback" not in err
    assert files_under(site) == before
    assert not (site / "docs/staff/online-gaming.md").exists()


def test_creates_a_missing_voice_folder(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    shutil.rmtree(site / "docs/young-people")
    code, _, _ = run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)
    assert code == 0
    assert (site / "docs/young-people/online-gaming.md").is_file()


@pytest.mark.parametrize(
    ("topic", "suggestion"),
    [
        ("Online Gaming", "online-gaming"),
        ("online_gaming", "online-gaming"),
        ("online gaming", "online-gaming"),
        ("gaming-", "gaming"),
        ("online--gaming", "online-gaming"),
        ("../gaming", "gaming"),
        ("staff/gaming", "staff-gaming"),
        ("gaming.md", "gaming-md"),
        ("jeux-vidéo", "jeux-vid-o"),
    ],
)
def test_refuses_a_bad_topic_name(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, topic: str, suggestion: str) -> None:
    site = copy_site("clean", tmp_path)
    before = files_under(site)
    code, out, err = run(capsys, monkeypatch, site, "new", topic)
    assert code == 2
    assert out == ""
    assert err.startswith(f"plainpolicy: topic '{topic}': this cannot be a topic name. Use lower-case words joined by hyphens")
    assert err.rstrip().endswith(f"For example: plainpolicy new {suggestion}")
    assert files_under(site) == before


def test_a_topic_name_that_starts_with_a_hyphen(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    code, _, err = run(capsys, monkeypatch, site, "new", "--", "-gaming")
    assert code == 2
    assert err.rstrip().endswith("For example: plainpolicy new gaming")
    with pytest.raises(SystemExit) as raised:  # without "--" it looks like an option
        run(capsys, monkeypatch, site, "new", "-gaming")
    assert raised.value.code == 2


def test_refuses_an_empty_topic_name(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    code, _, err = run(capsys, monkeypatch, site, "new", "")
    assert code == 2
    assert "For example: plainpolicy new online-gaming" in err


@pytest.mark.parametrize("topic", ["gaming", "online-gaming", "2fa", "keeping-safe-in-2026"])
def test_accepts_good_topic_names(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, topic: str) -> None:
    site = copy_site("clean", tmp_path)
    assert run(capsys, monkeypatch, site, "new", topic, "--today", TODAY)[0] == 0


@pytest.mark.parametrize("name", ["glossary", "print"])
def test_refuses_the_name_of_a_generated_page(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    site = copy_site("clean", tmp_path)
    code, _, err = run(capsys, monkeypatch, site, "new", name)
    assert code == 2
    assert f"the site makes a page called {name}.md for itself" in err
    assert not (site / f"docs/staff/{name}.md").exists()


def test_refuses_an_empty_title(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_site("clean", tmp_path)
    code, _, err = run(capsys, monkeypatch, site, "new", "gaming", "--title", "   ")
    assert code == 2
    assert err.startswith("plainpolicy: --title: the title is empty.")
    assert not (site / "docs/staff/gaming.md").exists()


def test_refuses_without_a_site() -> None:
    site = SiteConfig(None, Path("docs"), settings_from_mapping({}))
    with pytest.raises(CannotRun, match="not found in this folder or any folder above it"):
        plan(site, "gaming", None, "Designated safeguarding lead", dt.date(2026, 11, 1))


def test_refuses_a_missing_config_file(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, _, err = run(capsys, monkeypatch, tmp_path, "new", "gaming", "--config", "nope.yml")
    assert code == 2
    assert err.startswith("plainpolicy: nope.yml: no such MkDocs configuration file")
    assert list(tmp_path.iterdir()) == []


def test_slugify() -> None:
    assert slugify("Online Gaming!") == "online-gaming"
    assert slugify("  ") == ""


# --- the starter text is not a finished page (issue 15) ---------------------------------------
def _check_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, site: Path, *paths: str) -> tuple[int, dict]:
    code, out, _ = run(capsys, monkeypatch, site, "check", *paths, "--format", "json", "--strict", "--today", TODAY)
    return code, json.loads(out)


def _placeholders(report: dict) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for finding in report["findings"]:
        if finding["rule"] == "review/placeholder":
            found.setdefault(finding["path"], []).append(finding["line"])
    return found


@pytest.mark.parametrize("fixture", ["clean", "three-voices"])
def test_new_pages_fail_until_the_starter_text_is_replaced(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fixture: str) -> None:
    site = copy_site(fixture, tmp_path)
    assert run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)[0] == 0
    created = sorted(str(path.relative_to(site)) for path in site.glob("docs/*/online-gaming.md"))
    code, report = _check_json(capsys, monkeypatch, site, *created)
    assert code == 1
    # Only the starter text and the missing review: no readability finding on the starter.
    assert {f["rule"] for f in report["findings"]} == {"review/placeholder", "review/missing"}
    placeholders = _placeholders(report)
    assert sorted(placeholders) == created
    for path in created:
        lines = (site / path).read_text(encoding="utf-8").split("\n")
        assert placeholders[path][0] == next(n for n, line in enumerate(lines, 1) if line.startswith("summary:"))
        assert all(lines[number - 1].startswith(("Say ", "List ", "Give ", "Use ", "Talk ", "Keep ", "Start ", "Show ")) or "Say " in lines[number - 1] for number in placeholders[path][1:])
    # Once written (summary, text and a review date), the pages pass.
    for path in created:
        file = site / path
        text = file.read_text(encoding="utf-8").replace("One plain sentence that says what this page is about.", "How we keep gaming safe.")
        text = text.replace("reviewed:  # the date someone checked this page, as YYYY-MM-DD", f"reviewed: {TODAY}")
        head, _, _ = text.partition("\n# ")
        file.write_text(head + "\n# Online gaming\n\nYou can play games with us. We will help you stay safe when you play online.\n", encoding="utf-8")
    code, report = _check_json(capsys, monkeypatch, site, *created)
    assert report["findings"] == [] and code == 0


def test_the_starter_text_stops_the_build(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = copy_real_site(tmp_path)
    assert run(capsys, monkeypatch, site, "new", "online-gaming", "--today", TODAY)[0] == 0
    built = _mkdocs_build(site, tmp_path / "built")
    assert built.returncode != 0
    assert "review/placeholder" in built.stdout + built.stderr


def _mkdocs_build(site: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=site, env=env, capture_output=True, text=True, timeout=300,
    )
