"""Site search: Pagefind's index of what readers look for, inside Material's search box.

Material's built-in search downloads every page's full text and indexes it in the
browser: at 10,000 claims that is 40 MB and many seconds before the first result.
Pagefind (https://pagefind.app) builds its index once, at build time, in small chunks
that a query fetches on demand, and gives filters by verdict, claimant and tag. The
pieces, all driven from the ``factcheck`` plugin:

- Material's ``search`` plugin stays on, because it draws the search box, but it indexes
  nothing: every page is marked ``search: exclude`` for it, so its index holds only its
  settings (which Material still reads to highlight the terms on the page opened).
- Each page a reader may find becomes a small record: for a claim, its claim (as the
  title), claimant, verdict, short answer and tags, with the verdict, claimant and tags
  as filters; for a listing, its title; for a hand-written page, its text. Not the
  explanation or the sources of every claim: search finds a claim by what a reader
  remembers of it, and the index stays small. A page whose front matter says
  ``search: {exclude: true}`` (later pages of a listing) has no record.
- The records are known when the pages are generated, so the Pagefind indexer (package
  ``pagefind[bin]``) indexes them into the site's ``pagefind/`` folder while MkDocs
  builds the pages, on the core MkDocs leaves free; the build waits for it only at the
  end (and ``mkdocs serve`` not at all: a save that comes first starts it again).
- Each page's search box talks to ``search/factcheck-search.js`` (from
  ``generator/assets/search-worker.js``) instead of Material's worker: it speaks
  Material's worker messages and answers from the Pagefind index.
- A site in several languages (:mod:`generator.editions`) has an index and a worker per
  language: ``fr/pagefind/`` and ``fr/search/factcheck-search.js`` hold the French pages
  only, indexed with French stemming, and every French page's search box uses them. (In
  one shared index Pagefind would pick the language from ``<html lang>``, which a web
  worker cannot see: it would search the largest language instead.)

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

import base64
import contextlib
import json
import logging
import os
import re
import subprocess
import threading
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import cmarkgfm
import yaml

from .editions import edition_of, edition_settings, prefix
from .model import Claim, Rating, Settings

log = logging.getLogger("mkdocs.plugins.factcheck")

#: Where the worker that answers Material's search box is written in the site.
WORKER_PATH = "search/factcheck-search.js"
#: Where Pagefind writes its index, in the site (the worker expects it there).
INDEX_DIR = "pagefind"

_CONFIG = '"search": "'
_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+'
                     r'\.min\.js"')
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SITE_LINE = re.compile(r"^const SITE = .*;$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


def site_search(plugins: Mapping[str, Any], serving: bool,
                settings: Settings) -> PagefindSearch | None:
    """Pagefind search, when the site has Material's search box and Pagefind is installed."""
    if "material/search" not in plugins and "search" not in plugins:
        return None
    program = indexer()
    if program is None:
        log.warning("factcheck: Pagefind is not installed (pip install 'pagefind[bin]'), so "
                    "the site keeps Material's built-in search, which is slow on large sites")
        return None
    return PagefindSearch(program, serving, settings)


def indexer() -> str | None:
    """The Pagefind program, or None when its package is not installed.

    ``PAGEFIND_BINARY_PATH`` names another one, as for Pagefind's own Python package.
    """
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return os.environ["PAGEFIND_BINARY_PATH"]
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return str(get_executable())
    except FileNotFoundError:
        return None


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


def page_record(markdown: str, generated: bool) -> str | None:
    """A generated listing's title, or a hand-written page's text; None if excluded.

    >>> page_record("---\\ntitle: All claims\\n---\\n# All claims\\n\\n- [x](y.md)\\n", True)
    '<h1>All claims</h1>'
    >>> page_record("---\\nsearch:\\n  exclude: true\\n---\\n# Draft\\n", False) is None
    True
    """
    meta: Any = {}
    match = _FRONT_MATTER.match(markdown)
    if match:
        try:
            meta = yaml.load(match[1], Loader=_YAML_LOADER) or {}
        except yaml.YAMLError:
            meta = {}
        markdown = markdown[match.end():]
    meta = meta if isinstance(meta, dict) else {}
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    title = str(meta.get("title") or "")
    if generated:  # a listing: found by its name, not by the claims it lists
        return f"<h1>{escape(title)}</h1>"
    body = cmarkgfm.github_flavored_markdown_to_html(markdown)  # raw HTML left out
    return body if "<h1>" in body or not title else f"<h1>{escape(title)}</h1>\n{body}"


