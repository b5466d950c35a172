"""The browsing-safely pages: one per voice, paired, passing every check (issue 18)."""

from __future__ import annotations

from plainpolicy_testing import REPO, run_cli

PAGES = ["docs/young-people/browsing-safely.md", "docs/staff/browsing-safely.md"]


def test_both_voices_exist_and_pass_every_check() -> None:
    for page in PAGES:
        assert (REPO / page).is_file(), f"{page} is missing"
    result = run_cli("check", "--strict", "--format", "json", *PAGES, cwd=REPO)
    findings = [f for f in result.json()["findings"] if f["severity"] in ("error", "warning")]
    assert result.code == 0 and findings == [], findings
    young = (REPO / PAGES[0]).read_text(encoding="utf-8")
    for topic in ("Leave this site quickly", "history", "private window", "Incognito"):
        assert topic in young, f"the young people's page does not explain {topic!r}"
