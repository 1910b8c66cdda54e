"""Share cards in the build: one picture per claim, drawn beside MkDocs and kept for next time.

Each claim page's ``og:image`` and ``twitter:image`` is a 1200×630 PNG
(:mod:`generator.card_layout` decides what it shows, :mod:`generator.card_image`
draws it). The plugin asks for every claim's card when it knows the claims
(:meth:`ShareCards.start`); worker processes draw the missing ones while MkDocs
builds the pages (a thread, when there are only a few: a preview's edit), and the build
waits for them only at its end (:meth:`ShareCards.finish`).

Cards are kept in a cache folder (``.cache/factcheck/cards`` beside ``mkdocs.yml`` by
default), one file per card named by a hash of everything the picture depends on: the
text it shows, the verdict's colour and icon, the site's name and language, the
versions of the fonts and libraries that draw it, and the drawing code itself. A card
whose inputs did not change is copied from there, never drawn again; its name in the
site (``assets/cards/<claim>-<hash>.png``) changes when its picture does, so social
sites that keep an old picture by its address fetch the new one. ``mkdocs build``
removes from the cache the cards it no longer uses, and only from a folder it made
(marked with a ``CACHEDIR.TAG``, which also tells backup programs to skip it).
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import dataclasses
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from .card_layout import CardSpec, card_alt, card_spec
from .model import Claim, Settings

log = logging.getLogger("mkdocs.plugins.factcheck")

#: Where the cards go in the site.
CARDS_DIR = "assets/cards"
#: The default cache folder, relative to the folder of ``mkdocs.yml``.
DEFAULT_CACHE = ".cache/factcheck/cards"
#: Cards drawn per task sent to a worker process: enough to make sending them cheap.
BATCH = 50
#: Up to this many missing cards (a preview's edit, a small site) are drawn by a thread
#: of the build's own process: starting a worker process costs as much as 100 cards.
IN_PROCESS = 50
TAG = "CACHEDIR.TAG"
_TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
             "# The factcheck plugin's cache of share cards (see generator/cards.py).\n"
             "# Anything in this folder may be removed; it is drawn again when needed.\n")
_CACHED = re.compile(r"[0-9a-f]{64}\.png")
_TEMP = ".tmp"
#: A card to draw: what it shows, its file in the cache, and its files in the site.
Card = tuple[CardSpec, str, list[str]]
#: The packages whose versions change how a card looks.
_PACKAGES = ("pillow", "resvg-py", "fontpkg", "fontpkg-noto-sans", "fontpkg-noto-sans-arabic",
             "arabic-reshaper", "python-bidi")


class ShareCards:
    """The share cards of one build: which card each claim has, and drawing the missing."""

    def __init__(self, cache_dir: str | os.PathLike[str], serving: bool = False,
                 workers: int | None = None):
        self.cache = Path(cache_dir)
        self.serving = serving
        self.workers = workers or _spare_cores()
        self.names: dict[str, str] = {}
        """The card's path in the site, by claim id."""
        self.alts: dict[str, str] = {}
        self.site_url = ""
        self.drawn = 0
        self._keys: dict[str, str] = {}
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._jobs: list[tuple[concurrent.futures.Future[int], list[Card], list[str]]] = []
        self._started = 0.0

    def start(self, claims: Iterable[Claim], settings: Settings, site_dir: str,
              others: Iterable[tuple[str, Iterable[Claim], Settings]] = ()) -> None:
        """Put each claim's card into ``site_dir``: copied from the cache, or drawn.

        Both go on beside the build, in a thread and in worker processes;
        :meth:`finish` waits for them. ``others`` are the site's other languages (see
        :mod:`generator.editions`), each ``(folder, claims, settings)``: their cards are
        in their words, known by the folder and the claim's id (``fr/`` + ``x``).
        """
        self._started = time.perf_counter()
        site = os.path.join(site_dir, CARDS_DIR)
        os.makedirs(site, exist_ok=True)
        _make_cache(self.cache)
        cache = str(self.cache)
        fingerprint = renderer_fingerprint()
        self.site_url = settings.site_url
        self.names, self.alts, self._keys, self._jobs, self.drawn = {}, {}, {}, [], 0
        missing: list[tuple[Card, str]] = []  # and the claim's file
        cached: list[tuple[str, list[str]]] = []
        targets: dict[str, list[str]] = {}  # by key: claims may share a card
        for folder, claim, local in [*(("", c, settings) for c in claims),
                                     *((f, c, s) for f, cs, s in others for c in cs)]:
            spec = card_spec(claim, local)
            key = card_key(spec, fingerprint)
            name = f"{claim.id}-{key[:12]}.png"
            self.names[folder + claim.id] = f"{CARDS_DIR}/{name}"
            self.alts[folder + claim.id] = card_alt(claim, local)
            self._keys[folder + claim.id] = key
            target = os.path.join(site, name)
            if key in targets:
                targets[key].append(target)
                continue
            targets[key] = [target]
            path = os.path.join(cache, f"{key}.png")
            if os.path.exists(path):
                cached.append((path, targets[key]))
            else:
                missing.append(((spec, path, targets[key]), claim.path))
        self.drawn = len(missing)
        here = missing if len(missing) <= IN_PROCESS else []
        thread = concurrent.futures.ThreadPoolExecutor(1)
        self._jobs.append((thread.submit(_copy_and_draw, cached, [card for card, _ in here]),
                           [card for card, _ in here], [file for _, file in here]))
        thread.shutdown(wait=False)  # it goes on; finish() waits for it
        if not here:
            for i in range(0, len(missing), BATCH):
                batch = [card for card, _ in missing[i:i + BATCH]]
                self._jobs.append((self._workers().submit(draw_batch, batch), batch,
                                   [file for _, file in missing[i:i + BATCH]]))

    def image(self, claim_id: str, page_url: str) -> tuple[str, str] | None:
        """The address of a claim's card, and its description; None if it has none.
        ``claim_id`` starts with its language's folder in another language (``fr/x``).

        The address is absolute when the site has a ``site_url``, as Open Graph asks;
        without one it can only be relative to the page at ``page_url`` (``claims/x/``).
        """
        name = self.names.get(claim_id)
        if name is None:
            return None
        url = self.site_url + name if self.site_url else "../" * page_url.count("/") + name
        return url, self.alts[claim_id]

    def finish(self) -> None:
        """Wait for the cards being drawn; RuntimeError if one could not be drawn."""
        jobs, self._jobs = self._jobs, []
        for job, batch, files in jobs:
            try:
                try:
                    job.result()
                except concurrent.futures.process.BrokenProcessPool:
                    # A worker could not start: under a script that starts a build
                    # without `if __name__ == "__main__":`, say. Draw here instead.
                    self.shutdown()
                    draw_batch(batch)
            except Exception as error:  # the first problem is enough: the rest are alike
                self.shutdown()
                which = (f"the share card of {files[0]} or of another of {len(files)} "
                         "claims") if files else "the share cards from their cache"
                raise RuntimeError(f"could not make {which}: "
                                   f"{type(error).__name__}: {error}") from error
        # Even a preview lets its workers go: its next builds draw a card or two, here.
        self.shutdown()
        if not self.serving:
            self.prune()
        log.info("factcheck: %d share cards, %d drawn, in %.1f s", len(self.names),
                 self.drawn, time.perf_counter() - self._started)

    def prune(self) -> int:
        """Remove the cached cards this build did not use, from a cache folder we made."""
        if not (self.cache / TAG).is_file():
            return 0
        used = {f"{key}.png" for key in self._keys.values()}
        removed = 0
        for entry in os.scandir(self.cache):
            if (_CACHED.fullmatch(entry.name) and entry.name not in used) or \
                    entry.name.endswith(_TEMP):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
        return removed

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _workers(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            # "spawn": MkDocs runs threads (the build cache's writer, the preview's), and forking a
            # process that has threads can deadlock the child.
            self._pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_leave_with, initargs=(os.getpid(),))
        return self._pool


