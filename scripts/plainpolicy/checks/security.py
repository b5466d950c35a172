"""Content security: nothing on a page may run code, call a third party or invite strangers in.

A safeguarding site must not become a way to hurt the people it serves. We scan
the rendered HTML (what the browser gets, whatever Markdown, attr_list or
md_in_html made of the source) and point each finding at the source line.

- `security/raw-html`: a tag that runs or embeds something (`<script>`,
  `<iframe>`, `<object>`, `<embed>`, ...) or an inline event handler (`onclick=`).
- `security/unsafe-url`: a `javascript:`, `vbscript:` or `data:` URL.
- `security/third-party`: anything that makes the reader's browser ask another
  site for something: an external image, script, style sheet, font, video, a
  CSS `url()`, a link `ping`, a form that sends to another site. A normal link
  (`<a href="https://...">`) is fine: following it is the reader's choice.
- `links/private-invite`: a link (or a bare address in the text) that opens a
  chat with a person or invites people into a group (`wa.me`,
  `chat.whatsapp.com`, `t.me`, `discord.gg`, a meeting link...). Group
  invitations and personal numbers do not belong on a public page.

HTML comments are scanned too: browsers end a comment at `<!-->`, so what looks
commented out may run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterable
from urllib.parse import urlsplit

from ..analysis import AnalysedPage, SectionView
from ..findings import ERROR, Finding
from ..htmltokens import END, START, TEXT, Token, attributes, tokens

RAW_HTML = "security/raw-html"
UNSAFE_URL = "security/unsafe-url"
THIRD_PARTY = "security/third-party"
PRIVATE_INVITE = "links/private-invite"

# Tags that run code, embed another document or change how the page loads.
FORBIDDEN_TAGS = {
    "script": "runs code in the reader's browser",
    "iframe": "embeds another page",
    "frame": "embeds another page",
    "frameset": "embeds other pages",
    "object": "embeds a plug-in or another document",
    "embed": "embeds a plug-in or another document",
    "applet": "embeds a plug-in",
    "portal": "embeds another page",
    "base": "changes where every link on the page goes",
    "meta": "can redirect the page or change how it loads",
}

# Attributes whose value is a URL (checked for javascript:, vbscript:, data:).
URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite",
    "longdesc", "lowsrc", "dynsrc", "ping", "xlink:href", "codebase", "archive", "manifest",
    "icon", "imagesrcset", "usemap", "code",
}
# Attributes that make the browser fetch something as the page loads (any tag).
_FETCHING = {"src", "srcset", "lowsrc", "dynsrc", "poster", "background", "imagesrcset", "codebase", "archive", "code", "manifest"}
# ... and those that fetch only on some tags.
_FETCHING_BY_TAG = {
    "link": {"href"},
    "object": {"data"},
    "image": {"href", "xlink:href"},
    "use": {"href", "xlink:href"},
    "feimage": {"href", "xlink:href"},
    "script": {"href", "xlink:href"},
    "a": {"ping"},
    "area": {"ping"},
    "form": {"action"},
    "button": {"formaction"},
    "input": {"formaction"},
}
_MULTI = {"srcset", "imagesrcset", "ping", "archive"}  # several URLs in one value
_SVG_ANIMATION = {"animate", "set", "animatemotion", "animatetransform"}
UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
_NETWORK_SCHEMES = {"http", "https", "ftp", "ws", "wss"}
_SKIP_TEXT = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_CSS_URL = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<url>.*?)(?P=q)\s*\)|@import\s+(?P<q2>['"])(?P<url2>.*?)(?P=q2)|image-set\(\s*(?P<q3>['"])(?P<url3>.*?)(?P=q3)""", re.IGNORECASE | re.DOTALL)
_TEXT_ADDRESS = re.compile(r"(?i)(?<![\w@.\-])(?:https?://)?((?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,})(/[^\s<>\"'()\[\]]*)")
_COMMENT_HTML = re.compile(r"<[a-zA-Z!/?]")
_MAX_DEPTH = 3  # comments inside comments, scanned again

