"""Running every check over a set of pages and collecting one report.

The command line and the MkDocs plugin both go through `Checker`, so a page gets
the same findings whichever way it is checked.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from plainpolicy.config import Voice
from plainpolicy.datafiles import commitments as commitment_markers, nationrules
from plainpolicy.datafiles.approval import APPROVAL_FILE, Approval, load_approval
from plainpolicy.datafiles.glossary import Glossary, load_glossary
from plainpolicy.datafiles.imageregister import (
    DEFAULT_REGISTER,
    ImageRegister,
    load_site_register,
)
from plainpolicy.datafiles.plainwords import PlainWords, load_plain_words
from plainpolicy.datafiles.prompts import (
    Question,
    Theme,
    load_questions,
    load_themes,
    page_ids,
)
from plainpolicy.datafiles.vocabulary import Vocabulary, glossary_words, known_words
from plainpolicy.engine.pool import Job, PagePool, starts_at_once, workers_for
from plainpolicy.engine.resultcache import (
    ResultCache,
    code_signature,
    digest,
    folder_signature,
)
from plainpolicy.engine.results import PageResult, Report, SitePage
from plainpolicy.engine.severities import apply_severities, check_severities
from plainpolicy.errors import CannotRun
from plainpolicy.findings import ERROR, INFO, WARNING, Finding
from plainpolicy.reading import sitewalk
from plainpolicy.reading.analysis import AnalysedPage, analyse
from plainpolicy.reading.exceptions import Allowance
from plainpolicy.reading.htmltokens import tokens
from plainpolicy.reading.mkdocs_config import SiteConfig
from plainpolicy.reading.nations import FilteredPage, filter_page
from plainpolicy.reading.render import Renderer
from plainpolicy.reading.source import (
    SourcePage,
    not_generated,
    read_text,
    split_front_matter,
)
from plainpolicy.rules.commitments import check_page_commitments, check_site_commitments
from plainpolicy.rules.context import PageContext
from plainpolicy.rules.images import check_site_images
from plainpolicy.rules.references import answered_by, check_checklist_answered
from plainpolicy.rules.registry import page_checks, rule as registered
from plainpolicy.rules.security import Locator, scan_html
from plainpolicy.rules.site_placeholders import site_findings as placeholder_findings
from plainpolicy.safety.sitefiles import check_published_files
from plainpolicy.site import generate
from plainpolicy.site.commitments_page import (
    COMMITMENTS_PAGE,
    Entry,
    commitments_page,
    origins as commitment_origins,
)
from plainpolicy.site.tooltips import definitions, places
from plainpolicy.text.wordcase import small_letter_words

Generated = tuple[str, str, dict[str, int]]  # a generated page: markdown, data file shown, section -> data line


def display_path(file: Path) -> str:
    """The path as a contributor would type it: relative to the current folder if possible."""
    try:
        return os.path.relpath(file, Path.cwd()).replace(os.sep, "/")
    except ValueError:
        return str(file)


RULE_FAMILIES = ("readability", "sentence", "glossary", "security", "images", "links")
# Rules no comment in a page can excuse: what reaches a child's browser, and consent for images.
NEVER_EXCUSED = ("security", "links", "images/no-consent", "images/verbal-consent", "images/delete-by-passed", "images/delete-by-soon")


def not_a_page(path: Path) -> Path:
    """The path, if it names a Markdown page: a data file or picture named to the check is refused, not read as a page."""
    if path.suffix.lower() not in (".md", ".markdown"):
        raise CannotRun(str(path), "this is not a Markdown page: plainpolicy check reads pages (files ending in .md) and folders of them; "
                        "the data files are checked with the pages that use them (run plainpolicy check docs)")
    return path


def never_excused(rule: str) -> bool:
    return any(rule == name or rule.startswith(name + "/") for name in NEVER_EXCUSED)


class Checker:
    """Checks pages against one site's settings."""

    def __init__(self, site: SiteConfig, today: dt.date | None = None) -> None:
        self.site = site
        self.settings = site.settings
        check_severities(site.settings.severities, site.config_file, display_path)
        self.today = today or dt.date.today()
        self._renderer: Renderer | None = None
        self._glossary: Glossary | None = None
        self._glossary_loaded = False
        self._themes: list[Theme] | None = None
        self._questions: list[Question] | None = None
        self._data_loaded = False
        self._explained_words: frozenset[str] | None = None
        self._plain_words: PlainWords | None = None
        self._plain_loaded = False
        self._vocabularies: dict[str, Vocabulary] = {}
        self.cache: ResultCache | None = None
        self._cache_key = ""
        self._existing_key: tuple[set[str] | None, str] = (None, "")  # the last page list seen, and its digest
        self._image_register: ImageRegister | None = None
        self._docs_resolved: Path | None = None
        # Processes that check pages (see pool.py): 1 is this one alone, None decides by size.
        self.jobs: int | None = 1
        # Also find each page's glossary tooltips (the site build sets this; see tooltips.py).
        self.tooltips = False
        self._nation_rules: tuple[nationrules.NationRules | None] | None = None
        self._register: tuple[commitment_markers.Register | None] | None = None
        self._approval: tuple[Approval | None] | None = None

    # --- shared resources, loaded once -----------------------------------------
    @property
    def renderer(self) -> Renderer:
        if self._renderer is None:
            self._renderer = Renderer(self.site.extensions, self.site.extension_configs, str(self.site.config_file or "mkdocs.yml"))
        return self._renderer

    @property
    def glossary(self) -> Glossary | None:
        if not self._glossary_loaded:
            self._glossary_loaded = True
            if self.settings.glossary:
                file = self.site.docs_dir / self.settings.glossary
                self._glossary = load_glossary(file, set(self.settings.voices), display_path(file))
        return self._glossary

    @property
    def nation_rules(self) -> nationrules.NationRules | None:
        """docs/nations.yml: words right in some nations only (None if there is no such file)."""
        if self._nation_rules is None:
            file = self.site.docs_dir / nationrules.DEFAULT_FILE
            self._nation_rules = (nationrules.load_nation_rules(file, display_path(file)),)
        return self._nation_rules[0]

    @property
    def commitment_register(self) -> commitment_markers.Register | None:
        """docs/commitments.yml: each commitment's id and statement (None if there is no such file)."""
        if self._register is None:
            file = self.site.docs_dir / commitment_markers.DEFAULT_FILE
            self._register = (commitment_markers.load_register(file, display_path(file)),)
        return self._register[0]

    def nation_view(self, source: SourcePage) -> tuple[SourcePage, FilteredPage]:
        """The page as readers in this site's nations see it (see nations.filter_page): blocks for
        other nations blank, every kept line on its own line number."""
        filtered = filter_page(source.body, self.settings.nations, source.body_line)
        if not filtered.blocks and not filtered.problems:
            return source, filtered
        head = source.text.split("\n")[: source.body_line - 1]
        return replace(source, text="\n".join([*head, filtered.shown]), body=filtered.shown), filtered

    def nation_markdown(self, body: str) -> str:
        """The body to render: nation blocks kept for this site's nations, labelled if it has several."""
        filtered = filter_page(body, self.settings.nations)
        if filtered.markdown != filtered.shown and "admonition" not in self.site.extensions:
            raise CannotRun(str(self.site.config_file or "mkdocs.yml"), "showing nation blocks for more than one nation needs the 'admonition' Markdown extension: add '- admonition' under markdown_extensions")
        return filtered.markdown

    @property
    def image_register(self) -> ImageRegister:
        if self._image_register is None:
            self._image_register = load_site_register(self.site.docs_dir, self.settings.image_register, display_path)
        return self._image_register

    @property
    def approval(self) -> Approval | None:
        """docs/approval.yml, read (and so checked) as the site build reads it for the printed policy."""
        if self._approval is None:
            self._approval = (load_approval(self.site.docs_dir, self.data_path(APPROVAL_FILE)),)
        return self._approval[0]

    def data_path(self, name: str | None) -> str:
        return display_path(self.site.docs_dir / name) if name else ""

    def _load_data(self) -> None:
        if self._data_loaded:
            return
        self._data_loaded = True
        settings = self.settings
        if settings.prompts:
            self._themes = load_themes(self.site.docs_dir / settings.prompts, set(settings.voices), self.data_path(settings.prompts))
        if settings.checklist:
            self._questions = load_questions(self.site.docs_dir / settings.checklist, self.data_path(settings.checklist))

    @property
    def themes(self) -> list[Theme] | None:
        self._load_data()
        return self._themes

    @property
    def questions(self) -> list[Question] | None:
        self._load_data()
        return self._questions

    def anchors(self) -> bool:
        return "attr_list" in self.site.extensions

    def prepare_markdown(self, body: str, relative: str, meta: Mapping[str, Any]) -> str:
        """The page body as the reader gets it: nation blocks for this site's nations, its "Talk about it" box added."""
        body = self.nation_markdown(body)
        voice = self.settings.voice_for(relative, meta)
        if voice is None or not self.themes or meta.get("generated"):
            return body
        return body + generate.talk_box(self.themes, page_ids(meta, "themes"), voice, relative, self.anchors())

    # --- generated pages -------------------------------------------------------
    def generated_paths(self) -> set[str]:
        paths: set[str] = set()
        for voice in self.settings.voices.values():
            if self.settings.glossary:
                paths.add(f"{voice.folder}/{generate.GLOSSARY_PAGE}")
            if self.settings.prompts:
                paths.add(f"{voice.folder}/{generate.PROMPTS_PAGE}")
        if self.settings.checklist:
            paths.add(generate.CHECKLIST_PAGE)
        if self.commitment_register is not None:
            paths.add(COMMITMENTS_PAGE)
        return paths

    def generate_pages(self, pages: list[tuple[str, str, str | None, dict[str, Any]]]) -> dict[str, Generated]:
        """Generated pages: relative path -> (markdown, data file shown, section -> data line).

        `pages` lists the real pages as (relative path, title, voice, front matter).
        """
        return {**self.glossary_pages(), **self.listing_pages(pages)}

    def glossary_pages(self) -> dict[str, Generated]:
        """The generated pages made from the glossary alone (one per voice)."""
        result: dict[str, Generated] = {}
        voices = self.settings.voices
        glossary = self.glossary
        if glossary is not None:
            origins = {}
            for term in glossary.terms:
                shown = term.term[0].upper() + term.term[1:]
                origins[shown + (f" ({', '.join(term.abbreviations)})" if term.abbreviations else "")] = term.line
                origins.setdefault(term.term[0].upper() if term.term[0].isalpha() else "0-9", term.line)
            for voice in voices.values():
                result[f"{voice.folder}/{generate.GLOSSARY_PAGE}"] = (generate.glossary_page(glossary, voice), glossary.path, origins)
        return result

    def listing_pages(self, pages: list[tuple[str, str, str | None, dict[str, Any]]]) -> dict[str, Generated]:
        """The generated pages that list real pages: conversation prompts, the checklist."""
        result: dict[str, Generated] = {}
        voices = self.settings.voices
        if self.themes is not None:
            for voice in voices.values():
                related: dict[str, list[generate.PageLink]] = {}
                for relative, title, page_voice, meta in pages:
                    if page_voice == voice.name:
                        for theme in page_ids(meta, "themes"):
                            related.setdefault(theme, []).append(generate.PageLink(title, relative))
                origins = {theme.title.get(voice.name, theme.id): theme.line for theme in self.themes}
                result[f"{voice.folder}/{generate.PROMPTS_PAGE}"] = (generate.prompts_page(self.themes, voice, related, self.anchors()), self.data_path(self.settings.prompts), origins)
        if self.questions is not None:
            answers: dict[str, dict[str, list[generate.PageLink]]] = {}
            for relative, title, page_voice, meta in pages:
                for identifier in page_ids(meta, "checklist"):
                    if page_voice:
                        answers.setdefault(identifier, {}).setdefault(page_voice, []).append(generate.PageLink(title, relative))
            voice = voices[self.settings.default_voice] if self.settings.default_voice else next(iter(voices.values()))
            origins = {}
            for question in self.questions:
                origins.setdefault(question.topic, question.line)
            result[generate.CHECKLIST_PAGE] = (generate.checklist_page(self.questions, answers, self.settings, voice), self.data_path(self.settings.checklist), origins)
        return result

    def commitment_pages(self, entries: Sequence[Entry]) -> dict[str, Generated]:
        """The generated table of commitments (when there is a register): where each voice states each one."""
        register = self.commitment_register
        if register is None:
            return {}
        voice = self.settings.default_voice or next(iter(self.settings.voices))
        return {COMMITMENTS_PAGE: (commitments_page(register, entries, self.settings, voice), register.path, commitment_origins(register))}

    def page_commitments(self, source: SourcePage, relative: str) -> list[commitment_markers.Marker]:
        """The commitment markers of a voice page as its readers see it (source already through nation_view)."""
        voice = self.settings.voice_for(relative, source.meta)
        if voice is None or source.meta.get("generated") or not (self._is_voice_page(relative) or "voice" in source.meta):
            return []
        return commitment_markers.find_markers(source.text, source.path, relative)

    def site_findings(self, pages: Sequence[SitePage]) -> list[Finding]:
        """Rules that need the whole site: every checklist question answered; consent for images no page uses;
        each commitment in both voices, once per voice.

        Full results (the command line) and the site build's short ones both have what they need."""
        media = {file for page in pages for file in page.media}
        commitments = check_site_commitments(((page.voice, page.commitments) for page in pages), self.settings, self.commitment_register)
        images = check_site_images(self.site.docs_dir, self.image_register, self.today, media, display_path) + commitments
        if self.questions is None:
            return apply_severities(images, self.settings.severities)
        answered = answered_by((page.voice, page.answers) for page in pages)
        return apply_severities(images + check_checklist_answered(self.questions, answered, self.settings, self.data_path(self.settings.checklist)), self.settings.severities)

    def check_site(self) -> Report:
        """Every page under docs/, the generated pages, and the site-wide rules.

        The pages that list real pages (prompts, checklist, commitments) are made from
        the real pages' results; so that nothing waits for them, they are first made from
        the pages' front matter (read here, once) and checked beside the real pages,
        longest pages first. Made again from the results, they must come out the same,
        or they are checked again."""
        self.approval  # a broken approval record stops the check, as it stops the build
        existing = self.site_pages() | self.generated_paths()
        glossaries = sorted(self.glossary_pages().items())
        real = self._read_all(self._collect([self.site.docs_dir]))
        early = self._listings_from_sources(real)
        first = glossaries + (early or [])
        with Checking(self, existing, later=0 if early is not None else len(self.generated_paths()) - len(glossaries)) as checking:
            sent = checking.send(self._generated_jobs(first) + real)
            files = self._site_file_findings()  # while the workers check
            results = checking.collect(sent)
            pages = results[len(first) :]
            listings = self._listings([(page.relative, page.title, page.voice, page.meta, page.commitments) for page in pages])
            made = results[len(glossaries) : len(first)] if early == listings else checking.check(self._generated_jobs(listings))
            generated = zip(glossaries + listings, results[: len(glossaries)] + made)
        for (_, (_, data_file, origins)), result in sorted(generated, key=lambda item: item[0][0]):
            result.findings = [relocate(finding, data_file, origins) for finding in result.findings]
            pages.append(result)
        report = Report(pages=pages)
        report.site_findings = self.site_findings(report.pages) + files
        return report

    def _site_file_findings(self) -> list[Finding]:
        """The site's files: what would be published (sitefiles.py), placeholders in mkdocs.yml.

        A placeholder is an error when publishing and a note while previewing, as in the
        site build: severities: cannot change either (the rule is protected, and a note
        made an error would stop every preview)."""
        config = self.site.config_file
        published = apply_severities(check_published_files(self.site, self._data_file_names(), display_path), self.settings.severities)
        return published + placeholder_findings(config, self.settings.nations, display_path)

    def _listings(self, entries: Sequence[tuple[str, str, str | None, dict[str, Any], list[commitment_markers.Marker]]]) -> list[tuple[str, Generated]]:
        """The generated pages that list real pages, from each page's (path, title, voice, front matter, commitments)."""
        listed = self.listing_pages([(relative, title, voice, meta) for relative, title, voice, meta, _ in entries])
        listed.update(self.commitment_pages([(relative, title, voice, markers) for relative, title, voice, _, markers in entries]))
        return sorted(listed.items())

    def _listings_from_sources(self, jobs: list[Job]) -> list[tuple[str, Generated]] | None:
        """The listing pages as the pages' front matter gives them (a page's title from its
        front matter, as its result will have it when it has one). None if a page cannot be read."""
        entries = []
        for job in jobs:
            try:
                source = job.page()
                voice = self.settings.voice_for(job.relative, source.meta)
                shown, _ = self.nation_view(source)
                entries.append((job.relative, str(source.meta.get("title") or ""), voice.name if voice else None, shown.meta, self.page_commitments(shown, job.relative)))
            except CannotRun:
                return None  # the check will report it
        return self._listings(entries)

    def _data_file_names(self) -> set[str]:
        return set(self.data_files())

    def data_files(self) -> list[str]:
        """The data files under docs/ the checks read: never published, part of a stored
        result's key, and watched by `serve`. One list, so no reader forgets one."""
        settings = self.settings
        names = [settings.glossary, settings.prompts, settings.checklist, settings.image_register or DEFAULT_REGISTER,
                 nationrules.DEFAULT_FILE, commitment_markers.DEFAULT_FILE, settings.plain_words, APPROVAL_FILE]
        return [name for name in names if name]

    def _generated_jobs(self, pages: list[tuple[str, Generated]]) -> list[Job]:
        return [Job(split_front_matter(text, display_path(self.site.docs_dir / relative)), relative, generated=True) for relative, (text, _, _) in pages]

    # --- which files -----------------------------------------------------------
    def relative(self, file: Path) -> str:
        """The file's path under docs/, with '/' (its name alone if it is elsewhere)."""
        return self._relative(file, file.resolve())

    def _relative(self, file: Path, resolved: Path) -> str:
        if self._docs_resolved is None:  # resolving looks at every folder on the way: once is enough
            self._docs_resolved = self.site.docs_dir.resolve()
        try:
            return resolved.relative_to(self._docs_resolved).as_posix()
        except ValueError:
            pass
        try:  # a page behind a folder symlink inside docs/: its path there, as MkDocs names it
            return Path(os.path.abspath(file)).relative_to(os.path.abspath(self.site.docs_dir)).as_posix()
        except ValueError:
            return file.name

    def excluded(self, relative: str) -> bool:
        return any(fnmatch.fnmatch(relative, pattern) for pattern in self.settings.exclude)

    def site_pages(self) -> set[str]:
        """Every Markdown page under docs/ (for pairing), relative, with '/'."""
        if not self.site.docs_dir.is_dir():
            return set()
        return {relative for _, relative in sitewalk.site_pages(self.site)}

    def collect(self, paths: list[Path]) -> list[Path]:
        """The Markdown files named or under the folders named, each once, not excluded."""
        return [file for file, _ in self._collect(paths)]

    def _collect(self, paths: list[Path]) -> list[tuple[Path, str]]:
        """collect(), each file with its path under docs/."""
        files: list[Path] = []
        repository = (self.site.config_file or self.site.docs_dir / "x").resolve().parent
        for path in paths:
            if path.is_dir():  # walked as MkDocs walks docs/ (sitewalk.py)
                files.extend(sorted(p for p, _ in sitewalk.walk(path, repository) if p.suffix.lower() in sitewalk.PAGE_SUFFIXES and p.is_file()))
            elif path.exists():
                files.append(not_a_page(path))
            else:
                raise CannotRun(str(path), "no such file or folder")
        roots = tuple(os.path.join(str(root), "") for root in {repository, self.site.docs_dir.resolve()})
        # A page that is a symlink out of the repository is reported (sitefiles.py), never read.
        real = sitewalk.RealPaths()
        unique = sorted((resolved, file) for resolved, file in {real.of(file): file for file in files}.items() if str(resolved).startswith(roots))
        found = [(file, self._relative(file, resolved)) for resolved, file in unique]
        left_out = sitewalk.left_out(self.site)  # exclude_docs, draft_docs: the build neither publishes nor checks them
        return [(file, relative) for file, relative in found if not self.excluded(relative) and not left_out.match_file(relative)]

    # --- checking --------------------------------------------------------------
    def check_files(self, paths: list[Path], extra_pages: set[str] | None = None) -> Report:
        self.approval  # a broken approval record stops the check, as it stops the build
        existing = self.site_pages() | (extra_pages or set())
        return Report(pages=self.check_many(self._read_all(self._collect(paths)), existing))

    def _read_all(self, files: list[tuple[Path, str]]) -> list[Job]:
        """Each file's text, its front matter not yet read (the process that checks it does that)."""
        jobs = []
        for file, relative in files:
            shown = display_path(file)
            jobs.append(Job(None, relative, raw=(shown, read_text(file, shown))))
        return jobs

    def check_many(self, jobs: list[Job], existing: set[str]) -> list[PageResult]:
        """Results of many pages, in order (see Checking)."""
        with Checking(self, existing) as checking:
            return checking.check(jobs)

    def check_text(self, text: str, relative: str, path: str, existing: set[str], html: str | None = None) -> PageResult:
        """Check a page given as text, stored result reused (tests check pages this way)."""
        return self.check_source(split_front_matter(text, path), relative, existing, html)

    def use_cache(self, kind: str = "check") -> None:
        """Reuse results of unchanged pages between runs.

        kind keeps apart the command line's results ("check") and the site build's
        ("build"), which checks the HTML MkDocs made, so both stay warm."""
        self._cache_key = self._results_key()
        self.cache = ResultCache(digest(kind, str(self.site.docs_dir.resolve())))

    def _results_key(self) -> str:
        """What every page's result depends on besides the page: settings, data files, the
        files beside the pages, today's date and plainpolicy's own code."""
        settings = repr((self.settings, self.site.extensions, self.site.extension_configs, self.today.isoformat(), self.tooltips))
        data = []
        for name in self.data_files():
            if name:
                try:
                    data.append((self.site.docs_dir / name).read_bytes())
                except OSError:
                    data.append(b"(missing)")
        return digest(settings, *data, folder_signature(self.site.docs_dir), code_signature())

    def page_key(self, text: str, path: str, relative: str, existing: set[str], html: str | None) -> str:
        """What a page's result depends on: the key of its stored result (see use_cache) and,
        in `mkdocs serve`, of the result the plugin keeps in memory."""
        if not self._cache_key:
            self._cache_key = self._results_key()
        if self._existing_key[0] is not existing:
            self._existing_key = (existing, digest(*sorted(existing)))
        return digest(self._cache_key, self._existing_key[1], relative, path, text, html or "")

    def check_source(self, source: SourcePage, relative: str, existing: set[str], html: str | None = None) -> PageResult:
        """One page's result: stored if unchanged since the last run, else checked now."""
        job = Job(source, relative, html)
        result, key = self.stored(job, existing)
        if result is None:
            result = self.check_page(source, relative, existing, job.html)
            self.store(key, result)
        return result

    def stored(self, job: Job, existing: set[str]) -> tuple[PageResult | None, str | None]:
        """The stored result of an unchanged page (or None), and the key to store a new one under."""
        if self.cache is None:
            return None, None
        path, text = job.path_and_text
        if job.html is None and "--8<--" in text:
            # A snippet's text is not in the page's source: render it now, so it is in the key.
            job.html = self.render_page(job.page(), job.relative)
        key = self.page_key(text, path, job.relative, existing, job.html)
        cached = self.cache.get(key)
        return (cached if isinstance(cached, PageResult) else None), key

    def store(self, key: str | None, result: PageResult) -> None:
        if self.cache is not None and key is not None:
            self.cache.put(key, result)

    def check_job(self, job: Job, existing: set[str]) -> PageResult:
        return self.check_page(job.page(), job.relative, existing, job.html, job.generated)

    def check_page(self, source: SourcePage, relative: str, existing: set[str], html: str | None = None, generated: bool = False) -> PageResult:
        """Every rule on one page, with no stored results (worker processes call this).

        generated: plainpolicy made the page from a data file. Only such a page's
        `generated: true` switches off the rules meant for pages people write; on any
        other page the key is an error (security/front-matter) and is ignored."""
        if not generated:
            source = not_generated(source)
        if html is None:
            html = self.render_page(source, relative)
        source, filtered = self.nation_view(source)  # after rendering: the rendered page has its labels
        voice = self.settings.voice_for(relative, source.meta)
        result = PageResult(source.path, relative, voice.name if voice else None, str(source.meta.get("title") or ""), source.meta)
        token_list = list(tokens(html))  # read once, for the prose and for the security scan
        page = analyse(source.path, relative, source, html, voice, token_list)
        result.title = result.title or page.title
        scanner, locator = scan_html(html, token_list), Locator(page)
        context = PageContext(
            page=page, voice=voice, settings=self.settings, existing=existing, voice_page=self._is_voice_page(relative),
            today=self.today, docs_dir=self.site.docs_dir, filtered=filtered, scanner=scanner, locator=locator,
            image_register=self.image_register, glossary=self.glossary, explained=self._explained(),
            vocabulary=self.vocabulary(voice) if voice is not None else None, plain_words=self.plain_words if voice is not None else None,
            themes=self.themes, questions=self.questions, nation_rules=self.nation_rules, made_here=generated,
        )
        # Every family of page rules listed in rules/registry.yml (page_checks:), in order.
        findings = [finding for check in page_checks() for finding in check(context)]
        result.sections = context.sections
        # Consent comes from the register alone: no comment in a page can excuse it.
        result.findings = apply_allowances(page, findings) + context.consent + filtered.findings(source.path)
        result.nation_blocks = filtered.blocks
        result.commitments = self.page_commitments(source, relative)
        if result.commitments and voice is not None:
            result.findings += check_page_commitments(result.commitments, self.commitment_register, voice.name, self.data_path(commitment_markers.DEFAULT_FILE))
        result.media = context.media
        if self.tooltips and voice is not None and self.glossary is not None and not relative.endswith(generate.GLOSSARY_PAGE):
            result.tooltips = places(html, definitions(self.glossary, voice.name, html))
        result.findings = apply_severities(result.findings, self.settings.severities)  # the site's own levels (severities:)
        return result

    def render_page(self, source: SourcePage, relative: str) -> str:
        """The page's HTML as the reader gets it (snippets included), from the checker's own renderer."""
        return self.renderer.render(self.prepare_markdown(source.body, relative, source.meta), source.path, (self.site.docs_dir / relative).parent)

    def _is_voice_page(self, relative: str) -> bool:
        return any(relative.startswith(voice.folder + "/") for voice in self.settings.voices.values())

    def load_all(self) -> None:
        """Load now what checking a page loads on first use: worker processes started by
        fork then share one copy, instead of each loading its own."""
        self.renderer, self.glossary, self.themes, self.questions, self.image_register, self._explained(), self.plain_words, self.nation_rules, self.commitment_register
        for voice in self.settings.voices.values():
            self.vocabulary(voice)
        if self._vocabularies:
            small_letter_words()  # the word-case table a vocabulary reads on first use

    @property
    def plain_words(self) -> PlainWords | None:
        """The site's plain-words file (everyday words, plainer words), if it has one."""
        if not self._plain_loaded:
            self._plain_loaded = True
            if self.settings.plain_words:
                file = self.site.docs_dir / self.settings.plain_words
                self._plain_words = load_plain_words(file, set(self.settings.voices), display_path(file))
        return self._plain_words

    def vocabulary(self, voice: Voice) -> Vocabulary | None:
        """The words a reader of this voice knows (only for a voice with max_unfamiliar)."""
        if voice.max_unfamiliar is None:
            return None
        if voice.name not in self._vocabularies:
            everyday = self.plain_words.everyday if self.plain_words is not None else frozenset()
            names = self.plain_words.names if self.plain_words is not None else frozenset()
            self._vocabularies[voice.name] = Vocabulary(known_words(everyday), glossary_words(self.glossary, voice.name), names)
        return self._vocabularies[voice.name]

    def _explained(self) -> frozenset[str]:
        if self._explained_words is None:
            self._explained_words = self.glossary.explained_words() if self.glossary is not None else frozenset()
        return self._explained_words


