"""``mkdocs serve --dirty``: rebuild only the generated pages that changed.

In a dirty build MkDocs skips a page whose file is older than its output. Generated
pages have no file, so MkDocs would rebuild them all on every save: minutes for ten
thousand claims. Here each generated page remembers its key from the last build (a
digest of everything it is made from: :meth:`generator.claim_page.ClaimPage.key`, or of
its Markdown), and counts as modified only when the key changed, or when ``mkdocs.yml``
did (its navigation and settings are on every page). An unchanged page is not even made.
A page that is no longer generated (a deleted claim) has its output removed, so the
preview does not keep serving it.

When only claims or seeds changed (no hand-written page, no setting), MkDocs is not even
shown the generated pages that did not change, only those that did and those in the
navigation: their output from the last build is still in the preview's folder, and
MkDocs' own work per page (a page object, its events) would otherwise take seconds on
every save of a large archive. Links to them are resolved by the plugin. The preview's
``sitemap.xml`` then lists only what was rebuilt; the built site's is whole.

A hand-written page with blocks (the home page's latest checks and verdict chart) is the
opposite case: its file does not change when a claim does, so MkDocs would keep its old
output. It is rebuilt when its text with the blocks filled in has changed.

This is the build that follows a save, or that brings the preview up to date after
quick builds of the saved claims alone (:mod:`generator.quick_preview`). It is the
plugin's side of the preview; the core knows nothing of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Mapping

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files


class GeneratedFile(File):
    """A generated file that says whether its content changed since the last build."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


class RebuiltFile(File):
    """A hand-written page to build again although its file has not changed."""

    def is_modified(self) -> bool:
        return True


class PageMemory:
    """The key and output of every generated file, as of the last finished build."""

    def __init__(self) -> None:
        self._built: dict[str, tuple[str, str]] = {}
        self._pending: dict[str, tuple[str, str]] = {}
        self._config: tuple[int, int] | None = None
        self._pending_config: tuple[int, int] | None = None
        self._filled: dict[str, bytes] = {}  # hand-written pages, with blocks filled in
        self._pending_filled: dict[str, bytes] = {}
        self._later: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def changed(self, config: MkDocsConfig, keys: Mapping[str, str]) -> set[str]:
        """The generated files whose key differs from the last build's (all of them, if
        ``mkdocs.yml`` changed)."""
        try:
            stat = os.stat(config.config_file_path or "mkdocs.yml")
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        self._pending_config = stamp
        if stamp is None or stamp != self._config:
            return set(keys)
        return {path for path, key in keys.items()
                if self._built.get(path, ("", ""))[0] != key}

    def mark(self, keys: Mapping[str, str], changed: set[str],
             files: Iterable[GeneratedFile]) -> None:
        """Mark the files MkDocs is shown, changed or not; remember every key."""
        dest = {path: d for path, (_, d) in self._built.items()}
        for file in files:
            file.changed = file.src_uri in changed
            dest[file.src_uri] = file.dest_uri
        self._pending = {path: (key, dest.get(path, "")) for path, key in keys.items()}

    def hand_written(self, files: Files, filled: Mapping[str, str]) -> None:
        """Rebuild the hand-written pages whose text, blocks filled in, changed.

        ``filled`` maps each hand-written page that has blocks to its filled-in text.
        """
        self._pending_filled = {}
        for src_uri, text in filled.items():
            digest = _digest(text)
            self._pending_filled[src_uri] = digest
            old = files.get_file_from_path(src_uri)
            if old is None or self._filled.get(src_uri) == digest:
                continue
            files.remove(old)
            files.append(RebuiltFile(old.src_uri, old.src_dir, old.dest_dir,
                                     old.use_directory_urls, dest_uri=old.dest_uri,
                                     inclusion=old.inclusion))

    def remove_gone(self, site_dir: str) -> list[str]:
        """Remove the output of files generated last time but not now; their dest_uri."""
        gone = [dest for path, (_, dest) in self._built.items() if path not in self._pending]
        for dest in gone:
            with contextlib.suppress(OSError):
                os.remove(os.path.join(site_dir, dest))
        return gone

    def built(self) -> None:
        """The build finished: what it wrote is now the last build."""
        self._built, self._config = self._pending, self._pending_config
        self._filled = self._pending_filled

    def shown_elsewhere(self, paths: Iterable[str]) -> None:
        """Pages another build wrote (the preview's quick builds): the next build here
        makes them again, whatever their key."""
        for path in paths:
            if path in self._built:
                self._built[path] = ("", self._built[path][1])

    def busy(self) -> None:
        """A build runs, or is about to (a save was seen): the work done later waits at its
        next :meth:`pace`, until the build's end (:meth:`idle`)."""
        self._idle.clear()

    def idle(self) -> None:
        """No build runs: the work done later goes on."""
        self._idle.set()

    def pace(self) -> None:
        """Called by the work done later, often: it waits while a build runs, which
        would otherwise share Python's one running thread with it (a save's page is
        served later by as much)."""
        self._idle.wait()

    def later(self, work: Callable[[], None]) -> None:
        """Do ``work`` (the search index, claims.json) after the preview is served, in a
        thread, after the last build's has finished; it should call :meth:`pace`."""
        previous = self._later

        def run() -> None:
            if previous is not None:
                previous.join()
            work()

        self._later = threading.Thread(target=run, daemon=True)
        self._later.start()


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as compiled on the first build, for the next ones.

    MkDocs makes a new Jinja environment for every build, so every save of the preview
    would compile the theme's templates again (about a second). Jinja checks a template's
    source against what was compiled, so a changed template is compiled afresh. Kept in
    memory, for the preview only.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
