"""What a build keeps for the next one, in ``.cache/factcheck/build.sqlite`` beside mkdocs.yml.

Four things are kept in the database, the first three keyed by everything they depend
on, and the theme's compiled templates beside it (:meth:`BuildCache.templates`):

- **Checked claims**, by claim file: the digest of the file's text, the file's size,
  times and inode (a file whose stamp is unchanged is not even read), the fingerprint of
  its seed, and the claim as checked (plain JSON, never code). They are reused under the rules
  of :class:`generator.project.ClaimCache`, and only while the settings and the
  environment (below) are the same.
- **Generated pages**, as the final HTML MkDocs writes, with the page's front matter,
  anchors and links. A page's key is a digest of: the environment (the engine, MkDocs or
  ProperDocs, Python, every installed package and its version, the generator's own code,
  templates and catalogs), the site's
  whole configuration (``mkdocs.yml`` as loaded: theme, plugins, Markdown extensions,
  ``extra``...), every file of the theme's ``custom_dir`` (``overrides/``), the
  navigation (its structure, titles and the source of every page in it), the page's
  address, and what the page is made from (for a claim: the claim, its seed, the claims
  it links to and the settings; for other pages: their Markdown).
- **What the files made whole at the end of a build are made of**: each claim's line of
  ``claims.json`` (keyed by the environment, the claim and the settings) and each
  page's words in the search index (by the environment and the page's record).
- **The pages left in the site folder**: by path, the page's key and the file's size,
  modification and change times and inode, so that the next build can leave an unchanged page's file
  where it is instead of writing it again (:mod:`generator.old_site`).

A page is reused only when every one of those is the same, so a warm build writes the
same bytes a cold one does (tests/test_build_cache.py changes each input in turn). Pages
are kept only when no plugin but ``search`` and ``factcheck`` takes part in the build
(another plugin could change any page in ways this cannot see), and only after a build
that finished without a warning. What a build did not use is dropped at its end.

Delete the folder to start afresh (``make clean`` does); nothing else reads it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import platform
import queue
import sqlite3
import sysconfig
import threading
import types
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import jinja2

from .model import Claim, Correction, Settings, Source, StandardException, fingerprint
from .project import ClaimCache

log = logging.getLogger("mkdocs.plugins.factcheck")

#: Where the cache lives, relative to the project's root (the folder of mkdocs.yml).
CACHE_DIR = ".cache/factcheck"
#: Plugins whose work on a page is known; with any other, pages are not kept.
KNOWN_PLUGINS = frozenset({"search", "material/search", "factcheck"})
_SCHEMA = 3
T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent


def digest(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=20).hexdigest()


@functools.cache
def environment() -> str:
    """The engine running the build (MkDocs or ProperDocs, which answers to the name
    ``mkdocs`` when it runs), Python, every installed distribution with its version, and
    this package's files."""
    import mkdocs

    dists = sorted({f"{d.metadata['Name']}=={d.version}"
                    for d in importlib.metadata.distributions() if d.metadata["Name"]})
    return digest(mkdocs.__name__, mkdocs.__version__, platform.python_implementation(),
                  platform.python_version(), *dists,
                  _tree(_PACKAGE, suffixes=(".py", ".j2", ".po", ".mo", ".js", ".yaml", ".html")))


def configuration(config: Mapping[str, Any]) -> str:
    """The site's configuration as loaded, less what cannot change a page (where the
    project and the site are on disk, the serve address, the deploy branch)."""
    skip = {"config_file_path", "docs_dir", "site_dir", "dev_addr", "strict",
            "remote_branch", "remote_name", "theme", "plugins", "hooks"}
    root = Path(str(config.get("config_file_path") or "mkdocs.yml")).resolve().parent
    theme = config["theme"]
    theme_dirs = [d for d in theme.dirs if not _installed(d)]
    plugins = {name: [_qualified(type(plugin)), _stable(dict(plugin.config))]
               for name, plugin in config["plugins"].items()}
    return digest(json.dumps({
        "config": {k: _stable(v) for k, v in config.items() if k not in skip},
        "theme": [theme.name, _stable(dict(theme.items())), [_tree(Path(d)) for d in
                                                             theme_dirs]],
        "theme_dirs": [os.path.relpath(d, root) for d in theme_dirs],
        "plugins": plugins,
        "hooks": {name: _tree(Path(str(module.__file__)))
                  for name, module in (config.get("hooks") or {}).items()},
    }, sort_keys=True))


def cacheable(config: Mapping[str, Any]) -> bool:
    """Whether pages may be kept: only known plugins take part in the build."""
    others = sorted(set(config["plugins"]) - KNOWN_PLUGINS)
    if others:
        log.info("factcheck: generated pages are built afresh each time (the build cache "
                 "keeps only checked claims), because the plugins %s may change any page",
                 ", ".join(others))
    return not others


