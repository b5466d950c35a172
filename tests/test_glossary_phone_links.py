"""Phone numbers on the generated glossary pages are tap-to-call links (a real `mkdocs build`).

Glossary definitions are also tooltips (plain text), so the YAML keeps plain numbers and
only the generated glossary page links them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plainpolicy_testing import copy_project, mkdocs_build

GLOSSARY_ADDITION = """
  - term: test helpline
    definitions:
      staff: Call 0808 800 5000 for advice, or 999 in an emergency. Section 1010 and 2008 are not numbers to call.
      young-people: Call 0800 1111, or 116 123 at any age. In danger now? Call 999. Otherwise call 101.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    glossary = project / "docs" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").rstrip("\n") + "\n" + GLOSSARY_ADDITION, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    # Not strict: the kit links to pages that other branches add.
    result = mkdocs_build(project, out, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def entry(site: Path, voice: str, anchor: str) -> str:
    """The HTML of one glossary entry: from its heading to the next heading."""
    html = (site / voice / "glossary.html").read_text(encoding="utf-8")
    match = re.search(rf'<h3 id="{anchor}".*?(?=<h[23] )', html, re.DOTALL)
    assert match, f"{anchor} not on the {voice} glossary page"
    return match.group(0)


def test_young_peoples_glossary_links_every_phone_number(built: Path) -> None:
    html = entry(built, "young-people", "test-helpline")
    for number in ("0800 1111", "116 123", "999", "101"):
        assert f'<a href="tel:{number.replace(" ", "")}">{number}</a>' in html


def test_staff_glossary_links_numbers_and_leaves_other_figures_alone(built: Path) -> None:
    html = entry(built, "staff", "test-helpline")
    assert '<a href="tel:08088005000">0808 800 5000</a>' in html
    assert '<a href="tel:999">999</a>' in html
    assert "tel:1010" not in html and "tel:2008" not in html


def test_real_childline_entry_is_a_link(built: Path) -> None:
    assert '<a href="tel:08001111">0800 1111</a>' in entry(built, "young-people", "childline")
