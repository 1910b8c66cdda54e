"""`factcheck import`, run as a newsroom runs it, on files shaped as real sites publish them.

Each fixture in ``tests/fixtures/import/`` is imported by the real command into a copy of
a small project that already holds one claim a person wrote; the files written and the
lines printed must be exactly those in ``tests/golden/import/<case>/``. Set
``UPDATE_GOLDEN=1`` to rewrite them after an intended change, and read the diff.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import Settings
from generator.project import load_project, settings_from_options
from tests.conftest import FIXTURE, TODAY
from tests.test_build import HOSTILE as HOSTILE_CLAIM

HERE = Path(__file__).parent
SOURCES = HERE / "fixtures" / "import"
HOSTILE = HERE / "fixtures" / "hostile"
GOLDEN = HERE / "golden" / "import"
FACTCHECK = [sys.executable, "-c", "from generator.cli import main; main()"]
HAND_WRITTEN = "claims/portland-is-a-sanctuary-city.yaml"


def factcheck(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*FACTCHECK, *args], cwd=project, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A small newsroom project with one claim a person wrote, and the fixture sources."""
    root = tmp_path / "desk"
    shutil.copytree(SOURCES / "project", root)
    for source in SOURCES.iterdir():
        if source.is_file():
            shutil.copy(source, root / source.name)
    return root


def claim_files(project: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8")
            for p in sorted((project / "claims").glob("*.yaml"))}


CASES = {
    "politifact": ["politifact.html"],
    "fullfact": ["fullfact.html"],
    "afp-factuel": ["afp-factuel.html"],
    "graph": ["graph.json"],
    "factcheck-api": ["factcheck-api.json"],
    "spreadsheet": ["spreadsheet.csv"],
    "spreadsheet-published": ["spreadsheet.csv", "--publish"],
    "tsv": ["archive.tsv"],
}


TO_WRITE = re.compile(r"^(claims/[\w-]+\.yaml): (?:a new draft|new, published)"
                      r"(?:; to write: (.+))?$")
CHECK_LINE = re.compile(r"^(claims/[\w-]+\.yaml):\d+: ([^:]+): (is empty|is missing)[;,] ")


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_source_gives_its_golden_files_which_check_accepts_but_for_what_is_left(
        desk: Path, case: str) -> None:
    before = claim_files(desk)
    result = factcheck(desk, "import", *CASES[case])
    assert "Traceback" not in result.stdout + result.stderr
    printed = f"exit {result.returncode}\n{result.stdout}{result.stderr}"
    written = {name: text for name, text in claim_files(desk).items() if name not in before}
    golden = GOLDEN / case
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        (golden / "claims").mkdir(parents=True)
        (golden / "stdout.txt").write_text(printed, encoding="utf-8")
        for name, text in written.items():
            (golden / "claims" / name).write_text(text, encoding="utf-8")
    assert printed == (golden / "stdout.txt").read_text(encoding="utf-8")
    assert written == claim_files(golden)
    # Nothing a person wrote was touched.
    assert {n: t for n, t in claim_files(desk).items() if n in before} == before
    # `factcheck check` lists exactly what the import said is left to write, and no more.
    left = set()
    for line in result.stdout.splitlines():
        found = TO_WRITE.match(line)
        if found and found.group(2):
            left.update((found.group(1), field) for field in found.group(2).split(", "))
    check = factcheck(desk, "check")
    listed = set()
    for line in check.stdout.splitlines():
        if not re.match(r"^\S+:\d+: ", line):
            continue  # the summary, and the note naming the drafts
        found = CHECK_LINE.match(line)
        assert found, f"`factcheck check` found more than empty fields: {line}"
        listed.add((found.group(1), found.group(2)))
    assert listed == left
    assert check.returncode == (1 if left else 0)


def project_with(tmp_path: Path, claims: list[Path], seeds: list[Path]) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    for path in claims:
        shutil.copy(path, root / "claims" / path.name)
    for path in seeds:
        shutil.copy(path, root / "seeds" / path.name)
    return root


def loaded_claims(root: Path, settings: Settings) -> dict[str, object]:
    project = load_project(root, settings, today=TODAY)
    assert project.problems == []
    return {c.id: dataclasses.replace(c, path="") for c in project.claims}