def draw_batch(batch: list[Card]) -> int:
    """Draw cards in a worker: each into the cache, then into the site. How many drawn."""
    from .card_image import draw_card  # Pillow is loaded by the workers only

    for spec, cached, targets in batch:
        png = draw_card(spec)
        temp = f"{cached}.{os.getpid()}{_TEMP}"
        with open(temp, "wb") as out:
            out.write(png)
        os.replace(temp, cached)  # another build never sees half a card
        for target in targets:
            with open(target, "wb") as out:
                out.write(png)
    return len(batch)


def card_key(spec: CardSpec, fingerprint: str) -> str:
    """The hash that names a card: of everything its picture depends on.

    >>> from generator.card_layout import CardSpec
    >>> spec = CardSpec("Claim.", ("Jo",), "False", "#cf222e", "<svg/>", "Site", "en", "ltr")
    >>> card_key(spec, "v1") == card_key(spec, "v1") != card_key(spec, "v2")
    True
    """
    fields = [getattr(spec, field.name) for field in dataclasses.fields(spec)]
    return hashlib.sha256(json.dumps([fingerprint, fields]).encode()).hexdigest()


def renderer_fingerprint() -> str:
    """What, besides its text, a card's picture depends on: the drawing code, the versions
    of the libraries and fonts, and whether Pillow has Raqm here."""
    from PIL import features  # Pillow is loaded once, and only when cards are made

    here = Path(__file__).parent
    parts = [hashlib.sha256((here / name).read_bytes()).hexdigest()
             for name in ("card_layout.py", "card_image.py")]
    for package in _PACKAGES:
        try:
            parts.append(f"{package}=={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package} missing")
    parts += [f"{name}={features.version(name)}"
              for name in ("freetype2", "raqm", "fribidi", "harfbuzz")]
    return "\n".join(parts)


def _make_cache(folder: Path) -> None:
    """Create the cache folder, and tag it as ours if it is new or empty."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / TAG).exists() and not any(folder.iterdir()):
        (folder / TAG).write_text(_TAG_TEXT, encoding="utf-8")


def _copy_and_draw(cached: list[tuple[str, list[str]]], missing: list[Card]) -> int:
    """Copy cached cards into the site, then draw ``missing``; how many drawn.

    A copy, not a link: the cache stays the cache whatever is done to the site later.
    A card already in the site is the same card, as its name says what it shows (the
    preview keeps the site between builds).
    """
    for source, targets in cached:
        for target in targets:
            if not os.path.exists(target):
                shutil.copyfile(source, target)
    return draw_batch(missing) if missing else 0


def _leave_with(parent: int) -> None:
    """Make a worker process end when the build's process does, even killed: a worker
    left behind would keep the build's output open, and whoever reads it waiting."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _spare_cores() -> int:
    """Worker processes to draw with: the cores MkDocs leaves free, at least one."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 2
    return max(1, min(4, cores - 1))
