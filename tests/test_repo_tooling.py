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
    if program in SHELL_BASICS:
        return []
    if program.startswith(".venv/bin/"):
        script = program.removeprefix(".venv/bin/")
        if script not in SCRIPTS:
            return [f"{command!r}: {script} is not a console script of pyproject.toml"]
        if args and args[0] not in cli.commands:
            return [f"{command!r}: factcheck has no command {args[0]}"]
        return []
    return [f"{command!r}: {program} is neither a make target nor a factcheck command"]


#: Plain shell commands a workflow may run besides make and factcheck.
SHELL_BASICS = {"mkdir", "cat", "touch"}


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
    # The workflows that act after a pull request's run run no command at all.
    assert bool(runs) == (path.name not in {"pr-report.yml", "pr-preview-remove.yml"})
    assert [p for line in runs for p in command_problems(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actions_are_pinned_to_a_commit(path: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)$", path.read_text(encoding="utf-8"), re.M)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), (action, comment)
    # Beside GitHub's own actions, only these, each read before it was pinned.
    owners = {action.split("/")[0] for action, _ in uses}
    assert owners <= {"actions", "rossjrw", "JamesIves"}, owners


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_least_permissions(path: Path) -> None:
    """Each workflow may only read, but for the jobs that must write, and each says why."""
    workflow = load(path)
    assert workflow["permissions"] in ({"contents": "read"}, {})
    allowed = {("pr-report.yml", "comment"): {"actions": "read", "pull-requests": "write"},
               ("pr-report.yml", "preview"): {"actions": "read", "contents": "write"},
               ("pr-preview-remove.yml", "remove"): {"contents": "write"},
               ("deploy.yml", "deploy"): {"contents": "write"}}
    for name, job in workflow["jobs"].items():
        assert job.get("permissions", {}) == allowed.get((path.name, name), {}), name
    for step in steps(workflow):  # no job keeps a token in the checked-out repository
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_history_is_fetched_where_pages_are_built() -> None:
    """Claim pages show each verdict's history: a build needs all of it, not one commit."""
    for name in ("pr.yml", "deploy.yml"):
        workflow = load(GITHUB / "workflows" / name)
        (checkout, *_) = steps(workflow)
        assert checkout["uses"].startswith("actions/checkout@")
        assert checkout["with"]["fetch-depth"] == 0, name


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
    # `make check` is `factcheck check`, `make site` is `mkdocs build --strict` (or the
    # same command of the engine named by ENGINE).
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/factcheck check\n" in makefile
    assert "\t$(BIN)/$(ENGINE) build --strict\n" in makefile
    assert "\nENGINE ?= mkdocs\n" in makefile
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith(
        "actions/upload-artifact@") and s["with"]["name"] == "site"]
    assert upload["with"]["path"] == "site/"
    assert "site_dir" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_main_is_published_on_pages() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert [s["run"] for s in build["steps"] if "run" in s] == [
        "make check", "make site", "touch site/.nojekyll"]
    (upload,) = [s for s in build["steps"] if "upload-artifact" in s.get("uses", "")]
    assert upload["with"]["path"] == "site/" and upload["with"]["include-hidden-files"]
    assert deploy["needs"] == "build"
    (publish,) = [s for s in deploy["steps"] if "github-pages-deploy-action" in s["uses"]]
    # Served from the gh-pages branch, beside the previews, which it keeps.
    assert publish["with"] == {"folder": "site", "branch": "gh-pages",
                               "clean-exclude": "pr-preview/", "force": False}
    assert not any("run" in s for s in deploy["steps"])  # it runs nothing it built


def test_pull_requests_get_one_comment_and_a_preview() -> None:
    """pr.yml leaves the summary; pr-report.yml, after it, comments and publishes."""
    from generator.changes import MARKER

    pr = load(GITHUB / "workflows" / "pr.yml")
    (job,) = pr["jobs"].values()
    (summary,) = [s for s in job["steps"] if "factcheck changes" in s.get("run", "")]
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    assert summary["env"]["BASE"] == "origin/${{ github.base_ref }}"
    assert "github.event.pull_request.head.repo.full_name == github.repository" in \
        summary["env"]["PREVIEW_URL"]
    uploads = {s["with"]["name"]: s["with"]["path"] for s in job["steps"]
               if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads == {"pr-summary": "pr-summary/", "site": "site/"}

    report = load(GITHUB / "workflows" / "pr-report.yml")
    assert report[True] == {"workflow_run": {"workflows": [pr["name"]],
                                             "types": ["completed"]}}
    comment, preview = report["jobs"]["comment"], report["jobs"]["preview"]
    for report_job in (comment, preview):
        assert not any("run" in s for s in report_job["steps"])  # runs nothing it downloaded
        for step in report_job["steps"]:
            assert "ref" not in step.get("with", {})  # checks out the default branch only
            if step["uses"].startswith("actions/download-artifact@"):
                assert step["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    (script,) = [s["with"]["script"] for s in comment["steps"] if "github-script" in s["uses"]]
    assert f'const marker = "{MARKER}";' in script
    assert "updateComment" in script and "createComment" in script
    assert "pull.head.sha !== context.payload.workflow_run.head_sha" in script
    # A fork's site is not published under this site's address.
    assert "head_repository.full_name == github.repository" in preview["if"]
    (publish,) = [s for s in preview["steps"] if "pr-preview-action" in s["uses"]]
    assert publish["with"]["source-dir"] == "site/" and publish["with"]["action"] == "deploy"
    # The summary's links point where the preview is published.
    assert "pr-preview/pr-{2}/" in summary["env"]["PREVIEW_URL"]

    remove = load(GITHUB / "workflows" / "pr-preview-remove.yml")
    assert remove[True] == {"pull_request": {"types": ["closed"]}}
    (removal,) = [s for s in steps(remove) if "pr-preview-action" in s["uses"]]
    assert removal["with"]["action"] == "remove"


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
    # A stale translation is a warning (its own matcher), not an error.
    (warning,) = matcher["problemMatcher"][1]["pattern"]
    assert matcher["problemMatcher"][1]["severity"] == "warning"
    stale = ("translations/fr/x.yaml:2: translated_from: is older than its original: "
             "claims/x.yaml has changed since this translation was made (its digest is now "
             "5e6f7a8b, not 1a2b3c4d); bring the translation up to date with it, then write "
             'translated_from: "5e6f7a8b"')
    assert re.match(pattern["regexp"], stale) is None
    match = re.match(warning["regexp"], stale)
    assert match is not None and match[warning["file"]] == "translations/fr/x.yaml"
    assert re.match(pattern["regexp"], "translations/fr/x.yaml:3: verdict: is the original's")


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


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_the_build_cache_is_kept_between_runs(name: str) -> None:
    """Both workflows restore .cache/factcheck before `make site` and save it after."""
    job_steps = steps(load(GITHUB / "workflows" / name))
    (cache,) = [s for s in job_steps if s.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == ".cache/factcheck"
    assert "${{ github.sha }}" in cache["with"]["key"]  # a new entry for every run
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    runs = [s.get("run") for s in job_steps]
    assert job_steps.index(cache) < runs.index("make site")
