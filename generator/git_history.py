"""Read the claims' history out of git: the one module that runs git.

A build reads git once for the whole claims folder, whatever the number of claims, in a
few processes: ``git rev-list`` lists the commits; one ``git diff-tree --stdin`` lists
the claim files each of them changed (renames followed); one ``git cat-file --batch``
reads each version of a file; ``git diff`` and ``git ls-files`` find what is not yet
committed. :mod:`generator.history` makes the history from that.

What a commit changed and what a version holds never change, so both are kept in
``.cache/factcheck/history.json`` under the project (and in memory by ``mkdocs serve``):
the next build asks git only about commits it has not seen. A repository without git,
outside git, or cloned shallow is said in :attr:`~generator.history.History.note`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from .files import atomic_write
from .git_log import COMMIT_FORMAT, NO_BLOB, Change, Commit, parse_changes, parse_commits
from .history import (
    History,
    Snapshot,
    build_history,
    parsed_count,
    parsed_values,
    remember,
    snapshot,
)
from .load import UNREADABLE, decode
from .model import Claim, Settings

#: Where the cache lives, relative to the project folder.
CACHE_PATH = ".cache/factcheck/history.json"
#: At most this many git processes read the history side by side (one per core), each
#: given at least this many commits.
MAX_GIT_PROCESSES = 4
COMMITS_PER_PROCESS = 2000
#: Bumped when what is cached, or how a version is read, changes.
CACHE_VERSION = 3
# Settings that would change what git prints; a person's own git config is otherwise kept.
_CONFIG = ("-c", "diff.relative=false", "-c", "color.ui=never", "-c", "core.quotepath=off")


@contextlib.contextmanager
def _without_gc() -> Iterator[None]:
    """Pause Python's cycle collector while many small, acyclic objects are made.

    Reading the cache of a large history makes a few hundred thousand tuples; the
    collector, run again and again over them, would take longer than making them.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class GitError(Exception):
    """Git is missing, or failed; the message says which, for the person."""


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """What ``git ARGS`` prints, run in ``root``; :class:`GitError` if it cannot."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    try:
        done = subprocess.run(["git", *_CONFIG, *args], cwd=root, input=stdin,
                              capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout


class Repository:
    """Where the project stands in git: the top, the claims' folder as git names it."""

    def __init__(self, root: Path, claims_dir: str):
        self.root = root
        try:
            out = git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository",
                      "--show-prefix").decode().split("\n")
        except GitError as err:
            if "not a git repository" in str(err):
                raise GitError("the project is not in a git repository") from None
            raise
        if out[0] != "true":
            raise GitError("the project is not in a git work tree")
        self.shallow = out[1] == "true"
        self.prefix = out[2]  # the project folder, relative to the top ("" at the top)
        self.claims = f"{self.prefix}{claims_dir.strip('/')}/"

    def is_claim(self, path: str) -> bool:
        """Whether ``path`` (from the top) is a claim file: ``claims/<id>.yaml``."""
        rest = path[len(self.claims):]
        return path.startswith(self.claims) and rest.endswith(".yaml") and "/" not in rest

    def head(self) -> str | None:
        try:
            return git(self.root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"
                       ).decode().strip() or None
        except GitError:
            return None  # a repository with no commit yet

    def on_disk(self, path: str) -> Path:
        return self.root / path[len(self.prefix):]

    def snapshots(self, blobs: Sequence[str]) -> dict[str, Snapshot | None]:
        """Each blob read as a version of a claim file, in one ``git cat-file`` process."""
        found: dict[str, Snapshot | None] = {}
        if not blobs:
            return found
        with subprocess.Popen(["git", *_CONFIG, "cat-file", "--batch", "--buffer"],
                              cwd=self.root,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL) as process:
            assert process.stdin is not None and process.stdout is not None
            # Fed from a thread: git answers while it reads, and a full pipe either way
            # would otherwise stop both.
            feeder = threading.Thread(target=_feed, args=(process.stdin, blobs), daemon=True)
            feeder.start()
            for blob in blobs:
                found[blob] = _read_one(process.stdout)
            feeder.join()
        return found

    def working_changes(self, against: str = "HEAD"
                        ) -> tuple[list[Change], dict[str, Snapshot | None]]:
        """What the working tree changes in claim files since the commit ``against``
        (uncommitted and untracked files included), and the new files' snapshots."""
        pathspec = ["--", self.claims]
        changes = parse_changes(git(self.root, "diff", "--raw", "-z", "--no-abbrev", "-M",
                                    against, *pathspec), self.is_claim)
        untracked = git(self.root, "ls-files", "-z", "--others", "--exclude-standard",
                        "--full-name", *pathspec).split(b"\0")
        changes += [Change("A", None, path.decode("utf-8", "surrogateescape"), None, NO_BLOB)
                    for path in untracked if path and self.is_claim(path.decode("utf-8",
                                                                                "replace"))]
        texts: dict[str, Snapshot | None] = {}
        made = []
        for change in changes:
            if change.new_path is not None:  # the new side is the file on disk
                key = f"worktree:{change.new_path}"
                texts[key] = _file_snapshot(self.on_disk(change.new_path))
                change = Change(change.status, change.old_path, change.new_path,
                                change.old_blob, key)
            made.append(change)
        return made, texts


