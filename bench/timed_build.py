"""Run one measured step of the benchmark in a fresh process, and print its figures as JSON.

    python bench/timed_build.py generator PROJECT   # load, validate, render: seconds each
    python bench/timed_build.py build PROJECT [--profile FILE]

``build`` runs ``mkdocs build`` in this process, as the ``mkdocs`` command does, with a
stopwatch around every plugin event, and reports the peak memory of this process and of
the programs it started (the Pagefind indexer). bench.py starts one process per step so
that no step's caches or memory flatter another's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def generator_times(root: Path) -> dict[str, Any]:
    """Seconds spent loading (reading and parsing), validating and rendering the claims."""
    from mkdocs.config import load_config

    from generator import load, project, render
    from generator.plugin import plugin_settings

    config = load_config(str(root / "mkdocs.yml"))
    settings = plugin_settings(config.plugins["factcheck"].config, config)
    claim_files = sorted((root / settings.claims_dir).glob("*.yaml"))

    start = time.perf_counter()
    for path in claim_files:
        text, _ = load.read_text(str(path), path.name)
        load.parse_yaml(text or "", path.name)
    parsed = time.perf_counter()
    loaded = project.load_project(root, settings, include_drafts=False)
    validated = time.perf_counter()
    pages = render.render_site(loaded.claims, loaded.seeds, settings)
    rendered = time.perf_counter()
    assert not loaded.problems, loaded.problems[:5]
    return {"claims": len(loaded.claims), "pages": len(pages),
            "load_s": parsed - start,
            # load_project reads and parses again before it validates.
            "validate_s": max(0.0, (validated - parsed) - (parsed - start)),
            "render_s": rendered - validated}


def build_times(root: Path, profile: str | None) -> dict[str, Any]:
    """Build the site in ``root`` and time each plugin's events."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    rss_log = _measure_indexer(root)
    start = time.perf_counter()
    config = load_config(str(root / "mkdocs.yml"))
    per_plugin: dict[str, float] = defaultdict(float)
    owners = {id(plugin): name for name, plugin in config.plugins.items()}
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            owner = owners.get(id(getattr(method, "__self__", None)), "other")
            methods[i] = _timed(method, f"{owner}.{event}", per_plugin)
    config.plugins.on_startup(command="build", dirty=False)
    if profile:
        import cProfile

        cProfile.runctx("build(config)", globals(), {"build": build, "config": config},
                        filename=profile)
    else:
        build(config)
    config.plugins.on_shutdown()
    took = time.perf_counter() - start
    by_plugin: dict[str, float] = defaultdict(float)
    for key, seconds in per_plugin.items():
        by_plugin[key.split(".")[0]] += seconds
    return {"build_s": took, "plugins_s": dict(by_plugin),
            "events_s": {k: round(v, 3) for k, v in sorted(per_plugin.items())},
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "indexer_maxrss_mb": max((int(x) for x in rss_log.read_text().split()),
                                     default=0) / 1024 if rss_log.is_file() else 0,
            "at": dt.datetime.now().isoformat(timespec="seconds")}


def _measure_indexer(root: Path) -> Path:
    """Run the Pagefind indexer under /usr/bin/time; the file its peak memory goes to.

    RUSAGE_CHILDREN cannot tell: Linux counts a child started from this process at this
    process's own peak.
    """
    rss_log = root / "indexer-maxrss.txt"
    rss_log.unlink(missing_ok=True)
    if not Path("/usr/bin/time").is_file():
        return rss_log
    from generator.search import indexer

    program = indexer()
    if program is None:
        return rss_log
    wrapper = root / "pagefind-timed.sh"
    wrapper.write_text(f'#!/bin/sh\nexec /usr/bin/time -a -o "{rss_log}" -f "%M" '
                       f'"{program}" "$@"\n')
    wrapper.chmod(0o755)
    os.environ["PAGEFIND_BINARY_PATH"] = str(wrapper)
    return rss_log


def _timed(method: Any, key: str, totals: dict[str, float]) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            totals[key] += time.perf_counter() - start
    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("step", choices=("generator", "build"))
    parser.add_argument("project", type=Path)
    parser.add_argument("--profile", help="write a cProfile of the build to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if args.step == "generator":
        result = generator_times(args.project)
    else:
        result = build_times(args.project, args.profile)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