# Well-known analytics and advertising hosts: named in the message so the reason is clear.
TRACKERS = (
    "google-analytics.com", "googletagmanager.com", "doubleclick.net", "googlesyndication.com",
    "googleadservices.com", "facebook.net", "connect.facebook.net", "facebook.com/tr", "hotjar.com",
    "hotjar.io", "clarity.ms", "segment.com", "segment.io", "mixpanel.com", "matomo.cloud",
    "plausible.io", "fullstory.com", "quantserve.com", "scorecardresearch.com", "tiktok.com/i18n/pixel",
    "analytics.tiktok.com", "ads-twitter.com", "static.ads-twitter.com", "snap.licdn.com", "bat.bing.com",
)
_FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com", "use.typekit.net", "fonts.bunny.net", "use.fontawesome.com", "kit.fontawesome.com")

# (host, path prefix or "", what it is). A host matches itself and its subdomains.
_INVITES: tuple[tuple[str, str, str], ...] = (
    ("wa.me", "", "opens a WhatsApp chat with a personal number"),
    ("chat.whatsapp.com", "", "is a WhatsApp group invitation"),
    ("api.whatsapp.com", "/send", "opens a WhatsApp chat with a personal number"),
    ("web.whatsapp.com", "/send", "opens a WhatsApp chat with a personal number"),
    ("t.me", "", "is a Telegram invitation or profile"),
    ("telegram.me", "", "is a Telegram invitation or profile"),
    ("telegram.dog", "", "is a Telegram invitation or profile"),
    ("signal.group", "", "is a Signal group invitation"),
    ("signal.me", "", "opens a Signal chat with a personal number"),
    ("discord.gg", "", "is a Discord server invitation"),
    ("discord.com", "/invite", "is a Discord server invitation"),
    ("discordapp.com", "/invite", "is a Discord server invitation"),
    ("m.me", "", "opens a Messenger chat with a person"),
    ("messenger.com", "/t/", "opens a Messenger chat with a person"),
    ("facebook.com", "/messages", "opens a Messenger chat with a person"),
    ("facebook.com", "/profile.php", "is a personal Facebook profile"),
    ("instagram.com", "/direct", "opens an Instagram direct message"),
    ("snapchat.com", "/add/", "adds a person on Snapchat"),
    ("join.skype.com", "", "is a Skype group invitation"),
    ("line.me", "/ti/", "is a LINE invitation"),
    ("line.me", "/r/ti/", "is a LINE invitation"),
    ("invite.viber.com", "", "is a Viber invitation"),
    ("groupme.com", "/join_group", "is a GroupMe group invitation"),
    ("kik.me", "", "opens a Kik chat with a person"),
    ("zoom.us", "/j/", "is a video meeting invitation: anyone with it can join"),
    ("zoom.us", "/my/", "is a personal video meeting room: anyone with it can join"),
    ("teams.microsoft.com", "/l/meetup-join", "is a video meeting invitation: anyone with it can join"),
    ("teams.live.com", "/meet", "is a video meeting invitation: anyone with it can join"),
    ("meet.google.com", "/", "is a video meeting invitation: anyone with it can join"),
)
_INVITE_HOSTS = re.compile("|".join(re.escape(host) for host in sorted({host for host, _, _ in _INVITES})), re.IGNORECASE)
_INVITE_SCHEMES = {
    "whatsapp": "opens a WhatsApp chat or group",
    "tg": "opens a Telegram chat or group",
    "sgnl": "opens a Signal chat or group",
    "skype": "starts a Skype call or chat",
    "viber": "opens a Viber chat",
    "fb-messenger": "opens a Messenger chat",
    "zoommtg": "joins a video meeting",
    "msteams": "joins a video meeting",
}


# --- URLs ----------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def clean_url(value: str) -> str:
    """The URL as a browser reads it: tabs, new lines and control characters removed."""
    return _CONTROL.sub("", value)


