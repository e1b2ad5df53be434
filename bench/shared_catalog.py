"""How a shared catalog behaves with several clients: how soon one hears another's save, and how many edits four
writers get through together, on PostgreSQL and (for comparison) on one SQLite file.

    .venv/bin/python bench/shared_catalog.py [--runs 3] [--edits 100]

Needs PostgreSQL (a throw-away server is started, as the tests do: tests/pg_cluster.py). Prints a table: the time
from another process's commit to this one's listener hearing it (median of --runs saves, each timed), and four
processes each making --edits read-modify-save edits on works of their own (median of --runs rounds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CLIENT = str(ROOT / "tests" / "shared_client.py")
WRITERS = 4
WORKS_EACH = 5


def hearing_delays(url: str, runs: int) -> list[float]:
    from PySide6.QtCore import QCoreApplication, QObject, Slot

    from catalog_app.services.catalog import Catalog
    from catalog_app.services.live import ChangeListener

    app = QCoreApplication.instance() or QCoreApplication(sys.argv)
    heard: list[float] = []

    class Receiver(QObject):
        @Slot(object)
        def on_works(self, _ids: object) -> None:
            heard.append(time.time())

    with Catalog.open(url) as catalog:
        work_id = catalog.add_new("Timed")
        listener = ChangeListener.for_database(catalog.db)
        receiver = Receiver()
        listener.works_changed.connect(receiver.on_works)
        listener.start()
        while not listener.listening.is_set():
            app.processEvents()
        delays = []
        for n in range(runs):
            heard.clear()
            done = subprocess.run([sys.executable, CLIENT, url, "set", str(work_id), "tagline", f"take {n}"],
                                  capture_output=True, text=True, check=True)
            committed = float(done.stdout.split()[1])
            deadline = time.time() + 5
            while not heard and time.time() < deadline:
                app.processEvents()
                time.sleep(0.001)
            delays.append(heard[0] - committed)
        listener.stop()
    return delays


def writers_round(url: str, edits: int) -> float:
    """Edits per second of four writers at once, each on works of its own."""
    from catalog_app.services.catalog import Catalog
    with Catalog.open(url) as catalog:
        works = [catalog.add_new(f"Writer work {n}") for n in range(WRITERS * WORKS_EACH)]
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, CLIENT, url, "tag-loop", f"b{k}-{time.time_ns()}", str(edits),
                               *map(str, works[k * WORKS_EACH:(k + 1) * WORKS_EACH])],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(WRITERS)]
    for proc in procs:
        _out, err = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"a writer failed: {err.strip().splitlines()[-1:]}")
    return WRITERS * edits / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=100)
    args = parser.parse_args()
    import pg_cluster
    base, reason = pg_cluster.server_url()
    if base is None:
        print(f"no PostgreSQL: {reason}", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="starlight-shared-bench-"))
    os.environ.setdefault("STARLIGHT_DATA_DIR", str(folder / "data"))
    os.environ.setdefault("STARLIGHT_CACHE_DIR", str(folder / "cache"))
    url = pg_cluster.fresh_database(base)
    try:
        delays = hearing_delays(url, args.runs)
        pg_rates = [writers_round(url, args.edits) for _ in range(args.runs)]
    finally:
        pg_cluster.drop_database(url)
    sqlite_rates = [writers_round(str(folder / f"bench-{n}.sqlite"), args.edits) for n in range(args.runs)]

    pg, lite = statistics.median(pg_rates), statistics.median(sqlite_rates)
    print(f"{'measure':<58} {'median':>10} {'runs':>24}")
    print(f"{'another client commits, the listener hears it':<58} {statistics.median(delays) * 1000:>7.1f} ms "
          f"{', '.join(f'{d * 1000:.0f}' for d in delays):>24}")
    print(f"{f'{WRITERS} writers x {args.edits} edits, PostgreSQL (edits/s)':<58} {pg:>10.0f} "
          f"{', '.join(f'{r:.0f}' for r in pg_rates):>24}")
    print(f"{f'{WRITERS} writers x {args.edits} edits, one SQLite file (edits/s)':<58} {lite:>10.0f} "
          f"{', '.join(f'{r:.0f}' for r in sqlite_rates):>24}")
    print(f"{'PostgreSQL / SQLite':<58} {pg / lite:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
