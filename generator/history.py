"""What changed in each claim since it was published, from the versions git keeps.

Pure: it is given the commits that changed claim files (:mod:`generator.git_log`) and a
:class:`Snapshot` of each version of a file, and works out, per claim, when it was first
published and each change of verdict, short answer or sources, with its date and its
reason: the corrections entry added with it, or else the commit's subject. Other edits
are only counted. Running git is :mod:`generator.git_history`'s job.

Each commit is compared with its own parent (git's ``old → new`` blob of the file), so a
branch merged later does not make a change seem to go back and forth. A renamed claim
file keeps its history: commits are read newest first, and a rename sends the older
versions of the old name to the claim's current name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .git_log import Commit
from .load import UNREADABLE, parse_field, split_fields
from .problems import Problem

#: The fields of a claim file the history follows; the verdict first (its line is kept).
FIELDS = ("verdict", "status", "summary", "sources", "corrections", "claim")
_INDEX = {name: i for i, name in enumerate(FIELDS)}


@dataclass(frozen=True)
class Snapshot:
    """One version of a claim file, as the history follows it: the text of each followed
    field (see :func:`~generator.load.split_fields`), parsed only when asked for.

    Versions are compared field by field: the same text is the same value, so only a
    field whose text changed is ever parsed (each distinct text once).
    """

    texts: tuple[str, ...]
    """The lines of each of :data:`FIELDS`, ``""`` when missing."""
    verdict_line: int = 1

    def value(self, name: str) -> Any:
        """A field's plain value, its texts' spacing made plain (a rewrapped line is no
        change); ``None`` if missing, :data:`UNREADABLE` if unreadable."""
        return _parsed(self.texts[_INDEX[name]])

    def differs(self, other: Snapshot, name: str) -> bool:
        """Whether the field ``name`` has another value in ``other`` (both readable)."""
        i = _INDEX[name]
        if self.texts[i] == other.texts[i]:
            return False
        mine, theirs = self.value(name), other.value(name)
        return mine is not UNREADABLE and theirs is not UNREADABLE and mine != theirs

    @property
    def verdict(self) -> str:
        value = self.value("verdict")
        if isinstance(value, bool):  # `verdict: true` unquoted, which YAML reads as yes
            return "true" if value else "false"
        return _text(value)

    @property
    def readable(self) -> bool:
        """Whether this version has a verdict that can be read: one to compare with."""
        value = self.value("verdict")
        return value is not None and value is not UNREADABLE

    @property
    def published(self) -> bool:
        return _text(self.value("status")) != "draft"

    @property
    def claim(self) -> str:
        return _text(self.value("claim"))

    @property
    def sources(self) -> tuple[tuple[str, str], ...]:
        """Each source's address and title, in order."""
        return tuple((_text(s.get("url")), _text(s.get("title")))
                     for s in _list(self.value("sources")) if isinstance(s, dict))

    @property
    def corrections(self) -> tuple[tuple[str, str], ...]:
        """Each corrections entry's date (as written) and note."""
        return tuple((_text(c.get("date")), _text(c.get("note")))
                     for c in _list(self.value("corrections")) if isinstance(c, dict))


def snapshot(text: str) -> Snapshot:
    """One version of a claim file, from its text.

    >>> old = snapshot("verdict: 'false'\\nsummary: >-\\n  No.\\nbody: Long.\\n")
    >>> new = snapshot("verdict: mostly-false\\nsummary: No.\\nbody: Longer.\\n")
    >>> old.differs(new, "verdict"), old.differs(new, "summary"), new.verdict
    (True, False, 'mostly-false')
    """
    texts, line = split_fields(text, FIELDS)
    return Snapshot(texts, line)


# Each field's text parsed once: most versions share most of their fields' texts. The
# reader of git keeps what was parsed between builds (see parsed_values and remember).
_VALUES: dict[str, Any] = {}


def _parsed(piece: str) -> Any:
    try:
        return _VALUES[piece]
    except KeyError:
        value = parse_field(piece)
        value = _VALUES[piece] = value if value is UNREADABLE else _plain(value)
        return value


def parsed_count() -> int:
    """How many fields' texts have been parsed so far (it only grows)."""
    return len(_VALUES)


