"""Migration 4: a relation keeps the related work's ids at online sources (`relation.target_ids`, JSON), so a stub
from a provider can be added, complete, in one click.
"""

from __future__ import annotations

from peewee import Database, TextField
from playhouse.migrate import SchemaMigrator, migrate

ID = 4
NAME = "relation ids"
REBUILDS_DERIVED = False


def up(db: Database) -> None:
    migrate(SchemaMigrator.from_database(db).add_column("relation", "target_ids", TextField(null=True)))
