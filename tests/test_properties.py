"""Property-based: random Markdown never crashes the extractor or the checker.

The documents are built from the constructs policy pages really use (headings,
lists, admonitions, content tabs, fences, tables, HTML, links, footnotes,
exceptions, front matter), with random unicode text inside, and saved with LF,
CRLF or CR line endings, with or without a byte order mark. The checker may
refuse a file only with CannotRun, and only for input that is genuinely bad
(broken front matter, a NUL byte, nesting too deep to render); otherwise every
result must be well formed, with line numbers inside the file.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from plainpolicy.engine.checker import Checker
from plainpolicy.errors import CannotRun
from plainpolicy.output.formats import FORMATTERS
from plainpolicy.reading.extract import extract_sections
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.render import Renderer
from plainpolicy.reading.source import decode
from plainpolicy_testing import copy_site

EXAMPLES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# --- strategies -------------------------------------------------------------------------------

WORDS = st.sampled_from([
    "safe", "the", "young", "people", "DSL", "LADO", "GDPR", "UK GDPR", "child protection officer",
    "safeguarding lead", "sexting", "organisation", "café", "naïve", "Добро", "你好", "🙂", "e.g.", "don't",
    "phone-free", "100%", "&amp;", "&", "<", ">", "*", "_", "`", "[", "]", "(", ")", "|", ":", "#", "!", "\\", "~",
])
INLINE = st.one_of(
    WORDS,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12),
    st.builds(lambda t, u: f"[{t}](https://example.org/{u})", WORDS, WORDS),
    st.builds(lambda t: f"![{t}](img.png)", WORDS),
    st.builds(lambda t: f"`{t}`", WORDS),
    st.builds(lambda t: f"**{t}**", WORDS),
    st.builds(lambda t: f"<span class='x'>{t}</span>", WORDS),
    st.just("[^1]"),
)
TEXT = st.lists(INLINE, min_size=1, max_size=20).map(" ".join)
SENTENCES = st.lists(st.tuples(TEXT, st.sampled_from([".", "!", "?", "", ". ", "\n"])), min_size=1, max_size=5).map(
    lambda parts: "".join(text + end for text, end in parts)
)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


BLOCK = st.one_of(
    SENTENCES,
    st.builds(lambda level, text, attr: "#" * level + " " + text + attr, st.integers(1, 6), TEXT, st.sampled_from(["", " {#x}", " ##"])),
    st.builds(lambda text: f"{text}\n---", TEXT),  # setext (or a thematic break)
    st.lists(st.tuples(st.sampled_from(["- ", "* ", "1. ", "    - ", "  1. "]), SENTENCES), min_size=1, max_size=5).map(
        lambda items: "\n".join(marker + text.replace("\n", " ") for marker, text in items)
    ),
    st.builds(lambda kind, title, body: f'{kind} note "{title}"\n{_indent(body)}', st.sampled_from(["!!!", "???", "???+"]), TEXT, SENTENCES),
    st.builds(lambda title, body: f'=== "{title}"\n\n{_indent(body)}', TEXT, SENTENCES),
    st.builds(lambda fence, body, close: f"{fence}\n{body}\n{fence if close else ''}", st.sampled_from(["```", "~~~", "````python"]), SENTENCES, st.booleans()),
    st.builds(lambda body: _indent(body), SENTENCES),  # indented code
    st.lists(st.lists(TEXT.map(lambda t: t.replace("|", "/").replace("\n", " ")), min_size=2, max_size=2), min_size=1, max_size=4).map(
        lambda rows: "| a | b |\n| --- | --- |\n" + "\n".join(f"| {x} | {y} |" for x, y in rows)
    ),
    st.builds(lambda body: f"<div markdown>\n{body}\n</div>", SENTENCES),
    st.builds(lambda body: f"<details><summary>{body}</summary>", TEXT),
    st.builds(lambda rules, reason: f"<!-- plainpolicy-allow {rules}: {reason} -->", st.sampled_from(["readability", "sentence", "glossary", "", "nonsense", "readability, sentence/too-long"]), TEXT),
    st.just("<!-- plainpolicy-allow -->"),
    st.builds(lambda text: f"[^1]: {text}", TEXT),
    st.builds(lambda depth, text: "> " * depth + text, st.integers(1, 30), TEXT),
    st.builds(lambda term, text: f"{term}\n:   {text}", TEXT, TEXT),
)
FRONT_MATTER = st.one_of(
    st.just(""),
    st.just("---\ntitle: Random\nreviewed: 2026-06-01\nunpaired: \"Random page.\"\n---\n"),
    st.just("---\n---\n"),
    st.builds(lambda value: f"---\ntitle: {value}\n---\n", TEXT),  # may or may not be valid YAML
    st.just("---\ntitle: never closed\n"),
    st.just("---\n- a\n- list\n---\n"),
)


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    blocks = draw(st.lists(BLOCK, max_size=12))
    separators = draw(st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), min_size=len(blocks), max_size=len(blocks)))
    text = draw(FRONT_MATTER) + "".join(block + sep for block, sep in zip(blocks, separators))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    raw = text.replace("\n", ending).encode("utf-8")
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    return raw


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Checker]:
    root = copy_site("site", tmp_path_factory.mktemp("random"))
    return root, Checker(load_site_config(root / "mkdocs.yml"), today=dt.date(2026, 11, 21))


@pytest.fixture(scope="module")
def renderer(workspace: tuple[Path, Checker]) -> Renderer:
    return workspace[1].renderer


GENUINELY_BAD = ("front matter", "NUL byte", "not valid UTF-8", "UTF-16", "nested too deeply")

# --- properties -------------------------------------------------------------------------------


@EXAMPLES
@given(documents())
def test_render_and_extract_never_crash(renderer: Renderer, raw: bytes) -> None:
    text = decode(raw, "random.md")
    assert "\r" not in text and not text.startswith("\ufeff")
    try:
        html = renderer.render(text, "random.md")
    except CannotRun as error:
        assert "nested too deeply" in error.message, error
        return
    title, sections = extract_sections(html)
    assert isinstance(title, str)
    assert sections and sections[0].heading == "" and sections[0].level == 1
    for section in sections[1:]:
        assert section.level in (2, 3)
    for section in sections:
        for unit in section.units:
            assert unit.text == unit.text.strip() and "  " not in unit.text
            assert any(character.isalnum() for character in unit.text)
            assert "<" + "code" not in unit.text


@EXAMPLES
@given(documents())
def test_the_whole_check_never_crashes_and_stays_inside_the_file(workspace: tuple[Path, Checker], raw: bytes) -> None:
    root, checker = workspace
    file = root / "docs/staff/random.md"
    file.write_bytes(raw)
    try:
        report = checker.check_files([file])
    except CannotRun as error:
        assert any(reason in error.message for reason in GENUINELY_BAD), error
        assert error.path.endswith("random.md")
        assert error.line is None or error.line >= 1
        return
    (page,) = report.pages
    lines = decode(raw, "x").count("\n") + 1
    assert page.sections and page.sections[0].heading == "Introduction"
    for section in page.sections:
        assert 1 <= section.line <= lines
        for value in (section.scores.grade, section.scores.ease, section.judged_grade, section.judged_ease):
            assert math.isfinite(value)
        assert section.judged_by in ("own score", "pooled", "whole page", "exception")
    for finding in report.findings:
        assert 1 <= finding.line <= lines, finding
        assert finding.column >= 1
        assert finding.severity in ("error", "warning", "info")
        assert finding.message
    for name, render in FORMATTERS.items():
        out = render(report, verbose=True)
        assert isinstance(out, str)
        if name in ("json", "sarif"):
            json.loads(out)
        if name == "github":
            assert all(line.startswith(("::error ", "::warning ")) for line in out.splitlines())
