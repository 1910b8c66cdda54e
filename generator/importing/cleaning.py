"""A record's values, cleaned against the claim contract as any claim file's are.

Every value goes through its field's type in :mod:`generator.schema` (the same cleaning
``factcheck check`` does), so a bad cell is reported with the source's line and column,
and only clean values reach a file. What the source lacks is not made up: a required
field without a value is left empty, by name, for the desk (:attr:`Cleaned.todo`).

Dates are read as ``YYYY-MM-DD``, or as the start of an ISO 8601 time stamp
(``2017-02-01T10:00:00-05:00``, as ClaimReviews write them), or in the format given with
``--date-format``; nothing else is guessed (is ``02/03/2017`` February or March?).

A verdict label is looked up in the verdict table. A label that is a whole sentence
(more than :data:`SENTENCE_WORDS` words, as Full Fact writes its conclusions) is also
the check's short answer, when the source gives no other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem
from ..schema import (
    CLAIM_FIELDS,
    CORRECTION_FIELDS,
    SOURCE_FIELDS,
    DateType,
    Field,
    Invalid,
    ListType,
    SlugType,
)
from .claim_file import comment_text
from .records import Record
from .verdicts import VerdictTable

#: A verdict label with more words than this is a sentence: the check's short answer too.
SENTENCE_WORDS = 5
_ISO_START = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z ]*)?$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELDS = {f.name: f for f in CLAIM_FIELDS}
_SET_LATER = ("verdict", "status")


@dataclass
class Cleaned:
    """A record made ready to write: clean values, and what is left for a person."""

    record: Record
    values: dict[str, Any] = field(default_factory=dict)
    """Claim field -> clean value: text (dates as ``YYYY-MM-DD``), a list of text, or a
    list of dicts of text (sources, corrections)."""
    todo: list[str] = field(default_factory=list)
    """Key paths of the required values the source lacks: ``summary``, ``sources[0].title``."""
    verdict_note: str = ""
    """What the file says beside the verdict: how it was found, or why it was not."""
    notes: list[Problem] = field(default_factory=list)
    """What a person must hear, though the claim is written (a label with no mapping)."""
    draft: bool = False
    """The source says the check is a draft: it stays one, even with ``--publish``."""


def clean_record(record: Record, verdicts: VerdictTable,
                 date_format: str | None = None) -> Cleaned:
    """The record's values cleaned; its problems go on ``record.problems``."""
    out = Cleaned(record)
    if record.problems:  # the reader could not make sense of it: nothing more to say
        return out
    values = record.values
    if record.label and len(record.label.split()) > SENTENCE_WORDS and "summary" not in values:
        values["summary"] = record.label
        record.where["summary"] = record.where.get("verdict", "verdict")
    for f in CLAIM_FIELDS:
        if f.name in _SET_LATER:
            continue
        raw = values.get(f.name)
        if raw is None or raw == [] or (isinstance(raw, str) and not raw.strip()):
            if f.required:
                out.todo.append(f.name)
            continue
        value = _field(record, f, f.name, raw, date_format)
        if value is not None:
            out.values[f.name] = value
    for i, source in enumerate(out.values.get("sources", ())):
        out.todo.extend(f"sources[{i}].{k}" for k, v in source.items() if v is None)
    if "claim" in out.todo:
        record.problem("claim", "is empty; every row or review needs the claim it checks")
    # The import decides the status; a source can only hold a check back as a draft.
    out.draft = str(values.get("status", "")).strip().lower() == "draft"
    if "seed" in out.values and "quote" not in out.values:
        out.todo.append("quote")
    _verdict(out, verdicts)
    return out


def _field(record: Record, f: Field, path: str, raw: Any, date_format: str | None) -> Any:
    """One value cleaned by its field's type, or None with a problem recorded."""
    if isinstance(f.type, ListType):
        return _list(record, f, raw, date_format)
    if isinstance(raw, str) and _SURROGATE.search(raw):
        record.problem(path, "holds a character that is not text (half of a UTF-16 pair); "
                             "retype the value")
        return None
    try:
        if isinstance(f.type, DateType):
            return _date(raw, date_format)
        if f.name == "claimant_type" and isinstance(raw, str):
            raw = raw.strip().lower().replace("organisation", "organization")
        cleaned = f.type.clean(raw)
    except Invalid as err:
        record.problem(path, str(err))
        return None
    return cleaned


