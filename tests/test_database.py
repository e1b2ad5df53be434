"""Opening catalogs: settings, and the bad cases (not SQLite, read-only folder, another writer, a newer catalog)."""

from __future__ import annotations

import os
import sqlite3
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from catalog_app.core.errors import CatalogError
from catalog_app.services.catalog import Catalog
from catalog_app.services.formats.starlight_json import from_object
from catalog_app.store import db as db_module
from helpers import snapshot


def test_sqlite_catalogs_use_wal_foreign_keys_and_a_busy_timeout(sqlite_catalog):
    pragma = lambda name: sqlite_catalog.db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == db_module.BUSY_TIMEOUT_MS


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"my shopping list\n" * 10)
    with pytest.raises(CatalogError, match="is not a Starlight catalog \\(not an SQLite database\\)"):
        Catalog.open(str(path))
    assert path.read_bytes() == b"my shopping list\n" * 10


def test_a_catalog_from_a_newer_starlight_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    Catalog.open(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_migration (id, name, applied_at) VALUES (99, 'future', '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(CatalogError, match="made by a newer Starlight \\(schema 99"):
        Catalog.open(str(path))


READ_ONLY_SCRIPT = """
import os, sys
from catalog_app.services.catalog import Catalog
from catalog_app.core.errors import CatalogError
if os.geteuid() == 0:  # root writes anywhere: test as an ordinary user, after the imports are loaded
    os.setgid(65534); os.setuid(65534)
try:
    Catalog.open(sys.argv[1])
except CatalogError as e:
    print(e)
    sys.exit(1)
"""


@pytest.mark.parametrize("existing", [False, True])
def test_a_read_only_folder_gives_one_clear_error(sqlite_sample, existing):
    # Outside pytest's private temporary folder, so that the ordinary user can reach it.
    base = Path(tempfile.mkdtemp(prefix="starlight-ro-"))
    os.chmod(base, 0o755)
    folder = base / "readonly"
    folder.mkdir()
    target = folder / "catalog.sqlite"
    if existing:
        sqlite_sample.backup(str(target))
        os.chmod(target, 0o644)  # the ordinary user's own catalog, readable, in a folder it may not write
    before = target.read_bytes() if existing else None
    os.chmod(folder, 0o555)
    try:
        result = subprocess.run([sys.executable, "-c", READ_ONLY_SCRIPT, str(target)], capture_output=True,
                                text=True, timeout=120, cwd=Path(__file__).parent.parent)
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == f"{folder}: the catalog's folder is read-only; Starlight needs to write there"
    assert (target.read_bytes() if existing else None) == before
    assert sorted(p.name for p in folder.iterdir()) == (["catalog-images", "catalog.sqlite"] if existing else [])
    shutil.rmtree(base)


def _hold_write_lock(path: Path, seconds: float, started: threading.Event) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO setting (key, value) VALUES ('held', '1')")
    started.set()
    time.sleep(seconds)
    con.execute("ROLLBACK")
    con.close()


def _one_work() -> object:
    return from_object({"format": "starlight-catalog", "version": 1, "works": [{"title": "Waiting Film"}]})


def test_an_import_waits_for_a_short_concurrent_writer(sqlite_sample, monkeypatch):
    started = threading.Event()
    writer = threading.Thread(target=_hold_write_lock, args=(Path(sqlite_sample.target), 0.3, started))
    writer.start()
    started.wait(5)
    sqlite_sample.import_document(_one_work(), "test")
    writer.join()
    assert [t for _, t, *_ in sqlite_sample.find("waiting")] == ["Waiting Film"]


def test_a_long_concurrent_writer_gives_a_busy_error_and_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(db_module.SQLITE_PRAGMAS, "busy_timeout", 200)
    from catalog_app.services.sample import load_sample
    catalog = Catalog.open(str(tmp_path / "c.sqlite"))
    load_sample(catalog)
    before = snapshot(catalog)
    started = threading.Event()
    writer = threading.Thread(target=_hold_write_lock, args=(tmp_path / "c.sqlite", 2.0, started))
    writer.start()
    started.wait(5)
    try:
        with pytest.raises(CatalogError, match="the catalog is busy \\(another program is writing to it\\)"):
            catalog.import_document(_one_work(), "test")
    finally:
        writer.join()
    assert snapshot(catalog) == before
    catalog.close()
