"""The site builds with either engine: MkDocs (the default) or ProperDocs, the maintained
MkDocs 1.x fork (`make site ENGINE=properdocs`). A real strict build with each; the two
sites are the same but for the tag that names the engine."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.test_build_cache import files_of, reused, run_build

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture
def both(site: Path, tmp_path: Path) -> tuple[Path, Path]:
    other = tmp_path / "properdocs"
    shutil.copytree(site, other)
    return site, other


def test_properdocs_builds_the_same_site(both: tuple[Path, Path]) -> None:
    mkdocs_project, properdocs_project = both
    run_build(mkdocs_project)
    log = run_build(properdocs_project, engine="properdocs")
    assert "pages as built before" in log  # the factcheck plugin ran
    made_by_mkdocs = files_of(mkdocs_project / "site")
    made_by_properdocs = files_of(properdocs_project / "site")
    assert sorted(made_by_properdocs) == sorted(made_by_mkdocs)
    assert len([p for p in made_by_mkdocs if p.startswith("claims/")]) > 3
    differ = []
    for path, data in made_by_mkdocs.items():
        theirs = made_by_properdocs[path]
        if data == theirs:
            continue
        differ.append(path)
        assert path.endswith(".html"), path
        assert b"mkdocs-1." in data and b"mkdocs-ProperDocs 1." in theirs
        assert GENERATOR_TAG.sub(b"", data) == GENERATOR_TAG.sub(b"", theirs), path
    assert "claims/lepage-called-portland-sanctuary-city/index.html" in differ


def test_each_engine_keeps_its_own_pages(site: Path) -> None:
    """A page built by one engine is not taken from the cache by the other (their pages
    differ in the generator tag)."""
    first = reused(run_build(site))
    assert first[0] == 0
    assert reused(run_build(site, engine="properdocs"))[0] == 0
    page = (site / "site" / "claims" / "index.html").read_bytes()
    assert b"mkdocs-ProperDocs 1." in page
