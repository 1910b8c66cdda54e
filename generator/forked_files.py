"""The files made of the whole archive, written by a forked process beside MkDocs' pages.

Each language's ``claims.json`` and search index are made of every claim, in Python: two
to three seconds of a warm build at 10,000 claims. They used to be written after the
pages, on the core MkDocs had just used, while the machine's other core waited. Now a
forked process writes them on the other core while this one goes on with the build:

* after a few changed claims on top of an earlier build (the build cache stored fewer
  than :data:`generator.parallel.FEWEST` claims anew), it is forked as soon as the
  claims are known (the plugin's ``files`` event), before any thread of the build
  starts, and has the whole build to write them in;
* otherwise, when MkDocs turns out to have few pages to make (the others found in the
  build cache, generator/build_cache.py), once MkDocs has read the pages (``env``).

It hands back what it took from the build cache and what it made anew, which this
process stores as it would have stored its own. Forked early, it shares the claims with
this process; at 10,000 claims the warm build's memory, both processes counted by their
shares, went from 368 to about 356 MB. It reads the build cache through a connection of
its own, and never writes to it. Forked early, it would meet the last build's pages
being put back (generator/old_site.py) where a hand-written page stands in a search
index's folder: in such a site it is forked at ``env``, after they are back.

If the forked process could not finish (it failed, was killed, or took longer than
:data:`PATIENCE`), the build writes the files itself at its end, as it did before: the
site is the same either way. Used only on Linux (where fork is dependable). At ``env``
it is not forked when the renderers (generator/parallel.py) fork for the other cores to
write many pages; forked early, it may find itself beside them (a new theme over
unchanged claims), which only shares the cores.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections.abc import Callable
from multiprocessing import Pipe

from mkdocs.structure.files import File

from .build_cache import BuildCache

#: Seconds the build waits at its end for the forked process before writing the files
#: itself (at 10,000 claims the process needs about two).
PATIENCE = 300.0


class OwnFile(File):
    """A file of the site that the plugin writes itself (``claims.json``), perhaps in a
    forked process while MkDocs copies the other files: MkDocs knows it, so that links
    to it are checked, but never copies it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def usable() -> bool:
    """Whether forking is dependable here."""
    return sys.platform.startswith("linux")


class ForkedFiles:
    """One forked process writing the archive's files, and what it hands back."""

    def __init__(self, write: Callable[[], None], store: BuildCache | None):
        """Fork a process that runs ``write``, its reads and makes of ``store`` noted
        (:meth:`BuildCache.detach`), and sends them back when it is done."""
        self._store = store
        reader, writer = Pipe(duplex=False)
        self._pid = os.fork()
        if self._pid == 0:  # the child: write the files, hand back, and end
            status = 1
            try:
                reader.close()
                gc.disable()  # short-lived: nothing to gain from collecting cycles
                if store is not None:
                    store.detach()
                write()
                writer.send(store.taken() if store is not None else (set(), []))
                status = 0
            finally:
                os._exit(status)
        writer.close()
        self._reader = reader

    def finish(self) -> bool:
        """Wait for the process; True if it wrote the files (and what it took from the
        build cache is stored), False if the build must write them itself."""
        done = None
        try:
            if self._reader.poll(PATIENCE):
                done = self._reader.recv()
        except (EOFError, OSError):
            done = None
        if done is None:
            self.abandon()
            return False
        self._end()
        if self._store is not None:
            self._store.adopt(*done)
        return True

    def abandon(self) -> None:
        """Stop the process: the build failed, or it must write the files itself."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        self._end()

    def _end(self) -> None:
        self._reader.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, 0)
