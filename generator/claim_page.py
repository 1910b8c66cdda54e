"""The page of one claim: the verdict, the quote in context, the reasoning and the sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from .article import paragraph_around, squash
from .history import ClaimHistory
from .i18n import words
from .model import Claim, Seed, Settings, claim_key, fingerprint, seed_key, settings_key
from .paths import article_path, claim_path, claimant_slug, href, tag_path
from .sanitize import body_html, link_target
from .schema import Invalid, UrlType
from .templating import (
    MarkdownWords,
    auto,
    badge,
    front_matter,
    front_matter_values,
    link,
    render_template,
    verdict_badge,
)


@dataclass(frozen=True)
class ClaimPage:
    """One claim's page before it is written: what it is made from, its front matter, and
    a key that changes whenever anything it is made from does.

    The Markdown is made only when asked for (:meth:`markdown`), so a build that kept the
    page's HTML from an earlier run (keyed by :meth:`key`) never makes it.
    """

    claim: Claim
    seed: Seed | None
    related: tuple[Claim, ...]
    """The related claims that exist, in the order the claim lists them."""
    settings: Settings
    history: ClaimHistory | None = None
    """Its history from git (:mod:`generator.history`), if known."""

    @classmethod
    def of(cls, claim: Claim, seed: Seed | None, by_id: Mapping[str, Claim],
           settings: Settings, history: ClaimHistory | None = None) -> ClaimPage:
        return cls(claim, seed, tuple(by_id[r] for r in claim.related if r in by_id), settings,
                   history)

    @property
    def path(self) -> str:
        return claim_path(self.claim.id)

    def meta(self) -> dict[str, Any]:
        """The page's front matter, as MkDocs reads it."""
        return front_matter_values(**self._meta())

    def key(self) -> str:
        """A digest of everything the page is made from: the claim, its seed, the claims
        it links to, the settings and its history (the generator's own code is keyed by
        the caller)."""
        return fingerprint((claim_key(self.claim), seed_key(self.seed),
                            [claim_key(c) for c in self.related], settings_key(self.settings),
                            self.history))

    def _meta(self) -> dict[str, Any]:
        claim = self.claim
        description = self.settings.words.gettext(
            "%(verdict)s: %(summary)s", verdict=claim.verdict.label, summary=claim.summary)
        return {"title": claim.claim, "description": description,
                "factcheck": {"claim": claim.id, "verdict": claim.verdict.key}}

    def markdown(self) -> str:
        """The Markdown page."""
        return self._render(front_matter(**self._meta()))

    def body(self) -> str:
        """The Markdown page without its front matter (as MkDocs reads it: :meth:`meta` is
        the rest), made without writing the front matter only to read it back."""
        return self._render(Markup("")).lstrip("\n")

    def _render(self, front: Markup) -> str:
        claim, seed, settings, path = self.claim, self.seed, self.settings, self.path
        quote = None
        if seed is not None and claim.quote_span:
            start, end = claim.quote_span
            before, after = paragraph_around(seed.text, start, end)
            quote = {"before": before, "text": squash(seed.text[start:end]), "after": after,
                     # Markup, so the key's hyphen is not escaped for Markdown in an attribute
                     "mark": Markup('<mark class="fc-quote fc-quote--{}">').format(
                         claim.verdict.key)}
        related = [{"claim": other, "badge": badge(other.verdict),
                    "href": href(path, claim_path(other.id))} for other in self.related]
        return render_template(
            "claim.md.j2", settings.words,
            front_matter=front,
            claim=claim, badge=badge(claim.verdict, "large"), seed=seed, quote=quote,
            body=Markup(body_html(claim.body)),
            claimant_href=href(path, f"claimants/{claimant_slug(claim.claimant)}.md"),
            article_href=Markup(href(path, article_path(claim.seed or "")) + f"#q-{claim.id}"),
            related=related,
            tags=[{"name": t, "href": href(path, tag_path(t))} for t in claim.tags],
            edit_href=f"{settings.edit_url}{claim.path}" if settings.edit_url else None,
            history=history_view(self.history, settings),
            original_language=settings.words.language_name(claim.translation.language)
            if claim.translation else "",
            quote_language=words(claim.translation.language).code if claim.translation else "",
        )


def render_claim(claim: Claim, seed: Seed | None, by_id: Mapping[str, Claim],
                 settings: Settings, history: ClaimHistory | None = None) -> str:
    """The Markdown page of one claim; ``history`` is its history from git, if known."""
    return ClaimPage.of(claim, seed, by_id, settings, history).markdown()


def history_view(history: ClaimHistory | None, settings: Settings) -> dict[str, Any] | None:
    """What ``history.md.j2`` shows of a claim's history: each change in sentences of the
    catalog (verdicts as badges, sources as links), and why it was made."""
    if history is None:
        return None
    words = MarkdownWords(settings.words)
    entries = []
    for entry in history.entries:
        said = []
        if entry.verdict:
            said.append(words.gettext("Verdict changed from %(old)s to %(new)s.",
                                      old=verdict_badge(entry.verdict[0], settings),
                                      new=verdict_badge(entry.verdict[1], settings)))
        if entry.summary:
            said.append(words.gettext("Short answer revised."))
        said += [words.gettext("Source added: %(source)s.", source=source_link(*source))
                 for source in entry.added]
        said += [words.gettext("Source removed: %(source)s.", source=source_link(*source))
                 for source in entry.removed]
        if entry.reason:
            said.append(words.gettext("Why: %(reason)s",
                                      reason=auto(" ".join(entry.reason.split()))))
        entries.append({"entry": entry, "changes": Markup(" ").join(said)})
    return {"entries": entries, "first_published": history.first_published,
            "smaller_edits": history.smaller_edits, "complete": history.complete}


def source_link(url: str, title: str) -> Markup:
    """A source of an older version as a link (an address that is no web address as text)."""
    text = auto(title or url)
    try:
        return link(text, link_target(UrlType().clean(url)))
    except Invalid:
        return text
