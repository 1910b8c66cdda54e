"""What an import will do: for each record, the file it becomes, checked before it is written.

Each record gets an id, as ``factcheck new`` makes one from the claim's words
(:func:`generator.new_claim.claim_slug`) unless the source gives one, unique within the
run and among the project's files: a made-up id that a different claim already has gets
``-2``, ``-3``. A file that an earlier import made from the same record is never
replaced: it is reported, or, with ``--update``, merged (:mod:`.merge`).

Every file is judged before it is written by the project's own checks
(:func:`generator.project.check_claim_text`), on its would-be text. A draft may lack what
the source lacked (its "to write" fields); any other problem means the record is bad and
is reported at its line in the source. With ``--publish``, a file that passes every check
as published is written so; otherwise it is written as a draft, and the reasons are said.

Nothing here writes a file; it reads the claim files it may clash with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load import decode
from ..model import Seed, Settings
from ..new_claim import claim_slug
from ..problems import Problem
from ..project import check_claim_text
from ..schema import CLAIM_FIELDS, SLUG
from .claim_file import claim_lines, header, mark, read_mark
from .cleaning import Cleaned
from .merge import CannotMerge, merge
from .records import Record


@dataclass
class Action:
    """A file to write: a new claim, or an update of an imported one."""

    path: Path
    shown: str
    text: str
    record: Record
    status: str
    """``draft`` or ``published``."""
    todo: list[str] = field(default_factory=list)
    """What is left for a person (empty fields), by key path."""
    old: bytes | None = None
    """For an update: the file's bytes when it was read; it is replaced only if unchanged."""
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@dataclass
class Plan:
    """Everything an import will do, and what it will not, with why."""

    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Records not imported, each with its source line and what to do."""
    notes: list[Problem] = field(default_factory=list)
    """What a person must hear about records that were imported."""


@dataclass
class Planner:
    """Turns cleaned records into a :class:`Plan` for one project."""

    root: Path
    settings: Settings
    seeds: Mapping[str, Seed]
    today: dt.date
    publish: bool = False
    update: bool = False
    existing: dict[str, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        folder = self.root / self.settings.claims_dir
        if folder.is_dir() and not self.existing:
            self.existing = {p.stem.lower(): p for p in folder.glob("*.yaml")}

    def plan(self, records: Iterable[Cleaned]) -> Plan:
        """The plan for every record; bad records become problems."""
        result = Plan()
        taken: dict[str, Record] = {}
        chosen: list[tuple[Cleaned, str]] = []
        seen: dict[str, Record] = {}
        for cleaned in records:
            record = cleaned.record
            first = seen.setdefault(record.identity, record)
            # The same fact-check twice (a page saved twice, a review listed twice) is
            # imported once. Claims with the same words are not the same check, and an id
            # given twice is the desk's mistake, reported as such (`_id`).
            if first is not record and record.identity.startswith("url:"):
                result.notes.append(Problem(
                    record.source, record.line, record.kind,
                    f"is the fact-check of {first.source}, line {first.line}, again (the "
                    "same address); it was imported once"))
                continue
            claim_id = None if record.problems else self._id(record, cleaned, taken)
            if claim_id is None:
                result.problems.extend(record.problems)
                continue
            taken[claim_id] = record
            chosen.append((cleaned, claim_id))
        # A record may name another of the same run in `related`. If that one cannot be
        # written, the file naming it would name no claim: judge it again without it,
        # until no more records fall.
        ids = frozenset(self.existing) | frozenset(taken)
        parts = [Plan() for _ in chosen]
        again = list(range(len(chosen)))
        while again:
            fallen = set()
            for i in again:
                cleaned, claim_id = chosen[i]
                parts[i] = part = Plan()
                self._one(cleaned, claim_id, ids, part)
                if not part.actions and claim_id not in self.existing:
                    fallen.add(claim_id)
            ids -= fallen
            again = [i for i, (cleaned, _) in enumerate(chosen)
                     if parts[i].actions and fallen & set(cleaned.values.get("related") or ())]
        for part in parts:
            result.actions.extend(part.actions)
            result.problems.extend(part.problems)
            result.notes.extend(part.notes)
        return result

    def _id(self, record: Record, cleaned: Cleaned, taken: Mapping[str, Record]) -> str | None:
        """The record's id: the one it gives, or one made from its words; None if neither
        can be used (a problem says why)."""
        given = record.given_id
        if given is None:
            base = claim_slug(cleaned.values.get("claim", "")) or "claim"
            for n in range(1, 10_000):
                candidate = base if n == 1 else f"{base[:56]}-{n}"
                path = self.existing.get(candidate)
                if candidate not in taken and (path is None or
                                               _record_of(path) == record.digest()):
                    return candidate
            raise AssertionError("unreachable: ten thousand claims with the same words")
        path = self.existing.get(given)
        if not SLUG.fullmatch(given):
            record.problem("id", f"{given!r} cannot be a claim's id; use lowercase letters, "
                                 "digits and hyphens")
        elif given in taken:
            record.problem("id", f"{given!r} is the id of the record on line "
                                 f"{taken[given].line} too; give each its own")
        elif path is not None and _record_of(path) != record.digest():
            record.problem("id", f"{self._shown(path)} already exists and was not imported "
                                 "from this record; give the record another id")
        else:
            return given
        return None

    def _shown(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _one(self, cleaned: Cleaned, claim_id: str, ids: frozenset[str], result: Plan) -> None:
        record = cleaned.record
        path = self.existing.get(claim_id) or \
            self.root / self.settings.claims_dir / f"{claim_id}.yaml"
        shown = self._shown(path)
        old = path.read_bytes() if claim_id in self.existing else None
        if old is not None and not self.update:
            result.problems.append(Problem(
                record.source, record.line, record.kind,
                f"was imported before, into {shown}, which factcheck never replaces; run "
                "again with --update to bring in what changed"))
            return
        for status in ("published", "draft") if self.publish and not cleaned.draft \
                else ("draft",):
            try:
                made = self._made(cleaned, status, old)
            except CannotMerge as err:
                result.problems.append(Problem(record.source, record.line, record.kind,
                                               f"{shown} {err}"))
                return
            if old is not None and not made.changed:  # up to date: nothing to judge
                result.actions.append(Action(path, shown, made.text, record, status, [], old))
                return
            _, problems = check_claim_text(claim_id, shown, made.text, self.settings,
                                           self.seeds, ids, self.today)
            if status == "published" and problems:
                reasons = "; ".join(f"{p.field}: {p.message.split(';')[0]}" for p in problems)
                result.notes.append(Problem(record.source, record.line, record.kind,
                                            "written as a draft, as it does not pass the "
                                            f"checks yet: {reasons}"))
                continue
            # A draft may lack what the source lacked; an update answers only for what
            # it changed.
            bad = [p for p in problems if p.field not in made.todo and
                   (old is None or _top(p.field) in made.changed)]
            if bad:
                result.problems.extend(Problem(record.source, record.line,
                                               record.at(p.field), p.message) for p in bad)
                return
            break
        if "verdict" in made.todo:  # else a person has written the verdict since
            result.notes.extend(cleaned.notes)
        problem_fields = {p.field for p in problems}
        todo = [f for f in (*cleaned.todo, *sorted(made.todo)) if f in problem_fields]
        result.actions.append(Action(path, shown, made.text, record, status,
                                     list(dict.fromkeys(todo)), old, made.changed, made.kept))

    def _made(self, cleaned: Cleaned, status: str, old: bytes | None) -> _Made:
        """The file's would-be text, for a new file or an update."""
        record = cleaned.record
        notes = {"verdict": cleaned.verdict_note} if cleaned.verdict_note else {}
        values = {**cleaned.values, "status": status}

        def top(values: Mapping[str, Any]) -> list[str]:
            return header(record.source, record.line, self.today,
                          values.get("status") == "draft", bool(_empty(values)))

        if old is None:
            lines = [*top(values), mark(record.digest(), values), *claim_lines(values, notes)]
            return _Made("\n".join(lines) + "\n", set(cleaned.todo))
        text = decode(old, "file")[0]
        if text is None:
            raise CannotMerge("is no longer UTF-8 text; fix it and run again")
        # Without --publish, an update leaves the status as it is: never back to a draft.
        merged = merge(text, values, top, notes, record.digest(),
                       leave=() if status == "published" else ("status",))
        return _Made(merged.text, _empty(merged.values), merged.changed, merged.kept)


@dataclass
class _Made:
    text: str
    todo: set[str]
    changed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def _top(key_path: str) -> str:
    return key_path.split("[")[0].split(".")[0]


def _record_of(path: Path) -> str | None:
    """The record an imported file came from, or None for a file a person made."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            start = fh.read(4096)
    except OSError:
        return None
    return (read_mark(start) or {}).get("record")


def _empty(values: Mapping[str, Any]) -> set[str]:
    """The key paths of what a claim still needs, as the validator names them: its empty
    required fields, a quote for its seed, a source's title or address."""
    out = {f.name for f in CLAIM_FIELDS if f.required and values.get(f.name) in (None, "", [])}
    if values.get("seed") and values.get("quote") in (None, ""):
        out.add("quote")
    for i, source in enumerate(values.get("sources") or ()):
        if isinstance(source, dict):
            out.update(f"sources[{i}].{k}" for k, v in source.items() if v in (None, ""))
    return out
