"""Translations of a claim: one claim id, a version per language, never another verdict.

A translation is ``translations/<language>/<id>.yaml``: the same file name as the
original, ``claims/<id>.yaml``, in a folder named for its language. It holds only what a
translator writes (:data:`TRANSLATION_FIELDS`): the claim, the claimant's role, the
short answer, the explanation, the notes of the corrections, the titles the desk
wrote for sources and the reasons for exceptions to the desk's standards, with who
translated it and who reviewed it. Everything else (the
verdict, the quote, the claimant, the dates, the sources' addresses, the tags) is the
original's and is never repeated, so a translation cannot show another verdict: a field
such as ``verdict:`` in a translation is refused.

A translation records which version of the original it was made from:
``translated_from`` is a short digest of the original's verdict and of every text a
translation translates (:func:`digest`). When the original changes, its digest no longer
matches: the translation is *stale*. ``factcheck check`` says so as a warning, and the
translated page shows readers a notice with a link to the original; the page still shows
the original's current verdict, sources and dates. A digest needs no git history, so it
works on a shallow clone and in a downloaded archive alike.

Sources and corrections are matched by their address and their date, never by their
place in the list, and exceptions by the standard they name: a source added to the
original or moved in it cannot give another source's title to a translated one. A reason
left untranslated is shown in the original's words (marked as in its language).

>>> from generator.ratings import DEFAULT_RATINGS
>>> claim = Claim(id="x", path="claims/x.yaml", claim="Tax rose.", claimant="Jo",
...               verdict=DEFAULT_RATINGS[4], summary="No.", body="It fell.", sources=(),
...               author="Desk", published=dt.date(2017, 2, 2))
>>> digest(claim)
'5b70ab9e'
>>> digest(replace(claim, verdict=DEFAULT_RATINGS[3])) == digest(claim)
False
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import get_close_matches
from typing import Any

from .load import Document, KeyPath
from .model import Claim, Correction, Translated
from .problems import Problem
from .schema import (
    CLAIM_FIELDS,
    CORRECTION_FIELDS,
    EXCEPTION_FIELDS,
    SOURCE_FIELDS,
    DateType,
    Field,
    FieldType,
    Invalid,
    ListType,
    TextType,
)
from .validate import _Checker

DIGEST = re.compile(r"^[0-9a-f]{8}$")
_DATE = DateType()


@dataclass(frozen=True)
class DigestType(FieldType):
    """A digest of an original claim, as :func:`digest` writes it: eight hex digits."""

    expects = "eight hexadecimal digits, such as 1a2b3c4d"

    def clean(self, value: Any) -> str:
        # A digest of decimal digits alone reads as a number in YAML unless it is quoted
        # (as factcheck writes it); eight digits are still the digest.
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        text = text.strip().lower() if isinstance(text, str) else None
        if text is None or not DIGEST.fullmatch(text):
            shown = repr(value) if isinstance(value, str | int) else "that"
            raise Invalid(f"{shown} is not a digest ({self.expects}); copy it, in double "
                          "quotes, from `factcheck check` or `factcheck translate`")
        return text


def _field(fields: Sequence[Field], name: str, required: bool | None = None,
           doc: str | None = None) -> Field:
    """The field ``name`` of the claim contract, with the same type and limits."""
    field = next(f for f in fields if f.name == name)
    return replace(field, required=field.required if required is None else required,
                   doc=doc or field.doc)


#: A source of the original, named by its address, with the words the desk wrote for it
#: translated: its title, and a note it added to its publisher ("(via EveryCRSReport.com)").
TRANSLATED_SOURCE_FIELDS: tuple[Field, ...] = (
    _field(SOURCE_FIELDS, "url", doc="The address of a source of the original: which one "
                                     "this entry translates."),
    _field(SOURCE_FIELDS, "title", required=False,
           doc="The source's title, translated; leave it out to keep the original's (a "
               "document's own title, as published)."),
    _field(SOURCE_FIELDS, "publisher", required=False,
           doc="Its publisher, translated when the desk added words to the name; leave it "
               "out to keep the original's."),
)
#: A correction of the original, named by its date, with its note translated.
TRANSLATED_CORRECTION_FIELDS: tuple[Field, ...] = (
    _field(CORRECTION_FIELDS, "date", doc="The date of a correction of the original: which "
                                          "one this note translates."),
    _field(CORRECTION_FIELDS, "note", doc="The correction's note, translated."),
)
#: An exception of the original to the desk's standards, named by its rule, with its
#: reason translated.
TRANSLATED_EXCEPTION_FIELDS: tuple[Field, ...] = (
    _field(EXCEPTION_FIELDS, "rule", doc="The standard an exception of the original names: "
                                         "which one this reason translates."),
    _field(EXCEPTION_FIELDS, "reason", doc="The exception's reason, translated."),
)
#: Every field a translation file may hold.
TRANSLATION_FIELDS: tuple[Field, ...] = (
    Field("translated_from", DigestType(), True,
          "The digest of the original when it was translated, as `factcheck translate` "
          "writes it; `factcheck check` says when the original has changed since.",
          "1a2b3c4d"),
    _field(CLAIM_FIELDS, "claim", doc="The claim, translated."),
    _field(CLAIM_FIELDS, "claimant_role",
           doc="The claimant's role, translated; required when the original has one."),
    _field(CLAIM_FIELDS, "summary", doc="The short answer, translated."),
    _field(CLAIM_FIELDS, "body", doc="The explanation, translated (Markdown)."),
    Field("sources", ListType(TRANSLATED_SOURCE_FIELDS, max_items=100), False,
          "Titles (and publishers' notes) the desk wrote for the original's sources, "
          "translated, each with the source's url; a source left out keeps its own.", None),
    Field("corrections", ListType(TRANSLATED_CORRECTION_FIELDS, max_items=100), False,
          "The notes of the original's corrections, translated, each with its date; "
          "required when the original has corrections.", None),
    Field("exceptions", ListType(TRANSLATED_EXCEPTION_FIELDS, max_items=20), False,
          "The reasons of the original's exceptions to the desk's standards, translated, "
          "each with its rule; an exception left out shows the original's reason.", None),
    Field("translator", TextType(max_length=200), True, "Who translated it.",
          "Translation desk"),
    Field("reviewer", TextType(max_length=200), False,
          "Who reviewed the translation against the original, when someone did.",
          "Editor Name"),
    _field(CLAIM_FIELDS, "status", doc="published (the default) or draft: a draft "
                                       "translation shows only in the preview."),
)
#: Fields of a claim that a translation never repeats: the original's are shown.
NOT_TRANSLATED = tuple(f.name for f in CLAIM_FIELDS
                       if f.name not in {t.name for t in TRANSLATION_FIELDS})
_SOURCE_NOT_TRANSLATED = tuple(f.name for f in SOURCE_FIELDS
                               if f.name not in {t.name for t in TRANSLATED_SOURCE_FIELDS})


@dataclass(frozen=True)
class Translation:
    """A valid translation file: the translated texts, matched to the original."""

    id: str
    """The original claim's id (the file name)."""
    language: str
    """The language it is written in: its folder's name (``fr``)."""
    path: str
    """The file, relative to the project (``translations/fr/x.yaml``)."""
    translated_from: str
    claim: str
    summary: str
    body: str
    translator: str
    claimant_role: str | None = None
    reviewer: str | None = None
    status: str = "published"
    sources: tuple[tuple[str, str | None, str | None], ...] = ()
    """``(url, title, publisher)`` of each source translated; ``None``: the original's."""
    corrections: tuple[tuple[dt.date, str], ...] = ()
    """``(date, note)`` of each correction, in the file's order."""
    exceptions: tuple[tuple[str, str], ...] = ()
    """``(rule, reason)`` of each exception whose reason is translated."""
    line: int = 1
    """The line of ``translated_from``, for the warning about a stale translation."""
    stale: bool = False
    """Whether the original has changed since (its digest is not ``translated_from``)."""


