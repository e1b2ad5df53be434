"""Catalog-core figures on the real 58,788-title IMDb data set: import, export, re-import and search.

Prints a table of medians over several runs (fresh catalog each run). Run with `make bench` or
`.venv/bin/python bench/import_speed.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog_app.services.catalog import Catalog  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "imdb-movies-58k.csv"
SEARCHES = ["star", "title:love year:1990..1999", "genre:animation", "별에", "rating.imdb:>=8 -genre:drama"]


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    csv_times, export_times, json_times = [], [], []
    search_times: dict[str, list[float]] = {q: [] for q in SEARCHES}
    hits: dict[str, int] = {}
    works = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            with Catalog.open(f"{tmp}/a.sqlite") as catalog:
                seconds, result = timed(lambda: catalog.import_file(str(DATA)))
                csv_times.append(seconds)
                works = result.works
                for query in SEARCHES:
                    for _ in range(5):
                        seconds, found = timed(lambda: catalog.find(query, limit=200))
                        search_times[query].append(seconds)
                    hits[query] = catalog.count(query)
                seconds, _ = timed(lambda: catalog.export_file(f"{tmp}/a.json"))
                export_times.append(seconds)
            with Catalog.open(f"{tmp}/b.sqlite") as catalog:
                seconds, _ = timed(lambda: catalog.import_file(f"{tmp}/a.json"))
                json_times.append(seconds)

    def row(label: str, times: list[float], target: float | None = None) -> str:
        median = statistics.median(times)
        rate = f"{works / median:>10,.0f}"
        goal = f"{target:>6.1f} s" if target else "     —  "
        ratio = f"{target / median:>5.1f}×" if target else "    — "
        return f"| {label:<38} | {median:>8.2f} s | {rate} | {goal} | {ratio} |"

    print(f"Catalog core on {DATA.name} ({works:,} works), median of {args.runs} runs, fresh catalog each run")
    print(f"| {'step':<38} | {'median':>10} | {'works/s':>10} | {'target':>8} | {'margin':>6} |")
    print(f"|{'-' * 40}|{'-' * 12}|{'-' * 12}|{'-' * 10}|{'-' * 8}|")
    print(row("import CSV (plan + one transaction)", csv_times, 5.0))
    print(row("export Starlight JSON", export_times))
    print(row("import Starlight JSON (new catalog)", json_times))
    print(f"CSV import runs: {', '.join(f'{t:.2f} s' for t in csv_times)}")
    print()
    print(f"| {'search (first 200, in title order)':<38} | {'median':>10} | {'matches':>10} |")
    print(f"|{'-' * 40}|{'-' * 12}|{'-' * 12}|")
    for query in SEARCHES:
        print(f"| {query:<38} | {statistics.median(search_times[query]) * 1000:>7.1f} ms | {hits[query]:>10,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
