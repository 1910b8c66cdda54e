"""Blocks: the up-to-date parts a hand-written page asks for with a line of its own.

A line ``<!-- factcheck: latest 5 -->`` in a page of ``content/`` becomes the five newest
checks (see :data:`BLOCKS`). :func:`block_problems` finds the misspelt ones, so that a
build fails on them like on a broken claim.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from babel.lists import format_list

from .article import article_items, article_summaries
from .chart import verdict_chart
from .model import Claim, Seed, Settings
from .paths import ARTICLES_PATH, claim_path, href
from .problems import Problem
from .sanitize import md_text
from .templating import badge, render_template

#: The blocks a hand-written page can ask for, with what each shows.
BLOCKS: dict[str, str] = {
    "latest": "the newest checks (give a number: `latest 5`; the default is 5)",
    "verdict-chart": "a chart of how many claims got each verdict, with the figures as a table",
    "rating-scale": "the rating scale: each verdict, its icon and what it means",
    "latest-articles": "the newest checked articles, with their checked passages (give a "
                       "number: `latest-articles 3`; the default is 5)",
    "standards": "the desk's editorial standards, as set in mkdocs.yml, in readers' words",
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


def fill_blocks(markdown: str, page: str, newest: Sequence[Claim], settings: Settings,
                seeds: Mapping[str, Seed]) -> str:
    """``markdown`` of the hand-written page at ``page`` with its blocks filled in; a
    block that does not exist is shown as a problem where it would be (the preview's
    way: a build has stopped on it before, see :func:`block_problems`)."""
    def fill(match: re.Match[str]) -> str:
        try:
            return render_block(match[1], match[2], page, newest, settings, seeds)
        except BlockError as error:
            return f"> **factcheck block:** {md_text(str(error))}"

    return BLOCK.sub(fill, markdown)


def render_block(name: str, argument: str, page: str, newest: Sequence[Claim],
                 settings: Settings, seeds: Mapping[str, Seed] | None = None) -> str:
    """The Markdown of block ``name`` for the hand-written page at ``page``.

    ``newest`` holds the published claims, newest first (:func:`newest_first`);
    ``seeds`` the articles they are drawn from.

    >>> try:
    ...     render_block("latests", "", "index.md", [], Settings(ratings=()))
    ... except BlockError as error:
    ...     print(error)
    there is no block "latests"; did you mean "latest"? use one of: latest, verdict-chart, \
rating-scale, latest-articles, standards
    """
    if name not in BLOCKS:
        close = difflib.get_close_matches(name, BLOCKS, n=1)
        hint = f'did you mean "{close[0]}"? ' if close else ""
        raise BlockError(f'there is no block "{name}"; {hint}use one of: {", ".join(BLOCKS)}')
    if name == "latest-articles":
        count = _count(name, argument)
        articles = article_summaries(seeds or {}, newest, settings)
        return render_template("latest-articles.md.j2", settings.words,
                               items=article_items(page, articles[:count]),
                               all_href=href(page, ARTICLES_PATH), more=len(articles) > count)
    if name == "latest":
        count = _count(name, argument)
        items = [{"claim": c, "badge": badge(c.verdict), "href": href(page, claim_path(c.id))}
                 for c in newest[:count]]
        return render_template("latest.md.j2", settings.words, items=items,
                               all_href=href(page, "claims/index.md"),
                               more=len(newest) > count)
    if argument:
        raise BlockError(f'"{name}" takes no argument; remove "{argument}"')
    if name == "verdict-chart":
        counts: dict[str, int] = defaultdict(int)
        for claim in newest:
            counts[claim.verdict.key] += 1
        rows = [{"rating": r, "badge": badge(r), "count": counts[r.key],
                 "href": href(page, f"verdicts/{r.key}.md")} for r in settings.ratings]
        return render_template("chart.md.j2", settings.words,
                               chart=verdict_chart(rows, len(newest), settings.words),
                               rows=rows)
    if name == "rating-scale":
        rows = [{"rating": r, "badge": badge(r), "href": href(page, f"verdicts/{r.key}.md")}
                for r in settings.ratings]
        return render_template("scale.md.j2", settings.words, rows=rows)
    if name == "standards":
        standards, words = settings.standards, settings.words
        labels = [r.label for key in standards.primary_source_exempt
                  if (r := settings.rating(key)) is not None]
        # CLDR's list pattern: "Unproven or Opinion", « Non prouvé ou Opinion ».
        exempt = format_list(labels, style="or", locale=words.locale) if labels else ""
        return render_template("standards.md.j2", words, standards=standards, exempt=exempt)
    raise AssertionError(f"block {name} has no renderer")  # pragma: no cover


def _count(name: str, argument: str, default: int = 5) -> int:
    """The number a block such as ``latest 5`` is given: 1 to 100, or ``default``."""
    if not argument:
        return default
    if not argument.isdigit() or not 0 < int(argument) <= 100:
        raise BlockError(f'"{name}" takes a number from 1 to 100, not "{argument}"')
    return int(argument)
