"""Read claim and seed files: bytes to text, text to plain values that remember their lines.

YAML is parsed with PyYAML's safe composer (the C one when available) and built into
plain Python values here, never by PyYAML's constructors, so that:

- no tag can build an object (``!!python/object`` and friends are refused);
- anchors and aliases are refused, so "billion laughs" files cannot expand;
- a key given twice is a problem, not a silent overwrite;
- dates stay text (``2017-02-30`` is then a clear problem, not a crash);
- the line of every value is kept, by key path, for error messages.

>>> doc, problems = parse_yaml("claim: x\\nsources:\\n  - url: y\\n", "claims/a.yaml")
>>> doc.data, doc.line(("sources", 0, "url")), problems
({'claim': 'x', 'sources': [{'url': 'y'}]}, 3, [])
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from .problems import FILE, Problem
from .yaml_hints import syntax_problem

try:  # The C parser is many times faster; fall back where libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Files larger than this are refused before parsing: no claim needs a megabyte.
MAX_BYTES = 1_000_000
#: Deeper nesting than this is refused; a claim file nests three levels at most.
MAX_DEPTH = 20

KeyPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALARS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = _TAG + "str"
_constructor = yaml.constructor.SafeConstructor()
_WORD = re.compile(r"[\w-]+")


def key_path(path: KeyPath) -> str:
    """Format a key path the way people write it: ``sources[0].url``.

    A key that is not a plain word is shown quoted, so that it can be seen at all:

    >>> print(key_path(("sources", 0, "url")), key_path(("\\r", "a b")))
    sources[0].url "\\r"."a b"
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        if not _WORD.fullmatch(part):
            part = json.dumps(part, ensure_ascii=False)
        out += f".{part}" if out else part
    return out


