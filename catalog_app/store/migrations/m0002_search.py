"""Migration 2: the search index (FTS5 and trigram tables on SQLite, a folded-text table on PostgreSQL).

Only creates the tables; the migration runner fills them from the current tables once every migration ran,
because the index is derived data and is built by today's code, not by a frozen copy.
"""

from __future__ import annotations

from peewee import Database

from ..search import create_index

ID = 2
NAME = "search"
REBUILDS_DERIVED = True


def up(db: Database) -> None:
    create_index(db)