def digest(claim: Claim) -> str:
    """The original's fingerprint for its translations: its verdict and every text a
    translation translates (the sources with their addresses, the corrections with their
    dates, the exceptions with their rules), hashed (SHA-256) and cut to eight hex digits.
    A change of spacing that does not change the text (the validated values are compared)
    leaves it alone."""
    data: list[Any] = [
        claim.verdict.key, claim.claim, claim.claimant_role, claim.summary, claim.body,
        [[s.url, s.title, s.publisher] for s in claim.sources],
        [[c.date.isoformat(), c.note] for c in claim.corrections]]
    if claim.exceptions:  # only then: the digest of a claim without any is as it always was
        data.append([[e.rule, e.reason] for e in claim.exceptions])
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def stale_message(translation: Translation, original: Claim) -> Problem:
    """The warning for a translation made from an earlier version of its original."""
    now = digest(original)
    return Problem(translation.path, translation.line, "translated_from",
                   f"is older than its original: {original.path} has changed since this "
                   f"translation was made (its digest is now {now}, not "
                   f"{translation.translated_from}); bring the translation up to date with it, "
                   f'then write translated_from: "{now}"')


def validate_translation(claim_id: str, language: str, shown: str, doc: Document,
                         original: Claim | None, claim_ids: Sequence[str],
                         claims_dir: str) -> tuple[Translation | None, list[Problem]]:
    """Validate one parsed translation file against its original claim.

    ``original`` is ``None`` when the claim has no valid file: if the id is not one of
    ``claim_ids`` the translation is refused (with the nearest id); otherwise the
    original's own problems are reported, and the translation waits for them.
    """
    checker = _Checker(doc, shown)
    if original is None:
        if claim_id not in claim_ids:
            close = get_close_matches(claim_id, list(claim_ids), n=1, cutoff=0.6)
            hint = (f"did you mean '{close[0]}'? name the file {close[0]}.yaml" if close else
                    f"name the file as the claim it translates, {claims_dir}/<id>.yaml")
            checker.problem((), f"there is no claim '{claim_id}' ({claims_dir}/{claim_id}.yaml) "
                                f"to translate; {hint}")
        return None, checker.problems
    if (original.language or "").lower().split("-")[0] == language.lower().split("-")[0]:
        checker.problem((), f"translates {original.path} into '{language}', the language it is "
                            f"written in (its `language: {original.language}`); delete this "
                            "file, or correct the original's language")
        return None, checker.problems
    raw = doc.data
    if isinstance(raw, dict):
        raw = {k: v for k, v in raw.items() if not _refused(checker, (k,), original)}
        if isinstance(raw.get("sources"), list):
            raw["sources"] = [{k: v for k, v in source.items()
                               if not _refused(checker, ("sources", i, k), original)}
                              if isinstance(source, dict) else source
                              for i, source in enumerate(raw["sources"])]
    data = checker.mapping(raw, TRANSLATION_FIELDS, (), "a translation file")
    if data is None:
        return None, checker.problems
    current = data.get("translated_from") == digest(original)
    if current:  # what the original has changed since is a stale translation's due
        _check_current(checker, raw, data, original)
    if checker.problems:
        return None, checker.problems
    return Translation(
        id=claim_id, language=language, path=shown, translated_from=data["translated_from"],
        claim=data["claim"], summary=data["summary"], body=data["body"],
        translator=data["translator"], claimant_role=data.get("claimant_role"),
        reviewer=data.get("reviewer"), status=data.get("status", "published"),
        sources=tuple((s["url"], s.get("title"), s.get("publisher"))
                      for s in data.get("sources", ())),
        corrections=tuple((c["date"], c["note"]) for c in data.get("corrections", ())),
        exceptions=tuple((e["rule"], e["reason"]) for e in data.get("exceptions", ())),
        line=doc.line(("translated_from",)), stale=not current), []


