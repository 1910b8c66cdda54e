"""The files made of every claim: each language's ``claims.json`` and search index.

What search knows of each page (its records), and what writes both files: at the end of
a build, beside it in a forked process (generator/forked_files.py), or, in the preview,
in the background once the pages are served (generator/preview.py). The build cache
keeps what they are made of, each claim's line and each page's words
(generator/build_cache.py).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping, Sequence

from mkdocs.structure.files import Files

from .build_cache import BuildCache
from .export import JSON_PATH, claim_line, claims_json_parts
from .generated import GeneratedPages
from .model import Claim, Settings, fingerprint
from .paths import site_url
from .search import SiteSearch, claim_record, listing_record, page_record
from .search_index import INDEX_DIR, Record, record_words


def search_records(files: Files, directory_urls: bool, pages: GeneratedPages,
                   claims: Mapping[str, Claim], search: SiteSearch
                   ) -> dict[str, list[Record]]:
    """What search knows of each page, hand-written ones then generated ones (``pages``,
    as they were before MkDocs read any; ``claims`` by page), by the folder of the page's
    language (see :meth:`SiteSearch.by_language`)."""
    records: list[tuple[str, Record | None]] = [
        (f.src_uri, page_record(f.content_string, False, f.url))
        for f in files.documentation_pages() if not f.generated_by]
    for path in pages.sources:
        url = site_url(path, directory_urls)
        records.append((path, claim_record(claims[path], url) if path in claims else
                        listing_record(meta, url) if (meta := pages.meta_of(path)) else
                        page_record(pages.markdown_of(path), True, url)))
    return search.by_language((path, r) for path, r in records if r is not None)


def writer(site_dir: str, exports: Sequence[tuple[str, Sequence[Claim], Settings]],
           records: Callable[[], Mapping[str, Sequence[Record]]], search: SiteSearch | None,
           store: BuildCache | None, pace: Callable[[], object]) -> Callable[[], None]:
    """What writes the files: ``exports``, each language's ``claims.json`` (its path in
    the site, its claims the newest first, its settings), and, with ``search``, each
    language's index of ``records()``; ``pace`` is called before each part (the
    preview's may wait)."""
    def write() -> None:
        for name, claims, settings in exports:
            path = os.path.join(site_dir, name)
            line = store.remember(JSON_PATH, functools.partial(
                claim_line, settings=settings), settings.key, _claim_key) if store else None
            with open(f"{path}.tmp", "w", encoding="utf-8") as out:
                for part in claims_json_parts(claims, settings, line):
                    pace()
                    out.write(part)
            os.replace(f"{path}.tmp", path)
        if search is not None:
            search.write_index(site_dir, records(), None if store is None else
                               store.remember("search", _words_json, "", fingerprint), pace)

    return write


def meets_pages(files: Files, prefixes: Sequence[str]) -> bool:
    """Whether a hand-written page stands in a language's search index folder (where the
    last build's pages put back could meet the index being written)."""
    folders = tuple(f"{prefix}{INDEX_DIR.split('/')[0]}/" for prefix in prefixes)
    return any(file.dest_uri.startswith(folders) for file in files.documentation_pages()
               if not file.generated_by)  # the generated ones have folders of their own


def _claim_key(claim: Claim) -> str:
    return claim.key


def _words_json(record: Record) -> str:
    return json.dumps(record_words(record), ensure_ascii=False)
