"""The files made of every claim, written by a forked process (generator/forked_files.py),
and the theme's templates kept compiled by the build cache: on a real cache in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from generator.build_cache import BuildCache
from generator.forked_files import ForkedFiles, usable

pytestmark = pytest.mark.skipif(not usable(), reason="forks only where fork is dependable")


def _kept(root: Path, texts: dict[str, str]) -> None:
    """A build that made ``texts`` (by key) and kept them."""
    store = BuildCache(root, "environment")
    remember = store.remember("lines", texts.__getitem__, "", str)
    for key in texts:
        remember(key)
    store.finish(keep=True)


def _made_by_none(key: str) -> str:
    raise AssertionError(f"{key} was made again")


def test_the_forked_process_writes_and_the_build_stores_what_it_took(tmp_path: Path) -> None:
    _kept(tmp_path, {"a": "kept a", "gone": "kept gone"})
    out = tmp_path / "out.txt"
    store = BuildCache(tmp_path, "environment")
    parent = os.getpid()

    def write() -> None:
        assert os.getpid() != parent
        line = store.remember("lines", lambda key: f"made {key}", "", str)
        out.write_text(f"{line('a')}\n{line('b')}\n", encoding="utf-8")

    assert ForkedFiles(write, store).finish() is True
    assert out.read_text(encoding="utf-8") == "kept a\nmade b\n"
    store.finish(keep=True)
    # The next build finds both ("a" taken, "b" made in the forked process), and not what
    # neither took.
    line = BuildCache(tmp_path, "environment").remember("lines", _made_by_none, "", str)
    assert (line("a"), line("b")) == ("kept a", "made b")
    with pytest.raises(AssertionError, match="gone was made again"):
        line("gone")


def test_a_forked_process_that_fails_leaves_the_files_to_the_build(tmp_path: Path) -> None:
    _kept(tmp_path, {"a": "kept a"})
    store = BuildCache(tmp_path, "environment")

    def write() -> None:
        store.remember("lines", lambda key: f"made {key}", "", str)("b")
        raise OSError("the disk is full")

    forked = ForkedFiles(write, store)
    assert forked.finish() is False
    with pytest.raises(ChildProcessError):  # ended and waited for: no process left behind
        os.waitpid(forked._pid, os.WNOHANG)
    # Nothing of it is stored: the build makes the files itself, and stores what it takes.
    line = store.remember("lines", lambda key: f"made here {key}", "", str)
    assert (line("a"), line("b")) == ("kept a", "made here b")
    store.finish(keep=True)
    line = BuildCache(tmp_path, "environment").remember("lines", _made_by_none, "", str)
    assert line("b") == "made here b"


def _render(store: BuildCache, folder: Path) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)),
                             bytecode_cache=store.templates())
    return env.get_template("page.html").render(name="Portland")


def test_compiled_templates_are_kept_and_follow_their_source(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    assert _render(BuildCache(tmp_path, "environment"), theme) == "Hello Portland"
    compiled = tmp_path / ".cache" / "factcheck" / "templates"
    kept = sorted(compiled.glob("__jinja2_*.cache"))
    assert len(kept) == 1
    # The next build loads it instead of compiling; a changed source is compiled afresh.
    (theme / "page.html").write_text("Bonjour {{ name }}", encoding="utf-8")
    assert _render(BuildCache(tmp_path, "environment"), theme) == "Bonjour Portland"
    # Another environment (another Jinja, MkDocs or theme) starts from nothing.
    BuildCache(tmp_path, "another environment").templates()
    assert not list(compiled.glob("__jinja2_*.cache"))
