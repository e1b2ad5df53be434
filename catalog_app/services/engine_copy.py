"""Copying a whole catalog to another engine (`starlight copy --from SOURCE --to TARGET`): a SQLite file into a
PostgreSQL database and back, or between two of the same kind.

Peewee's tables bind to one database per process, so the target is opened as a catalog (bound, migrated) and the
source is read through a connection of its own with plain SQL, in one read transaction (a consistent snapshot)
and in batches of rows (memory stays bounded at a million works). Rows keep their ids and go in parents first,
all in one transaction on the target; the search index and list rows are rebuilt there from the copied rows, and
the row counts of both sides must agree before it commits. A new SQLite target is built beside its place and
renamed into it once complete, so a copy that fails leaves nothing behind. Image files follow, each through a
temporary file; one missing from the source's folder is counted, not fatal.
"""

from __future__ import annotations

import os
import re
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence
from urllib.parse import urlsplit

from peewee import AutoField, Database, ForeignKeyField, IntegerField, SqliteDatabase

from ..core.errors import CatalogError
from ..store.batch import bulk_insert, indexes_built_after
from ..store.db import (BUSY_TIMEOUT_MS, CLIENT_NAME, SQLITE_MAGIC, _redact, _scrub, is_postgres, is_server_url,
                        is_url, split_password, url_database)
from ..store.derived import rebuild_derived
from ..store.maintenance import image_folder, image_path
from ..store.migrations import LATEST
from ..store.tables import ALL_TABLES, Image, Person, SchemaMigration, Table, Work
from ..store.works import write_transaction
from .catalog import Catalog, database_errors, database_password, move_catalog_file, staging_folder, write_atomically
from .paths import cache_dir

#: Rows read from the source per query.
READ_BATCH = 5000

#: Told of progress: (table name, rows copied so far, rows the source holds).
OnProgress = Callable[[str, int, int], None]


@dataclass
class CopyOutcome:
    """What a copy did: rows per table on both sides, and the image files it copied or could not find."""

    source: str  # addresses without their passwords
    target: str
    #: (table, rows in the source, rows in the target), the tables in copy order, then the derived data.
    counts: list[tuple[str, int, int]] = field(default_factory=list)
    works: int = 0
    people: int = 0
    images_copied: int = 0
    images_present: int = 0  # already in the target's image folder (a folder both catalogs share, say)
    images_missing: int = 0
    first_missing: Path | None = None
    source_images: Path | None = None  # where its image files were taken from


#: What an image's hash looks like (sha256, hex); a row holding anything else names no file.
_SHA256 = re.compile(r"[0-9a-f]{64}")


def copy_order() -> list[type[Table]]:
    """The tables a copy writes, each after every table it points at (a table pointing at itself is written in id
    order, see `_copy_table`). The schema's version table is not copied: the target's migrations wrote its own."""
    tables = [t for t in ALL_TABLES if t is not SchemaMigration]
    placed: list[type[Table]] = []
    while len(placed) < len(tables):
        ready = next(t for t in tables if t not in placed and all(
            f.rel_model is t or f.rel_model in placed for f in t._meta.fields.values()
            if isinstance(f, ForeignKeyField)))
        placed.append(ready)
    return placed


