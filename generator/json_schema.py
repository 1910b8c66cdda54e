"""The JSON Schema of a claim file, generated from the one contract in :mod:`generator.schema`.

Editors use it to flag a misspelt field or a wrong value while a claim is typed (the claim
template names it on its first line, for the YAML language server), and the pre-commit
hook checks claim files with it. ``factcheck schema`` writes it to
``schema/claim.schema.json``; a test keeps that file equal to what this module makes, and
another runs a table of claim files through both the schema and the validator.

The schema says what a single file can say about itself. What needs other files, or the
clock, only ``factcheck check`` knows, so the schema accepts these and the check refuses:

- ``seed`` names a seed that does not exist, or ``quote`` does not occur in the seed;
- ``related`` names a claim that does not exist, or the claim itself;
- a date is in the future, ``claim_date`` is after ``published`` or ``updated`` before it;
- the file's name is not a slug.

The schema declares draft 2020-12 but uses only keywords that draft-07 tools read the same
way (no ``$defs`` or ``$ref``), since the YAML language server behind most editors still
validates as draft 07.

Small differences at the edges. The validator is the more forgiving where it trims
spaces around dates, addresses and choices, and measures text after folding runs of
spaces, so a value just over a length limit because of spaces fails only the schema; and
it accepts direction isolates inside isolates, which a regular expression cannot count.
The schema is the more forgiving in tags: it refuses spaces and ASCII punctuation, the
validator any symbol.

>>> schema = claim_schema(DEFAULT_RATINGS)
>>> schema["properties"]["verdict"]["enum"][:3]
['true', 'mostly-true', 'half-true']
>>> schema["additionalProperties"], schema["required"][:3]
(False, ['claim', 'claimant', 'verdict'])
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .model import Rating
from .problems import FILE, Problem
from .ratings import DEFAULT_RATINGS
from .schema import (
    CLAIM_FIELDS,
    LANGUAGE,
    SLUG,
    VERDICT,
    ChoiceType,
    DateType,
    Field,
    FieldType,
    LanguageType,
    ListType,
    SlugType,
    TagType,
    TextType,
    UrlType,
)

#: Where the schema lives in a project, relative to its root.
SCHEMA_PATH = "schema/claim.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Direction controls as generator.schema.hidden_direction sees them: embeddings and
# overrides never; isolates only closed on their line (one level deep here: a regular
# expression cannot count); marks anywhere.
_CONTROLS = "\\u202a-\\u202e\\u2066-\\u2069"
_MARKS = "\\u200e\\u200f\\u061c"
#: Text with at least one visible character, no embedding or override, and every
#: isolate closed on its line.
TEXT_PATTERN = (f"^(?=[\\s\\S]*[^\\s{_CONTROLS}{_MARKS}])"
                f"(?:[^{_CONTROLS}]|[\\u2066-\\u2068][^{_CONTROLS}\\n\\r]*\\u2069)*$")
# A tag: no white space, ASCII punctuation but the hyphen, or direction control.
_NOT_TAG = f"\\s!-,./:-@\\[-`{{-~{_CONTROLS}{_MARKS}"
#: Words joined by single hyphens (the validator also folds case and refuses symbols).
TAG_PATTERN = f"^[^{_NOT_TAG}-]+(?:-[^{_NOT_TAG}-]+)*$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: http or https (in any case, as urlsplit reads it), a host, and no white space.
URL_PATTERN = ("^[Hh][Tt][Tt][Pp][Ss]?://([^\\s/?#@]*@)?"  # user@, optional
               "(\\[[^\\s/?#@\\]]+\\]|[^\\s/?#@:\\[\\]]+)"  # host: [v6] or a name
               "(:[^\\s/?#@]*)?([/?#]\\S*)?$")  # :port, then the rest


def claim_schema(ratings: Sequence[Rating] = DEFAULT_RATINGS) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a claim file, with ``ratings`` as the verdicts."""
    verdict = ChoiceType(tuple(r.key for r in ratings))
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$comment": "Generated from generator/schema.py by `factcheck schema`; "
                    "do not edit by hand.",
        "title": "Claim file",
        "description": "One fact-check: claims/<id>.yaml, where <id> is the claim's address "
                       "on the site. `factcheck check` also checks what this schema cannot: "
                       "that the quote occurs in the seed, that related claims exist, and "
                       "that no date is in the future.",
    }
    schema.update(_object(CLAIM_FIELDS, {VERDICT: verdict}))
    # A claim drawn from a seed must quote it (validate.validate_claim).
    schema["if"] = {"properties": {"seed": {"not": {"type": "null"}}}, "required": ["seed"]}
    schema["then"] = {"properties": {"quote": {"not": {"type": "null"}}},
                      "required": ["quote"]}
    return schema


