"""A site in several languages, built for real: tests/fixtures/editions is an English
site with French translations of every claim (one of them stale) and an Arabic one, and
hand-written pages in content/fr/ and content/ar/. Also `factcheck translate` and the
problems of translation files, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from tests.test_cli import run
from tests.test_languages import build, copy_fixture, english_of_ours, seen

SITE_URL = "https://factcheck.example.org/"
LEPAGE = "claims/lepage-called-portland-sanctuary-city/"
STRIMLING = "claims/strimling-order-very-broad/"
BIRMINGHAM = "claims/birmingham-passed-sanctuary-resolution/"
ENGLISH_ONLY = "claims/portland-code-bars-status-questions/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_fixture("editions", tmp_path_factory.mktemp("editions") / "editions")
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A copy of the fixture project that a test may change."""
    return copy_fixture("editions", tmp_path / "editions")


class Head(HTMLParser):
    """A page's language, its hreflang links, its language switcher and its ClaimReview."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.dir = ""
        self.hreflang: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.in_switcher = False
        self.script = False
        self.reviews: list[dict[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "body":
            self.dir = a.get("dir") or ""
        elif tag == "link" and "alternate" in (a.get("rel") or "").split() \
                and a.get("hreflang"):  # rel is a set of tokens: space around them is allowed
            assert a["hreflang"] not in self.hreflang, "one link per language"
            self.hreflang[a["hreflang"] or ""] = a.get("href") or ""
        elif tag == "ul" and "md-select__list" in (a.get("class") or ""):
            self.in_switcher = True
        elif tag == "a" and self.in_switcher:
            self.switcher[a.get("hreflang") or ""] = a.get("href") or ""
        self.script = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.in_switcher = False
        self.script = False

    def handle_data(self, data: str) -> None:
        if self.script:
            self.reviews.append(json.loads(data))


def head(site: Path, address: str) -> Head:
    parser = Head()
    parser.feed((site / address / "index.html").read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


def test_versions_link_each_other_both_ways_on_every_page(site: Path) -> None:
    for address in pages(site):
        links = head(site, address).hreflang
        # Every page of a translated edition has its original, but later pages of a
        # listing, which list other claims in each language.
        assert bool(links) == (address.startswith(("fr/", "ar/")) and "/page/" not in address) \
            or address in (LEPAGE, STRIMLING, BIRMINGHAM, "", "about/") or (
                not address.startswith(("fr/", "ar/")) and "/page/" not in address
                and (site / "fr" / address).is_dir()), address
        if not links:
            continue
        own = SITE_URL + address
        assert own in links.values(), address  # a page lists itself
        assert links["x-default"] == links["en"], address
        for language, url in links.items():
            assert url.startswith(SITE_URL), url
            # Reciprocal: every version lists exactly the same versions.
            assert head(site, url[len(SITE_URL):]).hreflang == links, (address, language)
    assert head(site, LEPAGE).hreflang == {
        "en": SITE_URL + LEPAGE, "fr": SITE_URL + "fr/" + LEPAGE,
        "ar": SITE_URL + "ar/" + LEPAGE, "x-default": SITE_URL + LEPAGE}
    assert set(head(site, "fr/" + STRIMLING).hreflang) == {"en", "fr", "x-default"}
    assert head(site, ENGLISH_ONLY).hreflang == {}  # no other version: no links
    assert head(site, "claims/page/2/").hreflang == {}  # a later page lists other claims
    assert set(head(site, "fr/about/").hreflang) == {"en", "fr", "x-default"}
    # Material asks for sitemap.xml beside every link[rel=alternate] of a page (it takes
    # them for sites in other languages): the hreflang links are out of its way...
    html = (site / LEPAGE / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate " hreflang="fr" href="https://factcheck.example.org/fr/' in html
    assert '<link rel="alternate"' not in html.replace(
        '<link rel="alternate" type="application/atom+xml"', "")
    # ...and the feed's link leads it to each language's own sitemap.
    sitemap = (site / "fr" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}fr/{LEPAGE}</loc>" in sitemap and f"<loc>{SITE_URL}fr/</loc>" in \
        sitemap
    assert f"{SITE_URL}{LEPAGE}<" not in sitemap and "/ar/" not in sitemap


def test_the_switcher_goes_to_the_same_claim(site: Path) -> None:
    def target(address: str, language: str) -> str:
        return urljoin("/" + address, head(site, address).switcher[language])[1:]

    assert head(site, "fr/" + LEPAGE).switcher.keys() == {"en", "fr", "ar"}
    assert target("fr/" + LEPAGE, "en") == LEPAGE
    assert target("fr/" + LEPAGE, "ar") == "ar/" + LEPAGE
    assert target(LEPAGE, "fr") == "fr/" + LEPAGE
    assert target("fr/" + LEPAGE, "fr") == "fr/" + LEPAGE
    # No Arabic version: Arabic readers are taken to their home page.
    assert target("fr/" + STRIMLING, "ar") == "ar/"
    assert target(ENGLISH_ONLY, "fr") == "fr/"
    # A later page of a listing: the listing in the other language.
    assert target("claims/page/2/", "fr") == "fr/claims/"
    assert target("fr/about/", "en") == "about/"


def test_each_page_speaks_its_language(site: Path) -> None:
    for address, lang, direction in ((LEPAGE, "en", "ltr"), ("fr/" + LEPAGE, "fr", "ltr"),
                                     ("ar/" + LEPAGE, "ar", "rtl"), ("fr/", "fr", "ltr"),
                                     ("ar/verdicts/", "ar", "rtl"), ("fr/about/", "fr", "ltr")):
        page = head(site, address)
        assert (page.lang, page.dir) == (lang, direction), address
    html = (site / "fr" / LEPAGE / "index.html").read_text(encoding="utf-8")
    assert 'placeholder="Rechercher"' in html  # Material's own words
    assert 'title="Lien permanent"' in html and "Permanent link" not in html
    assert '"search": "../../../fr/search/factcheck-search.js"' in html


def navigation(site: Path, address: str) -> list[tuple[str, str]]:
    html = (site / address / "index.html").read_text(encoding="utf-8")
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split(
        '<div class="md-sidebar md-sidebar--secondary"', 1)[0]
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">'
                       r"\s*(.*?)\s*</span>", nav, re.S)
    sections = re.findall(r'<label class="md-nav__link"[^>]*>\s*<span class="md-ellipsis">\s*'
                          r"(.*?)\s*</span>", nav, re.S)
    return [(title, urljoin("/" + address, href)[1:]) for href, title in links] + \
        [(title, "") for title in sections]


def test_each_language_has_its_navigation(site: Path) -> None:
    assert navigation(site, "fr/" + LEPAGE) == [
        ("Accueil", "fr/"), ("Toutes les affirmations", "fr/claims/"),
        ("Verdicts", "fr/verdicts/"), ("À propos", "fr/about/"), ("Vérifications", "")]
    # Arabic has no about page: its navigation links to the English one.
    assert navigation(site, "ar/") == [
        ("الرئيسية", "ar/"), ("كل الادعاءات", "ar/claims/"), ("الأحكام", "ar/verdicts/"),
        ("من نحن", "about/"), ("التحققات", "")]
    assert navigation(site, LEPAGE) == [
        ("Home", ""), ("All claims", "claims/"), ("Verdicts", "verdicts/"),
        ("About", "about/"), ("Fact-checks", "")]
    html = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert 'href="./" title="Factcheck Portland" class="md-header__button md-logo"' in html


def listed(site: Path, address: str) -> list[str]:
    """The claims a listing links to, as addresses."""
    html = (site / address / "index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1]
    return sorted({unquote(urljoin("/" + address, href))[1:] for href in
                   re.findall(r'<a href="([^"]*)"><span dir="auto">', article)
                   if "/claims/" in urljoin("/" + address, href)})


def test_each_language_lists_only_its_claims(site: Path) -> None:
    assert sorted(listed(site, "claims/") + listed(site, "claims/page/2/")) == sorted(
        [LEPAGE, STRIMLING, BIRMINGHAM, ENGLISH_ONLY])
    french = sorted("fr/" + c for c in (LEPAGE, STRIMLING, BIRMINGHAM))
    assert sorted(listed(site, "fr/claims/") + listed(site, "fr/claims/page/2/")) == french
    assert listed(site, "ar/claims/") == ["ar/" + LEPAGE]
    assert not (site / "ar" / "claims" / "page").exists()
    assert listed(site, "fr/verdicts/mostly-true/") == ["fr/" + BIRMINGHAM]
    assert listed(site, "verdicts/mostly-true/") == sorted([BIRMINGHAM, ENGLISH_ONLY])
    assert listed(site, "fr/tags/maine/") == ["fr/" + LEPAGE]
    assert not (site / "fr" / "tags" / "policing").exists()  # the English-only claim's
    assert listed(site, "ar/claimants/portland-press-herald/") == ["ar/" + LEPAGE]
    assert "Une version précédente donnait un mauvais jour pour le vote." in seen(
        site / "fr" / "corrections" / "index.html")
    # The hand-written French home page's blocks: the French claims, in French.
    home = seen(site / "fr" / "index.html")
    assert "Les dernières" in home and "Le conseil municipal de Birmingham" in home
    assert listed(site, "fr/") == sorted(["fr/" + BIRMINGHAM, "fr/" + LEPAGE])
    assert "Verdicts : 3 affirmations vérifiées" in home.replace("\u00a0", " ")


def test_a_translation_shows_the_originals_verdict_and_facts(site: Path) -> None:
    page = seen(site / "fr" / LEPAGE / "index.html")
    assert "Le gouverneur Paul LePage a qualifié Portland de ville sanctuaire." in page
    assert "Vrai" in page and "Portland Press Herald, Journal, le 1 février 2017" in page
    # A source title the translation gives, and one it keeps (a document's own title), which
    # screen readers are told is English.
    assert "Code municipal de Portland, chapitre 2, section 2-2, City of Portland" in page
    assert ", Federal Register, 30 janvier 2017" in page
    html = (site / "fr" / LEPAGE / "index.html").read_text(encoding="utf-8")
    assert '<span dir="auto" lang="en">Executive Order 13768</span></a>' in html
    assert '<span dir="auto">Code municipal de Portland' in html
    assert "Procès-verbal du conseil municipal de Birmingham, 31 janvier 2017" in seen(
        site / "fr" / BIRMINGHAM / "index.html")
    assert "Traduit par Équipe de traduction, relu par Rédactrice en chef." in page
    assert "Lire l’original (anglais)" in page and "a été modifié" not in page
    # The quote is the seed's own words: marked as English for screen readers.
    assert '<p dir="auto" lang="en"><mark class="fc-quote fc-quote--true">Gov. Paul LePage' \
        in html
    assert 'href="https://github.com/example/site/edit/main/translations/fr/lepage-called-' \
        'portland-sanctuary-city.yaml"' in html
    arabic = seen(site / "ar" / LEPAGE / "index.html")
    assert "ترجمه فريق الترجمة." in arabic and "صحيح" in arabic


def test_a_translation_gives_the_reasons_for_exceptions_to_the_standards(
        site: Path, fresh: Path) -> None:
    """A reason the translation translates is shown in its words; one it leaves out, in
    the original's, marked as such. The standards are stated in each language's words,
    from the one setting."""
    french, english = site / "fr" / BIRMINGHAM / "index.html", site / BIRMINGHAM / "index.html"
    assert "Exceptions à nos règles Lien permanent¶ L’explication de cette vérification est " \
        "plus courte que nos règles ne le demandent. La résolution tient en une phrase, et " \
        "le procès-verbal n'en dit pas plus." in seen(french)
    assert "minutes say no more" not in french.read_text(encoding="utf-8")
    assert ("Exceptions to our standards Permanent link¶ This check's explanation is shorter "
            "than our standards ask for. The resolution is one sentence long, and the minutes "
            "say no more about it.") in seen(english)
    assert ("Nos règles Lien permanent¶ Chaque vérification cite au moins 2 sources. Chaque "
            "explication compte au moins 5 mots. Notre logiciel vérifie") in seen(
        site / "fr" / "about" / "index.html")
    assert ("Our standards Permanent link¶ Every check cites at least 2 sources. Every "
            "explanation runs to at least 5 words. Our software holds") in seen(
        site / "about" / "index.html")
    # The translation leaves the reason out: the original's is shown, marked as English.
    path = fresh / "translations" / "fr" / "birmingham-passed-sanctuary-resolution.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("exceptions:")], encoding="utf-8")
    result = build(fresh, "--strict")
    assert result.returncode == 0, result.stderr
    html = (fresh / "site" / "fr" / BIRMINGHAM / "index.html").read_text(encoding="utf-8")
    assert ('<span dir="auto" lang="en">The resolution is one sentence long, and the minutes '
            'say no more about it.</span>') in html
    assert "Exceptions à nos règles" in seen(fresh / "site" / "fr" / BIRMINGHAM / "index.html")


def test_a_stale_translation_says_so_to_readers(site: Path) -> None:
    html = (site / "fr" / STRIMLING / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<p class="fc-notice" role="note">(.*?)</p>', html, re.S)
    assert notice is not None
    assert re.sub(r"<[^>]+>", "", notice[1]) == (
        "L’original de cette vérification a été modifié depuis sa traduction\u00a0: cette "
        "traduction ne reflète peut-être pas ces changements. Lire l’original (anglais)")
    assert 'href="../../../claims/strimling-order-very-broad/"' in notice[1]
    # The verdict shown is the original's own, now.
    assert '<span class="fc-verdict fc-verdict--opinion fc-verdict--large">' in html


def test_feed_and_claims_json_per_language(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(site / "fr" / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.find(f"{atom}subtitle").text == "Les dernières vérifications"  # type: ignore
    assert feed.find(f"{atom}link[@rel='self']").get("href") == SITE_URL + "fr/feed.xml"  # type: ignore
    entries = [e.find(f"{atom}link").get("href") for e in feed.iter(f"{atom}entry")]  # type: ignore
    assert sorted(entries) == sorted(SITE_URL + "fr/" + c for c in (LEPAGE, STRIMLING,
                                                                    BIRMINGHAM))
    english = ET.parse(site / "feed.xml").getroot()
    assert len(list(english.iter(f"{atom}entry"))) == 4
    data = json.loads((site / "fr" / "claims.json").read_text(encoding="utf-8"))
    assert data["site"] == {"name": "Factcheck Portland", "url": SITE_URL + "fr/",
                            "language": "fr"}
    claims = {c["id"]: c for c in data["claims"]}
    assert sorted(claims) == sorted(["birmingham-passed-sanctuary-resolution",
                                     "lepage-called-portland-sanctuary-city",
                                     "strimling-order-very-broad"])
    lepage = claims["lepage-called-portland-sanctuary-city"]
    assert lepage["url"] == SITE_URL + "fr/" + LEPAGE
    assert lepage["verdict"] == {"key": "true", "label": "Vrai", "value": 5}
    assert lepage["claim"] == "Le gouverneur Paul LePage a qualifié Portland de ville sanctuaire."
    arabic = json.loads((site / "ar" / "claims.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in arabic["claims"]] == ["lepage-called-portland-sanctuary-city"]


def test_export_a_language(project: Path, site: Path) -> None:
    result = run("export", "--lang", "fr", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (site / "fr" / "claims.json").read_text(encoding="utf-8")
    result = run("export", "--format", "csv", "--lang", "ar", cwd=project)
    [row] = csv.DictReader(io.StringIO(result.stdout))
    assert (row["id"], row["verdict_label"]) == ("lepage-called-portland-sanctuary-city", "صحيح")
    assert row["claim"] == "وصف الحاكم بول لوباج مدينة بورتلاند بأنها مدينة ملاذ."
    wrong = run("export", "--lang", "de", cwd=project)
    assert wrong.returncode == 2 and "'de' is not one of the site's other languages (fr, ar)" \
        in wrong.stderr


def test_every_claim_review_has_its_language_and_its_versions(site: Path) -> None:
    reviewed = 0
    for address in pages(site):
        page = head(site, address)
        for review in page.reviews:
            reviewed += 1
            assert review["inLanguage"] == page.lang, address
    assert reviewed == 4 + 3 + 1
    [original] = head(site, LEPAGE).reviews
    assert original["workTranslation"] == [
        {"@type": "ClaimReview", "url": SITE_URL + "ar/" + LEPAGE, "inLanguage": "ar"},
        {"@type": "ClaimReview", "url": SITE_URL + "fr/" + LEPAGE, "inLanguage": "fr"}]
    [french] = head(site, "fr/" + LEPAGE).reviews
    assert french["translationOfWork"] == {"@type": "ClaimReview", "url": SITE_URL + LEPAGE,
                                           "inLanguage": "en"}
    assert french["reviewRating"]["alternateName"] == "Vrai"  # type: ignore[index]
    assert "workTranslation" not in french
    [alone] = head(site, ENGLISH_ONLY).reviews
    assert "workTranslation" not in alone and "translationOfWork" not in alone


def test_each_language_has_its_share_cards(site: Path) -> None:
    def card(address: str) -> tuple[str, str]:
        html = (site / address / "index.html").read_text(encoding="utf-8")
        image = re.search(r'<meta property="og:image" content="([^"]+)"', html)
        alt = re.search(r'<meta property="og:image:alt" content="([^"]+)"', html)
        assert image is not None and alt is not None, address
        return image[1], alt[1]

    english, french = card(LEPAGE), card("fr/" + LEPAGE)
    assert english[0] != french[0] and french[0].startswith(SITE_URL + "assets/cards/")
    assert (site / french[0][len(SITE_URL):]).is_file()
    assert "Vrai" in french[1] and "True" in english[1]


def test_no_english_word_of_ours_on_the_french_and_arabic_pages(site: Path) -> None:
    for language in ("fr", "ar"):
        words, phrases = english_of_ours(language)
        found = {}
        for page in sorted((site / language).rglob("index.html")):
            text = seen(page)
            english = sorted({w for w in re.findall(r"[A-Za-z]+", text)
                              if w.casefold() in words} | {p for p in phrases if p in text})
            if english:
                found[page.relative_to(site).as_posix()] = english
        assert found == {}, language
    # The scan can fail: the English article's text is there, marked as English.
    assert "criticized Portland" in (site / "fr" / "articles" / "press-herald-2017-02-01" /
                                     "index.html").read_text(encoding="utf-8")


def test_one_search_index_per_language(site: Path) -> None:
    from tests.test_search import index_of

    _, entries, french = index_of(site / "fr")
    records = {record[0]: record for record in french}
    assert LEPAGE in records and ENGLISH_ONLY not in records  # addresses within fr/
    assert records[LEPAGE][4] == "Vrai" and records[LEPAGE][1].startswith("Le gouverneur")
    assert "about/" in records  # the hand-written French page
    lepage = french.index(records[LEPAGE])
    assert lepage in entries["verdict:vrai"][::2] and "verdict:true" in entries
    _, _, english = index_of(site)
    addresses = [record[0] for record in english]
    assert ENGLISH_ONLY in addresses and not any(a.startswith("fr/") for a in addresses)
    worker = (site / "fr" / "search" / "factcheck-search.js").read_text(encoding="utf-8")
    assert '"mostly-false": "Plutôt faux"' in worker and '"tag": ["tag", "sujet"]' in worker


STALE = ("translations/fr/strimling-order-very-broad.yaml:2: translated_from: is older than "
         "its original: claims/strimling-order-very-broad.yaml has changed since this "
         "translation was made (its digest is now 0577699d, not 9e107d9d); bring the "
         "translation up to date with it, then write translated_from: \"0577699d\"")


def test_check_warns_of_a_stale_translation(project: Path) -> None:
    result = run("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        STALE,
        "1 translation is older than its original, and published with a notice to readers: "
        "translations/fr/strimling-order-very-broad.yaml",
        "Checked 4 claims, 4 translations and 1 seed: no problems."]
    # Bringing it up to date: the warning goes.
    path = project / "translations" / "fr" / "strimling-order-very-broad.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("9e107d9d", "0577699d"),
                    encoding="utf-8")
    result = run("check", cwd=project)
    assert result.stdout == "Checked 4 claims, 4 translations and 1 seed: no problems.\n"
    path.write_text(path.read_text(encoding="utf-8").replace("0577699d", "9e107d9d"),
                    encoding="utf-8")


def test_the_digest_follows_the_verdict_and_the_translated_text(fresh: Path) -> None:
    """A change to what is translated makes the translation stale; a change to what is
    not (a date, a tag, an archived copy) does not."""
    claim = fresh / "claims" / "lepage-called-portland-sanctuary-city.yaml"
    text = claim.read_text(encoding="utf-8")
    stale = "translations/fr/lepage-called-portland-sanctuary-city.yaml:3: translated_from:"
    for old, new, is_stale in (
            ("published: 2017-02-03", "published: 2017-02-04", False),
            ("tags: [sanctuary-cities, maine]", "tags: [maine]", False),
            ("    publisher: City of Portland\n", "    publisher: City of Portland\n"
             "    archive_url: https://web.archive.org/web/2017/https://x.example/\n", False),
            ('verdict: "true"', "verdict: mostly-true", True),
            ("in 2015 and 2016.", "in 2015, 2016 and 2017.", True),
            ("title: Executive Order 13768", "title: Executive Order No. 13768", True),
            ("claimant_role: Newspaper", "claimant_role: Daily newspaper", True)):
        assert old in text
        claim.write_text(text.replace(old, new), encoding="utf-8")
        result = run("check", cwd=fresh)
        assert result.returncode == 0, result.stdout
        assert (stale in result.stdout) == is_stale, (old, new)
    claim.write_text(text, encoding="utf-8")
    # An exception's reason is translated too.
    claim = fresh / "claims" / "birmingham-passed-sanctuary-resolution.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(text.replace("say no more about it.", "say little more."), encoding="utf-8")
    result = run("check", cwd=fresh)
    assert "translations/fr/birmingham-passed-sanctuary-resolution.yaml:1: translated_from: " \
        "is older than its original" in result.stdout


BAD_TRANSLATIONS = {
    "lepage-called-portland-sanctuary-city": """\
