"""Read what git prints: commits with the claim files each one changed.

Pure parsing of the machine formats of ``git diff-tree --stdin --raw -z`` (one record per
commit) and ``git diff --raw -z`` (the working tree); running git is the job of
:mod:`generator.git_history`. Paths are kept as git prints them, relative to the top of
the repository.

>>> data = (b"\\x01c2\\x00p1\\x002017-02-05T10:00:00+01:00\\x00Verdict: false\\x00\\x00\\n"
...         b":100644 100644 aaa bbb M\\x00claims/x.yaml\\x00"
...         b":100644 100644 ccc ccc R100\\x00claims/a.yaml\\x00claims/b.yaml\\x00")
>>> (commit,) = parse_commits(data, lambda path: path.startswith("claims/"))
>>> commit.sha, commit.date, commit.subject
('c2', datetime.date(2017, 2, 5), 'Verdict: false')
>>> [(c.status, c.old_path, c.new_path) for c in commit.changes]
[('M', 'claims/x.yaml', 'claims/x.yaml'), ('R', 'claims/a.yaml', 'claims/b.yaml')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

#: The header git prints before each commit's changes (``--format``): a marker, then the
#: commit, its parents, the committer's date, the subject and the body, separated by NUL
#: bytes.
COMMIT_FORMAT = "%x01%H%x00%P%x00%cI%x00%s%x00%b"
#: The blob id git prints for a file of the working tree, which has none yet.
NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Change:
    """One file changed by one commit: added (A), modified (M), deleted (D), renamed (R)."""

    status: str
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    """The file's blob before the change (``None`` when added)."""
    new_blob: str | None
    """After the change (``None`` when deleted; :data:`NO_BLOB` in the working tree)."""


@dataclass(frozen=True)
class Commit:
    """A commit and the claim files it changed, compared with its first parent."""

    sha: str
    parents: tuple[str, ...]
    date: dt.date
    """The committer's date (when the change was made on the branch), in their time zone."""
    subject: str
    changes: tuple[Change, ...] = ()


def parse_commits(data: bytes, keep: Callable[[str], bool]) -> list[Commit]:
    """Commits in the order git printed them, with the changes to paths ``keep`` accepts."""
    commits = []
    fields = iter(data.split(b"\0"))
    header = next(fields, b"")
    while header:
        header = header.lstrip(b"\n")
        if not header.startswith(b"\x01"):
            raise ValueError(f"unexpected output from git: {header[:80]!r}")
        sha = header[1:].decode()
        parents = tuple(next(fields).decode().split())
        date = dt.date.fromisoformat(next(fields).decode()[:10])
        subject = next(fields).decode("utf-8", "replace")
        body = next(fields).decode("utf-8", "replace").strip()
        if len(parents) > 1 and body:  # "Merge pull request #12 from …": its title says more
            subject = body.splitlines()[0].strip()
        changes, header = _changes(fields, keep)
        commits.append(Commit(sha, parents, date, subject, tuple(changes)))
    return commits


def parse_changes(data: bytes, keep: Callable[[str], bool]) -> list[Change]:
    """The changes listed by ``git diff --raw -z`` (no commit headers)."""
    changes, rest = _changes(iter(data.split(b"\0")), keep)
    if rest.strip():
        raise ValueError(f"unexpected output from git: {rest[:80]!r}")
    return changes


def _changes(fields: Iterator[bytes], keep: Callable[[str], bool]
             ) -> tuple[list[Change], bytes]:
    """Raw change records up to the next commit header (returned with them, or b"")."""
    changes = []
    for field in fields:
        field = field.lstrip(b"\n")
        if not field.startswith(b":"):
            return changes, field
        _, _, old_blob, new_blob, status = field.decode().split(" ")
        letter = status[:1]
        old_path = new_path = _path(next(fields))
        if letter in "RC":
            new_path = _path(next(fields))
        change = _change(letter, old_path, new_path, old_blob, new_blob, keep)
        if change is not None:
            changes.append(change)
    return changes, b""


def _change(letter: str, old_path: str, new_path: str, old_blob: str, new_blob: str,
            keep: Callable[[str], bool]) -> Change | None:
    """A raw record as a :class:`Change` of the kept paths, or ``None``."""
    old_kept, new_kept = keep(old_path), keep(new_path)
    if letter == "R" and old_kept and new_kept:
        return Change("R", old_path, new_path, old_blob, new_blob)
    if letter in "RC":  # moved in from elsewhere, or copied: a new file here
        return Change("A", None, new_path, None, new_blob) if new_kept else (
            Change("D", old_path, None, old_blob, None) if old_kept and letter == "R"
            else None)
    if not old_kept:
        return None
    if letter == "A":
        return Change("A", None, new_path, None, new_blob)
    if letter == "D":
        return Change("D", old_path, None, old_blob, None)
    return Change("M", old_path, new_path, old_blob, new_blob)  # M, T (type), U (unmerged)


def _path(raw: bytes) -> str:
    # A file name need not be UTF-8; keep its bytes recoverable rather than fail.
    return raw.decode("utf-8", "surrogateescape")
