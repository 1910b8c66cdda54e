"""``mkdocs serve --dirty``: the claims just saved first, the rest of the site after.

A save of one claim in an archive of ten thousand changes that claim's page, and through
the listings, its article, the feed and the home page's blocks a few dozen others.
Finding which means making and keying every page again (seconds at that size; see
``bench/RESULTS.md``), so the preview answers a save with two builds:

1. **At once**, the pages of the claims whose files changed since the last whole build,
   made from those files and from what that build knew of everything else (the seeds,
   the other claims, the settings, the addresses of every page). MkDocs is shown only
   those pages and the navigation's. This is done only when nothing else changed: no
   claim file added, removed or renamed; no seed, translation, hand-written page or
   ``mkdocs.yml`` changed; the same day; every changed claim valid, meeting the desk's
   standards, untranslated, already in the site, and its history without a problem.
   Otherwise the build is whole, as before (:mod:`generator.preview`).
2. **Once saves pause** for :data:`SETTLE_S` seconds, a whole build, which brings every
   other page (listings, articles, feeds, search, ``claims.json``) up to date and logs
   that it has. A save that comes while it runs waits for it.

``mkdocs serve`` looks for changed files by reading every file's time twice a second: at
ten thousand claims that alone takes most of a second to notice a save. So the claims,
seeds and translations folders are watched here instead, by the operating system's
notices of changes (watchdog's native observer), and a change asks the server's build
loop for a build at once (:func:`ask_for_build`). That loop has no public way to be
asked; where it is not the one this was made for (MkDocs 1.6, ProperDocs 1.6), the
preview keeps MkDocs' own watching and builds whole, as before.

This is the plugin's side of the preview; the core knows nothing of it.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import watchdog.events
import watchdog.observers

from .claim_page import ClaimPage
from .editions import Edition
from .git_history import HistoryReader
from .history import check_corrections
from .model import Claim, Seed, Settings
from .paths import claim_path
from .project import check_claim_file

log = logging.getLogger("mkdocs.plugins.factcheck")

#: Seconds without a save after which the rest of the preview is brought up to date.
SETTLE_S = 3.0
#: More changed claims than this, and the build is whole at once.
MOST_CHANGED = 50

Stamp = tuple[int, int, int, int]
#: What a save does to a file (reading one, as a build does, is not a save).
_WRITES = frozenset({watchdog.events.EVENT_TYPE_CREATED, watchdog.events.EVENT_TYPE_MODIFIED,
                     watchdog.events.EVENT_TYPE_DELETED, watchdog.events.EVENT_TYPE_MOVED,
                     watchdog.events.EVENT_TYPE_CLOSED})


@dataclass(frozen=True)
class Basis:
    """What the last whole build of the preview was made from."""

    settings: Settings
    today: dt.date
    config: Stamp | None
    """``mkdocs.yml``'s stamp."""
    stamps: Mapping[str, Stamp]
    """Every file in the claims, seeds and translations folders, by path from the
    project, as it was when the build read them."""
    claims: Mapping[str, Claim]
    """The site's own edition's claims, by id."""
    claim_ids: frozenset[str]
    translated: frozenset[str]
    """The ids of the claims translated into another language."""
    seeds: Mapping[str, Seed]
    editions: Mapping[str, Edition]
    urls: Mapping[str, str]
    """The address of every generated page, by path."""
    navigation: frozenset[str]
    """The generated pages MkDocs needs for the navigation."""