def scheme_of(url: str) -> str | None:
    match = _SCHEME.match(clean_url(url).lower())
    return match.group(1) if match else None


def host_of(url: str) -> str:
    cleaned = clean_url(url).replace("\\", "/")
    if cleaned.startswith("//"):
        cleaned = "http:" + cleaned
    try:
        return (urlsplit(cleaned).hostname or "").rstrip(".")
    except ValueError:
        return ""


def is_external(url: str) -> bool:
    """Does fetching this URL ask another site for it?"""
    cleaned = clean_url(url).replace("\\", "/")
    if cleaned.startswith("//"):
        return True
    return scheme_of(cleaned) in _NETWORK_SCHEMES


def _split_urls(name: str, value: str) -> list[str]:
    if name in ("srcset", "imagesrcset"):
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    if name in _MULTI:
        return [part for part in re.split(r"[\s,]+", value) if part]
    return [value]


def _host_matches(host: str, wanted: str) -> bool:
    return host == wanted or host.endswith("." + wanted)


def tracker_name(url: str) -> str | None:
    host = host_of(url)
    cleaned = clean_url(url).lower()
    for tracker in TRACKERS:
        name, _, path = tracker.partition("/")
        if _host_matches(host, name) and (not path or f"/{path}" in cleaned):
            return name
    return None


def invite_kind(url: str) -> tuple[str, str] | None:
    """(what it is, host) if a link opens a personal chat or is a group invitation; else None.

    A bare address ("chat.whatsapp.com/AbC") counts as well as a full URL.
    """
    scheme = scheme_of(url)
    if scheme in _INVITE_SCHEMES:
        return _INVITE_SCHEMES[scheme], f"{scheme}:"
    cleaned = clean_url(url).replace("\\", "/")
    if not _INVITE_HOSTS.search(cleaned):
        return None  # fast path: most links are to pages of this site
    if scheme is None:
        cleaned = "http:" + (cleaned if cleaned.startswith("//") else "//" + cleaned)
    elif scheme not in ("http", "https"):
        return None
    try:
        parts = urlsplit(cleaned)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    path = parts.path.lower()
    if not host or not any(character.isalnum() for character in path + parts.fragment):
        return None  # the bare site ("chat.whatsapp.com"), not an invitation (Signal's is in the #fragment)
    for name, prefix, what in _INVITES:
        if _host_matches(host, name) and path.startswith(prefix):
            return what, host
    return None


# --- scanning the HTML -----------------------------------------------------------------
@dataclass
class Problem:
    """One thing wrong in the HTML, before it is given a source line."""

    rule: str
    message: str
    hint: str
    section: int
    needles: tuple[str, ...]  # literal texts to look for in the source, best first
    commented: bool = False


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class TolerantHTMLParser(HTMLParser):
    """HTMLParser that reads "<![anything" as browsers do, instead of failing.

    Python 3.11's parser raises AssertionError on a marked section it does not
    know ("<![the](x.png)" inside a raw <div> block reaches it). Browsers read
    it as a bogus comment that ends at the next ">"; so do we.
    """

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            end = self.rawdata.find(">", i + 3)
            if end < 0:
                return -1  # wait for more text; at the end it becomes plain text
            self.handle_comment(self.rawdata[i + 3 : end])
            return end + 1


