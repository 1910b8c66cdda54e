"""What machines read: ClaimReview JSON-LD and social tags on claim pages, claims.json,
the Atom feed, and `factcheck export`, all from one real build."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import FIXTURE
from tests.test_build import HOSTILE, build
from tests.test_cli import FACTCHECK

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://factcheck.example.org/"
SCRIPT_CLAIM = "Closes </script><script>alert('ld')</script> & <!-- early"


class Head(HTMLParser):
    """The parts of a built page that machines read."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.json_ld: list[str] = []
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.h1 = ""
        self._in: str | None = None
        self.feed_href = ""
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in = "ld"
            self.json_ld.append("")
        elif tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name") or ""] = a.get("content") or ""
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href") or ""
        elif tag == "link" and a.get("type") == "application/atom+xml":
            self.feed_href = a.get("href") or ""
        elif tag == "h1" and not self.h1:
            self._in = "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "h1"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "ld":
            self.json_ld[-1] += data
        elif self._in == "h1":
            self.h1 += data


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publish") / "site"
    shutil.copytree(FIXTURE, root)
    claims = root / "claims"
    (claims / "hostile-claim.yaml").write_text(HOSTILE, encoding="utf-8")
    strimling = (claims / "strimling-order-very-broad.yaml").read_text(encoding="utf-8")
    (claims / "a-draft.yaml").write_text(strimling + "status: draft\n", encoding="utf-8")
    (claims / "script-claim.yaml").write_text(f"""\
claim: {json.dumps(SCRIPT_CLAIM)}
claimant: Someone
verdict: unproven
summary: "=HYPERLINK(\\"http://evil\\")"
body: Nothing settles it.
sources:
  - title: A source
    url: https://example.org/
author: Fact Desk
published: 2017-02-03
""", encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def published(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "claims").glob("*.yaml") if p.stem != "a-draft")


def page(root: Path, claim_id: str) -> Head:
    return Head((root / "site" / "claims" / claim_id / "index.html").read_text("utf-8"))


def test_every_claim_page_has_one_claim_review(project: Path) -> None:
    data = json.loads((project / "site" / "claims.json").read_text("utf-8"))
    by_id = {c["id"]: c for c in data["claims"]}
    for claim_id in published(project):
        head = page(project, claim_id)
        assert len(head.json_ld) == 1, claim_id
        review = json.loads(head.json_ld[0])
        claim = by_id[claim_id]
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim["claim"] == head.h1.strip().rstrip("¶")
        assert review["url"] == head.canonical == f"{SITE_URL}claims/{claim_id}/"
        assert review["datePublished"] == claim["published"]
        assert review["author"] == {"@type": "Organization", "name": "Test Fact Check",
                                    "url": SITE_URL}
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == claim["verdict"]["label"]
        if claim["verdict"]["value"] is None:
            assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)
        else:
            assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
                claim["verdict"]["value"], 5, 1)
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["name"] == claim["claimant"]
        assert item["author"]["@type"] in ("Person", "Organization")
        assert item.get("datePublished") == claim["claim_date"]
        if claim["seed"]:
            assert item["firstAppearance"]["url"] == "https://www.pressherald.com/2017/02/01/" \
                "groups-press-portland-officials-to-stand-up-to-trump-add-immigrant-protections/"
        # social cards say what the page says
        assert head.meta["og:title"] == head.meta["twitter:title"] == claim["claim"]
        description = f"{claim['verdict']['label']}: {claim['summary']}"
        assert head.meta["og:description"] == head.meta["twitter:description"] == description
        assert head.meta["og:url"] == review["url"]
        assert head.meta["twitter:card"] == "summary_large_image"  # the share card
        assert head.meta["og:image"] == head.meta["twitter:image"]
        assert head.meta["og:image"].startswith(f"{SITE_URL}assets/cards/{claim_id}-")
        assert head.feed_href == "../../feed.xml"


def test_claim_review_of_a_verdict_off_the_scale(project: Path) -> None:
    review = json.loads(page(project, "script-claim").json_ld[0])
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}
    assert review["claimReviewed"] == SCRIPT_CLAIM  # the text survives, and stays in its script
    assert review["itemReviewed"]["author"]["@type"] == "Person"
    organisation = json.loads(page(project, "lepage-called-portland-sanctuary-city").json_ld[0])
    assert organisation["itemReviewed"]["author"] == {"@type": "Organization",
                                                      "name": "Portland Press Herald"}


