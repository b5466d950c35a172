"""Instructions run in MkDocs' own process, counted by valgrind's callgrind.

On a shared machine the clock time of one build can change by a third from one
minute to the next; the number of instructions a build runs does not. So this
step counts them, for the process a person waits for (MkDocs', with the
plugin's hooks) and, apart, for the worker processes the plugin starts.
Callgrind makes a build about fifty times slower, so each kind of build is
counted once, on the smaller site.

A forked child starts with its parent's counters: its 'Collected' total includes
everything MkDocs ran before the fork. So callgrind writes out (and zeroes) the
counters just before every fork (--dump-before on the fork functions), and a
process's count is the sum of the files it wrote: a worker's files hold only
what it ran itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .corpus import Site
from .processes import forget_results
from .procs import env

COLLECTED = re.compile(r"^==(\d+)== Collected : (\d+)\s*$", re.M)


def valgrind() -> str | None:
    return shutil.which("valgrind")


@dataclass
class Count:
    main: int  # instructions in MkDocs' process, the plugin's hooks included
    workers: int  # instructions in the worker processes the plugin started (0: none started)


@dataclass
class Counts:
    pairs: int
    without_plugin: Count
    first_build: Count  # with the plugin, nothing stored
    build_again: Count  # with the plugin, nothing changed

    def overhead(self, build: Count) -> float:
        return build.main / self.without_plugin.main - 1


DUMP_FILE = re.compile(r"^callgrind\.(\d+)(?:\.\d+)?$")
TOTALS = re.compile(rb"^totals: (\d+)\s*$", re.M)


def parse(output: str, main_pid: int, dumps: Path) -> Count:
    """Each process's instructions, summed over the files callgrind wrote for it (see
    the module's docstring): the process we started, and any it forked."""
    collected = {int(pid): int(total) for pid, total in COLLECTED.findall(output)}
    found: dict[int, int] = {}
    for file in dumps.iterdir():
        named = DUMP_FILE.match(file.name)
        totals = TOTALS.search(file.read_bytes()) if named else None
        if named and totals:
            found[int(named.group(1))] = found.get(int(named.group(1)), 0) + int(totals.group(1))
    if main_pid not in found or found[main_pid] != collected.get(main_pid):
        raise RuntimeError(f"callgrind's files for process {main_pid} do not add up to its count:\n{output[-3000:]}")
    return Count(found.pop(main_pid), sum(found.values()))


def count_build(site: Site, config: Path, cache_dir: Path) -> Count:
    """One `mkdocs build` under callgrind. Valgrind runs the program in the process it
    was started as, so the count of our child's own pid is MkDocs' process."""
    tool = valgrind()
    if tool is None:
        raise RuntimeError("valgrind is not installed")
    with tempfile.TemporaryDirectory(prefix="plainpolicy-callgrind-") as scratch:
        command = [
            tool, "--tool=callgrind", "--dump-before=*fork*", f"--callgrind-out-file={scratch}/dumps/callgrind.%p",
            sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(Path(scratch) / "site"),
        ]
        (Path(scratch) / "dumps").mkdir()
        process = subprocess.Popen(command, cwd=site.root, env=env(PLAINPOLICY_CACHE_DIR=str(cache_dir)), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
        return parse(output, process.pid, Path(scratch) / "dumps")


def count_builds(site: Site, cache_dir: Path) -> Counts:
    """Without the plugin; with it from nothing stored; with it again."""
    without = count_build(site, site.config_without_plugin, cache_dir)
    forget_results(cache_dir)
    first = count_build(site, site.config, cache_dir)
    again = count_build(site, site.config, cache_dir)
    return Counts(site.pairs, without, first, again)
