"""The build's checks of its pages: each page checked here or in a worker process, and
its result kept (packed, see engine/packing.py) until the end of the build.

A page whose result is stored (on disk, or in memory between `mkdocs serve`
rebuilds) under the same key is not checked again. On a large site the pages go to
worker processes while MkDocs goes on building (engine/pool.py); a result is
waited for only when it is needed.
"""

from __future__ import annotations

import logging
import time

from mkdocs.exceptions import PluginError

from plainpolicy.engine import resultcache
from plainpolicy.engine.buildresult import BuildResult
from plainpolicy.engine.checker import Checker, relocate
from plainpolicy.engine.packing import Packed, is_packed, pack, unpack
from plainpolicy.engine.pool import Job, PagePool
from plainpolicy.errors import CannotRun
from plainpolicy.reading.source import SourcePage

log = logging.getLogger("mkdocs.plugins.plainpolicy")


class PageChecks:
    def __init__(self, checker: Checker, memory: dict[str, tuple[str, Packed]] | None, workers: int, check_here_first: int) -> None:
        """memory: results kept between `mkdocs serve` rebuilds (None: not serving).
        workers: worker processes to use (0: none); check_here_first: pages checked in
        this process before any worker starts."""
        self.checker = checker
        self.memory = memory
        self.workers = workers
        self.check_here_first = check_here_first
        self.pool: PagePool | None = None
        self.results: dict[str, Packed] = {}
        self.keys: dict[str, str] = {}  # page -> the key of its result (see Checker.page_key)
        self.pending: dict[str, tuple[int, str | None]] = {}  # page sent to a worker -> (its number, its key)
        self.reused = 0
        self.checked_here = 0
        self.sent = 0  # pages checked in worker processes
        self.waited = 0.0  # seconds spent waiting for worker processes

    def check(self, relative: str, parsed: SourcePage | None, path: str, text: str, html: str, existing: set[str], generated: bool = False) -> None:
        """Check the page, reuse its stored result, or send it to a worker (generated: plainpolicy made it)."""
        cache = self.checker.cache
        # One key for both: the result kept in memory (serve) and the one stored on disk.
        key = self.checker.page_key(text, path, relative, existing, html) if cache is not None or self.memory is not None else None
        if key is not None:
            self.keys[relative] = key
        kept = self.memory.get(relative) if self.memory is not None else None
        if kept and kept[0] == key:
            self.reused += 1
            self.results[relative] = kept[1]
            return
        stored = cache.get(key) if cache is not None and key is not None else None
        if is_packed(stored):
            self.reused += 1
            self._keep(relative, key, stored, store=False)
            return
        job = Job(parsed, relative, html, raw=(path, text), generated=generated)  # front matter read where it is checked
        if self.workers and (self.pool is not None or self.checked_here >= self.check_here_first):
            if self.pool is None:
                log.info(f"plainpolicy: checking pages in {self.workers} worker process{'es' * (self.workers != 1)} while MkDocs builds")
                self.pool = PagePool(self.checker, self.workers, existing, on_fallback=log.info, packed=True, background=True)
            self.pending[relative] = (self.pool.submit(job), key)
            self.sent += 1
            return
        try:
            packed = pack(self.checker.check_job(job, existing), self.checker.settings)
        except CannotRun as error:
            raise PluginError(f"plainpolicy: {error}") from None
        self.checked_here += 1
        self._keep(relative, key, packed)

    def result(self, relative: str) -> Packed | None:
        """The page's result (waiting for its worker if it has one), or None if not checked."""
        return self._from_pool(relative) if relative in self.pending else self.results.get(relative)

    def _keep(self, relative: str, key: str | None, packed: Packed, store: bool = True) -> None:
        if key is not None:
            if store and self.checker.cache is not None:
                self.checker.cache.put(key, packed)
            if self.memory is not None:
                self.memory[relative] = (key, packed)
        self.results[relative] = packed

    def _from_pool(self, relative: str) -> Packed:
        """A page sent to a worker: its result, once ready (kept like any other)."""
        number, key = self.pending.pop(relative)
        assert self.pool is not None
        start = time.perf_counter()
        try:
            packed = self.pool.result(number)
        except CannotRun as error:
            raise PluginError(f"plainpolicy: {error}") from None
        finally:
            self.waited += time.perf_counter() - start
        self._keep(relative, key, packed)
        return packed

    def finish(self) -> None:
        """Wait for every page sent to a worker, then let the workers go."""
        for relative in list(self.pending):
            self._from_pool(relative)
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def unpacked(self, generated: dict[str, tuple[str, dict[str, int]]]) -> list[BuildResult]:
        """Every kept result, in page order; findings on a generated page point at the data
        file line they came from (generated: page -> (data file, section -> data line))."""
        results = []
        for relative in sorted(self.results):
            result = unpack(self.results[relative])
            if relative in generated:
                data_file, origins = generated[relative]
                result = result._replace(findings=tuple(relocate(finding, data_file, origins) for finding in result.findings))
            results.append(result)
        return results

    def summary_key(self, report: tuple[str, str], directory_urls: bool) -> str | None:
        """What the findings and the report depend on: every page's result key (which holds the
        settings, data files, date and page list), where the report is and how its links are made."""
        if len(self.keys) != len(self.results):
            return None
        pages = sorted(f"{relative}\0{key}" for relative, key in self.keys.items())
        return resultcache.digest("summary", *report, str(directory_urls), *pages)
