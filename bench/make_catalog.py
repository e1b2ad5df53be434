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

from catalog_app.services.catalog import Catalog, move_catalog_file  # noqa: E402
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
            # The data set imported as the app imports it, then its works again and again with numbered titles.
            catalog.import_file(str(DATA))
            document = catalog.document()
            base, people = [{**record, "id": None} for record in document.works], document.people
            target = 1_000_000
            with repo.write_transaction(catalog.db):
                batch: list[dict] = []
                made = len(base)
                copy = 2
                while made < target:
                    for record in base:
                        if made >= target:
                            break
                        batch.append({**record, "title": f"{record['title']} ({copy})"})
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
    """The catalog at `path`, built first if it is not there; built beside it and renamed when complete, so that
    a build cut short leaves nothing a later run would take for a catalog."""
    if not path.exists():
        building = path.with_name(f".{path.name}.building")
        for leftover in (building, building.with_name(building.name + "-wal"),
                         building.with_name(building.name + "-shm")):
            leftover.unlink(missing_ok=True)
        seconds = build(size, building)
        move_catalog_file(building, path)
        print(f"built {path} ({DERIVATION[size]}) in {seconds:.0f} s", file=sys.stderr)
    return path


if __name__ == "__main__":
    ensure(sys.argv[1], Path(sys.argv[2]))
