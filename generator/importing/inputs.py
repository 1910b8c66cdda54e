"""Read one file given to ``factcheck import``: what it is, its text, and the records in it.

The kind is told by the file's name (``.csv``, ``.tsv``/``.tab``, ``.json``/``.jsonld``,
``.html``/``.htm``), else by its first character (``{`` or ``[``: JSON; ``<``: HTML;
anything else: a table).

Text is read as UTF-8, with or without a byte-order mark. A file that starts with a
UTF-16 byte-order mark (Excel's "Unicode text") is read as UTF-16: the mark makes that
certain. Any other encoding is not guessed, since many read the same bytes as different
letters: the message names ``--encoding``. A web page that is not UTF-8 is read in the
encoding its ``<meta charset>`` declares.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem
from .claimreview import found_record
from .jsonld import Found, html_reviews, json_reviews
from .records import Record, file_problem
from .tables import describe, read_table, separator

TABLE, JSON, HTML = "table", "json", "html"
_BY_SUFFIX = {".csv": TABLE, ".tsv": TABLE, ".tab": TABLE, ".txt": TABLE, ".json": JSON,
              ".jsonld": JSON, ".html": HTML, ".htm": HTML, ".xhtml": HTML}
#: Larger input is refused: 10,000 fact-checks with long explanations fit in far less.
MAX_BYTES = 500_000_000


@dataclass
class Source:
    """What one input file holds."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Problems of the file itself (a table's header, a page's broken script)."""
    described: str = ""
    """How the file was read, for the person: ``3 rows; UTF-8, separated by commas``."""


def read_source(path: Path, shown: str, encoding: str | None = None,
                mapping: Mapping[str, str | None] | None = None) -> Source:
    """The records of one input file, or the problems that kept it from being read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return Source(problems=[file_problem(shown, "is larger than 500 MB; split it into "
                                                        "several files")])
        raw = path.read_bytes()
    except OSError as err:
        return Source(problems=[file_problem(shown, f"cannot be read ({err.strerror})")])
    kind = _BY_SUFFIX.get(path.suffix.lower()) or _sniff(raw)
    if kind == HTML:
        return _html(raw, shown)
    text, how, problems = decode_input(raw, shown, encoding)
    if text is None:
        return Source(problems=problems)
    if kind == JSON:
        found, problems = json_reviews(text, shown)
        return _reviews(found, problems, shown, f"{how}")
    sep = separator(text, path.suffix.lower())
    records, problems = read_table(text, shown, sep, mapping)
    rows = f"{len(records):,} row{'s' if len(records) != 1 else ''}"
    return Source(records, problems, f"{rows}; {how}, columns separated by {describe(sep)}")


def decode_input(raw: bytes, shown: str, encoding: str | None = None
                 ) -> tuple[str | None, str, list[Problem]]:
    """The text of an input file, how it was decoded, or the problem that stopped it."""
    if encoding:
        name = codecs.lookup(encoding).name
        try:
            return raw.decode("utf-8-sig" if name == "utf-8" else name), name, []
        except UnicodeDecodeError as err:
            return None, "", [file_problem(shown, f"is not {name} text (byte 0x"
                                                  f"{raw[err.start]:02x} cannot be read); check "
                                                  "--encoding", _line(raw, err.start))]
    if raw.startswith(codecs.BOM_UTF8):
        how = "UTF-8 with a byte-order mark"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "UTF-16 (the file starts with its byte-order mark)", []
        except UnicodeDecodeError:
            return None, "", [file_problem(shown, "starts like UTF-16 text but is not; save it "
                                                  "again as CSV UTF-8")]
    else:
        how = "UTF-8"
    if raw.startswith(b"PK\x03\x04"):
        return None, "", [file_problem(shown, "is a spreadsheet workbook (.xlsx or .ods), not "
                                              "CSV; save it from the spreadsheet as \"CSV UTF-8\""
                                              " and import that")]
    if b"\0" in raw:
        return None, "", [file_problem(shown, "looks like a binary file, not text; give a CSV, "
                                              "JSON or HTML file", _line(raw, raw.index(b"\0")))]
    try:
        return raw.decode("utf-8-sig"), how, []
    except UnicodeDecodeError as err:
        return None, "", [file_problem(
            shown, f"is not UTF-8 text (byte 0x{raw[err.start]:02x} cannot be read); save it "
                   "as UTF-8 (in a spreadsheet, as \"CSV UTF-8\"), or name its encoding, e.g. "
                   "--encoding cp1252 for Excel on Windows in Western Europe and the Americas",
            _line(raw, err.start))]


def _line(raw: bytes, at: int) -> int:
    return raw.count(b"\n", 0, at) + 1


def _sniff(raw: bytes) -> str:
    start = raw.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
    return JSON if start in (b"{", b"[") else HTML if start == b"<" else TABLE


def _html(raw: bytes, shown: str) -> Source:
    try:
        text: str | None = raw.decode("utf-8-sig")
        how = "UTF-8"
    except UnicodeDecodeError:
        text, how = None, "the encoding its <meta charset> declares"
    found, problems = html_reviews(text if text is not None else raw, shown)
    return _reviews(found, problems, shown, how)


def _reviews(found: list[Found], problems: list[Problem], shown: str, how: str) -> Source:
    records = [found_record(f, shown) for f in found]
    count = f"{len(records):,} ClaimReview{'s' if len(records) != 1 else ''}"
    return Source(records, problems, f"{count}; {how}")
