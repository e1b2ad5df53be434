"""`starlight check` finds what can go wrong: a stale search index, missing image files, files nothing uses, damage."""

from __future__ import annotations

import os
import time

from catalog_app.store.derived import refresh_derived


def test_a_healthy_catalog_has_no_problems(sample_catalog):
    assert sample_catalog.check() == []


def test_a_search_entry_out_of_step_is_found_and_reindexing_fixes_it(sqlite_sample):
    db = sqlite_sample.db
    db.execute_sql("UPDATE work SET title = 'Renamed behind our back' WHERE id = 2")
    assert sqlite_sample.check() == ["1 search entries are out of date (first: id 2)",
                                     "1 list rows are out of date (first: id 2)"]
    with db.atomic():
        refresh_derived(db, [2])
    assert sqlite_sample.check() == []


def test_a_work_missing_from_search_is_found(sqlite_sample):
    sqlite_sample.db.execute_sql("DELETE FROM work_fts WHERE rowid = 3")
    assert "1 works are missing from the search index (first: id 3)" in sqlite_sample.check()


def test_missing_and_orphan_image_files_are_found(sqlite_sample):
    files = sorted(sqlite_sample.images.glob("*/*"))
    files[0].unlink()
    (sqlite_sample.images / "ab").mkdir(exist_ok=True)
    (sqlite_sample.images / "ab" / ("ab" * 32 + ".png")).write_bytes(b"stray")
    stray = sqlite_sample.images / "ab" / ("ab" * 32 + ".png")
    problems = sqlite_sample.check()
    assert len(problems) == 1 and problems[0].startswith("1 image files are missing")
    # An image file no work uses is what a save cut short between file and commit leaves: space, not damage.
    assert sqlite_sample.stray_files() == [stray]
    assert sqlite_sample.tidy() == [], "a young file may be another program's save in progress"
    os.utime(stray, (time.time() - 120, time.time() - 120))
    assert sqlite_sample.tidy() == [stray] and not stray.exists() and sqlite_sample.stray_files() == []


def test_rows_pointing_nowhere_are_found(sqlite_sample):
    db = sqlite_sample.db
    db.execute_sql("PRAGMA foreign_keys = OFF")
    db.execute_sql("INSERT INTO work_tag (work_id, tag_id, position) VALUES (9999, 1, 0)")
    db.execute_sql("PRAGMA foreign_keys = ON")
    assert "1 rows point at rows that do not exist (in work_tag)" in sqlite_sample.check()
