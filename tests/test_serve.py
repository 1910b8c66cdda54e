"""`mkdocs serve`: a saved claim rebuilds the site once; a broken claim keeps the last good site."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    def __init__(self, site: Path, *extra: str):
        self.port = free_port()
        self.lines: list[str] = []
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", *extra, "-a",
             f"127.0.0.1:{self.port}"], cwd=site, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        try:
            for line in self.proc.stdout:
                self.lines.append(line)
        except ValueError:  # the output was closed by stop()
            pass

    def wait_for(self, text: str, after: int = 0, timeout: float = 60) -> int:
        """Wait until a log line from index ``after`` on contains ``text``; its index."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, line in enumerate(self.lines[after:], after):
                if text in line:
                    return i
            time.sleep(0.1)
        raise AssertionError(f"no {text!r} in the log:\n{''.join(self.lines)}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))


#: What the preview logs once every page is up to date after quick builds.
WHOLE = "every page of the preview is up to date"


def without_livereload(page: str) -> str:
    """A served page without what differs from one build to the next: the build's
    number in the script `mkdocs serve` adds."""
    return re.sub(r"livereload\(\d+, \d+\);", "", page)


@pytest.fixture
def server(site: Path) -> Iterator[Server]:
    server = Server(site)
    try:
        server.wait_for("Serving on")
        yield server
    finally:
        server.stop()


def test_save_rebuilds_and_broken_claim_keeps_last_good_site(site: Path, server: Server) -> None:
    claim = site / "claims" / "strimling-order-very-broad.yaml"
    page = "claims/strimling-order-very-broad/"
    assert "The executive order is very broad." in server.get(page)

    good = claim.read_text()
    claim.write_text(good.replace("The executive order is very broad.",
                                  "The order is very broad indeed."))
    mark = server.wait_for("Reloading browsers")
    assert "The order is very broad indeed." in server.get(page)

    claim.write_text(good.replace("verdict: opinion", "verdict: opinon"))
    error = server.wait_for("verdict: 'opinon' is not a valid choice", after=mark + 1)
    mark = server.wait_for("Reloading browsers", after=error)
    assert "Traceback" not in "".join(server.lines)
    shown = server.get(page)  # the last good version, marked with the problem
    assert "The order is very broad indeed." in shown
    assert "Preview only: this claim file has problems" in shown
    assert "verdict: &#39;opinon&#39; is not a valid choice" in shown or \
        "verdict: 'opinon' is not a valid choice" in shown

    claim.write_text(good)
    fixed = server.wait_for("Reloading browsers", after=mark + 1)
    assert "The executive order is very broad." in server.get(page)
    assert "Preview only" not in server.get(page)
    # One rebuild per save: no loop of rebuilds from files the build wrote.
    time.sleep(3)
    assert "".join(server.lines[mark + 1:]).count("Building documentation") == 1
    assert fixed == len(server.lines) - 1 or "Reloading" not in "".join(server.lines[fixed + 1:])


def test_drafts_show_in_the_preview(site: Path) -> None:
    (site / "claims" / "a-draft.yaml").write_text(
        (site / "claims" / "strimling-order-very-broad.yaml").read_text() + "status: draft\n")
    server = Server(site)
    try:
        server.wait_for("Serving on")
        assert "The executive order is very broad." in server.get("claims/a-draft/")
    finally:
        server.stop()


def test_dirty_preview_rebuilds_what_changed_and_drops_what_is_gone(site: Path) -> None:
    """`make serve` runs `mkdocs serve --dirty`: only pages whose Markdown changed are built."""
    claim = site / "claims" / "strimling-order-very-broad.yaml"
    server = Server(site, "--dirty")
    try:
        server.wait_for("Serving on")
        assert "The executive order is very broad." in server.get("claims/page/2/")
        claim.write_text(claim.read_text().replace("The executive order is very broad.",
                                                   "The order is broad, says the mayor."))
        server.wait_for("Reloading browsers")  # the claim's page first
        mark = server.wait_for(WHOLE)  # then the rest
        page = server.get("claims/strimling-order-very-broad/")
        assert "The order is broad, says the mayor." in page
        assert "The order is broad, says the mayor." in server.get("claims/page/2/")
        # Only what changed was shown to MkDocs this time; links to the rest still work.
        assert "MkDocs is shown only those" in "".join(server.lines[:mark])
        assert 'href="../../claimants/ethan-strimling/"' in page
        assert 'href="../../articles/press-herald-2017-02-01/#q-strimling-order-very-broad"' \
            in page
        assert '.md"' not in page
        assert "Claims by Ethan Strimling" in server.get("claimants/ethan-strimling/")

        mark = server.wait_for("Reloading browsers", after=mark)
        (site / "claims" / "birmingham-passed-sanctuary-resolution.yaml").unlink()
        server.wait_for("Reloading browsers", after=mark + 1)
        with pytest.raises(urllib.error.HTTPError):
            server.get("claims/birmingham-passed-sanctuary-resolution/")
    finally:
        server.stop()


def test_dirty_preview_rebuilds_hand_written_pages_whose_blocks_changed(
        articles_site: Path) -> None:
    """The home page's file does not change when a claim does, but its latest checks,
    verdict chart and latest articles do: `--dirty` must build it again."""
    claim = articles_site / "claims" / "busiest-bridge-in-the-county.yaml"
    server = Server(articles_site, "--dirty")
    try:
        server.wait_for("Serving on")
        home = server.get("")
        assert "The Mill Street bridge is the busiest in the county." in home
        assert "True: 2, Mostly true: 0, Half true: 1, Mostly false: 1, False: 1," in home
        ledger = home.split("articles/county-ledger-2023-01-10/", 1)[1].split("</li>", 1)[0]
        assert "fc-verdict--true" in ledger and "1 checked passage" in ledger

        claim.write_text(claim.read_text().replace(
            "claim: The Mill Street bridge is the busiest in the county.",
            "claim: The Mill Street bridge carries the most cars in the county.").replace(
            'verdict: "true"', 'verdict: "false"'))
        server.wait_for("Reloading browsers")  # a site without `nav:`: whole at once
        home = server.get("")
        assert "The Mill Street bridge carries the most cars in the county." in home
        assert "The Mill Street bridge is the busiest in the county." not in home
        assert "True: 1, Mostly true: 0, Half true: 1, Mostly false: 1, False: 2," in home
        ledger = home.split("articles/county-ledger-2023-01-10/", 1)[1].split("</li>", 1)[0]
        assert "fc-verdict--false" in ledger and "fc-verdict--true" not in ledger
    finally:
        server.stop()


def test_a_claim_below_the_standards_is_shown_with_its_problems(site: Path) -> None:
    """In the preview a claim that breaks a standard is logged, and shown as it now is,
    with its problems, where `mkdocs build` would stop."""
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      per_page: 2\n", "      per_page: 2\n      standards:\n        min_sources: 3\n"))
    claim = site / "claims" / "strimling-order-very-broad.yaml"
    claim.write_text(claim.read_text().replace("The executive order is very broad.",
                                               "The order is very broad, says the mayor."))
    server = Server(site)
    try:
        server.wait_for("Serving on")
        error = ("claims/strimling-order-very-broad.yaml:11: sources: has 2 sources; the desk's "
                 "standards ask for at least 3 (standards.min_sources in mkdocs.yml); add "
                 "another, or write an exception")
        assert error in "".join(server.lines)
        shown = server.get("claims/strimling-order-very-broad/")
        assert "The order is very broad, says the mayor." in shown  # this version, not the last
        assert ("Preview only: this claim does not meet the desk's standards, so the site cannot "
                "be built with it.") in shown
        assert "has 2 sources; the desk" in shown
    finally:
        server.stop()


def test_dirty_preview_of_a_site_in_several_languages_shows_mkdocs_only_what_changed(
        tmp_path: Path) -> None:
    """In a site in several languages every page links to its versions: the preview still
    shows MkDocs only the pages that changed, they still link to their versions, and a
    translation removed reaches its original's page."""
    from tests.test_languages import copy_fixture

    site = copy_fixture("editions", tmp_path / "editions")
    claim = site / "claims" / "birmingham-passed-sanctuary-resolution.yaml"
    server = Server(site, "--dirty")
    try:
        server.wait_for("Serving on")
        claim.write_text(claim.read_text().replace("though it had no force of law.",
                                                   "a resolution without force of law.")
                         .replace("claim: ", "claim: Said in 2017, ", 1))
        mark = server.wait_for("Reloading browsers")
        assert "MkDocs is shown only those" in "".join(server.lines[:mark])
        page = server.get("claims/birmingham-passed-sanctuary-resolution/")
        assert "a resolution without force of law." in page
        assert '<link rel="alternate " hreflang="fr"' in page
        assert 'href="../../fr/claims/birmingham-passed-sanctuary-resolution/"' in page
        assert "Said in 2017, " in server.get("claims/page/2/")
        assert 'lang="fr"' in server.get("fr/claims/birmingham-passed-sanctuary-resolution/")

        (site / "translations" / "fr" / "birmingham-passed-sanctuary-resolution.yaml").unlink()
        server.wait_for("Reloading browsers", after=mark + 1)
        page = server.get("claims/birmingham-passed-sanctuary-resolution/")
        assert '<link rel="alternate " hreflang="fr"' not in page
        assert 'href="../../fr/claims/birmingham-passed-sanctuary-resolution/"' not in page
    finally:
        server.stop()


@pytest.mark.usefixtures("isolated_git")
def test_dirty_preview_shows_a_saved_claim_first_then_the_rest(site: Path) -> None:
    """A save of a claim builds that claim's page at once, as the whole build would make
    it (its history from git included), from what the last whole build knew; the
    listings follow once saves pause. A save that a quick build cannot show (a broken
    claim, a new file) gets a whole build."""
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "The claims"]):
        subprocess.run(["git", *command], cwd=site, check=True)
    claim = site / "claims" / "strimling-order-very-broad.yaml"
    good = claim.read_text()
    page_path = "claims/strimling-order-very-broad/"
    server = Server(site, "--dirty")
    try:
        server.wait_for("Serving on")
        start = len(server.lines)
        claim.write_text(good.replace("The executive order is very broad.",
                                      "The order is broad, says the mayor."))
        quick = server.wait_for("Reloading browsers", after=start)
        log = "".join(server.lines[start:quick])
        assert "strimling-order-very-broad.yaml saved: shown first" in log
        assert "generated files changed" not in log  # no whole build before it
        page = server.get(page_path)
        assert "The order is broad, says the mayor." in page
        assert "1 smaller edit since" in page  # its history, the edit not yet committed
        # Links to pages MkDocs was not shown this time are still made.
        assert 'href="../../claimants/ethan-strimling/"' in page
        assert 'href="../../articles/press-herald-2017-02-01/#q-strimling-order-very-broad"' \
            in page
        assert '.md"' not in page

        whole = server.wait_for(WHOLE, after=quick)
        log = "".join(server.lines[quick:whole])
        assert "generated files changed" in log and "shown first" not in log
        assert "The order is broad, says the mayor." in server.get("claims/page/2/")
        # The quick build made the page the whole build makes.
        assert without_livereload(server.get(page_path)) == without_livereload(page)
        # Nothing more was saved, so nothing more is built (a build reads the claim
        # files: the preview's own watcher must not take that for a save).
        settled = server.wait_for("Reloading browsers", after=whole)
        time.sleep(4)
        assert "Building documentation" not in "".join(server.lines[settled:])

        # A broken claim is not shown quickly: the whole build shows its last good
        # version, the one a quick build just showed.
        mark = len(server.lines)
        edited = good.replace("The executive order is very broad.", "Broad, the mayor says.")
        claim.write_text(edited)
        quick = server.wait_for("Reloading browsers", after=mark)
        assert "shown first" in "".join(server.lines[mark:quick])
        claim.write_text(edited.replace("verdict: opinion", "verdict: opinon"))
        done = server.wait_for("Reloading browsers", after=server.wait_for(
            "verdict: 'opinon' is not a valid choice", after=quick))
        assert "shown first" not in "".join(server.lines[quick:done])
        page = server.get(page_path)
        assert "Preview only: this claim file has problems" in page
        assert "Broad, the mayor says." in page

        # Nor is a new claim file: its page, and the listings it is in, are new. The
        # claim saved back as it was at the last whole build is shown as it is, although
        # a quick build showed another version since.
        claim.write_text(good)
        mark = server.wait_for("Reloading browsers", after=server.wait_for(WHOLE, after=done))
        claim.write_text(edited)
        mark = server.wait_for("Reloading browsers", after=server.wait_for(
            "shown first", after=mark))
        claim.write_text(good)
        (site / "claims" / "a-new-claim.yaml").write_text(good)
        done = server.wait_for("Reloading browsers", after=mark + 1)
        assert "shown first" not in "".join(server.lines[mark + 1:done])
        assert "The executive order is very broad." in server.get("claims/a-new-claim/")
        page = server.get(page_path)
        assert "The executive order is very broad." in page
        assert "Broad, the mayor says." not in page
        assert "Traceback" not in "".join(server.lines)
    finally:
        server.stop()
