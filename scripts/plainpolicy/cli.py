"""The `plainpolicy` command.

    plainpolicy check [PATH ...] [--format text|json|github|sarif] [--strict] [--verbose] [--summary FILE] [--jobs N]
    plainpolicy explain PAGE [--strict]
    plainpolicy rules [RULE-ID ...]
    plainpolicy new TOPIC [--title TITLE] [--owner ROLE]
    plainpolicy init [--name NAME] [--nations LIST] [--lead-name ...] [--force] [--no-input]

Exit 0: no errors. Exit 1: errors found (with --strict, warnings too).
Exit 2: it could not run; one line names the file and line, never a traceback.
`explain` exits like `check` for its one page; `new` exits 0 when it wrote the
pages and 2 when it refused (a page exists, or the topic name is not usable).
`rules` lists every rule, or shows the rules named with their examples (exit 2
for an id no rule has); `explain RULE-ID` does the same for one rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Sequence

from plainpolicy.errors import CannotRun

if TYPE_CHECKING:
    from plainpolicy.engine.checker import Report
    from plainpolicy.reading.mkdocs_config import SiteConfig

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


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="plainpolicy", description="Check that policy pages are readable by the people they are written for.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = commands.add_parser("check", help="check pages and print findings")
    check.add_argument("paths", nargs="*", type=Path, help="Markdown files or folders (default: the site's docs folder)")
    check.add_argument("--config", "-f", type=Path, help="the site's mkdocs.yml (default: found from the current folder)")
    check.add_argument("--format", choices=["text", "json", "github", "sarif"], default="text")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.add_argument("--verbose", "-v", action="store_true", help="also print every section's scores")
    check.add_argument("--summary", type=Path, metavar="FILE", help="also add a Markdown summary table to FILE (for $GITHUB_STEP_SUMMARY)")
    check.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="processes that check pages at once (default: one for each core on a large site; 1: no extra processes)")
    check.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    explain = commands.add_parser("explain", help="explain one page's scores and findings in plain words")
    explain.add_argument("page", type=Path, help="the Markdown page, for example docs/staff/devices.md (or a rule id, for example sentence/too-long)")
    explain.add_argument("--config", "-f", type=Path, help="the site's mkdocs.yml (default: found from the current folder)")
    explain.add_argument("--strict", action="store_true", help="warnings count as errors (exit 1), as in the site build")
    explain.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    listing = commands.add_parser("rules", help="list every rule, or show the rules named with a failing and a passing example")
    listing.add_argument("ids", nargs="*", metavar="RULE-ID", help="a rule id, for example sentence/too-long")
    new = commands.add_parser("new", help="start a new topic: one page for each voice")
    new.add_argument("topic", help="the topic's file name: lower-case words joined by hyphens, for example online-gaming")
    new.add_argument("--title", help="the page title (default: made from the topic name)")
    new.add_argument("--owner", default="Designated safeguarding lead", help="the role that owns the pages (default: %(default)s)")
    new.add_argument("--config", "-f", type=Path, help="the site's mkdocs.yml (default: found from the current folder)")
    new.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    _init_parser(commands)
    return parser


def _init_parser(commands: argparse._SubParsersAction) -> None:
    from plainpolicy.authoring.fields import FIELDS

    init = commands.add_parser("init", help="fill in your organisation's details (asks for any not given as options)")
    for field in FIELDS:
        init.add_argument(f"--{field.option.replace('_', '-')}", dest=field.option, metavar="TEXT", help=field.question)
    init.add_argument("--force", action="store_true", help="also replace details that are already filled in")
    init.add_argument("--no-input", action="store_true", help="ask nothing: only write the details given as options")
    init.add_argument("--config", "-f", type=Path, help="the site's mkdocs.yml (default: found from the current folder)")


def _site(config: Path | None) -> Any:
    from plainpolicy.reading.mkdocs_config import find_config, load_site_config

    if config is not None and not config.is_file():
        raise CannotRun(str(config), "no such MkDocs configuration file")
    return load_site_config(config or find_config(Path.cwd()))


def run_check(args: argparse.Namespace) -> int:
    from plainpolicy.engine import resultcache
    from plainpolicy.engine.checker import Checker
    from plainpolicy.output.formats import FORMATTERS

    site = _site(args.config)
    if args.summary is not None:
        _refuse_summary_in_docs(args.summary, site)
    checker = Checker(site, today=args.today)
    checker.jobs = args.jobs
    whole_site = not args.paths or [p.resolve() for p in args.paths] == [site.docs_dir.resolve()]
    if resultcache.enabled():
        checker.use_cache()
    report = checker.check_site() if whole_site else checker.check_files(args.paths)
    if checker.cache is not None:
        checker.cache.save()
    sys.stdout.write(FORMATTERS[args.format](report, verbose=args.verbose))
    if args.summary is not None:
        _append_summary(args.summary, report, site, args.strict)
    failing = report.count("error") + (report.count("warning") if args.strict else 0)
    return EXIT_FINDINGS if failing else EXIT_OK


def _refuse_summary_in_docs(file: Path, site: SiteConfig) -> None:
    """--summary adds a table to the end of its file: never to a page (or any file) the site publishes."""
    docs = site.docs_dir.resolve()
    if docs in file.resolve().parents:
        raise CannotRun(str(file), "--summary would add the summary table to the end of this file, which is in the site's docs folder "
                        "(a page or file the site publishes): give a file outside it, for example \"$GITHUB_STEP_SUMMARY\"")


def _append_summary(file: Path, report: Report, site: SiteConfig, strict: bool) -> None:
    from plainpolicy.output.summary import render

    try:
        with file.open("a", encoding="utf-8") as handle:
            handle.write(render(report, site.settings, strict))
    except OSError as error:
        raise CannotRun(str(file), f"cannot write the summary ({error.strerror or error})") from None


def run_explain(args: argparse.Namespace) -> int:
    from plainpolicy.output.explain import explain
    from plainpolicy.rules.registry import rule

    if not args.page.exists() and rule(args.page.as_posix()) is not None:
        return run_rules(argparse.Namespace(ids=[args.page.as_posix()]))
    text, errors, warnings = explain(_site(args.config), args.page, today=args.today)
    sys.stdout.write(text)
    return EXIT_FINDINGS if errors or (warnings and args.strict) else EXIT_OK


def run_rules(args: argparse.Namespace) -> int:
    from plainpolicy.output.rules_text import describe, rule_list

    sys.stdout.write(describe(args.ids) if args.ids else rule_list())
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    from plainpolicy.authoring.scaffold import create_topic

    sys.stdout.write(create_topic(_site(args.config), args.topic, title=args.title, owner=args.owner, today=args.today))
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from plainpolicy.authoring.adopt import FIELDS, init
    from plainpolicy.reading.mkdocs_config import find_config

    if args.config is not None and not args.config.is_file():
        raise CannotRun(str(args.config), "no such MkDocs configuration file")
    config = args.config or find_config(Path.cwd())
    if config is None:
        raise CannotRun("mkdocs.yml", "not found in this folder or any folder above it. Run this in the kit's folder, or give the file with --config")
    given = {field.option: getattr(args, field.option) for field in FIELDS}
    sys.stdout.write(init(Path(config), given, force=args.force, ask=None if args.no_input else _ask))
    return EXIT_OK


def _ask(prompt: str) -> str:
    """One answer from the keyboard (or from piped input, echoed so a transcript reads well)."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    if not sys.stdin.isatty():
        sys.stdout.write(line if line.endswith("\n") else line + "\n")
    return line.rstrip("\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "explain":
            return run_explain(args)
        if args.command == "rules":
            return run_rules(args)
        if args.command == "new":
            return run_new(args)
        if args.command == "init":
            return run_init(args)
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


def run() -> NoReturn:
    """The `plainpolicy` command: main(), then the process ends at once.

    A normal exit frees, one by one, every object the run made (about 40 ms after
    checking the kit: a tenth of a cold check). Nothing else in an exit matters
    here once the output is flushed and the hyphenation counts this process learned
    are written, so both are done and the process ends (as mypy ends its runs)."""
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        raise SystemExit(code)  # a profiler or coverage tool is watching: it writes its report at the normal exit
    from plainpolicy.text.syllables import save_learned

    save_learned()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that stopped reading (head), or a closed stream
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
