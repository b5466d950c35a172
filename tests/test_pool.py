"""Checking pages in worker processes gives exactly what checking in one process gives.

Real processes, the real docs: the command line with --jobs, the site build with
the plugin's `workers` setting, a worker's error coming back with its file and
line, and the fall-back when workers cannot start.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pyphen import Pyphen

from plainpolicy.engine import pool as pool_module
from plainpolicy.engine.checker import Checker
from plainpolicy.engine.pool import Job, PagePool, workers_for
from plainpolicy.errors import CannotRun
from plainpolicy.mkdocs_plugin.plugin import CHECK_HERE_FIRST
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.source import read_page
from plainpolicy_testing import (
    copy_project,
    mkdocs_build,
    offline_env,
    run_cli,
    run_subprocess,
)

ROOT = Path(__file__).resolve().parents[1]


def real_jobs(checker: Checker) -> list[Job]:
    return [Job(read_page(file, str(file)), checker.relative(file)) for file in checker.collect([checker.site.docs_dir])]


def test_cli_report_is_the_same_with_two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAINPOLICY_NO_CACHE", "1")
    alone = run_cli("check", "--format", "json", "--verbose", "--jobs", "1", cwd=ROOT)
    two = run_cli("check", "--format", "json", "--verbose", "--jobs", "2", cwd=ROOT)
    assert alone.code == two.code == 0, alone.err + two.err
    assert two.out == alone.out
    assert len(alone.json()["pages"]) > 40


def test_listing_pages_made_before_the_check_are_made_again_when_a_title_comes_from_the_page(tmp_path: Path) -> None:
    """With workers, the prompts, checklist and commitments pages are first made from the
    pages' front matter. A page whose title is only its heading is listed by that
    heading all the same: the listing pages are made again from the results."""
    project = copy_project(tmp_path / "kit")
    page = project / "docs" / "staff" / "devices.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: Devices\n", "", 1).replace("\n# Devices\n", "\n# Phones, laptops and tablets\n", 1), encoding="utf-8")
    env = {**os.environ, "PLAINPOLICY_NO_CACHE": "1"}
    alone = run_subprocess("check", "--format", "json", "--verbose", "--jobs", "1", cwd=project, env=env)
    two = run_subprocess("check", "--format", "json", "--verbose", "--jobs", "2", cwd=project, env=env)
    assert alone.code == two.code == 0, alone.err + two.err
    assert two.out == alone.out
    prompts = next(entry for entry in two.json()["pages"] if entry["path"].endswith("staff/conversation-prompts.md"))
    assert prompts["title"]  # the page is there, and checked
    built = Checker(load_site_config(project / "mkdocs.yml"))
    listed = dict(built._listings([(result.relative, result.title, result.voice, result.meta, result.commitments) for result in built.check_site().pages if not result.meta.get("generated")]))
    assert "[Phones, laptops and tablets](devices.md)" in listed["staff/conversation-prompts.md"][0]


def test_pool_results_come_from_other_processes_in_order() -> None:
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    jobs = real_jobs(checker)
    existing = checker.site_pages()
    pool = PagePool(checker, 2, existing)
    numbers = [pool.submit(job) for job in jobs]
    assert numbers == list(range(len(jobs)))
    last = pool.result(numbers[-1])  # one page, before the rest: sends the last, short batch
    workers = set(pool._executor._processes) if pool._executor else set()  # type: ignore[attr-defined]
    results = [pool.result(number) for number in numbers]
    pool.close()
    assert workers and os.getpid() not in workers
    assert results[-1] == last
    assert results == [checker.check_page(job.source, job.relative, existing) for job in jobs]


def run_python(code: str) -> Any:
    """Run code in a new Python process and return the JSON it prints. A new process has no
    threads left by other tests (the browser tests' web server), so its workers start as
    `plainpolicy check` starts them: by fork on Linux."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_whole_site_check_leaves_every_page_to_the_workers_generated_ones_too() -> None:
    """The generated pages list the real ones, so they come second, but to the same workers."""
    found = run_python("""
        import json, os
        from pathlib import Path
        from plainpolicy.engine import pool
        from plainpolicy.engine.checker import Checker
        from plainpolicy.reading.mkdocs_config import load_site_config

        fork = pool.starts_at_once()
        original = Checker.check_page

        def noting_the_process(self, *args, **kwargs):  # forked workers have it too
            result = original(self, *args, **kwargs)
            result.meta = {**result.meta, "checked in": os.getpid()}
            return result

        Checker.check_page = noting_the_process
        checker = Checker(load_site_config(Path("mkdocs.yml")))
        checker.jobs = 2
        where = {page.relative: page.meta.get("checked in") for page in checker.check_site().pages}
        print(json.dumps({"fork": fork, "here": os.getpid(), "where": where, "generated": sorted(checker.generated_paths())}))
    """)
    assert set(found["generated"]) <= found["where"].keys()
    if not found["fork"]:
        pytest.skip("workers start by spawn here: they import plainpolicy again, unpatched")
    assert found["here"] not in found["where"].values() and None not in found["where"].values()


@pytest.mark.skipif(sys.platform != "linux", reason="workers start by fork on Linux only")
def test_a_forked_worker_uses_what_this_process_already_loaded() -> None:
    """A fork is a copy: the renderer and glossary loaded first are the worker's too, at the same address."""
    found = run_python("""
        import json
        from pathlib import Path
        from plainpolicy.engine import pool
        from plainpolicy.engine.checker import Checker
        from plainpolicy.reading.mkdocs_config import load_site_config

        def loaded_in_worker():
            worker = pool._worker
            return [id(worker._renderer) if worker._renderer is not None else 0, id(worker._glossary) if worker._glossary is not None else 0]

        fork = pool.starts_at_once()
        checker = Checker(load_site_config(Path("mkdocs.yml")))
        checker.load_all()
        workers = pool.PagePool(checker, 1, checker.site_pages())
        try:
            inside = workers._executor.submit(loaded_in_worker).result(timeout=60)
        finally:
            workers.close()
        print(json.dumps({"fork": fork, "worker": inside, "here": [id(checker._renderer), id(checker._glossary)]}))
    """)
    assert found["fork"] and found["worker"] == found["here"] != [0, 0]


def test_a_few_pages_are_spread_over_the_workers_one_by_one() -> None:
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    jobs = real_jobs(checker)
    existing = checker.site_pages()
    pool = PagePool(checker, 2, existing)
    try:
        many = pool.check(jobs)
        few = pool.check(jobs[:5])
        sizes = [len(batch.results or []) for batch in pool._batches]
    finally:
        pool.close()
    assert many[:5] == few == [checker.check_page(job.source, job.relative, existing) for job in jobs[:5]]
    assert sizes[-5:] == [1] * 5  # five pages, two workers: one page a batch
    assert max(sizes) == min(8, len(jobs) // 8)  # many pages: a few batches for each worker


def test_pool_falls_back_to_this_process_when_workers_cannot_start(monkeypatch: pytest.MonkeyPatch) -> None:
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    checker.site.extension_configs["not-an-extension"] = {"cannot be sent": lambda: None}  # a spawned worker needs the settings pickled
    monkeypatch.setattr(pool_module, "_context", lambda: pool_module.multiprocessing.get_context("spawn"))
    jobs = real_jobs(checker)[:5]
    said: list[str] = []
    pool = PagePool(checker, 1, checker.site_pages(), on_fallback=said.append)
    results = pool.check(jobs)
    pool.close()
    assert len(said) == 1 and "checking the rest of the pages in this process" in said[0]
    assert results == [checker.check_page(job.source, job.relative, checker.site_pages()) for job in jobs]


def test_cannot_run_keeps_file_and_line_across_processes() -> None:
    error = pickle.loads(pickle.dumps(CannotRun("docs/staff/devices.md", "cannot render the page", 12)))
    assert (error.path, error.line, str(error)) == ("docs/staff/devices.md", 12, "docs/staff/devices.md:12: cannot render the page")


def test_a_page_that_cannot_be_rendered_in_a_worker_is_named(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    page = project / "docs/staff/devices.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "no/such/snippet.md"\n', encoding="utf-8")
    run = run_subprocess("check", "--jobs", "2", cwd=project, env={**os.environ, "PLAINPOLICY_NO_CACHE": "1"})
    assert run.code == 2, run.out + run.err
    assert run.err.startswith("plainpolicy: docs/staff/devices.md") and "Traceback" not in run.err


def hyphenation_counts(cache: Path) -> dict[str, int]:
    (file,) = cache.glob("hyphenation-*.json")
    loaded = json.loads(file.read_bytes().split(b"\n", 1)[1])
    assert isinstance(loaded, dict)
    return loaded


def test_words_the_workers_count_by_hyphenation_are_kept_for_the_next_check(tmp_path: Path) -> None:
    """A worker ends without running atexit; the counts it learned must still be saved,
    or every check loads pyphen's patterns again (about 0.1 s in each worker)."""
    alone, workers = tmp_path / "alone", tmp_path / "workers"
    for cache, jobs in ((alone, "1"), (workers, "2")):
        env = offline_env({"PLAINPOLICY_CACHE_DIR": str(cache), "PLAINPOLICY_NO_CACHE": "1"})
        run = run_subprocess("check", "--jobs", jobs, cwd=ROOT, env=env)
        assert run.code == 0, run.out + run.err
    learned, by_workers = hyphenation_counts(alone), hyphenation_counts(workers)
    british = Pyphen(lang="en_GB")
    assert learned and all(count == len(british.positions(word)) + 1 for word, count in learned.items())
    # Both workers save as they end, in turns, each adding to what the file holds.
    assert by_workers == learned


def test_how_many_workers() -> None:
    assert workers_for(1000, 1) == 0  # --jobs 1: this process only
    assert workers_for(5, 3) == 3  # asked for: used even for a few pages
    assert workers_for(5, None) == 0  # too few pages to be worth a process
    assert workers_for(1000, 0, beside_build=True) == 0  # workers: 0 in mkdocs.yml
    assert workers_for(1000, 2, beside_build=True) == 2
    expected = min(pool_module.cores() - 1, 3)
    assert workers_for(1000, None, beside_build=True) == expected


# --- the site build ----------------------------------------------------------------------
def project_with_workers(tmp_path: Path, workers: int) -> Path:
    def with_workers(config: str) -> str:
        assert "  - plainpolicy:\n" in config
        return config.replace("  - plainpolicy:\n", f"  - plainpolicy:\n      workers: {workers}\n", 1)

    return copy_project(tmp_path / f"project-{workers}", with_workers)


def pages_of(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}


def test_site_is_the_same_built_with_workers_and_again_from_stored_results(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(Path(os.environ.get("PLAINPOLICY_CACHE_DIR", Path.home() / ".cache/plainpolicy")), cache, ignore=shutil.ignore_patterns("results-*"), dirs_exist_ok=True)
    inline = mkdocs_build(project_with_workers(tmp_path, 0), tmp_path / "inline", cache)
    assert inline.returncode == 0, inline.stderr
    with_workers = project_with_workers(tmp_path, 2)
    first = mkdocs_build(with_workers, tmp_path / "workers", cache, verbose=True)
    assert first.returncode == 0, first.stderr
    again = mkdocs_build(with_workers, tmp_path / "again", cache)
    assert again.returncode == 0, again.stderr
    assert pages_of(tmp_path / "workers") == pages_of(tmp_path / "inline")
    assert pages_of(tmp_path / "again") == pages_of(tmp_path / "inline")
    pages = len(list((with_workers / "docs").rglob("*.md")))
    checked = re.search(r"plainpolicy: checked (\d+) pages, 0 unchanged", first.stderr)
    assert checked and int(checked.group(1)) > pages, first.stderr  # every page, and the generated ones
    assert "plainpolicy: checking pages in 2 worker processes" in first.stderr
    assert f"plainpolicy: checked 0 pages, {checked.group(1)} unchanged" in again.stderr
    # The build says what the plugin cost in MkDocs' own process, and how many pages the workers checked.
    sent = re.search(r"since the last build \((\d+) in worker processes\); (\d+\.\d\d) s of plainpolicy's own work in MkDocs' process", first.stderr)
    assert sent and float(sent.group(2)) > 0, first.stderr
    # Where workers start by fork (Linux), `mkdocs build` sends them every page; elsewhere the first few are checked here.
    here = 0 if sys.platform == "linux" else CHECK_HERE_FIRST
    assert int(sent.group(1)) == int(checked.group(1)) - here, first.stderr
    assert re.search(r"unchanged since the last build; \d+\.\d\d s of plainpolicy's own work", again.stderr), again.stderr
    # Part of it is reading the pages, which MkDocs would otherwise do: said apart, and never more than the whole.
    reading = re.search(r"own work in MkDocs' process \((\d+\.\d\d) s of it reading the pages, which MkDocs would otherwise do\)", first.stderr)
    assert reading and float(reading.group(1)) <= float(sent.group(2)), first.stderr
    # With --verbose: the time of each hook, which add up to the whole, and the wait for the workers.
    by_hook = re.search(r"plainpolicy: own work by hook: (.*); (\d+\.\d\d) s of it waiting for worker processes", first.stderr)
    assert by_hook, first.stderr
    hooks = dict(re.findall(r"(on_\w+) (\d+\.\d\d) s", by_hook.group(1)))
    assert {"on_config", "on_files", "on_page_content", "on_page_context"} <= hooks.keys(), hooks
    assert abs(sum(map(float, hooks.values())) - float(sent.group(2))) <= 0.005 * len(hooks) + 0.01
    assert float(by_hook.group(2)) <= float(hooks["on_page_context"]) + 0.01  # results are waited for there


def test_errors_found_by_workers_fail_the_build_with_file_and_line(tmp_path: Path) -> None:
    outputs = []
    for workers in (0, 2):
        project = project_with_workers(tmp_path, workers)
        page = project / "docs/young-people/devices.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text + "\nThe Serious Crimes Act 2017 is a law.\n", encoding="utf-8")
        line = len(page.read_text(encoding="utf-8").splitlines())
        result = mkdocs_build(project, tmp_path / f"out-{workers}", tmp_path / f"cache-{workers}")
        assert result.returncode != 0
        assert f"docs/young-people/devices.md:{line}:" in result.stderr and "glossary/rejected" in result.stderr
        outputs.append([line for line in result.stderr.splitlines() if "glossary/rejected" in line])
    assert outputs[0] == outputs[1]


def test_front_matter_read_in_a_worker_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    """The site build sends pages unparsed; a broken front matter still names its file and line."""
    messages = []
    for workers in (0, 2):
        project = project_with_workers(tmp_path, workers)
        # Without prompts and checklist no generated page lists the pages, so none is read before the checks
        # (a page with commitment markers is read first, for the commitments table: this one has none).
        config = project / "mkdocs.yml"
        config.write_text(re.sub(r"\n      (prompts|checklist): \S+", "", config.read_text(encoding="utf-8")), encoding="utf-8")
        page = project / "docs/young-people/training.md"
        assert "commitment" not in page.read_text(encoding="utf-8").lower()
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        assert lines[0] == "---\n"
        lines.insert(2, "summary: [this list is never closed\n")
        page.write_text("".join(lines), encoding="utf-8")
        result = mkdocs_build(project, tmp_path / f"out-{workers}", tmp_path / f"cache-{workers}")
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        found = re.search(r"plainpolicy: (docs/young-people/training\.md:\d+:.*)", result.stderr)
        assert found, result.stderr
        messages.append(found.group(1))
    assert messages[0] == messages[1]
    if pool_module.cores() >= 2:
        assert "checking pages in 2 worker processes" in result.stderr


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_beside_a_build_run_at_a_lower_priority_than_the_build() -> None:
    """The build is what a person waits for: its workers give way to it; the command line's do not."""
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    ours = os.nice(0)
    for background, expected in ((False, ours), (True, min(19, ours + pool_module.BACKGROUND_NICENESS))):
        pool = PagePool(checker, 1, set(), background=background)
        try:
            assert pool._executor is not None, "worker processes could not start here"
            assert pool._executor.submit(os.nice, 0).result(timeout=60) == expected
        finally:
            pool.close()


def test_a_build_after_an_edit_is_the_same_as_a_build_from_nothing_stored(tmp_path: Path) -> None:
    """Stored results, and the findings and report stored with them, never outlive an edit."""
    project = project_with_workers(tmp_path, 0)
    cache = tmp_path / "cache"
    assert mkdocs_build(project, tmp_path / "first", cache).returncode == 0
    unchanged = mkdocs_build(project, tmp_path / "unchanged", cache)
    assert unchanged.returncode == 0 and "plainpolicy: checked 0 pages" in unchanged.stderr
    assert pages_of(tmp_path / "unchanged") == pages_of(tmp_path / "first")
    page = project / "docs/young-people/devices.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nIf a phone is lost, tell us the same day so we can help you lock it.\n", encoding="utf-8")
    edited = mkdocs_build(project, tmp_path / "edited", cache)
    assert edited.returncode == 0 and "plainpolicy: checked 1 page," in edited.stderr, edited.stderr
    fresh = mkdocs_build(project, tmp_path / "fresh", tmp_path / "empty-cache")
    assert fresh.returncode == 0
    report = next(name for name in pages_of(tmp_path / "fresh") if "readability-report" in name)
    assert pages_of(tmp_path / "edited")[report] != pages_of(tmp_path / "first")[report]
    assert pages_of(tmp_path / "edited") == pages_of(tmp_path / "fresh")
