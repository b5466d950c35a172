"""A hostile pull request, class by class (issue 14): each fails `mkdocs build` and `plainpolicy check`,
naming the file and line it came from.

Each case is a set of files added to a small site that uses the kit's own
templates (tests/fixtures/hostile). Both gates run in a new process, as CI runs
them; every expected (file, line) must be in both outputs.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from plainpolicy_testing import FIXTURES, REPO, mkdocs_build, run_subprocess

X = "<img src=x onerror=alert(1)>"
_LOCATION = re.compile(r"^(\S+?):(\d+):\d+\s+(?:error\s+)?([a-z-]+/[a-z-]+)", re.MULTILINE)

# name -> (files to add, the (file, line) each gate must report)
CASES: dict[str, tuple[dict[str, str], list[tuple[str, int]]]] = {
    "1 front matter reaches the templates": (
        {
            "docs/notes/t1.md": f'---\ntitle: {{a: "{X}"}}\n---\n# T\n\nWords.\n',
            "docs/notes/t2.md": '---\ndescription: "\\"><script>alert(1)</script>"\n---\n# T\n\nWords.\n',
            "docs/notes/t3.md": '---\nstatus: x" onmouseover="alert(1)\n---\n# T\n\nWords.\n',
            "docs/notes/t4.md": "---\ntemplate: redirect.html\nlocation: javascript:alert(1)\n---\n# T\n\nWords.\n",
            "docs/notes/t5.md": "template: redirect.html\nlocation: https://evil.example/\n\n# T\n\nWords.\n",  # MultiMarkdown style
            "docs/notes/t6.md": "---\nicon: ../../../../etc/passwd\nsubtitle: <b>x</b>\n---\n# T\n\nWords.\n",
        },
        [("docs/notes/t1.md", 2), ("docs/notes/t2.md", 2), ("docs/notes/t3.md", 2), ("docs/notes/t4.md", 2), ("docs/notes/t4.md", 3),
         ("docs/notes/t5.md", 1), ("docs/notes/t5.md", 2), ("docs/notes/t6.md", 2), ("docs/notes/t6.md", 3)],
    ),
    "1 a heading whose entities decode inside <title>": (
        {"docs/notes/h1.md": "# &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n\nWords.\n"},
        [("docs/notes/h1.md", 1)],
    ),
    "2 title attributes become HTML in tooltips": (
        {
            "docs/notes/c2.md": (
                '# Titles\n\nA [link](https://example.org "<img src=x onerror=alert(21)>") here.\n\n'
                '![A photo](photo.png "<img src=x onerror=alert(22)>")\n\n'
                'Some text{: title="<img src=x onerror=alert(23)>" }\n\n'
                '<span title="<img src=x onerror=alert(24)>">raw</span>\n\n'
                "The DSL helps.\n\n*[DSL]: <img src=x onerror=alert(25)>\n"
            ),
        },
        [("docs/notes/c2.md", 3), ("docs/notes/c2.md", 5), ("docs/notes/c2.md", 7), ("docs/notes/c2.md", 9), ("docs/notes/c2.md", 13)],
    ),
    "3 parser differentials": (
        {
            "docs/notes/c3.md": "# Differentials\n\n" + "\n\n".join([
                f"<style>p{{}}</style x>{X}",
                f"<style>p{{}}</style/>{X}",
                f"<svg><style>{X}</style></svg>",
                f"<math><style>{X}</style></math>",
                *(f'<{tag}><p title="</{tag}>{X}"></{tag}>' for tag in ("noscript", "textarea", "title", "xmp", "noembed", "noframes")),
            ]) + "\n",
        },
        [("docs/notes/c3.md", line) for line in range(3, 23, 2)],
    ),
    "4 a page comment cannot excuse a security rule": (
        {"docs/notes/c4.md": "# Video\n\n<!-- plainpolicy-allow security: the trustees agreed -->\n<video src=\"https://video.example/x.mp4\"></video>\n"},
        [("docs/notes/c4.md", 3), ("docs/notes/c4.md", 4)],
    ),
    "6 third-party fetches through CSS and SVG": (
        {
            "docs/stylesheets/evil.css": (
                ".a { color: red; }\n.b { background: \\75 rl(https://evil.example/1.png); }\n@import \"https://evil.example/2.css\";\n"
                ".c { background: image-set(\"x.png\" 1x, \"https://evil.example/3.png\" 2x); }\n"
            ),
            "docs/images/evil.svg": (
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n<rect width="1" height="1" fill="url(https://evil.example/4#a)"/>\n'
                '<rect width="1" height="1" mask="url(https://evil.example/5#m)"/>\n<rect width="1" height="1" clip-path="url(https://evil.example/6#c)"/>\n</svg>\n'
            ),
            "docs/notes/c6.md": '# SVG\n\n<svg><rect width="1" height="1" cursor="url(https://evil.example/7), auto" /></svg>\n',
        },
        [("docs/stylesheets/evil.css", 2), ("docs/stylesheets/evil.css", 3), ("docs/stylesheets/evil.css", 4),
         ("docs/images/evil.svg", 2), ("docs/images/evil.svg", 3), ("docs/images/evil.svg", 4), ("docs/notes/c6.md", 3)],
    ),
    "8 private-invite bypasses": (
        {
            "docs/notes/c8.md": "# Invites\n\n" + "\n\n".join(
                f"[Join]({url})" for url in (
                    "https://chat%2Ewhatsapp%2Ecom/AbC12", "https://chat\u3002whatsapp\u3002com/AbC12", "https://\uff43\uff48\uff41\uff54.whatsapp.com/AbC12",
                    "https://wa.link/abc12", "https://www.whatsapp.com/channel/0029Va", "https://ig.me/m/someone",
                    "https://www.facebook.com/groups/12345", "https://bit.ly/3abc",
                )
            ) + "\n",
        },
        [("docs/notes/c8.md", line) for line in range(3, 18, 2)],
    ),
    "9 files that are not Markdown, and settings": (
        {
            "docs/page.html": "<html><script>alert(1)</script></html>\n",
            "docs/images/photo.dat": "\x89PNG\r\n\x1a\n",
            "docs/tool.js": "alert(1)\n",
        },
        [("docs/page.html", 1), ("docs/images/photo.dat", 1), ("docs/tool.js", 1)],
    ),
    "9 extra: values are written unescaped": (
        {"mkdocs.yml": (FIXTURES / "hostile" / "mkdocs.yml").read_text(encoding="utf-8").replace("name: Our youth club", f'name: "{X}"')},
        [("mkdocs.yml", 25)],
    ),
}


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    project = tmp_path / "site"
    shutil.copytree(FIXTURES / "hostile", project)
    shutil.copytree(REPO / "overrides", project / "overrides")
    for name, text in files.items():
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8") if not text.startswith("\x89PNG") else text.encode("latin-1"))
    return project


def _locations(output: str) -> set[tuple[str, int]]:
    return {(path, int(line)) for path, line, _ in _LOCATION.findall(output)}


def _assert_both_gates_refuse(project: Path, tmp_path: Path, expected: list[tuple[str, int]]) -> None:
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0, build.stderr[-2000:]
    assert "Traceback" not in build.stderr
    missing = set(expected) - _locations(build.stderr)
    assert not missing, f"the build did not name {sorted(missing)}:\n{build.stderr[-3000:]}"
    check = run_subprocess("check", cwd=project)
    assert check.code == 1, check.out + check.err
    missing = set(expected) - _locations(check.out)
    assert not missing, f"plainpolicy check did not name {sorted(missing)}:\n{check.out[-3000:]}"


@pytest.mark.parametrize("name", list(CASES))
def test_each_class_fails_the_build_and_the_check_at_its_line(name: str, tmp_path: Path) -> None:
    files, expected = CASES[name]
    _assert_both_gates_refuse(_project(tmp_path, files), tmp_path, expected)


def test_the_hostile_fixture_itself_passes_both_gates(tmp_path: Path) -> None:
    """So every failure above is the payload's, not the fixture's."""
    project = _project(tmp_path, {})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode == 0, build.stderr[-3000:]
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in page and 'content="no-referrer"' in page
    assert page.index("Content-Security-Policy") < page.index("<script")
    assert run_subprocess("check", cwd=project).code == 0


def test_symlinks_out_of_the_repository_stop_the_build_before_anything_is_copied(tmp_path: Path) -> None:
    """Class 5: a page, a snippet and a static file that point outside, and a page that points at nothing."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=do-not-publish\n", encoding="utf-8")
    project = _project(tmp_path, {"docs/notes/uses-snippet.md": '# Snippet\n\n--8<-- "snip.txt"\n'})
    (project / "docs/images").mkdir()
    os.symlink("/proc/self/environ", project / "docs/notes/env.md")
    os.symlink(secret, project / "docs/snip.txt")
    os.symlink(secret, project / "docs/images/leak.png")
    os.symlink(project / "docs/notes/nowhere.md", project / "docs/notes/gone.md")
    expected = [("docs/notes/env.md", 1), ("docs/snip.txt", 1), ("docs/images/leak.png", 1), ("docs/notes/gone.md", 1)]
    _assert_both_gates_refuse(project, tmp_path, expected)
    written = [path.read_bytes() for path in (tmp_path / "out").rglob("*") if path.is_file()]
    assert not any(b"do-not-publish" in data for data in written)


