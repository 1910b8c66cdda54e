"""The verdict history's cost: one git pass over a large synthetic repository.

    .venv/bin/python bench/history.py                    # 10,000 claims, 50,000 commits
    .venv/bin/python bench/history.py --claims 500 --commits 2000   # a quick run

It makes a git repository with ``--claims`` synthetic claim files (bench/synth.py) and
``--commits`` commits of history, written in one stream by ``git fast-import`` (seconds,
where one ``git commit`` per change would take an hour): each claim is added in a commit
of its own, and the other commits edit one claim each, as a desk does: most change a few
words of the explanation; some change the verdict (half of them with a corrections
entry), the short answer or the sources; a few rename the file. The repository is then
repacked, as a clone from a host would be, and checked out.

Then it times, each in a fresh process, what a build adds for the history
(:class:`generator.git_history.HistoryReader`, git's processes included): once cold, with
no ``.cache/factcheck/`` (a fresh clone), then warm, with what the first run kept (every
later build); and what the same claims cost without it (loading, validating and
rendering them, as `factcheck generate` does); and, for comparison, one ``git log`` of a
single claim file, as per-file git plugins run one per page. It prints the figures: the
history's share is to be set against a full build, about 115 to 150 s for 10,000 claims
on the machine of bench/RESULTS.md. It asserts nothing. The repository is made under
--work (a temporary folder unless given) and kept with --keep, so that a second run with
the same --work reuses it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from synth import make_claims  # noqa: E402

GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "NO_MKDOCS_2_WARNING": "1"}
START = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
#: What the commits that are not additions do, with their weights.
EDITS = (("wording", 80), ("verdict", 6), ("summary", 6), ("sources", 6), ("rename", 2))
VERDICTS = ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading",
            "unproven", "opinion")
_VERDICT = re.compile(r'^verdict: "?([\w-]+)"?$', re.M)
_PUBLISHED = re.compile(r"^published: (\S+)$", re.M)


def _edit(kind: str, text: str, rng: random.Random, day: dt.date) -> tuple[str, str]:
    """The claim's next text after an edit of ``kind``, and the commit's subject."""
    if kind == "verdict":
        old = _VERDICT.search(text)[1]  # type: ignore[index]
        new = rng.choice([v for v in VERDICTS if v != old])
        text = _VERDICT.sub(f'verdict: "{new}"', text, count=1)
        if rng.random() < 0.5:
            note = f"    note: \"The verdict was {old}; new evidence makes it {new}.\"\n"
            # Dated the day of the commit, or after the check's own `published` date.
            published = dt.date.fromisoformat(_PUBLISHED.search(text)[1])  # type: ignore[index]
            entry = f"  - date: {max(day, published + dt.timedelta(days=1))}\n{note}"
            text = (text.replace("corrections:\n", f"corrections:\n{entry}", 1)
                    if "\ncorrections:\n" in text else text + f"corrections:\n{entry}")
        return text, f"Verdict: {old} -> {new}"
    if kind == "summary":
        return text.replace("summary: >-\n  ", "summary: >-\n  Revised. ", 1), \
            "Sharper short answer"
    if kind == "sources":
        url = f"https://data.example.org/added/{rng.randint(1, 10**9)}"
        source = f"  - title: \"An added source\"\n    url: {url}\n"
        return text.replace("sources:\n", f"sources:\n{source}", 1), "Add a source"
    body = text.index("body: |\n")
    words = [m.start() for m in re.finditer(r" \w+", text[body: body + 1500])]
    at = body + rng.choice(words)
    return text[:at] + " very" + text[at:], "Wording"


def make_repository(where: Path, claims: int, commits: int, seed: int = 13) -> None:
    """A git repository at ``where`` with this many claims and commits, checked out."""
    rng = random.Random(seed)
    project = make_claims(claims)
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(where)], env=GIT_ENV, check=True)
    shutil.copytree(REPO / "content", where / "content")
    shutil.copytree(REPO / "seeds", where / "seeds")
    for name, text in project.seeds.items():
        (where / "seeds" / name).write_text(text, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.yml", where / "mkdocs.yml")

    # Renamed files would break other claims' `related` lists: the bench leaves them out.
    claims_text = {name: "\n".join(line for line in text.split("\n")
                                    if not line.startswith("related:"))
                   for name, text in project.claims.items()}
    names = sorted(claims_text)
    rng.shuffle(names)
    current: dict[str, str] = {}  # path -> text, as of the last commit
    paths: list[str] = []  # the keys of `current`, to draw from
    # One claim added every few commits, so that additions and edits interleave.
    add_at = set(rng.sample(range(commits), claims)) if commits > claims else set(range(claims))
    kinds, weights = zip(*EDITS, strict=True)
    stream = []
    step = dt.timedelta(seconds=(10 * 365 * 86400) // max(commits, 1))
    for number in range(commits):
        when = START + step * number
        ops: list[bytes] = []
        if (number in add_at or not current) and names:
            name = names.pop()
            path = f"claims/{name}"
            current[path] = claims_text[name]
            paths.append(path)
            subject = f"Add {name}"
            ops.append(_inline(path, current[path]))
        else:
            at = rng.randrange(len(paths))
            path = paths[at]
            kind = rng.choices(kinds, weights)[0]
            if kind == "rename":
                new = path.replace(".yaml", "-r.yaml")
                current[new] = current.pop(path)
                paths[at] = new
                subject = f"Rename {path} to {new}"
                ops.append(f"R {path} {new}\n".encode())
            else:
                current[path], subject = _edit(kind, current[path], rng, when.date())
                ops.append(_inline(path, current[path]))
        message = subject.encode()
        stamp = f"{int(when.timestamp())} +0000"
        stream.append(b"commit refs/heads/main\n"
                      + f"committer Desk <desk@example.org> {stamp}\n".encode()
                      + b"data %d\n%s\n" % (len(message), message) + b"".join(ops))
    # The first commit holds the rest of the project, as a real one would.
    setup = [_inline(f"{folder}/{path.relative_to(where / folder).as_posix()}",
                     path.read_text(encoding="utf-8"))
             for folder in ("content", "seeds") for path in sorted((where / folder).rglob("*"))
             if path.is_file()]
    setup += [_inline("mkdocs.yml", (where / "mkdocs.yml").read_text(encoding="utf-8")),
              _inline(".gitignore", "/site/\n/.cache/\n")]
    stream.insert(0, b"commit refs/heads/main\n"
                  + f"committer Desk <desk@example.org> {int(START.timestamp()) - 86400} +0000\n"
                  .encode() + b"data 13\nStart a site\n" + b"".join(setup))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=where, env=GIT_ENV, check=True,
                   input=b"".join(stream))
    # A clone from a host arrives packed with deltas; fast-import's pack is looser.
    subprocess.run(["git", "repack", "-a", "-d", "-q", "--depth=50", "--window=10"],
                   cwd=where, env=GIT_ENV, check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=where, env=GIT_ENV,
                   check=True)


def _inline(path: str, text: str) -> bytes:
    data = text.encode()
    return f"M 100644 inline {path}\n".encode() + b"data %d\n" % len(data) + data + b"\n"


def _timed(code: str, root: Path) -> dict[str, float]:
    """Run ``code`` in a fresh Python (with ``root`` as ROOT); it prints a JSON object."""
    done = subprocess.run([sys.executable, "-c", code, str(root)], env=GIT_ENV, cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-4000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


HISTORY = """
import json, sys, time
from pathlib import Path
from generator.project import load_project, settings_from_options
from generator.git_history import HistoryReader
root = Path(sys.argv[1])
settings, _ = settings_from_options({})
project = load_project(root, settings)
start = time.perf_counter()
history = HistoryReader(root, settings).read(project.claims, __import__("datetime").date.today())
took = time.perf_counter() - start
print(json.dumps({"total_s": took, "claims": len(history.claims),
                  "changes": sum(len(h.entries) for h in history.claims.values()),
                  "smaller_edits": sum(h.smaller_edits for h in history.claims.values()),
                  "warnings": len(history.warnings), "note": history.note,
                  **{f"{k.replace(' ', '_')}_s": round(v, 3)
                     for k, v in history.timings.items()}}))
