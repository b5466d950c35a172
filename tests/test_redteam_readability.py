"""Red-team of the readability verdict (after issue 15): pages written to bend it.

Each test is a real Markdown page checked through the command line. Each one is a
defect found by trying to fool the checker (or by writing an ordinary young
people's page). Each was marked xfail(strict=True) until it was fixed; all are
fixed now, so each is a plain test that guards its fix.

The texts are compared with what textstat (en_GB) says on the same plain prose:
the long text below is grade 13.9, Reading Ease 66.5, four sentences of 37-45 words.

One finding is kept as intended behaviour, not a defect: an emoji (or "…") before a
capital ends a sentence, as issue 15 asked for emoji-style young people's pages and
as ordinary English (and textstat) reads "… Word" (test_an_emoji_before_a_capital_ends_a_sentence).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy_testing import (
    copy_project,
    copy_site,
    found,
    mkdocs_build,
    run_cli,
    section,
)

FRONT = "---\nreviewed: 2026-06-01\nunpaired: \"Test page.\"\n---\n\n"
KIT_FRONT = "---\ntitle: Test\nsummary: A test page.\nreviewed: 2026-11-01\nowner: Designated safeguarding lead\nunpaired: \"Test page.\"\n---\n\n"

# Four long sentences of plain words: textstat (en_GB) grade 13.9, Reading Ease 66.5.
LONG = [
    "If you see something online that worries you or makes you feel upset in any way at all then you can tell one of our youth workers at the club and they will listen to you and help you work out what to do next",
    "We will never be cross with you for telling us about something that happened on your phone or your tablet even if you think that you might have done something wrong or broken a rule at home",
    "When you tell us about something that has happened we may need to share what you said with our safeguarding lead so that they can make sure that you and other young people are kept safe from harm",
    "You can always ask us what we will do with the things you tell us and we will be honest with you about who we need to tell and why we need to tell them before we do it",
]
LONG_TEXT = " ".join(sentence + "." for sentence in LONG)
EASY = "You can talk to us at any time. We will listen to you. We will help you stay safe online. You can ask us anything you like."


def pieces(sentence: str, size: int = 5) -> list[str]:
    words = sentence.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


def check(root: Path, relative: str, body: str, front: str = FRONT) -> dict:
    (root / "docs" / relative).write_text(front + body, encoding="utf-8")
    run = run_cli("check", "--format", "json", f"docs/{relative}", cwd=root)
    assert run.code in (0, 1), run.err
    return run.json()


def rules(data: dict) -> set[str]:
    return {rule for rule, _, _ in found(data)}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_site("site", tmp_path)


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kit's own configuration (word lists, max_unfamiliar, plain words, glossary)."""
    return copy_project(tmp_path_factory.mktemp("kit"))


def test_the_long_text_fails_as_written(root: Path) -> None:
    """The baseline every evasion below starts from."""
    data = check(root, "young-people/long.md", f"# Telling us\n\n## Telling us\n\n{LONG_TEXT}\n")
    assert "readability/too-hard" in rules(data)
    assert len(found(data, rule="sentence/too-long")) == 4


# --- a long sentence cut up so the formulas see short ones ---------------------------


def test_spaced_dashes_do_not_cut_a_long_sentence_into_short_ones(root: Path) -> None:
    body = " ".join(" – ".join(pieces(sentence)) + "." for sentence in LONG)
    data = check(root, "young-people/dashes.md", f"# Telling us\n\n## Telling us\n\n{body}\n")
    assert section(data, "docs/young-people/dashes.md", "Telling us")["grade"] > 6
    assert "readability/too-hard" in rules(data)


def test_a_sentence_cut_into_paragraphs_is_still_one_sentence(root: Path) -> None:
    body = "\n\n".join("\n\n".join(pieces(sentence)) + "." for sentence in LONG)
    data = check(root, "young-people/paragraphs.md", f"# Telling us\n\n## Telling us\n\n{body}\n")
    assert "readability/too-hard" in rules(data)
    assert found(data, rule="sentence/too-long")


def test_a_sentence_cut_into_table_cells_is_still_one_sentence(root: Path) -> None:
    tables = []
    for sentence in LONG:
        cells = pieces(sentence)
        tables.append("| " + " | ".join(cells) + " |\n|" + "---|" * len(cells))
    data = check(root, "young-people/cells.md", "# Telling us\n\n## Telling us\n\n" + "\n\n".join(tables) + "\n")
    assert "readability/too-hard" in rules(data)


