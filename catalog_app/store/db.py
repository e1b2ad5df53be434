"""Opening a catalog: a SQLite file (WAL, foreign keys, busy timeout) or a PostgreSQL URL, bound to the tables.

`open_database` checks what it is given before anything is written: a file that is not SQLite, a folder the
app cannot write to, or a catalog made by a newer Starlight give one clear `CatalogError`. A PostgreSQL catalog
opens as `SharedDatabase`, which replaces a connection that dropped and names this process to the server
(`CLIENT_NAME`), so that its own change notices can be told from other clients'.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from peewee import Database, InterfaceError, OperationalError, PostgresqlDatabase, SqliteDatabase
from playhouse.db_url import connect, parse

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


#: Names this process to the server (`application_name`), so the change notices it causes itself can be told
#: from other clients' (store.migrations.m0006_change_notices puts the writer's name in each notice).
CLIENT_NAME = f"starlight/{uuid.uuid4().hex[:12]}"

#: How a lost server connection shows in psycopg2's messages (the connection object says so only afterwards).
_LOST_CONNECTION = ("server closed the connection", "terminating connection", "connection already closed",
                    "could not receive data", "could not send data", "no connection to the server",
                    "connection not open", "ssl connection has been closed", "connection has been closed",
                    "database connection not open")


class SharedDatabase(PostgresqlDatabase):
    """A PostgreSQL catalog that survives its connection dropping (a server restart, a laptop waking up, a
    network change).

    A connection found dead outside a transaction is replaced and the statement run again: nothing was in
    flight. One that dies inside a transaction is not: the server has rolled the transaction back, the error
    reaches the caller (services.catalog says nothing was saved, and retries a save once), and the next
    statement gets a new connection. Rolling back on a dead connection is a no-op instead of a second error that
    would hide the first."""

    def _dead(self) -> bool:
        conn = self._state.conn
        return conn is not None and bool(getattr(conn, "closed", 0))

    def _replace_dead_connection(self) -> bool:
        if not self._dead() or self.in_transaction():
            return False
        self._state.reset()
        self.connect()
        return True

    def cursor(self, named_cursor: Any = None) -> Any:
        self._replace_dead_connection()
        return super().cursor(named_cursor)

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        try:
            return super().execute_sql(sql, params)
        except (OperationalError, InterfaceError):
            if not self._replace_dead_connection():
                raise
        return super().execute_sql(sql, params)

    def begin(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().begin(*args, **kwargs)
        except (OperationalError, InterfaceError):
            if not self._replace_dead_connection():
                raise
            super().begin(*args, **kwargs)

    def rollback(self) -> None:
        if self._dead():
            return  # the server dropped the transaction with the connection
        super().rollback()

    def close(self) -> bool:
        if self._dead() and not self.in_transaction():
            self._state.reset()
            return True
        return super().close()


def postgres_driver() -> str | None:
    """The PostgreSQL driver's version, or None when it is not installed (shared catalogs then cannot open)."""
    try:
        import psycopg2
    except ImportError:
        return None
    return f"psycopg2 {psycopg2.__version__.split()[0]}"


def separate_connection(db: Database, purpose: str) -> Any:
    """A new driver connection to a server catalog with the same address and password as `db`'s, apart from
    Peewee's (a listener's, which must never run inside another thread's transaction); named `purpose` to the
    server."""
    import psycopg2
    params = dict(db.connect_params)
    params["application_name"] = f"{CLIENT_NAME} {purpose}"
    params.setdefault("connect_timeout", 10)
    return psycopg2.connect(dbname=db.database, **params)


