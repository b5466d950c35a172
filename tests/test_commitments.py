"""Issue 16, commitments: markers in the lines, the register, both voices kept in step.

Real pages of tests/fixtures/nations, the real CLI and a real `mkdocs build`.
"""

from __future__ import annotations

from pathlib import Path

from nations_testing import build_errors, check_errors, nations_site
from plainpolicy_testing import line_of, mkdocs_build, run_cli

STAFF = "docs/staff/vetting.md"
YOUNG = "docs/young-people/vetting.md"


def edit(root: Path, relative: str, old: str, new: str) -> None:
    file = root / relative
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def findings(root: Path, rule: str) -> list[dict]:
    run = run_cli("check", "--format", "json", "docs", cwd=root)
    assert run.code in (0, 1), run.err
    return [f for f in run.json()["findings"] if f["rule"] == rule]


def test_the_fixture_passes_and_json_lists_each_pages_commitments(tmp_path: Path) -> None:
    root = nations_site(tmp_path)
    run = run_cli("check", "--format", "json", "docs", cwd=root)
    assert run.code == 0, run.out
    pages = {page["path"]: page for page in run.json()["pages"]}
    staff = [(c["id"], c["line"], c["one_voice"]) for c in pages[STAFF]["commitments"]]
    assert staff == [
        ("checks-before-starting", line_of(root / STAFF, "checks-before-starting"), None),
        ("photo-consent", line_of(root / STAFF, "commitment: photo-consent"), None),
        ("consent-records", line_of(root / STAFF, "consent-records"), "young people do not keep our records"),
    ]
    assert pages[STAFF]["commitments"][1]["text"] == "Ask for written consent before you post a photo of a young person."
    assert [c["id"] for c in pages[YOUNG]["commitments"]] == ["checks-before-starting", "photo-consent"]
    notes = [f for f in run.json()["findings"] if f["rule"] == "commitment/one-voice"]
    assert [(f["path"], f["line"], f["severity"]) for f in notes] == [(STAFF, line_of(root / STAFF, "consent-records"), "info")]
    assert "young people do not keep our records" in notes[0]["message"]


def test_deleting_a_promise_names_the_file_line_id_and_what_the_other_voice_says(tmp_path: Path) -> None:
    root = nations_site(tmp_path)
    edit(root, YOUNG, "We ask you first, in writing, before we post a photo of you. <!-- commitment: photo-consent -->\n", "")
    line = line_of(root / STAFF, "commitment: photo-consent")
    missing = findings(root, "commitment/missing")
    assert [(f["path"], f["line"], f["severity"]) for f in missing] == [(STAFF, line, "error")]
    assert "'photo-consent'" in missing[0]["message"] and "Young people" in missing[0]["message"]
    assert "Ask for written consent before you post a photo of a young person." in missing[0]["message"]
    assert "docs/young-people/vetting.md" in missing[0]["hint"] and "We get written consent" in missing[0]["hint"]
    code, errors, output = build_errors(root, tmp_path / "out")
    assert code != 0 and errors == {(STAFF, line, "commitment/missing")}, output


def test_the_other_way_round_and_one_voice_without_a_reason(tmp_path: Path) -> None:
    root = nations_site(tmp_path)
    edit(root, STAFF, " <!-- commitment: checks-before-starting -->", "")
    edit(root, STAFF, "<!-- commitment: consent-records; one voice: young people do not keep our records -->", "<!-- commitment: consent-records; one voice: -->")
    assert check_errors(root) == {
        (YOUNG, line_of(root / YOUNG, "checks-before-starting"), "commitment/missing"),
        (STAFF, line_of(root / STAFF, "consent-records"), "commitment/no-reason"),
    }


def test_unknown_id_bad_marker_and_one_rule_marked_twice(tmp_path: Path) -> None:
    root = nations_site(tmp_path)
    edit(root, STAFF, "## Photos\n", "## Photos\n\n- Remove a photo at once if a young person asks. <!-- commitment: photo-removal -->\n- Never post photos at all. <!-- commitment: photo-consent -->\n- Keep photos safe. <!-- commitment: Photo Safety -->\n")
    file = root / STAFF
    assert check_errors(root) == {
        (STAFF, line_of(file, "photo-removal"), "commitment/unknown"),
        (STAFF, line_of(file, "commitment: photo-consent", 2), "commitment/twice"),
        (STAFF, line_of(file, "Photo Safety"), "commitment/bad-marker"),
        # photo-removal is in no young people's page either
        (STAFF, line_of(file, "photo-removal"), "commitment/missing"),
    }
    twice = findings(root, "commitment/twice")[0]
    assert f"{STAFF} line {line_of(file, 'commitment: photo-consent')} (\u201cNever post photos at all.\u201d)" in twice["message"]


