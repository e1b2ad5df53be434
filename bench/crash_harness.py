"""Crash safety: run the app's write paths in a child process, kill it with SIGKILL at a random moment, and check
that nothing committed was lost and nothing is damaged.

Write paths (each run `--kills` times):
  import     a 12,000-row table (the IMDb data set's first rows) imported into a catalog holding the sample
  edits      a stream of single edits on one catalog that lives through every kill: adds, saves, deletes
  migration  a 3,000-work catalog made by the first schema, brought up to date
  refresh    a bulk metadata refresh of 120 works from a local TMDB server (details and a poster each)

The child prints `BEGIN <op>` before each write and `DONE <op>` once it has returned (committed). After each kill
another process opens the catalog (as the app does: bringing its schema up to date), runs `PRAGMA
integrity_check` and `Catalog.check` (the search index and list rows agree with the tables, foreign keys hold,
image files are there) and dumps what the path wrote; every operation reported DONE must be there, the one in
flight when the kill came may be there or not, whole, and nothing else may have changed.

Usage: .venv/bin/python bench/crash_harness.py [--kills 100] [--paths import,edits,migration,refresh] [--jobs 2]
                                                 [--seed N]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PATHS = ("import", "edits", "migration", "refresh")
IMPORT_ROWS = 12_000
MIGRATION_WORKS = 3_000
REFRESH_WORKS = 120


# ---- the children: each runs one write path and says what it committed -----------------------------------------


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def child_import(db: str, table: str) -> None:
    from catalog_app.services.catalog import Catalog
    with Catalog.open(db) as catalog:
        say("READY")
        say("BEGIN import")
        result = catalog.import_file(table, "csv")
        say(f"DONE import {result.works}")


def child_edits(db: str, seed: int) -> None:
    """Edits forever (until killed): a new work, a save of one field or a few, a delete."""
    from catalog_app.services.catalog import Catalog
    rng = random.Random(seed)
    with Catalog.open(db) as catalog:
        say("READY")
        n = 0
        while True:
            n += 1
            ids = [row[0] for row in catalog.find("", limit=400)]
            choice = rng.random()
            if choice < 0.25 or len(ids) < 5:
                title = f"Crash {seed}-{n} {rng.choice(['별', 'ほし', '星', 'star'])}"
                say(f"BEGIN add {json.dumps(title, ensure_ascii=False)}")
                work_id = catalog.add_new(title, 2000 + n % 25)
                say(f"DONE add {work_id} {json.dumps(title, ensure_ascii=False)}")
            elif choice < 0.9:
                work_id = rng.choice(ids)
                record, people = catalog.load(work_id)
                token = f"edit{seed}x{n}z"  # no token is the start of another
                record["synopsis"] = f"Synopsis {token} " + "lorem ipsum " * rng.randint(0, 200)
                record["tags"] = sorted({*record["tags"][:3], f"tag{n % 7}"})
                record["personal"] = {**(record["personal"] or {}), "notes": f"note {token}"}
                say(f"BEGIN save {work_id} {token}")
                version = catalog.save_work(work_id, record["version"], record, people)
                say(f"DONE save {work_id} {token} {version}")
            else:
                work_id = rng.choice(ids)
                say(f"BEGIN delete {work_id}")
                catalog.delete_works([work_id])
                say(f"DONE delete {work_id}")


def child_migration(db: str) -> None:
    from catalog_app.services.catalog import Catalog
    say("READY")
    say("BEGIN migrate")
    with Catalog.open(db) as catalog:
        say(f"DONE migrate {catalog.count()}")


def child_refresh(db: str) -> None:
    from PySide6.QtCore import QSettings

    from catalog_app.services.bulk_refresh import BulkRefresh, journal_path
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.online import Online, load_settings
    with Catalog.open(db) as catalog:
        online = Online(load_settings(QSettings(str(Path(db).parent / "ui.ini"), QSettings.Format.IniFormat)))
        ids = [row[0] for row in catalog.find("")]
        say("READY")
        say("BEGIN refresh")

        def progress(done: int, total: int, results: list) -> None:
            say("DONE batch " + " ".join(str(r.work_id) for r in results if r.outcome == "changed"))
        BulkRefresh(catalog, online, ids, journal_path(catalog)).run(progress)
        online.close()
        say("DONE refresh")


def child_inspect(db: str, what: str) -> None:
    """Open the catalog as the app does, check it, and print what the checker needs as JSON."""
    connection = sqlite3.connect(db)
    integrity = connection.execute("PRAGMA integrity_check").fetchall()
    connection.close()
    from catalog_app.services.catalog import Catalog
    from catalog_app.store.schema import schema_version
    from catalog_app.store.tables import Work
    out: dict = {"integrity": [r[0] for r in integrity]}
    with Catalog.open(db) as catalog:
        out["problems"] = catalog.check()
        out["stray"] = len(catalog.stray_files())
        out["works"] = catalog.count()
        out["schema"] = schema_version(catalog.db)
        out["indexes"] = sorted(r[0] for r in catalog.db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"))
        if what == "edits":
            rows = Work.select(Work.id, Work.title, Work.synopsis, Work.version).where(Work.parent.is_null()).tuples()
            out["rows"] = {str(i): [t, s, v] for i, t, s, v in rows}
            # The search index must find each edit's token: it agrees with the table, not just in count.
            out["found"] = {}
            for work_id, _, synopsis, _ in rows:
                if synopsis and synopsis.startswith("Synopsis "):
                    hits = catalog.find(synopsis.split()[1], limit=2)
                    out["found"][str(work_id)] = hits[0][0] if len(hits) == 1 else None
        elif what == "migration":
            out["titles"] = [t for (t,) in Work.select(Work.title).order_by(Work.id).tuples()]
        elif what == "refresh":
            out["refreshed"] = sorted(i for (i,) in Work.select(Work.id).where(Work.synopsis.is_null(False)).tuples())
    print(json.dumps(out, ensure_ascii=False))


# ---- the parent: prepare, kill, check ---------------------------------------------------------------------------


@dataclass
class Tally:
    path: str
    kills: int = 0  # the child was still writing when it was killed
    finished: int = 0  # it had finished before the kill came (not counted as a kill)
    survived: int = 0  # kills after which the catalog opened, was sound and held everything committed
    checked: int = 0  # committed operations checked after the kills
    damaged: int = 0  # kills after which integrity_check or the catalog check failed
    stray: int = 0  # files an interrupted write left behind (not damage; `starlight check --tidy` removes them)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Harness:
    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        self.seed = seed
        self.env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                    **{f"STARLIGHT_{p}_URL": "http://127.0.0.1:9/" for p in
                       ("TMDB", "WIKIDATA", "JIKAN", "TVMAZE", "ANILIST", "OMDB")},
                    "STARLIGHT_ALLOWED_HOSTS": "127.0.0.1"}
        self.server: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def child(self, args: list[str], folder: Path) -> subprocess.Popen:
        env = {**self.env, "STARLIGHT_DATA_DIR": str(folder / "data"), "STARLIGHT_CACHE_DIR": str(folder / "cache")}
        return subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)

    def inspect(self, db: Path, what: str) -> dict:
        proc = self.child(["inspect", str(db), what], db.parent)
        out, err = proc.communicate(timeout=300)
        if proc.returncode != 0:
            return {"error": err.strip().splitlines()[-1] if err.strip() else f"exit {proc.returncode}"}
        return json.loads(out.strip().splitlines()[-1])

    def run_and_kill(self, args: list[str], folder: Path, window: float) -> tuple[list[str], bool]:
        """Start a child, wait for it to be ready, kill it `uniform(0, window)` seconds later; returns what it said
        and whether it was still running when killed."""
        proc = self.child(args, folder)
        lines: list[str] = []
        ready = threading.Event()

        def read() -> None:
            for line in proc.stdout:
                lines.append(line.rstrip("\n"))
                if line.startswith("READY"):
                    ready.set()
            ready.set()
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        if not ready.wait(120):
            proc.kill()
            raise RuntimeError("the child never got ready")
        with self.lock:
            delay = self.rng.uniform(0, window)
        time.sleep(delay)
        alive = proc.poll() is None
        if alive:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join()
        err = proc.stderr.read()
        if not alive and proc.returncode != 0:
            raise RuntimeError(f"the child failed before the kill: {err.strip()[-2000:]}")
        return lines, alive

    # -- templates --

    def prepare(self, path: str) -> Path:
        folder = self.folder / f"template-{path}"
        folder.mkdir()
        db = folder / "catalog.sqlite"
        getattr(self, f"prepare_{path}")(db)
        return db

    def prepare_import(self, db: Path) -> None:
        from catalog_app.services.catalog import Catalog
        from catalog_app.services.sample import load_sample
        with Catalog.open(str(db)) as catalog:
            load_sample(catalog)
        with open(SHARED / "data" / "imdb-movies-58k.csv", encoding="utf-8") as source:
            head = [next(source) for _ in range(IMPORT_ROWS + 1)]
        (db.parent / "table.csv").write_text("".join(head), encoding="utf-8")

    def prepare_edits(self, db: Path) -> None:
        self.prepare_import(db)  # the sample
        (db.parent / "table.csv").unlink()

    def prepare_migration(self, db: Path) -> None:
        from catalog_app.store.db import open_database
        from catalog_app.store.schema import migrate
        database = open_database(str(db))
        migrate(database, upto=1)
        with database.atomic():
            for n in range(MIGRATION_WORKS):
                database.execute_sql(
                    "INSERT INTO work (kind, is_anime, title, original_title, sort_title, sort_key, added_at, "
                    "updated_at, version, synopsis) VALUES ('film', 0, ?, ?, ?, ?, '2025-06-01', '2025-06-01', 1, ?)",
                    (f"Old film {n}", f"옛 영화 {n}", f"Old film {n}", f"old film {n}", "words " * 40))
                database.execute_sql("INSERT INTO person (name, sort_key, match_key) VALUES (?, ?, ?)",
                                     (f"Person {n}", f"person {n}", f"person {n}"))
                database.execute_sql("INSERT INTO credit (work_id, person_id, role) VALUES (?, ?, 'director')",
                                     (n + 1, n + 1))
        database.close()

    def prepare_refresh(self, db: Path) -> None:
        from refresh_speed import SERVER, build_catalog, free_port, poster_file  # bench/refresh_speed.py
        build_catalog(db, REFRESH_WORKS)
        port = free_port()
        self.server = subprocess.Popen([sys.executable, "-c", SERVER, str(SHARED / "fixtures" / "tmdb"),
                                        str(poster_file(db.parent)), str(port)], stderr=subprocess.DEVNULL)
        self.env.update({"STARLIGHT_TMDB_URL": f"http://127.0.0.1:{port}/3", "STARLIGHT_TMDB_KEY": "crash",
                         "STARLIGHT_TMDB_IMAGE_URL": f"http://127.0.0.1:{port}/t/p/"})
        time.sleep(0.5)

    # -- one kill --

    def fresh(self, template: Path, name: str) -> Path:
        folder = self.folder / name
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(template.parent, folder)
        return folder / template.name

    def cycle(self, path: str, template: Path, n: int, window: float, tally: Tally, expected: dict) -> None:
        if path == "edits":
            db = template  # one catalog through every kill
            args = ["edits", str(db), str(self.seed * 1000 + n)]
        else:
            db = self.fresh(template, f"{path}-{n % 4}")
            args = [path, str(db)] + ([str(db.parent / "table.csv")] if path == "import" else [])
        lines, killed = self.run_and_kill(args, db.parent, window)
        tally.kills += killed
        tally.finished += not killed
        state = self.inspect(db, path)
        problems = self.judge(path, lines, state, expected, tally)
        if state.get("integrity") != ["ok"] or state.get("problems") or "error" in state:
            tally.damaged += 1
        tally.stray += state.get("stray", 0)
        if problems:
            tally.failures += [f"kill {n}: {p}" for p in problems]
        elif killed:
            tally.survived += 1

    def judge(self, path: str, lines: list[str], state: dict, expected: dict, tally: Tally) -> list[str]:
        if "error" in state:
            return [f"the catalog did not open: {state['error']}"]
        problems = [f"integrity_check: {r}" for r in state["integrity"] if r != "ok"] + state["problems"]
        if state["indexes"] != expected["indexes"]:
            problems.append(f"indexes differ: {sorted(set(expected['indexes']) ^ set(state['indexes']))}")
        done = [line.split() for line in lines if line.startswith("DONE")]
        if path == "import":
            base, whole = expected["works"], expected["works"] + IMPORT_ROWS
            committed = any(d[1] == "import" for d in done)
            tally.checked += committed
            allowed = {whole} if committed else {base, whole}
            if state["works"] not in allowed:
                what = "the committed import is lost" if committed else "a part of the import is there"
                problems.append(f"{what}: {state['works']} works after the kill; expected {sorted(allowed)}")
        elif path == "migration":
            tally.checked += 1
            if state["titles"] != expected["titles"] or state["schema"] != expected["schema"]:
                problems.append("works lost: the migrated catalog does not hold the works it held")
        elif path == "refresh":
            refreshed = set(state["refreshed"])
            committed = {int(i) for d in done if d[1] == "batch" for i in d[2:]}
            tally.checked += len(committed)
            if committed - refreshed:
                problems.append(f"refreshed works lost: {sorted(committed - refreshed)[:5]}")
        else:
            problems += self.judge_edits(lines, state, expected, tally)
        return problems

    def judge_edits(self, lines: list[str], state: dict, expected: dict, tally: Tally) -> list[str]:
        """`expected["edits"]` is each work's committed state, kept across kills: ("title", its title) for a work no
        save changed, ("token", the last save's token), or None once deleted. The operation in flight at the kill
        may have committed or not: either state is right, anything else is not."""
        rows, model = state["rows"], expected["edits"]
        in_flight: list[str] = []
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "BEGIN":
                in_flight = rest.split(" ", 1)
            elif kind == "DONE":
                in_flight = []
                op, _, args = rest.partition(" ")
                if op == "add":
                    work_id, _, title = args.partition(" ")
                    model[work_id] = ("title", json.loads(title))
                elif op == "save":
                    work_id, token, _ = args.split()
                    model[work_id] = ("token", token)
                elif op == "delete":
                    model[args] = None
                tally.checked += 1

        def now(work_id: str) -> tuple[str, str] | None:
            row = rows.get(work_id)
            if row is None:
                return None
            synopsis = row[1] or ""
            return ("token", synopsis.split()[1]) if synopsis.startswith("Synopsis ") else ("title", row[0])

        problems = []
        if in_flight and in_flight[0] == "add":
            for work_id, row in rows.items():
                if work_id not in model and row[0] == json.loads(in_flight[1]):
                    model[work_id] = ("title", row[0])
        elif in_flight:
            work_id = in_flight[1].split()[0]
            after = ("token", in_flight[1].split()[1]) if in_flight[0] == "save" else None
            if now(work_id) not in (model.get(work_id), after):
                problems.append(f"work {work_id} is neither as it was nor as the {in_flight[0]} in flight left it")
            model[work_id] = now(work_id)
        for work_id, want in model.items():
            got = now(work_id)
            if got != want:
                what = "lost" if want is not None else "back after its delete"
                problems.append(f"work {work_id} is {what}: expected {want}, found {got}")
            elif want and want[0] == "token" and state["found"].get(work_id) != int(work_id):
                problems.append(f"searching for {want[1]} does not find work {work_id}")
        unknown = set(rows) - set(model)
        if unknown:
            problems.append(f"works no edit made: {sorted(unknown)[:5]}")
        return problems

    def run_path(self, path: str, kills: int, jobs: int) -> Tally:
        tally = Tally(path)
        start = time.perf_counter()
        template = self.prepare(path)
        expected = self.inspect(template, path)
        if path == "migration":  # what the catalog holds once migrated, from an uninterrupted run
            whole = self.fresh(template, "migration-whole")
            self.run_whole(["migration", str(whole)], whole.parent)
            expected = self.inspect(whole, path)
        if path == "edits":
            expected["edits"] = {str(i): ("title", row[0]) for i, row in expected["rows"].items()}
        window = self.calibrate(path, template, expected, tally) if path != "edits" else 1.5
        # Kills on one catalog run one after another (edits); on copies, `jobs` at a time.
        workers = 1 if path == "edits" else jobs
        n = 0
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            while tally.kills < kills and n < kills * 3:
                batch = [pool.submit(self.cycle, path, template, n + k, window, tally, expected)
                         for k in range(min(workers, kills - tally.kills))]
                n += len(batch)
                for future in batch:
                    future.result()
        tally.seconds = time.perf_counter() - start
        return tally

    def calibrate(self, path: str, template: Path, expected: dict, tally: Tally) -> float:
        """How long the path writes, uninterrupted, after its child is ready (the kills land within it); the
        uninterrupted run is checked like the others, so each path checks at least one whole committed write."""
        db = self.fresh(template, f"{path}-calibrate")
        seconds, lines = self.run_whole([path, str(db)] + ([str(db.parent / "table.csv")] if path == "import" else []),
                                        db.parent)
        tally.failures += [f"uninterrupted run: {p}" for p in self.judge(path, lines, self.inspect(db, path),
                                                                          expected, tally)]
        return seconds * 1.1

    def run_whole(self, args: list[str], folder: Path) -> tuple[float, list[str]]:
        """Run a child to its end; returns the seconds it wrote for (from its READY) and what it said."""
        proc = self.child(args, folder)
        start, lines = None, []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                start = time.perf_counter()
        proc.wait()
        if proc.returncode != 0 or start is None:
            raise RuntimeError(f"{args[0]}: the uninterrupted run failed: {proc.stderr.read()[-2000:]}")
        return time.perf_counter() - start, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=100, help="kills per write path")
    parser.add_argument("--paths", default=",".join(PATHS))
    parser.add_argument("--jobs", type=int, default=2, help="kills run side by side (on copies of the catalog)")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        {"import": child_import, "edits": lambda db, seed: child_edits(db, int(seed)),
         "migration": child_migration, "refresh": child_refresh, "inspect": child_inspect}[kind](*rest)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="starlight-crash-"))
    harness = Harness(folder, args.seed)
    tallies = []
    try:
        for path in args.paths.split(","):
            tallies.append(harness.run_path(path, args.kills, args.jobs))
    finally:
        if harness.server is not None:
            harness.server.terminate()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"Crash harness: SIGKILL at a random moment of each write path (seed {args.seed})")
    print(f"| {'path':<10} | {'kills':>5} | {'survived':>8} | {'edits checked':>13} | {'lost':>4} | "
          f"{'damaged':>7} | {'stray files':>11} | {'finished first':>14} | {'time':>6} |")
    print(f"|{'-' * 12}|{'-' * 7}|{'-' * 10}|{'-' * 15}|{'-' * 6}|{'-' * 9}|{'-' * 13}|{'-' * 16}|{'-' * 8}|")
    for t in tallies:
        lost = sum(1 for f in t.failures if "lost" in f or "neither" in f)  # as judge words a missing commit
        print(f"| {t.path:<10} | {t.kills:>5} | {t.survived:>8} | {t.checked:>13,} | {lost:>4} | {t.damaged:>7} | "
              f"{t.stray:>11} | {t.finished:>14} | {t.seconds:>5.0f}s |")
    failures = [f"{t.path}: {f}" for t in tallies for f in t.failures]
    for failure in failures[:40]:
        print(failure)
    print(json.dumps({t.path: {"kills": t.kills, "survived": t.survived, "checked": t.checked,
                               "failures": len(t.failures), "damaged": t.damaged} for t in tallies}))
    return 1 if failures or any(t.kills < args.kills for t in tallies) else 0


if __name__ == "__main__":
    raise SystemExit(main())
