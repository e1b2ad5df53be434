"""Schema migrations: a catalog made by the first schema migrates, with a backup made through SQLite's API."""

from __future__ import annotations

import sqlite3

from playhouse.schema_diff import diff_models

from catalog_app.services.catalog import Catalog
from catalog_app.store.db import open_database
from catalog_app.store.migrations import LATEST
from catalog_app.store.schema import migrate, schema_version
from catalog_app.store.tables import ALL_TABLES


def _old_catalog(path, schema: int, *rows: str) -> None:
    """A catalog as an older schema made it, with Lost in Starlight in it and these rows (SQL inserts)."""
    db = open_database(str(path))
    migrate(db, upto=schema)
    db.execute_sql("INSERT INTO work (kind, is_anime, title, original_title, sort_title, sort_key, added_at, "
                   "updated_at, version) VALUES ('film', 1, 'Lost in Starlight', '이 별에 필요한', "
                   "'Lost in Starlight', 'lost in starlight', '2025-06-01', '2025-06-01', 1)")
    for row in rows:
        db.execute_sql(row)
    assert schema_version(db) == schema
    db.close()


def _first_schema_catalog(path):
    """A catalog as schema 1 made it (no search index), with a work and a person in it."""
    _old_catalog(path, 1, "INSERT INTO person (name, original_name, sort_key, match_key) VALUES "
                          "('Han Ji-won', '한지원', 'han ji-won', 'han ji won')",
                 "INSERT INTO credit (work_id, person_id, role) VALUES (1, 1, 'director')")
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'work_fts'").fetchone()[0] == 0
    con.close()


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


def test_relations_of_a_third_schema_catalog_keep_their_stubs_and_gain_ids(tmp_path):
    path = tmp_path / "v3.sqlite"
    _old_catalog(path, 3, "INSERT INTO relation (work_id, kind, target_title, target_year, position) "
                          "VALUES (1, 'follow_up', 'The Summer', 2023, 0)")
    with Catalog.open(str(path)) as catalog:
        assert schema_version(catalog.db) == LATEST == 6
        record = catalog.load(1)[0]
        assert record["relations"] == [{"kind": "follow_up", "target": None, "title": "The Summer", "year": 2023,
                                        "target_kind": None, "target_ids": {}, "note": None}]
        record["relations"][0]["target_ids"] = {"tmdb": "movie/1155089"}
        catalog.save_work(1, record["version"], record, catalog.load(1)[1])
        assert catalog.load(1)[0]["relations"][0]["target_ids"] == {"tmdb": "movie/1155089"}
        assert not diff_models(catalog.db, ALL_TABLES)
