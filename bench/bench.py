"""Archive-scale benchmark: N synthetic claims built by factcheck, and by plain MkDocs.

    .venv/bin/python bench/bench.py                      # N = 1,000 and 10,000
    .venv/bin/python bench/bench.py --n 200 --markdown   # a quick run, as a Markdown table
    .venv/bin/python bench/bench.py --with-25k           # adds N = 25,000

For each N it writes N realistic synthetic claims (bench/synth.py) into a copy of this
project (its mkdocs.yml, content/, seeds/ and overrides/; --project names another) and a
baseline project: the very pages
`factcheck generate --out` writes, as ordinary Markdown files, built by plain MkDocs with
the same theme and settings (the factcheck plugin removed, its stylesheet kept). Then:

- generator: seconds to load, validate and render the claims, in a fresh process;
- build: wall seconds of a full `mkdocs build` of each project, each in a fresh process,
  with the seconds spent in each plugin and the peak memory (RUSAGE maxrss); each
  project is built cold (no site, no cache) --cold-runs times (3 unless told), the two
  in turns, and its median run is the figure (one build where plain MkDocs is not built);
- output: site bytes per claim, the mean claim page, the largest page, the search index;
- warm build: one claim file's short answer changed, then `mkdocs build` again, in a
  fresh process, with the cache the cold build left in `.cache/factcheck/`, measured as
  above; then three times another changed, and `mkdocs build --strict` (what `make site`
  runs) timed as a process of its own, without the memory sampler, whose reading of every
  process's pages would take a second or more of its time: the median of the three;
- search: headless Chromium loads the home page of the site served by http.server on
  127.0.0.1 and types a query into the site's search box at 80 ms a key; the page itself
  times the wait from the last key to the first `.md-search-result__item`, and the bytes
  of every search request since the page was opened are added up;
- preview: `mkdocs serve --dirty` of the factcheck project; a claim file is saved and the
  seconds until the server returns the rebuilt page are measured (at 10,000 claims, or
  the smallest N when 10,000 is not measured), three times, 1.5 s after the last page
  was served; then the seconds from the last save until the preview logs that every
  page is up to date (the listings follow the claim's page once saves pause).

Figures are measured once, on a shared machine: compare ratios within one run.
Projects are made under --work (a temporary folder unless given) and removed unless
--keep is given.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from functools import partial
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from synth import make_claims  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
QUERIES = ("okafor", "immigration percent", "nguyen budget")
KEY_DELAY_MS = 80  # a person's typing speed


# -- projects ---------------------------------------------------------------------------

def make_projects(work: Path, n: int, source: Path = REPO) -> tuple[Path, Path]:
    """The factcheck project and the plain-MkDocs baseline for ``n`` claims.

    Both are made from ``source`` (this project unless given): its mkdocs.yml, its pages,
    its seeds and its theme overrides (``theme.custom_dir``), with synthetic claims.
    """
    project, baseline = work / "factcheck", work / "baseline"
    for folder in (project, baseline):
        if folder.exists():
            shutil.rmtree(folder)
    config = yaml.safe_load((source / "mkdocs.yml").read_text(encoding="utf-8"))
    # The desk's standards are rules for its own claims, not for the synthetic ones: the
    # benchmark measures the generator, so it builds them with none set.
    # Share cards (a PNG per claim, drawn once and then kept) are measured on their own by
    # bench/cards.py; plain MkDocs draws none, so the builds compared here draw none either.
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and isinstance(plugin.get("factcheck"), dict):
            plugin["factcheck"].pop("standards", None)
            plugin["factcheck"]["cards"] = False
    shutil.copytree(source / config.get("docs_dir", "docs"), project / "content")
    shutil.copytree(source / "seeds", project / "seeds")
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:  # the theme refuses to load without it
        for folder in (project, baseline):
            shutil.copytree(source / custom_dir, folder / custom_dir)
    synth = make_claims(n)
    (project / "claims").mkdir()
    for name, text in synth.claims.items():
        (project / "claims" / name).write_text(text, encoding="utf-8")
    for name, text in synth.seeds.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    config["docs_dir"] = "content"
    _write_yaml(project / "mkdocs.yml", config)

    subprocess.run([str(Path(sys.executable).parent / "factcheck"), "generate", "--out",
                    str(baseline / "docs")], cwd=project, env=ENV, check=True,
                   capture_output=True)
    (baseline / "docs" / ".factcheck-generated").unlink()
    shutil.copytree(project / "content", baseline / "docs", dirs_exist_ok=True)
    plain = dict(config, docs_dir="docs")
    plain["plugins"] = [p for p in config["plugins"]
                        if not (isinstance(p, dict) and "factcheck" in p) and p != "factcheck"]
    plain["extra_css"] = [*config.get("extra_css", []), "assets/factcheck.css"]
    extensions = config.get("markdown_extensions", [])
    if not any(e == "tables" or (isinstance(e, dict) and "tables" in e) for e in extensions):
        plain["markdown_extensions"] = [*extensions, "tables"]
    _write_yaml(baseline / "mkdocs.yml", plain)
    return project, baseline


def _write_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


# -- steps in fresh processes -----------------------------------------------------------

def _child(*args: str) -> tuple[dict[str, Any], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "timed_build.py"), *args], env=ENV,
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-4000:]}")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["warnings"] = len(warnings)
    if warnings:
        print(f"  {len(warnings)} warnings, e.g. {warnings[0][:200]}", file=sys.stderr)
    return result, took


def generator_step(project: Path) -> dict[str, Any]:
    result, _ = _child("generator", str(project))
    return result


def build_step(project: Path, profile: str | None = None) -> dict[str, Any]:
    args = ["build", str(project)] + (["--profile", profile] if profile else [])
    result, took = _child(*args)
    result["wall_s"] = took
    return result


def cold_steps(projects: list[Path], runs: int,
               profile: str | None = None) -> list[dict[str, Any]]:
    """Cold builds of each of ``projects``, ``runs`` times, in turns (one of each, then
    again), each from nothing (no site, no cache): for each project, the figures of its
    median run, with every run's time. A single cold build on this machine moves by a
    tenth from one run to the next; builds taken in turns share whatever the machine
    is doing."""
    times: list[list[dict[str, Any]]] = [[] for _ in projects]
    for run in range(runs):
        for i, project in enumerate(projects):
            for left in (project / "site", project / ".cache"):
                shutil.rmtree(left, ignore_errors=True)
            if runs > 1:
                print(f"    {project.name}, cold build {run + 1} of {runs}", file=sys.stderr)
            times[i].append(build_step(project, profile if run == 0 and i == 0 else None))
    chosen = []
    for measured in times:
        ordered = sorted(measured, key=lambda r: r["wall_s"])
        median = dict(ordered[(len(ordered) - 1) // 2])
        median["wall_runs"] = [r["wall_s"] for r in measured]
        for peak in ("peak_pss_mb", "maxrss_mb"):  # memory: the most any run took
            median[peak] = max(r[peak] for r in measured)
        chosen.append(median)
    return chosen


#: Timed warm builds, each after another change: this machine's times move by a tenth
#: from one run to the next, and the median of three is what a pull request can expect.
WARM_RUNS = 3


def warm_step(project: Path) -> dict[str, Any]:
    """Warm builds, each after one claim file's short answer changed, with the cache the
    build before left: one in bench/timed_build.py, for its events, the pages it kept and
    its memory; then :data:`WARM_RUNS` as `make site` runs it (`mkdocs build --strict`,
    nothing else in its process), for its time, the median: the memory sampler's reading
    of every process's pages takes a second or more of a warm build at 10,000 claims."""
    result = build_step(_changed(project, "once"))
    result["sampled_wall_s"] = result["wall_s"]
    runs = []
    for run in range(WARM_RUNS):
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"],
                       cwd=_changed(project, f"again ({run + 1})"), env=ENV, check=True,
                       capture_output=True)
        runs.append(time.perf_counter() - start)
    result["wall_runs"] = runs
    result["wall_s"] = statistics.median(runs)
    return result


