"""CommonMark to HTML with GitHub's cmark-gfm (the ``cmarkgfm`` package), freeing what it uses.

cmarkgfm's own helpers (``markdown_to_html_with_extensions`` and the rest) never free the
parsed document or the rendered HTML: about 80 kB per page of 9 kB, which is hundreds of
megabytes over an archive of claims. This module makes the same calls into the same C
library, which exports everything needed, and frees both: the document with
``cmark_node_free`` and the HTML with the allocator that made it.

>>> to_html("Some *text* | here", ["table"])
'<p>Some <em>text</em> | here</p>\\n'
"""

from __future__ import annotations

import ctypes
import functools
import threading
from collections.abc import Sequence

from cmarkgfm import (
    _cmark,  # type: ignore[attr-defined]
    cmark,
)

#: Raw HTML in the Markdown stays HTML (callers that take text from people clean it after).
UNSAFE = int(cmark.Options.CMARK_OPT_UNSAFE)
_LOCK = threading.Lock()  # cmark's extension registry is shared by the whole process


class _Mem(ctypes.Structure):
    _fields_ = [("calloc", ctypes.c_void_p), ("realloc", ctypes.c_void_p),
                ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p))]


@functools.cache
def _library() -> ctypes.CDLL:
    lib = ctypes.CDLL(_cmark.__file__)
    void_p = ctypes.c_void_p
    for name, args, result in (
        ("cmark_gfm_core_extensions_ensure_registered", [], None),
        ("cmark_find_syntax_extension", [ctypes.c_char_p], void_p),
        ("cmark_parser_new", [ctypes.c_int], void_p),
        ("cmark_parser_attach_syntax_extension", [void_p, void_p], ctypes.c_int),
        ("cmark_parser_feed", [void_p, ctypes.c_char_p, ctypes.c_size_t], None),
        ("cmark_parser_finish", [void_p], void_p),
        ("cmark_parser_get_syntax_extensions", [void_p], void_p),
        ("cmark_render_html", [void_p, ctypes.c_int, void_p], void_p),
        ("cmark_node_free", [void_p], None),
        ("cmark_parser_free", [void_p], None),
        ("cmark_get_default_mem_allocator", [], ctypes.POINTER(_Mem)),
    ):
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result
    lib.cmark_gfm_core_extensions_ensure_registered()
    return lib


def to_html(text: str, extensions: Sequence[str] = (), options: int = UNSAFE) -> str:
    """``text`` (CommonMark) as HTML, with cmark-gfm's named ``extensions`` (``table``,
    ``strikethrough``, ``autolink``, ``tagfilter``, ``tasklist``)."""
    lib = _library()
    data = text.encode("utf-8")
    with _LOCK:
        parser = lib.cmark_parser_new(options)
        try:
            for name in extensions:
                extension = lib.cmark_find_syntax_extension(name.encode("ascii"))
                if not extension:
                    raise ValueError(f"cmark-gfm has no extension {name!r}")
                lib.cmark_parser_attach_syntax_extension(parser, extension)
            lib.cmark_parser_feed(parser, data, len(data))
            document = lib.cmark_parser_finish(parser)
            try:
                rendered = lib.cmark_render_html(
                    document, options, lib.cmark_parser_get_syntax_extensions(parser))
                try:
                    return ctypes.string_at(rendered).decode("utf-8")
                finally:
                    lib.cmark_get_default_mem_allocator().contents.free(rendered)
            finally:
                lib.cmark_node_free(document)
        finally:
            lib.cmark_parser_free(parser)
