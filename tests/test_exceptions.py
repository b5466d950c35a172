"""Exceptions: `<!-- plainpolicy-allow RULES: reason -->` next to a section, always listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainpolicy.reading.exceptions import find_allowances
from plainpolicy_testing import check_json, copy_site, found, run_cli, section, site

SITE = site("site")
PATH = "docs/staff/exceptions.md"


@pytest.fixture(scope="module")
def exceptions() -> dict:
    return check_json(SITE, PATH)


def test_every_exception_is_reported_and_only_unexcused_findings_remain(exceptions: dict) -> None:
    assert found(exceptions) == [
        ("exception/used", 11, 1),          # sentence/too-long excused in "Section 15A ..."
        ("exception/unused", 17, 1),        # excuses nothing
        ("readability/too-hard", 21, 1),    # under 100 judged words: the unexcused long sentence fails the section
        ("exception/no-reason", 23, 1),
        ("sentence/too-long", 25, 1),       # not excused: its exception has no reason
        ("exception/no-rule", 29, 1),
        ("exception/unknown-rule", 35, 1),
        ("exception/used", 41, 1),          # readability excused in "Legal definitions"
    ]


def test_severities(exceptions: dict) -> None:
    severity = {(f["rule"], f["line"]): f["severity"] for f in exceptions["findings"]}
    assert severity[("exception/used", 11)] == "info"
    assert severity[("exception/unused", 17)] == "warning"
    assert severity[("exception/no-reason", 23)] == "error"
    assert severity[("exception/no-rule", 29)] == "error"
    assert severity[("exception/unknown-rule", 35)] == "error"


def test_the_reason_is_in_the_report(exceptions: dict) -> None:
    used = [f for f in exceptions["findings"] if f["rule"] == "exception/used"]
    assert used[0]["message"] == "Exception for sentence/too-long: The offence must be quoted exactly as the law words it."
    assert used[0]["section"] == "Section 15A of the Sexual Offences Act 2003"
    legal = section(exceptions, PATH, "Legal definitions")
    assert legal["judged_by"] == "exception"
    assert legal["exception"] == "Statutory definitions must be quoted exactly."
    assert legal["grade"] > 9, "the exception is what lets this hard section pass"


def test_text_output_lists_exceptions_in_use() -> None:
    run = run_cli("check", PATH, cwd=SITE)
    assert "Exceptions in use (2):" in run.out
    assert f"{PATH}:11  Section 15A of the Sexual Offences Act 2003: Exception for sentence/too-long" in run.out


def test_without_the_comment_the_finding_comes_back(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / PATH
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("<!-- plainpolicy-allow sentence/too-long: The offence must be quoted exactly as the law words it. -->", ""), encoding="utf-8")
    assert ("sentence/too-long", 13, 1) in found(check_json(root, PATH))


def test_an_exception_covers_only_its_own_section(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / PATH
    text = file.read_text(encoding="utf-8")
    # Move the sentence exception from "Section 15A" to "Nothing to excuse".
    comment = "<!-- plainpolicy-allow sentence/too-long: The offence must be quoted exactly as the law words it. -->"
    text = text.replace(comment + "\n", "").replace("This section is short and plain.", comment + "\n\nThis section is short and plain.")
    file.write_text(text, encoding="utf-8")
    got = found(check_json(root, PATH))
    assert ("sentence/too-long", 12, 1) in got  # line 13 before: one line fewer above it
    assert ("exception/unused", 16, 1) in got  # the moved exception excuses nothing where it is now
    assert ("exception/unused", 18, 1) in got


def test_a_family_covers_its_rules_but_not_other_families() -> None:
    (allowance,) = find_allowances("<!-- plainpolicy-allow readability, sentence/too-long: why -->")
    assert allowance.rules == ("readability", "sentence/too-long")
    assert allowance.reason == "why"
    assert allowance.covers("readability/too-hard")
    assert allowance.covers("sentence/too-long")
    assert not allowance.covers("sentence/other")
    assert not allowance.covers("glossary/rejected")
    assert not allowance.covers("readabilityx/too-hard")


def test_allowance_parsing_lines_columns_and_multiline_reasons() -> None:
    text = "Intro\n\n  <!--plainpolicy-allow glossary:\n  a reason\n  over lines -->\n<!-- plainpolicy-allow -->\n<!-- other comment -->"
    first, second = find_allowances(text)
    assert (first.line, first.column, first.rules, first.reason) == (3, 3, ("glossary",), "a reason over lines")
    assert (second.line, second.rules, second.reason) == (6, (), "")


def test_there_is_no_other_way_to_switch_a_rule_off(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs/staff/sentences.md"
    text = file.read_text(encoding="utf-8").replace("---\n\n# Sentence", "plainpolicy: off\nrules: []\n---\n\n# Sentence")
    file.write_text(text, encoding="utf-8")
    assert len(found(check_json(root, "docs/staff/sentences.md"), rule="sentence")) == 4


HOW_TO = """\
---
title: How to write an exception
reviewed: 2026-06-01
unpaired: "Guide for contributors."
---

# How to write an exception

## The comment

Write the comment above the section, like this:

```markdown
<!-- plainpolicy-allow readability: The Act's title must be quoted exactly. -->
```

Or inline: `<!-- plainpolicy-allow sentence: why -->` works the same way.
"""


def test_exceptions_shown_as_code_examples_are_not_exceptions(tmp_path: Path) -> None:
    """A contributors' guide that shows the syntax must not get 'exception/unused' warnings."""
    root = copy_site("site", tmp_path)
    (root / "docs/staff/how-to.md").write_text(HOW_TO, encoding="utf-8")
    assert found(check_json(root, "docs/staff/how-to.md")) == []


def test_an_exception_in_a_code_example_does_not_excuse_anything(tmp_path: Path) -> None:
    root = copy_site("site", tmp_path)
    file = root / "docs/staff/sentences.md"
    text = file.read_text(encoding="utf-8").replace(
        "## Wrapped paragraph\n", "## Wrapped paragraph\n\n`<!-- plainpolicy-allow sentence: an example -->`\n"
    )
    file.write_text(text, encoding="utf-8")
    assert ("sentence/too-long", 13, 16) in found(check_json(root, "docs/staff/sentences.md"))


def test_find_allowances_skips_fenced_and_inline_code() -> None:
    text = "\n".join([
        "```",
        "<!-- plainpolicy-allow a: in a fence -->",
        "```",
        "<!-- plainpolicy-allow c: real -->",
        "`x` <!-- plainpolicy-allow e: real too --> `<!-- plainpolicy-allow g: inline code -->`",
        "~~~~",
        "```",
        "<!-- plainpolicy-allow i: still in the tilde fence -->",
        "~~~~",
        "<!-- plainpolicy-allow k: after the fence -->",
    ])
    assert [(a.line, a.column, a.rules) for a in find_allowances(text)] == [(4, 1, ("c",)), (5, 5, ("e",)), (10, 1, ("k",))]
