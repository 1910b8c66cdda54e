"""A newsroom's site in headless Chromium: search, the annotated article and back, the
listings, reading a claim with the keyboard alone, the desk's standards and exceptions,
and no request leaving 127.0.0.1.

The site is the fixture newsroom of ``tests/fixtures/newsroom/`` (conftest.py), built for
real. Expectations come from its claim files, read here with plain PyYAML. Every page
visited also fails its test on a console error, a script error or a request to another
machine (conftest.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import Site, Watch, watch
from tests.conftest import NEWSROOM

SEED = "alder-bay-ledger-2024-03-12"
ARTICLE = f"articles/{SEED}/"
#: A claim that the seed article quotes, used to walk from the article to a check and back.
QUOTED = "ferry-ridership-fell-by-half"
# What the search tests look for: words of one claim, a claimant, a tag.
WORDS = ("ferry-ridership-fell-by-half", "ridership fallen")
CLAIMANT = "Dana Whitlock"
TAG = "history"


def published_claims() -> dict[str, dict[str, Any]]:
    """The claim files that the site shows, by id, as plain YAML values."""
    claims = {}
    for path in sorted((NEWSROOM / "claims").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("status", "published") == "published":
            verdict = data["verdict"]  # `verdict: true` is a YAML boolean
            data["verdict"] = str(verdict).lower() if isinstance(verdict, bool) else verdict
            claims[path.stem] = data
    return claims


CLAIMS = published_claims()


def claim_ids_linked(page: Page, site: Site) -> set[str]:
    """The claims that a page's content links to, following its "Older" pages too."""
    found: set[str] = set()
    while True:
        page.wait_for_load_state("domcontentloaded")
        links = page.eval_on_selector_all(
            "article.md-content__inner a[href]",
            "links => links.map(a => [a.href, a.textContent.trim()])")
        for href, _ in links:
            match = re.fullmatch(re.escape(site.url) + r"claims/([a-z0-9-]+)/", href)
            if match and match[1] != "page":
                found.add(match[1])
        older = [href for href, text in links if text == "Older →"]
        if not older:
            return found
        page.goto(older[0], wait_until="domcontentloaded")


def search(page: Page, site: Site, query: str) -> None:
    """Open the site, press '/' to reach the search box, and type ``query``."""
    page.goto(site.url)
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type(query)
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"\d+ matching documents?"))


def expect_title(page: Page, text: str) -> None:
    """The page's heading is ``text`` (followed by its permalink sign)."""
    expect(page.locator("h1")).to_have_text(
        re.compile("^" + re.escape(" ".join(text.split())) + r"\s*¶?$"))


def result_link(page: Page, claim_id: str) -> Any:
    return page.locator(f'.md-search-result__item > a[href*="/claims/{claim_id}/"]').first


def open_result(page: Page, site: Site, claim_id: str) -> None:
    """Click the search result of ``claim_id`` and check that its page opened."""
    result_link(page, claim_id).click()
    expect(page).to_have_url(re.compile(re.escape(f"{site.url}claims/{claim_id}/")))
    expect_title(page, CLAIMS[claim_id]["claim"])


def test_search_finds_a_claim_by_its_words(page: Page, newsroom_site: Site) -> None:
    claim_id, query = WORDS
    assert all(word in CLAIMS[claim_id]["claim"] for word in query.split())
    search(page, newsroom_site, query)
    expect(result_link(page, claim_id)).to_be_visible()
    open_result(page, newsroom_site, claim_id)


def test_search_finds_a_claim_by_its_claimant(page: Page, newsroom_site: Site) -> None:
    said = [i for i, c in CLAIMS.items() if c["claimant"] == CLAIMANT]
    assert said, f"no claim by {CLAIMANT} any more: pick another claimant"
    search(page, newsroom_site, CLAIMANT)
    for claim_id in said:
        expect(result_link(page, claim_id)).to_be_visible()
    open_result(page, newsroom_site, said[0])
    expect(page.locator("article")).to_contain_text(CLAIMANT)


