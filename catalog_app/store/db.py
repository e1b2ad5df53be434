"""Opening a catalog: a SQLite file (WAL, foreign keys, busy timeout) or a PostgreSQL URL, bound to the tables.

`open_catalog` checks what it is given before anything is written: a file that is not SQLite, a folder the
app cannot write to, or a catalog made by a newer Starlight give one clear `CatalogError`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from peewee import Database, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import connect

from ..core.errors import CatalogError
from .tables import ALL_TABLES, database

SQLITE_MAGIC = b"SQLite format 3\x00"
#: How long a writer waits for another writer's lock before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 5000
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    # A WAL commit with synchronous=FULL costs ~0.3 ms: a person's edits are worth it.
    "synchronous": "full",
    # Per connection, and the app has one per thread: 8 MB each keeps a million-work catalog within budget.
    "cache_size": -8_000,
    # Searches build temporary lists of matching ids; in memory rather than in temporary files.
    "temp_store": "memory",
}


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_path(db: Database) -> Path | None:
    """The catalog file of a SQLite catalog, None for an in-memory or server catalog."""
    if isinstance(db, SqliteDatabase) and db.database not in (":memory:", ""):
        return Path(db.database)
    return None


def _check_sqlite_file(path: Path) -> None:
    folder = path.parent
    if path.exists():
        if path.is_dir():
            raise CatalogError(f"{path}: is a folder, not a catalog file")
        try:
            with open(path, "rb") as f:
                head = f.read(16)
        except OSError as e:
            raise CatalogError(f"{path}: cannot be read ({e.strerror})") from e
        if head and head != SQLITE_MAGIC:
            raise CatalogError(f"{path}: is not a Starlight catalog (not an SQLite database)")
    elif not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise CatalogError(f"{folder}: cannot create the catalog's folder ({e.strerror})") from e
    # WAL keeps two files beside the catalog, so the folder itself must be writable, not only the file.
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CatalogError(f"{folder}: the catalog's folder is read-only; Starlight needs to write there")
    if path.exists() and not os.access(path, os.W_OK):
        raise CatalogError(f"{path}: the catalog file is read-only")


def open_database(target: str) -> Database:
    """Make (but do not migrate) the database for a path or a peewee URL and bind the tables to it."""
    if is_url(target):
        if target.startswith("sqlite:///"):
            return open_database(target[len("sqlite:///"):] if not target.startswith("sqlite:////") else
                                 target[len("sqlite://"):])
        try:
            db = connect(target)
        except Exception as e:  # an unknown scheme or a malformed URL
            raise CatalogError(f"{_redact(target)}: cannot open this database URL ({e})") from e
    else:
        path = Path(target).expanduser()
        _check_sqlite_file(path)
        db = SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except (OperationalError, sqlite3.DatabaseError) as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise CatalogError(f"{_redact(target)}: cannot open the catalog ({first})") from e
    except Exception as e:  # drivers raise their own types (psycopg2.OperationalError...)
        raise CatalogError(f"{_redact(target)}: cannot connect ({str(e).strip().splitlines()[0]})") from e
    if isinstance(db, SqliteDatabase):
        try:
            mode = db.execute_sql("PRAGMA journal_mode").fetchone()[0]
        except sqlite3.DatabaseError as e:
            db.close()
            raise CatalogError(f"{target}: is not a Starlight catalog ({e})") from e
        if mode != "wal":
            db.close()
            raise CatalogError(f"{target}: cannot switch the catalog to WAL mode (journal mode is {mode})")
    return db


def _redact(url: str) -> str:
    """A database URL with its password hidden, for messages and logs."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        if ":" in creds:
            return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return url


def is_postgres(db: Database) -> bool:
    return isinstance(db, PostgresqlDatabase)


class Interruptible:
    """Lets another thread stop a long read that nobody wants any more (a count for a search the person has
    already typed past), so the next query does not wait behind it.

    The reading thread wraps the statement in `running(db)`; `interrupt()` stops it there, and the read raises
    `Interrupted`. SQLite only: sqlite3_interrupt() is safe from any thread and does nothing once the statement
    is done. A PostgreSQL cancel could arrive after its statement and stop the next one, so those reads run on.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self._interrupted = False

    @contextmanager
    def running(self, db: Database) -> Iterator[None]:
        connection = db.connection()
        with self._lock:
            self._connection, self._interrupted = connection, False
        try:
            yield
        except (OperationalError, sqlite3.OperationalError) as e:
            if self._interrupted:
                raise Interrupted() from e
            raise
        finally:
            with self._lock:
                self._connection = None

    def interrupt(self) -> None:
        with self._lock:
            if isinstance(self._connection, sqlite3.Connection):
                self._interrupted = True
                self._connection.interrupt()


class Interrupted(Exception):
    """A read stopped by `Interruptible.interrupt()`."""


def close_catalog(db: Database) -> None:
    if not db.is_closed():
        db.close()


__all__ = ["ALL_TABLES", "Interruptible", "Interrupted", "open_database", "close_catalog", "is_postgres", "sqlite_path", "is_url"]
