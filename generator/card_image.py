"""Drawing a share card with Pillow: its fonts, the verdict's icon, and the PNG bytes.

Everything comes from PyPI wheels: Pillow draws, the Noto Sans fonts come from the
pinned ``fontpkg-noto-sans`` and ``fontpkg-noto-sans-arabic`` packages, and the verdict's
Material icon (SVG) is rasterised by ``resvg-py``, with no system Cairo.

Arabic (and any right-to-left text) is shaped and ordered by Pillow's Raqm layout when
Pillow finds FriBiDi on the machine (Debian and Ubuntu have it as ``libfribidi0``;
Pillow's wheels bring HarfBuzz and Raqm but load FriBiDi from the system). Without it,
the text is shaped into Arabic presentation forms by ``arabic-reshaper`` and put in
display order by ``python-bidi``, both wheels, and drawn with Pillow's basic layout.

Speed, since an archive has thousands of cards (``bench/cards.py`` measures it):

- the parts every card of a verdict shares (the band, the site's name, the pill with
  its icon and label) are drawn once per verdict;
- each card draws only its claim and claimant, in grey levels, and maps them onto the
  palette: an 8-bit palette PNG is three times smaller and faster to compress than RGB;
- a line of left-to-right text with no marks that combine is drawn glyph by glyph
  from glyphs drawn once, placed as the layout engine places them (advances and pair
  kerning; ligatures are off, so the two ways agree): many times faster than laying out
  every line again. Other lines are drawn by the layout engine.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import fontpkg
import resvg_py
from PIL import Image, ImageDraw, ImageFont, features

from . import card_layout as L
from .card_layout import CardSpec

#: Colours: the card and the text on it (the verdict's colour comes from the scale).
BACKGROUND, INK, WHITE = (0xFF, 0xFF, 0xFF), (0x1F, 0x23, 0x28), (0xFF, 0xFF, 0xFF)
#: How dark the claimant and the site's name are, from white (0) to ink (255).
GREY = 190
#: Levels of each colour ramp in the palette. Sixteen look the same as 256 on text this
#: large, and compress a quarter smaller.
LEVELS = 16
#: Font weights (the fonts are variable, 100 to 900).
CLAIM_WEIGHT, CLAIMANT_WEIGHT, SITE_WEIGHT, LABEL_WEIGHT = 650, 500, 700, 700
FONT_FAMILIES = {"latin": "Noto Sans", "arabic": "Noto Sans Arabic"}
#: zlib's level for the PNG: 3 takes half the time of the default 6 for 25 % more bytes.
PNG_LEVEL = 3
#: Where Arabic-script letters are in Unicode: text with any uses the Arabic font.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
#: The size text is measured at; widths at other sizes are in proportion.
_REFERENCE = 100
#: OpenType features of the layout engine, for Latin text: no ligatures (see above).
_LATIN_FEATURES = ["-liga"]
#: Bidirectional classes of characters a glyph-by-glyph line may hold: left to right,
#: numbers and neutrals, which in a left-to-right line all run left to right.
_PLAIN = frozenset({"L", "EN", "ES", "ET", "CS", "ON", "WS"})


def has_raqm() -> bool:
    """Whether Pillow lays out text with Raqm here (it needs the system's FriBiDi)."""
    return bool(features.check_feature("raqm"))


def draw_card(spec: CardSpec, raqm: bool | None = None) -> bytes:
    """The PNG bytes of the card of ``spec``; ``raqm=False`` uses the wheel-only layout."""
    text = Text(has_raqm() if raqm is None else raqm, spec.language)
    card = _base(spec, text).copy()
    top = L.BLOCK_TOP - 24  # the grey layer's top: room for accents above the first line
    layer = Image.new("L", (L.WIDTH, L.BLOCK_BOTTOM + 20 - top))
    draw = ImageDraw.Draw(layer)
    claim = layout_claim(spec, text)
    claim_font = (text.family(spec.claim), claim.size, CLAIM_WEIGHT)
    claimant_font = (text.family(" ".join(spec.claimant)), L.CLAIMANT_SIZE, CLAIMANT_WEIGHT)
    claimant = L.fit_line(spec.claimant, text.measure(*claimant_font))
    line, claimant_line = claim.size * L.LINE_HEIGHT, L.CLAIMANT_SIZE * L.LINE_HEIGHT
    height = line * len(claim.lines) + L.CLAIMANT_GAP + claimant_line
    y = L.BLOCK_TOP + (L.BLOCK_BOTTOM - L.BLOCK_TOP - height) / 2 - top
    direction = L.direction(claim.shown, spec.direction)
    # Drawn with the darkest entry of the white-to-ink ramp as the colour, anti-aliased
    # text blends into the entries of that ramp: the layer is palette entries already.
    for text_line in claim.lines:
        text.draw(draw, y, line, text_line, claim_font, LEVELS - 1, direction)
        y += line
    text.draw(draw, y + L.CLAIMANT_GAP, claimant_line, claimant, claimant_font,
              round(GREY * (LEVELS - 1) / 255), L.direction(claimant, spec.direction))
    layer.putpalette(card.getpalette() or [])  # the same palette: entries copy as they are
    card.paste(layer, (0, top))
    out = io.BytesIO()
    card.save(out, "PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def layout_claim(spec: CardSpec, text: Text) -> L.Fitted:
    """The claim fitted to the card, in the font it is drawn in."""
    family = text.family(spec.claim)
    return L.fit_claim(" ".join(spec.claim.split()),
                       lambda size: text.measure(family, size, CLAIM_WEIGHT))


class Text:
    """Measuring and drawing text in one language, with Raqm or the wheel-only layout."""

    def __init__(self, raqm: bool, language: str):
        self.raqm = raqm
        self.language = language

    @staticmethod
    def family(text: str) -> str:
        """``arabic`` for text with Arabic letters (its font has Latin too), else ``latin``."""
        return "arabic" if _ARABIC.search(text) else "latin"

    def font(self, family: str, size: int, weight: int) -> ImageFont.FreeTypeFont:
        return _font(family, size, weight, self.raqm)

    def options(self, family: str, direction: str | None = None) -> dict[str, Any]:
        """The layout engine's options for text in ``family`` (none without Raqm)."""
        if not self.raqm:
            return {}
        options: dict[str, Any] = {"language": self.language}
        if direction:
            options["direction"] = direction
        if family == "latin":
            options["features"] = _LATIN_FEATURES
        return options

    def measure(self, family: str, size: int, weight: int) -> Callable[[str], float]:
        """Text's width at ``size``: measured once at :data:`_REFERENCE` size and scaled.

        These fonts have no hints, so widths are proportional to size (to a
        ten-thousandth); each word's width is kept for the next card, which shares
        most of its words with this one.
        """
        font = self.font(family, _REFERENCE, weight)
        widths = _WIDTHS.setdefault((family, weight, self.raqm, self.language), {})
        if len(widths) > 100_000:  # a very large archive: start again rather than grow
            widths.clear()
        scale = size / _REFERENCE

        def measured(text: str) -> float:
            width = widths.get(text)
            if width is None:
                direction = L.direction(text)
                shown = text if self.raqm else _visual(text, direction)
                width = widths[text] = font.getlength(shown,
                                                      **self.options(family, direction))
            return width * scale

        return measured

    def draw(self, draw: ImageDraw.ImageDraw, top: float, height: float, text: str,
             font: tuple[str, int, int], fill: int, direction: str,
             side: str | None = None, x: float | None = None) -> None:
        """Draw one line of ``text`` in ``direction``, in the middle of ``height`` from ``top``,
        in ``font`` (family, size, weight) and the grey ``fill``.

        Its ``side`` (``left`` or ``right``; by default where ``direction`` starts, which
        is how ``dir="auto"`` aligns text in a browser) is at ``x``, by default the margin.
        """
        family = font[0]
        face = self.font(*font)
        side = side or ("left" if direction == "ltr" else "right")
        if x is None:
            x = L.MARGIN if side == "left" else L.WIDTH - L.MARGIN
        baseline = round(top + height / 2 + face.size * 0.36)  # centres the lowercase
        if direction == "ltr" and _plain(text):
            glyphs = Glyphs.of(face, self.options(family))
            start = x if side == "left" else x - glyphs.width(text)
            glyphs.draw(draw, start, baseline, text, fill)
            return
        anchor = "ls" if side == "left" else "rs"
        if not self.raqm:
            text = _visual(text, direction)
        draw.text((x, baseline), text, font=face, fill=fill, anchor=anchor,
                  **self.options(family, direction))


class Glyphs:
    """The glyphs of one font at one size, each drawn once, and the kerning of pairs."""

    def __init__(self, font: ImageFont.FreeTypeFont, options: dict[str, Any]):
        self.font = font
        self.options = options
        self.glyphs: dict[str, tuple[Any, int, int, float]] = {}
        self.kerning: dict[str, float] = {}

    @staticmethod
    def of(font: ImageFont.FreeTypeFont, options: dict[str, Any]) -> Glyphs:
        """The glyphs of ``font`` drawn with the layout engine's ``options``, kept."""
        key = (font, options.get("language"))
        if key not in _GLYPHS:
            _GLYPHS[key] = Glyphs(font, options)
        return _GLYPHS[key]

    def glyph(self, char: str) -> tuple[Any, int, int, float]:
        """The glyph of ``char``: its picture (Pillow's core image, or None for a space),
        where that goes from the pen, and its advance."""
        glyph = self.glyphs.get(char)
        if glyph is None:
            left, top, right, bottom = self.font.getbbox(char, anchor="ls", **self.options)
            image = None
            if right > left and bottom > top:
                picture = Image.new("L", (right - left, bottom - top))
                ImageDraw.Draw(picture).text((-left, -top), char, font=self.font, fill=255,
                                             anchor="ls", **self.options)
                image = picture.im
            glyph = self.glyphs[char] = (image, left, top,
                                         self.font.getlength(char, **self.options))
        return glyph

    def kern(self, pair: str) -> float:
        """How much closer (or further) the second of ``pair`` goes after the first."""
        kern = self.kerning.get(pair)
        if kern is None:
            kern = self.kerning[pair] = (self.font.getlength(pair, **self.options)
                                         - self.glyph(pair[0])[3] - self.glyph(pair[1])[3])
        return kern

    def width(self, text: str) -> float:
        return sum(self.glyph(c)[3] for c in text) + sum(
            self.kern(a + b) for a, b in zip(text, text[1:], strict=False))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, baseline: int, text: str,
             fill: int) -> None:
        """Draw ``text`` with its pen starting at ``x`` on ``baseline``.

        Glyphs go at the whole pixel nearest the pen, as the layout engine puts them.
        """
        # ImageDraw's own call for a mask, which its text() uses too: bitmap() costs
        # three times as much, and a card draws a hundred glyphs.
        bitmap, ink = draw.draw.draw_bitmap, draw.draw.draw_ink(fill)
        glyphs, kerning = self.glyphs, self.kerning
        previous = ""
        for char in text:
            glyph = glyphs.get(char) or self.glyph(char)
            if previous:
                pair = previous + char
                x += kerning[pair] if pair in kerning else self.kern(pair)
            if glyph[0] is not None:
                bitmap((round(x) + glyph[1], baseline + glyph[2]), glyph[0], ink)
            x += glyph[3]
            previous = char


def _plain(text: str) -> bool:
    """Whether ``text`` may be drawn glyph by glyph: no marks, nothing right to left."""
    chars = set(text)
    if chars <= _PLAIN_CHARS:
        return True
    if all(unicodedata.bidirectional(c) in _PLAIN and not unicodedata.combining(c)
           for c in chars):
        _PLAIN_CHARS.update(chars)
        return True
    return False


#: Characters found plain so far.
_PLAIN_CHARS: set[str] = set()


#: The glyphs drawn so far, by font and language.
_GLYPHS: dict[tuple[ImageFont.FreeTypeFont, str | None], Glyphs] = {}
#: Widths of text at the reference size, by font, weight, layout and language.
_WIDTHS: dict[tuple[str, int, bool, str], dict[str, float]] = {}


@functools.cache
def _font(family: str, size: int, weight: int, raqm: bool) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if raqm else ImageFont.Layout.BASIC
    font = ImageFont.truetype(str(fontpkg.path(FONT_FAMILIES[family])), size,
                              layout_engine=engine)
    font.set_variation_by_axes([weight if axis["name"] == b"Weight" else axis["default"]
                                for axis in font.get_variation_axes()])
    return font


def _visual(text: str, direction: str) -> str:
    """Text in display order with Arabic letters joined, for Pillow's basic layout."""
    if direction == "ltr" and Text.family(text) == "latin" and _plain(text):
        return text
    from bidi import get_display  # only without Raqm
    return get_display(_reshaper().reshape(text), base_dir="R" if direction == "rtl" else "L")


@functools.cache
def _reshaper() -> Any:
    import arabic_reshaper
    # Its default drops the vowel marks; a card shows the text as written.
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def _base(spec: CardSpec, text: Text) -> Image.Image:
    """The parts every card of this verdict and site shares, as a palette image."""
    return _base_image(spec.label, spec.color, spec.icon, spec.site_name, spec.direction,
                       text.raqm, text.language)


@functools.lru_cache(maxsize=64)
def _base_image(label: str, color: str, icon: str, site_name: str, page_direction: str,
                raqm: bool, language: str) -> Image.Image:
    # Drawn as three grey layers, each mapped onto its ramp of the palette: a picture
    # made of palette entries from the start, which no matching of colours could blur.
    text = Text(raqm, language)
    start = "right" if page_direction == "rtl" else "left"
    ink, fill, white = (Image.new("L", (L.WIDTH, L.HEIGHT)) for _ in range(3))
    # The site's name, at the start of the page's direction.
    site_font = (text.family(site_name), L.SITE_SIZE, SITE_WEIGHT)
    name = L.fit_line([site_name], text.measure(*site_font))
    text.draw(ImageDraw.Draw(ink), L.SITE_TOP, L.SITE_SIZE * L.LINE_HEIGHT, name, site_font,
              GREY, L.direction(name, page_direction), start)
    # The band; the pill, and on it the icon and the label, the icon first.
    ImageDraw.Draw(fill).rectangle((0, 0, L.WIDTH - 1, L.BAND - 1), fill=255)
    family = text.family(label)
    room = L.TEXT_WIDTH - 2 * L.PILL_PADDING - L.ICON_SIZE - L.PILL_GAP
    size = L.label_size(label, lambda s: text.measure(family, s, LABEL_WEIGHT), room)
    width = round(2 * L.PILL_PADDING + L.ICON_SIZE + L.PILL_GAP
                  + text.measure(family, size, LABEL_WEIGHT)(label))
    left = L.MARGIN if start == "left" else L.WIDTH - L.MARGIN - width
    fill.paste(_pill(width), (left, L.PILL_TOP))
    icon_x = left + L.PILL_PADDING if start == "left" else \
        left + width - L.PILL_PADDING - L.ICON_SIZE
    white.paste(_icon(icon, L.ICON_SIZE),
                (icon_x, L.PILL_TOP + (L.PILL_HEIGHT - L.ICON_SIZE) // 2))
    text.draw(ImageDraw.Draw(white), L.PILL_TOP, L.PILL_HEIGHT, label,
              (family, size, LABEL_WEIGHT), 255, L.direction(label, page_direction),
              start, icon_x + L.ICON_SIZE + L.PILL_GAP if start == "left"
              else icon_x - L.PILL_GAP)
    card = ink.point(_ramp_entries(0))
    card.paste(fill.point(_ramp_entries(2)), mask=fill.point(_ANY))
    card.paste(white.point(_ramp_entries(1)), mask=white.point(_ANY))
    verdict = _rgb(color)
    # White to ink (text), the verdict's colour to white (what is on the pill), white to
    # the verdict's colour (the pill and the band).
    card.putpalette(_ramp(BACKGROUND, INK) + _ramp(verdict, WHITE)
                    + _ramp(BACKGROUND, verdict))
    return card


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int]) -> list[int]:
    """:data:`LEVELS` colours from ``start`` to ``end``, as flat palette values."""
    return [round(a + (b - a) * i / (LEVELS - 1)) for i in range(LEVELS)
            for a, b in zip(start, end, strict=True)]


@functools.cache
def _ramp_entries(ramp: int) -> tuple[int, ...]:
    """Grey level (0 to 255) to the nearest palette entry of ramp ``ramp`` (0, 1 or 2)."""
    return tuple(ramp * LEVELS + round(v * (LEVELS - 1) / 255) for v in range(256))


#: Any grey above 0, as a mask.
_ANY = (0,) + (255,) * 255


def _rgb(color: str) -> tuple[int, int, int]:
    value = int(color.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


@functools.lru_cache(maxsize=8)
def _pill(width: int) -> Image.Image:
    """A rounded rectangle ``width`` wide with smooth edges: drawn four times larger."""
    big = Image.new("L", (width * 4, L.PILL_HEIGHT * 4))
    ImageDraw.Draw(big).rounded_rectangle((0, 0, big.width - 1, big.height - 1),
                                          radius=L.PILL_HEIGHT * 2, fill=255)
    return big.resize((width, L.PILL_HEIGHT), Image.Resampling.LANCZOS)


@functools.lru_cache(maxsize=16)
def _icon(svg: str, size: int) -> Image.Image:
    """The icon's shape (its alpha) at ``size`` pixels square, drawn by resvg."""
    png = resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size,
                                skip_system_fonts=True)
    with Image.open(io.BytesIO(bytes(png))) as image:
        return image.convert("RGBA").getchannel("A")
