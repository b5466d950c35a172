"""The whole policy as one printable document per voice, and the "Versions and approval" page.

Each voice gets `FOLDER/print.md`: a cover (organisation, version, approval),
a contents list and a placeholder. The plugin renders it like any page, then,
when every page is built, puts each topic's finished HTML (tooltips and all)
in the placeholder, in menu order, with the glossary last. Headings go down a
level and ids get the topic's name in front, so the document has one <h1> and
no id twice; links to a topic in the document become links inside it.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass

from plainpolicy.config import Voice
from plainpolicy.datafiles.approval import Approval, long_date

PRINT_PAGE = "print.md"
VERSIONS_PAGE = "versions.md"
BODY_MARKER = '<div class="pp-print-body" id="pp-print-body"></div>'
NOT_IN_PRINT = {"index.md", PRINT_PAGE, "conversation-prompts.md"}
GLOSSARY = "glossary.md"

# Per voice: the cover's line under the title, and the words for the record.
WORDS = {
    "young-people": {
        "title": "The whole policy",
        "summary": "All of our policy for young people on one page, ready to print.",
        "for": "For young people",
        "intro": "Here is every page of our policy for young people, in one place. You can print it or save it.",
        "draft": "Not signed off yet",
        "approved_on": "Signed off on",
        "approved_by": "Signed off by",
    },
    "staff": {
        "title": "The whole policy",
        "summary": "The whole policy for staff and volunteers on one page, to print and sign.",
        "for": "For staff and volunteers",
        "intro": "This is the whole policy for staff and volunteers, in order, for trustees to read and sign.",
        "draft": "Draft: not yet approved",
        "approved_on": "Approved on",
        "approved_by": "Approved by",
    },
}


@dataclass(frozen=True)
class Topic:
    relative: str  # the page's path inside docs/
    title: str


def words(voice: Voice) -> dict[str, str]:
    return WORDS.get(voice.name) or WORDS["staff"]


def anchor(relative: str) -> str:
    """The id of a topic's section in the printed document: topic-passwords."""
    return "topic-" + posixpath.splitext(posixpath.basename(relative))[0]


def topics_for(voice: Voice, order: list[str], titles: dict[str, str]) -> list[Topic]:
    """The voice's pages in menu order, without its front page and listings; the glossary last."""
    mine = [relative for relative in order if relative.startswith(voice.folder + "/") and relative.count("/") == voice.folder.count("/") + 1]
    body = [relative for relative in mine if posixpath.basename(relative) not in NOT_IN_PRINT | {GLOSSARY}]
    ending = [relative for relative in mine if posixpath.basename(relative) == GLOSSARY]
    return [Topic(relative, titles.get(relative, relative)) for relative in body + ending]


def record_lines(approval: Approval | None, said: dict[str, str]) -> list[tuple[str, str]]:
    """The approval record as (name, value) lines in the voice's words; its `draft`
    stands in for a missing approval date."""
    if approval is None:
        return []
    approved = long_date(approval.approved_on) if approval.approved_on else said["draft"]
    lines = [("Version", approval.version), (said["approved_on"], approved)]
    if approval.approved_by:
        lines.append((said["approved_by"], approval.approved_by))
    if approval.next_review:
        lines.append(("Next review", long_date(approval.next_review)))
    return lines


def signatures(voice: Voice, approval: Approval | None) -> str:
    """Lines for the trustees to sign on the staff cover, until the record says it is approved."""
    if voice.name != "staff" or (approval is not None and approval.approved_on):
        return ""
    rows = "".join(f"<div><dt>{name}</dt><dd></dd></div>" for name in ("Signed for the trustees", "Name and role", "Date"))
    return f'<dl class="pp-cover__sign">{rows}</dl>\n'


