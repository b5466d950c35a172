"""`mkdocs serve` rechecks only the pages that changed."""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKED = re.compile(r"plainpolicy: checked (\d+) pages?, (\d+) unchanged")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(lines: "queue.Queue[str]", pattern: re.Pattern[str], seconds: float) -> re.Match[str]:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        match = pattern.search(line)
        if match:
            return match
    raise AssertionError("no match for %s in:\n%s" % (pattern.pattern, "".join(seen)))


def test_serve_rechecks_only_the_changed_page(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"]
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=dict(os.environ))
    lines: "queue.Queue[str]" = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()  # type: ignore[union-attr]
    try:
        first = wait_for(lines, CHECKED, 120)
        total = int(first.group(1))
        assert total > 30 and first.group(2) == "0"
        wait_for(lines, re.compile(r"Serving on"), 60)
        time.sleep(1)  # let the file watcher settle
        page = project / "docs/young-people/passwords.md"
        second = None
        for attempt in range(4):  # a file watcher can miss an edit made just as it starts: edit again
            page.write_text(page.read_text(encoding="utf-8").replace("hard to guess", "really hard to guess", 1), encoding="utf-8")
            try:
                second = wait_for(lines, CHECKED, 40)
                break
            except AssertionError:
                if attempt == 3:
                    raise
        assert second is not None
        assert int(second.group(1)) == 1
        assert int(second.group(2)) == total - 1
        assert "in worker processes" not in second.string  # one edit is checked here: no process started for it
    finally:
        process.terminate()
        process.wait(timeout=30)