translated_from: f1d8e00e
translator: Équipe de traduction
claim: Le gouverneur a qualifié Portland de ville sanctuaire.
claimant_role: Journal
verdict: "false"
summary: En bref.
body: |
  Le détail.
sources:
  - url: "https://www.portlandmaine.gov/citycode"
    title: Code municipal
    date: 2017-01-30
  - url: "https://www.portlandmaine.gov/citycod"
    title: Code
tags: [villes-sanctuaires]
revewer: Quelqu'un
""",
    "lepage-called-portland": """\
translated_from: f1d8e00e
translator: X
claim: X
summary: X
body: X
""",
    "birmingham-passed-sanctuary-resolution": """\
translated_from: a2878793
translator: Équipe de traduction
claim: Le conseil a adopté une résolution.
summary: En bref.
body: |
  Le détail.
""",
    "strimling-order-very-broad": """\
translated_from: f4a6996
translator: Équipe de traduction
claim: Le décret est très large.
summary: En bref.
body: Le détail.
""",
}


def test_problems_of_translation_files(fresh: Path) -> None:
    folder = fresh / "translations" / "fr"
    for name, text in BAD_TRANSLATIONS.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    (fresh / "translations" / "it").mkdir()
    (fresh / "translations" / "it" / "x.yaml").write_text("claim: x\n", encoding="utf-8")
    (folder / "portland-code-bars-status-questions.yaml").write_text("""\
