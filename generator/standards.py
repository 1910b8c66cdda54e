"""The desk's editorial standards, held against every published claim.

A desk writes its standards under ``standards:`` in ``mkdocs.yml`` (validated into
:class:`~generator.model.Standards`); each is off unless set, so a new newsroom's claims
are not refused. :func:`check_standards` takes validated claims and returns a
:class:`~generator.problems.Problem` for each standard a claim breaks, in the house form:

>>> import datetime as dt
>>> from generator.model import Claim, Source, Standards
>>> from generator.ratings import DEFAULT_RATINGS
>>> claim = Claim(id="x", path="claims/x.yaml", claim="c", claimant="p",
...               verdict=DEFAULT_RATINGS[0], summary="s", body="b", author="a",
...               published=dt.date(2017, 2, 2), sources=(Source("t", "https://a.org/"),),
...               lines={"sources": 12})
>>> for problem in check_standards([claim], Standards(min_sources=2), {}):
...     print(problem)
claims/x.yaml:12: sources: has 1 source; the desk's standards ask for at least 2 \
(standards.min_sources in mkdocs.yml); add another, or write an exception

A claim excuses itself from a standard with an exception in its own file (``exceptions:``,
each with the rule and the reason, which readers see on its page). An exception that
excuses nothing, because the standard is off or the claim meets it, is a problem too, so
that none lingers after the reason for it is gone. Drafts are held to the standards once
they are published: a draft is still being written and reviewed.

Pure: no file, no clock; the work per claim is constant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlsplit

from .model import Claim, Seed, Standards
from .problems import Problem

#: What the fix of every broken standard ends with.
_OR_EXCEPTION = "or write an exception"


def check_standards(claims: Iterable[Claim], standards: Standards,
                    seeds: Mapping[str, Seed]) -> list[Problem]:
    """The problems of ``claims`` against ``standards``; ``seeds`` by id, for their urls."""
    return [problem for claim in claims
            for problem in claim_problems(claim, standards, seeds.get(claim.seed or ""))]


def claim_problems(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    """The problems of one claim (``seed`` is its seed, when it has one)."""
    problems: list[Problem] = []
    excused: dict[str, int] = {}
    for i, exception in enumerate(claim.exceptions):
        at = f"exceptions[{i}].rule"
        if exception.rule in excused:
            problems.append(Problem(
                claim.path, claim.line(at), at,
                f"'{exception.rule}' is excused twice (first on line {excused[exception.rule]})"
                "; keep one exception, with all its reasons"))
        else:
            excused[exception.rule] = claim.line(at)
    if claim.draft:
        return problems
    broken = set()
    for rule in standards.active:
        found = _RULES[rule](claim, standards, seed)
        if found:
            broken.add(rule)
            if rule not in excused:
                problems.extend(found)
    for i, exception in enumerate(claim.exceptions):
        at = f"exceptions[{i}].rule"
        if exception.rule not in standards.active:
            problems.append(Problem(
                claim.path, claim.line(at), at,
                f"standards.{exception.rule} is not set in mkdocs.yml, so this exception "
                "excuses nothing; remove it"))
        elif exception.rule not in broken:
            problems.append(Problem(
                claim.path, claim.line(at), at,
                f"the claim meets standards.{exception.rule}, so this exception excuses "
                "nothing; remove it"))
    return problems


def _ask(rule: str) -> str:
    return f"(standards.{rule} in mkdocs.yml)"


def _min_sources(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    need, have = standards.min_sources or 0, len(claim.sources)
    if have >= need:
        return []
    more = "another" if need - have == 1 else f"{need - have} more"
    return [Problem(claim.path, claim.line("sources"), "sources",
                    f"has {have} source{'s' if have != 1 else ''}; the desk's standards ask "
                    f"for at least {need} {_ask('min_sources')}; add {more}, {_OR_EXCEPTION}")]


def _address(url: str) -> str:
    """A web address as compared with a seed's: no scheme, ``www.``, case of the host,
    fragment or final ``/``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}"


def _source_beyond_seed(claim: Claim, standards: Standards,
                        seed: Seed | None) -> list[Problem]:
    if seed is None:  # a claim from no seed: every source is beyond it
        return []
    the_seed = {_address(seed.url), *([_address(seed.archive_url)] if seed.archive_url else [])}
    if any(_address(s.url) not in the_seed for s in claim.sources):
        return []
    return [Problem(claim.path, claim.line("sources"), "sources",
                    f"cites only the claim's seed, '{seed.id}'; the desk's standards ask for "
                    f"a source beyond it {_ask('source_beyond_seed')}; add one, "
                    f"{_OR_EXCEPTION}")]


def _primary_source(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    if claim.verdict.key in standards.primary_source_exempt or any(
            s.kind == "primary" for s in claim.sources):
        return []
    unless = ""
    if standards.primary_source_exempt:
        unless = " unless the verdict is " + " or ".join(standards.primary_source_exempt)
    return [Problem(claim.path, claim.line("sources"), "sources",
                    "has no primary source (`kind: primary`); the desk's standards ask for "
                    f"one{unless} {_ask('primary_source')}; add the document itself as a "
                    f"source with `kind: primary`, {_OR_EXCEPTION}")]


def _reviewer(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    if claim.reviewer is None:
        return [Problem(claim.path, claim.line(""), "reviewer",
                        "is missing; the desk's standards ask that a second person review "
                        f"every check {_ask('reviewer')}; add `reviewer:` with the editor's "
                        f"name, {_OR_EXCEPTION}")]
    if claim.reviewer.casefold() == claim.author.casefold():
        return [Problem(claim.path, claim.line("reviewer"), "reviewer",
                        f"'{claim.reviewer}' is also the author; the desk's standards ask for "
                        f"a reviewer other than the author {_ask('reviewer')}; name the "
                        f"editor who reviewed the check, {_OR_EXCEPTION}")]
    return []


def _min_explanation_words(claim: Claim, standards: Standards,
                           seed: Seed | None) -> list[Problem]:
    need, have = standards.min_explanation_words or 0, len(claim.body.split())
    if have >= need:
        return []
    return [Problem(claim.path, claim.line("body"), "body",
                    f"has {have} word{'s' if have != 1 else ''}; the desk's standards ask for "
                    f"an explanation of at least {need} {_ask('min_explanation_words')}; say "
                    f"how the evidence leads to the verdict, {_OR_EXCEPTION}")]


def _quote_from_seed(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    if claim.seed is not None:  # validation has made sure that it quotes the seed
        return []
    return [Problem(claim.path, claim.line(""), "seed",
                    "is missing; the desk's standards ask that every claim be quoted from a "
                    f"seed {_ask('quote_from_seed')}; add `seed:` and `quote:` with the seed's "
                    f"own words, {_OR_EXCEPTION}")]


def _source_kind(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    return [Problem(claim.path, claim.line(f"sources[{i}]"), f"sources[{i}].kind",
                    "is missing; the desk's standards ask every source to say what it is "
                    f"{_ask('source_kind')}; add `kind: primary` (the document itself) or "
                    f"`kind: secondary` (reporting about it), {_OR_EXCEPTION}")
            for i, source in enumerate(claim.sources) if source.kind is None]


_RULES: dict[str, Callable[[Claim, Standards, Seed | None], list[Problem]]] = {
    "min_sources": _min_sources,
    "source_beyond_seed": _source_beyond_seed,
    "primary_source": _primary_source,
    "reviewer": _reviewer,
    "min_explanation_words": _min_explanation_words,
    "quote_from_seed": _quote_from_seed,
    "source_kind": _source_kind,
}
