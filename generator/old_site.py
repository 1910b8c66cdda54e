"""The last build's site: out of the way at once, its unchanged pages put back, the rest
deleted beside the build.

Before it builds, MkDocs empties the site folder file by file, and then writes every page
again: tens of thousands of files for a large archive, though a pull request changed one
claim. Here the plugin instead:

1. moves the site's entries into the build cache's folder before MkDocs empties it (one
   rename each, on the same disk), so MkDocs finds nothing to delete;
2. once it knows which pages are the same as in the last build (see
   :mod:`generator.generated`), puts their files back where they were, with every
   folder that holds one, in a Python process of its own while MkDocs reads the pages;
   a file goes back only if it is still the very file the last build wrote (same size,
   modification and change times and inode, recorded by the build cache), so a file
   changed or replaced by hand is written again;
3. leaves everything else (changed pages, the theme's files, the feed, the search
   index...) in the old folder, which another process deletes while the build goes on.
   Whatever a stopped build left there is deleted by the next one.

MkDocs then writes every other file as usual. Hidden entries stay in the site folder, as
MkDocs keeps them. When the site folder is on another disk than the cache, nothing can be
moved: MkDocs empties it and writes every page, as without this.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from stat import S_ISREG

_PREFIX = "old-site-"
#: In the old site's folder: what the process putting pages back is told, and answers.
_HANDOFF = ".factcheck-restore"


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
        self._process: subprocess.Popen[bytes] | None = None
        self._result: dict[str, str] = {}
        self._error: str | None = None
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

        The work is the file system's, a call for each file, done by a Python process of
        its own (this file, run as a script). In a thread, the build's own thread would
        take the interpreter back after each call (tens of thousands of pages), and both
        would crawl; a forked process would keep a copy of every page of memory the build
        changes while it runs (100 MB at 10,000 claims)."""
        if self.moved is None:
            return
        handoff = self.moved / _HANDOFF
        handoff.mkdir()
        (handoff / "wanted.json").write_text(json.dumps(wanted), encoding="utf-8")
        with open(handoff / "errors.txt", "wb") as errors:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-S", __file__, str(self.moved), str(self.site)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)

    def finish_restore(self) -> dict[str, str]:
        """The paths :meth:`start_restore` put back, with their stamps now; the rest of
        the old site is deleted in the background. OSError if putting back failed."""
        self.discard()
        if self._error is not None:
            raise OSError(f"Putting back the last build's pages failed: {self._error}")
        return self._result

    def discard(self) -> None:
        """Delete what is left of the old site in the background (all of it, in a build
        that keeps no page), once a restore under way has ended."""
        moved, self.moved = self.moved, None
        if self._process is not None and moved is not None:
            self._process.wait()
            self._process = None
            handoff = moved / _HANDOFF
            try:
                self._result, self._error = json.loads(
                    (handoff / "back.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._result = {}
                self._error = (handoff / "errors.txt").read_text(
                    encoding="utf-8", errors="replace").strip()[-2000:] or "no answer"
        if moved is not None:
            delete_in_background([moved])


def restore(moved: Path, site: Path, wanted: Mapping[str, str]) -> dict[str, str]:
    """Move the files in ``wanted`` that are unchanged from ``moved`` back into ``site``,
    with every folder that holds one; what was put back, with the files' stamps now."""
    folders: set[str] = set()  # every folder that holds a wanted file
    for path in wanted:
        parent = os.path.dirname(path)
        while parent and parent not in folders:
            folders.add(parent)
            parent = os.path.dirname(parent)
    back: dict[str, str] = {}
    unwanted = os.path.join(moved, ".unwanted")
    numbers = itertools.count()

    def merge(old: str, new: str, at: str) -> None:
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
                    prune(target, f"{path}/")
                elif os.path.isdir(target) and not os.path.islink(target):
                    merge(source, target, f"{path}/")
            elif path in wanted and wanted[path] == stamp(source) and \
                    not os.path.lexists(target):
                try:
                    os.rename(source, target)
                except OSError:
                    continue
                now = stamp(target)  # a rename may change the change time
                if now is not None:
                    back[path] = now

    def prune(folder: str, at: str) -> None:
        """In a folder put back whole, keep the wanted files; move the rest out."""
        with os.scandir(folder) as entries:
            items = [(e.name, e.is_dir(follow_symlinks=False)) for e in entries]
        for name, is_dir in items:
            path = f"{at}{name}"
            entry = os.path.join(folder, name)
            if is_dir and path in folders:
                prune(entry, f"{path}/")
            elif not is_dir and path in wanted and wanted[path] == stamp(entry):
                back[path] = wanted[path]
            else:
                os.makedirs(unwanted, exist_ok=True)
                os.rename(entry, os.path.join(unwanted, f"{next(numbers)}-{name}"))

    merge(str(moved), str(site), "")
    return back


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


def _main(moved: str, site: str) -> None:
    """The process :meth:`OldSite.start_restore` starts: what it put back, or why not,
    as JSON."""
    handoff = Path(moved) / _HANDOFF
    wanted = json.loads((handoff / "wanted.json").read_text(encoding="utf-8"))
    try:
        answer: list[object] = [restore(Path(moved), Path(site), wanted), None]
    except OSError as error:
        answer = [{}, f"{type(error).__name__}: {error}"]
    (handoff / "back.json.tmp").write_text(json.dumps(answer), encoding="utf-8")
    os.replace(handoff / "back.json.tmp", handoff / "back.json")


if __name__ == "__main__":
    _main(*sys.argv[1:3])
