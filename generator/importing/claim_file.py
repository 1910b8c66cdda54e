"""The text of a claim file made by ``factcheck import``, and the mark it carries.

Fields come in the contract's order. Text is written double-quoted by
:func:`generator.new_claim.quoted` (any character survives, nothing is read as YAML), an
explanation as a ``|`` block when it can be one; a required field the source lacks is
written empty, with what it needs as a comment, so that ``factcheck check`` lists it.

Three comment lines at the top mark the file as imported::

    # Imported by `factcheck import` from archive.csv, line 12, on 2026-11-25.
    # Imported as a draft: fill in the fields marked "to write", then run `factcheck check`.
    # factcheck-import: record=1f0c9e2ab3d4c5e6 claim=9a1b2c3d4e5f claimant=...

The last line is for ``factcheck import --update``: which record of the source the file
came from, and a digest of each value the import wrote (a field not named was left
empty). A field whose value no longer has its digest was changed by a person, and an
update leaves it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ..new_claim import quoted
from ..schema import CLAIM_FIELDS

MARK = "# factcheck-import:"
#: The first words of each comment line the import writes and an update rewrites.
OWN_LINES = ("# Imported by `factcheck import`", "# Imported as a draft:", MARK)
TODO = "# to write:"
VERDICT_NOTE = "# imported verdict:"
_PLAIN = ("status", "claimant_type", "claim_date", "published", "updated", "date", "kind")
_BLOCK = ("body", "quote")
_DOCS = {f.name: f.doc for f in CLAIM_FIELDS}
_SOURCE_DOCS = {"title": "the document's title", "url": "where to read it, https://..."}
_MARK_FIELD = re.compile(r"(\w+)=(\S+)")
# What a `|` block cannot hold as it is: characters YAML does not print (and line breaks
# other than "\n", and the byte-order mark), and spaces or tabs at the end of a line.
_NOT_LITERAL = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                          "\U00010000-\U0010ffff]|[ \t](?:\n|$)")


def header(source: str, line: int, today: dt.date, draft: bool, todo: bool) -> list[str]:
    """The human lines at the top of an imported file: where it came from, what to do."""
    lines = [f"{OWN_LINES[0]} from {comment_text(source)}, line {line}, on "
             f"{today.isoformat()}."]
    if draft and todo:
        lines.append(f'{OWN_LINES[1]} fill in the fields marked "to write", then run '
                     "`factcheck check`.")
    elif draft:
        lines.append(f"{OWN_LINES[1]} read it, run `factcheck check`, then set "
                     "`status: published`.")
    return lines


def mark(record_digest: str, values: Mapping[str, Any]) -> str:
    """The machine line: the record, and a digest of each field's value as written."""
    digests = [f"{f.name}={digest(values.get(f.name))}" for f in CLAIM_FIELDS
               if values.get(f.name) is not None]  # a field not named was left empty
    return " ".join([MARK, f"record={record_digest}", *digests])


def read_mark(text: str) -> dict[str, str] | None:
    """The mark of an imported file's text: ``record`` and each field's digest; or None.

    >>> read_mark("# factcheck-import: record=ab12 claim=x9 verdict=-\\nclaim: x\\n")
    {'record': 'ab12', 'claim': 'x9', 'verdict': '-'}
    """
    for line in text.splitlines():
        if line.startswith(MARK):
            return dict(_MARK_FIELD.findall(line[len(MARK):]))
        if line and not line.startswith("#"):
            return None
    return None


