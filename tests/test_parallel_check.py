"""Claim files checked by forked processes (generator/parallel_check.py) give what checking
them in one process gives: the same claims, problems and drafts, in the same order, even
when a forked process fails."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from generator import parallel_check
from generator.model import Settings
from generator.parallel_check import FEWEST, check_all
from generator.project import check_claim_text, load_project
from tests.conftest import TODAY, synthetic_site

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="claim files are checked by forked processes on Linux")


def _archive(root: Path, claims: int) -> Path:
    """The fixture project with ``claims`` synthetic claims more, a few of them broken in
    different ways, and a draft."""
    names = synthetic_site(root, claims)
    broken = {
        names[3]: lambda t: t.replace("verdict:", "verdict: no-such-verdict\nold_verdict:", 1),
        names[10]: lambda t: t + "claim: [unclosed\n",
        names[57]: lambda t: t.replace("claimant:", "claimant_gone:", 1),
        names[101]: lambda t: t + "related: [no-such-claim]\n",
        names[150]: lambda t: t + "status: draft\n",
    }
    for name, change in broken.items():
        path = root / "claims" / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def _outcome(root: Path, settings: Settings, processes: int) -> tuple[object, ...]:
    project = load_project(root, settings, today=TODAY, processes=processes)
    return project.claims, project.problems, project.drafts


def test_an_archive_checked_on_two_cores_is_the_archive_checked_on_one(
        tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _archive(tmp_path / "site", FEWEST)
    alone = _outcome(root, settings, processes=1)
    forks: list[int] = []
    fork = os.fork

    def counted() -> int:
        forks.append(1)
        return fork()

    monkeypatch.setattr(parallel_check.os, "fork", counted)
    shared = _outcome(root, settings, processes=2)
    assert forks == [1]
    assert shared == alone
    claims, problems, drafts = alone
    assert len(claims) == FEWEST + 3 - 4  # four broken files give no claim; a draft is one
    assert len({p.path for p in problems}) == 4
    assert {p.field.split("[")[0] for p in problems} >= {"verdict", "claimant", "related"}
    assert len(drafts) == 1


def test_few_files_are_checked_without_forking(
        tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _archive(tmp_path / "site", FEWEST - 10)

    def refused() -> int:
        raise AssertionError("forked for a few files")

    monkeypatch.setattr(parallel_check.os, "fork", refused)
    assert _outcome(root, settings, processes=2) == _outcome(root, settings, processes=1)


def test_a_share_whose_process_fails_is_checked_here(
        tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _archive(tmp_path / "site", FEWEST)
    monkeypatch.setattr(parallel_check, "CHUNK", 10)  # it sends some, then fails
    project = load_project(root, settings, today=TODAY)
    jobs = [(path.stem, f"claims/{path.name}", path.read_text(encoding="utf-8"))
            for path in sorted((root / "claims").glob("*.yaml"))]
    here = os.getpid()

    def check(job: tuple[str, str, str]) -> object:
        return check_claim_text(*job, settings, project.seeds, project.claim_ids, TODAY)

    def check_or_die(job: tuple[str, str, str]) -> object:
        if os.getpid() != here and job[0] > jobs[len(jobs) // 2][0]:
            os._exit(3)  # a forked process ends without a word, halfway through its share
        return check(job)

    shared = check_all(jobs, check_or_die, processes=3)
    assert shared == check_all(jobs, check, processes=1)
    assert len(shared) == len(jobs) > FEWEST
