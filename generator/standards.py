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
    active = standards.active
    broken = set()
    for rule in active:
        found = _RULES[rule](claim, standards, seed)
        if found:
            broken.add(rule)
            if rule not in excused:
                problems.extend(found)
    for i, exception in enumerate(claim.exceptions):
        at = f"exceptions[{i}].rule"
        if exception.rule not in active:
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


def _broken(claim: Claim, field: str, what: str, rule: str, ask: str, fix: str,
            line: str | None = None) -> list[Problem]:
    """The problem of a claim that breaks ``rule``, in the one form all rules share."""
    return [Problem(claim.path, claim.line(field if line is None else line), field,
                    f"{what}; the desk's standards ask {ask} (standards.{rule} in "
                    f"mkdocs.yml); {fix}, or write an exception")]


def _min_sources(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    need, have = standards.min_sources or 0, len(claim.sources)
    if have >= need:
        return []
    return _broken(claim, "sources", f"has {have} source{'s' if have != 1 else ''}",
                   "min_sources", f"for at least {need}",
                   "add another" if need - have == 1 else f"add {need - have} more")


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
    return _broken(claim, "sources", f"cites only the claim's seed, '{seed.id}'",
                   "source_beyond_seed", "for a source beyond it", "add one")


def _primary_source(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    exempt = standards.primary_source_exempt
    if claim.verdict.key in exempt or any(s.kind == "primary" for s in claim.sources):
        return []
    unless = " unless the verdict is " + " or ".join(exempt) if exempt else ""
    return _broken(claim, "sources", "has no primary source (`kind: primary`)",
                   "primary_source", f"for one{unless}",
                   "add the document itself as a source with `kind: primary`")


def _reviewer(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    if claim.reviewer is None:  # at the line of the mapping that lacks it, as validation does
        return _broken(claim, "reviewer", "is missing", "reviewer",
                       "that a second person review every check",
                       "add `reviewer:` with the editor's name", line="")
    if claim.reviewer.casefold() == claim.author.casefold():
        return _broken(claim, "reviewer", f"'{claim.reviewer}' is also the author", "reviewer",
                       "for a reviewer other than the author",
                       "name the editor who reviewed the check")
    return []


def _min_explanation_words(claim: Claim, standards: Standards,
                           seed: Seed | None) -> list[Problem]:
    need, have = standards.min_explanation_words or 0, len(claim.body.split())
    if have >= need:
        return []
    return _broken(claim, "body", f"has {have} word{'s' if have != 1 else ''}",
                   "min_explanation_words", f"for an explanation of at least {need}",
                   "say how the evidence leads to the verdict")


def _quote_from_seed(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    if claim.seed is not None:  # validation has made sure that it quotes the seed
        return []
    return _broken(claim, "seed", "is missing", "quote_from_seed",
                   "that every claim be quoted from a seed",
                   "add `seed:` and `quote:` with the seed's own words", line="")


def _source_kind(claim: Claim, standards: Standards, seed: Seed | None) -> list[Problem]:
    return [problem for i, source in enumerate(claim.sources) if source.kind is None
            for problem in _broken(
                claim, f"sources[{i}].kind", "is missing", "source_kind",
                "every source to say what it is", "add `kind: primary` (the document itself) "
                "or `kind: secondary` (reporting about it)", line=f"sources[{i}]")]


_RULES: dict[str, Callable[[Claim, Standards, Seed | None], list[Problem]]] = {
    "min_sources": _min_sources,
    "source_beyond_seed": _source_beyond_seed,
    "primary_source": _primary_source,
    "reviewer": _reviewer,
    "min_explanation_words": _min_explanation_words,
    "quote_from_seed": _quote_from_seed,
    "source_kind": _source_kind,
}
