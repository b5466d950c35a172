"""Bad input: a clear one-line message naming file (and line), exit 2, no traceback, nothing changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plainpolicy_testing import copy_site, run_cli, run_subprocess, snapshot

PAGE = "docs/staff/devices.md"
GLOSSARY = "docs/glossary.yml"

FRONT = "---\ntitle: Bad\nreviewed: 2026-06-01\n---\n\n# Bad\n\nSome text.\n"


def assert_cannot_run(root: Path, where: str, message: str, *args: str, subprocess: bool = False) -> str:
    """Run the check; exit 2 and one stderr line starting `plainpolicy: WHERE: ` that contains MESSAGE."""
    before = snapshot(root)
    run = (run_subprocess if subprocess else run_cli)("check", *(args or (PAGE,)), cwd=root)
    assert run.code == 2, (run.code, run.out, run.err)
    assert run.out == ""
    assert "Traceback" not in run.err
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    # mkdocs.yml may be shown with the folder it was found in.
    prefix = r"plainpolicy: (?:\S*/)?" if where.startswith("mkdocs.yml") else "plainpolicy: "
    assert re.match(prefix + re.escape(where) + ": ", lines[0]), lines[0]
    assert message in lines[0], lines[0]
    assert snapshot(root) == before, "an input file was changed"
    return lines[0]


# --- Markdown pages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, where, message",
    [
        pytest.param(b"---\ntitle: Bad\nreviewed: [2026\n---\n\n# Bad\n", f"{PAGE}:3", "the front matter is not valid YAML", id="invalid-yaml"),
        pytest.param(b"---\ntitle: Bad\n  reviewed: 2026-06-01\n---\n", f"{PAGE}:3", "the front matter is not valid YAML", id="bad-indent"),
        pytest.param(b"---\n- a list\n- not a mapping\n---\n\n# Bad\n", f"{PAGE}:2", "front matter must be", id="list-front-matter"),
        pytest.param(b"---\njust a sentence\n---\n\n# Bad\n", f"{PAGE}:2", "front matter must be", id="scalar-front-matter"),
        pytest.param(b"---\ntitle: Never closed\n\n# Bad\n\nText.\n", f"{PAGE}:1", "never ends", id="unclosed-fence"),
        pytest.param(b"---\ntitle: Bad\nreviewed: 2026-06-01\ntitle: Again\n---\n\n# Bad\n", f"{PAGE}:4", "'title' is written twice, at lines 2 and 4", id="key-twice"),
        pytest.param(FRONT.encode("utf-16"), f"{PAGE}:1", "UTF-16", id="utf-16"),
        pytest.param(FRONT.encode("utf-16-le"), f"{PAGE}:1", "", id="utf-16-le-no-bom"),
        pytest.param(b"# Bad\n\nLine two.\nA \x00 NUL.\n", f"{PAGE}:4", "NUL byte", id="nul-byte"),
        pytest.param(b"# Bad\n\nCaf\xe9 in Latin-1.\n", f"{PAGE}:3", "not valid UTF-8", id="latin-1"),
        pytest.param(b"---\ntitle: Bad\n---\n\n# Bad\n\n\xff\xfe\xfd\n", f"{PAGE}:7", "not valid UTF-8", id="invalid-utf8-after-front-matter"),
    ],
)
def test_bad_pages(tmp_path: Path, content: bytes, where: str, message: str) -> None:
    root = copy_site("site", tmp_path)
    (root / PAGE).write_bytes(content)
    assert_cannot_run(root, where, message)


def test_bad_page_in_a_real_process(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / PAGE).write_bytes(b"---\ntitle: Bad\nreviewed: [2026\n---\n")
    assert_cannot_run(root, f"{PAGE}:3", "not valid YAML", subprocess=True)


def test_a_bad_page_found_by_folder_is_named(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / "docs/staff/zz-bad.md").write_bytes(b"\xff\xfeh\x00i\x00")
    assert_cannot_run(root, "docs/staff/zz-bad.md:1", "UTF-16", "docs/staff")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("", id="empty"),
        pytest.param("---\n---\n", id="empty-front-matter"),
        pytest.param("---\n---", id="front-matter-only-no-newline"),
        pytest.param("\n\n\n", id="blank-lines"),
        pytest.param("# Only a title", id="title-only"),
        pytest.param("> " * 200 + "deep quote\n", id="deep-quote"),
        pytest.param("- " * 100 + "deep list\n", id="deep-list"),
        pytest.param("<div>\n" * 300 + "unclosed html\n", id="unclosed-html"),
        pytest.param("```\nnever closed fence\n## not a heading\n", id="unclosed-fence"),
        pytest.param("---\ntitle: x\nvoice: nobody\nreviewed: not-a-date\n---\n# T\n", id="odd-values"),
    ],
)
def test_odd_but_valid_pages_do_not_stop_the_check(tmp_path: Path, content: str) -> None:
    root = copy_site("site", tmp_path)
    (root / PAGE).write_text(content, encoding="utf-8")
    run = run_cli("check", PAGE, cwd=root)
    assert run.code in (0, 1), run.err
    assert "Traceback" not in run.err


def test_a_page_too_deeply_nested_to_render_is_a_clear_error_or_fine(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / PAGE).write_text("> " * 3000 + "very deep\n", encoding="utf-8")
    run = run_cli("check", PAGE, cwd=root)
    assert "Traceback" not in run.err
    if run.code == 2:
        assert run.err.startswith(f"plainpolicy: {PAGE}: ") and run.err.count("\n") == 1
    else:
        assert run.code in (0, 1)


# --- the glossary ------------------------------------------------------------------------------

TERM = """\
terms:
  - term: designated safeguarding lead
    abbreviations: [DSL]
    definitions:
      staff: The lead.
      young-people: The lead.
