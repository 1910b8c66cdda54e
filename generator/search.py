"""Site search: the site's own index of what readers look for, inside Material's search box.

Material's built-in search downloads every page's full text and indexes it in the
browser: at 10,000 claims that is 40 MB and many seconds before the first result. Here
the index is built with the site, in small files a query fetches a few of
(:mod:`generator.search_index`); the pieces, all driven from the ``factcheck`` plugin:

- Material's ``search`` plugin stays on, because it draws the search box, but it indexes
  nothing: every page is marked ``search: exclude`` for it, so its index holds only its
  settings (which Material still reads to highlight the terms on the page opened).
- Each page a reader may find becomes a :class:`~generator.search_index.Record`: a claim
  by its claim, claimant, role, verdict, short answer and tags; a listing by its title; a
  hand-written page by its title and text. Not the explanation or the sources of every
  claim: search finds a claim by what a reader remembers of it, and the index stays
  small. A page whose front matter says ``search: {exclude: true}`` (later pages of a
  listing) has no record.
- The index files are written into the site once its pages are; the worker is a
  generated file of the build, like the pages.
- Each page's search box talks to ``search/factcheck-search.js`` (from
  ``generator/assets/search-worker.js``) instead of Material's worker: it speaks
  Material's worker messages and answers from the index, dropping a query as soon as a
  newer one is typed.
- A site in several languages (:mod:`generator.editions`) has an index and a worker per
  language: ``fr/search/index/`` and ``fr/search/factcheck-search.js`` hold the French
  pages only, and every French page's search box uses them.

Pagefind, used before, needed about 57 kB of memory per record to index (570 MB at 10,000
claims), took seconds a build for every change and wrote a different index each run;
this index takes a few megabytes and about a second at 10,000 claims, and the same
records give the same bytes (see bench/RESULTS.md).

>>> record = page_record("---\\ntitle: All claims\\n---\\n# All claims\\n\\n- [x](y.md)\\n",
...                      True, "claims/")
>>> record.title, record.text
('All claims', '')
>>> page_record("---\\nsearch:\\n  exclude: true\\n---\\n# Draft\\n", False, "d/") is None
True
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .commonmark import to_html
from .editions import edition_of, edition_settings, prefix
from .model import Claim, Settings
from .search_index import INDEX_DIR, Record, build_index, record_words

log = logging.getLogger("mkdocs.plugins.factcheck")

#: Where the worker that answers Material's search box is written in the site.
WORKER_PATH = "search/factcheck-search.js"

_CONFIG = '"search": "'
_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+'
                     r'\.min\.js"')
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SITE_LINE = re.compile(r"^const SITE = .*;$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_GFM = ("table", "autolink", "tagfilter", "strikethrough", "tasklist")
_TAG = re.compile(r"<[^>]*>")


def site_search(plugins: Mapping[str, Any], settings: Settings) -> SiteSearch | None:
    """The site's search, when the site has Material's search box."""
    if "material/search" not in plugins and "search" not in plugins:
        return None
    return SiteSearch(settings)


def worker_words(settings: Settings) -> str:
    """The words the search box's worker needs, as JSON: the names of the filters a
    reader may type, in English and in the site's language, and each verdict's label.

    >>> from generator.ratings import DEFAULT_RATINGS, in_language
    >>> from generator.i18n import words
    >>> fr = Settings(ratings=tuple(in_language(r, words("fr")) for r in DEFAULT_RATINGS),
    ...               language="fr")
    >>> data = json.loads(worker_words(fr))
    >>> data["filters"]["tag"], data["verdicts"]["mostly-false"]
    (['tag', 'sujet'], 'Plutôt faux')
    """
    words = settings.words
    names = {
        # Translators: a name readers type before a colon in the search box to filter the
        # results by verdict (verdict:false). One lowercase word, without space or colon.
        "verdict": words.gettext("verdict"),
        # Translators: the search filter by who made a claim (see "verdict").
        "claimant": words.gettext("claimant"),
        # Translators: the search filter by topic (see "verdict").
        "tag": words.gettext("tag"),
    }
    data = {"filters": {key: list(dict.fromkeys([key, name.lower()]))
                        for key, name in names.items()},
            "verdicts": {r.key: r.label for r in settings.ratings}}
    return json.dumps(data, ensure_ascii=False)


def claim_record(claim: Claim, url: str) -> Record:
    """What search knows of a claim."""
    return Record(url, claim.claim, claimant=claim.claimant, role=claim.claimant_role or "",
                  verdict=claim.verdict.label, verdict_key=claim.verdict.key,
                  summary=claim.summary, tags=claim.tags)


def listing_record(meta: Mapping[str, Any], url: str) -> Record | None:
    """A generated listing, found by its name (not by the claims it lists), from its
    front matter; None if that keeps it out of search."""
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    # Titles in generated front matter are escaped for HTML (generator/templating.py).
    return Record(url, html.unescape(str(meta.get("title") or "")))


def page_record(markdown: str, generated: bool, url: str) -> Record | None:
    """A generated listing's title, or a hand-written page's title and text; None if the
    page's front matter keeps it out of search."""
    meta: Any = {}
    match = _FRONT_MATTER.match(markdown)
    if match:
        try:
            meta = yaml.load(match[1], Loader=_YAML_LOADER) or {}
        except yaml.YAMLError:
            meta = {}
        markdown = markdown[match.end():]
    meta = meta if isinstance(meta, dict) else {}
    if generated:
        return listing_record(meta, url)
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    title = str(meta.get("title") or "")
    body = to_html(markdown, _GFM, options=0)  # raw HTML left out
    heading = re.search(r"<h1>(.*?)</h1>", body, re.DOTALL)
    if not title and heading:
        title = html.unescape(_TAG.sub("", heading[1]))
        body = body[:heading.start()] + body[heading.end():]
    text = " ".join(html.unescape(_TAG.sub(" ", body)).split())
    return Record(url, title, text=text)


