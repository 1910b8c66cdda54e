"""The JSON Schema of claim files: generated from the contract, committed, and in agreement
with the validator on a table of good and bad claim files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.json_schema import SCHEMA_PATH, claim_schema, dumps
from generator.load import parse_yaml
from generator.model import Settings
from generator.project import Project, load_project
from generator.ratings import DEFAULT_RATINGS
from generator.schema import STANDARD_RULES
from generator.validate import validate_claim
from tests.conftest import FIXTURE, TODAY, use_two_verdicts
from tests.test_cli import run

ROOT = Path(__file__).parent.parent
COMMITTED = ROOT / SCHEMA_PATH
TEMPLATE = ROOT / "generator" / "data" / "claim-template.yaml"

FULL = """\
claim: Gov. Paul LePage has criticized Portland as a sanctuary city.
claimant: Portland Press Herald
claimant_role: Newspaper
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
    publisher: Office of the Federal Register
    date: 2017-01-30
    archive_url: https://web.archive.org/web/2017/https://www.federalregister.gov/d/2017-02102
tags: [sanctuary-cities, maine]
author: Fact Desk
reviewer: Standards editor
published: 2017-02-03
updated: 2017-02-05
status: published
corrections:
  - date: 2017-02-05
    note: An earlier version misstated the date.
related: [lepage-called-portland-sanctuary-city]
"""

MINIMAL = """\
claim: Portland is a sanctuary city.
claimant: Paul LePage
verdict: half-true
summary: The short answer.
body: The reasoning.
sources:
  - title: A report
    url: https://example.org/report
author: Fact Desk
published: 2017-02-03
"""


EXCEPTION = """\
exceptions:
  - rule: primary_source
    reason: >-
      The order could not be obtained; its wording is known from reports.
