"""The repository's own tooling: CI workflows, pre-commit hooks, issue forms and the
contributors' guide only name things that exist in the project."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import cli

ROOT = Path(__file__).parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SCRIPTS = set(PYPROJECT["project"]["scripts"])


def make_targets() -> set[str]:
    """The targets the Makefile defines, with its `X := value` variables expanded."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    names = dict(re.findall(r"^(\w+)\s*:?=\s*(\S*)\s*$", text, re.M))
    targets = set()
    for target in re.findall(r"^([^\s:#=][^:=]*?)\s*:(?!=)", text, re.M):
        for _ in range(3):
            target = re.sub(r"\$\((\w+)\)", lambda m: names.get(m[1], m[0]), target)
        targets.add(target)
    return targets


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def command_problems(command: str) -> list[str]:
    """What is wrong with one shell command line of a workflow or a hook; [] when fine."""
    words = shlex.split(command)
    if not words:
        return []
    program, args = words[0], words[1:]
    if program == "make":
        targets = [a for a in args if not a.startswith("-") and "=" not in a]
        missing = [t for t in targets if t not in make_targets()]
        return [f"{command!r}: no make target {t}" for t in missing] or \
            ([] if targets else [f"{command!r}: names no target"])
    if program == "echo":
        files = [a.split("::add-matcher::", 1)[1] for a in args if "::add-matcher::" in a]
        return [f"{command!r}: no file {f}" for f in files if not (ROOT / f).is_file()]
    if program.startswith(".venv/bin/"):
        script = program.removeprefix(".venv/bin/")
        if script not in SCRIPTS:
            return [f"{command!r}: {script} is not a console script of pyproject.toml"]
        if args and args[0] not in cli.commands:
            return [f"{command!r}: factcheck has no command {args[0]}"]
        return []
    return [f"{command!r}: {program} is neither a make target nor a factcheck command"]


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_make_targets_are_read() -> None:
    assert {"site", "test", "check", "serve", ".venv/.installed"} <= make_targets()
    assert command_problems("make nope") == ["'make nope': no make target nope"]
    assert command_problems("rm -rf /") != []


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_run_command_exists(path: Path) -> None:
    runs = [line for step in steps(load(path)) if "run" in step
            for line in step["run"].splitlines()]
    assert runs
    assert [p for line in runs for p in command_problems(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actions_are_pinned_to_a_commit(path: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)$", path.read_text(encoding="utf-8"), re.M)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), (action, comment)


def test_pull_requests_check_build_and_test() -> None:
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as true
    (job,) = workflow["jobs"].values()
    python = [s["with"]["python-version"] for s in job["steps"]
              if s.get("uses", "").startswith("actions/setup-python@")]
    assert python == ["3.11"]
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert runs[-3:] == ["make check", "make site", "make test"]
    # `make check` is `factcheck check`, `make site` is `mkdocs build --strict`.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/factcheck check\n" in makefile
    assert "\t$(BIN)/mkdocs build --strict\n" in makefile
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith(
        "actions/upload-artifact@")]
    assert upload["with"]["path"] == "site/"
    assert "site_dir" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_main_is_published_on_pages() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    used = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert {"actions/configure-pages", "actions/upload-pages-artifact",
            "actions/deploy-pages"} <= set(used)
    (upload,) = [s for s in steps(workflow) if "upload-pages-artifact" in s.get("uses", "")]
    assert upload["with"]["path"] == "site/"


def test_problem_matcher_reads_factcheck_messages() -> None:
    matcher = json.loads((GITHUB / "factcheck-problems.json").read_text(encoding="utf-8"))
    (pattern,) = matcher["problemMatcher"][0]["pattern"]
    line = ("claims/x.yaml:14: sources[0].url: 'nasa.gov' is not a web address; start it "
            "with https://")
    match = re.match(pattern["regexp"], line)
    assert match is not None
    assert [match[pattern[k]] for k in ("file", "line", "code", "message")] == [
        "claims/x.yaml", "14", "sources[0].url",
        "'nasa.gov' is not a web address; start it with https://"]
    assert re.match(pattern["regexp"], "1 problem in 1 file; fix it and run `factcheck check` "
                                       "again.") is None


def test_pre_commit_hooks_are_pinned_and_exist() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    remote = [r for r in config["repos"] if r["repo"] != "local"]
    assert {r["repo"] for r in remote} == {
        "https://github.com/pre-commit/pre-commit-hooks",
        "https://github.com/python-jsonschema/check-jsonschema"}
    for repo in remote:
        assert re.fullmatch(r"v?\d+\.\d+\.\d+", repo["rev"]), repo
    hooks = {h["id"]: h for r in config["repos"] for h in r["hooks"]}
    assert {"trailing-whitespace", "end-of-file-fixer", "check-jsonschema",
            "factcheck-check", "claim-schema-up-to-date"} <= set(hooks)
    schema = hooks["check-jsonschema"]
    assert (ROOT / schema["args"][schema["args"].index("--schemafile") + 1]).is_file()
    assert re.search(schema["files"], "claims/portland-sanctuary.yaml")
    (local,) = [r for r in config["repos"] if r["repo"] == "local"]
    for hook in local["hooks"]:
        assert hook["language"] == "unsupported"  # pre-commit 4.4's name for `system`
        assert command_problems(hook["entry"]) == [], hook["id"]
    assert re.search(hooks["factcheck-check"]["files"], "claims/x.yaml")
    # Seeds are kept byte for byte, so no hook may "fix" them.
    assert re.search(config["exclude"], "seeds/press-herald-2017-02-01.txt")
    assert re.search(config["exclude"], "tests/fixtures/newsroom/seeds/a.txt")


@pytest.mark.parametrize("name", ["suggest-claim.yml", "correction.yml"])
def test_issue_forms(name: str) -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / name)
    assert form["name"] and form["description"] and form["body"]
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    kinds = {"markdown", "input", "textarea", "dropdown", "checkboxes"}
    assert {item["type"] for item in form["body"]} <= kinds
    for item in form["body"]:
        assert item["type"] == "markdown" or item["attributes"]["label"]
    assert any(item.get("validations", {}).get("required") for item in form["body"])


def test_pull_request_template_is_a_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.*)", text, re.M)
    for word in ("quote", "two sources", "primary", "claim_date", "reviewer",
                 "factcheck check"):
        assert any(word in item for item in items), word


def test_contributing_names_real_commands_and_files() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for target in re.findall(r"`make (\w+)`", text):
        assert target in make_targets(), target
    for command in re.findall(r"factcheck (\w+)", text):
        assert command in cli.commands, command
    for path in re.findall(r"`((?:generator|schema|claims|seeds|\.github)/[\w./-]+)`", text):
        if "<" not in path and not path.endswith("/"):
            assert (ROOT / path).exists(), path
    for form in ("suggest-claim.yml", "correction.yml"):
        assert f"template={form}" in text
