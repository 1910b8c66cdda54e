"""The last build's site: out of the way at once, its unchanged pages put back, the rest
deleted beside the build.

Before it builds, MkDocs empties the site folder file by file, and then writes every page
again: tens of thousands of files for a large archive, though a pull request changed one
claim. Here the plugin instead:

1. moves the site's entries into the build cache's folder before MkDocs empties it (one
   rename each, on the same disk), so MkDocs finds nothing to delete;
2. once it knows which pages are the same as in the last build (see
   :mod:`generator.generated`), puts their files back where they were, with every
   folder that holds one; a file goes back only if it is still the very file the last
   build wrote (same size, modification and change times and inode, recorded by the
   build cache), so a file changed or replaced by hand is written again;
3. leaves everything else (changed pages, the theme's files, the feed, the search
   index...) in the old folder, which another process deletes while the build goes on.
   Whatever a stopped build left there is deleted by the next one.

MkDocs then writes every other file as usual. Hidden entries stay in the site folder, as
MkDocs keeps them. When the site folder is on another disk than the cache, nothing can be
moved: MkDocs empties it and writes every page, as without this.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import shutil
import sys
import threading
import time
from collections.abc import Mapping
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from stat import S_ISREG

_PREFIX = "old-site-"


def stamp(path: str | os.PathLike[str]) -> str | None:
    """What tells a file apart from any other written since: its size, modification and
    change times and inode (no program can set the change time back; renaming the folder
    a file is in keeps all four). None if it is not a file."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}" \
        if S_ISREG(st.st_mode) else None


