"""The generic CSV importer: the real 58k IMDb data set, search on it, and bad tables."""

from __future__ import annotations

import io

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


BAD_TABLES = {
    "no title column": ("name_of_film,year\nAlien,1979\n", "no column holds the title", "line 1"),
    "bad year": ("title,year\nAlien,1979\nBlade Runner,nineteen\n", "year must be a whole number", "line 3"),
    "year out of range": ("title,year\nAlien,1979\nFuture,99999\n", "year: must be between 1870 and 2200", "line 3"),
    "extra cells": ("title,year\nAlien,1979,extra,cells\n", "has 4 cells but the header has 2 columns", "line 2"),
    "empty title": ("title,year\n,1979\n", "the title is empty", "line 2"),
    "repeated column": ("title,title\nA,B\n", "names the column 'title' twice", "line 1"),
    "empty file": ("", "is empty", ""),
    "duplicate ids": ("title,const\nA,tt0000001\nB,tt0000001\n", "imdb id tt0000001 is also on", ""),
}


@pytest.mark.parametrize("kind", list(BAD_TABLES))
def test_bad_tables_give_file_and_line_and_change_nothing(sample_catalog, tmp_path, kind):
    content, message, line = BAD_TABLES[kind]
    path = tmp_path / "films.csv"
    path.write_text(content, encoding="utf-8")
    before = snapshot(sample_catalog)
    with pytest.raises(InputError) as error:
        sample_catalog.import_file(str(path))
    assert message in str(error.value)
    assert str(path) in str(error.value) and line in str(error.value)
    assert snapshot(sample_catalog) == before


def test_a_late_bad_row_undoes_the_rows_before_it(sqlite_catalog):
    rows = "title,year\n" + "".join(f"Film {n},2000\n" for n in range(12_000)) + "Broken,20000\n"
    with pytest.raises(InputError, match="line 12002"):
        sqlite_catalog.import_csv(io.StringIO(rows), "many.csv")
    assert sqlite_catalog.count() == 0


def test_tsv_with_lists_of_genres_and_directors(sqlite_catalog):
    table = "Title\tYear\tGenres\tDirectors\tConst\nParasite\t2019\tDrama|Thriller\tBong Joon Ho\ttt6751668\n"
    sqlite_catalog.import_csv(io.StringIO(table), "list.tsv")
    work = sqlite_catalog.document([sqlite_catalog.resolve("Parasite")])
    assert work.works[0]["genres"] == ["Drama", "Thriller"]
    assert work.works[0]["external_ids"] == {"imdb": "tt6751668"}
    assert [p["name"] for p in work.people.values()] == ["Bong Joon Ho"]
