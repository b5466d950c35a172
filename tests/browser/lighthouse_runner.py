"""Run Lighthouse (mobile, the default) on pages of a built site served behind gzip.

Used by test_browser_lighthouse.py, and by hand to measure (median of several runs):

    PLAINPOLICY_LIGHTHOUSE=/tmp/lh-npm python tests/browser/lighthouse_runner.py /tmp/site --runs 5

To compare a change with its baseline, give both built sites: they take turns
(A, B, A, B... on each page), so a change in the machine's load hits both alike.
`--keep DIR` keeps every JSON report (DIR/<site>/<page>-<run>.json) to read
which audits lose points:

    ... lighthouse_runner.py /tmp/site-before /tmp/site-after --runs 5 --keep /tmp/lh-reports

Lighthouse is a Node.js program from npm (Apache-2.0). It is found from
PLAINPOLICY_LIGHTHOUSE (the folder it was installed into with `npm install
--prefix`, or the `lighthouse` program itself), else `lighthouse` on PATH.
It never reaches past this machine: chromium cannot resolve any host name, the
Node.js process runs with tests/offline/no-network.cjs (exit 97 on any attempt),
error reporting is off, and every request of each run is listed in its report.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
NO_NETWORK = HERE.parent / "offline" / "no-network.cjs"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = " ".join([
    "--headless=new",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
])
# The pages the issue names: the home page, a young people's topic, a staff topic, the young people's index.
PAGES = ("index.html", "young-people/social-media.html", "staff/social-media.html", "young-people/index.html")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index",
           "cumulative-layout-shift")


class LighthouseError(RuntimeError):
    """Lighthouse did not produce a report."""


@dataclass
class Result:
    """One Lighthouse run of one page: category scores (0-100), metrics, requests made."""

    url: str
    scores: dict[str, int]
    metrics: dict[str, float]
    requests: list[str] = field(default_factory=list)
    text_compressed: bool = False  # Lighthouse's "Enable text compression" audit passed
    benchmark_index: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Scores and metrics on one line, for messages."""
        metrics = ", ".join(f"{name} {value:.0f}" for name, value in self.metrics.items())
        return f"{self.url}: {self.scores}; {metrics} (ms); host benchmark index {self.benchmark_index:.0f}"

    def off_machine(self) -> list[str]:
        """Requests that would have left 127.0.0.1 (there must be none)."""
        return [url for url in self.requests if not _is_local(url)]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about", "chrome-error") or parts.hostname == "127.0.0.1"


def find_lighthouse() -> list[str] | None:
    """The command that starts Lighthouse, or None when it is not installed."""
    given = os.environ.get("PLAINPOLICY_LIGHTHOUSE")
    if given:
        path = Path(given)
        if path.is_dir():
            path = path / "node_modules" / ".bin" / "lighthouse"
        return [str(path)] if path.is_file() else None
    found = shutil.which("lighthouse")
    return [found] if found else None


def read_report(data: dict[str, Any]) -> Result:
    """The parts of a Lighthouse JSON report the tests and the measurements use."""
    audits = data.get("audits") or {}
    scores = {name: round((cat.get("score") or 0) * 100) for name, cat in (data.get("categories") or {}).items()}
    metrics = {name: float((audits.get(name) or {}).get("numericValue") or 0) for name in METRICS}
    items = ((audits.get("network-requests") or {}).get("details") or {}).get("items") or []
    return Result(
        url=str(data.get("finalDisplayedUrl") or data.get("requestedUrl") or ""),
        scores=scores,
        metrics=metrics,
        requests=[str(item.get("url")) for item in items],
        text_compressed=(audits.get("uses-text-compression") or {}).get("score") == 1,
        benchmark_index=float((data.get("environment") or {}).get("benchmarkIndex") or 0),
        warnings=[str(text) for text in data.get("runWarnings") or []],
    )


def run_lighthouse(command: list[str], url: str, keep: Path | None = None) -> Result:
    """One Lighthouse run on `url` with the mobile defaults; raises LighthouseError if it fails.

    With `keep`, the JSON report is also copied there.
    """
    with tempfile.TemporaryDirectory(prefix="plainpolicy-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", CHROMIUM), HOME=tmp,
                   NODE_OPTIONS=f"--require {NO_NETWORK}", TMPDIR=tmp)
        args = [*command, url, f"--only-categories={','.join(CATEGORIES)}", "--output=json",
                f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}", "--quiet",
                "--no-enable-error-reporting", "--disable-full-page-screenshot"]
        done = subprocess.run(args, env=env, capture_output=True, text=True)
        if done.returncode != 0 or not report.is_file():
            raise LighthouseError(f"lighthouse exited {done.returncode} on {url}:\n{done.stderr[-3000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(report, keep)
    if data.get("runtimeError"):
        raise LighthouseError(f"lighthouse could not test {url}: {data['runtimeError']}")
    return read_report(data)


def median_result(results: list[Result]) -> Result:
    """The run with the median performance score (the middle one of an odd number)."""
    ordered = sorted(results, key=lambda result: result.scores.get("performance", 0))
    return ordered[(len(ordered) - 1) // 2]


def _line(page: str, result: Result) -> str:
    return (f"{page}: performance {result.scores.get('performance')}, "
            f"TBT {result.metrics['total-blocking-time']:.0f} ms, "
            f"LCP {result.metrics['largest-contentful-paint']:.0f} ms, "
            f"FCP {result.metrics['first-contentful-paint']:.0f} ms, "
            f"SI {result.metrics['speed-index']:.0f} ms, load average {os.getloadavg()[0]:.1f}")


def _summary(label: str, page: str, runs: list[Result], loads: list[float]) -> str:
    middle = median_result(runs)
    perf = statistics.median(result.scores.get("performance", 0) for result in runs)
    medians = {name: statistics.median(result.metrics[name] for result in runs) for name in METRICS}
    return (f"{label}{page}: median performance {perf:g} of {[r.scores.get('performance') for r in runs]}; "
            f"the median run: {middle.scores}; medians: "
            + ", ".join(f"{name} {value:.0f}" for name, value in medians.items())
            + f"; load average {min(loads):.1f} to {max(loads):.1f} (median {statistics.median(loads):.1f})")


def main() -> None:
    from gzip_server import serving  # beside this file

    parser = argparse.ArgumentParser(description="Lighthouse (mobile) on pages of a built site, behind gzip.")
    parser.add_argument("sites", type=Path, nargs="+",
                        help="the built site's folder (mkdocs build -d ...); two or more take turns")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--keep", type=Path, help="keep every JSON report in this folder")
    args = parser.parse_args()
    command = find_lighthouse()
    if command is None:
        sys.exit("Lighthouse not found: set PLAINPOLICY_LIGHTHOUSE to the folder of `npm install --prefix DIR lighthouse`")
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(serving(site)) for site in args.sites]
        labels = [f"[{site.name}] " if len(args.sites) > 1 else "" for site in args.sites]
        for page in args.pages:
            runs: list[list[Result]] = [[] for _ in bases]
            loads: list[list[float]] = [[] for _ in bases]
            for number in range(args.runs):
                for index, base in enumerate(bases):
                    keep = None
                    if args.keep:
                        keep = args.keep / args.sites[index].name / f"{page.replace('/', '_')}-{number + 1}.json"
                    loads[index].append(os.getloadavg()[0])
                    runs[index].append(run_lighthouse(command, base + page, keep))
                    print("  " + labels[index] + _line(page, runs[index][-1]), flush=True)
            for index, label in enumerate(labels):
                print(_summary(label, page, runs[index], loads[index]), flush=True)


if __name__ == "__main__":
    main()
