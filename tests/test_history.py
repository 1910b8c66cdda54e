"""Each verdict's history from git: one pass over a real repository the test makes, and
what the built pages, the corrections log and the feed say of it."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import git_history
from generator.git_history import CACHE_PATH, HistoryReader
from generator.git_log import Change, Commit
from generator.history import ClaimHistory, Entry, build_history, snapshot
from generator.model import Settings
from generator.project import load_project
from tests.conftest import TODAY
from tests.git_story import BIRMINGHAM, LEPAGE, NOTE, RENAMED, commit, edit, git, make_story
from tests.test_build import build, html, text_of

pytestmark = pytest.mark.usefixtures("isolated_git")

JAN = {day: dt.date(2026, 1, day) for day in range(1, 32)}


@pytest.fixture
def story(site: Path) -> tuple[Path, dict[str, str]]:
    return site, make_story(site)


def page_text(site: Path, page: str) -> str:
    """A built page's words, as a reader reads them (no space before a full stop)."""
    text = text_of(html(site, page)).replace(" &para;", "")
    return re.sub(r" ([.:,])(?= |$)", r"\1", text)


def read(root: Path, settings: Settings, **options: bool) -> dict[str, ClaimHistory]:
    project = load_project(root, settings, today=TODAY)
    history = HistoryReader(root, settings).read(project.claims, TODAY, **options)
    return history.claims


def test_one_pass_gives_each_claim_its_history(story: tuple[Path, dict[str, str]],
                                               settings: Settings) -> None:
    root, ids = story
    assert read(root, settings) == {
        "lepage-called-portland-sanctuary-city": ClaimHistory(
            (Entry(JAN[10], ids["lepage"][:7], NOTE, verdict=("true", "mostly-true"),
                   correction=("2026-01-10", NOTE)),), JAN[5]),
        "birmingham-passed-sanctuary-resolution": ClaimHistory(
            (Entry(JAN[12], ids["birmingham"][:7],
                   "Birmingham: the resolution had no force of law",
                   verdict=("mostly-true", "half-true")),), JAN[5]),
        # Renamed on the 15th: its history goes back to when it was published.
        "strimling-says-order-is-broad": ClaimHistory(
            (Entry(JAN[18], ids["source"][:7], "Strimling: cite section 9",
                   added=(("https://www.whitehouse.gov/eo-13768#sec9",
                           "Section 9 of the order"),)),), JAN[5], smaller_edits=1),
    }


def test_the_second_build_reads_only_new_commits(story: tuple[Path, dict[str, str]],
                                                 settings: Settings) -> None:
    root, _ = story
    first = read(root, settings)
    cache = root / CACHE_PATH
    assert json.loads(cache.read_text())["commits"]
    assert read(root, settings) == first  # from the cache
    edit(root / LEPAGE, "verdict: mostly-true", "verdict: half-true")
    later = commit(root, "LePage: half true", "2026-01-25")
    after = read(root, settings)
    assert after["lepage-called-portland-sanctuary-city"].entries[0] == Entry(
        JAN[25], later[:7], "LePage: half true", verdict=("mostly-true", "half-true"))
    assert later in json.loads(cache.read_text())["commits"]
    cache.write_text("{not json")  # a broken cache is read again from git
    assert read(root, settings) == after


def test_a_merged_branch_is_dated_by_its_merge_and_the_merge_own_changes_count(
        story: tuple[Path, dict[str, str]], settings: Settings) -> None:
    """A branch's work reaches the site when it is merged: the history follows main's own
    line, dates the changes by the merge and gives its pull request's title as the reason,
    and a corrections entry written while resolving the merge answers for the change."""
    root, ids = story
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "--no-commit", "desk")
    (root / BIRMINGHAM).write_text((root / BIRMINGHAM).read_text(encoding="utf-8").replace(
        "corrections:\n", "corrections:\n  - date: 2026-01-25\n    note: Rated again.\n"),
        encoding="utf-8")
    merged = commit(root, "Merge pull request #7 from newsroom/desk\n\nJanuary's re-ratings",
                    "2026-01-25")
    found = read(root, settings)
    assert found["birmingham-passed-sanctuary-resolution"] == ClaimHistory(
        (Entry(JAN[25], merged[:7], "Rated again.", verdict=("mostly-true", "half-true"),
               correction=("2026-01-25", "Rated again.")),), JAN[5])
    assert found["lepage-called-portland-sanctuary-city"] == ClaimHistory(
        (Entry(JAN[25], merged[:7], NOTE, verdict=("true", "mostly-true"),
               correction=("2026-01-10", NOTE)),), JAN[5])
    assert found["strimling-says-order-is-broad"].entries[0].reason == "January's re-ratings"
    assert ids["birmingham"][:7] not in repr(found)

    edit(root / "mkdocs.yml", "      per_page: 2\n",
         "      per_page: 2\n      standards:\n        verdict_change_needs_correction: error\n")
    result = run_check(root)
    assert (result.returncode, result.stdout) == (0, "Checked 3 claims and 1 seed: no problems.\n")


