"""Generated pages to HTML without Python-Markdown: cmarkgfm, then what MkDocs would add.

MkDocs converts every page with Python-Markdown, which is most of the time a build takes
(two thirds at 10,000 claims). The generator's own pages need none of its generality:
their Markdown comes from the templates in ``generator/templates/``, every value a person
wrote is escaped, and the claim's body arrives as one finished HTML block. So for those
pages, :class:`FastPages` converts the Markdown with cmarkgfm (GitHub's CommonMark, in C)
and then does what MkDocs and the ``toc`` extension would have done:

- each heading gets the same ``id`` (the ``toc`` extension's own ``slugify`` and
  ``unique``) and the same permalink (``<a class="headerlink" ...>¶</a>``);
- the table of contents, the anchors present on the page and the page's title are set
  on the MkDocs page as its own ``render`` would set them;
- links to other pages (``../claims/x.md``) become the final relative addresses through
  MkDocs' own link resolution, with the same warnings for a link to nothing;
- tables get Python-Markdown's ``style="text-align: right;"``; text keeps ``"`` as
  Python-Markdown writes it.

Raw HTML blocks (the claim's body) are set aside before the conversion and put back
after it, untouched, as Python-Markdown does: their links are the author's own.

The result is the same page (tests/test_page_html.py compares both ways on fixtures).
It is used only when every Markdown extension of the site is one whose syntax the
generator never writes (:data:`SAFE_EXTENSIONS`); otherwise generated pages go through
Python-Markdown as before, and the build log says why.

This is the plugin's side of the build (it uses MkDocs' page objects); the core knows
nothing of it.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions.toc import escape_cdata, nest_toc_tokens, strip_tags, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs.utils import meta as front_matter

from .commonmark import to_html

log = logging.getLogger("mkdocs.plugins.factcheck")

#: Markdown extensions whose syntax generated pages never contain (every character that
#: starts it is escaped in values people wrote), or whose effect is reproduced here
#: (``toc``, ``tables``, and the ``attr_list`` lists the templates write). Any other
#: extension might change how a claim reads, so its presence sends generated pages
#: through Python-Markdown.
SAFE_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "codehilite", "admonition", "attr_list", "md_in_html",
    "footnotes", "sane_lists", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.superfences", "pymdownx.betterem", "pymdownx.tasklist", "pymdownx.keys",
})

_EXTENSIONS = ["table"]  # not strikethrough or autolink: Python-Markdown has neither
# Python-Markdown's block-level tags: a paragraph starting with one is a raw HTML block.
_BLOCK_TAGS = "|".join(sorted(markdown.util.BLOCK_LEVEL_ELEMENTS, key=len, reverse=True))
_RAW_BLOCK = re.compile(rf"(\A|\n\n)(<(?:{_BLOCK_TAGS})\b[^\n]*(?:\n(?!\n)[^\n]*)*)",
                        re.IGNORECASE)
_STASHED = re.compile(r"<p>\x02(\d+)\x03</p>")
_HEADING = re.compile(r"<h([1-6])((?: [a-z-]+=\"[^\"]*\")*)>(.*?)</h\1>", re.DOTALL)
_LINK = re.compile(r'<(a href|img src)="([^"]*)"')
_ALIGN = re.compile(r'<(t[hd]) align="(left|right|center)"')
_TEXT = re.compile(r">[^<]*&quot;[^<]*<")
_ID = re.compile(r'\s(?:id|name)="([^"]*)"')
# The attr_list lists the templates write: after a heading's text, or on the line under a
# paragraph (in a quote too): `# Title {: dir="auto" }`, `{: dir="auto" }`, `{: #history }`.
_HEADING_ATTRS = re.compile(r"^(#{1,6} .*?)[ ]+\{:?([^}\n]*)\}[ ]*$", re.MULTILINE)
_BLOCK_ATTRS = re.compile(r"\n((?:> ?)*)[ ]*\{:([^}\n]*)\}[ ]*(?=\n|\Z)")
_ATTRS_MARK = re.compile(r"\x04(\d+)\x05")
_GIVEN_ID = re.compile(r'<h[1-6](?: [a-z-]+="[^"]*")* id="([^"]*)"')
_ATTR = re.compile(r'([#.])([-\w]+)|([-\w:]+)="([^"]*)"')
# A link to another page as the templates write them; any other goes through MkDocs.
_PLAIN_LINK = re.compile(r"[A-Za-z0-9_./-]+\.md(?:#[A-Za-z0-9_.-]*)?")


@dataclass(frozen=True)
class _Toc:
    """What the site's ``toc`` extension does to headings."""

    slugify: Callable[[str, str], str]
    separator: str
    permalink: str | None  # the permalink's text, or None for no permalink
    permalink_class: str
    permalink_title: str
    permalink_leading: bool
    base_level: int
    top: int
    bottom: int


