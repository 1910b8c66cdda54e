"""Hostile claim text in a real browser: every page of a site built from test_build's
hostile claim and the claims and seed in ``tests/fixtures/hostile/`` is opened in
Chromium, with its scripts running, and nothing a fact-checker typed may run, link to a
``javascript:`` or ``data:`` address, or carry an event handler, while all of it still
shows as the text that was typed.

Each payload calls ``__pwn(<number>)`` (or ``alert``) if it ever runs. The page gets a
``__pwn`` that records the number and logs a console error; a console error, a script
error (``__pwn`` undefined) or a dialog also fails the test (see conftest.py).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import FIXTURES, Site, Watch, watch
from tests.test_build import HOSTILE as HOSTILE_CLAIM

HOSTILE = FIXTURES / "hostile"
ALARM = """
window.__pwned = [];
window.__pwn = (n) => {
  try { window.top.__pwned.push(n); } catch (e) { /* an opaque frame */ }
  console.error('PWNED ' + n);
};
"""
# One pass over the open page: what ran, and what is there that could run.
INSPECT = """() => {
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data',
                         'poster', 'background', 'cite', 'srcset', 'ping'];
  const unsafe = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc') {
        unsafe.push(`${el.tagName} ${name}=${attr.value}`);
      } else if (urlAttributes.includes(name)) {
        let scheme;
        try { scheme = new URL(attr.value, document.baseURI).protocol; }
        catch (e) { scheme = 'unparsable:'; }
        if (!['http:', 'https:', 'mailto:'].includes(scheme)) {
          unsafe.push(`${el.tagName} ${name}=${attr.value}`);
        }
      }
    }
  }
  const content = document.querySelector('article') || document.body;
  for (const el of content.querySelectorAll('script, iframe, object, embed, form, style')) {
    unsafe.push(`<${el.tagName.toLowerCase()}> in the content`);
  }
  return {pwned: window.__pwned, unsafe: unsafe,
          text: document.body.innerText.split(/\\s+/).join(' '),
          title: document.title};
}"""


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def hostile_claims() -> dict[str, dict[str, Any]]:
    claims = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
              for path in sorted((HOSTILE / "claims").glob("*.yaml"))}
    return {"hostile-claim": yaml.safe_load(HOSTILE_CLAIM), **claims}


def typed_text(claim: dict[str, Any]) -> list[str]:
    """Each text field of a claim as a reader must see it, spaces collapsed."""
    texts = [claim[f] for f in ("claim", "claimant", "claimant_role", "summary", "author",
                                "reviewer", "quote") if f in claim]
    texts += [s[f] for s in claim["sources"] for f in ("title", "publisher") if f in s]
    texts += [c["note"] for c in claim.get("corrections", [])]
    return [one_line(t) for t in texts]


# What the bodies' Markdown must show: text, code as code, and no markup that could run.
BODY_TEXT = {
    "hostile-claim": ["Text", "a link", "raw", "{{ config.site_name }}", "title: injected"],
    "hostile-overlap": ["Nothing to add."],
    "hostile-everywhere": ["md link", "spaced link", "entity link", "upper link", "vbs link",
                           "data link", "ref link", "raw link",
                           "{{ config.site_name }} {% raw %}raw{% endraw %} {# comment #}",
                           "title: injected by the body", "Code: <script>__pwn(416)</script>",
                           "<script>__pwn(417)</script> in indented code"],
}


def open_and_inspect(page: Page, url: str) -> dict[str, Any]:
    page.goto(url)
    return page.evaluate(INSPECT)  # type: ignore[no-any-return]


def alarmed_context(browser: Browser) -> tuple[BrowserContext, Watch]:
    context = browser.new_context()
    context.add_init_script(ALARM)
    return context, watch(context)


def test_no_hostile_text_runs_on_any_page(guarded: tuple[BrowserContext, Watch],
                                          hostile_site: Site) -> None:
    context, _ = guarded
    context.add_init_script(ALARM)
    page = context.new_page()
    pages = hostile_site.pages()
    assert "claims/hostile-everywhere/" in pages and "articles/hostile-seed/" in pages
    found = {}
    for path in pages:
        seen = open_and_inspect(page, hostile_site.url + path)
        if seen["pwned"] or seen["unsafe"]:
            found[path] = {"ran": seen["pwned"], "could run": seen["unsafe"]}
    assert found == {}


def test_hostile_text_shows_as_typed(guarded: tuple[BrowserContext, Watch],
                                     hostile_site: Site) -> None:
    context, _ = guarded
    context.add_init_script(ALARM)
    page = context.new_page()
    for claim_id, claim in hostile_claims().items():
        seen = open_and_inspect(page, f"{hostile_site.url}claims/{claim_id}/")
        missing = [t for t in typed_text(claim) + BODY_TEXT[claim_id] if t not in seen["text"]]
        assert missing == [], claim_id
        assert seen["title"].startswith(one_line(claim["claim"]))
        # The header shows the claim too, once the page is scrolled past its heading.
        header = page.locator(".md-header__topic[data-md-component='header-topic']")
        expect(header).to_contain_text(one_line(claim["claim"]))
        listing = open_and_inspect(page, f"{hostile_site.url}verdicts/{claim['verdict']}/")
        assert one_line(claim["claim"]) in listing["text"]
        assert one_line(claim["claimant"]) in listing["text"]

    seed = yaml.safe_load((HOSTILE / "seeds" / "hostile-seed.yaml").read_text())
    article = open_and_inspect(page, f"{hostile_site.url}articles/hostile-seed/")
    text = (HOSTILE / "seeds" / "hostile-seed.txt").read_text(encoding="utf-8")
    expected = [one_line(seed[f]) for f in ("title", "publisher", "author")]
    expected += [one_line(p) for p in text.split("\n\n") if p.strip()]
    # A quote inside another one is listed under the passage, as a link with its claim.
    expected += ["Also checked in this passage: Unproven "
                 + one_line(hostile_claims()["hostile-overlap"]["claim"])]
    assert [t for t in expected if t not in article["text"]] == []


def test_searching_hostile_text_runs_nothing(guarded: tuple[BrowserContext, Watch],
                                            hostile_site: Site) -> None:
    context, _ = guarded
    context.add_init_script(ALARM)
    page = context.new_page()
    page.goto(hostile_site.url)
    page.keyboard.press("/")
    page.keyboard.type("Everywhere")
    result = page.locator('.md-search-result__item > a[href*="/claims/hostile-everywhere/"]')
    expect(result.first).to_contain_text(
        one_line(hostile_claims()["hostile-everywhere"]["claim"])[:60])
    assert page.evaluate(INSPECT)["pwned"] == []
    result.first.click()
    expect(page).to_have_url(re.compile(re.escape(f"{hostile_site.url}claims/hostile-everywhere/")))
    page.wait_for_load_state()
    seen = page.evaluate(INSPECT)
    assert seen["pwned"] == [] and seen["unsafe"] == []


def test_the_alarm_goes_off_when_a_payload_runs(browser: Browser, hostile_site: Site) -> None:
    """The checks above can fail: a handler that does run is caught by each of them."""
    context, seen = alarmed_context(browser)
    page = context.new_page()
    page.goto(f"{hostile_site.url}claims/hostile-everywhere/")
    page.evaluate("""() => document.querySelector('article').insertAdjacentHTML('beforeend',
        '<img src="data:," onerror="__pwn(1)"><a href="javascript:__pwn(2)">x</a>')""")
    page.wait_for_function("() => window.__pwned.length > 0")
    inspected = page.evaluate(INSPECT)
    page.evaluate("() => alert('dialog')")
    context.close()
    assert inspected["pwned"] == [1]
    assert any("onerror" in u for u in inspected["unsafe"])
    assert any("javascript:__pwn(2)" in u for u in inspected["unsafe"])
    assert "console error: PWNED 1" in " ".join(seen.problems())
    assert seen.dialogs == ["alert 'dialog'"]

