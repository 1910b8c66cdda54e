"""Property tests: whatever a claim file holds, the tool answers with clean messages, and
every valid claim becomes a page that shows its verdict and its text, inert."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from html.parser import HTMLParser
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from generator.claim_page import render_claim
from generator.load import decode, parse_yaml
from generator.model import Seed, Settings
from generator.paths import claim_path
from generator.project import load_project
from generator.schema import CLAIM_FIELDS
from generator.validate import validate_claim
from tests.conftest import FIXTURE, TODAY

SHOWN = "claims/x.yaml"
PROBLEM = re.compile(r"^claims/x\.yaml:[1-9]\d*: [^\n]+?: [^\n]+; [^\n]+$")
FIELDS = [f.name for f in CLAIM_FIELDS]
# Text with everything that could be taken for markup or code, and any other character.
NASTY = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ config }}",
         "{% raw %}", "[x](javascript:alert(1))", "![i](data:image/png;base64,AA)", "---",
         "**", "_", "`", "|", "#", "&amp;", "\\", "\u202e", ":", "- ", "\n", "'", '"']
text = st.one_of(st.text(max_size=60),
                 st.lists(st.sampled_from(NASTY) | st.text(max_size=8), max_size=8).map("".join))
scalars = st.one_of(text, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                    st.dates(min_value=dt.date(1, 1, 1)))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(FIELDS) | text, inner, max_size=4),
                      max_leaves=12)
claim_files = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values,
                              max_size=len(FIELDS) + 2)


@functools.cache
def fixture_seeds() -> dict[str, Seed]:
    from generator.project import settings_from_options
    return load_project(FIXTURE, settings_from_options({})[0], today=TODAY).seeds


def check(raw: bytes, settings: Settings, seeds: dict[str, Seed]) -> list[str]:
    """The real path a claim file takes, from bytes to a Claim or to problems."""
    text, problems = decode(raw, SHOWN)
    if text is not None:
        doc, problems = parse_yaml(text, SHOWN)
        if doc is not None:
            claim, problems = validate_claim("x", SHOWN, doc, settings, seeds,
                                             frozenset({"x", "other"}), TODAY)
            assert (claim is None) == bool(problems)
    return [str(p) for p in problems]


@hsettings(max_examples=300, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=claim_files)
def test_any_yaml_claim_validates_or_gets_clean_messages(
        data: dict[Any, Any], settings: Settings) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    for problem in check(raw, settings, fixture_seeds()):
        assert PROBLEM.match(problem), problem


@hsettings(max_examples=300, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300) | text.map(lambda t: t.encode("utf-8")))
def test_any_bytes_get_clean_messages(raw: bytes, settings: Settings,
                                      ) -> None:
    for problem in check(raw, settings, fixture_seeds()):
        assert PROBLEM.match(problem), problem


class Visible(HTMLParser):
    """The text a reader sees, and every element, of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(fragment)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


one_line = st.lists(st.sampled_from(NASTY[:-2]) | st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=12),
    min_size=1, max_size=6).map("".join)
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "a", "span", "svg", "path", "div",
                "strong", "em", "ol", "ul", "li", "hr", "blockquote", "mark", "code", "pre",
                "table", "thead", "tbody", "tr", "th", "td", "br", "sup", "sub", "del", "abbr"}


@hsettings(max_examples=150, deadline=None,
           suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim=one_line, claimant=one_line, summary=one_line, body=st.text(max_size=200),
       tag=st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True),
       verdict=st.sampled_from(["true", "mostly-true", "half-true", "mostly-false", "false",
                                "misleading", "unproven", "opinion"]))
def test_every_valid_claim_becomes_a_page_that_shows_its_verdict(
        claim: str, claimant: str, summary: str, body: str, tag: str, verdict: str,
        settings: Settings) -> None:
    data = {"claim": claim, "claimant": claimant, "verdict": verdict, "summary": summary,
            "body": body or "x", "tags": [tag], "author": "Desk",
            "published": dt.date(2017, 2, 3),
            "sources": [{"title": claim, "url": "https://example.org/", "publisher": claimant}]}
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    text, _ = decode(raw, SHOWN)
    assert text is not None
    doc, problems = parse_yaml(text, SHOWN)
    assert doc is not None and problems == []
    built, problems = validate_claim("x", SHOWN, doc, settings, fixture_seeds(), frozenset({"x"}),
                                   TODAY)
    assume(built is not None)  # e.g. a claim of only spaces: its message is tested elsewhere
    assert built is not None
    page = render_claim(built, None, {"x": built}, settings)
    assert page.startswith("---\n")
    front, content = page[4:].split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert html.unescape(meta["title"]) == built.claim  # one string, escaped for the theme
    fragment = markdown.markdown(content, extensions=["toc", "tables", "attr_list"])
    seen = Visible(fragment)
    shown = " ".join("".join(seen.text).split())
    assert f"{built.verdict.label}" in shown
    assert f'fc-verdict--{verdict}' in fragment
    for field in (built.claim, built.claimant, built.summary):
        assert " ".join(field.split()) in shown, field
    for tag_name, attrs in seen.tags:
        assert tag_name in ALLOWED_TAGS, tag_name
        assert not [a for a in attrs if a.startswith("on")]
        assert not (attrs.get("href") or "").lower().startswith(("javascript:", "data:"))
    assert claim_path("x") == "claims/x.md"
