"""For people: file:line:col  severity  rule  message, then the hint."""

from __future__ import annotations

from plainpolicy.engine.checker import Report
from plainpolicy.findings import INFO
from plainpolicy.output.wrapping import terminal_width, wrap
from plainpolicy.rules.readability import reading_age

_WIDTH = 40


def _finding_lines(report: Report, show_info: bool) -> list[str]:
    width = terminal_width()
    lines = []
    for finding in report.findings:
        if finding.severity == INFO and not show_info:
            continue
        lines += wrap(f"{finding.path}:{finding.line}:{finding.column}  {finding.severity}  {finding.rule}  {finding.message}", width, "    ")
        if finding.hint:
            lines += wrap(f"    hint: {finding.hint}", width, "          ")
    return lines


def _section_table(report: Report) -> list[str]:
    lines = ["", f"{'page / section':{_WIDTH}}  {'voice':12} {'words':>5} {'grade':>5} {'age':>3} {'ease':>5}  judged by"]
    for page in report.pages:
        lines.append(f"{page.path}")
        for section in page.sections:
            name = ("  " + section.heading)[:_WIDTH]
            judged = section.judged_by
            if section.pooled_with:
                judged += " with " + ", ".join(section.pooled_with)
            mark = "" if section.passed else "  << too hard"
            lines.append(f"{name:{_WIDTH}}  {page.voice or '-':12} {section.scores.words:5d} {section.scores.grade:5.1f} {reading_age(section.scores.grade):3d} {section.scores.ease:5.1f}  {judged}{mark}")
    return lines


def render(report: Report, verbose: bool = False) -> str:
    lines = _finding_lines(report, verbose)
    if verbose:
        lines += _section_table(report)
    exceptions = [finding for finding in report.findings if finding.rule == "exception/used"]
    if exceptions:
        lines.append("")
        lines.append(f"Exceptions in use ({len(exceptions)}):")
        lines += [f"  {finding.path}:{finding.line}  {finding.section}: {finding.message}" for finding in exceptions]
    errors, warnings = report.count("error"), report.count("warning")
    pages = len(report.pages)
    summary = f"{pages} page{'s' * (pages != 1)} checked: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."
    lines.append(summary)
    return "\n".join(lines) + "\n"
