"""Turn validated claims and seeds into pages: a pure mapping of path to Markdown.

:func:`render_site` does no I/O and reads no clock: the same claims and settings always
give the same pages, byte for byte (the golden tests rely on it). Every value a person
wrote reaches a page through the templates' finaliser, which escapes it as Markdown text
(:func:`generator.sanitize.md_text`); only values wrapped in :class:`~markupsafe.Markup`
here, built from escaped parts, pass unchanged.

Pages (paths relative to the docs folder):

- ``claims/<id>.md``: one per claim;
- ``claims/index.md`` (newest first) and ``claims/page/<n>.md``;
- ``verdicts/index.md`` (the scale) and ``verdicts/<key>.md`` (+ ``/page/<n>.md``);
- ``claimants/index.md`` and ``claimants/<slug>.md`` with a scorecard (+ pages);
- ``tags/index.md`` and ``tags/<tag>.md`` (+ pages);
- ``articles/<seed>.md``: a seed with every checked quote highlighted;
- ``corrections/index.md`` (+ pages): every correction, the newest first;
- ``assets/factcheck.css``: the verdict colours.

No page lists all claims: listings are cut into pages of ``settings.per_page``.

Hand-written pages can hold *blocks*, filled in by :func:`render_block`: a line
``<!-- factcheck: latest 5 -->`` becomes the five newest checks (see :data:`BLOCKS`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from .model import Claim, Rating, Seed, Settings
from .problems import Problem
from .sanitize import body_html, link_target, md_text
from .schema import slugify

try:  # libyaml's emitter is several times faster than the pure-Python one
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
#: How many names a page of the claimant or tag index holds.
NAMES_PER_PAGE = 200
CSS_PATH = "assets/factcheck.css"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


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


def _render(template: str, **context: Any) -> str:
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


def href(from_page: str, to_page: str) -> Markup:
    """A relative link between two pages, as MkDocs resolves links between source files.

    Pages are plain relative paths (no ``.`` or ``..`` parts), so this is string work
    only, unlike :func:`posixpath.relpath`, which asks the file system for the working
    directory on every call.

    >>> href("claims/a.md", "claimants/b.md"), href("claims/a.md", "claims/c.md")
    (Markup('../claimants/b.md'), Markup('c.md'))
    >>> href("claims/page/2.md", "claims/page/3.md"), href("index.md", "tags/x.md")
    (Markup('3.md'), Markup('tags/x.md'))
    """
    start = from_page.split("/")[:-1]
    target = to_page.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return Markup("/".join([".."] * (len(start) - common) + target[common:]))


def claimant_slug(name: str) -> str:
    """The address of a claimant's page; never empty, never a reserved name."""
    slug = slugify(name)
    if not slug:
        slug = "claimant-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return slug + "-claimant" if slug in ("index", "page") else slug