def _refused(checker: _Checker, path: KeyPath, original: Claim) -> bool:
    """Report a field that is the original's and never translated; True if it is one."""
    name = path[-1]
    if len(path) == 1 and name in NOT_TRANSLATED:
        what = "verdict" if name == "verdict" else f"`{name}`"
        checker.problem(path, f"is the original's ({original.path}): a translation shows the "
                              f"original's {what} and never repeats it; remove this line")
        return True
    if len(path) == 3 and name in _SOURCE_NOT_TRANSLATED:
        checker.problem(path, f"is the original's ({original.path}): a translated source "
                              "gives only its url (which source), its title and its "
                              "publisher; remove this line")
        return True
    return False


def _check_current(checker: _Checker, raw: dict[str, Any], data: dict[str, Any],
                   original: Claim) -> None:
    """A current translation translates every text its original has, and names only the
    original's sources and corrections. ``raw`` is the file's mapping, so that a problem
    is reported at the item it is in even when other items have problems of their own."""
    line = checker.doc.line(())
    if original.claimant_role and not data.get("claimant_role"):
        checker.problems.append(Problem(
            checker.shown, checker.doc.line(("claimant_role",)), "claimant_role",
            f"is missing; the original ({original.path}) has one, "
            f"'{original.claimant_role}': add `claimant_role:` with it translated"))
    urls = [s.url for s in original.sources]
    seen: set[str] = set()
    for i, item in _items(raw, "sources"):
        url = item.get("url").strip() if isinstance(item.get("url"), str) else None
        if url is None:
            continue
        if url not in urls:
            close = get_close_matches(url, urls, n=1, cutoff=0.8)
            hint = f"did you mean {close[0]}?" if close else \
                f"copy the url of one of its {len(urls)} sources"
            checker.problem(("sources", i, "url"), f"{original.path} has no source with this "
                                                   f"url; {hint}")
        elif url in seen:
            checker.problem(("sources", i, "url"), "is given twice; translate each source "
                                                   "once")
        seen.add(url)
        if not item.get("title") and not item.get("publisher"):
            checker.problem(("sources", i), "translates neither the title nor the publisher; "
                                            "translate the title, or delete this entry to keep "
                                            "the source as it is")
    wanted = [c.date for c in original.corrections]
    days = ", ".join(d.isoformat() for d in sorted(set(wanted)))
    given: list[dt.date] = []
    for i, item in _items(raw, "corrections"):
        try:
            day = _DATE.clean(item.get("date"))
        except Invalid:  # reported by the mapping
            continue
        given.append(day)
        if given.count(day) > wanted.count(day):
            checker.problem(("corrections", i, "date"),
                            f"{original.path} has no{' other' if day in wanted else ''} "
                            f"correction dated {day.isoformat()}; "
                            + (f"its corrections are dated {days}" if wanted else
                               "it has no corrections: remove this one"))
    _check_exceptions(checker, raw, original)
    missing = ", ".join(d.isoformat() for d in sorted(set(wanted))
                        if given.count(d) < wanted.count(d))
    if missing and "corrections" not in raw:
        checker.problems.append(Problem(
            checker.shown, line, "corrections",
            f"is missing; {original.path} has corrections ({missing}): add `corrections:` "
            "with each one's date and its note translated"))
    elif missing:
        checker.problem(("corrections",), f"has no note for the correction of {missing} in "
                                          f"{original.path}; add each one's date and its note "
                                          "translated")


