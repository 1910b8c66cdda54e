"""What every reader of an archive gives back: records, one per fact-check found.

A :class:`Record` holds the claim fields a source gave, still as the source wrote them
(text, lists of text, sources as small dicts), with where each came from, so that every
later message can name the source file, its line and its column or JSON key. Cleaning
the values against the claim contract happens later, the same way for every kind of
source (:mod:`generator.importing.claim_file`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from ..problems import FILE, Problem
from .claim_file import comment_text


@dataclass
class Record:
    """One fact-check found in a source file, as the claim fields it gives."""

    source: str
    """The source file, as the person named it."""
    line: int
    """The line the record starts on (a CSV row, a ClaimReview object)."""
    values: dict[str, Any] = field(default_factory=dict)
    """Claim field -> the value as the source wrote it: text, a list of text, or (for
    ``sources`` and ``corrections``) a list of dicts of text."""
    where: dict[str, str] = field(default_factory=dict)
    """Claim field (or ``sources.url``, ``sources.title``...) -> how the source names it:
    a column's header, or a JSON key path. Messages name the source's words."""
    label: str | None = None
    """The verdict as the source words it, when the verdict is to be looked up."""
    numbers: tuple[float, float, float] | None = None
    """A ClaimReview's ``ratingValue``, ``bestRating`` and ``worstRating``, when given."""
    given_id: str | None = None
    """The id the source gives the claim (an ``id`` column), if any."""
    identity: str = ""
    """What makes this record the same one in a later import (:func:`identity`)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems found while reading it (a cell that cannot be read)."""
    kind: str = "row"
    """What the record is called in messages about it as a whole: ``row``, ``ClaimReview``."""

    def at(self, name: str) -> str:
        """How the source names a field, for messages: ``sources[1].url`` -> its column."""
        plain = ".".join(p.split("[")[0] for p in name.split("."))
        return comment_text(self.where.get(plain) or self.where.get(plain.split(".")[0])
                            or name)

    def problem(self, name: str, message: str) -> None:
        """Record a problem with the value of field ``name``."""
        self.problems.append(Problem(self.source, self.line, self.at(name), message))

    def digest(self) -> str:
        """A short, stable name of :attr:`identity`, kept in the file an import writes."""
        return hashlib.sha256(self.identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def file_problem(shown: str, message: str, line: int = 1) -> Problem:
    """A problem with a source file as a whole."""
    return Problem(shown, line, FILE, message)


def identity(values: dict[str, Any], given_id: str | None = None) -> str:
    """What makes a record the same one in a later import: its original address, its id,
    or else its claim's words (so a corrected claimant or date is still the same record).

    >>> identity({"claim": "X is  Y", "claimant": "Jo"})
    'claim:x is y'
    >>> identity({"claim": "X", "original_url": "https://f.org/a"})
    'url:https://f.org/a'
    """
    url = values.get("original_url")
    if isinstance(url, str) and url.strip():
        return "url:" + url.strip()
    if given_id:
        return "id:" + given_id.strip()
    claim = values.get("claim")
    return "claim:" + (" ".join(claim.split()).casefold() if isinstance(claim, str) else "")