def _changed(project: Path, how: str) -> Path:
    """``project``, the short answer of its first claim file changed."""
    claim = sorted((project / "claims").glob("*.yaml"))[0]
    text = claim.read_text(encoding="utf-8")
    assert "summary: >-\n" in text
    claim.write_text(text.replace("summary: >-\n", f"summary: >-\n  Changed {how} for the "
                                  "warm build.\n", 1), encoding="utf-8")
    return project


def top_claimant(project: Path) -> str:
    """The name of the claimant with the most claims: a query by a whole name."""
    names: dict[str, int] = {}
    for claim in (project / "claims").glob("*.yaml"):
        for line in claim.read_text(encoding="utf-8").splitlines():
            if line.startswith("claimant: "):
                name = line.split(": ", 1)[1].strip().strip("'\"")
                names[name] = names.get(name, 0) + 1
    return max(sorted(names), key=lambda n: names[n])


# -- output -----------------------------------------------------------------------------

def output_figures(site: Path, n: int) -> dict[str, Any]:
    total = 0
    largest = (0, "")
    claim_pages = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(site).as_posix()
        if rel.endswith(".html") and size > largest[0]:
            largest = (size, rel)
        if rel.startswith("claims/") and rel.endswith("/index.html") and \
                "/page/" not in rel and rel != "claims/index.html":
            claim_pages.append(size)
    search = site / "search" / "search_index.json"
    index = site / "search" / "index"
    index_bytes = sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) \
        if index.is_dir() else 0
    return {"site_bytes": total, "bytes_per_claim": total / n,
            "claim_page_bytes": statistics.mean(claim_pages) if claim_pages else 0,
            "largest_page_bytes": largest[0], "largest_page": largest[1],
            "material_index_bytes": search.stat().st_size if search.is_file() else 0,
            "index_bytes": index_bytes}


