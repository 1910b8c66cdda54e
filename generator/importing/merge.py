"""``factcheck import --update``: bring a source's newer values into a file an import made.

A field is replaced only if the file still holds what the import wrote there: the
digest of its value (:func:`.claim_file.digest`) is the one on the file's
``# factcheck-import:`` line. A field a person changed, filled in or removed since
keeps the person's words, and is reported as kept.

The file is edited as text, field by field, at the positions the YAML parser reports, so
the comments, blank lines and fields a person added stay where they are; only the
import's own comment lines are rewritten. The result is parsed again and compared with
what was meant before it is used.

>>> old = "# factcheck-import: record=r claim=" + digest("A") + "\\nclaim: \\"A\\"\\n" \\
...       "# my note\\nsummary: Mine.\\n"
>>> print(merge(old, {"claim": "B", "summary": "Theirs."}, lambda values: ["# header"]).text)
... # doctest: +ELLIPSIS
# header
# factcheck-import: record=r claim=... summary=...
claim: "B"
# my note
summary: Mine.
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..load import parse_yaml
from ..schema import CLAIM_FIELDS
from .claim_file import OWN_LINES, TODO, VERDICT_NOTE, canonical, digest, field_lines, read_mark

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_OWN_COMMENTS = (TODO, VERDICT_NOTE)


class CannotMerge(Exception):
    """The file cannot be updated safely; the message says why and what to do."""


@dataclass
class Merged:
    """The updated text, and what changed."""

    text: str
    changed: list[str] = field(default_factory=list)
    """Fields given the source's new value."""
    kept: list[str] = field(default_factory=list)
    """Fields a person changed since the import, left as they are though the source differs."""
    values: dict[str, Any] = field(default_factory=dict)
    """Every field's value in the updated file, as the loader reads it."""


def merge(text: str, new: Mapping[str, Any],
          header: Callable[[Mapping[str, Any]], Sequence[str]],
          notes: Mapping[str, str] | None = None, record: str | None = None,
          leave: Sequence[str] = ()) -> Merged:
    """``text`` with the fields of ``new`` that no person has touched brought up to date.

    ``new`` holds every field as the import would write it now (missing: empty), except
    those in ``leave``, which stay as they are; ``header`` gives the import's human
    comment lines for the updated values. Raises :class:`CannotMerge`.
    """
    mark = read_mark(text)
    doc, problems = parse_yaml(text, "file")
    if mark is None or doc is None or not isinstance(doc.data, dict):
        raise CannotMerge("cannot be read as a claim file now; fix it (`factcheck check` "
                          "says where) and run the import again" if mark is not None else
                          "has no `# factcheck-import:` line, so it was not made by an import")
    current: dict[str, Any] = doc.data
    result = Merged(text)
    digests = {}
    changes: dict[str, Any] = {}
    for f in CLAIM_FIELDS:
        now, then, wanted = current.get(f.name), mark.get(f.name, "-"), new.get(f.name)
        if f.name in leave:
            digests[f.name] = then
            continue
        digests[f.name] = digest(wanted)
        if digest(now) != then:  # a person changed it: theirs stands
            if wanted is not None and digest(now) != digest(wanted):
                result.kept.append(f.name)
            continue
        if digest(now) != digest(wanted):
            changes[f.name] = wanted
    result.changed = list(changes)
    if not changes:  # up to date: the file stays as it is, its header and mark included
        result.values = current
        return result
    body = _replace_fields(text, changes, notes or {})
    mark_line = " ".join([OWN_LINES[2], f"record={record or mark.get('record', '-')}",
                          *(f"{k}={v}" for k, v in digests.items() if v != "-")])
    result.text = _with_header(body, [*header({**current, **changes}), mark_line])
    result.values = _check(result.text, current, changes)
    return result


def _replace_fields(text: str, changes: Mapping[str, Any], notes: Mapping[str, str]) -> str:
    root = yaml.compose(text, Loader=_Loader)
    assert isinstance(root, yaml.MappingNode)  # parse_yaml said it is a mapping
    spans = {}
    for key, value in root.value:
        if key.start_mark.column != 0:
            raise CannotMerge("has its fields indented; start each field at the line's start")
        spans[key.value] = (key.start_mark.index, _own_comment_end(text, _end(text, value)))
    edits = []
    added = []
    for name, value in changes.items():
        lines = "\n".join(field_lines(name, value, notes.get(name, "")))
        if name in spans:
            edits.append((*spans[name], lines))
        else:
            added.append(lines)
    out = text
    for start, end, new in sorted(edits, reverse=True):
        out = out[:start] + new + out[end:]
    if added:
        out = out.rstrip("\n") + "\n" + "\n".join(added) + "\n"
    return out


def _end(text: str, node: yaml.Node) -> int:
    """Where a value's own text ends: before the comments and blank lines after it."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            return len(text[: node.end_mark.index].rstrip())
        return int(node.end_mark.index)
    if node.flow_style or not node.value:
        return int(node.end_mark.index)
    last = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    return _end(text, last)


def _own_comment_end(text: str, end: int) -> int:
    """The end of the line, when what follows ``end`` on it is a comment the import wrote."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return line_end if text[end:line_end].strip().startswith(_OWN_COMMENTS) else end


def _with_header(text: str, header: Sequence[str]) -> str:
    """``text`` without the import's own lines at its top, and with ``header`` there."""
    lines = text.split("\n")
    top = 0
    while top < len(lines) and lines[top].startswith("#"):
        top += 1
    kept = [line for line in lines[:top] if not line.startswith(OWN_LINES)]
    return "\n".join([*header, *kept, *lines[top:]])


def _check(text: str, before: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    doc, problems = parse_yaml(text, "file")
    expected = {**before, **changes}
    if doc is None or problems or not isinstance(doc.data, dict) or \
            canonical(doc.data) != canonical(expected):
        raise CannotMerge("could not be updated without changing more than the import's own "
                          "fields; it was left as it was")
    return dict(doc.data)