def lost_connection(error: BaseException) -> bool:
    """Whether an error (or what caused it) is a server connection that dropped."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if any(fragment in str(current).lower() for fragment in _LOST_CONNECTION):
            return True
        current = current.__cause__ or current.__context__
    return False


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


def open_database(target: str, password: str | None = None) -> Database:
    """Make (but do not migrate) the database for a path or a peewee URL and bind the tables to it.

    `password` is a server's password kept apart from its URL (services look it up in the system keyring); it is
    given to the driver only, and scrubbed from any message."""
    if is_url(target):
        if target.startswith("sqlite:///"):
            return open_database(target[len("sqlite:///"):] if not target.startswith("sqlite:////") else
                                 target[len("sqlite://"):])
        db = url_database(target, password)
    else:
        path = Path(target).expanduser()
        _check_sqlite_file(path)
        db = SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
    except (OperationalError, sqlite3.DatabaseError) as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise CatalogError(_scrub(f"{_redact(target)}: cannot open the catalog ({first})", target, password)) from e
    except Exception as e:  # drivers raise their own types (psycopg2.OperationalError...)
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise CatalogError(_scrub(f"{_redact(target)}: cannot connect ({first})", target, password)) from e
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


def url_database(target: str, password: str | None, application_name: str = CLIENT_NAME,
                 **server_options: Any) -> Database:
    """The (not yet connected, not bound) database of a URL other than sqlite:///: a PostgreSQL address through
    `server_database` (with `application_name` and `server_options`), any other scheme peewee knows as it reads it.

    Raises:
        CatalogError: an unknown scheme or a malformed URL (its password hidden).
    """
    try:
        if is_server_url(target) and urlsplit(target).scheme.lower() in ("postgres", "postgresql"):
            return server_database(target, password, application_name, **server_options)
        return connect(target, **({"password": password} if password else {}))
    except CatalogError:
        raise
    except Exception as e:  # an unknown scheme or a malformed URL
        raise CatalogError(_scrub(f"{_redact(target)}: cannot open this database URL ({e})", target,
                                  password)) from e


def server_database(target: str, password: str | None, application_name: str = CLIENT_NAME,
                    **options: Any) -> "SharedDatabase":
    """The (not yet connected) database of a postgresql:// address; `password` given apart wins over one in it.

    playhouse hands over the user, host, database and password as written; the driver wants them decoded
    ("family%20movies" is the database "family movies", "p%40ss" the password "p@ss")."""
    params = {name: unquote(value) if isinstance(value, str) else value for name, value in parse(target).items()}
    if not params.get("database"):
        raise CatalogError(_scrub(f"{_redact(target)}: the address has no database name "
                                  "(postgresql://user@host/dbname)", target, password))
    params.setdefault("application_name", application_name)
    if password:
        params["password"] = password
    return SharedDatabase(**{**params, **options})


def _redact(url: str) -> str:
    """A database URL with its password hidden, for messages and logs."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        if ":" in creds:
            url = f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return re.sub(r"([?&]password=)[^&#]*", r"\1***", url)


def split_password(url: str) -> tuple[str, str | None]:
    """A database URL without its password (in the address or as `?password=`), and that password as the driver
    gets it (None: none); a URL without one comes back as it is.

    The address is what the app may keep and show (the catalog's name, a journal, a message); the password is
    used for the connection and never stored."""
    if not is_url(url):
        return url, None
    parts = urlsplit(url)
    password, netloc, query = parts.password, parts.netloc, parts.query
    if password is not None:
        creds, host = netloc.rsplit("@", 1)
        netloc = f"{creds.split(':', 1)[0]}@{host}"
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(name == "password" for name, _ in pairs):
        password = password if password is not None else next(value for name, value in pairs if name == "password")
        query = urlencode([(name, value) for name, value in pairs if name != "password"])
    if password is None:
        return url, None
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment)), password


def is_server_url(target: str) -> bool:
    """A URL of a PostgreSQL server (the kind of catalog that has a password)."""
    return is_url(target) and urlsplit(target).scheme.lower().startswith(("postgres", "psycopg"))


def _scrub(message: str, target: str, password: str | None) -> str:
    """A message about a database with any password it might quote hidden (a driver may echo what it was given)."""
    for secret in {password, split_password(target)[1]} - {None, ""}:
        for form in {secret, unquote(secret), quote(secret, safe="")}:
            message = message.replace(form, "***")
    return message


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


__all__ = ["ALL_TABLES", "CLIENT_NAME", "SharedDatabase", "lost_connection", "separate_connection",
           "server_database", "url_database", "Interruptible", "Interrupted", "open_database", "close_catalog",
           "postgres_driver", "is_postgres", "sqlite_path", "is_url", "is_server_url", "split_password"]
