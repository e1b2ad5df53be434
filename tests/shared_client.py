"""Another client of a shared catalog, as its own process (the tests start it with `python tests/shared_client.py`).

Each action opens the catalog as the app does (Catalog.open on the URL), edits through the same service calls the
window uses, and prints one line per committed change ("committed <time.time()>"), so a test can time how soon
other clients hear of it.

    shared_client.py URL rename WORK_ID TITLE
    shared_client.py URL set WORK_ID FIELD VALUE          (a plain text field: title, tagline, synopsis...)
    shared_client.py URL add TITLE
    shared_client.py URL delete WORK_ID
    shared_client.py URL tag-loop WRITER EDITS WORK_ID...  (read, add a tag, save; EDITS times over its works)
    shared_client.py URL contend WRITER EDITS WORK_ID      (the same, all on one work: a conflict reloads and retries)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalog_app.core.errors import ConflictError  # noqa: E402
from catalog_app.services.catalog import Catalog  # noqa: E402


def committed() -> None:
    print(f"committed {time.time():.6f}", flush=True)


def add_tag(catalog: Catalog, work_id: int, tag: str, shared: str) -> int:
    """Read the work, add two tags (one only this edit has, one other writers add too), save; the conflicts it met."""
    conflicts = 0
    while True:
        record, people = catalog.load(work_id)
        record["tags"] = [*record["tags"], tag, shared]
        try:
            catalog.save_work(work_id, record["version"], record, people)
            return conflicts
        except ConflictError:
            conflicts += 1  # someone saved it between our read and our write: read again


def main(url: str, action: str, *args: str) -> int:
    with Catalog.open(url) as catalog:
        if action == "rename":
            work_id, title = int(args[0]), args[1]
            record, people = catalog.load(work_id)
            record["title"] = title
            catalog.save_work(work_id, record["version"], record, people)
            committed()
        elif action == "set":
            work_id, name, value = int(args[0]), args[1], args[2]
            record, people = catalog.load(work_id)
            record[name] = value
            catalog.save_work(work_id, record["version"], record, people)
            committed()
        elif action == "add":
            print(f"added {catalog.add_new(args[0])}", flush=True)
            committed()
        elif action == "delete":
            catalog.delete_works([int(args[0])])
            committed()
        elif action in ("tag-loop", "contend"):
            writer, edits, works = args[0], int(args[1]), [int(a) for a in args[2:]]
            conflicts = 0
            for n in range(edits):
                conflicts += add_tag(catalog, works[n % len(works)], f"{writer}-{n}", f"round-{n % 10}")
            print(f"done {edits} conflicts {conflicts}", flush=True)
        else:
            print(f"unknown action {action}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
