"""PhraseMatcher finds exactly what trying every phrase at every word would find.

The matcher remembers words between texts and works out places from the gaps
between words; the reference below does neither, so any drift shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from plainpolicy.datafiles.glossary import is_abbreviation
from plainpolicy.engine.checker import Checker
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.text import phrases
from plainpolicy.text.phrases import TOKEN, PhraseMatcher

ROOT = Path(__file__).resolve().parents[1]
ENDINGS = ("s", "es", "'s", "’s", "'", "’")
PHRASES = [("UK GDPR", False), ("GDPR", True), ("DSL", True), ("safeguarding lead", False), ("lead", False),
           ("child protection officer", False), ("moderator", False), ("ICO", True), ("e-safety", False), ("café", False)]


def reference(phrase_list: list[tuple[str, bool]], text: str) -> list[tuple[str, int, int, str]]:
    """Every word tried against every phrase, longest first; (phrase, start, end, as written)."""
    tokens = list(TOKEN.finditer(text))
    ordered = sorted(phrase_list, key=lambda item: -len(TOKEN.findall(item[0])))
    found, index = [], 0
    while index < len(tokens):
        for phrase, exact in ordered:
            wanted = TOKEN.findall(phrase)
            here = [match.group() for match in tokens[index : index + len(wanted)]]
            gaps = [text[before.end() : after.start()] for before, after in zip(tokens[index : index + len(wanted) - 1], tokens[index + 1 : index + len(wanted)])]
            if len(here) == len(wanted) and all(_same(word, target, exact, last=place == len(wanted) - 1) for place, (word, target) in enumerate(zip(here, wanted))) and all(
                gap.strip() in ("", "-") and gap.count("-") <= 1 and gap for gap in gaps
            ):
                start, end = tokens[index].start(), tokens[index + len(wanted) - 1].end()
                found.append((phrase, start, end, text[start:end]))
                index += len(wanted)
                break
        else:
            index += 1
    return found


def _same(word: str, target: str, exact: bool, last: bool) -> bool:
    if not exact:
        word, target = word.lower(), target.lower()
    return word == target or (last and any(word == target + ending for ending in ENDINGS))


def matcher(phrase_list: list[tuple[str, bool]]) -> PhraseMatcher[str]:
    made: PhraseMatcher[str] = PhraseMatcher()
    for phrase, exact in phrase_list:
        made.add(phrase, phrase, exact)
    return made


def found(made: PhraseMatcher[str], text: str) -> list[tuple[str, int, int, str]]:
    return [(match.payload, match.start, match.end, match.text) for match in made.find(text)]


PIECES = st.sampled_from([
    "UK", "GDPR", "gdpr", "Gdpr's", "DSL", "DSLs", "dsl", "safeguarding", "Safeguarding", "lead", "leads", "Lead's",
    "child", "protection", "officers", "moderators", "ICO’s", "ico", "e-safety", "E-Safety", "cafés", "café",
    "the", "a", "young", "people", "don't", "100", "_", "-", "—", "...", ",", "\n", "  ", "🙂", "Добро",
])
TEXTS = st.lists(PIECES, max_size=40).map(" ".join) | st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=5))
def test_the_same_matches_as_trying_every_phrase_at_every_word(texts: list[str]) -> None:
    made = matcher(PHRASES)  # one matcher for all the texts: what it remembers must not leak
    for text in texts:
        assert found(made, text) == reference(PHRASES, text), text


def test_a_matcher_that_has_to_forget_still_finds_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """A huge vocabulary makes the matcher start its memory again, even in the middle of a text."""
    monkeypatch.setattr(phrases, "MEMO_LIMIT", 5)
    made = matcher(PHRASES)
    texts = ["Tell the DSL now.", "the UK GDPR and the safeguarding lead, then more words than five here", "DSL DSL leads moderators ICO’s report"]
    for text in texts * 2:
        assert found(made, text) == reference(PHRASES, text)
    assert found(made, texts[2])  # not vacuous: these texts do have matches


def test_the_real_glossary_on_the_real_pages() -> None:
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    glossary = checker.glossary
    assert glossary is not None
    forms = [form for term in glossary.terms for form in term.accepted] + [rejected.form for term in glossary.terms for rejected in term.rejected]
    every = [(form, is_abbreviation(form)) for form in forms]
    made = matcher(every)
    compared = 0
    for file in sorted((ROOT / "docs").rglob("*.md")):
        for paragraph in file.read_text(encoding="utf-8").split("\n\n"):
            assert [start for _, start, _, _ in found(made, paragraph)] == [start for _, start, _, _ in reference(every, paragraph)], (file, paragraph)
            compared += 1
    assert compared > 500


def test_words_of_a_phrase_are_apart_by_spaces_or_a_hyphen_only() -> None:
    """A bracket or a full stop between two words ends the phrase (it was found across them)."""
    matcher: PhraseMatcher[str] = PhraseMatcher()
    matcher.add("Disclosure Scotland", "body")
    matcher.add("UK GDPR", "law")
    text = "Checks under the Disclosure (Scotland) Act 2020. Data law in the UK. GDPR alone is wrong."
    assert [match.text for match in matcher.find(text)] == []
    joined = "Disclosure Scotland runs it; UK-GDPR and UK\nGDPR both count."
    assert [match.text for match in matcher.find(joined)] == ["Disclosure Scotland", "UK-GDPR", "UK\nGDPR"]