def test_hidden_full_stops_do_not_split_sentences(root: Path) -> None:
    body = " ".join("<span hidden>.</span> ".join(pieces(sentence)) + "." for sentence in LONG)
    data = check(root, "young-people/hidden-stops.md", f"# Telling us\n\n## Telling us\n\n{body}\n")
    assert "readability/too-hard" in rules(data)


def test_an_emoji_before_a_capital_ends_a_sentence(root: Path) -> None:
    """Intended, not a defect: issue 15 asked for a split before an emoji.

    Emoji-style young people's pages put an emoji where a full stop would go, and the
    reader stops there; "… Word" ends a sentence in ordinary English (textstat agrees).
    So a run-on sentence cut by " 💜 Word" every five words does read as short ones.
    """
    line = "We're here for you 💜 Talk to us any time."
    data = check(root, "young-people/emoji.md", f"# Telling us\n\n## Telling us\n\n{line}\n")
    assert section(data, "docs/young-people/emoji.md", "Telling us")["sentences"] == 2
    assert found(data) == []


CLUB = (
    "You can talk to us at any time. We will listen to you. We will help you stay safe online. You can ask us anything you like. "
    "Your phone is yours. We will not look at it. You can block people who upset you. You can tell us if it happens. "
    "We will not be cross. It is never your fault. You can bring a friend. We meet on Monday nights. The club is free. "
    "There are snacks and games. You can choose what to do. Some nights we go out. We will tell you the plan first. "
    "You can say no to any of it. Your views matter to us. We ask what you think each term. You can tell us in person or online. "
    "We read every note you leave. If we change a rule, we will say why. Ask a youth worker if you are not sure. "
    "We want the club to feel safe for all. Treat people kindly. Do not share other people's photos. "
    "Ask before you take a photo of someone. Tell us if someone makes you feel bad. We will sort it out together."
)


def test_a_short_hard_section_is_not_hidden_by_a_long_easy_one(root: Path) -> None:
    hard = f"{LONG[0]}. {LONG[1]}."
    data = check(root, "young-people/pooled.md", f"# Telling us\n\n## Telling us\n\n{hard}\n\n## At the club\n\n{CLUB}\n")
    assert section(data, "docs/young-people/pooled.md", "Telling us")["grade"] > 14  # its own score, as textstat gives it
    assert "readability/too-hard" in rules(data)


# --- text the reader does not see, or sees and the checker does not --------------------


def test_hidden_text_does_not_pad_a_hard_section(root: Path) -> None:
    hidden = " ".join(f"We are here {n}. You are safe {n}. Talk to us {n}." for n in range(40))
    body = f"{LONG_TEXT}\n\n<div hidden markdown>\n\n{hidden}\n\n</div>\n"
    data = check(root, "young-people/hidden.md", f"# Telling us\n\n## Telling us\n\n{body}")
    assert "readability/too-hard" in rules(data)


@pytest.mark.parametrize("css_class", ["tabbed-labels", "md-annotation"])
def test_a_theme_class_does_not_hide_prose_from_the_checks(root: Path, css_class: str) -> None:
    body = f"{EASY}\n\n{LONG_TEXT}\n{{ .{css_class} }}\n"
    data = check(root, "young-people/classed.md", f"# Telling us\n\n## Telling us\n\n{body}")
    assert "readability/too-hard" in rules(data)
    assert found(data, rule="sentence/too-long")


def test_tab_labels_are_read_like_other_titles(root: Path) -> None:
    body = f"{EASY}\n\n=== \"{LONG[0]}\"\n\n    Ask a youth worker.\n\n=== \"Tell the child protection officer\"\n\n    Ask a youth worker.\n"
    data = check(root, "young-people/tabs.md", f"# Telling us\n\n## Telling us\n\n{body}")
    assert found(data, rule="sentence/too-long")
    assert "glossary/rejected" in rules(data)


# --- padding -----------------------------------------------------------------------------


def test_repeated_bullets_without_full_stops_are_padding(root: Path) -> None:
    bullets = "\n".join("- We are here for you" for _ in range(40))
    data = check(root, "young-people/bullets.md", f"# Telling us\n\n## Telling us\n\n{LONG_TEXT}\n\n{bullets}\n")
    assert "readability/too-hard" in rules(data)
    assert "readability/repeated" in rules(data)


def test_repeated_table_rows_are_padding(root: Path) -> None:
    rows = "\n".join("| We are here. | You are safe. |" for _ in range(30))
    data = check(root, "young-people/rows.md", f"# Telling us\n\n## Telling us\n\n{LONG_TEXT}\n\n| When | What |\n|---|---|\n{rows}\n")
    assert "readability/too-hard" in rules(data)


