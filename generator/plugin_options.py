"""The ``factcheck`` plugin's options in ``mkdocs.yml``, and the generator's settings
made from them and from the site's own values (its name, address, language, nav)."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .cards import DEFAULT_CACHE
from .model import Settings
from .problems import report
from .project import config_lines, settings_from_options


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
    import_verdicts = c.Type(str, default="")
    """A file of verdict labels for ``factcheck import`` (relative to mkdocs.yml)."""
    cards = c.Type(bool, default=True)
    """Give each claim page a share card (``og:image``), drawn at build time."""
    cards_cache = c.Type(str, default=DEFAULT_CACHE)
    """Folder that keeps the share cards between builds, relative to mkdocs.yml."""
    standards = c.Type(dict, default={})
    """The desk's editorial standards (see ``generator/standards.py``); none by default."""
    languages = c.Type(list, default=[])
    """The site's other languages: each has its pages under ``<language>/``."""
    translations_dir = c.Type(str, default="translations")
    """Folder of translations (``<language>/<id>.yaml``), relative to mkdocs.yml."""
    nav_titles = c.Type(dict, default={})
    """The navigation's titles in each other language: ``fr: {About: À propos}``."""
    fast_pages = c.Type(bool, default=True)
    """Convert generated pages with cmarkgfm (the same HTML, several times faster);
    ``false`` sends them through Python-Markdown like hand-written pages."""
    processes = c.Type(int, default=0)
    """Processes that render generated pages' templates at once: 0, one per core (Linux
    only); 1, MkDocs' own process only (generator/parallel.py)."""
    cache = c.Type(bool, default=True)
    """Keep checked claims and built pages in ``.cache/factcheck/`` for the next
    ``mkdocs build`` (see generator/build_cache.py); ``false`` builds everything afresh."""


def site_options(options: FactcheckConfig | dict[str, Any],
                 config: MkDocsConfig) -> dict[str, Any]:
    """The plugin's options with what the generator needs of the site's own settings."""
    return {**dict(options), "site_name": config.site_name, "site_url": config.site_url or "",
            "directory_urls": config.use_directory_urls,
            "language": config.theme.get("language") or "en", "nav": config.nav}


def plugin_settings(options: FactcheckConfig | dict[str, Any], config: MkDocsConfig) -> Settings:
    """Settings from the plugin's options and the site's own ``mkdocs.yml`` values."""
    lines = config_lines(config.config_file_path) if config.config_file_path else None
    settings, problems = settings_from_options(site_options(options, config),
                                               shown="mkdocs.yml", lines=lines)
    if problems:
        raise PluginError("The factcheck settings in mkdocs.yml have problems:\n"
                          + report(problems))
    return settings