"""

GENERATE = """
import json, sys, time
from pathlib import Path
from generator.project import load_project, settings_from_options
from generator.render import render_site
root = Path(sys.argv[1])
settings, _ = settings_from_options({})
start = time.perf_counter()
project = load_project(root, settings)
pages = render_site(project.claims, project.seeds, settings)
print(json.dumps({"generate_s": time.perf_counter() - start, "pages": len(pages),
                  "problems": len(project.problems)}))
"""


def per_file(root: Path, files: int) -> float:
    """Seconds for one ``git log`` of one claim file, as per-file git plugins run it."""
    names = sorted((root / "claims").iterdir())[:: max(1, 10_000 // max(files, 1))][:files]
    start = time.perf_counter()
    for path in names:
        subprocess.run(["git", "log", "--format=%H %cs", "--follow", "--",
                        f"claims/{path.name}"], cwd=root, env=GIT_ENV, check=True,
                       capture_output=True)
    return (time.perf_counter() - start) / max(len(names), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claim files (10,000)")
    parser.add_argument("--commits", type=int, default=50_000, help="commits (50,000)")
    parser.add_argument("--work", type=Path, help="folder for the repository (default: a temp)")
    parser.add_argument("--keep", action="store_true", help="keep the repository")
    parser.add_argument("--warm-runs", type=int, default=2,
                        help="runs with the cache the first run left (2)")
    parser.add_argument("--per-file", type=int, default=3, metavar="N",
                        help="also time N per-file `git log` runs, for comparison (3)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="factcheck-history-"))
    root = work / f"repo-{args.claims}-{args.commits}"
    try:
        if not (root / ".git").is_dir():
            start = time.perf_counter()
            make_repository(root, args.claims, args.commits)
            print(f"made the repository in {time.perf_counter() - start:.1f} s: {root}")
        pack = sum(p.stat().st_size for p in (root / ".git" / "objects").rglob("*")
                   if p.is_file())
        print(f"{args.claims:,} claims, {args.commits:,} commits, "
              f"{pack / 1e6:.0f} MB of git objects; load average {os.getloadavg()[0]:.1f}")
        shutil.rmtree(root / ".cache", ignore_errors=True)
        cold = _timed(HISTORY, root)
        warm = [_timed(HISTORY, root) for _ in range(args.warm_runs)]
        generate = _timed(GENERATE, root)
        cache = root / ".cache" / "factcheck" / "history.json"
        print("cold (no cache):", json.dumps(cold))
        for run in warm:
            print("warm (cache):   ", json.dumps(run))
        best = min((r["total_s"] for r in warm), default=float("nan"))
        kept = f"; cache {cache.stat().st_size / 1e6:.1f} MB" if cache.exists() else ""
        print(f"history pass, cold: {cold['total_s']:.2f} s; warm: "
              + ", ".join(f"{r['total_s']:.2f} s" for r in warm) + kept)
        print(f"load, validate and render the same claims (factcheck generate's work, "
              f"without history): {generate['generate_s']:.2f} s")
        for build in (115.0, 150.0):
            print(f"share of a {build:.0f} s build: cold {100 * cold['total_s'] / build:.1f} %, "
                  f"warm {100 * best / build:.1f} %")
        if args.per_file:
            each = per_file(root, args.per_file)
            print(f"per-file git log (as per-file plugins do): {each:.2f} s a claim, "
                  f"{each * args.claims / 60:.0f} min for {args.claims:,} claims")
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
