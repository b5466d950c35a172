"""`plainpolicy init` end to end: a fresh copy of the kit, the real command in a new process, answers on stdin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from plainpolicy.authoring import adopt
from plainpolicy_testing import copy_project, mkdocs_build, offline_env

ANSWERS = [
    "Riverside Youth Club",
    "all",
    "Sam Patel",
    "01234 567890",
    "not an address",  # asked again
    "dsl@riverside-youth.org.uk",
    "Alex Jones",
    "01234 567891",
    "On-call manager: 07700 900123",
    "WhatsApp, Instagram",
    # The local routes of every nation (the kit is UK-wide): LADO, Wales, Scotland, Northern Ireland.
    "01632 960001",
    "01632 960002",
    "01632 960003",
    "01632 960004",
]
CHANGED = {
    'name: "[Your organisation]"': 'name: "Riverside Youth Club"',
    'name: "[Name of your DSL]"': 'name: "Sam Patel"',
    'phone: "[DSL phone number]"': 'phone: "01234 567890"',
    'email: "[dsl@example.org]"': 'email: "dsl@riverside-youth.org.uk"',
    'name: "[Name of your deputy DSL]"': 'name: "Alex Jones"',
    'phone: "[Deputy phone number]"': 'phone: "01234 567891"',
    '"[LADO phone number]"': '"01632 960001"',
    '"[Local authority safeguarding phone number]"': '"01632 960002"',
    '"[Child protection phone number]"': '"01632 960003"',
    '"[Gateway team phone number]"': '"01632 960004"',
}


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def init(project: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plainpolicy", "init", *args],
        cwd=project, env=offline_env(), input=stdin, capture_output=True, text=True, timeout=120,
    )


def config(project: Path) -> dict[str, Any]:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


def plugin(data: dict[str, Any]) -> dict[str, Any]:
    return next(entry["plainpolicy"] for entry in data["plugins"] if isinstance(entry, dict) and "plainpolicy" in entry)


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.fixture()
def kit(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "kit")


def test_answers_on_stdin_fill_in_the_kit_and_a_publishing_build_passes(kit: Path, tmp_path: Path) -> None:
    before = (kit / "mkdocs.yml").read_text(encoding="utf-8")
    run = init(kit, stdin="\n".join(ANSWERS) + "\n")
    assert run.returncode == 0, run.stderr
    assert "That will not do: it is not an email address" in run.stdout
    after = (kit / "mkdocs.yml").read_text(encoding="utf-8")

    # Every line but the filled-in ones is byte for byte the same: comments, order, quoting.
    expected = before
    for old, new in CHANGED.items():
        expected = expected.replace(old, new, 1)
    expected = expected.replace(
        'out_of_hours: "[Out-of-hours contact, for example your on-call manager\'s number]"\n',
        'out_of_hours: "On-call manager: 07700 900123"\n    platforms: ["WhatsApp", "Instagram"]\n',
    )
    assert after == expected

    organisation = config(kit)["extra"]["organisation"]
    assert organisation["name"] == "Riverside Youth Club"
    assert organisation["platforms"] == ["WhatsApp", "Instagram"]
    left = [text for text in strings(config(kit)["extra"]) if text.strip().startswith("[") or "example.org" in text]
    assert left == []
    assert plugin(config(kit)).get("nations", adopt.NATIONS) == adopt.NATIONS  # all four: left as the kit has it

    published = after.replace("site_name: Digital Safeguarding Policy\n", "site_name: Digital Safeguarding Policy\nsite_url: https://riverside-youth.example.net/policy/\n", 1)
    (kit / "mkdocs.yml").write_text(published, encoding="utf-8")
    build = mkdocs_build(kit, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-3000:]
    assert "Riverside Youth Club" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    platforms = (tmp_path / "site" / "young-people" / "platforms.html").read_text(encoding="utf-8")
    listed = platforms[platforms.index('class="admonition info pp-platforms"'):]
    assert "<li>WhatsApp</li><li>Instagram</li>" in listed[: listed.index("</ul>")]


def test_options_write_the_nations_to_the_plugin_and_ask_nothing(kit: Path) -> None:
    run = init(kit, "--no-input", "--name", "Cardiff Youth Project", "--nations", "England, wales")
    assert run.returncode == 0, run.stderr
    data = config(kit)
    assert plugin(data)["nations"] == ["england", "wales"]
    assert plugin(data)["glossary"] == "glossary.yml"  # the other options are untouched
    assert data["extra"]["organisation"]["name"] == "Cardiff Youth Project"
    assert data["extra"]["organisation"]["safeguarding_lead"]["phone"] == "[DSL phone number]"  # not given, not asked
    assert "Still to fill in" in run.stdout

    again = init(kit, "--no-input", "--nations", "scotland")
    assert again.returncode == 2
    assert "plugins.plainpolicy.nations is already 'england, wales'" in again.stderr


def test_filled_in_values_are_kept_without_force(kit: Path) -> None:
    assert init(kit, "--no-input", "--name", "Riverside Youth Club").returncode == 0
    before = (kit / "mkdocs.yml").read_bytes()

    refused = init(kit, "--no-input", "--name", "Another Club", "--lead-name", "Sam Patel")
    assert refused.returncode == 2
    assert "extra.organisation.name is already 'Riverside Youth Club'" in refused.stderr
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    assert (kit / "mkdocs.yml").read_bytes() == before  # nothing written, not even the lead's name

    # Asked interactively, a filled-in value is not asked again: only the blanks are.
    asked = init(kit, stdin="\n".join(ANSWERS[1:]) + "\n")
    assert asked.returncode == 0, asked.stderr
    assert "Your organisation's name" not in asked.stdout
    assert config(kit)["extra"]["organisation"]["name"] == "Riverside Youth Club"

    forced = init(kit, "--no-input", "--force", "--name", "Another Club")
    assert forced.returncode == 0, forced.stderr
    assert config(kit)["extra"]["organisation"]["name"] == "Another Club"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--no-input", "--lead-phone", "call Sam"], "", "--lead-phone: it is not a phone number"),
        (["--no-input", "--nations", "england, france"], "", "'france' is not a nation"),
        (["--no-input", "--name", "[Your organisation]"], "", "still a placeholder"),
        ([], "Riverside Youth Club\nall\n", "the input ended"),  # stdin ends half way
        ([], "x\n" * 3, ""),  # three bad answers to one question (x is a name, then not nations)
    ],
)
def test_bad_input_changes_nothing(kit: Path, args: list[str], stdin: str, message: str) -> None:
    before = (kit / "mkdocs.yml").read_bytes()
    run = init(kit, *args, stdin=stdin)
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert "Nothing was written" in run.stderr or "nothing was written" in run.stderr
    assert (kit / "mkdocs.yml").read_bytes() == before
    assert sorted(path.name for path in kit.iterdir()) == ["docs", "mkdocs.yml", "overrides"]  # no temporary file left


def test_a_broken_mkdocs_yml_is_named_and_kept(kit: Path) -> None:
    broken = (kit / "mkdocs.yml").read_text(encoding="utf-8") + "extra: [unclosed\n"
    (kit / "mkdocs.yml").write_text(broken, encoding="utf-8")
    run = init(kit, "--no-input", "--name", "Riverside Youth Club")
    assert run.returncode == 2
    assert run.stderr.startswith("plainpolicy: mkdocs.yml:")
    assert (kit / "mkdocs.yml").read_text(encoding="utf-8") == broken


def test_the_recorded_session_in_the_guide_is_what_init_prints(kit: Path) -> None:
    transcript = (kit / "docs" / "contributing" / "snippets" / "init-session.txt").read_text(encoding="utf-8")
    command, _, shown = transcript.partition("\n")
    assert command == "$ plainpolicy init"
    answers = ["Riverside Youth Club", "england, wales", "Sam Patel", "01632 960001", "sam.patel",
               "dsl@riverside-youth.org.uk", "Alex Jones", "01632 960002", "On-call manager, 07700 900123", "WhatsApp, Instagram, Zoom",
               "01632 960003", "01632 960004"]  # the local routes of England and Wales
    run = init(kit, stdin="\n".join(answers) + "\n")
    assert run.returncode == 0, run.stderr
    assert run.stdout == shown


def test_a_nations_list_already_written_is_replaced_in_place(tmp_path: Path) -> None:
    """The kit may ship `nations:` as a block list (the nations option): init rewrites just that value."""
    block = "      nations:\n        - england\n        - wales\n        - scotland\n        - northern-ireland\n"
    kit = copy_project(tmp_path / "kit", lambda text: text.replace("  - plainpolicy:\n", "  - plainpolicy:\n" + block, 1))
    before = (kit / "mkdocs.yml").read_text(encoding="utf-8")
    run = init(kit, "--no-input", "--nations", "scotland")
    assert run.returncode == 0, run.stderr
    after = (kit / "mkdocs.yml").read_text(encoding="utf-8")
    assert after == before.replace(block, '      nations: ["scotland"]\n', 1)
    assert init(kit, "--no-input", "--force", "--nations", "scotland").returncode == 0
    assert (kit / "mkdocs.yml").read_text(encoding="utf-8") == after  # the same answer again: not rewritten
