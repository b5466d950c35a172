"""The checker's quick inline step gives the same HTML as Python-Markdown's own.

reading/quickinline.py skips an inline pattern when the text lacks the character the
pattern needs. These tests render real pages both ways, with the kit's own
extensions, and compare the HTML to the byte.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from markdown.treeprocessors import InlineProcessor

from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.quickinline import QuickInlineProcessor, use_quick_inline
from plainpolicy.reading.render import Renderer
from plainpolicy_testing import KIT_PAGES, REPO, body_of, kit_page_id

SITE = load_site_config(REPO / "mkdocs.yml")

# Every inline pattern Python-Markdown and the kit's extensions have, with and without
# the character each needs, nested, escaped and next to each other.
EVERY_PATTERN = r"""
# A *heading* with `code` & an [anchor](#a)

Plain words with no marks at all, then **strong**, *em*, ***both***, _under_ and __strong__,
a snake_case_name and 2*3*4, `code with *stars* and [brackets]` and `` ` `` too.
An \*escaped\* star, a \\ backslash, a \[bracket] and \`tick\`.
A [link](https://example.org "title"), a [reference][ref], a [short ref], ![an image](a.png),
![a reference image][ref] and ![short ref], an <https://example.org/a?b=c&d> autolink,
<someone@example.org>, <span class="x">inline *HTML*</span>, <!-- a comment --> and
&amp; &copy; &#169; &#xA9; entities, a lone & and a lone < sign.
Entities on their own: &copy; 2026 and &#169; and &#xA9;.

A line with a hard break  
after it, and a footnote[^1] and another[^note].

- a list item with **strong [link](b.md)** inside
- an item with `code`  
  and a break

| Table | With *marks* |
| --- | --- |
| [cell](c.md) | `code` & more |

!!! note "An *admonition* title"
    Text with _marks_ and a [link](d.md).

??? question "A details title"
    More <b>bold</b> text.

Term
:   A definition with *em*.

*[HTML]: Hyper Text Markup Language

[ref]: https://example.org/ref
[short ref]: https://example.org/short
[^1]: The footnote, with *em* and a [link](e.md).
[^note]: Another.
"""


def _both(text: str) -> tuple[str, str]:
    """The page by the checker's renderer, and by the same renderer with Python-Markdown's own inline step."""
    quick, plain = Renderer(SITE.extensions, SITE.extension_configs), Renderer(SITE.extensions, SITE.extension_configs)
    plain._md.treeprocessors.register(InlineProcessor(plain._md), "inline", 20)
    return quick.render(text, "page.md"), plain.render(text, "page.md")


def test_the_checker_renders_with_the_quick_inline_step() -> None:
    renderer = Renderer(SITE.extensions, SITE.extension_configs)
    assert type(renderer._md.treeprocessors["inline"]) is QuickInlineProcessor


def test_every_inline_pattern_gives_the_same_html() -> None:
    quick, plain = _both(EVERY_PATTERN)
    assert "<strong>" in plain and "<sup" in plain and "<br" in plain and "&copy; 2026" in plain  # the patterns did match
    assert quick == plain


@pytest.mark.parametrize("page", KIT_PAGES, ids=kit_page_id)
def test_every_page_of_the_kit_gives_the_same_html(page: Path) -> None:
    quick, plain = _both(body_of(page))
    assert quick == plain


def test_an_extension_that_replaces_the_inline_step_is_left_alone() -> None:
    class Theirs(InlineProcessor):
        pass

    md = markdown.Markdown()
    md.treeprocessors.register(Theirs(md), "inline", 20)
    use_quick_inline(md)
    assert type(md.treeprocessors["inline"]) is Theirs