def test_other_pages_have_no_claim_review(project: Path) -> None:
    for other in ("index.html", "claims/index.html", "verdicts/index.html"):
        head = Head((project / "site" / other).read_text("utf-8"))
        assert head.json_ld == [] and "og:title" not in head.meta
        assert head.feed_href.endswith("feed.xml")


def test_claims_json(project: Path) -> None:
    text = (project / "site" / "claims.json").read_text("utf-8")
    data = json.loads(text)
    # Written a claim at a time: the site indented, then a claim a line.
    lines = text.splitlines()
    assert lines[:2] == ["{", ' "schema_version": 1,']
    first = lines.index(' "claims": [') + 1
    assert lines[first:first + len(data["claims"])] == [
        "  " + json.dumps(claim, ensure_ascii=False) + ("," if i + 1 < len(data["claims"])
                                                        else "")
        for i, claim in enumerate(data["claims"])]
    assert lines[first + len(data["claims"]):] == [" ]", "}"]
    assert data["schema_version"] == 1
    assert data["site"] == {"name": "Test Fact Check", "url": SITE_URL, "language": "en"}
    assert [r["key"] for r in data["ratings"]][:2] == ["true", "mostly-true"]
    assert sorted(c["id"] for c in data["claims"]) == published(project)
    dates = [c["published"] for c in data["claims"]]
    assert dates == sorted(dates, reverse=True)
    lepage = next(c for c in data["claims"] if c["id"] == "lepage-called-portland-sanctuary-city")
    assert list(lepage) == ["id", "url", "claim", "claimant", "claimant_role", "claimant_type",
                            "claim_date", "seed", "quote", "verdict", "summary", "body",
                            "sources", "tags", "author", "reviewer", "published", "updated",
                            "corrections", "related", "original_url", "language",
                            "exceptions"]
    assert lepage["verdict"] == {"key": "true", "label": "True", "value": 5}
    assert lepage["sources"][1]["archive_url"].startswith("https://web.archive.org/")
    assert lepage["related"] == ["birmingham-passed-sanctuary-resolution"]
    assert lepage["exceptions"] == []


def test_atom_feed(project: Path) -> None:
    feed = ET.parse(project / "site" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert sorted(ids) == sorted(f"{SITE_URL}claims/{c}/" for c in published(project))
    for entry in entries:
        link = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        built = project / "site" / link.removeprefix(SITE_URL) / "index.html"
        assert built.is_file(), link
        assert entry.find(f"{ATOM}updated").text.endswith("T00:00:00Z")
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert entry.find(f"{ATOM}summary").text
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert SCRIPT_CLAIM in titles  # text, escaped by the XML writer, parsed back intact


def export(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FACTCHECK, "export", *args],
                          cwd=project, capture_output=True, text=True, timeout=120)


def test_export_json_is_the_sites_claims_json(project: Path) -> None:
    result = export(project, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (project / "site" / "claims.json").read_text("utf-8")


def test_export_csv(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = export(project, "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert sorted(r["id"] for r in rows) == published(project)
    script = next(r for r in rows if r["id"] == "script-claim")
    assert script["claim"] == SCRIPT_CLAIM
    assert script["summary"] == "'=HYPERLINK(\"http://evil\")"  # shown as text, never run
    lepage = next(r for r in rows if r["id"] == "lepage-called-portland-sanctuary-city")
    assert lepage["tags"].split("\n") == ["sanctuary-cities", "maine"]
    assert lepage["verdict"] == "true" and lepage["verdict_label"] == "True"
    # run again: it replaces its own export, but never a file a person wrote
    assert export(project, "--format", "csv", "--out", str(out)).returncode == 0
    mine = tmp_path / "notes.csv"
    mine.write_text("my notes\n")
    refused = export(project, "--out", str(mine))
    assert refused.returncode == 1
    assert "is not a factcheck export" in refused.stderr
    assert mine.read_text() == "my notes\n"
