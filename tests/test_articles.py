"""Many articles: the articles index, the latest-articles block, and the navigation of a
site with several seeds, with `nav:` and without it (tests/fixtures/articles/)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.blocks import render_block
from generator.listings import newest_first
from generator.model import Settings
from generator.project import load_project
from generator.render import render_site
from tests.conftest import ARTICLES, TODAY
from tests.test_build import build, html
from tests.test_cli import run
from tests.test_render import assert_golden

GOLDEN = Path(__file__).parent / "golden" / "three-articles"
#: The fixture's articles, the newest first, with how many passages of each were checked.
NEWEST = [("county-ledger-2023-01-10", 1), ("valley-times-2021-09-14", 2),
          ("harbor-gazette-2019-05-02", 3)]
#: The generated pages that belong in the navigation.
INDEXES = ["articles/", "claimants/", "claims/", "corrections/", "tags/", "verdicts/"]


@pytest.fixture(scope="module")
def pages(settings: Settings) -> dict[str, str]:
    project = load_project(ARTICLES, settings, today=TODAY)
    assert project.problems == []
    return render_site(project.claims, project.seeds, settings)


@pytest.mark.parametrize("path", ["articles/index.md", "articles/page/2.md"])
def test_golden(pages: dict[str, str], path: str) -> None:
    assert_golden(pages, path, GOLDEN)


def test_the_index_lists_every_article_newest_first(pages: dict[str, str]) -> None:
    # Two articles a page (the fixture's per_page), the newest first.
    first, second = pages["articles/index.md"], pages["articles/page/2.md"]
    item = re.compile(r'^- <span dir="auto">\[[^]]+\]\((?:\.\./)?([^)]+)\.md\)</span>', re.M)
    assert item.findall(first) + item.findall(second) == [seed for seed, _ in NEWEST]
    for seed, passages in NEWEST:
        page = first if f"]({seed}.md)" in first else second
        noun = "passage" if passages == 1 else "passages"
        assert f"· {passages} checked {noun}: " in page
    # The verdict mix: each verdict of the article once, as a badge (icon and word), with
    # its count, in the order of the rating scale.
    harbor = second.split("harbor-gazette-2019-05-02.md", 1)[1]
    mix = re.findall(r'<span class="fc-verdict fc-verdict--([a-z-]+)">.*?<span>([^<]+)'
                     r"</span></span> (\d+)", harbor)
    assert mix == [("true", "True", "1"), ("mostly-false", "Mostly false", "1"),
                   ("false", "False", "1")]
    assert "Page 2 of 2" in second and "search:\n  exclude: true" in second


def test_an_article_with_no_published_checks_is_listed_without_a_mix(
        settings: Settings) -> None:
    project = load_project(ARTICLES, settings, today=TODAY)
    drafts = [replace(c, status="draft") if c.seed == "county-ledger-2023-01-10" else c
              for c in project.claims]
    published = [c for c in drafts if not c.draft]
    pages = render_site(published, project.seeds, replace(settings, per_page=50))
    line = next(x for x in pages["articles/index.md"].splitlines()
                if "January 10, 2023" in x)
    assert line.endswith("· 0 checked passages")


def test_no_articles(settings: Settings) -> None:
    pages = render_site([], {}, settings)
    assert "\nNo articles yet\\.\n" in pages["articles/index.md"]
    assert render_block("latest-articles", "", "index.md", [], settings, {}).strip() \
        == "No articles yet\\."


def test_a_seed_named_index_does_not_take_the_index_address(settings: Settings,
                                                            tmp_path: Path) -> None:
    root = tmp_path / "articles"
    shutil.copytree(ARTICLES, root)
    for suffix in (".txt", ".yaml"):
        (root / "seeds" / f"valley-times-2021-09-14{suffix}").rename(
            root / "seeds" / f"index{suffix}")
    for claim in (root / "claims").glob("*.yaml"):
        claim.write_text(claim.read_text().replace("valley-times-2021-09-14", "index"))
    project = load_project(root, settings, today=TODAY)
    assert project.problems == []
    pages = render_site(project.claims, project.seeds, settings)
    assert "articles/index-article.md" in pages
    assert "](index-article.md)" in pages["articles/index.md"]


def test_latest_articles_block(settings: Settings) -> None:
    project = load_project(ARTICLES, settings, today=TODAY)
    newest = newest_first(project.claims)
    home = render_block("latest-articles", "2", "index.md", newest, settings, project.seeds)
    assert re.findall(r"\]\((articles/[^)]+)\)", home) == [
        "articles/county-ledger-2023-01-10.md", "articles/valley-times-2021-09-14.md",
        "articles/index.md"]  # the two newest, then all of them: there are more
    assert "· 1 checked passage: " in home and "· 2 checked passages: " in home
    nested = render_block("latest-articles", "", "about/us.md", newest, settings,
                          project.seeds)
    assert "](../articles/harbor-gazette-2019-05-02.md)" in nested
    assert "articles/index.md" not in nested  # all three fit: no link to the rest


def nav_links(page_html: str) -> list[str]:
    """The pages the navigation of a built page links to (not the page itself)."""
    return [link for link in re.findall(r'<a href="([^"#]+)" class="md-nav__link', page_html)
            if link != "."]


def test_without_nav_the_indexes_are_in_it_and_claims_are_not(articles_site: Path) -> None:
    result = build(articles_site)
    assert result.returncode == 0, result.stderr
    site = articles_site / "site"
    assert nav_links(html(site, "")) == INDEXES
    assert "not included in the" not in result.stderr
    # Every article is reached from its index; the claim pages are built all the same.
    index = html(site, "articles") + html(site, "articles/page/2")
    for seed, _ in NEWEST:
        assert f'href="{seed}/"' in index or f'href="../../{seed}/"' in index
        assert (site / "articles" / seed / "index.html").is_file()
    assert (site / "claims" / "night-ferry-carries-400-people" / "index.html").is_file()
    home = html(site, "")
    assert 'href="articles/county-ledger-2023-01-10/"' in home  # the latest-articles block
    assert 'href="articles/harbor-gazette-2019-05-02/"' not in home  # only the two newest


def test_with_nav_a_build_names_no_claim_page_and_names_the_drafts(
        articles_site: Path) -> None:
    """One `nav:` entry reaches every article; the log names no claim page, only the
    generated indexes the nav leaves out, and the drafts it leaves out in one line."""
    config = articles_site / "mkdocs.yml"
    config.write_text(config.read_text() + "nav:\n  - Home: index.md\n"
                      "  - Articles: articles/index.md\n  - All claims: claims/index.md\n")
    claims = articles_site / "claims"
    for name in ("a-draft", "another-draft"):
        (claims / f"{name}.yaml").write_text(
            (claims / "busiest-bridge-in-the-county.yaml").read_text() + "status: draft\n")
    result = build(articles_site)
    assert result.returncode == 0, result.stderr
    site = articles_site / "site"
    assert nav_links(html(site, "")) == ["articles/", "claims/"]
    log = result.stderr.splitlines()
    omitted = log.index('INFO    -  The following pages exist in the docs directory, but are '
                        'not included in the "nav" configuration:')
    assert sorted(line for line in log[omitted + 1:] if line.startswith("  - ")) == [
        "  - claimants/index.md", "  - corrections/index.md", "  - tags/index.md",
        "  - verdicts/index.md"]
    assert "INFO    -  factcheck: 2 drafts (status: draft) left out of the site: " \
           "claims/a-draft.yaml, claims/another-draft.yaml" in log
    for claim in claims.glob("*.yaml"):
        assert claim.stem not in result.stderr.replace("claims/a-draft.yaml", "").replace(
            "claims/another-draft.yaml", "")
    assert not (site / "claims" / "a-draft").exists()


def test_check_and_generate_name_the_drafts(articles_site: Path, tmp_path: Path) -> None:
    claims = articles_site / "claims"
    (claims / "a-draft.yaml").write_text(
        (claims / "busiest-bridge-in-the-county.yaml").read_text() + "status: draft\n")
    result = run("check", cwd=articles_site)
    assert (result.returncode, result.stdout) == (0, (
        "1 draft (status: draft) left out of the site: claims/a-draft.yaml\n"
        "Checked 7 claims and 3 seeds: no problems.\n"))
    result = run("generate", "--out", str(tmp_path / "out"), cwd=articles_site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("1 draft (status: draft) left out of the site: "
                             "claims/a-draft.yaml; add --drafts to include them.\n")
    assert not (tmp_path / "out" / "claims" / "a-draft.md").exists()