def test_near_duplicate_sentences_are_padding(root: Path) -> None:
    pad = " ".join(f"We are here on day {n}. You are safe on day {n}. Talk to us on day {n}." for n in range(1, 31))
    data = check(root, "young-people/near.md", f"# Telling us\n\n## Telling us\n\n{LONG_TEXT}\n\n{pad}\n")
    assert "readability/too-hard" in rules(data) or "readability/repeated" in rules(data)


def test_the_same_sentences_in_every_section_are_reported(root: Path) -> None:
    pad = "We are here. You are safe. Talk to us. We will help. You can ask. It is fine."
    body = "".join(f"### Part {n}\n\n{sentence}. {pad}\n\n" for n, sentence in enumerate(LONG))
    data = check(root, "young-people/sections.md", f"# Telling us\n\n## Telling us\n\n{body}")
    assert "readability/repeated" in rules(data)


# --- words young readers do not know -----------------------------------------------------

JARGON = (
    "We will look after you. You can talk to us about anything. We will listen and we will help you. "
    "The DSL will {triage} each {flag} and {escalate} it if the {risk} is {acute}. The lead will then {liaise} with the {agency} and log the {outcome}. "
    "They will look after you. You are never in trouble for telling us. It is always right to speak up."
)


def test_jargon_in_small_letters_is_unfamiliar(kit: Path) -> None:
    words = {w: w for w in ("triage", "flag", "escalate", "risk", "acute", "liaise", "agency", "outcome")}
    data = check(kit, "young-people/rt-jargon.md", "# Help\n\n## Help\n\n" + JARGON.format(**words) + "\n", KIT_FRONT)
    assert "readability/unfamiliar-words" in rules(data)


def test_capitalised_jargon_is_still_unfamiliar(kit: Path) -> None:
    words = {w: w.capitalize() for w in ("triage", "flag", "escalate", "risk", "acute", "liaise", "agency", "outcome")}
    data = check(kit, "young-people/rt-capitals.md", "# Help\n\n## Help\n\n" + JARGON.format(**words) + "\n", KIT_FRONT)
    assert "readability/unfamiliar-words" in rules(data)


def test_plain_words_are_found_with_ing(kit: Path) -> None:
    data = check(kit, "young-people/rt-ing.md", "# Help\n\n## Help\n\nWe are utilising a new app. You can talk to us about it.\n", KIT_FRONT)
    assert "readability/plain-words" in rules(data)


def test_a_soft_hyphen_does_not_hide_a_plain_word(kit: Path) -> None:
    data = check(kit, "young-people/rt-shy.md", "# Help\n\n## Help\n\nWe will tell the police forth&shy;with. You can talk to us about it.\n", KIT_FRONT)
    assert "readability/plain-words" in rules(data)


# --- easy young people's pages that fail wrongly ----------------------------------------

INTRO = "You can talk to us about anything that worries you. We will listen and we will help. "


EASY_PAGES = [
    ("opening-times", "The club is open on Monday from 6pm to 9pm. On Friday it is open from 4pm to 8pm. On Saturday we open from 10am to 2pm.", "readability/unfamiliar-words"),
    ("bare-web-address", "Go to childline.org.uk or call 0800 1111. It is free. Tips are on childline.org.uk too. Or try nspcc.org.uk and barnardos.org.uk.", "readability/unfamiliar-words"),
    ("uk-postcode", "Our club is at 12 High Street, Leeds LS1 4AB. Come and see us.", "glossary/unknown-abbreviation"),
    ("ok", "It is OK to say no. Nobody should make you feel bad about it.", "glossary/unknown-abbreviation"),
]


@pytest.mark.parametrize(("name", "text", "rule"), EASY_PAGES, ids=[name for name, _, _ in EASY_PAGES])
def test_an_easy_page_is_not_failed_by_times_addresses_postcodes_or_ok(kit: Path, name: str, text: str, rule: str) -> None:
    """Times are numbers, a web address without http is not words, a UK postcode and OK are not unknown abbreviations."""
    data = check(kit, f"young-people/rt-{name}.md", f"# Help\n\n## Help\n\n{INTRO + text}\n", KIT_FRONT)
    assert rule not in rules(data)


SHORT_SENTENCES = [
    ("say-no", "It is always fine to say no. Nobody should ever make you feel bad or guilty about it, not even a good friend.\n"),
    ("options-after-a-colon", "If something online upsets you, you can:\n\n- talk to a youth worker\n- tell a parent or carer\n"
     "- call Childline on 0800 1111\n- report it on the app\n- block the person\n- take a break from your phone.\n"),
    ("items-ending-on-a-preposition", "Things you can talk to us about:\n\n- Someone you chat with\n- A group you are part of\n- A game you play a lot\n"
     "- A photo you were sent\n- A person you look up to\n- A rumour you heard about\n"),
]