def test_markers_in_code_and_in_hidden_nation_blocks_do_not_count(tmp_path: Path) -> None:
    root = nations_site(tmp_path, "[england]")
    edit(root, YOUNG, "/// nation | Scotland\nIn Scotland, this is called the PVG scheme.\n///", "/// nation | Scotland\nIn Scotland, ask for your photo back. <!-- commitment: photo-removal -->\n///\n\nWrite `<!-- commitment: not-a-real-one -->` to mark one.\n\n```\n<!-- commitment: not-real-either -->\n```")
    assert check_errors(root) == set()
    scotland = nations_site(tmp_path / "scotland", "[scotland]")
    edit(scotland, YOUNG, "/// nation | Scotland\nIn Scotland, this is called the PVG scheme.\n///", "/// nation | Scotland\nIn Scotland, ask for your photo back. <!-- commitment: photo-removal -->\n///")
    assert (YOUNG, line_of(scotland / YOUNG, "photo-removal"), "commitment/unknown") in check_errors(scotland)


def test_the_generated_table_links_each_voices_version(tmp_path: Path) -> None:
    root = nations_site(tmp_path)
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out/maintainers/commitments/index.html").read_text(encoding="utf-8")
    row = html[html.index("Everyone who works with young people is checked") :].split("</tr>")[0]
    assert '<a href="../../staff/vetting/">Vetting and photos</a>, line 8' in row
    assert '<a href="../../young-people/vetting/">Who works with you</a>, line 8' in row
    consent = html[html.index("Staff keep each consent form") :].split("</tr>")[0]
    assert "only here: young people do not keep our records" in consent and "Not stated" in consent
    run = run_cli("check", "docs", cwd=root)
    assert run.code == 0, run.out


def test_explain_shows_commitments_and_nation_passages(tmp_path: Path) -> None:
    root = nations_site(tmp_path, "[scotland, wales]")
    run = run_cli("explain", STAFF, cwd=root)
    assert run.code == 0, run.out + run.err
    assert "This site is for Wales and Scotland. The page has 3 nation passages:" in run.out
    assert "lines 10-12, for England and Wales: shown with the label \u201cIn Wales\u201d." in run.out
    assert "lines 20-22, for Northern Ireland: hidden: this site is not for Northern Ireland." in run.out
    assert f"line {line_of(root / STAFF, 'photo-consent')}: photo-consent (the register says: We get written consent" in run.out
    assert "consent-records" in run.out and "this voice only, because young people do not keep our records" in run.out


def test_a_broken_register_names_its_file_and_line(tmp_path: Path) -> None:
    root = nations_site(tmp_path)
    (root / "docs/commitments.yml").write_text("photo-consent:\n  statement: We ask first.\nBad Id:\n  statement: Something.\n", encoding="utf-8")
    run = run_cli("check", "docs", cwd=root)
    assert run.code == 2
    assert "docs/commitments.yml:3:" in run.err and "'Bad Id' is not a commitment id" in run.err


def test_a_long_statement_is_found_at_its_line_in_the_register(tmp_path: Path) -> None:
    """The generated table is read like any page; what it finds points at the register."""
    root = nations_site(tmp_path)
    long = "We get written consent before we post a photo of a young person, and we ask again every single time that we want to use the same photo somewhere else later on."
    edit(root, "docs/commitments.yml", "  statement: We get written consent before we post a photo of a young person.", f"  statement: {long}")
    warnings = findings(root, "sentence/too-long")
    assert [(f["path"], f["line"]) for f in warnings] == [("docs/commitments.yml", line_of(root / "docs/commitments.yml", "photo-consent:"))]
    assert "maintainers/commitments.md" in warnings[0]["hint"]
