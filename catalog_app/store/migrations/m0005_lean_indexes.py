"""Migration 5: drop the indexes on a work (or list) id alone where a unique index starting with that id already
serves the same lookups (rating (work_id) next to rating (work_id, source), and ten more). Each cost every insert
a second B-tree to grow: a 58k import writes its facets about a tenth faster without them.
"""

from __future__ import annotations

from peewee import Database

ID = 5
NAME = "lean indexes"
REBUILDS_DERIVED = False

#: Each is covered by an index whose first column is the same (see the names: table_column, then the wider one).
COVERED = ("work_parent_id", "credit_work_id", "field_source_work_id", "rating_work_id",
           "user_list_entry_user_list_id", "work_company_work_id", "work_country_work_id", "work_genre_work_id",
           "work_language_work_id", "work_tag_work_id")


def up(db: Database) -> None:
    for name in COVERED:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
