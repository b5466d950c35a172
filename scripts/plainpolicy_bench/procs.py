"""Running a child process: its wall time and its own peak memory.

Peak memory: on Linux a child's ru_maxrss starts at its parent's size (the
high-water mark survives fork and exec), and this process holds the CMU
dictionary, so the command runs under GNU time (`/usr/bin/time -f %M`), which is
small: its child's peak is the command's own. Without GNU time the figure is the
wait4() ru_maxrss of the child, an upper bound that includes this process's size.
CPU time is user + system of the child and the children it waited for.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


@dataclass
class Run:
    seconds: float  # wall clock, start to exit
    cpu: float  # the child's user + system time (steadier than wall time on a busy machine)
    peak_mb: float
    code: int
    output: str


def env(**extra: str) -> dict[str, str]:
    """This process's environment, without MkDocs 2's banner, plus `extra`."""
    return {**os.environ, **extra}


GNU_TIME = Path("/usr/bin/time")
HAS_GNU_TIME = GNU_TIME.is_file() and os.access(GNU_TIME, os.X_OK)


def run(command: list[str], cwd: Path, extra_env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """Run to exit; wall time from start to exit, CPU time and the command's peak memory."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output, tempfile.NamedTemporaryFile("r", suffix=".peak", encoding="utf-8") as peak:
        if HAS_GNU_TIME:
            command = [str(GNU_TIME), "-f", "%M", "-o", peak.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env(**(extra_env or {})), stdout=output, stderr=subprocess.STDOUT, text=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        peak_kb = usage.ru_maxrss
        if HAS_GNU_TIME:
            reported = peak.read().split()
            peak_kb = int(reported[-1]) if reported and reported[-1].isdigit() else peak_kb
        return Run(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024, process.returncode, output.read())


def run_ok(command: list[str], cwd: Path, extra_env: dict[str, str] | None = None, allowed: tuple[int, ...] = (0,)) -> Run:
    result = run(command, cwd, extra_env)
    if result.code not in allowed:
        raise RuntimeError(f"{' '.join(map(str, command))} exited {result.code}:\n{result.output[-3000:]}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
CHECKED = re.compile(r"plainpolicy: checked (\d+) pages?, (\d+) unchanged")


@dataclass
class Rebuild:
    first_build: float  # seconds, as MkDocs reports the initial build
    rebuild: float  # seconds, as MkDocs reports the rebuild after an edit (median over the edits)
    rebuilds: list[float]
    checked: str  # the plugin's "checked N pages, M unchanged" after the last edit ("" without the plugin)


def _rebuilt(wait, edit_again, tries: int = 5, within: float = 60.0) -> str:  # type: ignore[no-untyped-def]
    """The next build time. A file watcher can miss an edit made just as it starts:
    if no build comes within `within` seconds, make the edit again."""
    for attempt in range(tries):
        try:
            return wait(BUILT, within).group(1)
        except RuntimeError:
            if attempt == tries - 1:
                raise
            edit_again()
    raise RuntimeError("unreachable")


def serve_rebuild(config: Path, cwd: Path, edit, edits: int = 1, timeout: float = 1800) -> Rebuild:  # type: ignore[no-untyped-def]
    """Start `mkdocs serve`, wait until it serves; `edits` times: call `edit(i)`, read the rebuild time."""
    command = [str(BIN / "mkdocs"), "serve", "-f", str(config), "-a", f"127.0.0.1:{free_port()}"]
    process = subprocess.Popen(command, cwd=cwd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    seen: list[str] = []

    def wait(pattern: re.Pattern[str], within: float | None = None) -> re.Match[str]:
        deadline = time.monotonic() + (within or timeout)
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                if process.poll() is not None:
                    break
                continue
            seen.append(line)
            match = pattern.search(line)
            if match:
                return match
        raise RuntimeError(f"mkdocs serve: no {pattern.pattern!r} in:\n{''.join(seen[-40:])}")

    try:
        first = float(wait(BUILT).group(1))
        wait(re.compile(r"Serving on"))
        rebuilds: list[float] = []
        checked = None
        for index in range(edits):
            time.sleep(1.0)  # let the file watcher settle
            seen.clear()
            edit(index)
            rebuilds.append(float(_rebuilt(wait, lambda: edit(index))))
            checked = next((CHECKED.search(line) for line in seen if CHECKED.search(line)), None)
        return Rebuild(first, median(rebuilds), rebuilds, f"checked {checked.group(1)}, {checked.group(2)} unchanged" if checked else "")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
