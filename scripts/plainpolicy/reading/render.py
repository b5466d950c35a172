"""Rendering Markdown with the site's own extensions, as MkDocs would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown

from plainpolicy.errors import CannotRun
from plainpolicy.reading.extensions import made_extensions
from plainpolicy.reading.quickinline import use_quick_inline
from plainpolicy.reading.quicktoc import use_quick_toc
from plainpolicy.reading.relative_tag import for_page, needs_page


class Renderer:
    """One Python-Markdown instance, reused (and reset) for every page."""

    def __init__(self, extensions: list[Any], configs: dict[str, dict[str, Any]], path: str = "mkdocs.yml") -> None:
        if "pymdownx.superfences" in extensions or "pymdownx.highlight" in extensions:
            # Code is dropped before scoring: colouring it with Pygments is wasted time.
            extensions = [*extensions, "pymdownx.highlight"] if "pymdownx.highlight" not in extensions else extensions
            configs = {**configs, "pymdownx.highlight": {**configs.get("pymdownx.highlight", {}), "use_pygments": False}}
        self._extensions, self._configs, self._path = extensions, configs, path
        self._per_page = needs_page(configs)  # a bare !relative: each page's own folder, as MkDocs does
        self._md = self._markdown(for_page(configs, Path(".")) if self._per_page else configs)

    def _markdown(self, configs: dict[str, dict[str, Any]]) -> markdown.Markdown:
        try:
            md = markdown.Markdown(extensions=made_extensions(self._extensions, configs), extension_configs=configs)
        except Exception as error:  # a broken extension setting: say which, no traceback
            raise CannotRun(self._path, f"cannot load the Markdown extensions ({type(error).__name__}: {error})") from None
        use_quick_inline(md)
        use_quick_toc(md)
        return md

    def render(self, text: str, path: str, folder: Path | None = None) -> str:
        """The page's HTML. folder: the page's own folder (for a bare `!relative` setting)."""
        md = self._markdown(for_page(self._configs, folder)) if self._per_page and folder is not None else self._md
        md.reset()
        try:
            return md.convert(text)
        except RecursionError:
            raise CannotRun(path, "the page is nested too deeply to render (quotes or lists inside each other hundreds of times)") from None
        except Exception as error:  # e.g. a snippet file that does not exist
            raise CannotRun(path, f"cannot render the page ({type(error).__name__}: {error})") from None
