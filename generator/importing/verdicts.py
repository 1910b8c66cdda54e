"""From a fact-checker's verdict label ("Pants on Fire!", "Faux", "مضلل") to a key of the scale.

The table is made of three layers, each read over the one before:

1. the labels shipped in ``generator/data/import-verdicts.yaml`` (common labels in
   English, French, Spanish, Portuguese, German and Arabic, mapped to the default
   scale's keys); a label whose key is not on the project's scale is left out;
2. the project's own scale: each key and each label stands for itself;
3. the newsroom's file (``--verdicts`` or the plugin's ``import_verdicts``), where a
   label given no key is never mapped.

Labels are compared after :func:`normalise`. A label that is a whole sentence ("Incorrect.
The figure is for the UK.") is looked up whole, then by its first words (up to the first
full stop, colon or dash), and the file says which.

>>> table = VerdictTable.build(DEFAULT_RATINGS)
>>> table.find("Pants on Fire!"), table.find("  mostly FALSE "), table.find("Four Pinocchios")
(Match(key='false', by=''), Match(key='mostly-false', by=''), Match(key=None, by=''))
>>> table.find("Incorrect. The figure is for the UK, not England.")
Match(key='false', by='Incorrect')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..load import Document, parse_yaml, read_text
from ..model import Rating
from ..problems import FILE, Problem
from ..ratings import DEFAULT_RATINGS
from ..schema import ChoiceType, Invalid

SHIPPED = "import-verdicts.yaml"
# Arabic short vowels and other marks, and the tatweel: written or not, the same word.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")
_EDGE = " \t.,;:!?¡¿'\"«»“”„‘’()[]"
# Where a sentence-long label's first words end.
_FIRST_WORDS = re.compile(r"^(.{1,40}?)(?:[.!?:;]\s|\s[-–—]\s|[.!?]$)")
#: Most words a label's first words may have to be looked up on their own.
FIRST_WORDS_MAX = 4


def normalise(label: str) -> str:
    """A label as it is compared: case, spacing, quotes and edge punctuation set aside.

    >>> normalise(" ¡Pants on  Fire!"), normalise("Engañoso"), normalise("صحيحٌ")
    ('pants on fire', 'engañoso', 'صحيح')
    """
    text = unicodedata.normalize("NFKC", label).casefold().replace("’", "'")
    text = _ARABIC_MARKS.sub("", text)
    return " ".join(text.split()).strip(_EDGE)


@dataclass(frozen=True)
class Match:
    """What a label maps to: a key, or ``None``; ``by`` names the first words used."""

    key: str | None
    by: str = ""


@dataclass
class VerdictTable:
    """Labels (normalised) to keys of the project's scale; ``None``: leave for a person."""

    ratings: tuple[Rating, ...]
    labels: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def build(cls, ratings: Sequence[Rating], own: Document | None = None,
              shown: str = "") -> VerdictTable:
        """The table for ``ratings``, with the newsroom's ``own`` file read over it.

        Raises :class:`VerdictFileError` listing every problem of ``own``.
        """
        table = cls(tuple(ratings))
        keys = {r.key for r in ratings}
        for label, key in _shipped().items():
            if key in keys:  # a key the project's scale lacks: unmapped, never guessed
                table.labels[normalise(label)] = key
        for rating in ratings:
            table.labels[normalise(rating.key)] = rating.key
            table.labels[normalise(rating.label)] = rating.key
        if own is not None:
            table.labels.update(_own(own, shown, tuple(r.key for r in ratings)))
        return table

    def find(self, label: str) -> Match:
        """The key ``label`` maps to, whole or by its first words."""
        text = normalise(label)
        if text in self.labels:
            return Match(self.labels[text])
        first = _FIRST_WORDS.match(" ".join(label.split()))
        if first and len(first.group(1).split()) <= FIRST_WORDS_MAX:
            words = first.group(1).strip(_EDGE)
            key = self.labels.get(normalise(words))
            if key is not None:
                return Match(key, words)
        return Match(None)

    def closest(self, value: float, best: float, worst: float) -> Rating | None:
        """The rating on the truth scale nearest to ``value`` on a scale from ``worst`` to
        ``best``, as a suggestion for a label with no mapping.

        >>> VerdictTable(DEFAULT_RATINGS).closest(1, 5, 1).key
        'false'
        >>> VerdictTable(DEFAULT_RATINGS).closest(2, 3, 1).key
        'half-true'
        """
        scale = [r for r in self.ratings if r.value is not None]
        if not scale or best == worst:
            return None
        position = (value - worst) / (best - worst)
        if not 0 <= position <= 1:
            return None
        low = min(r.value for r in scale if r.value is not None)
        high = max(r.value for r in scale if r.value is not None)
        return min(scale, key=lambda r: abs(((r.value or 0) - low) / ((high - low) or 1)
                                            - position))


class VerdictFileError(Exception):
    """The newsroom's verdict file has problems; ``problems`` lists each."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _shipped() -> dict[str, str]:
    text = resources.files("generator").joinpath("data", SHIPPED).read_text(encoding="utf-8")
    doc, problems = parse_yaml(text, SHIPPED)
    if doc is None or problems or not isinstance(doc.data, dict):  # pragma: no cover
        raise RuntimeError(f"the shipped {SHIPPED} is broken: {problems}")
    return {str(k): str(v).lower() for k, v in doc.data.items()}


def _own(doc: Document, shown: str, keys: tuple[str, ...]) -> dict[str, str | None]:
    """The newsroom's labels, checked against the project's scale."""
    if not isinstance(doc.data, dict):
        raise VerdictFileError([Problem(shown, 1, FILE, "is not a list of `label: verdict` "
                                "lines; write one line per label, e.g. \"Faux\": false")])
    choice = ChoiceType(keys)
    out: dict[str, str | None] = {}
    problems = []
    for label, key in doc.data.items():
        if key is None:
            out[normalise(label)] = None
            continue
        try:
            out[normalise(label)] = choice.clean(key)
        except Invalid as err:
            problems.append(Problem(shown, doc.line((label,)), _quoted(label),
                                    f"{err}; or leave it empty to map the label by hand"))
    if problems:
        raise VerdictFileError(problems)
    return out


def _quoted(label: Any) -> str:
    return '"' + " ".join(str(label).split()) + '"'


def read_table(ratings: Sequence[Rating], path: Path | None = None,
               shown: str = "") -> VerdictTable:
    """The table for ``ratings``, with the newsroom's file (at ``path``) over the shipped one.

    Raises :class:`VerdictFileError` with every problem of the file.
    """
    if path is None:
        return VerdictTable.build(ratings)
    text, problems = read_text(str(path), shown)
    if text is None:
        raise VerdictFileError(problems)
    if not text.strip():
        return VerdictTable.build(ratings)
    doc, problems = parse_yaml(text, shown)
    if doc is None:
        raise VerdictFileError(problems)
    return VerdictTable.build(ratings, doc, shown)


__all__ = ["DEFAULT_RATINGS", "Match", "VerdictFileError", "VerdictTable", "normalise",
           "read_table"]
