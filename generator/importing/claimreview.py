"""A schema.org ClaimReview, or a Fact Check Tools API review, as a record of claim fields.

=====================================  ===========================================
ClaimReview                            claim file
=====================================  ===========================================
``claimReviewed``                      ``claim``
``itemReviewed.author.name``           ``claimant``; an organisation's ``@type`` sets
                                       ``claimant_type: organization``, a person's
                                       ``jobTitle`` sets ``claimant_role``
``itemReviewed.datePublished``         ``claim_date``
``itemReviewed.appearance``,           ``sources`` (address, ``headline`` or ``name``,
``firstAppearance`` (and the older     publisher, date)
``itemReviewed.sameAs``/``url``)
``reviewRating.alternateName``         ``verdict``, through the verdict table; the
(or ``name``)                          numbers, when the label is unknown, only
                                       suggest one
``reviewRating.ratingExplanation``,    ``summary`` (a label that is a whole sentence
``description``                        is one too: see :mod:`.cleaning`)
``reviewBody``                         ``body``
``author.name``                        ``author``
``datePublished``, ``dateModified``    ``published``, ``updated``
``url``                                ``original_url``
``inLanguage``                         ``language``
=====================================  ===========================================

The Fact Check Tools API says the same in its own words: ``text``, ``claimant``,
``claimDate``, ``publisher.name``, ``reviewDate``, ``textualRating``, ``url`` and
``languageCode``.
"""

from __future__ import annotations

import re
from typing import Any

from .jsonld import API, Found
from .records import Record, identity

_ORGANIZATION = re.compile(r"(Organi[sz]ation|Corporation|Party|NGO|Government|Agency|"
                           r"Department|Company)$")


def found_record(found: Found, shown: str) -> Record:
    """The record of one ClaimReview or API review."""
    record = Record(shown, found.line, kind="ClaimReview")
    if found.kind == API:
        _api(found.data, record)
    else:
        _review(found.data, record)
    record.identity = identity(record.values)
    return record


def _review(review: dict[str, Any], record: Record) -> None:
    _put(record, "claim", review.get("claimReviewed"), "claimReviewed")
    item = _first(review.get("itemReviewed"))
    if isinstance(item, dict):
        author = _first(item.get("author"))
        if isinstance(author, dict):
            _put(record, "claimant", author.get("name"), "itemReviewed.author.name")
            kinds = _kinds(author)
            if any(_ORGANIZATION.search(k) for k in kinds):
                _put(record, "claimant_type", "organization", "itemReviewed.author.@type")
            elif "Person" in kinds:
                _put(record, "claimant_role", author.get("jobTitle"),
                     "itemReviewed.author.jobTitle")
        else:
            _put(record, "claimant", author, "itemReviewed.author")
        _put(record, "claim_date", item.get("datePublished"), "itemReviewed.datePublished")
        sources: list[dict[str, Any]] = []
        for key in ("firstAppearance", "appearance", "sameAs", "url"):
            for work in _all(item.get(key)):
                source = _source(work)
                if source and source.get("url") not in [s.get("url") for s in sources]:
                    sources.append(source)
                    record.where.setdefault("sources", f"itemReviewed.{key}")
        if sources:
            record.values["sources"] = sources
    rating = _first(review.get("reviewRating"))
    if isinstance(rating, dict):
        label = rating.get("alternateName") or rating.get("name")
        if isinstance(label, str) and label.strip():
            record.label = " ".join(label.split())
            record.where["verdict"] = "reviewRating.alternateName"
        record.numbers = _numbers(rating)
        _put(record, "summary", rating.get("ratingExplanation"),
             "reviewRating.ratingExplanation")
    _put(record, "summary", review.get("description"), "description")
    _put(record, "body", review.get("reviewBody"), "reviewBody")
    _put(record, "author", _names(review.get("author")), "author.name")
    _put(record, "published", review.get("datePublished"), "datePublished")
    if review.get("dateModified") != review.get("datePublished"):
        _put(record, "updated", review.get("dateModified"), "dateModified")
    _put(record, "original_url", review.get("url"), "url")
    language = _first(review.get("inLanguage"))
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    _put(record, "language", language, "inLanguage")


def _api(review: dict[str, Any], record: Record) -> None:
    claim = review.get("claim") if isinstance(review.get("claim"), dict) else {}
    assert isinstance(claim, dict)
    _put(record, "claim", claim.get("text"), "text")
    _put(record, "claimant", claim.get("claimant"), "claimant")
    _put(record, "claim_date", claim.get("claimDate"), "claimDate")
    publisher = review.get("publisher")
    if isinstance(publisher, dict):
        _put(record, "author", publisher.get("name") or publisher.get("site"),
             "publisher.name")
    _put(record, "original_url", review.get("url"), "url")
    _put(record, "published", review.get("reviewDate"), "reviewDate")
    _put(record, "language", review.get("languageCode"), "languageCode")
    label = review.get("textualRating")
    if isinstance(label, str) and label.strip():
        record.label = " ".join(label.split())
        record.where["verdict"] = "textualRating"


def _put(record: Record, field: str, value: Any, where: str) -> None:
    """Keep ``value`` for ``field`` unless it is empty or the field already has one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()) \
            or field in record.values:
        return
    record.values[field] = value
    record.where[field] = where


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _all(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _kinds(data: dict[str, Any]) -> list[str]:
    kind = data.get("@type")
    return [re.split(r"[/#:]", k)[-1] for k in (kind if isinstance(kind, list) else [kind])
            if isinstance(k, str)]


def _names(value: Any) -> Any:
    """The name of an author, or the names of several joined by commas."""
    names = []
    for author in _all(value):
        name = author.get("name") if isinstance(author, dict) else author
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return ", ".join(names) or None


def _source(work: Any) -> dict[str, Any] | None:
    """A source from a CreativeWork, or from a bare address."""
    if isinstance(work, str):
        return {"url": work} if work.strip() else None
    if not isinstance(work, dict):
        return None
    url = work.get("url") or work.get("@id") or _first(work.get("sameAs"))
    if not url:
        return None
    source: dict[str, Any] = {"url": url}
    title = work.get("headline") or work.get("name")
    if title:
        source["title"] = title
    publisher = _first(work.get("publisher"))
    publisher = publisher.get("name") if isinstance(publisher, dict) else publisher
    if publisher:
        source["publisher"] = publisher
    if work.get("datePublished"):
        source["date"] = work["datePublished"]
    return source


def _numbers(rating: dict[str, Any]) -> tuple[float, float, float] | None:
    """``ratingValue``, ``bestRating`` and ``worstRating`` (5 and 1 when not given)."""
    try:
        value = float(rating["ratingValue"])
        best = float(rating.get("bestRating", 5))
        worst = float(rating.get("worstRating", 1))
    except (KeyError, TypeError, ValueError):
        return None
    return value, best, worst
