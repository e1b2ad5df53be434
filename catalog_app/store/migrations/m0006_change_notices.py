"""Migration 6: on PostgreSQL, every committed change to works or lists sends a notice on the `starlight_changes`
channel, so the other clients of a shared catalog can update their lists and panels within a second without
polling (services.live listens). SQLite catalogs have one writer machine and nothing to tell: no change.

A notice is `works|<ids>|<client>`, `works|*|<client>` (too many ids for one notice) or `lists||<client>`;
`<client>` is the writer's `application_name` (store.db.CLIENT_NAME), so a client can skip its own notices.
PostgreSQL delivers a transaction's notices at its commit, never for a rollback, and drops repeats within one.
Statement-level triggers with transition tables send one notice per statement, not one per row: an import of
58,000 works sends a handful.
"""

from __future__ import annotations

from peewee import Database

from ..db import is_postgres

ID = 6
NAME = "change notices"
REBUILDS_DERIVED = False

CHANNEL = "starlight_changes"
#: More changed works than this in one statement are announced as "*" (a notice holds at most 8000 bytes).
MAX_IDS = 500

_WORKS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION starlight_works_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed integer;
    ids text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*), string_agg(id::text, ',') INTO changed, ids FROM (SELECT id FROM old_rows LIMIT {MAX_IDS + 1}) s;
    ELSE
        SELECT count(*), string_agg(id::text, ',') INTO changed, ids FROM (SELECT id FROM new_rows LIMIT {MAX_IDS + 1}) s;
    END IF;
    IF changed > 0 THEN
        PERFORM pg_notify('{CHANNEL}', 'works|' || CASE WHEN changed > {MAX_IDS} THEN '*' ELSE ids END || '|'
                          || current_setting('application_name'));
    END IF;
    RETURN NULL;
END $$
"""

_LISTS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION starlight_lists_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', 'lists||' || current_setting('application_name'));
    RETURN NULL;
END $$
"""

_TRIGGERS = [
    "CREATE TRIGGER work_inserted AFTER INSERT ON work REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION starlight_works_changed()",
    "CREATE TRIGGER work_updated AFTER UPDATE ON work REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION starlight_works_changed()",
    "CREATE TRIGGER work_deleted AFTER DELETE ON work REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION starlight_works_changed()",
] + [
    f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION starlight_lists_changed()"
    for table in ("user_list", "user_list_entry", "saved_search")
]


def up(db: Database) -> None:
    if not is_postgres(db):
        return
    db.execute_sql(_WORKS_FUNCTION)
    db.execute_sql(_LISTS_FUNCTION)
    for statement in _TRIGGERS:
        db.execute_sql(statement)
