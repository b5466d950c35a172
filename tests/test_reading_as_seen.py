"""Sentences as the reader sees them, and nothing judged on too little (issue 15).

Each test writes a real Markdown page into a copy of the fixture site and runs the
command line on it: the verdict must not be bent by line breaks, bullets, emoji,
padding or a page kept short.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plainpolicy.text.sentences import split_sentences
from plainpolicy_testing import copy_site, found, mkdocs_build, run_cli, section

FRONT = "---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n"

# A hard text: four long sentences of long words (about 125 words, grade over 25).
HARD = (
    "Practitioners must document every safeguarding decision contemporaneously and comprehensively, "
    "demonstrating proportionality, necessity and accountability at every stage, because inappropriate disclosure may "
    "constitute a significant regulatory contravention with considerable organisational consequences. "
    "Confidentiality considerations require systematic evaluation before information is disclosed to "
    "external organisations, and supervision arrangements should facilitate professional reflection "
    "and consistent interpretation of institutional expectations across departments. "
    "Multidisciplinary collaboration necessitates explicit agreements regarding information exchange, "
    "and authorisation requirements apply irrespective of operational pressures, so comprehensive "
    "evaluation remains fundamental to defensible organisational decisions in every circumstance. "
    "Independent verification considerably strengthens institutional accountability, particularly where "
    "documentation is incomplete, inconsistent or unavailable, and escalation procedures necessitate immediate "
    "communication with appropriately qualified colleagues."
)

def write(root: Path, relative: str, body: str) -> str:
    file = root / "docs" / relative
    file.write_text(FRONT + body, encoding="utf-8")
    return f"docs/{relative}"


def check(root: Path, path: str) -> dict:
    run = run_cli("check", "--format", "json", path, cwd=root)
    assert run.code in (0, 1), run.err
    return run.json()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_site("site", tmp_path)


def chopped(text: str, size: int) -> list[str]:
    pieces = text.split()
    return [" ".join(pieces[i : i + size]) for i in range(0, len(pieces), size)]


# --- sentences as the reader sees them ------------------------------------------------


def test_the_hard_text_fails_as_a_paragraph(root: Path) -> None:
    data = check(root, write(root, "staff/hard.md", f"# Hard\n\n## Records\n\n{HARD}\n"))
    assert section(data, "docs/staff/hard.md", "Records")["grade"] > 15
    assert ("readability/too-hard", 8, 1) in found(data)
    assert len(found(data, rule="sentence/too-long")) == 3


@pytest.mark.parametrize("ending", ["  ", "\\"], ids=["two-spaces", "backslash"])
def test_a_hard_line_break_is_not_the_end_of_a_sentence(root: Path, ending: str) -> None:
    lines = chopped(HARD, 4)
    path = write(root, "staff/breaks.md", "# Hard\n\n## Records\n\n" + "".join(line + ending + "\n" for line in lines[:-1]) + lines[-1] + "\n")
    data = check(root, path)
    records = section(data, path, "Records")
    assert records["grade"] > 15 and records["sentences"] == 4
    assert ("readability/too-hard", 8, 1) in found(data)
    assert len(found(data, rule="sentence/too-long")) == 3


def test_one_word_list_items_do_not_distort_the_score(root: Path) -> None:
    animals = ["Cat", "Dog", "Fish", "Bird", "Horse", "Rabbit", "Mouse", "Frog", "Duck", "Goat"] * 10
    body = "# Pets\n\n## Pets you can bring\n\nYou can bring a photo of your pet to show us. Here are some pets.\n\n" + "".join(f"- {name}\n" for name in animals)
    path = write(root, "young-people/pets.md", body)
    data = check(root, path)
    assert found(data, rule="readability") == []
    assert "Longest sentence (2 words)" not in " ".join(f["hint"] for f in data["findings"])
    assert section(data, path, "Pets you can bring")["grade"] < 6


def test_a_hard_paragraph_chopped_into_bullets_still_fails(root: Path) -> None:
    body = "# Hard\n\n## Records\n\n" + "".join(f"- {piece}\n" for piece in chopped(HARD, 4))
    path = write(root, "staff/chopped.md", body)
    data = check(root, path)
    assert section(data, path, "Records")["grade"] > 15
    assert ("readability/too-hard", 8, 1) in found(data)
    assert len(found(data, rule="sentence/too-long")) == 3


# Easy words in three long sentences: too hard on sentence length alone, so chopping it
# into short bullets would turn the fail into a pass if the bullets were read one by one.
LONG = (
    "When a young person tells you something that worries you about what is going on for them at home or online or at school you should "
    "write down what they said in their own words as soon as you can and then talk to the person who leads on keeping young people safe before you go home that day. "
    "If you are not sure what to do or who to talk to or you think that the young person may be in danger right now then you should call the police on 999 and then "
    "tell the lead for keeping young people safe what has happened and what you did as soon as you are able to do so. "
    "You should never promise a young person that you will keep a secret because you may need to share what they tell you with other people who can help them stay safe and "
    "you should tell them this in a kind way at the start so that they know what will happen next and can choose what to say."
)


def _long_sentence_fails(data: dict, path: str) -> None:
    assert ("readability/too-hard", 8, 1) in found(data), data["findings"]
    assert sorted(f["message"].split()[3] for f in found_findings(data, "sentence/too-long")) == ["59", "59", "60"]
    assert section(data, path, "Records")["sentences"] == 3


def found_findings(data: dict, rule: str) -> list[dict]:
    return [f for f in data["findings"] if f["rule"] == rule]


def test_the_long_text_fails_as_a_paragraph(root: Path) -> None:
    path = write(root, "staff/long.md", f"# Long\n\n## Records\n\n{LONG}\n")
    _long_sentence_fails(check(root, path), path)


def test_a_chopped_piece_that_starts_with_a_number_still_continues(root: Path) -> None:
    pieces = chopped(LONG, 4)
    assert any(piece[0].isdigit() for piece in pieces)  # "999 and then tell"
    path = write(root, "staff/chopped-long.md", "# Long\n\n## Records\n\n" + "".join(f"- {piece}\n" for piece in pieces))
    _long_sentence_fails(check(root, path), path)


def test_capitalised_bullets_chopped_from_sentences_are_still_read_as_the_sentences(root: Path) -> None:
    """Some items end with a full stop and others do not: the list is sentences cut into pieces."""
    pieces = [piece[0].upper() + piece[1:] for piece in chopped(LONG, 4)]
    path = write(root, "staff/capitals.md", "# Long\n\n## Records\n\n" + "".join(f"- {piece}\n" for piece in pieces))
    _long_sentence_fails(check(root, path), path)


def test_capitalised_pieces_without_any_full_stop_are_joined_where_a_piece_cannot_end(root: Path) -> None:
    """No item closes, but pieces end on words that cannot end a phrase ("the", "and", "to"):
    they run on into the next piece, so the page still has long sentences and still fails."""
    pieces = [piece[0].upper() + piece[1:].replace(".", "") for piece in chopped(LONG, 4)]
    path = write(root, "staff/no-stops.md", "# Long\n\n## Records\n\n" + "".join(f"- {piece}\n" for piece in pieces))
    data = check(root, path)
    assert ("readability/too-hard", 8, 1) in found(data), data["findings"]


def test_separate_capitalised_items_are_still_read_one_by_one(root: Path) -> None:
    body = (
        "# Help\n\n## Who can help\n\nThere are lots of people you can talk to.\n\n"
        "- A youth worker you trust\n- Your family or carers\n- A teacher at school\n- Childline, on 0800 1111\n- Your doctor\n\n"
        "## What to do\n\n- Stop and think.\n- Take a screenshot\n- Block the account.\n- Tell an adult you trust.\n"
    )
    path = write(root, "young-people/who.md", body)
    data = check(root, path)
    assert section(data, path, "Who can help")["sentences"] == 5  # "Your doctor" is a label, not a sentence
    assert section(data, path, "Who can help")["longest_sentence_words"] == 9  # the lead-in
    # One open item among closed ones is an item of its own, not a piece of the next.
    assert section(data, path, "What to do")["sentences"] == 4


def test_a_lead_in_with_separate_items_is_read_item_by_item(root: Path) -> None:
    body = (
        "# Trip\n\n## Bring with you\n\nOn the day of the trip, please bring these things with you:\n\n"
        "- a coat that keeps out the rain and the wind\n- a packed lunch and a bottle of water for the day\n"
        "- the signed form from your parent or carer\n- a phone with some charge on it\n- money for the bus home\n"
    )
    path = write(root, "young-people/trip.md", body)
    data = check(root, path)
    assert section(data, path, "Bring with you")["sentences"] == 6
    assert found(data, rule="sentence") == []


EMOJI_PAGE = (
    "# Your space\n\n"
    "Hey 👋 Welcome to your space 💜 We want you to feel safe online 🙌 "
    "Your phone is yours 📱 We will never look at it without asking you first 😊 "
    "Got a worry? Talk to us 💬 iPhones and Android phones both have safety settings – we can help you find them. "
    "You can block people, mute chats, hide posts etc. Ask a youth worker and we will show you how 👍 "
    "Nothing you tell us will get you in trouble 💙 We are here for you 🌈\n"
)


def test_an_emoji_style_page_is_split_where_the_reader_stops(root: Path) -> None:
    path = write(root, "young-people/space.md", EMOJI_PAGE)
    data = check(root, path)
    assert found(data) == [], data["findings"]
    intro = section(data, path, "Introduction")
    # The longest is "iPhones and Android phones both have safety settings – we can help
    # you find them." (14 words): a dash before a small letter does not end a sentence.
    assert intro["longest_sentence_words"] <= 14 and intro["sentences"] >= 10


def test_sentence_split_rules() -> None:
    assert split_sentences("Hey 👋 Welcome to your space 💜 We care.") == ["Hey 👋", "Welcome to your space 💜", "We care."]
    assert split_sentences("We care. 💜 Talk to us.") == ["We care.", "Talk to us."]
    assert split_sentences("Bring a phone. iPhones are fine.") == ["Bring a phone.", "iPhones are fine."]
    assert split_sentences("Your phone is yours – We will never look at it.") == ["Your phone is yours", "We will never look at it."]
    assert split_sentences("Your phone – your rules.") == ["Your phone – your rules."]  # a small letter goes on
    assert split_sentences("It is fine to say no. Nobody minds.") == ["It is fine to say no.", "Nobody minds."]
    assert split_sentences("See No. 5 and art. 8 of it. Then stop.") == ["See No. 5 and art. 8 of it.", "Then stop."]
    assert split_sentences("I love art. Art is fun.") == ["I love art.", "Art is fun."]
    assert split_sentences("Ages 10 - 12 are welcome.") == ["Ages 10 - 12 are welcome."]
    assert split_sentences("Bring pens, paper etc. Then sit down.") == ["Bring pens, paper etc.", "Then sit down."]
    assert split_sentences("Bring pens, paper etc. and a drink.") == ["Bring pens, paper etc. and a drink."]


# --- nothing judged on too little -----------------------------------------------------


def test_a_short_hard_page_is_judged_as_a_whole(root: Path) -> None:
    text = (
        "Confidentiality considerations necessitate comprehensive organisational documentation. "
        "Practitioners must evaluate proportionality systematically. Multidisciplinary collaboration "
        "necessitates explicit agreements. Authorisation requirements apply irrespective of operational "
        "pressures. Independent verification strengthens institutional accountability considerably."
    )
    path = write(root, "staff/short-hard.md", f"# Short\n\n{text}\n\n## Next\n\nSupervision arrangements facilitate professional reflection.\n")
    data = check(root, path)
    intro = section(data, path, "Introduction")
    assert intro["words"] < 100 and intro["judged_by"] == "whole page" and intro["pooled_with"] == ["Next"]
    (finding,) = [f for f in data["findings"] if f["rule"] == "readability/too-hard"]
    assert finding["line"] == 6 and "scored together as one" in finding["message"]
    assert re.search(r"grade \d+\.\d \(UK reading age \d+\)", finding["message"])


def test_padding_does_not_bring_the_grade_down_and_is_a_finding(root: Path) -> None:
    padding = " ".join(["We are here. You are safe. Talk to us."] * 60)
    path = write(root, "staff/padded.md", f"# Padded\n\n## Records\n\n{HARD}\n\n{padding}\n")
    data = check(root, path)
    assert section(data, path, "Records")["grade"] > 9
    assert ("readability/too-hard", 8, 1) in found(data)
    repeated = [f for f in data["findings"] if f["rule"] == "readability/repeated"]
    assert [f["line"] for f in repeated] == [12]
    assert "\"We are here.\"" in repeated[0]["message"] and "60 times" in repeated[0]["message"]


def test_a_line_break_in_a_real_build_does_not_hide_a_hard_section(tmp_path: Path) -> None:
    root = copy_site("clean", tmp_path)
    folder = root / "docs" / "staff"
    lines = chopped(HARD, 4)
    (folder / "breaks.md").write_text(
        FRONT + "# Hard\n\n## Records\n\n" + "".join(line + "  \n" for line in lines[:-1]) + lines[-1] + "\n", encoding="utf-8"
    )
    build = mkdocs_build(root, tmp_path / "out")
    output = build.stderr + build.stdout
    assert build.returncode != 0
    assert "readability/too-hard" in output
    assert "This sentence has 30 words" in output, "the line breaks must not hide the long sentences"


# --- prose outside paragraphs ---------------------------------------------------------

TITLES_PAGE = (
    "# Titles\n\n"
    "## Telling the child protection officer\n\n"
    "Tell the lead on the same day. Write down what you saw.\n\n"
    "!!! note \"Ask the child protection officer first\"\n\n"
    "    Ask before you act.\n\n"
    "??? question \"Why does GDPR matter here?\"\n\n"
    "    It is the law on personal data.\n\n"
    "![A poster about GDPR on the wall](poster.png)\n\n"
    "## What to do when a young person tells you something that worries you about their safety at home or online or at school or anywhere else\n\n"
    "Listen and stay calm.\n"
)


def test_headings_titles_summaries_and_alt_text_are_read(root: Path) -> None:
    path = write(root, "staff/titles.md", TITLES_PAGE)
    data = check(root, path)
    rejected = sorted((f["line"], f["message"]) for f in data["findings"] if f["rule"] == "glossary/rejected")
    assert rejected == [
        (8, "\"child protection officer\" is not the form we use."),
        (12, "\"child protection officer\" is not the form we use."),
        (16, "\"GDPR\" is not the form we use."),
        (20, "\"GDPR\" is not the form we use."),
    ]
    long_heading = [f for f in data["findings"] if f["rule"] == "sentence/too-long"]
    assert [(f["line"], f["message"]) for f in long_heading] == [(22, "This heading has 26 words; the Staff and volunteers limit for a sentence is 25.")]


# --- the verdict never contradicts the figure shown -------------------------------------

BORDER = [
    "Write down what you saw and what you heard.", "Do it on the same day, while you still remember it well.",
    "Use the words the young person used.", "Say who was there and what time it was.",
    "Keep to the facts, and do not guess why something happened.", "If you are not sure what to write, ask the lead to help you.",
]
EASE_55_0 = BORDER + [  # Reading Ease 54.9996: shown as 55.0
    "Confidentiality matters in every conversation.", "Documentation should be accurate and complete.",
    "Organisations expect practitioners to communicate appropriately.", "Responsibilities are explained during induction.",
    "Keep your notes in the work system.", "Never share passwords with anybody.", "Consider every possibility carefully.",
    "Professional boundaries protect everybody involved.",
]
EASE_54_9 = BORDER + [  # Reading Ease 54.919: shown as 54.9
    "Organisations expect practitioners to communicate appropriately.", "Tell your manager immediately.",
    "Information belongs to the young person.", "Responsibilities are explained during induction.",
    "Never share passwords with anybody.", "Consider every possibility carefully.",
    "Professional boundaries protect everybody involved.", "Record decisions accurately.",
]


def test_a_reading_ease_shown_as_the_limit_passes(root: Path) -> None:
    path = write(root, "staff/border.md", "# Notes\n\n## Writing it down\n\n" + " ".join(EASE_55_0) + "\n")
    data = check(root, path)
    assert section(data, path, "Writing it down")["ease"] == 55.0  # 54.9996, rounded
    assert found(data, rule="readability") == []
    table = run_cli("check", "--verbose", path, cwd=root).out
    row = next(line for line in table.splitlines() if line.startswith("  Writing it down"))
    assert " 55.0 " in row and "too hard" not in row


def test_a_reading_ease_under_the_limit_says_so_with_the_same_figure(root: Path) -> None:
    path = write(root, "staff/border.md", "# Notes\n\n## Writing it down\n\n" + " ".join(EASE_54_9) + "\n")
    data = check(root, path)
    (finding,) = [f for f in data["findings"] if f["rule"] == "readability/too-hard"]
    assert "Reading Ease 54.9;" in finding["message"] and "Reading Ease 55 or more" in finding["message"]
    explained = run_cli("explain", path, cwd=root).out
    assert "The Reading Ease is 54.9; the limit for staff and volunteers is 55 or more." in explained


# --- output wraps to the terminal -------------------------------------------------------


def test_text_output_and_explain_wrap_to_the_terminal_width(root: Path) -> None:
    from plainpolicy_testing import offline_env, run_subprocess

    path = write(root, "staff/hard.md", f"# Hard\n\n## Records\n\n{HARD}\n")
    env = offline_env({"COLUMNS": "80", "PLAINPOLICY_NO_CACHE": "1"})
    for command in (["check", path], ["explain", path]):
        out = run_subprocess(*command, cwd=root, env=env).out
        lines = out.splitlines()
        assert len(lines) > 10 and all(len(line) <= 80 for line in lines if " " in line.strip()), command
    hint = run_subprocess("check", path, cwd=root, env=env).out.split("    hint: ", 1)[1].splitlines()
    assert len(hint) > 1 and all(line.startswith("          ") for line in hint[1:4]), "a hint keeps its indent"
    # Written to a file or a program without COLUMNS: one line per finding, for tools.
    plain = run_subprocess("check", path, cwd=root, env=offline_env({"PLAINPOLICY_NO_CACHE": "1"})).out
    assert any(len(line) > 80 for line in plain.splitlines())
