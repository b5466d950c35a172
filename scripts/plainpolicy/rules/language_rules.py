"""readability/language, and judging a voice whose language has no formula.

- Text that reads as another language than its voice's (a Welsh page in an
  English voice) is a finding: the English formulas would score it as easy.
- A voice in a language with no readability formula in the common libraries
  (Welsh, Irish, Scottish Gaelic) is judged on sentence length and word length:
  the average sentence must be within the voice's `max_sentence_words` and the
  average word within its `max_word_letters` (6 letters unless set). The report
  says so for every section ("sentence and word length").
"""

from __future__ import annotations

from plainpolicy.config import Voice
from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.analysis import AnalysedPage, SectionView
from plainpolicy.text.language import UNDETERMINED, name_of, other_language
from plainpolicy.text.writtenwords import written_words

BY_LENGTH = "sentence and word length"


def _words(views: list[SectionView]) -> list[str]:
    return [word for view in views for unit in view.section.units for word in unit.words]


def check_language(page: AnalysedPage, voice: Voice, groups: list[list[int]]) -> list[Finding]:
    findings = []
    for group in groups:
        views = [page.sections[index] for index in group]
        found = other_language(_words(views), voice.language)
        if found is None:
            continue
        first = views[0]
        what = f"Section \"{first.name}\" reads" if len(views) == 1 else f"Sections {', '.join(repr(v.name) for v in views)} read"
        expected = name_of(voice.language)
        if found == UNDETERMINED:  # never a wrong name: "le" is Irish, and French too
            subject = f"Section \"{first.name}\" does" if len(views) == 1 else f"Sections {', '.join(repr(v.name) for v in views)} do"
            message = f"{subject} not read as {expected}, but the {voice.label} voice is in {expected}."
            elsewhere = "in a voice in its language"
        else:
            message = f"{what} as {name_of(found)}, but the {voice.label} voice is in {expected}."
            elsewhere = f"in a voice whose language is {name_of(found)}"
        findings.append(Finding(
            page.path, first.line, "readability/language", ERROR, message,
            f"Write it in {expected}, or put it {elsewhere} "
            f"(a voice's language is its 'language' setting in mkdocs.yml). Its scores here are not meaningful.",
            1, voice.name, first.name,
        ))
    return findings


def lengths(views: list[SectionView]) -> tuple[int, int, int]:
    """(words, sentences, letters) of the sections' prose."""
    sentences = [sentence for view in views for unit in view.section.units if unit.sentence_text for sentence in unit.sentences]
    found = [word for sentence in sentences for word in written_words(sentence)]
    return len(found), len(sentences), sum(len(word.replace("-", "").replace("'", "").replace("’", "")) for word in found)


def judge_by_length(page: AnalysedPage, voice: Voice, views: list[SectionView]) -> tuple[bool, str]:
    """(passed, how it reads) for sections in a language with no formula."""
    words, sentences, letters = lengths(views)
    if not words or not sentences:
        return True, ""
    per_sentence, per_word = words / sentences, letters / words
    language = name_of(voice.language)
    reads = (
        f"{words / sentences:.1f} words per sentence and {per_word:.1f} letters per word "
        f"(no readability formula exists for {language}, so it is judged on sentence and word length)"
    )
    passed = round(per_sentence, 1) <= voice.max_sentence_words and round(per_word, 1) <= voice.max_word_letters
    return passed, reads