def copy_catalog(source: str, target: str, progress: OnProgress | None = None,
                 read_batch: int = READ_BATCH) -> CopyOutcome:
    """Copy the catalog at `source` (a path, sqlite:///path or postgresql://user@host/db) to `target`, which must
    be empty: a new file, an empty catalog, or an empty database.

    Raises:
        CatalogError: the two are the same catalog, the source is missing, not a catalog or of another schema
            version, the target holds a catalog already, a connection failed, or the counts did not agree; the
            target is then as it was.
    """
    try:
        source_address, source_password = split_password(source)
        target_address, _ = split_password(target)
        same = _identity(source) == _identity(target)
    except ValueError as e:  # urlsplit's word on an address it cannot read ("Invalid IPv6 URL")
        raise CatalogError(f"{_redact(source)} → {_redact(target)}: is not an address Starlight can read ({e})") \
            from e
    if same:
        raise CatalogError(f"{target_address}: is the catalog being copied; copy to another file or database")
    with ExitStack() as stack:
        reader = _open_reader(source, source_password)
        stack.callback(reader.close)
        version = _source_version(reader, source_address)
        if version != LATEST:
            newer = version > LATEST
            raise CatalogError(
                f"{source_address}: this catalog was made by a newer Starlight (schema {version}; this version knows "
                f"up to {LATEST}); update Starlight to copy it" if newer else
                f"{source_address}: this catalog is at schema {version} and this Starlight writes schema {LATEST}; "
                f"open it once with this Starlight (starlight check --db {source_address}) to bring it up to date, "
                "then copy it")
        _refuse_occupied_target(target, reader, source_address)
        stack.enter_context(_snapshot(reader))
        outcome = CopyOutcome(source_address, target_address, source_images=_source_image_folder(reader))
        destination = _sqlite_file(target)
        if destination is not None and not destination.exists():
            _build_new_file(reader, destination, target_address, outcome, progress, read_batch)
        else:
            with Catalog.open(target) as catalog:
                written: list[Path] = []
                try:
                    _copy_into(reader, catalog, catalog.images, outcome, written, progress, read_batch)
                except BaseException:
                    _remove(written)
                    raise
                if catalog.is_postgres:
                    _gather_statistics(catalog.db)
    return outcome


# ---- the two ends ----------------------------------------------------------------------------------------------

def _sqlite_file(address: str) -> Path | None:
    """The file of a SQLite catalog's address (a path or sqlite:///path); None for a server's."""
    if address.startswith("sqlite:///"):
        return Path(address[len("sqlite:///"):]).expanduser()
    return None if is_url(address) else Path(address).expanduser()


def _identity(address: str) -> tuple[Any, ...]:
    """What names one catalog, however its address is spelled: the resolved file, or the server and database (an
    address naming the same server otherwise, 127.0.0.1 for localhost, is caught once connected)."""
    path = _sqlite_file(address)
    if path is not None:
        return ("file", path.resolve())
    parts = urlsplit(split_password(address)[0])
    try:
        port = parts.port or 5432
    except ValueError:  # not a number: the connection will say so
        port = parts.netloc
    return ("server", (parts.hostname or "localhost").lower(), port, parts.path.lstrip("/"))


def _open_reader(source: str, password: str | None) -> Database:
    """A connection of its own to a catalog (the source; the target, to look before it is opened), for reading it
    with plain SQL. It is not bound to the tables (they are the target's), and a SQLite file is opened to be read
    only: never created, converted to WAL or written. A server's password comes from its address, else from the
    system keyring, as `Catalog.open` has it."""
    address = split_password(source)[0]
    path = _sqlite_file(source)
    if path is None:
        from_keyring = password is None and is_server_url(source)
        password = database_password(source) if from_keyring else password
        db = url_database(source, password, f"{CLIENT_NAME} copy", connect_timeout=10)
    else:
        if not path.is_file():
            raise CatalogError(f"{path}: no such catalog to copy from" if not path.exists() else
                               f"{path}: is a folder, not a catalog file")
        try:
            with open(path, "rb") as f:
                head = f.read(16)
        except OSError as e:
            raise CatalogError(f"{path}: cannot be read ({e.strerror})") from e
        if head != SQLITE_MAGIC:
            raise CatalogError(f"{path}: is not a Starlight catalog (not an SQLite database)")
        db = SqliteDatabase(str(path), pragmas={"query_only": 1, "busy_timeout": BUSY_TIMEOUT_MS})
        from_keyring = False
    try:
        db.connect()
    except Exception as e:  # drivers raise their own types (psycopg2.OperationalError...)
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        hint = (f"; keep its password in the system keyring with: starlight remember-password {address}"
                if from_keyring and password is None and "password" in first else "")
        raise CatalogError(_scrub(f"{_redact(source)}: cannot connect ({first}){hint}", source, password)) from e
    return db


