"""The generator's pages inside a MkDocs build: made, converted, written and kept.

The plugin hands MkDocs one generated file per page. Here each page then:

1. is made only when it is needed: a claim's page is a
   :class:`~generator.claim_page.ClaimPage` (and a listing's a
   :class:`~generator.listings.ListingPage`) until it is converted, and not made at all
   when an earlier build kept its HTML (:mod:`generator.build_cache`);
2. is converted by :class:`~generator.page_html.FastPages` instead of Python-Markdown,
   right before it is written when nothing else needs its HTML sooner, so that no page's
   HTML waits in memory for the others;
3. if it was kept, is written as kept: its front matter and anchors take part in the
   build as before, and the theme's template is swapped for one that gives the kept HTML
   back (:data:`KEPT_TEMPLATE`); if the last build's file of it is back in the site
   folder (:mod:`generator.old_site`), that template gives nothing, and MkDocs, which
   skips an empty page, leaves the file as it is;
4. otherwise, is kept for the next build once it is written.

This is the plugin's side of the build; the core knows nothing of it.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import zlib
from collections.abc import Callable, Container, Iterable, Mapping
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .build_cache import BuildCache, digest
from .claim_page import ClaimPage
from .listings import ListingPage
from .old_site import stamp
from .page_html import FastPages, attach_kept
from .render import PageSource

#: A page made only when it is needed (see :class:`ClaimPage`).
Lazy = ClaimPage | ListingPage

log = logging.getLogger("mkdocs.plugins.factcheck")
_NO_TOC = get_toc([])

#: The template of a page whose HTML was kept: it gives that HTML back unchanged.
KEPT_TEMPLATE = "factcheck/kept-page.html"


class _Packed:
    """A generated page's Markdown, compressed while it waits to be read (listings hold
    many verdict badges, and compress tenfold)."""

    __slots__ = ("_data", "key")

    def __init__(self, text: str):
        data = text.encode("utf-8")
        self._data = zlib.compress(data, 1)
        self.key = hashlib.blake2b(data, digest_size=20).hexdigest()

    def text(self) -> str:
        return zlib.decompress(self._data).decode("utf-8")


class GeneratedPages:
    """The generated pages of one build."""

    def __init__(self, sources: Iterable[tuple[str, PageSource]], fast: FastPages | None,
                 store: BuildCache | None, defer: bool):
        self.sources: dict[str, _Packed | Lazy] = {}
        self.static: dict[str, bytes] = {}  # the stylesheet, the feed
        self.static_keys: dict[str, str] = {}
        for path, source in sources:
            if not path.endswith(".md"):
                assert isinstance(source, str)
                self.static[path] = source.encode("utf-8")
                self.static_keys[path] = hashlib.blake2b(self.static[path],
                                                         digest_size=20).hexdigest()
            else:
                self.sources[path] = _Packed(source) if isinstance(source, str) else source
        self.paths = frozenset(self.sources)
        self.fast = fast
        self.store = store
        self.defer = defer and fast is not None
        self.keys: dict[str, str] = {}
        self.kept: dict[str, Any] = {}
        self.in_place: set[str] = set()
        """Kept pages whose file the last build left, back in the site folder."""
        self.left: dict[str, str] = {}
        """The key of each page in the site folder, by the file's path in it."""
        self._placed: dict[str, str] = {}
        self._page_at: dict[str, str] = {}
        self.elsewhere: Callable[[Page], bool] = lambda page: False
        """Whether another process renders a page (generator/parallel.py)."""

    def files(self, config: MkDocsConfig, inclusion: Callable[[str], InclusionLevel],
              kind: type[File] = File, only: Container[str] | None = None) -> list[File]:
        """A file per page (or per page in ``only``), empty until it is read (see
        :meth:`pre_page`), unless Python-Markdown will read the file itself; ``inclusion``
        says whether a page is in the navigation."""
        files = [kind.generated(config, path, content=data, inclusion=inclusion(path))
                 for path, data in self.static.items() if only is None or path in only]
        self.static = {}
        for path in self.sources:
            if only is None or path in only:
                files.append(kind.generated(config, path, content="" if self.fast else
                                            self.markdown_of(path), inclusion=inclusion(path)))
        return files

    def keys_of_all(self) -> dict[str, str]:
        """What each page or file is made from, as a digest (see :meth:`look_up`)."""
        return {**self.static_keys, **{path: _key(s) for path, s in self.sources.items()}}

    def everything(self) -> list[str]:
        """The address (in the docs folder) of every file made here."""
        return [*self.static, *self.sources]

    def unread(self) -> GeneratedPages:
        """These pages as they are now, before MkDocs reads any (which takes each page's
        source from :attr:`sources`): for what is made of them at the build's end."""
        now = copy.copy(self)
        now.sources = dict(self.sources)
        return now

    def meta_of(self, path: str) -> dict[str, Any] | None:
        """The front matter of a page made only when needed, known without making it."""
        source = self.sources.get(path)
        return None if source is None or isinstance(source, _Packed) else source.meta()

    def markdown_of(self, path: str) -> str:
        """The Markdown of a page not read yet."""
        source = self.sources[path]
        return source.text() if isinstance(source, _Packed) else source.markdown()

    def look_up(self, nav: Navigation, context: str,
                extra: Callable[[str], str] | None = None) -> None:
        """Key every page, and find those an earlier build kept. ``context`` is the digest
        of the environment, the configuration and the theme; ``extra`` gives what else a
        page at a path shows (in a site in several languages, which others it is in)."""
        if self.store is None:
            return
        navigation = _navigation(nav.items, self.sources)
        for path, source in self.sources.items():
            if path.endswith(".md"):
                self.keys[path] = digest(context, navigation, path, _key(source),
                                         extra(path) if extra is not None else "")
        found = self.store.known(self.keys.values())
        self.kept = {path: found[key] for path, key in self.keys.items() if key in found}
        log.info("factcheck: %d of %d pages as built before (.cache/factcheck)",
                 len(self.kept), len(self.keys))

    def left_before(self, files: Files, written: Mapping[str, tuple[str, str]]
                    ) -> dict[str, str]:
        """Of the pages an earlier build kept, those whose file the last build left in the
        site folder (``written``, as the build cache recorded it): by the file's path in
        the site, its stamp then."""
        wanted = {}
        self._page_at = {}
        for path in self.kept:
            file = files.src_uris.get(path)
            row = written.get(file.dest_uri) if file is not None else None
            if row is not None and row[0] == self.keys[path]:
                wanted[file.dest_uri] = row[1]  # type: ignore[union-attr]
                self._page_at[file.dest_uri] = path  # type: ignore[union-attr]
        return wanted

    def put_back(self, dests: Mapping[str, str]) -> None:
        """The files at ``dests`` in the site folder (with their stamps), of pages
        :meth:`left_before` named, are back as the last build left them: their pages are
        not written again."""
        self.in_place = {self._page_at[dest] for dest in dests}
        self._placed = dict(dests)

    def skipped_quietly(self, record: logging.LogRecord) -> bool:
        """A logging filter: False for MkDocs' note that it skipped a page put back."""
        message = record.msg
        if isinstance(message, str) and message.startswith("Page skipped: '"):
            return message[len("Page skipped: '"):].split("'", 1)[0] not in self.in_place
        return True

    def stamps(self, site_dir: str) -> dict[str, tuple[str, str]]:
        """The pages in the site folder now, for the next build's :meth:`left_before`."""
        out = {}
        for dest, key in self.left.items():
            mark = self._placed.get(dest) or stamp(os.path.join(site_dir, dest))
            if mark is not None:
                out[dest] = (key, mark)
        return out

    def pre_page(self, page: Page, files: Files) -> None:
        """Set how the page is read and rendered, before MkDocs does either."""
        path = page.file.src_uri
        source = self.sources.pop(path, None)  # held from here by the page, until it is read
        if source is None:
            return
        if path in self.kept:
            meta, anchors, links = self.kept[path]
            attach_kept(page, {**meta, "template": KEPT_TEMPLATE}, anchors, links, files)
        elif self.fast is not None:
            if isinstance(source, _Packed):
                self.fast.attach(page, source.text, defer=self.defer)
            else:  # a claim's or listing's page: made only when converted, before writing
                self.fast.attach(page, source.markdown, defer=self.defer, meta=source.meta(),
                                 body=source.body)

    def page_context(self, page: Page) -> None:
        """Convert a page whose conversion waited, now that it is about to be written
        (unless another process renders it, and so converts it there)."""
        if self.fast is not None and not self.elsewhere(page):
            self.fast.convert_deferred(page)

    def settle(self, page: Page, rendered: bool) -> None:
        """A page another process was to render: forget its Markdown if it did, or convert
        it here if it could not."""
        if self.fast is not None:
            self.fast.convert_deferred(page, drop=rendered)

    def waiting(self, files: Files) -> list[Page]:
        """The generated pages still to be converted and rendered, in MkDocs' order."""
        return [file.page for file in files.documentation_pages()
                if file.page is not None and self.fast is not None
                and self.fast.is_deferred(file.page)]

    def environment(self, env: jinja2.Environment) -> None:
        """Teach the theme's templates the template of kept pages."""
        assert env.loader is not None
        env.loader = jinja2.ChoiceLoader([_KeptLoader(self._kept_output), env.loader])

    def is_kept(self, page: Page) -> bool:
        return page.file.src_uri in self.kept

    def post_page(self, page: Page, output: str) -> None:
        """Keep the final HTML of a page that was made in this build; then let its HTML
        go (MkDocs needs only its anchors from now on)."""
        path = page.file.src_uri
        if path in self.keys:
            self.left[page.file.dest_uri] = self.keys[path]
        if self.store is not None and path in self.keys and path not in self.kept:
            meta = {k: v for k, v in page.meta.items() if k != "template"}
            links = {file.src_uri: dict(targets)
                     for file, targets in (page.links_to_anchors or {}).items()}
            self.store.keep_page(self.keys[path], meta, page.present_anchor_ids or set(),
                                 links, output)
        if path in self.paths:
            page.content, page.toc = "", _NO_TOC

    def _kept_output(self, page: Page) -> Markup:
        assert self.store is not None
        if page.file.src_uri in self.in_place:
            return Markup("")  # MkDocs leaves the file as it is
        return Markup(self.store.output(self.keys[page.file.src_uri]))


