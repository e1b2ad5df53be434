"""Schema migrations: a catalog made by the first schema migrates, with a backup made through SQLite's API."""

from __future__ import annotations

import sqlite3

from playhouse.schema_diff import diff_models

from catalog_app.services.catalog import Catalog
from catalog_app.store.db import open_database
from catalog_app.store.migrations import LATEST
from catalog_app.store.schema import migrate, schema_version
from catalog_app.store.tables import ALL_TABLES


def _first_schema_catalog(path):
    """A catalog as schema 1 made it (no search index), with a work and a person in it."""
    db = open_database(str(path))
    migrate(db, upto=1)
    db.execute_sql("INSERT INTO work (kind, is_anime, title, original_title, sort_title, sort_key, added_at, "
                   "updated_at, version) VALUES ('film', 1, 'Lost in Starlight', '이 별에 필요한', "
                   "'Lost in Starlight', 'lost in starlight', '2025-06-01', '2025-06-01', 1)")
    db.execute_sql("INSERT INTO person (name, original_name, sort_key, match_key) VALUES "
                   "('Han Ji-won', '한지원', 'han ji-won', 'han ji won')")
    db.execute_sql("INSERT INTO credit (work_id, person_id, role) VALUES (1, 1, 'director')")
    assert schema_version(db) == 1
    assert "work_fts" not in db.get_tables()
    db.close()


def test_a_first_schema_catalog_migrates_with_a_backup_first(tmp_path):
    path = tmp_path / "old.sqlite"
    _first_schema_catalog(path)
    with Catalog.open(str(path)) as catalog:
        assert schema_version(catalog.db) == LATEST
        assert [t for _, t, *_ in catalog.find("필요")] == ["Lost in Starlight"]
        assert [t for _, t, *_ in catalog.find("director:한지원")] == ["Lost in Starlight"]
        assert catalog.check() == []
        assert not diff_models(catalog.db, ALL_TABLES), "migrated schema must equal the tables' definitions"
    backups = list((tmp_path / "backups").glob("old-before-schema-2-*.sqlite"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT max(id) FROM schema_migration").fetchone()[0] == 1
    assert con.execute("SELECT title FROM work").fetchall() == [("Lost in Starlight",)]
    con.close()


def test_a_new_catalog_needs_no_backup_and_matches_the_tables(tmp_path):
    with Catalog.open(str(tmp_path / "new.sqlite")) as catalog:
        assert schema_version(catalog.db) == LATEST
        assert not diff_models(catalog.db, ALL_TABLES)
    assert not (tmp_path / "backups").exists()


def test_opening_an_up_to_date_catalog_changes_nothing(tmp_path):
    path = tmp_path / "c.sqlite"
    Catalog.open(str(path)).close()
    Catalog.open(str(path)).close()
    assert not (tmp_path / "backups").exists()
