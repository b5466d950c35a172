"""Measurements in child processes: cold start, mkdocs build and serve, checker memory."""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .corpus import ROOT, Site, edit_one_page
from .procs import BIN, Rebuild, median, run_ok, serve_rebuild


@dataclass
class Timing:
    median: float  # wall seconds
    minimum: float
    cpu: float  # median CPU seconds (user + system)
    peak_mb: float  # the largest peak memory over the runs
    runs: int


def _timing(runs: list) -> Timing:  # type: ignore[type-arg]
    seconds = [run.seconds for run in runs]
    return Timing(median(seconds), min(seconds), median([run.cpu for run in runs]), max(run.peak_mb for run in runs), len(runs))


# --- cold start ------------------------------------------------------------------
@dataclass
class ColdStart:
    first_ever: Timing  # empty cache folder: no hyphenation counts, no stored results
    warm: Timing  # cache folder already filled: what every later run costs
    no_results: Timing  # PLAINPOLICY_NO_CACHE=1: hyphenation counts warm, every page checked again
    python_alone: Timing  # `python -c pass`: the floor for any Python command
    exit_code: int


def cold_start(repeat: int, cache_dir: Path, project: Path = ROOT) -> ColdStart:
    """`plainpolicy check` on the real docs/, process start to exit."""
    command = [str(BIN / "plainpolicy"), "check"]
    cache = {"PLAINPOLICY_CACHE_DIR": str(cache_dir)}
    with tempfile.TemporaryDirectory(prefix="plainpolicy-bench-empty-cache-") as empty:
        first = run_ok(command, project, {"PLAINPOLICY_CACHE_DIR": empty}, allowed=(0, 1))
    run_ok(command, project, cache, allowed=(0, 1))  # make sure it is warm
    warm = [run_ok(command, project, cache, allowed=(0, 1)) for _ in range(repeat)]
    # Without the stored page results (PLAINPOLICY_NO_CACHE, ignored by versions without them).
    no_results = [run_ok(command, project, {**cache, "PLAINPOLICY_NO_CACHE": "1"}, allowed=(0, 1)) for _ in range(repeat)]
    alone = [run_ok([sys.executable, "-c", "pass"], project) for _ in range(repeat)]
    return ColdStart(_timing([first]), _timing(warm), _timing(no_results), _timing(alone), warm[-1].code)


# --- mkdocs build ------------------------------------------------------------------
@dataclass
class Builds:
    pairs: int
    pages: int
    without_plugin: Timing
    first_build: Timing  # with the plugin, no stored page results: every page checked
    build_again: Timing  # with the plugin, nothing changed since the last build

    first_ratios: list[float]  # per round: first build / build without the plugin, both clock
    again_ratios: list[float]
    first_cpu_ratios: list[float]
    again_cpu_ratios: list[float]
    first_own: list[float]  # per build: the plugin's own seconds in MkDocs' process, as the plugin logs them
    again_own: list[float]
    first_reading: list[float]  # per build: of those, the seconds spent reading the pages (MkDocs' own work otherwise)
    again_reading: list[float]

    def overhead(self, build: Timing) -> float:
        """The plugin's extra clock time: the median over rounds of each round's own ratio.

        Builds of one round run within a minute of each other, so a machine that
        speeds up or slows down over the run moves both sides of a ratio alike.
        """
        return median(self.first_ratios if build is self.first_build else self.again_ratios) - 1

    def spread(self, build: Timing) -> str:
        """The lowest and highest of the rounds' overheads, as text."""
        ratios = self.first_ratios if build is self.first_build else self.again_ratios
        return f"{(min(ratios) - 1) * 100:+.0f}% to {(max(ratios) - 1) * 100:+.0f}%"

    def cpu_overhead(self, build: Timing) -> float:
        return median(self.first_cpu_ratios if build is self.first_build else self.again_cpu_ratios) - 1


