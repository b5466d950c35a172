"""The checker makes the site's Markdown extensions itself, with the same result.

reading/extensions.py makes Python-Markdown's own and dotted-name extensions without
Python-Markdown's search of every installed package. These tests render real pages
both ways, with the kit's own extensions and settings, and compare the HTML to the
byte; a name only an installed package knows, or a wrong setting, is still Python-Markdown's to
find or refuse, with its own message.
"""

from __future__ import annotations

import markdown
import pytest

from plainpolicy.errors import CannotRun
from plainpolicy.reading.extensions import BUILT_IN, made_extensions
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.render import Renderer
from plainpolicy_testing import KIT_PAGES, REPO, body_of

SITE = load_site_config(REPO / "mkdocs.yml")


def _by_name(extensions: list[str], configs: dict) -> markdown.Markdown:
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def test_markdowns_own_short_names_are_the_ones_it_registers() -> None:
    from markdown.util import get_installed_extensions

    own = {entry.name for entry in get_installed_extensions() if entry.value.startswith("markdown.extensions.")}
    assert own == BUILT_IN


def test_every_page_of_the_kit_renders_the_same() -> None:
    ours = markdown.Markdown(extensions=made_extensions(SITE.extensions, SITE.extension_configs), extension_configs=SITE.extension_configs)
    theirs = _by_name(SITE.extensions, SITE.extension_configs)
    assert [type(extension) for extension in ours.registeredExtensions] == [type(extension) for extension in theirs.registeredExtensions]
    for page in KIT_PAGES:
        body = body_of(page)
        assert ours.reset().convert(body) == theirs.reset().convert(body), page


@pytest.mark.parametrize("name", ["toc", "markdown.extensions.toc", "markdown.extensions.toc:TocExtension"])
def test_settings_reach_the_extension_however_it_is_named(name: str) -> None:
    configs = {name: {"permalink": "#", "toc_depth": 2}}
    ours = markdown.Markdown(extensions=made_extensions([name], configs))
    text = "# One\n\n## Two\n\n### Three\n"
    assert ours.convert(text) == _by_name([name], configs).convert(text)
    assert 'class="headerlink"' in ours.convert(text)


def test_a_name_only_an_installed_package_knows_is_left_to_python_markdown() -> None:
    assert made_extensions(["no_such_extension"], {}) == ["no_such_extension"]


def test_a_wrong_setting_is_refused_naming_mkdocs_yml() -> None:
    with pytest.raises(CannotRun) as refused:
        Renderer(["toc"], {"toc": {"no_such_setting": 1}}, "site/mkdocs.yml")
    assert refused.value.path == "site/mkdocs.yml" and "no_such_setting" in str(refused.value)


def test_a_missing_module_is_refused_naming_mkdocs_yml() -> None:
    with pytest.raises(CannotRun) as refused:
        Renderer(["nowhere.to_be.found"], {}, "site/mkdocs.yml")
    assert refused.value.path == "site/mkdocs.yml" and "No module named 'nowhere'" in str(refused.value)
