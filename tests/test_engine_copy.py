"""`starlight copy`: a catalog moved between engines (SQLite ⇄ PostgreSQL, and between two of a kind) arrives
whole: the same rows under the same ids, the same searches, its image files; a copy that cannot be made or fails
half way leaves the target as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from peewee import OperationalError

from catalog_app.core.errors import CatalogError
from catalog_app.services import engine_copy
from catalog_app.services.catalog import Catalog
from catalog_app.services.engine_copy import copy_catalog, copy_order
from catalog_app.services.sample import load_sample
from catalog_app.store.db import open_database
from catalog_app.store.derived import refresh_derived
from catalog_app.store.migrations import LATEST
from catalog_app.store.schema import migrate
from catalog_app.store.tables import ALL_TABLES, Credit, Image, Relation, SchemaMigration, Setting, Work
from conftest import SHARED, _close_bound_catalog
from helpers import snapshot, starlight

IMDB = SHARED / "data" / "imdb-movies-58k.csv"
DIARY = SHARED / "fixtures" / "exports" / "letterboxd" / "diary.csv"
#: Searches of every kind (words, CJK, a person, facets, ranges), each answered the same on either engine.
SEARCHES = ["starlight", "lost", "한지원", "별", "director:Han Ji-won", "genre:drama", "year:1990..1999", "tag:space",
            "kind:anime", "is:favourite", "status:completed", "-genre:comedy", "rating.imdb:>7", "votes:>1000", "the"]
UNREACHABLE = "postgresql://me@127.0.0.1:9/catalog"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A real catalog file: the sample (posters, relations, lists, quotes, CJK), the first 300 films of the IMDb
    data set and a Letterboxd diary (personal ratings, viewings), as a person would have built it."""
    path = tmp_path / "source" / "films.sqlite"
    imdb_head = tmp_path / "imdb-300.csv"
    imdb_head.write_text("".join(IMDB.open(encoding="utf-8").readlines()[:301]), encoding="utf-8")
    with Catalog.open(str(path)) as catalog:
        load_sample(catalog)
        catalog.import_file(str(imdb_head))
        catalog.import_file(str(DIARY))
    return path


def _facts(target: str) -> tuple[str, dict[str, list[int]], list[tuple], list[int]]:
    """What a catalog holds, to compare two of them: its native dump with its image files, what each search
    finds, its relations and credits by id, and whether each of its image files is there."""
    with Catalog.open(target) as catalog:
        found = {q: sorted(row[0] for row in catalog.find(q)) for q in SEARCHES}
        links = list(Relation.select(Relation.id, Relation.work, Relation.target, Relation.kind)
                     .order_by(Relation.id).tuples())
        links += list(Credit.select(Credit.id, Credit.work, Credit.person, Credit.role).order_by(Credit.id).tuples())
        missing = [h for h, m in Image.select(Image.content_hash, Image.mime).tuples()
                   if not catalog.image_file(h, m).is_file()]
        assert catalog.check() == [], target
        return snapshot(catalog), found, links, missing


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path: Path, table: str) -> int:
    """How many rows a table of a catalog file holds, read past the app."""
    con = sqlite3.connect(path)
    try:
        return con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


# ---- copies that work ------------------------------------------------------------------------------------------

@pytest.mark.postgres
def test_sqlite_to_postgresql_and_back_gives_the_same_catalog(source, tmp_path, new_pg_database):
    server = new_pg_database()
    back = tmp_path / "back" / "films.sqlite"
    dump, found, links, missing = _facts(str(source))
    assert found["starlight"] and found["한지원"] and found["year:1990..1999"]  # the searches find something
    assert missing == [] and "svg" in dump  # the sample's posters are part of the dump

    there = copy_catalog(str(source), server)
    assert (there.works, there.people) == (_rows(source, "work"), 12)
    assert there.images_copied == 8 and there.images_missing == 0
    assert all(source_rows == target_rows for _, source_rows, target_rows in there.counts)
    assert _facts(server) == (dump, found, links, [])

    returned = copy_catalog(server, str(back))
    assert returned.counts == there.counts
    assert _facts(str(back)) == (dump, found, links, [])
    # The ids went on from where the source's stopped: the sequences were moved past the copied rows.
    with Catalog.open(server) as copied:
        last = Work.select(Work.id).order_by(Work.id.desc()).scalar()
        assert copied.add_new("Added after the copy", 2026) == last + 1


