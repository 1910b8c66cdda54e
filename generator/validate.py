"""Turn parsed claim and seed files into the model, or into problems: every one at once.

Nothing here reads files or knows about MkDocs or the terminal: the functions take
parsed documents (:class:`generator.load.Document`) and the settings, and return model
values plus a list of :class:`~generator.problems.Problem`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from difflib import get_close_matches
from typing import Any

from .i18n import SOURCE_LANGUAGE
from .i18n import words as language_words
from .load import Document, KeyPath, key_path
from .model import (
    Claim,
    Correction,
    Rating,
    Seed,
    Settings,
    Source,
    StandardException,
    Standards,
)
from .problems import FILE, Problem
from .quotes import closest_passage, find_quote
from .ratings import given_in, in_language
from .schema import (
    BIDI_MESSAGE,
    CLAIM_FIELDS,
    RATING_FIELDS,
    SEED_FIELDS,
    SLUG,
    STANDARD_FIELDS,
    VERDICT,
    ChoiceType,
    Field,
    FieldType,
    Invalid,
    ListType,
    hidden_direction,
    slugify,
)


class _Checker:
    """Cleans one document against field lists, collecting problems as it goes."""

    def __init__(self, doc: Document, shown: str, types: Mapping[str, FieldType] | None = None):
        self.doc = doc
        self.shown = shown
        self.types = types or {}
        self.problems: list[Problem] = []

    def problem(self, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.shown, self.doc.line(path), key_path(path) or FILE,
                                     message))

    def mapping(self, value: Any, fields: Sequence[Field], path: KeyPath,
                what: str) -> dict[str, Any] | None:
        """Clean a mapping: unknown keys, missing required fields, each value's type."""
        if not isinstance(value, dict):
            shape = {list: "a list", str: "a piece of text"}.get(type(value), "a single value")
            self.problem(path, f"is {shape}, but {what} must be a set of `name: value` fields; "
                               "start from the template")
            return None
        known = {f.name: f for f in fields}
        out: dict[str, Any] = {}
        for key in value:
            if key not in known:
                close = get_close_matches(key, list(known), n=1, cutoff=0.6)
                hint = (f"did you mean '{close[0]}'?" if close
                        else "the fields are " + ", ".join(known))
                self.problem((*path, key), f"is not a field of {what}; {hint}")
        for f in fields:
            given = value.get(f.name)
            # `body: |` with nothing under it is an empty string, not null: the same thing.
            if given is None or (f.required and isinstance(given, str) and not given.strip()):
                if f.required:
                    what_it_is = f.doc[0].lower() + f.doc[1:].rstrip(".")
                    if f.name in value:
                        self.problem((*path, f.name), f"is empty; write {what_it_is}")
                    else:  # name the missing field, at the line of the mapping that lacks it
                        self.problems.append(Problem(
                            self.shown, self.doc.line(path), key_path((*path, f.name)),
                            f"is missing; add `{f.name}:` with {what_it_is}"))
                continue
            cleaned = self.value(value[f.name], self.types.get(f.name, f.type), (*path, f.name))
            if cleaned is not None:
                out[f.name] = cleaned
        return out

    def value(self, raw: Any, kind: FieldType | ListType, path: KeyPath) -> Any:
        if isinstance(kind, ListType):
            return self.list(raw, kind, path)
        try:
            return kind.clean(raw)
        except Invalid as err:
            self.problem(path, str(err))
            return None

    def list(self, raw: Any, kind: ListType, path: KeyPath) -> tuple[Any, ...] | None:
        if not isinstance(raw, list):
            example = "[first, second]" if not isinstance(kind.item, Sequence) else \
                "lines starting with `- `"
            self.problem(path, f"must be a list, not {_shape(raw)}; write it as {example}")
            return None
        if len(raw) < kind.min_items:
            self.problem(path, f"is empty; give at least {kind.min_items}")
            return None
        if len(raw) > kind.max_items:
            self.problem(path, f"has {len(raw)} items; keep it to {kind.max_items}")
            return None
        items = []
        for i, item in enumerate(raw):
            if isinstance(kind.item, Sequence):
                cleaned = self.mapping(item, kind.item, (*path, i), f"an item of {path[-1]}")
            else:
                cleaned = self.value(item, kind.item, (*path, i))
            if cleaned is not None and cleaned not in items:
                items.append(cleaned)
        return tuple(items)


def _shape(value: Any) -> str:
    return {dict: "a set of fields", str: "a piece of text"}.get(type(value), "a single value")


