"""``factcheck import``'s writing and telling: the plan's files written, or shown.

:mod:`generator.importing` decides what each record becomes; this writes each new file
with :func:`generator.files.create_new` (never over an existing file) and each update with
:func:`generator.files.replace_if_unchanged` (not if someone saved the file meanwhile),
and says, line by line, what was done and what was not.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from .files import create_new, replace_if_unchanged
from .importing import Imported
from .importing.plan import Action
from .problems import Problem


def run(imported: Imported, dry_run: bool, echo: Callable[[str], object] = print) -> bool:
    """Write (or, for a dry run, show) every file of the plan; True if nothing went wrong."""
    plan = imported.plan
    for shown, how in imported.described:
        echo(f"{shown}: {how}")
    written = {"draft": 0, "published": 0}
    updated = unchanged = 0
    problems = list(plan.problems)
    for action in plan.actions:
        if action.old is not None and not action.changed:
            unchanged += 1
            continue
        if not dry_run and not _write(action, problems):
            continue
        echo(_shown(action, dry_run))
        if dry_run:
            echo(_preview(action))
        if action.old is None:
            written[action.status] += 1
        else:
            updated += 1
    for line in sorted(plan.notes + problems, key=lambda p: (p.path, p.line)):
        echo(str(line))
    echo(_summary(written, updated, unchanged, len(problems), dry_run))
    return not problems


def _write(action: Action, problems: list[Problem]) -> bool:
    data = action.text
    if action.old is None:
        if create_new(action.path, data):
            return True
        message = f"{action.shown} was created by someone else while importing; it was left " \
                  "alone: run the import again"
    else:
        if replace_if_unchanged(action.path, action.old, data.encode("utf-8")):
            return True
        message = f"{action.shown} was saved by someone while importing; it was left as they " \
                  "saved it: run the import again"
    problems.append(Problem(action.record.source, action.record.line,
                            action.record.kind, message))
    return False


def _shown(action: Action, dry_run: bool) -> str:
    would = "would be " if dry_run else ""
    if action.old is None:
        what = f"{would}a new {action.status}" if action.status == "draft" else \
            f"{would}new, published"
        todo = f"; to write: {', '.join(action.todo)}" if action.todo else ""
        return f"{action.shown}: {what}{todo}"
    kept = f"; kept as a person changed it: {', '.join(action.kept)}" if action.kept else ""
    return f"{action.shown}: {would}updated ({', '.join(action.changed)}){kept}"


def _preview(action: Action) -> str:
    if action.old is None:
        return action.text.rstrip("\n")
    old = action.old.decode("utf-8", "replace").splitlines()
    return "\n".join(difflib.unified_diff(old, action.text.splitlines(), action.shown,
                                          action.shown, lineterm=""))


def _summary(written: dict[str, int], updated: int, unchanged: int, bad: int,
             dry_run: bool) -> str:
    new = written["draft"] + written["published"]
    parts = [f"{'Would import' if dry_run else 'Imported'} {new:,} claim{'s' if new != 1 else ''}"
             + (f" ({written['draft']:,} as drafts, {written['published']:,} published)"
                if new else "")]
    if updated:
        parts.append(f"{'would update' if dry_run else 'updated'} {updated:,}")
    if unchanged:
        parts.append(f"{unchanged:,} already up to date")
    if bad:
        parts.append(f"{bad:,} problem{'s' if bad != 1 else ''} above: those records (or "
                     "files) were not imported; fix them and run the import again, with "
                     "--update")
    return "; ".join(parts) + "."