@pytest.mark.postgres
def test_postgresql_to_postgresql_shares_the_image_folder(source, new_pg_database):
    first, second = new_pg_database(), new_pg_database()
    copy_catalog(str(source), first)
    again = copy_catalog(first, second)
    # Both server catalogs keep their images in this computer's cache: nothing to copy, nothing missing.
    assert (again.images_copied, again.images_present, again.images_missing) == (0, 8, 0)
    assert _facts(second)[:3] == _facts(first)[:3]


def test_sqlite_to_sqlite_through_the_command_line(source, tmp_path):
    target = tmp_path / "elsewhere" / "copy.sqlite"
    before = _digest(source)
    result = starlight("copy", "--from", str(source), "--to", f"sqlite:///{target}")
    assert result.returncode == 0, result.stderr
    works = result.stdout.splitlines()[1].split()
    assert works[0] == "work" and works[1] == works[2]
    assert "search index" in result.stdout and "list rows" in result.stdout
    assert result.stdout.splitlines()[-1] == (f"copied {int(works[1].replace(',', '')):,} works, 12 people, 8 image "
                                              f"files from {source} to sqlite:///{target}")
    assert f"copied credit: {_rows(source, 'credit'):,} rows" in result.stderr.splitlines()  # a line per table
    assert _facts(str(target)) == _facts(str(source))
    assert _digest(source) == before  # the source is only read
    assert len(list((tmp_path / "elsewhere" / "copy-images").glob("*/*.svg"))) == 8


def test_reading_in_small_batches_copies_every_row(source, tmp_path):
    """The source is read a batch at a time (by key, past the last one read): batches that end anywhere, settings
    (keyed by text, kept in the order the source lists them) and a work whose parent has a higher id than it
    (linked once every work is in)."""
    with Catalog.open(str(source)) as catalog, catalog.db.atomic():
        newest = Work.select(Work.id).order_by(Work.id.desc()).scalar()
        oldest = Work.select(Work.id).where(Work.parent.is_null()).order_by(Work.id).scalar()
        Work.update(parent=newest, kind="season", number=1).where(Work.id == oldest).execute()
        refresh_derived(catalog.db, [oldest])
        Setting.insert_many([("a", "1"), ("b", "2"), ("zz", "3")], fields=[Setting.key, Setting.value]).execute()
    target = tmp_path / "copy.sqlite"
    outcome = copy_catalog(str(source), str(target), read_batch=7)
    assert dict((name, rows) for name, _, rows in outcome.counts)["setting"] == 4
    assert _facts(str(target)) == _facts(str(source))
    with Catalog.open(str(target)):
        assert Work.get_by_id(oldest).parent_id == newest


def test_a_copy_of_a_backup_leaves_the_backup_file_as_it_was(source, tmp_path):
    """A backup (`starlight backup`) is a single file in rollback-journal mode: reading it must not turn it into
    a WAL catalog or leave journals beside it."""
    backup = tmp_path / "backup.sqlite"
    with Catalog.open(str(source)) as catalog:
        catalog.backup(str(backup))
    before = _digest(backup)
    copy_catalog(str(backup), str(tmp_path / "restored.sqlite"))
    assert _digest(backup) == before
    assert sorted(p.name for p in tmp_path.glob("backup.sqlite*")) == ["backup.sqlite"]
    assert sqlite3.connect(backup).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_an_image_file_missing_from_the_source_is_counted_not_fatal(source, tmp_path):
    with Catalog.open(str(source)) as catalog:
        digest, mime = Image.select(Image.content_hash, Image.mime).order_by(Image.content_hash).tuples()[0]
        gone = catalog.image_file(digest, mime)
    gone.unlink()
    result = starlight("copy", "--from", str(source), "--to", str(tmp_path / "copy.sqlite"))
    assert result.returncode == 0, result.stderr
    assert ", 7 image files from" in result.stdout
    assert (f"starlight: 1 image files were not in {source.parent / 'films-images'} (first: {gone}); the rows "
            "naming them were copied, the files are still missing") in result.stderr.splitlines()


