"""Every published claim as data for other tools: JSON, CSV and an Atom feed.

The same records feed ``site/claims.json``, ``factcheck export`` and the feed, so they
always agree. Output is stable: claims newest first (as the listings show them), fields
in a fixed order, no time stamp of when it was made.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .history import ClaimHistory, Entry
from .listings import newest_first
from .model import Claim, Settings
from .paths import claim_path

#: Bumped when a field is renamed or removed, or changes meaning; adding one is not.
SCHEMA_VERSION = 1
JSON_PATH = "claims.json"
FEED_PATH = "feed.xml"
#: How many of the newest checks the feed holds.
FEED_SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"
# Characters XML 1.0 cannot hold at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Cells a spreadsheet would run as a formula (OWASP "CSV injection").
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def record(claim: Claim, settings: Settings) -> dict[str, Any]:
    """One claim with all its fields, as plain JSON-ready data."""
    return {
        "id": claim.id,
        "url": settings.page_url(claim_path(claim.id)),
        "claim": claim.claim,
        "claimant": claim.claimant,
        "claimant_role": claim.claimant_role,
        "claimant_type": claim.claimant_type,
        "claim_date": _date(claim.claim_date),
        "seed": claim.seed,
        "quote": claim.quote,
        "verdict": {"key": claim.verdict.key, "label": claim.verdict.label,
                    "value": claim.verdict.value},
        "summary": claim.summary,
        "body": claim.body,
        "sources": [{"title": s.title, "url": s.url, "publisher": s.publisher,
                     "date": _date(s.date), "archive_url": s.archive_url, "kind": s.kind}
                    for s in claim.sources],
        "tags": list(claim.tags),
        "author": claim.author,
        "reviewer": claim.reviewer,
        "published": _date(claim.published),
        "updated": _date(claim.updated),
        "corrections": [{"date": _date(c.date), "note": c.note} for c in claim.corrections],
        "related": list(claim.related),
        "original_url": claim.original_url,
        "language": claim.language,
        "exceptions": [{"rule": e.rule, "reason": e.reason} for e in claim.exceptions],
    }


def _published(claims: Iterable[Claim]) -> list[Claim]:
    return newest_first(c for c in claims if not c.draft)


def claims_json(claims: Iterable[Claim], settings: Settings) -> str:
    """``claims.json``: the site, the rating scale and every published claim."""
    return "".join(claims_json_parts(claims, settings))


def claims_json_parts(claims: Iterable[Claim], settings: Settings,
                      line: Callable[[Claim], str] | None = None) -> Iterator[str]:
    """:func:`claims_json` a claim at a time, so that the whole archive is never held
    twice in memory.

    The site and the rating scale are indented; each claim is on a line of its own (a
    change to one claim is a change to one line, and JSON's own encoder, in C, writes it:
    five times as fast as an indented one at 10,000 claims). ``line`` gives a claim's
    line, as :func:`claim_line` does (the build takes unchanged ones from its cache).
    """
    line = line or (lambda claim: claim_line(claim, settings))
    head = json.dumps({
        "schema_version": SCHEMA_VERSION,
        "site": {"name": settings.site_name, "url": settings.site_url or None,
                 "language": settings.words.code},
        "ratings": [{"key": r.key, "label": r.label, "description": r.description,
                     "value": r.value} for r in settings.ratings],
        "claims": [],
    }, ensure_ascii=False, indent=1)
    before, after = head.rsplit('"claims": []', 1)
    yield before + '"claims": ['
    count = 0
    for claim in _published(claims):
        yield ("," if count else "") + "\n  " + line(claim)
        count += 1
    yield ("\n ]" if count else "]") + after + "\n"


def claim_line(claim: Claim, settings: Settings) -> str:
    """A claim's line in ``claims.json``."""
    return _ONE_LINE.encode(record(claim, settings))


_ONE_LINE = json.JSONEncoder(ensure_ascii=False)


CSV_COLUMNS = ("id", "url", "claim", "claimant", "claimant_role", "claimant_type",
               "claim_date", "seed", "quote", "verdict", "verdict_label", "summary", "body",
               "source_urls", "source_titles", "source_publishers", "source_dates",
               "source_archive_urls", "source_kinds", "tags", "author", "reviewer",
               "published", "updated", "corrections", "related", "original_url", "language",
               "exceptions")
#: The source columns, each holding one line per source, in the order of ``source_urls``.
SOURCE_COLUMNS = {"source_urls": "url", "source_titles": "title",
                  "source_publishers": "publisher", "source_dates": "date",
                  "source_archive_urls": "archive_url", "source_kinds": "kind"}


def _cell(value: Any) -> str:
    """A cell's text, with a ``'`` before what a spreadsheet would run as a formula.

    A text that itself starts with ``'`` and then such a character (or another ``'``)
    gets one too, so that :func:`uncell` always gives back the exact text.

    >>> [_cell(t) for t in ("=1+1", "'=1", "'tis", "plain")]
    ["'=1+1", "''=1", "'tis", 'plain']
    """
    text = "" if value is None else str(value)
    return "'" + text if _guarded(text) else text


