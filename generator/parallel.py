"""The theme's templates of generated pages, rendered by forked processes on every core.

MkDocs renders page after page in one process; with its HTML made without Python-Markdown
(generator/page_html.py), a generated page's time is mostly the theme's templates. Once
MkDocs has read every page (its ``env`` event), :class:`Renderers` forks a process for
every core but one; each renders a share of the generated pages exactly as MkDocs' own
``_build_page`` would (the same context, ``page_context`` events and template) and sends
back the HTML, with the page's anchors and whatever it logged. MkDocs then builds every
page as usual, in its own order (rendering a smaller share itself), but the theme's
template of the other pages hands back what a process made (:data:`RENDERED_TEMPLATE`);
the ``post_page`` events and the writing stay in MkDocs' process, as they are, and so do
the warnings, which MkDocs counts. One process fewer than cores keeps memory down: each
forked process comes to hold a copy of much of what it reads of MkDocs' pages.

A forked process has everything MkDocs read at hand, unchanged; it writes nothing and ends
when its share is done. Used only on Linux (where fork is dependable), when no plugin but
``search`` and ``factcheck`` takes part, and for more than :data:`FEWEST` pages. A page
its process could not render is rendered by MkDocs' process, as if nothing happened.

This is the plugin's side of the build; the core knows nothing of it.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Callable, Sequence
from multiprocessing import Pipe
from multiprocessing.connection import Connection, wait
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

#: The template of a page another process rendered: it gives that HTML back.
RENDERED_TEMPLATE = "factcheck/rendered-page.html"
#: Fewer pages than this are rendered by MkDocs alone: forking costs more than it saves.
FEWEST = 200
_LOGGERS = ("", "mkdocs", "properdocs")


def usable(pages: int, processes: int) -> bool:
    """Whether forking renderers is worth it (and dependable) here."""
    return sys.platform.startswith("linux") and processes > 1 and pages >= FEWEST


class Renderers:
    """The processes rendering one build's generated pages, and what they sent back."""

    def __init__(self, pages: Sequence[Page], config: MkDocsConfig, files: Files,
                 nav: Navigation, env: jinja2.Environment, count: int,
                 settle: Callable[[Page, bool], None]):
        """Fork ``count - 1`` processes. ``settle(page, rendered)`` is told, when a page's
        turn comes here, whether a process rendered it (or this process must, after all).

        This process renders every ``2 * children + 1``-th page itself: it also runs every
        page's ``post_page`` events and writes it, so it takes a smaller share.
        """
        self._settle = settle
        children = count - 1
        pages = [page for i, page in enumerate(pages) if i % (2 * children + 1)]
        self._index = {id(page): i for i, page in enumerate(pages)}
        self._files = files
        self._env = env
        self._done: dict[int, tuple[Any, ...]] = {}
        self._connections: list[Connection] = []
        self._pids: list[int] = []
        self._templates = {id(page): page.meta.get("template", "main.html") for page in pages}
        doc_files = files.documentation_pages()
        gc.collect()
        # A child's collector then leaves the parent's objects (and pages) alone. They stay
        # set aside to the end of the build, which lets them go (FactcheckPlugin._release).
        gc.freeze()
        for number in range(children):
            reader, writer = Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:  # the child: render a share, send it, and end
                status = 1
                try:
                    reader.close()
                    _render(pages[number::children], number, children, writer, config,
                            doc_files, nav, env)
                    status = 0
                finally:
                    os._exit(status)
            writer.close()
            self._connections.append(reader)
            self._pids.append(pid)
        for page in pages:
            page.meta = {**page.meta, "template": RENDERED_TEMPLATE}

    def environment(self, env: jinja2.Environment) -> None:
        """Teach the theme's templates the template of pages rendered elsewhere."""
        assert env.loader is not None
        env.loader = jinja2.ChoiceLoader([
            jinja2.DictLoader({RENDERED_TEMPLATE: "{{ factcheck_rendered_page() }}"}),
            env.loader])
        env.globals["factcheck_rendered_page"] = self._output

    def handles(self, page: Page) -> bool:
        return id(page) in self._index

    def finish(self) -> None:
        """Wait for the processes (they have ended, or are about to)."""
        for connection in self._connections:
            connection.close()
        for pid in self._pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self._connections, self._pids = [], []

    @jinja2.pass_context
    def _output(self, context: jinja2.runtime.Context) -> Markup:
        """The HTML a process rendered for the page of ``context``; if none could, the page
        rendered here with its own template, as MkDocs would have."""
        page = context["page"]
        number = self._index[id(page)]
        while number not in self._done and self._connections:
            for connection in wait(self._connections):
                try:
                    done, *sent = connection.recv()
                except (EOFError, OSError):
                    self._connections.remove(connection)  # ended: its pages come here
                    continue
                self._done[done] = tuple(sent)
        output, anchors, links, records = self._done.pop(number, (None, (), {}, []))
        for name, level, message in records:  # what MkDocs would have logged, and counted
            logging.getLogger(name).log(level, "%s", message)
        if output is None:
            page.meta = {**page.meta, "template": self._templates[id(page)]}
            self._settle(page, False)
            return Markup(self._env.get_template(self._templates[id(page)]).render(
                context.get_all()))
        self._settle(page, True)
        page.present_anchor_ids = set(anchors)
        page.links_to_anchors = {file: dict(targets) for uri, targets in links.items()
                                 if (file := self._files.src_uris.get(uri))}
        return Markup(output)


class _Records(logging.Handler):
    """What a child logs, kept to be sent to the parent with the page."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        entry = (record.name, record.levelno, record.getMessage())
        if not self.records or self.records[-1] != entry:  # once, though several loggers
            self.records.append(entry)


def _render(pages: Sequence[Page], number: int, count: int, connection: Connection,
            config: MkDocsConfig, doc_files: Any, nav: Navigation,
            env: jinja2.Environment) -> None:
    """In a child: render ``pages`` as MkDocs' ``_build_page`` would, and send each."""
    kept = _Records()
    for name in _LOGGERS:
        logging.getLogger(name).handlers = [kept]
    for i, page in enumerate(pages):
        kept.records = []
        index = number + i * count
        try:
            config._current_page = page
            page.active = True
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config,
                                                     nav=nav)
            output = template.render(context)
            links = {file.src_uri: dict(targets)
                     for file, targets in (page.links_to_anchors or {}).items()}
            connection.send((index, output, sorted(page.present_anchor_ids or ()), links,
                             kept.records))
        except Exception:  # noqa: BLE001 - sent as not done: the parent renders it
            connection.send((index, None, (), {}, []))
        finally:
            page.active = False
            page.content = ""
            config._current_page = None
    connection.close()