# -- search in Chromium -----------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser closing a connection early is no news


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    server = _Server(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def _is_search_request(url: str) -> bool:
    return any(part in url for part in ("/search/", "/workers/search", "/javascripts/lunr/"))


# Types the query one key at a time, `delay` ms apart, with the key-up Material reads, and
# times from the last key to the first result shown after it, in the page itself: no
# test-driver delay counts.
_TYPED_JS = """async ([query, delay, patience]) => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  box.focus();
  let last = null;
  const first = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (last !== null && list.querySelector(".md-search-result__item")) {
        observer.disconnect();
        resolve(performance.now() - last);
      }
    });
    observer.observe(list, {childList: true, subtree: true});
  });
  for (let i = 1; i <= query.length; i++) {
    box.value = query.slice(0, i);
    box.dispatchEvent(new KeyboardEvent("keyup", {key: query[i - 1], bubbles: true}));
    if (i === query.length) last = performance.now();
    else await new Promise((done) => setTimeout(done, delay));
  }
  // No result in time: -1 (a query that finds nothing would otherwise wait forever).
  return await Promise.race([first, new Promise((done) => setTimeout(() => done(-1),
                                                                      patience))]);
}"""


def search_figures(site: Path, queries: tuple[str, ...] = QUERIES,
                   patience_s: float = 120) -> dict[str, Any]:
    """Seconds from the last key of a query typed at a person's pace to the first result,
    and the bytes search downloaded, for each query in a fresh browser context; a query
    with no result in ``patience_s`` is named, and left out of the worst figures."""
    from playwright.sync_api import sync_playwright

    server, port = _serve(site)
    runs = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM,
                                         args=["--headless", "--no-sandbox", "--disable-gpu"])
            for query in queries:
                context = browser.new_context()  # a cold cache for every query
                page = context.new_page()
                sizes: list[int] = []
                requests: list[tuple[str, int]] = []

                def finished(request: Any, sizes: list[int] = sizes,
                             requests: list[tuple[str, int]] = requests) -> None:
                    if _is_search_request(request.url):
                        try:
                            size = request.sizes()["responseBodySize"]
                        except Exception:  # noqa: BLE001 - a request the page dropped
                            return
                        sizes.append(size)
                        requests.append((request.url.split("/", 3)[-1], size))

                page.on("requestfinished", finished)
                page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
                took = page.evaluate(_TYPED_JS, [query, KEY_DELAY_MS, patience_s * 1000]) / 1000
                if took < 0:  # kept out of the worst figures, and named
                    print(f"  search: no result for {query!r}", file=sys.stderr)
                _quiet(page, requests)  # what the query goes on to fetch is its too
                items = page.locator(".md-search-result__item").count()
                runs.append({"query": query, "first_result_s": took if took >= 0 else None,
                             "search_bytes": sum(sizes), "results_shown": items,
                             "requests": len(requests),
                             "largest": sorted(requests, key=lambda r: -r[1])[:5]})
                context.close()
            browser.close()
    finally:
        server.shutdown()
    found = [r for r in runs if r["first_result_s"] is not None]
    # No result in time for any query (Material's whole index at 50,000 claims): a
    # figure of its own, not a crash that loses the run's others.
    return {"runs": runs,
            "worst_s": max(r["first_result_s"] for r in found) if found else None,
            "worst_bytes": max(r["search_bytes"] for r in found or runs),
            "no_result": [r["query"] for r in runs if r["first_result_s"] is None],
            "patience_s": patience_s}


