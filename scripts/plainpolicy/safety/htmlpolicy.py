"""Is this HTML safe to give a child's browser? An allowlist, checked on the parsed tree.

The HTML is parsed by Lexbor (through selectolax), an HTML5 parser that builds
the tree a browser builds, so `</style x>`, `<svg><style>`, break-outs from
`noscript` or `textarea` and the like end up where a browser puts them. Every
element and attribute in that tree must be on the allowlist in htmlpolicy.yml;
every URL must use an allowed scheme, and what the browser fetches by itself
must stay on this site. Nothing is rewritten: each problem is reported.

Lexbor parses with scripting off, so it reads the inside of `<noscript>` as
markup where a browser reads it as text; `noscript` is not on the allowlist,
so a page holding one is refused whichever way it is read.

`Mode` says what is being checked: page content (what Markdown made, an SVG
file, a setting), or a whole page the theme wrote (which may also hold the
theme's own tags and scripts).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterator

import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from plainpolicy import fastyaml
from plainpolicy.safety.csspolicy import declarations_uses, stylesheet_uses
from plainpolicy.safety.urlpolicy import (
    clean_url,
    host_of,
    invite_kind,
    is_external,
    is_font_host,
    scheme_of,
    split_urls,
    tracker_name,
)

RAW_HTML = "security/raw-html"
UNSAFE_URL = "security/unsafe-url"
THIRD_PARTY = "security/third-party"
PRIVATE_INVITE = "links/private-invite"
THEME_SCRIPT = "security/inline-script"

_SKIP_TEXT = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "title"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_IMPLIED = frozenset({"html", "head", "body"})
_MEDIA = frozenset({"img", "source", "video", "audio", "a", "input", "track", "picture"})
_WHY_TAG = {
    "script": "runs code in the reader's browser",
    "iframe": "embeds another page", "frame": "embeds another page", "frameset": "embeds other pages", "portal": "embeds another page",
    "object": "embeds a plug-in or another document", "embed": "embeds a plug-in or another document", "applet": "embeds a plug-in",
    "base": "changes where every link on the page goes", "meta": "can redirect the page or change how it loads",
    "style": "can change the whole page and fetch from other sites", "link": "loads a file into the page",
    "form": "sends what people type somewhere", "noscript": "is read differently by browsers and checkers",
    "math": "is read differently by browsers and checkers", "template": "holds markup a script can bring to life",
}


class Mode(Enum):
    CONTENT = "content"  # a page's body, as Markdown made it
    DOCUMENT = "document"  # a whole page the theme wrote


@dataclass(frozen=True)
class Policy:
    global_attributes: frozenset[str]
    content: dict[str, frozenset[str]]
    theme: dict[str, frozenset[str]]
    link_urls: frozenset[str]
    fetch_urls: frozenset[str]
    link_schemes: frozenset[str]
    fetching_rels: frozenset[str]
    navigating_rels: frozenset[str]
    data_script_types: frozenset[str]
    svg_paint: frozenset[str]
    theme_class_prefixes: tuple[str, ...]  # classes page content may not carry (see htmlpolicy.yml)
    allowed_theme_classes: frozenset[str]

    def theme_class(self, value: str) -> str | None:
        """The first of these classes that belongs to the theme and is refused on page content."""
        return next((name for name in value.split() if name.startswith(self.theme_class_prefixes) and name not in self.allowed_theme_classes), None)

    def attributes(self, tag: str, mode: Mode) -> frozenset[str] | None:
        """The attributes `tag` may carry in this mode, or None if the tag is not allowed."""
        allowed = self.content.get(tag)
        if mode is Mode.DOCUMENT and tag in self.theme:
            allowed = (allowed or frozenset()) | self.theme[tag]
        return None if allowed is None else allowed | self.global_attributes


@lru_cache(maxsize=1)
def policy() -> Policy:
    data: dict[str, Any] = fastyaml.load(resources.files("plainpolicy.safety").joinpath("htmlpolicy.yml").read_text(encoding="utf-8"), yaml.SafeLoader)

    def tags(section: str) -> dict[str, frozenset[str]]:
        return {tag: frozenset(a.lower() for a in attributes) for tag, attributes in data[section].items()}

    return Policy(
        frozenset(data["global_attributes"]), tags("content"), tags("theme"),
        frozenset(data["urls"]["link"]), frozenset(data["urls"]["fetch"]), frozenset(data["link_schemes"]),
        frozenset(data["link_rels"]["fetch"]), frozenset(data["link_rels"]["navigate"]),
        frozenset(data["data_script_types"]), frozenset(data["svg_paint"]),
        tuple(data["theme_classes"]["prefixes"]), frozenset(data["theme_classes"]["allowed"]),
    )


@dataclass
class Problem:
    """One thing the browser must not be given, before it is placed at a source line."""

    rule: str
    message: str
    hint: str
    section: int
    needles: tuple[str, ...]  # literal texts to look for in the source, best first


@dataclass
class Scan:
    """What one parse of a page found: problems, its text (by section) and its media tags."""

    problems: list[Problem] = field(default_factory=list)
    texts: list[tuple[int, str]] = field(default_factory=list)
    media: list[tuple[str, dict[str, str | None], int]] = field(default_factory=list)  # (tag, attributes, section)
    inline_scripts: list[str] = field(default_factory=list)  # bodies of the theme's inline scripts (Mode.DOCUMENT)
    script_files: list[str] = field(default_factory=list)  # src of each <script> (Mode.DOCUMENT)
    theme_config: dict[str, Any] = field(default_factory=dict)  # the theme's <script id="__config"> data
    h1: str | None = None  # the first heading's text, entities decoded: MkDocs' page title when front matter has none


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _a(tag: str) -> str:
    return f"{'An' if tag[:1] in 'aeiou' else 'A'} <{tag}>"


_RE_HANDLER = re.compile(r"on[a-z]+$")
_SVG_URL = re.compile(r"url\(\s*['\"]?\s*#[\w\-.:]+\s*['\"]?\s*\)", re.IGNORECASE)


class _Walker:
    def __init__(self, mode: Mode, theme_script: Callable[[str], bool] | None) -> None:
        self.mode = mode
        self.policy = policy()
        self.theme_script = theme_script or (lambda body: False)
        self.scan = Scan()
        self.section = 0

    def add(self, rule: str, message: str, hint: str, *needles: str) -> None:
        self.scan.problems.append(Problem(rule, message, hint, self.section, tuple(n for n in needles if n)))

    # --- elements ------------------------------------------------------------------
    def element(self, node: LexborNode) -> None:
        tag = (node.tag or "").lower()
        if tag in ("h2", "h3") and not _inside(node, _HEADINGS):
            self.section += 1
        elif tag == "h1" and self.scan.h1 is None:
            self.scan.h1 = node.text(deep=True)
        attributes = {name.lower(): value for name, value in node.attributes.items()}
        allowed = self.policy.attributes(tag, self.mode)
        if allowed is None:
            self._tag(tag, attributes, node.text(deep=True) if tag == "style" else "")
            return
        if tag == "script":
            self._script(node, attributes)
        if tag == "link":
            self._fetching_link = self._rel(attributes.get("rel") or "")
        for name, value in attributes.items():
            self.attribute(tag, name, value or "", allowed)
        if tag in _MEDIA:
            self.scan.media.append((tag, attributes, self.section))

    def _tag(self, tag: str, attributes: dict[str, str | None], css: str = "") -> None:
        source = next((value for name, value in attributes.items() if name in ("src", "data", "href", "action") and value), "")
        if tag in ("link", "style", "form") and not source:
            source = next((use.value for use in stylesheet_uses(css) if use.kind == "url" and is_external(use.value)), "")
        if tag in ("link", "style", "form") and is_external(source):
            self._third_party(tag, "action" if tag == "form" else "href", source)
            return
        if ":" in tag:
            self.add(RAW_HTML, f"<{tag}> is not a link: Markdown leaves it as an unknown tag, and readers see nothing.", f"Write it as a link with words: [the words to show]({tag}).", f"<{tag}")
            return
        where = f" from {host_of(source)}" if source and is_external(source) else ""
        why = _WHY_TAG.get(tag, "is not on the list of tags a page may use")
        self.add(
            RAW_HTML, f"{_a(tag)} tag{where} {why}; policy pages may not contain one.",
            "Remove it. Pages are text, links, lists, tables and local images; to point readers at a video or a form, use a normal link.",
            f"<{tag}",
        )

    def _script(self, node: LexborNode, attributes: dict[str, str | None]) -> None:
        """The theme's scripts: files on this site, JSON data, or an inline script the theme's templates hold."""
        body = node.text(deep=True) or ""
        kind = (attributes.get("type") or "").strip().lower()
        if "src" in attributes:
            self.scan.script_files.append(attributes.get("src") or "")
            if body.strip():
                self.add(THEME_SCRIPT, "A <script> with a src also holds code.", "Remove the code between the tags.", body[:40])
            return
        if kind in self.policy.data_script_types:
            try:
                data = json.loads(body)
                if attributes.get("id") == "__config" and isinstance(data, dict):
                    self.scan.theme_config = data
            except ValueError:
                self.add(THEME_SCRIPT, f"A <script type=\"{kind}\"> holds something that is not JSON.", "Check the template that writes it.", body[:40])
            return
        if self.theme_script(body):
            self.scan.inline_scripts.append(body)
        else:
            self.add(
                THEME_SCRIPT, f"An inline <script> that is not one of the theme's own runs on this page ({_short(body, 50)}).",
                "Scripts go in files under overrides/assets/javascripts/, reviewed by a maintainer; never in a page, a setting or front matter.",
                body[:40], "<script",
            )

    # --- attributes ----------------------------------------------------------------
    def attribute(self, tag: str, name: str, value: str, allowed: frozenset[str]) -> None:
        policy = self.policy
        if _RE_HANDLER.match(name):
            self.add(RAW_HTML, f"The <{tag}> tag has an inline event handler ({name}=), which runs code in the reader's browser.", f"Remove {name}=\"…\" from the tag.", *_written(name, value), f"{name}=", name)
            return
        if name == "style":
            self._style(tag, value)
            return
        if name == "ping":
            for url in split_urls(name, value):
                if is_external(url):
                    self.add(THIRD_PARTY, f"The <{tag}> tag pings {host_of(url)} when the link is followed, which tells them who clicked.", "Remove ping=\"…\".", url, "ping=")
                    return
        if name in policy.link_urls | policy.fetch_urls and self._url_problem(tag, name, value):
            return
        if name == "class" and self.mode is Mode.CONTENT and (theirs := policy.theme_class(value)):
            self.add(RAW_HTML, f"The class '{theirs}' belongs to the theme: on a page it can hide text from readers (or move it) while the checks still read it.", "Remove it. To style a part of a page, use a class from the site's style sheet (docs/stylesheets/).", f".{theirs}", theirs)
            return
        if name not in allowed and not self._free_attribute(name):
            self.add(RAW_HTML, f"The <{tag}> tag's {name}= attribute is not on the list of attributes a page may use.", f"Remove {name}=\"…\" (see docs/contributing/checks.md for what is allowed).", *_written(name, value), f"{name}=", name)
            return
        if name == "title" and "<" in value:
            self.add(RAW_HTML, f"The <{tag}> tag's title holds markup ({_short(value, 50)}); the theme's tooltips turn a title into HTML.", "Write the title (or the abbreviation's meaning) as plain words, without < or >.", value[:40], "title")
        elif name in policy.svg_paint and "url(" in value.lower() and not _SVG_URL.fullmatch(value.strip()):
            self.add(THIRD_PARTY, f"The <{tag}> tag's {name}= can make the browser fetch {_short(value, 50)}.", "Paint with a colour, or url(#id) of a gradient in the same image.", value[:40], f"{name}=")
        elif name == "type" and tag == "input" and self.mode is not Mode.DOCUMENT and value.lower() not in ("checkbox", "radio"):
            self.add(RAW_HTML, f"An <input type=\"{value}\"> asks readers to type or send something.", "Remove it: policy pages hold no forms.", "<input", value)

    def _url_problem(self, tag: str, name: str, value: str) -> bool:
        """Report a URL attribute's problem; True if there was one."""
        before = len(self.scan.problems)
        fetched = name in self.policy.fetch_urls and not (tag == "a" and name == "xlink:href")
        if fetched or (tag == "link" and name == "href" and self._fetching_link):
            for url in split_urls(name, value):
                self._fetched(tag, name, url)
        else:
            self._link(tag, name, value)
        return len(self.scan.problems) > before

    _fetching_link = True  # set per <link> by its rel, before its href is read

    def _free_attribute(self, name: str) -> bool:
        if name.startswith(("aria-", "xmlns")):
            return True
        if name.startswith("data-"):
            return self.mode is Mode.DOCUMENT or not name.startswith("data-md-")
        return False

    def _rel(self, value: str) -> bool:
        """Report a rel the theme may not use; whether the link's href is fetched (anything but navigation is)."""
        rels = set(value.lower().split())
        if not rels <= self.policy.fetching_rels | self.policy.navigating_rels:
            self.add(RAW_HTML, f"A <link rel=\"{value}\"> is not one the theme may use.", "Remove it from the template.", value)
        return bool(rels & self.policy.fetching_rels) or not rels <= self.policy.navigating_rels

    def _style(self, tag: str, css: str) -> None:
        for use in declarations_uses(css):
            if use.kind == "code":
                self.add(UNSAFE_URL, f"The <{tag}> tag's style runs code ({use.value}).", "Remove the style attribute.", use.value)
                return
            if is_external(use.value):
                self._third_party(tag, "style", use.value)
                return
        self.add(RAW_HTML, f"The <{tag}> tag has a style= attribute; the site's security policy blocks inline styles.", "Use a class from the site's style sheet instead (docs/stylesheets/).", "style=")

    def _unsafe(self, tag: str, name: str, url: str, scheme: str) -> None:
        runs = scheme in ("javascript", "vbscript")
        self.add(
            UNSAFE_URL, f"The <{tag}> tag's {name} is a {scheme}: URL ({_short(url, 50)}); {'it runs code' if runs else 'browsers do not treat it as a normal page or file'}.",
            "Remove it: a link must go to a page, never run code." if runs else "Link to a normal https:// page, or put the file (an image, a PDF) under docs/ and link to it.",
            url, f"{scheme}:", f"{name}=",
        )

    def _fetched(self, tag: str, name: str, url: str) -> None:
        """Something the browser fetches by itself: it must stay on this site."""
        scheme = scheme_of(url)
        if is_external(url):
            self._third_party(tag, name, url)
        elif scheme is not None:
            self._unsafe(tag, name, url, scheme)

    def _link(self, tag: str, name: str, url: str) -> None:
        """A link the reader may follow: any https site, mail or phone; never code, never an invitation."""
        scheme = scheme_of(url)
        if scheme is not None and scheme not in self.policy.link_schemes:
            invite = invite_kind(url)
            if invite:
                self._invite(url, *invite)
            else:
                self._unsafe(tag, name, url, scheme)
            return
        invite = invite_kind(url) if scheme in ("http", "https") or url.startswith("//") else None
        if invite:
            self._invite(url, *invite)

    def _third_party(self, tag: str, name: str, url: str) -> None:
        host = host_of(url) or _short(url, 40)
        tracker = tracker_name(url)
        if tracker:
            what = f"loads a tracker ({tracker}) that tells another company who reads this page"
        elif tag == "form":
            what = f"sends what people type to {host}"
        elif is_font_host(url):
            what = f"loads a font from {host}, which tells them who reads this page"
        else:
            what = f"makes the reader's browser fetch {_short(url, 60)} from {host}, which tells them who reads this page"
        self.add(THIRD_PARTY, f"The <{tag}> tag {what}.", "Put the file under docs/ and use it from there, or replace the embed with a normal link the reader can choose to follow.", url, host, f"{name}=")

    def _invite(self, url: str, kind: str, host: str) -> None:
        self.add(
            PRIVATE_INVITE, f"This link {kind} ({_short(url, 60)}); group invitations, personal numbers and hidden addresses do not belong on a public page.",
            "Link to the service's or the organisation's public page instead; share invitations only through the organisation's own accounts, to people you have checked.",
            clean_url(url), host,
        )


