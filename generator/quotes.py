"""Find a claim's quote in its seed, forgiving only typography.

A quote must occur verbatim in its seed, but people retype quotes: straight quotes for
curly ones and a line break for a space are treated as the same text; any other
difference is not.

>>> find_quote("He said “it’s  fine” today.", "said \\"it's fine\\"")
(3, 20)
"""

from __future__ import annotations

import functools
import re
from array import array
from difflib import SequenceMatcher

_SINGLE = "'\u2018\u2019\u201a\u201b\u2032"
_DOUBLE = '"\u201c\u201d\u201e\u201f\u2033'
_FOLD = str.maketrans({c: "'" for c in _SINGLE} | {c: '"' for c in _DOUBLE})
_RUNS = re.compile(r"\s+|\S+")


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` as ``(start, end)``, or ``None``.

    The same as searching for the quote's words with any white space between them and
    any kind of quotation mark, but done as one plain search in the seed's folded text
    (made once per seed), not by building a regular expression for every claim.
    """
    tokens = quote.split()
    if not tokens:
        return None
    folded, origin = _folded(text)
    needle = " ".join(tokens).translate(_FOLD)
    at = folded.find(needle)
    return None if at < 0 else (origin[at], origin[at + len(needle) - 1] + 1)


@functools.lru_cache(maxsize=4096)  # one entry per seed document
def _folded(text: str) -> tuple[str, array]:
    """``text`` with quotation marks folded and each run of white space as one space,
    and the position in ``text`` of each character of the result."""
    chars: list[str] = []
    origin = array("q")
    for match in _RUNS.finditer(text):
        if match[0][0].isspace():
            chars.append(" ")
            origin.append(match.start())
        else:
            chars.append(match[0].translate(_FOLD))
            origin.extend(range(match.start(), match.end()))
    return "".join(chars), origin


def closest_passage(text: str, quote: str, limit: int = 120) -> str:
    """The passage of ``text`` most like ``quote``, to show when the quote is not found."""
    folded_text = " ".join(text.translate(_FOLD).split())
    folded_quote = " ".join(quote.translate(_FOLD).split())
    if not folded_text or not folded_quote:
        return ""
    matcher = SequenceMatcher(None, folded_text, folded_quote, autojunk=False)
    match = matcher.find_longest_match(0, len(folded_text), 0, len(folded_quote))
    start = max(0, match.a - match.b)
    passage = folded_text[start:start + len(folded_quote)].strip()
    return passage if len(passage) <= limit else passage[: limit - 3] + "..."
