"""Real builds in other languages: a French site and an Arabic one (tests/fixtures/fr and
tests/fixtures/ar, with their own claims, seeds and pages), and an English site with a
claim in Arabic. Each is built with `mkdocs build --strict`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.i18n import CATALOGS, PLACEHOLDER, TEMPLATE
from tests.conftest import FIXTURE
from tests.test_search import index_of

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = FIXTURES.parents[1]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ARABIC = re.compile("[\u0600-\u06ff]")
#: Elements that have no end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def build(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *options], cwd=project,
                          capture_output=True, text=True, env=env, timeout=300)


def copy_fixture(name: str, project: Path) -> Path:
    """The fixture project ``name`` copied to ``project``, with the Material overrides that
    every site of ours uses (see the README's "Tests")."""
    shutil.copytree(FIXTURES / name, project)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    return project


def built(name: str, tmp: Path) -> Path:
    project = copy_fixture(name, tmp / name)
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def fr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("fr", tmp_path_factory.mktemp("fr"))


@pytest.fixture(scope="module")
def ar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built("ar", tmp_path_factory.mktemp("ar"))


class Ours(HTMLParser):
    """What a reader sees of the generator's part of a page: the text of the article
    (Material's frame around it is Material's), the page's title, its description for
    search engines and social cards, and the tooltips and labels inside the article.
    Text marked as another language (``lang="en"`` around an English quote on a French
    page) is not the page's own, so it is left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skip = 0
        self.parts: list[str] = []
        self.title = False
        self.foreign: list[int] = []  # depths of the elements with a `lang` of their own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if (tag == "article" or self.depth) and tag not in VOID:
            self.depth += 1
            if dict(attrs).get("lang"):
                self.foreign.append(self.depth)
        if tag in ("script", "style"):
            self.skip += 1
        self.title = tag == "title" and not self.depth
        self.handle_startendtag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.parts.append(" ")  # an element starts a new word, or the regex in seen() joins
        if self.depth:
            self.parts += [v for k, v in attrs if k in ("title", "aria-label", "alt") and v]
        if tag == "meta" and (values.get("name") in ("description", "twitter:title",
                                                     "twitter:description") or
                              values.get("property") in ("og:title", "og:description")):
            self.parts.append(f" {values.get('content') or ''} ")

    def handle_endtag(self, tag: str) -> None:
        if self.foreign and self.foreign[-1] == self.depth:
            self.foreign.pop()
        if self.depth:
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1
        self.title = False

    def handle_data(self, data: str) -> None:
        if (self.depth or self.title) and not self.skip and not self.foreign:
            self.parts.append(data)


def seen(page: Path) -> str:
    parser = Ours()
    parser.feed(page.read_text(encoding="utf-8"))
    text = "".join(parser.parts)
    # Inline elements do not part words: "<strong>Jeanne</strong>, le" reads "Jeanne, le".
    return " ".join(re.sub(r" +([,.:;)])", r"\1", text).split())


def english_of_ours(language: str) -> tuple[set[str], list[str]]:
    """The words of the English messages that the translation does not use itself (so
    "Page" or "Sources" in French do not count), and the messages' phrases of two words
    or more."""
    with TEMPLATE.open("rb") as fh:
        template = [m for m in read_po(fh) if m.id]
    with (CATALOGS / f"{language}.po").open("rb") as fh:
        translated = " ".join(s for m in read_po(fh) if m.id
                              for s in (m.string if isinstance(m.string, tuple) else
                                        (m.string,)))
    used = {w.casefold() for w in re.findall(r"[A-Za-z]+", PLACEHOLDER.sub(" ", translated))}
    ids = [i for m in template for i in (m.id if isinstance(m.id, tuple) else (m.id,))]
    words = {w.casefold() for i in ids for w in re.findall(r"[A-Za-z]{3,}",
                                                             PLACEHOLDER.sub(" ", i))}
    pieces = (p.strip(" ,.:;()—") for i in ids for p in PLACEHOLDER.split(i)[::2])
    phrases = [p for p in pieces if len(re.findall(r"[A-Za-z]+", p)) >= 2]
    return words - used | {m.casefold() for m in MONTHS}, phrases


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_no_english_word_of_ours(language: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(language)
    words, phrases = english_of_ours(language)
    assert {"checked", "claims", "explanation", "february"} <= words  # the scan can fail
    pages = sorted(site.rglob("index.html"))
    assert len(pages) > 20
    found = {}
    for page in pages:
        text = seen(page)
        english = sorted({w for w in re.findall(r"[A-Za-z]+", text) if w.casefold() in words}
                         | {p for p in phrases if p and p in text})
        if english:
            found[page.relative_to(site).as_posix()] = english
    assert found == {}


def test_feed_search_and_data_speak_the_language(fr: Path) -> None:
    feed = (fr / "feed.xml").read_text(encoding="utf-8")
    assert 'xml:lang="fr"' in feed and "<subtitle>Les dernières vérifications</subtitle>" in feed
    assert "Faux\u00a0: Le recensement compte" in feed and "(affirmation de Jeanne Dupont)" in feed
    data = json.loads((fr / "claims.json").read_text(encoding="utf-8"))
    assert data["site"]["language"] == "fr"
    assert [r["label"] for r in data["ratings"]][:5] == ["Vrai", "Plutôt vrai", "À moitié vrai",
                                                         "Plutôt faux", "Faux"]
    page = (fr / "claims" / "habitants-en-un-an" / "index.html").read_text(encoding="utf-8")
    review = json.loads(page.split('<script type="application/ld+json">', 1)[1]
                        .split("</script>", 1)[0])
    assert review["reviewRating"]["alternateName"] == "Faux" and review["inLanguage"] == "fr"
    assert '<meta name="description" content="Faux : Le recensement' in page.replace(
        "\u00a0", " ")
    worker = (fr / "search" / "factcheck-search.js").read_text(encoding="utf-8")
    assert '"tag": ["tag", "sujet"]' in worker and '"mostly-false": "Plutôt faux"' in worker
    # The search index holds the French words readers see, and the verdict's French label
    # as a filter beside its key.
    meta, entries, records = index_of(fr)
    record = next(r for r in records if r[0] == "claims/habitants-en-un-an/")
    number = records.index(record)
    assert record[4] == "Faux"
    for word in ("verdict:faux", "verdict:false", "claimant:jeanne-dupont"):
        assert number in entries[word][::2], word


def test_dates_and_plurals_in_the_language(fr: Path, ar: Path) -> None:
    claim = seen(fr / "claims" / "habitants-en-un-an" / "index.html")
    assert "Jeanne Dupont, Conseillère municipale, le 1 février 2017" in claim
    assert "Publié le 2 février 2017, mis à jour le 5 février 2017." in claim
    assert "(1 affirmation)" in seen(fr / "claimants" / "index.html")
    assert "Page 1 sur 2" in seen(fr / "claims" / "index.html")
    claim = seen(ar / "claims" / "sukkan-judud" / "index.html")
    assert "سامي الحداد، عضو المجلس البلدي، في 1 فبراير 2017" in claim
    assert "ادعاء واحد تحققنا منه." in seen(ar / "claimants" / "سامي-الحداد" / "index.html")


def test_the_page_direction_follows_the_language(fr: Path, ar: Path) -> None:
    """Material writes the language into <html lang> and its direction into <body dir>."""
    page = (ar / "claims" / "sukkan-judud" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in page and '<body dir="rtl"' in page
    page = (fr / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and '<body dir="ltr"' in page
    chart = page.split('<svg class="fc-chart"', 1)[1].split("</svg>", 1)[0]
    assert 'direction="ltr"' in chart and "Verdicts : 3 affirmations vérifiées" in chart.replace(
        "\u00a0", " ")
    chart = (ar / "index.html").read_text(encoding="utf-8").split('<svg class="fc-chart"', 1)[1]
    assert 'direction="rtl"' in chart.split("</svg>", 1)[0]


def test_addresses_and_anchors_in_any_script(fr: Path, ar: Path) -> None:
    assert (fr / "tags" / "bibliothèques" / "index.html").is_file()
    assert (fr / "tags" / "budget" / "index.html").is_file()  # "Budget" and "budget": one tag
    assert not (fr / "tags" / "Budget").exists()
    page = (fr / "claims" / "bibliotheques-le-dimanche" / "index.html").read_text("utf-8")
    assert 'href="../../tags/biblioth%C3%A8ques/"' in page  # percent-encoded only in links
    assert (ar / "claimants" / "سامي-الحداد" / "index.html").is_file()
    assert (ar / "tags" / "الهجرة" / "index.html").is_file()
    page = (ar / "claims" / "sukkan-judud" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="باختصار">' in page  # an anchor made of its heading's own letters
    assert "claimant-" not in " ".join(p.name for p in (ar / "claimants").iterdir())


def test_arabic_claim_with_direction_marks_builds(ar: Path) -> None:
    page = (ar / "claims" / "maktabat-yawm-al-ahad" / "index.html").read_text(encoding="utf-8")
    assert '<h1 dir="auto" id=' in page and "\u200fقالت البلدية" in page
    # The quote was typed with a tatweel, and found in the seed all the same.
    assert '<mark class="fc-quote fc-quote--mostly-false">ستفتح مكتبات بورتلاند' in page


class Directions(HTMLParser):
    """Every piece of text in Arabic letters inside the article, and whether an element
    around it has ``dir``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.inside = False
        self.texts: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside = True
        if self.inside and tag not in VOID:
            self.stack.append((tag, dict(attrs).get("dir") == "auto"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        while self.inside and self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "article":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside and ARABIC.search(data):
            self.texts.append((data.strip(), any(auto for _, auto in self.stack)))


ARABIC_CLAIM = """\
claim: "\u200fقالت البلدية إن المكتبات ستفتح يوم الأحد (ابتداءً من مارس 2017)."
claimant: سامي الحداد
claimant_role: عضو المجلس البلدي
claim_date: 2017-02-01
seed: sahifa-2017-02-01
quote: "«المدينة استقبلت أكثر من 10,000 ساكن جديد خلال عام واحد»"
verdict: "false"
summary: "يُحصي مكتب التعداد \u2068U.S. Census Bureau\u2069 نحو 1,200 ساكن إضافي فقط."
body: |
  الأرقام الرسمية للتعداد تناقض هذا الادعاء.
sources:
  - title: تقديرات السكان
    url: https://census.example.org/portland
    publisher: مكتب التعداد
tags: [الهجرة, bibliothèques]
author: فريق التحقق
reviewer: رئيسة التحرير
published: 2017-02-04
corrections:
  - date: 2017-02-05
    note: ذكرت نسخة سابقة رقمًا خاطئًا.
"""


def test_claim_text_keeps_its_direction_on_an_english_site(tmp_path: Path) -> None:
    project = tmp_path / "site"
    shutil.copytree(FIXTURE, project)
    for name in ("sahifa-2017-02-01.txt", "sahifa-2017-02-01.yaml"):
        shutil.copy(FIXTURES / "ar" / "seeds" / name, project / "seeds" / name)
    (project / "claims" / "arabic-claim.yaml").write_text(ARABIC_CLAIM, encoding="utf-8")
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    pages = ["claims/arabic-claim", "claims", "claimants/سامي-الحداد", "tags/الهجرة",
             "tags/bibliothèques", "claimants", "tags", "articles/sahifa-2017-02-01",
             "corrections", "verdicts/false", ""]
    wanted = {"claim", "claimant", "role", "quote", "summary", "body", "source", "publisher",
              "tag", "author", "reviewer", "correction", "article"}
    texts = {}
    for page in pages:
        parser = Directions()
        parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
        assert parser.texts, page
        texts[page] = parser.texts
        assert [t for t, auto in parser.texts if not auto] == [], page
    shown = " ".join(t for page in texts.values() for t, _ in page)
    pieces = {"claim": "قالت البلدية", "claimant": "سامي الحداد", "role": "عضو المجلس",
              "quote": "المدينة استقبلت", "summary": "يُحصي مكتب التعداد",
              "body": "الأرقام الرسمية", "source": "تقديرات السكان", "publisher": "مكتب التعداد",
              "tag": "الهجرة", "author": "فريق التحقق", "reviewer": "رئيسة التحرير",
              "correction": "ذكرت نسخة سابقة", "article": "لكن أرقام التعداد"}
    assert set(pieces) == wanted and [k for k, v in pieces.items() if v not in shown] == []
    page = (site / "claims" / "arabic-claim" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page and '<body dir="ltr"' in page


def test_a_language_without_a_catalog_is_english_with_one_warning(tmp_path: Path) -> None:
    project = tmp_path / "site"
    shutil.copytree(FIXTURE, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n",
                                                 "  font: false\n  language: it\n"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    warning = ("WARNING -  factcheck: theme.language is 'it', but the generator has no catalog "
               "for it (generator/locales/it.po), so its own words are in English; add the "
               "catalog as the README's \"Languages\" section says")
    assert result.stderr.count("theme.language is 'it'") == 1 and warning in result.stderr
    page = (project / "site" / "claims" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="it"' in page and "Every checked claim, the newest first." in page


def test_generate_writes_pages_in_the_language(tmp_path: Path) -> None:
    """`factcheck generate` writes the same pages, under addresses in their own script."""
    project = copy_fixture("ar", tmp_path / "ar")
    out = tmp_path / "out"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-c", "from generator.cli import main; main()", "generate",
               "--out", str(out)]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "# ادعاءات <span dir=\"auto\">سامي الحداد</span>" in (
        out / "claimants" / "سامي-الحداد.md").read_text(encoding="utf-8")
    assert (out / "tags" / "الهجرة.md").is_file()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: ar",
                                                                 "language: it"))
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "warning: theme.language is 'it', but the generator has no catalog for it "
        "(generator/locales/it.po), so its own words are in English; add the catalog as "
        "the README's \"Languages\" section says"]
    assert "# Claims by" in (out / "claimants" / "سامي-الحداد.md").read_text(encoding="utf-8")
