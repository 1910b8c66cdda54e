"""Search: a real build's Pagefind index, and the site's own search box in headless Chromium."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURE
from tests.test_build import HOSTILE

CHROMIUM = "/usr/bin/chromium"
LEPAGE = "/claims/lepage-called-portland-sanctuary-city/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("search") / "site"
    shutil.copytree(FIXTURE, site)
    (site / "claims" / "hostile-claim.yaml").write_text(HOSTILE, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return site / "site"


def index_pages(site: Path) -> dict[str, dict[str, Any]]:
    """Every page Pagefind holds, by address, as its fragments store them."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(fragment.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        page = json.loads(raw[len(b"pagefind_dcd"):])
        pages[page["url"]] = page
    return pages


def test_index_holds_what_readers_look_for(built: Path) -> None:
    page = index_pages(built)[LEPAGE]
    assert page["meta"] == {
        "title": "Gov. Paul LePage has criticized Portland as a sanctuary city.",
        "claimant": "Portland Press Herald", "verdict": "True",
        "summary": "LePage repeatedly called Portland a sanctuary city in 2015 and 2016."}
    filters = page["filters"]
    assert filters["claimant"] == ["Portland Press Herald"] and filters["verdict"] == ["True"]
    assert sorted(filters["tag"]) == ["maine", "sanctuary-cities"]
    assert "Newspaper" in page["content"]  # the claimant's role
    # The explanation is on the page, not in the index.
    assert "radio interviews" not in page["content"]


def test_index_covers_pages_but_not_excluded_ones(built: Path) -> None:
    pages = index_pages(built)
    assert "Test site" in pages["/"]["meta"]["title"]  # a hand-written page, in full
    assert "See all claims" in pages["/"]["content"]
    assert pages["/claims/"]["meta"]["title"] == "All claims"
    assert "/claims/page/2/" not in pages  # `search: exclude` in its front matter
    assert "/claims/hostile-claim/" in pages


def test_material_indexes_nothing_and_pages_use_our_worker(built: Path) -> None:
    material = json.loads((built / "search" / "search_index.json").read_text())
    assert material["docs"] == [] and material["config"]["lang"] == ["en"]
    page = (built / "claims" / "index.html").read_text(encoding="utf-8")
    assert '"search": "../search/factcheck-search.js"' in page
    assert (built / "search" / "factcheck-search.js").is_file()
    assert (built / "pagefind" / "pagefind.js").is_file()


def search(page: Any, base: str, query: str) -> list[str]:
    """Type ``query`` into the site's search box; the text of each result."""
    page.goto(base, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the query on key up
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('matching document')")
    page.wait_for_timeout(300)  # a second batch of results, if any
    return page.locator(".md-search-result__item").all_inner_texts()