def claim_path(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def tag_path(tag: str) -> str:
    return f"tags/{tag}.md" if tag not in ("index", "page") else f"tags/{tag}-tag.md"


def article_path(seed_id: str) -> str:
    return f"articles/{seed_id}.md"


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    newer: Markup | None
    older: Markup | None


def page_path(first: str, number: int) -> str:
    """The path of page ``number`` of a listing whose first page is ``first``."""
    if number == 1:
        return first
    folder = first[: -len("/index.md")] if first.endswith("/index.md") else first[:-3]
    return f"{folder}/page/{number}.md"


def _pages(first: str, items: Sequence[Any], per_page: int
           ) -> Iterable[tuple[str, Sequence[Any], Pager]]:
    total = max(1, -(-len(items) // per_page))
    for number in range(1, total + 1):
        path = page_path(first, number)
        newer = href(path, page_path(first, number - 1)) if number > 1 else None
        older = href(path, page_path(first, number + 1)) if number < total else None
        yield path, items[(number - 1) * per_page: number * per_page], \
            Pager(number, total, newer, older)


def newest_first(claims: Iterable[Claim]) -> list[Claim]:
    """Claims in the order listings show them: the latest published first."""
    return sorted(claims, key=lambda c: (c.published, c.claim_date or c.published, c.id),
                  reverse=True)


def render_site(claims: Sequence[Claim], seeds: Mapping[str, Seed], settings: Settings,
                cache: dict[str, Any] | None = None) -> dict[str, str]:
    """Every generated page of the site, as ``{path: Markdown}`` (plus the stylesheet).

    ``cache``, a dict kept by the caller between calls (the preview), keeps each claim's
    page with everything it was made from, and gives it back while those are the same.
    """
    newest = newest_first(claims)
    by_id = {c.id: c for c in newest}
    pages: dict[str, str] = {CSS_PATH: stylesheet(settings.ratings)}

    kept: dict[str, tuple[Any, str]] = {}
    for claim in newest:
        seed = seeds.get(claim.seed or "")
        if cache is None:
            pages[claim_path(claim.id)] = render_claim(claim, seed, by_id, settings)
            continue
        made_from = (claim, seed, tuple(by_id.get(r) for r in claim.related), settings)
        old = cache.get(claim.id)
        page = old[1] if old is not None and old[0] == made_from else \
            render_claim(claim, seed, by_id, settings)
        pages[claim_path(claim.id)] = page
        kept[claim.id] = (made_from, page)
    if cache is not None:
        cache.clear()
        cache.update(kept)

    pages.update(_listing("claims/index.md", "All claims", newest, settings,
                          intro="Every checked claim, the newest first."))

    by_verdict: dict[str, list[Claim]] = defaultdict(list)
    by_claimant: dict[str, list[Claim]] = defaultdict(list)
    by_tag: dict[str, list[Claim]] = defaultdict(list)
    for claim in newest:
        by_verdict[claim.verdict.key].append(claim)
        by_claimant[claimant_slug(claim.claimant)].append(claim)
        for tag in claim.tags:
            by_tag[tag].append(claim)

    rows = []
    for rating in settings.ratings:
        first = f"verdicts/{rating.key}.md"
        rows.append({"rating": rating, "badge": badge(rating, "large"),
                     "count": len(by_verdict[rating.key]),
                     "href": href("verdicts/index.md", first)})
        pages.update(_listing(first, f"Claims rated {rating.label}", by_verdict[rating.key],
                              settings, intro=rating.description))
    pages["verdicts/index.md"] = _render(
        "verdicts.md.j2", front_matter=front_matter(
            title="Verdicts", description="The rating scale, and the claims rated on it."),
        title="Verdicts", rows=rows)

    names = []
    for slug, said in sorted(by_claimant.items(), key=lambda kv: kv[1][0].claimant.lower()):
        name = said[0].claimant
        first = f"claimants/{slug}.md"
        names.append({"name": name, "path": first, "count": len(said)})
        counts = defaultdict(int)
        for claim in said:
            counts[claim.verdict.key] += 1
        scorecard = [{"badge": badge(r), "count": counts[r.key]}
                     for r in settings.ratings if counts[r.key]]
        pages.update(_listing(first, f"Claims by {name}", said, settings, scorecard=scorecard,
                              intro=f"{len(said)} checked claim{'s' if len(said) != 1 else ''}."))
    pages.update(_names("claimants/index.md", "Claimants", names,
                        "Everyone whose claims we have checked."))

    tags = []
    for tag, tagged in sorted(by_tag.items()):
        tags.append({"name": tag, "path": tag_path(tag), "count": len(tagged)})
        pages.update(_listing(tag_path(tag), f"Claims tagged {tag}", tagged, settings))
    pages.update(_names("tags/index.md", "Tags", tags, "Claims by topic."))

    quoted: dict[str, list[Claim]] = defaultdict(list)
    for claim in newest:
        if claim.seed in seeds and claim.quote_span:
            quoted[claim.seed].append(claim)
    for seed_id, seed in sorted(seeds.items()):
        pages[article_path(seed_id)] = render_article(seed, quoted[seed_id], settings)
    pages.update(render_corrections(newest, settings))
    return pages


CORRECTIONS_PATH = "corrections/index.md"


def render_corrections(claims: Iterable[Claim], settings: Settings) -> dict[str, str]:
    """The corrections log: every correction of every claim, the newest first."""
    made = sorted(((correction, claim) for claim in claims
                   for correction in claim.corrections),
                  key=lambda cc: (cc[0].date, cc[1].published, cc[1].id), reverse=True)
    out = {}
    title = "Corrections log"
    for path, chunk, pager in _pages(CORRECTIONS_PATH, made, settings.per_page):
        meta = _listing_meta(title, pager)
        items = [{"correction": correction, "claim": claim, "badge": badge(claim.verdict),
                  "href": href(path, claim_path(claim.id))} for correction, claim in chunk]
        out[path] = _render("corrections.md.j2", front_matter=front_matter(**meta),
                            title=meta["title"], items=items, pager=pager)
    return out


#: The blocks a hand-written page can ask for, with what each shows.
BLOCKS: dict[str, str] = {
    "latest": "the newest checks (give a number: `latest 5`; the default is 5)",
    "verdict-chart": "a chart of how many claims got each verdict, with the figures as a table",
    "rating-scale": "the rating scale: each verdict, its icon and what it means",
}


class BlockError(ValueError):
    """A block a page asks for does not exist or was given a wrong argument."""


#: A block in a hand-written page: a line of its own, ``<!-- factcheck: latest 5 -->``.
BLOCK = re.compile(r"^<!--[ \t]*factcheck:[ \t]*([\w-]*)[ \t]*(.*?)[ \t]*-->[ \t]*$",
                   re.MULTILINE)


def block_problems(shown: str, text: str, settings: Settings) -> list[Problem]:
    """Problems with the blocks that the page ``text`` (shown as ``shown``) asks for."""
    problems = []
    for match in BLOCK.finditer(text):
        try:
            render_block(match[1], match[2], "index.md", [], settings)
        except BlockError as error:
            problems.append(Problem(shown, text.count("\n", 0, match.start()) + 1,
                                    "factcheck block", str(error)))
    return problems


def render_block(name: str, argument: str, page: str, newest: Sequence[Claim],
                 settings: Settings) -> str:
    """The Markdown of block ``name`` for the hand-written page at ``page``.

    ``newest`` holds the published claims, newest first (:func:`newest_first`).

    >>> try:
    ...     render_block("latests", "", "index.md", [], Settings(ratings=()))
    ... except BlockError as error:
    ...     print(error)
    there is no block "latests"; did you mean "latest"? use one of: latest, verdict-chart, \
rating-scale
    """
    if name not in BLOCKS:
        close = difflib.get_close_matches(name, BLOCKS, n=1)
        hint = f'did you mean "{close[0]}"? ' if close else ""
        raise BlockError(f'there is no block "{name}"; {hint}use one of: {", ".join(BLOCKS)}')
    if name == "latest":
        count = 5
        if argument:
            if not argument.isdigit() or not 0 < int(argument) <= 100:
                raise BlockError(f'"latest" takes a number from 1 to 100, not "{argument}"')
            count = int(argument)
        items = [{"claim": c, "badge": badge(c.verdict), "href": href(page, claim_path(c.id))}
                 for c in newest[:count]]
        return _render("latest.md.j2", items=items, all_href=href(page, "claims/index.md"),
                       more=len(newest) > count)
    if argument:
        raise BlockError(f'"{name}" takes no argument; remove "{argument}"')
    if name == "verdict-chart":
        counts: dict[str, int] = defaultdict(int)
        for claim in newest:
            counts[claim.verdict.key] += 1
        rows = [{"rating": r, "badge": badge(r), "count": counts[r.key],
                 "href": href(page, f"verdicts/{r.key}.md")} for r in settings.ratings]
        return _render("chart.md.j2", chart=verdict_chart(rows, len(newest)), rows=rows)
    if name == "rating-scale":
        rows = [{"rating": r, "badge": badge(r), "href": href(page, f"verdicts/{r.key}.md")}
                for r in settings.ratings]
        return _render("scale.md.j2", rows=rows)
    raise AssertionError(f"block {name} has no renderer")  # pragma: no cover


def verdict_chart(rows: Sequence[Mapping[str, Any]], total: int) -> Markup:
    """A horizontal bar chart of claims per verdict as inline SVG, described for screen readers.

    All text in it comes from the rating scale and counts, escaped for XML.
    """
    row_height, label_width, bar_width, width = 30, 150, 400, 620
    most = max((row["count"] for row in rows), default=0) or 1
    height = row_height * len(rows) + 10
    figures = "; ".join(f'{row["rating"].label}: {row["count"]}' for row in rows)
    parts = [
        f'<svg class="fc-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="fc-chart-title fc-chart-desc">',
        f'<title id="fc-chart-title">Verdicts of our {total} checked '
        f'claim{"s" if total != 1 else ""}</title>',
        f'<desc id="fc-chart-desc">{html.escape(figures)}.</desc>',
    ]
    for i, row in enumerate(rows):
        y = 5 + i * row_height
        length = round(bar_width * row["count"] / most)
        rating = row["rating"]
        parts.append(
            f'<text x="{label_width - 10}" y="{y + 20}" text-anchor="end" '
            f'fill="currentColor">{html.escape(rating.label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row_height - 8}" '
            f'rx="3" fill="{html.escape(rating.color)}"/>'
            f'<text x="{label_width + length + 8}" y="{y + 20}" '
            f'fill="currentColor">{row["count"]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _listing_meta(title: str, pager: Pager) -> dict[str, Any]:
    """Front matter of one page of a listing: later pages say their number, and are left
    out of search (page 1 is enough for search to find the listing)."""
    if pager.number == 1:
        return {"title": title}
    return {"title": f"{title} (page {pager.number})", "search": {"exclude": True}}


def _listing(first: str, title: str, claims: Sequence[Claim], settings: Settings,
             intro: str = "", scorecard: Sequence[Mapping[str, Any]] = ()) -> dict[str, str]:
    out = {}
    for path, chunk, pager in _pages(first, claims, settings.per_page):
        items = [{"claim": c, "badge": badge(c.verdict), "href": href(path, claim_path(c.id))}
                 for c in chunk]
        meta = _listing_meta(title, pager)
        out[path] = _render("listing.md.j2", front_matter=front_matter(**meta),
                            title=meta["title"], intro=intro, items=items, pager=pager,
                            scorecard=scorecard if pager.number == 1 else ())
    return out


def _names(first: str, title: str, names: Sequence[Mapping[str, Any]],
           intro: str) -> dict[str, str]:
    out = {}
    for path, chunk, pager in _pages(first, names, NAMES_PER_PAGE):
        links = [{**n, "href": href(path, n["path"])} for n in chunk]
        shown = title if pager.number == 1 else f"{title} (page {pager.number})"
        out[path] = _render("links.md.j2", front_matter=front_matter(title=shown),
                            title=shown, intro=intro, links=links, pager=pager)
    return out


def _squash(text: str) -> str:
    """Collapse runs of white space to one space, keeping one at either end if any."""
    return re.sub(r"\s+", " ", text)


def _paragraph_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after ``text[start:end]`` within its paragraph(s)."""
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    first = max((b_end for b_start, b_end in breaks if b_end <= start), default=0)
    last = min((b_start for b_start, _ in breaks if b_start >= end), default=len(text))
    return _squash(text[first:start]).lstrip(), _squash(text[end:last]).rstrip()


def render_claim(claim: Claim, seed: Seed | None, by_id: Mapping[str, Claim],
                 settings: Settings) -> str:
    """The Markdown page of one claim."""
    path = claim_path(claim.id)
    quote = None
    if seed is not None and claim.quote_span:
        start, end = claim.quote_span
        before, after = _paragraph_around(seed.text, start, end)
        quote = {"before": before, "text": _squash(seed.text[start:end]), "after": after}
    related = [{"claim": by_id[r], "badge": badge(by_id[r].verdict),
                "href": href(path, claim_path(r))}
               for r in claim.related if r in by_id]
    description = f"{claim.verdict.label}: {claim.summary}"
    return _render(
        "claim.md.j2",
        front_matter=front_matter(title=claim.claim, description=description,
                                  factcheck={"claim": claim.id, "verdict": claim.verdict.key}),
        claim=claim, badge=badge(claim.verdict, "large"), seed=seed, quote=quote,
        body=Markup(body_html(claim.body)),
        claimant_href=href(path, f"claimants/{claimant_slug(claim.claimant)}.md"),
        article_href=Markup(href(path, article_path(claim.seed or "")) + f"#q-{claim.id}"),
        related=related,
        tags=[{"name": t, "href": href(path, tag_path(t))} for t in claim.tags],
        edit_href=f"{settings.edit_url}{claim.path}" if settings.edit_url else None,
    )


def render_article(seed: Seed, claims: Sequence[Claim], settings: Settings) -> str:
    """A seed document with each checked quote highlighted and linked to its claim."""
    path = article_path(seed.id)
    spans = sorted(((c.quote_span, c) for c in claims if c.quote_span),
                   key=lambda s: (s[0], s[1].id))
    breaks = list(_PARAGRAPH_BREAK.finditer(seed.text))
    starts = [0, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), len(seed.text)]
    paragraphs: list[Markup] = []
    next_span = 0
    for p_start, p_end in zip(starts, ends, strict=True):
        position = p_start
        pieces: list[str] = []
        extra: list[Markup] = []
        while next_span < len(spans) and spans[next_span][0][0] < p_end:
            (start, end), claim = spans[next_span]
            next_span += 1
            link = href(path, claim_path(claim.id))
            if start < position or end > p_end:  # overlaps another quote, or spans paragraphs
                extra.append(Markup('<span id="q-{}"></span>').format(claim.id)
                             + Markup(f" {badge(claim.verdict)} [")
                             + Markup(md_text(claim.claim)) + Markup(f"]({link})"))
                continue
            pieces.append(md_text(seed.text[position:start]))
            pieces.append(Markup('<mark class="fc-quote fc-quote--{}" id="q-{}">').format(
                claim.verdict.key, claim.id) + "[" + Markup(md_text(seed.text[start:end])) +
                Markup(f"]({link})</mark> {badge(claim.verdict)}"))
            position = end
        pieces.append(md_text(seed.text[position:p_end]))
        text = " ".join("".join(pieces).split())
        if text:
            paragraphs.append(Markup(text))
        if extra:
            paragraphs.append(Markup("Also checked in this passage: ") +
                              Markup(" · ").join(extra))
    legend = [badge(r) for r in settings.ratings]
    return _render(
        "article.md.j2",
        front_matter=front_matter(title=seed.title,
                                  description=f"{seed.title} ({seed.publisher}), annotated "
                                              "with our fact-checks."),
        seed=seed, legend=legend, paragraphs=paragraphs)


def stylesheet(ratings: Sequence[Rating]) -> str:
    """CSS for the verdict badges and highlights, with one colour per rating."""
    colours = "\n".join(f".fc-verdict--{r.key}, .fc-quote--{r.key} {{ --fc-color: {r.color}; }}"
                        for r in ratings)
    return f"""/* Generated by factcheck from the rating scale: edits here are overwritten. */
.fc-verdict {{
  display: inline-flex; align-items: center; gap: .3em; padding: .1em .6em;
  border-radius: 1em; background: var(--fc-color, #57606a); color: #fff;
  font-weight: 700; font-size: .85em; line-height: 1.6; white-space: nowrap;
  vertical-align: baseline;
}}
.fc-verdict svg {{ width: 1.15em; height: 1.15em; fill: currentColor; flex: none; }}
.fc-verdict--large {{ font-size: 1.05em; padding: .25em .8em; }}
/* Material's defaults made to pass WCAG 2 AA: a link in running text is underlined, not
   told apart by colour alone, and the footer's small print has enough contrast. */
.md-typeset :is(p, li, td, blockquote) a:not(.headerlink) {{ text-decoration: underline; }}
.md-copyright {{ color: var(--md-footer-fg-color--light); }}
mark.fc-quote {{
  background: color-mix(in srgb, var(--fc-color) 12%, transparent); color: inherit;
  border-bottom: .15em solid var(--fc-color); padding: 0 .1em;
}}
/* A quote inside a blockquote: Material greys blockquote text, too light on a tint. */
blockquote mark.fc-quote {{ color: var(--md-typeset-color); }}
mark.fc-quote a {{ color: inherit; }}
.fc-pager {{ margin-top: 2em; }}
.fc-chart {{ max-width: 100%; height: auto; font: inherit; font-size: 15px; }}
.fc-figure {{ margin: 1em 0; }}
{colours}
"""