class FastPages:
    """Converts the generator's pages; one per build (it knows the site's settings)."""

    def __init__(self, toc: _Toc):
        self._toc = toc
        self._deferred: dict[str, tuple[Callable[[], str], MkDocsConfig, Files]] = {}
        self.known_urls: dict[str, str] = {}
        """Addresses of generated pages MkDocs is not shown (a preview's unchanged ones)."""
        self.content_hook: Callable[[str, Page], str] | None = None
        """What the site's ``page_content`` events do to a page's HTML, done here instead
        when the conversion waits until after those events (see :meth:`attach`)."""

    @classmethod
    def for_config(cls, config: MkDocsConfig) -> FastPages | None:
        """The converter for this site, or None when its Markdown setup is one this
        cannot reproduce (then Python-Markdown converts every page)."""
        unknown = sorted({_name(e) for e in config.markdown_extensions} - SAFE_EXTENSIONS)
        if unknown:
            log.info("factcheck: generated pages go through Python-Markdown (slower), "
                     "because of the Markdown extensions %s", ", ".join(unknown))
            return None
        md = markdown.Markdown(extensions=config.markdown_extensions,
                               extension_configs=config.mdx_configs or {})
        if "toc" not in md.treeprocessors:
            return None
        tp: Any = md.treeprocessors["toc"]
        if tp.use_anchors:  # headings that are links themselves: rare, left to Markdown
            log.info("factcheck: generated pages go through Python-Markdown (slower), "
                     "because of the toc extension's anchorlink setting")
            return None
        permalink = None
        if tp.use_permalinks not in (False, None):
            permalink = "&para;" if tp.use_permalinks is True else \
                escape_cdata(str(tp.use_permalinks))
        return cls(_Toc(tp.slugify, tp.sep, permalink, tp.permalink_class,
                        tp.permalink_title, bool(tp.permalink_leading), tp.base_level,
                        tp.toc_top, tp.toc_bottom))

    def attach(self, page: Page, source: Callable[[], str], defer: bool,
               meta: dict[str, Any] | None = None,
               body: Callable[[], str] | None = None) -> None:
        """Make ``page`` read ``source()`` and render itself here, not with Python-Markdown.

        MkDocs calls ``page.read_source`` and ``page.render`` right after ``on_pre_page``;
        the page's own attributes stand in for those two methods. With ``defer``, the HTML
        is made only when the page is about to be written (:meth:`convert_deferred`), so
        that no page's HTML waits in memory for all the others, as it does in MkDocs (safe
        only when no other plugin needs a page's HTML before then). Until then the page
        keeps ``source()``, to make its Markdown again, and not even that before when its
        front matter is ``meta`` and ``body()`` makes the rest (given by the caller);
        Markdown that a ``page_markdown`` event changed waits compressed.
        """
        read: list[str] = []  # the Markdown as read from the source, if it was

        def read_source(config: MkDocsConfig) -> None:
            text = config.plugins.on_page_read_source(page=page, config=config)
            if text is None and defer and meta is not None and body is not None:
                page.markdown, page.meta = "", meta
            else:
                page.markdown, page.meta = front_matter.get_data(source() if text is None
                                                                 else text)
                read.append(page.markdown)
            del page.read_source

        def render(config: MkDocsConfig, files: Files) -> None:
            assert page.markdown is not None
            del page.render
            if not defer:
                self.render(page, page.markdown, config, files)
                return
            if not read:  # not read yet: made when it is needed
                assert body is not None
                later: Callable[[], str] = body
            elif page.markdown is read[0]:  # still the source's: read it again then
                later = lambda: front_matter.get_data(source())[0]  # noqa: E731
            else:  # changed by an event: keep it, compressed
                packed = zlib.compress(page.markdown.encode(), 1)
                later = lambda: zlib.decompress(packed).decode()  # noqa: E731
            read.clear()
            self._deferred[page.file.src_uri] = (later, config, files)
            page.markdown, page.content = "", ""

        page.read_source = read_source  # type: ignore[method-assign]
        page.render = render  # type: ignore[method-assign]

    def convert_deferred(self, page: Page, drop: bool = False) -> None:
        """Make the HTML of a page whose conversion :meth:`attach` deferred, if it was (or,
        with ``drop``, forget it: another process made it)."""
        waiting = self._deferred.pop(page.file.src_uri, None)
        if waiting is not None and not drop:
            later, config, files = waiting
            self.render(page, later(), config, files)

    def is_deferred(self, page: Page) -> bool:
        return page.file.src_uri in self._deferred

    def render(self, page: Page, text: str, config: MkDocsConfig, files: Files) -> None:
        """Set ``page.content``, ``toc``, title and anchors, as ``Page.render`` does."""
        stash: list[str] = []

        def set_aside(match: re.Match[str]) -> str:
            stash.append(match[2])
            return f"{match[1]}\x02{len(stash) - 1}\x03"

        attrs: list[list[tuple[str, str]]] = []

        def heading_attrs(match: re.Match[str]) -> str:
            attrs.append(_attributes(match[2]))
            return f"{match[1]}\x04{len(attrs) - 1}\x05"

        def block_attrs(match: re.Match[str]) -> str:
            attrs.append(_attributes(match[2]))
            return f"\x04{len(attrs) - 1}\x05"

        if "{:" in text:  # attr_list, as the site's extension would read it
            text = _BLOCK_ATTRS.sub(block_attrs, _HEADING_ATTRS.sub(heading_attrs, text))
        # Raw HTML passes (the templates' own: badges, marks); the rest is escaped text.
        converted = to_html(_RAW_BLOCK.sub(set_aside, text), _EXTENSIONS)
        if attrs:
            converted = _with_attributes(converted, attrs)
        # Python-Markdown leaves '"' in text as it is; attributes keep &quot;.
        if "&quot;" in converted:
            converted = _TEXT.sub(lambda m: m[0].replace("&quot;", '"'), converted)
        converted = _ALIGN.sub(r'<\1 style="text-align: \2;"', converted)
        links = _RelativePathTreeprocessor(page.file, files, config)

        def link(match: re.Match[str]) -> str:
            return f'<{match[1]}="{_attribute(self._resolve(page, links, files, match[2]))}"'

        converted = _LINK.sub(link, converted)
        tokens: list[dict[str, Any]] = []
        used: set[str] = set()
        counters: dict[str, int] = {}
        first_title = None

        def heading(match: re.Match[str]) -> str:
            nonlocal first_title
            toc = self._toc
            level = min(6, int(match[1]) + toc.base_level)
            given, inner = match[2] or "", match[3]
            name = strip_tags(inner)
            explicit = _ID.search(f" {given}") if given else None
            anchor = html.unescape(explicit[1]) if explicit else \
                unique(toc.slugify(html.unescape(name), toc.separator), used, counters)
            if first_title is None:
                first_title = html.unescape(name) if match.start() == 0 and level == 1 else ""
            if toc.top <= level <= toc.bottom:
                tokens.append({"level": level, "id": anchor, "name": name, "html": inner,
                               "data-toc-label": ""})
            if toc.permalink is not None:
                title = f' title="{_attribute(toc.permalink_title)}"' \
                    if toc.permalink_title else ""
                link = (f'<a class="{_attribute(toc.permalink_class)}" '
                        f'href="#{_attribute(anchor)}"{title}>{toc.permalink}</a>')
                # (MkDocs records the permalink as a link to this page's anchor, and finds
                # the anchor, as it always will: not recorded here, to save memory.)
                inner = link + inner if toc.permalink_leading else inner + link
            if explicit:
                return f"<h{level}{given}>{inner}</h{level}>"
            return f'<h{level}{given} id="{_attribute(anchor)}">{inner}</h{level}>'

        # Ids given with attr_list are taken first, as the toc extension takes them.
        used.update(html.unescape(m[1]) for m in _GIVEN_ID.finditer(converted))
        converted = _HEADING.sub(heading, converted)
        if stash:
            converted = _STASHED.sub(lambda m: stash[int(m[1])], converted)
        if self.content_hook is not None:
            converted = self.content_hook(converted, page)
        page.content = converted
        page.toc = get_toc(nest_toc_tokens(tokens))  # type: ignore[arg-type]
        page._title_from_render = first_title or None
        page.present_anchor_ids = {m[1] for m in _ID.finditer(converted)  # inside a tag
                                   if converted.rfind("<", 0, m.start()) >
                                   converted.rfind(">", 0, m.start())}
        if log.getEffectiveLevel() > logging.DEBUG:  # as Page.render does
            page.links_to_anchors = links.links_to_anchors


    def _resolve(self, page: Page, links: Any, files: Files, href: str) -> str:
        """A link's final address, as MkDocs' link resolution gives it; the links the
        templates write to other generated pages go the short way."""
        if _PLAIN_LINK.fullmatch(href):
            path, _, anchor = href.partition("#")
            target = files.get_file_from_path(posixpath.normpath(
                posixpath.join(posixpath.dirname(page.file.src_uri), path)))
            if target is not None and not target.inclusion.is_excluded():
                if anchor:
                    links.links_to_anchors.setdefault(target, {}).setdefault(anchor, href)
                url = get_relative_url(target.url, page.file.url)
                return f"{url}#{anchor}" if anchor else url
            uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
            if target is None and uri in self.known_urls:
                url = get_relative_url(self.known_urls[uri], page.file.url)
                return f"{url}#{anchor}" if anchor else url
        return str(links.path_to_url(html.unescape(href)))


