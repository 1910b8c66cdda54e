"""Each page in its own language: Material's words, the navigation, the language switcher
and the ``hreflang`` links, for a site in several languages (:mod:`generator.editions`).

Material takes its language from ``theme.language``, once for the whole site. The
plugin tells it each page's instead, through the page's template context:

- ``factcheck_language``: the page's language, which ``overrides/partials/language.html``
  uses for ``<html lang>``, ``<body dir>`` and Material's own words (the search box, the
  buttons);
- ``nav``: the navigation of the page's language, made once per language from the site's
  (:meth:`PageLanguages.navigation`);
- ``factcheck_alternates``: the page in every language of the site, which
  ``overrides/partials/alternate.html`` draws as Material's language switcher: the same
  page where it exists in that language, else that language's home page.

The ``<head>`` gets ``<link rel="alternate" hreflang>`` to every version of the page that
exists, itself and ``x-default`` (the site's own language) included, so the links are
reciprocal; a page with no other version gets none.

Material's script reads every ``link[rel=alternate]`` of a page as the root of a site in
another language, and asks for ``sitemap.xml`` beside it (mkdocs-material issue 6582): for
a link to a page, that is a request for a file that does not exist, on every page view.
So the hreflang links write their ``rel`` as ``"alternate "``: HTML allows space around
the tokens of ``rel``, so they are the same alternate links to browsers and search engines,
but Material's exact-match selector passes them by. The feed's link (also
``rel=alternate``) does send Material to ``<language>/sitemap.xml``: each language has one,
listing its pages (:meth:`PageLanguages.sitemaps`).

This is the plugin's side (it uses MkDocs' pages and navigation); the core knows nothing
of it.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .editions import edition_of, language_name, prefix
from .i18n import words
from .model import Settings
from .paths import NAV_PAGES

#: A later page of a listing (``claims/page/2.md``): only its first page has versions.
_LATER_PAGE = re.compile(r"^(.*)/page/\d+\.md$")
#: A heading's permanent link, as the ``toc`` extension writes it, and its tooltip.
_PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"]*" )title="([^"]*)"')


@dataclass(frozen=True)
class Alternate:
    """One language's version of a page, for the switcher and the head."""

    language: str
    name: str
    """The language's name, in itself: ``Français``."""
    url: str
    """This page in that language, else that language's home page; relative to the page."""


@dataclass(frozen=True)
class _Unshown:
    """A generated page the preview does not show MkDocs (it did not change): what its
    versions need of it."""

    src_uri: str
    url: str
    page: None = None


