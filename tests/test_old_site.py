"""The last build's site moved aside and its unchanged pages put back (generator/old_site.py),
on real folders in tmp_path, by the real process that puts them back."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from generator import old_site
from generator.old_site import OldSite, stamp


def _last_build(site: Path) -> dict[str, str]:
    """A site as a build left it: three pages in two folders, a stylesheet; the pages'
    stamps, as the build cache recorded them."""
    for path in ("claims/a/index.html", "claims/b/index.html", "about/index.html",
                 "assets/site.css"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(f"<p>{path}</p>", encoding="utf-8")
    return {path: str(stamp(site / path)) for path in
            ("claims/a/index.html", "claims/b/index.html", "about/index.html")}


def test_unchanged_pages_go_back_and_nothing_else(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    written = _last_build(site)
    (site / "about" / "index.html").write_text("<p>changed by hand</p>", encoding="utf-8")
    moving = OldSite(site, cache)
    assert sorted(os.listdir(site)) == []  # out of the way: MkDocs finds nothing to delete
    # The build wants back the two claim pages (unchanged) and the page changed by hand.
    wanted = {p: s for p, s in written.items() if p != "claims/b/index.html"}
    moving.start_restore(wanted)
    back = moving.finish_restore()
    assert sorted(back) == ["claims/a/index.html"]
    assert back["claims/a/index.html"] == stamp(site / "claims/a/index.html")
    assert (site / "claims/a/index.html").read_text(encoding="utf-8") == \
        "<p>claims/a/index.html</p>"
    # Not wanted, or changed by hand: left to be deleted, for MkDocs to write again.
    assert not (site / "claims/b/index.html").exists()
    assert not (site / "about" / "index.html").exists() and not (site / "assets").exists()


def test_a_failed_restore_stops_the_build_with_what_went_wrong(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    written = _last_build(site)
    moving = OldSite(site, cache)
    script = tmp_path / "broken.py"
    script.write_text("import sys\nsys.exit('the disk went away')\n", encoding="utf-8")
    monkeypatch.setattr(old_site.sys, "executable", sys.executable)
    monkeypatch.setattr(old_site, "__file__", str(script))
    moving.start_restore(written)
    with pytest.raises(OSError, match="Putting back the last build's pages failed: "
                                      "the disk went away"):
        moving.finish_restore()