class Checking:
    """Pages checked in one run: stored results reused, the rest checked, in worker
    processes when there are enough of them (Checker.jobs). The workers stay until the
    run ends, for pages that can only be made once the first ones are checked.

    later: how many such pages will follow, counted when deciding on workers."""

    def __init__(self, checker: Checker, existing: set[str], later: int = 0) -> None:
        self.checker = checker
        self.existing = existing
        self.later = later
        self.pool: PagePool | None = None

    def __enter__(self) -> Checking:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.close()

    def check(self, jobs: list[Job]) -> list[PageResult]:
        """These pages' results, in order."""
        return self.collect(self.send(jobs))

    def send(self, jobs: list[Job]) -> Sent:
        """Start checking these pages: stored results are taken now, the rest go to the
        workers (or, without workers, are checked now). collect() gives the results."""
        checker = self.checker
        sent = Sent([], [])
        for job in jobs:
            result, key = checker.stored(job, self.existing)
            if result is None:
                sent.todo.append((len(sent.results), key, job))
            sent.results.append(result)
        if sent.todo and self.pool is None:
            workers = workers_for(len(sent.todo) + self.later, checker.jobs)
            if workers and starts_at_once():
                checker.load_all()
            self.pool = PagePool(checker, workers, self.existing) if workers else None
            self.later = 0  # decided once: later pages go where these went
        unchecked = [job for _, _, job in sent.todo]
        if self.pool is not None:
            sent.numbers = self.pool.send_all(unchecked)
        else:
            sent.checked = [checker.check_job(job, self.existing) for job in unchecked]
        return sent

    def collect(self, sent: Sent) -> list[PageResult]:
        """The results of pages sent, in order (waits for the workers)."""
        checked = sent.checked if sent.checked is not None else [self._result(number) for number in sent.numbers]
        for (index, key, _), result in zip(sent.todo, checked):
            self.checker.store(key, result)
            sent.results[index] = result
        return [result for result in sent.results if result is not None]

    def _result(self, number: int) -> PageResult:
        assert self.pool is not None
        result: PageResult = self.pool.result(number)
        return result


