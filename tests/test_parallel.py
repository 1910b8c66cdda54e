"""Generated pages rendered by forked processes (generator/parallel.py) are the pages MkDocs'
own process renders, byte for byte: a real build of a few hundred synthetic claims, each way."""

from __future__ import annotations

from pathlib import Path

from generator.parallel import FEWEST
from tests.conftest import synthetic_site
from tests.test_build_cache import files_of, run_build


def _project(root: Path, processes: int) -> Path:
    synthetic_site(root, FEWEST)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - factcheck:\n", f"  - factcheck:\n      processes: {processes}\n      cache: false\n"),
        encoding="utf-8")
    return root


def test_pages_rendered_by_other_processes_are_the_same(tmp_path: Path) -> None:
    forked = _project(tmp_path / "forked", processes=2)
    alone = _project(tmp_path / "alone", processes=1)
    log = run_build(forked)
    assert "pages rendered by 2 processes" in log
    assert "rendered by" not in run_build(alone)
    made = files_of(forked / "site")
    assert len([p for p in made if p.startswith("claims/")]) > FEWEST
    assert made == files_of(alone / "site")