def stale_problem(current: str, ratings: Sequence[Rating], shown: str = SCHEMA_PATH
                  ) -> Problem | None:
    """The problem with a written schema (its text, ``current``) that is out of date.

    A newsroom that sets its own rating scale and forgets ``factcheck schema`` would
    otherwise have its editors mark every new verdict as wrong, without a word.

    >>> print(stale_problem("{}", DEFAULT_RATINGS))  # doctest: +NORMALIZE_WHITESPACE
    schema/claim.schema.json:1: file: is out of date with the claim contract, so editors
    check claim files against old rules; run `factcheck schema` to rewrite it
    >>> stale_problem(dumps(claim_schema(DEFAULT_RATINGS)), DEFAULT_RATINGS) is None
    True
    """
    if current == dumps(claim_schema(ratings)):
        return None
    try:
        verdicts = json.loads(current)["properties"][VERDICT]["enum"]
    except (ValueError, KeyError, TypeError):
        verdicts = None
    scale = [r.key for r in ratings]
    what = ("is out of date with the claim contract, so editors check claim files against "
            "old rules")
    if isinstance(verdicts, list) and [v for v in verdicts if isinstance(v, str)] != scale:
        what = (f"lists other verdicts than the rating scale in mkdocs.yml ({', '.join(scale)}), "
                "so editors mark valid verdicts as wrong")
    return Problem(shown, 1, FILE, f"{what}; run `factcheck schema` to rewrite it")


def dumps(schema: dict[str, Any]) -> str:
    """The schema as the text of the committed file: stable, readable, one final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _object(fields: Sequence[Field], types: dict[str, FieldType] | None = None
            ) -> dict[str, Any]:
    types = types or {}
    return {
        "type": "object",
        "properties": {f.name: _field(f, types.get(f.name, f.type)) for f in fields},
        "required": [f.name for f in fields if f.required],
        # A misspelt field is a problem, not a silently ignored line.
        "additionalProperties": False,
    }


def _field(field: Field, kind: FieldType | ListType) -> dict[str, Any]:
    out: dict[str, Any] = {"description": field.doc}
    out.update(_type(kind))
    if not field.required:
        # `reviewer:` with nothing after it is the same as leaving the line out.
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        else:
            out["type"] = [*_as_list(out["type"]), "null"]
    if field.example is not None:
        out["examples"] = [field.example]
    return out


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _type(kind: FieldType | ListType) -> dict[str, Any]:
    """The schema of one field type; every type of the contract must be handled here."""
    if isinstance(kind, ListType):
        items = _object(kind.item) if isinstance(kind.item, Sequence) else _type(kind.item)
        out: dict[str, Any] = {"type": "array", "items": items}
        if kind.min_items:
            out["minItems"] = kind.min_items
        out["maxItems"] = kind.max_items
        return out
    if isinstance(kind, TextType):
        # A number is taken as text (`claimant: 1984`); true/false are not.
        return {"type": ["string", "number"], "pattern": TEXT_PATTERN,
                "maxLength": kind.max_length}
    if isinstance(kind, DateType):
        return {"type": "string", "pattern": DATE_PATTERN, "format": "date"}
    if isinstance(kind, LanguageType):
        return {"type": "string", "pattern": LANGUAGE.pattern}
    if isinstance(kind, UrlType):
        return {"type": "string", "pattern": URL_PATTERN}
    if isinstance(kind, TagType):
        return {"type": ["string", "integer"], "pattern": TAG_PATTERN, "minimum": 0}
    if isinstance(kind, SlugType):
        return {"type": ["string", "integer"], "pattern": SLUG.pattern, "minimum": 0}
    if isinstance(kind, ChoiceType):
        choices: list[Any] = list(kind.choices)
        # YAML reads `verdict: true` as the boolean; the validator takes it as the word.
        choices += [b for b in (True, False) if str(b).lower() in kind.choices]
        return {"enum": choices}
    raise TypeError(f"no JSON Schema for {type(kind).__name__}; add it to json_schema._type")