@dataclass
class Sent:
    """Pages sent to be checked: the stored results found, and where the others are."""

    results: list[PageResult | None]
    todo: list[tuple[int, str | None, Job]]  # (place in results, key to store under, page)
    numbers: list[int] = field(default_factory=list)  # each todo page's number in the pool
    checked: list[PageResult] | None = None  # checked at once, without workers


def apply_allowances(page: AnalysedPage, findings: list[Finding]) -> list[Finding]:
    """Drop findings excused by a section's exception; report every exception itself."""
    kept: list[Finding] = []
    for finding in findings:
        view = next((v for v in page.sections if v.line <= finding.line < v.end_line), None)
        allowance = None
        if view is not None and not never_excused(finding.rule):
            allowance = next((a for a in view.allowances if a.reason and a.covers(finding.rule)), None)
        if allowance is not None:
            allowance.used = True
            continue
        kept.append(finding)
    voice = page.voice.name if page.voice else ""
    for view in page.sections:
        for allowance in view.allowances:
            kept.extend(_allowance_findings(page, view.name, allowance, voice))
    return kept


def _allowance_findings(page: AnalysedPage, section: str, allowance: Allowance, voice: str) -> list[Finding]:
    where = (page.path, allowance.line)
    if not allowance.rules:
        return [Finding(*where, "exception/no-rule", ERROR, "This exception does not say which rule it is for.", "Write it as <!-- plainpolicy-allow readability: the reason -->.", allowance.column, voice, section)]
    # A family, or a rule id the registry has (a misspelt id would excuse nothing, silently).
    unknown = [rule for rule in allowance.rules if rule.split("/")[0] not in RULE_FAMILIES or ("/" in rule and registered(rule) is None)]
    if unknown:
        return [Finding(*where, "exception/unknown-rule", ERROR, f"This exception names a rule that does not exist: {', '.join(unknown)}.", f"Use one of: {', '.join(RULE_FAMILIES)} (or a rule id such as sentence/too-long: `plainpolicy rules` lists them).", allowance.column, voice, section)]
    refused = [rule for rule in allowance.rules if never_excused(rule)]
    if refused:
        return [Finding(*where, "exception/not-allowed", ERROR, f"No comment in a page can excuse {', '.join(refused)}: security and consent rules protect the young people reading the site.", "Remove the comment and fix what the rule reports (see docs/contributing/checks.md).", allowance.column, voice, section)]
    if not allowance.reason:
        return [Finding(*where, "exception/no-reason", ERROR, "This exception has no reason.", "Every exception needs a reason after a colon: <!-- plainpolicy-allow readability: why this section cannot be simpler -->.", allowance.column, voice, section)]
    if not allowance.used:
        return [Finding(*where, "exception/unused", WARNING, f"This exception ({', '.join(allowance.rules)}) excuses nothing.", "The section passes without it: remove the comment.", allowance.column, voice, section)]
    return [Finding(*where, "exception/used", INFO, f"Exception for {', '.join(allowance.rules)}: {allowance.reason}", "", allowance.column, voice, section)]


def relocate(finding: Finding, data_file: str, origins: dict[str, int]) -> Finding:
    """Point a finding on a generated page at the data file line it came from."""
    from dataclasses import replace

    line = origins.get(finding.section) or next((line for text, line in origins.items() if text and text in finding.hint), 1)
    return replace(finding, path=data_file, line=line, column=1, hint=f"(On the generated page {finding.path}.) {finding.hint}".strip())
