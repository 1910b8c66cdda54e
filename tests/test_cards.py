"""Share cards: the text they show, the pictures drawn, and the cards of a real build.

The pictures are checked against Pillow's own rendering of the expected text with the
same font; the build tests run the real `mkdocs build --strict` on the fixture project.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from generator import card_image
from generator.card_image import Glyphs, Text, draw_card, has_raqm
from generator.card_layout import (
    CLAIM_SIZES,
    ELLIPSIS,
    MARGIN,
    WIDTH,
    CardSpec,
    card_spec,
    direction,
    fit_claim,
    fit_line,
    shorten,
)
from generator.cards import CARDS_DIR, TAG, card_key, renderer_fingerprint
from generator.model import Claim, Settings
from generator.project import icon_svg
from generator.ratings import DEFAULT_RATINGS
from tests.test_build import build
from tests.test_publish import Head

FALSE, TRUE = DEFAULT_RATINGS[4], DEFAULT_RATINGS[0]
needs_raqm = pytest.mark.skipif(not has_raqm(), reason="Pillow finds no FriBiDi for Raqm here")


def ten(text: str) -> float:
    """A monospace font: ten pixels a character."""
    return 10.0 * len(text)


# -- the text a card shows ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "width", "lines", "shown"), [
    # cut after the last whole word that fits with the ellipsis
    ("Portland is a sanctuary city, said the governor", 150, 2, "Portland is a sanctuary city…"),
    ("Portland is a sanctuary city, said the governor", 140, 2, "Portland is a sanctuary…"),
    # never inside a word: not "The city d…", though it would fit
    ("The city did not vote", 110, 1, "The city…"),
    # commas, colons and dashes before the cut go: "rose —…" would read as a typo
    ("Taxes rose — by a lot", 110, 1, "Taxes rose…"),
    ("Taxes rose: by a lot", 110, 1, "Taxes rose…"),
    # sentence ends stay: they are the claim's own words
    ("Taxes rose. Then fell again", 120, 1, "Taxes rose.…"),
    # a first word wider than every line: only the ellipsis, never a piece of a word
    ("Antidisestablishmentarianism rules", 100, 2, ELLIPSIS),
    # Arabic: cut between words, the Arabic comma removed
    ("بورتلاند مدينة، ملاذ للمهاجرين", 150, 1, "بورتلاند مدينة…"),
])
def test_shorten(text: str, width: int, lines: int, shown: str) -> None:
    got, got_lines = shorten(text.split(), ten, width, lines)
    assert got == shown
    assert len(got_lines) <= lines and all(ten(line) <= width for line in got_lines)
    assert " ".join(got_lines) == got


@pytest.mark.parametrize(("text", "shown"), [
    ("Portland is a sanctuary city.", "Portland is a sanctuary city."),
    ("Extra   spaces\nand lines  go.", "Extra spaces and lines go."),
    # at the smallest size, 5 lines of 41 characters, so of 3 words: 15 words are shown
    (" ".join(["immigration"] * 30), " ".join(["immigration"] * 15) + ELLIPSIS),
])
def test_fit_claim(text: str, shown: str) -> None:
    fitted = fit_claim(" ".join(text.split()), lambda size: lambda t: 0.55 * size * len(t))
    assert fitted.shown == shown
    assert fitted.shortened == shown.endswith(ELLIPSIS)
    # what is shown is the claim's start, word for word: nothing added but the ellipsis
    assert " ".join(text.split()).startswith(fitted.shown.removesuffix(ELLIPSIS))


def test_fit_claim_takes_the_largest_size_that_fits() -> None:
    def measure_at(size: int):  # noqa: ANN202
        return lambda t: 0.55 * size * len(t)
    assert fit_claim("Short claim.", measure_at).size == CLAIM_SIZES[0]
    assert fit_claim(" ".join(["word"] * 50), measure_at).size < CLAIM_SIZES[0]


def test_fit_line_drops_the_role_before_cutting_the_name() -> None:
    assert fit_line(["Paul LePage, Governor of Maine", "Paul LePage"], ten, 300) == \
        "Paul LePage, Governor of Maine"
    assert fit_line(["Paul LePage, Governor of Maine", "Paul LePage"], ten, 200) == "Paul LePage"
    assert fit_line(["Paul Richard LePage the Younger"], ten, 190) == "Paul Richard…"


@pytest.mark.parametrize(("text", "expected"), [
    ("Portland", "ltr"), ("بورتلاند", "rtl"), ("2017 بورتلاند", "rtl"), ("“Portland”", "ltr"),
    ("2017", "ltr"),
])
def test_direction_is_that_of_the_first_strong_character(text: str, expected: str) -> None:
    assert direction(text) == expected


def a_claim(**changes: object) -> Claim:
    claim = Claim("x", "claims/x.yaml", "Portland is a sanctuary city.", "Paul LePage",
                  FALSE, "No.", "Body.", (), "Desk", None,  # type: ignore[arg-type]
                  claimant_role="Governor")
    return dataclasses.replace(claim, **changes)


def test_a_card_shows_only_what_the_page_shows() -> None:
    settings = Settings(ratings=DEFAULT_RATINGS, site_name="Test Fact Check")
    spec = card_spec(a_claim(), settings)
    assert spec.claim == "Portland is a sanctuary city."
    assert spec.claimant == ("Paul LePage, Governor", "Paul LePage")
    assert (spec.label, spec.color, spec.site_name) == ("False", FALSE.color, "Test Fact Check")


@pytest.mark.parametrize(("of", "change"), [
    ("claim", {"claim": "Portland is a sanctuary town."}),
    ("claim", {"verdict": TRUE}),
    ("claim", {"verdict": dataclasses.replace(FALSE, color="#000000")}),
    ("claim", {"verdict": dataclasses.replace(FALSE, label="Wrong")}),
    ("claim", {"verdict": dataclasses.replace(FALSE, svg="<svg/>")}),
    ("claim", {"claimant": "Jo Lee"}),
    ("claim", {"claimant_role": "Mayor"}),
    ("site", {"site_name": "Another Fact Check"}),
    ("site", {"language": "fr"}),
    ("site", {"language": "ar"}),
])
def test_each_input_makes_a_new_card(of: str, change: dict[str, object]) -> None:
    settings = Settings(ratings=DEFAULT_RATINGS, site_name="Test Fact Check")
    claim = a_claim()
    before = card_key(card_spec(claim, settings), "v")
    if of == "claim":
        claim = dataclasses.replace(claim, **change)
    else:
        settings = dataclasses.replace(settings, **change)
    assert card_key(card_spec(claim, settings), "v") != before


def test_what_is_not_on_the_card_keeps_its_card() -> None:
    settings = Settings(ratings=DEFAULT_RATINGS, site_name="Test Fact Check")
    before = card_key(card_spec(a_claim(), settings), "v")
    same = a_claim(summary="Another summary.", body="Another body.", author="Someone")
    assert card_key(card_spec(same, settings), "v") == before


def test_the_drawing_code_and_libraries_are_in_the_key() -> None:
    fingerprint = renderer_fingerprint()
    assert "pillow==" in fingerprint and "fontpkg-noto-sans==" in fingerprint
    assert re.search(r"^[0-9a-f]{64}$", fingerprint, re.MULTILINE)  # card_image.py's hash


# -- the picture ---------------------------------------------------------------------------

def spec(claim: str, rating=FALSE, language: str = "en",  # noqa: ANN001
         page_direction: str = "ltr") -> CardSpec:
    return CardSpec(claim, ("Paul LePage",), rating.label, rating.color, icon_svg(rating.icon)
                    or "", "Test Fact Check", language, page_direction)


def picture(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def ink(image: Image.Image) -> Image.Image:
    """How much ink each pixel has, from 0 (white) to 255 (the text's colour)."""
    dark = 0.299 * card_image.INK[0] + 0.587 * card_image.INK[1] + 0.114 * card_image.INK[2]
    return image.convert("L").point(lambda v: max(0, min(255, round((255 - v) * 255
                                                                     / (255 - dark)))))


def first_line_box(card: Image.Image) -> tuple[int, int, int, int]:
    """Where the ink of the claim's first line is on the card: left, top, right, bottom."""
    top = 84  # below the site's name
    block = ink(card).crop((0, top, WIDTH, 500))
    rows = [y for y in range(block.height) if block.crop((0, y, WIDTH, y + 1)).getbbox()]
    end = rows[0]
    while end + 1 in rows:
        end += 1
    left, _, right, _ = block.crop((0, rows[0], WIDTH, end + 1)).getbbox() or (0, 0, 0, 0)
    return left, top + rows[0], right, top + end + 1


def first_line(card: Image.Image) -> Image.Image:
    """The first line of the claim, cropped to its ink."""
    return ink(card).crop(first_line_box(card))


def reference(text: str, size: int, family: str = "latin", text_direction: str = "ltr",
              language: str = "en") -> Image.Image:
    """``text`` as Pillow's Raqm layout draws it with the card's font, cropped to its ink."""
    font = card_image._font(family, size, card_image.CLAIM_WEIGHT, True)
    image = Image.new("L", (1600, 200))
    ImageDraw.Draw(image).text((10, 150), text, font=font, fill=255, anchor="ls",
                               direction=text_direction, language=language,
                               features=["-liga"] if family == "latin" else None)
    return image.crop(image.getbbox())


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean difference of two crops (0 to 255); 255 if their sizes differ."""
    if abs(a.width - b.width) > 1 or abs(a.height - b.height) > 1:
        return 255.0
    box = (0, 0, min(a.width, b.width), min(a.height, b.height))
    return ImageStat.Stat(ImageChops.difference(a.crop(box), b.crop(box))).mean[0]


def test_a_card_is_a_1200_by_630_png() -> None:
    png = draw_card(spec("Portland is a sanctuary city."))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    card = picture(png)
    assert card.size == (1200, 630) and card.format == "PNG"
    assert png == draw_card(spec("Portland is a sanctuary city."))  # the same, every time


def test_two_verdicts_give_two_pictures_in_their_colours() -> None:
    false = picture(draw_card(spec("Portland is a sanctuary city.", FALSE))).convert("RGB")
    true = picture(draw_card(spec("Portland is a sanctuary city.", TRUE))).convert("RGB")
    assert ImageChops.difference(false, true).getbbox() is not None
    for card, rating in ((false, FALSE), (true, TRUE)):
        colour = tuple(int(rating.color[i:i + 2], 16) for i in (1, 3, 5))
        assert card.getpixel((600, 5)) == colour  # the band
        assert card.getpixel((MARGIN + 10, 548)) == colour  # the pill
    # the claim's region is the same: only the verdict differs
    assert ImageChops.difference(false.crop((0, 84, WIDTH, 500)),
                                 true.crop((0, 84, WIDTH, 500))).getbbox() is None


@needs_raqm
def test_the_claim_is_in_the_picture() -> None:
    line = first_line(picture(draw_card(spec("Portland is a sanctuary city."))))
    assert difference(line, reference("Portland is a sanctuary city.", CLAIM_SIZES[0])) < 4
    assert difference(line, reference("Portland is a sanctuary town.", CLAIM_SIZES[0])) > 50
    assert difference(line, reference("Portland is not a sanctuary city.",
                                      CLAIM_SIZES[0])) > 50


@needs_raqm
def test_a_long_claim_shows_its_start_and_an_ellipsis() -> None:
    claim = ("Portland’s mayor issued an order that goes well beyond what other cities "
             "such as Lewiston have done, according to a long statement from the office "
             "of the governor, which said more about it on Tuesday afternoon in Augusta.")
    card_spec_ = spec(claim)
    fitted = card_image.layout_claim(card_spec_, Text(True, "en"))
    assert fitted.shortened and claim.startswith(fitted.shown.removesuffix(ELLIPSIS))
    line = first_line(picture(draw_card(card_spec_)))
    assert difference(line, reference(fitted.lines[0], fitted.size)) < 4


@needs_raqm
@pytest.mark.parametrize("raqm", [True, False], ids=["raqm", "wheel-only"])
def test_arabic_is_shaped_and_runs_right_to_left(raqm: bool) -> None:
    claim = "بورتلاند مدينة ملاذ."
    card = picture(draw_card(spec(claim, language="ar", page_direction="rtl"), raqm=raqm))
    line = first_line(card)
    left, _, right, _ = first_line_box(card)
    assert right > WIDTH - MARGIN - 10 and left > WIDTH / 3  # set against the right margin
    # the first letter is on the right: the same text laid out left to right, or its
    # letters not joined, looks very different
    expected = reference(claim, CLAIM_SIZES[0], "arabic", "rtl", "ar")
    assert difference(line, expected) < (2 if raqm else 20)
    assert difference(line, reference(claim, CLAIM_SIZES[0], "arabic", "ltr", "ar")) > 50
    assert difference(line, reference("بورتلاند مدينة كبيرة.", CLAIM_SIZES[0], "arabic",
                                      "rtl", "ar")) > 50


@pytest.mark.parametrize("raqm", [True, False], ids=["raqm", "wheel-only"])
def test_arabic_vowel_marks_are_drawn(raqm: bool) -> None:
    if raqm and not has_raqm():
        pytest.skip("Pillow finds no FriBiDi for Raqm here")

    def line(claim: str) -> Image.Image:
        return first_line(picture(draw_card(spec(claim, language="ar", page_direction="rtl"),
                                            raqm=raqm)))

    marked, bare = line("بورتلاندُ مدينةٌ ملاذٌ."), line("بورتلاند مدينة ملاذ.")
    assert abs(marked.width - bare.width) <= 1  # marks take no room of their own
    assert ImageStat.Stat(marked).sum[0] > 1.03 * ImageStat.Stat(bare).sum[0]  # but are there


def test_a_latin_claim_on_a_right_to_left_page_starts_at_the_left() -> None:
    card = picture(draw_card(spec("Portland.", language="ar", page_direction="rtl")))
    left, _, right, _ = first_line_box(card)
    assert left < MARGIN + 10 and right < WIDTH / 2  # as dir="auto" shows it on the page


@needs_raqm
@pytest.mark.parametrize("text", [
    "Portland’s Mayor Ethan Strimling issued an executive order",
    "“Élysée” naïve coöperate: 1/2 of 2017’s AVATAR Tyrol — Straße…",
])
def test_drawing_glyph_by_glyph_matches_the_layout_engine(text: str) -> None:
    font = card_image._font("latin", CLAIM_SIZES[0], card_image.CLAIM_WEIGHT, True)
    options = Text(True, "en").options("latin")
    engine, mine = Image.new("L", (1600, 120)), Image.new("L", (1600, 120))
    ImageDraw.Draw(engine).text((20, 90), text, font=font, fill=255, anchor="ls", **options)
    Glyphs.of(font, options).draw(ImageDraw.Draw(mine), 20, 90, text, 255)
    assert ImageChops.difference(engine, mine).getbbox() is None


# -- a real build ------------------------------------------------------------------------

def card_of(site: Path, claim_id: str) -> tuple[Head, Path]:
    head = Head((site / "site" / "claims" / claim_id / "index.html").read_text("utf-8"))
    url = head.meta["og:image"]
    return head, site / "site" / url.removeprefix("https://factcheck.example.org/")


def cache_files(site: Path) -> dict[str, tuple[int, int]]:
    """The cached cards: name to (inode, modification time)."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in (site / ".cache" / "factcheck" / "cards").glob("*.png")}


CLAIM_IDS = ("birmingham-passed-sanctuary-resolution", "lepage-called-portland-sanctuary-city",
             "strimling-order-very-broad")


def test_every_claim_page_has_a_card_and_a_second_build_reuses_them(site: Path) -> None:
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert "factcheck: 3 share cards, 3 drawn" in result.stderr
    for claim_id in CLAIM_IDS:
        head, path = card_of(site, claim_id)
        assert head.meta["og:image"].startswith(
            f"https://factcheck.example.org/{CARDS_DIR}/{claim_id}-")
        assert head.meta["twitter:image"] == head.meta["og:image"]
        assert head.meta["twitter:card"] == "summary_large_image"
        assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")
        assert head.h1.strip().rstrip("¶") in head.meta["og:image:alt"]
        with Image.open(path) as card:
            assert (card.format, card.size) == ("PNG", (1200, 630))
    cached = cache_files(site)
    assert len(cached) == 3
    assert (site / ".cache" / "factcheck" / "cards" / TAG).is_file()

    again = build(site)
    assert again.returncode == 0, again.stderr
    assert "factcheck: 3 share cards, 0 drawn" in again.stderr
    assert cache_files(site) == cached  # not one written again
    for claim_id in CLAIM_IDS:
        assert card_of(site, claim_id)[1].is_file()  # copied into the new site

    # A changed claim gets a new card; the others are reused; its old card leaves the
    # cache, and only cards leave it.
    claim_file = site / "claims" / "strimling-order-very-broad.yaml"
    claim_file.write_text(claim_file.read_text("utf-8").replace(
        "The executive order is very broad.", "The executive order is rather broad."),
        encoding="utf-8")
    (site / ".cache" / "factcheck" / "cards" / "notes.txt").write_text("mine", "utf-8")
    old = card_of(site, "strimling-order-very-broad")[1].name
    changed = build(site)
    assert changed.returncode == 0, changed.stderr
    assert "factcheck: 3 share cards, 1 drawn" in changed.stderr
    new = card_of(site, "strimling-order-very-broad")[1]
    assert new.name != old and new.is_file()
    after = cache_files(site)
    assert len(after) == 3 and len(set(after) & set(cached)) == 2
    assert (site / ".cache" / "factcheck" / "cards" / "notes.txt").is_file()


def test_cards_can_be_turned_off(site: Path) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "      per_page: 2\n", "      per_page: 2\n      cards: false\n"), encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    head = Head((site / "site" / "claims" / CLAIM_IDS[0] / "index.html").read_text("utf-8"))
    assert "og:image" not in head.meta and head.meta["twitter:card"] == "summary"
    assert not (site / "site" / CARDS_DIR).exists()
    assert not (site / ".cache" / "factcheck" / "cards").exists()  # (the build cache is)


