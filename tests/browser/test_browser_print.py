"""The policy trustees can sign: each voice's printable page, made into a PDF by chromium (page.pdf).

pdftotext (Debian poppler-utils) reads the PDF back: cover, page numbers, every
topic in menu order, the glossary, and none of the screen-only controls.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PDFTOTEXT = shutil.which("pdftotext")


def pdf_pages(pdf: Path) -> list[str]:
    if PDFTOTEXT is None:
        pytest.skip("pdftotext not found: apt-get install poppler-utils")
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def make_pdf(site: Any, desktop_page: Any, rel: str, out: Path) -> list[str]:
    desktop_page.goto(site.url(rel))
    desktop_page.emulate_media(media="print")
    desktop_page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True)
    return pdf_pages(out)


@pytest.mark.parametrize("voice", ["staff", "young-people"])
def test_the_whole_policy_prints_as_one_pdf(site: Any, desktop_page: Any, voice: str, tmp_path: Path) -> None:
    folder = site.voices[voice]
    desktop_page.goto(site.url(f"{folder}/print.html"))
    titles = desktop_page.eval_on_selector_all(".pp-contents a", "links => links.map(a => a.textContent.trim())")
    pages = make_pdf(site, desktop_page, f"{folder}/print.html", tmp_path / f"{voice}.pdf")

    cover = pages[0]
    organisation = site.extra["organisation"]["name"]
    assert organisation in cover and "Version 1.0" in cover
    assert ("Draft: not yet approved" if voice == "staff" else "Not signed off yet") in cover
    assert "Next review 1 November 2027" in cover
    assert "Contents" not in cover  # the cover has a page to itself
    assert "(" not in cover  # no glossary meanings in brackets on the cover

    assert len(titles) >= 12 and titles[-1] == "Glossary"
    assert len(pages) >= len(titles) + 2  # cover, contents, then each topic from a new page
    whole = "\n".join(pages)
    positions = [whole.find(title, whole.find("Contents") + 200) for title in titles]
    assert -1 not in positions, [title for title, at in zip(titles, positions) if at < 0]
    starts = [next(number for number, page in enumerate(pages) if page.startswith(title) or f" {title} " in page[:200]) for title in titles]
    assert starts == sorted(starts), "topics are not in menu order"

    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert "Read the young people's version" not in whole and "Read the staff version" not in whole
    assert "Report a concern" not in whole.split("\n")[0]
    # A glossary word's meaning is on paper, in brackets after its first use.
    assert re.search(r"\w \([A-Z][^)]{20,}\)", whole)


def test_print_hides_screen_controls_and_shows_link_addresses(site: Any, desktop_page: Any) -> None:
    desktop_page.goto(site.url("staff/print.html"))
    desktop_page.emulate_media(media="print")
    hidden = desktop_page.eval_on_selector_all(
        ".pp-voice, .pp-report, .md-header, .md-sidebar, .md-footer, .md-typeset details > summary",
        "items => items.map(item => [item.className, getComputedStyle(item).display, getComputedStyle(item, '::after').display])",
    )
    assert hidden
    for name, display, after in hidden:
        assert display == "none" or after == "none", f"{name} is on paper"
    # The policy has no web links yet (the helplines gain them): add one as a contributor would.
    shown = desktop_page.evaluate(
        """() => {
            const a = document.createElement("a");
            a.href = "https://www.gov.uk/";
            a.textContent = "GOV.UK";
            document.querySelector(".pp-print-body p").append(a);
            return getComputedStyle(a, "::after").content;
        }"""
    )
    assert "https://www.gov.uk/" in shown
    inside = desktop_page.eval_on_selector_all(".pp-print-body a[href^='#topic-']", "links => links.length")
    assert inside > 20  # links to other topics point inside the document
    ids = desktop_page.eval_on_selector_all("[id]", "items => items.map(item => item.id)")
    assert len(ids) == len(set(ids))
