"""Writing files safely: all at once or not at all, and never over what a person wrote.

Every file factcheck writes goes through here: generated pages (``factcheck generate``),
exports, new claim files and archive addresses added to a claim. Each is written to a
temporary file beside its target, then renamed or linked into place, so a crash or a
kill leaves the old file or the new one, never half of one, and ``mkdocs serve`` never
reads a half-written claim.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

MANIFEST = ".factcheck-generated"
#: The end of the name of a file being written; one left by a crash is removed next time.
TEMP_SUFFIX = ".factcheck-tmp"


class ForeignFiles(Exception):
    """A folder to write into holds files factcheck did not write."""


def shown_path(path: Path) -> str:
    """A path as the person will type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def write_pages(out: Path, pages: Mapping[str, str]) -> int:
    """Write ``pages`` under ``out``, each file atomically; remove only our own stale files."""
    manifest = out / MANIFEST
    ours: set[str] = set()
    if manifest.is_file():
        ours = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
    if out.exists():
        for leftover in out.rglob(f".*{TEMP_SUFFIX}"):  # from a write that was cut short
            leftover.unlink()
        foreign = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                         if not p.is_dir() and p != manifest
                         and p.relative_to(out).as_posix() not in ours)
        if foreign:
            raise ForeignFiles(
                f"{out} holds files that factcheck did not write ({', '.join(foreign[:3])}"
                f"{', ...' if len(foreign) > 3 else ''}); choose a new or empty folder")
    for path, content in pages.items():
        atomic_write(out / path, content)
    for stale in sorted(ours - set(pages)):
        (out / stale).unlink(missing_ok=True)
    atomic_write(manifest, "\n".join(sorted(pages)) + "\n")
    return len(pages)


def temp_beside(path: Path, content: bytes) -> str:
    """A new temporary file in ``path``'s folder holding ``content``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: Path, content: str) -> None:
    """Write to a temporary file beside ``path``, then rename it: all or nothing."""
    tmp = temp_beside(path, content.encode("utf-8"))
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def create_new(path: Path, content: str) -> bool:
    """Create ``path`` holding ``content``, all at once; False, changing nothing, if it exists.

    The text is written to a temporary file first and then linked into place, so no one
    (``mkdocs serve`` included) ever sees a half-written claim, and an existing file is
    never replaced: the link fails instead.
    """
    tmp = temp_beside(path, content.encode("utf-8"))
    try:
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive create instead
            try:
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                return False
            with os.fdopen(out, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
        return True
    finally:
        os.unlink(tmp)


def replace_if_unchanged(path: Path, expected: bytes, content: bytes) -> bool:
    """Replace ``path`` with ``content`` atomically, unless it no longer holds ``expected``."""
    tmp = temp_beside(path, content)
    try:
        shutil.copymode(path, tmp)
        # Someone may have saved the file while the archive was asked: their words win.
        if path.read_bytes() != expected:
            return False
        os.replace(tmp, path)
        return True
    except FileNotFoundError:
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
