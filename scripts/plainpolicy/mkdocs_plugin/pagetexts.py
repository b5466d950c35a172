"""Each page's text, read once for MkDocs and for the checks.

The plugin reads a page's file itself (on_page_read_source gives MkDocs the text),
so the text MkDocs builds is the text that is checked, and the text is the key of
the page's stored result. Pages whose front matter is needed before the pages are
built (the generated pages list pages by their front matter) are parsed early and
kept parsed.
"""

from __future__ import annotations

import os
import time

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from plainpolicy.errors import CannotRun
from plainpolicy.reading.source import SourcePage, decode, split_front_matter


class PageTexts:
    def __init__(self) -> None:
        self._cwd = os.getcwd()
        self.sources: dict[str, SourcePage] = {}  # page -> its source, parsed before the pages are built
        self.texts: dict[str, tuple[str, str]] = {}  # page -> (path shown, text), read but not parsed
        self.seconds = 0.0  # spent reading files (MkDocs would otherwise spend it)

    def read(self, file: File) -> tuple[str, str]:
        """The page's path as shown in findings (relative to where mkdocs runs), and its text."""
        start = time.perf_counter()
        try:
            return self._read_file(file)
        finally:
            self.seconds += time.perf_counter() - start

    def _read_file(self, file: File) -> tuple[str, str]:
        source = file.abs_src_path
        path = os.path.relpath(source, self._cwd).replace(os.sep, "/") if source and source.startswith(self._cwd + os.sep) else file.src_uri
        try:
            if source:
                with open(source, "rb") as handle:
                    raw = handle.read()
            else:
                raw = file.content_bytes
            return path, decode(raw, path)
        except CannotRun as error:
            raise PluginError(f"plainpolicy: {error}") from None
        except OSError as error:
            raise PluginError(f"plainpolicy: {path}: cannot read the file ({error})") from None

    def parsed(self, file: File) -> SourcePage:
        """The page read and its front matter parsed, kept for when it is built."""
        source = self.sources[file.src_uri] = parse(*self.read(file))
        return source

    def add(self, relative: str, text: str) -> None:
        """A generated page's text."""
        self.sources[relative] = split_front_matter(text, relative)

    def for_mkdocs(self, file: File) -> str:
        """The text MkDocs builds (kept: the checks read the same text later)."""
        parsed = self.sources.get(file.src_uri)
        path, text = (parsed.path, parsed.text) if parsed is not None else (self.texts.get(file.src_uri) or self.read(file))
        self.texts[file.src_uri] = (path, text)
        return text

    def text(self, file: File) -> str:
        relative = file.src_uri
        return self.texts[relative][1] if relative in self.texts else file.content_string

    def take(self, file: File) -> tuple[SourcePage | None, str, str]:
        """The page to check, once: (its source if already parsed, path shown, text)."""
        relative = file.src_uri
        parsed = self.sources.pop(relative, None)
        if parsed is not None:
            return parsed, parsed.path, parsed.text
        path, text = self.texts.pop(relative) if relative in self.texts else self.read(file)
        return None, path, text


def parse(path: str, text: str) -> SourcePage:
    try:
        return split_front_matter(text, path)
    except CannotRun as error:
        raise PluginError(f"plainpolicy: {error}") from None
