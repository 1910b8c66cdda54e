"""How fast `factcheck import` brings an archive in: N fact-checks from CSV and from JSON-LD.

    .venv/bin/python bench/import_bench.py              # N = 10,000
    .venv/bin/python bench/import_bench.py --n 1000     # a quicker run

It writes N realistic synthetic claims (bench/synth.py) into a copy of the test fixture
project, exports them with `factcheck export --format csv`, and writes the same claims as
one ClaimReview JSON-LD @graph (as their pages carry them). Then, each in a fresh process
on a project with no claims, it times the real command:

- import of the CSV as drafts; the same with --publish (each file checked as published);
- import again with --update (nothing changed: each file is read and compared);
- --dry-run (every file's text printed, nothing written);
- import of the JSON-LD @graph.

It prints wall seconds, CPU seconds (user and system, which a busy shared machine
inflates less) and claims per CPU second. Figures are measured once: compare them within
one run. The work folder is removed unless --keep is given.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from synth import make_claims  # noqa: E402

from generator.paths import claim_path  # noqa: E402
from generator.project import load_project, settings_from_options  # noqa: E402
from generator.structured import claim_review  # noqa: E402

# Synthetic claims are dated up to 2025; pin "today" after that, as the tests do.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795651200"}
FACTCHECK = str(Path(sys.executable).parent / "factcheck")


def project(work: Path, name: str, claims: dict[str, str], seeds: dict[str, str]) -> Path:
    """A copy of the fixture project with these claims (none: an empty claims folder)."""
    root = work / name
    shutil.copytree(FIXTURE, root)
    shutil.rmtree(root / "claims")
    (root / "claims").mkdir()
    for file_name, text in claims.items():
        (root / "claims" / file_name).write_text(text, encoding="utf-8")
    for file_name, text in seeds.items():
        (root / "seeds" / file_name).write_text(text, encoding="utf-8")
    return root


def timed(root: Path, *args: str, expect: int = 0) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system) of one `factcheck` command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([FACTCHECK, *args], cwd=root, env=ENV, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != expect:
        raise SystemExit(f"factcheck {' '.join(args)} exited {done.returncode}:\n"
                         f"{done.stderr[-3000:]}")
    return took, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def json_ld(root: Path) -> str:
    """Every claim of a project as the ClaimReview its page carries, in one @graph."""
    settings, _ = settings_from_options({})
    loaded = load_project(root, settings)
    seeds = loaded.seeds
    reviews = [claim_review(c, seeds.get(c.seed or ""), settings,
                            f"https://factcheck.example.org/{claim_path(c.id)[:-3]}/")
               for c in loaded.claims]
    return json.dumps({"@context": "https://schema.org", "@graph": reviews}, indent=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="claims to import (10,000)")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    n = args.n
    try:
        synth = make_claims(n)
        source = project(work, "source", synth.claims, synth.seeds)
        csv_file, json_file = work / "archive.csv", work / "archive.json"
        export_s, _ = timed(source, "export", "--format", "csv", "--out", str(csv_file))
        json_file.write_text(json_ld(source), encoding="utf-8")
        rows = []
        drafts = project(work, "drafts", {}, synth.seeds)
        rows.append(("import CSV as drafts", timed(drafts, "import", str(csv_file))))
        rows.append(("import CSV again, --update (all up to date)",
                     timed(drafts, "import", "--update", str(csv_file))))
        published = project(work, "published", {}, synth.seeds)
        rows.append(("import CSV, --publish", timed(published, "import", "--publish",
                                                    str(csv_file))))
        dry = project(work, "dry", {}, synth.seeds)
        rows.append(("import CSV, --dry-run", timed(dry, "import", "--dry-run", str(csv_file))))
        reviews = project(work, "reviews", {}, synth.seeds)
        rows.append(("import JSON-LD @graph as drafts", timed(reviews, "import",
                                                              str(json_file))))
        written = len(list((drafts / "claims").glob("*.yaml")))
        assert written == n, f"{written} files written for {n} rows"
        print(f"factcheck import, {n:,} claims ({csv_file.stat().st_size / 1e6:.1f} MB of CSV, "
              f"{json_file.stat().st_size / 1e6:.1f} MB of JSON-LD); export took "
              f"{export_s:.1f} s\n")
        print("| step | wall s | CPU s | claims per CPU second |")
        print("| --- | ---: | ---: | ---: |")
        for name, (wall, cpu) in rows:
            print(f"| {name} | {wall:.1f} | {cpu:.1f} | {n / cpu:,.0f} |")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
