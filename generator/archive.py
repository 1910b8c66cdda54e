"""Find saved copies of sources on the Wayback Machine and add them to claim files.

``factcheck archive`` asks the Internet Archive's availability API, once per source that
has no ``archive_url``, for the saved copy closest to the source's date (or, without one,
to the check's ``published`` date), and adds the address as a new ``archive_url:`` line.

The file is edited as text, at the position the YAML parser reports for the source, so
every comment, blank line, quote style and field order stays as the person wrote it: the
only change is the added line (or, in a ``{...}`` source, the added field). The edit is
checked by parsing the result again before anything is written.

Nothing here writes a file; :func:`lookup` is the only function that uses the network.

>>> text = "sources:\\n  - title: T  # the report\\n    url: https://example.org/a\\n"
>>> print(with_archive_urls(text, {0: "https://web.archive.org/web/2017/https://example.org/a"}))
sources:
  - title: T  # the report
    url: https://example.org/a
    archive_url: https://web.archive.org/web/2017/https://example.org/a
<BLANKLINE>
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import Request, urlopen

import yaml

from .load import Document, parse_yaml
from .new_claim import quoted
from .schema import DateType, Invalid, UrlType

#: The Wayback Machine's availability API.
WAYBACK = "https://archive.org/wayback/available"
USER_AGENT = "factcheck-site archive lookup (Python urllib)"
#: An answer longer than this is not the small JSON the API sends.
MAX_ANSWER = 1_000_000


class ArchiveError(Exception):
    """The archive could not be asked, or its answer could not be read."""


class NoCopy(Exception):
    """The archive has no usable saved copy of the address."""


@dataclass(frozen=True)
class Wanted:
    """A source without ``archive_url``: which one, its address, and the date to look near."""

    index: int
    """Its position in ``sources``."""
    url: str
    timestamp: str
    """``YYYYMMDD``, or empty to ask for the latest copy."""
    line: int
    """The line of the source's ``url``, for messages."""


