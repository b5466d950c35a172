"""Instructions run in MkDocs' own process, counted by valgrind's callgrind.

On a shared machine the clock time of one build can change by a third from one
minute to the next; the number of instructions a build runs does not. So this
step counts them, for the process a person waits for (MkDocs', with the
plugin's hooks) and, apart, for the worker processes the plugin starts.
Callgrind makes a build about fifty times slower, so each kind of build is
counted once, on the smaller site.
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


def parse(output: str, main_pid: int) -> Count:
    """Callgrind's 'Collected' line of each process: the one we started, and any it forked."""
    found = {int(pid): int(total) for pid, total in COLLECTED.findall(output)}
    if main_pid not in found:
        raise RuntimeError(f"callgrind gave no count for process {main_pid}:\n{output[-3000:]}")
    return Count(found.pop(main_pid), sum(found.values()))


def count_build(site: Site, config: Path, cache_dir: Path) -> Count:
    """One `mkdocs build` under callgrind. Valgrind runs the program in the process it
    was started as, so the count of our child's own pid is MkDocs' process."""
    tool = valgrind()
    if tool is None:
        raise RuntimeError("valgrind is not installed")
    with tempfile.TemporaryDirectory(prefix="plainpolicy-callgrind-") as scratch:
        command = [
            tool, "--tool=callgrind", f"--callgrind-out-file={scratch}/callgrind.%p",
            sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(Path(scratch) / "site"),
        ]
        process = subprocess.Popen(command, cwd=site.root, env=env(PLAINPOLICY_CACHE_DIR=str(cache_dir)), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{output[-3000:]}")
        return parse(output, process.pid)


def count_builds(site: Site, cache_dir: Path) -> Counts:
    """Without the plugin; with it from nothing stored; with it again."""
    without = count_build(site, site.config_without_plugin, cache_dir)
    forget_results(cache_dir)
    first = count_build(site, site.config, cache_dir)
    again = count_build(site, site.config, cache_dir)
    return Counts(site.pairs, without, first, again)
