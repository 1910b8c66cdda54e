"""The axe-core accessibility engine finds no serious or critical problem on the pages a
reader meets first: the home page, an annotated article, the claims index, a claim page,
one with an exception to the standards, the verdict scale and the methodology."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Site

PAGES = ["", "articles/alder-bay-ledger-2024-03-12/", "claims/",
         "claims/ferry-ridership-fell-by-half/", "claims/lighthouse-oldest-in-the-state/",
         "verdicts/", "methodology/"]
BLOCKING = ("serious", "critical")


def axe(page: Page, axe_source: Path) -> list[dict[str, Any]]:
    """Run axe-core on the open page; its violations, each with the elements at fault."""
    page.add_script_tag(path=axe_source)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['impact']}: {v['id']}: {v['help']} ({v['helpUrl']})\n" + "\n".join(
            f"    {node['target']}: {node['failureSummary']}" for node in v["nodes"][:5])
        for v in violations)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "home")
def test_no_serious_accessibility_violation(page: Page, newsroom_site: Site, axe_source: Path,
                                            path: str) -> None:
    page.goto(newsroom_site.url + path)
    blocking = [v for v in axe(page, axe_source) if v["impact"] in BLOCKING]
    assert not blocking, "\n" + describe(blocking)


def test_axe_reports_what_it_should(page: Page, newsroom_site: Site, axe_source: Path) -> None:
    """The check can fail: an image without a text alternative is a critical violation."""
    page.goto(newsroom_site.url)
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').append(img);
    }""")
    found = {v["id"]: v["impact"] for v in axe(page, axe_source)}
    assert found.get("image-alt") == "critical"
