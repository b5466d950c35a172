"""The plainpolicy MkDocs plugin.

A thin layer over the library: it checks each page as MkDocs converts it (the
HTML MkDocs made, so the score is what the reader sees), adds the generated
pages, the "Talk about it" boxes and the glossary tooltips, and gives templates
what they need (voice, partner pages, review dates).

On a large site the checks run in worker processes while MkDocs goes on
building (pagechecks.py); the plugin waits for them only when it writes the
readability report, the last page, and stops the build with every error at the
end. Results of unchanged pages are kept between builds, on disk and, in
`mkdocs serve`, in memory.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plainpolicy.config import settings_from_mapping
from plainpolicy.engine import resultcache
from plainpolicy.engine.buildresult import BuildResult
from plainpolicy.engine.checker import Checker
from plainpolicy.engine.packing import Packed, is_summary
from plainpolicy.engine.pool import starts_at_once, workers_for
from plainpolicy.errors import CannotRun, SettingError
from plainpolicy.findings import ERROR, INFO, WARNING, Finding
from plainpolicy.mkdocs_plugin import voicesite
from plainpolicy.mkdocs_plugin.config import PlainPolicyConfig
from plainpolicy.mkdocs_plugin.gate import BuildGate, listing
from plainpolicy.mkdocs_plugin.pagechecks import PageChecks
from plainpolicy.mkdocs_plugin.pagemeta import template_meta
from plainpolicy.mkdocs_plugin.pagetexts import PageTexts, parse
from plainpolicy.mkdocs_plugin.printing import PrintBook
from plainpolicy.output.report_html import CSS, render_report
from plainpolicy.reading import nations
from plainpolicy.reading.mkdocs_config import SiteConfig, where_written
from plainpolicy.rules import publish_setting, site_placeholders as placeholders
from plainpolicy.site import generate
from plainpolicy.site.tooltips import apply as apply_tooltips
from plainpolicy.uknations import NATIONS

log = logging.getLogger("mkdocs.plugins.plainpolicy")

# Pages checked in this process before any worker starts: a `serve` rebuild after
# one edit checks a page or two, far quicker here than in a new process. A
# `mkdocs build` where workers start by fork (at once, with everything loaded)
# sends every page to them.
CHECK_HERE_FIRST = 10

CSS_PATH = "assets/plainpolicy/plainpolicy.css"
REPORT_INTRO = (
    "---\ntitle: Readability report\nsummary: How hard each section is to read, against the limit for its readers.\n"
    "generated: true\nmenu: false\nsearch:\n  exclude: true\n---\n\n# Readability report\n\n"
    "This page shows how easy each part of the policy is to read. "
    "Each bar shows a score, and the black line shows the limit for that version. "
    "The site will not build if a section goes past its limit.\n"
)


def _timed(hook: Any) -> Any:
    """Count the clock time a hook takes, so the build can say what the plugin cost in MkDocs' process."""

    @functools.wraps(hook)
    def timed(self: PlainPolicyPlugin, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return hook(self, *args, **kwargs)
        finally:
            spent = time.perf_counter() - start
            self.seconds += spent
            self.by_hook[hook.__name__] = self.by_hook.get(hook.__name__, 0.0) + spent

    return timed


class PlainPolicyPlugin(BasePlugin[PlainPolicyConfig]):
    supports_multiple_instances = False
    checks: PageChecks | None = None  # this build's page checks (from on_files)
    seconds = 0.0  # this build's time in the plugin's hooks (see _timed)
    by_hook: dict[str, float]  # the same, hook by hook (set in on_config)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object alive across `mkdocs serve`
        # rebuilds, so unchanged pages are not checked again.
        self._serving = command == "serve"
        self._cache: dict[str, tuple[str, Packed]] = {}

    # --- configuration -------------------------------------------------------
    @_timed
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.seconds, self.by_hook = 0.0, {}
        if not self.config.enabled:
            return config
        if not hasattr(self, "_cache"):
            self._serving, self._cache = False, {}
        raw = {key: value for key, value in self.config.items() if key not in ("enabled", "report", "nav_order", "workers") and value is not None}
        config_file = config.config_file_path or "mkdocs.yml"
        try:
            settings = settings_from_mapping(raw, config_file)
            site = SiteConfig(Path(config_file), Path(config.docs_dir), settings, list(config.markdown_extensions), dict(config.mdx_configs), dict(config.extra))
            self.checker = Checker(site)
            self.checker.glossary  # load and validate the data files now: fail early
            self.checker.themes
            self.checker.nation_rules
            self.checker.commitment_register
            # Tooltips are found with the checks (in the workers), when the site turns on abbr.
            self.checker.tooltips = "abbr" in site.extensions and self.checker.glossary is not None
            if resultcache.enabled():
                self.checker.use_cache("build")
        except SettingError as error:  # named at the file and line that write it (INHERIT followed)
            raise PluginError(f"plainpolicy: {where_written(error, Path(config_file))}") from None
        except CannotRun as error:
            raise PluginError(f"plainpolicy: {error}") from None
        self._check_placeholders(config, config_file)
        if self.config.report:
            config.extra_css.append(CSS_PATH)
        self.gate = BuildGate(config, self.checker.settings.front_matter_keys)
        # Templates read the chosen nations here, as keys in the usual order (see nations.py).
        self.config["nations"] = list(settings.nations)
        config.extra_css.append(nations.CSS_PATH)
        if self.checks is not None:  # left by a build that stopped early
            self.checks.close()
            self.checks = None
        self.pages: list[BuildResult] = []
        self.pagetexts = PageTexts()
        self.contents: dict[str, str] = {}  # page -> its HTML as on_page_content saw it
        self.report_html: str | None = None
        self._directory_urls = config.use_directory_urls
        self.generated: dict[str, tuple[str, dict[str, int]]] = {}
        self.report_page: Page | None = None
        self.collected = False
        self._findings: list[Finding] = []
        self._files: Files | None = None
        self._existing_pages: set[str] | None = None
        return config

    def _check_placeholders(self, config: MkDocsConfig, config_file: str) -> None:
        """A publishing build (site_url or extra.publish) stops on "[placeholders]" left in mkdocs.yml
        (or a file it inherits from)."""
        publishing = placeholders.is_publishing(config.site_url, dict(config.extra))
        nations = list(self.checker.settings.nations)
        found = placeholders.findings(Path(config_file), publishing, nations, display=os.path.relpath)
        wrong = publish_setting.finding(Path(config_file), dict(config.extra), os.path.relpath)  # counted as publishing meanwhile
        if wrong:
            raise PluginError(f"plainpolicy: {listing([wrong])}" + (f"\n{placeholders.publishing_message(found)}" if found else ""))
        if publishing and found:
            raise PluginError(placeholders.publishing_message(found))
        if found:
            log.info(f"plainpolicy: {placeholders.files_with(found)} {len(found)} placeholders to fill in before you publish (plainpolicy check lists them)")

    def _data_files(self) -> list[str]:
        """The data files the checks read: never published, and watched by `serve`."""
        return self.checker.data_files()

    # --- files -----------------------------------------------------------------
    @_timed
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        outside = self.gate.paths() + self.gate.published_twice(files)
        if outside:  # before MkDocs copies a byte of it
            raise PluginError(f"plainpolicy: symlinks out of the repository, to nothing, or to pages published twice:\n{listing(outside)}")
        data = set(self._data_files())
        for file in list(files):
            if file.src_uri in data:
                files.remove(file)
        real = []
        if self.checker.themes is not None or self.checker.questions is not None:  # the generated pages list pages by their front matter
            for file in files.documentation_pages():
                source = self.pagetexts.parsed(file)
                voice = self.checker.settings.voice_for(file.src_uri, source.meta)
                real.append((file.src_uri, str(source.meta.get("title") or Path(file.src_uri).stem), voice.name if voice else None, source.meta))
        try:
            generated = self.checker.generate_pages(real)
            generated.update(self._commitments_page(files))
        except CannotRun as error:
            raise PluginError(f"plainpolicy: {error}") from None
        for relative, (text, data_file, origins) in generated.items():
            self._add(files, config, relative, text)
            self.generated[relative] = (data_file, origins)
        files.append(File.generated(config, nations.CSS_PATH, content=nations.NATION_CSS))
        self.book = PrintBook()  # the whole policy to print, one page per voice (see printing.py)
        self.book.add_pages(config, self.checker.settings, lambda relative, text: self._add(files, config, relative, text))
        self.search_titles: dict[str, str] = {}
        if self.config.report:
            # Added last, so MkDocs writes it last: the checks have the whole build to finish.
            self._add(files, config, generate.REPORT_PAGE, REPORT_INTRO)
            files.append(File.generated(config, CSS_PATH, content=CSS))
        workers = workers_for(len(files.documentation_pages()), self.config.workers, beside_build=True)
        check_here_first = 0 if starts_at_once() and not self._serving else CHECK_HERE_FIRST
        self.checks = PageChecks(self.checker, self._cache if self._serving else None, workers, check_here_first)
        return files

    def _commitments_page(self, files: Files) -> dict[str, Any]:
        """The generated table of commitments, made from each page's markers as its readers see it."""
        if self.checker.commitment_register is None:
            return {}
        entries = []
        for file in files.documentation_pages():
            source = self.pagetexts.sources.get(file.src_uri)
            if source is None:
                path, text = self.pagetexts.read(file)
                if "commitment" not in text.lower():  # no marker: its front matter is read where it is checked
                    self.pagetexts.texts[file.src_uri] = (path, text)
                    continue
                source = self.pagetexts.sources[file.src_uri] = parse(path, text)
            shown, _ = self.checker.nation_view(source)
            voice = self.checker.settings.voice_for(file.src_uri, source.meta)
            title = str(source.meta.get("title") or Path(file.src_uri).stem)
            entries.append((file.src_uri, title, voice.name if voice else None, self.checker.page_commitments(shown, file.src_uri)))
        return self.checker.commitment_pages(entries)

    def _add(self, files: Files, config: MkDocsConfig, relative: str, text: str) -> None:
        existing = files.get_file_from_path(relative)
        if existing is not None:
            raise PluginError(f"plainpolicy: docs/{relative} would be replaced by a generated page; rename or remove it")
        files.append(File.generated(config, relative, content=text))
        self.pagetexts.add(relative, text)

    @_timed
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.config.enabled and self.config.nav_order:
            nav.items = voicesite.ordered(nav.items, list(self.config.nav_order))
        if self.config.enabled:
            nav.items = voicesite.drop(nav.items, voicesite.hidden_pages(self.pagetexts.sources))  # front matter `menu: false`
            self.book.nav(nav)
        return nav

    # --- pages -----------------------------------------------------------------
    @_timed
    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        """Read each page once, for MkDocs and for the checks (the text is the key of its stored result)."""
        if not self.config.enabled or not page.file.abs_src_path:
            return None
        return self.pagetexts.for_mkdocs(page.file)

    @_timed
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return markdown
        relative = page.file.src_uri
        crashes = self.gate.markdown(page, self.pagetexts.text(page.file))
        if crashes:  # MkDocs converts this page next, and would stop with a traceback
            self.on_build_error(error=None)  # type: ignore[arg-type]
            raise PluginError(f"plainpolicy: MkDocs cannot build this page:\n{listing(crashes)}")
        if page.file.generated_by is None:
            page.meta.pop("generated", None)  # only pages plainpolicy makes are generated (the gate reports the key)
        settings = self.checker.settings
        voice = settings.voice_for(relative, page.meta)
        try:
            markdown = self.checker.prepare_markdown(markdown, relative, page.meta)
        except CannotRun as error:
            raise PluginError(f"plainpolicy: {error}") from None
        if voice is not None:
            page.meta["plainpolicy"] = template_meta(relative, page.meta, voice, settings, self._existing(files), files, self.checker.today)
        return markdown

    def _existing(self, files: Files) -> set[str]:
        """Every page of this build (for pairing), worked out once per build, not once per page."""
        if self._existing_pages is None:
            self._existing_pages = {file.src_uri for file in files.documentation_pages()}
        return self._existing_pages

    @_timed
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Check the page, or send it to a worker; its tooltips go in later, in on_page_context.

        Results are kept packed (engine/packing.py) until the end of the build. A page's
        front matter is only read where the page is checked (in a worker, on a
        large site): an unchanged page needs just its text and HTML, for the key
        of its stored result.
        """
        if not self.config.enabled:
            return html
        relative = page.file.src_uri
        if relative == generate.REPORT_PAGE:
            self.report_page = page
        parsed, path, text = self.pagetexts.take(page.file)
        assert self.checks is not None
        self.contents[relative] = html  # the HTML the tooltip places point into (see on_page_context)
        self.checks.check(relative, parsed, path, text, html, self._existing(files), page.file.generated_by is not None)
        return html

    # --- once every page is checked ----------------------------------------------
    def _collect(self, report_page: Page | None = None) -> list[Finding]:
        """Wait for the workers, then every finding of the build and the report's body (once per build).

        When no page changed since the last build, both are the ones stored then:
        the results need not be unpacked at all."""
        assert self.checks is not None
        self.checks.finish()
        cache = self.checker.cache
        report = (report_page.file.src_uri, report_page.content or "") if report_page is not None else ("", "")
        key = self.checks.summary_key(report, self._directory_urls)
        stored = cache.get(key) if cache is not None and key is not None else None
        if is_summary(stored):
            findings, self.report_html = stored
        else:
            self.pages = self.checks.unpacked(self.generated)
            findings = [f for page in self.pages for f in page.findings] + self.checker.site_findings(self.pages)
            findings.sort(key=Finding.sort_key)
            self.report_html = self._report(report_page, findings) if report_page is not None else None
            if cache is not None and key is not None:
                cache.put(key, (findings, self.report_html))
        if cache is not None:
            cache.save()
        self.collected = True
        self._findings = findings
        return findings

    def _report(self, page: Page, findings: list[Finding]) -> str:
        entries = [result.report for result in self.pages if result.report is not None]
        assert self._files is not None  # set in on_files, before any page
        urls = {entry.relative: _url(self._files, entry.relative, page) for entry in entries}
        exceptions = [finding for finding in findings if finding.rule == "exception/used"]
        return render_report(page.content or "", entries, self.checker.settings, urls, exceptions)

    # After the search plugin has indexed the page: the tooltips add no words to
    # search, only tags, and the search plugin's HTML parser is slow on tags.
    @event_priority(-50)
    @_timed
    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if not self.config.enabled:
            return context
        relative = page.file.src_uri
        packed = self.checks.result(relative) if self.checks is not None else None
        seen = self.contents.pop(relative, None)
        if packed is not None and packed[0]:
            if page.content == seen:
                page.content = apply_tooltips(page.content or "", packed[0])
            else:  # another plugin changed the page since on_page_content: the places no longer fit
                log.info(f"plainpolicy: no glossary tooltips on {relative}: another plugin changed the page after it was checked")
        if page is self.report_page and not self.collected:
            self._collect(page)
            page.content = self.report_html
        self.book.page(page)
        context["nav"] = voicesite.nav_for(context.get("nav"), page, self.checker.settings)
        title = voicesite.voice_title(page)
        if title:
            self.search_titles[page.url] = title
        return context

    @_timed
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self._files = files
        if self.config.enabled:
            # For templates (the "Report a concern" panel): the chosen nations, and their names.
            env.globals["plainpolicy_nations"] = list(self.checker.settings.nations)
            env.globals["plainpolicy_nation_names"] = {key: NATIONS[key] for key in self.checker.settings.nations}
        if self.config.enabled and self.gate.before_render:  # before a template reads front matter, or MkDocs crashes
            self.on_build_error(error=None)  # type: ignore[arg-type]
            raise PluginError(f"plainpolicy: pages the theme cannot be given:\n{listing(self.gate.before_render)}")
        return env

    @event_priority(-100)  # after every other plugin has changed the page
    @_timed
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.gate.page(output, page) if self.config.enabled else output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        return self.gate.template(output_content, template_name) if self.config.enabled else output_content

    def on_build_error(self, *, error: Exception) -> None:
        if self.checks is not None:
            self.checks.close()

    @_timed
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        findings = self._findings if self.collected else self._collect()
        if self._files is not None:
            reported = {(f.path, f.line, f.rule) for f in findings}
            findings = findings + [f for f in self.gate.files(self._files) if (f.path, f.line, f.rule) not in reported]
        self.book.write(self.checker.settings)
        voicesite.retitle_search_index(config.site_dir, self.search_titles)
        checks = self.checks
        assert checks is not None
        checked = len(checks.results) - checks.reused
        in_workers = f" ({checks.sent} in worker processes)" if checks.sent else ""
        log.info(
            f"plainpolicy: checked {checked} page{'s' * (checked != 1)}, {checks.reused} unchanged since the last build{in_workers}; "
            f"{self.seconds:.2f} s of plainpolicy's own work in MkDocs' process "
            f"({self.pagetexts.seconds:.2f} s of it reading the pages, which MkDocs would otherwise do)"
        )
        hooks = sorted(self.by_hook.items(), key=lambda item: -item[1])
        log.debug(
            "plainpolicy: own work by hook: " + ", ".join(f"{name} {spent:.2f} s" for name, spent in hooks)
            + f"; {checks.waited:.2f} s of it waiting for worker processes"
        )
        for finding in findings:
            if finding.severity == WARNING:
                log.warning(_line(finding))
            elif finding.severity == INFO:
                log.info(_line(finding))
        errors = [finding for finding in findings if finding.severity == ERROR]
        if errors:
            listing = "\n".join(_line(finding) for finding in errors)
            raise PluginError(f"plainpolicy found {len(errors)} error{'s' * (len(errors) != 1)}:\n{listing}\nRun 'plainpolicy check' for hints.")


def _line(finding: Finding) -> str:
    text = f"{finding.path}:{finding.line}:{finding.column} {finding.rule}: {finding.message}"
    return text + (f" Hint: {finding.hint}" if finding.hint else "")


def _url(files: Files, relative: str, from_page: Page) -> str:
    file = files.get_file_from_path(relative)
    if file is None:
        return ""
    return file.url_relative_to(from_page.file)


