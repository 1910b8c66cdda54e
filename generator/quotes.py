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
    """The run of whole words in ``text`` most like ``quote``, shown when it is not found.

    Words are compared, not characters, so a quote with a word left out or changed still
    finds its passage rather than some other sentence that shares a long phrase with it.

    >>> closest_passage("Mr. Lee, for one, called it a sanctuary city. Others named it "
    ...                 "a sanctuary city too.", "Mr. Lee called it a sanctuary city.")
    'Mr. Lee, for one, called it a sanctuary city.'
    """
    words = text.translate(_FOLD).split()
    wanted = quote.translate(_FOLD).split()
    if not words or not wanted:
        return ""
    key = [w.strip(".,;:!?\"'()").lower() for w in words]
    wanted_key = [w.strip(".,;:!?\"'()").lower() for w in wanted]
    size = len(wanted_key)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted_key)
    best, best_span = -1.0, (0, min(size, len(words)))
    lengths = sorted({max(1, size + d) for d in (-1, 0, 1, 2, 3)})
    for start in range(len(words)):
        for length in lengths:
            if start + length > len(words):
                break
            matcher.set_seq1(key[start:start + length])
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            score = matcher.ratio()
            if score > best:
                best, best_span = score, (start, start + length)
    passage = " ".join(words[best_span[0]:best_span[1]])
    return passage if len(passage) <= limit else passage[: limit - 3] + "..."
