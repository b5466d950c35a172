"""MkDocs' default exclusions, read without pathspec, match pathspec's reading.

reading/sitewalk.py loads pathspec only when a site sets exclude_docs or draft_docs;
otherwise it applies MkDocs' two defaults itself. These tests hold the two readings
side by side on every kind of path, and show a site's own patterns still go to pathspec.
"""

from __future__ import annotations

from pathlib import Path

import pathspec
import pytest

from plainpolicy.config import settings_from_mapping
from plainpolicy.reading.mkdocs_config import SiteConfig
from plainpolicy.reading.sitewalk import (
    DEFAULT_EXCLUDED,
    DefaultLeftOut,
    RealPaths,
    left_out,
)

PATHS = [
    "index.md", "staff/index.md", ".hidden.md", "staff/.draft.md", ".git/config", "a/.b/c.md", "a.b/c.md",
    "templates/page.md", "templates", "staff/templates/page.md", "templates.md", "my-templates/x.md",
    "template/x.md", "Templates/x.md", "a/b/c/d.md", "a/..b/c.md", "x./y.md", "-.md", "_templates/x.md",
]


@pytest.mark.parametrize("relative", PATHS)
def test_the_defaults_read_as_pathspec_reads_them(relative: str) -> None:
    spec = pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDED)
    assert DefaultLeftOut().match_file(relative) == spec.match_file(relative)


def _site(exclude: str = "", draft: str = "") -> SiteConfig:
    return SiteConfig(Path("mkdocs.yml"), Path("docs"), settings_from_mapping({}), exclude_docs=exclude, draft_docs=draft)


def test_a_site_without_its_own_patterns_uses_the_defaults_alone() -> None:
    assert isinstance(left_out(_site()), DefaultLeftOut)
    assert isinstance(left_out(_site("\n  \n")), DefaultLeftOut)


@pytest.mark.parametrize(("exclude", "draft", "relative"), [("drafts/\n", "", "drafts/a.md"), ("", "wip-*.md", "staff/wip-x.md")])
def test_a_sites_own_patterns_are_read_with_the_defaults(exclude: str, draft: str, relative: str) -> None:
    matcher = left_out(_site(exclude, draft))
    assert matcher.match_file(relative)
    assert matcher.match_file(".hidden.md") and matcher.match_file("templates/x.md")
    assert not matcher.match_file("index.md")


def test_real_paths_are_the_resolved_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RealPaths resolves each folder once; every answer is still Path.resolve()'s."""
    docs = tmp_path / "docs"
    (docs / "staff").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (docs / "staff" / "page.md").write_text("x", encoding="utf-8")
    (tmp_path / "elsewhere" / "out.md").write_text("x", encoding="utf-8")
    (docs / "linked-folder").symlink_to(docs / "staff")
    (docs / "linked-page.md").symlink_to(docs / "staff" / "page.md")
    (docs / "out.md").symlink_to(tmp_path / "elsewhere" / "out.md")
    (docs / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (docs / "relative.md").symlink_to(Path("staff") / "page.md")
    monkeypatch.chdir(tmp_path)
    paths = [docs / "staff" / "page.md", docs / "linked-folder" / "page.md", docs / "linked-page.md", docs / "out.md",
             docs / "dangling.md", docs / "relative.md", Path("docs/staff/../staff/page.md"), Path("docs/linked-folder/page.md"), Path("docs/missing.md")]
    real = RealPaths()
    for path in paths + paths:  # twice: the second time from the folders it remembers
        assert real.of(path) == path.resolve(), path
