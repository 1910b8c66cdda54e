"""Property tests of `factcheck import`: any spreadsheet row becomes a claim file that
`factcheck check` accepts but for what is left to write, or a clean `FILE:line: column:
message`; any text survives the trip into a claim file."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from generator.importing.claim_file import canonical, claim_lines, comment_text
from generator.importing.cleaning import clean_record
from generator.importing.plan import Planner
from generator.importing.tables import read_table
from generator.importing.verdicts import VerdictTable
from generator.load import parse_yaml
from generator.model import Settings
from generator.project import check_claim_text
from tests.conftest import TODAY
from tests.test_properties import NASTY

PROBLEM = re.compile(r"^rows\.csv:[1-9]\d*: [^\n]+?: [^\n]+$")
COLUMNS = ["Claim", "speaker", "Role", "claimant_type", "Date", "Rating", "summary",
           "Explanation", "Source URL", "source title", "source_date", "source_kind", "Tags",
           "Checked by", "reviewer", "published", "updated", "related", "original_url",
           "language", "quote", "id", "corrections", "status"]
SAMPLES = ["2017-02-01", "2017-02-30", "2017-02-01T10:00:00Z", "1/2/2017", "https://ex.org/a",
           "javascript:alert(1)", "True", "Pants on Fire!", "Faux", "person", "organisation",
           "fr", "pt-BR", "no", "draft", "a-slug", "2017-02-05: A note.\nSecond line.",
           "a, b; c", "x\ny", "'=1+1", "=cmd", "\ufeff", "\x00", "\x85", "\u2028", "\udcff",
           "  ", "#", "# not a comment", '"', "key: value", "- item", "|", ">", "&a *b", "!!str"]
cell = st.one_of(st.sampled_from(SAMPLES), st.text(max_size=30),
                 st.lists(st.sampled_from(NASTY) | st.sampled_from(SAMPLES), max_size=5)
                 .map("".join))
tables = st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=10, unique=True).flatmap(
    lambda header: st.tuples(st.just(["Claim", *header] if "Claim" not in header else header),
                             st.lists(st.lists(cell, min_size=len(header) + 1,
                                               max_size=len(header) + 1),
                                      min_size=1, max_size=4)))


@pytest.fixture(scope="module")
def empty_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("desk")
    (root / "claims").mkdir()
    return root


def as_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(row[: len(header)] for row in rows)
    return out.getvalue()


@hsettings(max_examples=250, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables)
def test_any_row_gives_a_valid_claim_file_or_a_clean_message(
        table: tuple[list[str], list[list[str]]], settings: Settings,
        empty_project: Path) -> None:
    header, rows = table
    text = as_csv(header, rows).replace("\x00", "")  # NUL: the whole file is refused
    records, problems = read_table(text, "rows.csv")
    verdicts = VerdictTable.build(settings.ratings)
    planner = Planner(empty_project, settings, {}, TODAY, publish=True)
    plan = planner.plan([clean_record(r, verdicts) for r in records])
    for problem in problems + plan.problems + plan.notes:
        assert PROBLEM.match(str(problem)), problem
    for action in plan.actions:
        _, found = check_claim_text(action.path.stem, action.shown, action.text, settings, {},
                                    frozenset({a.path.stem for a in plan.actions}), TODAY)
        assert {p.field for p in found} == set(action.todo), action.text
        assert (action.status == "published") == (not found)
    # Every row is written or reported; none disappears.
    reported = {p.line for p in problems + plan.problems + plan.notes}
    assert all(r.line in reported or any(a.record is r for a in plan.actions)
               for r in records)


texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@hsettings(max_examples=300, deadline=None)
@given(value=texts, note=texts)
def test_any_text_is_written_so_it_reads_back_the_same(value: str, note: str) -> None:
    values = {"claim": value, "body": value, "summary": None,
              "sources": [{"title": value, "url": None}],
              "corrections": [{"date": "2017-02-05", "note": value}], "verdict": None}
    lines = [f"# {comment_text(note)}", *claim_lines(values, {"verdict": comment_text(note)})]
    doc, problems = parse_yaml("\n".join(lines) + "\n", "x.yaml")
    assert problems == [] and doc is not None
    assert canonical(doc.data) == canonical(values)
