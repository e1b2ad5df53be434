"""The generic CSV importer: the real 58k IMDb data set, search on it, and bad tables."""

from __future__ import annotations

import pytest

from catalog_app.core.errors import InputError
from conftest import SHARED
from helpers import snapshot

IMDB = SHARED / "data" / "imdb-movies-58k.csv"


def test_the_imdb_data_set_imports_whole_and_searches_from_fts(sqlite_catalog):
    result = sqlite_catalog.import_file(str(IMDB))
    assert result.works == 58_788
    assert sqlite_catalog.count() == 58_788
    matrix = sqlite_catalog.document([sqlite_catalog.resolve("The Matrix")]).works[0]  # "Matrix, The" in the file
    assert (matrix["year"], matrix["runtime"]) == (1999, 136)
    assert matrix["ratings"][0]["source"] == "imdb" and matrix["ratings"][0]["votes"] > 100_000
    assert matrix["provenance"]["*"] == {"source": "import", "name": "imdb-movies-58k.csv",
                                         "at": matrix["provenance"]["*"]["at"], "locked": False}
    hits = [t for _, t, *_ in sqlite_catalog.find("star wars")]
    assert "Star Wars" in hits and all("star" in t.lower() for t in hits)
    plan = " ".join(str(r) for r in sqlite_catalog.db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT id FROM work WHERE id IN (SELECT rowid FROM work_fts WHERE work_fts MATCH ?)",
        ('"star" *',)).fetchall())
    assert "VIRTUAL TABLE INDEX" in plan and "work_fts" in plan
    assert sqlite_catalog.count("genre:animation year:1990..1999") > 100
    assert sqlite_catalog.check() == []


