"""Generated pages rendered by forked processes (generator/parallel.py) are the pages MkDocs'
own process renders, byte for byte: a real build of a few hundred synthetic claims, each way."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator.parallel import FEWEST
from tests.conftest import FIXTURE
from tests.test_build_cache import files_of, run_build

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))

from synth import make_claims  # noqa: E402


def _project(root: Path, processes: int) -> Path:
    shutil.copytree(FIXTURE, root)
    synthetic = make_claims(FEWEST)
    for name, text in synthetic.claims.items():
        (root / "claims" / name).write_text(text, encoding="utf-8")
    for name, text in synthetic.seeds.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
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
