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
