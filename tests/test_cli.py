"""The real `factcheck` command, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

FACTCHECK = [sys.executable, "-c", "from generator.cli import main; main()"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*FACTCHECK, *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=120)


def test_check_clean(site: Path) -> None:
    result = run("check", cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Checked 3 claims and 1 seed: no problems.\n"


def test_check_reports_every_problem_then_fails_once(site: Path) -> None:
    claims = site / "claims"
    (claims / "broken-yaml.yaml").write_text("claim: [unclosed\nverdict: x\n")
    (claims / "empty.yaml").write_text("")
    (claims / "not-utf8.yaml").write_bytes(b"claim: caf\xe9\n")
    text = (claims / "strimling-order-very-broad.yaml").read_text()
    (claims / "strimling-order-very-broad.yaml").write_text(
        text.replace("verdict: opinion", "verdict: opinon").replace("author:", "autor:"))
    result = run("check", cwd=site)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        "claims/broken-yaml.yaml:2: file: is not valid YAML: did not find expected ',' or "
        "']'; check the quotes, colons and indentation on this line and the one before",
        "claims/empty.yaml:1: file: is empty; start from the claim template, "
        "generator/data/claim-template.yaml",
        "claims/not-utf8.yaml:1: file: is not UTF-8 text (byte 0xe9 cannot be read); save the "
        "file with UTF-8 encoding",
        "claims/strimling-order-very-broad.yaml:1: author: is missing; add `author:` with who "
        "wrote the check",
        "claims/strimling-order-very-broad.yaml:7: verdict: 'opinon' is not a valid choice "
        "(did you mean 'opinion'?); use one of true, mostly-true, half-true, mostly-false, "
        "false, misleading, unproven, opinion",
        "claims/strimling-order-very-broad.yaml:17: autor: is not a field of a claim file; "
        "did you mean 'author'?",
        "6 problems in 4 files; fix them and run `factcheck check` again.",
    ]


def test_check_only_named_files(site: Path) -> None:
    (site / "claims" / "other.yaml").write_text("claim: x\n")
    result = run("check", "claims/lepage-called-portland-sanctuary-city.yaml", cwd=site)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Checked 1 claim and 1 seed")


@pytest.mark.parametrize("args", [["check", "no-such-file.yaml"], ["frobnicate"],
                                  ["generate"]])
def test_usage_errors_exit_2(site: Path, args: list[str]) -> None:
    result = run(*args, cwd=site)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "there is no mkdocs.yml" in result.stderr


def test_generate_writes_pages_and_never_touches_other_files(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("generate", "--out", str(out), cwd=site)
    assert result.returncode == 0, result.stderr
    page = out / "claims" / "lepage-called-portland-sanctuary-city.md"
    assert page.read_text().startswith("---\ntitle: Gov. Paul LePage")
    assert (out / "claims" / "index.md").is_file()
    # Running again replaces only its own files, and removes its own stale ones.
    (site / "claims" / "strimling-order-very-broad.yaml").unlink()
    assert run("generate", "--out", str(out), cwd=site).returncode == 0
    assert not (out / "claims" / "strimling-order-very-broad.md").exists()
    assert page.is_file()
    # A file a person put there makes it refuse, and nothing is changed.
    mine = out / "notes.md"
    mine.write_text("mine")
    before = page.stat().st_mtime_ns
    result = run("generate", "--out", str(out), cwd=site)
    assert result.returncode == 1
    assert "holds files that factcheck did not write (notes.md)" in result.stderr
    assert mine.read_text() == "mine" and page.stat().st_mtime_ns == before


def test_generate_refuses_a_folder_with_files(site: Path) -> None:
    result = run("generate", "--out", "content", cwd=site)
    assert result.returncode == 1
    assert "content holds files that factcheck did not write (index.md)" in result.stderr
    assert sorted(p.name for p in (site / "content").iterdir()) == ["index.md"]


def test_generate_fails_on_problems(site: Path, tmp_path: Path) -> None:
    (site / "claims" / "bad.yaml").write_text("claim: x\n")
    result = run("generate", "--out", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 1
    assert result.stdout.startswith("claims/bad.yaml:1: author: is missing")
    assert not (tmp_path / "out").exists()


WRITER = """
import sys
from pathlib import Path
from generator.files import atomic_write
target = Path(sys.argv[1])
print("ready", flush=True)
while True:
    for letter in "ab":
        atomic_write(target, letter * 4_000_000)
"""


def test_a_killed_write_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    target.write_text("a" * 4_000_000)
    for delay in (0.05, 0.13, 0.31):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(target)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        time.sleep(delay)
        writer.kill()  # SIGKILL: no clean-up runs
        writer.wait()
        writer.stdout.close()
        content = target.read_text()
        assert content in ("a" * 4_000_000, "b" * 4_000_000)


def test_generate_clears_what_a_killed_run_left(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", "--out", str(out), cwd=site).returncode == 0
    leftover = out / "claims" / ".index.md.x1y2.factcheck-tmp"
    leftover.write_text("half a pa")
    mine = out / "claims" / ".my-notes.tmp"
    result = run("generate", "--out", str(out), cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not leftover.exists()
    mine.write_text("notes")  # not ours: the next run refuses the folder, and keeps the file
    result = run("generate", "--out", str(out), cwd=site)
    assert result.returncode == 1 and "did not write" in result.stderr
    assert mine.read_text() == "notes"


def test_check_reports_blocks_the_pages_ask_for(site: Path) -> None:
    index = site / "content" / "index.md"
    index.write_text(index.read_text() + "\n<!-- factcheck: lastest 3 -->\n")
    line = index.read_text().splitlines().index("<!-- factcheck: lastest 3 -->") + 1
    result = run("check", cwd=site)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f'content/index.md:{line}: factcheck block: there is no block "lastest"; did you mean '
        '"latest"? use one of: latest, verdict-chart, rating-scale, latest-articles, '
        'standards')


def test_source_date_epoch_sets_the_day_dates_are_checked_against(site: Path) -> None:
    claim = site / "claims" / "lepage-called-portland-sanctuary-city.yaml"
    text = claim.read_text(encoding="utf-8")
    published = next(line for line in text.splitlines() if line.startswith("published:"))
    claim.write_text(text.replace(published, "published: 2030-01-02"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for epoch, day, code in (("1893456000", "2030-01-01", 1), ("1893542400", "2030-01-02", 0)):
        result = subprocess.run([*FACTCHECK, "check"], cwd=site, capture_output=True, text=True,
                                env={**env, "SOURCE_DATE_EPOCH": epoch}, timeout=120)
        assert result.returncode == code, result.stdout + result.stderr
        if code:
            assert f"is in the future; check the year (today is {day})" in result.stdout


def test_a_source_date_epoch_that_is_not_a_number_is_a_usage_error(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "tomorrow"}
    result = subprocess.run([*FACTCHECK, "check"], cwd=site, capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH is 'tomorrow', not a number of seconds since 1970" in result.stderr
    assert "Traceback" not in result.stderr