def _check_exceptions(checker: _Checker, raw: dict[str, Any], original: Claim) -> None:
    """A current translation's exceptions each name one of the original's, once."""
    rules = [e.rule for e in original.exceptions]
    seen: set[str] = set()
    for i, item in _items(raw, "exceptions"):
        rule = item.get("rule")
        if not isinstance(rule, str) or not rule.strip():
            continue  # reported by the mapping
        rule = rule.strip()
        if rule not in rules:
            has = (f"its exceptions are to {', '.join(rules)}" if rules else
                   "it has no exceptions: remove this one")
            checker.problem(("exceptions", i, "rule"),
                            f"{original.path} has no exception to {rule}; {has}")
        elif rule in seen:
            checker.problem(("exceptions", i, "rule"), "is given twice; translate each "
                                                       "exception's reason once")
        seen.add(rule)


def _items(raw: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
    """The items of the list ``name`` that are mappings, with their index in the file."""
    items = raw.get(name)
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)] \
        if isinstance(items, list) else []


def translated(original: Claim, translation: Translation, language: str,
               original_href: str) -> Claim:
    """The claim as readers of ``translation.language`` see it: the original with the
    translated texts put in (the original's own text wherever a stale translation has
    none), and a note of who translated it (:class:`~generator.model.Translated`).

    ``language`` is the original's; ``original_href`` the link from the translated page
    to the original's page.
    """
    given = {url: (title, publisher) for url, title, publisher in translation.sources}
    reasons = dict(translation.exceptions)
    notes: dict[dt.date, list[str]] = {}
    for day, note in translation.corrections:
        notes.setdefault(day, []).append(note)
    corrections = []
    for correction in original.corrections:  # one date's in the file's order, as the notes
        noted = notes.get(correction.date)
        corrections.append(Correction(correction.date, noted.pop(0)) if noted else correction)
    return replace(
        original, path=translation.path, claim=translation.claim, summary=translation.summary,
        body=translation.body,
        claimant_role=translation.claimant_role or original.claimant_role,
        sources=tuple(replace(s, title=given[s.url][0] or s.title,
                              publisher=given[s.url][1] or s.publisher)
                      if s.url in given else s for s in original.sources),
        corrections=tuple(corrections),
        exceptions=tuple(replace(e, reason=reasons.get(e.rule, e.reason))
                         for e in original.exceptions),
        status="draft" if "draft" in (original.status, translation.status) else "published",
        language=translation.language,
        translation=Translated(language=language, original_path=original.path,
                               original_href=original_href, translator=translation.translator,
                               reviewer=translation.reviewer, stale=translation.stale,
                               kept_titles=tuple(s.url for s in original.sources
                                                 if not (given.get(s.url) or (None,))[0]),
                               kept_reasons=tuple(e.rule for e in original.exceptions
                                                  if e.rule not in reasons)))

