"""Blocks that hand-written pages ask for (`<!-- factcheck: latest 5 -->`), and the
corrections log."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from generator.blocks import BlockError, fill_blocks, render_block
from generator.chart import verdict_chart
from generator.listings import newest_first, render_corrections
from generator.model import Claim, Correction, Settings
from generator.project import load_project
from tests.conftest import FIXTURE, TODAY


@pytest.fixture(scope="module")
def newest(settings: Settings) -> list[Claim]:
    project = load_project(FIXTURE, settings, today=TODAY)
    assert project.problems == []
    return newest_first(project.claims)


def test_latest_links_from_the_page_it_is_on(newest: list[Claim], settings: Settings) -> None:
    home = render_block("latest", "2", "index.md", newest, settings)
    assert home.count("\n- ") + home.startswith("- ") == 2
    assert f"](claims/{newest[0].id}.md)" in home
    assert f"](claims/{newest[1].id}.md)" in home
    assert f"claims/{newest[2].id}.md" not in home
    assert "](claims/index.md)" in home  # more claims than shown: a link to all of them
    nested = render_block("latest", "", "about/team.md", newest, settings)
    assert f"](../claims/{newest[0].id}.md)" in nested
    assert "](../claims/index.md)" not in nested  # all three fit: no "all claims" link


def test_a_page_s_blocks_are_filled_in_and_a_wrong_one_is_shown_where_it_stood(
        newest: list[Claim], settings: Settings) -> None:
    # The preview's way: a build has stopped on the wrong block before it gets here.
    page = ("# Home\n\n<!-- factcheck: latest 1 -->\n\n<!-- factcheck: lastest 5 -->\n\n"
            "<!-- factcheck: latest <b>x</b> -->\n\nThe end.\n")
    filled = fill_blocks(page, "index.md", newest, settings, {})
    assert filled.startswith("# Home\n\n") and filled.endswith("\n\nThe end.\n")
    assert render_block("latest", "1", "index.md", newest, settings) in filled
    assert "<!-- factcheck" not in filled
    misspelt, hostile = (part.strip() for part in filled.split("\n\n")[-3:-1])
    assert misspelt.startswith('> **factcheck block:** there is no block "lastest"')
    assert hostile.startswith("> **factcheck block:** ")
    assert "<b>" not in hostile and "x" in hostile  # what the page asked for, as text


def test_latest_with_no_claims(settings: Settings) -> None:
    assert render_block("latest", "", "index.md", [], settings).strip() == "No claims yet\\."


def test_chart_is_svg_with_a_text_equivalent(newest: list[Claim], settings: Settings) -> None:
    block = render_block("verdict-chart", "", "index.md", newest, settings)
    svg_text = block.split('<figure class="fc-figure">', 1)[1].split("</figure>", 1)[0]
    svg = ET.fromstring(svg_text)
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "fc-chart-title fc-chart-desc"
    assert svg.find(f"{ns}title").text == "Verdicts of our 3 checked claims"
    counts = {r.label: sum(c.verdict.key == r.key for c in newest) for r in settings.ratings}
    assert svg.find(f"{ns}desc").text == settings.words.list([f"{k}: {v}"
                                                              for k, v in counts.items()])
    assert svg.find(f"{ns}desc").text.endswith(", and Opinion: 1")
    bars = svg.findall(f"{ns}rect")
    assert len(bars) == len(settings.ratings)
    widths = [int(bar.get("width")) for bar in bars]
    assert max(widths) == 400 and widths.count(0) == sum(v == 0 for v in counts.values())
    # the same figures as a table, each verdict linked to its page
    for rating in settings.ratings:
        assert f"](verdicts/{rating.key}.md) | {counts[rating.label]} |" in block


def test_chart_escapes_the_scale(settings: Settings) -> None:
    evil = replace(settings.ratings[0], label='<script>alert(1)</script>&"',
                   color='"/><script>')
    svg = verdict_chart([{"rating": evil, "count": 2}], 2, settings.words)
    assert "<script>" not in svg
    ET.fromstring(svg)  # still well-formed


def test_rating_scale_lists_every_verdict(settings: Settings) -> None:
    block = render_block("rating-scale", "", "methodology.md", [], settings)
    for rating in settings.ratings:
        assert f"](verdicts/{rating.key}.md) |" in block
        assert rating.description.replace(".", "\\.").replace("-", "\\-") in block


@pytest.mark.parametrize(("name", "argument", "message"), [
    ("lastest", "", 'there is no block "lastest"; did you mean "latest"? use one of: latest, '
                    "verdict-chart, rating-scale, latest-articles, standards"),
    ("chart", "", 'there is no block "chart"; use one of: latest, verdict-chart, '
                  "rating-scale, latest-articles, standards"),
    ("chart", "3", 'there is no block "chart"; use one of: latest, verdict-chart, '
                   "rating-scale, latest-articles, standards"),
    ("", "", 'there is no block ""; use one of: latest, verdict-chart, rating-scale, '
             "latest-articles, standards"),
    ("latest-article", "", 'there is no block "latest-article"; did you mean '
                           '"latest-articles"? use one of: latest, verdict-chart, '
                           "rating-scale, latest-articles, standards"),
    ("latest-articles", "all", '"latest-articles" takes a number from 1 to 100, not "all"'),
    ("latest", "five", '"latest" takes a number from 1 to 100, not "five"'),
    ("latest", "0", '"latest" takes a number from 1 to 100, not "0"'),
    ("latest", "1000", '"latest" takes a number from 1 to 100, not "1000"'),
    ("verdict-chart", "big", '"verdict-chart" takes no argument; remove "big"'),
])
def test_block_errors(settings: Settings, name: str, argument: str, message: str) -> None:
    with pytest.raises(BlockError) as error:
        render_block(name, argument, "index.md", [], settings)
    assert str(error.value) == message


def test_corrections_log_newest_first(newest: list[Claim], settings: Settings) -> None:
    a, b = newest[0], newest[1]
    claims = [replace(a, corrections=(Correction(TODAY.replace(year=2017), "First fix."),
                                      Correction(TODAY.replace(year=2019), "Second fix."))),
              replace(b, corrections=(Correction(TODAY.replace(year=2018),
                                                 "Line one.\n\nLine *two*."),))]
    pages = render_corrections(claims, replace(settings, per_page=2))
    assert list(pages) == ["corrections/index.md", "corrections/page/2.md"]
    first, second = pages["corrections/index.md"], pages["corrections/page/2.md"]
    assert first.index("November 25, 2019") < first.index("November 25, 2018")
    assert "Line one\\. Line \\*two\\*\\." in first  # one list item, still escaped
    assert "Second fix\\." in first and "First fix\\." in second
    assert f"](../../claims/{a.id}.md)" in second
    assert "search:\n  exclude: true" in second


def test_no_corrections(settings: Settings) -> None:
    page = render_corrections([], settings)["corrections/index.md"]
    assert "No corrections so far\\." in page
