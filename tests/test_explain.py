"""`plainpolicy explain PAGE`: one page in plain words, with check's exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from plainpolicy.cli import main
from plainpolicy_testing import run_main

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2026-11-01"


run = run_main  # shared helper: tests/plainpolicy_testing.py


def explain(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path, page: str) -> tuple[int, str, str]:
    return run(capsys, monkeypatch, folder, "explain", page, "--today", TODAY)


def heading_line(file: Path, heading: str) -> int:
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if re.fullmatch(rf"#+\s+{re.escape(heading)}\s*", line):
            return number
    raise AssertionError(f"no heading {heading!r} in {file}")


def block(out: str, title: str) -> str:
    """The lines of one section of the explanation, from its title to the next blank line."""
    start = out.index(title + " (")
    end = out.find("\n\n", start)
    return out[start:] if end == -1 else out[start:end]


# --- a page that passes -----------------------------------------------------------------
def test_passing_page(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = explain(capsys, monkeypatch, FIXTURES / "clean", "docs/staff/devices.md")
    assert code == 0
    assert err == ""
    assert out.startswith('Page: docs/staff/devices.md ("Devices")\n')
    assert "Written for: Staff and volunteers." in out
    assert "every section at grade 9 or lower (UK reading age 14), with a Reading Ease of 55 or more, and no sentence over 25 words" in out
    assert "Partner page: docs/young-people/devices.md." in out
    assert "Result: this page passes every check." in out
    assert "That is within the limits for staff and volunteers." in out
    assert out.rstrip().endswith("checklist question is answered).")


def test_sections_carry_their_source_lines(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    page = FIXTURES / "clean" / "docs" / "staff" / "devices.md"
    _, out, _ = explain(capsys, monkeypatch, FIXTURES / "clean", "docs/staff/devices.md")
    for heading in ("Your own phone", "Work devices"):
        assert f"\n{heading} (line {heading_line(page, heading)})\n" in out
    assert f"\nIntroduction (line {heading_line(page, 'Devices')})\n" in out


def test_longest_sentence_hard_words_and_glossary(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = explain(capsys, monkeypatch, FIXTURES / "clean", "docs/staff/devices.md")
    intro = block(out, "Introduction")
    assert "Its longest sentence has 17 words: “This page sets out the rules for the phones, laptops and tablets you use in your work.”" in intro
    assert "Glossary terms used: designated safeguarding lead (written as “DSL”)." in intro
    assert "Its hardest words:" in block(out, "Work devices")
    # A passing section is not told to split its sentences.
    assert "Try splitting" not in out


def test_young_people_voice(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = explain(capsys, monkeypatch, FIXTURES / "clean", "docs/young-people/devices.md")
    assert code == 0
    assert "Written for: Young people." in out
    assert "The limits for young people: every section at grade 6 or lower (UK reading age 11), with a Reading Ease of 70 or more, and no sentence over 20 words." in out


# --- a page that fails ------------------------------------------------------------------
def test_section_too_hard(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = explain(capsys, monkeypatch, FIXTURES / "site", "docs/staff/readability.md")
    assert code == 1
    assert err == ""
    assert "Result: this page has 2 problems. Problems stop the build. Each one is listed under its section below." in out
    hard = block(out, "Information governance")
    assert "Information governance (line 9)" in hard
    assert "This section reads at grade 28.3 (UK reading age 33); the limit for staff and volunteers is 9 (reading age 14)." in hard
    assert "The Reading Ease is -93.9; the limit for staff and volunteers is 55 or more." in hard
    assert "So it is too hard to read, and this stops the build." in hard
    assert "Its longest sentence has 10 words: “Comprehensive documentation facilitates subsequent organisational evaluation and demonstrates institutional responsibility.” Try splitting it." in hard
    assert re.search(r"Its hardest words: [a-z, ]+\. Try shorter, everyday words where you can\.", hard)
    assert "That is within the limits" in block(out, "Plain words")
    assert out.rstrip().endswith("then run `plainpolicy explain docs/staff/readability.md` again.")


def test_pooled_sections_say_so(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = explain(capsys, monkeypatch, FIXTURES / "site", "docs/staff/readability.md")
    retention = block(out, "Retention")
    assert "It has 45 words in 6 sentences." in retention
    assert "Sections under 100 words are scored together with a neighbour" in retention
    assert 'This one is scored with "Escalation": together they read at grade 28.3' in retention
    assert "Together they read at grade 28.3 (UK reading age 33); the limit for staff and volunteers is 9 (reading age 14)." in retention


def test_glossary_findings_are_under_their_section(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = explain(capsys, monkeypatch, FIXTURES / "site", "docs/young-people/words.md")
    assert code == 1
    other = block(out, "Other help")
    assert re.search(r'Problem, line \d+: "sexting" is not the form we use\. Write "sharing nudes" instead\.', other)
    assert '"LADO" looks like an abbreviation, but it is not in the glossary.' in other
    assert "[glossary/rejected]" in other
    assert "Glossary terms used:" in other and "sharing nudes" in other
    law = block(out, "The law")
    assert '"GDPR" is not the form we use. Write "UK GDPR" instead.' in law
    tell = block(out, "Who to tell")
    assert re.search(r"Warning, line \d+: This page uses 2 forms of one term", tell) and "[glossary/mixed-forms]" in tell


def test_whole_page_findings(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = explain(capsys, monkeypatch, FIXTURES / "site", "docs/staff/only-staff.md")
    assert code == 1
    whole = out.split("The whole page (front matter and partner pages)\n", 1)[1]
    assert "Problem, line 1: This Staff and volunteers page has no Young people partner" in whole
    assert "[pairing/missing-partner]" in whole
    assert "The whole page has fewer than 100 words, too few to score one section fairly. So all its sections are scored together as one" in out


def test_warnings_only_pass(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = explain(capsys, monkeypatch, FIXTURES / "site", "docs/staff/sentences.md")
    assert code == 0
    assert "Result: no problems, but 4 warnings. A strict build (`make site`, and the checks on a pull request) stops on warnings too, so please fix them." in out
    wrapped = block(out, "Wrapped paragraph")
    assert "Its longest sentence has 35 words:" in wrapped
    assert "The limit is 25 words. Try splitting it." in wrapped
    assert re.search(r"Warning, line \d+: the longest sentence, quoted above, starts here\.", wrapped)
    assert wrapped.count("When you write to a young person") == 1  # quoted once, not twice


def test_exceptions_are_explained(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = explain(capsys, monkeypatch, FIXTURES / "site", "docs/staff/exceptions.md")
    assert code == 1  # exceptions without a reason or a known rule are errors
    legal = block(out, "Legal definitions")
    assert "It has an exception, so its readability score does not stop the build. The reason given: Statutory definitions must be quoted exactly." in legal
    assert "Exception, line 41: Statutory definitions must be quoted exactly." in legal
    assert "[exception/no-reason]" in block(out, "No reason given")
    assert "[exception/unknown-rule]" in block(out, "Unknown rule")
    assert "[exception/unused]" in block(out, "Nothing to excuse")


def test_explain_agrees_with_check(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The same Checker: the same errors, warnings and exit code as check on that file."""
    for page in ("docs/staff/readability.md", "docs/young-people/words.md", "docs/staff/exceptions.md", "docs/staff/devices.md"):
        check_code, out, _ = run(capsys, monkeypatch, FIXTURES / "site", "check", page, "--format", "json", "--today", TODAY)
        summary = json.loads(out)["summary"]
        code, text, _ = explain(capsys, monkeypatch, FIXTURES / "site", page)
        assert code == check_code, page
        verdict = next(line for line in text.splitlines() if line.startswith("Result:"))
        if summary["errors"]:
            assert f"has {summary['errors']} problem" in verdict, (page, verdict)
        else:
            assert "problem" not in verdict.replace("no problems", ""), (page, verdict)
        if summary["warnings"]:
            assert f"{summary['warnings']} warning" in verdict, (page, verdict)