def _source_version(reader: Database, address: str) -> int:
    """The source's schema version; refuses a database that holds no catalog."""
    with database_errors(address):
        try:
            tables = set(reader.get_tables())
        except Exception as e:  # a damaged file fails on its first read
            raise CatalogError(f"{address}: is not a Starlight catalog ({e})") from e
        if not {SchemaMigration._meta.table_name, Work._meta.table_name} <= tables:
            raise CatalogError(f"{address}: is not a Starlight catalog (it holds no catalog tables)")
        return reader.execute_sql(f'SELECT MAX(id) FROM "{SchemaMigration._meta.table_name}"').fetchone()[0] or 0


def _refuse_occupied_target(target: str, reader: Database, source_address: str) -> None:
    """Refuse a target that is the source under another name, or that holds any rows, before it is opened: opening
    it as a catalog could bring its schema up to date, and a refused copy must leave it exactly as it was."""
    path = _sqlite_file(target)
    if path is not None and (not path.exists() or (path.is_file() and path.stat().st_size == 0)):
        return  # a new catalog file (SQLite takes an empty file as an empty database)
    if path is not None and isinstance(reader, SqliteDatabase) and os.path.samefile(path, reader.database):
        raise CatalogError(f"{path}: is the catalog being copied; copy to another file or database")
    target_address, password = split_password(target)
    peek = _open_reader(target, password)
    try:
        if is_postgres(peek) and is_postgres(reader):
            where = "SELECT current_database(), pg_postmaster_start_time(), current_setting('port')"
            if peek.execute_sql(where).fetchone() == reader.execute_sql(where).fetchone():
                raise CatalogError(f"{target_address}: is the catalog being copied ({source_address}); copy to "
                                   "another database")
        _refuse_occupied(peek, target_address)
    finally:
        peek.close()


def _refuse_occupied(db: Database, address: str) -> None:
    """A copy makes a new catalog and never merges two: refuse a target holding any row of the copied tables."""
    with database_errors(address):
        present = set(db.get_tables())
        held = [(t._meta.table_name, db.execute_sql(f'SELECT COUNT(*) FROM "{t._meta.table_name}"').fetchone()[0])
                for t in copy_order() if t._meta.table_name in present]
    held = [(name, rows) for name, rows in held if rows]
    if held:
        works = dict(held).get(Work._meta.table_name, 0)
        what = f"{works:,} works" if works else f"no works, but {held[0][1]:,} rows in {held[0][0]}"
        raise CatalogError(f"{address}: already holds a catalog ({what}); copy never merges catalogs: give a new "
                           "file or an empty database")


@contextmanager
def _snapshot(reader: Database) -> Iterator[None]:
    """One read transaction around the whole copy, so every table is read as of the same moment even while the
    source is in use (its counts then match the rows read)."""
    reader.execute_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" if is_postgres(reader) else "BEGIN")
    try:
        yield
    finally:
        try:
            reader.execute_sql("ROLLBACK")
        except Exception:
            pass  # a connection that dropped took its transaction with it; the error that matters is on its way


def _source_image_folder(reader: Database) -> Path:
    """Where the source's image files are: beside its file, or in this computer's cache for a server catalog."""
    return image_folder(reader, cache_dir())


def _build_new_file(reader: Database, destination: Path, address: str, outcome: CopyOutcome,
                    progress: OnProgress | None, read_batch: int) -> None:
    """Copy into a new catalog file: built in a staging folder beside it and renamed into place when complete."""
    # The images go straight to the folder beside the final file (that is where the catalog will look for them).
    images = image_folder(SqliteDatabase(str(destination)))
    written: list[Path] = []
    with staging_folder(destination, str(destination), ".copy") as building:
        staged = building / destination.name
        try:
            with Catalog.open(str(staged)) as catalog:
                catalog.target = address
                _copy_into(reader, catalog, images, outcome, written, progress, read_batch)
            if destination.exists():
                raise CatalogError(f"{destination}: a file appeared there while the copy was made; nothing was "
                                   "replaced")
            move_catalog_file(staged, destination)
        except OSError as e:
            _remove(written)
            raise CatalogError(f"{destination}: cannot be written ({e.strerror or e}); nothing was copied") from e
        except BaseException:
            _remove(written)
            raise


