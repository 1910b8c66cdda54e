"""A real `mkdocs build --strict` of a small project, and what its HTML shows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

HOSTILE = """\
claim: "<script>alert('claim')</script> **bold** [x](javascript:alert(1)) {{ config }} \
  </title><script>alert('title')</script>"
claimant: "<img src=x onerror=alert('claimant')>"
claim_date: 2017-01-31
verdict: "false"
summary: "{% raw %}{{ page }}{% endraw %} <b onmouseover=alert(1)>hi</b>\\n---\\nnot front matter \\
  \\"><img src=x onerror=alert('description')>"
body: |
  Text <script>alert('body')</script> <img src=x onerror="alert('img')">
  [a link](javascript:alert('link')) ![pic](data:image/svg+xml;base64,PHN2Zz4=)
  <a href="javascript:alert('raw')">raw</a> {{ config.site_name }}

  ---
  title: injected
sources:
  - title: "</a><script>alert('source')</script>"
    url: "https://example.org/?q=<script>alert(1)</script>"
    publisher: "[pub](javascript:alert(1))"
tags: [hostile]
author: Fact Desk
published: 2017-02-03
"""


def build(site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
                          cwd=site, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def built(site: Path) -> Path:
    (site / "claims" / "hostile-claim.yaml").write_text(HOSTILE, encoding="utf-8")
    (site / "claims" / "a-draft.yaml").write_text(
        (site / "claims" / "strimling-order-very-broad.yaml").read_text()
        + "status: draft\n", encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"


def html(site_dir: Path, page: str) -> str:
    return (site_dir / page / "index.html").read_text(encoding="utf-8")


def text_of(page_html: str) -> str:
    main = page_html.split('<article class="md-content__inner md-typeset">', 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.split("</article>", 1)[0]))


def test_claim_page(built: Path) -> None:
    page = html(built, "claims/lepage-called-portland-sanctuary-city")
    text = text_of(page)
    assert "Gov. Paul LePage has criticized Portland as a sanctuary city." in text
    assert 'class="fc-verdict fc-verdict--true fc-verdict--large"' in page
    assert "True" in text and "Portland Press Herald" in text
    assert '<mark class="fc-quote fc-quote--true">Gov. Paul LePage, for one, criticized ' \
           'Portland as being a sanctuary city.</mark>' in page
    assert 'href="../../articles/press-herald-2017-02-01/' \
           '#q-lepage-called-portland-sanctuary-city"' in page
    assert '<a href="https://www.federalregister.gov/documents/2017/01/30/2017-02102/' in page
    assert "archived copy" in text
    assert 'href="../../claimants/portland-press-herald/"' in page
    assert 'href="../../tags/sanctuary-cities/"' in page
    assert 'href="../birmingham-passed-sanctuary-resolution/"' in page  # related
    assert 'href="https://github.com/example/site/edit/main/claims/' \
           'lepage-called-portland-sanctuary-city.yaml"' in page
    assert "<h3>What the record shows</h3>" in page
    assert '<meta name="description" content="True: LePage repeatedly' in page
    assert "factcheck.css" in page


def test_listing_pages(built: Path) -> None:
    index = html(built, "claims")
    assert "hostile-claim/" in index and "lepage-called-portland-sanctuary-city/" in index
    assert 'href="page/2/"' in index
    assert "strimling-order-very-broad/" in html(built, "claims/page/2")
    assert "birmingham-passed-sanctuary-resolution/" in html(built, "verdicts/mostly-true")
    claimant = html(built, "claimants/portland-press-herald")
    assert "Mostly true" in claimant and "<td>1</td>" in claimant.replace(
        ' style="text-align: right;"', "")
    assert "birmingham-passed-sanctuary-resolution/" in html(built, "tags/other-cities")
    assert "Opinion" in html(built, "verdicts")
    article = html(built, "articles/press-herald-2017-02-01")
    assert 'id="q-birmingham-passed-sanctuary-resolution"' in article
    assert 'href="../../claims/birmingham-passed-sanctuary-resolution/"' in article
    assert "subscribe" not in article


def test_claim_pages_are_not_in_the_navigation(built: Path) -> None:
    nav = html(built, "verdicts").split('<nav class="md-nav md-nav--primary"', 1)[1]
    nav = nav.split("</nav>", 1)[0]
    assert "All claims" in nav
    assert "lepage-called-portland-sanctuary-city" not in nav


def test_drafts_are_not_built(built: Path) -> None:
    assert not (built / "claims" / "a-draft").exists()


class Elements(HTMLParser):
    """Every element of a page as a browser would parse it, and each script's text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs).get("type") or "", ""))

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script" and self.scripts:
            self.scripts[-1] = (self.scripts[-1][0], self.scripts[-1][1] + data)