def test_search_finds_a_claim_by_its_tag(page: Page, newsroom_site: Site) -> None:
    tagged = [i for i, c in CLAIMS.items() if TAG in c.get("tags", [])]
    # A claim whose own words do not include the tag's: only its tag can find it.
    words = TAG.split("-")
    only_by_tag = [i for i in tagged if not any(
        w in yaml.safe_dump(CLAIMS[i] | {"tags": []}).lower() for w in words)]
    assert only_by_tag, f"pick a tag that some claim's words do not contain, not {TAG}"
    search(page, newsroom_site, TAG)
    for claim_id in tagged:
        expect(result_link(page, claim_id)).to_be_attached()
    result_link(page, only_by_tag[0]).scroll_into_view_if_needed()
    open_result(page, newsroom_site, only_by_tag[0])
    expect(page.get_by_role("link", name=TAG, exact=True)).to_be_visible()


def test_from_the_article_to_a_claim_and_back(page: Page, newsroom_site: Site) -> None:
    page.goto(newsroom_site.url + ARTICLE)
    quoted = {i for i, c in CLAIMS.items()
              if c.get("seed") == SEED and c.get("quote")}
    anchors = page.eval_on_selector_all("[id^='q-']", "els => els.map(e => e.id.slice(2))")
    assert set(anchors) == quoted  # every quoted claim has its place in the article

    page.locator(f"#q-{QUOTED} a").click()
    expect(page).to_have_url(f"{newsroom_site.url}claims/{QUOTED}/")
    expect_title(page, CLAIMS[QUOTED]["claim"])
    page.get_by_role("link", name="See it in the annotated article").click()
    expect(page).to_have_url(f"{newsroom_site.url}{ARTICLE}#q-{QUOTED}")
    expect(page.locator(f"#q-{QUOTED}")).to_be_in_viewport()
    page.go_back()
    expect(page).to_have_url(f"{newsroom_site.url}claims/{QUOTED}/")


def test_verdict_pages_list_their_claims(static_page: Page, newsroom_site: Site) -> None:
    page = static_page
    by_verdict: dict[str, set[str]] = defaultdict(set)
    for claim_id, claim in CLAIMS.items():
        by_verdict[claim["verdict"]].add(claim_id)
    page.goto(newsroom_site.url + "verdicts/")
    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    scale = [m[1] for h in hrefs
             if (m := re.fullmatch(re.escape(newsroom_site.url) + r"verdicts/([a-z0-9-]+)/", h))]
    assert set(by_verdict) <= set(scale)
    for key in scale:
        page.goto(f"{newsroom_site.url}verdicts/{key}/", wait_until="domcontentloaded")
        assert claim_ids_linked(page, newsroom_site) == by_verdict[key], key


def test_claimant_pages_list_their_claims(static_page: Page, newsroom_site: Site) -> None:
    page = static_page
    by_claimant: dict[str, set[str]] = defaultdict(set)
    for claim_id, claim in CLAIMS.items():
        by_claimant[claim["claimant"]].add(claim_id)
    page.goto(newsroom_site.url + "claimants/")
    links = page.locator("article li > a")
    listed = {links.nth(i).inner_text(): links.nth(i).get_attribute("href")
              for i in range(links.count())}
    assert set(listed) == set(by_claimant)
    for name, href in listed.items():
        page.goto(f"{newsroom_site.url}claimants/{href}", wait_until="domcontentloaded")
        expect_title(page, f"Claims by {name}")
        assert claim_ids_linked(page, newsroom_site) == by_claimant[name], name


def test_tag_pages_list_their_claims(static_page: Page, newsroom_site: Site) -> None:
    page = static_page
    by_tag: dict[str, set[str]] = defaultdict(set)
    for claim_id, claim in CLAIMS.items():
        for tag in claim.get("tags", []):
            by_tag[tag].add(claim_id)
    page.goto(newsroom_site.url + "tags/")
    names = page.locator("article li > a").all_inner_texts()
    assert sorted(names) == sorted(by_tag)
    for tag in by_tag:
        page.goto(f"{newsroom_site.url}tags/{tag}/", wait_until="domcontentloaded")
        assert claim_ids_linked(page, newsroom_site) == by_tag[tag], tag


