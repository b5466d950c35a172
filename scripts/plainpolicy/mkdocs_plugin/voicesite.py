"""The site as each reader sees it: their own menu first, maintainers' pages out of the menu,
and page titles that say which version they belong to.

- A page whose front matter says `menu: false` is built and linked to, but left out
  of the menu (the maintainers' performance page and the readability report).
- On a young people's page (any voice but the default), that voice's section of
  the menu comes first.
- The plugin's `nav_order` puts the named pages and folders first, in that order.
- A page that exists in more than one voice gets its voice after its title in
  search results ("Passwords and accounts · Young people"); main.html does the
  same for the browser tab.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page

from plainpolicy.config import Settings

TITLE_SEPARATOR = " \u00b7 "  # a middle dot, as in "Passwords · Young people"


def hidden_pages(sources: dict[str, Any]) -> set[str]:
    """Pages whose front matter says `menu: false` (read before MkDocs reads the pages' meta)."""
    return {relative for relative, source in sources.items() if (getattr(source, "meta", None) or {}).get("menu") is False}


def drop(items: list[Any], hidden: set[str]) -> list[Any]:
    kept = []
    for item in items:
        children = getattr(item, "children", None)
        if children is not None and getattr(item, "file", None) is None:
            item.children = drop(children, hidden)
            if item.children:
                kept.append(item)
        elif getattr(getattr(item, "file", None), "src_uri", None) not in hidden:
            kept.append(item)
    return kept


def _folder_of(item: Any) -> str | None:
    file = getattr(item, "file", None)
    if file is not None:
        return file.src_uri.split("/", 1)[0] if "/" in file.src_uri else None
    for child in getattr(item, "children", None) or []:
        folder = _folder_of(child)
        if folder:
            return folder
    return None


def nav_for(nav: Any, page: Page, settings: Settings) -> Any:
    """The menu for a page in a voice's folder: that voice's section first, when it is not the default voice."""
    meta = (page.meta or {}).get("plainpolicy") or {}
    voice = settings.voices.get(str(meta.get("voice") or ""))
    if voice is None or voice.name == settings.default_voice or nav is None or not page.file.src_uri.startswith(voice.folder + "/"):
        return nav  # the home page may be written for young people, but it is everyone's
    own = [item for item in nav.items if _folder_of(item) == voice.folder and getattr(item, "children", None)]
    if not own:
        return nav
    reordered = copy.copy(nav)
    reordered.items = own + [item for item in nav.items if item not in own]
    return reordered


def voice_title(page: Page) -> str | None:
    """'Title · Voice' for a page that has a partner in another voice, else None."""
    meta = (page.meta or {}).get("plainpolicy") or {}
    if not meta.get("partners") or not meta.get("voice_label"):
        return None
    return f"{page.title}{TITLE_SEPARATOR}{meta['voice_label']}"


def retitle_search_index(site_dir: str, titles: dict[str, str]) -> None:
    """Give each paired page's search entry its voice (the search plugin wrote the index before this)."""
    index = Path(site_dir) / "search" / "search_index.json"
    if not titles or not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        title = titles.get(doc.get("location", ""))
        if title:
            doc["title"] = title
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# --- the order of the menu (the plugin's nav_order setting) ------------------------
def _nav_name(item: Any) -> str:
    """A page's file name, or a section's folder name (from its first page)."""
    file = getattr(item, "file", None)
    if file is not None:
        return Path(file.src_uri).name
    for child in getattr(item, "children", None) or []:
        name = _nav_name(child)
        if name:
            return Path(_first_page(child).file.src_uri).parent.name if _first_page(child) else ""
    return ""


def _first_page(item: Any) -> Any:
    if getattr(item, "file", None) is not None:
        return item
    for child in getattr(item, "children", None) or []:
        page = _first_page(child)
        if page is not None:
            return page
    return None


def ordered(items: list[Any], order: list[str]) -> list[Any]:
    """Items named in `order` first, in that order; the rest keep their place after them."""
    rank = {name: index for index, name in enumerate(order)}
    for item in items:
        if getattr(item, "children", None):
            item.children = ordered(item.children, order)
    return sorted(items, key=lambda item: rank.get(_nav_name(item), len(rank)))