def _remove(written: Sequence[Path]) -> None:
    """Take back the image files and folders a failed copy made (the catalog naming them was rolled back), the
    last made first; a folder something else has put a file in since is left."""
    for path in reversed(written):
        try:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass


# ---- the copy --------------------------------------------------------------------------------------------------

def _copy_into(reader: Database, catalog: Catalog, images: Path, outcome: CopyOutcome, written: list[Path],
               progress: OnProgress | None, read_batch: int) -> None:
    """Copy every table, rebuild the derived data, compare the counts and copy the image files, in one transaction
    on the target: any failure rolls all of it back (`written` names the image files to take back then)."""
    db = catalog.db
    order = copy_order()
    with database_errors(f"copying {outcome.source} into {catalog.target}"):
        with write_transaction(db):
            _refuse_occupied(db, catalog.target)  # checked again under the write lock: the peek was before it
            expected = {t: reader.execute_sql(f'SELECT COUNT(*) FROM "{t._meta.table_name}"').fetchone()[0]
                        for t in order}
            # An empty target: building its indexes once at the end is faster than growing them row by row.
            with indexes_built_after(db, [t._meta.table_name for t in order]):
                for table in order:
                    _copy_table(reader, db, table, expected[table], progress, read_batch)
            rebuild_derived(db)
            outcome.counts = _compare_counts(db, order, expected, catalog.target)
            outcome.works, outcome.people = expected[Work], expected[Person]
            if is_postgres(db):
                # Last of the writes: a sequence moved is not moved back by a rollback.
                _move_sequences(db, order)
            _copy_images(outcome, _source_image_folder(reader), images, written)


def _copy_table(reader: Database, db: Database, table: type[Table], total: int, progress: OnProgress | None,
                read_batch: int) -> None:
    """Copy one table's rows with their ids, converted for the target's engine: each value read goes through its
    field's python_value (SQLite gives 0/1 for booleans and text for datetimes), then its db_value, as insert_many
    would; the store's bulk writer puts them in (multi-row inserts: Peewee's own would spend twice as long
    building the SQL as the database spends running it)."""
    fields = list(table._meta.sorted_fields)
    columns = [f.column_name for f in fields]
    read = [f.python_value for f in fields]
    write = [f.db_value for f in fields]
    key, parent = (_position(fields, Work.id), _position(fields, Work.parent)) if table is Work else (0, None)
    forward: list[tuple[int, int]] = []  # (work, parent) where the parent has the higher id: linked afterwards
    done = 0
    for batch in _read_rows(reader, table, fields, read_batch):
        rows = []
        for raw in batch:
            row = [convert(value) for convert, value in zip(read, raw)]
            if parent is not None and row[parent] is not None and row[parent] > row[key]:
                forward.append((row[key], row[parent]))
                row[parent] = None
            rows.append(tuple(convert(value) for convert, value in zip(write, row)))
        bulk_insert(db, table, columns, rows)
        done += len(rows)
        if progress is not None:
            progress(table._meta.table_name, done, total)
    # Works are written in id order, so a parent is there before its children, except the rare one given a higher
    # id than its child (a work moved under a newer one); those links are made once every work is in.
    for work_id, parent_id in forward:
        Work.update(parent=parent_id).where(Work.id == work_id).execute()
    if progress is not None and done == 0:
        progress(table._meta.table_name, 0, total)


def _read_rows(reader: Database, table: type[Table], fields: Sequence[Any], batch: int) -> Iterator[list[tuple]]:
    """A table's rows, `batch` at a time. Rows keyed by a number come in key order, each query seeking past the
    last key read, so neither side holds more than one batch on either engine (psycopg2 fetches a whole result
    at once). Rows keyed by text (the settings: a handful) come in the order the source keeps them, which is the
    order the catalog lists them in (store.works.settings), so the copy lists them alike."""
    key = table._meta.primary_key
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    base = f'SELECT {columns} FROM "{table._meta.table_name}"'
    if not isinstance(key, IntegerField):
        cursor = reader.execute_sql(base)
        while rows := cursor.fetchmany(batch):
            yield rows
        return
    at = _position(fields, key)
    last: Any = None
    while True:
        after = "" if last is None else f' WHERE "{key.column_name}" > {reader.param}'
        rows = reader.execute_sql(f'{base}{after} ORDER BY "{key.column_name}" LIMIT {int(batch)}',
                                  [] if last is None else [last]).fetchall()
        if rows:
            yield rows
        if len(rows) < batch:
            return
        last = rows[-1][at]


