"""Bring an archive in: fact-checks from spreadsheets and from ClaimReview, as claim files.

``factcheck import FILE ...`` runs these steps, one module each; none writes a file (the
CLI's :mod:`generator.import_run` does, through :mod:`generator.files`):

- :mod:`.inputs` reads a file, decodes it and hands it to its reader: :mod:`.tables` for
  CSV and TSV (with :mod:`.columns`, which knows what a column holds), :mod:`.jsonld` for
  JSON and web pages, :mod:`.claimreview` for what a ClaimReview says. Each gives
  :class:`~.records.Record` values, one per fact-check, with the line it came from;
- :mod:`.verdicts` maps a site's verdict labels to the project's scale;
- :mod:`.cleaning` cleans each record's values as any claim file's are;
- :mod:`.plan` gives each an id and judges the file it would become with the project's
  own checks; :mod:`.claim_file` writes its text, :mod:`.merge` updates an earlier
  import's file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from .cleaning import Cleaned, clean_record
from .inputs import read_source
from .plan import Plan, Planner
from .verdicts import VerdictTable


@dataclass
class Imported:
    """What reading the files found, and the plan for them."""

    plan: Plan
    described: list[tuple[str, str]] = field(default_factory=list)
    """(file, how it was read), for the person: ``3 rows; UTF-8, separated by commas``."""


def plan_import(files: Sequence[tuple[Path, str]], planner: Planner, verdicts: VerdictTable,
                encoding: str | None = None, mapping: Mapping[str, str | None] | None = None,
                date_format: str | None = None) -> Imported:
    """Read every file (path, name to show) and plan the claim files they become."""
    described: list[tuple[str, str]] = []
    problems: list[Problem] = []
    cleaned: list[Cleaned] = []
    for path, shown in files:
        source = read_source(path, shown, encoding, mapping)
        problems.extend(source.problems)
        if source.described and source.records:
            described.append((shown, source.described))
        cleaned.extend(clean_record(r, verdicts, date_format) for r in source.records)
    plan = planner.plan(cleaned)
    plan.problems[:0] = problems
    return Imported(plan, described)


__all__ = ["Imported", "Plan", "Planner", "VerdictTable", "plan_import"]
