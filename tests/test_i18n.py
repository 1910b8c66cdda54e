"""Languages: the catalogs are complete and right, words fall back as documented, verdicts
read in every language, and tags, addresses and quotes work in any script.

The real builds of a French and an Arabic site are in tests/test_languages.py.
"""

from __future__ import annotations

import gettext
import re
import shlex
import subprocess
import sys
from pathlib import Path

import babel
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from generator.i18n import CATALOGS, PLACEHOLDER, TEMPLATE, missing_catalog, words
from generator.paths import claimant_slug, tag_path
from generator.project import settings_from_options
from generator.quotes import find_quote
from generator.ratings import DEFAULT_RATINGS, in_language
from generator.schema import Invalid, TagType, hidden_direction, name_slug

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ["fr", "es", "pt", "de", "ar"]
CATALOG_FILES = sorted(p.stem for p in CATALOGS.glob("*.po"))
FIX = ("run `make messages`, then write the translations of the new, empty entries in "
       "generator/locales/<language>.po (README, \"Languages\")")


def messages(catalog: Catalog) -> dict[tuple[str | None, str], Message]:
    """A catalog's messages by (context, message id), the header left out."""
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m
            for m in catalog if m.id}


def load(path: Path) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=path.stem.replace("-", "_") if path.suffix == ".po" else None)


def test_every_shipped_language_has_a_catalog() -> None:
    assert set(SHIPPED) <= set(CATALOG_FILES)


