"""Rows of a CSV or TSV file, as a spreadsheet saves it, to records.

The separator is the one the header line uses most, among comma, semicolon (spreadsheets
in much of Europe), tab and ``|``, or a tab for a ``.tsv`` file; cells are quoted with
``"`` as every spreadsheet does. Line ends may be Windows', Unix' or old Macs'. A cell
may hold several values, one per line (sources, tags, corrections), as factcheck's own
export writes them; tags may also be separated by commas or semicolons.

factcheck's own export (``factcheck export --format csv``) is known by its header: its
``url`` and ``verdict_label`` columns are read but not kept (the claim's address on the
exporting site, and the label of the verdict key beside it), and the ``'`` it puts before
a cell a spreadsheet would run as a formula is taken off again.

>>> text = "Claim,Speaker,Rating\\r\\nThe sky is green.,Jo,False\\r\\n"
>>> records, problems = read_table(text, "a.csv")
>>> [(r.line, r.values, r.label, r.where["claimant"]) for r in records], problems
([(2, {'claim': 'The sky is green.', 'claimant': 'Jo'}, 'False', 'Speaker')], [])
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping

from ..export import CSV_COLUMNS, uncell
from ..problems import Problem
from .claim_file import comment_text
from .columns import EXPORT_ONLY, ID, LIST_FIELDS, column_key, target
from .records import Record, file_problem, identity

SEPARATORS = (",", ";", "\t", "|")
_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
#: The largest cell read; a claim's explanation may be 100,000 characters.
CELL_LIMIT = 1_000_000
_CORRECTION = re.compile(r"^(\d{4}-\d{2}-\d{2}): ?(.*)$")
_TAG_SPLIT = re.compile(r"[\n,;]")


def separator(text: str, suffix: str = "") -> str:
    """The separator of a table: a tab for ``.tsv``, else the one its first line uses most.

    >>> separator("a;b;c\\n1,5;2;3"), separator("a\\tb"), separator("claim")
    (';', '\\t', ',')
    """
    if suffix in (".tsv", ".tab"):
        return "\t"
    first = next(iter(text.splitlines()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def describe(sep: str) -> str:
    """How a separator is named in messages: ``commas``."""
    return _NAMES[sep]


def read_table(text: str, shown: str, sep: str = ",",
               mapping: Mapping[str, str | None] | None = None
               ) -> tuple[list[Record], list[Problem]]:
    """The records of a table's rows, and the problems of its header (none: rows are read)."""
    rows = _rows(text, sep)
    try:
        header_line, header = next(rows)
    except StopIteration:
        return [], [file_problem(shown, "is empty; export the spreadsheet again, with its "
                                        "column names on the first line")]
    except csv.Error as err:
        return [], [file_problem(shown, f"cannot be read as CSV ({err}); check its quotes")]
    export = tuple(h.strip() for h in header[:3]) == CSV_COLUMNS[:3]
    columns, problems = _columns(header, shown, header_line, mapping or {}, export)
    if problems:
        return [], problems
    records: list[Record] = []
    width = len(header)
    try:
        for line, cells in rows:
            if not any(cell.strip() for cell in cells):
                continue  # a blank row, as spreadsheets leave at the end
            records.append(_record(shown, line, cells, columns, width, export))
    except csv.Error as err:
        return records, [file_problem(shown, f"cannot be read as CSV from this line on ({err}); "
                                             "check the quotes on it", line=rows.line)]
    if not records:
        problems.append(file_problem(shown, "has column names but no rows; there is nothing "
                                            "to import", header_line))
    return records, problems


class _Rows:
    """The table's rows with the line each starts on (a cell may hold line breaks)."""

    def __init__(self, text: str, sep: str):
        self.reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"',
                                 doublequote=True, strict=True)
        self.line = 1

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        start = self.line = self.reader.line_num + 1
        cells = next(self.reader)
        # Line breaks inside a cell as the file wrote them: one kind, "\n".
        return start, [c.replace("\r\n", "\n").replace("\r", "\n") for c in cells]


def _rows(text: str, sep: str) -> _Rows:
    if csv.field_size_limit() < CELL_LIMIT:
        csv.field_size_limit(CELL_LIMIT)  # process-wide; only ever raised
    return _Rows(text, sep)


