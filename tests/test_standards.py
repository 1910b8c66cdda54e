"""The desk's standards: a table of settings and claims with the exact messages, the
settings' own problems at their real lines in mkdocs.yml, exceptions, the block, and a real
`mkdocs build --strict` that stops on a claim below the standards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.blocks import BlockError, render_block
from generator.model import Settings, Standards
from generator.project import load_project, settings_from_options
from generator.schema import STANDARD_FIELDS, STANDARD_RULES
from generator.standards import _RULES
from tests.conftest import TODAY
from tests.test_build import build, html
from tests.test_cli import run

#: A claim that meets every standard below (its body has 28 words). The line numbers of the
#: messages are those of this text.
BASE = """\
claim: Gov. Paul LePage has criticized Portland as a sanctuary city.
claimant: Portland Press Herald
seed: press-herald-2017-02-01
quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."
verdict: "true"
summary: LePage repeatedly called Portland a sanctuary city.
body: |
  The governor said so on the radio in January, and again in a letter to the city in
  February; both are quoted in full below, with their dates.
sources:
  - title: Executive Order 13768
    url: https://www.federalregister.gov/d/2017-02102
    kind: primary
  - title: Groups press Portland officials to stand up to Trump
    url: https://www.pressherald.com/2017/02/01/groups-press-portland-officials-to-stand-up-to-trump-add-immigrant-protections/
    kind: secondary
author: Fact Desk
reviewer: Standards editor
published: 2017-02-03
"""  # noqa: E501
PRIMARY = """\
  - title: Executive Order 13768
    url: https://www.federalregister.gov/d/2017-02102
    kind: primary