class PagefindSearch:
    """What the plugin does for search, one method per MkDocs event it takes part in."""

    def __init__(self, program: str, serving: bool, settings: Settings):
        self.program = program
        self.serving = serving
        self.settings = settings
        self._job: Indexing | None = None

    def worker_files(self) -> dict[str, str]:
        """The web worker of each language, ``{path: JavaScript}``, to be added to the
        site: :data:`WORKER_PATH` under the language's folder, with its words for the
        search box (see ``SITE`` in the script)."""
        script = resources.files("generator").joinpath("assets/search-worker.js").read_text(
            encoding="utf-8")
        return {prefix(self.settings, language) + WORKER_PATH: _SITE_LINE.sub(
                    lambda _, language=language: "const SITE = "
                    f"{worker_words(edition_settings(self.settings, language))};",
                    script, count=1)
                for language in (self.settings.language, *self.settings.languages)}

    def start(self, site_dir: str, pages: Iterable[tuple[str, str, bool, str]],
              claims: Mapping[str, Claim]) -> None:
        """Start indexing a record per page: ``(src_uri, dest_uri, generated, markdown)``
        for each page, ``markdown`` read only for pages that are not claims.

        Each language's pages go into its own index, at addresses relative to its folder.
        The indexer works beside MkDocs; :meth:`post_build` waits for it.
        """
        if self._job is not None:
            self._job.stop()  # a preview rebuilt before the last index was done
        indexes: dict[str, dict[str, str]] = {
            language: {} for language in (self.settings.language, *self.settings.languages)}
        for src_uri, dest_uri, generated, markdown in pages:
            claim = claims.get(src_uri)
            if claim is not None:
                body: str | None = claim_record(claim.claim, claim.claimant,
                                                claim.claimant_role, claim.verdict,
                                                claim.summary, claim.tags)
            else:
                body = page_record(markdown, generated)
            if body is None:
                continue
            language = edition_of(src_uri, self.settings)
            # Pagefind indexes each record in the language of its `<html lang>`, the one
            # Material gives the page (as written in mkdocs.yml).
            url = "/" + dest_uri[len(prefix(self.settings, language)):]
            indexes[language][url[: -len("index.html")] if url.endswith("/index.html")
                              else url] = (f'<!DOCTYPE html>\n<html lang="{escape(language)}">'
                                           f"<body>\n{body}\n</body></html>\n")
        self._job = Indexing(self.program, {
            str(Path(site_dir) / prefix(self.settings, language) / INDEX_DIR): records
            for language, records in indexes.items()})

    def page_markdown(self, meta: dict[str, Any]) -> None:
        """Keep the page out of Material's index."""
        search = meta.get("search")
        meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}

    def post_page(self, output: str, language_prefix: str = "") -> str:
        """Point a page's search box at its language's worker instead of Material's."""
        at = output.find(_CONFIG)
        match = _WORKER.match(output, at) if at >= 0 else None
        if match is None:
            return output
        return (f'{output[:at]}{match[1]}{match[2]}{language_prefix}{WORKER_PATH}"'
                f"{output[match.end():]}")

    def post_build(self) -> None:
        """Wait for the index (not while serving); raise RuntimeError if it failed."""
        if not self.serving and self._job is not None:
            job, self._job = self._job, None
            job.wait()

    def shutdown(self) -> None:
        """Let a preview's last indexing finish."""
        if self._job is not None:
            with contextlib.suppress(RuntimeError):
                self._job.wait()


class Indexing:
    """One run of the Pagefind indexer, fed ``{url: html}`` records without temporary files.

    It speaks ``pagefind --service``, the protocol of Pagefind's own Python and Node
    packages (base64 JSON messages, each followed by a comma): an index per output
    folder (numbered from 0 in the order they are made), a file per record, then "write
    the files" of each. A thread writes the messages and one reads the answers, so the
    indexer works while MkDocs goes on; the indexer's own threads are limited to one, to
    leave MkDocs its core.
    """

    def __init__(self, program: str, indexes: Mapping[str, Mapping[str, str]]):
        outputs = list(indexes)
        messages: list[dict[str, Any]] = [{"type": "NewIndex", "config": None}
                                          for _ in outputs]
        messages += [{"type": "AddFile", "index_id": i, "url": url, "file_path": None,
                      "file_contents": html}
                     for i, output in enumerate(outputs) for url, html in indexes[output].items()]
        messages += [{"type": "WriteFiles", "index_id": i, "output_path": output}
                     for i, output in enumerate(outputs)]
        self._last = len(messages)
        self._writes = set(range(self._last - len(outputs) + 1, self._last + 1))
        payload = b"".join(base64.b64encode(json.dumps({"message_id": i, "payload": m})
                                            .encode("utf-8")) + b","
                           for i, m in enumerate(messages, 1))
        self._outputs = outputs
        self._errors: list[str] = []
        self._written = False
        self._process = subprocess.Popen([program, "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         env={"RAYON_NUM_THREADS": "1", **os.environ})
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        threading.Thread(target=self._write, args=(payload,), daemon=True).start()

    def wait(self) -> None:
        """Wait until the index is written; RuntimeError if it was not."""
        self._reader.join()
        self._process.wait()
        if self._errors or not self._written or \
                not all((Path(output) / "pagefind.js").is_file() for output in self._outputs):
            why = self._errors[0] if self._errors else "it stopped before writing the index"
            raise RuntimeError(f"Pagefind could not index the site for search: {why}")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._reader.join()
        self._process.wait()

    def _write(self, payload: bytes) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(OSError):  # the indexer stopped: _read reports it
            self._process.stdin.write(payload)
            self._process.stdin.flush()

    def _read(self) -> None:
        assert self._process.stdout is not None and self._process.stdin is not None
        pending = b""
        while chunk := self._process.stdout.read1(1 << 16):
            *answers, pending = (pending + chunk).split(b",")
            for answer in answers:
                message = json.loads(base64.b64decode(answer))
                payload = message.get("payload", {})
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
                if message.get("message_id") in self._writes:
                    self._writes.discard(message["message_id"])
                    if payload.get("type") != "WriteFiles":
                        self._writes.add(-1)  # never written
                if message.get("message_id") == self._last:
                    self._written = not self._writes
                    # The indexer ends when its input does; only now is that safe.
                    with contextlib.suppress(OSError):
                        self._process.stdin.close()