def test_tables_are_copied_after_the_tables_they_point_at():
    order = copy_order()
    assert set(order) == set(ALL_TABLES) - {SchemaMigration}
    for table in order:
        for field in table._meta.refs:
            assert field.rel_model is table or order.index(field.rel_model) < order.index(table), field


# ---- copies refused: one line, the target as it was --------------------------------------------------------------

def test_a_target_that_holds_works_is_refused_and_left_as_it_was(source, tmp_path):
    target = tmp_path / "full.sqlite"
    with Catalog.open(str(target)) as catalog:
        load_sample(catalog)
        before = snapshot(catalog)
    result = starlight("copy", "--from", str(source), "--to", str(target))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"starlight: {target}: already holds a catalog ({_rows(target, 'work')} works); copy "
                             "never merges catalogs: give a new file or an empty database\n")
    with Catalog.open(str(target)) as catalog:
        assert snapshot(catalog) == before


def test_a_target_with_other_rows_but_no_works_is_refused_too(source, tmp_path):
    target = tmp_path / "lists.sqlite"
    with Catalog.open(str(target)) as catalog:
        catalog.db.execute_sql("INSERT INTO saved_search (name, query, position) VALUES ('mine', 'year:2020', 0)")
    with pytest.raises(CatalogError, match=r"already holds a catalog \(no works, but 1 rows in saved_search\)"):
        copy_catalog(str(source), str(target))


@pytest.mark.postgres
def test_a_server_target_that_holds_works_is_refused(source, new_pg_database):
    server = new_pg_database()
    with Catalog.open(server) as catalog:
        load_sample(catalog)
        before = snapshot(catalog)
    with pytest.raises(CatalogError, match="already holds a catalog"):
        copy_catalog(str(source), server)
    with Catalog.open(server) as catalog:
        assert snapshot(catalog) == before


def test_a_missing_source_is_refused_and_nothing_is_made(tmp_path):
    target = tmp_path / "new" / "copy.sqlite"
    result = starlight("copy", "--from", str(tmp_path / "nothing.sqlite"), "--to", str(target))
    assert result.returncode == 1
    assert result.stderr == f"starlight: {tmp_path / 'nothing.sqlite'}: no such catalog to copy from\n"
    assert not target.parent.exists()