class _Scanner(TolerantHTMLParser):
    def __init__(self, depth: int = 0, section: int = 0, commented: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[Problem] = []
        self.section = section
        self.depth = depth
        self.commented = commented
        self._heading = ""
        self._skip: list[str] = []
        self._style: list[str] | None = None
        self.texts: list[tuple[int, str]] = []
        self.media: list[tuple[str, dict[str, str | None], int]] = []  # (tag, attributes, section)

    # --- events ------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Sections as plainpolicy.extract counts them: an h2 or h3 that is not inside another heading.
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not self._heading and self.depth == 0:
            self._heading = tag
            if tag in ("h2", "h3"):
                self.section += 1
        if tag in _SKIP_TEXT:
            self._skip.append(tag)
        if tag == "style":
            self._style = []
        self._element(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = ""
        if tag in self._skip:
            while self._skip and self._skip.pop() != tag:
                pass
        if tag == "style" and self._style is not None:
            self._css("".join(self._style), "style")
            self._style = None

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)
        elif not self._skip:
            self.texts.append((self.section, data))

    def handle_comment(self, data: str) -> None:
        self._hidden(data)

    def unknown_decl(self, data: str) -> None:
        self._hidden(data)

    def handle_decl(self, decl: str) -> None:
        self._hidden(decl)

    def handle_pi(self, data: str) -> None:
        self._hidden(data)

    def close(self) -> None:
        super().close()
        if self._style is not None:  # an unclosed <style>
            self._css("".join(self._style), "style")
            self._style = None

    # --- rules -------------------------------------------------------------------------
    def _add(self, rule: str, message: str, hint: str, *needles: str) -> None:
        if self.commented:
            message += " (It is inside an HTML comment, but browsers may still read it.)"
        self.problems.append(Problem(rule, message, hint, self.section, tuple(n for n in needles if n), self.commented))

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        opening = f"<{tag}"
        if tag in FORBIDDEN_TAGS:
            source = next((value for name, value in attrs if name in ("src", "data", "href") and value), "")
            where = f" from {host_of(source)}" if source and is_external(source) else ""
            self._add(
                RAW_HTML,
                f"{'An' if tag[0] in 'aeiou' else 'A'} <{tag}> tag{where} {FORBIDDEN_TAGS[tag]}; policy pages may not contain one.",
                "Remove it. Pages are plain text, links and local images; to point readers at a video or a form, use a normal link.",
                opening,
            )
        attributes: dict[str, str | None] = {}
        for name, value in attrs:
            attributes.setdefault(name, value)
            self._attribute(tag, name, value or "", opening)
        if tag in ("img", "source", "video", "audio", "a", "input", "track", "picture"):
            self.media.append((tag, attributes, self.section))

    def _attribute(self, tag: str, name: str, value: str, opening: str) -> None:
        if name.startswith("on") and len(name) > 2 and name[2:].isalpha():
            self._add(
                RAW_HTML,
                f"The <{tag}> tag has an inline event handler ({name}=), which runs code in the reader's browser.",
                f"Remove {name}=\"…\" from the tag.",
                f"{name}=", name,
            )
            return
        if name == "style":
            self._css(value, tag)
            return
        if ":" in value:  # only a value with a colon can name a scheme
            lowered = clean_url(value).lower()
            if lowered.startswith(("javascript:", "vbscript:")) or (tag in _SVG_ANIMATION and name in ("values", "to", "from") and "javascript:" in lowered):
                self._unsafe(tag, name, value)
                return
        if name not in URL_ATTRIBUTES:
            return
        for url in _split_urls(name, value):
            scheme = scheme_of(url)
            if scheme in UNSAFE_SCHEMES:
                self._unsafe(tag, name, url)
                continue
            fetches = name in _FETCHING or name in _FETCHING_BY_TAG.get(tag, ())
            if fetches and tag not in FORBIDDEN_TAGS and is_external(url):  # a forbidden tag is reported already
                self._third_party(tag, name, url)
            if name in ("href", "xlink:href"):
                invite = invite_kind(url)
                if invite:
                    self._invite(url, *invite)

    def _unsafe(self, tag: str, name: str, url: str) -> None:
        scheme = scheme_of(url) or "javascript"
        self._add(
            UNSAFE_URL,
            f"The <{tag}> tag's {name} is a {scheme}: URL ({_short(url, 50)}); {'it runs code' if scheme != 'data' else 'it hides content inside the page'}.",
            "Link to a normal https:// page, or put the file (an image, a PDF) under docs/ and link to it." if scheme == "data" else "Remove it: a link must go to a page, never run code.",
            url, f"{scheme}:", f"{name}=",
        )

    def _third_party(self, tag: str, name: str, url: str) -> None:
        host = host_of(url) or _short(url, 40)
        tracker = tracker_name(url)
        if tracker:
            what = f"loads a tracker ({tracker}) that tells another company who reads this page"
        elif _host_matches(host, "fonts.googleapis.com") or any(_host_matches(host, font) for font in _FONT_HOSTS):
            what = f"loads a font from {host}, which tells them who reads this page"
        elif name == "ping":
            what = f"pings {host} when the link is followed, which tells them who clicked"
        elif tag in ("form", "button", "input") and name in ("action", "formaction"):
            what = f"sends what people type to {host}"
        else:
            what = f"makes the reader's browser fetch {_short(url, 60)} from {host}, which tells them who reads this page"
        self._add(
            THIRD_PARTY,
            f"The <{tag}> tag {what}.",
            "Put the file under docs/ and use it from there, or replace the embed with a normal link the reader can choose to follow.",
            url, host, f"{name}=",
        )

    def _invite(self, url: str, kind: str, host: str) -> None:
        self._add(
            PRIVATE_INVITE,
            f"This link {kind} ({_short(url, 60)}); group invitations and personal numbers do not belong on a public page.",
            "Tell readers how to ask a named member of staff to join instead; share invitations only through the organisation's own accounts, to people you have checked.",
            clean_url(url), host,
        )

    def _css(self, css: str, tag: str) -> None:
        for match in _CSS_URL.finditer(css):
            url = (match.group("url") or match.group("url2") or match.group("url3") or "").strip()
            if not url:
                continue
            scheme = scheme_of(url)
            if scheme in UNSAFE_SCHEMES:
                self._unsafe(tag, "style url()" if tag != "style" else "url()", url)
            elif is_external(url):
                self._third_party(tag, "style", url)

    def _hidden(self, data: str) -> None:
        """Markup inside a comment or declaration: scanned again, as a browser might read it."""
        if self.depth >= _MAX_DEPTH or not _COMMENT_HTML.search(data):
            return
        inner = _Scanner(self.depth + 1, self.section, commented=True)
        try:
            inner.feed(data)
            inner.close()
        except Exception:  # unparseable markup inside a comment is not our concern
            return
        self.problems.extend(inner.problems)


# --- the fast path -------------------------------------------------------------------
# Almost every page is plain Markdown output: a few dozen ordinary tags, no media, no
# scripts, links to pages or https sites. For such HTML, a quick walk with the small
# tokenizer proves there is nothing to report; anything it does not recognise as
# plainly safe sends the page through the full, browser-like scanner above.

_PLAIN_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol li a em strong b i code pre span div table thead tbody tfoot tr th td "
    "details summary abbr sup sub hr br blockquote dl dt dd input label del ins mark small kbd samp s u "
    "caption colgroup col figure figcaption section article aside header footer time q cite dfn var wbr".split()
)
_PLAIN_ATTRIBUTES = frozenset(
    "id class href title for name type checked open colspan rowspan align start reversed value role "
    "tabindex lang dir datetime hidden headers scope".split()
)
_PLAIN_HREF = re.compile(r"(?:https?://|mailto:|tel:|#|/|\./|\.\./)|[^:]*(?:[/?#]|$)", re.IGNORECASE)


