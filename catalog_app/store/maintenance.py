"""Keeping a catalog sound: consistent backups through SQLite's backup API, and the integrity checks."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from peewee import Database, SqliteDatabase

from ..core.errors import CatalogError
from .db import is_postgres, sqlite_path
from .derived import derived_problems
from .tables import Image, Work

#: How many automatic backups of a catalog are kept; older ones are removed.
KEEP_AUTOMATIC_BACKUPS = 5


def backup_to(db: Database, target: Path) -> Path:
    """Write a consistent copy of a SQLite catalog to `target` (even while it is open and being written)."""
    if not isinstance(db, SqliteDatabase):
        raise CatalogError("backups of a PostgreSQL catalog are made with pg_dump or `starlight export`")
    target = Path(target)
    if target.is_dir():
        raise CatalogError(f"{target}: is a folder; give the backup a file name")
    return copy_database(db.connection(), target)


def copy_database(connection: sqlite3.Connection, target: Path) -> Path:
    """Copy an open SQLite database through SQLite's backup API to `target`, as one self-contained file.

    The copy goes to a temporary file in the target's folder first, is flushed, and is renamed into place when
    complete.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp)
        try:
            connection.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        finally:
            dest.close()
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def automatic_backup(db: Database, reason: str) -> Path | None:
    """Back a SQLite catalog up into `backups/` beside it before a risky change; keeps the last few."""
    path = sqlite_path(db)
    return None if path is None else keep_backup(db.connection(), path, reason)


def keep_backup(connection: sqlite3.Connection, path: Path, reason: str) -> Path:
    """Copy the catalog file `path` (open as `connection`) into `backups/` beside it, named for `reason` and the
    moment; the oldest beyond the last few are removed."""
    folder = path.parent / "backups"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = copy_database(connection, folder / f"{path.stem}-before-{reason}-{stamp}.sqlite")
    old = sorted(folder.glob(f"{path.stem}-before-*.sqlite"), key=lambda p: p.stat().st_mtime)
    for stale in old[:-KEEP_AUTOMATIC_BACKUPS]:
        stale.unlink(missing_ok=True)
    return target


def image_folder(db: Database, cache_root: Path | None = None) -> Path:
    """Where a catalog's image files live: beside a SQLite catalog, in the local cache for a server catalog."""
    path = sqlite_path(db)
    if path is not None:
        return path.parent / f"{path.stem}-images"
    if cache_root is None:
        raise CatalogError("a server catalog needs a local cache folder for its images")
    return cache_root / "images"


def image_path(folder: Path, content_hash: str, mime: str) -> Path:
    ext = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/svg+xml": ".svg",
           "image/gif": ".gif"}.get(mime, ".img")
    return folder / content_hash[:2] / f"{content_hash}{ext}"


def check_catalog(db: Database, images: Path | None) -> list[str]:
    """Run every integrity check and return the problems found (an empty list means all is well)."""
    problems: list[str] = []
    if not is_postgres(db):
        rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            problems += [f"database: {r}" for r in rows[:20]]
        dangling = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if dangling:
            tables = sorted({r[0] for r in dangling})
            problems.append(f"{len(dangling)} rows point at rows that do not exist (in {', '.join(tables)})")
    problems += derived_problems(db)
    loops = Work.select(Work.id).where(Work.parent == Work.id).count()
    if loops:
        problems.append(f"{loops} works are their own parent")
    if images is not None:
        known = {(h, m) for h, m in Image.select(Image.content_hash, Image.mime).tuples()}
        expected = {image_path(images, h, m) for h, m in known}
        missing = [p for p in expected if not p.exists()]
        if missing:
            problems.append(f"{len(missing)} image files are missing (first: {sorted(missing)[0]})")
    return problems


def stray_files(db: Database, images: Path | None) -> list[Path]:
    """Files beside the catalog that nothing uses: image files no work names (a save interrupted between writing
    its image and committing, or an undo's leftovers) and the temporary files of writes a crash cut short.

    They are not damage, only space; `tidy` removes them.
    """
    found: list[Path] = []
    if images is not None and images.exists():
        known = {image_path(images, h, m) for h, m in Image.select(Image.content_hash, Image.mime).tuples()}
        found += [p for p in images.glob("*/*") if p.is_file() and p not in known]
    path = sqlite_path(db)
    if path is not None and (path.parent / "backups").is_dir():
        found += list((path.parent / "backups").glob(f".{path.stem}-*.tmp"))
    return sorted(found)


def tidy(db: Database, images: Path | None, older_than: float = 60.0) -> list[Path]:
    """Remove the stray files (see `stray_files`) older than `older_than` seconds; a younger one may be a write
    that another program has not committed yet. Returns those removed."""
    cutoff = time.time() - older_than
    removed = []
    for stray in stray_files(db, images):
        try:
            if stray.stat().st_mtime < cutoff:
                stray.unlink()
                removed.append(stray)
        except FileNotFoundError:
            pass
    return removed
