"""Table-driven validation: a broken claim file and the exact messages it must get."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Settings
from generator.project import load_project
from tests.conftest import TODAY

GOOD = """\
claim: Gov. Paul LePage has criticized Portland as a sanctuary city.
claimant: Portland Press Herald
claim_date: 2017-02-01
seed: press-herald-2017-02-01
quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."
verdict: "true"
summary: LePage repeatedly called Portland a sanctuary city.
body: |
  The governor said so.
sources:
  - title: Executive Order 13768
    url: https://www.federalregister.gov/d/2017-02102
author: Fact Desk
published: 2017-02-03
"""


def change(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new)


CASES = [
    ("unknown field, with did-you-mean", change("author:", "auther:"), [
        "x.yaml:13: auther: is not a field of a claim file; did you mean 'author'?",
        "x.yaml:1: author: is missing; add `author:` with who wrote the check",
    ]),
    ("missing required fields", "claim: Only this.\n", [
        "x.yaml:1: author: is missing; add `author:` with who wrote the check",
        "x.yaml:1: body: is missing; add `body:` with the reasoning, in Markdown",
        "x.yaml:1: claimant: is missing; add `claimant:` with who made the claim: a person "
        "or an organisation",
        "x.yaml:1: published: is missing; add `published:` with the date of the check",
        "x.yaml:1: sources: is missing; add `sources:` with the documents the check rests "
        "on; at least one",
        "x.yaml:1: summary: is missing; add `summary:` with the short answer, in one to three "
        "sentences",
        "x.yaml:1: verdict: is missing; add `verdict:` with the verdict: a key of the rating "
        "scale",
    ]),
    ("empty required field", change("claimant: Portland Press Herald", "claimant:"), [
        "x.yaml:2: claimant: is empty; write who made the claim: a person or an organisation",
    ]),
    ("blank text", change("claimant: Portland Press Herald", 'claimant: "   "'), [
        "x.yaml:2: claimant: is empty; write who made the claim: a person or an organisation",
    ]),
    ("blank block text", change("body: |\n  The governor said so.", "body: |\n"), [
        "x.yaml:8: body: is empty; write the reasoning, in Markdown",
    ]),
    ("unknown verdict", change('verdict: "true"', "verdict: mostly-flase"), [
        "x.yaml:6: verdict: 'mostly-flase' is not a valid choice (did you mean "
        "'mostly-false'?); use one of true, mostly-true, half-true, mostly-false, false, "
        "misleading, unproven, opinion",
    ]),
    ("verdict true without quotes is accepted", change('verdict: "true"', "verdict: true"), []),
    ("impossible date", change("published: 2017-02-03", "published: 2017-02-30"), [
        "x.yaml:14: published: '2017-02-30' is not a real date; check the day and the month",
    ]),
    ("date in another format", change("published: 2017-02-03", "published: Feb 3, 2017"), [
        "x.yaml:14: published: 'Feb 3, 2017' is not a date; write it as YYYY-MM-DD, "
        "e.g. 2017-02-01",
    ]),
    ("future date", change("published: 2017-02-03", "published: 2027-02-03"), [
        "x.yaml:14: published: 2027-02-03 is in the future; check the year (today is "
        "2026-11-25)",
    ]),
    ("claim after check", change("claim_date: 2017-02-01", "claim_date: 2017-02-05"), [
        "x.yaml:3: claim_date: is after `published`; a claim is checked after it is made",
    ]),
    ("update before check", change("published: 2017-02-03", "published: 2017-02-03\n"
                                   "updated: 2017-02-02"), [
        "x.yaml:15: updated: is before `published`; a check is updated after it is published",
    ]),
    ("correction before check", change("published: 2017-02-03", "published: 2017-02-03\n"
                                       "corrections:\n  - date: 2017-02-01\n"
                                       "    note: Fixed a date."), [
        "x.yaml:16: corrections[0].date: is before `published`; a correction is made after "
        "the check is published",
    ]),
    ("url without scheme", change("https://www.federalregister.gov/d/2017-02102", "nasa.gov"), [
        "x.yaml:12: sources[0].url: 'nasa.gov' is not a web address; start it with https:// "
        "and leave no spaces in it",
    ]),
    ("javascript url", change("https://www.federalregister.gov/d/2017-02102",
                              "javascript:alert(1)"), [
        "x.yaml:12: sources[0].url: 'javascript:alert(1)' is not a web address; start it "
        "with https:// and leave no spaces in it",
    ]),
    ("sources not a list", change(
        "sources:\n  - title: Executive Order 13768\n    url: https://www.federalregister.gov/d/2017-02102\n",
        "sources: https://example.org\n"), [
        "x.yaml:10: sources: must be a list, not a piece of text; write it as lines "
        "starting with `- `",
    ]),
    ("empty sources", change(
        "sources:\n  - title: Executive Order 13768\n    url: https://www.federalregister.gov/d/2017-02102\n",
        "sources: []\n"), [
        "x.yaml:10: sources: is empty; give at least 1",
    ]),
    ("source missing title, unknown source field", change(
        "  - title: Executive Order 13768\n", "  - name: Executive Order 13768\n"), [
        "x.yaml:11: sources[0].name: is not a field of an item of sources; the fields are "
        "title, url, publisher, date, archive_url, kind",
        "x.yaml:11: sources[0].title: is missing; add `title:` with the document's title",
    ]),
    ("wrong type", change("claimant: Portland Press Herald", "claimant: [a, b]"), [
        "x.yaml:2: claimant: expected one line of text, got a list; write the text after the "
        "colon, in double quotes if it has a `:` or `#`",
    ]),
    ("number as text is fine", change("claimant: Portland Press Herald", "claimant: 1984"), []),
    ("unknown seed", change("seed: press-herald-2017-02-01", "seed: press-herald-2017-02-02"), [
        "x.yaml:4: seed: there is no seed 'press-herald-2017-02-02'; did you mean "
        "'press-herald-2017-02-01'?",
    ]),
    ("quote not in seed", change("criticized Portland as being", "criticised Portland as"), [
        "x.yaml:5: quote: does not occur in seed 'press-herald-2017-02-01'; the closest "
        "passage is \"Gov. Paul LePage, for one, criticized Portland as being a sanctuary city.\": "
        "copy the words exactly",
    ]),
    ("quote with straight quotes and new lines is found", change(
        'quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."',
        "quote: |\n  “Portland already has an ordinance in the books,”\n  Ali said."), []),
    ("seed without quote", change(
        'quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."\n',
        ""), [
        "x.yaml:1: quote: is missing; a claim drawn from a seed needs `quote:`, the seed's "
        "words copied exactly",
    ]),
    ("unknown related", GOOD + "related: [lepage-called-portland-sanctuary-city, nope, x]\n", [
        "x.yaml:15: related[1]: there is no claim 'nope'; check the file name in claims/",
        "x.yaml:15: related[2]: names this claim itself; list other claims only",
    ]),
    ("tag not a slug", GOOD + "tags: [Sanctuary Cities]\n", [
        "x.yaml:15: tags[0]: 'Sanctuary Cities' is not letters and digits of any script, "
        "joined by hyphens (like 'sanctuary-cities' or 'bibliothèques'); write it as "
        "'sanctuary-cities'",
    ]),
    ("tags in any script and case", GOOD + "tags: [Bibliothèques, الهجرة, BIBLIOTHE\u0300QUES]\n",
     []),
    ("tag with an underscore", GOOD + "tags: [dépenses_publiques]\n", [
        "x.yaml:15: tags[0]: 'dépenses_publiques' is not letters and digits of any script, "
        "joined by hyphens (like 'sanctuary-cities' or 'bibliothèques'); write it as "
        "'dépenses-publiques'",
    ]),
    ("bad status", GOOD + "status: publish\n", [
        "x.yaml:15: status: 'publish' is not a valid choice (did you mean 'published'?); use "
        "one of published, draft",
    ]),
    ("correction without note", GOOD + "corrections:\n  - date: 2017-02-04\n", [
        "x.yaml:16: corrections[0].note: is missing; add `note:` with what was wrong and what "
        "was changed",
    ]),
    ("file is a list", "- claim: x\n- claim: y\n", [
        "x.yaml:1: file: is a list, but a claim file must be a set of `name: value` fields; "
        "start from the template",
    ]),
    ("file is a scalar", "just some text\n", [
        "x.yaml:1: file: is a piece of text, but a claim file must be a set of `name: value` "
        "fields; start from the template",
    ]),
    ("direction marks and balanced isolates", change(
        "claimant: Portland Press Herald",
        'claimant: "\u200fسامي الحداد\u200f, \u2067Portland Press Herald\u2069 \u061c"'), []),
    ("an embedding", change("claimant: Portland Press Herald",
                            "claimant: Portland \u202bPress Herald"), [
        "x.yaml:2: claimant: contains invisible characters that change the direction of text "
        "(Unicode bidirectional controls); retype the text without them",
    ]),
    ("an isolate never closed", change("claimant: Portland Press Herald",
                                       "claimant: Portland \u2068Press Herald"), [
        "x.yaml:2: claimant: contains invisible characters that change the direction of text "
        "(Unicode bidirectional controls); retype the text without them",
    ]),
    ("an isolate closed on another line", change(
        "body: |\n  The governor said so.",
        "body: |\n  The \u2067governor\n  said\u2069 so."), [
        "x.yaml:8: body: contains invisible characters that change the direction of text "
        "(Unicode bidirectional controls); retype the text without them",
    ]),
    ("a closing isolate with nothing to close", change(
        "claimant: Portland Press Herald", "claimant: Portland Press Herald\u2069"), [
        "x.yaml:2: claimant: contains invisible characters that change the direction of text "
        "(Unicode bidirectional controls); retype the text without them",
    ]),
    ("only direction marks", change("claimant: Portland Press Herald",
                                    'claimant: "\u200f \u200e"'), [
        "x.yaml:2: claimant: is empty; write the text after the colon, or delete the line if "
        "the field is optional",
    ]),
    ("direction override", change("claimant: Portland Press Herald",
                                  "claimant: Portland \u202ePress Herald"), [
        "x.yaml:2: claimant: contains invisible characters that change the direction of text "
        "(Unicode bidirectional controls); retype the text without them",
    ]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_claim_problems(site: Path, settings: Settings, text: str, expected: list[str]) -> None:
    path = site / "claims" / "x.yaml"
    path.write_text(text, encoding="utf-8")
    project = load_project(site, settings, today=TODAY, only=[path])
    shown = sorted(str(p).removeprefix("claims/") for p in project.problems)
    assert shown == sorted(expected)
    assert (project.claims == []) == bool(expected)


def test_file_name_must_be_a_slug(site: Path, settings: Settings) -> None:
    path = site / "claims" / "Bad Name.yaml"
    path.write_text(GOOD, encoding="utf-8")
    project = load_project(site, settings, today=TODAY)
    assert [str(p) for p in project.problems] == [
        "claims/Bad Name.yaml:1: file: the file name 'Bad Name.yaml' cannot be a claim's "
        "address; rename the file to 'bad-name.yaml' (lowercase letters, digits and hyphens)"]


def test_every_problem_of_every_file_in_one_run(site: Path, settings: Settings) -> None:
    (site / "claims" / "a.yaml").write_text(change("verdict: \"true\"", "verdict: nope"))
    (site / "claims" / "b.yaml").write_text("claim: [unclosed\n")
    (site / "claims" / "c.yaml").write_text(change("published: 2017-02-03", "published: x")
                                            .replace("auth", "writer_"))
    project = load_project(site, settings, today=TODAY)
    assert sorted({p.path for p in project.problems}) == [
        "claims/a.yaml", "claims/b.yaml", "claims/c.yaml"]
    assert len(project.problems) == 5
    assert len(project.claims) == 3  # the fixture's good claims still load


def test_seed_without_metadata(site: Path, settings: Settings) -> None:
    (site / "seeds" / "orphan.txt").write_text("Some text.\n")
    project = load_project(site, settings, today=TODAY)
    assert [str(p) for p in project.problems] == [
        "seeds/orphan.txt:1: file: has no metadata; create seeds/orphan.yaml with its title, "
        "publisher, date and url"]


def test_seed_metadata_is_validated(site: Path, settings: Settings) -> None:
    (site / "seeds" / "other.txt").write_text("Some text.\n")
    (site / "seeds" / "other.yaml").write_text("title: T\npublisher: P\ndate: 2017-13-01\n"
                                               "url: ftp://x\nends_with: nowhere\n")
    project = load_project(site, settings, today=TODAY)
    assert sorted(str(p) for p in project.problems) == [
        "seeds/other.yaml:3: date: '2017-13-01' is not a real date; check the day and the month",
        "seeds/other.yaml:4: url: 'ftp://x' is not a web address; start it with https:// and "
        "leave no spaces in it",
        "seeds/other.yaml:5: ends_with: does not occur in seeds/other.txt; copy the document's "
        "last words exactly",
    ]


def test_seed_text_ends_where_the_article_ends(site: Path, settings: Settings) -> None:
    seed = load_project(site, settings, today=TODAY).seeds["press-herald-2017-02-01"]
    assert seed.text.endswith("federal investigation and interference.”")
    assert "subscribe" not in seed.text


def test_clean_values(site: Path, settings: Settings) -> None:
    project = load_project(site, settings, today=TODAY)
    claim = {c.id: c for c in project.claims}["lepage-called-portland-sanctuary-city"]
    assert claim.verdict.label == "True"
    assert claim.published.isoformat() == "2017-02-03"
    assert claim.tags == ("sanctuary-cities", "maine")
    assert claim.quote_span is not None
    seed = project.seeds["press-herald-2017-02-01"]
    assert seed.text[slice(*claim.quote_span)] == claim.quote
