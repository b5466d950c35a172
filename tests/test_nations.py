"""Issue 16, nations: the `nations:` setting, nation blocks, and glossary rules by nation.

Real pages, the real CLI and a real `mkdocs build` of tests/fixtures/nations (with
the kit's own docs/nations.yml copied in): `plainpolicy check` and the build
must agree for every nation setting.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nations_testing import build_errors, check_errors, nations_site
from plainpolicy_testing import FIXTURES, line_of, mkdocs_build, run_cli

SETTINGS = {
    "england": "[england]",
    "wales": "[Wales]",
    "scotland": "scotland",
    "northern-ireland": "[Northern Ireland]",
    "uk-wide": None,  # the option left out: all four
}
ALLEGATIONS = """---
title: Allegations
reviewed: 2026-06-01
unpaired: Only staff handle allegations about staff.
---

# Allegations

/// nation | Scotland
In Scotland, tell the local authority and the police.
///

/// nation | Northern Ireland
In Northern Ireland, tell the gateway team.
///

If the worry is about a member of staff, the DSL tells the LADO the same day.
"""
def article(out: Path, page: str) -> str:
    html = (out / page / "index.html").read_text(encoding="utf-8")
    main = html[html.index("<article") :]
    return main[: main.index("</article>")]


@pytest.mark.parametrize("name", list(SETTINGS))
def test_check_and_build_agree_for_every_nation_setting(tmp_path: Path, name: str) -> None:
    root = nations_site(tmp_path, SETTINGS[name], {"staff/allegations.md": ALLEGATIONS})
    lado = line_of(root / "docs/staff/allegations.md", "tells the LADO")
    expected = set() if name == "england" else {("docs/staff/allegations.md", lado, "glossary/wrong-nation")}
    assert check_errors(root) == expected
    code, errors, output = build_errors(root, tmp_path / "out")
    assert errors == expected, output
    assert (code == 0) == (not expected), output

    staff = article(tmp_path / "out", "staff/vetting")
    text = re.sub(r"<[^>]+>", "", staff)
    shown = {
        "DBS": "this is a DBS check" in text,
        "PVG": "this is the PVG scheme" in text,
        "AccessNI": "this is an AccessNI check" in text,
    }
    wanted = {"england": {"DBS"}, "wales": {"DBS"}, "scotland": {"PVG"}, "northern-ireland": {"AccessNI"}, "uk-wide": set(shown)}[name]
    assert {key for key, on in shown.items() if on} == wanted
    assert "/// nation" not in staff and "///" not in staff
    if name == "uk-wide":
        labels = re.findall(r'<p class="admonition-title">([^<]*)</p>', staff)
        assert labels == ["In England and Wales", "In Scotland", "In Northern Ireland"]
        assert 'class="admonition plainpolicy-nation"' in staff and "style=" not in staff
        assert (tmp_path / "out/assets/plainpolicy/nations.css").is_file()
    else:
        assert "plainpolicy-nation" not in staff and "admonition-title" not in staff


def test_a_finding_after_a_hidden_block_keeps_its_line(tmp_path: Path) -> None:
    """Hidden blocks become blank lines: what follows stays on its own line number."""
    long = "This sentence goes on and on with many words so that it is far too long for the young people who read this page and it will not stop yet."
    page = "---\ntitle: Who works with you\nreviewed: 2026-06-01\n---\n\n# Who works with you\n\n/// nation | Scotland\nIn Scotland, this is called the PVG scheme.\n\nA second paragraph here.\n///\n\n" + long + "\n"
    root = nations_site(tmp_path, "[england]", {"young-people/vetting.md": page.replace("<!--", "")})
    (root / "docs/staff/vetting.md").write_text((root / "docs/staff/vetting.md").read_text().replace("<!-- commitment: checks-before-starting -->", "").replace("<!-- commitment: photo-consent -->", ""))
    line = line_of(root / "docs/young-people/vetting.md", "This sentence goes on")
    run = run_cli("check", "--format", "json", "docs", cwd=root)
    sentence = [f for f in run.json()["findings"] if f["rule"] == "sentence/too-long"]
    assert [(f["path"], f["line"], f["column"]) for f in sentence] == [("docs/young-people/vetting.md", line, 1)]


def test_readability_reads_only_the_blocks_shown(tmp_path: Path) -> None:
    long = "In Wales this sentence goes on and on with many words so that it is far too long for the young people who read this page, and it will not stop."
    page = (FIXTURES / "nations/docs/young-people/vetting.md").read_text().replace("In Scotland, this is called the PVG scheme.\n///", "In Scotland, this is called the PVG scheme.\n///\n\n/// nation | Wales\n" + long + "\n///")
    for setting, flagged in (("[scotland]", False), ("[wales]", True), (None, True)):
        root = nations_site(tmp_path / (setting or "all"), setting, {"young-people/vetting.md": page})
        run = run_cli("check", "--format", "json", "docs", cwd=root)
        rules = [(f["line"]) for f in run.json()["findings"] if f["rule"] == "sentence/too-long"]
        assert rules == ([line_of(root / "docs/young-people/vetting.md", "In Wales this")] if flagged else []), setting


def test_text_in_a_block_is_judged_for_that_blocks_nations(tmp_path: Path) -> None:
    wrong = "---\ntitle: Law\nreviewed: 2026-06-01\nunpaired: A test page.\n---\n\n# Law\n\n/// nation | Scotland\nIn Scotland, ask for a DBS check.\n///\n\n/// nation | England, Scotland\nSee Working Together to Safeguard Children 2023.\n///\n\nThreats are a crime under the Online Safety Act 2023, section 181.\n"
    root = nations_site(tmp_path / "uk", None, {"staff/law.md": wrong})
    path = "docs/staff/law.md"
    file = root / "docs/staff/law.md"
    assert check_errors(root) == {
        (path, line_of(file, "a DBS check"), "glossary/wrong-nation"),
        (path, line_of(file, "See Working Together"), "glossary/wrong-nation"),
        (path, line_of(file, "section 181"), "glossary/wrong-nation"),
    }
    run = run_cli("check", "docs/staff/law.md", cwd=root)
    assert "PVG scheme" in run.out and "National Guidance for Child Protection in Scotland" in run.out and "Criminal Justice and Licensing (Scotland) Act 2010 s.38" in run.out
    # On an England-only site the Scotland block is hidden, the England one is fine, and the Act applies.
    england = nations_site(tmp_path / "en", "[england]", {"staff/law.md": wrong})
    assert check_errors(england) == set()


@pytest.mark.parametrize(
    "body, rule, marker",
    [
        ("/// nation | Scotlnd\nText for somewhere.\n///\n", "nation/unknown", "/// nation | Scotlnd"),
        ("/// nation | Scotland\nText that never ends.\n", "nation/unclosed", "/// nation | Scotland"),
        ("- A list item.\n\n    /// nation | Scotland\n    Text in a list.\n    ///\n", "nation/in-list", "    /// nation | Scotland"),
        ("- /// nation | Wales\n", "nation/in-list", "- /// nation | Wales"),
        ("/// nation\nText for nowhere.\n///\n", "nation/no-nation", "/// nation\n"),
        ("Some text.\n\n///\n", "nation/stray-close", "\n///\n"),
    ],
)
def test_broken_blocks_are_findings_with_file_and_line_in_check_and_build(tmp_path: Path, body: str, rule: str, marker: str) -> None:
    page = "---\ntitle: Broken\nreviewed: 2026-06-01\nunpaired: A test page.\n---\n\n# Broken\n\nA short page to test blocks.\n\n" + body
    root = nations_site(tmp_path, None, {"staff/broken.md": page})
    line = page[: page.index(marker)].count("\n") + 1 + (1 if marker.startswith("\n") else 0)
    assert ("docs/staff/broken.md", line, rule) in check_errors(root)
    code, errors, output = build_errors(root, tmp_path / "out")
    assert code != 0 and ("docs/staff/broken.md", line, rule) in errors, output


def test_blocks_shown_as_examples_in_code_are_left_alone(tmp_path: Path) -> None:
    page = "---\ntitle: Example\nreviewed: 2026-06-01\nunpaired: A test page.\n---\n\n# Example\n\nWrite it like this:\n\n```\n/// nation | Scotlnd\nText.\n///\n```\n"
    root = nations_site(tmp_path, "[england]", {"staff/example.md": page})
    assert check_errors(root) == set()
    code, errors, output = build_errors(root, tmp_path / "out")
    assert code == 0, output
    assert "/// nation | Scotlnd" in article(tmp_path / "out", "staff/example")


@pytest.mark.parametrize(
    "value, shown",
    [("[england, scotlnd]", "'scotlnd'"), ("[]", "[]"), ("{england: yes}", "england")],
)
def test_a_bad_nations_setting_is_one_line_naming_mkdocs_yml_and_its_line(tmp_path: Path, value: str, shown: str) -> None:
    root = nations_site(tmp_path, value)
    line = line_of(root / "mkdocs.yml", "      nations:")
    run = run_cli("check", "docs", cwd=root)
    assert run.code == 2
    message = [text for text in run.err.splitlines() if text.strip()]
    assert len(message) == 1 and f"mkdocs.yml:{line}:" in message[0] and shown in message[0] and "northern-ireland" in message[0]
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: plainpolicy 'nations'" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_templates_can_read_the_chosen_nations(tmp_path: Path) -> None:
    root = nations_site(tmp_path, "[Northern Ireland, wales]")
    (root / "overrides").mkdir()
    (root / "overrides/main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ super() }}'
        '<p id="nations">{{ plainpolicy_nations | join(",") }}|{{ config.plugins["plainpolicy"].config.nations | join(",") }}'
        '|{{ plainpolicy_nation_names["northern-ireland"] }}</p>{% endblock %}',
        encoding="utf-8",
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    assert '<p id="nations">wales,northern-ireland|wales,northern-ireland|Northern Ireland</p>' in html


def test_labels_need_the_admonition_extension_and_say_so(tmp_path: Path) -> None:
    root = nations_site(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - admonition\n", ""))
    run = run_cli("check", "docs", cwd=root)
    assert run.code == 2 and "mkdocs.yml" in run.err and "'admonition'" in run.err
    result = mkdocs_build(root, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "needs the 'admonition' Markdown extension" in output and "Traceback" not in output
    single = nations_site(tmp_path / "one", "[scotland]")
    config = single / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - admonition\n", ""))
    assert check_errors(single) == set()


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("applies_in: [england, wales]\n", "applies_in: [england, wles]\n", "'wles' is not a UK nation"),
        ("    forms: [LADO, local authority designated officer]\n", "    forms: [LADO, local authority designated officer]\n    colour: red\n", "unknown field(s) colour"),
        ("      - 'Online Safety Act", "      - '(Online Safety Act", "not a valid regular expression"),
    ],
)
def test_a_broken_nations_file_names_its_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    root = nations_site(tmp_path)
    rules = root / "docs/nations.yml"
    text = rules.read_text(encoding="utf-8")
    assert old in text
    rules.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = run_cli("check", "docs", cwd=root)
    assert run.code == 2 and re.search(r"docs/nations\.yml:\d+: ", run.err) and message in run.err, run.err
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0 and message in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
