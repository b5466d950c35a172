"""Language (issue 15): a page in a voice is in that voice's language.

A Welsh page in an English voice is found and named; a voice in Welsh, which has
no readability formula, is judged on sentence and word length, and says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import copy_site, run_cli, section

FRONT = "---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n"

WELSH = (
    "Mae gennych chi hawl i fod yn ddiogel ar-lein. Os ydych chi'n poeni am rywbeth, siaradwch â gweithiwr "
    "ieuenctid. Byddwn ni'n gwrando arnoch chi ac yn eich helpu chi. Does dim rhaid i chi fod ar eich pen eich hun. "
    "Peidiwch â rhannu eich cyfrinair gyda neb. Os bydd rhywun yn gofyn am lun ohonoch chi, dywedwch wrthym ni. "
    "Ni fyddwch chi mewn trwbl. Rydyn ni yma i chi bob amser."
)
HARD_WELSH = (
    "Mae'r cyfrifoldebau diogelu cyfreithiol sydd gan weithwyr proffesiynol yn cynnwys cydymffurfiaeth "
    "drylwyr â gweithdrefnau sefydliadol, cofnodion cyfrinachol, asesiadau risg cynhwysfawr ac "
    "atgyfeiriadau amlasiantaethol priodol ynghylch pryderon ynglŷn â llesiant plant a phobl ifanc."
)
ENGLISH = (
    "You have the right to be safe online. If you are worried about something, talk to a youth worker. "
    "We will listen to you and we will help you. You do not have to be on your own with it."
)

WELSH_VOICE = """
        cymraeg:
          folder: cymraeg
          label: Pobl ifanc
          language: cy
          max_grade: 6
          min_ease: 70
          max_sentence_words: 20
          paired: false
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    site = copy_site("site", tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    marker = "          max_sentence_words: 20\n"
    config.write_text(text.replace(marker, marker + WELSH_VOICE.lstrip("\n"), 1), encoding="utf-8")
    (site / "docs" / "cymraeg").mkdir()
    return site


def check(root: Path, relative: str, body: str) -> dict:
    (root / "docs" / relative).write_text(FRONT + body, encoding="utf-8")
    run = run_cli("check", "--format", "json", f"docs/{relative}", cwd=root)
    assert run.code in (0, 1), run.err
    return run.json()


def language_findings(data: dict) -> list[tuple[int, str]]:
    return [(f["line"], f["message"]) for f in data["findings"] if f["rule"] == "readability/language"]


def test_a_welsh_page_in_an_english_voice_is_found(root: Path) -> None:
    data = check(root, "young-people/welsh.md", f"# Diogel ar-lein\n\n{WELSH}\n")
    assert language_findings(data) == [(6, "Section \"Introduction\" reads as Welsh, but the Young people voice is in English.")]


def test_an_english_page_passes_the_language_check(root: Path) -> None:
    assert language_findings(check(root, "young-people/english.md", f"# Safe online\n\n{ENGLISH}\n")) == []


def test_a_welsh_voice_is_judged_on_sentence_and_word_length_and_says_so(root: Path) -> None:
    data = check(root, "cymraeg/diogel.md", f"# Diogel ar-lein\n\n{WELSH}\n")
    assert data["findings"] == []
    intro = section(data, "docs/cymraeg/diogel.md", "Introduction")
    assert intro["judged_by"] == "sentence and word length" and intro["passed"] is True
    explained = run_cli("explain", "docs/cymraeg/diogel.md", cwd=root).out
    assert "no readability formula exists for Welsh. So it is judged on sentence and word length" in explained


def test_hard_welsh_fails_on_word_length(root: Path) -> None:
    data = check(root, "cymraeg/anodd.md", f"# Diogelu\n\n{HARD_WELSH}\n")
    (finding,) = [f for f in data["findings"] if f["rule"] == "readability/too-hard"]
    assert "no readability formula exists for Welsh" in finding["message"]
    assert "letters per word" in finding["message"]


def test_english_in_the_welsh_voice_is_found(root: Path) -> None:
    data = check(root, "cymraeg/english.md", f"# Safe online\n\n{ENGLISH}\n")
    assert language_findings(data) == [(6, "Section \"Introduction\" reads as English, but the Pobl ifanc voice is in Welsh.")]


def test_a_language_setting_that_is_not_a_code_stops_with_a_clear_message(root: Path) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: cy", "language: Welsh"), encoding="utf-8")
    run = run_cli("check", "docs/cymraeg", cwd=root)
    assert run.code == 2 and "'language' must be a two-letter language code" in run.err and "Traceback" not in run.err
