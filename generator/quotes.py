"""Find a claim's quote in its seed, forgiving only typography.

A quote must occur verbatim in its seed, but people retype quotes: straight quotes for
curly ones and a line break for a space are treated as the same text; any other
difference is not.

>>> find_quote("He said “it’s  fine” today.", "said \\"it's fine\\"")
(3, 20)
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_SINGLE = "'\u2018\u2019\u201a\u201b\u2032"
_DOUBLE = '"\u201c\u201d\u201e\u201f\u2033'
_FOLD = str.maketrans({c: "'" for c in _SINGLE} | {c: '"' for c in _DOUBLE})


def _token_pattern(token: str) -> str:
    out = []
    for char in token:
        if char in _SINGLE:
            out.append(f"[{_SINGLE}]")
        elif char in _DOUBLE:
            out.append(f"[{_DOUBLE}]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` as ``(start, end)``, or ``None``."""
    tokens = quote.split()
    if not tokens:
        return None
    match = re.search(r"\s+".join(map(_token_pattern, tokens)), text)
    return match.span() if match else None


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
