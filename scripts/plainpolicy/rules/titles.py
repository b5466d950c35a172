"""sentence/too-long for prose outside paragraphs: headings, admonition and details
titles, `<summary>` and image alt text.

The formulas do not score them (a heading is not a sentence), but a reader reads
them, often first. So each is held to the voice's sentence limit; the glossary
rules (rules/glossary_rules.py) and the word checks (rules/familiarity.py) read
them too.
"""

from __future__ import annotations

from plainpolicy.config import Settings, Voice
from plainpolicy.findings import Finding
from plainpolicy.reading.analysis import AnalysedPage
from plainpolicy.text.scoring import words

WHAT = {"heading": "heading", "title": "box title", "summary": "summary", "tab label": "tab label", "alt text": "image description (alt text)"}


def check_titles(page: AnalysedPage, voice: Voice, settings: Settings) -> list[Finding]:
    findings = []
    for view in page.sections:
        for title in view.section.titles:
            count = len(words(title.text))
            if count <= voice.max_sentence_words:
                continue
            line, column = page.locate(title.text, view)
            what = WHAT.get(title.kind, title.kind)
            findings.append(
                Finding(
                    page.path, line, "sentence/too-long", settings.long_sentence,
                    f"This {what} has {count} words; the {voice.label} limit for a sentence is {voice.max_sentence_words}.",
                    f"\"{title.text}\" Say it in fewer words, and put the rest in the text.",
                    column, voice.name, view.name,
                )
            )
    return findings
