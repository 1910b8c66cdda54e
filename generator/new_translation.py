"""Start a translation file: ``factcheck translate <id> --lang fr``.

The new file, ``translations/<language>/<id>.yaml``, holds every field a translation
translates, empty, with the original's text in a comment above it, and the original's
digest as ``translated_from`` (see :mod:`generator.translations`). It is a draft, so
``factcheck check`` lists what is left to translate, and the site shows it only in the
preview until it is marked ``published``.

>>> from generator.ratings import DEFAULT_RATINGS
>>> from generator.model import Correction, Source, StandardException
>>> claim = Claim(id="x", path="claims/x.yaml", claim="Tax rose.", claimant="Jo",
...               verdict=DEFAULT_RATINGS[4], summary="No.", body="It fell.\\n\\nBy half.",
...               sources=(Source("Budget", "https://city.example/budget"),),
...               author="Desk", published=dt.date(2017, 2, 2),
...               corrections=(Correction(dt.date(2017, 2, 3), "A date was wrong."),),
...               exceptions=(StandardException("reviewer", "The desk was one person."),))
>>> print(new_translation(claim, "fr", dt.date(2017, 2, 4)))  # doctest: +ELLIPSIS
# A translation into fr of claims/x.yaml, started on 2017-02-04. Translate each field: the
...
translated_from: "ff977d00"
status: draft
# Who translated it. (required)
translator:
# Who reviewed the translation against the original, if someone did. (optional)
reviewer:
<BLANKLINE>
# Tax rose.
claim:
# No.
summary:
# It fell.
#
# By half.
body: |
<BLANKLINE>
# The titles the desk wrote for sources, translated, each with its source's url, and any
# words the desk added to a publisher's name. Leave out what is a document's own title or
# a name, as published: the original's is kept. Delete the entry of a source with nothing
# to translate.
sources:
  # Budget
  - url: "https://city.example/budget"
    title:
corrections:
  # A date was wrong.
  - date: 2017-02-03
    note:
# Why the check departs from the desk's standards, translated: readers see it on the page.
# Delete an entry to show the original's reason.
exceptions:
  # The desk was one person.
  - rule: reviewer
    reason:
<BLANKLINE>
"""

from __future__ import annotations

import datetime as dt
import textwrap

from .model import Claim
from .new_claim import quoted
from .translations import digest


def _comment(text: str, indent: str = "", wrap: bool = True) -> list[str]:
    """``text`` as comment lines: one-line text wrapped, a multi-line one as it is."""
    lines = textwrap.wrap(text, width=88 - len(indent)) if wrap else text.split("\n")
    return [f"{indent}# {line}".rstrip() for line in lines]


def _entries(name: str, field: str, entries: list[tuple[str, str]],
             intro: str = "") -> list[str]:
    """The list ``name`` of a translation: each entry named by its key (``date: ...``),
    with ``field`` empty under the original's text; nothing when there are no entries."""
    if not entries:
        return []
    lines = [*(_comment(intro) if intro else []), f"{name}:"]
    for text, key in entries:
        lines += [*_comment(text, "  "), f"  - {key}", f"    {field}:"]
    return lines


def new_translation(original: Claim, language: str, today: dt.date) -> str:
    """The text of a new translation of ``original`` into ``language``."""
    header = (f"A translation into {language} of {original.path}, started on "
              f"{today.isoformat()}. Translate each field: the original's text is in the "
              "comment above it. The verdict, the quote, the claimant, the dates, the tags "
              "and the sources' addresses are the original's: the page shows them, and they "
              "are never repeated here. `factcheck check` lists what is left to write; set "
              "`status: published` when the translation is ready.")
    lines = [
        *_comment(header),
        "",
        "# The original's digest when it was translated: `factcheck check` says when the "
        "original",
        "# changes. (required)",
        f'translated_from: "{digest(original)}"',
        "status: draft",
        "# Who translated it. (required)",
        "translator:",
        "# Who reviewed the translation against the original, if someone did. (optional)",
        "reviewer:",
        "",
    ]
    for name, text in (("claim", original.claim), ("claimant_role", original.claimant_role),
                       ("summary", original.summary)):
        if text:
            lines += [*_comment(text), f"{name}:"]
    lines += [*_comment(original.body, wrap=False), "body: |", ""]
    if original.sources:
        lines += [*_comment("The titles the desk wrote for sources, translated, each with "
                            "its source's url, and any words the desk added to a publisher's "
                            "name. Leave out what is a document's own title or a name, as "
                            "published: the original's is kept. Delete the entry of a source "
                            "with nothing to translate."),
                  "sources:"]
        for source in original.sources:
            lines += [*_comment(source.title, "  "), f"  - url: {quoted(source.url)}",
                      "    title:"]
            if source.publisher:
                lines += [*_comment(source.publisher, "    "), "    publisher:"]
    # Oldest first; the corrections of one day in the original's order, as they match.
    lines += _entries("corrections", "note", [
        (c.note, f"date: {c.date.isoformat()}")
        for c in sorted(original.corrections, key=lambda c: c.date)])
    lines += _entries("exceptions", "reason", [
        (e.reason, f"rule: {e.rule}") for e in original.exceptions],
        "Why the check departs from the desk's standards, translated: readers see it on the "
        "page. Delete an entry to show the original's reason.")
    return "\n".join(lines) + "\n"