# Every field, and what a spreadsheet would take for a formula at the start of each.
EVERY_FIELD = """\
claim: "=1+1 is what a spreadsheet would run"
claimant: "'=quoted already"
claimant_role: "''twice"
claimant_type: organization
claim_date: 2017-01-02
verdict: misleading
summary: "-5 degrees, said nobody."
body: |
  Line one.

  @mention and +plus, and a line ending in two spaces{SPACES}
  then this.
sources:
  - title: "First"
    url: https://a.example/x
    kind: primary
  - title: "Second, with a date"
    url: https://b.example/y
    publisher: "+B"
    date: 2017-01-02
    archive_url: https://web.archive.org/web/2017/https://b.example/y
    kind: secondary
corrections:
  - date: 2017-02-05
    note: |
      A two-line note.
      2017-02-06 is not the start of a correction.
  - date: 2017-02-04
    note: An earlier one.
tags: [a, b]
author: "@desk"
reviewer: "+editor"
published: 2017-02-03
updated: 2017-02-05
related: [hostile-claim]
original_url: https://elsewhere.example/check
language: pt-BR
""".format(SPACES="  ")


@pytest.mark.parametrize("publish", [True, False])
def test_export_then_import_gives_back_the_same_claims(tmp_path: Path, publish: bool) -> None:
    """Equivalent means: every claim loads, validated, to the same Claim value (all its
    fields, the quote's place in its seed included), but for its file's path, and for
    `status: draft` when imported without --publish."""
    settings = settings_from_options({})[0]
    # The fixture site, and the hostile claims: markup, quotes and formulas in every field.
    source = project_with(tmp_path, sorted((HOSTILE / "claims").glob("*.yaml")),
                          sorted((HOSTILE / "seeds").glob("*")))
    (source / "claims" / "hostile-claim.yaml").write_text(HOSTILE_CLAIM, encoding="utf-8")
    (source / "claims" / "every-field.yaml").write_text(EVERY_FIELD, encoding="utf-8")
    exported = factcheck(source, "export", "--format", "csv", "--out", "archive.csv")
    assert exported.returncode == 0, exported.stderr
    original = loaded_claims(source, settings)
    assert len(original) == 7
    shutil.rmtree(source / "claims")
    (source / "claims").mkdir()
    result = factcheck(source, "import", "archive.csv", *(["--publish"] if publish else []))
    assert result.returncode == 0, result.stdout
    again = loaded_claims(source, settings)
    if not publish:
        again = {k: dataclasses.replace(c, status="published") for k, c in again.items()}
    assert again == original


