"""The benchmark's synthetic archive is made of valid claims, the same every time."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator.model import Settings
from generator.project import load_project
from tests.conftest import FIXTURE, TODAY

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))

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
