"""Throughput measured in this process: the checker, textstat directly, proselint.

Caching, so the comparisons are fair:
- Before every timed pass, plainpolicy's per-word syllable cache is cleared and
  every lru_cache in textstat (results per text, 128 entries) is cleared. Each
  keeps its dictionary loaded: plainpolicy its SQLite connection, textstat the
  CMU dictionary handed to it in memory (no NLTK, no network). Within a pass each
  tool uses its own caches as it would in a real run.
- textstat computes both formulas from the same cached counts for one text, so
  "grade + ease" costs it one counting pass, as score() does.
- proselint compiles its patterns on first use; passes after the first are warm.
Every figure is the median of the timed passes; the checker and proselint
are timed in turn, round after round, and compared round by round.
"""

from __future__ import annotations

import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .procs import median


@dataclass
class Throughput:
    words: int
    seconds: float  # median wall time of the passes
    cpu: float  # median CPU time of the passes (steadier on a busy machine)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu if self.cpu else 0.0


@dataclass
class ScoringComparison:
    sections: int
    distinct: int
    plainpolicy: Throughput
    textstat: Throughput
    identical: int  # sections whose grade and ease are equal to the last bit
    matches_checker: bool  # the texts are the ones the checker scored


def cpu_seconds() -> float:
    """CPU time of this process (all threads) and of its finished child processes (a worker pool)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed_passes(repeat: int, before: Callable[[], None], body: Callable[[], Any]) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of `repeat` passes of body(), each after before()."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        before()
        wall, cpu = time.perf_counter(), cpu_seconds()
        result = body()
        cpus.append(cpu_seconds() - cpu)
        walls.append(time.perf_counter() - wall)
    return median(walls), median(cpus), result


# --- the checker, end to end ---------------------------------------------------
def _clear_plainpolicy() -> None:
    from plainpolicy.text.syllables import syllables

    syllables.cache_clear()


def check_site(config: Path, jobs: int | None = 1) -> Any:
    """The whole site checked as `plainpolicy check` does; jobs=None lets it use every core."""
    from plainpolicy.engine.checker import Checker
    from plainpolicy.reading.mkdocs_config import load_site_config

    checker = Checker(load_site_config(config))
    checker.jobs = jobs
    return checker.check_site()


def section_texts(config: Path, report: Any) -> tuple[list[str], bool]:
    """Every section's extracted text on the site's own pages, as the checker scores it.

    The second value is True when score() of each text equals the scores in the
    checker's report for that section (so these are the very texts it scored).
    """
    from plainpolicy.engine.checker import Checker, display_path
    from plainpolicy.reading.analysis import analyse
    from plainpolicy.reading.mkdocs_config import load_site_config
    from plainpolicy.reading.source import read_page
    from plainpolicy.text.scoring import score

    checker = Checker(load_site_config(config))
    by_path = {page.path: page for page in report.pages}
    texts: list[str] = []
    same = True
    for file in checker.collect([checker.site.docs_dir]):
        source = read_page(file, display_path(file))
        relative = checker.relative(file)
        voice = checker.settings.voice_for(relative, source.meta)
        if voice is None:  # not scored by the checker
            continue
        html = checker.renderer.render(checker.prepare_markdown(source.body, relative, source.meta), source.path)
        page = analyse(source.path, relative, source, html, voice)
        found = [view.section.text for view in page.sections]
        checked = by_path.get(source.path)
        same = same and checked is not None and [s.scores for s in checked.sections] == [score(t) for t in found]
        texts.extend(found)
    return texts, same


# --- textstat, directly --------------------------------------------------------
_OFFLINE: dict[str, Any] = {}


def offline_textstat() -> Any:
    """textstat reading the CMU dictionary as plainpolicy ships it, British English."""
    import importlib

    import textstat

    if not _OFFLINE:
        from plainpolicy.text.syllables import textstat_dictionary

        counting = importlib.import_module("textstat.backend.counts._count_syllables")
        _OFFLINE["dict"] = textstat_dictionary()
        counting.get_cmudict = lambda lang: _OFFLINE["dict"]
    textstat.set_lang("en_GB")
    return textstat


def clear_textstat_caches() -> int:
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("textstat") or module is None:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
                cleared += 1
    return cleared


def compare_scoring(texts: list[str], repeat: int, matches_checker: bool) -> ScoringComparison:
    from plainpolicy.text.scoring import score

    textstat = offline_textstat()
    words = sum(score(text).words for text in texts)

    def run_textstat() -> list[tuple[float, float]]:
        return [(textstat.flesch_kincaid_grade(t), textstat.flesch_reading_ease(t)) for t in texts]

    def run_plainpolicy() -> list[tuple[float, float]]:
        out = []
        for t in texts:
            s = score(t)
            out.append((s.grade, s.ease))
        return out

    times: dict[str, list[tuple[float, float]]] = {"textstat": [], "plainpolicy": []}
    results: dict[str, list[tuple[float, float]]] = {}
    order = [("textstat", clear_textstat_caches, run_textstat), ("plainpolicy", _clear_plainpolicy, run_plainpolicy)]
    for index in range(repeat):  # alternate which goes first, so neither gains from the other's warm-up
        for name, before, body in order if index % 2 == 0 else order[::-1]:
            wall, cpu, results[name] = timed_passes(1, before, body)  # type: ignore[arg-type]
            times[name].append((wall, cpu))

    def throughput(name: str) -> Throughput:
        return Throughput(words, median([w for w, _ in times[name]]), median([c for _, c in times[name]]))

    identical = sum(1 for a, b in zip(results["plainpolicy"], results["textstat"]) if a == b)
    return ScoringComparison(
        sections=len(texts), distinct=len(set(texts)),
        plainpolicy=throughput("plainpolicy"), textstat=throughput("textstat"),
        identical=identical, matches_checker=matches_checker,
    )


# --- proselint -----------------------------------------------------------------
def proselint_pass(files: list[Path]) -> Callable[[], int]:
    """One pass of proselint 0.16 in-process (LintFile.lint with the default checks) over the files."""
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    return lambda: sum(len(LintFile(file).lint(DEFAULT)) for file in files)


@dataclass
class AgainstProselint:
    """The checker (one process, every core) and proselint, timed in turn, round after round."""

    one: Throughput
    every: Throughput
    proselint: Throughput
    found: int  # proselint's suggestions
    one_ratios: list[float]  # each round's words/s ratio to proselint's in the same round
    every_ratios: list[float]

    def ratio(self, every: bool) -> float:
        """The median over rounds of each round's own ratio: the three passes of a round run
        within a minute, so a machine whose speed drifts over the run moves both sides alike."""
        return median(self.every_ratios if every else self.one_ratios)


def against_proselint(config: Path, files: list[Path], words_of: Callable[[Any], int], repeat: int) -> tuple[AgainstProselint, Any]:
    """Rounds of: the checker in one process, the checker on every core, proselint on the same files.

    words_of(report) gives the words plainpolicy scored on `files` (proselint's words)."""
    lint = proselint_pass(files)
    timings: dict[str, list[tuple[float, float]]] = {"one": [], "every": [], "proselint": []}
    report: Any = None
    found = 0
    for _ in range(repeat):
        for name, before, body in (
            ("one", _clear_plainpolicy, lambda: check_site(config, 1)),
            ("every", _clear_plainpolicy, lambda: check_site(config, None)),
            ("proselint", lambda: None, lint),
        ):
            wall, cpu, result = timed_passes(1, before, body)
            timings[name].append((wall, cpu))
            if name == "proselint":
                found = int(result)
            else:
                report = result
    checked = sum(page.words for page in report.pages)

    def throughput(name: str, words: int) -> Throughput:
        return Throughput(words, median([wall for wall, _ in timings[name]]), median([cpu for _, cpu in timings[name]]))

    words = words_of(report)
    ratios = {name: [(checked / wall) / (words / lint_wall) for (wall, _), (lint_wall, _) in zip(timings[name], timings["proselint"])] for name in ("one", "every")}
    return AgainstProselint(throughput("one", checked), throughput("every", checked), throughput("proselint", words), found, ratios["one"], ratios["every"]), report