PAGE_WITHOUT_REVIEW = b"""<!doctype html><html><head>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Not a fact-check"}</script></head><body>Hello</body></html>
"""
BAD_FILES = [
    ("empty.csv", b"",
     "empty.csv:1: file: is empty; export the spreadsheet again, with its column names on "
     "the first line"),
    ("latin.csv", "claim,claimant\nCaf\u00e9 prices doubled.,Jo\n".encode("cp1252"),
     "latin.csv:2: file: is not UTF-8 text (byte 0xe9 cannot be read); save it as UTF-8 (in a "
     "spreadsheet, as \"CSV UTF-8\"), or name its encoding, e.g. --encoding cp1252 for Excel "
     "on Windows in Western Europe and the Americas"),
    ("book.csv", b"PK\x03\x04\x14\x00\x06\x00" + bytes(40),
     "book.csv:1: file: is a spreadsheet workbook (.xlsx or .ods), not CSV; save it from the "
     "spreadsheet as \"CSV UTF-8\" and import that"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
     "photo.csv:3: file: looks like a binary file, not text; give a CSV, JSON or HTML file"),
    ("notes.csv", b"Our notes on the week\nMore notes\n",
     "notes.csv:1: Our notes on the week: is not a column factcheck knows; say which field it "
     "holds with --map \"Our notes on the week=FIELD\" (e.g. summary, body, source_url), or "
     "leave it out with --map \"Our notes on the week=\""),
    ("header-only.csv", b"claim,claimant,rating\r\n",
     "header-only.csv:1: file: has column names but no rows; there is nothing to import"),
    ("no-claim.csv", b"speaker,rating\nJo,False\n",
     "no-claim.csv:1: claim: no column holds the claim (found 'speaker', 'rating'); name it "
     "'claim' or give --map \"COLUMN=claim\""),
    ("quotes.csv", b'claim,claimant\n"Unclosed quote,Jo\n',
     "quotes.csv:2: file: cannot be read as CSV from this line on (unexpected end of data); "
     "check the quotes on it"),
    ("broken.json", b'{"@type": "ClaimReview",\n "claimReviewed": "x",\n}',
     "broken.json:3: file: is not valid JSON: Expecting property name enclosed in double "
     "quotes (column 1); check that the file is complete and was saved as JSON"),
    ("empty.json", b"  \n",
     "empty.json:1: file: is empty; save the ClaimReview JSON again"),
    ("list.json", b'[{"@type": "WebSite", "name": "x"}]',
     "list.json:1: file: holds no ClaimReview (only WebSite); give a file holding ClaimReview "
     "JSON-LD, or the answer of the Fact Check Tools API"),
    ("article.html", PAGE_WITHOUT_REVIEW,
     "article.html:1: file: holds no ClaimReview (only NewsArticle); save the page of a "
     "single fact-check, from a site that marks its checks up for search engines"),
    ("empty.html", b"",
     "empty.html:1: file: is empty; save the fact-check's page again"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES,
                         ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_gets_one_clear_message(desk: Path, name: str, content: bytes,
                                           message: str) -> None:
    (desk / name).write_bytes(content)
    before = claim_files(desk)
    result = factcheck(desk, "import", name)
    assert result.returncode == 1
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == message
    assert lines[1].startswith("Imported 0 claims; 1 problem above")
    assert len(lines) == 2
    assert claim_files(desk) == before


def test_every_bad_row_is_reported_in_one_run_and_the_good_ones_written(desk: Path) -> None:
    rows = ["claim,claimant,claim_date,source_url,tags"]
    for i in range(1, 31):
        date = "2017-02-30" if i % 10 == 0 else f"2017-01-{i:02d}"
        url = "ftp://example.org/x" if i % 15 == 0 else f"https://example.org/{i}"
        rows.append(f"Claim number {i} is checked.,Speaker {i},{date},{url},Tag {i}")
    (desk / "many.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = factcheck(desk, "import", "many.csv")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if re.match(r"many\.csv:\d", line)]
    assert problems == [
        "many.csv:11: claim_date: '2017-02-30' is not a real date; check the day and the month",
        "many.csv:16: source_url: 'ftp://example.org/x' is not a web address; start it with "
        "https:// and leave no spaces in it",
        "many.csv:21: claim_date: '2017-02-30' is not a real date; check the day and the month",
        "many.csv:31: claim_date: '2017-02-30' is not a real date; check the day and the month",
        "many.csv:31: source_url: 'ftp://example.org/x' is not a web address; start it with "
        "https:// and leave no spaces in it",
    ]
    assert len(claim_files(desk)) == 1 + 26
    assert result.stdout.splitlines()[-1] == (
        "Imported 26 claims (26 as drafts, 0 published); 5 problems above: those records (or "
        "files) were not imported; fix them and run the import again, with --update.")


def test_never_overwrites_a_file(desk: Path) -> None:
    hand_written = (desk / HAND_WRITTEN).read_bytes()
    (desk / "mine.csv").write_text(
        "claim,claimant,rating\nPortland is a sanctuary city.,Paul LePage,False\n",
        encoding="utf-8")
    first = factcheck(desk, "import", "mine.csv")
    assert first.returncode == 0, first.stdout
    # The person's claim keeps its name: the import's, with the same words, is another.
    assert "claims/portland-is-a-sanctuary-city-2.yaml: a new draft" in first.stdout
    assert (desk / HAND_WRITTEN).read_bytes() == hand_written
    imported = (desk / "claims" / "portland-is-a-sanctuary-city-2.yaml").read_bytes()
    again = factcheck(desk, "import", "mine.csv")
    assert again.returncode == 1
    assert again.stdout.splitlines()[1] == (
        "mine.csv:2: row: was imported before, into claims/portland-is-a-sanctuary-city-2.yaml,"
        " which factcheck never replaces; run again with --update to bring in what changed")
    assert (desk / "claims" / "portland-is-a-sanctuary-city-2.yaml").read_bytes() == imported
    # An id given by the source is the file's name, or a clear message.
    (desk / "ids.csv").write_text(
        "id,claim,claimant\nportland-is-a-sanctuary-city,Something else,Jo\n"
        "new-one,One,Jo\nnew-one,Two,Jo\nNot A Slug,Three,Jo\n", encoding="utf-8")
    ids = factcheck(desk, "import", "ids.csv", "--update")
    assert ids.returncode == 1
    assert [line for line in ids.stdout.splitlines() if re.match(r"ids\.csv:\d", line)] == [
        "ids.csv:2: id: claims/portland-is-a-sanctuary-city.yaml already exists and was not "
        "imported from this record; give the record another id",
        "ids.csv:4: id: 'new-one' is the id of the record on line 3 too; give each its own",
        "ids.csv:5: id: 'Not A Slug' cannot be a claim's id; use lowercase letters, digits "
        "and hyphens",
    ]
    assert (desk / HAND_WRITTEN).read_bytes() == hand_written
    assert (desk / "claims" / "new-one.yaml").is_file()


SHEET = """claim,speaker,rating,summary,tags,source_url
Portland's budget grew 5%.,Kate Snyder,Half True,It grew 4.6%.,budget,https://example.org/a
Parking costs doubled.,Jo Smith,False,,parking,https://example.org/b
"""


def test_update_brings_in_changes_and_keeps_what_a_person_changed(desk: Path) -> None:
    (desk / "sheet.csv").write_text(SHEET, encoding="utf-8")
    assert factcheck(desk, "import", "sheet.csv").returncode == 0
    budget = desk / "claims" / "portlands-budget-grew-5.yaml"
    parking = desk / "claims" / "parking-costs-doubled.yaml"
    # The desk works on the files: a summary rewritten, a field filled in, a comment added.
    text = budget.read_text(encoding="utf-8")
    budget.write_text(text.replace('summary: "It grew 4.6%."', "summary: It grew 4.6%, "
                                   "by the city's own figures.  # checked by Ana")
                      .replace("author: # to write: who wrote the check", "author: Ana Ruiz"),
                      encoding="utf-8")
    # The source changes: a new rating and summary, another speaker, another tag.
    (desk / "sheet.csv").write_text(SHEET.replace("Half True,It grew 4.6%.,budget",
                                                  "Mostly True,It grew 4.7%.,city-budget")
                                    .replace("Jo Smith,False", "Joanna Smith,False"),
                                    encoding="utf-8")
    result = factcheck(desk, "import", "sheet.csv", "--update")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[1:] == [
        "claims/portlands-budget-grew-5.yaml: updated (verdict, tags); kept as a person "
        "changed it: summary",
        "claims/parking-costs-doubled.yaml: updated (claimant)",
        "Imported 0 claims; updated 2.",
    ]
    updated = budget.read_text(encoding="utf-8")
    assert 'verdict: "mostly-true"' in updated
    assert 'tags: ["city-budget"]' in updated
    assert "summary: It grew 4.6%, by the city's own figures.  # checked by Ana" in updated
    assert "author: Ana Ruiz" in updated
    assert 'claimant: "Joanna Smith"' in parking.read_text(encoding="utf-8")
    # Run again: nothing to do, nothing touched.
    again = factcheck(desk, "import", "sheet.csv", "--update")
    assert again.stdout.splitlines()[-1] == "Imported 0 claims; 2 already up to date."
    assert budget.read_text(encoding="utf-8") == updated


def test_update_leaves_files_no_import_made(desk: Path) -> None:
    (desk / "sheet.csv").write_text(SHEET, encoding="utf-8")
    assert factcheck(desk, "import", "sheet.csv").returncode == 0
    budget = desk / "claims" / "portlands-budget-grew-5.yaml"
    text = budget.read_text(encoding="utf-8")
    budget.write_text("\n".join(line for line in text.splitlines()
                                if not line.startswith("# factcheck-import:")) + "\n",
                      encoding="utf-8")
    mine = budget.read_bytes()
    (desk / "sheet.csv").write_text(SHEET.replace("Half True", "False"), encoding="utf-8")
    result = factcheck(desk, "import", "sheet.csv", "--update")
    assert result.returncode == 0
    # Without its mark the file is a person's: the record gets a file of its own.
    assert "claims/portlands-budget-grew-5-2.yaml: a new draft" in result.stdout
    assert budget.read_bytes() == mine


def test_dry_run_shows_what_would_be_written_and_writes_nothing(desk: Path) -> None:
    before = claim_files(desk)
    result = factcheck(desk, "import", "archive.tsv", "--dry-run")
    assert result.returncode == 0
    assert claim_files(desk) == before
    golden = claim_files(GOLDEN / "tsv")
    expected = ["archive.tsv: 2 rows; UTF-8, columns separated by tabs"]
    for name, todo in (("the-ferry-to-peaks-island-runs-every-hour.yaml",
                        "summary, body, author, published, sources[0].title"),
                       ("portland-gets-more-snow-than-bangor.yaml",
                        "summary, body, sources, author, published")):
        expected += [f"claims/{name}: would be a new draft; to write: {todo}",
                     *golden[name].splitlines()]
    expected.append("Would import 2 claims (2 as drafts, 0 published).")
    assert result.stdout.splitlines() == expected
    # An update, dry: the change is shown as a diff, and nothing is written.
    assert factcheck(desk, "import", "archive.tsv").returncode == 0
    (desk / "archive.tsv").write_text((desk / "archive.tsv").read_text().replace(
        "mostly-true", "true"), encoding="utf-8")
    written = claim_files(desk)
    dry = factcheck(desk, "import", "archive.tsv", "--update", "--dry-run")
    assert "-verdict: \"mostly-true\"\n+verdict: \"true\"" in dry.stdout
    assert claim_files(desk) == written


def test_the_same_fact_check_twice_is_imported_once(desk: Path) -> None:
    shutil.copy(desk / "politifact.html", desk / "saved-again.html")
    result = factcheck(desk, "import", "politifact.html", "saved-again.html")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[3:] == [
        "saved-again.html:10: ClaimReview: is the fact-check of politifact.html, line 10, "
        "again (the same address); it was imported once",
        "Imported 1 claim (1 as drafts, 0 published).",
    ]


def test_a_row_naming_a_row_that_is_not_imported_is_not_imported_either(desk: Path) -> None:
    # Row 2 names itself; row 3 names row 2, which cannot be written; row 4 names row 3.
    (desk / "chain.csv").write_text(
        "id,claim,related\n"
        "chain-a,The first claim is checked.,chain-a\n"
        "chain-b,The second claim is checked.,chain-a\n"
        "chain-c,The third claim is checked.,chain-b\n"
        "chain-d,The fourth claim is checked.,\n", encoding="utf-8")
    result = factcheck(desk, "import", "chain.csv")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if re.match(r"chain\.csv:\d", line)]
    assert [line.split(": ")[:2] for line in problems] == [
        ["chain.csv:2", "related"], ["chain.csv:3", "related"], ["chain.csv:4", "related"]]
    assert "names this claim itself" in problems[0]
    assert "there is no claim 'chain-a'" in problems[1]
    assert "there is no claim 'chain-b'" in problems[2]
    assert sorted(claim_files(desk)) == sorted([Path(HAND_WRITTEN).name, "chain-d.yaml"])


def test_a_row_marked_draft_stays_a_draft_with_publish(desk: Path) -> None:
    with (SOURCES / "spreadsheet.csv").open(encoding="utf-8-sig", newline="") as fh:
        header, complete = list(csv.reader(fh))[:2]
    with (desk / "held.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([[*header, "Status"], [*complete, "Draft"]])
    result = factcheck(desk, "import", "held.csv", "--publish")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[1] == (
        "claims/portland-spends-more-per-student-than-any-other-maine-city.yaml: a new draft")


WINDOWS_PAGE = ('<html><head><meta charset="windows-1252"><script type="application/ld+json">'
                '{"@type": "ClaimReview", "claimReviewed": "Caf\u00e9 prices doubled.", '
                '"reviewRating": {"alternateName": "Faux"}}</script></head></html>')


@pytest.mark.parametrize(("content", "suffix", "described"), [
    (WINDOWS_PAGE.encode("cp1252"), ".html",
     "1 ClaimReview; the encoding its <meta charset> declares"),
    ("claim\tclaimant\r\nA claim.\tJo\r\n".encode("utf-16"), ".txt",
     "1 row; UTF-16 (the file starts with its byte-order mark), columns separated by tabs"),
    (b"claim;claimant;rating\r\nUne affirmation.;Jo;Faux\r\n", ".csv",
     "1 row; UTF-8, columns separated by semicolons"),
    ("claim,claimant\nCaf\u00e9 prices doubled.,Jo\n".encode("cp1252"), ".csv",
     "1 row; cp1252, columns separated by commas"),
])
def test_encodings_and_separators_are_said(desk: Path, content: bytes, suffix: str,
                                           described: str) -> None:
    (desk / f"table{suffix}").write_bytes(content)
    args = ["--encoding", "cp1252"] if b"Caf\xe9" in content else []
    result = factcheck(desk, "import", f"table{suffix}", *args)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[0] == f"table{suffix}: {described}"
    assert any("Caf\u00e9" in text or "A claim." in text or "Une affirmation" in text
               for text in claim_files(desk).values())


def test_columns_are_mapped_by_hand_and_bad_maps_are_usage_errors(desk: Path) -> None:
    (desk / "notes.csv").write_text("Statement,Who,Notes,Internal\nThe sea is rising.,"
                                    "Jo,It is; slowly.,x1\n", encoding="utf-8")
    result = factcheck(desk, "import", "notes.csv", "--map", "Statement=claim", "--map",
                       "Who=claimant", "--map", "notes=summary", "--map", "INTERNAL=")
    assert result.returncode == 0, result.stdout
    text = (desk / "claims" / "the-sea-is-rising.yaml").read_text(encoding="utf-8")
    assert 'summary: "It is; slowly."' in text and "x1" not in text
    bad = factcheck(desk, "import", "notes.csv", "--map", "Notes=remarks")
    assert bad.returncode == 2
    assert "'remarks' in --map 'Notes=remarks' is not a field" in bad.stderr


VERDICTS = """\
# Our own labels.
"Four Pinocchios": "false"
"Mostly False":
"Pas vraiment": mostly-flase
"""


def test_the_newsrooms_verdict_file_is_read_over_the_shipped_one(desk: Path) -> None:
    (desk / "import-verdicts.yaml").write_text(VERDICTS, encoding="utf-8")
    bad = factcheck(desk, "import", "graph.json", "--verdicts", "import-verdicts.yaml")
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        "import-verdicts.yaml:4: \"Pas vraiment\": 'mostly-flase' is not a valid choice (did "
        "you mean 'mostly-false'?); use one of true, mostly-true, half-true, mostly-false, "
        "false, misleading, unproven, opinion; or leave it empty to map the label by hand",
        "Nothing was imported; fix the verdict file and run it again.",
    ]
    (desk / "import-verdicts.yaml").write_text(VERDICTS.replace("mostly-flase", "half-true"),
                                               encoding="utf-8")
    # Named in mkdocs.yml, as the plugin's setting.
    config = desk / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - factcheck\n", "  - factcheck:\n      import_verdicts: import-verdicts.yaml\n"))
    result = factcheck(desk, "import", "graph.json", "--date-format", "%B %d, %Y")
    assert result.returncode == 0, result.stdout
    files = claim_files(desk)
    # "Mostly False" is left for a person; "Four Pinocchios" is now false.
    assert "verdict: # imported verdict: \"Mostly False\" has no mapping" in \
        files["portland-cut-its-police-budget-by-a-third.yaml"]
    assert 'verdict: "false"\n' in files["spending-on-schools-went-up-every-year-since-2015.yaml"]
    assert "published: 2023-06-02" in files["the-budget-was-passed-without-a-public-hearing.yaml"]


def test_a_scale_of_the_newsrooms_own_leaves_other_keys_unmapped(desk: Path) -> None:
    config = desk / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - factcheck\n", """\
  - factcheck:
      ratings:
        - {key: correct, label: Correct, description: d, icon: material/check-circle,
           color: "#1a7f37", value: 2}
        - {key: wrong, label: Wrong, description: d, icon: material/close-circle,
           color: "#cf222e", value: 1}
"""))
    (desk / "scale.csv").write_text("claim,claimant,rating\nA.,Jo,Correct\nB.,Jo,False\n"
                                    "C.,Jo,wrong\n", encoding="utf-8")
    result = factcheck(desk, "import", "scale.csv")
    assert result.returncode == 0, result.stdout
    files = claim_files(desk)
    assert 'verdict: "correct"' in files["a.yaml"]
    # The shipped "False" names `false`, which this scale lacks: unmapped, not guessed.
    assert "verdict: # imported verdict: \"False\" has no mapping" in files["b.yaml"]
    assert 'verdict: "wrong"' in files["c.yaml"]


MICRODATA = """<!doctype html><html lang="es"><body>
<div itemscope itemtype="https://schema.org/ClaimReview">
  <meta itemprop="datePublished" content="2021-04-02">
  <link itemprop="url" href="https://chequeado.com/el-explicador/portland/">
  <span itemprop="claimReviewed">Portland prohibió los coches en el centro.</span>
  <div itemprop="itemReviewed" itemscope itemtype="https://schema.org/Claim">
    <div itemprop="author" itemscope itemtype="https://schema.org/Person">
      <span itemprop="name">Un usuario de Twitter</span></div>
  </div>
  <div itemprop="reviewRating" itemscope itemtype="https://schema.org/Rating">
    <span itemprop="alternateName">Falso</span></div>
  <div itemprop="author" itemscope itemtype="https://schema.org/Organization">
    <span itemprop="name">Chequeado</span></div>
</div></body></html>
"""


def test_a_claimreview_in_microdata_is_read_too(desk: Path) -> None:
    (desk / "chequeado.html").write_text(MICRODATA, encoding="utf-8")
    result = factcheck(desk, "import", "chequeado.html")
    assert result.returncode == 0, result.stdout
    text = claim_files(desk)["portland-prohibio-los-coches-en-el-centro.yaml"]
    for line in ('claim: "Portland prohibió los coches en el centro."',
                 'claimant: "Un usuario de Twitter"', 'verdict: "false"',
                 'author: "Chequeado"', "published: 2021-04-02",
                 'original_url: "https://chequeado.com/el-explicador/portland/"'):
        assert line in text.splitlines()


def test_a_claim_page_links_to_where_the_check_was_first_published(settings: Settings) -> None:
    from generator.claim_page import render_claim

    project = load_project(FIXTURE, settings, today=TODAY)
    claim = next(c for c in project.claims if c.id == "strimling-order-very-broad")
    link = "[Read this check where it was first published](https://fullfact.org/a_b/)"
    assert link not in render_claim(claim, None, {}, settings)
    moved = dataclasses.replace(claim, original_url="https://fullfact.org/a_b/")
    assert link in render_claim(moved, None, {}, settings)


def test_a_claim_in_another_language_says_so_in_its_claimreview(settings: Settings) -> None:
    from generator.structured import claim_review

    project = load_project(FIXTURE, settings, today=TODAY)
    claim = next(c for c in project.claims if c.id == "strimling-order-very-broad")
    assert claim_review(claim, None, settings, "u")["inLanguage"] == "en"
    french = dataclasses.replace(claim, language="fr")
    assert claim_review(french, None, settings, "u")["inLanguage"] == "fr"


def test_update_leaves_a_file_that_no_longer_reads_and_says_so(desk: Path) -> None:
    (desk / "sheet.csv").write_text(SHEET, encoding="utf-8")
    assert factcheck(desk, "import", "sheet.csv").returncode == 0
    parking = desk / "claims" / "parking-costs-doubled.yaml"
    parking.write_text(parking.read_text(encoding="utf-8").replace(
        'claimant: "Jo Smith"', "claimant: [Jo Smith"), encoding="utf-8")
    broken = parking.read_bytes()
    (desk / "sheet.csv").write_text(SHEET.replace("Jo Smith", "Joanna Smith"), encoding="utf-8")
    result = factcheck(desk, "import", "sheet.csv", "--update")
    assert result.returncode == 1
    assert "sheet.csv:3: row: claims/parking-costs-doubled.yaml cannot be read as a claim file " \
           "now; fix it (`factcheck check` says where) and run the import again" \
           in result.stdout.splitlines()
    assert parking.read_bytes() == broken
