"""The site's own search box (its own index, in Material's dialog), in Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, Route

from tests.browser.conftest import FIXTURES, Site, Watch, serve
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


PERSON = """\
claim: {claim}
claimant: {claimant}
verdict: "false"
summary: The numbers say otherwise.
body: Checked against the budget.
sources:
  - title: The budget
    url: https://example.org/budget
author: Fact Desk
published: {published}
"""


@pytest.fixture(scope="module")
def people_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The fixture site with claims by Person 17 and by Person 177, the latter newer (and
    so first in listings) and more of them."""
    project = tmp_path_factory.mktemp("people") / "project"
    shutil.copytree(FIXTURES / "site", project)
    claims = {"tax-cut-paid-for": ("The tax cut paid for itself.", "Person 17", "2017-02-01"),
              **{f"bridge-budget-{n}": (f"The bridge cost {n} million.", "Person 177",
                                        f"2017-02-0{n + 2}") for n in range(1, 4)}}
    for name, (claim, claimant, published) in claims.items():
        (project / "claims" / f"{name}.yaml").write_text(
            PERSON.format(claim=claim, claimant=claimant, published=published),
            encoding="utf-8")
    with serve(project, project / "site") as site:
        yield site


def test_a_whole_name_ranks_above_names_it_begins(page: Page, people_site: Site) -> None:
    for query in ("Person 17", "person 17", "17"):
        results = search(page, people_site.url, query)
        assert "The tax cut paid for itself." in results[0], (query, results)
    results = search(page, people_site.url, "Person 177")
    assert all("Person 177" in r for r in results) and len(results) == 4  # with its listing


# Types a query one key at a time, `delay` ms apart, as a person does; records every list
# of results the page shows from then on (in window.__shown).
TYPE_JS = """async ([query, delay]) => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  if (!window.__shown) {
    window.__shown = [];
    new MutationObserver(() => window.__shown.push(
      [...list.querySelectorAll(".md-search-result__item")].map((i) => i.innerText),
    )).observe(list, {childList: true, subtree: true});
  }
  box.focus();
  for (let i = 1; i <= query.length; i++) {
    box.value = query.slice(0, i);
    box.dispatchEvent(new KeyboardEvent("keyup", {key: query[i - 1], bubbles: true}));
    await new Promise((done) => setTimeout(done, delay));
  }
}"""


def test_only_the_last_query_shows_its_results(guarded: tuple[BrowserContext, Watch],
                                               people_site: Site) -> None:
    """Every key sends a query; one still waiting for the index when a newer one is typed
    is dropped, so its results never show, even though its files arrive."""
    context, _ = guarded
    held: list[Route] = []
    context.route("**/search/index/w*.json", lambda route: held.append(route))
    page = context.new_page()
    page.goto(people_site.url, wait_until="load")
    page.evaluate(TYPE_JS, ["tag:maine", 80])  # finds the LePage claim, once it can
    page.evaluate(TYPE_JS, ["tag:other-cities", 80])  # finds Birmingham's instead
    page.wait_for_timeout(300)
    assert held  # the word files were asked for, and are held back
    for route in held:
        route.continue_()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item')"
                           ".length > 0")
    page.wait_for_timeout(500)
    shown = page.evaluate("() => window.__shown")
    assert not any("LePage has criticized" in text for state in shown for text in state)
    final = page.locator(".md-search-result__item").all_inner_texts()
    assert len(final) == 1 and "Birmingham" in final[0]
