"""Running every measurement and turning the results into the table."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import inprocess, instructions, machine, processes
from .corpus import ROOT, Site, make_site
from .procs import HAS_GNU_TIME, median
from .table import Row, met, percent, rate, render, seconds, times


def about_cores() -> str:
    from plainpolicy.engine.pool import cores

    return f"{cores()} processes"

COLD_TARGET = 0.5  # seconds
OVERHEAD_TARGET = 0.10
PROSELINT_TARGET = 3.0
LINEAR_TOLERANCE = 1.25  # per-page memory of the largest corpus at most this times the smallest's


@dataclass
class Options:
    pairs: list[int] = field(default_factory=lambda: [100, 1000])
    repeat: int = 3
    cold_runs: int = 7
    serve_pairs: int | None = None  # default: the largest corpus
    serve_edits: int = 2
    workdir: Path | None = None
    profile: Path | None = None
    project: Path = ROOT  # the site whose `plainpolicy check` cold start is measured
    instructions: int | None = None  # the corpus whose builds callgrind counts (default: the smallest; 0: none)


def compile_bytecode() -> None:
    """Write plainpolicy's bytecode first, as an installed package has it: with
    PYTHONDONTWRITEBYTECODE set, or stale .pyc files, every timed process would
    otherwise compile the edited modules again and count that as its own time."""
    import compileall

    compileall.compile_dir(str(ROOT / "scripts"), quiet=1)


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(options: Options) -> str:
    with tempfile.TemporaryDirectory(prefix="plainpolicy-bench-") as scratch:
        work = options.workdir or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        return _run(options, work)


def _run(options: Options, work: Path) -> str:
    started = dt.datetime.now()
    compile_bytecode()
    cache = work / "cache"
    os.environ["PLAINPOLICY_CACHE_DIR"] = str(cache)  # ours, here and in every child: never ~/.cache
    about = machine.describe()
    load_before = machine.load()
    source_before = machine.source_state(ROOT)

    say(f"cold start: plainpolicy check in {options.project}, {options.cold_runs} runs")
    cold = processes.cold_start(options.cold_runs, cache, options.project)

    sizes = sorted(set(options.pairs))
    say(f"generating corpora: {', '.join(map(str, sizes))} topic pairs")
    sites = {pairs: make_site(work / f"site-{pairs}", pairs) for pairs in sizes}
    empty = make_site(work / "site-0", 0)
    large = sites[sizes[-1]]

    say(f"checker on {large.pairs} pairs (one process, every core) and proselint on the same files, in turn, {options.repeat} rounds")
    old_cwd = os.getcwd()
    os.chdir(large.root)  # as a user would run it: from the site's folder
    try:
        def real_words(report: Any) -> int:  # the words of the Markdown files proselint reads (not generated pages)
            return sum(page.words for page in report.pages if (large.root / page.path).is_file())

        versus, report = inprocess.against_proselint(large.config, large.markdown_files, real_words, options.repeat)
        say("scoring: plainpolicy.text.scoring against textstat on the same section texts")
        texts, same_texts = inprocess.section_texts(large.config, report)
        scoring = inprocess.compare_scoring(texts, max(options.repeat, 3), same_texts)
    finally:
        os.chdir(old_cwd)
    del report

    say("checker peak memory per corpus")
    memory = {pairs: processes.checker_memory(site, cache) for pairs, site in sites.items()}
    baseline = processes.checker_memory(empty, cache)

    builds = {}
    for pairs, site in sites.items():
        say(f"mkdocs build, {pairs} pairs, without the plugin, with it from nothing stored, and again; {options.repeat} times each")
        builds[pairs] = processes.mkdocs_builds(site, options.repeat, cache)

    counts = None
    counted_site = sites.get(options.instructions if options.instructions is not None else sizes[0])
    if options.instructions != 0 and counted_site is not None and instructions.valgrind():
        say(f"instructions in MkDocs' process (callgrind), {counted_site.pairs} pairs: without the plugin, first build, again")
        counts = instructions.count_builds(counted_site, cache)

    serve_site = sites.get(options.serve_pairs or sizes[-1]) or large
    say(f"mkdocs serve rebuild after one edit, {serve_site.pairs} pairs")
    serve = processes.serve_rebuilds(serve_site, options.serve_edits)

    if options.profile:
        from .profiles import profile_all

        say(f"profiles into {options.profile}")
        profile_all(options.profile, large, sites[sizes[0]], options.project)

    finished = dt.datetime.now()
    context = [
        f"Run {started:%Y-%m-%d %H:%M} to {finished:%H:%M}; load average (1, 5, 15 min) {load_before} before, {machine.load()} after.",
        f"Machine: {about['processor']}, {about['cores']} cores, {about['memory']} memory; {about['system']}; {about['python']}.",
        f"Packages: {about['packages']}.",
        f"plainpolicy source: {source_before} at the start, {machine.source_state(ROOT)} at the end.",
        *([f"Cold check project: {options.project}"] if options.project != ROOT else []),
        f"Corpora: {', '.join(f'{p} topic pairs ({len(s.pages)} pages)' for p, s in sites.items())}; passes: {options.repeat}; cold runs: {options.cold_runs}.",
    ]
    rows = _rows(cold, versus, scoring, builds, serve, memory, baseline, large)
    rows += _instruction_rows(counts)
    notes = _notes(scoring, versus.found, serve_site, options)
    notes.append(_instruction_note(counts))
    return render("plainpolicy benchmark", context, rows, notes)


def _rows(cold, versus, scoring, builds, serve, memory, baseline, large: Site) -> list[Row]:  # type: ignore[no-untyped-def]
    rows = [
        Row(f"Cold check of the real docs/, warm cache (median of {cold.warm.runs}, min)",
            f"{seconds(cold.warm.median)} (min {seconds(cold.warm.minimum)}, CPU {seconds(cold.warm.cpu)})",
            f"python -c pass: {seconds(cold.python_alone.median)}", "-", f"< {COLD_TARGET} s (clock)", met(cold.warm.median < COLD_TARGET)),
        Row(f"Cold check, stored page results off (PLAINPOLICY_NO_CACHE=1, median of {cold.no_results.runs})",
            f"{seconds(cold.no_results.median)} (min {seconds(cold.no_results.minimum)}, CPU {seconds(cold.no_results.cpu)})",
            "-", "-", f"< {COLD_TARGET} s (clock)", met(cold.no_results.median < COLD_TARGET)),
        Row("Cold check of the real docs/, first run ever (empty cache)", f"{seconds(cold.first_ever.median)} (CPU {seconds(cold.first_ever.cpu)})"),
    ]
    proselint = versus.proselint
    for label, throughput, judged in (("one process", versus.one, False), (f"every core ({about_cores()})", versus.every, True)):
        ratio = versus.ratio(every=judged)
        ratios = versus.every_ratios if judged else versus.one_ratios
        cpu_ratio = throughput.words_per_cpu_second / proselint.words_per_cpu_second
        rows.append(Row(
            f"Checker end to end, {large.pairs} pairs ({throughput.words:,} words), {label}",
            f"{rate(throughput.words_per_second)} (CPU {rate(throughput.words_per_cpu_second)})",
            f"proselint: {rate(proselint.words_per_second)} (CPU {rate(proselint.words_per_cpu_second)})",
            f"{times(ratio)} (rounds {times(min(ratios))} to {times(max(ratios))}; CPU {times(cpu_ratio)})",
            ">= 3x (clock)" if judged else "-", met(ratio >= PROSELINT_TARGET) if judged else "-",
        ))
    s_ratio = scoring.plainpolicy.words_per_second / scoring.textstat.words_per_second
    s_cpu = scoring.plainpolicy.words_per_cpu_second / scoring.textstat.words_per_cpu_second
    rows.append(Row(
        f"Scoring step, {scoring.sections:,} sections; identical scores {scoring.identical}/{scoring.sections}",
        f"{rate(scoring.plainpolicy.words_per_second)} (CPU {rate(scoring.plainpolicy.words_per_cpu_second)})",
        f"textstat: {rate(scoring.textstat.words_per_second)} (CPU {rate(scoring.textstat.words_per_cpu_second)})",
        f"{times(s_ratio)} (CPU {times(s_cpu)})", ">= 1x (CPU), same",
        met(s_cpu >= 1 and scoring.identical == scoring.sections and scoring.matches_checker),
    ))
    for pairs, build in builds.items():
        for label, timing in (("first build", build.first_build), ("build again", build.build_again)):
            rows.append(Row(
                f"mkdocs build, {pairs} pairs, {label}: time (median of {timing.runs})",
                f"with plugin {seconds(timing.median)} (CPU {seconds(timing.cpu)})",
                f"without {seconds(build.without_plugin.median)} (CPU {seconds(build.without_plugin.cpu)})",
                f"{percent(build.overhead(timing))} (rounds {build.spread(timing)}; CPU {percent(build.cpu_overhead(timing))})",
                "<= +10% (clock)", met(build.overhead(timing) <= OVERHEAD_TARGET),
            ))
        if build.first_own and build.again_own:
            own_first, own_again, base = median(build.first_own), median(build.again_own), build.without_plugin.median
            read_first, read_again = median(build.first_reading or [0.0]), median(build.again_reading or [0.0])
            rows.append(Row(
                f"mkdocs build, {pairs} pairs: the plugin's own time in MkDocs' process (median; in brackets, reading the pages for MkDocs)",
                f"first build {seconds(own_first)} ({seconds(read_first)}), again {seconds(own_again)} ({seconds(read_again)})",
                f"build without plugin {seconds(base)}",
                f"{percent(own_first / base)} / {percent(own_again / base)}; "
                f"without the reading {percent((own_first - read_first) / base)} / {percent((own_again - read_again) / base)}",
            ))
        rows.append(Row(
            f"mkdocs build, {pairs} pairs: peak memory",
            f"with plugin {build.first_build.peak_mb:.0f} MB", f"without {build.without_plugin.peak_mb:.0f} MB",
            percent(build.first_build.peak_mb / build.without_plugin.peak_mb - 1),
        ))
    rows.append(Row(
        f"mkdocs serve, {serve.pairs} pairs: rebuild after editing one page (median of {len(serve.with_plugin.rebuilds)})",
        f"with plugin {seconds(serve.with_plugin.rebuild)} ({serve.with_plugin.checked or 'no count logged'})",
        f"without {seconds(serve.without_plugin.rebuild)}",
        percent(serve.with_plugin.rebuild / serve.without_plugin.rebuild - 1),
    ))
    per_page = {pairs: (m.peak_mb - baseline.peak_mb) * 1024 / max(m.pages, 1) for pairs, m in memory.items()}
    for pairs, m in memory.items():
        rows.append(Row(f"Checker peak memory, {pairs} pairs ({m.pages} pages)", f"{m.peak_mb:.0f} MB", f"empty site: {baseline.peak_mb:.0f} MB", f"{per_page[pairs]:.0f} KB/page"))
    smallest, largest = min(memory), max(memory)
    linear = None
    if smallest != largest and smallest >= 50:
        linear = per_page[largest] <= per_page[smallest] * LINEAR_TOLERANCE
    rows[-1].target, rows[-1].met = "linear in pages", met(linear)
    return rows


def _instruction_rows(counts: instructions.Counts | None) -> list[Row]:
    if counts is None:
        return []
    first, again, without = counts.first_build, counts.build_again, counts.without_plugin
    return [Row(
        f"mkdocs build, {counts.pairs} pairs: instructions in MkDocs' process (callgrind, one build each)",
        f"first build {billions(first.main)}, again {billions(again.main)} (workers: {billions(first.workers)}, {billions(again.workers)})",
        f"without {billions(without.main)}",
        f"{percent(counts.overhead(first))} / {percent(counts.overhead(again))}",
    )]


def _instruction_note(counts: instructions.Counts | None) -> str:
    if counts is None:
        return "- Instructions: not counted (valgrind is not installed, or --instructions 0)."
    return (
        "- Instructions: `valgrind --tool=callgrind` on one build of each kind; the same count whatever else the machine is doing."
        " MkDocs' process is the one a person waits for; the workers run on another core beside it (see the plugin's 'waiting' figure"
        " in `mkdocs build -v`). Instructions are not seconds, but they show what the plugin adds to MkDocs' process without the machine's noise."
    )


def billions(count: int) -> str:
    return f"{count / 1e9:.2f} G"


def _notes(scoring, proselint_found: int, serve_site: Site, options: Options) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        "Notes:",
        "- Times are wall clock (median of the passes); CPU is user + system time of the process and of the worker processes it started."
        " Speed targets are judged on the clock, the time a person waits: the checker and the plugin use more than one core"
        " where they can, so their CPU time is larger than their clock time. This holds for the cold check too, which checks a site"
        " of 40 pages or more in worker processes. Memory is judged on the checker in one process.",
        "- Cold check: `plainpolicy check` in the project, process start to exit; the cache folder (hyphenation counts, and, where the version"
        " has them, stored page results) is the benchmark's own, filled by the first run.",
        "- Checker: load_site_config + Checker(...).check_site() (render, extract, score, every finding), syllable cache cleared before each pass;"
        " no stored page results (the benchmark never calls Checker.use_cache), so every pass does all the work."
        " 'One process' is Checker.jobs = 1; 'every core' is the default of `plainpolicy check` (one worker process per core, see pool.py).",
        f"- Scoring: the {scoring.sections:,} section texts ({scoring.distinct:,} distinct) of the voice pages, exactly the texts the checker scored"
        f" ({'checked' if scoring.matches_checker else 'NOT the same'}); textstat.flesch_kincaid_grade + flesch_reading_ease"
        " with the CMU dictionary as plainpolicy ships it (offline), en_GB, against plainpolicy.text.scoring.score.",
        "  Every textstat lru_cache and plainpolicy's word cache are cleared before each pass; passes alternate which goes first.",
        f"- proselint 0.16 in-process (LintFile(path).lint(DEFAULT), all default checks) on the same Markdown files; {proselint_found:,} suggestions."
        " Its words/s uses the words plainpolicy scored on those files. The checker in one process, on every core, and proselint"
        " run in turn, round after round; the ratio is the median over rounds of each round's own ratio (as for the builds).",
        "- Build overhead is the median over rounds of each round's ratio (with / without, builds of one round run back to back),"
        " which a machine whose speed drifts during the run disturbs less than a ratio of medians.",
        "- The plugin's own time is the clock time spent in its hooks, as the plugin logs it at the end of a build; it leaves out"
        " the worker processes (another core) and any slowing of MkDocs by a worker sharing the machine, so it is a floor for the overhead"
        " that a busy machine barely moves.",
        "- Builds: mkdocs build (not -q, for the plugin's last line), alternating: without the plugin; with it after its stored page results were deleted (first build,"
        f" every page checked, in worker processes beside MkDocs on a large site); with it again, nothing changed (stored results reused). Serve: mkdocs serve on the {serve_site.pairs}-pair site; the times are MkDocs' own 'Documentation built in' figures.",
        f"- Memory: peak resident set of each child process ({'GNU time %M' if HAS_GNU_TIME else 'wait4 ru_maxrss, an upper bound'}); KB/page is (peak - empty site's peak) / pages.",
    ]