def canonical(value: Any) -> Any:
    """A value as the loader reads it, with what makes no difference set aside: spaces at
    the ends of text, the style of a scalar, an empty optional value."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        items = [canonical(v) for v in value]
        return items or None
    if isinstance(value, dict):
        pairs = {str(k): canonical(v) for k, v in value.items()}
        return {k: v for k, v in pairs.items() if v is not None} or None
    return value


def digest(value: Any) -> str:
    """A short digest of a value's :func:`canonical` form; ``-`` for no value.

    >>> digest(None), digest(""), digest("  x ") == digest("x")
    ('-', '-', True)
    """
    value = canonical(value)
    if value is None:
        return "-"
    # Most values are text: hashed as JSON would write it, without the cost of JSON.
    text = f'"{value}"' if isinstance(value, str) else json.dumps(value, sort_keys=True,
                                                                   ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def comment_text(text: str, quote: bool = False) -> str:
    """Any text made safe for a YAML comment or a terminal: one line, invisible characters
    shown as escapes, quoted unless it is plain (or always, with ``quote``).

    >>> comment_text("archive.csv"), comment_text('a\\nb "c"'), comment_text("\\u202eevil")
    ('archive.csv', '"a b \\\\"c\\\\""', '"\\\\u202Eevil"')
    """
    flat = " ".join(text.split())
    if not quote and flat == text and re.fullmatch(r"[\w .,/()+@'-]*", text):
        return text
    escaped = quoted(flat)
    return "".join(f"\\u{ord(c):04X}" if unicodedata.category(c) == "Cf" else c
                   for c in escaped)


def field_lines(name: str, value: Any, note: str = "") -> list[str]:
    """The lines of one top-level field; an empty required field gets a note of its own."""
    if value is None:
        if name == "verdict" and note:
            comment = f"{VERDICT_NOTE} {note}; write a key of the rating scale"
        else:
            comment = f"{TODO} {_lower(_DOCS.get(name, name))}"
        return [f"{name}: {comment}"]
    if name == "sources":
        return [f"{name}:", *(line for source in value for line in _source(source))]
    if name == "corrections":
        lines = [f"{name}:"]
        for item in value:
            lines.append(f"  - date: {item['date']}")
            lines.extend(_scalar("note", item["note"], 4, block=True))
        return lines
    if name in ("tags", "related"):
        return [f"{name}: [{', '.join(quoted(v) for v in value)}]"]
    lines = _scalar(name, value, 0, block=name in _BLOCK)
    if note:
        lines[0] += f" {VERDICT_NOTE} {note}"
    return lines


def claim_lines(values: Mapping[str, Any], notes: Mapping[str, str] | None = None,
                fields: Iterable[str] | None = None) -> list[str]:
    """The lines of every field: those with values, and the required ones without."""
    notes = notes or {}
    wanted = set(fields) if fields is not None else None
    lines = []
    for f in CLAIM_FIELDS:
        if wanted is not None and f.name not in wanted:
            continue
        value = values.get(f.name)
        if value is None and not f.required:
            continue
        lines.extend(field_lines(f.name, value, notes.get(f.name, "")))
    return lines


def _source(source: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    for key, value in source.items():
        prefix = "  - " if not lines else "    "
        if value is None:
            lines.append(f"{prefix}{key}: {TODO} {_SOURCE_DOCS.get(key, key)}")
        else:
            lines.extend(_scalar(key, value, len(prefix), prefix=prefix,
                                 block=False))
    return lines


def _scalar(name: str, value: str, indent: int, block: bool, prefix: str = "") -> list[str]:
    first = prefix or " " * indent
    if name in _PLAIN:
        return [f"{first}{name}: {value}"]
    if block and _literal_ok(value):
        inner = " " * (indent + 2)
        return [f"{first}{name}: |", *(inner + row if row else "" for row in value.split("\n"))]
    return [f"{first}{name}: {quoted(value)}"]


def _literal_ok(text: str) -> bool:
    """Whether ``text`` reads back the same from a ``|`` block: printable lines, none
    ending in a space, and the first not starting with one.

    >>> _literal_ok("One.\\n\\n  Two."), _literal_ok(" One."), _literal_ok("One. \\nTwo.")
    (True, False, False)
    """
    return bool(text) and text[0] not in " \t\n" and not _NOT_LITERAL.search(text)


def _lower(doc: str) -> str:
    return doc[:1].lower() + doc[1:].rstrip(".")