"""
SEED = """\
seed: press-herald-2017-02-01
quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."
"""
ALL = {"min_sources": 2, "source_beyond_seed": True, "primary_source": True,
       "primary_source_exempt": ["unproven", "opinion"], "source_kind": True,
       "reviewer": True, "min_explanation_words": 28, "quote_from_seed": True}
EXEMPT = {"primary_source": True, "primary_source_exempt": ["unproven", "opinion"]}
ASK = "the desk's standards ask"


def edit(*changes: tuple[str, str], base: str = BASE) -> str:
    for old, new in changes:
        assert old in base, old
        base = base.replace(old, new, 1)
    return base


def excuse(rule: str, reason: str = "The order was sealed.") -> str:
    return f"exceptions:\n  - rule: {rule}\n    reason: {reason}\n"


# (name, standards, claim file, the problems `factcheck check` reports for it)
TABLE: list[tuple[str, dict[str, Any], str, list[str]]] = [
    ("no standards: a one-line check passes", {},
     edit(("sources:\n" + PRIMARY, "sources:\n"), ("reviewer: Standards editor\n", ""),
          ("    kind: secondary\n", ""), (SEED, "")), []),
    ("every standard, met", ALL, BASE, []),
    ("min_sources: one short", {"min_sources": 3}, BASE,
     [f"claims/x.yaml:10: sources: has 2 sources; {ASK} for at least 3 (standards.min_sources "
      "in mkdocs.yml); add another, or write an exception"]),
    ("min_sources: several short", {"min_sources": 4}, edit((PRIMARY, "")),
     [f"claims/x.yaml:10: sources: has 1 source; {ASK} for at least 4 (standards.min_sources "
      "in mkdocs.yml); add 3 more, or write an exception"]),
    ("source_beyond_seed: only the seed, written differently", {"source_beyond_seed": True},
     edit((PRIMARY, ""), ("https://www.pressherald.com/", "http://PressHerald.com/"),
          ("-immigrant-protections/", "-immigrant-protections#top")),
     [f"claims/x.yaml:10: sources: cites only the claim's seed, 'press-herald-2017-02-01'; {ASK} "
      "for a source beyond it (standards.source_beyond_seed in mkdocs.yml); add one, or write "
      "an exception"]),
    ("source_beyond_seed: no seed, nothing to go beyond", {"source_beyond_seed": True},
     edit((SEED, "")), []),
    ("primary_source: none", {"primary_source": True}, edit((PRIMARY, "")),
     [f"claims/x.yaml:10: sources: has no primary source (`kind: primary`); {ASK} for one "
      "(standards.primary_source in mkdocs.yml); add the document itself as a source with "
      "`kind: primary`, or write an exception"]),
    ("primary_source: none, a verdict not exempt", EXEMPT,
     edit((PRIMARY, "")),
     [f"claims/x.yaml:10: sources: has no primary source (`kind: primary`); {ASK} for one "
      "unless the verdict is unproven or opinion (standards.primary_source in mkdocs.yml); add "
      "the document itself as a source with `kind: primary`, or write an exception"]),
    ("primary_source: none, an exempt verdict", EXEMPT,
     edit((PRIMARY, ""), ('verdict: "true"', "verdict: unproven")), []),
    ("reviewer: missing", {"reviewer": True}, edit(("reviewer: Standards editor\n", "")),
     [f"claims/x.yaml:1: reviewer: is missing; {ASK} that a second person review every check "
      "(standards.reviewer in mkdocs.yml); add `reviewer:` with the editor's name, or write an "
      "exception"]),
    ("reviewer: the author", {"reviewer": True},
     edit(("reviewer: Standards editor", "reviewer: fact desk")),
     [f"claims/x.yaml:18: reviewer: 'fact desk' is also the author; {ASK} for a reviewer other "
      "than the author (standards.reviewer in mkdocs.yml); name the editor who reviewed the "
      "check, or write an exception"]),
    ("min_explanation_words: one short", {"min_explanation_words": 29}, BASE,
     [f"claims/x.yaml:7: body: has 28 words; {ASK} for an explanation of at least 29 "
      "(standards.min_explanation_words in mkdocs.yml); say how the evidence leads to the "
      "verdict, or write an exception"]),
    ("quote_from_seed: no seed", {"quote_from_seed": True}, edit((SEED, "")),
     [f"claims/x.yaml:1: seed: is missing; {ASK} that every claim be quoted from a seed "
      "(standards.quote_from_seed in mkdocs.yml); add `seed:` and `quote:` with the seed's own "
      "words, or write an exception"]),
    ("source_kind: each source without one", {"source_kind": True},
     edit(("    kind: primary\n", ""), ("    kind: secondary\n", "")),
     [f"claims/x.yaml:{line}: sources[{i}].kind: is missing; {ASK} every source to say what it "
      "is (standards.source_kind in mkdocs.yml); add `kind: primary` (the document itself) or "
      "`kind: secondary` (reporting about it), or write an exception"
      for i, line in ((0, 11), (1, 13))]),
    ("everything broken at once", ALL | {"min_sources": 3},
     edit((PRIMARY, ""), ("reviewer: Standards editor", "reviewer: Fact Desk"), (SEED, ""),
          ("    kind: secondary\n", "")),
     [f"claims/x.yaml:1: seed: is missing; {ASK} that every claim be quoted from a seed "
      "(standards.quote_from_seed in mkdocs.yml); add `seed:` and `quote:` with the seed's own "
      "words, or write an exception",
      f"claims/x.yaml:8: sources: has 1 source; {ASK} for at least 3 (standards.min_sources "
      "in mkdocs.yml); add 2 more, or write an exception",
      f"claims/x.yaml:8: sources: has no primary source (`kind: primary`); {ASK} for one unless "
      "the verdict is unproven or opinion (standards.primary_source in mkdocs.yml); add the "
      "document itself as a source with `kind: primary`, or write an exception",
      f"claims/x.yaml:9: sources[0].kind: is missing; {ASK} every source to say what it is "
      "(standards.source_kind in mkdocs.yml); add `kind: primary` (the document itself) or "
      "`kind: secondary` (reporting about it), or write an exception",
      f"claims/x.yaml:12: reviewer: 'Fact Desk' is also the author; {ASK} for a reviewer other "
      "than the author (standards.reviewer in mkdocs.yml); name the editor who reviewed the "
      "check, or write an exception"]),
    ("a draft is held to the standards once published", ALL | {"min_sources": 5},
     edit((PRIMARY, ""), ("reviewer: Standards editor\n", "status: draft\n")), []),
    # Exceptions, written in the claim file.
    ("an exception excuses a broken standard", {"primary_source": True},
     edit((PRIMARY, "")) + excuse("primary_source"), []),
    ("an exception excuses only its own standard", {"primary_source": True, "reviewer": True},
     edit((PRIMARY, ""), ("reviewer: Standards editor\n", "")) + excuse("primary_source"),
     [f"claims/x.yaml:1: reviewer: is missing; {ASK} that a second person review every check "
      "(standards.reviewer in mkdocs.yml); add `reviewer:` with the editor's name, or write an "
      "exception"]),
    ("a stale exception: the claim meets the standard", {"primary_source": True},
     BASE + excuse("primary_source"),
     ["claims/x.yaml:21: exceptions[0].rule: the claim meets standards.primary_source, so this "
      "exception excuses nothing; remove it"]),
    ("a stale exception: the standard is off", {},
     BASE + excuse("reviewer"),
     ["claims/x.yaml:21: exceptions[0].rule: standards.reviewer is not set in mkdocs.yml, so "
      "this exception excuses nothing; remove it"]),
    ("the same standard excused twice", {"primary_source": True},
     edit((PRIMARY, "")) + excuse("primary_source") + "  - rule: primary_source\n"
     "    reason: Also this.\n",
     ["claims/x.yaml:20: exceptions[1].rule: 'primary_source' is excused twice (first on line "
      "18); keep one exception, with all its reasons"]),
    ("an exception to an unknown rule", {"primary_source": True},
     edit((PRIMARY, "")) + excuse("primary_sources"),
     ["claims/x.yaml:18: exceptions[0].rule: 'primary_sources' is not a valid choice (did you "
      "mean 'primary_source'?); use one of " + ", ".join(STANDARD_RULES)]),
    ("an exception with an empty reason", {"primary_source": True},
     edit((PRIMARY, "")) + excuse("primary_source", '" "'),
     ["claims/x.yaml:19: exceptions[0].reason: is empty; write why the claim departs from the "
      "standard; readers see it on the claim's page"]),
    ("an exception without a reason", {"primary_source": True},
     edit((PRIMARY, "")) + "exceptions:\n  - rule: primary_source\n",
     ["claims/x.yaml:18: exceptions[0].reason: is missing; add `reason:` with why the claim "
      "departs from the standard; readers see it on the claim's page"]),
]


@pytest.mark.parametrize(("standards", "text", "expected"), [row[1:] for row in TABLE],
                         ids=[row[0] for row in TABLE])
def test_standards_and_claims(site: Path, standards: dict[str, Any], text: str,
                              expected: list[str]) -> None:
    settings, problems = settings_from_options({"standards": standards})
    assert problems == []
    (site / "claims" / "x.yaml").write_text(text, encoding="utf-8")
    project = load_project(site, settings, today=TODAY, only=[site / "claims" / "x.yaml"])
    assert sorted(map(str, project.problems)) == sorted(expected)


def test_every_standard_has_a_rule_and_the_rules_are_off_by_default() -> None:
    assert list(_RULES) == list(STANDARD_RULES)
    assert [f.name for f in STANDARD_FIELDS] == list(Standards.__dataclass_fields__)
    assert Standards().active == ()
    assert all(not f.required for f in STANDARD_FIELDS)


def test_the_fixture_claims_meet_no_standard_until_asked(site: Path) -> None:
    """A new newsroom is not refused: with no standards set, its claims pass as before."""
    settings, _ = settings_from_options({})
    assert load_project(site, settings, today=TODAY).problems == []
    strict, _ = settings_from_options({"standards": {"reviewer": True}})
    problems = load_project(site, strict, today=TODAY).problems
    assert [(p.path, p.field) for p in problems] == [
        ("claims/birmingham-passed-sanctuary-resolution.yaml", "reviewer"),
        ("claims/strimling-order-very-broad.yaml", "reviewer")]


# --- The settings: problems at their real line in mkdocs.yml, through the real CLI.

CONFIG_TAIL = """\
      per_page: 2
      standards:
        min_sources: 2
        primary_source: true
        primary_source_exempt: [unproven, opinion]
