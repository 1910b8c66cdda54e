"""A site in several languages: one edition per language, built together in one build.

The site's own language (``theme.language``) is the *default edition*: its pages stay
where they always were (``claims/<id>/``). Each other language of the plugin's
``languages:`` setting is an edition whose pages live under ``<language>/``
(``fr/claims/<id>/``, ``fr/claims/``, ``fr/verdicts/false/``, ``fr/feed.xml``,
``fr/claims.json``), written in that language's words, with the claims translated into
it (:mod:`generator.translations`) and only those: its listings, feed, export and search
hold its own claims. An edition is the same pure rendering (:func:`render_site`) as the
default one, given the translated claims and the language's settings, its paths moved
under the language's folder; links between its pages are relative, so they hold. So one
build makes every edition, and each page costs what it costs on a one-language site.

Hand-written pages of an edition are in ``<docs_dir>/<language>/`` (``content/fr/``).

>>> from generator.project import settings_from_options
>>> settings, _ = settings_from_options({"language": "en", "languages": ["fr"],
...                                      "site_url": "https://f.org/"})
>>> fr = edition_settings(settings, "fr")
>>> fr.page_url("claims/x.md"), fr.ratings[4].label, fr.language
('https://f.org/fr/claims/x/', 'Faux', 'fr')
>>> language_name("fr", "en"), language_name("en", "fr"), language_name("ar", "ar")
('French', 'anglais', 'العربية')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import get_close_matches
from typing import Any

from .export import FEED_PATH, JSON_PATH, atom_feed, claims_json
from .history import ClaimHistory
from .i18n import words
from .listings import newest_first
from .load import Document
from .model import Claim, Rating, Seed, Settings
from .paths import CSS_PATH, claim_path, href
from .problems import Problem
from .ratings import given_in, in_language
from .render import PageSource, each_site_page, render_site
from .schema import Invalid, language_code
from .translations import Translation, translated


@dataclass(frozen=True)
class Edition:
    """The site in one language: its settings and its claims."""

    language: str
    prefix: str
    """The folder of its pages: ``""`` for the default edition, else ``fr/``."""
    settings: Settings
    claims: tuple[Claim, ...]
    """Its claims, in its language: the originals, or the translations into it."""


def prefix(settings: Settings, language: str) -> str:
    """The folder of ``language``'s pages: none for the site's own language."""
    return "" if language == settings.language else f"{language}/"


def edition_settings(settings: Settings, language: str) -> Settings:
    """The site's settings as the edition in ``language`` sees them: its words and its
    rating scale's labels, and addresses under its folder."""
    if language == settings.language:
        return settings
    site_url = f"{settings.site_url}{language}/" if settings.site_url else ""
    return replace(settings, language=language, site_url=site_url,
                   original_language=settings.language,
                   ratings=tuple(in_language(r, words(language)) for r in settings.ratings))


def editions(claims: Iterable[Claim], translations: Mapping[str, Sequence[Translation]],
             settings: Settings) -> list[Edition]:
    """Every edition of the site: the default one, then one per language of
    ``settings.languages`` with the claims translated into it (``translations`` by
    language). A translation whose original is not among ``claims`` (a draft left out)
    is left out too."""
    claims = tuple(claims)
    by_id = {c.id: c for c in claims}
    out = [Edition(settings.language, "", settings, claims)]
    for language in settings.languages:
        folder = prefix(settings, language)
        local = edition_settings(settings, language)
        ratings = {r.key: r for r in local.ratings}  # the verdict's words in the language
        out.append(Edition(language, folder, local, tuple(
            replace(translated(by_id[t.id], t, settings.language,
                               href(folder + claim_path(t.id), claim_path(t.id))),
                    verdict=ratings[by_id[t.id].verdict.key])
            for t in translations.get(language, ()) if t.id in by_id)))
    return out


def render_editions(editions: Sequence[Edition], seeds: Mapping[str, Seed],
                    cache: dict[str, Any] | None = None,
                    history: Mapping[str, ClaimHistory] | None = None) -> dict[str, str]:
    """Every generated page of every edition, with each edition's ``claims.json`` and
    feed (its published claims only), as ``{path: text}``.

    ``cache`` (the preview's) is kept per edition. ``history``, each original's history
    from git (:mod:`generator.history`), is shown in the site's own language: its reasons
    are the desk's words in that language, and a translated page links to the original.
    """
    pages: dict[str, str] = {}
    for edition in editions:
        past = None if edition.prefix else history
        part = render_site(edition.claims, seeds, edition.settings,
                           cache=None if cache is None else cache.setdefault(edition.language, {}),
                           history=past)
        if edition.prefix:
            del part[CSS_PATH]  # one stylesheet for the whole site: colours have no language
        published = newest_first(c for c in edition.claims if not c.draft)
        part[JSON_PATH] = claims_json(published, edition.settings)
        part[FEED_PATH] = atom_feed(published, edition.settings, history=past)
        pages.update((edition.prefix + path, text) for path, text in part.items())
    return pages