def _quiet(page: Any, requests: list[tuple[str, int]], quiet_s: float = 1.5,
           patience_s: float = 30) -> None:
    """Wait until search has fetched nothing for ``quiet_s`` (the results after the
    first ones come later). Playwright's "networkidle" is no help: reached once after
    the page loaded, it does not wait again."""
    seen, since = len(requests), time.perf_counter()
    end = since + patience_s
    while time.perf_counter() < end:
        page.wait_for_timeout(100)
        if len(requests) != seen:
            seen, since = len(requests), time.perf_counter()
        elif time.perf_counter() - since >= quiet_s:
            return


def slim_material_index(site: Path) -> None:
    """Rewrite Material's index in place to what readers look for on a claim page.

    The slim design measured against the chosen search: a claim page keeps one entry of its
    title (the claim), claimant, short answer, tags and verdict; no explanation text.
    """
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = []
    for doc in index["docs"]:
        location = doc["location"]
        if re.fullmatch(r"claims/(?!page/)[^/#]+/(#.*)?", location):
            if "#" in location:
                if location.endswith("#the-short-answer"):
                    docs[-1]["text"] += " " + doc["text"]
                continue
            head = doc["text"][:300]
            docs.append({"location": location, "title": doc["title"], "text": head})
        else:
            docs.append(doc)
    index["docs"] = docs
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


# -- live preview -----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: What the preview logs once every page is up to date after a save (generator/quick_preview.py).
WHOLE = "every page of the preview is up to date"


