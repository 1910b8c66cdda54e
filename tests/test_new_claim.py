"""`factcheck new`: a claim file started from the template, never over another file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.load import parse_yaml
from generator.model import Settings
from generator.new_claim import (
    DEFAULT_VERDICTS,
    SLUG_LENGTH,
    claim_slug,
    new_claim,
    template_text,
    verdict_comment,
)
from generator.project import load_project
from generator.schema import SLUG
from tests.conftest import TODAY, use_two_verdicts
from tests.test_cli import run

DAY = dt.date(2026, 11, 25)
#: What a new claim leaves for a person to write, as `factcheck check` names it.
TO_FILL = ["verdict", "summary", "body", "sources[0].title", "sources[0].url", "author"]

TRICKY = [
    'He said: "no" # really',
    "It's a 'sanctuary' city: 100% — «vraiment» 日本 🙂",
    "line one\nline two\tand a tab",
    "- starts like a list item",
    "* & ! % @ ` | > { } [ ] , ?: starts with YAML indicators",
    "null",
    "true",
    "yes",
    "123",
    "2017-02-01",
    "back\\slash and \\n not a newline",
    "control \x07 bell, next\x85line, sep\u2028arator",
    "~",
]


@pytest.mark.parametrize("text", TRICKY)
def test_claim_text_survives_any_characters(text: str) -> None:
    out = new_claim(template_text(), text, DAY, claimant=text)
    doc, problems = parse_yaml(out, "claims/x.yaml")
    assert problems == [] and doc is not None
    # A claim is one line: runs of white space (line breaks too) become one space.
    assert doc.data["claim"] == doc.data["claimant"] == " ".join(text.split())
    assert doc.data["published"] == "2026-11-25"
    assert doc.data["claim_date"] is None  # the claim may be older than the check


def test_only_the_values_change() -> None:
    template = template_text()
    out = new_claim(template, "Portland is a sanctuary city.", DAY)
    assert out.startswith("# yaml-language-server: $schema=../schema/claim.schema.json\n")
    assert out.endswith("\n") and not re.search(r"[ \t]$", out, re.M)
    # Every comment of the template stays, but the opening note on copying it and the
    # list of verdicts above `verdict:`, which becomes the site's scale.
    header = template.split("\n\n", 1)[0].splitlines()[1:]
    above = template.split("\nverdict:", 1)[0].splitlines()
    old_verdicts = above[-2:]
    assert old_verdicts[0].startswith("# The verdict") and not above[-3].startswith("#")
    new_verdicts = verdict_comment(DEFAULT_VERDICTS).splitlines()
    assert out.split("\nverdict:", 1)[0].splitlines()[-len(new_verdicts):] == new_verdicts
    comments = [line for line in template.splitlines() if line.lstrip().startswith("#")
                and line not in header and line not in old_verdicts]
    assert [line for line in out.splitlines() if line.lstrip().startswith("#")
            and "A new claim" not in line and "(required); fill" not in line
            and "comments. Run" not in line and line not in new_verdicts] == comments
    # The fields keep their order.
    names = re.compile(r"^ *(?:- )?(\w+):", re.M)
    assert names.findall(out) == names.findall(template)
    doc, _ = parse_yaml(out, "x")
    assert doc is not None
    assert doc.data["status"] == "draft"
    assert doc.data["verdict"] is None and doc.data["body"] == ""
    assert "verdict: # e.g. half-true\n" in out


def test_the_verdicts_listed_are_the_sites_scale(site: Path) -> None:
    """A newsroom with its own scale gets its verdicts in the comment, and no example
    from the default scale."""
    use_two_verdicts(site)
    result = run("new", "Ferries run at night.", cwd=site)
    assert result.returncode == 0, result.stderr
    written = (site / "claims" / "ferries-run-at-night.yaml").read_text(encoding="utf-8")
    assert "\n# The verdict, one of the rating scale in mkdocs.yml: accurate, inaccurate. " \
           "(required)\nverdict:\n" in written
    assert "half-true" not in written and "mostly-false" not in written


@pytest.mark.parametrize(("text", "slug"), [
    ("Portland is a sanctuary city, LePage says.", "portland-is-a-sanctuary-city-lepage-says"),
    ("Trump's order is “blatantly illegal”: Ali", "trumps-order-is-blatantly-illegal-ali"),
    ("Portland’s ‘sanctuary’ rules", "portlands-sanctuary-rules"),
    ("The mayors' 'sanctuary' plan", "the-mayors-sanctuary-plan"),
    ("Portland received more than $30 million in federal grants in 2016 alone, "
     "the city's budget shows", "portland-received-more-than-30-million-in-federal-grants-in"),
    ("x" * 70, "x" * SLUG_LENGTH),
    ("¿¡ 日本 !?", ""),
])
def test_slug_from_the_words(text: str, slug: str) -> None:
    assert claim_slug(text) == slug
    assert len(slug) <= SLUG_LENGTH and (slug == "" or SLUG.match(slug))


def fill(text: str) -> str:
    """Write what a fact-checker writes into the empty fields."""
    values = {"verdict": "mostly-false", "summary": "The short answer.",
              "title": "A report", "url": "https://example.org/report",
              "author": "Fact Desk"}
    for name, value in values.items():
        text, n = re.subn(rf"^( *(?:- )?{name}):.*$", rf"\1: {value}", text, count=1,
                          flags=re.M)
        assert n == 1, name
    return text.replace("body: |\n", "body: |\n  The reasoning.\n", 1)


def test_new_writes_a_draft_whose_only_problems_are_the_empty_fields(
        site: Path, settings: Settings) -> None:
    text = 'He said: "no" # it\'s\nnot — «so»'
    result = run("new", text, "--claimant", "Paul: LePage", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "claims/he-said-no-its-not-so.yaml\n"
    assert "then run `factcheck check claims/he-said-no-its-not-so.yaml`. It is a draft, " \
        "shown only in the preview: set `status: published` when it is ready." in result.stderr
    path = site / "claims" / "he-said-no-its-not-so.yaml"
    written = path.read_text(encoding="utf-8")
    today = TODAY  # SOURCE_DATE_EPOCH, set by conftest
    assert written == new_claim(template_text(), text, today, claimant="Paul: LePage")

    project = load_project(site, settings, only=[path])
    assert [p.field for p in project.problems] == TO_FILL
    lines = written.splitlines()
    for problem in project.problems:  # each points at the line to fill
        name = problem.field.split(".")[-1]
        assert re.match(rf" *(- )?{name}:", lines[problem.line - 1]), problem

    path.write_text(fill(written), encoding="utf-8")
    project = load_project(site, settings, only=[path])
    assert project.problems == []
    (claim,) = [c for c in project.claims if c.id == "he-said-no-its-not-so"]
    assert claim.claim == "He said: \"no\" # it's not — «so»"
    assert claim.claimant == "Paul: LePage"
    assert claim.draft and claim.published == today and claim.claim_date is None


def test_new_never_replaces_a_file(site: Path) -> None:
    mine = site / "claims" / "portland-is-a-sanctuary-city.yaml"
    mine.write_text("mine\n")
    result = run("new", "Portland is a sanctuary city.", cwd=site)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: claims/portland-is-a-sanctuary-city.yaml already exists, and factcheck never "
        "replaces a file; choose another name with --slug, e.g. --slug "
        "portland-is-a-sanctuary-city-2\n")
    assert mine.read_text() == "mine\n"
    result = run("new", "Portland is a sanctuary city.", "--slug", "portland-sanctuary",
                 "--claim-date", "2017-01-29", cwd=site)
    assert (result.returncode, result.stdout) == (0, "claims/portland-sanctuary.yaml\n")
    doc, _ = parse_yaml((site / "claims" / "portland-sanctuary.yaml").read_text(), "x")
    assert doc is not None and doc.data["claim_date"] == "2017-01-29"
    assert sorted(p.name for p in (site / "claims").iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(("args", "message"), [
    (["", "--slug", "x"], "Invalid value for CLAIM: the claim is empty"),
    (["Portland \u202eis"], "Invalid value for CLAIM: the claim contains invisible characters"),
    (["Fine.", "--slug", "Not a slug"], "Invalid value for '--slug': 'Not a slug' is not "
                                        "lowercase letters, digits and hyphens; try --slug "
                                        "not-a-slug"),
    (["¿¡ 日本 !?"], "the claim's words make no file name"),
    (["Fine.", "--claim-date", "2999-01-01"], "Invalid value for '--claim-date': 2999-01-01 is "
                                              "in the future"),
])
def test_new_refuses_bad_input(site: Path, args: list[str], message: str) -> None:
    before = sorted((site / "claims").iterdir())
    result = run("new", *args, cwd=site)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert sorted((site / "claims").iterdir()) == before
