"""For GitHub Actions: workflow commands that annotate the changed lines of a pull request."""

from __future__ import annotations

from plainpolicy.engine.checker import Report
from plainpolicy.findings import ERROR, INFO


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, verbose: bool = False) -> str:
    lines = []
    for finding in report.findings:
        if finding.severity == INFO:
            continue
        command = "error" if finding.severity == ERROR else "warning"
        props = f"file={_escape_property(finding.path)},line={finding.line},col={finding.column},title={_escape_property(finding.rule)}"
        message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
        lines.append(f"::{command} {props}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