BAD_FILES = {
    "no title column": ("name_of_film,year\nAlien,1979\n", "no column holds the title", "line 1"),
    "repeated column": ("title,title\nA,B\n", "names the column 'title' twice", "line 1"),
    "empty file": ("", "is empty", ""),
    "missing header": ("\n\n", "is empty", ""),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_table_that_cannot_be_read_names_file_and_line_and_changes_nothing(sample_catalog, tmp_path, kind):
    content, message, line = BAD_FILES[kind]
    path = tmp_path / "films.csv"
    path.write_text(content, encoding="utf-8")
    before = snapshot(sample_catalog)
    with pytest.raises(InputError) as error:
        sample_catalog.import_file(str(path))
    assert message in str(error.value)
    assert "films.csv" in str(error.value) and line in str(error.value)
    assert snapshot(sample_catalog) == before


BAD_ROWS = {
    "bad year": ("Blade Runner,nineteen,", "line 3 column 'year'", "year must be a whole number"),
    "year out of range": ("Future,99999,", "line 3", "year: must be between 1870 and 2200"),
    "extra cells": ("Extra,1980,tt0000002,more,cells", "line 3", "has 5 cells but the header has 3 columns"),
    "empty title": (",1979,", "line 3", "the title is empty"),
    "same id, other title": ("Not Alien,1979,tt0078748", "line 3",
                             "has the imdb id tt0078748 of films.csv line 2 (“Alien”); not taken"),
}


@pytest.mark.parametrize("kind", list(BAD_ROWS))
def test_a_bad_row_is_named_with_its_line_and_reason_and_the_others_are_taken(sample_catalog, tmp_path, kind):
    row, where, reason = BAD_ROWS[kind]
    path = tmp_path / "films.csv"
    path.write_text(f"title,year,const\nAlien,1979,tt0078748\n{row}\nBrazil,1985,\n", encoding="utf-8")
    before = snapshot(sample_catalog)
    dry = sample_catalog.import_file(str(path), dry_run=True).plan
    assert snapshot(sample_catalog) == before
    assert [s.where for s in dry.skipped] == [f"films.csv {where}"] and reason in dry.skipped[0].reason
    assert f"skipped: films.csv {where}" in "\n".join(dry.report(True, False))
    result = sample_catalog.import_file(str(path))
    assert result.works == 2 and {"Alien", "Brazil"} <= {t for _, t, *_ in sample_catalog.find("")}


def test_a_file_that_fails_late_writes_none_of_its_rows(catalog, tmp_path):
    path = tmp_path / "many.csv"
    rows = "title,year\n" + "".join(f"Film {n},2000\n" for n in range(12_000))
    path.write_bytes(rows.encode() + "Amélie,2001\n".encode("utf-8") + "Café,2002\n".encode("cp1252"))
    with pytest.raises(InputError) as error:
        catalog.import_file(str(path))
    assert "many.csv line 12003" in str(error.value) and "mixes encodings" in str(error.value)
    assert catalog.count() == 0


def test_a_cancelled_import_writes_nothing(catalog, tmp_path):
    import threading

    from catalog_app.core.errors import Cancelled
    path = tmp_path / "many.csv"
    path.write_text("title,year\n" + "".join(f"Film {n},2000\n" for n in range(12_000)), encoding="utf-8")
    cancel = threading.Event()
    stages = []

    def progress(stage, done, total):
        stages.append(stage)
        if stage == "writing" and done > 0:
            cancel.set()
    with pytest.raises(Cancelled, match="cancelled; the catalog is as it was"):
        catalog.import_file(str(path), progress=progress, cancel=cancel)
    assert catalog.count() == 0 and "reading" in stages and "writing" in stages


def test_tsv_with_lists_of_genres_and_directors(catalog, tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text("Title\tYear\tGenres\tDirectors\tConst\nParasite\t2019\tDrama|Thriller\tBong Joon Ho\ttt6751668\n"
                    "Mother\t2009\tDrama\tBong Joon Ho\t\n", encoding="utf-8")
    catalog.import_file(str(path))
    doc = catalog.document([catalog.resolve("Parasite"), catalog.resolve("Mother")])
    assert doc.works[0]["genres"] == ["Drama", "Thriller"]
    assert doc.works[0]["external_ids"] == {"imdb": "tt6751668"}
    assert [p["name"] for p in doc.people.values()] == ["Bong Joon Ho"]  # one person, credited on both


ENCODED = {
    "utf-8": ("Amélie", "utf-8", "utf-8"),
    "utf-8 with its mark": ("Amélie", "utf-8-sig", "utf-8-sig"),
    "windows-1252": ("Amélie", "cp1252", "cp1252"),
    "euc-kr": ("이 별에 필요한", "euc-kr", "euc-kr"),
}


@pytest.mark.parametrize("kind", list(ENCODED))
def test_the_encoding_is_told_from_the_bytes(catalog, tmp_path, kind):
    title, encoding, expected = ENCODED[kind]
    path = tmp_path / "films.csv"
    path.write_bytes(f"title;year\n{title};2001\n기생충 ;2019\n".encode(encoding) if encoding == "euc-kr"
                     else f"title;year\n{title};2001\nDelicatessen;1991\n".encode(encoding))
    from catalog_app.services.imports import table_shape
    shape = table_shape(str(path))
    assert (shape.encoding, shape.delimiter, shape.mapping) == (expected, ";", {"title": "title", "year": "year"})
    assert shape.preview[0] == [title, "2001"]
    catalog.import_file(str(path))
    assert catalog.document([catalog.resolve(title)]).works[0]["year"] == 2001


def test_an_accent_after_the_first_megabyte_is_still_read(catalog, tmp_path):
    path = tmp_path / "late.csv"
    rows = "".join(f"Film number {n},2000\n" for n in range(60_000))  # > 1 MB of ASCII
    path.write_bytes(("title,year\n" + rows).encode() + "Amélie,2001\n".encode("cp1252"))
    catalog.import_file(str(path))
    assert catalog.resolve("Amélie")


def test_dates_in_three_styles_and_a_bad_one(catalog, tmp_path):
    path = tmp_path / "diary.csv"
    path.write_text("Title,Year,Watched,My Rating\n"
                    "Alien,1979,2024-03-05,4.5\n"
                    "Brazil,1985,15/03/2024,3\n"
                    "Heat,1995,7 March 2024,5\n"
                    "Ran,1985,\"March 9, 2024\",4\n"
                    "Zelig,1983,31/02/2024,2\n", encoding="utf-8")
    plan = catalog.import_file(str(path)).plan
    assert "Watched → watched_on.dmy" in plan.read_as and "My Rating → my_rating.5" in plan.read_as
    assert [(s.where, s.title) for s in plan.skipped] == [("diary.csv line 6 column 'Watched'", "Zelig")]
    assert "31/02/2024" in plan.skipped[0].reason
    seen = {}
    for title in ("Alien", "Brazil", "Heat", "Ran"):
        personal = catalog.document([catalog.resolve(title)]).works[0]["personal"]
        seen[title] = (personal["viewings"][0]["date"], personal["rating"], personal["status"])
    assert seen == {"Alien": ("2024-03-05", 90, "completed"), "Brazil": ("2024-03-15", 60, "completed"),
                    "Heat": ("2024-03-07", 100, "completed"), "Ran": ("2024-03-09", 80, "completed")}


def test_a_month_first_column_and_a_chosen_mapping(catalog, tmp_path):
    from catalog_app.services.imports import table_shape
    path = tmp_path / "seen.csv"
    path.write_text("film,when,stars,extra\nAlien,03/05/2024,8,x\n", encoding="utf-8")
    guessed = table_shape(str(path))
    assert guessed.mapping == {"film": "title", "when": "ignore", "stars": "my_rating.10", "extra": "ignore"}
    shape = table_shape(str(path), mapping={**guessed.mapping, "when": "watched_on.mdy", "extra": "tags"})
    catalog.import_file(str(path), shape=shape)
    work = catalog.document([catalog.resolve("Alien")]).works[0]
    assert work["personal"]["viewings"][0]["date"] == "2024-03-05" and work["personal"]["rating"] == 80
    assert work["tags"] == ["x"]


def test_one_movielens_user_is_a_personal_ratings_export(catalog, tmp_path):
    import csv
    with open(SHARED / "data" / "movielens-ratings-100k.csv", encoding="utf-8", newline="") as source:
        rows = [r for r in csv.reader(source)]
    header, mine = rows[0], [r for r in rows[1:] if r[4] == "15"]
    path = tmp_path / "ratings.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header] + mine)
    plan = catalog.import_file(str(path)).plan
    assert "rating → my_rating.5" in plan.read_as and "timestamp → watched_on" in plan.read_as
    assert len(plan.new) == len(mine) and not plan.skipped
    first = mine[0]
    work = catalog.document([catalog.resolve(first[1])]).works[0]
    assert work["personal"]["rating"] == round(float(first[5]) * 20)
    assert work["personal"]["status"] == "completed" and work["personal"]["viewings"][0]["date"][:2] in ("19", "20")
    again = catalog.import_file(str(path))
    assert again.works == 0 and len(again.plan.matched) == len(mine) and again.outcome.updated == []


def test_a_hundred_thousand_repeated_rows_are_one_work(catalog, tmp_path):
    path = tmp_path / "repeats.csv"
    path.write_text("title,year,my rating\n" + "Alien,1979,4\n" * 100_000, encoding="utf-8")
    plan = catalog.import_file(str(path)).plan
    assert (len(plan.new), plan.merged) == (1, 99_999)
    report = "\n".join(plan.report(False, False))
    assert "repeated: repeats.csv line 3 is the same work as repeats.csv line 2; merged" in report
    assert "repeated: 99,979 more lines like these" in report
    assert catalog.count() == 1


def test_a_gigabyte_file_is_read_as_a_stream_and_refused_where_it_stops_being_a_table(catalog, tmp_path):
    import tracemalloc
    path = tmp_path / "huge.csv"
    with open(path, "wb") as out:
        out.write(b"title,year\nAlien,1979\n")
        out.truncate(2**30)  # a gigabyte, the rest NUL bytes (sparse: nothing is written to disk)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as error:
            catalog.import_file(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "huge.csv line 3" in str(error.value) and "not a table" in str(error.value)
    assert peak < 32 * 2**20 and catalog.count() == 0


def test_a_gigabyte_export_of_a_kind_read_whole_is_refused_from_its_size(catalog, tmp_path):
    path = tmp_path / "animelist.xml"
    with open(path, "wb") as out:
        out.write(b"<?xml version='1.0'?><myanimelist>")
        out.truncate(2**30)
    with pytest.raises(InputError, match="is 1,024 MiB; an export of this kind is at most 200 MiB"):
        catalog.import_file(str(path))


def test_standard_input_is_read_as_a_table(tmp_path):
    from helpers import starlight
    db = str(tmp_path / "c.db")
    done = starlight("--db", db, "import", "-", stdin="title,year\nAlien,1979\n")
    assert done.returncode == 0, done.stderr
    assert "imported 1 works from standard input" in done.stderr


def test_ctrl_c_on_the_terminal_cancels_the_import_and_writes_nothing(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from helpers import ROOT
    path = tmp_path / "big.csv"
    path.write_text("title,year\n" + "".join(f"Film {n},{1900 + n % 120}\n" for n in range(400_000)),
                    encoding="utf-8")
    db = tmp_path / "c.db"
    child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(path)],
                             stderr=subprocess.PIPE, text=True, cwd=ROOT, env=os.environ.copy())
    time.sleep(3)  # well inside the reading of 400,000 rows (about 10 s)
    assert child.poll() is None, "the import ended before it could be cancelled"
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 1 and "the import was cancelled; the catalog is as it was" in err
    from catalog_app.services.catalog import Catalog
    with Catalog.open(str(db)) as catalog:
        assert catalog.count() == 0


def test_a_spreadsheets_empty_trailing_columns_and_cells_are_no_trouble(catalog, tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("title,year,,\nAlien,1979,,\nBrazil,1985,\n", encoding="utf-8")
    plan = catalog.import_file(str(path)).plan
    assert len(plan.new) == 2 and not plan.skipped


def test_a_row_with_line_breaks_in_a_cell_is_named_by_the_line_it_starts_on(catalog, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text('title,year,notes\nAlien,1979,"one\ntwo\nthree"\nBrazil,nineteen,x\n', encoding="utf-8")
    plan = catalog.import_file(str(path), dry_run=True).plan
    assert [s.where for s in plan.skipped] == ["notes.csv line 5 column 'year'"]
    assert plan.new[0].record["personal"]["notes"] == "one\ntwo\nthree"


def test_an_unclosed_quote_is_named_where_its_row_starts(catalog, tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('title,year\nAlien,1979\n"Brazil,1985\n' + "x" * 200_000 + "\n", encoding="utf-8")
    plan = catalog.import_file(str(path), dry_run=True).plan  # one long cell, not an error: then skipped
    assert len(plan.new) == 1 or plan.skipped


def test_lines_sharing_an_id_are_one_work_or_named(catalog, tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("title,imdb id,tmdb id\nAlien,tt0078748,movie/348\nAlien,tt0078748,\n"
                    "Alien,,movie/348\nNot Alien,tt0000001,movie/348\n", encoding="utf-8")
    plan = catalog.import_file(str(path)).plan
    assert len(plan.new) == 1 and plan.merged == 2
    assert [s.where for s in plan.skipped] == ["ids.csv line 5"] and "tmdb id movie/348" in plan.skipped[0].reason
    assert catalog.count() == 1
