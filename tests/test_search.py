"""Search: a real build's index (generator/search_index.py) and what it holds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.search_index import Record, build_index, name_key, words
from tests.conftest import FIXTURE
from tests.test_build import HOSTILE

LEPAGE = "claims/lepage-called-portland-sanctuary-city/"


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


def index_of(site: Path) -> tuple[dict[str, Any], dict[str, list[int]], list[list[Any]]]:
    """The index a build wrote: its meta, every word with its entries, every record."""
    folder = site / "search" / "index"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    entries: dict[str, list[int]] = {}
    for number in range(len(meta["words"])):
        entries.update(json.loads((folder / f"w{number}.json").read_text(encoding="utf-8")))
    records = []
    for number in range(-(-meta["records"] // meta["per_file"])):
        records += json.loads((folder / f"d{number}.json").read_text(encoding="utf-8"))
    return meta, entries, records


def test_index_holds_what_readers_look_for(built: Path) -> None:
    meta, entries, records = index_of(built)
    assert meta["records"] == len(records)
    record = next(r for r in records if r[0] == LEPAGE)
    assert record[1:7] == ["Gov. Paul LePage has criticized Portland as a sanctuary city.",
                           "Portland Press Herald", "Newspaper", "True",
                           "LePage repeatedly called Portland a sanctuary city in 2015 and 2016.",
                           ["sanctuary-cities", "maine"]]
    number = records.index(record)

    def fields(word: str) -> int:
        entry = entries[word]
        return dict(zip(entry[::2], entry[1::2], strict=True)).get(number, 0)

    assert fields("lepage") == 1 | 16  # in the claim and the short answer
    assert fields("herald") == 2 and fields("newspaper") == 4
    assert fields("claimant:portland-press-herald") and fields("verdict:true")
    assert fields("tag:sanctuary-cities") and fields("tag:maine")
    assert "radio" not in entries  # the explanation is on the page, not in the index


def test_index_covers_pages_but_not_excluded_ones(built: Path) -> None:
    _, _, records = index_of(built)
    by_url = {r[0]: r for r in records}
    assert by_url["./"][1] == "Test site" and "See all claims" in by_url["./"][7]
    assert by_url["claims/"][1] == "All claims"
    assert "claims/page/2/" not in by_url  # `search: exclude` in its front matter
    assert "claims/hostile-claim/" in by_url


def test_the_same_records_give_the_same_bytes() -> None:
    records = [Record(f"claims/c{i}/", f"Claim number {i} about taxes", claimant=f"Person {i}",
                      verdict="False", verdict_key="false", summary="No.", tags=("taxes",))
               for i in range(200)]
    first = build_index(records)
    assert build_index(list(records)) == first
    assert len(first) > 3 and all(len(data) < 40_000 for data in first.values())
    meta = json.loads(first["meta.json"])
    assert meta["common"] == ["about", "claim", "false", "no", "number", "person", "taxes"]
    assert meta["words"] == sorted(meta["words"])


def test_words_fold_case_and_accents_as_the_worker_does() -> None:
    assert words("Peña said: ÉCOLE, l'été 2017") == ["pena", "said", "ecole", "l", "ete", "2017"]
    assert name_key('"Paul  LePage"') == "paul-lepage"


def test_material_indexes_nothing_and_pages_use_our_worker(built: Path) -> None:
    material = json.loads((built / "search" / "search_index.json").read_text())
    assert material["docs"] == [] and material["config"]["lang"] == ["en"]
    page = (built / "claims" / "index.html").read_text(encoding="utf-8")
    assert '"search": "../search/factcheck-search.js"' in page
    assert (built / "search" / "factcheck-search.js").is_file()
    assert not (built / "pagefind").exists()


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
