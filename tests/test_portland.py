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


#: Claims with no primary source, and why none could be cited. Only a claim we could not rate
#: (``unproven``) or that states an opinion may be excused; a claim drops off this list as soon
#: as a primary source is added.
NO_PRIMARY_SOURCE = {
    # The Maine GOP email and the cities' own statements of Jan. 30-31, 2017 were not found;
    # every account of the denials is news reporting.
    "gardiner-hallowell-denied-sanctuary-plans": "unproven",
    # The text of the City Code section (or the 2003 council order) could not be obtained;
    # the wording is known only from news reports.
    "portland-ordinance-text-quoted-correctly": "unproven",
}

#: Rated claims whose documents we could not obtain, rated on reports from the time that
#: quote or describe them. Each says so in its explanation, with what would confirm it.
RATED_ON_REPORTS = {
    # The 2003 council order or minutes, or the City Code section.
    "portland-decided-in-2003-not-to-enforce-immigration-law",
    # The police department's own statement, or its policy on helping federal agencies.
    "portland-police-assist-federal-agencies-when-asked",
    # The mayor's and the police chief's statements of Nov. 15, 2016 as the city issued them.
    "strimling-sauschuck-issued-statements",
}

CLAIM_IDS = sorted(path.stem for path in (ROOT / "claims").glob("*.yaml"))


def test_every_source_says_whether_it_is_primary(claims: list[Claim]) -> None:
    unmarked = [(claim.id, source.url) for claim in claims for source in claim.sources
                if source.kind not in ("primary", "secondary")]
    assert unmarked == []


@pytest.mark.parametrize("claim_id", CLAIM_IDS)
def test_every_claim_rests_on_a_primary_source(claims: list[Claim], claim_id: str) -> None:
    claim = next(claim for claim in claims if claim.id == claim_id)
    has_primary = any(source.kind == "primary" for source in claim.sources)
    if claim_id in RATED_ON_REPORTS:
        assert not has_primary, "it has a primary source now: take it off RATED_ON_REPORTS"
        assert "**What this rests on.** We could not" in claim.body
    elif claim_id in NO_PRIMARY_SOURCE:
        assert claim.verdict.key == NO_PRIMARY_SOURCE[claim_id] in ("unproven", "opinion")
        assert not has_primary, "it has a primary source now: take it off NO_PRIMARY_SOURCE"
    else:
        assert has_primary


def test_the_exception_lists_name_real_claims() -> None:
    assert set(NO_PRIMARY_SOURCE) | RATED_ON_REPORTS <= set(CLAIM_IDS)