"""


def change(old: str, new: str, base: str = FULL) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


# (name, claim file): both the schema and `factcheck check` accept it.
GOOD = [
    ("every field", FULL),
    ("required fields only", MINIMAL),
    ("verdict true unquoted, read as a boolean", change('verdict: "true"', "verdict: true")),
    ("verdict false unquoted", change("verdict: half-true", "verdict: false", MINIMAL)),
    ("a number as text", change("claimant: Portland Press Herald", "claimant: 1984")),
    ("optional fields left empty", change("reviewer: Standards editor", "reviewer:")
     .replace("tags: [sanctuary-cities, maine]", "tags:")
     .replace("    publisher: Office of the Federal Register", "    publisher:")),
    ("seed left empty needs no quote", change("seed: press-herald-2017-02-01", "seed:")
     .replace('quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary '
              'city."\n', "")),
    ("duplicate tags are dropped", change("[sanctuary-cities, maine]",
                                          "[maine, maine, 2017]")),
    ("draft", change("status: published", "status: draft")),
    ("quote over lines, straight quotes", change(
        'quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."',
        "quote: |\n  “Portland already has an ordinance in the books,”\n  Ali said.")),
    ("http and capitals in the address", change("url: https://www.federalregister.gov/",
                                                "url: HTTP://www.federalregister.gov/")),
    ("address with user, port, query and fragment", change(
        "url: https://www.federalregister.gov/d/2017-02102",
        "url: https://u@www.federalregister.gov:443/d/2017-02102?x=1#top")),
    ("sources in flow style", change(
        "sources:\n  - title: A report\n    url: https://example.org/report\n",
        "sources: [{title: A report, url: 'https://example.org/report'}]\n", MINIMAL)),
    ("body with markdown and html", change("body: The reasoning.",
                                           "body: |\n  <b>Bold</b> and *this*.\n\n  More.",
                                           MINIMAL)),
    ("the claim template", TEMPLATE.read_text(encoding="utf-8")),
    ("direction marks and a closed isolate", change(
        "claimant: Portland Press Herald",
        'claimant: "\u200fسامي الحداد\u200f \u2068Portland\u2069"')),
    ("tags in any script and case", change("[sanctuary-cities, maine]",
                                           "[bibliothèques, الهجرة, Maine]")),
    ("imported from another site, in another language", MINIMAL
     + "original_url: https://fullfact.org/economy/x/\nlanguage: pt-BR\n"),
    ("an exception to a standard", FULL + EXCEPTION),
]

# (name, claim file): both refuse it.
BAD = [
    ("misspelt field", change("author:", "auther:")),
    ("unknown field", FULL + "rating: 3\n"),
    ("misspelt source field", change("    publisher:", "    publsher:")),
    ("misspelt correction field", change("    note:", "    notes:")),
    ("missing required field", change("author: Fact Desk\n", "")),
    ("source without url", change("    url: https://www.federalregister.gov/d/2017-02102\n",
                                  "")),
    ("required field empty", change("claimant: Portland Press Herald", "claimant:")),
    ("source title empty", change("  - title: Executive Order 13768", "  - title:")),
    ("empty text", change("claimant: Portland Press Herald", 'claimant: ""')),
    ("blank text", change("claimant: Portland Press Herald", 'claimant: "   "')),
    ("direction override in text", change("claimant: Portland Press Herald",
                                          "claimant: Portland \u202ePress Herald")),
    ("claim too long", change("claim: Gov. Paul", "claim: " + "long " * 120 + "Gov. Paul")),
    ("text given as a list", change("claimant: Portland Press Herald", "claimant: [a, b]")),
    ("text given as true/false", change("claimant: Portland Press Herald", "claimant: yes")),
    ("unknown verdict", change('verdict: "true"', "verdict: mostly-flase")),
    ("verdict as a number", change('verdict: "true"', "verdict: 5")),
    ("unknown status", change("status: published", "status: publish")),
    ("status as true", change("status: published", "status: true")),
    ("impossible date", change("published: 2017-02-03", "published: 2017-02-30")),
    ("date in words", change("published: 2017-02-03", "published: Feb 3, 2017")),
    ("date as a number", change("published: 2017-02-03", "published: 20170203")),
    ("address without scheme", change("url: https://www.", "url: www.")),
    ("javascript address", change("url: https://www.federalregister.gov/d/2017-02102",
                                  "url: javascript:alert(1)")),
    ("ftp address", change("url: https://www.", "url: ftp://www.")),
    ("address with a space", change("d/2017-02102\n", "d/2017 02102\n")),
    ("address without host", change("url: https://www.federalregister.gov/d/2017-02102",
                                    "url: https:///d/2017-02102")),
    ("bad archive address", change("archive_url: https://web.archive.org/",
                                   "archive_url: web.archive.org/")),
    ("no sources", change("sources:\n  - title: A report\n    url: https://example.org/report\n",
                          "sources: []\n", MINIMAL)),
    ("sources as text", change(
        "sources:\n  - title: A report\n    url: https://example.org/report\n",
        "sources: https://example.org/report\n", MINIMAL)),
    ("empty source item", change("sources:\n", "sources:\n  -\n", MINIMAL)),
    ("source item as text", change("sources:\n", "sources:\n  - https://example.org\n",
                                   MINIMAL)),
    ("tag not a slug", change("[sanctuary-cities, maine]", "[Sanctuary Cities]")),
    ("tag with an underscore", change("[sanctuary-cities, maine]", "[a_b]")),
    ("an isolate never closed", change("claimant: Portland Press Herald",
                                       "claimant: Portland \u2067Press Herald")),
    ("a closing isolate alone", change("claimant: Portland Press Herald",
                                       "claimant: Portland \u2069Press Herald")),
    ("an embedding in text", change("claimant: Portland Press Herald",
                                    "claimant: Portland \u202bPress Herald")),
    ("only direction marks", change("claimant: Portland Press Herald",
                                    'claimant: "\u200f\u200e"')),
    ("empty tag", change("[sanctuary-cities, maine]", "[maine, null]")),
    ("negative number as tag", change("[sanctuary-cities, maine]", "[-1]")),
    ("tags as text", change("tags: [sanctuary-cities, maine]", "tags: sanctuary-cities")),
    ("too many tags", change("[sanctuary-cities, maine]",
                             "[" + ", ".join(f"t{i}" for i in range(31)) + "]")),
    ("related not a slug", change("[lepage-called-portland-sanctuary-city]", "[Other Claim]")),
    ("seed without quote", change(
        'quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."\n',
        "")),
    ("seed with empty quote", change(
        'quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."',
        "quote:")),
    ("correction without note", change("    note: An earlier version misstated the date.\n",
                                       "")),
    ("empty body block", change("body: The reasoning.", "body: |\n", MINIMAL)),
    ("language in words", MINIMAL + "language: Portuguese\n"),
    ("language as a boolean (no: Norwegian, unquoted)", MINIMAL + "language: no\n"),
    ("original address not on the web", MINIMAL + "original_url: ftp://example.org/x\n"),
    ("exception to an unknown rule", FULL + change("rule: primary_source",
                                                   "rule: primary_sources", EXCEPTION)),
    ("exception without a reason", FULL + EXCEPTION.split("    reason")[0]),
    ("exception with an empty reason", FULL + "exceptions:\n  - {rule: reviewer, reason: ''}\n"),
    ("exception with an unknown field", FULL + EXCEPTION + "    approved_by: Editor\n"),
    ("exceptions as text", FULL + "exceptions: primary_source\n"),
    ("file is a list", "- claim: x\n- claim: y\n"),
    ("file is text", "just some text\n"),
]

# (name, claim file, schema accepts, validator accepts, why they differ): intended.
DIFFERENT = [
    ("quote not in the seed", change("criticized Portland as being", "criticised Portland as"),
     True, False, "the schema cannot read the seed"),
    ("unknown seed", change("seed: press-herald-2017-02-01", "seed: press-herald-2017-02-02"),
     True, False, "the schema cannot see which seeds exist"),
    ("related claim missing", change("[lepage-called-portland-sanctuary-city]", "[nope]"),
     True, False, "the schema cannot see which claims exist"),
    ("related names itself", change("[lepage-called-portland-sanctuary-city]", "[x]"),
     True, False, "the schema does not know the file's name"),
    ("future date", change("updated: 2017-02-05", "updated: 2027-02-05"),
     True, False, "the schema does not know today's date"),
    ("claim made after the check", change("claim_date: 2017-02-01", "claim_date: 2017-02-04"),
     True, False, "JSON Schema cannot compare two fields"),
    ("updated before published", change("updated: 2017-02-05", "updated: 2017-02-01"),
     True, False, "JSON Schema cannot compare two fields"),
    ("spaces around a date", change("published: 2017-02-03", 'published: " 2017-02-03 "'),
     False, True, "the validator trims spaces; editors should still flag them"),
    ("isolates inside isolates", change("claimant: Portland Press Herald",
                                        'claimant: "\u2067a \u2066b\u2069 c\u2069"'),
     False, True, "a regular expression cannot count how deep isolates go"),
    ("a symbol in a tag", change("[sanctuary-cities, maine]", "[a★b]"),
     True, False, "the schema refuses only ASCII punctuation in a tag"),
]


@pytest.fixture(scope="module")
def fixture_project(settings: Settings) -> Project:
    project = load_project(FIXTURE, settings, today=TODAY)
    assert project.problems == []
    return project


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """The schema of the fixture's scale (the default one), as `factcheck schema` makes it."""
    schema = json.loads(dumps(claim_schema(DEFAULT_RATINGS)))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_accepts(validator: jsonschema.Draft202012Validator, text: str) -> bool:
    # Read the YAML as `factcheck check` does: dates stay text, as in editors.
    doc, problems = parse_yaml(text, "claims/x.yaml")
    assert doc is not None, problems
    return validator.is_valid(doc.data)


