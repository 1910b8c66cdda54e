"""Claim files checked on every core: the cold build's reading of an archive, shared out.

Reading, parsing and checking a claim file (:func:`generator.project.check_claim_text`)
is the loader's work that grows with the archive: about a millisecond a claim, 10 s for
10,000 claim files on one core. When many files need it (a cold build, a changed rating
scale), :func:`check_all` forks a process for every core but one; each reads and checks
its share of the files and sends back the claims and problems, a few hundred at a time;
this process checks the rest meanwhile. What comes back is what checking them here would
give, in the same order, so nothing downstream can tell the difference.

A forked process has the settings and the seeds at hand, unchanged; it writes nothing
and ends when its share is sent. Used only on Linux (where fork is dependable),
by a caller that has no threads of its own running, and for :data:`FEWEST` files or
more. A share whose process fails is checked here, as if nothing happened.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import TypeVar

#: Fewer files than this are checked by this process alone: forking costs more.
FEWEST = 200
#: Results sent at a time: what is in flight between the processes stays small.
CHUNK = 250

Job = TypeVar("Job")
Result = TypeVar("Result")


def check_all(jobs: Sequence[Job], check: Callable[[Job], Result],
              processes: int = 1) -> list[Result]:
    """``check(job)`` of each job, in order, on up to ``processes`` cores."""
    if processes < 2 or len(jobs) < FEWEST or not sys.platform.startswith("linux"):
        return [check(job) for job in jobs]
    count = processes
    started: list[tuple[int, int, Connection]] = []  # share, pid, its connection
    for share in range(1, count):
        reader, writer = Pipe(duplex=False)
        try:
            pid = os.fork()
        except OSError:  # no process to be had: this one checks that share
            reader.close()
            writer.close()
            break
        if pid == 0:  # the child: check a share, send it, and end
            status = 1
            try:
                reader.close()
                gc.freeze()  # the parent's objects: not walked (nor copied) by collections
                mine = jobs[share::count]
                for first in range(0, len(mine), CHUNK):
                    writer.send([check(job) for job in mine[first:first + CHUNK]])
                writer.close()
                status = 0
            finally:
                os._exit(status)
        writer.close()
        started.append((share, pid, reader))
    results: list[Result | None] = [None] * len(jobs)
    got: dict[int, list[Result]] = {share: [] for share, _, _ in started}
    failed: set[int] = set()

    def receive(share: int, connection: Connection, wait: bool) -> None:
        """Take what ``share``'s process has sent (all of it, if ``wait``): it waits
        while what it sent is not taken."""
        wanted = len(range(share, len(jobs), count))
        try:
            while len(got[share]) < wanted and (wait or connection.poll()):
                got[share].extend(connection.recv())
        except Exception:  # noqa: BLE001 - it failed: its share is checked here instead
            failed.add(share)

    mine = range(0, len(jobs), count)
    for done, index in enumerate(mine):
        results[index] = check(jobs[index])
        if done % 16 == 0:
            for share, _, connection in started:
                if share not in failed:
                    receive(share, connection, wait=False)
    for share, pid, connection in started:
        if share not in failed:
            receive(share, connection, wait=True)
        connection.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        if share in failed:  # checked here instead
            results[share::count] = [check(job) for job in jobs[share::count]]
        else:
            results[share::count] = got[share]
    for share in range(len(started) + 1, count):  # no process could be forked for it
        results[share::count] = [check(job) for job in jobs[share::count]]
    return results  # type: ignore[return-value]  # every share is filled in
