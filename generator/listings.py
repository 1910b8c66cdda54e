"""Listings: every claim, and the claims of each verdict, claimant and tag, cut into pages.

No listing holds all claims on one page: each is cut into pages of ``settings.per_page``
claims (names: :data:`NAMES_PER_PAGE`), so the work and the size of every page stay the
same however large the archive grows. The corrections log is a listing too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .history import ClaimHistory
from .model import Claim, Settings, claim_key, fingerprint, settings_key
from .paths import CORRECTIONS_PATH, claim_path, href, page_path
from .templating import (
    MarkdownWords,
    badge,
    front_matter,
    front_matter_values,
    render_template,
    verdict_badge,
)

#: How many names a page of the claimant or tag index holds.
NAMES_PER_PAGE = 200


@dataclass(frozen=True)
class Pager:
    number: int
    total: int
    newer: Markup | None
    older: Markup | None


def paginate(first: str, items: Sequence[Any], per_page: int
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


def render_corrections(claims: Iterable[Claim], settings: Settings,
                       history: Mapping[str, ClaimHistory] | None = None) -> dict[str, str]:
    """The corrections log: every correction and change of verdict, the newest first.

    A change of verdict made with a corrections entry is shown on that entry's line; one
    made without is a line of its own, its reason the commit's subject.
    """
    history = history or {}
    made = []
    for claim in claims:
        past = history.get(claim.id)
        changes = past.verdict_changes() if past else []
        noted = {entry.correction: entry.verdict for entry in changes if entry.correction}
        for correction in claim.corrections:
            key = (correction.date.isoformat(), " ".join(correction.note.split()))
            made.append((correction.date, claim, correction.note, noted.pop(key, None)))
        made.extend((entry.date, claim, entry.reason, entry.verdict) for entry in changes
                    if entry.correction is None or entry.correction in noted)
    made.sort(key=lambda item: (item[0], item[1].published, item[1].id), reverse=True)
    out = {}
    words = settings.words
    title = words.gettext("Corrections log")
    for path, chunk, pager in paginate(CORRECTIONS_PATH, made, settings.per_page):
        meta = listing_meta(title, pager, settings)
        items = [{"date": date, "note": note, "claim": claim, "badge": badge(claim.verdict),
                  "href": href(path, claim_path(claim.id)),
                  "verdict": verdict and [verdict_badge(key, settings) for key in verdict]}
                 for date, claim, note, verdict in chunk]
        out[path] = render_template("corrections.md.j2", words,
                                    front_matter=front_matter(**meta), title=meta["title"],
                                    items=items, pager=pager)
    return out


def listing_meta(title: str, pager: Pager, settings: Settings) -> dict[str, Any]:
    """Front matter of one page of a listing: later pages say their number, and are left
    out of search (page 1 is enough for search to find the listing)."""
    if pager.number == 1:
        return {"title": title}
    return {"title": _page_title(title, pager, settings), "search": {"exclude": True}}


def _page_title(title: Any, pager: Pager, settings: Settings) -> Any:
    """The title of page ``pager.number`` of a listing; markup if ``title`` is."""
    if pager.number == 1:
        return title
    if isinstance(title, Markup):
        return MarkdownWords(settings.words).gettext(
            "%(title)s (page %(number)s)", title=title,
            number=settings.words.number(pager.number))
    return settings.words.gettext("%(title)s (page %(number)s)", title=title,
                                  number=settings.words.number(pager.number))


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing of claims before it is written: what it is made from, its
    front matter, and a key that changes whenever anything it is made from does (as
    :class:`~generator.claim_page.ClaimPage`). Its Markdown is made only when asked for,
    so a build that kept the page's HTML never makes it."""

    path: str
    title: str
    """The listing's title (a later page adds its number)."""
    intro: str
    claims: tuple[Claim, ...]
    pager: Pager
    scorecard: tuple[tuple[Markup, int], ...]
    settings: Settings
    heading: Markup | None = None
    """The title as Markdown, when it holds claim text (see :func:`listing_pages`)."""

    def meta(self) -> dict[str, Any]:
        return front_matter_values(**listing_meta(self.title, self.pager, self.settings))

    def key(self) -> str:
        return fingerprint(("listing", self.path, self.title, self.heading, self.intro,
                            self.pager, self.scorecard, [claim_key(c) for c in self.claims],
                            settings_key(self.settings)))

    def markdown(self) -> str:
        return self._render(front_matter(**listing_meta(self.title, self.pager,
                                                        self.settings)))

    def body(self) -> str:
        """The Markdown without its front matter, as MkDocs reads it."""
        return self._render(Markup("")).lstrip("\n")

    def _render(self, front: Markup) -> str:
        items = [{"claim": c, "badge": badge(c.verdict),
                  "href": href(self.path, claim_path(c.id))} for c in self.claims]
        return render_template(
            "listing.md.j2", self.settings.words, front_matter=front,
            heading=_page_title(self.heading or self.title, self.pager, self.settings),
            intro=self.intro,
            items=items, pager=self.pager,
            scorecard=[{"badge": b, "count": n} for b, n in self.scorecard])


def listing_pages(first: str, title: str, claims: Sequence[Claim], settings: Settings,
                  intro: str = "", scorecard: Sequence[Mapping[str, Any]] = (),
                  heading: Markup | None = None) -> dict[str, ListingPage]:
    """The pages of a listing of claims whose first page is ``first``, each to be made
    when it is needed.

    ``title`` is plain text (the page's title, in the browser's tab and the header);
    ``heading``, when the title holds claim text, the same as Markdown with that text in
    its own direction.
    """
    card = tuple((row["badge"], row["count"]) for row in scorecard)
    return {path: ListingPage(path, title, intro, tuple(chunk), pager,
                              card if pager.number == 1 else (), settings, heading)
            for path, chunk, pager in paginate(first, claims, settings.per_page)}


def name_pages(first: str, title: str, names: Sequence[Mapping[str, Any]], intro: str,
               settings: Settings) -> dict[str, str]:
    """The pages of an index of names (claimants, tags), each linking to its listing."""
    out = {}
    for path, chunk, pager in paginate(first, names, NAMES_PER_PAGE):
        links = [{**n, "href": href(path, n["path"])} for n in chunk]
        shown = _page_title(title, pager, settings)
        out[path] = render_template("links.md.j2", settings.words,
                                    front_matter=front_matter(title=shown), title=shown,
                                    intro=intro, links=links, pager=pager)
    return out