def test_git_read_side_by_side_gives_the_same_history(
        story: tuple[Path, dict[str, str]], settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = story
    alone = read(root, settings)
    (root / CACHE_PATH).unlink()
    monkeypatch.setattr(git_history, "COMMITS_PER_PROCESS", 2)
    monkeypatch.setattr(git_history.os, "cpu_count", lambda: 3)
    assert read(root, settings) == alone  # 8 commits read by three git processes


def test_built_pages_show_the_history(story: tuple[Path, dict[str, str]]) -> None:
    root, ids = story
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    lepage = page_text(site, "claims/lepage-called-portland-sanctuary-city")
    assert ("History January 10, 2026: Verdict changed from True to Mostly true. Why: "
            f"{NOTE} January 5, 2026: First published. Checked by") in lepage
    birmingham = page_text(site, "claims/birmingham-passed-sanctuary-resolution")
    assert ("History January 12, 2026: Verdict changed from Mostly true to Half true. "
            "Why: Birmingham: the resolution had no force of law January 5, 2026: First "
            "published. Checked by") in birmingham
    renamed = page_text(site, "claims/strimling-says-order-is-broad")
    assert ("History January 18, 2026: Source added: Section 9 of the order. Why: "
            "Strimling: cite section 9 January 5, 2026: First published. Also 1 smaller "
            "edit, not listed. Checked by") in renamed
    assert 'href="https://www.whitehouse.gov/eo-13768#sec9"' in html(
        site, "claims/strimling-says-order-is-broad")

    log = page_text(site, "corrections") + page_text(site, "corrections/page/2")
    assert re.findall(r"\w+ \d+, \d{4}: .*?(?= \w+ \d+, \d{4}:| Page \d| ← Newer)", log) == [
        "January 12, 2026: Half true Birmingham's city council passed a resolution declaring "
        "the city a sanctuary city. — Verdict changed from Mostly true to Half true. "
        "Birmingham: the resolution had no force of law",
        f"January 10, 2026: Mostly true Gov. Paul LePage has criticized Portland as a "
        f"sanctuary city. — Verdict changed from True to Mostly true. {NOTE}",
        "February 4, 2017: Half true Birmingham's city council passed a resolution declaring "
        "the city a sanctuary city. — An earlier version gave the wrong day of the vote.",
    ]

    feed = (site / "feed.xml").read_text(encoding="utf-8")
    changes = re.findall(r"<entry>\s*<title>Verdict changed: (.*?)</title>\s*<id>(.*?)</id>"
                         r".*?<summary>(.*?)</summary>", feed, re.S)
    assert changes == [
        ("Birmingham's city council passed a resolution declaring the city a sanctuary city.",
         "https://factcheck.example.org/claims/birmingham-passed-sanctuary-resolution/"
         f"#verdict-{ids['birmingham'][:7]}",
         "Verdict changed from Mostly true to Half true. Birmingham: the resolution had no "
         "force of law"),
        ("Gov. Paul LePage has criticized Portland as a sanctuary city.",
         "https://factcheck.example.org/claims/lepage-called-portland-sanctuary-city/"
         f"#verdict-{ids['lepage'][:7]}",
         f"Verdict changed from True to Mostly true. {NOTE}"),
    ]
    assert feed.index("Verdict changed: Birmingham") < feed.index("<title>Gov. Paul LePage")


def test_a_claim_with_no_changes_gets_one_quiet_line(story: tuple[Path, dict[str, str]]
                                                     ) -> None:
    root, _ = story
    git(root, "checkout", "-q", "main")
    assert build(root).returncode == 0
    page = page_text(root / "site", "claims/lepage-called-portland-sanctuary-city")
    assert "History" not in page
    assert "sanctuary-cities · maine First published January 5, 2026. Checked by" in page


def test_a_shallow_clone_says_its_history_is_incomplete(
        story: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root, _ = story
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "desk", root.as_uri(),
        str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository") == "true"
    result = build(shallow)
    assert result.returncode == 0, result.stderr
    assert "factcheck: this is a shallow clone, so the history of the claims is incomplete" \
        in result.stderr
    for page in ("lepage-called-portland-sanctuary-city", "strimling-says-order-is-broad"):
        text = page_text(shallow / "site", f"claims/{page}")
        assert "First published" not in text
        assert "Earlier history is not available in this build. Checked by" in text


def test_without_git_or_outside_a_repository_there_is_no_history(
        site: Path, tmp_path: Path) -> None:
    result = build(site)  # the fixture's copy is in no repository
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("so the claims have no history") == 1
    assert "factcheck: the project is not in a git repository, so the claims have no " \
           "history" in result.stderr
    page = page_text(site / "site", "claims/lepage-called-portland-sanctuary-city")
    assert "History" not in page and "First published" not in page

    make_story(site)
    empty = tmp_path / "no-git"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "factcheck: git is not installed (or not on PATH), so the claims have no " \
           "history" in done.stderr
    page = page_text(site / "site", "claims/lepage-called-portland-sanctuary-city")
    assert "History" not in page and "First published" not in page


def test_uncommitted_changes_are_marked_in_the_preview_only(
        story: tuple[Path, dict[str, str]]) -> None:
    from tests.test_serve import Server

    root, _ = story
    edit(root / RENAMED, "verdict: opinion", "verdict: misleading")
    server = Server(root)
    try:
        server.wait_for("Serving on")
        served = server.get("claims/strimling-says-order-is-broad/")
    finally:
        server.stop()
    page = re.sub(r" ([.:,])(?= |$)", r"\1", text_of(served).replace(" &para;", ""))
    assert ("History November 25, 2026 (not yet committed): Verdict changed from Opinion "
            "to Misleading. January 18, 2026: Source added") in page
    assert build(root).returncode == 0
    built = page_text(root / "site", "claims/strimling-says-order-is-broad")
    assert ("History November 25, 2026: Verdict changed from Opinion to Misleading. "
            "January 18, 2026: Source added") in built


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()",
                           "check"], cwd=root, capture_output=True, text=True, timeout=120)


