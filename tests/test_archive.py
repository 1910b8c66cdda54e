"""`factcheck archive` against a fake Wayback availability API served on 127.0.0.1."""

from __future__ import annotations

import codecs
import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.archive import with_archive_urls
from tests.test_cli import run

WEB = "https://web.archive.org/web"

CLAIM = """\
# A claim whose comments, quotes and order must survive.
claim: "Portland is a sanctuary city."   # as checked
claimant: Paul LePage
verdict: half-true
summary: Short.
body: |
  Reasoning.

published: 2017-02-03
sources:
  # the executive order
  - title: Executive Order 13768   # primary
    url: https://example.org/eo
    date: 2017-01-30 # (optional)
    # archive_url: https://web.archive.org/web/... # (optional: a saved copy)
  - {title: Flow, url: "https://example.org/flow", date: 2016-05-01}
  - title: Already saved
    url: https://example.org/saved
    archive_url: https://web.archive.org/web/2016/https://example.org/saved
  - title: Empty archive field
    url: https://example.org/empty
    archive_url:
  - title: Never saved
    url: https://example.org/never
  - title: Error page
    url: https://example.org/404
  - url: https://example.org/last
    title: >-
      A folded
      title

# the end
author: Fact Desk
"""

#: CLAIM with only the archive addresses added: every other byte as it was.
ARCHIVED = """\
# A claim whose comments, quotes and order must survive.
claim: "Portland is a sanctuary city."   # as checked
claimant: Paul LePage
verdict: half-true
summary: Short.
body: |
  Reasoning.

published: 2017-02-03
sources:
  # the executive order
  - title: Executive Order 13768   # primary
    url: https://example.org/eo
    date: 2017-01-30 # (optional)
    archive_url: https://web.archive.org/web/20170130000000/https://example.org/eo
    # archive_url: https://web.archive.org/web/... # (optional: a saved copy)
  - {title: Flow, url: "https://example.org/flow", date: 2016-05-01, archive_url: "https://web.archive.org/web/20160501000000/https://example.org/flow?a=1,2"}
  - title: Already saved
    url: https://example.org/saved
    archive_url: https://web.archive.org/web/2016/https://example.org/saved
  - title: Empty archive field
    url: https://example.org/empty
    archive_url: https://web.archive.org/web/20170203000000/https://example.org/empty
  - title: Never saved
    url: https://example.org/never
  - title: Error page
    url: https://example.org/404
  - url: https://example.org/last
    title: >-
      A folded
      title
    archive_url: https://web.archive.org/web/20170203000000/https://example.org/last

# the end
author: Fact Desk
"""  # noqa: E501


def snapshot(url: str, stamp: str, status: str = "200") -> dict[str, Any]:
    # The real API answers with http:// addresses of the copies.
    return {"url": url, "archived_snapshots": {"closest": {
        "status": status, "available": True, "timestamp": stamp + "000000",
        "url": f"http://web.archive.org/web/{stamp}000000/{url}"}}}


ANSWERS: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}


def answer_json(value: Any) -> Callable[[BaseHTTPRequestHandler], None]:
    return answer_raw(json.dumps(value).encode())