def parsed_values(texts: Iterable[str]) -> dict[str, Any]:
    """The values already parsed of these fields' texts (to keep them for another time)."""
    return {text: _VALUES[text] for text in texts if text in _VALUES}


def remember(values: Mapping[str, Any]) -> None:
    """Take values parsed before (:func:`parsed_values`), so as not to parse them again."""
    _VALUES.update(values)


def _plain(value: Any) -> Any:
    """A value with the spacing of its texts made plain."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _text(value: object) -> str:
    return "" if value is None or value is UNREADABLE else " ".join(str(value).split())


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class Entry:
    """One change readers are told about: what changed, when, and why."""

    date: dt.date
    commit: str
    """The commit's short id; empty for a change not yet committed."""
    reason: str
    """The note of the corrections entry made with the change, or the commit's subject."""
    verdict: tuple[str, str] | None = None
    """The verdict before and after, when it changed."""
    summary: bool = False
    """Whether the short answer changed."""
    added: tuple[tuple[str, str], ...] = ()
    """Sources added (address, title)."""
    removed: tuple[tuple[str, str], ...] = ()
    correction: tuple[str, str] | None = None
    """The corrections entry (date, note) added with the change, if one was."""
    uncommitted: bool = False
    """Shown as not yet committed (in the preview only)."""


@dataclass(frozen=True)
class ClaimHistory:
    """One claim's history, as its page shows it."""

    entries: tuple[Entry, ...] = ()
    """The changes, newest first."""
    first_published: dt.date | None = None
    """When a published version was first committed; ``None`` when unknown."""
    smaller_edits: int = 0
    """Edits after publication that changed none of the followed fields."""
    complete: bool = True
    """False when the repository holds only part of the history (a shallow clone)."""

    def verdict_changes(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.verdict]


@dataclass
class History:
    """Every claim's history, and what a reader of the build log should know about it."""

    claims: dict[str, ClaimHistory] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    """Committed verdict changes with no corrections entry (see :func:`check_corrections`)."""
    note: str = ""
    """Why there is no history, or why it is incomplete; empty when all is well."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each step of reading it (see bench/history.py)."""


@dataclass(frozen=True)
class _Step:
    commit: Commit
    old: Snapshot | None
    new: Snapshot | None
    added: bool
    deleted: bool
    same: bool
    """The same file (a rename that changed nothing in it)."""
    start: bool
    """The first commit of a shallow clone: its files were there before it."""


def build_history(commits: Sequence[Commit], snapshots: Mapping[str, Snapshot | None],
                  claim_paths: Mapping[str, str], shallow: bool = False,
                  mark_uncommitted: bool = False,
                  shown_paths: Mapping[str, str] | None = None) -> History:
    """Every current claim's history from the commits that changed claim files.

    ``commits`` come newest first (children before parents), the working tree's changes
    first of all as a commit whose ``sha`` is empty; ``snapshots`` holds each blob's
    :class:`Snapshot`; ``claim_paths`` maps each current claim id to its file as git
    names it (``shown_paths``, as messages name it). ``shallow`` says that commits
    without parents are where a shallow clone starts, not where the files were created.
    ``mark_uncommitted`` marks the working tree's changes as not yet committed.
    """
    shown = shown_paths or claim_paths
    owner = {path: claim_id for claim_id, path in claim_paths.items()}
    steps: dict[str, list[_Step]] = {}
    for commit in commits:
        start = shallow and not commit.parents and bool(commit.sha)
        for change in commit.changes:
            path = change.new_path or change.old_path
            claim_id = owner.get(path or "")
            if change.status == "R" and change.old_path:
                if claim_id is not None:
                    owner[change.old_path] = claim_id  # older versions of the old name
                elif change.old_path in owner:
                    del owner[change.old_path]
            if claim_id is None:
                continue
            steps.setdefault(claim_id, []).append(_Step(
                commit, snapshots.get(change.old_blob or ""),
                snapshots.get(change.new_blob or ""), added=change.status == "A",
                deleted=change.status == "D", same=change.old_blob == change.new_blob,
                start=start))
    history = History()
    for claim_id, newest_first in steps.items():
        history.claims[claim_id], warnings = _one_claim(shown[claim_id],
                                                        newest_first[::-1], mark_uncommitted)
        history.warnings.extend(warnings)
    if shallow:
        history.note = ("this is a shallow clone, so the history of the claims is incomplete; "
                        "fetch all of it (git fetch --unshallow; in GitHub Actions, "
                        "actions/checkout with fetch-depth: 0)")
    return history


