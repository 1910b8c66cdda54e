"""Which claim field a spreadsheet's column holds, from its header: forgiving, never guessing.

A header is compared after :func:`column_key` (case, spaces, hyphens and underscores set
aside; a number at the end marks a second column of the same kind, e.g. ``Source URL
2``). It names a field when it is the field's own name or one of its common synonyms
(:data:`SYNONYMS`); ``--map "Column=field"`` names the rest, and ``--map "Column="``
leaves a column out. Any other column is reported, not guessed at.

>>> column_key(" Claim Date "), column_key("Source-URL 2"), column_key("claimReviewed")
('claim_date', 'source_url', 'claimreviewed')
>>> target("Rating"), target("Speaker"), target("Notes")
('verdict', 'claimant', None)
"""

from __future__ import annotations

import re

from ..schema import CLAIM_FIELDS, SOURCE_FIELDS

#: Where a column's cells go, besides the claim fields themselves: the parts of a source,
#: the claim's id (its file name), and columns that are read but not kept.
SOURCE_TARGETS = tuple(f"source_{f.name}" for f in SOURCE_FIELDS)
ID = "id"
#: Columns of factcheck's own CSV export that are not fields: the claim's address on the
#: exporting site, and the verdict's label (the key beside it is what counts).
EXPORT_ONLY = ("url", "verdict_label")
#: The fields whose cells may hold several values, one per line.
LIST_FIELDS = ("tags", "related", "corrections", *SOURCE_TARGETS)
TARGETS = (*(f.name for f in CLAIM_FIELDS if f.name != "sources"), *SOURCE_TARGETS, ID)

#: Other names spreadsheets give a field's column, after :func:`column_key`.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "claim": ("claim_text", "claim_reviewed", "claimreviewed", "statement", "claim_checked"),
    "claimant": ("speaker", "claimant_name", "said_by", "claim_by", "claim_author",
                 "who_said_it", "person"),
    "claimant_role": ("role", "speaker_role", "claimant_title", "speaker_title", "job_title"),
    "claimant_type": ("speaker_type",),
    "claim_date": ("date", "date_of_claim", "claim_made", "date_said", "said_on",
                   "statement_date"),
    "quote": ("quotation", "exact_quote", "quote_text"),
    "verdict": ("rating", "ruling", "textual_rating", "rating_label", "verdict_label",
                "conclusion_rating"),
    "summary": ("short_answer", "conclusion", "in_short", "summary_text"),
    "body": ("explanation", "analysis", "reasoning", "the_explanation", "body_text"),
    "tags": ("tag", "topics", "topic", "keywords", "categories", "category"),
    "author": ("checked_by", "fact_checker", "factchecker", "writer", "reporter", "byline"),
    "reviewer": ("editor", "reviewed_by", "edited_by"),
    "published": ("date_published", "publication_date", "published_on", "review_date",
                  "checked_on", "fact_check_date", "date_checked"),
    "updated": ("date_updated", "last_updated", "modified", "date_modified", "updated_on"),
    "related": ("related_claims", "see_also"),
    "original_url": ("fact_check_url", "factcheck_url", "review_url", "article_url",
                     "check_url", "published_url"),
    "language": ("lang", "in_language", "inlanguage", "language_code"),
    "source_url": ("url", "urls", "source", "sources", "source_urls", "link", "links",
                   "evidence", "evidence_url"),
    "source_title": ("source_titles", "source_name"),
    "source_publisher": ("source_publishers",),
    "source_date": ("source_dates",),
    "source_archive_url": ("source_archive_urls", "archive_url", "archived_url",
                           "archive_link"),
    "source_kind": ("source_kinds",),
    ID: ("slug", "claim_id"),
}
_BY_NAME = {name: name for name in TARGETS}
_BY_NAME.update({alias: name for name, aliases in SYNONYMS.items() for alias in aliases})
_SEPARATORS = re.compile(r"[\s_\-./]+")
_NUMBER_AT_END = re.compile(r"_?\d+$")


def column_key(header: str) -> str:
    """A header as it is compared: lowercase words joined by ``_``, no number at the end."""
    key = _SEPARATORS.sub("_", header.strip().casefold()).strip("_")
    stripped = _NUMBER_AT_END.sub("", key)
    return stripped or key


def target(header: str) -> str | None:
    """The field a column named ``header`` holds, or ``None`` when the name is unknown."""
    return _BY_NAME.get(column_key(header))


def parse_map(pairs: tuple[str, ...]) -> tuple[dict[str, str | None], list[str]]:
    """``--map`` options, ``"Column=field"``: {column key: field, or None to leave it out}.

    Also returns the messages for pairs that cannot be used.

    >>> parse_map(("Notes=body", "Internal id=", "x=nonsense", "no equals sign"))[0]
    {'notes': 'body', 'internal_id': None}
    """
    out: dict[str, str | None] = {}
    errors = []
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column.strip():
            errors.append(f"'{pair}' is not COLUMN=FIELD; write e.g. --map \"Notes=body\", or "
                          "--map \"Notes=\" to leave the column out")
            continue
        field = field.strip()
        name = _BY_NAME.get(column_key(field)) if field else None
        if field and (name is None or column_key(field) != name):
            errors.append(f"'{field}' in --map '{pair}' is not a field; use one of "
                          f"{', '.join(TARGETS)}, or nothing to leave the column out")
            continue
        out[column_key(column)] = name
    return out, errors
