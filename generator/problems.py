"""Problems found in the input, and the report that lists them.

Every check in the core returns :class:`Problem` values instead of raising, so one run
can report everything that is wrong. The adapters turn a non-empty list into their own
kind of failure: the CLI prints :func:`report` and exits 1, the plugin raises MkDocs'
``PluginError`` with the same text.

>>> str(Problem(  # noqa: E501
... "claims/x.yaml", 14, "sources[0].url", "'nasa.gov' is not a web address; start it with https://"))
"claims/x.yaml:14: sources[0].url: 'nasa.gov' is not a web address; start it with https://"
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: The field name used for a problem with the file as a whole (its bytes or its YAML).
FILE = "file"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one input file, with where it is and how to fix it."""

    path: str
    """The file, relative to the project (``claims/x.yaml``)."""
    line: int
    """1-based line of the value (or of its mapping when the value is missing)."""
    field: str
    """Key path of the value, like ``sources[0].url``; ``file`` for the whole file."""
    message: str
    """What is wrong, then ``;`` and what to do about it."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def summary(problems: Sequence[Problem]) -> str:
    """The closing line of a report, e.g. ``3 problems in 2 files.``"""
    files = len({p.path for p in problems})
    return (
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} "
        f"file{'s' if files != 1 else ''}; fix {'them' if len(problems) != 1 else 'it'} "
        "and run `factcheck check` again."
    )


def report(problems: Iterable[Problem]) -> str:
    """All problems, one per line in file and line order, then the summary line."""
    ordered = sorted(set(problems))
    return "\n".join([*map(str, ordered), summary(ordered)])