def _plain_attributes(tag: str, raw: str) -> bool:
    for name, value in attributes(raw).items():
        if name.startswith(("data-", "aria-")):
            continue
        if name not in _PLAIN_ATTRIBUTES:
            return False
        if name == "href" and (not _PLAIN_HREF.match(value.strip()) or invite_kind(value)):
            return False
        if name == "type" and tag == "input" and value.lower() not in ("radio", "checkbox"):
            return False
    return True


def _fast_scan(html: str, token_list: list[Token] | None = None) -> _Scanner | None:
    """A scanner holding the page's text, if the HTML is plainly safe; else None."""
    if "<!" in html or "<?" in html:
        return None  # comments and declarations: the full scanner reads them as a browser would
    scanner = _Scanner()
    heading = ""
    skipping: list[str] = []
    for kind, tag, value in token_list if token_list is not None else tokens(html):
        if kind == TEXT:
            if value == "<":
                return None  # a "<" that is not a tag we can read: let the full scanner decide
            if not skipping:
                scanner.texts.append((scanner.section, value))
            continue
        if tag not in _PLAIN_TAGS:
            return None
        if kind == END:
            if tag == heading:
                heading = ""
            if tag in skipping:
                while skipping and skipping.pop() != tag:
                    pass
            continue
        if value and not _plain_attributes(tag, value):
            return None
        if tag in ("a", "input"):  # as the full scanner does: a link may point at a photo
            scanner.media.append((tag, dict(attributes(value)) if value else {}, scanner.section))
        if kind == START:
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not heading:
                heading = tag
                if tag in ("h2", "h3"):
                    scanner.section += 1
            if tag in _SKIP_TEXT:
                skipping.append(tag)
    return scanner


