"""Browser fixtures: built sites served on 127.0.0.1, one headless Chromium for the session,
and pages that fail their test on a console error, an uncaught script error, a dialog, or
a request to anywhere but this machine.

Chromium is Debian's (``make test`` installs it with apt-get where it is missing);
Playwright's own browser download is never used. axe-core is the copy ``make test``
fetched from the npm registry into ``.venv/axe-core/`` and checked against its digest.
Nothing here reaches the network: every page, script and search index comes from the
site under test, served by a thread of this process.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Request,
    Route,
    WebError,
    sync_playwright,
)

from tests.conftest import copy_newsroom
from tests.test_build import HOSTILE

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(os.environ.get("AXE_JS") or Path(sys.prefix) / "axe-core" / "axe.min.js")
# Playwright already starts Chromium with --headless, --no-sandbox, --no-first-run,
# --disable-background-networking, --disable-component-update, --disable-sync and a new
# empty profile; these are the two it leaves out.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic"]
# Schemes that never leave the machine: inline images and styles, and blank frames.
LOCAL_SCHEMES = {"data", "blob", "about"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Site:
    """A built site and the address it is served at (ending in ``/``)."""

    url: str
    root: Path  # the built HTML
    project: Path  # the folder with mkdocs.yml, claims/ and seeds/

    def pages(self) -> list[str]:
        """Every HTML page of the site, as addresses relative to :attr:`url`."""
        return sorted(
            "" if p.parent == self.root else p.parent.relative_to(self.root).as_posix() + "/"
            for p in self.root.rglob("index.html"))


def build(project: Path, out: Path) -> Path:
    """A real ``mkdocs build --strict`` of ``project`` into ``out``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        cwd=project, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a page left mid-download
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(project: Path, out: Path) -> Iterator[Site]:
    """Build ``project`` and serve the result on 127.0.0.1 from a thread of this process."""
    root = build(project, out)
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}/", root, project)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def newsroom_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The newsroom of ``tests/fixtures/newsroom/`` (two seeds, its own rating scale and
    standards), with the project's template overrides, built once per session."""
    project = copy_newsroom(tmp_path_factory.mktemp("newsroom") / "project")
    with serve(project, project / "site") as site:
        yield site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small fixture site plus test_build's hostile claim and the claims and seed of
    ``tests/fixtures/hostile/``."""
    project = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(FIXTURES / "site", project)
    for folder in ("claims", "seeds"):
        for path in (FIXTURES / "hostile" / folder).iterdir():
            shutil.copy(path, project / folder / path.name)
    (project / "claims" / "hostile-claim.yaml").write_text(HOSTILE, encoding="utf-8")
    with serve(project, project / "site") as site:
        yield site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run `make test`, which installs "
                    "Debian's chromium package, or set CHROMIUM to its path")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What a browser context did that a page of ours never should."""

    outside: list[str] = field(default_factory=list)  # requests that would leave 127.0.0.1
    console: list[str] = field(default_factory=list)  # console errors
    errors: list[str] = field(default_factory=list)  # uncaught script errors
    dialogs: list[str] = field(default_factory=list)  # alert(), confirm(), prompt()

    def problems(self) -> list[str]:
        return [*(f"request leaving 127.0.0.1: {u}" for u in self.outside),
                *(f"console error: {m}" for m in self.console),
                *(f"script error: {e}" for e in self.errors),
                *(f"dialog opened: {d}" for d in self.dialogs)]


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (
        parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1")


def watch(context: BrowserContext) -> Watch:
    """Record, and abort, every request that is not for this machine; record errors."""
    seen = Watch()

    def route(route_: Route) -> None:
        if is_local(route_.request.url):
            route_.continue_()
        else:
            route_.abort("blockedbyclient")

    def request(request_: Request) -> None:
        if not is_local(request_.url):
            seen.outside.append(request_.url)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console.append(f"{message.text} ({message.location.get('url')})")

    def dialog(dialog_: Dialog) -> None:
        seen.dialogs.append(f"{dialog_.type} {dialog_.message!r}")
        dialog_.dismiss()

    def error(error_: WebError) -> None:
        seen.errors.append(str(error_.error))

    context.route("**/*", route)
    context.on("request", request)
    context.on("console", console)
    context.on("weberror", error)
    context.on("dialog", dialog)
    return seen


@contextlib.contextmanager
def guarded_context(browser: Browser, **options: Any) -> Iterator[tuple[BrowserContext, Watch]]:
    """A fresh browser context that fails the test if any page of it misbehaves."""
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    seen = watch(context)
    yield context, seen
    context.close()
    assert seen.problems() == []


@pytest.fixture
def guarded(browser: Browser) -> Iterator[tuple[BrowserContext, Watch]]:
    with guarded_context(browser) as pair:
        yield pair


@pytest.fixture
def page(guarded: tuple[BrowserContext, Watch]) -> Page:
    return guarded[0].new_page()


@pytest.fixture
def static_page(browser: Browser) -> Iterator[Page]:
    """A page with scripts off, as a reader without JavaScript has it (and faster)."""
    with guarded_context(browser, java_script_enabled=False) as (context, _):
        yield context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is not at {AXE_JS}: run `make test`, which fetches it from "
                    "the npm registry, or set AXE_JS to the path of axe.min.js")
    return AXE_JS
