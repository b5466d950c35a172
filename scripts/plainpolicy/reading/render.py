"""Rendering Markdown with the site's own extensions, as MkDocs would."""

from __future__ import annotations

from typing import Any

import markdown

from plainpolicy.errors import CannotRun
from plainpolicy.reading.quickinline import use_quick_inline


class Renderer:
    """One Python-Markdown instance, reused (and reset) for every page."""

    def __init__(self, extensions: list[Any], configs: dict[str, dict[str, Any]], path: str = "mkdocs.yml") -> None:
        if "pymdownx.superfences" in extensions or "pymdownx.highlight" in extensions:
            # Code is dropped before scoring: colouring it with Pygments is wasted time.
            extensions = [*extensions, "pymdownx.highlight"] if "pymdownx.highlight" not in extensions else extensions
            configs = {**configs, "pymdownx.highlight": {**configs.get("pymdownx.highlight", {}), "use_pygments": False}}
        try:
            self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        except Exception as error:  # a broken extension setting: say which, no traceback
            raise CannotRun(path, f"cannot load the Markdown extensions ({type(error).__name__}: {error})") from None
        use_quick_inline(self._md)

    def render(self, text: str, path: str) -> str:
        self._md.reset()
        try:
            return self._md.convert(text)
        except RecursionError:
            raise CannotRun(path, "the page is nested too deeply to render (quotes or lists inside each other hundreds of times)") from None
        except Exception as error:  # e.g. a snippet file that does not exist
            raise CannotRun(path, f"cannot render the page ({type(error).__name__}: {error})") from None
