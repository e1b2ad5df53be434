"""Writing and reading many rows at once, on either engine: chunks, multi-row inserts and deletes by id, and
conditions on many ids that are cheap to build.

Building the SQL of a 500-value IN list costs Peewee more than running the query; ids written by one import are
consecutive, so a range says the same (callers skip rows of ids they did not ask for, which a range may hold).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from peewee import Database, Model

from .db import is_postgres

#: Rows or ids per statement.
CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def ids_condition(column: Any, chunk: Sequence[int]) -> Any:
    """`column IN chunk` for a sorted chunk of ids, as a range when they are dense."""
    if chunk[-1] - chunk[0] < 2 * len(chunk):
        return column.between(chunk[0], chunk[-1])
    return column.in_(chunk)


def _name(table: type[Model] | str) -> str:
    return table if isinstance(table, str) else table._meta.table_name


def bulk_insert(db: Database, table: type[Model] | str, columns: Sequence[str],
                rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert many rows at once: one prepared statement on SQLite, multi-row VALUES on PostgreSQL."""
    if not rows:
        return
    name = _name(table)
    cols = ", ".join(f'"{c}"' for c in columns)
    if is_postgres(db):
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for chunk in chunks(rows, 1000):
            db.execute_sql(f'INSERT INTO "{name}" ({cols}) VALUES ' + ", ".join([one] * len(chunk)),
                           [v for row in chunk for v in row])
    else:
        db.cursor().executemany(f'INSERT INTO "{name}" ({cols}) VALUES ({", ".join("?" * len(columns))})', rows)


@contextmanager
def indexes_built_after(db: Database, tables: Sequence[str]) -> Iterator[None]:
    """Inside a write transaction: drop the tables' secondary indexes and build them again at the end. Sorting
    once to build an index is faster than growing it row by row: a 58k import into an empty catalog saves about
    0.4 s of its 5. Only for a load that more than doubles the tables; the indexes come back in the same
    transaction, so no one ever sees the tables without them. SQLite only (a no-op on PostgreSQL)."""
    if is_postgres(db):
        yield
        return
    marks = ", ".join("?" for _ in tables)
    indexes = db.execute_sql(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                             f"AND tbl_name IN ({marks})", list(tables)).fetchall()
    for name, _ in indexes:
        db.execute_sql(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        db.execute_sql(sql)


def delete_ids(db: Database, table: type[Model] | str, column: str, ids: Sequence[int]) -> None:
    """Delete the rows whose `column` is one of `ids`."""
    mark = "%s" if is_postgres(db) else "?"
    for chunk in chunks(list(ids)):
        db.execute_sql(f'DELETE FROM "{_name(table)}" WHERE "{column}" IN ({", ".join(mark for _ in chunk)})',
                       list(chunk))
