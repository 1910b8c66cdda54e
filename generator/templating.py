"""The Jinja environment every generated page is written with, and its shared pieces.

Every value a person wrote reaches a page through the templates' finaliser, which escapes
it as Markdown text (:func:`generator.sanitize.md_text`); only values wrapped in
:class:`~markupsafe.Markup`, built from escaped parts, pass unchanged.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from .model import Rating
from .sanitize import link_target, md_text

try:  # libyaml's emitter is several times faster than the pure-Python one
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def day(value: dt.date) -> str:
    """A date as readers write it: ``1 February 2017``."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return md_text(str(value))


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=False,  # the finaliser escapes for Markdown, which HTML escaping would not
    finalize=_finalize,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,  # the templates ship with the package: no need to stat them per page
)
_env.filters["day"] = day
_env.filters["link"] = lambda url: Markup(link_target(url))
_env.filters["oneline"] = lambda text: " ".join(str(text).split())  # for list items, cells


def render_template(template: str, **context: Any) -> str:
    """The Markdown of ``template`` (in ``generator/templates/``) filled in with ``context``."""
    text = _env.get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


def front_matter(**meta: Any) -> Markup:
    """YAML front matter; YAML quoting keeps any text a plain string.

    ``title`` and ``description`` are escaped for HTML: themes print them unescaped into
    ``<title>``, ``<meta content="...">`` and the header (Material does), so a claim's
    ``</title>`` or ``"`` must arrive there as text.

    >>> print(front_matter(title='</title><b a="1">', description="x"))
    ---
    title: '&lt;/title&gt;&lt;b a=&quot;1&quot;&gt;'
    description: x
    ---
    <BLANKLINE>
    """
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)
    dumped = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                       width=10_000)
    return Markup(f"---\n{dumped}---\n")


@functools.lru_cache(maxsize=256)
def badge(rating: Rating, size: str = "") -> Markup:
    """The verdict as an icon and a word, coloured by the stylesheet.

    Cached: a listing shows the same few badges hundreds of times.
    """
    svg = Markup(rating.svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
    extra = f" fc-verdict--{size}" if size else ""
    return Markup('<span class="fc-verdict fc-verdict--{}{}">{}<span>{}</span></span>').format(
        rating.key, extra, svg, rating.label)
