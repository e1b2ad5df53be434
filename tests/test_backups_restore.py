"""Backups and bringing them back: an automatic backup before each migration, import and bulk refresh (the last
few kept), the daily JSON snapshot that rebuilds a lost catalog, and `starlight restore` from each kind of backup,
refusing a damaged one or a catalog another program has open without changing anything."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import sqlite3
import time
from pathlib import Path

import pytest

from catalog_app.services import snapshots
from catalog_app.services.catalog import Catalog
from catalog_app.services.formats import starlight_json
from catalog_app.services.sample import load_sample
from catalog_app.store.maintenance import KEEP_AUTOMATIC_BACKUPS, automatic_backup
from helpers import snapshot, starlight

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def _sample_file(folder: Path, name: str = "catalog.sqlite") -> Path:
    path = folder / name
    with Catalog.open(str(path)) as catalog:
        load_sample(catalog)
    return path


def _contents(path: Path, images: bool = True) -> str:
    """Everything the catalog holds (and, with `images`, its image files)."""
    with Catalog.open(str(path)) as catalog:
        return snapshot(catalog) if images else starlight_json.dump(catalog.document())


def _edit(path: Path, title: str) -> None:
    with Catalog.open(str(path)) as catalog:
        record, people = catalog.load(1)
        catalog.save_work(1, record["version"], {**record, "title": title}, people)


# ---- automatic backups ------------------------------------------------------------------------------------------


def test_an_import_and_a_bulk_refresh_each_take_a_backup_first_and_the_last_few_are_kept(tmp_path):
    path = _sample_file(tmp_path)
    table = tmp_path / "films.csv"
    table.write_text("title,year\nPerfect Days,2023\n", encoding="utf-8")
    assert starlight("--db", str(path), "import", str(table)).returncode == 0
    before_import = list((tmp_path / "backups").glob("catalog-before-import-*.sqlite"))
    assert len(before_import) == 1
    con = sqlite3.connect(before_import[0])
    assert con.execute("SELECT count(*) FROM work WHERE title = 'Perfect Days'").fetchone() == (0,)
    con.close()

    from catalog_app.services.bulk_refresh import BulkRefresh
    from catalog_app.services.online import Online
    with Catalog.open(str(path)) as catalog:
        ids = [row[0] for row in catalog.find("")][:2]
        online = Online()
        summary = BulkRefresh(catalog, online, ids, tmp_path / "journal.json").run()
        online.close()
        assert summary.count("failed") == 2  # every source is a closed port here: the backup came first anyway
        assert list((tmp_path / "backups").glob("catalog-before-refresh-*.sqlite"))
        for _ in range(KEEP_AUTOMATIC_BACKUPS + 2):
            automatic_backup(catalog.db, "import")
    assert len(list((tmp_path / "backups").glob("catalog-before-*.sqlite"))) == KEEP_AUTOMATIC_BACKUPS


# ---- snapshots --------------------------------------------------------------------------------------------------


def test_a_lost_catalog_is_rebuilt_from_its_snapshot(tmp_path):
    path = _sample_file(tmp_path)
    _edit(path, "Lost in Starlight (director's cut)")
    before = _contents(path)
    out = starlight("--db", str(path), "snapshot")
    assert out.returncode == 0, out.stderr
    [written] = (tmp_path / "backups").glob("catalog-snapshot-*.json.gz")
    assert "wrote a snapshot of 8 works" in out.stdout
    assert gzip.decompress(written.read_bytes()).startswith(b'{\n  "format": "starlight-catalog"')

    for lost in tmp_path.glob("catalog.sqlite*"):
        lost.unlink()
    out = starlight("--db", str(path), "restore", str(written))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"restored 8 works into {path} from a Starlight JSON snapshot")
    assert "kept as" not in out.stdout and out.stderr == ""
    assert _contents(path) == before, "every fact, the edit and the posters (kept beside the catalog) are back"


def test_a_snapshot_is_due_once_a_day_and_only_when_the_catalog_changed(sqlite_sample, tmp_path):
    assert snapshots.snapshot_due(sqlite_sample)
    written, works = snapshots.write_snapshot(sqlite_sample)
    assert works == 8 and not snapshots.snapshot_due(sqlite_sample)
    day_ago = time.time() - 25 * 3600
    os.utime(written, (day_ago, day_ago))
    catalog_file = Path(sqlite_sample.db.database)
    for p in (catalog_file, catalog_file.with_name(catalog_file.name + "-wal")):
        os.utime(p, (day_ago - 60, day_ago - 60))
    assert not snapshots.snapshot_due(sqlite_sample), "nothing changed since the last one"
    sqlite_sample.add_new("Perfect Days", 2023)
    assert snapshots.snapshot_due(sqlite_sample)
    for n in range(snapshots.KEEP_SNAPSHOTS + 1):
        time.sleep(1.01)  # a snapshot's name has the second it was written
        snapshots.write_snapshot(sqlite_sample)
    kept = snapshots.snapshots(sqlite_sample)
    assert len(kept) == snapshots.KEEP_SNAPSHOTS and written not in kept, "the oldest go"


def test_the_app_writes_its_snapshot_from_a_process_of_its_own(tmp_path):
    path = _sample_file(tmp_path)
    program, arguments = snapshots.snapshot_command(str(path))
    import subprocess
    out = subprocess.run([program, *arguments], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr
    assert len(list((tmp_path / "backups").glob("catalog-snapshot-*.json.gz"))) == 1
    again = subprocess.run([program, *arguments], capture_output=True, text=True, timeout=120,
                           cwd=Path(__file__).resolve().parent.parent)
    assert again.returncode == 0 and again.stdout == "", "--if-due: one a day"
    assert len(list((tmp_path / "backups").glob("catalog-snapshot-*.json.gz"))) == 1


# ---- restore ----------------------------------------------------------------------------------------------------


def test_restore_from_an_automatic_backup_keeps_the_catalog_it_replaces(tmp_path):
    path = _sample_file(tmp_path)
    original = _contents(path)
    table = tmp_path / "films.csv"
    table.write_text("title,year\nPerfect Days,2023\n", encoding="utf-8")
    assert starlight("--db", str(path), "import", str(table)).returncode == 0
    after_import = _contents(path, images=False)
    [backup] = (tmp_path / "backups").glob("catalog-before-import-*.sqlite")

    out = starlight("--db", str(path), "restore", str(backup))
    assert out.returncode == 0, out.stderr
    assert "from a copy of the catalog; the catalog it replaced is kept as" in out.stdout
    assert _contents(path) == original
    [kept] = (tmp_path / "backups").glob("catalog-before-restore-*.sqlite")
    assert _contents(kept, images=False) == after_import, "the catalog as it was before the restore"
    out = starlight("--db", str(path), "restore", str(kept))
    assert out.returncode == 0 and "Perfect Days" in _contents(path), "a restore can itself be undone"


def test_restore_from_a_backup_archive_brings_the_images(tmp_path):
    path = _sample_file(tmp_path)
    before = _contents(path)
    archive = tmp_path / "elsewhere" / "all.zip"
    assert starlight("--db", str(path), "export", str(archive)).returncode == 0
    new = tmp_path / "new" / "restored.sqlite"
    out = starlight("--db", str(new), "restore", str(archive))
    assert out.returncode == 0, out.stderr
    assert "from a backup archive" in out.stdout
    assert _contents(new) == before
    assert any((tmp_path / "new" / "restored-images").glob("*/*"))


def test_restore_takes_the_images_from_beside_the_catalog_a_backup_came_from(tmp_path):
    path = _sample_file(tmp_path)
    before = _contents(path)
    with Catalog.open(str(path)) as catalog:
        backup = automatic_backup(catalog.db, "test")
    new = tmp_path / "other" / "copy.sqlite"
    out = starlight("--db", str(new), "restore", str(backup))
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert _contents(new) == before


@pytest.mark.parametrize("damage", ["truncated copy", "garbage", "truncated snapshot", "not a catalog", "missing"])
def test_a_damaged_backup_is_refused_and_the_catalog_is_untouched(tmp_path, damage):
    path = _sample_file(tmp_path)
    before = _contents(path)
    bad = tmp_path / "bad"
    if damage == "truncated copy":
        with Catalog.open(str(path)) as catalog:
            copy = automatic_backup(catalog.db, "test")
        bad.write_bytes(copy.read_bytes()[:20_000])
        reason = "cannot be read as a catalog (database disk image is malformed)"
    elif damage == "garbage":
        bad.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
        reason = "cannot be read as a catalog"
    elif damage == "truncated snapshot":
        with Catalog.open(str(path)) as catalog:
            written, _ = snapshots.write_snapshot(catalog)
        bad.write_bytes(written.read_bytes()[:-200])
        reason = "is not a complete gzip file"
    elif damage == "not a catalog":
        bad.write_text('{"format": "something else"}', encoding="utf-8")
        reason = "not a Starlight catalog"
    else:
        reason = "no such file"
    out = starlight("--db", str(path), "restore", str(bad))
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.startswith(f"starlight: {bad}") and reason in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert _contents(path) == before
    assert not list((tmp_path / "backups").glob("catalog-before-restore-*")), "nothing was replaced"


def test_a_snapshot_that_unpacks_to_more_than_a_catalog_is_refused(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.json.gz"
    bomb.write_bytes(gzip.compress(b" " * 5_000_000, 9))
    assert bomb.stat().st_size < 10_000
    monkeypatch.setattr(snapshots, "MAX_DOCUMENT_BYTES", 1_000_000)
    from catalog_app.core.errors import InputError
    with pytest.raises(InputError, match="holds more than 1,000,000 bytes of JSON"):
        snapshots.read_document(bomb, str(bomb))


def test_restore_refuses_a_catalog_another_program_has_open(tmp_path):
    path = _sample_file(tmp_path)
    with Catalog.open(str(path)) as catalog:
        backup = automatic_backup(catalog.db, "test")
    _edit(path, "Renamed")
    before = _contents(path)
    other = sqlite3.connect(path)  # as the running app holds it: in WAL mode, reading
    other.execute("SELECT count(*) FROM work").fetchone()
    try:
        out = starlight("--db", str(path), "restore", str(backup))
    finally:
        other.close()
    assert out.returncode == 1
    assert "is open in another program" in out.stderr and "nothing was changed" in out.stderr
    assert _contents(path) == before


def test_a_catalog_too_damaged_to_open_is_moved_aside_and_replaced(tmp_path):
    path = _sample_file(tmp_path)
    with Catalog.open(str(path)) as catalog:
        written, _ = snapshots.write_snapshot(catalog)
    before = _contents(path)
    for journal in tmp_path.glob("catalog.sqlite-*"):
        journal.unlink()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    assert starlight("--db", str(path), "check").returncode == 1
    out = starlight("--db", str(path), "restore", str(written))
    assert out.returncode == 0, out.stderr
    [kept] = (tmp_path / "backups").glob("catalog-damaged-*.sqlite")
    assert kept.read_bytes().endswith(b"\xff" * 4096), "the damaged file is kept as it was"
    assert _contents(path) == before


def test_restore_names_each_kind_of_backup_the_app_writes(tmp_path):
    path = _sample_file(tmp_path)
    with Catalog.open(str(path)) as catalog:
        day = dt.date.today().strftime("%Y%m%d")
        assert snapshots.write_snapshot(catalog)[0].name.startswith(f"catalog-snapshot-{day}")
    export = tmp_path / "export.json"
    assert starlight("--db", str(path), "export", str(export)).returncode == 0
    out = starlight("--db", str(tmp_path / "from-export.sqlite"), "restore", str(export))
    assert out.returncode == 0 and "from a Starlight JSON snapshot" in out.stdout


def test_the_window_starts_the_snapshot_without_waiting_for_it(sqlite_sample, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.ui_settings import UiSettings
    window = MainWindow(sqlite_sample, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    start = time.perf_counter()
    window.snapshot_if_due()
    assert time.perf_counter() - start < 0.5, "a process is started; the window does not wait on it"
    folder = Path(sqlite_sample.db.database).parent / "backups"
    qtbot.waitUntil(lambda: any(folder.glob("catalog-snapshot-*.json.gz")), timeout=60_000)
    [written] = folder.glob("catalog-snapshot-*.json.gz")
    assert snapshots.read_document(written, str(written)).works
