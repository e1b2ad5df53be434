"""Importing people's own exports (real files from ../shared/fixtures/exports): Letterboxd, IMDb, MyAnimeList,
Trakt, Tellico and Kodi, and a personal ratings table made from one MovieLens user's first 2,000 ratings
(../shared/data/movielens-ratings-100k.csv; the target is under 1 s), into an empty catalog and then again into the
same one (everything matched, nothing new).

Prints a table of medians over several runs (a fresh catalog each run). `.venv/bin/python bench/personal_import.py`
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

EXPORTS = ROOT.parent / "shared" / "fixtures" / "exports"
MOVIELENS = ROOT.parent / "shared" / "data" / "movielens-ratings-100k.csv"
FILES = [("Letterboxd export folder", EXPORTS / "letterboxd"),
         ("IMDb ratings (cp1252)", EXPORTS / "imdb" / "ratings_2021_large.rollekino.csv"),
         ("MyAnimeList XML", EXPORTS / "mal" / "animelist_nuck.kitsu.xml"),
         ("Trakt JSON folder", EXPORTS / "trakt"),
         ("Tellico .tc", EXPORTS / "tellico" / "movies-many.tc"),
         ("Kodi .nfo folder", EXPORTS / "kodi_nfo")]


def movielens_ratings(folder: str, user: str = "547", rows: int = 2000) -> Path:
    """One MovieLens user's first `rows` ratings as the CSV a person would export: title, year, genres, their ½–5
    stars and the time they rated (the mapping step reads these as their rating and a viewing date)."""
    import csv
    path = Path(folder) / f"movielens-user-{user}.csv"
    with open(MOVIELENS, encoding="utf-8", newline="") as source, open(path, "w", encoding="utf-8",
                                                                       newline="") as out:
        reader = csv.DictReader(source)
        writer = csv.writer(out)
        writer.writerow(["title", "year", "genres", "rating", "timestamp"])
        taken = 0
        for row in reader:
            if row["userId"] == user and taken < rows:
                writer.writerow([row["title"], row["year"].split(".")[0], row["genres"], row["rating"],
                                 row["timestamp"]])
                taken += 1
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    made = tempfile.TemporaryDirectory()
    files = FILES + [("MovieLens user, 2,000 ratings", movielens_ratings(made.name))]
    first: dict[str, list[float]] = {label: [] for label, _ in files}
    again: dict[str, list[float]] = {label: [] for label, _ in files}
    rows: dict[str, int] = {}
    for _ in range(args.runs):
        for label, path in files:
            with tempfile.TemporaryDirectory() as tmp, Catalog.open(f"{tmp}/c.sqlite") as catalog:
                start = time.perf_counter()
                result = catalog.import_file(str(path))
                first[label].append(time.perf_counter() - start)
                rows[label] = len(result.plan.new) + len(result.plan.matched) + len(result.plan.doubtful)
                start = time.perf_counter()
                catalog.import_file(str(path))
                again[label].append(time.perf_counter() - start)
    print(f"Personal exports, median of {args.runs} runs (read, plan, one transaction)")
    print(f"| {'file':<30} | {'works':>6} | {'empty catalog':>13} | {'again (all matched)':>19} | {'works/s':>8} |")
    print(f"|{'-' * 32}|{'-' * 8}|{'-' * 15}|{'-' * 21}|{'-' * 10}|")
    for label, _ in files:
        a, b = statistics.median(first[label]), statistics.median(again[label])
        print(f"| {label:<30} | {rows[label]:>6,} | {a:>11.2f} s | {b:>17.2f} s | {rows[label] / a:>8,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
