"""``factcheck archive``'s work on each claim file: ask the archive, add what it found.

:mod:`generator.archive` knows the Wayback Machine and how to add a line to a claim's
text; this goes through the files one by one, keeps a tally, and writes each changed file
only if no one saved it meanwhile (:func:`generator.files.replace_if_unchanged`).
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from .archive import ArchiveError, NoCopy, lookup, save_url, wanted, with_archive_urls
from .files import replace_if_unchanged, shown_path
from .load import decode, parse_yaml
from .problems import FILE, Problem


class ArchiveRun:
    """``factcheck archive``'s work on each file, and its tally."""

    #: After this many failed lookups in a row, the archive is taken to be out of reach.
    GIVE_UP = 3

    def __init__(self, dry_run: bool, echo: Callable[[str], object] = print):
        self.dry_run = dry_run
        self.echo = echo
        self.added = self.files = self.missing = self.failed = 0
        self.failed_in_a_row = 0

    def file(self, path: Path, service: str, timeout: float,
             cache: dict[tuple[str, str], str | Exception]) -> None:
        """Look up one file's sources and add what was found; print its lines in order."""
        notes: list[Problem] = []
        self._file(path, service, timeout, cache, notes)
        for note in sorted(notes):
            self.echo(str(note))

    def _file(self, path: Path, service: str, timeout: float,
              cache: dict[tuple[str, str], str | Exception], notes: list[Problem]) -> None:
        shown = shown_path(path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            self.failed += 1
            notes.append(Problem(shown, 1, FILE, f"cannot be read ({err.strerror})"))
            return
        text, problems = decode(raw, shown)
        doc, more = parse_yaml(text, shown) if text is not None else (None, [])
        if text is None or doc is None:
            self.failed += 1
            notes.extend(problems + more)
            return
        todo, skipped = wanted(doc)
        notes.extend(Problem(shown, *note) for note in skipped)
        found: dict[int, str] = {}
        lines: dict[int, int] = {}
        for source in todo:
            key = (source.url, source.timestamp)
            if key in cache:  # the same document is often cited by several claims
                result = cache[key]
            elif self.failed_in_a_row >= self.GIVE_UP:
                # Waiting out a timeout for each of hundreds of sources helps no one.
                result = ArchiveError(f"not asked, as the last {self.GIVE_UP} lookups failed; "
                                      "run again later")
            else:
                try:
                    result = cache[key] = lookup(source.url, source.timestamp, service,
                                                 timeout)
                except NoCopy as err:
                    result = cache[key] = err
                except ArchiveError as err:
                    result = err  # not kept: it may work next time
                self.failed_in_a_row = self.failed_in_a_row + 1 \
                    if isinstance(result, ArchiveError) else 0
            field = f"sources[{source.index}].url"
            if isinstance(result, NoCopy):
                self.missing += 1
                notes.append(Problem(shown, source.line, field,
                                     f"{result}; save one at {save_url(source.url)}"))
            elif isinstance(result, Exception):
                self.failed += 1
                notes.append(Problem(shown, source.line, field, str(result)))
            else:
                found[source.index] = result
                lines[source.index] = source.line
        if not found:
            return
        if not self.dry_run:
            try:
                edited = with_archive_urls(text, found)
            except ValueError as err:
                self.failed += 1
                notes.append(Problem(shown, 1, FILE, "archive_url could not be added without "
                                                     f"changing anything else ({err}); add it "
                                                     "by hand"))
                return
            bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
            if not replace_if_unchanged(path, raw, bom + edited.encode("utf-8")):
                self.failed += 1
                notes.append(Problem(shown, 1, FILE, "changed while the archive was being "
                                                     "asked, so nothing was added to it; run "
                                                     "`factcheck archive` again"))
                return
        verb = "would add" if self.dry_run else "added"
        notes.extend(Problem(shown, lines[i], f"sources[{i}].archive_url", f"{verb} {url}")
                     for i, url in found.items())
        self.added += len(found)
        self.files += 1

    def summary(self) -> str:
        verb = "Would add" if self.dry_run else "Added"
        parts = [f"{verb} {_count(self.added, 'archive_url')} in {_count(self.files, 'file')}"]
        if self.missing:
            parts.append(f"{_count(self.missing, 'source')} with no saved copy")
        if self.failed:
            parts.append(f"{_count(self.failed, 'failure')}: run again to retry")
        return "; ".join(parts) + "."


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
