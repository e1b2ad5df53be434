"""Bringing a catalog's schema up to date: backup first, then each pending migration in its own transaction.

A catalog whose schema is newer than this version of Starlight knows is refused, never touched.
"""

from __future__ import annotations

from peewee import Database

from ..core.errors import CatalogError
from .maintenance import automatic_backup
from .migrations import LATEST, MIGRATIONS
from .derived import rebuild_derived
from .tables import SchemaMigration


def schema_version(db: Database) -> int:
    """The highest migration applied to a catalog; 0 for a new, empty one."""
    if not db.table_exists(SchemaMigration._meta.table_name):
        return 0
    return SchemaMigration.select(SchemaMigration.id).order_by(SchemaMigration.id.desc()).scalar() or 0


def migrate(db: Database, upto: int = LATEST) -> list[str]:
    """Apply pending migrations up to `upto`; returns the names applied.

    Raises:
        CatalogError: the catalog was made by a newer Starlight, or a migration failed (the catalog is then
            left at the last migration that completed, and the automatic backup is beside it).
    """
    current = schema_version(db)
    if current > LATEST:
        raise CatalogError(f"this catalog was made by a newer Starlight (schema {current}; this version knows "
                           f"up to {LATEST}); update Starlight to open it")
    pending = [m for m in MIGRATIONS if current < m.ID <= upto]
    if not pending:
        return []
    if current > 0:
        automatic_backup(db, f"schema-{pending[0].ID}")
    applied: list[str] = []
    rebuild = False
    for migration in pending:
        try:
            with db.atomic():
                migration.up(db)
                if migration.ID == 1:
                    db.create_tables([SchemaMigration], safe=True)
                SchemaMigration.insert(id=migration.ID, name=migration.NAME).execute()
        except CatalogError:
            raise
        except Exception as e:
            raise CatalogError(f"migration {migration.ID} ({migration.NAME}) failed and was rolled back: {e}") from e
        applied.append(f"{migration.ID:04d}_{migration.NAME}")
        rebuild = rebuild or getattr(migration, "REBUILDS_DERIVED", False)
    if rebuild and schema_version(db) == LATEST:
        # The search index and list rows are derived data: built once, by today's code, after the schema is complete.
        with db.atomic():
            rebuild_derived(db)
    return applied
