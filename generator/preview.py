"""``mkdocs serve --dirty``: rebuild only the generated pages whose text changed.

In a dirty build MkDocs skips a page whose file is older than its output. Generated
pages have no file, so MkDocs would rebuild them all on every save: tens of seconds for
a thousand claims. Here each generated page remembers a digest of its Markdown from the
last build, and counts as modified only when that digest changed, or when ``mkdocs.yml``
did (its navigation and settings are on every page). A page that is no longer generated
(a deleted claim) has its output removed, so the preview does not keep serving it.

A hand-written page with blocks (the home page's latest checks and verdict chart) is the
opposite case: its file does not change when a claim does, so MkDocs would keep its old
output. It is rebuilt when its text with the blocks filled in has changed.

This is the plugin's side of the preview; the core knows nothing of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel


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
    """The digest and output of every generated file, as of the last finished build."""

    def __init__(self) -> None:
        self._built: dict[str, tuple[bytes, str]] = {}
        self._pending: dict[str, tuple[bytes, str]] = {}
        self._config: tuple[int, int] | None = None
        self._pending_config: tuple[int, int] | None = None
        self._filled: dict[str, bytes] = {}  # hand-written pages, with blocks filled in
        self._pending_filled: dict[str, bytes] = {}

    def files(self, config: MkDocsConfig, pages: Mapping[str, str],
              inclusion: Callable[[str], InclusionLevel] = lambda path: InclusionLevel.UNDEFINED
              ) -> list[File]:
        """Files for ``pages``, each marked changed or not since the last build."""
        try:
            stat = os.stat(config.config_file_path or "mkdocs.yml")
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        everything = stamp is None or stamp != self._config
        out: list[File] = []
        self._pending = {}
        for path, content in pages.items():
            file = GeneratedFile.generated(config, path, content=content,
                                           inclusion=inclusion(path))
            digest = _digest(content)
            file.changed = everything or self._built.get(path, (b"", ""))[0] != digest
            self._pending[path] = (digest, file.dest_uri)
            out.append(file)
        self._pending_config = stamp
        return out

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


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
