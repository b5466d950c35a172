"""The build's security gate, called from the plugin's hooks (see plainpolicy.sitegate).

- on_files: nothing may resolve outside the repository (outside.py), and no
  symlink may publish a page twice (published_twice.py), before MkDocs copies a byte.
- on_page_markdown: each page's front matter as MkDocs read it (YAML or
  MultiMarkdown), and what would crash MkDocs (a missing snippet, a list
  nested too deep); on_env stops the build with all of them, each with its
  file and line, before any template runs.
- on_post_page / on_post_template: each written page checked whole, then given
  its Content-Security-Policy (the hashes of the theme scripts on it).
- on_post_build: the files copied from docs/, by type.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plainpolicy.findings import ERROR, Finding
from plainpolicy.reading.frontmatter import FRONT_MATTER, check_front_matter
from plainpolicy.reading.source import SourcePage, split_front_matter
from plainpolicy.safety.outside import check_folders, snippet_folders
from plainpolicy.safety.published_twice import published_twice
from plainpolicy.safety.sitegate import SiteGate, Source, is_theme_file
from plainpolicy.safety.themescripts import (
    add_policy,
    shim_script,
    theme_script_matcher,
)

MAX_LIST_DEPTH = 100  # Python-Markdown recurses per level (a few hundred levels crash it); far deeper than any policy needs
_SNIPPET = re.compile(r"^[ \t]*(?:-{1,}8<-{1,}|;?-{2,}8<-{2,})\s+[\"']([^\"'\n]+)[\"']", re.MULTILINE)
_LIST_ITEM = re.compile(r"^( *)(?:[-*+]|\d+[.)])\s")


class BuildGate:
    def __init__(self, config: MkDocsConfig, allowed_keys: tuple[str, ...]) -> None:
        self.config = config
        self.allowed_keys = allowed_keys
        self.cwd = os.getcwd()
        self.config_file = Path(config.config_file_path or "mkdocs.yml")
        self.repository = self.config_file.resolve().parent
        self.docs_dir = str(config.docs_dir)
        self.before_render: list[Finding] = []
        self.sources: dict[str, Source] = {}
        try:
            config_text = self.config_file.read_text(encoding="utf-8")
        except OSError:
            config_text = ""
        self.gate = SiteGate(theme_script_matcher(config.theme.dirs), [Source(self.shown(self.config_file), config_text)])

    def shown(self, path: str | Path) -> str:
        text = str(path)
        return os.path.relpath(text, self.cwd).replace(os.sep, "/") if text.startswith(self.cwd + os.sep) else text

    # --- before anything is copied -------------------------------------------------
    def paths(self) -> list[Finding]:
        folders = [Path(self.docs_dir), *snippet_folders(dict(self.config.mdx_configs), self.repository)]
        custom = self.config.theme.custom_dir
        if custom:
            folders.append(Path(custom))
        return check_folders(folders, self.repository, self.shown)

    def published_twice(self, files: Files) -> list[Finding]:
        """Symlinks under docs/ that make MkDocs publish a page twice (published_twice.py)."""
        pages = [(Path(file.abs_src_path), file.src_uri) for file in files.documentation_pages() if file.abs_src_path]
        return published_twice(pages, Path(self.docs_dir), self.shown)

    # --- each page's Markdown ------------------------------------------------------------
    def markdown(self, page: Page, text: str) -> list[Finding]:
        """Check a page before MkDocs converts it; what would crash the conversion (stop now)."""
        path = self.shown(page.file.abs_src_path or page.file.src_uri)
        source = self._source(text, path)
        made_here = page.file.generated_by is not None  # a page plainpolicy made: its `generated: true` is true
        findings = check_front_matter(source, "", self.allowed_keys, made_here)  # YAML, or MultiMarkdown-style as MkDocs reads it
        self.before_render += [f for f in findings if f.rule == FRONT_MATTER]
        self.gate.fallbacks.append(Source(path, text))
        self.sources[page.file.src_uri] = Source(path, text)
        return self._crashes(path, text)

    @staticmethod
    def _source(text: str, path: str) -> SourcePage:
        try:
            return split_front_matter(text, path)
        except Exception:
            return SourcePage(path, text)

    def _crashes(self, path: str, text: str) -> list[Finding]:
        """What would stop MkDocs with a traceback: named here with its line instead."""
        findings = []
        bases = [Path(folder) for folder in snippet_folders(dict(self.config.mdx_configs), self.repository)]
        if "pymdownx.snippets" in self.config.markdown_extensions:
            for match in _SNIPPET.finditer(text):
                name = match.group(1).strip()
                if not any((base / name).is_file() for base in bases):
                    line = text.count("\n", 0, match.start()) + 1
                    findings.append(Finding(path, line, "build/missing-snippet", ERROR, f"The snippet {name} does not exist in {', '.join(self.shown(b) for b in bases)}.", "Check the file name, or remove the --8<-- line.", 1, "", ""))
        depth, deepest = 0, (0, 0)
        for number, source_line in enumerate(text.split("\n"), start=1):
            item = _LIST_ITEM.match(source_line)
            if item:
                depth = len(item.group(1).expandtabs(4)) // 4 + 1
                if depth > deepest[0]:
                    deepest = (depth, number)
        if deepest[0] > MAX_LIST_DEPTH:
            findings.append(Finding(path, deepest[1], "build/nested-too-deep", ERROR, f"A list is nested {deepest[0]} levels deep (more than {MAX_LIST_DEPTH}): MkDocs would stop with a crash.", "Flatten the list: use headings or separate lists.", 1, "", ""))
        return findings

    # --- written pages -----------------------------------------------------------------------
    def page(self, output: str, page: Page) -> str:
        source = self.sources.get(page.file.src_uri) or Source(self.shown(page.file.abs_src_path or page.file.src_uri))
        return self._secured(output, source, self.shown(Path(self.config.site_dir) / page.file.dest_uri))

    def template(self, output: str, name: str) -> str:
        if not name.endswith(".html"):
            return output
        written = self.shown(Path(self.config.site_dir) / name)
        return self._secured(output, Source(written), written)

    def _secured(self, output: str, source: Source, written: str) -> str:
        """The page checked, with its CSP: its theme scripts, and the offline shim's frame script if it loads the shim."""
        scripts, result = self.gate.page(output, source, written)
        worker = result.theme_config.get("search")
        shim = self._shim() if any("iframe-worker" in src for src in result.script_files) else None
        if shim and isinstance(worker, str):
            scripts.append(shim_script(shim, worker) or "")
        return add_policy(output, [script for script in scripts if script])

    def _shim(self) -> str | None:
        """The offline plugin's iframe-worker shim, as the theme's own files ship it (read once)."""
        if not hasattr(self, "_shim_text"):
            found = [path for folder in self.config.theme.dirs for path in Path(folder).rglob("iframe-worker/shim.js")]
            self._shim_text = found[0].read_text(encoding="utf-8") if found else None
        return self._shim_text

    # --- copied files ------------------------------------------------------------------------
    def files(self, files: Files) -> list[Finding]:
        for file in files:
            if file.is_documentation_page() or is_theme_file(file.abs_src_path, self.docs_dir):
                continue
            try:
                data = Path(file.abs_src_path or "").read_bytes()
            except OSError:
                continue
            shown = self.shown(file.abs_src_path or file.src_uri)
            text = data.decode("utf-8", "replace") if len(data) < 2_000_000 else ""
            self.gate.static_file(data, Source(shown, text), self.shown(Path(self.config.site_dir) / file.dest_uri), Path(file.src_uri).suffix.lower())
        return self.gate.findings


def listing(findings: list[Finding]) -> str:
    return "\n".join(f"{f.path}:{f.line}:{f.column} {f.rule}: {f.message}" + (f" Hint: {f.hint}" if f.hint else "") for f in findings)