def test_check_warns_of_a_verdict_changed_without_a_correction(
        story: tuple[Path, dict[str, str]]) -> None:
    root, ids = story
    warning = (f"{BIRMINGHAM}:6: verdict: changed from mostly-true to half-true in "
               f"{ids['birmingham'][:7]} (2026-01-12) with no correction; add a corrections "
               "entry saying why")
    result = run_check(root)
    assert (result.returncode, result.stdout) == (
        0, f"{warning}\nChecked 3 claims and 1 seed: no problems, 1 warning.\n")
    assert build(root).returncode == 0  # a warning does not fail the build

    edit(root / "mkdocs.yml", "      per_page: 2\n",
         "      per_page: 2\n      standards:\n        verdict_change_needs_correction: error\n")
    result = run_check(root)
    assert (result.returncode, result.stdout) == (
        1, f"{warning}\n1 problem in 1 file; fix it and run `factcheck check` again.\n")
    failed = build(root)
    assert failed.returncode == 1 and warning in failed.stderr

    # A corrections entry added later answers for the change.
    (root / BIRMINGHAM).write_text((root / BIRMINGHAM).read_text(encoding="utf-8").replace(
        "corrections:\n", "corrections:\n  - date: 2026-01-21\n    note: Rated again.\n"),
        encoding="utf-8")
    commit(root, "Birmingham: say why", "2026-01-21")
    result = run_check(root)
    assert (result.returncode, result.stdout) == (
        0, "Checked 3 claims and 1 seed: no problems.\n")


# -- the history from versions, without git ------------------------------------------------

CLAIM = """\
claim: A claim.
verdict: {verdict}
summary: >-
  {summary}
body: {body}
sources:
{sources}
status: {status}
"""


def version(verdict: str = "'false'", summary: str = "No.", body: str = "Text.",
            sources: tuple[str, ...] = ("https://a.example/",), status: str = "published"
            ) -> str:
    return CLAIM.format(verdict=verdict, summary=summary, body=body, status=status,
                        sources="".join(f"  - {{title: T, url: '{u}'}}\n" for u in sources))


