"""`factcheck changes`: what a branch does to the site, as Markdown, against golden files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.changes import MARKER
from tests.git_story import BIRMINGHAM, RENAMED, git, make_story

pytestmark = pytest.mark.usefixtures("isolated_git")

GOLDEN = Path(__file__).parent / "golden" / "changes"
NEW_CLAIM = "claims/portland-police-chief-says-no-change.yaml"


def changes(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from generator.cli import main; main()",
                           "changes", *args], cwd=root, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def branch(site: Path) -> Path:
    """The story's branch, with one claim more not yet committed (nor added to git)."""
    make_story(site)
    (site / NEW_CLAIM).write_text((site / RENAMED).read_text(encoding="utf-8").replace(
        "The executive order is very broad.", "Portland's police will not change a thing.")
        .replace("verdict: opinion", 'verdict: "false"'), encoding="utf-8")
    return site


def test_changes_of_a_branch_with_links_into_the_preview(branch: Path) -> None:
    result = changes(branch, "main", "--preview-url", "https://preview.example.org/pr-7/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(MARKER + "\n")
    golden("branch-with-preview.md", result.stdout.replace(
        git(branch, "merge-base", "main", "HEAD")[:7], "<base>"))


def test_changes_without_a_preview_name_the_files(branch: Path) -> None:
    (branch / BIRMINGHAM).write_text("claim: [broken\n", encoding="utf-8")
    git(branch, "branch", "-m", "main", "trunk")  # no origin/main nor main: name it
    assert changes(branch).returncode == 2
    result = changes(branch, "trunk")
    assert result.returncode == 0, result.stderr
    golden("branch-with-a-problem.md", result.stdout.replace(
        git(branch, "merge-base", "trunk", "HEAD")[:7], "<base>"))


def test_changes_of_nothing(branch: Path) -> None:
    result = changes(branch, "HEAD")
    assert result.returncode == 0
    head = git(branch, "rev-parse", "--short=7", "HEAD")
    assert result.stdout.splitlines()[3] == (
        f"Compared with HEAD at {head}: 1 claim added, 0 removed, 0 changed.")
    (branch / NEW_CLAIM).unlink()
    assert changes(branch, "HEAD").stdout.splitlines()[3] == (
        f"No claim is added, removed or changed (compared with HEAD at {head}).")


@pytest.mark.parametrize(("args", "code", "message"), [
    (("no-such-branch",), 2, "there is no commit 'no-such-branch' here"),
    (("main", "--preview-url", "ftp://x"), 2, "give an address starting with https://"),
])
def test_changes_usage_errors(branch: Path, args: tuple[str, ...], code: int,
                              message: str) -> None:
    result = changes(branch, *args)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_changes_outside_a_repository(site: Path) -> None:
    result = changes(site)
    assert result.returncode == 1
    assert result.stderr == ("Error: cannot compare: the project is not in a git "
                             "repository\n")