def each_edition_page(editions: Sequence[Edition], seeds: Mapping[str, Seed],
                      history: Mapping[str, ClaimHistory] | None = None
                      ) -> Iterator[tuple[str, PageSource]]:
    """The pages of :func:`render_editions` one at a time, claim pages and listings not
    made yet (see :func:`~generator.render.each_site_page`), with each edition's feed
    but not its ``claims.json`` (the build writes those at its end)."""
    for edition in editions:
        past = None if edition.prefix else history
        for path, source in each_site_page(edition.claims, seeds, edition.settings, past):
            if not (edition.prefix and path == CSS_PATH):  # one stylesheet for the site
                yield edition.prefix + path, source
        published = newest_first(c for c in edition.claims if not c.draft)
        yield edition.prefix + FEED_PATH, atom_feed(published, edition.settings, history=past)


def edition_of(path: str, settings: Settings) -> str:
    """The language of the page at ``path`` (relative to the docs folder).

    >>> settings = Settings(ratings=(), languages=("fr", "ar"))
    >>> edition_of("fr/claims/x.md", settings), edition_of("claims/x.md", settings)
    ('fr', 'en')
    """
    head = path.split("/", 1)[0]
    return head if head in settings.languages and "/" in path else settings.language


def language_name(language: str, in_language: str) -> str:
    """The name of ``language`` as readers of ``in_language`` write it (CLDR); its own
    name, capitalised as a menu item, when the two are the same."""
    name = words(in_language).language_name(language)
    return name[:1].upper() + name[1:] if language == in_language else name


def language_settings(options: Mapping[str, Any], language: str,
                      ratings: Sequence[Rating], lines: Document,
                      shown: str) -> tuple[dict[str, Any], list[Problem]]:
    """The plugin's ``languages``, ``translations_dir`` and ``nav_titles`` options,
    cleaned, with their problems, each on its line of ``mkdocs.yml``.

    ``ratings`` is the scale in use: one given in ``mkdocs.yml`` must have words in every
    language of the site. ``options["nav"]``, when given, is the site's ``nav:``, whose
    titles ``nav_titles`` translates.
    """
    problems: list[Problem] = []

    def problem(path: tuple[Any, ...], field: str, message: str) -> None:
        problems.append(Problem(shown, lines.line(path), field, message))

    raw = options.get("languages") or []
    languages: list[str] = []
    if not isinstance(raw, list):
        problem(("languages",), "languages", "must be a list of language codes, such as "
                                             "[fr, ar]")
        raw = []
    own = language.replace("_", "-").lower()
    for i, code in enumerate(raw):
        try:
            cleaned = language_code(code)
        except Invalid as err:
            problem(("languages", i), f"languages[{i}]", str(err))
            continue
        if cleaned.lower() == own:
            problem(("languages", i), f"languages[{i}]",
                    f"'{cleaned}' is the site's own language (theme.language); list only the "
                    "other languages the site is published in")
        elif cleaned in languages:
            problem(("languages", i), f"languages[{i}]", f"'{cleaned}' is listed twice; "
                                                          "keep one")
        else:
            languages.append(cleaned)
    for i, rating in enumerate(ratings):
        if rating.catalog:  # the default scale: every catalog translates it
            continue
        for name, texts in (("label", rating.labels), ("description", rating.descriptions)):
            lacking = [code for code in languages
                       if given_in(tuple(t for t in texts if t[0]), code) is None]
            if lacking:
                problem(("ratings", i, name), f"ratings[{i}].{name}",
                        f"has no text in {', '.join(repr(c) for c in lacking)}, which the "
                        f"site is also published in (languages); give it per language, "
                        f"e.g. {{{language}: ..., {lacking[0]}: ...}}")
    folder = options.get("translations_dir") or "translations"
    return {"languages": tuple(languages), "translations_dir": folder,
            "nav_titles": _nav_titles(options, languages, problem)}, problems


def _nav_titles(options: Mapping[str, Any], languages: Sequence[str],
                problem: Any) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """``nav_titles``: for each other language, the site's navigation titles translated."""
    raw = options.get("nav_titles") or {}
    nav_titles = _titles_of(options.get("nav"))
    out = []
    if not isinstance(raw, dict):
        problem(("nav_titles",), "nav_titles", "must be a set of `language: titles` fields, "
                                               "such as `fr: {About: À propos}`")
        return ()
    for code, titles in raw.items():
        if code not in languages:
            problem(("nav_titles", code), f"nav_titles.{code}",
                    f"'{code}' is not one of the site's other languages (languages: "
                    f"[{', '.join(languages)}]); add it there, or remove these titles")
            continue
        if not isinstance(titles, dict):
            problem(("nav_titles", code), f"nav_titles.{code}",
                    "must be a set of `English title: translated title` fields")
            continue
        pairs = []
        for title, text in titles.items():
            where = ("nav_titles", code, title)
            if nav_titles is not None and str(title) not in nav_titles:
                close = get_close_matches(str(title), sorted(nav_titles), n=1)
                hint = f"did you mean '{close[0]}'?" if close else \
                    "use the titles written in the site's nav:"
                problem(where, f"nav_titles.{code}.{title}",
                        f"'{title}' is not a title in the site's nav:; {hint}")
            elif not isinstance(text, str) or not text.strip():
                problem(where, f"nav_titles.{code}.{title}", "is empty; write the title in "
                                                              f"'{code}'")
            else:
                pairs.append((str(title), text.strip()))
        out.append((code, tuple(pairs)))
    return tuple(out)


def _titles_of(nav: Any) -> set[str] | None:
    """Every title written in a ``nav:`` setting (sections and pages); None without one."""
    if nav is None:
        return None
    titles: set[str] = set()
    todo = [nav]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            for title, value in item.items():
                titles.add(str(title))
                todo.append(value)
    return titles
