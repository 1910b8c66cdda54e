"""Where a share card puts things, and how its text is fitted: pure layout, no drawing.

A share card is the 1200×630 picture that social sites show beside a link to a claim
(see :mod:`generator.card_image`, which draws it, and :mod:`generator.cards`, which
keeps them). This module holds the rules that decide what text it shows, so they can
be read and tested without Pillow: the caller passes a function that measures text.

The rules, from the issue that asked for cards:

- a card shows only text that the page shows: the claim, the claimant, the verdict's
  label and the site's name (and a catalog's words around them);
- the claim is shown whole when it fits at one of :data:`CLAIM_SIZES` in its lines;
  else it is cut at the end of a word, with trailing commas, colons and dashes removed,
  and an ellipsis added, never in the middle of a word;
- the verdict is never cut: its label is drawn smaller until it fits.

>>> width = lambda text: 10.0 * len(text)   # a monospace font, 10 pixels a character
>>> wrap("Portland is a sanctuary city".split(), width, 140)
['Portland is a', 'sanctuary city']
>>> shorten("Portland is a sanctuary city, said LePage".split(), width, 150, 2)
('Portland is a sanctuary city…', ['Portland is a', 'sanctuary city…'])
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .model import Claim, Settings

#: A function from a piece of text to its width in pixels, at one size of one font.
Measure = Callable[[str], float]

WIDTH, HEIGHT = 1200, 630
#: Space kept free at the left and right edges.
MARGIN = 72
#: The width every line of text may use.
TEXT_WIDTH = WIDTH - 2 * MARGIN
#: The band in the verdict's colour along the top edge.
BAND = 16
#: The site's name: its size and the top of its line.
SITE_SIZE, SITE_TOP = 30, 44
#: The claim and the claimant are centred, as a block, between these two heights.
BLOCK_TOP, BLOCK_BOTTOM = 108, 482
#: Sizes the claim is tried at, largest first, and its line height as a multiple of size.
CLAIM_SIZES = (64, 56, 50, 46)
LINE_HEIGHT = 1.2
#: The claimant's line: its size, and the space between it and the claim.
CLAIMANT_SIZE, CLAIMANT_GAP = 34, 20
#: The verdict: a pill this tall, its top, its label's largest size and its icon's size.
PILL_HEIGHT, PILL_TOP, LABEL_SIZE, ICON_SIZE = 84, 506, 44, 56
#: Space inside the pill, before the icon and after the label, and between the two.
PILL_PADDING, PILL_GAP = 26, 14
ELLIPSIS = "…"
# Removed from the end of a cut claim before the ellipsis: "city,…" reads as a typo.
_TRAILING = ",;:،؛-–—"


@dataclass(frozen=True)
class CardSpec:
    """Everything a card shows, as text: its picture depends on this and nothing else."""

    claim: str
    claimant: tuple[str, ...]
    """The claimant's line, longest first (with the role, without): the first that fits."""
    label: str
    color: str
    """The verdict's colour, ``#rrggbb``."""
    icon: str
    """The verdict's icon, as SVG markup."""
    site_name: str
    language: str
    direction: str
    """The page's direction, ``ltr`` or ``rtl``: the side the site's name and pill are on."""


def card_spec(claim: Claim, settings: Settings) -> CardSpec:
    """What the card of ``claim`` shows: only what its page shows, in the page's language.

    >>> from generator.ratings import DEFAULT_RATINGS
    >>> settings = Settings(ratings=DEFAULT_RATINGS, site_name="Portland Fact Check")
    >>> claim = Claim("x", "claims/x.yaml", "Portland is  a sanctuary city.", "Paul LePage",
    ...               DEFAULT_RATINGS[2], "", "", (), "Desk", None, claimant_role="Governor")
    >>> spec = card_spec(claim, settings)
    >>> spec.claim, spec.claimant, spec.label, spec.direction
    ('Portland is  a sanctuary city.', ('Paul LePage, Governor', 'Paul LePage'), 'Half true', 'ltr')
    """
    words = settings.words
    claimant: tuple[str, ...] = (claim.claimant,)
    if claim.claimant_role:
        claimant = (words.gettext("%(claimant)s, %(role)s", claimant=claim.claimant,
                                  role=claim.claimant_role), claim.claimant)
    return CardSpec(claim=claim.claim, claimant=claimant, label=claim.verdict.label,
                    color=claim.verdict.color, icon=claim.verdict.svg,
                    site_name=settings.site_name, language=settings.language,
                    direction=words.direction)


def card_alt(claim: Claim, settings: Settings) -> str:
    """The card's description for those who cannot see it: the whole claim, unshortened."""
    # Translators: the description of a claim's share card (og:image:alt), for those who
    # cannot see the picture.
    return settings.words.gettext("Claim by %(claimant)s: “%(claim)s” Verdict: %(verdict)s",
                                  claimant=claim.claimant,
                                  claim=" ".join(claim.claim.split()),
                                  verdict=claim.verdict.label)


@dataclass(frozen=True)
class Fitted:
    """A piece of text fitted into lines at one size."""

    size: int
    lines: tuple[str, ...]
    shown: str
    """The text as the card shows it: the whole text, or its start and an ellipsis."""

    @property
    def shortened(self) -> bool:
        return self.shown.endswith(ELLIPSIS)


