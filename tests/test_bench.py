"""The benchmark: its synthetic archive is made of valid claims, the same every time, and
bench/bench.py runs from start to end and prints its whole table."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import Settings
from generator.project import load_project
from tests.conftest import FIXTURE, TODAY

BENCH = Path(__file__).parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from synth import make_claims  # noqa: E402


def test_synthetic_claims_are_valid_and_repeatable(tmp_path: Path, settings: Settings) -> None:
    project = make_claims(60)
    assert make_claims(60) == project
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    shutil.rmtree(root / "claims")
    (root / "claims").mkdir()
    for name, text in project.claims.items():
        (root / "claims" / name).write_text(text, encoding="utf-8")
    for name, text in project.seeds.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    loaded = load_project(root, settings, today=TODAY)
    assert loaded.problems == []
    assert len(loaded.claims) == 60
    assert {c.verdict.key for c in loaded.claims} == {r.key for r in settings.ratings}
    assert sum(1 for c in loaded.claims if c.quote_span) == 12  # one in five quotes a seed
    assert 280 <= sum(len(c.body.split()) for c in loaded.claims) / 60 <= 330  # about 300 words
    assert all(len(c.sources) == 3 for c in loaded.claims)


#: The rows of the benchmark's table, each with what its figure looks like (not its value).
TABLE_ROWS = {
    "generator: load (read + parse)": r"\d+\.\d\d s",
    "generator: validate": r"\d+\.\d\d s",
    "generator: render": r"\d+\.\d\d s",
    "factcheck plugin, all events in the build": r"\d+\.\d\d s",
    # Each the median of three cold builds, the two projects built in turns.
    "full build (factcheck), cold": r"\d+\.\d s \(median of \d+\.\d, \d+\.\d, \d+\.\d s\)",
    "full build (baseline)": r"\d+\.\d s \(median of \d+\.\d, \d+\.\d, \d+\.\d s\)",
    "cold build / baseline": r"\d+\.\d\d",
    "warm build: one claim changed":
        r"\d+\.\d s \(median of \d+\.\d, \d+\.\d, \d+\.\d s; [\d,]+ of [\d,]+ pages kept; "
        r"\d+\.\d s with the memory sampler\)",
    "peak memory, all processes (factcheck), cold / warm": r"\d+ MB / \d+ MB",
    "peak memory, MkDocs' process (factcheck), cold / warm": r"\d+ MB / \d+ MB",
    "output bytes per claim (factcheck)": r"[\d,]+",
    "mean claim page": r"[\d,]+ B",
    "largest page (factcheck)": r"[\d,]+ B \(.+\.html\)",
    "search index on disk (factcheck)": r"\d+\.\d\d MB",
    # At 20 claims a query may find nothing: the table says so beside the worst time.
    "search: last key to first result (factcheck), worst query":
        r"\d+\.\d\d s( \(no result for \d+ of \d+\))?",
    "search: bytes downloaded (factcheck), worst query": r"\d+\.\d\d MB",
    "search: last key to first result (baseline, Material default), worst query":
        r"\d+\.\d\d s( \(no result for \d+ of \d+\))?",
    "preview: save to served page (worst of 3)": r"\d+\.\d\d s",
    "preview: last save to every page up to date": r"\d+\.\d\d s",
}


@pytest.mark.browser  # its search figures come from headless Chromium
def test_the_benchmark_runs_end_to_end(site: Path, tmp_path: Path) -> None:
    """bench/bench.py at a tiny N, on a project with theme overrides: every figure is there."""
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n",
                                                 "  font: false\n  custom_dir: overrides\n"))
    (site / "overrides" / "partials").mkdir(parents=True)
    (site / "overrides" / "partials" / "copyright.html").write_text(
        '<div class="md-copyright">Bench override</div>\n')
    work = tmp_path / "work"
    result = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--n", "20", "--project", str(site),
         "--work", str(work), "--keep", "--markdown"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {}
    for line in result.stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2:
            rows[cells[0]] = cells[1]
    assert rows["figure"] == "N = 20"
    for name, shape in TABLE_ROWS.items():
        assert re.fullmatch(shape, rows[name]), (name, rows.get(name))
    for name in ("full build (factcheck), cold", "full build (baseline)"):
        figure, *runs = map(float, re.findall(r"\d+\.\d", rows[name]))
        assert figure == sorted(runs)[1], (name, rows[name])
    # The projects it measured kept the theme's overrides, and hold the 20 claims.
    built = work / "n20" / "factcheck" / "site"
    assert "Bench override" in (built / "index.html").read_text(encoding="utf-8")
    assert len(list((work / "n20" / "factcheck" / "claims").glob("*.yaml"))) == 20


@pytest.mark.usefixtures("isolated_git")
def test_the_history_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    """bench/history.py on a tiny synthetic repository: the history it reads is whole."""
    result = subprocess.run(
        [sys.executable, str(BENCH / "history.py"), "--claims", "20", "--commits", "120",
         "--work", str(tmp_path), "--warm-runs", "1", "--per-file", "1"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    runs = [json.loads(line.split(":", 1)[1]) for line in result.stdout.splitlines()
            if line.startswith(("cold (no cache):", "warm (cache):"))]
    assert len(runs) == 2
    cold, warm = runs
    assert cold["claims"] == 20 and cold["note"] == ""
    assert cold["changes"] > 0 and cold["smaller_edits"] > 0
    # The second run reads what the first kept, and finds the same history.
    assert {k: warm[k] for k in ("claims", "changes", "smaller_edits", "warnings")} == \
        {k: cold[k] for k in ("claims", "changes", "smaller_edits", "warnings")}
    assert "history pass, cold:" in result.stdout
    assert (tmp_path / "repo-20-120" / ".cache" / "factcheck" / "history.json").is_file()


def test_a_search_that_found_nothing_in_time_is_a_figure_of_the_table() -> None:
    import bench

    def searched(*times: float | None) -> dict[str, object]:
        runs = [{"query": f"q{i}", "first_result_s": t, "search_bytes": 1000, "results_shown": 0,
                 "requests": 1, "largest": []} for i, t in enumerate(times)]
        found = [t for t in times if t is not None]
        return {"runs": runs, "worst_s": max(found) if found else None, "worst_bytes": 1000,
                "no_result": [r["query"] for r in runs if r["first_result_s"] is None],
                "patience_s": 10}

    rows = {}
    for n, figures in ((10, searched(0.25, None)), (20, searched(None, None))):
        for line in bench.table([{"n": n, "search": figures}]).splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.setdefault(cells[0], []).append(cells[1])
    assert rows["search: last key to first result (factcheck), worst query"] == [
        "0.25 s (no result for 1 of 2)", "no result in 10 s for any of 2"]
