"""Voices are data: a third voice and an unpaired voice, configured only in a fixture mkdocs.yml."""

from __future__ import annotations

from plainpolicy_testing import check_json, found, section, site

THREE = site("three-voices")


def test_pairing_asks_for_the_third_voice() -> None:
    data = check_json(THREE)
    missing = sorted(f["message"] for f in data["findings"] if f["rule"] == "pairing/missing-partner")
    assert missing == [
        "This Easy read page has no Staff and volunteers partner (staff/phones.md).",
        "This Easy read page has no Young people partner (young-people/phones.md).",
    ]


def test_the_third_voices_thresholds_apply() -> None:
    data = check_json(THREE, "docs/easy-read/devices.md", "docs/young-people/devices.md")
    # The same text passes for young people (grade 6, 20 words) and fails for easy read (grade 2, 12 words).
    assert found(data, "docs/young-people/devices.md") == []
    easy = found(data, "docs/easy-read/devices.md")
    assert ("readability/too-hard", 7, 1) in easy
    assert [f for f in easy if f[0] == "sentence/too-long"] == [
        ("sentence/too-long", 14, 1), ("sentence/too-long", 14, 78), ("sentence/too-long", 16, 33),
    ]
    messages = {f["message"] for f in data["findings"] if f["rule"] == "sentence/too-long"}
    assert all("the Easy read limit is 12" in message for message in messages)
    assert {f["voice"] for f in data["findings"]} == {"easy-read"}


def test_a_plain_easy_read_page_passes_its_thresholds() -> None:
    data = check_json(THREE, "docs/easy-read/phones.md")
    assert found(data, rule="readability") == [] and found(data, rule="sentence") == []
    assert section(data, "docs/easy-read/phones.md", "Your phone")["judged_by"] == "own score"


def test_an_unpaired_voice_neither_needs_nor_is_asked_for_partners() -> None:
    data = check_json(THREE)
    assert not [f for f in data["findings"] if "trustees" in f["path"] or "Trustees" in f["message"]]
    page = next(p for p in data["pages"] if p["path"] == "docs/trustees/finance.md")
    assert page["voice"] == "trustees"


def test_voice_labels_and_folders_default_from_the_name() -> None:
    # The fixture gives staff and young-people only thresholds: label and folder come from the defaults.
    data = check_json(THREE, "docs/easy-read/phones.md")
    assert [f["message"] for f in data["findings"]] == [
        "This Easy read page has no Staff and volunteers partner (staff/phones.md).",
        "This Easy read page has no Young people partner (young-people/phones.md).",
    ]


def test_front_matter_voice_and_default_voice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from plainpolicy_testing import copy_site

    root = copy_site("site", tmp_path)
    sentence = "Please tell a member of staff straight away if anything online makes you feel worried, upset or unsafe in any way."  # 21 words
    (root / "docs/talk.md").write_text(f"---\nvoice: young-people\n---\n\n# Talk to us\n\n{sentence}\n", encoding="utf-8")
    (root / "docs/other.md").write_text(f"# Other\n\n{sentence}\n", encoding="utf-8")
    data = check_json(root, "docs/talk.md", "docs/other.md")
    assert {p["path"]: p["voice"] for p in data["pages"]} == {"docs/other.md": None, "docs/talk.md": "young-people"}
    assert found(data, "docs/talk.md", rule="sentence") == [("sentence/too-long", 7, 1)]  # over 20 words
    assert found(data, "docs/other.md") == []  # no voice: no readability limits
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      min_words: 100\n", "      min_words: 100\n      default_voice: young-people\n"), encoding="utf-8")
    data = check_json(root, "docs/other.md")
    assert data["pages"][0]["voice"] == "young-people"
    assert found(data, "docs/other.md", rule="sentence") == [("sentence/too-long", 3, 1)]
