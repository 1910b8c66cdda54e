"""The site's own search box (Pagefind in Material's dialog), in Chromium."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import Site
from tests.test_search import search


def test_search_box_finds_a_claim_by_claimant(page: Page, hostile_site: Site) -> None:
    results = search(page, hostile_site.url, "press herald")
    first = next(r for r in results if "LePage has criticized" in r)
    assert "True" in first and "Portland Press Herald" in first  # the verdict and claimant
    assert "LePage repeatedly called Portland" in first  # the short answer
    link = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert link is not None and link.startswith(hostile_site.url)


def test_search_box_filters_by_verdict_and_tag(page: Page, hostile_site: Site) -> None:
    results = search(page, hostile_site.url, "verdict:true tag:maine")
    assert len(results) == 1 and "LePage has criticized" in results[0]
    assert search(page, hostile_site.url, "verdict:mostly-true tag:maine") == []


def test_search_results_show_claim_text_as_text(page: Page, hostile_site: Site) -> None:
    results = search(page, hostile_site.url, "hostile")
    assert any("<script>alert('claim')</script>" in r for r in results)
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0