def _guarded(text: str) -> bool:
    return text.startswith(_FORMULA) or (text[:1] == "'" and text[1:].startswith(
        (*_FORMULA, "'")))


def uncell(cell: str) -> str:
    """The text that :func:`_cell` wrote into a cell of an export.

    >>> [uncell(_cell(t)) for t in ("=1+1", "'=1", "'tis", "''x")]
    ['=1+1', "'=1", "'tis", "''x"]
    """
    return cell[1:] if cell[:1] == "'" and _guarded(cell[1:]) else cell


def claims_csv(claims: Iterable[Claim], settings: Settings) -> str:
    """One row per published claim; lists are joined with newlines.

    A cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
    ``@``) gets a leading ``'`` so that it shows as text.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for claim in _published(claims):
        row = record(claim, settings)
        row["verdict_label"] = row["verdict"]["label"]
        row["verdict"] = row["verdict"]["key"]
        for column, key in SOURCE_COLUMNS.items():
            values = [s[key] or "" for s in row["sources"]]
            row[column] = "\n".join(values) if any(values) else ""
        row["tags"] = "\n".join(row["tags"])
        row["corrections"] = "\n".join(f"{c['date']}: {c['note']}" for c in row["corrections"])
        row["related"] = "\n".join(row["related"])
        row["exceptions"] = "\n".join(f"{e['rule']}: {e['reason']}" for e in row["exceptions"])
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


def _stamp(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def atom_feed(claims: Sequence[Claim], settings: Settings, size: int = FEED_SIZE,
              history: Mapping[str, ClaimHistory] | None = None) -> str:
    """An Atom feed (RFC 4287) of the newest published checks and changes of verdict."""
    published = _published(claims)
    items: list[tuple[dt.date, Claim, Entry | None]] = [
        (c.published, c, None) for c in published[:size]]
    for claim in published if history else ():
        past = (history or {}).get(claim.id)
        items.extend((entry.date, claim, entry)
                     for entry in (past.verdict_changes() if past else ()))
    items.sort(key=lambda item: item[0], reverse=True)
    latest = items[:size]
    ET.register_namespace("", ATOM)
    words = settings.words

    def add(parent: ET.Element, tag: str, text: str | None = None,
            **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = _text(text)
        return element

    def label(key: str) -> str:
        rating = settings.rating(key)
        return rating.label if rating else key

    base = settings.site_url
    words = settings.words
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": words.code})
    add(feed, "title", settings.site_name)
    add(feed, "subtitle", words.gettext("The latest fact-checks"))
    add(feed, "id", f"{base}{FEED_PATH}" if base else f"urn:factcheck:{FEED_PATH}")
    add(feed, "link", rel="self", href=f"{base}{FEED_PATH}")
    add(feed, "link", rel="alternate", href=base or "./")
    newest_change = max((entry.date if entry else c.updated or c.published
                         for _, c, entry in latest), default=dt.date(2000, 1, 1))
    add(feed, "updated", _stamp(newest_change))
    add(add(feed, "author"), "name", settings.site_name)
    add(feed, "generator", "factcheck")
    for _, claim, change in latest:
        url = settings.page_url(claim_path(claim.id))
        entry = add(feed, "entry")
        if change is not None and change.verdict:
            old, new = change.verdict
            mark = change.commit or change.date.isoformat()
            add(entry, "title", words.gettext("Verdict changed: %(claim)s", claim=claim.claim))
            add(entry, "id", f"{url}#verdict-{mark}" if base
                else f"urn:factcheck:claim:{claim.id}:verdict:{mark}")
            add(entry, "link", rel="alternate", type="text/html", href=url)
            add(entry, "published", _stamp(change.date))
            add(entry, "updated", _stamp(change.date))
            add(add(entry, "author"), "name", claim.author)
            add(entry, "summary", " ".join(filter(None, (words.gettext(
                "Verdict changed from %(old)s to %(new)s.", old=label(old), new=label(new)),
                change.reason))))
            add(entry, "category", term=new, label=label(new), scheme=f"{base}verdicts/")
            continue
        add(entry, "title", claim.claim)
        add(entry, "id", url if base else f"urn:factcheck:claim:{claim.id}")
        add(entry, "link", rel="alternate", type="text/html", href=url)
        add(entry, "published", _stamp(claim.published))
        add(entry, "updated", _stamp(claim.updated or claim.published))
        add(add(entry, "author"), "name", claim.author)
        add(entry, "summary", words.gettext("%(verdict)s: %(summary)s (claim by %(claimant)s)",
                                            verdict=claim.verdict.label, summary=claim.summary,
                                            claimant=claim.claimant))
        add(entry, "category", term=claim.verdict.key, label=claim.verdict.label,
            scheme=f"{base}verdicts/")
        for tag in claim.tags:
            add(entry, "category", term=tag)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        feed, encoding="unicode") + "\n"
