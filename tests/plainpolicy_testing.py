"""Helpers shared by the test modules: running the checker, reading fixture sites."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
OFFLINE = TESTS / "offline"  # holds the sitecustomize.py that forbids the network
TODAY = "2026-11-21"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.out)


def run_cli(*args: str | os.PathLike[str], cwd: Path | None = None, today: str | None = TODAY) -> Run:
    """`plainpolicy check ...` in this process (fast), from `cwd`."""
    from plainpolicy.cli import main

    argv = [str(arg) for arg in args]
    if today and argv and argv[0] == "check" and "--today" not in argv:
        argv[1:1] = ["--today", today]
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse errors
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(old)
    return Run(code, out.getvalue(), err.getvalue())


def offline_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a subprocess: our offline sitecustomize first on PYTHONPATH."""
    env = dict(os.environ)
    env.pop("PLAINPOLICY_DEBUG", None)
    env["PYTHONPATH"] = os.pathsep.join([str(OFFLINE), *filter(None, [env.get("PYTHONPATH")])])
    env.update(extra or {})
    return env


def run_subprocess(*args: str | os.PathLike[str], cwd: Path, env: dict[str, str] | None = None, today: str | None = TODAY, module: str = "plainpolicy") -> Run:
    """`python -m plainpolicy check ...` in a new process, with the network forbidden."""
    argv = [str(arg) for arg in args]
    if today and argv and argv[0] == "check" and "--today" not in argv:
        argv[1:1] = ["--today", today]
    result = subprocess.run(
        [sys.executable, "-m", module, *argv],
        cwd=cwd, env=env or offline_env(), capture_output=True, text=True, timeout=120,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def copy_project(destination: Path, edit_config: Callable[[str], str] | None = None) -> Path:
    """A copy of the kit's own site (docs, overrides, mkdocs.yml, changed by edit_config) in destination."""
    for name in ("docs", "overrides"):
        shutil.copytree(REPO / name, destination / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (destination / "mkdocs.yml").write_text(edit_config(config) if edit_config else config, encoding="utf-8")
    return destination


def mkdocs_build(project: Path, out: Path, cache: Path | None = None, strict: bool = True, verbose: bool = False) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of a project in a new process; stored results in `cache` (None: none kept)."""
    env = dict(os.environ)
    if cache is None:
        env["PLAINPOLICY_NO_CACHE"] = "1"
    else:
        env["PLAINPOLICY_CACHE_DIR"] = str(cache)
        env.pop("PLAINPOLICY_NO_CACHE", None)
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), *(["--verbose"] if verbose else []), "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=300)


def site(name: str) -> Path:
    return FIXTURES / name


KIT_PAGES = sorted((REPO / "docs").rglob("*.md"))  # every page of the kit, for tests that render them all


def kit_page_id(page: Path) -> str:
    return page.relative_to(REPO / "docs").as_posix()


def body_of(page: Path) -> str:
    """A page's Markdown, its front matter left out."""
    from plainpolicy.reading.source import split_front_matter

    return split_front_matter(page.read_text(encoding="utf-8"), str(page)).body


def copy_site(name: str, destination: Path) -> Path:
    """A fixture site copied to a temporary folder, for tests that change files."""
    target = destination / name
    shutil.copytree(FIXTURES / name, target)
    return target


def check_json(site_dir: Path, *paths: str, today: str = TODAY, extra: Iterable[str] = ()) -> dict[str, Any]:
    run = run_cli("check", "--format", "json", *extra, *paths, cwd=site_dir, today=today)
    assert run.code in (0, 1), f"exit {run.code}: {run.err}"
    return run.json()


def found(data: dict[str, Any], path: str | None = None, rule: str | None = None) -> list[tuple[str, int, int]]:
    """(rule, line, column) of the findings, optionally for one path and one rule (family)."""
    return [
        (f["rule"], f["line"], f["column"])
        for f in data["findings"]
        if (path is None or f["path"] == path) and (rule is None or f["rule"] == rule or f["rule"].startswith(rule + "/"))
    ]


def page(data: dict[str, Any], path: str) -> dict[str, Any]:
    return next(p for p in data["pages"] if p["path"] == path)


def section(data: dict[str, Any], path: str, heading: str) -> dict[str, Any]:
    return next(s for s in page(data, path)["sections"] if s["heading"] == heading)


def line_of(file: Path, text: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the n-th occurrence of `text` (the fixtures' ground truth)."""
    seen = 0
    for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1):
        if text in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{text!r} not found in {file}")


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under root: sha256 of its bytes and its modification time."""
    result = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            result[path.relative_to(root).as_posix()] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return result


def run_main(capsys: Any, monkeypatch: Any, folder: Path, *argv: str) -> tuple[int, str, str]:
    """Run the CLI in this process from `folder`: (exit code, stdout, stderr)."""
    from plainpolicy.cli import main

    monkeypatch.chdir(folder)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
