"""Find the ClaimReviews in a JSON file or a saved web page, with the line of each.

A JSON file may hold one ClaimReview, a list of them, a JSON-LD ``@graph``, or the answer
of Google's Fact Check Tools API (``claims[].claimReview[]``, a shape of its own). A web
page carries its ClaimReview as JSON-LD in ``<script type="application/ld+json">`` (most
fact-check sites) or as microdata; both are read with `extruct
<https://github.com/scrapinghub/extruct>`_, never by pattern-matching the HTML.

>>> found, problems = json_reviews('{"@graph": [\\n{"@type": "ClaimReview"}]}', "a.json")
>>> [(f.kind, f.line) for f in found], problems
([('ClaimReview', 2)], [])
"""

from __future__ import annotations

import bisect
import json
import json.scanner
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..problems import Problem
from .records import file_problem

REVIEW = "ClaimReview"
API = "Fact Check Tools"
_MAX_TYPES = 5


@dataclass(frozen=True)
class Found:
    """A ClaimReview (or a Fact Check Tools claim review) and where it is."""

    kind: str
    """:data:`REVIEW`, or :data:`API` for an item of the Fact Check Tools API's answer."""
    data: dict[str, Any]
    """The review; for :data:`API`, the review with its claim under ``"claim"``."""
    line: int
    """The line it starts on (in a web page, the line of its script or element)."""


class _Located(json.JSONDecoder):
    """A JSON decoder that notes where each object starts."""

    def __init__(self) -> None:
        super().__init__()
        self.starts: dict[int, int] = {}
        plain = self.parse_object

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            value, end = plain(s_and_end, *args)
            self.starts[id(value)] = s_and_end[1] - 1
            return value, end

        self.parse_object = parse_object  # type: ignore[assignment]
        # The C scanner calls its own object parser; the Python one calls ours.
        self.scan_once = json.scanner.py_make_scanner(self)


def json_reviews(text: str, shown: str) -> tuple[list[Found], list[Problem]]:
    """The ClaimReviews in a JSON file's text."""
    if not text.strip():
        return [], [file_problem(shown, "is empty; save the ClaimReview JSON again")]
    decoder = _Located()
    try:
        data = decoder.decode(text)
    except json.JSONDecodeError as err:
        return [], [file_problem(shown, f"is not valid JSON: {err.msg} (column {err.colno}); "
                                        "check that the file is complete and was saved as "
                                        "JSON", err.lineno)]
    except RecursionError:
        return [], [file_problem(shown, "nests its values too deeply to be a ClaimReview")]
    breaks = [m.start() for m in re.finditer("\n", text)]
    lines = {key: bisect.bisect_left(breaks, start) + 1 for key, start in decoder.starts.items()}
    found = list(_walk(data, lines))
    if not found:
        return [], [file_problem(shown, "holds no ClaimReview" + _types_seen(data) + "; give a "
                                        "file holding ClaimReview JSON-LD, or the answer of "
                                        "the Fact Check Tools API")]
    return found, []


def html_reviews(page: str | bytes, shown: str) -> tuple[list[Found], list[Problem]]:
    """The ClaimReviews a saved web page carries as JSON-LD or microdata.

    ``page`` is its text, or its bytes when they are not UTF-8: the HTML parser then reads
    them in the encoding the page declares.
    """
    import lxml.etree
    from extruct.jsonld import JsonLdExtractor
    from extruct.utils import parse_html
    from extruct.w3cmicrodata import MicrodataExtractor

    if not page.strip():
        return [], [file_problem(shown, "is empty; save the fact-check's page again")]
    try:
        if isinstance(page, str):
            tree = parse_html(page.encode("utf-8"), encoding="utf-8")
        else:
            tree = parse_html(page, encoding=None)
    except (lxml.etree.LxmlError, ValueError):
        return [], [file_problem(shown, "cannot be read as HTML; save the page again as "
                                        "\"Web page, HTML only\"")]
    found: list[Found] = []
    problems: list[Problem] = []
    seen: list[Any] = []
    scripts = tree.xpath('//script[@type="application/ld+json"]')
    for script in scripts:
        line = script.sourceline or 1
        try:
            items = JsonLdExtractor().extract_items(script)
        except ValueError:  # also json's and jstyleson's decoding errors
            problems.append(file_problem(shown, "has a JSON-LD script that is not valid JSON; "
                                                "save the page again, or copy the ClaimReview "
                                                "into a .json file and fix it there", line))
            continue
        seen.extend(items)
        found.extend(_walk(items, {}, line))
    for item in MicrodataExtractor(add_html_node=True).extract_items(tree, base_url=None):
        node = item.pop("htmlNode", None)
        plain = _from_microdata(item)
        seen.append(plain)
        found.extend(_walk(plain, {}, getattr(node, "sourceline", None) or 1))
    if not found and not problems:
        problems.append(file_problem(shown, "holds no ClaimReview" + _types_seen(seen)
                                     + "; save the page of a single fact-check, from a site "
                                       "that marks its checks up for search engines"))
    return found, problems


def _walk(data: Any, lines: dict[int, int], line: int = 0) -> Iterator[Found]:
    """Every ClaimReview in ``data``, however deep; the API's answer by its own shape.

    ``lines`` gives the line of each object by its ``id()``; ``line``, when given, is
    the line of all of them (a web page's script).
    """
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, lines, line)
        return
    if not isinstance(data, dict):
        return
    if REVIEW in _types(data):
        yield Found(REVIEW, data, line or lines.get(id(data), 1))
        return
    claims = data.get("claims")
    if isinstance(claims, list) and any(isinstance(c, dict) and "claimReview" in c
                                        for c in claims):
        for claim in claims:
            reviews = claim.get("claimReview") if isinstance(claim, dict) else None
            for review in reviews if isinstance(reviews, list) else []:
                if isinstance(review, dict):
                    yield Found(API, {**review, "claim": claim},
                                line or lines.get(id(review), 1))
        return
    for value in data.values():
        if isinstance(value, dict | list):
            yield from _walk(value, lines, line)


def _types(data: dict[str, Any]) -> list[str]:
    """The schema.org types of an object, without their prefixes (``schema:``, the URL)."""
    kind = data.get("@type", data.get("type"))
    kinds = kind if isinstance(kind, list) else [kind]
    return [re.split(r"[/#:]", k)[-1] for k in kinds if isinstance(k, str)]


def _types_seen(data: Any) -> str:
    kinds: list[str] = []
    stack = [data]
    while stack and len(kinds) < _MAX_TYPES:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            kinds.extend(k for k in _types(item) if k not in kinds)
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return f" (only {', '.join(kinds[:_MAX_TYPES])})" if kinds else ""


def _from_microdata(item: Any) -> Any:
    """extruct's microdata item (``type``, ``properties``) in the shape of JSON-LD."""
    if isinstance(item, list):
        return [_from_microdata(i) for i in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    out: dict[str, Any] = {"@type": item.get("type")}
    for key, value in item["properties"].items():
        out[key] = _from_microdata(value)
    return out