class SiteSearch:
    """What the plugin does for search, one method per MkDocs event it takes part in."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def workers(self, config: MkDocsConfig) -> list[File]:
        """The workers that answer the search box, to be added to the site: one per
        language, in the language's folder, with its words for the search box (see
        ``SITE`` in the script)."""
        script = resources.files("generator").joinpath("assets/search-worker.js").read_text(
            encoding="utf-8")
        return [File.generated(config, prefix(self.settings, language) + WORKER_PATH,
                               content=_SITE_LINE.sub(
                                   lambda _, language=language: "const SITE = "
                                   f"{worker_words(edition_settings(self.settings, language))};",
                                   script, count=1))
                for language in (self.settings.language, *self.settings.languages)]

    def by_language(self, records: Iterable[tuple[str, Record]]) -> dict[str, list[Record]]:
        """``(src_uri, record)`` pairs as each language's records, by the language's folder
        (``""``, ``fr/``), their addresses made relative to it."""
        out: dict[str, list[Record]] = {
            prefix(self.settings, language): []
            for language in (self.settings.language, *self.settings.languages)}
        for src_uri, record in records:
            folder = prefix(self.settings, edition_of(src_uri, self.settings))
            out[folder].append(dataclasses.replace(record, url=record.url[len(folder):])
                               if folder else record)
        return out

    def write_index(self, site_dir: str, records: Mapping[str, Sequence[Record]],
                    words: Callable[[Record], str] | None = None,
                    pace: Callable[[], object] = lambda: None) -> None:
        """Write each language's index into the built site (after its pages, so that its
        memory is not held beside theirs); ``records`` as :meth:`by_language` gives them,
        ``words`` a record's words as JSON (:func:`record_words`), when kept by the build;
        ``pace`` is called before each record and file (the preview's may wait)."""
        known = record_words if words is None else (lambda r: json.loads(words(r)))

        def words_of(record: Record) -> Mapping[str, int]:
            pace()
            return known(record)

        for language, some in records.items():
            folder = os.path.join(site_dir, language, INDEX_DIR)
            os.makedirs(folder, exist_ok=True)
            for name, data in build_index(some, words_of).items():
                pace()
                with open(os.path.join(folder, name), "wb") as out:
                    out.write(data)

    def page_markdown(self, meta: dict[str, Any]) -> None:
        """Keep the page out of Material's index."""
        search = meta.get("search")
        meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}

    def post_page(self, output: str, folder: str = "") -> str:
        """Point a page's search box at its language's worker (in ``folder``) instead of
        Material's."""
        at = output.find(_CONFIG)
        match = _WORKER.match(output, at) if at >= 0 else None
        if match is None:
            return output
        return (f'{output[:at]}{match[1]}{match[2]}{folder}{WORKER_PATH}"'
                f"{output[match.end():]}")
