"""The Jinja environment every generated page is written with, and its shared pieces.

Every value a person wrote reaches a page through the templates' finaliser, which escapes
it as Markdown text (:func:`generator.sanitize.md_text`); only values wrapped in
:class:`~markupsafe.Markup`, built from escaped parts, pass unchanged.

Claim text may be in another script and direction than the page: templates show it
with :func:`auto` (``{{ name | auto }}``, a ``<span dir="auto">``) inside a line of ours,
and put ``{: dir="auto" }`` (the ``attr_list`` extension, which the plugin turns on)
under a heading or paragraph that holds claim text alone.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from .i18n import PLACEHOLDER, Words
from .model import Rating, Settings
from .sanitize import link_target, md_text

try:  # libyaml's emitter is several times faster than the pure-Python one
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return md_text(str(value))


def _escaped(text: str, values: dict[str, Any]) -> Markup:
    """A message of the catalog as Markdown text: its words and the values put in escaped."""
    pieces = PLACEHOLDER.split(text)  # words, name, words, name, ..., words
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            out.append(md_text(piece))
        elif piece in values:
            value = values[piece]
            out.append(value if isinstance(value, Markup) else md_text(str(value)))
        else:
            out.append(md_text(f"%({piece})s"))
    return Markup("".join(out))


def _as_markdown(value: Any) -> Markup:
    return value if isinstance(value, Markup) else Markup(md_text(str(value)))


def auto(value: Any, language: str = "") -> Markup:
    """Claim text in a line of ours, shown in its own direction (``dir="auto"``): an
    Arabic name in an English sentence keeps its punctuation and numbers in place. Text
    known to be in another language than the page's says which (``lang``).

    >>> auto("Jo *Lee*")
    Markup('<span dir="auto">Jo \\\\*Lee\\\\*</span>')
    >>> auto("Budget", "en")
    Markup('<span dir="auto" lang="en">Budget</span>')
    """
    if language:
        return Markup('<span dir="auto" lang="{}">').format(language) + _as_markdown(value) + \
            Markup("</span>")
    return Markup('<span dir="auto">') + _as_markdown(value) + Markup("</span>")


def strong(value: Any) -> Markup:
    """Text in bold."""
    return Markup("**") + _as_markdown(value) + Markup("**")


def link(text: Any, target: str) -> Markup:
    """A Markdown link: ``text`` (escaped unless it is markup) to a page or address."""
    return Markup("[") + _as_markdown(text) + Markup("](") + Markup(target) + Markup(")")


@dataclass(frozen=True)
class MarkdownWords:
    """A language's messages as Markdown: the catalog's words and the values put into
    them escaped (values that are :class:`~markupsafe.Markup` pass unchanged). Templates
    call these as ``_()`` and ``ngettext()``; Python code that builds a piece of a page
    uses them directly.
    """

    words: Words

    def gettext(self, text: str, **values: Any) -> Markup:
        return _escaped(self.words.translations.gettext(text), values)

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> Markup:
        return _escaped(self.words.translations.ngettext(singular, plural, n),
                        {"num": self.words.number(n), **values})


@functools.cache
def environment(words: Words) -> jinja2.Environment:
    """The Jinja environment of one language: its ``_``, ``ngettext`` and ``day``."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,  # the finaliser escapes for Markdown, which HTML escaping would not
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates ship with the package: no need to stat them
    )

    markdown = MarkdownWords(words)
    env.globals.update(_=markdown.gettext, gettext=markdown.gettext,
                       ngettext=markdown.ngettext, link=link,
                       cat=lambda *parts: Markup("").join(_as_markdown(p) for p in parts))
    env.filters["day"] = words.date
    env.filters["number"] = words.number
    env.filters["auto"] = auto
    env.filters["strong"] = strong
    env.filters["link"] = lambda url: Markup(link_target(url))
    env.filters["oneline"] = lambda text: " ".join(str(text).split())  # for list items, cells
    env.filters["fenced"] = fenced
    return env


def fenced(lines: Any) -> Markup:
    """Lines of plain text as a fenced code block, shown exactly as they are.

    The fence is longer than any run of backticks in the text, which cannot end it.

    >>> print(fenced(["a ``` b"]))
    ````text
    a ``` b
    ````
    """
    text = "\n".join(str(line) for line in lines)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}text\n{text}\n{fence}")


def render_template(template: str, words: Words, **context: Any) -> str:
    """The Markdown of ``template`` (in ``generator/templates/``) in the language of ``words``.

    Templates write their words as ``{{ _("All claims") }}`` and
    ``{{ ngettext("%(num)s claim", "%(num)s claims", n) }}``: the catalog's words, with the
    values put in escaped like any other value.
    """
    text = environment(words).get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"


def front_matter_values(**meta: Any) -> dict[str, Any]:
    """The values of a page's front matter, as MkDocs reads them back from it.

    ``title`` and ``description`` are escaped for HTML: themes print them unescaped into
    ``<title>``, ``<meta content="...">`` and the header (Material does), so a claim's
    ``</title>`` or ``"`` must arrive there as text.

    >>> front_matter_values(title="Q&A", factcheck={"claim": "x"})
    {'title': 'Q&amp;A', 'factcheck': {'claim': 'x'}}
    """
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = html.escape(meta[key], quote=True)
    return meta


def front_matter(**meta: Any) -> Markup:
    """YAML front matter of :func:`front_matter_values`; YAML quoting keeps any text a
    plain string.

    >>> print(front_matter(title='</title><b a="1">', description="x"))
    ---
    title: '&lt;/title&gt;&lt;b a=&quot;1&quot;&gt;'
    description: x
    ---
    <BLANKLINE>
    """
    dumped = yaml.dump(front_matter_values(**meta), Dumper=_Dumper, allow_unicode=True,
                       sort_keys=False, width=10_000)
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


def verdict_badge(key: str, settings: Settings) -> Markup:
    """The badge of the verdict ``key``, or the key as text if the scale no longer has it."""
    rating = settings.rating(key)
    return badge(rating) if rating else auto(key)
