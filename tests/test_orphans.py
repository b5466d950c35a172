"""`kill -9` of a check leaves no worker process behind (issue 14, "Also found")."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plainpolicy_testing import copy_project, offline_env


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_check_is_killed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "site")
    for copy in range(6):  # enough pages that the workers are still busy when the parent dies
        shutil.copytree(project / "docs" / "staff", project / "docs" / f"extra{copy}")
    env = offline_env({"PLAINPOLICY_NO_CACHE": "1"})
    check = subprocess.Popen([sys.executable, "-m", "plainpolicy", "check", "--jobs", "3"], cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while not workers and check.poll() is None and time.monotonic() < deadline:
        workers = _children(check.pid)
        time.sleep(0.05)
    assert workers, "the check started no worker process"
    os.kill(check.pid, signal.SIGKILL)
    check.wait()
    deadline = time.monotonic() + 30  # a bound for a stuck test, not a speed target
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), f"workers {sorted(p for p in workers if _alive(p))} outlived their parent"