class PageLanguages:
    """What a site in several languages does to each page (one per build)."""

    def __init__(self, settings: Settings, site_url: str):
        self.settings = settings
        self.site_url = site_url
        self.languages = (settings.language, *settings.languages)
        self.material = {language: material_language(language) for language in self.languages}
        self.names = {language: language_name(language, language) for language in self.languages}
        self.titles = {code: dict(pairs) for code, pairs in settings.nav_titles}
        self.versions: dict[str, dict[str, File]] = {}
        self.navs: dict[str, Navigation] = {}
        self._shared = ""  # see page_key
        self._permalink: dict[str, str] = {}
        self._default = ""

    def permalink_title(self, title: str) -> None:
        """Note the tooltip of the headings' permanent links (the ``toc`` extension's,
        one for the whole site): when it is ours, each page gets it in its language."""
        self._permalink = {}
        if title == words(self.settings.language).gettext("Permanent link"):
            self._default = html.escape(title)
            self._permalink = {language: html.escape(words(language).gettext("Permanent link"))
                               for language in self.settings.languages}

    def content(self, text: str, page: Page) -> str:
        """The HTML of a page, its permanent links' tooltips in the page's language."""
        title = self._permalink.get(self.language(page))
        if title is None:
            return text
        return _PERMALINK.sub(lambda m: f'{m[1]}title="{title}"' if m[2] == self._default
                              else m[0], text)

    def files(self, files: Files, generated: Mapping[str, str] | None = None) -> None:
        """Note every page's versions; keep other languages' pages out of the site's own
        navigation (each language gets its own, from it).

        ``generated`` gives the address of every generated page, by its path: the
        preview shows MkDocs only the pages that changed, yet every page links to its
        versions, shown or not.
        """
        self.versions = {}
        self.navs = {}
        pages: list[File | _Unshown] = list(files.documentation_pages())
        pages += [_Unshown(path, url) for path, url in (generated or {}).items()
                  if path not in files.src_uris]
        for file in pages:
            language = edition_of(file.src_uri, self.settings)
            if language != self.settings.language and isinstance(file, File):
                file.inclusion = InclusionLevel.NOT_IN_NAV
            if not _LATER_PAGE.match(file.src_uri):
                base = file.src_uri[len(prefix(self.settings, language)):]
                self.versions.setdefault(base, {})[language] = file  # type: ignore[assignment]
        # What every page of another language shows of the others: its navigation (the
        # hand-written pages in each language, and the indexes), the home page's
        # description.
        written = sorted((f.src_uri, hashlib.blake2b(f.content_bytes, digest_size=16).hexdigest())
                         for f in files.documentation_pages() if not f.generated_by
                         and edition_of(f.src_uri, self.settings) != self.settings.language)
        bases = sorted({*NAV_PAGES, "index.md", *(
            src[len(prefix(self.settings, edition_of(src, self.settings))):]
            for src, _ in written)})
        self._shared = repr((written, [(b, sorted(self.versions.get(b, {}))) for b in bases]))

    def page_key(self, src_uri: str) -> str:
        """What a page shows of the site's other languages, for the build cache's key: in
        which languages it exists (its links in the head and the switcher), and what
        :meth:`files` found that every page shows."""
        language = edition_of(src_uri, self.settings)
        base = src_uri[len(prefix(self.settings, language)):]
        later = _LATER_PAGE.match(base)
        firsts = [sorted(self.versions.get(f"{later[1]}/index.md", {})),
                  sorted(self.versions.get(f"{later[1]}.md", {}))] if later else []
        return repr((self._shared, sorted(self.versions.get(base, {})), firsts))

    def language(self, page: Page) -> str:
        return edition_of(page.file.src_uri, self.settings)

    def context(self, context: dict[str, Any], page: Page, nav: Navigation) -> None:
        """Set the page's language, navigation and alternates in its template context."""
        language = self.language(page)
        context["factcheck_language"] = self.material[language]
        context["factcheck_alternates"] = self.alternates(page)
        if language != self.settings.language:
            context["nav"] = self.navigation(language, nav)
            # Material describes a page without a description of its own by the site's
            # `site_description`, in the site's language: the language's home page's instead.
            home = self.versions.get("index.md", {}).get(language)
            if not page.meta.get("description") and home is not None and home.page is not None:
                page.meta["description"] = home.page.meta.get("description")

    def alternates(self, page: Page) -> list[Alternate]:
        """The page in every language of the site, in the order of the settings."""
        language = self.language(page)
        base = page.file.src_uri[len(prefix(self.settings, language)):]
        later = _LATER_PAGE.match(base)
        out = []
        for other in self.languages:
            target = page.file if other == language else self.versions.get(base, {}).get(other)
            if later and target is None:  # a later page of a listing: its first page
                folder = later[1]
                found = self.versions.get(f"{folder}/index.md") or \
                    self.versions.get(f"{folder}.md") or {}
                target = found.get(other)
            target = target or self.versions.get("index.md", {}).get(other)
            if target is not None:
                out.append(Alternate(other, self.names[other],
                                     get_relative_url(target.url, page.url)))
        return out

    def head(self, page: Page) -> str:
        """``<link rel="alternate" hreflang>`` for each version of the page, when it has
        another one: absolute addresses when the site has a ``site_url``."""
        language = self.language(page)
        base = page.file.src_uri[len(prefix(self.settings, language)):]
        versions = self.versions.get(base, {})
        if len(versions) < 2 or _LATER_PAGE.match(base):
            return ""
        links = []
        for code in self.languages:
            if code in versions:
                links.append((code, self._address(versions[code], page)))
        if self.settings.language in versions:
            links.append(("x-default", self._address(versions[self.settings.language], page)))
        # "alternate " with a space: see the module's docstring.
        return "".join(f'<link rel="alternate " hreflang="{html.escape(code)}" '
                       f'href="{html.escape(url)}">\n' for code, url in links)

    def sitemaps(self) -> dict[str, str]:
        """``<language>/sitemap.xml`` for each other language: its pages' addresses."""
        out = {}
        for language in self.settings.languages:
            urls = sorted(self.site_url + file.url.removeprefix("./")
                          for versions in self.versions.values()
                          for code, file in versions.items() if code == language)
            out[f"{prefix(self.settings, language)}sitemap.xml"] = (
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                + "".join(f"  <url><loc>{html.escape(url)}</loc></url>\n" for url in urls)
                + "</urlset>\n")
        return out

    def urls(self, page: Page) -> dict[str, str]:
        """The address of each version of the page that exists (for the ClaimReview)."""
        language = self.language(page)
        base = page.file.src_uri[len(prefix(self.settings, language)):]
        return {code: self._address(file, page)
                for code, file in self.versions.get(base, {}).items()}

    def _address(self, file: File, page: Page) -> str:
        if self.site_url:  # the home page's url is "./"
            return self.site_url + file.url.removeprefix("./")
        return get_relative_url(file.url, page.url)

    def navigation(self, language: str, nav: Navigation) -> Navigation:
        """The navigation of ``language``: the site's, each page replaced by its version
        in that language (a page without one stays, as a link to it), each title by the
        one ``nav_titles`` gives, else the page's own. Made once per build."""
        if language not in self.navs:
            items = self._mirror(nav.items, language, self.titles.get(language, {}))
            pages = [item for item in _walk(items) if isinstance(item, Page)]
            mirrored = Navigation(items, pages)
            home = self.versions.get("index.md", {}).get(language)
            mirrored.homepage = home.page if home is not None else nav.homepage
            self.navs[language] = mirrored
        return self.navs[language]

    def _mirror(self, items: Sequence[Any], language: str,
                titles: dict[str, str]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, Section):
                section = Section(titles.get(item.title, item.title),
                                  self._mirror(item.children, language, titles))
                for child in section.children:
                    child.parent = section
                out.append(section)
                continue
            if isinstance(item, Page):
                version = self.versions.get(item.file.src_uri, {}).get(language)
                if version is not None and version.page is not None:
                    if item.title in titles:
                        version.page.title = titles[item.title]
                    version.page.parent = None
                    out.append(version.page)
                    continue
                # Links in a navigation are relative to the site's root, as page URLs are.
                out.append(Link(titles.get(item.title or "", item.title), item.url or "./"))
                continue
            out.append(Link(titles.get(item.title, item.title), item.url))
        return out


