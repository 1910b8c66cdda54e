"""The site's search index: what readers look for, in small files a query fetches a few of.

Each page a reader may find is one :class:`Record`: a claim by its claim, claimant and
role, verdict, short answer and tags; a listing by its title; a hand-written page by its
title and text. :func:`build_index` turns the records into files under ``search/index/``
that ``generator/assets/search-worker.js`` reads in the browser:

- ``meta.json``: the number of records, the first word of every word file, the words too
  common to count (in more than a third of the records);
- ``w<n>.json``: the words in alphabetical order, cut into files of about 16 kB, each
  word with the records it is in and the fields it is in there (a bit each, see
  :data:`FIELDS`); a filter is a word too (``verdict:false``, ``tag:immigration``,
  ``claimant:paul-lepage``), and so is a claimant's whole name;
- ``d<n>.json``: the records themselves, 16 to a file, as the results show them.

A query fetches ``meta.json``, the word files of its words and the record files of the
results it shows, so what it downloads does not grow with the archive. Words are folded
the same way here and in the worker (:func:`words`): lower case, accents dropped, letters
and digits only, so "Peña" is found by "pena".

The index is built from the records alone, in a fixed order, so the same records always
give the same bytes. Pure: no I/O.

>>> files = build_index([Record("claims/a/", "Taxes rose", claimant="Jo Lee")])
>>> sorted(files)
['d0.json', 'meta.json', 'w0.json']
>>> json.loads(files["w0.json"])["taxes"]
[0, 1]
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

#: Where the index is written in the site (the worker expects it there).
INDEX_DIR = "search/index"
#: The bit of each field in a word's entry; the worker weighs them (title and name most).
FIELDS = {"title": 1, "claimant": 2, "role": 4, "verdict": 8, "summary": 16, "tags": 32,
          "text": 64}
#: Records per record file: ten results need at most ten small files, and the fifty a
#: query shows at most about fifty (at 10,000 claims, 16 a file came to 0.33 MB a query).
RECORDS_PER_FILE = 8
#: About how many bytes a word file holds before the next one starts.
WORD_FILE_BYTES = 16_000
#: A word in more than this share of the records says nothing about any of them.
COMMON_SHARE = 1 / 3
#: Text of a hand-written page kept for excerpts (the words are all indexed).
TEXT_KEPT = 4_000
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Record:
    """A page as search knows it."""

    url: str
    """The page's address, relative to the site's root (``claims/x/``)."""
    title: str
    claimant: str = ""
    role: str = ""
    verdict: str = ""
    """The verdict's label (``Mostly false``)."""
    verdict_key: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    text: str = ""
    """A hand-written page's text."""


def fold(text: str) -> str:
    """Lower case without accents: the form in which words are compared.

    >>> fold("Peña ÉCOLE")
    'pena ecole'
    """
    if text.isascii():  # most text: nothing to take off
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def words(text: str) -> list[str]:
    """The words of a text as the index and the worker see them.

    >>> words("LePage's 2015 claim: “sanctuary-city”")
    ['lepage', 's', '2015', 'claim', 'sanctuary', 'city']
    """
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> list[str]:
    """:func:`words`, remembered: claimants, roles, verdicts and tags recur."""
    return words(text)


def name_key(name: str) -> str:
    """A name (a claimant, a tag, a verdict) as one filter value: its words with hyphens.

    >>> name_key("Paul LePage"), name_key("mostly-false"), name_key("Mostly false")
    ('paul-lepage', 'mostly-false', 'mostly-false')
    """
    return "-".join(words(name))


def record_words(record: Record) -> dict[str, int]:
    """The words and filters of one record, each with the bits of the fields it is in.

    >>> record_words(Record("claims/a/", "Taxes rose", claimant="Jo Lee", verdict="False"))
    {'taxes': 1, 'rose': 1, 'jo': 2, 'lee': 2, 'false': 8, 'claimant:jo-lee': 2, 'verdict:false': 8}
    """
    found: dict[str, int] = {}
    for field, values in _fields(record):
        bit = FIELDS[field]
        for value in values:
            for word in _words(value) if value else ():
                found[word] = found.get(word, 0) | bit
    for name, values in (("claimant", [record.claimant]), ("tag", record.tags),
                         ("verdict", [record.verdict, record.verdict_key])):
        for value in values:
            if value and (key := name_key(value)):
                found[f"{name}:{key}"] = FIELDS.get("tags" if name == "tag" else name, 1)
    return found


def build_index(records: Sequence[Record],
                words_of: Callable[[Record], Mapping[str, int]] = record_words
                ) -> dict[str, bytes]:
    """The index files of ``records``, by name (relative to :data:`INDEX_DIR`);
    ``words_of`` gives what :func:`record_words` does (a build takes it from its cache)."""
    # Each word's records and fields, flat (record, bits, record, bits...), in record order.
    postings: dict[str, list[int]] = defaultdict(list)
    for number, record in enumerate(records):
        for word, bits in words_of(record).items():
            entry = postings[word]
            entry.append(number)
            entry.append(bits)
    common = sorted(w for w, entry in postings.items()
                    if ":" not in w and len(records) >= 30
                    and len(entry) > 2 * COMMON_SHARE * len(records))
    for word in common:
        del postings[word]

    files: dict[str, bytes] = {}
    firsts: list[str] = []
    chunk: dict[str, list[int]] = {}
    size = 0
    # In the order of JavaScript's string comparison (UTF-16), which the worker searches by.
    for word in sorted(postings, key=lambda w: w.encode("utf-16-be")):
        entry = postings[word]
        entry_size = len(word) + 4 + 4 * len(entry)  # about: numbers of a few digits
        if chunk and size + entry_size > WORD_FILE_BYTES:
            files[f"w{len(firsts) - 1}.json"] = _json(chunk)
            chunk, size = {}, 0
        if not chunk:
            firsts.append(word)
        chunk[word] = entry
        size += entry_size
    if chunk:
        files[f"w{len(firsts) - 1}.json"] = _json(chunk)

    for start in range(0, len(records), RECORDS_PER_FILE):
        files[f"d{start // RECORDS_PER_FILE}.json"] = _json(
            [_shown(r) for r in records[start:start + RECORDS_PER_FILE]])
    files["meta.json"] = _json({"version": 1, "records": len(records),
                                "per_file": RECORDS_PER_FILE, "words": firsts,
                                "common": common})
    return files


def _fields(record: Record) -> Iterable[tuple[str, Sequence[str]]]:
    return (("title", [record.title]), ("claimant", [record.claimant]),
            ("role", [record.role]), ("verdict", [record.verdict]),
            ("summary", [record.summary]), ("tags", record.tags), ("text", [record.text]))


def _shown(record: Record) -> list[object]:
    """What a result shows: address, title, claimant, role, verdict, short answer, tags,
    and the start of a hand-written page's text."""
    return [record.url, record.title, record.claimant, record.role, record.verdict,
            record.summary, list(record.tags), record.text[:TEXT_KEPT]]


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