def validator_accepts(project: Project, settings: Settings, text: str) -> bool:
    doc, problems = parse_yaml(text, "claims/x.yaml")
    assert doc is not None, problems
    ids = frozenset({c.id for c in project.claims} | {"x"})
    claim, problems = validate_claim("x", "claims/x.yaml", doc, settings, project.seeds, ids,
                                     TODAY)
    return claim is not None and not problems


@pytest.mark.parametrize("text", [c[1] for c in GOOD], ids=[c[0] for c in GOOD])
def test_both_accept(validator: jsonschema.Draft202012Validator, fixture_project: Project,
                     settings: Settings, text: str) -> None:
    assert validator_accepts(fixture_project, settings, text)
    errors = [e.message for e in validator.iter_errors(parse_yaml(text, "x")[0].data)]
    assert errors == []


@pytest.mark.parametrize("text", [c[1] for c in BAD], ids=[c[0] for c in BAD])
def test_both_reject(validator: jsonschema.Draft202012Validator, fixture_project: Project,
                     settings: Settings, text: str) -> None:
    assert not validator_accepts(fixture_project, settings, text)
    assert not schema_accepts(validator, text)


@pytest.mark.parametrize(("text", "by_schema", "by_validator"), [c[1:4] for c in DIFFERENT],
                         ids=[c[0] for c in DIFFERENT])
def test_intended_differences(validator: jsonschema.Draft202012Validator,
                              fixture_project: Project, settings: Settings, text: str,
                              by_schema: bool, by_validator: bool) -> None:
    assert schema_accepts(validator, text) is by_schema
    assert validator_accepts(fixture_project, settings, text) is by_validator


