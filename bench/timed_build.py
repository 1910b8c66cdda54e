"""Run one measured step of the benchmark in a fresh process, and print its figures as JSON.

    python bench/timed_build.py generator PROJECT   # load, validate, render: seconds each
    python bench/timed_build.py build PROJECT [--profile FILE]

``build`` runs ``mkdocs build`` in this process, as the ``mkdocs`` command does, with a
stopwatch around every plugin event, and reports the peak memory of this process and of
all the build's processes together (the renderers it forks share most of their memory
with it, so they are counted by their proportional share, PSS, sampled every 20 ms), and
how many generated pages it took from the build cache. bench.py starts one process per step so
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
import threading
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
    logging.getLogger("mkdocs.plugins.factcheck").setLevel(logging.INFO)
    kept = _Kept()
    logging.getLogger("mkdocs.plugins.factcheck").addHandler(kept)
    sampler = _Memory()
    start = time.perf_counter()
    config = load_config(str(root / "mkdocs.yml"))
    per_plugin: dict[str, float] = defaultdict(float)
    owners = {id(plugin): name for name, plugin in config.plugins.items()}
    for event, methods in config.plugins.events.items():
        for i, method in enumerate(methods):
            owner = owners.get(id(getattr(method, "__self__", None)), "other")
            methods[i] = _timed(method, f"{owner}.{event}", per_plugin)
            # MkDocs knows which plugin runs an event by its method (File.generated
            # records it as the file's `generated_by`): the stopwatch must keep that.
            origins = getattr(config.plugins, "_event_origins", {})
            if method in origins:
                origins[methods[i]] = origins[method]
    config.plugins.on_startup(command="build", dirty=False)
    if profile:
        import cProfile

        cProfile.runctx("build(config)", globals(), {"build": build, "config": config},
                        filename=profile)
    else:
        build(config)
    config.plugins.on_shutdown()
    took = time.perf_counter() - start
    sampler.stop()
    by_plugin: dict[str, float] = defaultdict(float)
    for key, seconds in per_plugin.items():
        by_plugin[key.split(".")[0]] += seconds
    return {"build_s": took, "plugins_s": dict(by_plugin),
            "events_s": {k: round(v, 3) for k, v in sorted(per_plugin.items())},
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "peak_pss_mb": sampler.peak / 1024, "pages_kept": kept.kept, "pages": kept.pages,
            "at": dt.datetime.now().isoformat(timespec="seconds")}


class _Memory:
    """The largest sum of PSS of this process and its descendants, sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0  # kB
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._running = False
        self._thread.join()

    def _sample(self) -> None:
        while self._running:
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(os.getpid())))
            time.sleep(0.02)


def _tree(pid: int) -> list[int]:
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    found += _tree(int(child))
    except OSError:
        pass
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class _Kept(logging.Handler):
    """Reads the plugin's line "N of M pages as built before"."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.kept = self.pages = 0

    def emit(self, record: logging.LogRecord) -> None:
        words = record.getMessage().split()
        if "pages as built before" in record.getMessage():
            self.kept, self.pages = int(words[1]), int(words[3])


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