def _attributes(text: str) -> list[tuple[str, str]]:
    """The attributes of an attr_list (``#id``, ``.class``, ``key="value"``), in order."""
    out: list[tuple[str, str]] = []
    for match in _ATTR.finditer(text):
        if match[1] == "#":
            out.append(("id", match[2]))
        elif match[1] == ".":
            out.append(("class", match[2]))
        else:
            out.append((match[3], match[4]))
    return out


def _with_attributes(converted: str, attrs: list[list[tuple[str, str]]]) -> str:
    """Move each attr_list (marked where its text ended) onto the element it ends: a
    heading, or the paragraph before it."""
    def mark_to_tag(out: str, start: int, end: int, given: list[tuple[str, str]]) -> str:
        tag = out.rfind("<", 0, start)
        while tag >= 0 and not re.match(r"<(h[1-6]|p)>", out[tag:tag + 4]):
            tag = out.rfind("<", 0, tag)
        if tag < 0:
            return out[:start] + out[end:]
        close = out.index(">", tag)
        written = "".join(f' {k}="{_attribute(v)}"' for k, v in given)
        return out[:tag] + out[tag:close] + written + out[close:start] + out[end:]

    for match in reversed(list(_ATTRS_MARK.finditer(converted))):
        converted = mark_to_tag(converted, match.start(), match.end(), attrs[int(match[1])])
    return converted


