"""The MkDocs adapter: validate the claims, then add their pages to the build in memory.

Registered as the ``factcheck`` plugin (entry point group ``mkdocs.plugins``). It never
writes into ``docs_dir``: pages are ``File.generated`` from memory, so ``mkdocs serve``
rebuilds once per save instead of looping. Problems fail ``mkdocs build`` with the same
messages as ``factcheck check``. During ``mkdocs serve`` they are logged instead, and a
broken claim keeps its last good version, marked with its problems, until it is fixed:
the preview never stops.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import html
import logging
import os
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from markdown.extensions.toc import slugify_unicode  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .blocks import block_problems, fill_blocks
from .build_cache import (
    CACHE_DIR,
    KNOWN_PLUGINS,
    BuildCache,
    cacheable,
    configuration,
    digest,
    environment,
)
from .cards import ShareCards
from .editions import Edition, each_edition_page, edition_of, editions, prefix
from .export import FEED_PATH, JSON_PATH
from .forked_files import ForkedFiles, OwnFile
from .forked_files import usable as forking_usable
from .generated import GeneratedPages
from .git_history import HistoryReader
from .history import History, check_corrections
from .i18n import missing_catalog
from .last_good import by_file, keep_last_good, with_notice
from .listings import newest_first
from .model import Claim, Seed, Settings
from .old_site import OldSite
from .page_html import FastPages
from .page_languages import PageLanguages, use_theme_partials
from .parallel import FEWEST, Renderers, usable
from .paths import CSS_PATH, claim_path, site_url
from .plugin_options import FactcheckConfig, plugin_settings
from .plugin_preview import PreviewSteps, nav_inclusion
from .preview import CompiledTemplates, PageMemory
from .problems import Problem, report
from .project import (
    ClaimCache,
    Project,
    build_date,
    config_lines,
    drafts_note,
    load_project,
    stale_note,
)
from .quick_preview import QuickPreview
from .render import PageSource
from .search import SiteSearch, site_search
from .search_index import Record
from .structured import head_html
from .whole_files import meets_pages, search_records, writer

log = logging.getLogger("mkdocs.plugins.factcheck")
#: Where MkDocs, and ProperDocs, log that they skipped writing a page.
_BUILD_LOGGERS = ("mkdocs.commands.build", "properdocs.commands.build")
#: The commands whose process ends with the build: what it held is left to the exit.
_ENDS_WITH_THE_BUILD = frozenset({"build", "gh-deploy"})



class FactcheckPlugin(PreviewSteps, BasePlugin[FactcheckConfig]):
    """Adds a page per claim, the listings and the annotated articles to the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.root = "."
        self.settings: Settings | None = None
        self.claim_files: dict[str, str] = {}
        self.newest: dict[str, list[Claim]] = {}  # by language
        self.editions: dict[str, Edition] = {}
        self.languages: PageLanguages | None = None
        self.seeds: dict[str, Seed] = {}
        self.claim_of_page: dict[str, Claim] = {}
        self.docs_dir = "docs"
        self.search: SiteSearch | None = None
        self.records: dict[str, list[Record]] = {}  # what search knows, by language folder
        # ... or what makes them, at the end or in a forked process (see on_files)
        self.records_later: Callable[[], dict[str, list[Record]]] | None = None
        self.memory: PageMemory | None = None  # `mkdocs serve --dirty` only
        self.templates: CompiledTemplates | None = None  # serve only
        self.claim_cache: ClaimCache | None = None  # serve: kept in memory between saves
        self.fast: FastPages | None = None
        self.store: BuildCache | None = None  # build: the cache on disk
        self.context = ""  # digest of the environment, configuration and theme
        self.pages: GeneratedPages | None = None
        self.nav: Navigation | None = None
        self.renderers: Renderers | None = None  # build: templates on every core
        self.warnings = _Count()
        self.cards: ShareCards | None = None
        self.history: HistoryReader | None = None
        self.old_site: OldSite | None = None  # build: the last build's site, moved aside
        self.quick: QuickPreview | None = None  # `serve --dirty`: saved claims first
        self.quick_build = False  # this build shows only the claims just saved
        self.command = ""  # what MkDocs was asked to do: build, serve, gh-deploy
        self.held = False  # build: its long-lived objects set aside from the collector
        self.forked: ForkedFiles | None = None  # build: claims.json and search, beside

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.command = command
        self.memory = PageMemory() if self.serving and dirty else None
        self.templates = CompiledTemplates() if self.serving else None
        if self.serving:  # reuse unchanged claims between saves, not even reading them
            self.claim_cache = ClaimCache(trust_stat=True)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        if self.memory is not None and self.quick is None:
            self.quick = QuickPreview(self.root)
        if self.quick is not None:  # a build begins: the whole build is not asked for now
            self.quick.saved()
        if self.memory is not None:  # and the last build's search index waits for it
            self.memory.busy()
        self.settings = plugin_settings(self.config, config)
        missing = [missing_catalog(self.settings.language)] + [
            missing_catalog(language, "languages lists") for language in self.settings.languages]
        for message in filter(None, missing):  # on_config runs once per build: one each time
            log.warning("factcheck: %s", message)
        self.search = site_search(config.plugins, self.settings)
        if self.config.cards and self.cards is None:  # kept by `serve` between builds
            self.cards = ShareCards(os.path.join(self.root, self.config.cards_cache),
                                    self.serving)
        self.languages = None
        if self.settings.languages:
            self.languages = PageLanguages(self.settings, config.site_url or "")
            try:
                use_theme_partials(config)
            except ValueError as err:
                lines = config_lines(config.config_file_path) if config.config_file_path \
                    else None
                line = lines.line(("languages",)) if lines is not None else 1
                raise PluginError(report([Problem("mkdocs.yml", line, "languages",
                                                  str(err))])) from None
        if CSS_PATH not in config.extra_css:
            config.extra_css.append(CSS_PATH)
        # Generated pages escape `|` for the tables extension and use it for scorecards;
        # they set `dir="auto"` on headings and paragraphs of claim text with attr_list.
        for extension in ("tables", "attr_list"):
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # Anchors keep the letters of any script (Python-Markdown's default drops all but
        # ASCII, so an Arabic heading's anchor would be "_1"); ASCII headings are unchanged.
        toc = config.mdx_configs.setdefault("toc", {})
        toc.setdefault("slugify", slugify_unicode)
        # The tooltip of a heading's permanent link, in the site's language.
        toc.setdefault("permalink_title", self.settings.words.gettext("Permanent link"))
        if self.languages is not None:
            self.languages.permalink_title(toc["permalink_title"])
        self.fast = FastPages.for_config(config) if self.config.fast_pages else None
        if self.fast is not None and self.languages is not None:  # see on_page_content
            self.fast.content_hook = self.languages.content
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.warnings.start()
        if self.store is not None:  # a build that failed before its end
            self.store.finish(keep=False)
        self.store = BuildCache(self.root, environment()) \
            if self.config.cache and not self.serving else None
        if self.store is not None:  # MkDocs would empty the site folder file by file
            self.old_site = OldSite(config.site_dir, os.path.join(self.root, CACHE_DIR))
        self._hold()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        claim_cache = self.store.claims(self.settings) if self.store else self.claim_cache
        try:
            today = build_date()  # each build: a preview may run past midnight
        except ValueError as err:
            raise PluginError(str(err)) from None
        self.quick_build = False
        if self.quick is not None:  # the preview: the claims just saved first?
            self.quick.start(self.settings)
            if self._quick_files(config, files, today):
                return files
        project = load_project(self.root, self.settings, today=today,
                               include_drafts=self.serving, cache=claim_cache,
                               processes=1 if self.serving else self._processes())
        self.docs_dir = os.path.relpath(config.docs_dir, self.root).replace(os.sep, "/")
        history = self._history(project, today)
        block_problems = self._check_blocks(files)
        if (project.problems or block_problems) and not self.serving:
            raise PluginError("The claims have problems:\n"
                              + report(project.problems + block_problems))
        if block_problems:  # serving: the page shows the problem where the block would be
            log.error("Pages ask for blocks that do not exist:\n%s", report(block_problems))
        current = {claim.path for claim in project.claims}  # valid now, not last good
        if self.serving:
            keep_last_good(self.root, project)
        renewed = self.store.keep_claims(claim_cache) \
            if self.store is not None and claim_cache is not None else 0
        self.editions = {e.language: e for e in editions(project.claims, project.translations,
                                                         self.settings)}
        self.newest = {language: newest_first(c for c in edition.claims if not c.draft)
                       for language, edition in self.editions.items()}
        self.seeds = project.seeds
        self.claim_of_page = {edition.prefix + claim_path(claim.id): claim
                              for edition in self.editions.values() for claim in edition.claims}
        self.claim_files = {page: claim.path for page, claim in self.claim_of_page.items()}
        page_of = {source: page for page, source in self.claim_files.items()}
        notices = {page_of[path]: problems for path, problems in
                   by_file(project.problems).items() if path in page_of}
        sources: Iterable[tuple[str, PageSource]] = each_edition_page(
            list(self.editions.values()), project.seeds,
            history.claims)  # each made, or kept, as it comes
        if notices:  # the preview: a broken claim in its last good version, or a claim
            # below the desk's standards, marked
            settings = self.settings
            sources = ((path, with_notice(
                source if isinstance(source, str) else source.markdown(), notices[path],
                settings, current=self.claim_files[path] in current)
                if path in notices else source) for path, source in sources)
        self.pages = GeneratedPages(sources, self.fast, self.store,
                                    defer=set(config.plugins) <= KNOWN_PLUGINS)
        clashes = sorted(path for path in self.pages.everything()
                         if files.src_uris.get(path))
        if clashes:
            raise PluginError(
                "These files in the docs folder have the address of a generated page: "
                + ", ".join(f"{config.docs_dir}/{p}" for p in clashes)
                + "; rename or move them (nothing was overwritten)")
        # A page in a site in several languages links to its versions, shown or not.
        generated_urls = {path: site_url(path, config.use_directory_urls)
                          for path in self.pages.paths} if self.languages else None
        if self.memory is not None:  # the preview: only what changed (generator/preview.py)
            navigation = self._navigation(config)
            # A hand-written page's blocks (the latest checks, the chart...) change with
            # the claims, while its file does not: rebuild it when its filled-in text does.
            self.memory.hand_written(files, {
                file.src_uri: self._fill_blocks(file.content_string, file.src_uri)
                for file in files.documentation_pages()
                if not file.generated_by and "factcheck:" in file.content_string})
            written = any(f.is_modified() for f in files.documentation_pages())
            made = self._changed_files(config, files, generated_urls,
                                       None if written else navigation)
            if self.quick is not None and navigation is not None:
                self.quick.whole(self._basis(config, project, today, generated_urls,
                                             navigation))
        else:
            made = self.pages.files(config, nav_inclusion)
        for file in made:
            files.append(file)
        if self.languages is not None:
            self.languages.files(files, generated_urls)
            for path, sitemap in self.languages.sitemaps().items():
                files.append(File.generated(config, path, content=sitemap))
        early = self._forks_now(files, renewed)
        if self.search is not None and early:  # made by the forked process (or, if it
            # fails, at the end of the build) of the pages as they are before any is read
            self.records_later = functools.partial(
                self._records, files, config.use_directory_urls, self.pages.unread())
        elif self.search is not None:  # the index is written at the end (on_post_build)
            self.records = self._records(files, config.use_directory_urls)
        # claims.json holds every claim (40 MB at 10,000): made and written at the end of
        # the build, not held through it. MkDocs knows the file, and leaves it to us.
        for edition in self.editions.values():
            path = edition.prefix + JSON_PATH
            json_file = os.path.join(config.site_dir, path)
            if not os.path.exists(json_file):  # the same file: MkDocs does not copy it
                os.makedirs(os.path.dirname(json_file), exist_ok=True)
                open(json_file, "w").close()
            files.append(OwnFile.generated(config, path, abs_src_path=json_file))
        if self.store is not None:
            self.context = digest(environment(), configuration(config)) \
                if cacheable(config) else ""
        if self.search is not None:
            for file in self.search.workers(config):
                files.append(file)
        translated = sum(map(len, project.translations.values()))
        log.info("factcheck: %d claims%s, %d pages", len(project.claims),
                 f", {translated} translations" if translated else "", len(self.pages.paths))
        if project.drafts and not self.serving:  # the preview shows them
            log.info("factcheck: %s", drafts_note(project.drafts))
        if project.stale:  # published with a notice to readers: not a warning, which
            # would stop a --strict build
            log.info("factcheck: %s; `factcheck check` says what to do",
                     stale_note(project.stale))
        self._hold()  # the claims and pages, held to the end of the build
        if early:  # before any thread of the build starts
            self.forked = ForkedFiles(self._whole_files(config), self.store)
            log.debug("factcheck: claims.json and the search index: written by a forked "
                      "process beside the whole build")
        if self.cards is not None:  # drawn in the background while MkDocs builds
            self.cards.start(project.claims, self.settings, config.site_dir, others=[
                (e.prefix, e.claims, e.settings) for e in self.editions.values() if e.prefix])
        return files

    def _forks_now(self, files: Files, renewed: int) -> bool:
        """Whether the whole files (``claims.json``, the search index) are written by a
        process forked now, beside the rest of the build (generator/forked_files.py): in
        a build of a few changed claims (``renewed``, stored anew in the build cache) on
        top of an earlier build. Not when the site has pages where the files go, which
        the last build's pages put back (generator/old_site.py) could meet."""
        if self.serving or self.store is None or renewed >= FEWEST \
                or self._processes() < 2 \
                or not forking_usable() or not self.store.wrote_pages():
            return False
        return not meets_pages(files, [edition.prefix for edition in self.editions.values()])

    def _processes(self) -> int:
        """The processes a build may keep busy: the plugin's ``processes``, or one a core."""
        return self.config.processes or os.cpu_count() or 1

    def _history(self, project: Project, today: dt.date) -> History:
        """Every claim's history from git, read once per build (see generator/git_history.py).

        A committed change of verdict with no corrections entry is a problem or a logged
        warning, as ``standards.verdict_change_needs_correction`` says.
        """
        assert self.settings is not None
        if self.history is None or self.history.settings != self.settings:
            self.history = HistoryReader(self.root, self.settings)
        history = self.history.read(project.claims, today, mark_uncommitted=self.serving)
        if history.note:
            log.info("factcheck: %s", history.note)
        problems, warnings = check_corrections(history,
                                               self.settings.standards.verdict_change_needs_correction)
        project.problems.extend(problems)
        for warning in warnings:  # a log warning would fail `mkdocs build --strict`
            log.info("factcheck: warning: %s", warning)
        return history

    def _records(self, files: Files, directory_urls: bool,
                 pages: GeneratedPages | None = None) -> dict[str, list[Record]]:
        """What search knows of each page (generator/whole_files.py); ``pages``, the
        generated ones, as they were before MkDocs read any."""
        pages = pages or self.pages
        assert pages is not None and self.search is not None
        return search_records(files, directory_urls, pages, self.claim_of_page, self.search)

    def _check_blocks(self, files: Files) -> list[Problem]:
        """Problems with the blocks that hand-written pages ask for."""
        assert self.settings is not None
        return [problem for file in files.documentation_pages()
                if not file.generated_by and "factcheck:" in file.content_string
                for problem in block_problems(f"{self.docs_dir}/{file.src_uri}",
                                              file.content_string, self.settings)]

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """A page in another language than the site's: its headings' tooltips in it."""
        return self.languages.content(html, page) if self.languages is not None else html

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.pages is not None and self.context:
            # Which pages an earlier build kept; in a site in several languages, a page
            # also shows which languages it exists in (links, switcher, navigation).
            extra = self.languages.page_key if self.languages is not None else None
            self.pages.look_up(nav, self.context, extra)
        if self.old_site is not None:  # the pages kept whose files are still as written
            if self.pages is not None and self.store is not None and self.pages.kept:
                # Put back while MkDocs reads the pages; taken in on_env, before writing.
                self.old_site.start_restore(self.pages.left_before(files,
                                                                   self.store.written()))
            else:
                self.old_site.discard()
                self.old_site = None
        self._hold()  # MkDocs' page objects too
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.pages is not None and page.file.generated_by == "factcheck":
            self.pages.pre_page(page, files)  # kept, or cmarkgfm instead of Python-Markdown
        return page

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        if self.templates is not None:  # the preview: the theme compiled once
            env.bytecode_cache = self.templates
        elif self.store is not None:  # a build: as an earlier build compiled it
            env.bytecode_cache = self.store.templates()
        if self.old_site is not None:  # put back (see on_nav): not written again
            try:
                back = self.old_site.finish_restore()
            except OSError as error:  # a disk's trouble, said without a traceback
                raise PluginError(str(error)) from None
            finally:
                self.old_site = None
            if self.pages is not None:
                self.pages.put_back(back)
                for name in _BUILD_LOGGERS:  # not a line for each page MkDocs skips
                    logging.getLogger(name).addFilter(self.pages.skipped_quietly)
        if self.pages is not None:
            self.pages.environment(env)
            waiting = self.pages.waiting(files) if self.pages.defer and not self.serving \
                else []
            count = self._processes()
            if usable(len(waiting), count) and self.nav is not None:
                self.renderers = Renderers(waiting, config, files, self.nav, env, count,
                                           settle=self.pages.settle)
                self.renderers.environment(env)
                log.info("factcheck: %d pages rendered by %d processes", len(waiting), count)
                self.pages.elsewhere = self.renderers.handles
            elif self.forked is None and not self.serving and count > 1 \
                    and forking_usable():  # the other core's
                self.forked = ForkedFiles(self._whole_files(config), self.store)
                log.debug("factcheck: claims.json and the search index: written by a "
                          "forked process beside the pages")
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Fill in the blocks of a hand-written page (`<!-- factcheck: latest 5 -->`)."""
        if not self.serving and page.file.generated_by == "factcheck":
            # MkDocs has read the page into `page.markdown`: drop our copy, which would
            # otherwise stay in memory to the end of the build (80 MB at 10,000 claims).
            page.file.content_string = ""
        if self.search is not None:  # see generator/search.py
            self.search.page_markdown(page.meta)
        if page.file.generated_by or "factcheck:" not in markdown:
            return markdown
        return self._fill_blocks(markdown, page.file.src_uri)

    def _fill_blocks(self, markdown: str, page: str) -> str:
        """``markdown`` of the hand-written page ``page`` with its blocks filled in, in
        the page's language, from its language's claims."""
        assert self.settings is not None
        language = edition_of(page, self.settings)
        edition = self.editions[language]
        newest = self.newest[language]
        at = page[len(edition.prefix):]  # links are made within the language's folder
        return fill_blocks(markdown, at, newest, edition.settings, self.seeds)

    @event_priority(100)  # first: other plugins may read the page's HTML
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        if self.pages is not None:
            if self.pages.is_kept(page):
                return context  # given back as it was kept (generator/generated.py)
            self.pages.page_context(page)  # a page converted only now, right before writing
        # A generated page has no Markdown source to edit: point a claim's edit button at
        # its YAML file, and hide the button on listings.
        if page.file.generated_by:
            source = self.claim_files.get(page.file.src_uri)
            page.edit_url = f"{self.settings.edit_url}{source}" if (
                source and self.settings and self.settings.edit_url) else None
        if self.languages is not None:
            self.languages.context(context, page, nav)
        return context

    @event_priority(-100)  # last: what this returns is what MkDocs writes, and is kept
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Add the feed to every page's head, and ClaimReview and social tags to a claim's."""
        assert self.settings is not None
        if self.pages is not None and self.pages.is_kept(page):
            self.pages.post_page(page, output)
            return output  # kept from an earlier build, as it was written then
        language = edition_of(page.file.src_uri, self.settings)
        folder = prefix(self.settings, language)
        title = html.escape(self.settings.site_name)
        extra = (f'<link rel="alternate" type="application/atom+xml" title="{title}" '
                 f'href="{_relative(page.url, folder + FEED_PATH)}">\n')
        claim = self.claim_of_page.get(page.file.src_uri) if page.file.generated_by else None
        if claim is not None:
            image = self.cards.image(folder + claim.id, page.url) if self.cards else None
            versions = self.languages.urls(page) if self.languages is not None else {}
            extra += head_html(claim, self.seeds.get(claim.seed or ""),
                               self.editions[language].settings, page.canonical_url or "",
                               image, {code: url for code, url in versions.items()
                                       if code != language})
        if self.languages is not None:
            extra += self.languages.head(page)
        head_end = output.find("</head>")
        if head_end != -1:
            output = output[:head_end] + extra + output[head_end:]
        if self.search:
            output = self.search.post_page(output, folder)
        if self.pages is not None:
            self.pages.post_page(page, output)
        return output

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        return self.search.post_page(output_content) if self.search else output_content

    def _whole_files(self, config: MkDocsConfig) -> Callable[[], None]:
        """What writes the files made of every claim: each language's ``claims.json`` and
        search index (after the pages, or beside them: see generator/forked_files.py)."""
        records = self.records
        exports = [] if self.quick_build else [  # the whole build after it writes them
            (edition.prefix + JSON_PATH, self.newest[language], edition.settings)
            for language, edition in self.editions.items()]
        return writer(config.site_dir, exports, self.records_later or (lambda: records),
                      self.search, self.store,
                      self.memory.pace if self.memory is not None else lambda: None)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        write_the_rest = self._whole_files(config)  # after the pages: memory not held twice
        self.records, self.records_later = {}, None
        if self.cards is not None:
            try:
                self.cards.finish()
            except RuntimeError as err:
                raise PluginError(str(err)) from None
        if self.memory is not None:  # the preview is served first
            if not self.quick_build:  # after a quick build, the whole one follows
                self.memory.later(write_the_rest)
                self.memory.built()
        elif self.forked is None or not self.forked.finish():
            write_the_rest()
        self.forked = None
        self._finish_renderers()
        if self.store is not None:  # only a build without a warning is kept
            self.store.finish(keep=not self.warnings.stop(), files=self.pages.stamps(
                config.site_dir) if self.pages is not None else None)
            self.store = None
        if self.quick is not None:
            self.quick.finished(self.quick_build)
        self._forget_pages()
        if self.command not in _ENDS_WITH_THE_BUILD:
            self._release()
        if self.memory is not None:
            self.memory.idle()
        if self.quick is not None and not self.quick_build:
            # The preview holds every claim and page: keep Python's collector of cycles
            # from going through them all again during each quick build (a few tenths of
            # a second at 10,000 claims, at any moment). What this build left is freed.
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    def on_shutdown(self) -> None:
        if self.cards is not None:
            self.cards.shutdown()
        if self.quick is not None:
            self.quick.stop()

    def on_build_error(self, *, error: Exception) -> None:
        self.warnings.stop()
        if self.forked is not None:
            self.forked.abandon()
            self.forked = None
        self._release()
        if self.memory is not None:
            self.memory.idle()
        if self.quick is not None:
            self.quick.failed()
        self._finish_renderers()
        if self.store is not None:
            self.store.finish(keep=False)
            self.store = None
        if self.old_site is not None:  # a build that stopped before on_env
            self.old_site.discard()
            self.old_site = None
        self._forget_pages()

    def _hold(self) -> None:
        """Set what the build holds now aside from Python's collector of cycles.

        A build holds the claims, their pages and MkDocs' page objects to its end, and
        the collector would otherwise go through all of them again each time enough new
        objects were made (a second of a warm build at 10,000 claims, and as much again
        when the process exits). The preview has its own rule (see on_post_build).
        """
        if not self.serving:
            gc.freeze()
            self.held = True

    def _release(self) -> None:
        """The collector goes through everything again (a process that goes on after the
        build, such as a test's)."""
        if self.held:
            gc.unfreeze()
            self.held = False

    def _forget_pages(self) -> None:
        if self.pages is not None:
            for name in _BUILD_LOGGERS:
                logging.getLogger(name).removeFilter(self.pages.skipped_quietly)
        self.pages = None
        self.records_later = None  # holds the pages as they were

    def _finish_renderers(self) -> None:
        if self.renderers is not None:
            self.renderers.finish()
            self.renderers = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        assert self.settings is not None
        folders = [path for path in (os.path.join(self.root, folder) for folder in (
            self.settings.claims_dir, self.settings.seeds_dir, self.settings.translations_dir))
            if os.path.isdir(path)]
        if self.quick is not None and self.quick.watch(
                server, folders, self.memory.busy if self.memory is not None else lambda: None):
            return server  # saves seen at once (generator/quick_preview.py)
        self.quick = None  # this server cannot be asked for a build: whole builds
        for path in folders:
            server.watch(path)
        return server


class _Count(logging.Handler):
    """Counts the warnings MkDocs and its plugins log during a build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def start(self) -> None:
        self.count = 0
        for name in ("mkdocs", "properdocs"):
            logging.getLogger(name).addHandler(self)

    def stop(self) -> int:
        for name in ("mkdocs", "properdocs"):
            logging.getLogger(name).removeHandler(self)
        return self.count


def _relative(page_url: str, target: str) -> str:
    """A link from the page at ``page_url`` (e.g. ``claims/x/``) to a file at the root."""
    return "../" * page_url.count("/") + target