@dataclass
class Document:
    """A parsed YAML file: its plain value and the line of each key path."""

    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of ``path``, or of its nearest enclosing value that has one."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def read_text(path: str, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 text; ``shown`` is the name used in messages."""
    try:
        if os.path.getsize(path) > MAX_BYTES:
            size = os.path.getsize(path) / 1_000_000
            return None, [_file(shown, 1, f"is {size:.1f} MB, too large for a claim or seed "
                                          f"file (the limit is {MAX_BYTES // 1_000_000} MB); "
                                          "check that this is the right file")]
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as err:
        return None, [_file(shown, 1, f"cannot be read ({err.strerror}); check that it exists "
                                      "and that you may read it")]
    return decode(raw, shown)


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8, with or without a byte-order mark; no NUL bytes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [_file(shown, 1, "is saved as UTF-16 text; save the file with UTF-8 "
                                      "encoding instead")]
    if b"\0" in raw:
        line = raw[: raw.index(b"\0")].count(b"\n") + 1
        return None, [_file(shown, line, "looks like a binary file, not text; "
                                         "a claim file must be YAML text saved as UTF-8")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [_file(shown, line, f"is not UTF-8 text (byte 0x{raw[err.start]:02x} "
                                         "cannot be read); save the file with UTF-8 encoding")]
    return text, []


def parse_yaml(text: str, shown: str) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML document into plain values; problems instead of exceptions."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return None, [syntax_problem(err, text, shown)]
    except yaml.reader.ReaderError as err:  # a character YAML does not allow anywhere
        line = text[: err.position].count("\n") + 1
        return None, [_file(shown, line, f"holds the control character U+{err.character:04X}, "
                                         "which YAML does not allow; delete it (most editors "
                                         "do not show it: retype the line)")]
    except yaml.YAMLError:  # pragma: no cover - every other error carries a mark
        return None, [_file(shown, 1, "is not valid YAML; check the file's syntax against the "
                                      "claim template")]
    except RecursionError:
        return None, [_file(shown, 1, f"nests values too deeply (more than {MAX_DEPTH} levels); "
                                      "a claim file needs three at most")]
    if node is None:
        return None, [_file(shown, 1, "is empty; start from the claim template, "
                                      "generator/data/claim-template.yaml")]
    builder = _Builder(shown)
    data = builder.build(node, (), 0)
    if builder.aliases > 1:
        first = next(i for i, p in enumerate(builder.problems) if "YAML alias" in p.message)
        problem = builder.problems[first]
        builder.problems[first] = replace(
            problem, message=problem.message.replace(
                "; anchors", f" (and {builder.aliases - 1} more in this file); anchors"))
    if builder.problems:
        return None, builder.problems
    return Document(data, builder.lines), []


def key_lines(text: str) -> dict[KeyPath, int]:
    """The line of every key and list item of a YAML file, whatever tags it uses.

    For files that other programs read, such as ``mkdocs.yml`` with its
    ``!!python/name:`` and ``!ENV`` tags: the file is only composed, so no tag is
    acted on and nothing is built; a repeated alias is walked once. A file YAML cannot
    parse has no lines (its own reader reports it).

    >>> key_lines("a: !!python/name:os.system\\nb:\\n  - c: !ENV X\\n")
    {('a',): 1, ('b',): 2, ('b', 0): 3, ('b', 0, 'c'): 3}
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return {}
    lines: dict[KeyPath, int] = {}
    seen: set[int] = set()
    todo: list[tuple[yaml.Node | None, KeyPath]] = [(root, ())]
    while todo:
        node, path = todo.pop()
        if node is None or id(node) in seen or len(path) > MAX_DEPTH:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault((*path, key.value), key.start_mark.line + 1)
                    todo.append((value, (*path, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[(*path, i)] = item.start_mark.line + 1
                todo.append((item, (*path, i)))
    return dict(sorted(lines.items(), key=lambda kv: (kv[1], len(kv[0]))))


#: A key of the top-level mapping at the start of a line: where a claim field begins.
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?=[ \t\r\n]|$)", re.M)


def split_fields(text: str, keys: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """The lines of each of ``keys`` in a YAML mapping's text, and the line of the first.

    Made for comparing thousands of old versions of claim files from git without parsing
    them: a field whose lines are the same in two versions has the same value, and only
    a field whose lines differ needs :func:`parse_field`. A field is found where its key
    starts a line; one that is missing is ``""``.

    >>> split_fields("claim: x\\nbody: |\\n  long: text\\nverdict: 'false'\\n",
    ...              ("verdict", "status"))
    (("verdict: 'false'\\n", ''), 4)
    """
    found = list(_TOP_LEVEL_KEY.finditer(text))
    pieces = dict.fromkeys(keys, "")
    line = 1
    for i, match in enumerate(found):
        if match[1] in pieces and not pieces[match[1]]:
            piece = text[match.start(): found[i + 1].start() if i + 1 < len(found) else None]
            pieces[match[1]] = piece if piece.endswith("\n") else piece + "\n"
            if match[1] == keys[0]:
                line = text.count("\n", 0, match.start()) + 1
    return tuple(pieces.values()), line


def parse_field(piece: str) -> Any:
    """The value of one field cut out by :func:`split_fields`, parsed like a claim file
    (:func:`parse_yaml`); :data:`UNREADABLE` if it cannot be read on its own.

    >>> parse_field("sources:\\n  - {url: u}\\n"), parse_field("")
    ([{'url': 'u'}], None)
    >>> parse_field("verdict: [\\n") is UNREADABLE
    True
    """
    if not piece:
        return None
    doc, problems = parse_yaml(piece, "-")
    if doc is None or problems or not isinstance(doc.data, dict) or len(doc.data) != 1:
        return UNREADABLE
    return next(iter(doc.data.values()))


#: What :func:`parse_field` gives for a field it cannot read.
UNREADABLE = type("Unreadable", (), {"__repr__": lambda self: "UNREADABLE"})()


class _Builder:
    """Turns a composed node tree into plain values, recording lines and problems."""

    def __init__(self, shown: str):
        self.shown = shown
        self.lines: dict[KeyPath, int] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.aliases = 0

    def problem(self, node: yaml.Node, path: KeyPath, message: str,
                at_node: bool = False) -> None:
        # An alias's node marks where its anchor stands: prefer the line of the key,
        # unless the problem is the node itself (a key given twice, a merge key).
        line = node.start_mark.line + 1 if at_node else self.lines.get(path,
                                                                        node.start_mark.line + 1)
        self.problems.append(Problem(self.shown, line, key_path(path) or FILE, message))

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        if id(node) in self.seen:
            # The composer hands out the same node again for an alias (*name). One message
            # is enough: a "billion laughs" file holds thousands.
            self.aliases += 1
            if self.aliases == 1:
                self.problem(node, path, "uses a YAML alias (*name); anchors and aliases are "
                                         "not allowed in claim files, so write the value out "
                                         "in full")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.problem(node, path, f"nests values more than {MAX_DEPTH} levels deep; "
                                     "a claim file needs three at most")
            return None
        if isinstance(node, yaml.MappingNode):
            if node.tag != _TAG + "map":
                return self._bad_tag(node, path)
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                return self._bad_tag(node, path)
            out = []
            for i, item in enumerate(node.value):
                self.lines[(*path, i)] = item.start_mark.line + 1
                out.append(self.build(item, (*path, i), depth + 1))
            return out
        if node.tag == _STR:  # most values: the composer's text is the value
            return node.value
        if node.tag not in _SCALARS:
            return self._bad_tag(node, path)
        if node.tag == _TAG + "timestamp":
            return node.value  # validated as a date later, with a helpful message
        return _constructor.construct_object(node)

    def _bad_tag(self, node: yaml.Node, path: KeyPath) -> None:
        tag = node.tag.replace(_TAG, "!!")
        self.problem(node, path, f"uses the YAML tag {tag}, which is not allowed; "
                                 "remove the tag and write plain text, lists and fields")
        return None

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _TAG + "merge":
                self.problem(key_node, path, "uses a YAML merge key (<<); write the fields out "
                                             "in full", at_node=True)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (
                    _TAG + "str", _TAG + "int", _TAG + "bool", _TAG + "null", _TAG + "float"):
                self.problem(key_node, path, "has a key that is not a plain name; "
                                             "write fields as `name: value`", at_node=True)
                continue
            key = str(key_node.value)
            if key in first:
                self.problem(key_node, (*path, key),
                             f"is given twice (first on line {first[key]}); keep one of them",
                             at_node=True)
                continue
            first[key] = line
            self.lines[(*path, key)] = line
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out


def _file(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, FILE, message)