def _name(extension: Any) -> str:
    """An extension's usual name: ``toc`` for ``markdown.extensions.toc`` or its object."""
    if not isinstance(extension, str):
        extension = f"{type(extension).__module__}"
    return extension.removeprefix("markdown.extensions.")


def _attribute(value: str) -> str:
    """An attribute value escaped as Python-Markdown's serializer escapes it."""
    return markdown.serializers._escape_attrib_html(value)  # type: ignore[attr-defined]


def attach_kept(page: Page, meta: dict[str, Any], anchors: set[str],
                links: dict[str, dict[str, str]], files: Files) -> None:
    """Make ``page`` a page whose final HTML was kept by an earlier build: it reads only
    its front matter (the build's events see it as before) and renders nothing, but knows
    its anchors and its links to other pages' anchors, which MkDocs checks at the end."""
    def read_source(config: MkDocsConfig) -> None:
        page.markdown, page.meta = "", meta
        del page.read_source

    def render(config: MkDocsConfig, files_: Files) -> None:
        del page.render
        page.content = ""
        page.toc = get_toc([])
        page.present_anchor_ids = anchors
        if log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {file: targets for src_uri, targets in links.items()
                                     if (file := files.src_uris.get(src_uri))}

    page.read_source = read_source  # type: ignore[method-assign]
    page.render = render  # type: ignore[method-assign]
