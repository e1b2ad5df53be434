"""Migration 3: the list's projection (`work_list`), one indexed row per work for sorting by any column.

Creates the table; like the search index it is derived data, filled by the runner after the last migration.
"""

from __future__ import annotations

from peewee import Database

from ..listing import create_table

ID = 3
NAME = "list"
REBUILDS_DERIVED = True


def up(db: Database) -> None:
    create_table(db)
