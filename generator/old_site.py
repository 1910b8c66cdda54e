"""The last build's site, out of the way at once and deleted beside the build.

Before it builds, MkDocs empties the site folder file by file: tens of thousands of files
for a large archive, seconds on a fast disk and much more on a slow or busy one, all
before the first page is made. Here the plugin moves the site's entries into the build
cache's folder first (one rename each, on the same disk), MkDocs finds nothing to delete,
and another process deletes the old files while the build goes on. Whatever a stopped
build left there is deleted by the next one. Hidden entries stay, as MkDocs keeps them.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

_PREFIX = "old-site-"


def clear_beside(site_dir: str | os.PathLike[str], folder: str | os.PathLike[str]) -> None:
    """Move the visible entries of ``site_dir`` into ``folder`` and delete them there in a
    thread, with any left by an earlier build. Entries that cannot be moved (another disk)
    stay for MkDocs to delete."""
    folder = Path(folder).resolve()
    site_dir = Path(site_dir).resolve()
    if site_dir == folder or site_dir in folder.parents:
        return  # the cache is inside the site folder: leave it all to MkDocs
    old = [folder / name for name in sorted(os.listdir(folder))
           if name.startswith(_PREFIX)] if folder.is_dir() else []
    entries = [e for e in sorted(os.listdir(site_dir)) if not e.startswith(".")] \
        if site_dir.is_dir() else []
    if entries:
        trash = folder / f"{_PREFIX}{os.getpid()}-{time.time_ns()}"
        trash.mkdir(parents=True)
        old.append(trash)
        for entry in entries:
            try:
                os.rename(site_dir / entry, trash / entry)
            except OSError:
                break  # another file system: MkDocs deletes the rest as usual
    if not old:
        return
    if hasattr(os, "fork"):
        # A process of its own, forked while the build is still small: it goes on if the
        # build ends first, and the build may fork its renderers without a thread running.
        if os.fork() == 0:
            try:
                _delete(old)
            finally:
                os._exit(0)
    else:  # a build that ends first does not wait; the next build finishes it
        threading.Thread(target=_delete, args=(old,), daemon=True).start()


def _delete(folders: list[Path]) -> None:
    for trash in folders:
        shutil.rmtree(trash, ignore_errors=True)
