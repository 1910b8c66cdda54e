"""The page of one claim: the verdict, the quote in context, the reasoning and the sources."""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from .article import paragraph_around, squash
from .model import Claim, Seed, Settings
from .paths import article_path, claim_path, claimant_slug, href, tag_path
from .sanitize import body_html
from .templating import badge, front_matter, render_template


def render_claim(claim: Claim, seed: Seed | None, by_id: Mapping[str, Claim],
                 settings: Settings) -> str:
    """The Markdown page of one claim."""
    path = claim_path(claim.id)
    quote = None
    if seed is not None and claim.quote_span:
        start, end = claim.quote_span
        before, after = paragraph_around(seed.text, start, end)
        quote = {"before": before, "text": squash(seed.text[start:end]), "after": after,
                 # Markup, so the key's hyphen is not escaped for Markdown in an attribute
                 "mark": Markup('<mark class="fc-quote fc-quote--{}">').format(claim.verdict.key)}
    related = [{"claim": by_id[r], "badge": badge(by_id[r].verdict),
                "href": href(path, claim_path(r))}
               for r in claim.related if r in by_id]
    description = settings.words.gettext("%(verdict)s: %(summary)s",
                                         verdict=claim.verdict.label, summary=claim.summary)
    return render_template(
        "claim.md.j2", settings.words,
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
