"""Checking pages in other processes, so that every core does some of the work.

A page's findings depend only on the page, the site's settings and data files
and the list of page names, so pages can be checked in any process, in any
order. The command line checks a large site with one process per core; the
MkDocs plugin hands pages to workers while MkDocs goes on building, and only
waits for them when it needs the results.

Pages go to the workers in small batches (one message per page costs more than
checking a short page). If a worker cannot start or dies, or the site's
settings cannot be sent to it, the pages it had are checked in this process
instead: a pool can make checking faster, never different.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.util
import os
import pickle
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from plainpolicy.errors import CannotRun

if TYPE_CHECKING:
    from plainpolicy.engine.checker import Checker
    from plainpolicy.reading.source import SourcePage

# Below this many pages, starting a worker costs more than it saves.
MIN_PAGES = 40
BATCH_SIZE = 8


def cores() -> int:
    """The cores this process may use (fewer than the machine's in a container with a CPU limit)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> Any:
    """fork where it is safe (Linux, no other threads yet): workers start at once with the
    glossary and Markdown already loaded. Elsewhere spawn: workers import plainpolicy again."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def starts_at_once() -> bool:
    """Whether a worker would start by fork: in milliseconds, with nothing to import again."""
    return _context().get_start_method() == "fork"


# --- in the worker ---------------------------------------------------------------
_worker: Checker | None = None


# How much lower a worker beside a build runs than the build itself: MkDocs is what
# the person waits for, so when the cores are busy the scheduler should serve it first.
BACKGROUND_NICENESS = 5


def _start_worker(make_checker: Callable[[], Checker], tooltips: bool, background: bool = False, forked_from: Checker | None = None) -> None:
    """make_checker: how a spawned worker makes its own checker (the Checker class and the
    site's settings, sent by reference: this module never imports the checker, which imports it).
    forked_from: the checker of the process this one is a copy of, with what it has
    loaded (never sent to a spawned worker, which starts its own)."""
    global _worker
    from plainpolicy.engine.orphans import die_with_parent
    from plainpolicy.text.syllables import save_learned

    die_with_parent()

    if background and hasattr(os, "nice"):
        try:
            os.nice(BACKGROUND_NICENESS)
        except OSError:  # not allowed here: run at the same priority
            pass
    multiprocessing.util.Finalize(None, save_learned, exitpriority=0)  # atexit does not run in a worker
    _worker = forked_from if forked_from is not None else make_checker()
    _worker.tooltips = tooltips


@dataclass
class Job:
    """One page to check; html is the page as MkDocs made it (None: render it here).

    A page read from a file may be sent unparsed (source None, raw the path shown
    and the text): its front matter is then read in the worker, not in the
    process that sends it (MkDocs', or `check FILE`'s)."""

    source: SourcePage | None
    relative: str
    html: str | None = None
    raw: tuple[str, str] | None = None
    generated: bool = False  # made by plainpolicy from a data file: only then does `generated: true` count

    @property
    def path_and_text(self) -> tuple[str, str]:
        """The path shown and the whole text, without reading the front matter."""
        if self.raw is not None:
            return self.raw
        assert self.source is not None
        return self.source.path, self.source.text

    def page(self) -> SourcePage:
        """The page, its front matter read (raises CannotRun, naming the line, if it cannot be)."""
        if self.source is None:
            from plainpolicy.reading.source import split_front_matter

            assert self.raw is not None
            self.source = split_front_matter(self.raw[1], self.raw[0])
            self.raw = None  # the source has the text: a worker is sent it once
        return self.source


def _check_batch(existing: set[str], jobs: list[Job], packed: bool) -> list[Any]:
    assert _worker is not None
    return _check(_worker, jobs, existing, packed)


def _check(checker: Checker, jobs: list[Job], existing: set[str], packed: bool) -> list[Any]:
    """Each page's result; packed: as the site build keeps it (see buildresult.py)."""
    results = [checker.check_job(job, existing) for job in jobs]
    if not packed:
        return results
    from plainpolicy.engine.packing import pack

    return [pack(result, checker.settings) for result in results]


# --- in this process -------------------------------------------------------------
@dataclass
class _Batch:
    jobs: list[Job]
    future: Future[list[Any]] | None
    results: list[Any] | None = None


class PagePool:
    """Worker processes that check pages.

    submit() gives each page a number and result(number) waits for that page alone
    (the site build); check(jobs) gives many pages' results in order (the command line).
    """

    def __init__(self, checker: Checker, workers: int, existing: set[str], on_fallback: Callable[[str], None] | None = None, packed: bool = False, background: bool = False) -> None:
        """background: the workers check beside a site build, at a lower priority than the build."""
        self.checker = checker
        self.packed = packed  # give results as buildresult.pack() makes them
        self.workers = workers
        self.existing = existing
        self._pending: list[Job] = []
        self._batches: list[_Batch] = []
        self._where: list[tuple[int, int]] = []  # page number -> (batch, place in it)
        self._on_fallback = on_fallback
        self._broken = False
        self._executor: ProcessPoolExecutor | None = None
        try:
            context = _context()
            forked_from = checker if context.get_start_method() == "fork" else None  # a fork copies it: nothing to send
            self._executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(functools.partial(type(checker), checker.site, checker.today), checker.tooltips, background, forked_from))
        except (OSError, ValueError, NotImplementedError) as error:  # no processes here (some sandboxes)
            self._fall_back(f"cannot start worker processes ({error})")

    def submit(self, job: Job) -> int:
        self._pending.append(job)
        number = len(self._where) + len(self._pending) - 1
        if len(self._pending) >= BATCH_SIZE:
            self._send()
        return number

    def _send(self) -> None:
        jobs, self._pending = self._pending, []
        if not jobs:
            return
        future = None
        if self._executor is not None and not self._broken:
            try:  # every batch carries the page list: any worker may take any batch
                future = self._executor.submit(_check_batch, self.existing, jobs, self.packed)
            except (BrokenProcessPool, RuntimeError, pickle.PicklingError, TypeError, AttributeError) as error:
                self._fall_back(f"a worker process stopped ({error})")
        self._where.extend((len(self._batches), place) for place in range(len(jobs)))
        self._batches.append(_Batch(jobs, future))

    def check(self, jobs: list[Job]) -> list[Any]:
        """These pages' results, in order, spread over the workers (the pool stays open)."""
        return [self.result(number) for number in self.send_all(jobs)]

    def send_all(self, jobs: list[Job]) -> list[int]:
        """Send these pages to the workers at once; their numbers for result(), in order.

        The longest pages go first, so that the last batches, which decide when the
        slowest worker ends, are short pages. Smaller batches when there are few
        pages, so that every worker gets some."""
        self._send()
        size = max(1, min(BATCH_SIZE, len(jobs) // (self.workers * 4)))
        longest_first = sorted(range(len(jobs)), key=lambda index: -len(jobs[index].path_and_text[1]))
        numbers = [0] * len(jobs)
        for start in range(0, len(jobs), size):
            chosen = longest_first[start : start + size]
            for place, index in enumerate(chosen):
                numbers[index] = len(self._where) + place
            self._pending = [jobs[index] for index in chosen]
            self._send()
        return numbers

    def result(self, number: int) -> Any:
        """One page's result (waits for its batch only)."""
        if number >= len(self._where):
            self._send()
        batch, place = self._where[number]
        return self._finished(self._batches[batch])[place]

    def _finished(self, batch: _Batch) -> list[Any]:
        if batch.results is None:
            batch.results = self._batch_results(batch)
            batch.jobs = []  # the pages' text is no longer needed
        return batch.results

    def _batch_results(self, batch: _Batch) -> list[Any]:
        if batch.future is not None and not self._broken:
            try:
                return batch.future.result()
            except CannotRun:
                raise
            except (BrokenProcessPool, pickle.PicklingError, TypeError, AttributeError, OSError, EOFError) as error:
                self._fall_back(f"a worker process stopped ({type(error).__name__}: {error})")
        return _check(self.checker, batch.jobs, self.existing, self.packed)

    def _fall_back(self, why: str) -> None:
        if not self._broken and self._on_fallback is not None:
            self._on_fallback(f"{why}; checking the rest of the pages in this process")
        self._broken = True

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def workers_for(pages: int, jobs: int | None, beside_build: bool = False) -> int:
    """How many worker processes should check `pages` pages: 0 means this process does.

    jobs is what the user asked for (None: decide here). On the command line it
    counts the processes that check (1: this one alone); beside a build it counts
    the workers, since MkDocs keeps this process busy.
    """
    if jobs is not None:
        return max(0, jobs) if beside_build else (jobs if jobs > 1 else 0)
    available = cores()
    if pages < MIN_PAGES or available < 2:
        return 0
    return min(available - 1, 3) if beside_build else available
