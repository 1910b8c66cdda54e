"""A small project with a git history made by the test: verdicts changed with and without
a correction, a file renamed, one removed, on a branch off `main`. Dates are fixed, and git
reads no configuration of the machine's, so commit ids are the same on every run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import GIT_ENV

LEPAGE = "claims/lepage-called-portland-sanctuary-city.yaml"
BIRMINGHAM = "claims/birmingham-passed-sanctuary-resolution.yaml"
STRIMLING = "claims/strimling-order-very-broad.yaml"
RENAMED = "claims/strimling-says-order-is-broad.yaml"
WITHDRAWN = "claims/portland-will-vote-on-the-order.yaml"
NOTE = "A second reading of the radio address shows LePage named Portland only once."


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def commit(root: Path, message: str, day: str) -> str:
    """Commit everything in the working tree on ``day`` (``2026-01-05``); its id."""
    stamp = f"{day}T12:00:00+00:00"
    git(root, "add", "-A")
    done = subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, text=True,
                          capture_output=True, check=False,
                          env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp,
                               "GIT_COMMITTER_DATE": stamp})
    assert done.returncode == 0, done.stderr
    return git(root, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_story(root: Path) -> dict[str, str]:
    """Turn the project at ``root`` into a repository with this history; the commits' ids.

    On ``main``, 5 January 2026: four checks published. On the branch ``desk``:
    10 January, LePage's verdict true → mostly-true, with a corrections entry;
    12 January, Birmingham's mostly-true → half-true, with none; 15 January, Strimling's
    file renamed; 18 January, a source added to it; 19 January, a typo fixed in it;
    20 January, a fourth check withdrawn (its file removed).
    """
    strimling = (root / STRIMLING).read_text(encoding="utf-8")
    (root / WITHDRAWN).write_text(strimling.replace(
        "The executive order is very broad.", "Portland will vote on the order.").replace(
        "verdict: opinion", "verdict: unproven"), encoding="utf-8")
    (root / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    ids = {"published": commit(root, "Publish four checks", "2026-01-05")}
    git(root, "checkout", "-q", "-b", "desk")
    edit(root / LEPAGE, 'verdict: "true"', "verdict: mostly-true")
    (root / LEPAGE).write_text((root / LEPAGE).read_text(encoding="utf-8") + (
        f"corrections:\n  - date: 2026-01-10\n    note: {NOTE}\n"), encoding="utf-8")
    ids["lepage"] = commit(root, "LePage: mostly true", "2026-01-10")
    edit(root / BIRMINGHAM, "verdict: mostly-true", "verdict: half-true")
    ids["birmingham"] = commit(root, "Birmingham: the resolution had no force of law",
                               "2026-01-12")
    git(root, "mv", STRIMLING, RENAMED)
    ids["rename"] = commit(root, "Rename the Strimling check", "2026-01-15")
    edit(root / RENAMED, "sources:\n", "sources:\n  - title: Section 9 of the order\n"
                                       "    url: https://www.whitehouse.gov/eo-13768#sec9\n")
    ids["source"] = commit(root, "Strimling: cite section 9", "2026-01-18")
    edit(root / RENAMED, "lets the Secretary", "lets the Secretary of Homeland Security")
    ids["typo"] = commit(root, "Strimling: name the Secretary", "2026-01-19")
    (root / WITHDRAWN).unlink()
    ids["withdrawn"] = commit(root, "Withdraw a check that duplicated another", "2026-01-20")
    return ids