translated_from: dc09e8f8
translator: Équipe de traduction
claim: Un règlement interdit la question.
summary: En bref.
body: Le détail.
corrections:
  - date: 2017-02-04
    note: Rien.
exceptions:
  - rule: reviewer
    reason: Personne.
  - rule: min_sources
    reason: Le code est la seule source.
  - rule: min_sources
    reason: Encore.
""", encoding="utf-8")
    result = run("check", cwd=fresh)
    assert result.returncode == 1
    birmingham = "translations/fr/birmingham-passed-sanctuary-resolution.yaml"
    lepage = "translations/fr/lepage-called-portland-sanctuary-city.yaml"
    code = "translations/fr/portland-code-bars-status-questions.yaml"
    assert result.stdout.splitlines() == [
        f"{birmingham}:1: corrections: is missing; claims/birmingham-passed-sanctuary-"
        "resolution.yaml has corrections (2017-02-04): add `corrections:` with each one's "
        "date and its note translated",
        f"{lepage}:5: verdict: is the original's (claims/lepage-called-portland-sanctuary-"
        "city.yaml): a translation shows the original's verdict and never repeats it; "
        "remove this line",
        f"{lepage}:12: sources[0].date: is the original's (claims/lepage-called-"
        "portland-sanctuary-city.yaml): a translated source gives only its url (which "
        "source), its title and its publisher; remove this line",
        f"{lepage}:13: sources[1].url: claims/lepage-called-portland-sanctuary-city.yaml has "
        "no source with this url; did you mean https://www.portlandmaine.gov/citycode?",
        f"{lepage}:15: tags: is the original's (claims/lepage-called-portland-sanctuary-"
        "city.yaml): a translation shows the original's `tags` and never repeats it; remove "
        "this line",
        f"{lepage}:16: revewer: is not a field of a translation file; did you mean "
        "'reviewer'?",
        "translations/fr/lepage-called-portland.yaml:1: file: there is no claim "
        "'lepage-called-portland' (claims/lepage-called-portland.yaml) to translate; did you "
        "mean 'lepage-called-portland-sanctuary-city'? name the file "
        "lepage-called-portland-sanctuary-city.yaml",
        f"{code}:1: claimant_role: is missing; the original (claims/portland-code-bars-"
        "status-questions.yaml) has one, 'Newspaper': add `claimant_role:` with it "
        "translated",
        f"{code}:7: corrections[0].date: claims/portland-code-bars-status-questions.yaml has "
        "no correction dated 2017-02-04; it has no corrections: remove this one",
        f"{code}:10: exceptions[0].rule: claims/portland-code-bars-status-questions.yaml has "
        "no exception to reviewer; its exceptions are to min_sources",
        f"{code}:14: exceptions[2].rule: is given twice; translate each exception's reason "
        "once",
        "translations/fr/strimling-order-very-broad.yaml:1: translated_from: 'f4a6996' is not "
        "a digest (eight hexadecimal digits, such as 1a2b3c4d); copy it, in double quotes, "
        "from `factcheck check` or `factcheck translate`",
        "translations/it:1: file: is not the folder of one of the site's other languages "
        "(languages: [fr, ar]); translations go in translations/<language>/<id>.yaml: move "
        "this folder, or add its language to `languages:` in mkdocs.yml",
        "13 problems in 6 files; fix them and run `factcheck check` again.",
    ]
    build_result = build(fresh, "--strict")
    assert build_result.returncode == 1
    assert f"{lepage}:5: verdict: is the original's" in build_result.stderr
    assert "Traceback" not in result.stdout + result.stderr + build_result.stderr


def test_a_current_translation_translates_every_text(fresh: Path) -> None:
    path = fresh / "translations" / "fr" / "lepage-called-portland-sanctuary-city.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("claimant_role: Journal\n", ""), encoding="utf-8")
    result = run("check", str(path.relative_to(fresh)), cwd=fresh)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "translations/fr/lepage-called-portland-sanctuary-city.yaml:1: claimant_role: is "
        "missing; the original (claims/lepage-called-portland-sanctuary-city.yaml) has one, "
        "'Newspaper': add `claimant_role:` with it translated")


def test_translate_starts_a_translation_and_never_replaces_one(fresh: Path) -> None:
    result = run("translate", "portland-code-bars-status-questions", "--lang", "ar", cwd=fresh)
    assert result.returncode == 0, result.stderr
    path = "translations/ar/portland-code-bars-status-questions.yaml"
    assert result.stdout == f"{path}\n"
    text = (fresh / path).read_text(encoding="utf-8")
    assert '\ntranslated_from: "dc09e8f8"\nstatus: draft\n' in text
    assert "# A Portland ordinance bars police officers from asking about immigration status." \
        "\nclaim:\n" in text
    assert '  - url: "https://www.portlandmaine.gov/citycode"\n    title:\n' in text
    assert "  # The city code itself is the only source there is.\n  - rule: min_sources\n" \
        "    reason:\n" in text
    fields = [line.split(":")[0] for line in text.splitlines()
              if line and not line.startswith(("#", " "))]
    assert fields == ["translated_from", "status", "translator", "reviewer", "claim",
                      "claimant_role", "summary", "body", "sources", "exceptions"]
    # A draft: check lists what is left to translate, with its line.
    result = run("check", path, cwd=fresh)
    assert result.returncode == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()[:-1]] == [
        "translator", "claim", "claimant_role", "summary", "body", "sources[0]",
        "exceptions[0].reason"]
    # Never over an existing file.
    again = run("translate", "portland-code-bars-status-questions", "--lang", "ar", cwd=fresh)
    assert again.returncode == 1 and (fresh / path).read_text(encoding="utf-8") == text
    assert again.stderr == (
        f"Error: {path} already exists, and factcheck never replaces a file; to bring it up "
        "to date, compare it with claims/portland-code-bars-status-questions.yaml and write "
        'translated_from: "dc09e8f8"\n')
    wrong = run("translate", "portland-code-bars", "--lang", "fr", cwd=fresh)
    assert wrong.returncode == 2
    assert "there is no claim claims/portland-code-bars.yaml; did you mean " \
        "'portland-code-bars-status-questions'?" in wrong.stderr
    wrong = run("translate", "portland-code-bars-status-questions", "--lang", "de", cwd=fresh)
    assert wrong.returncode == 2
    assert "'de' is not one of the site's other languages (fr, ar)" in wrong.stderr


@pytest.mark.parametrize(("setting", "message"), [
    ("      languages: [en, fr]\n",
     "mkdocs.yml:15: languages[0]: 'en' is the site's own language (theme.language); list "
     "only the other languages the site is published in"),
    ("      languages: [fr, fr]\n",
     "mkdocs.yml:15: languages[1]: 'fr' is listed twice; keep one"),
    ("      languages:\n        - fr\n        - french\n",
     "mkdocs.yml:17: languages[1]: 'french' is not a language code; write one such as en, fr "
     "or pt-BR"),
    ("      languages: [fr]\n      nav_titles:\n        fr: {Abuot: À propos}\n",
     "mkdocs.yml:17: nav_titles.fr.Abuot: 'Abuot' is not a title in the site's nav:; did you "
     "mean 'About'?"),
    ("      languages: [fr]\n      nav_titles:\n        de: {About: Über uns}\n",
     "mkdocs.yml:17: nav_titles.de: 'de' is not one of the site's other languages "
     "(languages: [fr]); add it there, or remove these titles"),
    ("      languages: [fr]\n      ratings:\n        - {key: a, label: {en: A}, description: "
     "A., icon: material/check, color: '#1a7f37'}\n",
     "mkdocs.yml:17: ratings[0].label: has no text in 'fr', which the site is also "
     "published in (languages); give it per language, e.g. {en: ..., fr: ...}"),
])
def test_problems_of_the_language_settings(fresh: Path, setting: str, message: str) -> None:
    config = fresh / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("      languages:")
    end = text.index("markdown_extensions:")
    config.write_text(text[:start] + setting + text[end:], encoding="utf-8")
    assert config.read_text(encoding="utf-8").splitlines()[14].startswith("      languages")
    result = run("check", cwd=fresh)
    assert result.returncode == 1
    assert message in result.stdout.splitlines(), result.stdout
    assert message in build(fresh).stderr


def test_a_claim_is_not_translated_into_its_own_language(fresh: Path) -> None:
    """An original in another language than the site's says so (`language:`, as
    `factcheck import` writes it); a translation into that language is refused."""
    claim = fresh / "claims" / "strimling-order-very-broad.yaml"
    claim.write_text(claim.read_text(encoding="utf-8") + "language: fr\n", encoding="utf-8")
    result = run("check", cwd=fresh)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "translations/fr/strimling-order-very-broad.yaml:1: file: translates "
        "claims/strimling-order-very-broad.yaml into 'fr', the language it is written in (its "
        "`language: fr`); delete this file, or correct the original's language",
        "1 problem in 1 file; fix it and run `factcheck check` again."]


def test_the_preview_follows_the_original(fresh: Path) -> None:
    """`make serve` (`mkdocs serve --dirty`): when an original changes, its translated page
    shows the new verdict and says at once that it is out of date, and so does the
    French home page's block; when the translation is brought up to date, the notice goes."""
    from tests.test_serve import Server

    claim = fresh / "claims" / "lepage-called-portland-sanctuary-city.yaml"
    translation = fresh / "translations" / "fr" / "lepage-called-portland-sanctuary-city.yaml"
    server = Server(fresh, "--dirty")
    try:
        server.wait_for("Serving on")
        page = server.get("fr/" + LEPAGE)
        assert 'class="fc-notice"' not in page and "fc-verdict--true" in page
        claim.write_text(claim.read_text(encoding="utf-8").replace(
            'verdict: "true"', "verdict: mostly-true"), encoding="utf-8")
        mark = server.wait_for("Reloading browsers")
        page = server.get("fr/" + LEPAGE)
        assert 'class="fc-notice"' in page and "<span>Plutôt vrai</span>" in page
        home = server.get("fr/").split("Les dernières", 1)[1]
        assert "fc-verdict--mostly-true" in home.split("Le gouverneur Paul LePage", 1)[0]
        stale = run("check", cwd=fresh).stdout
        now = re.search(r'write translated_from: "(\w{8})"', stale)
        assert now is not None, stale
        translation.write_text(re.sub(r'translated_from: "\w+"', f'translated_from: "{now[1]}"',
                                      translation.read_text(encoding="utf-8")), encoding="utf-8")
        server.wait_for("Reloading browsers", after=mark + 1)
        page = server.get("fr/" + LEPAGE)
        assert 'class="fc-notice"' not in page and "<span>Plutôt vrai</span>" in page
    finally:
        server.stop()


def test_the_theme_partials_come_with_the_plugin(fresh: Path) -> None:
    """A site with `languages:` needs no template of its own: the plugin brings its
    partials. A custom_dir that has its own language switcher is told to merge it."""
    import shutil

    shutil.rmtree(fresh / "overrides")
    config = fresh / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  custom_dir: overrides\n",
                                                                 ""), encoding="utf-8")
    result = build(fresh, "--strict")
    assert result.returncode == 0, result.stderr
    html = (fresh / "site" / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html and 'hreflang="ar" lang="ar" class="md-select__link"' in html
    (fresh / "overrides" / "partials").mkdir(parents=True)
    (fresh / "overrides" / "partials" / "alternate.html").write_text("<div></div>\n")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"), encoding="utf-8")
    result = build(fresh, "--strict")
    assert result.returncode == 1
    assert ("mkdocs.yml:15: languages: each page is drawn in its own language with the "
            "factcheck plugin's partials/alternate.html, but theme.custom_dir has its own, "
            "overrides/partials/alternate.html; remove it, or merge it with "
            "generator/theme/partials/alternate.html") in result.stderr
