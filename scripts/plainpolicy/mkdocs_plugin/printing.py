"""The plugin's part in the printable policy: add the pages, note the menu order, fill them in at the end.

Kept apart from plugin.py: the plugin calls one method from each of its hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from plainpolicy.config import Settings
from plainpolicy.datafiles.approval import APPROVAL_FILE, load_approval
from plainpolicy.engine.checker import display_path
from plainpolicy.errors import CannotRun
from plainpolicy.site import printable


class PrintBook:
    """One printable document per voice, and the "Versions and approval" page."""

    def __init__(self) -> None:
        self.print_pages: dict[str, str] = {}  # the print page's path -> its voice
        self.order: list[str] = []  # every page, in menu order
        self.titles: dict[str, str] = {}
        self.contents: dict[str, str] = {}  # page -> its finished HTML
        self.urls: dict[str, str] = {}
        self.written: dict[str, str] = {}  # print page -> the file MkDocs wrote

    def add_pages(self, config: MkDocsConfig, settings: Settings, add: Callable[[str, str], None]) -> None:
        docs = Path(config.docs_dir)
        try:
            approval = load_approval(docs, display_path(docs / APPROVAL_FILE))
        except CannotRun as error:
            raise PluginError(f"plainpolicy: {error}") from None
        organisation = str((dict(config.extra or {}).get("organisation") or {}).get("name") or config.site_name)
        for voice in settings.voices.values():
            relative = f"{voice.folder}/{printable.PRINT_PAGE}"
            add(relative, printable.print_page(voice, organisation, config.site_name, approval))
            self.print_pages[relative] = voice.name
        if approval is not None:
            add(printable.VERSIONS_PAGE, printable.versions_page(approval, settings.default_voice or next(iter(settings.voices))))

    def nav(self, nav: Any) -> None:
        self.order = [page.file.src_uri for page in _pages(nav.items)]

    def page(self, page: Page) -> None:
        """Keep every page's finished HTML (after the glossary tooltips); note where print pages go."""
        relative = page.file.src_uri
        self.titles[relative] = str(page.title or relative)
        self.urls[relative] = page.file.dest_uri
        if relative in self.print_pages:
            self.written[relative] = page.file.abs_dest_path
        else:
            self.contents[relative] = page.content or ""

    def write(self, settings: Settings) -> None:
        for relative, voice_name in self.print_pages.items():
            file = self.written.get(relative)
            if not file:
                continue
            voice = settings.voices[voice_name]
            topics = [topic for topic in printable.topics_for(voice, self.order, self.titles) if topic.relative in self.contents]
            urls = {topic.relative: self.urls[topic.relative] for topic in topics}
            sections = [printable.section(topic.relative, self.contents[topic.relative], urls, self.urls[topic.relative]) for topic in topics]
            path = Path(file)
            path.write_text(printable.fill(path.read_text(encoding="utf-8"), topics, sections), encoding="utf-8")


def _pages(items: list[Any]) -> list[Any]:
    found = []
    for item in items:
        if getattr(item, "file", None) is not None:
            found.append(item)
        found += _pages(getattr(item, "children", None) or [])
    return found