def check_dates(checker: _Checker, values: Iterable[tuple[KeyPath, dt.date | None]],
                today: dt.date) -> None:
    """Refuse dates after ``today``: they are typing mistakes, not scheduled posts."""
    for path, day in values:
        if day is not None and day > today:
            checker.problem(path, f"{day.isoformat()} is in the future; check the year "
                                  f"(today is {today.isoformat()})")


def validate_claim(claim_id: str, shown: str, doc: Document, settings: Settings,
                   seeds: Mapping[str, Seed], claim_ids: frozenset[str],
                   today: dt.date) -> tuple[Claim | None, list[Problem]]:
    """Validate one parsed claim file; ``claim_ids`` are all ids, for ``related``."""
    verdicts = tuple(r.key for r in settings.ratings)
    checker = _Checker(doc, shown, {VERDICT: ChoiceType(verdicts)})
    if not SLUG.fullmatch(claim_id):
        checker.problem((), f"the file name '{claim_id}.yaml' cannot be a claim's address; "
                            f"rename the file to '{slugify(claim_id) or 'claim'}.yaml' "
                            "(lowercase letters, digits and hyphens)")
    data = checker.mapping(doc.data, CLAIM_FIELDS, (), "a claim file")
    if data is None:
        return None, checker.problems

    seed = None
    if "seed" in data:
        seed = seeds.get(data["seed"])
        if seed is None:
            close = get_close_matches(data["seed"], list(seeds), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else \
                f"put the document in {settings.seeds_dir}/{data['seed']}.txt with its metadata"
            checker.problem(("seed",), f"there is no seed '{data['seed']}'; {hint}")
        if doc.data.get("quote") is None:
            checker.problem(("quote",), "is missing; a claim drawn from a seed needs `quote:`, "
                                        "the seed's words copied exactly")
    span = None
    if seed is not None and "quote" in data:
        span = find_quote(seed.text, data["quote"])
        if span is None:
            passage = closest_passage(seed.text, data["quote"])
            checker.problem(("quote",), f"does not occur in seed '{seed.id}'; the closest "
                                        f"passage is \"{passage}\": copy the words exactly")

    for i, other in enumerate(data.get("related", ())):
        if other == claim_id:
            checker.problem(("related", i), "names this claim itself; list other claims only")
        elif other not in claim_ids:
            close = get_close_matches(other, list(claim_ids), n=1, cutoff=0.7)
            hint = f"did you mean '{close[0]}'?" if close else "check the file name in " \
                f"{settings.claims_dir}/"
            checker.problem(("related", i), f"there is no claim '{other}'; {hint}")

    check_dates(checker, [
        (("claim_date",), data.get("claim_date")),
        (("published",), data.get("published")),
        (("updated",), data.get("updated")),
        *((("sources", i, "date"), s.get("date")) for i, s in enumerate(data.get("sources", ()))),
        *((("corrections", i, "date"), c.get("date"))
          for i, c in enumerate(data.get("corrections", ()))),
    ], today)
    if data.get("updated") and data.get("published") and data["updated"] < data["published"]:
        checker.problem(("updated",), "is before `published`; a check is updated after it is "
                                      "published")
    for i, correction in enumerate(data.get("corrections", ())):
        if correction.get("date") and data.get("published") and \
                correction["date"] < data["published"]:
            checker.problem(("corrections", i, "date"), "is before `published`; a correction "
                                                        "is made after the check is published")
    if data.get("claim_date") and data.get("published") and \
            data["claim_date"] > data["published"]:
        checker.problem(("claim_date",), "is after `published`; a claim is checked after it "
                                         "is made")
    if checker.problems:
        return None, checker.problems

    rating = settings.rating(data[VERDICT])
    assert rating is not None  # the choice type only lets the scale's keys through
    return Claim(
        id=claim_id, path=shown, claim=data["claim"], claimant=data["claimant"], verdict=rating,
        summary=data["summary"], body=data["body"], author=data["author"],
        published=data["published"],
        sources=tuple(Source(**s) for s in data["sources"]),
        claimant_role=data.get("claimant_role"),
        claimant_type=data.get("claimant_type", "person"), claim_date=data.get("claim_date"),
        seed=data.get("seed"), quote=data.get("quote"), quote_span=span,
        tags=data.get("tags", ()), reviewer=data.get("reviewer"), updated=data.get("updated"),
        status=data.get("status", "published"),
        corrections=tuple(sorted((Correction(**c) for c in data.get("corrections", ())),
                                 key=lambda c: c.date, reverse=True)),
        related=data.get("related", ()), original_url=data.get("original_url"),
        language=data.get("language"),
        exceptions=tuple(StandardException(**e) for e in data.get("exceptions", ())),
        lines={key_path(path): line for path, line in doc.lines.items()
               if len(path) == 1 or path[0] in ("sources", "exceptions")},
    ), []


def validate_seed(seed_id: str, text_shown: str, text: str, meta_shown: str, meta: Document,
                  today: dt.date) -> tuple[Seed | None, list[Problem]]:
    """Validate a seed's metadata and cut its text at ``ends_with``."""
    checker = _Checker(meta, meta_shown)
    data = checker.mapping(meta.data, SEED_FIELDS, (), "a seed's metadata file")
    if data is None:
        return None, checker.problems
    check_dates(checker, [(("date",), data.get("date"))], today)
    hidden = hidden_direction(text)
    if hidden is not None:
        checker.problems.append(Problem(text_shown, text.count("\n", 0, hidden) + 1, FILE,
                                        BIDI_MESSAGE))
    if "ends_with" in data:
        at = find_quote(text, data["ends_with"])
        if at is None:
            checker.problem(("ends_with",), f"does not occur in {text_shown}; copy the "
                                            "document's last words exactly")
        else:
            text = text[: at[1]]
    if checker.problems:
        return None, checker.problems
    data.pop("ends_with", None)
    return Seed(id=seed_id, path=text_shown, text=text, **data), []


def validate_ratings(raw: Any, shown: str, doc: Document | None = None,
                     language: str = SOURCE_LANGUAGE
                     ) -> tuple[tuple[Rating, ...], list[Problem]]:
    """Validate a rating scale given in the settings (a list of ratings).

    A label or description given per language must have a text for ``language``, the
    site's; the ratings come back with their words in that language.
    """
    checker = _Checker(doc or Document(raw), shown)
    cleaned = checker.list(raw, ListType(RATING_FIELDS, min_items=1, max_items=50),
                           ("ratings",))
    if cleaned is None or checker.problems:
        return (), checker.problems
    keys = [r["key"] for r in cleaned]
    for i, key in enumerate(keys):
        if keys.index(key) != i:
            checker.problem(("ratings", i, "key"), f"'{key}' is used twice; give each rating "
                                                   "its own key")
    for i, rating in enumerate(cleaned):
        for name in ("label", "description"):
            if given_in(rating[name], language) is None:
                given = ", ".join(code for code, _ in rating[name])
                checker.problem(("ratings", i, name),
                                f"has no text in '{language}', the site's language "
                                f"(theme.language), only in {given}; add `{language}: ...`")
    words = language_words(language)
    # Still made when some text is missing (from the first text given), so that the
    # problems of every rating, their icons too, are reported in one run.
    ratings = tuple(in_language(Rating(
        **{**r, "label": given_in(r["label"], language) or r["label"][0][1],
           "labels": r["label"], "descriptions": r["description"],
           "description": given_in(r["description"], language) or r["description"][0][1]}),
        words) for r in cleaned)
    labels = [r.label.casefold() for r in ratings]
    for i, label in enumerate(labels):
        if labels.index(label) != i and given_in(cleaned[i]["label"], language) is not None:
            checker.problem(("ratings", i, "label"),
                            f"'{ratings[i].label}' is also the label of "
                            f"'{ratings[labels.index(label)].key}'; give each verdict its "
                            "own words, or readers cannot tell them apart")
    return ratings, checker.problems


def validate_standards(raw: Any, shown: str, doc: Document | None,
                       verdicts: Sequence[str]) -> tuple[Standards, list[Problem]]:
    """Validate the ``standards:`` setting; ``verdicts`` are the rating scale's keys.

    ``doc`` holds the plugin's options with their lines in ``mkdocs.yml`` (see
    :func:`generator.project.config_lines`), so that a message names the real line.
    """
    checker = _Checker(doc or Document({"standards": raw}), shown)
    if not isinstance(raw, dict):
        checker.problem(("standards",), f"is {_shape(raw)}, but it must be a set of "
                                        "`name: value` settings, such as `min_sources: 2`; "
                                        "see the Standards section of the README")
        return Standards(), checker.problems
    data = checker.mapping(raw, STANDARD_FIELDS, ("standards",), "the standards")
    if data is None:
        return Standards(), checker.problems
    exempt = data.get("primary_source_exempt", ())
    for i, key in enumerate(exempt):
        if key not in verdicts:
            close = get_close_matches(key, verdicts, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            checker.problem(("standards", "primary_source_exempt", i),
                            f"'{key}' is not a verdict of the rating scale; {hint}use one of "
                            + ", ".join(verdicts))
    if exempt and not data.get("primary_source"):
        checker.problem(("standards", "primary_source_exempt"),
                        "has no effect while primary_source is off; set `primary_source: "
                        "true`, or remove this line")
    if checker.problems:
        return Standards(), checker.problems
    return Standards(**data), []