def test_template_holds_every_message_of_the_code(tmp_path: Path) -> None:
    """The committed template is what `make messages` extracts from the code today."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    extract = re.search(r"^EXTRACT := ((?:.*\\\n)*.*)$", makefile, re.MULTILINE)
    assert extract is not None, "the Makefile has no EXTRACT := line"
    options = shlex.split(extract[1].replace("\\\n", " "))
    fresh = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *options,
                    f"--output-file={fresh}", "generator"], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    now, kept = set(messages(load(fresh))), set(messages(load(TEMPLATE)))
    assert now == kept, (
        f"generator/locales/messages.pot is out of date: new messages {sorted(now - kept)}, "
        f"gone {sorted(kept - now)}; {FIX}")


@pytest.mark.parametrize("language", CATALOG_FILES)
def test_catalog_translates_every_message(language: str) -> None:
    """Every message, with its placeholders, in the number of plural forms CLDR has."""
    catalog = load(CATALOGS / f"{language}.po")
    forms = len(babel.Locale.parse(language.replace("-", "_")).plural_form.tags) + 1
    assert catalog.num_plurals == forms, (
        f"{language}.po: Plural-Forms says nplurals={catalog.num_plurals}, but CLDR has "
        f"{forms} plural forms in this language")
    translated = messages(catalog)
    problems = []
    for key, wanted in messages(load(TEMPLATE)).items():
        found = translated.get(key)
        ids = wanted.id if isinstance(wanted.id, tuple) else (wanted.id,)
        names = {n for i in ids for n in PLACEHOLDER.findall(i)}
        texts = [] if found is None else (
            list(found.string) if isinstance(found.string, tuple | list) else [found.string])
        if found is None or found.fuzzy or not all(texts):
            problems.append(f"{key[1]!r} is not translated")
            continue
        if len(ids) == 2 and len(texts) != forms:
            problems.append(f"{key[1]!r} has {len(texts)} plural forms, not {forms}")
            continue
        for i, text in enumerate(texts):
            got = set(PLACEHOLDER.findall(text))
            # A plural form may leave out the number ("one claim"), never anything else;
            # the last form ("other") is used for many numbers and must show it.
            optional = {"num"} if len(ids) == 2 and i < len(texts) - 1 else set()
            if got - names or names - got - optional:
                problems.append(f"{key[1]!r}: the translation {text!r} has the placeholders "
                                f"{sorted(got)}, the message {sorted(names)}")
    assert problems == [], f"{language}.po: " + "; ".join(problems) + f"; {FIX}"


# Numbers where plural rules differ: 0 to 2,000, and the millions French, Spanish and
# Portuguese treat apart ("1 000 000 d'affirmations").
NUMBERS = [*range(2_001), 1_000_000, 2_000_000, 1_000_001, 3_000_000_000]
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


@pytest.mark.parametrize("language", CATALOG_FILES)
def test_plural_forms_header_follows_cldr(language: str) -> None:
    catalog = load(CATALOGS / f"{language}.po")
    rule = babel.Locale.parse(language.replace("-", "_")).plural_form
    tags = [t for t in CLDR_ORDER if t in rule.tags or t == "other"]
    header = gettext.c2py(catalog.plural_expr)
    wrong = [(n, header(n), tags.index(rule(n))) for n in NUMBERS
             if header(n) != tags.index(rule(n))]
    assert wrong == [], (
        f"{language}.po: Plural-Forms picks the wrong form for {wrong[:5]} (number, form, "
        f"CLDR's form); CLDR's rules are {rule.rules}, forms in the order {tags}")


def test_plural_forms_are_used() -> None:
    ar = words("ar")
    assert [ar.ngettext("%(num)s claim", "%(num)s claims", n) for n in (0, 1, 2, 3, 11, 100)] \
        == ["لا ادعاءات", "ادعاء واحد", "ادعاءان", "3 ادعاءات", "11 ادعاءً", "100 ادعاء"]
    fr = words("fr")
    assert [fr.ngettext("%(num)s claim", "%(num)s claims", n) for n in (0, 1, 2, 1_000_000)] \
        == ["0 affirmation", "1 affirmation", "2 affirmations",
            "1\u202f000\u202f000 d’affirmations"]
    assert words("de").ngettext("%(num)s claim", "%(num)s claims", 1) == "1 Behauptung"
    assert words("en").ngettext("%(num)s claim", "%(num)s claims", 1) == "1 claim"


@pytest.mark.parametrize("language", ["en", *SHIPPED])
def test_verdicts_stay_distinct_in_every_language(language: str) -> None:
    """The five steps of the truth scale, and the verdicts off it, never merge."""
    scale = [in_language(r, words(language)) for r in DEFAULT_RATINGS]
    labels = [r.label.casefold() for r in scale]
    assert len(set(labels)) == len(labels), labels
    assert len({r.description for r in scale}) == len(scale)


def test_verdicts_are_translated_faithfully() -> None:
    """The truth scale in order, as fact-checkers of each language name its steps."""
    def labels(language: str) -> list[str]:
        return [in_language(r, words(language)).label for r in DEFAULT_RATINGS]

    assert labels("fr") == ["Vrai", "Plutôt vrai", "À moitié vrai", "Plutôt faux", "Faux",
                            "Trompeur", "Non prouvé", "Opinion"]
    assert labels("de") == ["Wahr", "Überwiegend wahr", "Halb wahr", "Überwiegend falsch",
                            "Falsch", "Irreführend", "Unbelegt", "Meinung"]
    assert labels("ar")[:5] == ["صحيح", "صحيح في معظمه", "نصف صحيح", "خاطئ في معظمه", "خاطئ"]


@pytest.mark.parametrize(("language", "found", "all_claims"), [
    ("fr", True, "Toutes les affirmations"),
    ("fr-CA", True, "Toutes les affirmations"),  # a region falls back to its language
    ("pt-BR", True, "Todas as afirmações"),
    ("pt_PT", True, "Todas as afirmações"),
    ("en-GB", True, "All claims"),
    ("it", False, "All claims"),  # a language CLDR knows, without a catalog
    ("klingon", False, "All claims"),  # not a language at all
])
def test_languages_fall_back(language: str, found: bool, all_claims: str) -> None:
    assert words(language).found is found
    assert words(language).gettext("All claims") == all_claims
    assert (missing_catalog(language) is None) is found


def test_dates_and_numbers_come_from_cldr() -> None:
    import datetime as dt

    day = dt.date(2017, 2, 1)
    assert [words(x).date(day) for x in ("fr", "es", "pt", "de", "ar")] == [
        "1 février 2017", "1 de febrero de 2017", "1 de fevereiro de 2017", "1. Februar 2017",
        "1 فبراير 2017"]
    assert words("de").number(12345) == "12.345"
    assert words("ar").direction == "rtl" and words("he").direction == "rtl"
    assert words("fr").list(["a", "b", "c"]) == "a, b et c"


# --- The rating scale in mkdocs.yml, per language ---------------------------------------

def scale(label: object, description: object = "What it means.") -> list[dict[str, object]]:
    return [{"key": "faux", "label": label, "description": description,
             "icon": "material/close-circle", "color": "#cf222e", "value": 1},
            {"key": "vrai", "label": {"en": "True", "fr": "Vrai"}, "description": "Yes.",
             "icon": "material/check-circle", "color": "#1a7f37", "value": 2}]


def test_a_scale_in_several_languages() -> None:
    given = scale({"en": "False", "fr": "Faux", "pt-BR": "Falso"},
                  {"en": "Not so.", "fr": "Inexact."})
    fr, problems = settings_from_options({"language": "fr", "ratings": given})
    assert problems == []
    assert [(r.label, r.description) for r in fr.ratings] == [("Faux", "Inexact."),
                                                              ("Vrai", "Yes.")]
    en, _ = settings_from_options({"language": "en", "ratings": given})
    assert [r.label for r in en.ratings] == ["False", "True"]
    # The rating keeps every language it was given: it can be put in another one later.
    assert in_language(fr.ratings[0], words("en")).label == "False"


@pytest.mark.parametrize(("label", "description", "message"), [
    ({"en": "False"}, "x", "mkdocs.yml:1: ratings[0].label: has no text in 'fr', the site's "
     "language (theme.language), only in en; add `fr: ...`"),
    ({"en": "False", "xx-yy": "Faux"}, "x", "mkdocs.yml:1: ratings[0].label: 'xx-yy' is not "
     "a language code; write one such as en, fr or pt-BR"),
    ({"fr": ""}, "x", "mkdocs.yml:1: ratings[0].label: fr: is empty; write the text after "
     "the colon, or delete the line if the field is optional"),
    ({}, "x", "mkdocs.yml:1: ratings[0].label: is empty; write the text, or `language: text` "
     "lines such as `fr: Plutôt faux`"),
    ({"fr": "vrai"}, "x", "mkdocs.yml:1: ratings[1].label: 'Vrai' is also the label of "
     "'faux'; give each verdict its own words, or readers cannot tell them apart"),
])
def test_scale_problems(label: object, description: object, message: str) -> None:
    _, problems = settings_from_options({"language": "fr", "ratings": scale(label,
                                                                             description)})
    assert [str(p) for p in problems] == [message]


def test_the_default_scale_reads_in_the_site_language() -> None:
    settings, problems = settings_from_options({"language": "ar"})
    assert problems == []
    assert settings.rating("mostly-false").label == "خاطئ في معظمه"  # type: ignore[union-attr]


# --- Direction controls -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "at"), [
    ("\u200fمرحبا\u200e, \u061cPortland", None),  # marks anywhere
    ("قال \u2067Paul LePage\u2069 إن", None),  # an isolate closed on its line
    ("\u2068a \u2066b\u2069 c\u2069", None),  # isolates inside isolates
    ("a\u202bb", 1), ("a\u202cb", 1), ("a\u202eb", 1),  # embeddings and overrides, always
    ("ab\u2068c", 2),  # an isolate never closed
    ("a\u2069b", 1),  # a closing isolate with nothing to close
    ("a\u2067b\nc\u2069", 1),  # a line ends every isolate
])
def test_direction_controls(text: str, at: int | None) -> None:
    assert hidden_direction(text) == at


def test_a_seed_with_a_hidden_direction_is_refused(site: Path) -> None:
    from generator.project import load_project
    from tests.conftest import TODAY

    seed = site / "seeds" / "press-herald-2017-02-01.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Portland long has been", "Portland \u202elong has been", 1)
                    .replace("Now a group", "\u200fNow a group", 1), encoding="utf-8")
    line = text.count("\n", 0, text.index("Portland long has been")) + 1
    project = load_project(site, settings_from_options({})[0], today=TODAY)
    assert [str(p) for p in project.problems if "seeds/" in p.path] == [
        f"seeds/press-herald-2017-02-01.txt:{line}: file: contains invisible characters that "
        "change the direction of text (Unicode bidirectional controls); retype the text "
        "without them"]


# --- Tags and addresses in any script -------------------------------------------------

@pytest.mark.parametrize(("written", "tag"), [
    ("bibliothèques", "bibliothèques"),
    ("Bibliothe\u0300ques", "bibliothèques"),  # an accent typed as a second character
    ("BIBLIOTHÈQUES", "bibliothèques"),
    ("الهجرة", "الهجرة"),
    ("ﺍﻟﻬﺠﺮﺓ", "الهجرة"),  # Arabic presentation forms
    ("ｔａｇ", "tag"),  # full-width letters
    ("हिंदी", "हिंदी"),  # vowel signs are part of the word
    ("sanctuary-cities", "sanctuary-cities"),
    (2017, "2017"),
])
def test_tags_in_any_script(written: object, tag: str) -> None:
    assert TagType().clean(written) == tag


@pytest.mark.parametrize("written", ["two words", "a--b", "-a", "a_b", "a.b", "★", "",
                                     "\u0301a"])
def test_not_tags(written: str) -> None:
    with pytest.raises(Invalid):
        TagType().clean(written)


@pytest.mark.parametrize(("name", "slug"), [
    ("Paul LePage", "paul-lepage"),  # ASCII addresses as before
    ("Portland Press Herald", "portland-press-herald"),
    ("Hélène Dupont", "helene-dupont"),  # so are Latin accents
    ("HÉLÈNE  DUPONT", "helene-dupont"),
    ("سامي الحداد", "سامي-الحداد"),
    ("\u200fسامي الحداد\u200f", "سامي-الحداد"),
    ("Ἀριστοτέλης", "ἀριστοτέλης"),  # other scripts keep their marks
    ("李小龍", "李小龍"),
    ("index", "index-claimant"),
])
def test_claimant_addresses_keep_their_letters(name: str, slug: str) -> None:
    assert claimant_slug(name) == slug


def test_a_name_without_letters_still_gets_an_address() -> None:
    assert re.fullmatch(r"claimant-[0-9a-f]{8}", claimant_slug("★ ★"))


def test_long_names_make_addresses_a_file_system_takes() -> None:
    slug = name_slug("الحداد " * 60)
    assert 0 < len(slug.encode()) <= 200 and not slug.endswith("-")
    assert tag_path("page") == "tags/page-tag.md"


# --- Quotes in any script -------------------------------------------------------------------

NBSP = "\u00a0"


@pytest.mark.parametrize(("seed", "quote", "found"), [
    # French guillemets with their spaces, retyped with straight quotes and none.
    (f"Il a dit{NBSP}: «{NBSP}c’est faux{NBSP}».", 'dit: "c\'est faux"', "dit : « c’est faux »"),
    (f"Vraiment{NBSP}? Oui.", "Vraiment? Oui.", f"Vraiment{NBSP}? Oui."),
    ("„So nicht“, sagte sie.", '"So nicht", sagte', "„So nicht“, sagte"),
    # Arabic: guillemets, the tatweel and the direction marks do not count.
    ("قالت: «ستفتح المكتبات».", "«ستفتـــح المكتبات»", "«ستفتح المكتبات»"),
    ("قال \u200fسامي\u200f إن", "قال سامي إن", "قال \u200fسامي\u200f إن"),
    # One spelling of é or the other.
    ("Les bibliothe\u0300ques ouvrent.", "bibliothèques ouvrent", "bibliothe\u0300ques ouvrent"),
])
def test_quotes_forgive_typography_in_any_script(seed: str, quote: str, found: str) -> None:
    span = find_quote(seed, quote)
    assert span is not None
    assert seed[span[0]:span[1]].replace(NBSP, " ") == found.replace(NBSP, " ")


@pytest.mark.parametrize(("seed", "quote"), [
    ("عَلِمَ الرجل", "علم الرجل"),  # Arabic vowel signs can tell words apart: kept
    ("c’est faux", "c’est vrai"),
    ("« oui »", "« non »"),
])
def test_quotes_are_still_exact(seed: str, quote: str) -> None:
    assert find_quote(seed, quote) is None