def wanted(doc: Document) -> tuple[list[Wanted], list[tuple[int, str, str]]]:
    """The sources of a parsed claim file that lack ``archive_url``.

    Also returns, as ``(line, field, message)``, the sources that cannot be looked up.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    sources = data.get("sources")
    if not isinstance(sources, list):
        return [], []
    fallback = _stamp(data.get("published"))
    out, skipped = [], []
    for i, source in enumerate(sources):
        if not isinstance(source, dict) or source.get("archive_url") is not None:
            continue
        line = doc.line(("sources", i, "url"))
        try:
            url = UrlType().clean(source.get("url"))
        except Invalid:
            skipped.append((line, f"sources[{i}].url", "is not a web address, so it was not "
                                                       "looked up; run `factcheck check`"))
            continue
        out.append(Wanted(i, url, _stamp(source.get("date")) or fallback, line))
    return out, skipped


def _stamp(value: Any) -> str:
    try:
        return DateType().clean(value).strftime("%Y%m%d") if value is not None else ""
    except Invalid:
        return ""


def lookup(url: str, timestamp: str = "", service: str = WAYBACK,
           timeout: float = 20.0) -> str:
    """The address of the saved copy of ``url`` closest to ``timestamp``.

    Raises :class:`NoCopy` when there is none worth linking, :class:`ArchiveError` when
    the archive cannot be asked or its answer cannot be read; the messages are for people.
    """
    query = urlencode({"url": url, **({"timestamp": timestamp} if timestamp else {})})
    address = f"{service}{'&' if '?' in service else '?'}{query}"
    request = Request(address, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        with urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_ANSWER + 1)
    except HTTPError as err:
        raise ArchiveError(f"the archive answered HTTP {err.code} ({err.reason}); "
                           "try again later") from None
    except TimeoutError:
        raise ArchiveError(_timed_out(timeout)) from None
    except URLError as err:
        if isinstance(err.reason, TimeoutError):
            raise ArchiveError(_timed_out(timeout)) from None
        raise ArchiveError(f"cannot reach the archive ({err.reason}); check the connection "
                           "and try again") from None
    except (http.client.HTTPException, OSError) as err:
        raise ArchiveError(f"the connection to the archive broke ({type(err).__name__}); "
                           "try again") from None
    return _snapshot(body)


def _timed_out(timeout: float) -> str:
    return (f"the archive did not answer within {timeout:g} s; try again later, or allow "
            "longer with --timeout")


def _snapshot(body: bytes) -> str:
    """The saved copy's address from the API's answer."""
    try:
        if len(body) > MAX_ANSWER:
            raise ValueError
        answer = json.loads(body.decode("utf-8"))
    except ValueError:  # also UnicodeDecodeError and JSONDecodeError
        raise ArchiveError("the archive's answer is not the JSON expected; try again "
                           "later") from None
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    if not isinstance(snapshots, dict):
        raise ArchiveError("the archive's answer has no `archived_snapshots`; try again later")
    closest = snapshots.get("closest")
    if closest is None or (isinstance(closest, dict) and closest.get("available") is False):
        raise NoCopy("the archive has no saved copy")
    if not isinstance(closest, dict):
        raise ArchiveError("the archive's answer has a `closest` that is not a saved copy")
    status = str(closest.get("status", "200"))
    if status[:1] not in ("2", "3"):
        raise NoCopy(f"the closest saved copy is an error page (HTTP {status})")
    try:
        found = UrlType().clean(closest.get("url"))
    except Invalid:
        raise ArchiveError("the archive's answer has no usable address for the saved "
                           "copy") from None
    parts = urlsplit(found)
    if parts.scheme == "http" and parts.hostname == "web.archive.org":
        found = "https" + found[len("http"):]  # the archive serves every copy over https
    return found


def save_url(url: str) -> str:
    """Where a person can ask the archive to save a copy now."""
    return f"https://web.archive.org/save/{url}"


def with_archive_urls(text: str, found: Mapping[int, str]) -> str:
    """``text`` with ``archive_url`` added to the sources numbered in ``found``.

    Only text is inserted: a line after the source's last field (indented like its
    fields), a field inside a ``{...}`` source, or a value after an empty
    ``archive_url:``. Raises ValueError if the result would not read back as exactly
    the same claim with those addresses added.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    items = _source_nodes(root)
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []
    for i, url in found.items():
        node = items[i]
        if not isinstance(node, yaml.MappingNode) or not node.value:
            raise ValueError(f"sources[{i}] is not a set of fields")
        existing = [v for k, v in node.value if k.value == "archive_url"]
        if existing:  # `archive_url:` with nothing after it
            value = existing[0]
            gap = "" if value.start_mark.index < value.end_mark.index else " "
            edits.append((value.start_mark.index, value.end_mark.index,
                          gap + _scalar(url, flow=bool(node.flow_style))))
        elif node.flow_style:
            end = node.value[-1][1].end_mark.index
            edits.append((end, end, f", archive_url: {_scalar(url, flow=True)}"))
        else:
            last = node.value[-1][1].end_mark.index
            # The end of the line holding the last value's last character (and its comment).
            content = len(text[:last].rstrip())
            line_end = text.find("\n", content)
            indent = " " * node.value[0][0].start_mark.column
            line = f"{indent}archive_url: {_scalar(url, flow=False)}"
            if line_end < 0:
                edits.append((len(text), len(text), newline + line))
            else:
                edits.append((line_end + 1, line_end + 1, line + newline))
    result = text
    for start, end, new in sorted(edits, reverse=True):
        result = result[:start] + new + result[end:]
    _check(text, result, found)
    return result


def _source_nodes(root: yaml.Node | None) -> list[yaml.Node]:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "sources" and isinstance(value, yaml.SequenceNode):
                return list(value.value)
    return []


def _scalar(url: str, flow: bool) -> str:
    """The URL as YAML: plain when it reads back unchanged, else double-quoted."""
    if not flow and not any(c in url for c in ",[]{}"):
        try:
            if yaml.safe_load(f"k: {url}") == {"k": url}:
                return url
        except yaml.YAMLError:
            pass
    return quoted(url)


def _check(before: str, after: str, found: Mapping[int, str]) -> None:
    old, _ = parse_yaml(before, "before")
    new, problems = parse_yaml(after, "after")
    if old is None or new is None or problems:
        raise ValueError("the edited file would not parse")
    expected = old.data
    for i, url in found.items():
        expected["sources"][i]["archive_url"] = url
    if new.data != expected:
        raise ValueError("the edited file would say something else")