class _KeptTemplate(jinja2.Template):
    """The template of a kept page (:data:`KEPT_TEMPLATE`): it gives back the page's
    HTML as it was kept, or nothing when its file is in place, without making a Jinja
    context for each page first (half a second of a warm build at 10,000 claims)."""

    kept_output: Callable[[Page], Markup]

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.kept_output(dict(*args, **kwargs)["page"])


class _KeptLoader(jinja2.BaseLoader):
    """Loads :data:`KEPT_TEMPLATE` only: a :class:`_KeptTemplate`."""

    def __init__(self, kept_output: Callable[[Page], Markup]):
        self._kept_output = kept_output

    def load(self, environment: jinja2.Environment, name: str,
             globals: Any = None) -> jinja2.Template:  # noqa: A002 (Jinja's name)
        if name != KEPT_TEMPLATE:
            raise jinja2.TemplateNotFound(name)
        template = _KeptTemplate.from_code(environment, environment.compile("", name),
                                           environment.make_globals(globals), None)
        assert isinstance(template, _KeptTemplate)
        template.kept_output = self._kept_output
        return template


def _key(source: _Packed | Lazy) -> str:
    return source.key if isinstance(source, _Packed) else source.key()


def _navigation(items: list[Any], sources: Mapping[str, _Packed | Lazy]) -> str:
    """A digest of what every page shows of the navigation: its structure, addresses and
    titles; a page in it without a title of its own there is known by its source, from
    which MkDocs takes the title."""
    def walk(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if item.is_section:
                out.append(["section", item.title, walk(item.children)])
            elif item.is_link:
                out.append(["link", item.title, item.url])
            else:
                title = item.title  # the title given in mkdocs.yml, None before reading
                source = sources.get(item.file.src_uri)
                known = "" if title is not None else _key(source) if source is not None \
                    else hashlib.blake2b(item.file.content_bytes, digest_size=20).hexdigest()
                out.append(["page", title, item.file.src_uri, item.url, known])
        return out

    return digest(repr(walk(items)))