def _one_claim(path: str, steps: Sequence[_Step], mark_uncommitted: bool
               ) -> tuple[ClaimHistory, list[Problem]]:
    """The history of one claim from its steps, oldest first."""
    first_published: dt.date | None = None
    published = False  # whether a published version was committed, even at an unknown date
    complete = True
    last: Snapshot | None = None  # the newest readable version so far
    entries: list[Entry] = []
    changed_from: list[tuple[Entry, Snapshot]] = []  # verdict changes, and the version before
    smaller = 0
    for step in steps:
        new = step.new
        if step.deleted or new is None or not new.readable:  # gone, or unreadable
            smaller += published and not step.deleted
            last = None if step.deleted else last
            continue
        old = None if step.added else (
            step.old if step.old is not None and step.old.readable else last)
        last = new
        if step.start:  # a shallow clone: the file was there before, as it was here
            published = new.published
            complete = not new.published
            continue
        if not published or old is None or not new.published:
            if new.published and not published and step.commit.sha:
                published, first_published = True, step.commit.date
            continue  # changes before publication, or after deletion, are not listed
        entry = _entry(step.commit, old, new, mark_uncommitted)
        if entry is None:
            smaller += not step.same
        else:
            entries.append(entry)
            if entry.verdict and step.commit.sha:
                changed_from.append((entry, old))
    warnings = []
    for entry, before in changed_from:
        # A corrections entry made with the change, or later, is the note readers need.
        if last is None or set(last.corrections) - set(before.corrections):
            continue
        old_key, new_key = entry.verdict or ("", "")
        warnings.append(Problem(path, last.verdict_line, "verdict",
                                f"changed from {old_key} to {new_key} in {entry.commit} "
                                f"({entry.date.isoformat()}) with no correction; add a "
                                "corrections entry saying why"))
    return ClaimHistory(tuple(reversed(entries)), first_published, smaller, complete), warnings


def _entry(commit: Commit, old: Snapshot, new: Snapshot, mark_uncommitted: bool
           ) -> Entry | None:
    """What changed between two versions, or ``None`` if nothing readers are told of."""
    verdict = (old.verdict, new.verdict) if old.differs(new, "verdict") else None
    summary = old.differs(new, "summary")
    added: tuple[tuple[str, str], ...] = ()
    removed: tuple[tuple[str, str], ...] = ()
    if old.differs(new, "sources"):
        old_urls = {url for url, _ in old.sources}
        new_urls = {url for url, _ in new.sources}
        added = tuple(s for s in new.sources if s[0] not in old_urls)
        removed = tuple(s for s in old.sources if s[0] not in new_urls)
    if not (verdict or summary or added or removed):
        return None
    correction = None
    if old.differs(new, "corrections"):
        made = [c for c in new.corrections if c not in set(old.corrections)]
        correction = made[-1] if made else None
    return Entry(date=commit.date, commit=commit.sha[:7],
                 reason=correction[1] if correction else commit.subject, verdict=verdict,
                 summary=summary, added=added, removed=removed, correction=correction,
                 uncommitted=mark_uncommitted and not commit.sha)


def check_corrections(history: History, rule: str, paths: Iterable[str] | None = None
                      ) -> tuple[list[Problem], list[Problem]]:
    """The verdict changes with no corrections entry, as (problems, warnings) by ``rule``.

    ``rule`` is ``standards.verdict_change_needs_correction``: ``error`` makes them problems,
    ``warn`` warnings, ``off`` neither. ``paths`` limits them to some claim files.
    """
    wanted = None if paths is None else set(paths)
    found = [w for w in history.warnings if wanted is None or w.path in wanted]
    if rule == "off":
        return [], []
    return (found, []) if rule == "error" else ([], found)
