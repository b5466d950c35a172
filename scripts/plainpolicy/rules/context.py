"""What a page check is given: one page, analysed, with the site's settings and data.

Each family of page rules is one module under rules/ with a function

    def check(context: PageContext) -> list[Finding]

and its name in the `page_checks:` list of rules/registry.yml. The Checker
(engine/checker.py) fills in a context for each page and calls every listed
check in order; a check decides itself whether it applies (a voice, a data
file). So adding a rule is its module, its entry in the registry with examples,
and, for a new family, its name in `page_checks:`.

A check may give back more than findings: the section scores (readability), the
images a page uses, and consent findings, which no comment in a page can excuse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plainpolicy.findings import Finding

if TYPE_CHECKING:
    from plainpolicy.config import Settings, Voice
    from plainpolicy.datafiles.glossary import Glossary
    from plainpolicy.datafiles.imageregister import ImageRegister
    from plainpolicy.datafiles.nationrules import NationRules
    from plainpolicy.datafiles.plainwords import PlainWords
    from plainpolicy.datafiles.prompts import Question, Theme
    from plainpolicy.datafiles.vocabulary import Vocabulary
    from plainpolicy.reading.analysis import AnalysedPage
    from plainpolicy.reading.nations import FilteredPage
    from plainpolicy.rules.readability import SectionReport
    from plainpolicy.rules.security import Locator
    from plainpolicy.safety.htmlpolicy import Scan


@dataclass
class PageContext:
    page: AnalysedPage
    voice: Voice | None
    settings: Settings
    existing: set[str]  # every page of the site, relative to docs/ (for partner pages)
    voice_page: bool  # under one of the voices' folders (not only `voice:` in its front matter)
    today: dt.date
    docs_dir: Path
    filtered: FilteredPage  # the page as readers in the site's nations see it
    scanner: Scan  # the page's HTML, scanned once for security and images
    locator: Locator
    image_register: ImageRegister
    glossary: Glossary | None = None
    explained: frozenset[str] = frozenset()  # words the glossary explains
    vocabulary: Vocabulary | None = None  # the words a reader of this voice knows
    plain_words: PlainWords | None = None
    themes: list[Theme] | None = None
    questions: list[Question] | None = None
    nation_rules: NationRules | None = None
    made_here: bool = False  # plainpolicy made the page from a data file (see Checker.check_page)
    # Given back by the checks:
    sections: list[SectionReport] = field(default_factory=list)
    consent: list[Finding] = field(default_factory=list)  # never excused by a comment in the page
    media: list[str] = field(default_factory=list)  # the image files the page uses

    @property
    def generated(self) -> bool:
        """A page the site makes from a data file (glossary, checklist)."""
        return self.made_here and bool(self.page.source.meta.get("generated"))