def preview_figures(project: Path, saves: int = 3, timeout_s: float = 300) -> dict[str, Any]:
    """Seconds from saving a claim to `mkdocs serve --dirty` serving the rebuilt page."""
    port = _free_port()
    log: list[str] = []
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                             "--dirty", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.append(line)

    threading.Thread(target=read, daemon=True).start()
    claim = sorted((project / "claims").glob("*.yaml"))[len(list((project / "claims")
                                                                  .glob("*.yaml"))) // 2]
    site_url = yaml.safe_load((project / "mkdocs.yml").read_text()).get("site_url") or "/"
    mount = urllib.parse.urlsplit(site_url).path.rstrip("/")  # where mkdocs serve puts it
    url = f"http://127.0.0.1:{port}{mount}/claims/{claim.stem}/"
    original = claim.read_text(encoding="utf-8")
    times = []
    try:
        start = time.perf_counter()
        while not any("Serving on" in line for line in log):
            if proc.poll() is not None or time.perf_counter() - start > timeout_s:
                raise SystemExit("mkdocs serve did not start:\n" + "".join(log[-40:]))
            time.sleep(0.1)
        first_build = time.perf_counter() - start
        for i in range(saves):
            time.sleep(1.5)  # let the watcher settle
            marker = f"Benchmark edit number {i + 1}."
            claim.write_text(original.replace("summary: >-\n", f"summary: >-\n  {marker}\n", 1),
                             encoding="utf-8")
            saved = time.perf_counter()
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        if marker in response.read().decode("utf-8"):
                            break
                except OSError:
                    pass
                if time.perf_counter() - saved > timeout_s:
                    raise SystemExit("the page was not rebuilt:\n" + "".join(log[-40:]))
                time.sleep(0.05)
            times.append(time.perf_counter() - saved)
        last = len(log)
        while not any(WHOLE in line for line in log[last:]):
            if time.perf_counter() - saved > timeout_s:
                raise SystemExit("the rest of the preview was not built:\n" + "".join(log[-40:]))
            time.sleep(0.05)
        whole = time.perf_counter() - saved
    finally:
        claim.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    return {"first_build_s": first_build, "save_to_served_s": times,
            "worst_s": max(times), "whole_after_last_save_s": whole}


# -- report -----------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def _mb(value: float) -> str:
    return f"{value / 1_000_000:.2f} MB"


def table(results: list[dict[str, Any]]) -> str:
    rows: list[tuple[str, ...]] = []
    head = ("figure", *(f"N = {r['n']:,}" for r in results))

    def row(name: str, fn: Any) -> None:
        cells = []
        for r in results:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("–")
        rows.append((name, *cells))

    row("generator: load (read + parse)", lambda r: f"{r['gen']['load_s']:.2f} s")
    row("generator: validate", lambda r: f"{r['gen']['validate_s']:.2f} s")
    row("generator: render", lambda r: f"{r['gen']['render_s']:.2f} s")
    row("factcheck plugin, all events in the build",
        lambda r: f"{r['build']['plugins_s'].get('factcheck', 0):.2f} s")
    row("plugin share of the build",
        lambda r: f"{r['build']['plugins_s'].get('factcheck', 0) / r['build']['wall_s']:.1%}")
    row("full build (factcheck), cold", lambda r: _runs(r["build"]))
    row("full build (baseline)", lambda r: _runs(r["base"]))
    row("cold build / baseline", lambda r: f"{r['build']['wall_s'] / r['base']['wall_s']:.2f}")
    row("warm build: one claim changed", lambda r: f"{r['warm']['wall_s']:.1f} s "
        f"(median of {', '.join(f'{t:.1f}' for t in r['warm']['wall_runs'])} s; "
        f"{r['warm']['pages_kept']:,} of {r['warm']['pages']:,} pages kept; "
        f"{r['warm'].get('sampled_wall_s', 0):.1f} s with the memory sampler)")
    row("build time per claim", lambda r: f"{r['build']['wall_s'] / r['n'] * 1000:.1f} ms")
    row("baseline time per claim", lambda r: f"{r['base']['wall_s'] / r['n'] * 1000:.1f} ms")
    row("search plugin in the build (factcheck / baseline)",
        lambda r: f"{r['build']['plugins_s'].get('material/search', 0):.1f} s / "
                  f"{r['base']['plugins_s'].get('material/search', 0):.1f} s")
    row("peak memory, all processes (factcheck), cold / warm",
        lambda r: f"{r['build']['peak_pss_mb']:.0f} MB / {r['warm']['peak_pss_mb']:.0f} MB")
    row("peak memory, MkDocs' process (factcheck), cold / warm",
        lambda r: f"{r['build']['maxrss_mb']:.0f} MB / {r['warm']['maxrss_mb']:.0f} MB")
    row("peak memory (baseline)", lambda r: f"{r['base']['maxrss_mb']:.0f} MB")
    row("output bytes per claim (factcheck)", lambda r: f"{r['out']['bytes_per_claim']:,.0f}")
    row("output bytes per claim (baseline)", lambda r: f"{r['base_out']['bytes_per_claim']:,.0f}")
    row("mean claim page", lambda r: f"{r['out']['claim_page_bytes']:,.0f} B")
    row("largest page (factcheck)", lambda r: f"{r['out']['largest_page_bytes']:,} B "
                                              f"({r['out']['largest_page']})")
    row("search index on disk (factcheck)",
        lambda r: _mb(r['out']['index_bytes'] + r['out']['material_index_bytes']))
    row("search index on disk (baseline)", lambda r: _mb(r['base_out']['material_index_bytes']))
    for key, name in (("search", "factcheck"), ("search_slim", "slim Material index"),
                      ("search_base", "baseline, Material default")):
        row(f"search: last key to first result ({name}), worst query",
            lambda r, key=key: _worst_search(r[key]))
        row(f"search: bytes downloaded ({name}), worst query",
            lambda r, key=key: _mb(r[key]['worst_bytes']))
    row("preview: save to served page (worst of 3)",
        lambda r: f"{r['preview']['worst_s']:.2f} s")
    row("preview: last save to every page up to date",
        lambda r: f"{r['preview']['whole_after_last_save_s']:.2f} s"
        if "whole_after_last_save_s" in r["preview"] else "–")

    widths = [max(len(str(x[i])) for x in (head, *rows)) for i in range(len(head))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(head), "| " + " | ".join("-" * w for w in widths) + " |",
                      *map(line, rows)])


