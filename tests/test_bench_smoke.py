"""The benchmark runs from start to end on a tiny corpus and prints every row.

No timing is asserted here (a test cannot know how fast the machine is); this
only proves that `make bench` works, that its table is complete, and that
plainpolicy's scores equal textstat's on every section it compared.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from plainpolicy_testing import offline_env

ROOT = Path(__file__).resolve().parents[1]

ROWS = [
    "Cold check of the real docs/, warm cache",
    "Cold check, stored page results off",
    "Cold check of the real docs/, first run ever (empty cache)",
    "Checker end to end, 3 pairs",  # one process
    "Checker end to end, 3 pairs",  # every core
    "Scoring step,",
    "mkdocs build, 3 pairs, first build: time",
    "mkdocs build, 3 pairs, build again: time",
    "mkdocs build, 3 pairs: the plugin's own time in MkDocs' process",
    "mkdocs build, 3 pairs: peak memory",
    "mkdocs serve, 3 pairs: rebuild after editing one page",
    "Checker peak memory, 3 pairs",
]
INSTRUCTIONS = "mkdocs build, 3 pairs: instructions in MkDocs' process (callgrind"  # where valgrind is installed


def test_benchmark_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    output = tmp_path / "table.txt"
    command = [sys.executable, "-m", "plainpolicy_bench", "--quick", "--output", str(output), "--workdir", str(tmp_path / "work")]
    result = subprocess.run(command, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout
    rows = ROWS + [INSTRUCTIONS] if shutil.which("valgrind") else ROWS
    for row in set(rows):
        assert sum(1 for line in table.splitlines() if line.startswith(row)) == rows.count(row), f"missing row {row!r} in:\n{table}"
    assert output.read_text(encoding="utf-8") == table
    assert re.search(r"^Machine: .+ \d+ cores, [0-9.]+ GB memory", table, re.M), table

    scoring = re.search(r"^Scoring step, ([0-9,]+) sections; identical scores (\d+)/(\d+)", table, re.M)
    assert scoring, table
    sections = int(scoring.group(1).replace(",", ""))
    assert sections > 0 and int(scoring.group(2)) == int(scoring.group(3)) == sections
    assert "exactly the texts the checker scored (checked)" in table
    against = re.findall(r"^Checker end to end, 3 pairs .*proselint: [0-9,]+ words/s .*?([0-9.]+)x \(rounds ([0-9.]+)x to ([0-9.]+)x", table, re.M)
    assert len(against) == 2, table  # one process and every core, each against proselint in the same rounds
    assert all(float(low) <= float(ratio) <= float(high) for ratio, low, high in against), against
    # The plugin's own time, and the part of it spent reading the pages for MkDocs.
    assert re.search(r"^mkdocs build, 3 pairs: the plugin's own time .*first build [0-9.]+ s \([0-9.]+ s\).*without the reading [+-]\d+%", table, re.M), table
    # Instructions counted by callgrind: more with the plugin than without, and as many as the figures say.
    if shutil.which("valgrind") is None:
        assert os.environ.get("PLAINPOLICY_REQUIRE_VALGRIND") != "1", "valgrind is not installed (PLAINPOLICY_REQUIRE_VALGRIND=1)"
        assert "- Instructions: not counted (valgrind is not installed" in table, table
        return
    counted = re.search(r"^mkdocs build, 3 pairs: instructions .*first build ([0-9.]+) G, again ([0-9.]+) G .*without ([0-9.]+) G\s+([+-]\d+)% / ([+-]\d+)%", table, re.M)
    assert counted, table
    first, again, without = (float(counted.group(n)) for n in (1, 2, 3))
    assert first > without > 0.5 and again > without
    assert abs(int(counted.group(4)) - round((first / without - 1) * 100)) <= 1
    # The plugin rechecked only the edited page while serving.
    assert re.search(r"mkdocs serve, 3 pairs: .*checked 1, \d+ unchanged", table), table
