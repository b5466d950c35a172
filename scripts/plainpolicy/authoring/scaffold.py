"""`plainpolicy new TOPIC`: start a new topic with one page in every paired voice.

    plainpolicy new online-gaming --title "Online gaming"

writes docs/staff/online-gaming.md and docs/young-people/online-gaming.md (the
folders come from the voices in mkdocs.yml, never from names built in here),
each with its front matter filled in and headings to start from. The starter
text is not a finished page: rules/placeholder.py reports every starter
sentence and the starter summary until they are replaced, and `reviewed:` is
left empty until someone has reviewed the page.

It refuses, writing nothing at all, when the topic name is not usable or when
any of the pages already exists.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from plainpolicy.config import Voice
from plainpolicy.engine.checker import display_path
from plainpolicy.errors import CannotRun
from plainpolicy.reading.mkdocs_config import SiteConfig
from plainpolicy.site import generate, printable
from plainpolicy.text.starters import (
    PLAIN_GRADE,
    PLAIN_STARTER,
    STAFF_STARTER,
    SUMMARY_PLACEHOLDER,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 60
@dataclass(frozen=True)
class NewPage:
    voice: Voice
    file: Path
    text: str


def slugify(text: str) -> str:
    """A usable topic name from any text: 'Online Gaming!' -> 'online-gaming'."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:MAX_SLUG].strip("-")


def check_slug(topic: str) -> str:
    if SLUG.fullmatch(topic) and len(topic) <= MAX_SLUG:
        return topic
    suggestion = slugify(topic) or "online-gaming"
    raise CannotRun(
        f"topic '{topic}'",
        "this cannot be a topic name. Use lower-case words joined by hyphens, with no spaces, "
        f"capitals or other marks (at most {MAX_SLUG} characters). For example: plainpolicy new {suggestion}",
    )


def default_title(slug: str) -> str:
    words = slug.replace("-", " ")
    return words[:1].upper() + words[1:]


_PLAIN_YAML = re.compile(r"[A-Za-z][A-Za-z0-9 ,.'()/-]*")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def yaml_text(value: str) -> str:
    """A YAML scalar for a title or role: plain when safe, else double-quoted."""
    if _PLAIN_YAML.fullmatch(value) and value.lower() not in _YAML_WORDS and not value.endswith((" ", ".")):
        return value
    return json.dumps(value, ensure_ascii=False)


def front_matter(title: str, owner: str, today: dt.date) -> str:
    return (
        "---\n"
        f"title: {yaml_text(title)}\n"
        f"summary: {SUMMARY_PLACEHOLDER}\n"
        "reviewed:  # the date someone checked this page, as YYYY-MM-DD\n"
        f"owner: {yaml_text(owner)}\n"
        "checklist: []\n"
        "themes: []\n"
        "---\n"
    )


def starter(voice: Voice) -> list[tuple[str, list[str]]]:
    return PLAIN_STARTER if voice.max_grade <= PLAIN_GRADE else STAFF_STARTER


def page_text(voice: Voice, title: str, owner: str, today: dt.date) -> str:
    parts = [front_matter(title, owner, today), f"\n# {title}\n"]
    for heading, sentences in starter(voice):
        if heading:
            parts.append(f"\n## {heading}\n")
        parts.append("\n" + " ".join(sentences) + "\n")
    return "".join(parts)