@pytest.mark.parametrize(
    ("page", "line", "rule"),
    [
        ('# Snippet\n\nWords.\n\n--8<-- "missing.txt"\n', 5, "build/missing-snippet"),
        ("# Deep\n\n" + "\n".join("    " * level + "- x" for level in range(400)) + "\n", 402, "build/nested-too-deep"),
        ("---\ntemplate: nope.html\n---\n# T\n\nWords.\n", 2, "security/front-matter"),
        ("---\nicon: ../../x\n---\n# T\n\nWords.\n", 2, "security/front-matter"),
    ],
)
def test_what_crashed_mkdocs_is_one_line_naming_file_and_line(tmp_path: Path, page: str, line: int, rule: str) -> None:
    project = _project(tmp_path, {"docs/notes/bad.md": page})
    build = mkdocs_build(project, tmp_path / "out")
    assert build.returncode != 0 and "Traceback" not in build.stderr, build.stderr[-3000:]
    assert f"docs/notes/bad.md:{line}:1 {rule}:" in build.stderr, build.stderr[-3000:]


def test_a_glossary_tooltip_never_lands_inside_an_attribute(tmp_path: Path) -> None:
    """Class 7: a title holding '>' and a glossary term; the tooltip goes in the text only."""
    page = '---\nunpaired: "A test page."\nreviewed: 2026-11-01\n---\n# Tooltips\n\n<span title="a > DSL">Ask the lead.</span> The DSL decides.\n'
    project = _project(tmp_path, {"docs/staff/tips.md": page})
    build = mkdocs_build(project, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.stderr[-3000:]
    html = (tmp_path / "out" / "staff" / "tips" / "index.html").read_text(encoding="utf-8")
    assert '<span title="a > DSL">Ask the lead.</span> The <abbr title="The person who leads on safeguarding.">DSL</abbr> decides.' in html
