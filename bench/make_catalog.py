"""Build the benchmark catalogs from the real IMDb data set: 58,788 works as they are, or 1,000,000 works made
by repeating each row with a numbered title ("Star Wars (2)", "Star Wars (3)"...), keeping year, runtime,
genres and ratings. The derivation is stated in every benchmark's output.

Usage: bench/make_catalog.py {58k|1m} PATH   (rebuilt only when PATH is missing)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog_app.services.catalog import Catalog  # noqa: E402
from catalog_app.services.formats import csv_table  # noqa: E402
from catalog_app.store import search, works as repo  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "imdb-movies-58k.csv"
DERIVATION = {
    "58k": "the 58,788 rows of imdb-movies-58k.csv",
    "1m": "imdb-movies-58k.csv repeated with numbered titles ('Title (2)' ...) up to 1,000,000 works",
}


def build(size: str, path: Path) -> float:
    start = time.perf_counter()
    with Catalog.open(str(path)) as catalog:
        if size == "58k":
            catalog.import_file(str(DATA))
        else:
            with open(DATA, encoding="utf-8", newline="") as stream:
                _, records, people = csv_table.read_rows(stream, DATA.name)
                base = list(records)
            target = 1_000_000
            with repo.write_transaction(catalog.db):
                batch: list[dict] = []
                made = 0
                copy = 1
                while made < target:
                    for record in base:
                        if made >= target:
                            break
                        batch.append(record if copy == 1 else {**record, "title": f"{record['title']} ({copy})"})
                        made += 1
                        if len(batch) == 10_000:
                            repo.add_works(catalog.db, batch, people, default_source=("import", DATA.name))
                            batch = []
                            print(f"\r{made:,} works", end="", file=sys.stderr, flush=True)
                    copy += 1
                if batch:
                    repo.add_works(catalog.db, batch, people, default_source=("import", DATA.name))
                search.tidy_index(catalog.db)  # as an import of the app does
            print(file=sys.stderr)
            catalog.db.execute_sql("ANALYZE")
    return time.perf_counter() - start


def ensure(size: str, path: Path) -> Path:
    if not path.exists():
        seconds = build(size, path)
        print(f"built {path} ({DERIVATION[size]}) in {seconds:.0f} s", file=sys.stderr)
    return path


if __name__ == "__main__":
    ensure(sys.argv[1], Path(sys.argv[2]))