def history_of(*versions: tuple[str, str | None], shallow: bool = False) -> ClaimHistory:
    """The history of ``claims/x.yaml`` from its versions (subject, text), oldest first."""
    commits, snapshots, blob = [], {}, None
    for day, (subject, text) in enumerate(versions, 1):
        new = f"blob{day}" if text is not None else None
        if new and text is not None:
            snapshots[new] = snapshot(text)
        status = "A" if blob is None else ("D" if new is None else "M")
        change = Change(status, None if status == "A" else "claims/x.yaml",
                        None if status == "D" else "claims/x.yaml", blob, new)
        parents = () if day == 1 else (f"c{day - 1}",)
        commits.append(Commit(f"c{day}", parents, JAN[day], subject, (change,)))
        blob = new
    history = build_history(commits[::-1], snapshots, {"x": "claims/x.yaml"},
                            shallow=shallow)
    return history.claims["x"]


def test_changes_while_a_draft_are_not_listed_and_publishing_is_the_start() -> None:
    past = history_of(("Start", version(status="draft")),
                      ("Rate it", version(verdict="half-true", status="draft")),
                      ("Publish", version(verdict="half-true")),
                      ("Rewrap", version(verdict="half-true", summary="No.\n  ")),
                      ("Edit", version(verdict="half-true", body="Text, edited.")))
    assert past == ClaimHistory((), JAN[3], smaller_edits=2)


def test_summary_and_sources_changes_and_an_unreadable_version() -> None:
    past = history_of(("Publish", version()),
                      ("Broken", "verdict: [\n"),
                      ("Fix", version(summary="Not at all.",
                                      sources=("https://b.example/", "https://a.example/"))))
    assert past == ClaimHistory((Entry(JAN[3], "c3", "Fix", summary=True,
                                       added=(("https://b.example/", "T"),)),), JAN[1],
                                smaller_edits=1)


def test_a_shallow_start_hides_the_first_publication() -> None:
    past = history_of(("Boundary", version()), ("Rate", version(verdict="'true'")),
                      shallow=True)
    assert past == ClaimHistory((Entry(JAN[2], "c2", "Rate", verdict=("false", "true")),),
                                None, complete=False)


def test_generate_writes_the_history_into_the_pages(story: tuple[Path, dict[str, str]],
                                                    tmp_path: Path) -> None:
    root, _ = story
    out = tmp_path / "pages"
    done = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()",
                           "generate", "--out", str(out)], cwd=root, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page = (out / "claims" / "lepage-called-portland-sanctuary-city.md").read_text()
    assert "## History {: #history }\n\n- **January 10, 2026**: Verdict changed from " in page
    assert "- **January 5, 2026**: First published\\.\n" in page


@pytest.mark.parametrize(("record", "expected"), [
    (b":000000 100644 0 b A\0claims/x.yaml\0", ("A", None, "claims/x.yaml")),
    (b":100644 000000 a 0 D\0claims/x.yaml\0", ("D", "claims/x.yaml", None)),
    (b":100644 100644 a b R090\0claims/x.yaml\0claims/y.yaml\0",
     ("R", "claims/x.yaml", "claims/y.yaml")),
    # Moved in from elsewhere, or out: an addition, or a removal, of a claim.
    (b":100644 100644 a b R100\0drafts/x.yaml\0claims/x.yaml\0", ("A", None, "claims/x.yaml")),
    (b":100644 100644 a b R100\0claims/x.yaml\0old/x.yaml\0", ("D", "claims/x.yaml", None)),
    (b":100644 100644 a b C075\0claims/x.yaml\0claims/y.yaml\0",
     ("A", None, "claims/y.yaml")),
    (b":100644 100644 a b M\0seeds/x.yaml\0", None),
    (b":100644 100644 a b M\0claims/caf\xe9.yaml\0", ("M", "claims/caf\udce9.yaml",
                                                    "claims/caf\udce9.yaml")),
])
def test_git_raw_records_become_changes_of_claims(
        record: bytes, expected: tuple[str, str | None, str | None] | None) -> None:
    from generator.git_log import parse_changes

    found = parse_changes(record, lambda path: path.startswith("claims/"))
    assert [(c.status, c.old_path, c.new_path) for c in found] == (
        [expected] if expected else [])
