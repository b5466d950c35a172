"""URLs as a browser reads them: scheme, host, and whether a link is an invitation.

A browser drops tabs, new lines and control characters inside a URL, decodes
percent-escapes in a host, and folds full-width letters and ideographic full
stops ("chat。whatsapp。com") to ASCII before it connects. Every question here
is asked of the URL after those same steps, so a disguised address is judged
as the address the reader would reach.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})

# Schemes a link may use: a page, an e-mail, a phone call. Relative URLs have none.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
NETWORK_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss"})

# Well-known analytics and advertising hosts: named in the message so the reason is clear.
TRACKERS = (
    "google-analytics.com", "googletagmanager.com", "doubleclick.net", "googlesyndication.com",
    "googleadservices.com", "facebook.net", "facebook.com/tr", "hotjar.com", "hotjar.io", "clarity.ms",
    "segment.com", "segment.io", "mixpanel.com", "matomo.cloud", "plausible.io", "fullstory.com",
    "quantserve.com", "scorecardresearch.com", "analytics.tiktok.com", "ads-twitter.com", "snap.licdn.com", "bat.bing.com",
)
FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com", "use.typekit.net", "fonts.bunny.net", "use.fontawesome.com", "kit.fontawesome.com")

_CHAT = "opens a chat with a personal number or account"
_GROUP = "is a group or channel invitation"
_MEETING = "is a video meeting invitation: anyone with it can join"
_SHORT = "is a shortened link: nobody reading the page can see where it goes"
# (host, path prefix or "", what it is). A host matches itself and its subdomains.
INVITES: tuple[tuple[str, str, str], ...] = (
    ("wa.me", "", _CHAT), ("wa.link", "", _CHAT), ("api.whatsapp.com", "/send", _CHAT), ("web.whatsapp.com", "/send", _CHAT),
    ("chat.whatsapp.com", "", _GROUP), ("whatsapp.com", "/channel", _GROUP),
    ("t.me", "", _CHAT), ("telegram.me", "", _CHAT), ("telegram.dog", "", _CHAT),
    ("signal.group", "", _GROUP), ("signal.me", "", _CHAT),
    ("discord.gg", "", _GROUP), ("discord.com", "/invite", _GROUP), ("discordapp.com", "/invite", _GROUP),
    ("m.me", "", _CHAT), ("messenger.com", "/t/", _CHAT), ("facebook.com", "/messages", _CHAT),
    ("facebook.com", "/profile.php", "is a personal Facebook profile"), ("facebook.com", "/groups", _GROUP), ("fb.me", "", _CHAT),
    ("instagram.com", "/direct", _CHAT), ("ig.me", "", _CHAT), ("snapchat.com", "/add/", _CHAT),
    ("join.skype.com", "", _GROUP), ("line.me", "/ti/", _CHAT), ("line.me", "/r/ti/", _CHAT), ("invite.viber.com", "", _GROUP),
    ("groupme.com", "/join_group", _GROUP), ("kik.me", "", _CHAT),
    ("zoom.us", "/j/", _MEETING), ("zoom.us", "/my/", _MEETING), ("teams.microsoft.com", "/l/meetup-join", _MEETING),
    ("teams.live.com", "/meet", _MEETING), ("meet.google.com", "/", _MEETING),
    ("bit.ly", "", _SHORT), ("tinyurl.com", "", _SHORT), ("t.co", "", _SHORT), ("goo.gl", "", _SHORT), ("ow.ly", "", _SHORT),
    ("is.gd", "", _SHORT), ("buff.ly", "", _SHORT), ("rebrand.ly", "", _SHORT), ("cutt.ly", "", _SHORT), ("shorturl.at", "", _SHORT),
    ("tiny.cc", "", _SHORT), ("rb.gy", "", _SHORT), ("lnkd.in", "", _SHORT), ("s.id", "", _SHORT), ("v.gd", "", _SHORT),
)
INVITE_SCHEMES = {
    "whatsapp": "opens a WhatsApp chat or group", "tg": "opens a Telegram chat or group", "sgnl": "opens a Signal chat or group",
    "skype": "starts a Skype call or chat", "viber": "opens a Viber chat", "fb-messenger": "opens a Messenger chat",
    "zoommtg": "joins a video meeting", "msteams": "joins a video meeting", "discord": "opens a Discord server",
}


def clean_url(value: str) -> str:
    """The URL as a browser reads it: tabs, new lines and control characters removed."""
    return _CONTROL.sub("", value)


def fold(text: str) -> str:
    """Full-width letters and ideographic full stops as the ASCII a browser connects to."""
    return unicodedata.normalize("NFKC", text.translate(_DOTS)).translate(_DOTS).lower()


def scheme_of(url: str) -> str | None:
    match = _SCHEME.match(fold(clean_url(url)))
    return match.group(1) if match else None


def _parts(url: str) -> tuple[str, str, str] | None:
    """(host, path, fragment) of an absolute or scheme-relative URL, decoded and folded; None if it has no host."""
    cleaned = fold(clean_url(url).replace("\\", "/"))
    if cleaned.startswith("//"):
        cleaned = "http:" + cleaned
    try:
        parts = urlsplit(cleaned)
        host = fold(unquote(parts.hostname or "")).rstrip(".")
    except ValueError:
        return None
    return (host, unquote(parts.path), parts.fragment) if host else None


def host_of(url: str) -> str:
    parts = _parts(url) if is_external(url) else None
    return parts[0] if parts else ""


def is_external(url: str) -> bool:
    """Does fetching this URL ask another site for it?"""
    cleaned = fold(clean_url(url).replace("\\", "/"))
    return cleaned.startswith("//") or scheme_of(cleaned) in NETWORK_SCHEMES


def split_urls(name: str, value: str) -> list[str]:
    """The URLs in one attribute value (srcset and ping hold several)."""
    if name in ("srcset", "imagesrcset"):
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    if name in ("ping", "archive"):
        return [part for part in re.split(r"[\s,]+", value) if part]
    return [value]


def host_matches(host: str, wanted: str) -> bool:
    return host == wanted or host.endswith("." + wanted)


def tracker_name(url: str) -> str | None:
    host, lowered = host_of(url), fold(clean_url(url))
    for tracker in TRACKERS:
        name, _, path = tracker.partition("/")
        if host_matches(host, name) and (not path or f"/{path}" in lowered):
            return name
    return None


def is_font_host(url: str) -> bool:
    return any(host_matches(host_of(url), font) for font in FONT_HOSTS)


def invite_kind(url: str) -> tuple[str, str] | None:
    """(what it is, host) if a link opens a personal chat, is a group invitation or hides its address; else None.

    A bare address ("chat.whatsapp.com/AbC") counts as well as a full URL.
    """
    scheme = scheme_of(url)
    if scheme in INVITE_SCHEMES:
        return INVITE_SCHEMES[scheme], f"{scheme}:"
    if scheme is None:
        cleaned = clean_url(url)
        url = "http:" + (cleaned if cleaned.startswith("//") else "//" + cleaned)
    elif scheme not in ("http", "https"):
        return None
    parts = _parts(url)
    if parts is None:
        return None
    host, path, fragment = parts
    if not any(character.isalnum() for character in path + fragment):
        return None  # the bare site ("chat.whatsapp.com"), not an invitation (Signal's is in the #fragment)
    for name, prefix, what in INVITES:
        if host_matches(host, name) and path.lower().startswith(prefix):
            return what, host
    return None