def _position(fields: Sequence[Any], wanted: Any) -> int:
    """Where a field is in a list of fields (by identity: a Peewee field's == builds an SQL expression)."""
    return next(n for n, f in enumerate(fields) if f is wanted)


def _gather_statistics(db: Database) -> None:
    """Give PostgreSQL's planner the statistics of the tables just filled, so the first searches are planned for
    their size rather than for empty tables. The copy is committed by then: a failure here is no failure of it,
    and autovacuum gathers them a little later anyway."""
    try:
        db.execute_sql("ANALYZE")
    except Exception:
        pass


def _move_sequences(db: Database, tables: Sequence[type[Table]]) -> None:
    """Rows came with their ids, which PostgreSQL's sequences did not hand out: move each past the highest id, so
    the next work added gets a new one."""
    for table in tables:
        key = table._meta.primary_key
        if isinstance(key, AutoField):
            name, column = table._meta.table_name, key.column_name
            db.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), "
                           f'(SELECT COALESCE(MAX("{column}"), 0) + 1 FROM "{name}"), false)')


def _compare_counts(db: Database, tables: Sequence[type[Table]], expected: dict[type[Table], int],
                    address: str) -> list[tuple[str, int, int]]:
    """Rows per table on both sides, and the derived data (one search entry and one list row per work); any
    difference is an error, which rolls the copy back."""
    counts = [(t._meta.table_name, expected[t],
               db.execute_sql(f'SELECT COUNT(*) FROM "{t._meta.table_name}"').fetchone()[0]) for t in tables]
    index = "work_search" if is_postgres(db) else "work_fts"
    counts.append(("search index", expected[Work], db.execute_sql(f"SELECT COUNT(*) FROM {index}").fetchone()[0]))
    counts.append(("list rows", expected[Work], db.execute_sql("SELECT COUNT(*) FROM work_list").fetchone()[0]))
    wrong = [(name, have, got) for name, have, got in counts if have != got]
    if wrong:
        name, have, got = wrong[0]
        raise CatalogError(f"{address}: the copy does not add up ({name}: {have:,} in the source, {got:,} copied"
                           f"{f'; {len(wrong) - 1} more tables differ' if len(wrong) > 1 else ''}); nothing was "
                           "copied")
    return counts


def _copy_images(outcome: CopyOutcome, source: Path, folder: Path, written: list[Path]) -> None:
    """Copy the image files the copied rows name from the source's folder into the target's, each through a
    temporary file; one already there is kept, one missing from the source is counted."""
    pairs = Image.select(Image.content_hash, Image.mime).distinct().order_by(Image.content_hash, Image.mime)
    for digest, mime in pairs.tuples().iterator():
        if not _SHA256.fullmatch(digest or ""):  # a hash names a file: never a path another client wrote
            outcome.images_missing += 1
            continue
        dest = image_path(folder, digest, mime)
        if dest.is_file():
            outcome.images_present += 1
            continue
        origin = image_path(source, digest, mime)
        if not origin.is_file():
            outcome.images_missing += 1
            outcome.first_missing = outcome.first_missing or origin
            continue
        try:
            data = origin.read_bytes()
        except OSError as e:
            raise CatalogError(f"{origin}: cannot be read ({e.strerror}); nothing was copied") from e
        # The folders it makes are taken back too, after their files (see `_remove`).
        written += [made for made in (folder, dest.parent) if not made.exists()]
        try:
            write_atomically(dest, data)
        except OSError as e:
            raise CatalogError(f"{dest}: cannot be written ({e.strerror}); nothing was copied") from e
        written.append(dest)
        outcome.images_copied += 1