def test_the_talk_about_it_box_is_pointed_at_its_data(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean", site)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("glossary: glossary.yml", "glossary: glossary.yml\n      prompts: prompts.yml"), encoding="utf-8")
    (site / "docs" / "prompts.yml").write_text(
        "themes:\n"
        "  - id: language\n"
        "    title:\n      staff: Words we use\n"
        "    intro:\n      staff: The words we choose shape how people feel.\n"
        "    prompts:\n      staff:\n        - Which words do young people use for this?\n",
        encoding="utf-8",
    )
    page = site / "docs" / "staff" / "devices.md"
    page.write_text(page.read_text(encoding="utf-8").replace("owner: Designated safeguarding lead", "owner: Designated safeguarding lead\nthemes: [language]"), encoding="utf-8")
    code, out, _ = explain(capsys, monkeypatch, site, "docs/staff/devices.md")
    assert code == 0, out
    assert "\nTalk about it (added at the end of the page by the site, from docs/prompts.yml: change it there)\n" in out


def test_page_without_a_voice(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = explain(capsys, monkeypatch, FIXTURES / "clean", "docs/index.md")
    assert code == 0
    assert "This page is not written for one voice" in out
    assert "reads at grade" not in out


# --- bad input: exit 2, one line, no traceback ------------------------------------------
@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("docs/staff/no-such-page.md", "docs/staff/no-such-page.md: no such page"),
        ("docs/staff", "docs/staff: this is a folder; explain takes one page"),
        ("mkdocs.yml", "mkdocs.yml: explain reads Markdown pages"),
    ],
)
def test_bad_page(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, page: str, message: str) -> None:
    code, out, err = explain(capsys, monkeypatch, FIXTURES / "clean", page)
    assert code == 2
    assert out == ""
    assert err.startswith(f"plainpolicy: {message}")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_broken_front_matter(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean", site)
    (site / "docs" / "staff" / "broken.md").write_text("---\ntitle: [unclosed\n---\n\n# Broken\n", encoding="utf-8")
    code, _, err = explain(capsys, monkeypatch, site, "docs/staff/broken.md")
    assert code == 2
    assert re.match(r"plainpolicy: docs/staff/broken\.md:\d+: the front matter is not valid YAML", err)


def test_missing_config_file(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, monkeypatch, FIXTURES / "clean", "explain", "docs/staff/devices.md", "--config", "nope.yml")
    assert code == 2
    assert err.startswith("plainpolicy: nope.yml: no such MkDocs configuration file")


def test_explain_needs_a_page(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES / "clean")
    with pytest.raises(SystemExit) as raised:
        main(["explain"])
    assert raised.value.code == 2
    assert "the following arguments are required: page" in capsys.readouterr().err


def test_explain_writes_nothing(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    explain(capsys, monkeypatch, site, "docs/staff/readability.md")
    assert before == {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_strict_counts_warnings(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert explain(capsys, monkeypatch, FIXTURES / "site", "docs/staff/sentences.md")[0] == 0
    code, _, _ = run(capsys, monkeypatch, FIXTURES / "site", "explain", "docs/staff/sentences.md", "--strict", "--today", TODAY)
    assert code == 1
    assert run(capsys, monkeypatch, FIXTURES / "clean", "explain", "docs/staff/devices.md", "--strict", "--today", TODAY)[0] == 0


def test_short_page_with_a_long_sentence(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "clean", site)
    (site / "docs" / "staff" / "short.md").write_text(
        "---\ntitle: Short\nreviewed: 2026-10-01\nunpaired: \"A test page.\"\n---\n\n# Short\n\n## One rule\n\n"
        "When you write to a young person or to their family about something that happened, use plain words "
        "and short sentences so that everyone can follow.\n",
        encoding="utf-8",
    )
    code, out, _ = explain(capsys, monkeypatch, site, "docs/staff/short.md")
    rule = block(out, "One rule")
    assert "So all its sections are scored together as one" in rule
    check_code = run(capsys, monkeypatch, site, "check", "docs/staff/short.md", "--today", TODAY)[0]
    assert code == check_code
    if check_code == 1:  # a long sentence on a short page fails the page
        assert "A sentence over 25 words also stops the build on a page this short." in rule
    assert "The limit is 25 words. Try splitting it." in rule


# --- the contributing guide -----------------------------------------------------------------
REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "contributing"


def test_the_contributing_guide_passes_the_staff_checks(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    pages = sorted(GUIDE.glob("*.md"))
    assert {page.name for page in pages} >= {"index.md", "editing-on-github.md", "checks.md", "fixing-a-section.md", "glossary-terms.md", "adapting-the-kit.md"}
    code, out, _ = run(capsys, monkeypatch, REPO, "check", "docs/contributing", "--strict", "--format", "json")
    report = json.loads(out)
    assert code == 0, report["findings"]
    assert report["findings"] == []  # not even an exception: the examples are not real exceptions
    for page in report["pages"]:
        assert page["voice"] == "staff", page["path"]
        for section in page["sections"]:
            assert section["judged_by"] != "exception", (page["path"], section["heading"])


def test_the_guide_front_matter() -> None:
    from plainpolicy.reading.source import read_page

    for file in sorted(GUIDE.glob("*.md")):
        meta = read_page(file).meta
        assert meta["voice"] == "staff", file.name
        assert meta["reviewed"] >= "2026-11-01", file.name  # an ISO date: pages added later were reviewed later
        assert meta["owner"] == "Designated safeguarding lead", file.name
        assert meta["title"] and meta["summary"], file.name
        body = file.read_text(encoding="utf-8")
        assert f"\n# {meta['title']}\n" in body, file.name


def test_the_guide_states_the_facts_the_code_uses() -> None:
    """The guide must not drift from the code and settings it describes."""
    from plainpolicy.engine.checker import RULE_FAMILIES
    from plainpolicy.reading.mkdocs_config import load_site_config

    text = {file.name: file.read_text(encoding="utf-8") for file in GUIDE.glob("*.md")}
    snippets = {file.name: file.read_text(encoding="utf-8") for file in (GUIDE / "snippets").glob("*.txt")}
    everything = "\n".join(text.values())
    settings = load_site_config(REPO / "mkdocs.yml").settings
    # The limits table in checks.md matches mkdocs.yml.
    for voice in settings.voices.values():
        row = f"| {voice.label} | {voice.max_grade:g} | {voice.min_ease:g} | {voice.max_sentence_words} words |"
        assert row in text["checks.md"], row
    assert f"under {settings.min_words} words" in text["checks.md"]
    assert f"After {settings.review_months} months" in text["checks.md"]
    # Where things live.
    for fact in ("`plugins`, then `plainpolicy`", "`extra`, then `organisation`", "docs/checklist.yml", "docs/prompts.yml",
                 "scripts/plainpolicy/datafiles/glossary.py", "`make site`", "`make test`", "`make check`", "plainpolicy explain", "plainpolicy new"):
        assert fact in everything, fact
    # The exception comment, shown through snippets so the checker does not read it as a real one.
    assert snippets["exception.txt"].strip() == "<!-- plainpolicy-allow RULE: reason -->"
    assert "<!-- plainpolicy-allow" not in everything
    for family in ("readability", "sentence", "glossary"):
        assert family in RULE_FAMILIES
        assert f"`{family}`" in text["fixing-a-section.md"]
    for name in snippets:  # each is shown: the exception comments in fixing-a-section, the init session in adapting-the-kit
        page = "adapting-the-kit.md" if name == "init-session.txt" else "fixing-a-section.md"
        assert f'--8<-- "contributing/snippets/{name}"' in text[page]


def test_guide_links_point_at_pages_that_exist() -> None:
    from plainpolicy.site.generate import REPORT_PAGE

    docs = GUIDE.parent
    for file in GUIDE.glob("*.md"):
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", file.read_text(encoding="utf-8")):
            made = (file.parent / target).resolve() == (docs / REPORT_PAGE).resolve()  # the build makes it
            assert made or (file.parent / target).is_file(), f"{file.name} links to {target}"
