"""Site search: Pagefind's index of what readers look for, inside Material's search box.

Material's built-in search downloads every page's full text and indexes it in the
browser: at 10,000 claims that is 36 MB and many seconds before the first result.
Pagefind (https://pagefind.app) builds its index once, at build time, in small chunks
that a query fetches on demand, and gives filters by verdict, claimant and tag. The
pieces, all driven from the ``factcheck`` plugin:

- Material's ``search`` plugin stays on, because it draws the search box, but it indexes
  nothing: every page is marked ``search: exclude`` for it, so its index holds only its
  settings (which Material still reads to highlight the terms on the page opened).
- For each page a reader may find, a small record is written to a scratch folder:
  for a claim, its claim (as the title), claimant, verdict, short answer and tags, with
  the verdict, claimant and tags as filters; for a hand-written page, its article; for a
  listing, its title. Not the explanation or the sources of every claim: search finds a
  claim by what a reader remembers of it, and the index stays small. A page whose front
  matter says ``search: {exclude: true}`` (later pages of a listing) has no record.
- After the build, the Pagefind indexer (package ``pagefind[bin]``) indexes the records
  into the site's ``pagefind/`` folder; during ``mkdocs serve`` it runs in the
  background, so the preview never waits for it.
- Each page's search box talks to ``search/factcheck-search.js`` (from
  ``generator/assets/search-worker.js``) instead of Material's worker: it speaks
  Material's worker messages and answers from the Pagefind index.

>>> from generator.ratings import DEFAULT_RATINGS
>>> print(claim_record("Tax <up>", "Jo Lee", "Mayor", DEFAULT_RATINGS[4], "No.", ("tax",)))
<h1>Tax &lt;up&gt;</h1>
<p data-pagefind-meta="claimant" data-pagefind-filter="claimant">Jo Lee</p>
<p>Mayor</p>
<p data-pagefind-meta="verdict" data-pagefind-filter="verdict">False</p>
<p data-pagefind-meta="summary">No.</p>
<p><span data-pagefind-filter="tag">tax</span></p>
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Claim, Rating

if TYPE_CHECKING:  # the plugin hands MkDocs' pages over; this module needs no MkDocs
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.factcheck")

#: Where the worker that answers Material's search box is written in the site.
WORKER_PATH = "search/factcheck-search.js"
#: Where Pagefind writes its index, in the site (the worker expects it there).
INDEX_DIR = "pagefind"
#: Parts of a hand-written page that say nothing a reader searches for.
IGNORED = ".headerlink"

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>',
                      re.DOTALL)
_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+'
                     r'\.min\.js"')


def site_search(plugins: Mapping[str, Any], serving: bool,
                language: str = "en") -> PagefindSearch | None:
    """Pagefind search, when the site has Material's search box and Pagefind is installed."""
    if "material/search" not in plugins and "search" not in plugins:
        return None
    program = indexer()
    if program is None:
        log.warning("factcheck: Pagefind is not installed (pip install 'pagefind[bin]'), so "
                    "the site keeps Material's built-in search, which is slow on large sites")
        return None
    return PagefindSearch(program, serving, language)


