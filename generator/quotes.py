"""Find a claim's quote in its seed, forgiving only typography, in any script.

A quote must occur verbatim in its seed, but people retype quotes. These count as the
same text, and nothing else does:

- any kind of quotation mark for any other of its kind: straight, curly, low („ ‚),
  guillemets (« » ‹ ›, as French, Arabic and Persian write them), CJK corner brackets
  and the Hebrew geresh and gershayim;
- any run of white space (a line break, a non-breaking space) for one space, and the
  space French puts inside guillemets and before ``: ; ! ?`` for none;
- Unicode normalisation (NFKC: ``é`` typed as one character or two; Arabic
  presentation forms, ligatures such as ``ﬁ``, full-width letters);
- the invisible direction marks and isolates, the soft hyphen, and the Arabic tatweel
  (ـ, a stretching of the line between letters that is never part of a word).

Arabic and Hebrew vowel signs (harakat, niqqud) are kept: they are optional in
writing, but can tell two words apart, so a quote must have the seed's own.

>>> find_quote("He said “it’s  fine” today.", "said \\"it's fine\\"")
(3, 20)
>>> find_quote("Il a dit : « c’est faux ».", "dit: \\"c'est faux\\"")
(5, 25)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from difflib import SequenceMatcher

_SINGLE = "'\u2018\u2019\u201a\u201b\u2032\u05f3\u300c\u300d"
_DOUBLE = '"\u201c\u201d\u201e\u201f\u2033\u05f4\u300e\u300f\u301d\u301e\u301f'
_INVISIBLE = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u00ad\u0640"
_FOLD = str.maketrans({c: "'" for c in _SINGLE} | {c: '"' for c in _DOUBLE}
                      | {c: None for c in _INVISIBLE})
# Guillemets fold last: first they say where French typography puts a space that English
# does not (inside them, and before : ; ! ?).
_GUILLEMETS = str.maketrans({"\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'"})
_OPENING = "\u00ab\u2039"
_RUNS = re.compile(r"\s+|\S+")
_HIDDEN = re.compile(f"[{_INVISIBLE}]")
_CLOSING = "\u00bb\u203a:;!?\u061f\u061b"


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` as ``(start, end)``, or ``None``.

    The same as searching for the quote's words with any white space between them and
    any kind of quotation mark, but done as one plain search in the seed's folded text
    (made once per seed), not by building a regular expression for every claim.
    """
    needle = _fold(quote)[0]
    if not needle:
        return None
    folded, starts, ends = _folded(text)
    at = folded.find(needle)
    return None if at < 0 else (starts[at], ends[at + len(needle) - 1])


def _fold(text: str) -> tuple[str, array[int], array[int]]:
    """``text`` folded as the module says, and where in ``text`` each character of the
    result comes from (its start and end: a folded character may stand for several)."""
    chars: list[str] = []
    starts, ends = array("q"), array("q")
    for match in _RUNS.finditer(text):
        at, end, run = match.start(), match.end(), match[0]
        if run[0].isspace():
            after = text[end] if end < len(text) else ""
            if chars and chars[-1][-1:] not in _OPENING and after not in _CLOSING:
                chars.append(" ")
                starts.append(at)
                ends.append(end)
        elif run.isascii() or (unicodedata.is_normalized("NFKC", run)
                               and not _HIDDEN.search(run)):
            chars.append(run.translate(_FOLD))  # the usual case: character for character
            starts.extend(range(at, end))
            ends.extend(range(at + 1, end + 1))
        else:
            _fold_slowly(run, at, chars, starts, ends)
    while chars and chars[-1] == " ":
        chars.pop()
        starts.pop()
        ends.pop()
    # Guillemets fold last: before, they told where French puts spaces English does not.
    return "".join(chars).translate(_GUILLEMETS), starts, ends


def _fold_slowly(run: str, offset: int, chars: list[str], starts: array[int],
                 ends: array[int]) -> None:
    """Fold a run of text that normalisation changes, or that has invisible characters:
    a letter with its marks is normalised as one, so that both spellings of é agree."""
    at = 0
    while at < len(run):
        end = at + 1
        while end < len(run) and unicodedata.combining(run[end]):
            end += 1
        for char in unicodedata.normalize("NFKC", run[at:end]).translate(_FOLD):
            chars.append(char)
            starts.append(offset + at)
            ends.append(offset + end)
        at = end


#: A seed's folded text, made once however many claims quote it.
_folded = functools.lru_cache(maxsize=4096)(_fold)


def closest_passage(text: str, quote: str, limit: int = 120) -> str:
    """The run of whole words in ``text`` most like ``quote``, shown when it is not found.

    Words are compared, not characters, so a quote with a word left out or changed still
    finds its passage rather than some other sentence that shares a long phrase with it.

    >>> closest_passage("Mr. Lee, for one, called it a sanctuary city. Others named it "
    ...                 "a sanctuary city too.", "Mr. Lee called it a sanctuary city.")
    'Mr. Lee, for one, called it a sanctuary city.'
    """
    words = text.split()
    wanted = quote.split()
    if not words or not wanted:
        return ""
    key = [_word_key(w) for w in words]
    wanted_key = [_word_key(w) for w in wanted]
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


def _word_key(word: str) -> str:
    """A word as compared by :func:`closest_passage`: folded, without the punctuation
    around it."""
    return _fold(word)[0].strip(".,;:!?\"'()\u060c\u061b\u061f").casefold()