def forget_results(cache_dir: Path) -> None:
    """Delete stored page results (not the hyphenation counts), so the next build checks every page."""
    for stored in cache_dir.glob("results-*.jsonl"):
        stored.unlink()


def mkdocs_builds(site: Site, repeat: int, cache_dir: Path) -> Builds:
    """`mkdocs build -q`: without the plugin; with it from nothing stored; with it again. Alternating, `repeat` times each.

    The order turns round each time (without-first-again, first-again-without,
    again-without-first), so that none of the three always runs last while a
    busy machine slows down. "Again" always has a plugin build before it.
    """
    without, first, again = [], [], []
    kinds = [(site.config_without_plugin, without, "without"), (site.config, first, "first"), (site.config, again, "again")]
    with tempfile.TemporaryDirectory(prefix="plainpolicy-bench-out-") as out:
        for round_number in range(repeat):
            shift = round_number % len(kinds)
            for config, runs, name in kinds[shift:] + kinds[:shift]:
                if runs is first:
                    forget_results(cache_dir)
                # Not -q: the plugin's last line says how long its own hooks took in MkDocs' process.
                command = [str(BIN / "mkdocs"), "build", "-f", str(config), "-d", str(Path(out) / name)]
                runs.append(run_ok(command, site.root, {"PLAINPOLICY_CACHE_DIR": str(cache_dir)}))
    def ratios(runs: list, cpu: bool = False) -> list[float]:  # type: ignore[type-arg]
        return [(run.cpu / base.cpu) if cpu else (run.seconds / base.seconds) for run, base in zip(runs, without)]

    return Builds(
        site.pairs, len(site.pages), _timing(without), _timing(first), _timing(again),
        ratios(first), ratios(again), ratios(first, cpu=True), ratios(again, cpu=True),
        _own_seconds(first), _own_seconds(again), _own_seconds(first, READING), _own_seconds(again, READING),
    )


OWN_WORK = re.compile(r"([0-9.]+) s of plainpolicy's own work in MkDocs' process")
READING = re.compile(r"\(([0-9.]+) s of it reading the pages")


def _own_seconds(runs: list, pattern: re.Pattern[str] = OWN_WORK) -> list[float]:  # type: ignore[type-arg]
    """What each build's plugin logged as its own time, or the part of it spent reading pages
    (empty for versions that do not log it)."""
    found = [pattern.search(run.output) for run in runs]
    return [float(match.group(1)) for match in found if match]


# --- mkdocs serve ------------------------------------------------------------------
@dataclass
class Serve:
    pairs: int
    without_plugin: Rebuild
    with_plugin: Rebuild


def serve_rebuilds(site: Site, edits: int) -> Serve:
    """`mkdocs serve`: the rebuild after one page is edited, without then with the plugin."""
    without = serve_rebuild(site.config_without_plugin, site.root, lambda i: edit_one_page(site, f"without the plugin, edit {i + 1}"), edits)
    with_ = serve_rebuild(site.config, site.root, lambda i: edit_one_page(site, f"with the plugin, edit {i + 1}"), edits)
    return Serve(site.pairs, without, with_)


# --- checker memory ------------------------------------------------------------------
CHECK = (
    "import sys\n"
    "from pathlib import Path\n"
    "from plainpolicy.engine.checker import Checker\n"
    "from plainpolicy.reading.mkdocs_config import load_site_config\n"
    "report = Checker(load_site_config(Path(sys.argv[1]))).check_site()\n"
    "print(len(report.pages), sum(page.words for page in report.pages))\n"
)


@dataclass
class Memory:
    pages: int
    words: int
    peak_mb: float


def checker_memory(site: Site, cache_dir: Path) -> Memory:
    """Peak memory of a process that checks the whole site (and keeps the report)."""
    result = run_ok([sys.executable, "-c", CHECK, str(site.config)], site.root, {"PLAINPOLICY_CACHE_DIR": str(cache_dir)})
    pages, words = (int(value) for value in result.output.split()[-2:])
    return Memory(pages, words, result.peak_mb)
