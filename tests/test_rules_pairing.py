"""Voice pairing: a page in a paired voice needs its partner in every other paired voice, or a reason."""

from __future__ import annotations

from pathlib import Path

from plainpolicy_testing import check_json, copy_site, found, site

SITE = site("site")


def test_paired_pages_pass() -> None:
    data = check_json(SITE, "docs/staff/devices.md", "docs/young-people/devices.md")
    assert found(data, rule="pairing") == []


def test_a_page_without_partner_or_reason_fails_at_line_1() -> None:
    data = check_json(SITE, "docs/staff/only-staff.md")
    assert found(data) == [("pairing/missing-partner", 1, 1)]
    (finding,) = data["findings"]
    assert finding["severity"] == "error"
    assert "young-people/only-staff.md" in finding["message"]
    assert 'unpaired: "' in finding["hint"]


def test_an_unpaired_reason_excuses_the_missing_partner() -> None:
    assert found(check_json(SITE, "docs/staff/unpaired-ok.md")) == []


def test_an_empty_unpaired_reason_is_itself_a_finding_at_its_line() -> None:
    data = check_json(SITE, "docs/staff/unpaired-empty.md")
    assert found(data) == [("pairing/missing-partner", 1, 1), ("pairing/no-reason", 4, 1)]


def test_partners_are_looked_for_in_the_whole_docs_folder_even_when_one_file_is_checked() -> None:
    data = check_json(SITE, "docs/young-people/devices.md")
    assert found(data, rule="pairing") == []


def test_deleting_the_partner_makes_both_directions_fail(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / "docs/young-people/devices.md").unlink()
    data = check_json(root, "docs/staff/devices.md")
    assert found(data) == [("pairing/missing-partner", 1, 1)]


def test_pages_pair_by_path_in_sub_folders(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    for folder in ("staff", "young-people"):
        target = root / "docs" / folder / "online"
        target.mkdir()
        (target / "games.md").write_text((root / "docs" / folder / "devices.md").read_text(encoding="utf-8"), encoding="utf-8")
    data = check_json(root, "docs/staff/online/games.md", "docs/young-people/online/games.md")
    assert found(data, rule="pairing") == []
    (root / "docs/young-people/online/games.md").unlink()
    data = check_json(root, "docs/staff/online/games.md")
    assert [f["message"] for f in data["findings"] if f["rule"] == "pairing/missing-partner"] == [
        "This Staff and volunteers page has no Young people partner (young-people/online/games.md)."
    ]


def test_pages_outside_the_voice_folders_are_never_paired() -> None:
    data = check_json(SITE, "docs/index.md")
    assert found(data, rule="pairing") == []
