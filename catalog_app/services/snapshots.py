"""Snapshots: the whole catalog as lossless Starlight JSON (gzipped) in its backups folder, written once a day
while the catalog is in use, so that a catalog whose database is lost or damaged can be rebuilt from text that
any program can read (`starlight restore`).

A snapshot is read inside one read transaction (a consistent state even while the app writes), written to a
temporary file, flushed and renamed into place; the last `KEEP_SNAPSHOTS` are kept. The app writes it from a
process of its own (`starlight snapshot --if-due`), so that the window never waits on it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from .. import APP_NAME, __version__
from ..core.errors import InputError
from ..store.db import sqlite_path
from ..store.works import format_timestamp, utcnow
from .formats import starlight_json

if TYPE_CHECKING:
    from .catalog import Catalog

#: How often a snapshot is written while the catalog is in use (when it changed since the last one).
SNAPSHOT_EVERY = dt.timedelta(days=1)
#: How often the app asks whether one is due, while it runs.
SNAPSHOT_CHECK_EVERY = dt.timedelta(hours=1)
KEEP_SNAPSHOTS = 3
SUFFIX = ".json.gz"
#: The most JSON a snapshot unpacks to (a catalog of a million works is about 3 GB); more is not one of ours.
MAX_DOCUMENT_BYTES = 4 * 2**30


def snapshot_command(target: str) -> tuple[str, list[str]]:
    """The program and arguments that write a snapshot of `target` when one is due, in a process of its own: this
    same program, installed (`sys.frozen`) or run from its package."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--db", target, "snapshot", "--if-due"]
    return sys.executable, ["-m", "catalog_app", "--db", target, "snapshot", "--if-due"]


def backups_folder(catalog: "Catalog") -> Path:
    """Beside a catalog file, `backups/`; for a server catalog, a folder named for it in the user's data folder."""
    path = sqlite_path(catalog.db)
    if path is not None:
        return path.parent / "backups"
    from .paths import data_dir
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", catalog.target.split("@")[-1])
    return data_dir() / "backups" / name


def _prefix(catalog: "Catalog") -> str:
    path = sqlite_path(catalog.db)
    return f"{path.stem if path else 'catalog'}-snapshot-"


def snapshots(catalog: "Catalog") -> list[Path]:
    """This catalog's snapshots, oldest first."""
    folder = backups_folder(catalog)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{_prefix(catalog)}*{SUFFIX}"), key=lambda p: p.stat().st_mtime)


def snapshot_due(catalog: "Catalog", every: dt.timedelta = SNAPSHOT_EVERY) -> bool:
    """True when the newest snapshot is older than `every` and the catalog has changed since (a catalog file's
    change shows in its modification time, or its write-ahead log's); a server catalog counts as changed."""
    existing = snapshots(catalog)
    if not existing:
        return not catalog.is_empty()
    newest = existing[-1].stat().st_mtime
    if time.time() - newest < every.total_seconds():
        return False
    path = sqlite_path(catalog.db)
    if path is None:
        return True
    changed = [p.stat().st_mtime for p in (path, path.with_name(path.name + "-wal")) if p.exists()]
    return max(changed, default=0) > newest


def write_snapshot(catalog: "Catalog") -> tuple[Path, int]:
    """Write a snapshot now; returns its path and the number of works in it (seasons and episodes not counted).

    Raises:
        InputError: the backups folder cannot be written (nothing is left behind).
    """
    from .catalog import database_errors, write_atomically
    from .imports import collector_paused

    folder = backups_folder(catalog)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{_prefix(catalog)}{stamp}{SUFFIX}"
    with collector_paused(), database_errors("writing a snapshot"):
        with catalog.db.atomic():  # one read transaction: every table as of one moment
            doc = catalog.document()
        text = starlight_json.dump(doc, exported_at=format_timestamp(utcnow()), app=f"{APP_NAME} {__version__}")
    works = len(doc.works)  # as `starlight check` and the list count them: seasons and episodes are inside
    del doc
    # Level 5: a few percent larger than 9, at half the time; a snapshot is written daily.
    packed = gzip.compress(text.encode("utf-8"), compresslevel=5)
    del text
    try:
        write_atomically(target, packed)
    except OSError as e:
        raise InputError(f"cannot be written ({e.strerror or e}); no snapshot was written", str(target)) from e
    for stale in snapshots(catalog)[:-KEEP_SNAPSHOTS]:
        stale.unlink(missing_ok=True)
    return target, works


def read_document(path: Path, where: str) -> starlight_json.Document:
    """A snapshot or an exported Starlight JSON file, gzipped or not, as a checked document.

    Raises:
        InputError: not a complete gzip file, or not a Starlight catalog.
    """
    try:
        with open(path, "rb") as f:
            packed = f.read(2) == b"\x1f\x8b"
            f.seek(0)
            if packed:
                with gzip.GzipFile(fileobj=f) as unpacked:
                    data = unpacked.read(MAX_DOCUMENT_BYTES + 1)
            else:
                data = f.read(MAX_DOCUMENT_BYTES + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as e:
        raise InputError(f"is not a complete gzip file ({e}); it may have been cut short", where) from e
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror or e})", where) from e
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(f"holds more than {MAX_DOCUMENT_BYTES:,} bytes of JSON, more than a catalog's snapshot "
                         "(a gzip bomb?); nothing was read", where)
    return starlight_json.parse(data, where)
