"""What machines read about a check: schema.org ClaimReview, and social-card tags.

:func:`claim_review` builds the ClaimReview as plain data, field by field from what the
claim page shows; :func:`head_html` renders it, with the Open Graph and Twitter card
tags, through ``templates/head.html.j2``. That template escapes every value for HTML, and
the JSON-LD is made by :func:`json_for_script`, which escapes ``<``, ``>`` and ``&`` so no
claim text can close the ``<script>`` element it sits in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from .card_layout import HEIGHT, WIDTH
from .i18n import words
from .model import Claim, Rating, Seed, Settings

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def json_for_script(data: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/ld+json">``.

    >>> print(json_for_script({"claim": "</script><b>&"}))
    {"claim": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return Markup(text)


def _scale(ratings: Sequence[Rating]) -> tuple[int, int] | None:
    values = [r.value for r in ratings if r.value is not None]
    return (min(values), max(values)) if values else None


def claim_review(claim: Claim, seed: Seed | None, settings: Settings,
                 url: str, versions: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The schema.org ``ClaimReview`` of one claim, as its page shows it.

    ``ratingValue``, ``bestRating`` and ``worstRating`` are given only for verdicts on the
    truth scale (higher is truer); every verdict has its label as ``alternateName``.
    ``versions`` are the addresses of the check in the site's other languages: a
    translation names its original (``translationOfWork``), an original its
    translations (``workTranslation``), each a ClaimReview with its ``inLanguage``.
    """
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.verdict.label}
    scale = _scale(settings.ratings)
    if claim.verdict.value is not None and scale is not None:
        rating.update(ratingValue=claim.verdict.value, bestRating=scale[1],
                      worstRating=scale[0])
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Organization" if claim.claimant_type == "organization"
                   else "Person", "name": claim.claimant},
    }
    if claim.claimant_role and claim.claimant_type == "person":
        item["author"]["jobTitle"] = claim.claimant_role
    if claim.claim_date:
        item["datePublished"] = claim.claim_date.isoformat()
    if seed is not None:
        item["firstAppearance"] = {
            "@type": "CreativeWork", "url": seed.url, "headline": seed.title,
            "datePublished": seed.date.isoformat(),
            "publisher": {"@type": "Organization", "name": seed.publisher},
        }
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.claim,
        "itemReviewed": item,
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": settings.site_name},
        "datePublished": claim.published.isoformat(),
        # A check imported in another language than the site's says so in its file.
        "inLanguage": claim.language or settings.words.code,
    }
    if settings.site_url:
        review["author"]["url"] = settings.site_url
    if claim.updated:
        review["dateModified"] = claim.updated.isoformat()
    versions = versions or {}
    if claim.translation is not None and claim.translation.language in versions:
        review["translationOfWork"] = _version(claim.translation.language,
                                               versions[claim.translation.language])
    elif claim.translation is None and versions:
        review["workTranslation"] = [_version(code, address)
                                     for code, address in sorted(versions.items())]
    return review


def _version(language: str, url: str) -> dict[str, Any]:
    return {"@type": "ClaimReview", "url": url, "inLanguage": words(language).code}


def head_html(claim: Claim, seed: Seed | None, settings: Settings, url: str,
              image: tuple[str, str] | None = None,
              versions: Mapping[str, str] | None = None) -> str:
    """The tags a claim page adds to its ``<head>``: ClaimReview JSON-LD and social cards.

    ``image`` is the share card's address and its description, if the page has one;
    ``versions`` the addresses of the check in the site's other languages.
    """
    return _env.get_template("head.html.j2").render(
        review=json_for_script(claim_review(claim, seed, settings, url, versions)),
        title=claim.claim, description=settings.words.gettext(
            "%(verdict)s: %(summary)s", verdict=claim.verdict.label, summary=claim.summary),
        url=url, site_name=settings.site_name, image=image, size=(WIDTH, HEIGHT))