def test_a_source_that_is_not_a_catalog_is_refused(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("my films\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="notes.sqlite: is not a Starlight catalog"):
        copy_catalog(str(text), str(tmp_path / "copy.sqlite"))
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(CatalogError, match=r"other.sqlite: is not a Starlight catalog \(it holds no catalog tables\)"):
        copy_catalog(str(other), str(tmp_path / "copy.sqlite"))
    assert not (tmp_path / "copy.sqlite").exists()


def test_an_unreachable_server_is_refused_without_its_password(source, tmp_path):
    secret = "s3cret-Passw0rd"
    with pytest.raises(CatalogError) as refused:
        copy_catalog(f"postgresql://me:{secret}@127.0.0.1:9/catalog", str(tmp_path / "copy.sqlite"))
    assert str(refused.value).startswith("postgresql://me:***@127.0.0.1:9/catalog: cannot connect")
    assert secret not in str(refused.value)
    assert not (tmp_path / "copy.sqlite").exists()
    result = starlight("copy", "--from", str(source), "--to", UNREACHABLE)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"starlight: {UNREACHABLE}: cannot connect")


def test_a_catalog_is_not_copied_onto_itself(source, tmp_path):
    for same in (str(source), f"sqlite:///{source}", str(source.parent / ".." / "source" / "films.sqlite")):
        with pytest.raises(CatalogError, match="is the catalog being copied"):
            copy_catalog(str(source), same)
    link = tmp_path / "link.sqlite"
    link.symlink_to(source)
    with pytest.raises(CatalogError, match="is the catalog being copied"):
        copy_catalog(str(source), str(link))
    with pytest.raises(CatalogError, match="is the catalog being copied"):
        copy_catalog(UNREACHABLE, "postgres://me:pw@127.0.0.1:9/catalog")


@pytest.mark.postgres
def test_a_server_catalog_is_not_copied_onto_itself_under_another_address(source, new_pg_database):
    server = new_pg_database()
    copy_catalog(str(source), server)
    other_spelling = server.replace("127.0.0.1", "localhost")
    assert other_spelling != server
    with pytest.raises(CatalogError, match="is the catalog being copied"):
        copy_catalog(server, other_spelling)


def test_a_catalog_of_another_schema_is_refused(source, tmp_path):
    older = tmp_path / "older.sqlite"
    db = open_database(str(older))
    migrate(db, upto=LATEST - 1)
    db.close()
    with pytest.raises(CatalogError) as refused:
        copy_catalog(str(older), str(tmp_path / "copy.sqlite"))
    assert str(refused.value) == (
        f"{older}: this catalog is at schema {LATEST - 1} and this Starlight writes schema {LATEST}; open it once "
        f"with this Starlight (starlight check --db {older}) to bring it up to date, then copy it")
    con = sqlite3.connect(source)
    with con:
        con.execute("INSERT INTO schema_migration (id, name, applied_at) VALUES (?, 'from the future', "
                    "'2030-01-01')", (LATEST + 1,))
    con.close()
    with pytest.raises(CatalogError, match=rf"made by a newer Starlight \(schema {LATEST + 1}; this version knows "
                                           rf"up to {LATEST}\)"):
        copy_catalog(str(source), str(tmp_path / "copy.sqlite"))
    assert not (tmp_path / "copy.sqlite").exists()


# ---- copies that fail half way --------------------------------------------------------------------------------

def _fail_on_credits(monkeypatch) -> None:
    """The database fails once the works and people are in: while the credits are being written."""
    insert = engine_copy.bulk_insert

    def disk_full_at_credits(db, table, columns, rows):
        if table is Credit:
            raise OperationalError("database or disk is full")
        insert(db, table, columns, rows)
    monkeypatch.setattr(engine_copy, "bulk_insert", disk_full_at_credits)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_failure_half_way_leaves_no_new_file_behind(source, tmp_path, monkeypatch):
    _fail_on_credits(monkeypatch)
    target = tmp_path / "copy.sqlite"
    with pytest.raises(CatalogError) as refused:
        copy_catalog(str(source), str(target))
    assert str(refused.value) == (f"copying {source} into {target}: the database failed (database or disk is full); "
                                  "nothing was changed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["imdb-300.csv", "source"]  # no file, no staging


def test_a_failure_half_way_leaves_an_empty_catalog_empty(source, tmp_path, monkeypatch):
    target = tmp_path / "empty.sqlite"
    with Catalog.open(str(target)) as catalog:
        before = snapshot(catalog)
    _fail_on_credits(monkeypatch)
    with pytest.raises(CatalogError, match="nothing was changed"):
        copy_catalog(str(source), str(target))
    with Catalog.open(str(target)) as catalog:
        assert snapshot(catalog) == before and catalog.is_empty()
    assert not (tmp_path / "empty-images").exists()


@pytest.mark.postgres
def test_a_failure_half_way_leaves_a_server_catalog_empty(source, new_pg_database, monkeypatch):
    server = new_pg_database()
    with monkeypatch.context() as patched:  # only the failure: the test's private folders stay
        _fail_on_credits(patched)
        with pytest.raises(CatalogError, match="nothing was changed"):
            copy_catalog(str(source), server)
    with Catalog.open(server) as catalog:
        assert catalog.is_empty() and catalog.check() == []
        assert all(table.select().count() == 0 for table in copy_order())
    # The copy can then be made: the database was left empty, not half filled.
    assert copy_catalog(str(source), server).works == _rows(source, "work")


def test_counts_that_do_not_add_up_roll_the_copy_back(source, tmp_path, monkeypatch):
    """The count check is the last word: a search index one entry short is refused, and nothing is kept."""
    rebuild = engine_copy.rebuild_derived

    def one_entry_short(db):
        count = rebuild(db)
        db.execute_sql("DELETE FROM work_fts WHERE rowid = (SELECT MAX(rowid) FROM work_fts)")
        return count
    monkeypatch.setattr(engine_copy, "rebuild_derived", one_entry_short)
    target = tmp_path / "copy.sqlite"
    with pytest.raises(CatalogError) as refused:
        copy_catalog(str(source), str(target))
    works = _rows(source, "work")
    assert str(refused.value) == (f"{target}: the copy does not add up (search index: {works:,} in the source, "
                                  f"{works - 1:,} copied); nothing was copied")
    assert not target.exists() and not (tmp_path / "copy-images").exists()


def test_a_copy_that_cannot_be_put_in_place_takes_its_image_files_back(source, tmp_path, monkeypatch):
    images = tmp_path / "copy-images"
    images.mkdir()
    (images / "notes.txt").write_text("mine\n", encoding="utf-8")

    def disk_full(staged, target):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(engine_copy, "move_catalog_file", disk_full)
    target = tmp_path / "copy.sqlite"
    with pytest.raises(CatalogError) as refused:
        copy_catalog(str(source), str(target))
    assert str(refused.value) == f"{target}: cannot be written (No space left on device); nothing was copied"
    assert not target.exists() and _files(images) == ["notes.txt"]  # what was there before stays


@pytest.mark.postgres
def test_a_database_whose_name_is_percent_quoted_is_copied_to_and_from(source, tmp_path, new_pg_database):
    """The address as the connect dialog writes it: "family movies" travels as family%20movies."""
    import psycopg2
    first = new_pg_database()
    admin = psycopg2.connect(first)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute('CREATE DATABASE "family movies" TEMPLATE template0 ENCODING \'UTF8\'')
    admin.close()
    quoted = first.rsplit("/", 1)[0] + "/family%20movies"
    try:
        copy_catalog(str(source), quoted)
        back = copy_catalog(quoted, str(tmp_path / "back.sqlite"))
        assert back.works > 8 and _facts(str(tmp_path / "back.sqlite"))[:3] == _facts(str(source))[:3]
    finally:
        _close_bound_catalog()
        import pg_cluster
        pg_cluster.drop_database(quoted)


def test_an_address_that_cannot_be_read_is_one_clear_line(tmp_path):
    done = starlight("copy", "--from", "postgresql://me@[nas/db", "--to", str(tmp_path / "x.sqlite"))
    assert done.returncode == 1 and done.stderr.startswith("starlight: postgresql://me@[nas/db")
    assert "is not an address Starlight can read" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.sqlite").exists()


def test_an_image_hash_that_is_not_a_hash_names_no_file(source, tmp_path):
    """A row another client wrote with a path for a hash: counted as missing, nothing read or written outside."""
    con = sqlite3.connect(source)
    con.execute("UPDATE image SET content_hash = '../../../outside' WHERE id = (SELECT min(id) FROM image)")
    con.commit()
    con.close()
    outcome = copy_catalog(str(source), str(tmp_path / "copy.sqlite"))
    assert outcome.images_missing == 1 and not (tmp_path / "outside.jpg").exists()