"""

# (name, the standards: lines, the problem's line within them, the message)
BAD_SETTINGS = [
    ("a number in words", "        min_sources: two\n", 0,
     "standards.min_sources: expected a whole number, got 'two'; write it in digits, such as 2"),
    ("zero sources", "        min_sources: 0\n", 0,
     "standards.min_sources: 0 is too small; use 1 or more"),
    ("a rule given as text", "        reviewer: \"yes\"\n", 0,
     "standards.reviewer: expected true or false, got 'yes'; write true to set it, or false"),
    ("a misspelt rule", "        min_source: 2\n", 0,
     "standards.min_source: is not a field of the standards; did you mean 'min_sources'?"),
    ("an exempt verdict not on the scale",
     "        primary_source: true\n        primary_source_exempt: [opinion, unproved]\n", 1,
     "standards.primary_source_exempt[1]: 'unproved' is not a verdict of the rating scale; did "
     "you mean 'unproven'? use one of true, mostly-true, half-true, mostly-false, false, "
     "misleading, unproven, opinion"),
    ("exempt verdicts without the rule", "        primary_source_exempt: [unproven]\n", 0,
     "standards.primary_source_exempt: has no effect while primary_source is off; set "
     "`primary_source: true`, or remove this line"),
    ("exempt verdicts as text",
     "        primary_source: true\n        primary_source_exempt: unproven\n", 1,
     "standards.primary_source_exempt: must be a list, not a piece of text; write it as "
     "[first, second]"),
    ("a verdict-change rule that is not a choice",
     "        verdict_change_needs_correction: always\n", 0,
     "standards.verdict_change_needs_correction: 'always' is not a valid choice; use one of "
     "warn, error, off"),
]


@pytest.mark.parametrize(("lines", "at", "message"), [row[1:] for row in BAD_SETTINGS],
                         ids=[row[0] for row in BAD_SETTINGS])
def test_bad_settings_are_reported_at_their_line(site: Path, lines: str, at: int,
                                                 message: str) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      per_page: 2\n", "      per_page: 2\n      standards:\n" + lines)
    config.write_text(text, encoding="utf-8")
    line = text.splitlines().index(lines.splitlines()[at]) + 1
    assert line > 10
    result = run("check", cwd=site)
    assert (result.returncode, result.stdout) == (
        1, f"mkdocs.yml:{line}: {message}\n1 problem in 1 file; fix it and run `factcheck "
           "check` again.\n")
    result = build(site)
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}: {message}\n" in result.stderr


def test_standards_must_be_settings() -> None:
    _, problems = settings_from_options({"standards": ["min_sources"]})
    assert list(map(str, problems)) == [
        "mkdocs.yml:1: standards: is a single value, but it must be a set of `name: value` "
        "settings, such as `min_sources: 2`; see the Standards section of the README"]


# --- The block that states the standards on the methodology page.

def block(standards: dict[str, Any], argument: str = "", language: str = "en") -> str:
    settings, problems = settings_from_options({"standards": standards, "language": language})
    assert problems == []
    return render_block("standards", argument, "methodology.md", [], settings)


def test_the_standards_block_states_every_rule_set() -> None:
    assert block(ALL) == """\
