"""Sites in other languages in headless Chromium: the Arabic site reads right to left, a
claim in Arabic keeps its direction on an English site, both language sites pass
axe-core, and the French site's search box answers in French."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import FIXTURES, Site, serve
from tests.browser.test_accessibility import BLOCKING, axe, describe
from tests.test_languages import ARABIC_CLAIM, copy_fixture


def language_site(name: str, tmp: Path) -> Iterator[Site]:
    project = copy_fixture(name, tmp / name)
    with serve(project, project / "site") as site:
        yield site


@pytest.fixture(scope="session")
def fr_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from language_site("fr", tmp_path_factory.mktemp("fr"))


@pytest.fixture(scope="session")
def ar_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from language_site("ar", tmp_path_factory.mktemp("ar"))


@pytest.fixture(scope="session")
def mixed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small English site with a claim, and its seed, in Arabic."""
    project = tmp_path_factory.mktemp("mixed") / "project"
    shutil.copytree(FIXTURES / "site", project)
    for name in ("sahifa-2017-02-01.txt", "sahifa-2017-02-01.yaml"):
        shutil.copy(FIXTURES / "ar" / "seeds" / name, project / "seeds" / name)
    (project / "claims" / "arabic-claim.yaml").write_text(ARABIC_CLAIM, encoding="utf-8")
    with serve(project, project / "site") as site:
        yield site


# Where the text of an element is drawn (not the element's box, which fills the column),
# its computed direction and alignment.
LAYOUT = """(selector) => {
    const element = document.querySelector(selector);
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return {direction: style.direction, left: text.left - box.left,
            right: box.right - text.right};
}"""


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def test_an_arabic_page_reads_right_to_left(static_page: Page, ar_site: Site) -> None:
    page = static_page
    page.goto(ar_site.url + "claims/sukkan-judud/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    claim: dict[str, Any] = page.evaluate(LAYOUT, "article h1")
    assert claim["direction"] == "rtl"
    assert claim["right"] < 2 < claim["left"]  # it starts at the right of the column
    summary: dict[str, Any] = page.evaluate(LAYOUT, "article h2 + p")
    assert summary["direction"] == "rtl" and summary["right"] < 2
    # The verdict badge reads right to left too: its icon, then its word.
    icon, word = box(page, "article .fc-verdict--large svg"), \
        box(page, "article .fc-verdict--large > span")
    assert icon["x"] > word["x"] + word["width"] - 1
    # In a list, the badge comes first, at the right, then the claim.
    page.goto(ar_site.url + "claims/")
    badge, link = box(page, "article li .fc-verdict"), box(page, "article li a")
    assert badge["x"] > link["x"] + link["width"] - 1
    # The navigation is on the right of the page, as Material draws it right to left.
    assert box(page, ".md-sidebar--primary")["x"] > box(page, "article")["x"]


def test_an_arabic_claim_keeps_its_direction_on_an_english_page(static_page: Page,
                                                                mixed_site: Site) -> None:
    page = static_page
    page.goto(mixed_site.url + "claims/arabic-claim/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    claim: dict[str, Any] = page.evaluate(LAYOUT, "article h1")
    assert claim["direction"] == "rtl" and claim["right"] < 2 < claim["left"]
    summary: dict[str, Any] = page.evaluate(LAYOUT, "article h2 + p")
    assert summary["direction"] == "rtl" and summary["right"] < 2
    # The English badge keeps reading left to right: icon, then word.
    icon, word = box(page, "article .fc-verdict--large svg"), \
        box(page, "article .fc-verdict--large > span")
    assert icon["x"] + icon["width"] <= word["x"] + 1
    # The claimant's name, inside an English line, is isolated in its own direction.
    name = page.locator("article p strong span[dir=auto]").first
    assert name.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert name.inner_text() == "سامي الحداد"
    # In the list of claims, an Arabic claim reads right to left, an English one not.
    page.goto(mixed_site.url + "claims/")
    directions = page.eval_on_selector_all(
        "article li a > span[dir=auto]", "spans => spans.map(s => getComputedStyle(s).direction)")
    assert directions[0] == "rtl" and "ltr" in directions


PAGES = ["", "claims/", "verdicts/", "corrections/"]


@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("path", [*PAGES, "claim", "article"])
def test_no_serious_accessibility_violation(page: Page, axe_source: Path, language: str,
                                            path: str, request: pytest.FixtureRequest) -> None:
    site: Site = request.getfixturevalue(f"{language}_site")
    claim = {"fr": "claims/habitants-en-un-an/", "ar": "claims/sukkan-judud/"}[language]
    article = {"fr": "articles/journal-2017-02-01/", "ar": "articles/sahifa-2017-02-01/"}
    page.goto(site.url + {"claim": claim, "article": article[language]}.get(path, path))
    blocking = [v for v in axe(page, axe_source) if v["impact"] in BLOCKING]
    assert not blocking, "\n" + describe(blocking)


def type_query(page: Page, address: str, query: str) -> None:
    """Open the page at ``address`` and type ``query`` into its search box, in any
    language; wait for the results."""
    page.goto(address, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material reads the query on key up
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(300)  # a second batch of results, if any


def search(page: Page, site: Site, query: str) -> list[str]:
    """Type ``query`` into the search box of a site's home page; each result's text."""
    type_query(page, site.url, query)
    return page.locator(".md-search-result__item").all_inner_texts()


def test_search_in_french_answers_in_french(page: Page, fr_site: Site) -> None:
    # French stemming: the singular finds the plural.
    results = search(page, fr_site, "bibliothèque")
    assert any("les bibliothèques de Portland ouvriront le dimanche" in r for r in results)
    assert "Plutôt faux" in results[0]
    assert "document" in page.locator(".md-search-result__meta").inner_text()  # "trouvé(s)"
    # The filters by their French names, and a verdict by its French label or its key.
    for query in ("verdict:faux", "verdict:false", "auteur:\"Jeanne Dupont\""):
        results = search(page, fr_site, query)
        assert len(results) == 1 and "dix mille nouveaux habitants" in results[0], query
    results = search(page, fr_site, "sujet:bibliothèques")
    assert len(results) == 2