def _installed(folder: str) -> bool:
    """Whether a folder belongs to an installed package (its version is in the key)."""
    places = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    real = os.path.realpath(folder)
    return any(real.startswith(os.path.realpath(p) + os.sep) for p in places if p)


def _tree(path: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """A digest of a file, or of every file under a folder (names and bytes)."""
    if path.is_file():
        return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
    parts = []
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        if "__pycache__" in file.parts or (suffixes and file.suffix not in suffixes):
            continue
        parts += [file.relative_to(path).as_posix(),
                  hashlib.blake2b(file.read_bytes(), digest_size=20).hexdigest()]
    return digest(*parts)


def _qualified(value: Any) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"


def _stable(value: Any) -> Any:
    """A value as plain JSON that is the same in every run (no addresses in memory)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping) or hasattr(value, "items"):
        return {str(k): _stable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_stable(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, set | frozenset) else items
    if isinstance(value, types.ModuleType):
        return [value.__name__, _tree(Path(str(value.__file__)))] if value.__file__ else \
            value.__name__
    if callable(value):
        return _qualified(value)
    text = str(value)
    return _qualified(type(value)) if " at 0x" in text else [_qualified(type(value)), text]


# -- claims as plain JSON --------------------------------------------------------------

def claim_to_json(claim: Claim) -> str:
    """A checked claim as JSON (its verdict by key): what ``dataclasses.asdict`` would
    give, made field by field (``asdict`` copies every value deeply; at 10,000 claims
    that took seconds of a cold build)."""
    data = {name: getattr(claim, name) for name in _CLAIM_FIELDS}
    data["verdict"] = claim.verdict.key
    data["sources"] = [_fields(source, _SOURCE_FIELDS) for source in claim.sources]
    data["corrections"] = [_fields(c, _CORRECTION_FIELDS) for c in claim.corrections]
    data["exceptions"] = [_fields(e, _EXCEPTION_FIELDS) for e in claim.exceptions]
    data["lines"] = dict(claim.lines)
    if claim.translation is not None:
        data["translation"] = dataclasses.asdict(claim.translation)
    data["key"] = claim.key  # its fingerprint, made once
    return json.dumps(data, default=str, ensure_ascii=False)


def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


_CLAIM_FIELDS = _names(Claim)
_SOURCE_FIELDS = _names(Source)
_CORRECTION_FIELDS = _names(Correction)
_EXCEPTION_FIELDS = _names(StandardException)


def _fields(value: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(value, name) for name in names}


def claim_from_json(text: str, settings: Settings) -> Claim:
    """The claim :func:`claim_to_json` wrote, equal to the one that was checked."""
    data = json.loads(text)
    day = _day
    rating = settings.rating(data.pop("verdict"))
    key = data.pop("key")
    assert rating is not None
    claim = Claim(**{
        **data, "verdict": rating,
        "sources": tuple(Source(**{**s, "date": day(s["date"])}) for s in data["sources"]),
        "corrections": tuple(Correction(day(c["date"]), c["note"])  # type: ignore[arg-type]
                             for c in data["corrections"]),
        "published": day(data["published"]), "claim_date": day(data["claim_date"]),
        "updated": day(data["updated"]), "tags": tuple(data["tags"]),
        "related": tuple(data["related"]),
        "quote_span": tuple(data["quote_span"]) if data["quote_span"] else None,
        "exceptions": tuple(StandardException(**e) for e in data["exceptions"]),
    })
    claim.__dict__["key"] = key  # what Claim.key would make again
    return claim


def _stamp_of(cache: ClaimCache, path: str, text_digest: str) -> str:
    """The stamp of the file whose text has ``text_digest``, as JSON ("" if not known)."""
    known = cache.stamps.get(path)
    return json.dumps(known[0]) if known is not None and known[1] == text_digest else ""


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# -- the store ----------------------------------------------------------------------------

class BuildCache:
    """The cache of one project, open for one build.

    Checked claims are stored as soon as they are known (they hold whatever the build
    does). Pages are compressed and stored by a thread of their own, in one transaction
    that :meth:`finish` commits or drops: zlib and SQLite let go of the interpreter while
    they work, so this takes the machine's other core, not the build's.
    """

    def __init__(self, root: str | os.PathLike[str], environment: str):
        folder = Path(root) / CACHE_DIR
        folder.mkdir(parents=True, exist_ok=True)
        self._path = folder / "build.sqlite"
        self._db = sqlite3.connect(self._path, isolation_level=None, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._environment = environment
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version != _SCHEMA:
            for table in ("meta", "claims", "pages", "outputs", "files", "texts"):
                self._db.execute(f"DROP TABLE IF EXISTS {table}")
            self._db.execute(f"PRAGMA user_version={_SCHEMA}")
        self._db.executescript("""
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS claims (
                path TEXT PRIMARY KEY, digest TEXT, seed TEXT, claim TEXT, stamp TEXT);
            CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, head TEXT);
            CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, output BLOB);
            CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, key TEXT, stamp TEXT);
            CREATE TABLE IF NOT EXISTS texts (key TEXT PRIMARY KEY, kind TEXT, text TEXT);
        """)
        self._stored_claims: dict[str, tuple[str, str]] = {}  # digest, stamp
        self._used: set[str] = set()
        self._pages: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=8)
        self._batch: list[tuple[str, str, str]] = []  # key, front matter etc., HTML
        self._texts: list[tuple[str, str, str]] = []
        # Started with the first page to keep: after the build forks its renderers.
        self._writer: threading.Thread | None = None
        self._detached = False

    # claims

    def claims(self, settings: Settings) -> ClaimCache:
        """The checked claims kept by the last build, for :func:`load_project`."""
        cache = ClaimCache(settings=settings, trust_stat=True)
        context = self._meta("claims")
        if context != digest(self._environment, fingerprint(settings)):
            return cache
        for path, text_digest, seed, claim, stamp in self._db.execute(
                "SELECT path, digest, seed, claim, stamp FROM claims"):
            cache.valid[path] = (text_digest, seed, claim_from_json(claim, settings))
            if stamp:
                cache.stamps[path] = (tuple(json.loads(stamp)), text_digest)
            self._stored_claims[path] = (text_digest, stamp)
        return cache

    def keep_claims(self, cache: ClaimCache) -> int:
        """Store what changed in ``cache`` since :meth:`claims`; how many claims that was."""
        assert cache.settings is not None
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (
                "claims", digest(self._environment, fingerprint(cache.settings))))
            gone = set(self._stored_claims) - set(cache.valid)
            self._db.executemany("DELETE FROM claims WHERE path = ?", ((p,) for p in gone))
            return self._db.executemany(  # one at a time: 40 MB in all
                "INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?)",
                self._changed_claims(cache)).rowcount

    def _changed_claims(self, cache: ClaimCache) -> Iterator[tuple[str, str, str, str, str]]:
        for path, (text_digest, seed, claim) in cache.valid.items():
            stamp = _stamp_of(cache, path, text_digest)
            if self._stored_claims.get(path) != (text_digest, stamp):
                yield path, text_digest, seed, claim_to_json(claim), stamp

    # pages

    def known(self, keys: Iterable[str]) -> dict[str, tuple[dict[str, Any], set[str],
                                                         dict[str, dict[str, str]]]]:
        """The kept pages among ``keys``: their front matter, anchors and links."""
        wanted = set(keys)
        found = {}
        # Read apart from the HTML (a table of its own), which is read page by page.
        for key, head in self._db.execute("SELECT key, head FROM pages"):
            if key in wanted:
                meta, anchors, links = json.loads(head)
                found[key] = (meta, set(anchors), links)
        self._used |= set(found)
        return found

    def output(self, key: str) -> str:
        row = self._db.execute("SELECT output FROM outputs WHERE key = ?", (key,)).fetchone()
        return zlib.decompress(row[0]).decode("utf-8")

    def keep_page(self, key: str, meta: Mapping[str, Any], anchors: Iterable[str],
                  links: Mapping[str, Mapping[str, str]], output: str) -> None:
        self._used.add(key)
        self._start_writer()
        # Handed over a few at a time: waking the thread for every page costs more.
        links = {page: dict(sorted(targets.items())) for page, targets in sorted(links.items())}
        self._batch.append((key, json.dumps([meta, sorted(anchors), links], default=str),
                            output))
        if len(self._batch) >= 16:
            self._pages.put(("pages", self._batch))
            self._batch = []

    def remember(self, kind: str, make: Callable[[T], str], context: str,
                 key: Callable[[T], str]) -> Callable[[T], str]:
        """``make``, for what a file made whole at the end of the build is made of (each
        claim's line of ``claims.json``, each page's words in the search index): what an
        earlier build made of the same thing (``key``) in the same ``context`` is taken
        as it was."""
        context = digest(self._environment, kind, context)

        def text(value: T) -> str:
            made_key = digest(context, key(value))
            self._used.add(made_key)
            # Looked up one by one: all of a kind is tens of MB at 10,000 claims.
            row = self._db.execute("SELECT text FROM texts WHERE key = ?", (made_key,)
                                   ).fetchone()
            made = row[0] if row is not None else None
            if made is None:
                made = make(value)
                self._texts.append((made_key, kind, made))
                if len(self._texts) >= 64 and not self._detached:
                    self._start_writer()
                    self._pages.put(("texts", self._texts))
                    self._texts = []
            return made

        return text

    def templates(self) -> jinja2.BytecodeCache:
        """The theme's templates as compiled by an earlier build (about half a second to
        compile again), in ``templates/`` beside the database. Jinja compiles a template
        afresh when its source changed; the folder is emptied when the environment did
        (another Jinja, MkDocs or theme could compile the same source otherwise)."""
        folder = self._path.parent / "templates"
        folder.mkdir(exist_ok=True)
        compiled = jinja2.FileSystemBytecodeCache(str(folder))
        mark = folder / "environment"
        if not mark.is_file() or mark.read_text(encoding="utf-8") != self._environment:
            compiled.clear()
            mark.write_text(self._environment, encoding="utf-8")
        return compiled

    def detach(self) -> None:
        """In a process forked from the build's (generator/forked_files.py): what
        :meth:`remember` takes and makes is only noted, for :meth:`taken` to hand back;
        this process never writes to the database. It reads it through a connection of its
        own: the one it was forked with stays open, unused, as SQLite asks."""
        self._detached = True
        self._used, self._texts = set(), []
        self._forked_with = self._db
        self._db = sqlite3.connect(self._path, isolation_level=None, timeout=60)

    def taken(self) -> tuple[set[str], list[tuple[str, str, str]]]:
        """What a detached cache's :meth:`remember` took (by key) and made anew."""
        return self._used, self._texts

    def adopt(self, used: Iterable[str], texts: Iterable[tuple[str, str, str]]) -> None:
        """What a forked process's :meth:`taken` gave: stored as if taken and made here."""
        self._used.update(used)
        self._texts.extend(texts)

    def wrote_pages(self) -> bool:
        """Whether the last build left pages in the site folder (see :meth:`written`)."""
        return self._db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is not None

    def written(self) -> dict[str, tuple[str, str]]:
        """The pages the last build left in the site folder: by path in it, the page's
        key and the file's stamp (:func:`generator.old_site.stamp`)."""
        return {path: (key, stamp) for path, key, stamp in
                self._db.execute("SELECT path, key, stamp FROM files")}

    def finish(self, keep: bool, files: Mapping[str, tuple[str, str]] | None = None) -> None:
        """Commit the pages this build kept, and drop those it did not use; or, after a
        build that failed or warned, store none. ``files`` are the pages this build left
        in the site folder, as :meth:`written` gives them back."""
        self._start_writer()  # if no page was made: only the unused ones to drop
        if self._batch:
            self._pages.put(("pages", self._batch))
            self._batch = []
        if self._texts:
            self._pages.put(("texts", self._texts))
            self._texts = []
        self._pages.put(("finish", keep, set(self._used), dict(files or {})))
        self._writer.join()
        self._db.close()

    def _start_writer(self) -> None:
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_pages, daemon=True)
            self._writer.start()

    def _write_pages(self) -> None:
        db = sqlite3.connect(self._path, isolation_level=None, timeout=60)
        with contextlib.closing(db):
            message = self._pages.get()
            # Only now: the claims are stored (on_files) before the first page is written.
            db.execute("BEGIN IMMEDIATE")
            while True:
                if message[0] == "finish":
                    break
                if message[0] == "texts":
                    db.executemany("INSERT OR REPLACE INTO texts VALUES (?, ?, ?)", message[1])
                    message = self._pages.get()
                    continue
                db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)",
                               [(key, head) for key, head, _ in message[1]])
                db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?)", [
                    (key, zlib.compress(output.encode("utf-8"), 1))
                    for key, _, output in message[1]])
                message = self._pages.get()
            _, keep, used, files = message
            if not keep:
                db.execute("ROLLBACK")
                return
            # Only what changed is written: after a warm build, a few rows.
            for table in ("pages", "outputs", "texts"):
                db.executemany(f"DELETE FROM {table} WHERE key = ?", [
                    (key,) for (key,) in db.execute(f"SELECT key FROM {table}")
                    if key not in used])
            before = {path: (key, stamp) for path, key, stamp in
                      db.execute("SELECT path, key, stamp FROM files")}
            db.executemany("DELETE FROM files WHERE path = ?",
                           [(path,) for path in before if path not in files])
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", [
                (path, key, stamp) for path, (key, stamp) in files.items()
                if before.get(path) != (key, stamp)])
            db.execute("COMMIT")

    def _meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None