- Every check cites at least 2 sources\\.
- Every check cites at least one source besides the document the claim comes from\\.
- Every check cites at least one primary source: the document itself, such as a law, an \
order, a record or an official statement\\. Checks rated Unproven or Opinion are exempt\\.
- Every source is marked as primary \\(the document itself\\) or secondary \\(reporting \
about it\\)\\.
- Every check is reviewed by a second member of the desk, not its author, before it is \
published\\.
- Every explanation runs to at least 28 words\\.
- Every claim is quoted word for word from the document it comes from\\.

Our software holds every check to these standards before it is published\\. When a check \
departs from one, its page says so and why\\.
"""


@pytest.mark.parametrize(("standards", "expected"), [
    ({}, "We have not yet set editorial standards of our own for this site\\.\n"),
    ({"verdict_change_needs_correction": "warn"},
     "We have not yet set editorial standards of our own for this site\\.\n"),
    ({"verdict_change_needs_correction": "error"},
     "- A published verdict is changed only with a correction note on the check's page saying "
     "what changed and why\\.\n"),
    ({"min_sources": 1, "min_explanation_words": 1},
     "- Every check cites at least 1 source\\.\n- Every explanation runs to at least 1 word\\.\n"),
    ({"min_sources": 1000}, "- Every check cites at least 1,000 sources\\.\n"),
    ({"primary_source": True},
     "- Every check cites at least one primary source: the document itself, such as a law, an "
     "order, a record or an official statement\\.\n"),
    ({"primary_source": True, "primary_source_exempt": ["opinion", "unproven", "misleading"]},
     "- Every check cites at least one primary source: the document itself, such as a law, an "
     "order, a record or an official statement\\. Checks rated Opinion, Unproven, or Misleading "
     "are exempt\\.\n"),
])
def test_the_standards_block_says_only_what_is_set(standards: dict[str, Any],
                                                   expected: str) -> None:
    assert block(standards).split("\n\nOur software")[0].rstrip("\n") + "\n" == expected


def test_the_standards_block_takes_no_argument() -> None:
    with pytest.raises(BlockError, match='"standards" takes no argument; remove "all"'):
        block(ALL, "all")


def test_the_standards_are_part_of_the_settings() -> None:
    settings, _ = settings_from_options({"standards": ALL})
    assert settings.standards == Standards(
        min_sources=2, source_beyond_seed=True, primary_source=True,
        primary_source_exempt=("unproven", "opinion"), source_kind=True, reviewer=True,
        min_explanation_words=28, quote_from_seed=True)
    assert settings.standards.active == STANDARD_RULES
    assert Settings(ratings=()).standards == Standards()


# --- A real build: a claim below the standards stops it; an exception lets it through and
# is shown to readers.

def test_a_build_stops_on_a_claim_below_the_standards_and_shows_its_exception(
        site: Path) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      per_page: 2\n", "      per_page: 2\n      standards:\n        reviewer: true\n"),
        encoding="utf-8")
    result = build(site)
    assert result.returncode == 1
    assert (f"claims/strimling-order-very-broad.yaml:1: reviewer: is missing; {ASK} that a "
            "second person review every check (standards.reviewer in mkdocs.yml); add "
            "`reviewer:` with the editor's name, or write an exception") in result.stderr
    assert "2 problems in 2 files" in result.stderr  # Birmingham's check has no reviewer
    assert not (site / "site" / "claims" / "strimling-order-very-broad").exists()

    other = site / "claims" / "birmingham-passed-sanctuary-resolution.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "reviewer: Standards editor\n",
                     encoding="utf-8")

    claim = site / "claims" / "strimling-order-very-broad.yaml"
    claim.write_text(claim.read_text(encoding="utf-8") + excuse(
        "reviewer", "The mayor's words <b>were</b> checked by the only editor on duty, who "
                    "wrote them."), encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = html(site / "site", "claims/strimling-order-very-broad")
    assert '<h2 id="exceptions-to-our-standards">Exceptions to our standards' in page
    assert ("<li><strong>This check was not reviewed by a second member of the desk.</strong> "
            '<span dir="auto">The mayor\'s words &lt;b&gt;were&lt;/b&gt; checked by the only '
            "editor on duty, who wrote them.</span></li>") in page
    other = html(site / "site", "claims/lepage-called-portland-sanctuary-city")
    assert "exceptions-to-our-standards" not in other