def print_page(voice: Voice, organisation: str, site_name: str, approval: Approval | None) -> str:
    said = words(voice)
    text = (
        f"---\ntitle: {said['title']}\nsummary: {said['summary']}\nvoice: {voice.name}\ngenerated: true\n"
        "search:\n  exclude: true\n---\n\n"
    )
    record = "".join(f"<div><dt>{name}</dt><dd>{html.escape(value)}</dd></div>" for name, value in record_lines(approval, said))
    text += (
        '<div class="pp-cover">\n'
        f'<p class="pp-cover__organisation">{html.escape(organisation)}</p>\n'
        f'<p class="pp-cover__title">{html.escape(site_name)}</p>\n'
        f'<h1 class="pp-cover__heading">{said["title"]}</h1>\n'
        f'<p class="pp-cover__voice">{said["for"]}</p>\n'
        f'<dl class="pp-cover__record">{record}</dl>\n'
        f"{signatures(voice, approval)}"
        "</div>\n\n"
        f"{said['intro']}\n\n"
    )
    text += BODY_MARKER + "\n"
    return text


def versions_page(approval: Approval, voice_name: str) -> str:
    """The approval record and what changed in each version, newest first (for trustees)."""
    text = (
        "---\ntitle: Versions and approval\n"
        "summary: Which version of the policy this is, who approved it, and what changed in each version.\n"
        f"voice: {voice_name}\ngenerated: true\n---\n\n# Versions and approval\n\n"
        "This page says which version of the policy you are reading and who approved it. "
        "It also lists what changed in each version, so trustees can see what they are approving.\n\n"
        "## This version\n\n"
    )
    text += "".join(f"- **{name}:** {value}\n" for name, value in record_lines(approval, WORDS["staff"]))
    text += "\n## What changed\n\n"
    if not approval.versions:
        text += "No changes are recorded yet.\n"
    for version in approval.versions:
        when = f" ({long_date(version.date)})" if version.date else ""
        text += f"### Version {version.version}{when}\n\n"
        text += "".join(f"- {change}\n" for change in version.changes) or "- No changes listed.\n"
        text += "\n"
    return text


_ID = re.compile(r'\bid="([^"]+)"')
_HEADING = re.compile(r"<(/?)h([1-5])\b")
_HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')


def section(relative: str, content: str, url_of: dict[str, str], page_url: str) -> str:
    """One topic's HTML for the document: headings a level down, ids prefixed, links kept inside."""
    prefix = anchor(relative)
    body = _HEADING.sub(lambda match: f"<{match.group(1)}h{int(match.group(2)) + 1}", content)
    body = _ID.sub(lambda match: f'id="{prefix}--{match.group(1)}"', body)
    inside = {posixpath.normpath(url): anchor(other) for other, url in url_of.items()}
    base = posixpath.dirname(page_url)

    def relink(match: re.Match[str]) -> str:
        target, fragment = match.group(1), match.group(2) or ""
        if not target:
            return f'href="#{prefix}--{fragment[1:]}"' if fragment[1:] else match.group(0)
        if "://" in target or target.startswith(("mailto:", "tel:", "/")):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(base, target))
        other = inside.get(resolved) or inside.get(posixpath.join(resolved, "index.html"))
        if other is None:
            return match.group(0)
        return f'href="#{other}--{fragment[1:]}"' if fragment[1:] else f'href="#{other}"'

    body = _HREF.sub(relink, body)
    return f'<section class="pp-print-topic" id="{prefix}" aria-labelledby="{prefix}-title">\n{_title_id(body, prefix)}\n</section>\n'


def _title_id(body: str, prefix: str) -> str:
    """The topic's own heading (its first <h2>, once an <h1>) names the section."""
    return re.sub(r"<h2\b([^>]*?)\bid=\"[^\"]*\"", f'<h2\\1id="{prefix}-title"', body, count=1) if "<h2" in body else body


def contents(topics: list[Topic]) -> str:
    items = "".join(f'<li><a href="#{anchor(topic.relative)}">{html.escape(topic.title)}</a></li>\n' for topic in topics)
    return f'<h2 id="contents">Contents</h2>\n<ol class="pp-contents">\n{items}</ol>\n'


def fill(page_html: str, topics: list[Topic], sections: list[str]) -> str:
    body = '<div class="pp-print-body">\n' + contents(topics) + "".join(sections) + "</div>"
    return page_html.replace(BODY_MARKER, body, 1)
