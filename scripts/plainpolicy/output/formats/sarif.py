"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import json
from urllib.parse import quote

from plainpolicy import __version__
from plainpolicy.engine.checker import Report
from plainpolicy.findings import ERROR, INFO, WARNING

_LEVEL = {ERROR: "error", WARNING: "warning", INFO: "note"}


def render(report: Report, verbose: bool = False) -> str:
    findings = report.findings
    rules = sorted({finding.rule for finding in findings})
    results = []
    for finding in findings:
        result = {
            "ruleId": finding.rule,
            "ruleIndex": rules.index(finding.rule),
            "level": _LEVEL.get(finding.severity, "note"),
            "message": {"text": finding.message + (f" {finding.hint}" if finding.hint else "")},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(finding.path)},
                        "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
                    }
                }
            ],
        }
        if finding.voice or finding.section:
            result["properties"] = {"voice": finding.voice, "section": finding.section}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "plainpolicy",
                        "version": __version__,
                        "rules": [{"id": rule, "shortDescription": {"text": rule}} for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