def _walk(items: Sequence[Any]) -> list[Any]:
    out = []
    for item in items:
        out.append(item)
        if getattr(item, "children", None):
            out.extend(_walk(item.children))
    return out


#: The plugin's own Material partials (language.html, alternate.html), for sites in several
#: languages.
PARTIALS = Path(__file__).parent / "theme"


def use_theme_partials(config: MkDocsConfig) -> None:
    """Let the theme find the plugin's ``partials/language.html`` and ``alternate.html``
    (after ``theme.custom_dir``, before Material's own), and have Material draw its
    language switcher.

    Raises ValueError when ``theme.custom_dir`` has partials of its own by those names,
    which would hide the plugin's.
    """
    dirs = config.theme.dirs
    if str(PARTIALS) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(PARTIALS))
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    for name in ("language.html", "alternate.html"):
        ours = dirs.index(str(PARTIALS))
        for folder in dirs[:ours]:
            theirs = Path(folder) / "partials" / name
            if theirs.is_file():
                shown = theirs.relative_to(root) if theirs.is_relative_to(root) else theirs
                raise ValueError(
                    f"each page is drawn in its own language with the factcheck plugin's "
                    f"partials/{name}, but theme.custom_dir has its own, {shown}; remove it, "
                    f"or merge it with generator/theme/partials/{name}")
    # Material draws its language switcher when `extra.alternate` is set, and our
    # alternate.html fills it per page. (Not a list: Material would also write a list's
    # links into the head of every page, the same on all of them.)
    config.extra["alternate"] = True


def material_language(language: str) -> str:
    """The name of Material's own words for ``language``: its file in
    ``partials/languages/``, else its base language's, else English."""
    folder = resources.files("material").joinpath("templates", "partials", "languages")
    for name in (language, language.split("-")[0]):
        if folder.joinpath(f"{name}.html").is_file():
            return name
    return "en"
