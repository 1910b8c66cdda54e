"""The annotated articles: each seed document with every checked quote highlighted and
linked, and the index of the articles, the newest first (also the home page's block)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .i18n import words as words_of
from .listings import listing_meta, paginate
from .model import Claim, Rating, Seed, Settings
from .paths import ARTICLES_PATH, article_path, claim_path, href
from .sanitize import md_text
from .templating import MarkdownWords, auto, badge, front_matter, render_template
from .templating import link as to_page

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def squash(text: str) -> str:
    """Collapse runs of white space to one space, keeping one at either end if any."""
    return re.sub(r"\s+", " ", text)


def paragraph_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after ``text[start:end]`` within its paragraph(s)."""
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    first = max((b_end for b_start, b_end in breaks if b_end <= start), default=0)
    last = min((b_start for b_start, _ in breaks if b_start >= end), default=len(text))
    return squash(text[first:start]).lstrip(), squash(text[end:last]).rstrip()


def render_article(seed: Seed, claims: Sequence[Claim], settings: Settings) -> str:
    """A seed document with each checked quote highlighted and linked to its claim."""
    path = article_path(seed.id)
    words = settings.words
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
                extra.append(Markup('<span id="q-{}"></span> ').format(claim.id)
                             + badge(claim.verdict) + Markup(" ")
                             + to_page(auto(claim.claim), link))
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
            paragraphs.append(MarkdownWords(words).gettext(
                "Also checked in this passage: %(claims)s", claims=Markup(" · ").join(extra)))
    legend = [badge(r) for r in settings.ratings]
    return render_template(
        "article.md.j2", settings.words,
        front_matter=front_matter(title=seed.title, description=words.gettext(
            "%(title)s (%(publisher)s), annotated with our fact-checks.",
            title=seed.title, publisher=seed.publisher)),
        seed=seed, legend=legend, paragraphs=paragraphs,
        # In an edition in another language, the article is still in the site's own.
        text_language=words_of(settings.original_language).code
        if settings.original_language else "")


@dataclass(frozen=True)
class ArticleSummary:
    """One line of the articles index: an article and what was checked in it."""

    seed: Seed
    passages: int
    """How many of its passages were checked: one per claim that quotes it."""
    verdicts: tuple[tuple[Rating, int], ...]
    """How many of those got each verdict, in the order of the rating scale."""


def article_summaries(seeds: Mapping[str, Seed], claims: Iterable[Claim],
                      settings: Settings) -> list[ArticleSummary]:
    """Every article with its checked passages and verdict mix, the newest first."""
    counts: dict[str, Counter[str]] = {seed_id: Counter() for seed_id in seeds}
    for claim in claims:
        if claim.seed in counts and claim.quote_span:
            counts[claim.seed][claim.verdict.key] += 1
    summaries = [ArticleSummary(seed, sum(counts[seed.id].values()),
                                tuple((r, counts[seed.id][r.key]) for r in settings.ratings
                                      if counts[seed.id][r.key]))
                 for seed in seeds.values()]
    return sorted(summaries, key=lambda a: (a.seed.date, a.seed.id), reverse=True)


def article_items(page: str, summaries: Iterable[ArticleSummary]) -> list[dict[str, Any]]:
    """What the templates show of each article, with links from ``page``."""
    return [{"seed": a.seed, "href": href(page, article_path(a.seed.id)),
             "passages": a.passages,
             "verdicts": [{"badge": badge(rating), "count": count}
                          for rating, count in a.verdicts]}
            for a in summaries]


def render_articles_index(summaries: Sequence[ArticleSummary],
                          settings: Settings) -> dict[str, str]:
    """The articles index, ``articles/index.md``, cut into pages like every listing."""
    words = settings.words
    title = words.gettext("Articles")
    out = {}
    for path, chunk, pager in paginate(ARTICLES_PATH, summaries, settings.per_page):
        meta = listing_meta(title, pager, settings)
        if pager.number == 1:
            meta["description"] = words.gettext(
                "The articles we checked, the newest first, each with its checked passages "
                "highlighted and rated.")
        out[path] = render_template("articles.md.j2", words, front_matter=front_matter(**meta),
                                    title=meta["title"], items=article_items(path, chunk),
                                    pager=pager)
    return out
