"""Content security: no raw code, no third-party requests, no chat invitations on a page.

Pages are checked as the reader gets them (rendered HTML) and each finding must
point at the source line; the expected line is always found in the text itself.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from plainpolicy.engine.checker import Checker
from plainpolicy.findings import ERROR
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.rules.security import clean_url, invite_kind, is_external, scan_html

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(__file__).resolve().parent / "corpus" / "pages"
FAMILIES = ("security/", "links/", "images/")
FRONT = "---\ntitle: Test page\n---\n\n# Test page\n\n"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_site_config(SITE / "mkdocs.yml"))


def check(checker: Checker, body: str, front: str = FRONT) -> list[tuple[str, int]]:
    """(rule, line) of the content security findings, for a page in no voice."""
    text = front + textwrap.dedent(body)
    result = checker.check_text(text, "notes/page.md", "docs/notes/page.md", set())
    found = [f for f in result.findings if f.rule.startswith(FAMILIES)]
    for finding in found:
        assert finding.severity == ERROR and finding.message and finding.hint
    return [(f.rule, f.line) for f in found]


def line(body: str, text: str, front: str = FRONT) -> int:
    """The file line of the first line of `body` that holds `text`."""
    lines = (front + textwrap.dedent(body)).split("\n")
    return next(number for number, content in enumerate(lines, start=1) if text in content)


# --- raw HTML -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script src="/assets/local.js"></script>',
        '<iframe src="/other-page/"></iframe>',
        '<object data="file.swf"></object>',
        '<embed src="file.swf">',
        '<meta http-equiv="refresh" content="0;url=https://example.org">',
        '<base href="https://example.org/">',
        "<SCRIPT>alert(1)</SCRIPT>",
        "<svg><script>alert(1)</script></svg>",
    ],
)
def test_tags_that_run_or_embed_are_errors(checker: Checker, snippet: str) -> None:
    body = f"Some words.\n\n{snippet}\n\nMore words.\n"
    assert check(checker, body) == [("security/raw-html", line(body, snippet))]


@pytest.mark.parametrize(
    ("body", "marker"),
    [
        ('<button onclick="steal()">Press</button>\n', "onclick"),
        ('<img src="images/x.png" alt="x" onerror="steal()">\n', "onerror"),
        ('<svg/onload=alert(1)>\n', "onload"),
        ('<div onmouseover="x()" markdown>\nText.\n</div>\n', "onmouseover"),
        # attr_list adds attributes from Markdown: an event handler that way is just as bad.
        ('Read [the page](https://example.org){ onclick="steal()" } now.\n', "onclick"),
    ],
)
def test_inline_event_handlers_are_errors(checker: Checker, body: str, marker: str) -> None:
    assert ("security/raw-html", line(body, marker)) in check(checker, body)


def test_harmless_html_is_fine(checker: Checker) -> None:
    body = """\
    <div class="note" markdown>
    Ask <span title="Designated safeguarding lead">the lead</span> for <b>help</b>.
    </div>

    <details><summary>More</summary>Text.</details>
    """
    assert check(checker, body) == []


# --- unsafe URLs --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "snippet",
    [
        "[Click here](javascript:alert(1))",
        "[Click here](JavaScript:alert(1))",
        "[Open](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="vbscript:msgbox(1)">Open</a>',
        '<a href="jav&#x09;ascript:alert(1)">Open</a>',  # a tab inside the scheme, as an entity
        '<a href="&#106;avascript:alert(1)">Open</a>',  # an entity for the first letter
        "![A photo](data:image/png;base64,iVBORw0KGgo=)",  # also dodges the consent register
        '<form action="javascript:alert(1)"><button>Go</button></form>',
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    ],
)
def test_javascript_and_data_urls_are_errors(checker: Checker, snippet: str) -> None:
    body = f"Intro.\n\n{snippet}\n"
    found = check(checker, body)
    assert ("security/unsafe-url", line(body, snippet)) in found or snippet.startswith("<form") and ("security/raw-html", line(body, snippet)) in found, found


def test_an_autolink_markdown_does_not_know_is_reported() -> None:
    """`<tel:...>` is not a Markdown autolink: it becomes an unknown tag and the number vanishes."""
    problems = scan_html("<p>Call <tel:08001111> now.</p>").problems
    assert [p.rule for p in problems] == ["security/raw-html"] and "[the words to show](tel:08001111)" in problems[0].hint


def test_normal_links_are_fine(checker: Checker) -> None:
    body = """\
    Read [the NSPCC guidance](https://www.nspcc.org.uk/keeping-children-safe/online-safety/) and
    [our other page](../staff/devices.md), call [0800 1111](tel:08001111) or [email us](mailto:dsl@example.org).
    Here is [a section](#top) and <https://www.gov.uk/report-online-child-sexual-abuse>.
    """
    assert check(checker, body) == []


# --- third parties ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("snippet", "words"),
    [
        ("![Our team](https://cdn.example.com/team.jpg)", "cdn.example.com"),
        ('<img src="//cdn.example.com/pixel.gif" alt="">', "cdn.example.com"),
        ('<img src="https://www.facebook.com/tr?id=1&ev=PageView" alt="">', "tracker (facebook.com)"),
        ('<img srcset="/a.png 1x, https://cdn.example.com/b.png 2x" src="/a.png" alt="A">', "cdn.example.com"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">', "font from fonts.googleapis.com"),
        ("<style>@import url('https://fonts.googleapis.com/css2?family=Inter');</style>", "font"),
        ("<style>@font-face { src: url(https://fonts.gstatic.com/s/x.woff2); }</style>", "font"),
        ('<div style="background-image: url(https://cdn.example.com/bg.png)">Hi</div>', "<div>"),
        ('<video src="https://videos.example.com/clip.mp4" controls></video>', "videos.example.com"),
        ('<video src="/clip.mp4" poster="https://cdn.example.com/poster.jpg"></video>', "cdn.example.com"),
        ('<audio src="https://cdn.example.com/talk.mp3" controls></audio>', "cdn.example.com"),
        ('<picture><source srcset="https://cdn.example.com/x.webp"><img src="/x.png" alt="X"></picture>', "cdn.example.com"),
        ('<a href="/help/" ping="https://collect.example.com/hit">Help</a>', "pings collect.example.com"),
        ('<form action="https://forms.example.com/submit"><input name="worry"></form>', "sends what people type"),
    ],
)
def test_requests_to_other_sites_are_errors(checker: Checker, snippet: str, words: str) -> None:
    body = f"Intro.\n\n{snippet}\n"
    result = checker.check_text(FRONT + body, "notes/page.md", "docs/notes/page.md", set())
    third = [f for f in result.findings if f.rule == "security/third-party"]
    assert [f.line for f in third] == [line(body, snippet)], [f.message for f in result.findings]
    assert words in third[0].message


def test_embedded_scripts_name_the_host(checker: Checker) -> None:
    body = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>\n'
    result = checker.check_text(FRONT + body, "notes/page.md", "docs/notes/page.md", set())
    assert [(f.rule, f.line) for f in result.findings] == [("security/raw-html", 7)]
    assert "www.googletagmanager.com" in result.findings[0].message


def test_local_images_are_not_third_party(checker: Checker) -> None:
    body = '![A map](../images/map.png)\n\n<img src="/images/map.png" alt="A map">\n'
    assert [rule for rule, _ in check(checker, body) if rule.startswith("security/")] == []


# --- invitations --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "snippet",
    [
        "[Join our group](https://chat.whatsapp.com/Ab12Cd34Ef56)",
        "[Message Sam](https://wa.me/447700900123)",
        "Join us at chat.whatsapp.com/Ab12Cd34Ef56 today.",  # a bare address, no link
        "<https://wa.me/447700900123?text=hi>",
        "[Telegram](https://t.me/+AbCdEf123)",
        "[Discord](https://discord.gg/abc123)",
        "[Signal group](https://signal.group/#CjQKIG)",
        "[Messenger](https://m.me/sam.smith)",
        "[Profile](https://www.facebook.com/profile.php?id=100012345)",
        "[Youth club call](https://us02web.zoom.us/j/81234567890?pwd=abc)",
        '<a href="whatsapp://send?phone=447700900123">WhatsApp</a>',
    ],
)
def test_chat_and_group_invitations_are_flagged(checker: Checker, snippet: str) -> None:
    body = f"Intro.\n\n{snippet}\n"
    assert check(checker, body) == [("links/private-invite", line(body, snippet))]


@pytest.mark.parametrize(
    "snippet",
    [
        "We use WhatsApp groups with a named moderator.",
        "[WhatsApp's help centre](https://faq.whatsapp.com/)",
        "[WhatsApp](https://www.whatsapp.com/)",
        "Invitations look like chat.whatsapp.com and never go on a public page.",
        "`https://chat.whatsapp.com/Example` is what an invitation looks like.",
    ],
)
def test_talking_about_messaging_is_fine(checker: Checker, snippet: str) -> None:
    assert check(checker, f"Intro.\n\n{snippet}\n") == []


def test_invitation_as_link_and_text_is_reported_once(checker: Checker) -> None:
    body = "Join: [chat.whatsapp.com/Ab12Cd](https://chat.whatsapp.com/Ab12Cd)\n"
    assert check(checker, body) == [("links/private-invite", 7)]


# --- where the findings point -------------------------------------------------------------
def test_repeated_problems_point_at_their_own_lines(checker: Checker) -> None:
    body = """\
    ## One

    <script>one()</script>

    Words.

    <script>two()</script>

    ## Two

    ```html
    <script>only shown in a code block</script>
    ```

    <script>three()</script>
    """
    expected = [line(body, "one()"), line(body, "two()"), line(body, "three()")]
    assert check(checker, body) == [("security/raw-html", number) for number in expected]


def test_code_is_shown_not_run(checker: Checker) -> None:
    body = """\
    Inline `<script>alert(1)</script>` and `javascript:alert(1)` are only text.

    ```html
    <iframe src="https://www.youtube.com/embed/x"></iframe>
    <a href="https://chat.whatsapp.com/Ab12Cd">invite</a>
    ```

        <script>indented code too</script>
    """
    assert check(checker, body) == []


def test_html_above_the_title_is_found(checker: Checker) -> None:
    text = "---\ntitle: Test page\n---\n<script>early()</script>\n\n# Test page\n\nHello.\n"
    result = checker.check_text(text, "notes/page.md", "docs/notes/page.md", set())
    assert [(f.rule, f.line) for f in result.findings] == [("security/raw-html", 4)]


def test_a_comment_does_not_hide_a_script(checker: Checker) -> None:
    # Browsers end this comment at "<!-->": the script runs.
    body = "Intro.\n\n<!--> <script>alert(1)</script> -->\n"
    found = checker.check_text(FRONT + body, "notes/page.md", "docs/notes/page.md", set()).findings
    assert [(f.rule, f.line) for f in found] == [("security/raw-html", 9)]
    assert "<script>" in found[0].message


def test_front_matter_cannot_carry_markup(checker: Checker) -> None:
    front = '---\ntitle: Hello <img src=x onerror="alert(1)">\nsummary: <script>alert(1)</script>\n---\n\n# Hello\n\n'
    assert check(checker, "Text.\n", front=front) == [("security/front-matter", 2), ("security/front-matter", 3)]


def test_bom_and_crlf_keep_the_lines_right(checker: Checker) -> None:
    from plainpolicy.reading.source import decode, split_front_matter

    raw = b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n\r\n# T\r\n\r\nText.\r\n\r\n<iframe src=\"/x\"></iframe>\r\n"
    source = split_front_matter(decode(raw, "docs/notes/page.md"), "docs/notes/page.md")
    result = checker.check_source(source, "notes/page.md", set())
    assert [(f.rule, f.line) for f in result.findings] == [("security/raw-html", 9)]


# --- exceptions -------------------------------------------------------------------------
@pytest.mark.parametrize("rule", ["security/third-party", "security", "links", "links/private-invite", "images/no-consent"])
def test_no_page_comment_can_excuse_a_security_or_consent_rule(checker: Checker, rule: str) -> None:
    body = f"""\
    ## Our video

    <!-- plainpolicy-allow {rule}: The trustees agreed to embed our own video host, see minutes of 3 May. -->
    <video src="https://video.example.org/our-film.mp4" controls></video>
    [Join](https://chat.whatsapp.com/Ab12Cd)
    """
    result = checker.check_text(FRONT + textwrap.dedent(body), "notes/page.md", "docs/notes/page.md", set())
    rules = sorted(f.rule for f in result.findings)
    assert rules == ["exception/not-allowed", "links/private-invite", "security/third-party"], rules
    assert all(f.severity == ERROR for f in result.findings)


def test_an_exception_for_one_rule_does_not_excuse_another(checker: Checker) -> None:
    body = """\
    ## Our video

    <!-- plainpolicy-allow security/third-party: Our own video host. -->
    <video src="https://video.example.org/our-film.mp4" onplay="track()"></video>
    """
    result = checker.check_text(FRONT + textwrap.dedent(body), "notes/page.md", "docs/notes/page.md", set())
    assert sorted(f.rule for f in result.findings) == ["exception/not-allowed", "security/raw-html", "security/third-party"]


# --- the building blocks ------------------------------------------------------------------
def test_url_helpers() -> None:
    assert clean_url(" java\tscript:\nalert(1) ") == "javascript:alert(1)"
    assert is_external("https://example.org/x.png") and is_external("//cdn.example.org/x") and is_external("\\\\cdn.example.org/x")
    assert not is_external("/images/x.png") and not is_external("../x.png") and not is_external("#top") and not is_external("mailto:a@b.org")
    assert invite_kind("https://chat.whatsapp.com/abc") is not None
    assert invite_kind("https://chat.whatsapp.com/") is None  # the site itself, not an invitation
    assert invite_kind("https://example.org/wa.me/123") is None


def test_scanner_never_raises_on_broken_html() -> None:
    for html in ["<", "<<<>>>", "<a href=", "<!--", "<![CDATA[", "<?x", "</>", "<a b='c>", "<style>", "<script>", "<!DOCTYPE", "&#xffffffff;", "<img src=\x00>"]:
        scan_html(html)


def test_the_real_site_has_no_content_security_findings() -> None:
    """The kit's own pages: no raw code, no third-party requests, no invitations, no images."""
    report = Checker(load_site_config(ROOT / "mkdocs.yml")).check_site()
    assert [f for f in report.findings if f.rule.startswith(FAMILIES)] == []


# --- the parser reads pieces of HTML as a browser does -----------------------------------

from hypothesis import (  # noqa: E402
    given as _given,
    settings as _settings,
    strategies as _st,
)

_PIECES = [
    "<p>", "</p>", "<a href=\"page.md\">", "<a href=\"https://example.org/x\">", "</a>", "<h2 id=\"x\">", "</h2>",
    "<code>", "</code>", "<img src=\"x.png\">", "<a href=\"javascript:alert(1)\">", "<a/onclick=alert(1)>",
    "<span onclick=\"x\">", "<a href=\"jav&#x09;ascript:x\">", "<!-- <script>x</script> -->", "<script>", "</script>",
    "<a href=\"https://chat.whatsapp.com/AbC\">", "wa.me/447700900000 ", "text ", "&lt;", "<", ">", "\"", "'",
    "<div style=\"background:url(https://t.example/p.gif)\">", "</div>", "<input type=\"radio\">", "<iframe src=x>",
    "<a href=\"photo.jpg\">", "<a href=\" data:text/html,x\">", "<svg onload=x>", "<p title='a>b'>", "<noscript>", "</noscript>",
    "<textarea>", "</textarea>", "<style>", "</style x>", "<svg>", "<math>", "<title>", "<xmp>", "<!-->",
]


@_settings(max_examples=300, deadline=None)
@_given(_st.lists(_st.sampled_from(_PIECES), max_size=12))
def test_any_element_outside_the_allowlist_is_reported(pieces: list[str]) -> None:
    """Whatever the mix, every element the browser would build is either allowed or reported."""
    from selectolax.lexbor import LexborHTMLParser

    from plainpolicy.safety.htmlpolicy import policy

    html = "".join(pieces)
    found = scan_html(html)
    allowed = set(policy().content)
    built = {node.tag for node in LexborHTMLParser(html).body.traverse() if node.tag not in ("body", "-text", "-comment")}
    if built - allowed:
        assert found.problems, html