class OldSite:
    """The site folder's entries as the last build left them, moved aside for one build."""

    def __init__(self, site_dir: str | os.PathLike[str], folder: str | os.PathLike[str]):
        """Move the visible entries of ``site_dir`` into ``folder``, and delete what earlier
        builds left there in the background."""
        self.site = Path(site_dir).resolve()
        cache = Path(folder).resolve()
        self.moved: Path | None = None
        self._unwanted = itertools.count()
        self._thread: threading.Thread | None = None
        self._process: tuple[int, Connection] | None = None
        self._result: dict[str, str] = {}
        self._error: BaseException | None = None
        if self.site == cache or self.site in cache.parents:
            return  # the cache is inside the site folder: leave it all to MkDocs
        old = [cache / name for name in sorted(os.listdir(cache))
               if name.startswith(_PREFIX)] if cache.is_dir() else []
        entries = [e for e in sorted(os.listdir(self.site)) if not e.startswith(".")] \
            if self.site.is_dir() else []
        if entries:
            self.moved = cache / f"{_PREFIX}{os.getpid()}-{time.time_ns()}"
            self.moved.mkdir(parents=True)
            for entry in entries:
                try:
                    os.rename(self.site / entry, self.moved / entry)
                except OSError:
                    break  # another file system: MkDocs deletes the rest as usual
        delete_in_background(old)

    def start_restore(self, wanted: Mapping[str, str]) -> None:
        """Put back the files in ``wanted`` (path in the site: stamp when written) that are
        unchanged since, beside the build; :meth:`finish_restore` gives what was put back.

        The work is the file system's, a call for each file: in a thread, the build's own
        thread would take the interpreter back after each (tens of thousands of pages),
        and both would crawl. So it is a forked process's where fork is dependable."""
        if self.moved is None:
            return
        if sys.platform.startswith("linux"):
            reader, writer = Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:  # the child: put back, say what, and end
                status = 1
                try:
                    reader.close()
                    gc.disable()  # short-lived: nothing to gain from collecting cycles
                    try:
                        writer.send((self._restore(self.moved, wanted), None))
                    except Exception as error:  # noqa: BLE001 - handed to finish_restore
                        writer.send(({}, f"{type(error).__name__}: {error}"))
                    status = 0
                finally:
                    os._exit(status)
            writer.close()
            self._process = (pid, reader)
            return

        def run(moved: Path) -> None:
            try:
                self._result = self._restore(moved, wanted)
            except BaseException as error:  # handed to finish_restore
                self._error = error

        self._thread = threading.Thread(target=run, args=(self.moved,), daemon=True)
        self._thread.start()

    def finish_restore(self) -> dict[str, str]:
        """The paths :meth:`start_restore` put back, with their stamps now; the rest of
        the old site is deleted in the background."""
        self.discard()
        if self._error is not None:
            raise self._error
        return self._result

    def discard(self) -> None:
        """Delete what is left of the old site in the background (all of it, in a build
        that keeps no page), once a restore under way has ended."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._process is not None:
            pid, reader = self._process
            self._process = None
            try:
                self._result, error = reader.recv()
            except (EOFError, OSError) as lost:  # the process died: nothing is known back
                self._result, error = {}, f"the process putting pages back ended: {lost!r}"
            finally:
                reader.close()
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
            if error is not None:
                self._error = OSError(f"Putting back the last build's pages failed: {error}")
        moved, self.moved = self.moved, None
        if moved is not None:
            delete_in_background([moved])

    def _restore(self, moved: Path, wanted: Mapping[str, str]) -> dict[str, str]:
        folders: set[str] = set()  # every folder that holds a wanted file
        for path in wanted:
            parent = os.path.dirname(path)
            while parent and parent not in folders:
                folders.add(parent)
                parent = os.path.dirname(parent)
        back: dict[str, str] = {}
        self._merge(str(moved), str(self.site), "", wanted, folders, back,
                    os.path.join(moved, ".unwanted"))
        return back

    def _merge(self, old: str, new: str, at: str, wanted: Mapping[str, str],
               folders: set[str], back: dict[str, str], unwanted: str) -> None:
        """Move the wanted files of folder ``old`` into ``new`` (``at`` in the site)."""
        with os.scandir(old) as entries:
            items = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
        for name, is_dir in items:
            path = f"{at}{name}"
            source, target = os.path.join(old, name), os.path.join(new, name)
            if is_dir:
                if path not in folders or source == unwanted:
                    continue  # nothing to keep in it: it stays, to be deleted
                if not os.path.lexists(target):
                    try:
                        os.rename(source, target)
                    except OSError:
                        continue
                    self._prune(target, f"{path}/", wanted, folders, back, unwanted)
                elif os.path.isdir(target) and not os.path.islink(target):
                    self._merge(source, target, f"{path}/", wanted, folders, back, unwanted)
            elif path in wanted and wanted[path] == stamp(source) and \
                    not os.path.lexists(target):
                try:
                    os.rename(source, target)
                except OSError:
                    continue
                now = stamp(target)  # a rename may change the change time
                if now is not None:
                    back[path] = now

    def _prune(self, folder: str, at: str, wanted: Mapping[str, str], folders: set[str],
               back: dict[str, str], unwanted: str) -> None:
        """In a folder put back whole, keep the wanted files; move the rest out."""
        with os.scandir(folder) as entries:
            items = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
        for name, is_dir in items:
            path = f"{at}{name}"
            entry = os.path.join(folder, name)
            if is_dir and path in folders:
                self._prune(entry, f"{path}/", wanted, folders, back, unwanted)
            elif not is_dir and path in wanted and wanted[path] == stamp(entry):
                back[path] = wanted[path]
            else:
                os.makedirs(unwanted, exist_ok=True)
                os.rename(entry, os.path.join(unwanted, f"{next(self._unwanted)}-{name}"))

def delete_in_background(folders: list[Path]) -> None:
    """Delete ``folders`` while the build goes on."""
    if not folders:
        return
    if hasattr(os, "fork"):
        # A process of its own: it goes on if the build ends first, and takes no share of
        # the build's interpreter.
        if os.fork() == 0:
            try:
                _delete(folders)
            finally:
                os._exit(0)
    else:  # a build that ends first does not wait; the next build finishes it
        threading.Thread(target=_delete, args=(folders,), daemon=True).start()


def _delete(folders: list[Path]) -> None:
    for trash in folders:
        shutil.rmtree(trash, ignore_errors=True)