class QuickPreview:
    """When the preview may build only the claims just saved, and the whole build after."""

    def __init__(self, root: str):
        self.root = root
        self.server: Any = None
        """``mkdocs serve``'s server, once :meth:`watch` has it."""
        self._observer: Any = None
        self.basis: Basis | None = None
        self.pending: Basis | None = None
        self.started: dict[str, Stamp] = {}
        self.whole_next = False
        """The next build is the whole build after quick ones."""
        self.owed = False
        """Quick builds were made since the last whole build."""
        self._timer: threading.Timer | None = None

    def inputs(self, settings: Settings) -> dict[str, Stamp]:
        """The stamp of every file in the claims, seeds and translations folders."""
        stamps: dict[str, Stamp] = {}
        folders = [settings.claims_dir, settings.seeds_dir, settings.translations_dir]
        while folders:
            folder = folders.pop()
            try:
                entries = list(os.scandir(os.path.join(self.root, folder)))
            except OSError:
                continue
            for entry in entries:
                path = f"{folder}/{entry.name}"
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                        continue
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                stamps[path] = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        return stamps

    def watch(self, server: Any, folders: Iterable[str],
              pause: Callable[[], None] = lambda: None) -> bool:
        """Watch ``folders`` for saves, each asking ``server`` for a build at once, and
        calling ``pause`` first (what the last build left to do in the background waits
        from then on: see PageMemory.busy); False, and nothing watched, if the server
        cannot be asked."""
        if not can_ask(server):
            return False
        saves = watchdog.events.FileSystemEventHandler()

        def saved(event: watchdog.events.FileSystemEvent) -> None:
            if not event.is_directory and event.event_type in _WRITES:
                pause()
                self.saved()
                ask_for_build(server)

        saves.on_any_event = saved  # type: ignore[method-assign]
        observer = watchdog.observers.Observer()
        for folder in folders:
            observer.schedule(saves, folder, recursive=True)
        observer.daemon = True
        observer.start()
        self.server, self._observer = server, observer
        return True

    def saved(self) -> None:
        """A file was saved, or a build begins: the whole build waits for the saves to
        pause again."""
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()

    def start(self, settings: Settings) -> None:
        """A build begins: note its inputs."""
        self.saved()
        self.started = self.inputs(settings)

    def changed_claims(self, settings: Settings, today: dt.date,
                       config: Stamp | None) -> list[str] | None:
        """The claim files changed since the last whole build (paths from the project),
        if only they changed and a quick build may show them; else None."""
        basis = self.basis
        if self.whole_next or basis is None or basis.settings != settings or \
                basis.today != today or basis.config != config:
            return None
        now = self.started
        if now.keys() != basis.stamps.keys():
            return None  # a file added, removed or renamed
        changed = [path for path, stamp in now.items() if basis.stamps[path] != stamp]
        folder = basis.settings.claims_dir + "/"
        if not changed or len(changed) > MOST_CHANGED or not all(
                path.startswith(folder) and "/" not in path[len(folder):]
                and path.endswith(".yaml") for path in changed):
            return None
        return sorted(changed)

    def whole(self, basis: Basis) -> None:
        """A whole build has made its pages from ``basis``; kept once it finishes."""
        self.pending = basis

    def finished(self, quick: bool) -> None:
        """The build finished. After a quick one, the whole build follows once saves
        pause; after a whole one, quick ones may follow."""
        if quick:
            self.owed = True
            self._timer = threading.Timer(SETTLE_S, self._ask_for_whole)
            self._timer.daemon = True
            self._timer.start()
            return
        if self.pending is not None:
            self.basis, self.pending = self.pending, None
        if self.owed:
            log.info("factcheck: every page of the preview is up to date")
        self.whole_next = self.owed = False

    def failed(self) -> None:
        """The build failed: the next one is whole."""
        self.pending = None
        self.basis = None

    def _ask_for_whole(self) -> None:
        self.whole_next = True
        ask_for_build(self.server)

    def stop(self) -> None:
        self.saved()
        if self._observer is not None:
            self._observer.stop()
            self._observer = None


def quick_pages(quick: QuickPreview, settings: Settings, today: dt.date,
                config: Stamp | None, history: HistoryReader | None
                ) -> list[tuple[str, ClaimPage]] | None:
    """The pages of the claims saved since the last whole build, by path, if a quick
    build may show them (see the module's text); else None."""
    basis = quick.basis
    changed = quick.changed_claims(settings, today, config)
    if basis is None or changed is None or history is None:
        return None
    claims = []
    for shown in changed:
        claim, problems = check_claim_file(quick.root, shown, settings, basis.seeds,
                                           basis.claim_ids, today)
        if claim is None or problems or claim.id not in basis.claims \
                or claim.id in basis.translated:
            return None  # its problems, its translations or a new page: a whole build
        claims.append(claim)
    past = history.read(claims, today, mark_uncommitted=True)
    problems, warnings = check_corrections(
        past, settings.standards.verdict_change_needs_correction)
    if problems or warnings:
        return None  # said by the whole build, as `factcheck check` says them
    by_id = ChainMap({claim.id: claim for claim in claims}, basis.claims)
    return [(claim_path(claim.id), ClaimPage.of(claim, basis.seeds.get(claim.seed or ""),
                                                by_id, settings, past.claims.get(claim.id)))
            for claim in claims]


def can_ask(server: Any) -> bool:
    """Whether :func:`ask_for_build` can ask ``server`` for a build."""
    return isinstance(getattr(server, "_rebuild_cond", None), threading.Condition) and \
        isinstance(getattr(server, "_want_rebuild", None), bool)


def ask_for_build(server: Any) -> None:
    """Ask the build loop of ``mkdocs serve``'s server for a build, as its own watcher
    does when it sees a change (MkDocs 1.6's ``LiveReloadServer.watch``)."""
    if server is None or not can_ask(server):
        return
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def stamp(path: str) -> Stamp | None:
    """A file's size, modification and change times and inode; None if it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