def test_the_claims_of_a_newsroom_fit_the_schema_of_its_own_scale(newsroom: Path) -> None:
    project = newsroom
    result = run("schema", cwd=project)
    assert (result.returncode, result.stdout) == (0, "Wrote schema/claim.schema.json.\n")
    schema = json.loads((project / SCHEMA_PATH).read_text(encoding="utf-8"))
    assert schema["properties"]["verdict"]["enum"] == [
        "accurate", "mixed", "inaccurate", "no-evidence"]
    validator = jsonschema.Draft202012Validator(schema)
    claims = sorted((project / "claims").glob("*.yaml"))
    assert len(claims) > 5
    wrong = {p.name: [e.message for e in validator.iter_errors(
        parse_yaml(p.read_text(encoding="utf-8"), p.name)[0].data)] for p in claims}
    assert {k: v for k, v in wrong.items() if v} == {}
    assert schema_accepts(validator, FULL) is False  # "true" is not on its scale


def test_schema_is_valid_draft_2020_12() -> None:
    schema = claim_schema(DEFAULT_RATINGS)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["verdict"]["enum"] == [
        *(r.key for r in DEFAULT_RATINGS), True, False]
    assert schema["properties"]["sources"]["items"]["additionalProperties"] is False
    assert schema["properties"]["claim"]["description"] == "The claim as checked, in one sentence."
    rule = schema["properties"]["exceptions"]["items"]["properties"]["rule"]
    assert rule["enum"] == list(STANDARD_RULES)


def test_schema_command_writes_the_site_scale_and_notices_drift(site: Path) -> None:
    use_two_verdicts(site)
    result = run("schema", cwd=site)
    assert (result.returncode, result.stdout) == (0, "Wrote schema/claim.schema.json.\n")
    written = json.loads((site / SCHEMA_PATH).read_text(encoding="utf-8"))
    assert written["properties"]["verdict"]["enum"] == ["accurate", "inaccurate"]
    (site / SCHEMA_PATH).write_text("{}\n")
    result = run("schema", "--check", cwd=site)
    assert (result.returncode, result.stderr) == (1, "Error: schema/claim.schema.json is out "
                                                     "of date; run `factcheck schema` to write "
                                                     "it\n")
    assert (site / SCHEMA_PATH).read_text() == "{}\n"


def test_editors_find_the_schema() -> None:
    first = TEMPLATE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/claim.schema.json"
    # A claim file made from the template sits in claims/; the path is relative to it.
    assert (ROOT / "claims" / first.split("=", 1)[1]).resolve() == COMMITTED.resolve()
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schema/claim.schema.json": ["claims/*.yaml"]}


def test_yaml_quirks_match_the_loader() -> None:
    """The agreement above holds for values as the project's loader reads them."""
    doc, _ = parse_yaml("published: 2017-02-03\nverdict: true\n", "x")
    assert doc is not None
    assert doc.data == {"published": "2017-02-03", "verdict": True}
    assert yaml.safe_load("published: 2017-02-03")["published"] != "2017-02-03"


def test_check_reports_a_stale_schema_with_its_fix(site: Path) -> None:
    """A newsroom that changes its scale and forgets `factcheck schema` is told by the
    whole-project check, with the command that fixes it; a project without the file is not."""
    assert run("check", cwd=site).returncode == 0  # no schema/ folder: nothing to keep
    assert run("schema", cwd=site).returncode == 0
    assert run("check", cwd=site).returncode == 0
    path = site / SCHEMA_PATH
    written = json.loads(path.read_text(encoding="utf-8"))
    written["properties"]["verdict"]["enum"].remove("opinion")
    path.write_text(json.dumps(written), encoding="utf-8")
    result = run("check", cwd=site)
    assert (result.returncode, result.stdout) == (1, (
        "schema/claim.schema.json:1: file: lists other verdicts than the rating scale in "
        "mkdocs.yml (true, mostly-true, half-true, mostly-false, false, misleading, "
        "unproven, opinion), so editors mark valid verdicts as wrong; run `factcheck schema` "
        "to rewrite it\n1 problem in 1 file; fix it and run `factcheck check` again.\n"))
    # Checking named files is about those files only.
    assert run("check", "claims", cwd=site).returncode == 0
    assert run("schema", cwd=site).returncode == 0
    assert run("check", cwd=site).returncode == 0