def test_the_methodology_states_the_desks_standards(static_page: Page,
                                                    newsroom_site: Site) -> None:
    page = static_page
    page.goto(newsroom_site.url + "methodology/")
    rules = page.locator("#our-standards + ul > li")
    expect(rules).to_have_text([
        "Every check cites at least 2 sources.",
        "Every check cites at least one source besides the document the claim comes from.",
        "Every check cites at least one primary source: the document itself, such as a law, "
        "an order, a record or an official statement. Checks rated No evidence are exempt.",
        "Every source is marked as primary (the document itself) or secondary (reporting "
        "about it).",
        "Every check is reviewed by a second member of the desk, not its author, before it "
        "is published.",
        "Every explanation runs to at least 40 words.",
        "Every claim is quoted word for word from the document it comes from.",
    ])


def test_a_claims_exceptions_are_shown_with_their_reasons(static_page: Page,
                                                           newsroom_site: Site) -> None:
    page = static_page
    excused = {i: c["exceptions"] for i, c in CLAIMS.items() if c.get("exceptions")}
    assert len(excused) >= 2, "the fixture should keep claims with exceptions"
    for claim_id in (*excused, QUOTED):
        page.goto(f"{newsroom_site.url}claims/{claim_id}/", wait_until="domcontentloaded")
        notes = page.locator("#exceptions-to-our-standards + ul > li")
        expect(notes).to_have_count(len(excused.get(claim_id, [])))
        for i, exception in enumerate(excused.get(claim_id, [])):
            expect(notes.nth(i)).to_be_visible()
            expect(notes.nth(i).locator("[dir=auto]")).to_have_text(
                " ".join(exception["reason"].split()))
    page.goto(f"{newsroom_site.url}claims/lighthouse-oldest-in-the-state/")
    expect(page.locator("#exceptions-to-our-standards + ul > li strong")).to_have_text(
        "This claim is not quoted from a document on this site.")


def tab_to(page: Page, pattern: str, limit: int = 80) -> str:
    """Press Tab until a link whose address matches ``pattern`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.href || ''")
        if re.fullmatch(pattern, href):
            return str(href)
    raise AssertionError(f"no link matching {pattern} within {limit} presses of Tab")


def test_a_claim_can_be_reached_and_read_with_the_keyboard_alone(page: Page,
                                                                 newsroom_site: Site) -> None:
    page.goto(newsroom_site.url)
    page.keyboard.press("Tab")  # the first stop is the link that skips to the content
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#.+"))
    # After skipping, Tab goes on from the content, past the header and the navigation,
    # to a claim, or to the list of all claims and from there to a claim.
    claims, a_claim = re.escape(newsroom_site.url) + "claims/", r"(?!page/)[a-z0-9-]+/"
    href = tab_to(page, f"{claims}({a_claim})?")
    while True:
        page.keyboard.press("Enter")
        expect(page).to_have_url(href)
        page.wait_for_load_state()
        if href != newsroom_site.url + "claims/":
            break
        href = tab_to(page, claims + a_claim)
    claim = CLAIMS[href.rstrip("/").rsplit("/", 1)[1]]
    expect_title(page, claim["claim"])
    verdict = page.locator("article .fc-verdict--large")
    expect(verdict).to_be_visible()
    # The verdict is read out as its word: the icon is hidden from screen readers.
    snapshot = page.locator("article").aria_snapshot()
    label = verdict.inner_text().strip()
    assert label and label in snapshot
    assert label.lower().replace(" ", "-") == claim["verdict"]


def test_no_request_leaves_the_machine(page: Page, newsroom_site: Site,
                                       guarded: tuple[BrowserContext, Watch]) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ("", ARTICLE, "claims/", f"claims/{QUOTED}/", "verdicts/", "claimants/",
                 "tags/"):
        page.goto(newsroom_site.url + path)
    page.wait_for_load_state("networkidle")
    search(page, newsroom_site, "ferry")
    # The watch in conftest fails the test on any request elsewhere; check it saw ours.
    assert f"{newsroom_site.url}search/search_index.json" in requests
    assert all(urlsplit(u).hostname == "127.0.0.1" for u in requests if "://" in u)


def test_the_watch_catches_a_request_elsewhere(browser: Browser, newsroom_site: Site) -> None:
    context = browser.new_context()
    seen = watch(context)
    page = context.new_page()
    page.goto(newsroom_site.url)
    page.evaluate("() => fetch('http://tracker.invalid/pixel.gif').catch(() => null)")
    page.evaluate("() => console.error('boom')")
    context.close()
    assert seen.outside == ["http://tracker.invalid/pixel.gif"]
    assert any("boom" in m for m in seen.console)

