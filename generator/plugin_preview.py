"""The plugin's side of ``mkdocs serve --dirty``: which generated files a preview build
shows MkDocs.

A whole build of the preview shows MkDocs the generated pages whose key changed since
the last build and those of the navigation (:mod:`generator.preview`); a quick build
only the pages of the claims just saved (:mod:`generator.quick_preview`). These are the
plugin's steps for both, kept apart from its events (:mod:`generator.plugin`), which
call them; they read and set the plugin's state for the build.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .build_cache import digest
from .cards import ShareCards
from .editions import Edition, prefix
from .generated import GeneratedPages
from .git_history import HistoryReader
from .last_good import remember_good
from .model import Claim, Seed, Settings
from .page_html import FastPages
from .page_languages import PageLanguages
from .paths import NAV_PAGES, site_url
from .preview import GeneratedFile, PageMemory
from .project import Project
from .quick_preview import Basis, QuickPreview, quick_pages, stamp
from .search_index import Record

log = logging.getLogger("mkdocs.plugins.factcheck")


class PreviewSteps:
    """The preview's steps of :class:`~generator.plugin.FactcheckPlugin`."""

    # The plugin's state these steps read and set (see FactcheckPlugin.__init__).
    root: str
    settings: Settings | None
    memory: PageMemory | None
    quick: QuickPreview | None
    quick_build: bool
    pages: GeneratedPages | None
    fast: FastPages | None
    languages: PageLanguages | None
    cards: ShareCards | None
    history: HistoryReader | None
    editions: dict[str, Edition]
    seeds: dict[str, Seed]
    newest: dict[str, list[Claim]]
    claim_of_page: dict[str, Claim]
    claim_files: dict[str, str]
    records: dict[str, list[Record]]

    def _navigation(self, config: MkDocsConfig) -> set[str] | None:
        """The pages the preview always shows MkDocs, those of the navigation, if the
        site has a ``nav:`` (else MkDocs makes its navigation of every page it is shown)."""
        settings = self.settings
        if config.nav is None or settings is None:
            return None
        navigation = _nav_paths(config.nav)
        return navigation | {  # each language's navigation has its versions
            prefix(settings, language) + path for path in navigation
            for language in settings.languages}

    def _changed_files(self, config: MkDocsConfig, files: Files,
                       generated_urls: dict[str, str] | None,
                       navigation: set[str] | None) -> list[File]:
        """The preview's generated files: those that changed since the last build, and,
        given the pages always shown (:meth:`_navigation`; none when a hand-written page
        changed), only those and them."""
        assert self.pages is not None and self.memory is not None
        keys = self.pages.keys_of_all()
        if self.languages is not None:  # a page also shows which languages it is in
            self.languages.files(files, generated_urls)
            page_key = self.languages.page_key
            keys = {path: digest(key, page_key(path)) if path.endswith(".md") else key
                    for path, key in keys.items()}
        changed = self.memory.changed(config, keys)
        shown: set[str] | None = None
        if navigation is not None:
            shown = changed | navigation
            if self.fast is not None:  # links to pages MkDocs is not shown
                self.fast.known_urls = {path: site_url(path, config.use_directory_urls)
                                        for path in self.pages.paths}
        made = self.pages.files(config, nav_inclusion, GeneratedFile, only=shown)
        log.info("factcheck: %d of %d generated files changed%s", len(changed), len(keys),
                 "" if shown is None else "; MkDocs is shown only those and the navigation's")
        self.memory.mark(keys, changed, made)  # type: ignore[arg-type]
        self.memory.remove_gone(config.site_dir)
        return made

    def _quick_files(self, config: MkDocsConfig, files: Files, today: dt.date) -> bool:
        """The preview's quick build: only the claims saved since the last whole build,
        if it may be one (generator/quick_preview.py)."""
        assert self.settings is not None and self.quick is not None
        if self._navigation(config) is None or any(  # a hand-written page saved: whole
                f.is_modified() for f in files.documentation_pages()):
            return False
        made = quick_pages(self.quick, self.settings, today,
                           stamp(config.config_file_path or "mkdocs.yml"), self.history)
        basis = self.quick.basis
        if made is None or basis is None:
            return False
        self.quick_build = True
        self.editions, self.seeds, self.newest = dict(basis.editions), dict(basis.seeds), {}
        self.claim_of_page = {path: page.claim for path, page in made}
        self.claim_files = {path: page.claim.path for path, page in made}
        self.pages = GeneratedPages(made, self.fast, None, defer=False)
        if self.fast is not None:  # links to pages MkDocs is not shown
            self.fast.known_urls = dict(basis.urls)
        for file in self.pages.files(config, nav_inclusion, GeneratedFile):
            files.append(file)
        for path in sorted(basis.navigation):
            shown = GeneratedFile.generated(config, path, content="",
                                            inclusion=nav_inclusion(path))
            assert isinstance(shown, GeneratedFile)
            shown.changed = False  # as it is: MkDocs needs it for the navigation only
            files.append(shown)
        if self.languages is not None:
            self.languages.files(files, dict(basis.urls))
        if self.cards is not None:
            self.cards.start([page.claim for _, page in made], self.settings,
                             config.site_dir)
        self.records = {}
        remember_good(self.root, self.claim_of_page.values())
        if self.memory is not None:  # what the next whole build must make again
            self.memory.shown_elsewhere(self.claim_of_page)
        log.info("factcheck: %s saved: shown first, the rest of the preview once saves "
                 "pause", ", ".join(page.claim.path for _, page in made))
        return True

    def _basis(self, config: MkDocsConfig, project: Project, today: dt.date,
               urls: dict[str, str] | None, navigation: set[str]) -> Basis:
        """What this whole build of the preview is made from (generator/quick_preview.py)."""
        assert self.settings is not None and self.quick is not None \
            and self.pages is not None
        if urls is None:
            urls = {path: site_url(path, config.use_directory_urls) for path in self.pages.paths}
        own = self.editions[self.settings.language]
        return Basis(
            settings=self.settings, today=today,
            config=stamp(config.config_file_path or "mkdocs.yml"),
            stamps=self.quick.started, claims={claim.id: claim for claim in own.claims},
            claim_ids=project.claim_ids,
            translated=frozenset(t.id for done in project.translations.values()
                                 for t in done),
            seeds=dict(self.seeds), editions=dict(self.editions), urls=urls,
            navigation=frozenset(navigation & self.pages.paths))


def nav_inclusion(path: str) -> InclusionLevel:
    """Whether a generated page belongs in the navigation: only the indexes do.

    Claim pages and the other generated pages are ``not_in_nav`` (MkDocs 1.6): MkDocs then
    leaves them out of a navigation it builds from the files, and does not name each one
    in an INFO line of every build of a site whose ``nav:`` leaves them out.
    """
    return InclusionLevel.INCLUDED if path in NAV_PAGES else InclusionLevel.NOT_IN_NAV


def _nav_paths(nav: Any) -> set[str]:
    """The pages named in ``nav:`` of mkdocs.yml."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return {p for value in nav.values() for p in _nav_paths(value)}
    if isinstance(nav, list):
        return {p for item in nav for p in _nav_paths(item)}
    return set()
