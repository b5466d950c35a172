"""The `plainpolicy` command.

    plainpolicy check [PATH ...] [--format text|json|github|sarif] [--strict] [--verbose]

Exit 0: no errors. Exit 1: errors found (with --strict, warnings too).
Exit 2: it could not run; one line names the file and line, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Sequence

from .errors import CannotRun

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"plainpolicy: {message}", file=sys.stderr)
        raise SystemExit(EXIT_CANNOT_RUN)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="plainpolicy", description="Check that policy pages are readable by the people they are written for.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="check pages and print findings")
    check.add_argument("paths", nargs="*", type=Path, help="Markdown files or folders (default: the site's docs folder)")
    check.add_argument("--config", "-f", type=Path, help="the site's mkdocs.yml (default: found from the current folder)")
    check.add_argument("--format", choices=["text", "json", "github", "sarif"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.add_argument("--verbose", "-v", action="store_true", help="also print every section's scores")
    check.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    return parser


def _site(config: Path | None):  # type: ignore[no-untyped-def]
    from .mkdocs_config import find_config, load_site_config

    if config is not None and not config.is_file():
        raise CannotRun(str(config), "no such MkDocs configuration file")
    return load_site_config(config or find_config(Path.cwd()))


def run_check(args: argparse.Namespace) -> int:
    from .checker import Checker
    from .formats import FORMATTERS

    site = _site(args.config)
    checker = Checker(site, today=args.today)
    whole_site = not args.paths or [p.resolve() for p in args.paths] == [site.docs_dir.resolve()]
    report = checker.check_site() if whole_site else checker.check_files(args.paths)
    sys.stdout.write(FORMATTERS[args.format](report, verbose=args.verbose))
    failing = report.count("error") + (report.count("warning") if args.strict else 0)
    return EXIT_FINDINGS if failing else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
    except CannotRun as error:
        print(f"plainpolicy: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback for a contributor
        if os.environ.get("PLAINPOLICY_DEBUG"):
            raise
        print(f"plainpolicy: internal error ({type(error).__name__}: {error}); run again with PLAINPOLICY_DEBUG=1 and report it", file=sys.stderr)
        return EXIT_CANNOT_RUN
    return EXIT_CANNOT_RUN


if __name__ == "__main__":
    raise SystemExit(main())
