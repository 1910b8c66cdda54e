"""Generated pages made with cmarkgfm (generator/page_html.py) are the pages Python-Markdown
makes: the same HTML modulo white space, the same table of contents, title and anchors."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.page_html import FastPages
from generator.project import load_project
from generator.render import render_site
from tests.conftest import FIXTURE, TODAY
from tests.test_build import HOSTILE, build

FIXTURES = FIXTURE.parent


class _Canonical(HTMLParser):
    """A page as a browser reads it: tags with their attributes, and text with entities
    resolved and white space collapsed, so that equivalent HTML compares equal."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(f"<{tag} {sorted(attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.out.append(" ".join(data.split()))


def canonical(page: str) -> list[str]:
    parser = _Canonical()
    parser.feed(page)
    parser.close()
    return parser.out


def links_out(page: Page) -> dict[Any, Any]:
    """A page's links to anchors, less those to its own anchors that it has (every
    permalink is one, which Python-Markdown's way records and MkDocs always finds)."""
    assert page.present_anchor_ids is not None
    own = {a: u for a, u in (page.links_to_anchors or {}).get(page.file, {}).items()
           if a not in page.present_anchor_ids}
    others = {f: t for f, t in (page.links_to_anchors or {}).items() if f is not page.file}
    return {**others, **({page.file: own} if own else {})}


def _toc(items: Any) -> list[Any]:
    return [(i.level, i.id, html.unescape(i.title), _toc(i.children)) for i in items]


def both_ways(project: Path, markdown: dict[str, str]) -> dict[str, tuple[Page, Page]]:
    """Each page of ``markdown`` rendered by MkDocs (Python-Markdown) and by FastPages."""
    config = load_config(str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    fast = FastPages.for_config(config)
    assert fast is not None
    files = Files([File.generated(config, path, content=text) for path, text in markdown.items()])
    out = {}
    for path in markdown:
        file = files.get_file_from_path(path)
        assert file is not None
        slow = Page(None, file, config)
        slow.read_source(config)
        slow.render(config, files)
        quick = Page(None, file, config)
        # As the plugin does: the HTML is made only when the page is about to be written.
        fast.attach(quick, lambda path=path: markdown[path], defer=True)
        quick.read_source(config)
        quick.render(config, files)
        assert quick.content == ""
        fast.convert_deferred(quick)
        out[path] = (slow, quick)
    return out


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with the hostile claims and seed of tests/fixtures/hostile."""
    root = tmp_path_factory.mktemp("fast") / "site"
    shutil.copytree(FIXTURE, root)
    for folder in ("claims", "seeds"):
        for path in (FIXTURES / "hostile" / folder).iterdir():
            shutil.copy(path, root / folder / path.name)
    (root / "claims" / "hostile-claim.yaml").write_text(HOSTILE, encoding="utf-8")
    return root


def test_every_generated_page_is_the_same_both_ways(hostile_project: Path) -> None:
    config = load_config(str(hostile_project / "mkdocs.yml"))
    from generator.plugin import plugin_settings

    settings = plugin_settings(config.plugins["factcheck"].config, config)
    loaded = load_project(hostile_project, settings, today=TODAY)
    assert loaded.problems == []
    pages = {p: t for p, t in render_site(loaded.claims, loaded.seeds, settings).items()
             if p.endswith(".md")}
    assert len(pages) > 20
    for path, (slow, quick) in both_ways(hostile_project, pages).items():
        assert slow.content is not None and quick.content is not None
        assert canonical(quick.content) == canonical(slow.content), path
        assert _toc(quick.toc) == _toc(slow.toc), path
        assert quick.title == slow.title and quick.meta == slow.meta, path
        assert quick.present_anchor_ids == slow.present_anchor_ids, path
        assert links_out(quick) == links_out(slow), path


# Markdown the templates write, and the corners of it: each must come out the same.
CASES = {
    "headings": "# Title\n\n## Sources\n\n## Sources\n\n### Sub *em* `code`\n\n## Sources_1\n",
    "quotes": '# "Quoted" & <b>bold</b>\n\nSaid "this" & \\*that\\*.\n',
    "badge-heading": '## <span class="fc-verdict"><svg a="b"><path d="M1"/></svg>'
                     '<span>True</span></span>\n\ntext\n',
    "table": "| Verdict | Claims |\n| --- | ---: |\n| a \\| b | 1 |\n",
    "links": "[a](other.md) [b](other.md#part) [c](#here) [d](https://example.org/?a=1&b=2)"
             " [e](missing.md)\n\n## Here\n",
    "raw-block": '## Before\n\n<div class="fc-body">\n<h3>Inside</h3>\n<p><a href="other.md" '
                 'rel="noopener">kept as written</a> and <a href="x.md">this</a></p>\n'
                 '<table><tr><td align="right">1</td></tr></table>\n</div>\n\n## After\n',
    "lists": "1. **Primary:** [x](https://e.org)\n\n2. y, z\n\n## Corrections\n\n"
             "- **May 1:** a — b\n  — c\n- d\n\n---\n\nEnd.\n",
    "quote": '> before<mark class="fc-quote" id="q-a">marked</mark> after\n>\n'
             "> — [Source](https://e.org), Publisher · [See](other.md#q-a)\n",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_markdown_corners_are_the_same_both_ways(case: str, site: Path) -> None:
    markdown = {"claims/page.md": "---\ntitle: A page\n---\n" + CASES[case],
                "claims/other.md": "# Other\n\n## Part\n"}
    with pytest.MonkeyPatch.context() as patch:
        # A link to nothing is a warning, logged the same way by both.
        warnings: list[str] = []
        patch.setattr("mkdocs.structure.pages.log.log",
                      lambda level, message, *a: warnings.append(message))
        slow, quick = both_ways(site, markdown)["claims/page.md"]
    assert canonical(quick.content or "") == canonical(slow.content or "")
    assert _toc(quick.toc) == _toc(slow.toc)
    assert quick.present_anchor_ids == slow.present_anchor_ids
    assert links_out(quick) == links_out(slow)
    assert len(warnings) == (2 if case == "links" else 0)  # `missing.md`, once each way


def test_headings_get_ids_and_permalinks_as_the_toc_extension_gives_them(site: Path) -> None:
    markdown = {"claims/page.md": CASES["headings"]}
    slow, quick = both_ways(site, markdown)["claims/page.md"]
    assert '<h2 id="sources_1">Sources<a class="headerlink" href="#sources_1" ' \
           'title="Permanent link">&para;</a></h2>' in (quick.content or "")
    assert [i.id for i in quick.toc.items[0].children] == \
        ["sources", "sources_1", "sources_2"]


def test_an_unknown_markdown_extension_sends_pages_through_python_markdown(site: Path) -> None:
    config_file = site / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - smarty\n"), encoding="utf-8")
    config = load_config(str(config_file))
    assert FastPages.for_config(config) is None


def test_a_site_built_both_ways_has_the_same_pages(hostile_project: Path, tmp_path: Path) -> None:
    slow_project = tmp_path / "slow"
    shutil.copytree(hostile_project, slow_project)
    config_file = slow_project / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace(
        "  - factcheck:\n", "  - factcheck:\n      fast_pages: false\n"), encoding="utf-8")
    assert "fast_pages: false" in config_file.read_text()
    for project in (hostile_project, slow_project):
        result = build(project)
        assert result.returncode == 0, result.stderr
    fast_site, slow_site = hostile_project / "site", slow_project / "site"
    pages = sorted(p.relative_to(slow_site) for p in slow_site.rglob("*.html"))
    assert len(pages) > 20
    assert pages == sorted(p.relative_to(fast_site) for p in fast_site.rglob("*.html"))
    for page in pages:
        slow = (slow_site / page).read_text(encoding="utf-8")
        fast = (fast_site / page).read_text(encoding="utf-8")
        assert re.sub(r"\s+", "", fast) == re.sub(r"\s+", "", slow), page


def test_a_page_knows_its_front_matter_without_being_made(hostile_project: Path) -> None:
    """A claim's page or a listing's is read from its front matter alone and made only
    when converted: the front matter it gives is the one its Markdown starts with."""
    from mkdocs.utils.meta import get_data

    from generator.claim_page import ClaimPage
    from generator.listings import ListingPage
    from generator.plugin import plugin_settings
    from generator.render import site_pages

    config = load_config(str(hostile_project / "mkdocs.yml"))
    settings = plugin_settings(config.plugins["factcheck"].config, config)
    loaded = load_project(hostile_project, settings, today=TODAY)
    pages = [p for p in site_pages(loaded.claims, loaded.seeds, settings).values()
             if isinstance(p, ClaimPage | ListingPage)]
    assert len(pages) > len(loaded.claims) > 4
    for page in pages:
        assert (page.body(), page.meta()) == get_data(page.markdown())