def _runs(figures: dict[str, Any]) -> str:
    """A build's time, and every run's when it is the median of several."""
    runs = figures.get("wall_runs", [])
    return f"{figures['wall_s']:.1f} s" + (
        f" (median of {', '.join(f'{t:.1f}' for t in runs)} s)" if len(runs) > 1 else "")


def _worst_search(figures: dict[str, Any]) -> str:
    missed = figures["no_result"]
    if figures["worst_s"] is None:
        return f"no result in {figures.get('patience_s', '?')} s for any of {len(missed)}"
    return f"{figures['worst_s']:.2f} s" + (
        f" (no result for {len(missed)} of {len(figures['runs'])})" if missed else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000],
                        help="numbers of claims (default: 1000 10000)")
    parser.add_argument("--with-25k", action="store_true", help="also N = 25,000")
    parser.add_argument("--project", type=Path, default=REPO,
                        help="the project whose settings, pages and seeds to use "
                             "(default: this one)")
    parser.add_argument("--work", type=Path, help="folder for the projects (default: a temp)")
    parser.add_argument("--keep", action="store_true", help="keep the projects and sites")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--baseline-up-to", type=int, metavar="N",
                        help="plain MkDocs only for sizes up to N (it takes 22 min at 50,000)")
    parser.add_argument("--cold-runs", type=int, default=3, metavar="K",
                        help="cold builds of each project, in turns, where plain MkDocs is "
                             "built too; the median is the figure (default: 3)")
    parser.add_argument("--skip-search", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--slim", action="store_true",
                        help="also measure search with a slimmed Material index")
    parser.add_argument("--profile", action="store_true",
                        help="write a cProfile of each factcheck build (slower)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--json", type=Path, help="also save every figure to this file")
    args = parser.parse_args()
    sizes = sorted(set(args.n + ([25_000] if args.with_25k else [])))

    work = args.work or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}\nwork: {work}", file=sys.stderr)
    results: list[dict[str, Any]] = []

    def save() -> None:
        if args.json:
            args.json.write_text(json.dumps({"machine": machine(), "results": results},
                                            indent=1))

    try:
        for n in sizes:
            r: dict[str, Any] = {"n": n}
            results.append(r)  # saved after each step: a step that fails loses only its own
            baseline_here = not args.skip_baseline and (args.baseline_up_to is None
                                                         or n <= args.baseline_up_to)
            print(f"N = {n}: making the projects", file=sys.stderr)
            project, baseline = make_projects(work / f"n{n}", n, args.project)
            print("  generator", file=sys.stderr)
            r["gen"] = generator_step(project)
            profile = str(work / f"n{n}" / "build.prof") if args.profile else None
            if baseline_here:
                print(f"  factcheck and baseline builds, cold, {args.cold_runs} of each",
                      file=sys.stderr)
                r["build"], r["base"] = cold_steps([project, baseline], args.cold_runs,
                                                   profile)
                r["base_out"] = output_figures(baseline / "site", n)
            else:
                print("  factcheck build", file=sys.stderr)
                r["build"], = cold_steps([project], 1, profile)
            r["out"] = output_figures(project / "site", n)
            save()
            print("  warm build", file=sys.stderr)
            r["warm"] = warm_step(project)
            save()
            if not args.skip_search:
                print("  search", file=sys.stderr)
                queries = (*QUERIES, top_claimant(project))
                r["search"] = search_figures(project / "site", queries, patience_s=10)
                save()
                if baseline_here:
                    r["search_base"] = search_figures(baseline / "site", queries)
                    if args.slim:
                        slim_material_index(baseline / "site")
                        r["search_slim"] = search_figures(baseline / "site", queries)
                        r["base_out"]["slim_index_bytes"] = (
                            baseline / "site" / "search" / "search_index.json").stat().st_size
            if not args.skip_serve and n == (10_000 if 10_000 in sizes else sizes[0]):
                print("  preview", file=sys.stderr)
                r["preview"] = preview_figures(project)
            print(json.dumps(r), file=sys.stderr)
            save()
            if not args.keep:
                shutil.rmtree(work / f"n{n}")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"Machine: {machine()}\n" if args.markdown else "")
    print(table(results))


if __name__ == "__main__":
    main()
