"""Make text a person wrote safe to place in a Markdown page.

Claim text is data, never markup: :func:`md_text` escapes every character that Markdown
or HTML would act on, so ``<script>``, ``[x](javascript:...)`` or ``**`` come out as the
very characters that were typed. The one field that *is* Markdown, a claim's ``body``,
is rendered to HTML here and cleaned by `nh3` (the Ammonia sanitizer): raw HTML, event
handlers and ``javascript:``/``data:`` links do not survive.

>>> md_text("<b>1. *Not* bold</b> & [link](javascript:x)")
'&lt;b&gt;1\\\\. \\\\*Not\\\\* bold&lt;/b&gt; &amp; \\\\[link\\\\]\\\\(javascript:x\\\\)'
"""

from __future__ import annotations

import re
from urllib.parse import quote

import nh3

from .commonmark import UNSAFE, to_html

# Everything Python-Markdown (with the tables extension) lets a backslash escape; the
# rest of Markdown's triggers (<, >, &) become HTML entities. One table, one pass.
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_{}[]()#+-.!|"},
                          "&": "&amp;", "<": "&lt;", ">": "&gt;"})

_BODY_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "del", "s", "abbr",
}
_BODY_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"},
                    "td": {"align"}, "ol": {"start"}}
# GitHub Flavored Markdown (CommonMark with tables and strikethrough), as people write it:
# a list may follow a paragraph line directly. GitHub's own C library (cmarkgfm) converts
# a body in a twentieth of the time Python-Markdown takes, which matters at 10,000 claims.
# "Unsafe" only means raw HTML is passed on as HTML, so that nh3 removes it below, and
# its text stays; nothing reaches a page without nh3.
_MARKDOWN_OPTIONS = UNSAFE
_MARKDOWN_EXTENSIONS = ["table", "strikethrough"]
_CLEANER = nh3.Cleaner(tags=_BODY_TAGS, attributes=_BODY_ATTRIBUTES,
                       url_schemes={"http", "https", "mailto"},
                       link_rel="noopener noreferrer nofollow", strip_comments=True)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


def md_text(text: str) -> str:
    """Escape plain text so that Markdown shows it exactly as written."""
    return text.translate(_ESCAPES)


def link_target(url: str) -> str:
    """A validated http(s) address, made safe as a Markdown link destination."""
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def body_html(body: str) -> str:
    """Render a claim's Markdown body to clean HTML that can stand as one block in a page.

    Headings start at level 3 (the page's own sections are level 2). Line breaks inside
    ``<pre>`` become ``&#10;`` and blank lines go, so that the block stays one HTML block
    for any Markdown engine that reads the page.
    """
    rendered = to_html(body, _MARKDOWN_EXTENSIONS, _MARKDOWN_OPTIONS)
    rendered = _HEADING.sub(lambda m: f"<{m[1]}h{min(6, max(3, int(m[2]) + 1))}", rendered)
    clean = _CLEANER.clean(rendered)
    clean = _PRE.sub(lambda m: m[0].replace("\n", "&#10;"), clean)
    return "\n".join(line for line in clean.splitlines() if line.strip())
