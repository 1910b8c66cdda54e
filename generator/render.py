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
- ``articles/index.md`` (+ pages): every article, the newest first;
- ``corrections/index.md`` (+ pages): every correction, the newest first;
- ``assets/factcheck.css``: the verdict colours.

No page lists all claims: listings are cut into pages of ``settings.per_page``.

Each kind of page has its module: :mod:`~generator.claim_page`, :mod:`~generator.listings`
(and the corrections log), :mod:`~generator.article`, :mod:`~generator.stylesheet`; their
addresses are in :mod:`~generator.paths`. Hand-written pages hold *blocks*
(:mod:`~generator.blocks`), filled in by the plugin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .article import article_summaries, render_article, render_articles_index
from .claim_page import ClaimPage
from .history import ClaimHistory
from .listings import (
    ListingPage,
    listing_pages,
    name_pages,
    newest_first,
    render_corrections,
)
from .model import Claim, Seed, Settings
from .paths import CSS_PATH, article_path, claim_path, claimant_slug, href, tag_path
from .stylesheet import stylesheet
from .templating import MarkdownWords, auto, badge, front_matter, render_template

#: A generated page: its Markdown, or a page to be made when it is needed.
PageSource = str | ClaimPage | ListingPage


def render_site(claims: Sequence[Claim], seeds: Mapping[str, Seed], settings: Settings,
                cache: dict[str, Any] | None = None,
                history: Mapping[str, ClaimHistory] | None = None) -> dict[str, str]:
    """Every generated page of the site, as ``{path: Markdown}`` (plus the stylesheet).

    ``cache``, a dict kept by the caller between calls (the preview), keeps each claim's
    page by its :meth:`~generator.claim_page.ClaimPage.key`, and gives it back while
    everything it is made from is the same. ``history`` holds each claim's history from
    git (:mod:`generator.history`), if known.
    """
    pages: dict[str, str] = {}
    kept: dict[str, tuple[str, str]] = {}
    for path, source in site_pages(claims, seeds, settings, history).items():
        if isinstance(source, str):
            pages[path] = source
        elif cache is None:
            pages[path] = source.markdown()
        else:
            key = source.key()
            old = cache.get(path)
            pages[path] = old[1] if old is not None and old[0] == key else source.markdown()
            kept[path] = (key, pages[path])
    if cache is not None:
        cache.clear()
        cache.update(kept)
    return pages


def site_pages(claims: Sequence[Claim], seeds: Mapping[str, Seed], settings: Settings,
               history: Mapping[str, ClaimHistory] | None = None) -> dict[str, PageSource]:
    """Every generated page, as :func:`render_site` gives them, but claim pages not made
    yet: each is a :class:`~generator.claim_page.ClaimPage` that makes it when asked."""
    return dict(each_site_page(claims, seeds, settings, history))


def each_site_page(claims: Sequence[Claim], seeds: Mapping[str, Seed], settings: Settings,
                   history: Mapping[str, ClaimHistory] | None = None
                   ) -> Iterator[tuple[str, PageSource]]:
    """:func:`site_pages` one at a time, so that a caller may keep each as it likes."""
    history = history or {}
    newest = newest_first(claims)
    by_id = {c.id: c for c in newest}
    yield CSS_PATH, stylesheet(settings.ratings)
    for claim in newest:
        yield claim_path(claim.id), ClaimPage.of(claim, seeds.get(claim.seed or ""), by_id,
                                                 settings, history.get(claim.id))

    words = settings.words
    markdown = MarkdownWords(words)
    yield from listing_pages("claims/index.md", words.gettext("All claims"), newest, settings,
                             intro=words.gettext("Every checked claim, the newest first.")
                             ).items()

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
        yield from listing_pages(first, words.gettext("Claims rated %(verdict)s",
                                                      verdict=rating.label),
                                 by_verdict[rating.key], settings,
                                 intro=rating.description).items()
    title = words.gettext("Verdicts")
    yield "verdicts/index.md", render_template(
        "verdicts.md.j2", words, front_matter=front_matter(
            title=title,
            description=words.gettext("The rating scale, and the claims rated on it.")),
        title=title, rows=rows)

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
        yield from listing_pages(
            first, words.gettext("Claims by %(name)s", name=name), said, settings,
            heading=markdown.gettext("Claims by %(name)s", name=auto(name)), scorecard=scorecard,
            intro=words.ngettext("%(num)s checked claim.", "%(num)s checked claims.",
                                 len(said))).items()
    yield from name_pages("claimants/index.md", words.gettext("Claimants"), names,
                          words.gettext("Everyone whose claims we have checked."),
                          settings).items()

    tags = []
    for tag, tagged in sorted(by_tag.items()):
        tags.append({"name": tag, "path": tag_path(tag), "count": len(tagged)})
        yield from listing_pages(
            tag_path(tag), words.gettext("Claims tagged %(tag)s", tag=tag), tagged, settings,
            heading=markdown.gettext("Claims tagged %(tag)s", tag=auto(tag))).items()
    yield from name_pages("tags/index.md", words.gettext("Tags"), tags,
                          words.gettext("Claims by topic."), settings).items()

    quoted: dict[str, list[Claim]] = defaultdict(list)
    for claim in newest:
        if claim.seed in seeds and claim.quote_span:
            quoted[claim.seed].append(claim)
    for seed_id, seed in sorted(seeds.items()):
        yield article_path(seed_id), render_article(seed, quoted[seed_id], settings)
    yield from render_articles_index(article_summaries(seeds, newest, settings),
                                     settings).items()
    yield from render_corrections(newest, settings, history).items()
