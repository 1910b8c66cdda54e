"""Claim files checked on every core: the cold build's reading of an archive, shared out.

Parsing and checking a claim file (:func:`generator.project.check_claim_text`) is the
loader's work that grows with the archive: about a millisecond a claim, 10 s for 10,000
claim files on one core. When many files need it (a cold build, a changed rating scale),
:func:`check_all` forks a process for every core but one; each checks its share of the
files' texts, already read, and sends back the claims and problems; this process checks
the rest meanwhile. What comes back is what checking them here would give, in the same
order, so nothing downstream can tell the difference.

A forked process has the texts, the settings and the seeds at hand, unchanged; it writes
nothing and ends when its share is sent. Used only on Linux (where fork is dependable),
by a caller that has no threads of its own running, and for :data:`FEWEST` files or
more. A share whose process fails is checked here, as if nothing happened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from multiprocessing import Pipe
from multiprocessing.connection import Connection

from .model import Claim, Seed, Settings
from .problems import Problem

#: Fewer files than this are checked by this process alone: forking costs more.
FEWEST = 200

#: One file to check: its claim id, its name in messages, its text.
Job = tuple[str, str, str]
Result = tuple[Claim | None, list[Problem]]
Check = Callable[[str, str, str, Settings, Mapping[str, Seed], frozenset[str], dt.date],
                 Result]


def check_all(jobs: Sequence[Job], check: Check, settings: Settings,
              seeds: Mapping[str, Seed], claim_ids: frozenset[str], today: dt.date,
              processes: int = 1) -> list[Result]:
    """``check(claim_id, shown, text, settings, seeds, claim_ids, today)`` of each job, in
    order, on up to ``processes`` cores."""
    def one(job: Job) -> Result:
        return check(*job, settings, seeds, claim_ids, today)

    if processes < 2 or len(jobs) < FEWEST or not sys.platform.startswith("linux"):
        return [one(job) for job in jobs]
    children = processes - 1
    count = children + 1
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
                writer.send([one(job) for job in jobs[share::count]])
                writer.close()
                status = 0
            finally:
                os._exit(status)
        writer.close()
        started.append((share, pid, reader))
    results: list[Result | None] = [None] * len(jobs)
    results[::count] = [one(job) for job in jobs[::count]]
    done = {0}
    for share, pid, connection in started:
        with connection:
            try:
                results[share::count] = connection.recv()
                done.add(share)
            except Exception:  # noqa: BLE001 - it failed: its share is checked here instead
                pass
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    for share in set(range(count)) - done:
        results[share::count] = [one(job) for job in jobs[share::count]]
    return results  # type: ignore[return-value]  # every share is filled in