def test_without_site_url_the_card_address_is_relative(site: Path) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "site_url: https://factcheck.example.org/\n", "").replace(
        "      per_page: 2\n", "      per_page: 2\n      cards_cache: my-cards\n"),
        encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = site / "site" / "claims" / CLAIM_IDS[0] / "index.html"
    url = Head(page.read_text("utf-8")).meta["og:image"]
    assert url.startswith(f"../../{CARDS_DIR}/{CLAIM_IDS[0]}-")
    assert (page.parent / url).resolve().is_file()
    assert len(list((site / "my-cards").glob("*.png"))) == 3  # the cache where it was put


def test_cards_are_drawn_even_where_worker_processes_cannot_start(tmp_path: Path) -> None:
    # A script that builds without `if __name__ == "__main__":` cannot start worker
    # processes (each would run the script again); the cards are drawn in the process.
    script = tmp_path / "unguarded.py"
    script.write_text(f"""\
import dataclasses, sys
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
import generator.cards
from generator.cards import ShareCards
generator.cards.IN_PROCESS = 0  # as many cards as need worker processes
from generator.model import Claim, Settings
from generator.ratings import DEFAULT_RATINGS
from generator.project import icon_svg
rating = dataclasses.replace(DEFAULT_RATINGS[0], svg=icon_svg(DEFAULT_RATINGS[0].icon))
claim = Claim("x", "claims/x.yaml", "Portland is a sanctuary city.", "Paul LePage", rating,
              "No.", "Body.", (), "Desk", None)
cards = ShareCards({str(tmp_path / "cache")!r})
cards.start([claim], Settings(ratings=(rating,)), {str(tmp_path / "site")!r})
cards.finish()
""", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    drawn = list((tmp_path / "site" / CARDS_DIR).glob("x-*.png"))
    assert len(drawn) == 1
    with Image.open(drawn[0]) as card:
        assert card.size == (1200, 630)


def test_worker_processes_end_with_a_killed_build(tmp_path: Path) -> None:
    # A worker left behind keeps the build's output open: whatever reads it (a test's
    # `mkdocs serve`, a CI log) would wait for ever.
    script = tmp_path / "killed.py"
    script.write_text(f"""\
import dataclasses, multiprocessing, sys, time
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
import generator.cards
from generator.cards import ShareCards
from generator.model import Claim, Settings
from generator.ratings import DEFAULT_RATINGS
from generator.project import icon_svg
if __name__ == "__main__":
    generator.cards.IN_PROCESS = 0
    rating = dataclasses.replace(DEFAULT_RATINGS[0], svg=icon_svg(DEFAULT_RATINGS[0].icon))
    claims = [Claim(f"x{{i}}", "claims/x.yaml", f"Claim number {{i}}.", "Jo", rating, "No.",
                    "Body.", (), "Desk", None) for i in range(2000)]
    cards = ShareCards({str(tmp_path / "cache")!r})
    cards.start(claims, Settings(ratings=(rating,)), {str(tmp_path / "site")!r})
    time.sleep(1)
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(600)
""", encoding="utf-8")
    with subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                          text=True) as build:
        try:
            assert build.stdout is not None
            workers = [int(pid) for pid in build.stdout.readline().split()]
            assert workers
        finally:
            build.kill()
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and \
            time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