def _written(name: str, value: str) -> list[str]:
    """How the attribute may be written in the source (quoted or not), to find its line."""
    return [f'{name}="{value}"', f"{name}='{value}'", f"{name}={value}"] if value and len(value) < 200 else []


def _inside(node: LexborNode, tags: frozenset[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if (parent.tag or "").lower() in tags:
            return True
        parent = parent.parent
    return False


def _nodes(root: LexborNode, texts: bool) -> Iterator[LexborNode]:
    yield from root.traverse(include_text=texts)


def scan(html: str, mode: Mode = Mode.CONTENT, theme_script: Callable[[str], bool] | None = None) -> Scan:
    """Parse once as a browser would; every problem, the text by section, and the media tags."""
    walker = _Walker(mode, theme_script)
    tree = LexborHTMLParser(html)
    root = tree.root if mode is Mode.DOCUMENT else tree.body
    if root is None:
        return walker.scan
    if mode is not Mode.DOCUMENT:  # <meta>, <link>, <style> before any text go to <head>; attributes of <html> and <body> too
        for node in [tree.root, *(tree.head.iter() if tree.head is not None else ())]:
            if node is not None and (node.tag not in _IMPLIED or node.attributes):
                walker.element(node)
    for node in _nodes(root, mode is Mode.CONTENT):
        tag = node.tag or ""
        if tag == "-text":
            if not _inside(node, _SKIP_TEXT):
                walker.scan.texts.append((walker.section, node.text_content or ""))
        elif tag == "-comment" or tag.startswith("!"):
            continue
        elif tag in _IMPLIED and mode is not Mode.DOCUMENT and not node.attributes:
            continue  # the parser's own <html>, <head> and <body>; given attributes, they are the page's
        else:
            walker.element(node)
    return walker.scan
