"""python -m plainpolicy_bench: measure, then print one table (and write it with --output)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .run import Options, run


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {value}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give one or more topic pair counts, each 1 or more")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plainpolicy_bench", description=__doc__)
    parser.add_argument("--pairs", type=_sizes, default=[100, 1000], help="corpus sizes in topic pairs (default: 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes for throughput and builds (default: 3)")
    parser.add_argument("--cold-runs", type=int, default=7, help="runs of the cold check (default: 7)")
    parser.add_argument("--serve-pairs", type=int, help="the corpus to run mkdocs serve on (default: the largest)")
    parser.add_argument("--serve-edits", type=int, default=2, help="edits (rebuilds) per mkdocs serve session (default: 2)")
    parser.add_argument("--quick", action="store_true", help="tiny and fast: 3 pairs, 1 pass, 2 cold runs (for the smoke test)")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    parser.add_argument("--workdir", type=Path, help="keep the corpora and the cache here (default: a temporary folder)")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="also write pyinstrument profiles into DIR")
    parser.add_argument("--project", type=Path, help="the site whose cold `plainpolicy check` is timed (default: this repository)")
    parser.add_argument("--instructions", type=int, metavar="PAIRS", help="count the instructions of the builds of this corpus with callgrind (default: the smallest; 0: leave out)")
    args = parser.parse_args(argv)
    options = Options(args.pairs, max(args.repeat, 1), max(args.cold_runs, 1), args.serve_pairs, max(args.serve_edits, 1), args.workdir, args.profile)
    if args.project:
        options.project = args.project.resolve()
    options.instructions = args.instructions
    if args.quick:
        options.pairs = [3] if args.pairs == [100, 1000] else args.pairs
        options.repeat, options.cold_runs, options.serve_edits = 1, 2, 1
    table = run(options)
    sys.stdout.write(table)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
