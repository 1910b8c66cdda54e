"""Golden tests of the rendered Markdown, and the properties the pages must keep.

Set ``UPDATE_GOLDEN=1`` to rewrite the golden files after an intended change, then read
the diff before committing it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.model import Settings
from generator.paths import page_path
from generator.project import load_project
from generator.render import render_site
from tests.conftest import FIXTURE, TODAY

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def pages(settings: Settings) -> dict[str, str]:
    project = load_project(FIXTURE, settings, today=TODAY)
    assert project.problems == []
    return render_site(project.claims, project.seeds, settings)


@pytest.mark.parametrize("path", [
    "claims/lepage-called-portland-sanctuary-city.md",
    "claims/birmingham-passed-sanctuary-resolution.md",
    "claims/index.md",
    "claims/page/2.md",
    "claimants/portland-press-herald.md",
    "tags/sanctuary-cities.md",
    "verdicts/index.md",
    "articles/press-herald-2017-02-01.md",
    "corrections/index.md",
])
def test_golden(pages: dict[str, str], path: str) -> None:
    assert_golden(pages, path, GOLDEN)


def assert_golden(pages: dict[str, str], path: str, folder: Path) -> None:
    """The page at ``path`` is its golden file in ``folder`` (rewritten with UPDATE_GOLDEN)."""
    golden = folder / path
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[path], encoding="utf-8")
    assert pages[path] == golden.read_text(encoding="utf-8")


def test_same_input_same_output(settings: Settings, pages: dict[str, str]) -> None:
    project = load_project(FIXTURE, settings, today=TODAY)
    assert render_site(list(reversed(project.claims)), project.seeds, settings) == pages


def test_every_listing_is_paginated(settings: Settings) -> None:
    project = load_project(FIXTURE, settings, today=TODAY)
    claim = project.claims[0]
    many = [replace(claim, id=f"c{i}", related=()) for i in range(7)]
    pages = render_site(many, project.seeds, replace(settings, per_page=3))
    assert [p for p in pages if p.startswith("claims/page/")] == [
        "claims/page/2.md", "claims/page/3.md"]
    assert pages["claims/page/2.md"].count("](../c") == 3
    assert "Page 2 of 3" in pages["claims/page/2.md"]
    assert "search:\n  exclude: true" in pages["claims/page/2.md"]
    # The annotated article highlights one quote once, and lists the rest beside it.
    assert pages["articles/press-herald-2017-02-01.md"].count('<mark class="fc-quote') == 1


@pytest.mark.parametrize(("first", "number", "expected"), [
    ("claims/index.md", 1, "claims/index.md"),
    ("claims/index.md", 2, "claims/page/2.md"),
    ("verdicts/false.md", 3, "verdicts/false/page/3.md"),
])
def test_page_path(first: str, number: int, expected: str) -> None:
    assert page_path(first, number) == expected
