"""Shared fixtures: small real projects (three claims on the real seed; three articles
with their own claims; a newsroom with its own scale and standards) copied into a temp
folder."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

from generator.model import Settings
from generator.project import settings_from_options

FIXTURE = Path(__file__).parent / "fixtures" / "site"
#: A project with three articles (seeds), each with its own claims, and no `nav:`.
ARTICLES = Path(__file__).parent / "fixtures" / "articles"
#: A newsroom's whole project: two seeds, its own rating scale and standards, every block.
NEWSROOM = Path(__file__).parent / "fixtures" / "newsroom"
#: Validation refuses dates after "today"; tests pin it so they never age. Every CLI run
#: and MkDocs build a test starts inherits it through SOURCE_DATE_EPOCH, the documented way
#: to tell factcheck which day it is.
TODAY = dt.date(2026, 11, 25)
os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(TODAY.timetuple()))


#: Git without the machine's or the user's settings, and a fixed author.
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Fact Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Fact Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}


@pytest.fixture
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every git the test and the product it runs start reads none of the machine's
    settings (commit ids then depend only on what the test commits)."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the fixture project that a test may change."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture
def articles_site(tmp_path: Path) -> Path:
    """A copy of the three-articles project that a test may change."""
    root = tmp_path / "articles"
    shutil.copytree(ARTICLES, root)
    return root


def synthetic_site(root: Path, claims: int) -> list[str]:
    """A copy of the fixture project at ``root`` with ``claims`` synthetic claims more, and
    their seeds (bench/synth.py); the names of the claim files added."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from synth import make_claims

    shutil.copytree(FIXTURE, root)
    synthetic = make_claims(claims)
    for name, text in synthetic.claims.items():
        (root / "claims" / name).write_text(text, encoding="utf-8")
    for name, text in synthetic.seeds.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return sorted(synthetic.claims)


def copy_newsroom(dest: Path) -> Path:
    """A copy of the newsroom fixture at ``dest``, with the repository's template overrides
    (``overrides/``, the theme's fixes that every project of this generator uses)."""
    shutil.copytree(NEWSROOM, dest)
    shutil.copytree(Path(__file__).parent.parent / "overrides", dest / "overrides")
    return dest


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A copy of the newsroom project that a test may change."""
    return copy_newsroom(tmp_path / "newsroom")


@pytest.fixture(scope="session")
def settings() -> Settings:
    value, problems = settings_from_options({"edit_url": "https://github.com/example/site/edit/main/",
                                             "per_page": 2})
    assert problems == []
    return value


#: A newsroom's own two-verdict rating scale, as written under the plugin in mkdocs.yml.
TWO_VERDICTS = """\
      ratings:
        - {key: accurate, label: Accurate, description: Right., icon: material/check, color: "#1a7f37", value: 2}
        - {key: inaccurate, label: Inaccurate, description: Wrong., icon: material/close, color: "#cf222e", value: 1}
"""  # noqa: E501


def use_two_verdicts(site: Path) -> None:
    """Give the fixture project at ``site`` the scale :data:`TWO_VERDICTS`."""
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("      per_page: 2\n",
                                                 "      per_page: 2\n" + TWO_VERDICTS))
