"""Start a claim file from the template: ``factcheck new "claim text"``.

The template (``generator/data/claim-template.yaml``) is a complete example claim, with a
comment above each field. A new claim keeps every comment and the order of the fields,
fills in what the command knows (the claim, the claimant, today's date as the date of
the check, ``status: draft``), and empties every other example value, so that
``factcheck check`` lists exactly the fields still to be written. An example stays
visible as a ``# e.g.`` comment. The comment above ``verdict:`` lists the site's own
rating scale. ``claim_date`` stays empty unless it is given: the claim may be older
than the check.

Values are replaced at the positions the YAML parser reports, so the file keeps the
template's layout byte for byte everywhere else.

>>> claim_slug("Portland's council is a sanctuary, LePage says")
'portlands-council-is-a-sanctuary-lepage-says'
>>> len(claim_slug("word " * 30)) <= SLUG_LENGTH
True
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Sequence
from importlib import resources

import yaml

from .ratings import DEFAULT_RATINGS
from .schema import VERDICT, slugify

DEFAULT_VERDICTS = tuple(r.key for r in DEFAULT_RATINGS)

# What a YAML emitter escapes in a double-quoted scalar: `"`, `\`, and every character
# outside the printable ranges it writes as they are (line breaks, controls, the BOM).
_ESCAPED = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff'
                      '\U00010000-\U0010ffff]')

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

#: Longest file name made from a claim's words, before ``.yaml``.
SLUG_LENGTH = 60

TEMPLATE = "claim-template.yaml"


def template_text() -> str:
    """The claim template shipped with the package."""
    return resources.files("generator").joinpath("data", TEMPLATE).read_text(encoding="utf-8")


def claim_slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """A file name from the claim's words, cut at a word boundary to at most ``limit``."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1]
    # Drop the last, partial word, unless the first word alone is longer than the limit.
    return cut.rsplit("-", 1)[0] if "-" in cut[:limit] else slug[:limit]


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line, whatever characters it holds.

    >>> quoted('He said: "no" # really')
    '"He said: \\\\"no\\\\" # really"'
    """
    if not _ESCAPED.search(text):  # nothing to escape: what the emitter would write
        return f'"{text}"'
    try:  # libyaml's emitter is six times faster: `factcheck import` quotes every field
        dumped: str = yaml.dump(text, Dumper=_Dumper, default_style='"', allow_unicode=True,
                                width=1 << 30)
    except UnicodeEncodeError:  # it refuses a lone surrogate, which the Python one escapes
        dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.rstrip("\n")


def new_claim(template: str, claim: str, today: dt.date, claimant: str | None = None,
              claim_date: dt.date | None = None,
              verdicts: Sequence[str] = DEFAULT_VERDICTS) -> str:
    """The text of a new claim file, made from the ``template``'s text.

    ``verdicts`` are the keys of the site's rating scale, listed above ``verdict:``.
    """
    # Both are one-line fields: runs of spaces and line breaks become one space.
    filled = {
        "claim": quoted(" ".join(claim.split())),
        "claimant": quoted(" ".join(claimant.split())) if claimant else None,
        "claim_date": claim_date.isoformat() if claim_date else None,
        "published": today.isoformat(),
        "status": "draft",
    }
    root = yaml.compose(template, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("the claim template is not a set of fields")
    edits: list[tuple[int, int, str]] = []
    for key, value in root.value:
        new = filled.get(key.value)
        if new is not None:
            edits.append((value.start_mark.index, value.end_mark.index, new))
        elif key.value == VERDICT:
            edits.append(_verdict_comment(template, key.start_mark.index, verdicts))
            example = template[value.start_mark.index:value.end_mark.index]
            edits.append(_blank(template, value, keep_example=example in verdicts))
        elif isinstance(value, yaml.SequenceNode) and value.value and \
                all(isinstance(item, yaml.MappingNode) for item in value.value):
            # A list of sources: keep the field names and comments, empty the values.
            edits.extend(_blank(template, v) for item in value.value for _, v in item.value)
        else:
            edits.append(_blank(template, value))
    text = template
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return _header(text, today)


def verdict_comment(verdicts: Sequence[str]) -> str:
    """The comment above ``verdict:`` in a new claim: the keys of the site's scale.

    >>> print(verdict_comment(["accurate", "inaccurate"]))
    # The verdict, one of the rating scale in mkdocs.yml: accurate, inaccurate. (required)
    """
    return "\n".join(textwrap.wrap(
        f"The verdict, one of the rating scale in mkdocs.yml: {', '.join(verdicts)}. "
        "(required)", width=86, initial_indent="# ", subsequent_indent="# ",
        break_on_hyphens=False))


def _verdict_comment(text: str, key_start: int, verdicts: Sequence[str]
                     ) -> tuple[int, int, str]:
    """An edit that replaces the comment lines just above ``verdict:`` with the scale's."""
    start = key_start
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].startswith("#"):
            break
        start = previous
    return start, key_start, verdict_comment(verdicts) + "\n"


def _blank(text: str, node: yaml.Node, keep_example: bool = True) -> tuple[int, int, str]:
    """An edit that empties ``node``'s value, keeping a short example as a comment."""
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        # Keep the block indicator, so the text goes on the lines below it; drop the example.
        return start, end, node.style + "\n"
    example = text[start:end]
    line_end = text.find("\n", end)
    rest = text[end: line_end if line_end >= 0 else len(text)]
    # Remove the space after the colon too, so no line ends in a space.
    while start > 0 and text[start - 1] == " ":
        start -= 1
    hint = "" if "#" in rest or "\n" in example or not example or not keep_example \
        else f" # e.g. {example}"
    return start, end, hint


def _header(text: str, today: dt.date) -> str:
    """Swap the template's opening paragraph (how to copy it) for a note on what to do."""
    lines = text.split("\n")
    first = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    end = lines.index("", first) if "" in lines[first:] else first
    note = [
        f"# A new claim, started on {today.isoformat()}. Fill in every empty field marked",
        "# (required); fill in or delete those marked (optional). Lines starting with # are",
        "# comments. Run `factcheck check` to see what is still missing, with its line.",
    ]
    return "\n".join(lines[:first] + note + lines[end:])