def assert_inert(page: str) -> None:
    """No element, attribute or script in the page comes from claim text."""
    found = Elements(page)
    for tag, attrs in found.tags:
        assert tag not in ("img", "iframe", "object", "embed", "b"), (tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (tag, attrs)
    for kind, text in found.scripts:
        if kind == "application/ld+json":  # data, not code: it may quote the claim, escaped
            assert "<" not in text and json.loads(text)
        else:
            assert "alert(" not in text


def test_hostile_text_comes_out_inert(built: Path) -> None:
    page = html(built, "claims/hostile-claim")
    for listed in ("", "claims/hostile-claim", "verdicts/false", "claims",
                   "claimants", "tags/hostile"):
        assert_inert(html(built, listed))
    head = page.split("</head>", 1)[0]
    assert "&lt;/title&gt;&lt;script&gt;alert(&#x27;title&#x27;)" in head
    assert 'name="description" content="False: {% raw %}{{ page }}{% endraw %} &lt;b ' \
           'onmouseover=alert(1)&gt;hi&lt;/b&gt; --- not front matter &quot;&gt;&lt;img src=x ' \
           'onerror=alert(&#x27;description&#x27;)&gt;">' in head
    body = page.split('<article class="md-content__inner md-typeset">', 1)[1]
    assert "<script>alert" not in body
    assert "javascript:" not in re.sub(r">[^<]*<", "><", body)  # not in any tag or attribute
    assert "data:image" not in re.sub(r">[^<]*<", "><", body)
    assert "<b " not in body and "<img" not in body
    text = text_of(page)
    assert "<script>alert('claim')</script> **bold** [x](javascript:alert(1)) {{ config }}" \
        in text.replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'") \
        .replace("&quot;", '"').replace("&amp;", "&")
    assert "title: injected" in text
    # The list pages show the claim as text too.
    assert "<script>alert" not in html(built, "verdicts/false")


def test_broken_claim_fails_the_build_with_the_same_messages(site: Path) -> None:
    (site / "claims" / "broken.yaml").write_text("claim: x\nverdict: nope\n")
    result = build(site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "claims/broken.yaml:2: verdict: 'nope' is not a valid choice" in result.stderr
    assert "claims/broken.yaml:1: author: is missing" in result.stderr


def test_home_page_blocks_and_corrections_log(built: Path) -> None:
    home = html(built, "")
    latest = home.split('id="latest"', 1)[1].split('id="verdicts"', 1)[0]
    assert latest.count('<li><span class="fc-verdict') == 2
    assert 'href="claims/hostile-claim/"' in latest  # the newest, and still inert
    assert "<script>" not in latest and "&lt;script&gt;" in latest
    assert 'href="claims/a-draft/"' not in home  # drafts are never listed
    assert '<title id="fc-chart-title">Verdicts of our 4 checked claims</title>' in home
    assert 'href="verdicts/false/"' in home
    assert "factcheck:" not in home  # no block left unfilled

    log = text_of(html(built, "corrections"))
    assert "February 4, 2017 : Mostly true Birmingham's city council passed a resolution" in log
    assert "An earlier version gave the wrong day of the vote." in log


def test_a_bad_block_fails_the_build_with_its_line(site: Path) -> None:
    index = site / "content" / "index.md"
    index.write_text(index.read_text() + "\n<!-- factcheck: latest many -->\n"
                     "<!-- factcheck: chart -->\n")
    (site / "claims" / "broken.yaml").write_text("claim: x\n")
    result = build(site)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = index.read_text().splitlines()
    many = lines.index("<!-- factcheck: latest many -->") + 1
    assert f'content/index.md:{many}: factcheck block: "latest" takes a number from 1 to ' \
           ' 100, not "many"'.replace("  ", " ") in result.stderr
    assert f'content/index.md:{many + 1}: factcheck block: there is no block "chart"' \
        in result.stderr
    assert "claims/broken.yaml:1: author: is missing" in result.stderr  # all in one run


def test_a_hand_written_page_is_never_replaced(site: Path) -> None:
    (site / "content" / "claims").mkdir()
    (site / "content" / "claims" / "index.md").write_text("# Mine\n")
    result = build(site)
    assert result.returncode == 1
    assert "content/claims/index.md" in result.stderr and "nothing was overwritten" \
        in result.stderr
    assert (site / "content" / "claims" / "index.md").read_text() == "# Mine\n"


def test_build_writes_nothing_into_the_docs_folder(site: Path) -> None:
    before = sorted(p.relative_to(site) for p in (site / "content").rglob("*"))
    assert build(site).returncode == 0
    assert sorted(p.relative_to(site) for p in (site / "content").rglob("*")) == before
