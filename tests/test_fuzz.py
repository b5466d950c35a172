"""Property-based tests: whatever a contributor writes, plainpolicy answers sensibly.

Generated Markdown (headings, lists, quotes, fences that may not close, tables,
admonitions, raw HTML from a hostile palette, links to odd URLs, exception
comments, unicode) under generated front matter (random YAML scalars, lists and
mappings, or text that is not YAML at all), saved with LF, CRLF or CR line
endings and sometimes a BOM. Properties: no exception but CannotRun; exit code
0, 1 or 2; a one-line message for 2; well-formed findings; the file unchanged.

The example counts keep the whole module well under a minute.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from plainpolicy.datafiles.glossary import load_glossary
from plainpolicy.datafiles.imageregister import load_register
from plainpolicy.engine.checker import Checker
from plainpolicy.errors import CannotRun
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.source import decode, split_front_matter
from plainpolicy.rules.security import scan_html

SITE = Path(__file__).resolve().parent / "corpus" / "pages"
TODAY = "2026-11-21"
RULE = re.compile(r"^[a-z]+(?:/[a-z0-9-]+)+$")
SEVERITIES = {"error", "warning", "info"}
COMMON = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])

# --- front matter -------------------------------------------------------------------------------
KEYS = st.one_of(
    st.sampled_from(["title", "summary", "voice", "reviewed", "review_due", "unpaired", "themes", "checklist", "generated", "owner"]),
    st.text(min_size=1, max_size=12),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.dates().map(str),
    st.sampled_from(["staff", "young-people", "trustees", "2026-13-40", "2026-02-30", "<script>x()</script>", "yes", "~", ""]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=10)
YAML_FRONT = st.dictionaries(KEYS, VALUES, max_size=6).map(lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
RAW_FRONT = st.text(max_size=80)  # often not YAML at all, or not a mapping
FRONT = st.one_of(st.just(None), YAML_FRONT, RAW_FRONT)

# --- Markdown ----------------------------------------------------------------------------------
PLAIN = st.sampled_from("the a staff young person tell lead DSL ICO UK GDPR worry online safe group moderator consent photo".split())
UNICODE = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=10)
URLS = st.sampled_from([
    "https://example.org/page", "../staff/devices.md", "#top", "javascript:alert(1)", "data:text/html,x", "//cdn.example.com/x.png",
    "https://chat.whatsapp.com/AbC123", "https://wa.me/447700900000", "images/photo.jpg", "mailto:a@example.org", "", "  ", "jav&#x09;ascript:x",
    "https://t.me/+abc", "../images/a.png", "/images/a.png?x#y", "http://[::1", "https://exa mple.org/ x",
])
HTML = st.sampled_from([
    "<script>alert(1)</script>", "<iframe src='https://x.example'></iframe>", "<img src=x onerror=alert(1)>", "<b>bold</b>", "<div markdown>\ntext\n</div>",
    "<!--> <script>x</script> -->", "<!-- plainpolicy-allow readability: a reason -->", "<!-- plainpolicy-allow -->", "<!-- plainpolicy-allow security: r -->",
    "<style>@import url(https://fonts.googleapis.com/css);</style>", "<a href=\"https://x.example\" ping=\"https://t.example\">x</a>", "</div></div>", "<table><tr><td>",
    "<svg/onload=alert(1)>", "<", "<![", "<![x", "<!", "&amp;", "&#0;", "<video poster='https://x.example/p.jpg'>", "<meta http-equiv=refresh content=0>", "<?php x ?>", "<![CDATA[ x ]]>",
])
INLINE = st.one_of(
    PLAIN, PLAIN, UNICODE, HTML,
    st.builds(lambda text, url: f"[{text}]({url})", PLAIN, URLS),
    st.builds(lambda text, url: f"![{text}]({url})", st.one_of(PLAIN, st.just("")), URLS),
    st.builds(lambda text: f"**{text}**", PLAIN), st.builds(lambda text: f"`{text}`", st.one_of(PLAIN, HTML)),
    st.sampled_from(["e.g.", "Dr.", "A.", "No.", "...", "?!", "*", "_", "[", "]", "(", ")", "{ onclick=\"x\" }", "{#id}", "[^1]", "\\", "|"]),
)
SENTENCE = st.lists(INLINE, min_size=1, max_size=12).map(" ".join)
BLOCK = st.one_of(
    SENTENCE, SENTENCE,
    st.builds(lambda level, text: "#" * level + " " + text, st.integers(1, 7), SENTENCE),
    st.builds(lambda text: f"{text}\n---", SENTENCE),
    st.lists(SENTENCE, min_size=1, max_size=4).map(lambda items: "\n".join(f"- {item}" for item in items)),
    st.lists(SENTENCE, min_size=1, max_size=4).map(lambda items: "\n".join(f"{index}. {item}" for index, item in enumerate(items, 1))),
    st.builds(lambda depth, text: "> " * depth + text, st.integers(1, 30), SENTENCE),
    st.builds(lambda fence, lang, body, close: f"{fence}{lang}\n{body}\n" + (fence if close else ""), st.sampled_from(["```", "~~~", "````"]), st.sampled_from(["", "html", "python"]), st.one_of(SENTENCE, HTML), st.booleans()),
    st.builds(lambda text: "    " + text, SENTENCE),
    st.builds(lambda kind, title, text: f'!!! {kind} "{title}"\n\n    {text}', st.sampled_from(["note", "warning", "question"]), PLAIN, SENTENCE),
    st.builds(lambda a, b: f"| {a} | {b} |\n|---|---|\n| {b} | {a} |", PLAIN, SENTENCE),
    st.builds(lambda term, text: f"{term}\n:   {text}", PLAIN, SENTENCE),
    st.builds(lambda text: f"*[DSL]: {text}", SENTENCE),
    st.builds(lambda text: f"[^1]: {text}", SENTENCE),
    st.builds(lambda text: f"<div>\n{text}\n</div>", SENTENCE),  # a raw HTML block: passed through as written
    st.builds(lambda items: "\n".join("    " * depth + f"- {text}" for depth, text in enumerate(items)), st.lists(PLAIN, min_size=1, max_size=8)),
    HTML,
)
BODY = st.lists(BLOCK, max_size=12).flatmap(lambda blocks: st.sampled_from(["\n\n", "\n"]).map(lambda joint: joint.join(blocks)))


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    """A whole Markdown file as bytes: maybe front matter, a body, line endings, maybe a BOM."""
    front = draw(FRONT)
    body = draw(BODY)
    text = (f"---\n{front}---\n\n" if front is not None and front.endswith("\n") else f"---\n{front}\n---\n\n" if front is not None else "") + body + "\n"
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    data = text.replace("\n", ending).encode("utf-8", "surrogatepass")
    return (b"\xef\xbb\xbf" + data) if draw(st.booleans()) and draw(st.booleans()) else data


# --- the properties ------------------------------------------------------------------------------
def assert_well_formed(findings: list, path_names: tuple[str, ...], lines: int) -> None:  # type: ignore[type-arg]
    for finding in findings:
        get = finding.get if isinstance(finding, dict) else lambda key, f=finding: getattr(f, key)
        assert get("path") and get("path").endswith(path_names), get("path")
        assert isinstance(get("line"), int) and 1 <= get("line") <= lines + 1, (get("rule"), get("line"), lines)
        assert isinstance(get("column"), int) and get("column") >= 1
        assert get("severity") in SEVERITIES
        assert RULE.match(get("rule")), get("rule")
        assert isinstance(get("message"), str) and get("message").strip()


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(load_site_config(SITE / "mkdocs.yml"))


@settings(COMMON, max_examples=500)
@given(raw=documents(), folder=st.sampled_from(["staff", "young-people", "notes"]))
def test_check_text_never_crashes(checker: Checker, raw: bytes, folder: str) -> None:
    path = f"docs/{folder}/fuzz.md"
    try:
        source = split_front_matter(decode(raw, path), path)
        result = checker.check_source(source, f"{folder}/fuzz.md", {"staff/fuzz.md"})
    except CannotRun as error:
        assert error.path == path and error.message and (error.line is None or error.line >= 1)
        return
    assert_well_formed(result.findings, ("fuzz.md",), len(source.text.split("\n")))


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fuzz-site")
    (site / "mkdocs.yml").write_bytes((SITE / "mkdocs.yml").read_bytes())
    for folder in ("staff", "young-people"):
        (site / "docs" / folder).mkdir(parents=True)
    return site


def run_main(site: Path, *args: str) -> tuple[int, str, str]:
    from plainpolicy.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(site), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["check", "--today", TODAY, *args])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 2
    return code, out.getvalue(), err.getvalue()


@settings(COMMON, max_examples=300)
@given(raw=documents(), partner=st.one_of(st.none(), documents()))
def test_command_line_never_crashes_and_never_writes(fuzz_site: Path, raw: bytes, partner: bytes | None) -> None:
    page = fuzz_site / "docs" / "staff" / "fuzz.md"
    other = fuzz_site / "docs" / "young-people" / "fuzz.md"
    page.write_bytes(raw)
    if partner is None:
        other.unlink(missing_ok=True)
    else:
        other.write_bytes(partner)
    before = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in (fuzz_site / "docs").rglob("*") if path.is_file()}
    code, out, err = run_main(fuzz_site, "--format", "json", "docs")
    after = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in (fuzz_site / "docs").rglob("*") if path.is_file()}
    assert after == before
    assert code in (0, 1, 2)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("plainpolicy: docs/") and "fuzz.md" in lines[0], err
        assert "internal error" not in err and "Traceback" not in err
        assert out == ""
    else:
        assert err == ""
        data = json.loads(out)
        longest = max(len(decode(raw, "x").split("\n")), len(decode(partner, "x").split("\n")) if partner else 0)
        assert_well_formed(data["findings"], ("fuzz.md",), longest)
        assert data["summary"]["errors"] == sum(f["severity"] == "error" for f in data["findings"])
        assert (code == 1) == (data["summary"]["errors"] > 0)


@settings(max_examples=1000, deadline=None)
@given(html=st.lists(st.one_of(HTML, INLINE, st.text(alphabet="<>/=\"' !-?[]&#;abcdefghijklmnopqrstuvwxyz:\t\n", max_size=20)), max_size=30).map("".join))
def test_the_html_scanner_never_raises(html: str) -> None:
    scanner = scan_html(html)
    for problem in scanner.problems:
        assert RULE.match(problem.rule) and problem.message and problem.hint


REGISTER_ENTRY = st.dictionaries(
    st.sampled_from(["file", "consent", "consent_reference", "consent_date", "delete_by", "alt", "notes", "reason", "other"]),
    st.one_of(VALUES, st.sampled_from(["written", "verbal", "not-needed", "images/a.jpg", "../x.jpg", "/abs.png", "2026-01-01", "2027-02-30"]), st.dates()),
    max_size=8,
)


@settings(COMMON, max_examples=400)
@given(data=st.one_of(VALUES, st.fixed_dictionaries({"images": st.one_of(VALUES, st.lists(REGISTER_ENTRY, max_size=5))})), raw=st.one_of(st.none(), st.text(max_size=60)))
def test_the_register_loader_only_ever_says_cannot_run(tmp_path_factory: pytest.TempPathFactory, data: object, raw: str | None) -> None:
    file = tmp_path_factory.getbasetemp() / "fuzz-register.yml"
    file.write_text(raw if raw is not None else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        register = load_register(file, "docs/image-consent.yml")
    except CannotRun as error:
        assert error.path == "docs/image-consent.yml" and error.message and (error.line is None or error.line >= 1)
        return
    for entry in register.entries.values():
        assert entry.consent in ("written", "verbal", "not-needed") and entry.line >= 1 and not entry.file.startswith(("/", "../"))


GLOSSARY_TERM = st.dictionaries(
    st.sampled_from(["term", "abbreviations", "forms", "definitions", "rejected", "other"]),
    st.one_of(VALUES, st.just({"staff": "A definition."}), st.just([{"form": "x", "reason": "y"}]), st.sampled_from(["moderator", "DSL", "lead"])),
    max_size=6,
)


@settings(COMMON, max_examples=400)
@given(data=st.one_of(VALUES, st.fixed_dictionaries({"terms": st.one_of(VALUES, st.lists(GLOSSARY_TERM, max_size=5))})))
def test_the_glossary_loader_only_ever_says_cannot_run(tmp_path_factory: pytest.TempPathFactory, data: object) -> None:
    file = tmp_path_factory.getbasetemp() / "fuzz-glossary.yml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_glossary(file, {"staff", "young-people"}, "docs/glossary.yml")
    except CannotRun as error:
        assert error.path == "docs/glossary.yml" and error.message