def scan_html(html: str, token_list: list[Token] | None = None) -> _Scanner:
    """Parse rendered HTML once; the scanner holds its problems, text and media tags."""
    fast = _fast_scan(html, token_list)
    if fast is not None:
        return fast
    scanner = _Scanner()
    try:
        scanner.feed(html)
        scanner.close()
    except Exception as error:  # markup the parser cannot read cannot be vouched for: fail closed
        scanner._add(
            RAW_HTML,
            f"This page holds HTML that cannot be read safely ({type(error).__name__}: {_short(str(error), 60)}).",
            "Simplify the raw HTML on this page, or write it in Markdown.",
            "<",
        )
    return scanner


def text_invites(texts: Iterable[tuple[int, str]]) -> list[Problem]:
    """Invitation addresses written as plain text (no link), outside code."""
    problems: list[Problem] = []
    for section, text in texts:
        if "." not in text or "/" not in text:  # an address here always has a path
            continue
        for match in _TEXT_ADDRESS.finditer(text):
            address = match.group(0)
            invite = invite_kind(address)
            if invite:
                kind, host = invite
                problems.append(
                    Problem(
                        PRIVATE_INVITE,
                        f"This address {kind} ({_short(address, 60)}); group invitations and personal numbers do not belong on a public page.",
                        "Remove it. Tell readers how to ask a named member of staff to join instead.",
                        section, (address, host),
                    )
                )
    return problems


# --- from problems to findings -------------------------------------------------------
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _code_lines(page: AnalysedPage) -> set[int]:
    """Source lines inside closed fenced code blocks (their text is shown, never run).

    A fence that is never closed is not code to Python-Markdown: what follows it
    is rendered (and run) as usual, so it is searched as usual.
    """
    lines = page.source.lines
    inside: set[int] = set()
    fence, opened = "", 0
    for number in range(page.source.body_line, len(lines) + 1):
        opener = _FENCE.match(lines[number - 1])
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                inside.update(range(opened, number + 1))
                fence = ""
            continue
        if opener:
            fence, opened = opener.group(1), number
    return inside


