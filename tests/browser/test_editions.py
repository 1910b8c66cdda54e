"""A site in several languages in headless Chromium (tests/fixtures/editions): a French
page is French to the browser and searches the French pages only, an English page the
English ones, the language switcher takes a reader to the same claim, and axe-core finds
nothing serious on French and Arabic translated pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site, serve
from tests.browser.test_accessibility import BLOCKING, axe, describe
from tests.browser.test_languages import type_query
from tests.test_languages import copy_fixture

LEPAGE = "claims/lepage-called-portland-sanctuary-city/"


@pytest.fixture(scope="session")
def editions_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    project = copy_fixture("editions", tmp_path_factory.mktemp("editions") / "editions")
    with serve(project, project / "site") as site:
        yield site


def search(page: Page, address: str, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the search box of the page at ``address``; each result's
    address (from the site's root) and text."""
    type_query(page, address, query)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [(page.evaluate("(a) => new URL(a.href).pathname", link.element_handle()),
             link.inner_text()) for link in links.all()]


def test_a_french_page_searches_french_pages_only(page: Page, editions_site: Site) -> None:
    page.goto(editions_site.url + "fr/" + LEPAGE)
    assert page.evaluate("document.documentElement.lang") == "fr"
    # "Portland" is in claims of both languages: from a French page, French ones only.
    results = search(page, editions_site.url + "fr/", "Portland")
    assert len(results) >= 2
    assert all(address.startswith("/fr/") for address, _ in results), results
    assert "/fr/" + LEPAGE in [address for address, _ in results]
    # French stemming: the singular finds "à plusieurs reprises".
    results = search(page, editions_site.url + "fr/", "reprise")
    assert [address for address, _ in results] == ["/fr/" + LEPAGE]
    # The filters by their French names and a verdict by its French label.
    results = search(page, editions_site.url + "fr/", "verdict:vrai")
    assert [address for address, _ in results] == ["/fr/" + LEPAGE]
    assert "Vrai" in results[0][1]


def test_an_english_page_searches_english_pages_only(page: Page, editions_site: Site) -> None:
    results = search(page, editions_site.url + LEPAGE, "Portland")
    addresses = [address for address, _ in results]
    assert "/" + LEPAGE in addresses and "/claims/portland-code-bars-status-questions/" in \
        addresses
    assert not any(address.startswith(("/fr/", "/ar/")) for address in addresses)
    # An Arabic page searches the one Arabic claim.
    results = search(page, editions_site.url + "ar/", "لوباج")
    assert [address for address, _ in results] == ["/ar/" + LEPAGE]


def test_the_switcher_takes_a_reader_to_the_same_claim(page: Page,
                                                       editions_site: Site) -> None:
    page.goto(editions_site.url + LEPAGE)
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(editions_site.url + "fr/" + LEPAGE)
    assert page.evaluate("document.documentElement.lang") == "fr"
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(editions_site.url + "ar/" + LEPAGE)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


@pytest.mark.parametrize("path", ["fr/", "fr/" + LEPAGE, "fr/claims/strimling-order-very-broad/",
                                  "fr/claims/birmingham-passed-sanctuary-resolution/",
                                  "fr/about/", "fr/claims/", "ar/", "ar/" + LEPAGE,
                                  "ar/verdicts/"])
def test_no_serious_accessibility_violation(page: Page, editions_site: Site, axe_source: Path,
                                            path: str) -> None:
    page.goto(editions_site.url + path)
    blocking = [v for v in axe(page, axe_source) if v["impact"] in BLOCKING]
    assert not blocking, "\n" + describe(blocking)
