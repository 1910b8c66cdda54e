"""The MkDocs adapter: validate the claims, then add their pages to the build in memory.

Registered as the ``factcheck`` plugin (entry point group ``mkdocs.plugins``). It never
writes into ``docs_dir``: pages are ``File.generated`` from memory, so ``mkdocs serve``
rebuilds once per save instead of looping. Problems fail ``mkdocs build`` with the same
messages as ``factcheck check``; during ``mkdocs serve`` the failed rebuild leaves the
last good site in place until the file is fixed.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .model import Settings
from .problems import report
from .project import load_project, settings_from_options
from .render import CSS_PATH, claim_path, render_site

log = logging.getLogger("mkdocs.plugins.factcheck")


class FactcheckConfig(base.Config):
    """The plugin's settings under ``plugins: - factcheck:`` in ``mkdocs.yml``."""

    claims_dir = c.Type(str, default="claims")
    """Folder of claim files, relative to mkdocs.yml."""
    seeds_dir = c.Type(str, default="seeds")
    """Folder of seed documents, relative to mkdocs.yml."""
    edit_url = c.Type(str, default="")
    """Start of the address that edits a file in the repository, ending in ``/``."""
    per_page = c.Type(int, default=50)
    """Claims per listing page."""
    ratings = c.Type(list, default=[])
    """A rating scale to use instead of the default one."""


class FactcheckPlugin(BasePlugin[FactcheckConfig]):
    """Adds a page per claim, the listings and the annotated articles to the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.root = "."
        self.settings: Settings | None = None
        self.claim_files: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.settings = plugin_settings(self.config, config)
        if CSS_PATH not in config.extra_css:
            config.extra_css.append(CSS_PATH)
        # Generated pages escape `|` for the tables extension and use it for scorecards.
        if "tables" not in config.markdown_extensions:
            config.markdown_extensions.append("tables")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        project = load_project(self.root, self.settings, include_drafts=self.serving)
        if project.problems:
            raise PluginError("The claims have problems:\n" + report(project.problems))
        pages = render_site(project.claims, project.seeds, self.settings)
        clashes = sorted(path for path in pages if files.get_file_from_path(path))
        if clashes:
            raise PluginError(
                "These files in the docs folder have the address of a generated page: "
                + ", ".join(f"{config.docs_dir}/{p}" for p in clashes)
                + "; rename or move them (nothing was overwritten)")
        for path, content in pages.items():
            files.append(File.generated(config, path, content=content))
        self.claim_files = {claim_path(claim.id): claim.path for claim in project.claims}
        log.info("factcheck: %d claims, %d pages", len(project.claims), len(pages))
        return files

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Any) -> dict[str, Any]:
        # A generated page has no Markdown source to edit: point a claim's edit button at
        # its YAML file, and hide the button on listings.
        if page.file.generated_by:
            source = self.claim_files.get(page.file.src_uri)
            page.edit_url = f"{self.settings.edit_url}{source}" if (
                source and self.settings and self.settings.edit_url) else None
        return context

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        assert self.settings is not None
        for folder in (self.settings.claims_dir, self.settings.seeds_dir):
            path = os.path.join(self.root, folder)
            if os.path.isdir(path):
                server.watch(path)
        return server


def plugin_settings(options: FactcheckConfig | dict[str, Any], config: MkDocsConfig) -> Settings:
    """Settings from the plugin's options and the site's own ``mkdocs.yml`` values."""
    settings, problems = settings_from_options(
        {**dict(options), "site_name": config.site_name}, shown="mkdocs.yml")
    if problems:
        raise PluginError("The factcheck settings in mkdocs.yml have problems:\n"
                          + report(problems))
    return settings
