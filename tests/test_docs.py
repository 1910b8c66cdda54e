"""Keep the docs, the template and the contract in agreement."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import cli
from generator.model import Settings
from generator.project import load_project
from generator.schema import (
    CLAIM_FIELDS,
    CORRECTION_FIELDS,
    EXCEPTION_FIELDS,
    SOURCE_FIELDS,
    STANDARD_FIELDS,
)
from tests.conftest import TODAY

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "generator" / "data" / "claim-template.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    assert cli.commands[command].help
    assert f"factcheck {command}" in README


def test_template_is_a_valid_claim(site: Path, settings: Settings) -> None:
    shutil.copy(TEMPLATE, site / "claims" / "template-example.yaml")
    project = load_project(site, settings, today=TODAY)
    assert project.problems == []
    assert "template-example" in {c.id for c in project.claims}


def test_template_shows_every_field() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    uncommented = re.sub(r"^# ?", "", text, flags=re.M)
    for field in CLAIM_FIELDS:
        assert re.search(rf"^{field.name}:", text + "\n" + uncommented, re.M), field.name
    for field in SOURCE_FIELDS + CORRECTION_FIELDS + EXCEPTION_FIELDS:
        assert f"{field.name}:" in text, field.name
    # Every field the template sets is a field of the contract.
    names = {f.name for f in CLAIM_FIELDS}
    assert set(yaml.safe_load(text)) <= names


def test_readme_documents_every_field() -> None:
    for field in CLAIM_FIELDS + SOURCE_FIELDS:
        assert re.search(rf"\b{field.name}:", README), field.name


def test_readme_documents_every_standard_and_the_exceptions() -> None:
    section = README.split("## Standards", 1)[1].split("\n## ", 1)[0]
    for field in STANDARD_FIELDS:
        assert re.search(rf"^\| `{field.name}: .+` \| (off|none|`warn`) \|", section,
                         re.M), field.name
        assert f"        {field.name}: " in section, field.name  # in the example
    for field in EXCEPTION_FIELDS:
        assert re.search(rf"\b{field.name}:", section), field.name
    assert "<!-- factcheck: standards -->" in README