def _columns(header: list[str], shown: str, line: int, mapping: Mapping[str, str | None],
             export: bool) -> tuple[list[tuple[str, str | None]], list[Problem]]:
    """Each column's (header, field), or None for a column not kept; problems of the header."""
    columns: list[tuple[str, str | None]] = []
    problems = []
    single: dict[str, str] = {}
    for i, raw in enumerate(header):
        name = " ".join(raw.split())  # a name is shown on one line
        key = column_key(name)
        if key in mapping:
            field = mapping[key]
        elif export and name in EXPORT_ONLY:
            field = None
        elif not name:
            columns.append((f"column {i + 1}", None))
            continue
        else:
            field = target(name)
            if field is None:
                problems.append(Problem(shown, line, comment_text(name), _unknown(name)))
        if field is not None and field not in LIST_FIELDS:
            if field in single:
                problems.append(Problem(shown, line, comment_text(name),
                                        f"holds {field}, as column '{single[field]}' does; "
                                        f"leave one out with --map \"{name}=\", or give it "
                                        "another field"))
            single.setdefault(field, name)
        columns.append((name, field))
    if not problems and "claim" not in single:
        problems.append(Problem(shown, line, "claim", "no column holds the claim (found "
                                f"{_listed(header)}); name it 'claim' or give --map "
                                "\"COLUMN=claim\""))
    return columns, problems


def _unknown(name: str) -> str:
    return (f"is not a column factcheck knows; say which field it holds with --map "
            f"\"{name}=FIELD\" (e.g. summary, body, source_url), or leave it out with "
            f"--map \"{name}=\"")


def _listed(header: list[str]) -> str:
    names = [f"'{' '.join(h.split())}'" for h in header[:6] if h.strip()]
    return ", ".join(names) + (", ..." if len(header) > 6 else "") if names else "no names"


def _record(shown: str, line: int, cells: list[str], columns: list[tuple[str, str | None]],
            width: int, export: bool) -> Record:
    record = Record(shown, line)
    if len(cells) != width:
        record.problem("file", f"has {len(cells)} cells where the header has {width} "
                               "columns; check the quotes and separators on this row")
        return record
    sources: dict[str, list[str]] = {}
    for (name, field), cell in zip(columns, cells, strict=True):
        text = uncell(cell) if export else cell
        if field is None:
            if not name.startswith("column ") or not text.strip():
                continue
            record.problem(name, "holds a value but its column has no name; name the column "
                                 "in the first row")
            continue
        record.where.setdefault(field, name)  # named in messages even when empty
        if not text.strip():
            continue
        if field.startswith("source_"):
            part = field.removeprefix("source_")
            sources.setdefault(part, []).extend(text.split("\n"))
            record.where.setdefault(f"sources.{part}", name)
        elif field == ID:
            record.given_id = text.strip()
            record.where[ID] = name
        elif field in ("tags", "related"):
            record.values.setdefault(field, []).extend(
                v.strip() for v in _TAG_SPLIT.split(text) if v.strip())
            record.where.setdefault(field, name)
        elif field == "corrections":
            record.values["corrections"] = _corrections(text)
            record.where[field] = name
        elif field == "verdict":
            record.label = text.strip()
            record.where[field] = name
        else:
            record.values[field] = text
            record.where[field] = name
    if sources:
        record.values["sources"] = _sources(sources)
    record.identity = identity(record.values, record.given_id)
    return record


def _sources(parts: dict[str, list[str]]) -> list[dict[str, str]]:
    """Sources from their parts, one line each: the n-th title goes with the n-th url."""
    count = max(len(values) for values in parts.values())
    out = []
    for i in range(count):
        source = {part: values[i].strip() for part, values in parts.items()
                  if i < len(values) and values[i].strip()}
        if source:
            out.append(source)
    return out


def _corrections(text: str) -> list[dict[str, str]]:
    """``YYYY-MM-DD: note`` lines, as the export writes them; other lines go on the note.

    >>> for c in _corrections("2017-02-05: A date.\\nSecond line.\\n2017-02-06: Another."):
    ...     print(c)
    {'date': '2017-02-05', 'note': 'A date.\\nSecond line.'}
    {'date': '2017-02-06', 'note': 'Another.'}
    """
    out: list[dict[str, str]] = []
    for row in text.split("\n"):
        found = _CORRECTION.match(row)
        if found:
            out.append({"date": found.group(1), "note": found.group(2)})
        elif out:
            out[-1]["note"] += "\n" + row
        elif row.strip():
            out.append({"note": row})
    return out
