"""Shared fixtures: small real projects (three claims on the real seed; three articles
with their own claims) copied into a temp folder."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from generator.model import Settings
from generator.project import settings_from_options

FIXTURE = Path(__file__).parent / "fixtures" / "site"
#: A project with three articles (seeds), each with its own claims, and no `nav:`.
ARTICLES = Path(__file__).parent / "fixtures" / "articles"
#: Validation refuses dates after "today"; tests pin it so they never age. Every CLI run
#: and MkDocs build a test starts inherits it through SOURCE_DATE_EPOCH, the documented way
#: to tell factcheck which day it is.
TODAY = dt.date(2026, 11, 25)
os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(TODAY.timetuple()))


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


@pytest.fixture(scope="session")
def settings() -> Settings:
    value, problems = settings_from_options({"edit_url": "https://github.com/example/site/edit/main/",
                                             "per_page": 2})
    assert problems == []
    return value