@pytest.mark.parametrize(("name", "body"), SHORT_SENTENCES, ids=[name for name, _ in SHORT_SENTENCES])
def test_short_sentences_are_not_read_as_one_long_one(root: Path, name: str, body: str) -> None:
    """'say no.' ends a sentence; a list after a colon, or items ending on 'with'/'about', are separate items."""
    data = check(root, f"young-people/{name}.md", f"# Help\n\n## Help\n\n{body}")
    assert not found(data, rule="sentence/too-long")
    assert "readability/too-hard" not in rules(data)


FRENCH = (
    "Tu peux nous parler à tout moment. Nous allons t'écouter et nous allons t'aider. Si quelque chose en ligne te fait peur, "
    "dis-le à un animateur. Tu ne seras jamais puni pour nous avoir parlé. Nous gardons ce que tu nous dis pour nous, sauf si tu "
    "es en danger. Dans ce cas, nous devons le dire à notre responsable de la protection. Nous te dirons toujours avant de le faire."
)


def test_a_french_page_is_not_called_irish(kit: Path) -> None:
    data = check(kit, "young-people/rt-french.md", f"# Help\n\n## Help\n\n{FRENCH}\n", KIT_FRONT)
    messages = [f["message"] for f in data["findings"] if f["rule"] == "readability/language"]
    assert messages and not any("Irish" in message for message in messages)


def test_a_hand_written_page_cannot_claim_to_be_generated(root: Path) -> None:
    front = "---\ngenerated: true\nunpaired: \"Test page.\"\n---\n\n"
    pad = " ".join("We are here for you. You are safe with us." for _ in range(20))
    data = check(root, "young-people/claims.md", f"# Telling us\n\n## Telling us\n\n{LONG_TEXT} {pad}\n", front)
    assert "readability/repeated" in rules(data)
    assert "review/missing" in rules(data)
    claims = [f for f in data["findings"] if f["rule"] == "security/front-matter"]
    assert [(f["line"], f["severity"]) for f in claims] == [(2, "error")] and "generated" in claims[0]["message"]


def test_the_build_refuses_a_hand_written_generated_page_and_keeps_its_own(tmp_path: Path) -> None:
    """The kit's own generated pages (glossary, prompts, checklist, the whole policy) build;
    a page a contributor wrote with `generated: true` stops the build, named with its line."""
    project = copy_project(tmp_path / "kit")
    page = project / "docs/young-people/claims.md"
    page.write_text(KIT_FRONT.replace("---\n", "---\ngenerated: true\n", 1) + f"# Telling us\n\n{EASY}\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "docs/young-people/claims.md:2" in result.stderr and "'generated'" in result.stderr, result.stderr[-2000:]
    page.unlink()
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize("invisible", ["&shy;", "\u00ad", "\u200b"], ids=["shy-entity", "soft-hyphen", "zero-width-space"])
def test_an_invisible_character_does_not_split_a_word(kit: Path, invisible: str) -> None:
    body = f"Please re{invisible}member to tell us if something online upsets you. We are al{invisible}ways here to listen."
    data = check(kit, "young-people/rt-invisible.md", f"# Help\n\n## Help\n\n{body}\n", KIT_FRONT)
    assert "readability/unfamiliar-words" not in rules(data)


def test_the_same_page_without_the_invisible_character_passes(kit: Path) -> None:
    body = "Please remember to tell us if something online upsets you. We are always here to listen."
    data = check(kit, "young-people/rt-visible.md", f"# Help\n\n## Help\n\n{body}\n", KIT_FRONT)
    assert "readability/unfamiliar-words" not in rules(data)


def test_a_theme_class_that_hides_text_is_refused_on_page_content(root: Path) -> None:
    """Material's own classes (md-*) can hide text on the page (md-toggle is display: none)
    while the checks still read it: easy padding hidden that way once let a hard section
    pass. On page content they are a security error at their line; the buttons Material
    documents for authors stay allowed."""
    pad = " ".join("We are here for you. You are safe with us." for _ in range(20))
    body = f"# Telling us\n\n## Telling us\n\n{LONG_TEXT}\n\n{pad}\n{{ .md-toggle }}\n\n[Talk to us](index.md){{ .md-button .md-button--primary }}\n"
    data = check(root, "young-people/hides.md", body)
    refused = [f for f in data["findings"] if f["rule"] == "security/raw-html"]
    written = (FRONT + body).splitlines().index("{ .md-toggle }") + 1
    assert [(f["line"], f["severity"]) for f in refused] == [(written, "error")] and "md-toggle" in refused[0]["message"], refused