@dataclass
class Locator:
    """Finds the source line of a piece of HTML, moving forward so repeats map to their own line.

    Searching costs about two passes over a section per needle (a cursor per
    needle, and a memory of needles that are nowhere or used up), so a page
    with thousands of findings stays linear.
    """

    page: AnalysedPage
    _code: set[int] = field(default_factory=set)
    _cursor: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)
    _absent: set[tuple[int, str]] = field(default_factory=set)
    _first: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)  # needles whose later matches are used up
    _recent: dict[int, int] = field(default_factory=dict)  # section -> line of the last place found going forward
    _lowered: list[str] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._code = _code_lines(self.page)
        self._lowered = [line.lower() for line in self.page.source.lines]
        # A section ends where the next section *with a later line* starts: a
        # heading that is not in the source (the "Talk about it" box) shares
        # the line of the one before it.
        views = self.page.sections
        self._ends = [len(self._lowered) + 1] * len(views)
        for index in range(len(views) - 2, -1, -1):
            after = views[index + 1].line
            self._ends[index] = after if after > views[index].line else self._ends[index + 1]
        self._ends = [max(end, view.end_line) for end, view in zip(self._ends, views)]

    def _search(self, needle: str, start: tuple[int, int], end: int) -> tuple[int, int] | None:
        line, column = start
        for number in range(line, end):
            if number in self._code:
                continue
            found = self._lowered[number - 1].find(needle, column if number == line else 0)
            if found >= 0:
                return number, found
        return None

    def locate(self, needles: Iterable[str], view: SectionView, index: int) -> tuple[int, int]:
        # The intro starts at the first body line: raw HTML may sit above the page title.
        first = self.page.source.body_line if index == 0 else max(view.line, self.page.source.body_line, 1)
        end = min(self._ends[index] if index < len(self._ends) else view.end_line, len(self._lowered) + 1)
        # Problems come in the order of the page, so the search starts on the line of
        # the last place found in this section (any needle), not at the section's top.
        recent = (self._recent.get(index, first), 0)
        for raw in needles:
            needle = raw.lower()
            if not needle or len(needle) > 2000:
                continue
            key = (index, needle)
            if key in self._absent:
                continue
            if key in self._first:  # more findings than places in the source: the first place
                return self._first[key]
            start = max(self._cursor.get(key, (first, 0)), recent)
            found = self._search(needle, start, end)
            if found is not None:
                self._recent[index] = found[0]
            elif start > (first, 0):
                found = self._search(needle, (first, 0), min(start[0] + 1, end))
                if found is not None and found >= start:
                    found = None
                if found is not None:
                    self._first[key] = (found[0], found[1] + 1)
            if found is None:
                self._absent.add(key)
                continue
            self._cursor[key] = (found[0], found[1] + 1)
            return found[0], found[1] + 1
        return view.line, 1


def _view(page: AnalysedPage, index: int) -> tuple[SectionView, int]:
    index = max(0, min(index, len(page.sections) - 1))
    return page.sections[index], index


def check_security(page: AnalysedPage, scanner: _Scanner, locator: Locator | None = None) -> list[Finding]:
    """Every security and invitation problem on the page (scanned by scan_html), at its source line."""
    problems = scanner.problems + text_invites(scanner.texts)
    findings = _to_findings(page, problems, locator or Locator(page))
    findings.extend(check_front_matter(page))
    return findings


def _to_findings(page: AnalysedPage, problems: list[Problem], locator: Locator) -> list[Finding]:
    voice = page.voice.name if page.voice else ""
    findings: list[Finding] = []
    seen: set[tuple[str, int, str]] = set()
    for problem in problems:
        view, index = _view(page, problem.section)
        key = (problem.rule, index, problem.message)
        if problem.rule == PRIVATE_INVITE:
            # The same address as a link and as its own visible text: report it once.
            address = (problem.needles[0] if problem.needles else "").lower().split("://")[-1].rstrip("/")
            key = (problem.rule, index, address)
            if key in seen:
                continue
            seen.add(key)
        line, column = locator.locate(problem.needles, view, index)
        findings.append(Finding(page.path, line, problem.rule, ERROR, problem.message, problem.hint, column, voice, view.name))
    return findings


def check_front_matter(page: AnalysedPage) -> list[Finding]:
    """Front matter text (title, summary) is shown by the theme: it must not carry markup that runs."""
    voice = page.voice.name if page.voice else ""
    findings: list[Finding] = []
    for key, value in page.source.meta.items():
        values = [value] if isinstance(value, str) else [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
        for text in values:
            if "<" not in text:
                continue
            scanner = _Scanner()
            try:
                scanner.feed(text)
                scanner.close()
            except Exception:
                continue
            line = page.source.meta_lines.get(key, 1)
            for problem in scanner.problems:
                findings.append(Finding(page.path, line, problem.rule, ERROR, f"In the front matter '{key}': {problem.message}", problem.hint, 1, voice, "front matter"))
    return findings