"""


@pytest.mark.parametrize(
    "glossary, where, message",
    [
        pytest.param(TERM + "  - term: designated safeguarding lead\n    definitions:\n      staff: Again.\n", f"{GLOSSARY}:7", "'designated safeguarding lead' is a term listed twice", id="duplicate-term"),
        pytest.param(TERM + "  - term: lead\n    abbreviations: [DSL]\n    definitions:\n      staff: Lead.\n", f"{GLOSSARY}:7", "'DSL'", id="duplicate-abbreviation"),
        pytest.param(TERM + "  - term: lead\n    forms: [lead]\n    definitions:\n      staff: Lead.\n", f"{GLOSSARY}:7", "'lead'", id="form-listed-twice"),
        pytest.param(TERM + "  - term: child protection\n    definitions:\n      staff: X.\n    rejected:\n      - form: DSL\n        reason: No.\n", f"{GLOSSARY}:7", "both accepted", id="accepted-and-rejected"),
        pytest.param(TERM + "  - term: x\n    definitions:\n      staff: X.\n    definitions:\n      staff: Y.\n", f"{GLOSSARY}:10", "'definitions' is written twice, at lines 8 and 10", id="key-twice"),
        pytest.param(TERM + "  - term: 42\n    definitions:\n      staff: X.\n", f"{GLOSSARY}:7", "'term' must be some text", id="term-not-text"),
        pytest.param(TERM + "  - term: x\n    definitions: Just text.\n", f"{GLOSSARY}:7", "needs 'definitions'", id="definitions-not-mapping"),
        pytest.param(TERM + "  - term: x\n    abbreviations: X\n    definitions:\n      staff: X.\n", f"{GLOSSARY}:7", "must be a list", id="abbreviations-not-list"),
        pytest.param(TERM + "  - term: x\n    definitions:\n      staff: X.\n    rejected: nope\n", f"{GLOSSARY}:7", "must be a list", id="rejected-not-list"),
        pytest.param(TERM + "  - term: x\n    definitions:\n      staff: X.\n    rejected:\n      - form: y\n", f"{GLOSSARY}:11", "reason", id="rejected-without-reason"),
        pytest.param(TERM + "  - term: x\n    definitions:\n      parents: X.\n", f"{GLOSSARY}:7", "unknown voice 'parents'", id="unknown-voice-definition"),
        pytest.param(TERM + "  - term: x\n    definitions:\n      staff: X.\n    rejected:\n      - form: y\n        reason: Z.\n        voices: [parents]\n", f"{GLOSSARY}:11", "unknown voice", id="unknown-voice-rejected"),
        pytest.param(TERM + "  - term: x\n    meaning: X.\n    definitions:\n      staff: X.\n", f"{GLOSSARY}:7", "unknown field(s) meaning", id="unknown-field"),
        pytest.param(TERM + "  - just a string\n", GLOSSARY, "must start with 'term:'", id="entry-not-mapping"),
        pytest.param(TERM + "  - term: x\n    definitions: {staff: [unclosed\n", f"{GLOSSARY}:9", "not valid YAML", id="invalid-yaml"),
        pytest.param("- term: x\n", f"{GLOSSARY}:1", "must start with 'terms:'", id="no-terms-key"),
        pytest.param("terms: x\n", f"{GLOSSARY}:1", "must start with 'terms:'", id="terms-not-list"),
        pytest.param(TERM + "  - term: x\n    definitions:\n      staff: ''\n", f"{GLOSSARY}:7", "must be some text", id="empty-definition"),
    ],
)
def test_glossary_schema_errors(tmp_path: Path, glossary: str, where: str, message: str) -> None:
    root = copy_site("site", tmp_path)
    (root / GLOSSARY).write_text(glossary, encoding="utf-8")
    assert_cannot_run(root, where, message)


def test_glossary_encoding_errors(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / GLOSSARY).write_bytes(TERM.encode("utf-16"))
    assert_cannot_run(root, f"{GLOSSARY}:1", "UTF-16")
    (root / GLOSSARY).write_bytes(TERM.encode("utf-8").replace(b"The lead.", b"The l\xe9ad."))
    assert_cannot_run(root, f"{GLOSSARY}:5", "not valid UTF-8")


def test_a_missing_glossary_is_named(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / GLOSSARY).unlink()
    assert_cannot_run(root, GLOSSARY, "cannot read the glossary")


def test_a_glossary_with_crlf_and_bom_is_fine(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    text = (root / GLOSSARY).read_text(encoding="utf-8")
    (root / GLOSSARY).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("check", "docs/young-people/words.md", cwd=root).code == 1


def test_bad_glossary_in_a_real_process(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / GLOSSARY).write_text(TERM + "  - term: designated safeguarding lead\n    definitions:\n      staff: Again.\n", encoding="utf-8")
    assert_cannot_run(root, f"{GLOSSARY}:7", "listed twice", subprocess=True)


# --- mkdocs.yml ------------------------------------------------------------------------------


def _edit_config(root: Path, old: str, new: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, where, message",
    [  # each bad setting at the line that writes it
        pytest.param("docs_dir: docs", "docs_dir: [docs", "mkdocs.yml:6", "not valid YAML", id="invalid-yaml"),  # where YAML sees it
        pytest.param("      min_words: 100", "      min_words: many", "mkdocs.yml:10", "'min_words' must be a whole number", id="min-words-text"),
        pytest.param("      min_words: 100", "      min_words: -5", "mkdocs.yml:10", "'min_words'", id="min-words-negative"),
        pytest.param("      min_words: 100", "      min_words: 100\n      colour: blue", "mkdocs.yml:11", "unknown plainpolicy setting(s): colour", id="unknown-setting"),
        pytest.param("          max_grade: 9", "          max_grade: nine", "mkdocs.yml:17", "'max_grade' must be a number", id="grade-text"),
        pytest.param("          max_grade: 9\n", "", "mkdocs.yml", "", id="grade-missing-uses-default"),
        pytest.param("          folder: young-people", "          folder: staff", "mkdocs.yml:13", "same folder", id="same-folder"),
        pytest.param("      min_words: 100", "      min_words: 100\n      default_voice: parents", "mkdocs.yml:11", "'default_voice' is 'parents'", id="unknown-default-voice"),
        pytest.param("      overdue_review: warning", "      overdue_review: fatal", "mkdocs.yml:12", "'overdue_review' must be 'error' or 'warning'", id="bad-severity"),
        pytest.param("  - plainpolicy:\n", "  - plainpolicy: yes\n  - other:\n", "mkdocs.yml:8", "must be a mapping", id="settings-not-mapping"),
        pytest.param("  - abbr\n", "  - no_such_extension_anywhere\n", "mkdocs.yml", "cannot load the Markdown extensions", id="unknown-extension"),
        pytest.param("markdown_extensions:\n", "markdown_extensions: 3\nunused:\n", "mkdocs.yml", "'markdown_extensions' must be a list", id="extensions-not-list"),
        pytest.param("        staff:\n          folder: staff", "        staff: 9\n        unused:\n          folder: staff", "mkdocs.yml:14", "voice 'staff' must be a mapping", id="voice-not-mapping"),
    ],
)
def test_bad_mkdocs_yml(tmp_path: Path, old: str, new: str, where: str, message: str) -> None:
    root = copy_site("site", tmp_path)
    _edit_config(root, old, new)
    if not message:  # a valid variant: it must still run
        assert run_cli("check", PAGE, cwd=root).code in (0, 1)
        return
    assert_cannot_run(root, where, message)


def test_mkdocs_yml_that_is_not_a_mapping(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    (root / "mkdocs.yml").write_text("- just\n- a list\n", encoding="utf-8")
    assert_cannot_run(root, "mkdocs.yml", "must be a mapping")


def test_mkdocs_yml_with_python_tags_and_env_is_read_safely(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    _edit_config(root, "markdown_extensions:\n", "extra:\n  analytics: !ENV [NO_SUCH_VARIABLE, 'none']\n  emoji: !!python/name:os.system\n  evil: !!python/object/apply:os.system ['touch pwned']\nmarkdown_extensions:\n")
    assert run_cli("check", PAGE, cwd=root).code == 0
    assert not (root / "pwned").exists()


def test_bad_mkdocs_yml_in_a_real_process(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    _edit_config(root, "docs_dir: docs", "docs_dir: [docs")
    line = assert_cannot_run(root, "mkdocs.yml:6", "not valid YAML", subprocess=True)
    assert line.endswith("(expected ',' or ']', but got ':')")