def indexer() -> str | None:
    """The Pagefind program, or None when its package is not installed."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return str(get_executable())
    except FileNotFoundError:
        return None


def claim_record(claim: str, claimant: str, role: str | None, verdict: Rating, summary: str,
                 tags: Sequence[str]) -> str:
    """What search knows of a claim: the claim is the title; filters and meta for the rest."""
    def field(name: str, value: str) -> str:
        return (f'<p data-pagefind-meta="{name}" data-pagefind-filter="{name}">'
                f"{escape(value)}</p>")

    lines = [f"<h1>{escape(claim)}</h1>", field("claimant", claimant)]
    if role:
        lines.append(f"<p>{escape(role)}</p>")
    lines += [field("verdict", verdict.label),
              f'<p data-pagefind-meta="summary">{escape(summary)}</p>']
    if tags:
        lines.append("<p>" + " ".join(f'<span data-pagefind-filter="tag">{escape(t)}</span>'
                                      for t in tags) + "</p>")
    return "\n".join(lines)


class PagefindSearch:
    """What the plugin does for search, one method per MkDocs event it takes part in."""

    def __init__(self, program: str, serving: bool, language: str = "en"):
        self.program = program
        self.serving = serving
        self.language = language
        self.claims: Mapping[str, Claim] = {}
        """Claims by the source path of their page, set by the plugin for each build."""
        self.records = Path(tempfile.mkdtemp(prefix="factcheck-search-"))
        self._searchable: set[str] = set()
        self._indexing: threading.Thread | None = None
        self._again = False
        self._lock = threading.Lock()

    def worker_script(self) -> str:
        """The web worker's JavaScript, to be added to the site at :data:`WORKER_PATH`."""
        return resources.files("generator").joinpath("assets/search-worker.js").read_text(
            encoding="utf-8")

    def page_markdown(self, page: Page) -> None:
        """Keep the page out of Material's index; note whether ours should have it."""
        search = page.meta.get("search")
        search = search if isinstance(search, dict) else {}
        if search.get("exclude"):
            self._searchable.discard(page.file.src_uri)
        else:
            self._searchable.add(page.file.src_uri)
        page.meta["search"] = {**search, "exclude": True}

    def post_template(self, output: str) -> str:
        """Point a page's search box at our worker instead of Material's."""
        return _WORKER.sub(lambda m: f'{m[1]}{m[2]}{WORKER_PATH}"', output, count=1)

    def post_page(self, output: str, page: Page) -> str:
        """Write the page's search record (or remove it), and point its search box at us."""
        record = self.records / page.file.dest_uri
        body = None
        if page.file.src_uri in self._searchable:
            claim = self.claims.get(page.file.src_uri)
            if claim is not None:
                body = claim_record(claim.claim, claim.claimant, claim.claimant_role,
                                    claim.verdict, claim.summary, claim.tags)
            elif page.file.generated_by:  # a listing: found by its name
                body = f"<h1>{escape(page.title or '')}</h1>"
            else:
                article = _ARTICLE.search(output)
                body = article[1] if article else None
        if body is None:
            record.unlink(missing_ok=True)
        else:
            record.parent.mkdir(parents=True, exist_ok=True)
            record.write_text(f'<!DOCTYPE html>\n<html lang="{escape(self.language)}"><body>\n'
                              f"{body}\n</body></html>\n", encoding="utf-8")
        return self.post_template(output)

    def forget(self, dest_uris: Sequence[str]) -> None:
        """Remove the records of pages that are gone (a deleted claim, while serving)."""
        for dest_uri in dest_uris:
            (self.records / dest_uri).unlink(missing_ok=True)

    def post_build(self, site_dir: str) -> None:
        """Index the records into the site; in the background while serving."""
        if not self.serving:
            self._index(site_dir)
            return
        with self._lock:
            if self._indexing is not None and self._indexing.is_alive():
                self._again = True  # index once more when the running one ends
                return
            self._indexing = threading.Thread(target=self._index_while_serving,
                                              args=(site_dir,), daemon=True)
            self._indexing.start()

    def shutdown(self) -> None:
        """Wait for a background indexing to end, then remove the records."""
        if self._indexing is not None:
            self._indexing.join(timeout=120)
        shutil.rmtree(self.records, ignore_errors=True)

    def _index_while_serving(self, site_dir: str) -> None:
        while True:
            try:
                self._index(site_dir)
            except RuntimeError as err:
                log.warning("%s", err)
            with self._lock:
                if not self._again:
                    return
                self._again = False

    def _index(self, site_dir: str) -> None:
        output = Path(site_dir) / INDEX_DIR
        done = subprocess.run(
            [self.program, "--site", str(self.records), "--output-path", str(output),
             "--exclude-selectors", IGNORED, "--silent"],
            cwd=self.records, capture_output=True, text=True)
        if done.returncode != 0 or not (output / "pagefind.js").is_file():
            why = (done.stderr or done.stdout or "it wrote no index").strip()[-2000:]
            raise RuntimeError(f"Pagefind could not index the site for search: {why}")
