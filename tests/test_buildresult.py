"""What the site build keeps of each page's result (buildresult.py), on the real docs.

The build keeps less than `plainpolicy check` prints; what it keeps must give
the same findings, site-wide rules and report, and must be made of values the
garbage collector has little to watch (the reason it exists: thousands of
live results at the end of a large build started full collections in MkDocs'
process).
"""

from __future__ import annotations

import gc
from pathlib import Path

from markupsafe import escape

from plainpolicy.datafiles.prompts import page_ids
from plainpolicy.engine import plaindata
from plainpolicy.engine.buildresult import report_entry
from plainpolicy.engine.checker import Checker
from plainpolicy.engine.packing import is_packed, pack, unpack
from plainpolicy.output.report_html import render_report
from plainpolicy.reading.mkdocs_config import load_site_config
from plainpolicy.reading.source import read_page
from plainpolicy.rules.references import answered_by

ROOT = Path(__file__).resolve().parents[1]


def real_results(checker: Checker) -> list:  # type: ignore[type-arg]
    existing = checker.site_pages()
    files = checker.collect([checker.site.docs_dir])
    return [checker.check_page(read_page(file, str(file)), checker.relative(file), existing) for file in files]


def test_kept_result_has_what_the_build_needs() -> None:
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    results = real_results(checker)
    kept = [unpack(pack(result, checker.settings)) for result in results]
    assert all(is_packed(pack(result, checker.settings)) for result in results[:3])
    for result, brief in zip(results, kept):
        assert list(brief.findings) == result.findings
        assert list(brief.media) == result.media and brief.voice == result.voice
        assert list(brief.answers) == page_ids(result.meta, "checklist")
        assert (brief.report is None) == (result.voice is None or not result.sections)
    # The site-wide rules and the report come out the same from either.
    settings = checker.settings
    answers = answered_by((result.voice, page_ids(result.meta, "checklist")) for result in results)
    assert answered_by((brief.voice, brief.answers) for brief in kept) == answers
    assert any(voices for voices in answers.values())  # the real docs answer checklist questions
    entries = [brief.report for brief in kept if brief.report is not None]
    direct = [report_entry(result, settings.voices[result.voice]) for result in results if result.voice and result.sections]
    assert entries == direct and len(entries) > 30
    urls = {entry.relative: f"../{entry.relative}" for entry in entries}
    html = render_report("<h1>Report</h1>", entries, settings, urls, [])
    for entry in entries[:5]:
        assert f'<a href="../{entry.relative}">' in html
        assert all(f"<tr><td>{escape(row[0])}" in html for row in entry.rows)
    assert html.count("<tr><td>") == sum(len(entry.rows) for entry in entries)


def test_kept_results_give_the_garbage_collector_little_to_watch() -> None:
    """Two watched objects per page (the result and its report entry), against dozens for a whole result."""
    checker = Checker(load_site_config(ROOT / "mkdocs.yml"))
    results = real_results(checker)
    kept_texts = [pack(result, checker.settings)[1] for result in results]
    whole_texts = [plaindata.dumps(result) for result in results]

    def watched_after_loading(blobs: list[str]) -> int:
        gc.collect()
        before = len(gc.get_objects())
        loaded = [plaindata.loads(blob) for blob in blobs]
        gc.collect()
        added = len(gc.get_objects()) - before
        assert len(loaded) == len(blobs)
        return added

    kept, whole = watched_after_loading(kept_texts), watched_after_loading(whole_texts)
    assert kept <= 2 * len(results) + 5, kept
    assert whole > 10 * kept, (whole, kept)