def answer_raw(body: bytes, status: int = 200) -> Callable[[BaseHTTPRequestHandler], None]:
    def send(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return send


class Wayback(BaseHTTPRequestHandler):
    """Answers like archive.org/wayback/available, from ANSWERS by the asked url."""

    asked: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        query = parse_qs(urlsplit(self.path).query)
        url, stamp = query["url"][0], query.get("timestamp", [""])[0]
        self.asked.append((url, stamp))
        # The client may have given up waiting: that is the point of the slow answer.
        with contextlib.suppress(OSError):
            ANSWERS.get(url, answer_json({"url": url, "archived_snapshots": {}}))(self)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def service(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Wayback)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Wayback.asked = []
    released = threading.Event()
    ANSWERS.clear()
    ANSWERS.update({
        "https://example.org/eo": answer_json(snapshot("https://example.org/eo", "20170130")),
        "https://example.org/flow": answer_json(
            snapshot("https://example.org/flow?a=1,2", "20160501")),
        "https://example.org/empty": answer_json(
            snapshot("https://example.org/empty", "20170203")),
        "https://example.org/404": answer_json(
            snapshot("https://example.org/404", "20170203", status="404")),
        "https://example.org/last": answer_json(
            snapshot("https://example.org/last", "20170203")),
        "https://example.org/fine": answer_json(
            snapshot("https://example.org/fine", "20170203")),
        "https://example.org/500": answer_raw(b"oops", status=503),
        "https://example.org/garbage": answer_raw(b"<html>not json</html>"),
        "https://example.org/slow": lambda h: (released.wait(10), answer_json({})(h)),
    })
    yield f"http://127.0.0.1:{server.server_address[1]}/wayback/available"
    released.set()
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf-with-bom"])
def test_adds_only_the_archive_lines(site: Path, service: str, newline: str) -> None:
    bom = codecs.BOM_UTF8 if newline == "\r\n" else b""
    path = site / "claims" / "a.yaml"
    original = bom + CLAIM.replace("\n", newline).encode()
    path.write_bytes(original)

    result = run("archive", "claims/a.yaml", "--dry-run", "--service", service, cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == original
    assert result.stdout.count("would add") == 4

    result = run("archive", "claims/a.yaml", "--service", service, cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert path.read_bytes() == bom + ARCHIVED.replace("\n", newline).encode()
    assert result.stdout.splitlines() == [
        f"claims/a.yaml:13: sources[0].archive_url: added {WEB}/20170130000000/"
        "https://example.org/eo",
        f"claims/a.yaml:16: sources[1].archive_url: added {WEB}/20160501000000/"
        "https://example.org/flow?a=1,2",
        f"claims/a.yaml:21: sources[3].archive_url: added {WEB}/20170203000000/"
        "https://example.org/empty",
        "claims/a.yaml:24: sources[4].url: the archive has no saved copy; save one at "
        "https://web.archive.org/save/https://example.org/never",
        "claims/a.yaml:26: sources[5].url: the closest saved copy is an error page (HTTP 404); "
        "save one at https://web.archive.org/save/https://example.org/404",
        f"claims/a.yaml:27: sources[6].archive_url: added {WEB}/20170203000000/"
        "https://example.org/last",
        "Added 4 archive_urls in 1 file; 2 sources with no saved copy.",
    ]
    # Each source asked once, near its own date or else the check's; none with an address.
    assert sorted(Wayback.asked[len(Wayback.asked) // 2:]) == [
        ("https://example.org/404", "20170203"), ("https://example.org/empty", "20170203"),
        ("https://example.org/eo", "20170130"), ("https://example.org/flow", "20160501"),
        ("https://example.org/last", "20170203"), ("https://example.org/never", "20170203")]

    # Run again: nothing left to add, the file stays as it is.
    result = run("archive", "claims/a.yaml", "--service", service, cwd=site)
    assert result.stdout.endswith("Added 0 archive_urls in 0 files; 2 sources with no saved "
                                  "copy.\n")
    assert path.read_bytes() == bom + ARCHIVED.replace("\n", newline).encode()


FAILING = """\
claim: Several sources, some of which cannot be looked up.
published: 2017-02-03
sources:
  - title: Fine
    url: https://example.org/fine
  - title: Server error
    url: https://example.org/500
  - title: Garbage
    url: https://example.org/garbage
  - title: Slow
    url: https://example.org/slow
  - title: After three failures
    url: https://example.org/fine?again
  - title: Not an address
    url: example.org/nothing
"""


def test_failures_are_reported_per_source_and_the_rest_is_saved(site: Path,
                                                                 service: str) -> None:
    path = site / "claims" / "b.yaml"
    path.write_text(FAILING)
    (site / "claims" / "broken.yaml").write_text("claim: [unclosed\n")
    result = run("archive", "claims/b.yaml", "claims/broken.yaml", "--service", service,
                 "--timeout", "0.5", cwd=site)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"claims/b.yaml:5: sources[0].archive_url: added {WEB}/20170203000000/"
        "https://example.org/fine",
        "claims/b.yaml:7: sources[1].url: the archive answered HTTP 503 (Service Unavailable); "
        "try again later",
        "claims/b.yaml:9: sources[2].url: the archive's answer is not the JSON expected; try "
        "again later",
        "claims/b.yaml:11: sources[3].url: the archive did not answer within 0.5 s; try again "
        "later, or allow longer with --timeout",
        "claims/b.yaml:13: sources[4].url: not asked, as the last 3 lookups failed; run again "
        "later",
        "claims/b.yaml:15: sources[5].url: is not a web address, so it was not looked up; run "
        "`factcheck check`",
        "claims/broken.yaml:2: file: is not valid YAML: did not find expected ',' or ']'; check "
        "the quotes, colons and indentation on this line and the one before",
        "Added 1 archive_url in 1 file; 5 failures: run again to retry.",
    ]
    assert path.read_text() == FAILING.replace(
        "url: https://example.org/fine\n", "url: https://example.org/fine\n    archive_url: "
        f"{WEB}/20170203000000/https://example.org/fine\n")


def test_a_file_saved_meanwhile_is_left_alone(site: Path, service: str) -> None:
    path = site / "claims" / "c.yaml"
    path.write_text(FAILING)
    edited = FAILING.replace("Several sources", "Edited meanwhile")

    def save_then_answer(handler: BaseHTTPRequestHandler) -> None:
        path.write_text(edited)  # a fact-checker saves the file while the archive is asked
        answer_json(snapshot("https://example.org/fine", "20170203"))(handler)

    ANSWERS["https://example.org/fine"] = save_then_answer
    result = run("archive", "claims/c.yaml", "--service", service, "--timeout", "0.5", cwd=site)
    assert result.returncode == 1
    assert ("claims/c.yaml:1: file: changed while the archive was being asked, so nothing was "
            "added to it; run `factcheck archive` again") in result.stdout.splitlines()
    assert path.read_text() == edited
    assert [p.name for p in (site / "claims").iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("args", "message"), [
    (["--service", "file:///etc/passwd"], "'file:///etc/passwd' is not a web address"),
    (["--timeout", "0"], "0 is not in the range x>=0.1"),
    (["claims/none.yaml"], "'claims/none.yaml' does not exist"),
])
def test_usage_errors(site: Path, args: list[str], message: str) -> None:
    result = run("archive", *args, cwd=site)
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.parametrize(("text", "expected"), [
    # An address YAML would misread is quoted.
    ("sources:\n  - url: https://example.org\n",
     'sources:\n  - url: https://example.org\n    archive_url: "https://x.org/a #b"\n'),
    # No final line break: the file keeps having none.
    ("sources:\n- url: https://example.org", 'sources:\n- url: https://example.org\n'
                                              '  archive_url: "https://x.org/a #b"'),
    ("sources:\n  - url: https://example.org\n    archive_url: ~  # none yet\n",
     'sources:\n  - url: https://example.org\n    archive_url: "https://x.org/a #b"  # none '
     'yet\n'),
])
def test_insertion_edge_cases(text: str, expected: str) -> None:
    assert with_archive_urls(text, {0: "https://x.org/a #b"}) == expected
