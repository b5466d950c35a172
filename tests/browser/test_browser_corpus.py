"""A site built from the hostile-pull-request corpus runs no script, fetches nothing from elsewhere, goes nowhere.

Every payload of tests/xss-corpus/payloads.jsonl is put on a page of a small
site that uses the kit's own templates (or into a style sheet, or front
matter). The build refuses most of them, naming each; those pages are taken
out and the site built again, until it builds. Every page of what is left is
then loaded in Chromium, focused and hovered: no dialog may open, no request
may leave 127.0.0.1, and the page may not navigate away.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest

from plainpolicy_testing import FIXTURES, REPO, mkdocs_build

pytestmark = pytest.mark.browser

CORPUS = Path(__file__).resolve().parents[1] / "xss-corpus" / "payloads.jsonl"
_REFUSED = re.compile(r"\bc/(\d{3})\.md|stylesheets/c(\d{3})\.css|/c/(\d{3})/")


def _placed(context: str, payload: str) -> str:
    """The page text that puts a payload where `context` says."""
    body = {
        "body": payload,
        "href": f'<a href="{payload}">x</a>',
        "link": f"[x]({payload})",
        "image": f"![x]({payload})",
        "src": f'<img alt="x" src="{payload}">',
        "style-element": f"<style>{payload}</style>",
        "link-title": f'[x](https://example.org "{payload}")',
        "image-title": f'![x](pic.png "{payload}")',
        "attr-list-title": f'Some text\n{{: title="{payload}" }}',
        "raw-title": f'<span title="{payload}">x</span>',
        "abbr": f"*[ABBR]: {payload}\n\nThe ABBR is here.",
        "css-file": "A page with its own style sheet.",
    }.get(context)
    if context == "front-matter":
        return f"---\n{payload}\n---\n# Payload\n\nWords.\n"
    return f"# Payload\n\nWords before.\n\n{body}\n\nWords after.\n"


def _project(root: Path, rows: list[dict[str, str]]) -> Path:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(FIXTURES / "hostile", root)
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "docs" / "c").mkdir()
    sheets = []
    for row in rows:
        (root / "docs" / "c" / f"{row['id']}.md").write_text(_placed(row["context"], row["payload"]), encoding="utf-8")
        if row["context"] == "css-file":
            sheet = root / "docs" / "stylesheets" / f"c{row['id']}.css"
            sheet.parent.mkdir(exist_ok=True)
            sheet.write_text(row["payload"] + "\n", encoding="utf-8")
            sheets.append(f"stylesheets/c{row['id']}.css")
    if sheets:
        config = root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "extra_css:\n" + "".join(f"  - {s}\n" for s in sheets), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpus_site(chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[dict[str, str]], list[str]]]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 300
    work = tmp_path_factory.mktemp("corpus")
    kept, refused = list(rows), []
    for _ in range(10):
        project = _project(work / "site", kept)
        build = mkdocs_build(project, work / "out", strict=False)
        if build.returncode == 0:
            break
        assert "Traceback" not in build.stderr, build.stderr[-3000:]
        named = {next(group for group in match if group) for match in _REFUSED.findall(build.stderr)}
        assert named, f"the build failed without naming a payload:\n{build.stderr[-3000:]}"
        refused += sorted(named)
        kept = [row for row in kept if row["id"] not in named]
    else:
        pytest.fail("the corpus site never built")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(work / "out"))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", work / "out", kept, refused
    finally:
        server.shutdown()
        server.server_close()


def test_the_gates_refuse_what_runs_or_fetches(corpus_site: tuple[str, Path, list[dict[str, str]], list[str]]) -> None:
    """Every class of the issue is refused somewhere; what is kept is only what the allowlist accepts."""
    _, _, kept, refused = corpus_site
    rows = {json.loads(line)["id"]: json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()}
    refused_classes = {rows[number]["class"] for number in refused}
    print(f"corpus: {len(rows)} payloads, {len(refused)} refused, {len(kept)} built: " + ", ".join(f"{row['id']} {row['context']} {row['payload'][:40]!r}" for row in kept))
    assert refused_classes == {row["class"] for row in rows.values()}
    assert len(refused) > 0.9 * len(rows), f"only {len(refused)} of {len(rows)} refused"


def test_no_page_of_the_built_corpus_runs_script_fetches_elsewhere_or_navigates(
    corpus_site: tuple[str, Path, list[dict[str, str]], list[str]], new_context: Any
) -> None:
    base, out, _, _ = corpus_site
    context, guard = new_context("desktop", abort=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    away: list[str] = []
    pages = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html") if path.relative_to(out).parts[0] != "assets")
    assert any(rel.startswith("c/") for rel in pages), "no corpus page was built at all"
    for rel in pages:
        url = base + rel
        page.goto(url, wait_until="load")
        for _ in range(4):  # focus moves through links and fields: onfocus, autofocus, tooltips
            page.keyboard.press("Tab")
        for element in page.locator("[title], abbr, a, p").all()[:20]:
            if element.is_visible():
                element.hover(timeout=2000, force=True)
        page.wait_for_timeout(100)
        if page.url.split("#")[0] != url:
            away.append(f"{rel} -> {page.url}")
    assert dialogs == []
    assert guard.leaks == []
    assert away == []
