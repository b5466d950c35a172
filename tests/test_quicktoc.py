"""The checker's quick toc step gives the same HTML as Python-Markdown's own.

reading/quicktoc.py leaves out the table of contents on a page with no `[TOC]`
marker. These tests render real pages both ways, with the kit's own extensions,
and pages with markers (replaced or not), and compare the HTML to the byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markdown.extensions.toc import TocTreeprocessor

from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.quicktoc import QuickTocTreeprocessor
from plainpolicy.reading.render import Renderer
from plainpolicy_testing import KIT_PAGES, REPO, body_of, kit_page_id

SITE = load_site_config(REPO / "mkdocs.yml")

MARKERS = {
    "alone": "[TOC]\n\n# One\n\n## Two *em*\n\nText.\n\n### Three\n",
    "in a sentence": "# One\n\nSee the [TOC] here.\n\n## Two\n",
    "in a list": "# One\n\n- [TOC]\n- item\n\n## Two\n",
    "twice": "[TOC]\n\n# One\n\n[TOC]\n\n## Two\n",
    "in an admonition": "# One\n\n!!! note\n    [TOC]\n\n## Two\n",
    "none": "# One\n\n## Two\n\nNo marker at all.\n",
}


def _both(text: str, extensions: list[Any] | None = None, configs: dict[str, Any] | None = None) -> tuple[str, str]:
    """The page by the checker's renderer, and by the same renderer with Python-Markdown's own toc step."""
    extensions = SITE.extensions if extensions is None else extensions
    configs = SITE.extension_configs if configs is None else configs
    quick, plain = Renderer(extensions, configs), Renderer(extensions, configs)
    plain._md.treeprocessors["toc"].__class__ = TocTreeprocessor
    return quick.render(text, "page.md"), plain.render(text, "page.md")


def test_the_checker_renders_with_the_quick_toc_step() -> None:
    assert type(Renderer(SITE.extensions, SITE.extension_configs)._md.treeprocessors["toc"]) is QuickTocTreeprocessor


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_pages_with_and_without_a_marker_give_the_same_html(name: str) -> None:
    quick, plain = _both(MARKERS[name])
    assert quick == plain
    if name == "alone":
        assert 'class="toc"' in plain and 'href="#two-em"' in plain  # the marker was replaced by the table


@pytest.mark.parametrize("marker", ["{{toc}}", ""])
def test_a_marker_of_the_sites_own_or_none(marker: str) -> None:
    text = "{{toc}}\n\n# One\n\n[TOC]\n\n## Two\n"
    quick, plain = _both(text, ["toc"], {"toc": {"marker": marker}})
    assert quick == plain


@pytest.mark.parametrize("page", KIT_PAGES, ids=kit_page_id)
def test_every_page_of_the_kit_gives_the_same_html(page: Path) -> None:
    quick, plain = _both(body_of(page))
    assert quick == plain
