"""plainpolicy's scores are textstat's scores, to the last bit.

textstat is not used at run time (it imports NLTK and downloads the CMU
dictionary on first use). Here it is made to read the same dictionary, the CMU
table plainpolicy ships, offline, and set to British English; then its
Flesch-Kincaid grade, Reading Ease, word, sentence and syllable counts must be
*exactly* equal to plainpolicy.text.scoring's on real prose, on random text, and on
the section text plainpolicy extracts from a plain-prose Markdown page.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from plainpolicy.text.scoring import score
from plainpolicy_testing import FIXTURES, site


@pytest.fixture(scope="module")
def textstat(cmu_dict: dict[str, Any]) -> Iterator[Any]:
    import textstat as module

    counting = importlib.import_module("textstat.backend.counts._count_syllables")
    original = counting.get_cmudict
    counting.get_cmudict = lambda lang: cmu_dict  # the same dictionary, no NLTK download
    module.set_lang("en_GB")
    try:
        yield module
    finally:
        counting.get_cmudict = original
        module.set_lang("en_US")


def assert_same(textstat: Any, text: str) -> None:
    ours = score(text)
    assert ours.grade == textstat.flesch_kincaid_grade(text), text
    assert ours.ease == textstat.flesch_reading_ease(text), text
    assert ours.words == textstat.lexicon_count(text), text
    assert ours.sentences == textstat.sentence_count(text), text
    assert ours.syllables == textstat.syllable_count(text), text


PROSE = [
    # Plain, young people's voice.
    "You can bring your own phone. It is yours, and we will not look through it. "
    "Some sessions may have phone-free times, and your youth worker will explain why.",
    # Staff voice, with British spellings that are not in the CMU dictionary.
    "Practitioners should familiarise themselves with organisational expectations and "
    "prioritise the young person's welfare. Authorisation is needed before information is shared.",
    # Contractions, possessives, quotes, numbers, brackets and dashes.
    "Don't share a young person's details. If you're unsure, ring 0800 1111 (Childline) "
    "or the DSL - they'll help. \"It isn't your fault,\" we'll say; we've said it before!",
    # Questions, exclamations, ellipses, two-word fragments.
    "Why? Because it matters. Tell us now! Wait... then act. Yes. No. OK then.",
    # Abbreviations and full stops inside sentences.
    "The U.K. GDPR, e.g. Article 12, applies. See s. 9 of the Act, at p. 4.",
    # No closing punctuation at all.
    "a coat that keeps out the rain and the wind a packed lunch and a bottle of water",
    # Unicode: curly quotes, accents, non-Latin words.
    "The café’s “safe space” is open to everyone — naïve or not. Добро пожаловать. 你好世界。",
    "",
    "   ",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_scores_equal_textstat(textstat: Any, text: str) -> None:
    assert_same(textstat, text)


@pytest.mark.parametrize("folder", [FIXTURES, FIXTURES.parents[1] / "docs"], ids=["fixtures", "site-docs"])
def test_every_paragraph_scores_equal_textstat(textstat: Any, folder: Any) -> None:
    paragraphs = []
    for file in sorted(folder.rglob("*.md")):
        body = file.read_text(encoding="utf-8")
        paragraphs += [block.strip() for block in body.split("\n\n") if block.strip()]
    assert len(paragraphs) > 20
    for paragraph in paragraphs:
        assert_same(textstat, paragraph)


VOCABULARY = [
    "the", "a", "young", "people", "safeguarding", "organisation", "familiarise", "DSL",
    "don't", "it's", "we'll", "phone-free", "café", "naïve", "information", "9", "2026",
    "Childline", "e.g.", "U.K.", "(note)", "“quoted”", "rock'n'roll", "Ångström", "ﬁne",
    "İstanbul", "straße", "ΣΟΦΙΑ", "x", "I", "—", "...",
]
SEPARATORS = [" ", " ", " ", ". ", "! ", "? ", ", ", "; ", "\n", "\n\n", " - ", "' ", '" ', ".", "…"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)), max_size=40))
def test_random_word_salad_scores_equal_textstat(textstat: Any, pieces: list[tuple[str, str]]) -> None:
    assert_same(textstat, "".join(word + separator for word, separator in pieces))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120))
def test_random_unicode_text_scores_equal_textstat(textstat: Any, text: str) -> None:
    assert_same(textstat, text)


# --- through Markdown: the page's section score is textstat's score of its prose ---------


def _paragraphs_under(file_text: str, heading: str) -> str:
    """The raw Markdown paragraphs of one section (plain prose: no markup to strip)."""
    lines = file_text.split("\n")
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return "\n".join(lines[start:end]).strip()


@pytest.mark.parametrize(
    "relative, heading",
    [
        ("docs/staff/sharing-information.md", "## Who can see records"),
        ("docs/staff/readability.md", "## Information governance"),
        ("docs/staff/readability.md", "## Plain words"),
        ("docs/young-people/devices.md", "## How staff will contact you"),
    ],
)
def test_plain_prose_section_score_equals_textstat_of_the_paragraphs(textstat: Any, relative: str, heading: str) -> None:
    import datetime as dt

    from plainpolicy.engine.checker import Checker
    from plainpolicy.reading.mkdocs_config import load_site_config

    root = site("site")
    raw = _paragraphs_under((root / relative).read_text(encoding="utf-8"), heading)
    assert not re.search(r"[`*_\[\]<>|]", raw), "the section must be plain prose for this test"
    checker = Checker(load_site_config(root / "mkdocs.yml"), today=dt.date(2026, 11, 21))
    report = checker.check_files([root / relative])
    (result,) = report.pages
    section = next(s for s in result.sections if s.heading == heading.lstrip("# "))
    scores = section.scores
    assert scores.grade == textstat.flesch_kincaid_grade(raw)
    assert scores.ease == textstat.flesch_reading_ease(raw)
    assert scores.words == textstat.lexicon_count(raw)
    assert scores.sentences == textstat.sentence_count(raw)
    assert scores.syllables == textstat.syllable_count(raw)
