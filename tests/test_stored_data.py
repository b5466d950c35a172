"""What plainpolicy reads from the cache folder is plain, checked data: never a pickle, never trusted.

A CI cache is restored from an earlier run, so these files may be stale,
damaged, or written by someone else on purpose. Whatever they hold, the
results must be the ones a run without them gives, no code in them may run,
and a file that fails its checks is written anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import pytest

from plainpolicy.cachefile import read_checked, write_checked
from plainpolicy.engine import plaindata
from plainpolicy.engine.checker import Checker
from plainpolicy.engine.resultcache import ResultCache, digest
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy_testing import copy_site, mkdocs_build, run_cli


class RunsCode:
    """Unpickling this makes the folder named: proof that a pickle was loaded (and code ran)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def crafted_pickle(marker: Path) -> bytes:
    return pickle.dumps(RunsCode(marker))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLAINPOLICY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PLAINPOLICY_NO_CACHE", raising=False)
    return copy_site("site", tmp_path)


def stored_file(project: Path, kind: str) -> Path:
    """The file the cache of this site and kind ("check" or "build") reads, as plainpolicy names it."""
    return ResultCache(digest(kind, str((project / "docs").resolve()))).path


def check(project: Path) -> tuple[int, str]:
    run = run_cli("check", "--format", "json", "--jobs", "1", cwd=project)
    assert run.code in (0, 1), run.err
    return run.code, run.out


def test_a_crafted_pickle_in_the_cache_folder_is_never_run(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    uncached = check(project)
    path = stored_file(project, "check")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crafted_pickle(marker))
    assert check(project) == uncached
    assert check(project) == uncached
    assert not marker.exists(), "a pickle from the cache folder was loaded"
    assert not path.read_bytes().startswith(b"\x80"), "the file is still a pickle"


def test_a_crafted_pickle_in_the_cache_folder_is_never_run_by_the_build(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = stored_file(project, "build")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(crafted_pickle(marker))
    first = mkdocs_build(project, tmp_path / "out", cache=tmp_path / "cache", strict=False)
    again = mkdocs_build(project, tmp_path / "out", cache=tmp_path / "cache", strict=False)
    assert not marker.exists(), "a pickle from the cache folder was loaded"
    assert first.returncode == again.returncode, first.stderr + again.stderr
    assert "Traceback" not in first.stderr + again.stderr
    assert path.read_bytes().startswith(b'{"format"'), "the stored results were not written as plain data"


def test_a_stored_file_with_wrong_contents_is_ignored_and_rebuilt(project: Path) -> None:
    """Valid JSON, wrong numbers (shifted grades, a finding dropped): the checksum no longer matches."""
    uncached = check(project)
    path = stored_file(project, "check")
    text = path.read_text(encoding="ascii")
    header, body = text.split("\n", 1)
    shifted = body.replace('"error"', '"info"').replace(',9.', ',1.')
    assert shifted != body
    path.write_text(header + "\n" + shifted, encoding="ascii")
    assert check(project) == uncached
    assert check(project) == uncached
    assert path.read_text(encoding="ascii").split("\n", 1)[1] == body  # written anew, as the cold run wrote it


def test_a_stored_result_of_a_class_not_listed_is_checked_again(project: Path) -> None:
    """Even with a matching checksum (as anyone can write), an entry naming another class makes no object."""
    uncached = check(project)
    path = stored_file(project, "check")
    header_line, body = path.read_bytes().split(b"\n", 1)
    header = json.loads(header_line)
    del header["sha256"]
    lines = body.decode("ascii").splitlines(keepends=True)
    key = lines[0][2:66]
    lines[0] = f'["{key}",{{"c":"Popen","f":[["touch","{path.parent}/ran"]]}}]\n'
    write_checked(path, header, "".join(lines).encode("ascii"))
    assert check(project) == uncached
    assert not (path.parent / "ran").exists()


@pytest.mark.parametrize("content", [b"", b"\n", b"not json\n{}", b'{"format": 2}\n', b"\x80\x04\x95"])
def test_damaged_files_read_as_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "file.jsonl"
    path.write_bytes(content)
    assert read_checked(path, {"format": 2}) is None


def test_a_checked_file_reads_back_only_with_its_own_header(tmp_path: Path) -> None:
    path = tmp_path / "file.jsonl"
    write_checked(path, {"kind": "test", "format": 2}, b"body\n")
    assert read_checked(path, {"kind": "test", "format": 2}) == b"body\n"
    assert read_checked(path, {"kind": "test", "format": 3}) is None
    header = json.loads(path.read_bytes().split(b"\n")[0])
    assert header["sha256"] == hashlib.sha256(b"body\n").hexdigest()
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


# --- plaindata: results as JSON and back ---------------------------------------------


def real_results() -> list:  # type: ignore[type-arg]
    checker = Checker(load_site_config(copy_site_path() / "mkdocs.yml"))
    existing = checker.site_pages()
    return [checker.check_text(file.read_text(encoding="utf-8"), checker.relative(file), str(file), existing) for file in checker.collect([checker.site.docs_dir])]


def copy_site_path() -> Path:
    from plainpolicy_testing import site

    return site("site")


def test_every_result_comes_back_equal() -> None:
    results = real_results()
    assert results and any(result.findings for result in results) and any(result.sections for result in results)
    for result in results:
        text = plaindata.dumps(result)
        assert plaindata.loads(text) == result
        assert "\n" not in text


def test_front_matter_that_looks_like_a_tag_is_kept_as_written() -> None:
    meta = {"c": "Finding", "f": [1], "t": [1, 2], "d": [["a", 1]], "b": "eA==", "nested": {"c": "Popen"}}
    value = (meta, [1, (2, "x")], b"\x00bytes", None, True, 1.5)
    assert plaindata.loads(plaindata.dumps(value)) == value


@pytest.mark.parametrize("value", [{1, 2}, {1: "a key that is not text"}, object(), Path("x")])
def test_what_is_not_plain_data_is_not_stored(value: object) -> None:
    with pytest.raises(TypeError):
        plaindata.dumps(value)


@pytest.mark.parametrize("text", ['{"c":"Popen","f":[]}', '{"c":"Finding","f":[1]}', '{"x":1}', '{"t":1}', '{"d":[[1,2]]}', '{"b":"!!"}', "[" * 100_000, "not json"])
def test_text_that_is_not_a_stored_value_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        plaindata.loads(text)


def test_the_syllable_table_and_hyphenation_counts_leave_no_pickle_or_database(project: Path) -> None:
    check(project)
    cache = Path(os.environ["PLAINPOLICY_CACHE_DIR"])
    for file in cache.iterdir():
        if file.suffix == ".lock":
            continue
        header = json.loads(file.read_bytes().split(b"\n", 1)[0])
        assert {"kind", "format", "sha256"} <= header.keys(), file.name