def _feed(stdin: IO[bytes], blobs: Sequence[str]) -> None:
    try:
        stdin.write("".join(f"{blob}\n" for blob in blobs).encode())
    finally:
        stdin.close()


def _read_one(stdout: IO[bytes]) -> Snapshot | None:
    """The next object of ``git cat-file --batch``, read as a claim file."""
    header = stdout.readline().split()
    if len(header) != 3:  # "<id> missing"
        return None
    data = stdout.read(int(header[2]) + 1)[:-1]  # the object, then a newline
    text, _ = decode(data, "-")
    return None if text is None else snapshot(text)


def _file_snapshot(path: Path) -> Snapshot | None:
    try:
        text, _ = decode(path.read_bytes(), "-")
    except OSError:
        return None
    return snapshot(text) if text is not None else None


class HistoryReader:
    """Reads every claim's history from git; keeps what it read for the next time."""

    def __init__(self, root: str | os.PathLike[str], settings: Settings,
                 cache_file: Path | None = None):
        self.root = Path(root)
        self.settings = settings
        self.cache_file = cache_file if cache_file is not None else self.root / CACHE_PATH
        self.commits: dict[str, Commit] = {}
        """Every commit read, with the claim files it changed (often none)."""
        self.snapshots: dict[str, Snapshot | None] = {}
        self.cache_key: str | None = None
        self.parsed = 0  # how many of the fields' texts had their value kept in the cache
        self.order: tuple[str | None, list[str]] = (None, [])  # HEAD, commits newest first

    def read(self, claims: Iterable[Claim], today: dt.date,
             mark_uncommitted: bool = False) -> History:
        """The history of ``claims`` (the current, loaded ones) at the working tree."""
        with _without_gc():
            return self._read(claims, today, mark_uncommitted)

    def _read(self, claims: Iterable[Claim], today: dt.date, mark_uncommitted: bool
              ) -> History:
        times: dict[str, float] = {}
        clock = time.perf_counter()
        try:
            repo = Repository(self.root, self.settings.claims_dir)
            head = repo.head()
            if head is None:
                return History(note="the git repository has no commit yet, so the claims "
                                    "have no history")
            self._load_cache(f"{CACHE_VERSION}:{repo.claims}:{repo.shallow}")
            times["cache"], clock = time.perf_counter() - clock, time.perf_counter()
            order = self._order(head)
            times["rev-list"], clock = time.perf_counter() - clock, time.perf_counter()
            # In a shallow clone, a commit without parents may have gained them since.
            new = [sha for sha in order if sha not in self.commits or repo.shallow
                   and self.commits[sha].changes and not self.commits[sha].parents]
            fresh = self._diff_tree(repo, new) if new else {}
            times["diff-tree"], clock = time.perf_counter() - clock, time.perf_counter()
            # Asked for in the order of the history: a version is stored as a difference
            # from a newer one, which git has then just read.
            blobs = list(dict.fromkeys(
                blob for sha in new if sha in fresh for change in fresh[sha].changes
                for blob in (change.new_blob, change.old_blob)
                if blob and blob not in self.snapshots))
            self.snapshots.update(repo.snapshots(blobs))
            times["cat-file"], clock = time.perf_counter() - clock, time.perf_counter()
            changes, texts = repo.working_changes()
            times["working tree"], clock = time.perf_counter() - clock, time.perf_counter()
        except GitError as err:
            return History(note=f"{err}, so the claims have no history")
        parsed_before = parsed_count()
        working = Commit("", (head,), today, "", tuple(changes))
        commits = [working, *(self.commits[sha] for sha in order if self.commits[sha].changes)]
        shown = {claim.id: claim.path for claim in claims}
        history = build_history(commits, {**self.snapshots, **texts},
                                {claim_id: f"{repo.prefix}{path}" for claim_id, path in
                                 shown.items()}, shallow=repo.shallow,
                                mark_uncommitted=mark_uncommitted, shown_paths=shown)
        times["history"] = time.perf_counter() - clock
        # Keep what was read, and the values parsed from it (not those of the working tree).
        if new or parsed_count() > parsed_before and \
                len(parsed_values(self._texts())) > self.parsed:
            self._save_cache(order)
            self.parsed = len(parsed_values(self._texts()))
        history.timings = times
        return history

    def _order(self, head: str) -> list[str]:
        """The commits of HEAD's own line, children before parents.

        Only first parents are followed, and a merge is compared with its first parent: a
        branch's work reaches the site when it is merged, so that is when its changes are
        dated (with the merge's message, or the correction), and changes made in the merge
        itself (say, a corrections entry written while resolving it) are seen.
        """
        if self.order[0] != head:
            out = git(self.root, "rev-list", "--first-parent", head).decode().split()
            self.order = (head, out)
        return self.order[1]

    def _diff_tree(self, repo: Repository, shas: list[str]) -> dict[str, Commit]:
        """What each of ``shas`` changed in claim files (compared with its first parent).

        Git's own walk of the trees is most of a first read's time, so a long list is
        cut into runs of neighbouring commits, one ``git diff-tree`` each, side by side
        on the machine's cores.
        """
        parts = max(1, min(os.cpu_count() or 1, MAX_GIT_PROCESSES,
                           len(shas) // COMMITS_PER_PROCESS))
        size = -(-len(shas) // parts)
        runs = [shas[i:i + size] for i in range(0, len(shas), size)]
        outputs: list[bytes | GitError] = [b""] * len(runs)

        def run(i: int) -> None:
            try:
                outputs[i] = git(self.root, "diff-tree", "--stdin", "-r", "-z", "--raw",
                                 "--no-abbrev", "-M", "--root", "--diff-merges=first-parent",
                                 f"--format={COMMIT_FORMAT}",
                                 "--", repo.claims,
                                 stdin="".join(f"{sha}\n" for sha in runs[i]).encode())
            except GitError as err:
                outputs[i] = err

        threads = [threading.Thread(target=run, args=(i,)) for i in range(1, len(runs))]
        for thread in threads:
            thread.start()
        run(0)
        for thread in threads:
            thread.join()
        fresh = {}
        for out in outputs:
            if isinstance(out, GitError):
                raise out
            fresh.update((c.sha, c) for c in parse_commits(out, repo.is_claim))
        for sha in shas:  # a commit that changed no claim file prints nothing: seen all the same
            self.commits[sha] = fresh.get(sha) or Commit(sha, (), dt.date.min, "")
        return fresh

    # -- the cache ------------------------------------------------------------------------

    def _load_cache(self, key: str) -> None:
        if self.cache_key == key:
            return
        self.cache_key, self.commits, self.snapshots, self.parsed = key, {}, {}, 0
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
            if data.get("key") != key:
                return
            self.commits, self.snapshots = _from_json(data)
            self.parsed = len(data.get("values", ()))
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            self.commits, self.snapshots = {}, {}  # no cache, or a broken one: read again

    def _texts(self) -> set[str]:
        """The fields' texts of every version read from git."""
        return {text for s in self.snapshots.values() if s is not None for text in s.texts}

    def _save_cache(self, order: list[str]) -> None:
        """Keep what was read, for the commits still in the history."""
        kept = {sha: self.commits[sha] for sha in order}
        with contextlib.suppress(OSError):  # a folder we may not write: read git next time
            atomic_write(self.cache_file, json.dumps(
                _to_json(self.cache_key or "", kept, self.snapshots), separators=(",", ":")))


def _to_json(key: str, commits: dict[str, Commit], snapshots: dict[str, Snapshot | None]
             ) -> dict[str, Any]:
    """The cache as JSON; a field's text that many versions share is stored once."""
    texts: dict[str, int] = {}
    used = {blob for commit in commits.values() for change in commit.changes
            for blob in (change.old_blob, change.new_blob) if blob}
    snapshot_rows = {blob: None if s is None else
                     [s.verdict_line, *(texts.setdefault(t, len(texts)) for t in s.texts)]
                     for blob, s in snapshots.items() if blob in used}
    return {
        "key": key,
        "commits": {sha: [" ".join(c.parents), c.date.isoformat(), c.subject,
                          [[ch.status, ch.old_path, ch.new_path, ch.old_blob, ch.new_blob]
                           for ch in c.changes]] if c.changes else None
                    for sha, c in commits.items()},
        "snapshots": snapshot_rows,
        "texts": list(texts),
        # What was parsed of them, by their place in "texts" ("!" when unreadable).
        "values": {str(texts[text]): "!" if value is UNREADABLE else [value]
                   for text, value in parsed_values(texts).items()},
    }


def _from_json(data: dict[str, Any]) -> tuple[dict[str, Commit], dict[str, Snapshot | None]]:
    texts = [str(text) for text in data["texts"]]
    commits = {sha: Commit(sha, (), dt.date.min, "") if value is None else Commit(
        sha, tuple(value[0].split()), dt.date.fromisoformat(value[1]), str(value[2]),
        tuple(Change(*change) for change in value[3]))
        for sha, value in data["commits"].items()}
    snapshots = {blob: None if s is None else Snapshot(tuple(map(texts.__getitem__, s[1:])),
                                                       s[0])
                 for blob, s in data["snapshots"].items()}
    remember({texts[int(i)]: UNREADABLE if value == "!" else value[0]
              for i, value in data.get("values", {}).items()})
    return commits, snapshots


#: The branches ``factcheck changes`` compares with when none is named, in this order.
DEFAULT_BASES = ("origin/main", "main")


class UnknownBase(GitError):
    """The commit to compare with does not exist here."""


def changed_claims(root: str | os.PathLike[str], claims_dir: str, base: str | None
                   ) -> tuple[str, Repository, list[Change], dict[str, Snapshot | None]]:
    """What the working tree changes in claim files since it parted from ``base``.

    Like a pull request's "Files changed": compared with the merge base of ``base`` (by
    default ``origin/main``, else ``main``) and HEAD, uncommitted changes included.
    Returns how the base is named (``origin/main at 1a2b3c4``), the repository, the
    changes, and the snapshot of each side of each.
    """
    repo = Repository(Path(root), claims_dir)
    names = (base,) if base else DEFAULT_BASES
    for name in names:
        try:
            sha = git(repo.root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                      f"{name}^{{commit}}").decode().strip()
            break
        except GitError:
            continue
    else:
        raise UnknownBase(f"there is no commit {base!r} here" if base else
                          "neither origin/main nor main exists here; name the branch or "
                          "commit to compare with")
    try:
        fork = git(repo.root, "merge-base", sha, "HEAD").decode().strip()
    except GitError:
        raise GitError(f"{names[0] if base else name} and HEAD share no history here"
                       + (" (this is a shallow clone: fetch all of it, e.g. actions/checkout "
                          "with fetch-depth: 0)" if repo.shallow else "")) from None
    changes, texts = repo.working_changes(fork)
    snapshots = repo.snapshots([c.old_blob for c in changes if c.old_blob])
    return f"{name} at {fork[:7]}", repo, changes, {**snapshots, **texts}
