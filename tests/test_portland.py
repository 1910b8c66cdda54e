"""The Portland fact-check itself: the rules the desk holds every real claim to."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Claim
from generator.project import load_project, settings_from_options
from tests.conftest import TODAY

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    settings, problems = settings_from_options({})
    assert problems == []
    project = load_project(ROOT, settings, today=TODAY)
    assert project.problems == []
    return project.claims


def test_there_are_more_than_twenty_claims(claims: list[Claim]) -> None:
    assert len(claims) > 20


def test_every_claim_is_quoted_from_the_article_and_sourced_beyond_it(
        claims: list[Claim]) -> None:
    seed_url = "https://www.pressherald.com/2017/02/01/groups-press-portland-officials-to-" \
        "stand-up-to-trump-add-immigrant-protections/"
    for claim in claims:
        assert claim.seed == "press-herald-2017-02-01" and claim.quote_span, claim.id
        others = [s for s in claim.sources if s.url.rstrip("/") != seed_url.rstrip("/")]
        assert len(claim.sources) >= 2 and others, claim.id
        assert claim.reviewer, claim.id
        assert len(claim.body.split()) >= 60, claim.id  # an explanation, not a one-liner