def plan(site: SiteConfig, topic: str, title: str | None, owner: str, today: dt.date) -> list[NewPage]:
    """The pages to write, after every check; raises CannotRun and writes nothing."""
    if site.config_file is None:
        raise CannotRun("mkdocs.yml", "not found in this folder or any folder above it. Run this in the kit's folder, or give the file with --config")
    slug = check_slug(topic)
    name = f"{slug}.md"
    if name in (generate.GLOSSARY_PAGE, generate.PROMPTS_PAGE, printable.PRINT_PAGE):
        raise CannotRun(f"topic '{topic}'", f"the site makes a page called {name} for itself in every voice. Choose another topic name")
    shown_title = " ".join((title if title is not None else default_title(slug)).split())
    if not shown_title:
        raise CannotRun("--title", "the title is empty. Give a short title, for example --title \"Online gaming\"")
    owner = " ".join(owner.split())
    if not owner:
        raise CannotRun("--owner", "the owner is empty. Give a role, for example --owner \"Designated safeguarding lead\"")
    voices = [voice for voice in site.settings.voices.values() if voice.paired]
    if not voices:
        raise CannotRun(str(site.config_file), "no voice in plainpolicy's settings is paired, so there is no set of pages to start")
    pages = [NewPage(voice, site.docs_dir / voice.folder / name, page_text(voice, shown_title, owner, today)) for voice in voices]
    existing = [page.file for page in pages if page.file.exists()]
    if existing:
        others = [display_path(file) for file in existing[1:]]
        also = f" (so {'does' if len(others) == 1 else 'do'} {', '.join(others)})" if others else ""
        raise CannotRun(
            display_path(existing[0]),
            f"already exists{also}. Nothing was written. Edit the existing page, or choose another topic name",
        )
    return pages


def write_all(pages: list[NewPage]) -> None:
    """Write every page or none: on any failure, remove what this call created."""
    created_files: list[Path] = []
    created_folders: list[Path] = []
    try:
        for page in pages:
            folder = page.file.parent
            missing = [parent for parent in [folder, *folder.parents] if not parent.exists()]
            folder.mkdir(parents=True, exist_ok=True)
            created_folders.extend(reversed(missing))
            with page.file.open("x", encoding="utf-8", newline="\n") as handle:
                created_files.append(page.file)
                handle.write(page.text)
    except OSError as error:
        for file in created_files:
            file.unlink(missing_ok=True)
        for folder in reversed(created_folders):
            try:
                folder.rmdir()
            except OSError:
                pass
        failed = getattr(error, "filename", None) or (pages[len(created_files)].file if len(created_files) < len(pages) else pages[-1].file)
        raise CannotRun(display_path(Path(failed)), f"cannot write the page ({error.strerror or error}). Nothing was written") from None


def next_steps(site: SiteConfig, pages: list[NewPage]) -> list[str]:
    settings = site.settings
    steps = [
        "Write a one-sentence summary in each page's front matter, and replace the starter text with your own words: "
        "until then the check reports it (review/placeholder) and the site does not build.",
        "When someone has checked the pages, set 'reviewed:' in each to that date (YYYY-MM-DD).",
    ]
    data = []
    if settings.checklist:
        data.append(f"the checklist questions each page answers under 'checklist:' (ids from {display_path(site.docs_dir / settings.checklist)})")
    if settings.prompts:
        data.append(f"the Lab themes it relates to under 'themes:' (ids from {display_path(site.docs_dir / settings.prompts)})")
    if data:
        steps.append("List " + ", and ".join(data) + ". Both pages list the same checklist ids.")
    fronts = [display_path(page.file.parent / "index.md") for page in pages if (page.file.parent / "index.md").exists()]
    if fronts:
        steps.append(f"Add a link to the new page from each voice's front page: {', '.join(fronts)}.")
    steps.append(f"Run `plainpolicy explain {display_path(pages[0].file)}` to see how easy each section is to read.")
    return steps


def create_topic(site: SiteConfig, topic: str, title: str | None = None, owner: str = "Designated safeguarding lead", today: dt.date | None = None) -> str:
    """Write the topic's pages; return what to tell the person who asked."""
    pages = plan(site, topic, title, owner, today or dt.date.today())
    write_all(pages)
    lines = [f"Created {len(pages)} {'page' if len(pages) == 1 else 'pages'} for the topic '{topic}':"]
    lines += [f"  {display_path(page.file)} ({page.voice.label})" for page in pages]
    lines.append("Next:")
    lines += [f"  {number}. {step}" for number, step in enumerate(next_steps(site, pages), start=1)]
    return "\n".join(lines) + "\n"
