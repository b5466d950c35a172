"""Bad input never crashes and never loses work.

Each contributor mistake in tests/corpus/ goes through the real command line
(`python -m plainpolicy check`, in its own process, with a time limit) and must
give either one clear line naming the file (and line, where there is one) with
exit code 2, or findings; never a traceback, never a hang, never a changed
file. Huge inputs are generated here, in tmp_path, not committed.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plainpolicy_testing import offline_env

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"
PAGES = CORPUS / "pages"
BAD = PAGES / "docs" / "bad"
DATA = CORPUS / "data"
TODAY = "2026-11-21"
TIME_LIMIT = 60.0  # seconds, generous: every input here takes a few seconds at most


# --- helpers ------------------------------------------------------------------------------
def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` and the SHA-256 of its bytes."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.rglob("*")) if path.is_file()}


def run_check(*args: str | os.PathLike[str], cwd: Path = ROOT, limit: float = TIME_LIMIT) -> tuple[int, str, str, float]:
    command = [sys.executable, "-m", "plainpolicy", "check", "--today", TODAY, *map(str, args)]
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=cwd, env=offline_env(), capture_output=True, text=True, timeout=limit * 2)
    except subprocess.TimeoutExpired:
        pytest.fail(f"plainpolicy did not finish within {limit * 2:.0f} s: {command}")
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


def shown(path: Path) -> str:
    return os.path.relpath(path, ROOT).replace(os.sep, "/")


def assert_cannot_run(code: int, out: str, err: str, file: str, line: int | None, words: str) -> None:
    """Exit 2 with one line: 'plainpolicy: FILE[:LINE]: message', and nothing else."""
    assert code == 2, f"exit {code}\nstdout: {out[:500]}\nstderr: {err[:500]}"
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {err!r}"
    where = f"{file}:{line}: " if line else f"{file}: "
    assert lines[0].startswith(f"plainpolicy: {where}"), lines[0]
    assert "internal error" not in lines[0]
    assert re.search(words, lines[0], re.IGNORECASE), lines[0]
    assert out == ""


def findings_of(out: str) -> list[dict]:
    data = json.loads(out)
    for finding in data["findings"]:
        assert finding["line"] >= 1 and finding["column"] >= 1 and finding["severity"] in ("error", "warning", "info") and finding["path"]
    return data["findings"]


# --- the committed corpus: one contributor mistake per file --------------------------------
CANNOT_RUN = [
    # (file, line, words in the message)
    ("invalid-yaml.md", 4, r"front matter is not valid YAML"),
    ("tab-indented-yaml.md", 3, r"front matter is not valid YAML"),
    ("not-a-mapping.md", 2, r"front matter must be a list of 'key: value' lines"),
    ("scalar-front-matter.md", 2, r"front matter must be a list of 'key: value' lines"),
    ("unclosed-front-matter.md", 1, r"never ends: add a '---' line"),
    ("python-tag.md", 2, r"not valid YAML \(could not determine a constructor"),
    ("utf16-le.md", 1, r"saved as UTF-16; save it as UTF-8"),
    ("utf16-be.md", 1, r"saved as UTF-16; save it as UTF-8"),
    ("utf16-no-bom.md", 1, r"NUL byte"),
    ("binary.md", 3, r"NUL byte: is it a binary file"),
    ("nul-byte.md", 4, r"NUL byte"),
    ("latin-1.md", 3, r"not valid UTF-8"),
    ("alias-bomb.md", 2, r"front matter is too big to read"),  # would take minutes and gigabytes, expanded
]

FINDINGS = [
    # (file, exit code, the findings expected as (rule, line))
    ("empty.md", 0, []),
    ("only-front-matter.md", 0, []),
    ("control-characters.md", 0, []),
    ("unbalanced-html.md", 0, []),
    # Odd types are read without a crash; `generated:` belongs to the pages plainpolicy makes.
    ("odd-types.md", 1, [("security/front-matter", 8)]),
    # A BOM, CRLF or lone CR line endings work normally: the script is on line 9.
    ("bom-crlf.md", 1, [("security/raw-html", 9)]),
    ("lone-cr.md", 1, [("security/raw-html", 9)]),
    # Python-Markdown renders what follows an unclosed fence as normal content:
    # the "example" script is a real one, on line 10.
    ("unclosed-code-fence.md", 1, [("security/raw-html", 10)]),
    ("unknown-voice.md", 1, [("voice/unknown", 3)]),
    ("voice-not-text.md", 1, [("voice/unknown", 3)]),
]


def test_the_corpus_lists_every_file() -> None:
    listed = {name for name, *_ in CANNOT_RUN} | {name for name, *_ in FINDINGS}
    assert listed == {path.name for path in BAD.iterdir()}


@pytest.mark.parametrize(("name", "line", "words"), CANNOT_RUN, ids=[case[0] for case in CANNOT_RUN])
def test_bad_page_stops_with_one_clear_line(name: str, line: int, words: str) -> None:
    before = tree_digest(CORPUS)
    code, out, err, seconds = run_check("--config", PAGES / "mkdocs.yml", BAD / name)
    assert tree_digest(CORPUS) == before, "a corpus file was changed or created"
    assert_cannot_run(code, out, err, shown(BAD / name), line, words)
    assert seconds < TIME_LIMIT


@pytest.mark.parametrize(("name", "code", "expected"), FINDINGS, ids=[case[0] for case in FINDINGS])
def test_odd_page_gives_findings_not_a_crash(name: str, code: int, expected: list[tuple[str, int]]) -> None:
    before = tree_digest(CORPUS)
    exit_code, out, err, seconds = run_check("--format", "json", "--config", PAGES / "mkdocs.yml", BAD / name)
    assert tree_digest(CORPUS) == before, "a corpus file was changed or created"
    assert err == "" and "Traceback" not in out
    assert exit_code == code
    found = [(finding["rule"], finding["line"]) for finding in findings_of(out) if finding["severity"] != "info"]
    assert found == expected
    assert seconds < TIME_LIMIT


def test_whole_corpus_site_stops_at_the_first_bad_file() -> None:
    """Checking the folder stops with one line naming a bad file, and changes nothing."""
    before = tree_digest(CORPUS)
    code, out, err, _ = run_check("--config", PAGES / "mkdocs.yml", cwd=PAGES)
    assert tree_digest(CORPUS) == before
    assert code == 2 and "Traceback" not in err
    assert re.fullmatch(r"plainpolicy: docs/bad/[\w.-]+\.md(:\d+)?: .+\n", err), err


# --- data files: glossary and image consent register ----------------------------------------
def data_config(tmp_path: Path, **settings: str) -> Path:
    """A copy of the data corpus's mkdocs.yml that names one data file (docs_dir stays in the corpus)."""
    text = (DATA / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {(DATA / 'docs').as_posix()}")
    lines = "".join(f"      {key}: {value}\n" for key, value in settings.items())
    text = text.replace("  - plainpolicy:\n", "  - plainpolicy:\n" + lines)
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


DATA_CASES = [
    # (setting, file under docs/, line, words)
    ("glossary", "glossaries/duplicate-term.yml", 9, r"'designated safeguarding lead' is a term listed twice"),
    ("glossary", "glossaries/preferred-and-rejected.yml", 5, r"is both accepted .* and rejected"),
    ("glossary", "glossaries/wrong-types.yml", 2, r"definition of 'moderator' must be some text"),
    ("glossary", "glossaries/definitions-not-mapping.yml", 2, r"needs 'definitions'"),
    ("glossary", "glossaries/unknown-voice.yml", 2, r"unknown voice 'trustees'"),
    ("glossary", "glossaries/terms-not-list.yml", 1, r"must start with 'terms:'"),
    ("glossary", "glossaries/not-yaml.yml", 4, r"not valid YAML"),
    ("glossary", "glossaries/impossible-date.yml", 4, r"'2026-02-30' is not a real date"),
    ("glossary", "glossaries/utf16.yml", 1, r"UTF-16"),
    ("glossary", "glossaries/empty.yml", 1, r"must start with 'terms:'"),
    ("glossary", "glossaries/alias-bomb.yml", None, r"glossary is too big to read"),
    ("glossary", "glossaries/missing.yml", None, r"cannot read the glossary \(No such file"),
    ("image_register", "registers/not-yaml.yml", 4, r"not valid YAML"),
    ("image_register", "registers/not-a-mapping.yml", 1, r"must start with 'images:'"),
    ("image_register", "registers/images-not-list.yml", 1, r"'images' must be a list"),
    ("image_register", "registers/unknown-field.yml", 2, r"unknown field\(s\) photographer"),
    ("image_register", "registers/duplicate-file.yml", 7, r"images/a.jpg is listed twice \(first on line 2\)"),
    ("image_register", "registers/missing-reference.yml", 2, r"needs 'consent_reference'"),
    ("image_register", "registers/bad-date.yml", 2, r"'consent_date' .* must be a date written as YYYY-MM-DD, not '1st May 2026'"),
    ("image_register", "registers/impossible-date.yml", 6, r"'2027-02-30' is not a real date"),
    ("image_register", "registers/delete-before-consent.yml", 2, r"'delete_by' \(2026-01-01\) must be after 'consent_date'"),
    ("image_register", "registers/consent-unknown.yml", 2, r"needs 'consent: written'"),
    ("image_register", "registers/outside-docs.yml", 2, r"must be a path under docs/"),
    ("image_register", "registers/wrong-types.yml", 2, r"'consent_reference' .* must be some text, not list"),
    ("image_register", "registers/missing.yml", None, r"cannot read the image consent register \(No such file"),
]


@pytest.mark.parametrize(("setting", "name", "line", "words"), DATA_CASES, ids=[case[1] for case in DATA_CASES])
def test_bad_data_file_stops_with_one_clear_line(tmp_path: Path, setting: str, name: str, line: int | None, words: str) -> None:
    config = data_config(tmp_path, **{setting: name})
    before = tree_digest(CORPUS)
    code, out, err, _ = run_check("--config", config, DATA / "docs" / "staff" / "page.md")
    assert tree_digest(CORPUS) == before
    assert_cannot_run(code, out, err, shown(DATA / "docs" / name), line, words)


def test_every_data_file_in_the_corpus_is_tried() -> None:
    tried = {name for _, name, *_ in DATA_CASES}
    present = {path.relative_to(DATA / "docs").as_posix() for path in (DATA / "docs").rglob("*.yml")}
    assert present <= tried


def test_the_data_corpus_page_passes_with_no_data_files() -> None:
    code, out, err, _ = run_check("--format", "json", "--config", DATA / "mkdocs.yml", DATA / "docs" / "staff" / "page.md", cwd=DATA)
    assert (code, err) == (0, ""), err


def test_unreadable_data_file(tmp_path: Path) -> None:
    """A data file that cannot be read (here a folder, which even root cannot read as a file)."""
    docs = tmp_path / "docs"
    (docs / "staff").mkdir(parents=True)
    (docs / "staff" / "page.md").write_bytes((DATA / "docs" / "staff" / "page.md").read_bytes())
    (docs / "glossary.yml").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - plainpolicy:\n      glossary: glossary.yml\n", encoding="utf-8")
    code, out, err, _ = run_check("docs/staff/page.md", cwd=tmp_path)
    assert_cannot_run(code, out, err, "docs/glossary.yml", None, r"cannot read the glossary \(Is a directory\)")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_data_file_without_permission(tmp_path: Path) -> None:  # pragma: no cover - only as a normal user
    docs = tmp_path / "docs"
    (docs / "staff").mkdir(parents=True)
    (docs / "staff" / "page.md").write_bytes((DATA / "docs" / "staff" / "page.md").read_bytes())
    register = docs / "image-consent.yml"
    register.write_text("images: []\n", encoding="utf-8")
    register.chmod(0)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - plainpolicy\n", encoding="utf-8")
    try:
        code, out, err, _ = run_check("docs/staff/page.md", cwd=tmp_path)
    finally:
        register.chmod(0o644)
    assert_cannot_run(code, out, err, "docs/image-consent.yml", None, r"cannot read the image consent register \(Permission denied\)")


# --- huge inputs, generated here ------------------------------------------------------------
def huge_site(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "staff").mkdir(parents=True)
    (tmp_path / "docs" / "young-people").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_bytes((PAGES / "mkdocs.yml").read_bytes())
    return tmp_path


WORDS = "the staff member should tell the lead about any worry they have when a young person shares something online".split()
FRONT = "---\ntitle: Huge\nreviewed: 2026-11-01\nunpaired: Generated for a test.\n---\n\n# Huge\n\n"


def words(count: int, seed: int = 0) -> str:
    return " ".join(WORDS[(index * 7 + seed) % len(WORDS)] for index in range(count))


def check_huge(site: Path, name: str, text: str) -> tuple[int, str, str]:
    file = site / "docs" / "staff" / name
    file.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    code, out, err, seconds = run_check("--format", "json", f"docs/staff/{name}", cwd=site)
    assert hashlib.sha256(file.read_bytes()).hexdigest() == digest, "the input file was changed"
    assert seconds < TIME_LIMIT, f"{name} took {seconds:.1f} s"
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err


def test_one_200000_word_sentence(tmp_path: Path) -> None:
    code, out, err = check_huge(huge_site(tmp_path), "sentence.md", FRONT + words(200_000) + ".\n")
    assert (code, err) == (1, "")
    rules = {finding["rule"] for finding in findings_of(out)}
    assert {"sentence/too-long", "readability/too-hard"} & rules, rules
    too_long = next(f for f in findings_of(out) if f["rule"] == "sentence/too-long")
    assert "200000 words" in too_long["message"] and too_long["line"] == 9


def test_5000_headings(tmp_path: Path) -> None:
    body = "".join(f"## Heading number {index}\n\nTell the lead about it, heading {index}.\n\n" for index in range(5000))
    code, out, err = check_huge(huge_site(tmp_path), "headings.md", FRONT + body)
    assert code in (0, 1) and err == ""
    data = json.loads(out)
    sections = data["pages"][0]["sections"]
    assert len(sections) == 5001
    assert sections[-1]["line"] == 9 + 4 * 4999  # the last heading maps to its own line


@pytest.mark.parametrize("shape", ["one line", "staircase"])
def test_400_levels_of_nested_quotes(tmp_path: Path, shape: str) -> None:
    if shape == "one line":
        body = "> " * 400 + "Deep words here.\n"
    else:
        body = "".join("> " * level + f"level {level}\n" for level in range(1, 401))
    code, out, err = check_huge(huge_site(tmp_path), "quotes.md", FRONT + body)
    if code == 2:  # Python-Markdown may hit its recursion limit: one clear line, not a crash
        assert_cannot_run(code, out, err, "docs/staff/quotes.md", None, r"nested too deeply")
    else:
        assert code in (0, 1) and err == ""
        findings_of(out)


def test_400_levels_of_nested_lists_stop_with_a_message(tmp_path: Path) -> None:
    """Python-Markdown's RecursionError becomes one clear line (render.py)."""
    body = "".join("    " * level + "- level\n" for level in range(400))
    code, out, err = check_huge(huge_site(tmp_path), "lists.md", FRONT + body)
    assert_cannot_run(code, out, err, "docs/staff/lists.md", None, r"nested too deeply to render")


@pytest.mark.parametrize("shape", ["brackets", "indents"])
def test_front_matter_nested_thousands_deep(tmp_path: Path, shape: str) -> None:
    """Thousands of levels would make PyYAML or a later str() recurse too deeply: one clear line instead."""
    if shape == "brackets":
        front = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    else:
        front = "---\n" + "".join(" " * level + f"k{level}:\n" for level in range(3000)) + "---\n"
    code, out, err = check_huge(huge_site(tmp_path), "deep.md", front + "# Deep\n")
    assert_cannot_run(code, out, err, "docs/staff/deep.md", 2, r"front matter is nested too deeply")


def test_thousands_of_security_findings(tmp_path: Path) -> None:
    body = "".join(f"Line {index} <script>alert({index})</script> and ![x](https://tracker.example/{index}.gif)\n\n" for index in range(3000))
    code, out, err = check_huge(huge_site(tmp_path), "many.md", FRONT + body)
    assert (code, err) == (1, "")
    scripts = [f["line"] for f in findings_of(out) if f["rule"] == "security/raw-html"]
    assert scripts == [9 + 2 * index for index in range(3000)]  # each on its own line


# --- linear scaling -------------------------------------------------------------------------
# These compare two timings, so the machine's noise must not decide the result: the
# collector is off while timing (its full passes land on whichever run crosses a
# threshold), each large run sits between two small ones taken just before and after
# (this machine's speed changes from one minute to the next), and the middle one of
# three such ratios counts, so one disturbed round decides nothing either way. Linear
# checking makes each ratio about 4, a quadratic step about 16.
def _seconds(checker, text: str) -> float:  # type: ignore[no-untyped-def]
    collecting = gc.isenabled()
    gc.disable()
    try:
        started = time.perf_counter()
        checker.check_text(text, "staff/scale.md", "docs/staff/scale.md", set())
        return time.perf_counter() - started
    finally:
        if collecting:
            gc.enable()


def _growth(checker, small: str, large: str, rounds: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    """How many times longer the large text takes than the small, once per round."""
    ratios = []
    for _ in range(rounds):
        before, took, after = _seconds(checker, small), _seconds(checker, large), _seconds(checker, small)
        ratios.append(took / ((before + after) / 2))
    return ratios


def _prose(count: int) -> str:
    sentences = [words(12, seed) + "." for seed in range(count // 12)]
    paragraphs = [" ".join(sentences[index : index + 5]) for index in range(0, len(sentences), 5)]
    return FRONT + "\n\n".join(paragraphs) + "\n"


SHAPES = {
    "prose in paragraphs": _prose,
    "one long paragraph": lambda count: FRONT + words(count) + ".\n",
    # Every full stop here follows an abbreviation or an initial, so no sentence
    # ends: split_sentences was quadratic on this before it was fixed.
    "abbreviations and initials": lambda count: FRONT + " ".join(("Dr.", "A.", "e.g.", "word")[index % 4] + " B" for index in range(count // 2)) + ".\n",
    # exceptions.find_allowances and analysis.analyse were quadratic in the number of exceptions.
    "sections with exceptions": lambda count: FRONT + "".join(f"## Part {index}\n\n<!-- plainpolicy-allow readability: a test -->\n{words(18, index)}.\n\n" for index in range(count // 20)),
    "security findings": lambda count: FRONT + "".join(f"{words(8, index)} <b onclick='x'>go</b> ![a](https://t.example/{index}.gif)\n\n" for index in range(count // 10)),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_checking_time_grows_linearly(shape: str) -> None:
    """Four times the words must take well under sixteen times as long (quadratic would)."""
    from plainpolicy.engine.checker import Checker
    from plainpolicy.reading.mkdocs_config import load_site_config

    checker = Checker(load_site_config(PAGES / "mkdocs.yml"))
    make = SHAPES[shape]
    checker.check_text(make(2000), "staff/scale.md", "docs/staff/scale.md", set())  # warm the caches
    ratios = _growth(checker, make(10_000), make(40_000))
    assert sorted(ratios)[1] < 8, f"{shape}: 40,000 words took " + ", ".join(f"x{ratio:.1f}" for ratio in ratios) + " as long as 10,000"
