"""Share cards at archive scale: cards per second, drawn (cold) and from the cache (warm).

    .venv/bin/python bench/cards.py               # N = 1,000
    .venv/bin/python bench/cards.py --n 1000 10000

For each N it makes N synthetic claims (bench/synth.py) and measures, each in this
process with a fresh cache folder:

- draw, one process: the time :func:`generator.card_image.draw_card` takes per card
  in this process, wall and CPU (on a busy machine, the CPU time is the cost of a card);
- cold: :class:`generator.cards.ShareCards` as the plugin uses it (the keys, the worker
  processes, the copies into a site folder), from an empty cache to the last card
  written;
- warm: the same again, with every card in the cache.

It prints cards per second and milliseconds per card for each, and the mean card's
size. The machine is shared: compare figures of one run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synth import make_claims  # noqa: E402

from generator.card_image import draw_card  # noqa: E402
from generator.card_layout import card_spec  # noqa: E402
from generator.cards import ShareCards  # noqa: E402
from generator.model import Claim, Settings  # noqa: E402
from generator.project import load_project, settings_from_options  # noqa: E402


def synthetic_claims(n: int, work: Path) -> tuple[list[Claim], Settings]:
    """``n`` synthetic claims, validated as the plugin would."""
    synth = make_claims(n)
    for folder, files in (("claims", synth.claims), ("seeds", synth.seeds)):
        (work / folder).mkdir(parents=True)
        for name, text in files.items():
            (work / folder / name).write_text(text, encoding="utf-8")
    settings, problems = settings_from_options({"site_name": "Portland Fact Check",
                                                "site_url": "https://example.org/"})
    assert not problems, problems
    project = load_project(work, settings)
    assert not project.problems, project.problems[:3]
    return project.claims, settings


def measure(n: int, sample: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="cards-bench-") as folder:
        work = Path(folder)
        claims, settings = synthetic_claims(n, work)
        specs = [card_spec(claim, settings) for claim in claims[:sample]]
        draw_card(specs[0])  # fonts and the verdict's parts, once per process
        start, cpu = time.perf_counter(), time.process_time()
        sizes = [len(draw_card(spec)) for spec in specs]
        figures = {"draw": (time.perf_counter() - start) / len(specs),
                   "draw_cpu": (time.process_time() - cpu) / len(specs),
                   "bytes": statistics.mean(sizes)}
        for run in ("cold", "warm"):
            site = work / f"site-{run}"
            cards = ShareCards(work / "cache")
            start = time.perf_counter()
            cards.start(claims, settings, str(site))
            cards.finish()
            figures[run] = (time.perf_counter() - start) / n
            assert len(list((site / "assets" / "cards").iterdir())) == n
            figures[f"{run}_drawn"] = cards.drawn
            shutil.rmtree(site)
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000],
                        help="numbers of claims (default: 1000)")
    parser.add_argument("--sample", type=int, default=300,
                        help="cards drawn in this process to time one card (default: 300)")
    args = parser.parse_args()
    print("| N | draw, one process | CPU per card | cold (workers, from nothing) "
          "| warm (from the cache) | mean card |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n in args.n:
        f = measure(n, min(n, args.sample))
        print(f"| {n:,} | {1 / f['draw']:.0f} cards/s ({1000 * f['draw']:.1f} ms) "
              f"| {1000 * f['draw_cpu']:.1f} ms "
              f"| {1 / f['cold']:.0f} cards/s ({1000 * f['cold']:.1f} ms; "
              f"{f['cold_drawn']:,} drawn) "
              f"| {1 / f['warm']:,.0f} cards/s ({1000 * f['warm']:.2f} ms; "
              f"{f['warm_drawn']:,} drawn) | {f['bytes'] / 1000:.1f} kB |", flush=True)


if __name__ == "__main__":
    main()