def _list(record: Record, f: Field, raw: Any, date_format: str | None) -> list[Any] | None:
    kind = f.type
    assert isinstance(kind, ListType)
    items = raw if isinstance(raw, list) else [raw]
    if len(items) > kind.max_items:
        record.problem(f.name, f"has {len(items)} items; a claim keeps at most "
                               f"{kind.max_items}")
        return None
    out: list[Any] = []
    for i, item in enumerate(items):
        if isinstance(kind.item, SlugType):
            value = _slug(record, f"{f.name}[{i}]", item, kind.item, tags=f.name == "tags")
            if value is not None and value not in out:
                out.append(value)
            continue
        if not isinstance(item, dict):
            record.problem(f"{f.name}[{i}]", "is not a set of fields; give each as fields")
            continue
        fields = SOURCE_FIELDS if f.name == "sources" else CORRECTION_FIELDS
        one: dict[str, Any] = {}
        for part in fields:
            path = f"{f.name}[{i}].{part.name}"
            value = item.get(part.name)
            if value is None or (isinstance(value, str) and not value.strip()):
                if part.required and f.name == "sources":
                    one[part.name] = None
                elif part.required:
                    record.problem(path, "is missing; each correction needs a date and a note")
                continue
            cleaned = _field(record, part, path, value, date_format)
            if cleaned is not None:
                one[part.name] = cleaned
        if any(v is not None for v in one.values()) and one not in out:
            out.append(one)
    return out or None


def _slug(record: Record, path: str, raw: Any, kind: SlugType, tags: bool) -> str | None:
    try:
        return kind.clean(raw)
    except Invalid as err:
        # A spreadsheet's tag "Local Politics" is plainly the tag local-politics; an id
        # in `related` must name a file exactly, so it is not rewritten.
        if tags and isinstance(raw, str) and kind.suggest(raw):
            try:
                return kind.clean(kind.suggest(raw))
            except Invalid:
                pass
        record.problem(path, str(err))
        return None


def _date(raw: Any, date_format: str | None) -> str:
    text = raw.strip() if isinstance(raw, str) else str(raw)
    if date_format:
        try:
            return dt.datetime.strptime(text, date_format).date().isoformat()
        except ValueError:
            pass  # perhaps written YYYY-MM-DD after all
    found = _ISO_START.match(text)
    if not found:
        hint = (f"it is not in the format {date_format} either" if date_format else
                "or give the form the source writes, e.g. --date-format %m/%d/%Y")
        shown = repr(text if len(text) <= 40 else text[:37] + "...")
        raise Invalid(f"{shown} is not a date written YYYY-MM-DD; write it so, {hint}")
    return DateType().clean(found.group(1)).isoformat()


def _verdict(out: Cleaned, verdicts: VerdictTable) -> None:
    record = out.record
    label = record.label
    if not label:
        out.todo.append("verdict")
        return
    match = verdicts.find(label)
    if match.key is not None:
        out.values["verdict"] = match.key
        if match.by:
            out.verdict_note = f"{comment_text(match.by, quote=True)}, the first words of " \
                               "its label"
        return
    out.todo.append("verdict")
    suggestion = ""
    if record.numbers is not None:
        rating = verdicts.closest(*record.numbers)
        value, best, worst = record.numbers
        if rating is not None:
            suggestion = (f" (its rating, {value:g} on a scale from {worst:g} to {best:g}, "
                          f"is closest to {rating.key})")
    out.verdict_note = f"{comment_text(label, quote=True)} has no mapping{suggestion}"
    out.notes.append(Problem(
        record.source, record.line, record.at("verdict"),
        f"{_shown(label)} has no mapping to a verdict{suggestion}; the claim is written with "
        "an empty verdict: write its key there, or add the label to your verdict file and "
        "import again with --update"))


def _shown(label: str) -> str:
    return comment_text(label if len(label) <= 80 else label[:77] + "...", quote=True)
