"""For machines: every finding and every section's scores as JSON."""

from __future__ import annotations

import json

from plainpolicy.engine.checker import Report
from plainpolicy.rules.readability import reading_age


def render(report: Report, verbose: bool = False) -> str:
    data = {
        "summary": {"pages": len(report.pages), "errors": report.count("error"), "warnings": report.count("warning")},
        "findings": [finding.as_dict() for finding in report.findings],
        "pages": [
            {
                "path": page.path,
                "voice": page.voice,
                "title": page.title,
                "words": page.words,
                "commitments": [
                    {"id": marker.id, "line": marker.line, "column": marker.column, "text": marker.text, "one_voice": marker.one_voice}
                    for marker in page.commitments
                ],
                "nation_blocks": [
                    {"line": block.line, "end_line": block.end, "nations": list(block.nations), "shown": block.shown}
                    for block in page.nation_blocks
                ],
                "sections": [
                    {
                        "heading": section.heading,
                        "line": section.line,
                        "words": section.scores.words,
                        "sentences": section.scores.sentences,
                        "syllables": section.scores.syllables,
                        "grade": round(section.scores.grade, 2),
                        "ease": round(section.scores.ease, 2),
                        "reading_age": reading_age(section.scores.grade),
                        "judged_by": section.judged_by,
                        "pooled_with": section.pooled_with,
                        "judged_grade": round(section.judged_grade, 2),
                        "judged_ease": round(section.judged_ease, 2),
                        "judged_reading_age": reading_age(section.judged_grade),
                        "passed": section.passed,
                        "longest_sentence": section.longest_sentence,
                        "longest_sentence_words": section.longest_words,
                        "exception": section.exception_reason,
                    }
                    for section in page.sections
                ],
            }
            for page in report.pages
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