def claim_lines(size: int) -> int:
    """How many lines of the claim fit at ``size``, leaving room for the claimant.

    >>> [claim_lines(size) for size in CLAIM_SIZES]
    [4, 4, 5, 5]
    """
    room = BLOCK_BOTTOM - BLOCK_TOP - CLAIMANT_GAP - round(CLAIMANT_SIZE * LINE_HEIGHT)
    return int(room // (size * LINE_HEIGHT))


def direction(text: str, default: str = "ltr") -> str:
    """``rtl`` or ``ltr``: the direction of the text's first strong character.

    This is what ``dir="auto"`` does in a browser, so the card and the page agree.

    >>> direction("بورتلاند مدينة ملاذ"), direction("2017: Portland"), direction("2017")
    ('rtl', 'ltr', 'ltr')
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default


def fit_claim(text: str, measure_at: Callable[[int], Measure]) -> Fitted:
    """The claim in lines at the largest size where it fits, else shortened at the smallest.

    ``measure_at(size)`` gives the measure of the claim's font at that size.
    """
    words = text.split()
    for size in CLAIM_SIZES:
        measure = _by_word(measure_at(size))
        lines = wrap(words, measure, TEXT_WIDTH)
        if len(lines) <= claim_lines(size):
            return Fitted(size, tuple(lines), " ".join(words))
    shown, lines = shorten(words, measure, TEXT_WIDTH, claim_lines(CLAIM_SIZES[-1]))
    return Fitted(CLAIM_SIZES[-1], tuple(lines), shown)


def fit_line(candidates: Sequence[str], measure: Measure, width: float = TEXT_WIDTH) -> str:
    """The first of ``candidates`` that fits on one line; else the last, shortened.

    >>> fit_line(["Paul LePage, Governor of Maine", "Paul LePage"], lambda t: 10 * len(t), 200)
    'Paul LePage'
    """
    measure = _by_word(measure)
    for text in candidates:
        words = text.split()
        if len(wrap(words, measure, width)) <= 1:
            return " ".join(words)
    return shorten(candidates[-1].split(), measure, width, 1)[0]


def wrap(words: Sequence[str], measure: Measure, width: float) -> list[str]:
    """Words in lines no wider than ``width``, each line as full as it can be.

    A word wider than a line is broken between characters: it is still shown whole,
    over two lines (an address, say), which cuts nothing.
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    space = measure(" ")
    for word in words:
        wide = measure(word)
        if line and used + space + wide <= width:
            line.append(word)
            used += space + wide
            continue
        if line:
            lines.append(" ".join(line))
        if wide > width:
            *whole, word = _break_word(word, measure, width)
            lines.extend(whole)
            wide = measure(word)
        line, used = [word], wide
    if line:
        lines.append(" ".join(line))
    return lines


def shorten(words: Sequence[str], measure: Measure, width: float,
            max_lines: int) -> tuple[str, list[str]]:
    """The most words that fit in ``max_lines`` with an ellipsis: (text shown, lines).

    The cut is always between words. If not even the first word fits, only the ellipsis
    is shown: a cut inside a word could change its meaning ("no…" of "not").
    """
    def attempt(count: int) -> list[str] | None:
        kept = list(words[:count])
        while kept and not kept[-1].rstrip(_TRAILING):
            kept.pop()  # a lone dash or colon before the cut
        if not kept:
            return None
        kept[-1] = kept[-1].rstrip(_TRAILING) + ELLIPSIS
        lines = wrap(kept, measure, width)
        return lines if len(lines) <= max_lines else None

    low, high, best = 1, len(words) - 1, None
    while low <= high:  # more words never take fewer lines, so search for the most
        middle = (low + high) // 2
        lines = attempt(middle)
        if lines is None:
            high = middle - 1
        else:
            best, low = lines, middle + 1
    if best is None:
        return ELLIPSIS, [ELLIPSIS]
    return " ".join(best), best


def label_size(label: str, measure_at: Callable[[int], Measure], width: float) -> int:
    """The size the verdict's label is drawn at: :data:`LABEL_SIZE`, or less to fit ``width``.

    Text width grows in proportion to size, so one measure gives the size that fits.

    >>> label_size("Mostly false", lambda size: lambda t: size * 0.5 * len(t), 300)
    44
    >>> label_size("Mostly false, though not in 2017", lambda s: lambda t: s * 0.5 * len(t), 300)
    18
    """
    wide = measure_at(LABEL_SIZE)(label)
    return LABEL_SIZE if wide <= width else max(1, int(LABEL_SIZE * width / wide))


def _by_word(measure: Measure) -> Measure:
    """``measure``, remembering each word's width: a claim is wrapped several times."""
    widths: dict[str, float] = {}

    def measured(text: str) -> float:
        if text not in widths:
            widths[text] = measure(text)
        return widths[text]

    return measured


def _break_word(word: str, measure: Measure, width: float) -> list[str]:
    """``word`` in pieces no wider than ``width``, never parting a letter from its accents."""
    pieces = []
    while word:
        low, high = 1, len(word)
        while low < high:  # the longest start of the word that fits
            middle = (low + high + 1) // 2
            if measure(word[:middle]) <= width:
                low = middle
            else:
                high = middle - 1
        while low < len(word) and unicodedata.combining(word[low]):
            low += 1
        pieces.append(word[:low])
        word = word[low:]
    return pieces
