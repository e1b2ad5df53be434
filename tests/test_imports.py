"""Importing other tools' exports (Letterboxd, IMDb, MyAnimeList) from real files: the plan a dry run shows, one
transaction, matching what the catalog has, the person's layer merged, one undo, and each kind of bad input."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from catalog_app.core.errors import InputError
from catalog_app.core.merge import merge_personal
from catalog_app.services.formats import imdb_csv, letterboxd, mal_xml
from catalog_app.services.formats.entries import Entry, Skipped, decode_text
from helpers import starlight

EXPORTS = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "exports"


def snapshot(catalog, volatile: tuple[str, ...] = ()) -> str:
    """Every work of the catalog as records (without the `volatile` fields), to compare before and after."""
    records = [{k: v for k, v in catalog.load(i)[0].items() if k not in volatile} for (i, *_) in catalog.find("")]
    return json.dumps(records, sort_keys=True, default=str)


# ---- Letterboxd -----------------------------------------------------------------------------------------------

def test_a_letterboxd_export_folder_becomes_films_with_ratings_viewings_reviews_and_the_watchlist(catalog):
    dry = catalog.import_file(str(EXPORTS / "letterboxd"), dry_run=True)
    assert catalog.is_empty()  # a dry run writes nothing
    # 3,388 films the account's files name, and one more that is only on a list (list_made_in_hong_kong_2020.csv)
    assert len(dry.plan.new) == 3389 and not dry.plan.skipped
    result = catalog.import_file(str(EXPORTS / "letterboxd"))
    assert result.works == 3389
    parasite = catalog.load(catalog.resolve("Parasite"))[0]
    layer = parasite["personal"]
    assert (parasite["year"], layer["status"], layer["rating"]) == (2019, "completed", 100)  # 5 stars
    assert [(v["date"], v["rewatch"]) for v in layer["viewings"]][:2] == [("2020-02-01", False), ("2020-02-07", True)]
    review = next(v["note"] for v in layer["viewings"] if v["note"] and "Criterion" in v["note"])
    assert "<a href" not in review and "Kurosawa's High and Low" in review and "\n* " in review
    bone = catalog.load(catalog.resolve("Bone"))[0]
    assert bone["personal"]["status"] == "planned" and bone["year"] == 1972
    assert catalog.check() == []


def test_the_letterboxd_zip_imports_like_its_folder_and_again_changes_nothing(catalog, tmp_path):
    archive = tmp_path / "letterboxd-someone-2024.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in letterboxd.FILES:
            z.write(EXPORTS / "letterboxd" / name, name)
    assert catalog.import_file(str(archive)).works == 3388
    before = catalog.load(catalog.resolve("Parasite"))[0]
    again = catalog.import_file(str(archive))
    assert again.works == 0 and len(again.plan.matched) == 3388 and not again.plan.conflicting
    assert again.outcome.updated == []  # every layer already says what the file says
    assert catalog.load(catalog.resolve("Parasite"))[0]["version"] == before["version"]


def test_half_stars_become_the_catalogs_scale():
    tables = {"ratings.csv": (EXPORTS / "letterboxd" / "ratings.csv").read_text(encoding="utf-8")}
    entries = [e for e in letterboxd.parse_tables(tables, "export") if isinstance(e, Entry)]
    ratings = {e.record["title"]: e.record["personal"]["rating"] for e in entries}
    assert ratings["The Shining"] == 100 and set(ratings.values()) <= set(range(10, 101, 10))
    assert any(r % 20 == 10 for r in ratings.values())  # a half star (1.5 → 30)


@pytest.mark.parametrize("make, words", [
    (lambda d: d[:len(d) // 2], "is not a complete zip file"),
    (lambda d: _zip({"../evil.csv": b"x", "watched.csv": b"Date,Name,Year,Letterboxd URI\n"}),
     "a path that leaves the folder"),
    (lambda d: _zip({"notes.txt": b"hello"}), "holds none of a Letterboxd export's files"),
], ids=["truncated zip", "zip slip", "wrong zip"])
def test_bad_letterboxd_zips_are_refused_and_the_catalog_stays_as_it_was(sample_catalog, tmp_path, make, words):
    whole = _zip({name: (EXPORTS / "letterboxd" / name).read_bytes() for name in ("watched.csv", "ratings.csv")})
    path = tmp_path / "export.zip"
    path.write_bytes(make(whole))
    before = snapshot(sample_catalog)
    with pytest.raises(InputError, match=words) as e:
        sample_catalog.import_file(str(path), "letterboxd")
    assert "export.zip" in str(e.value)
    assert snapshot(sample_catalog) == before


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_a_letterboxd_rating_out_of_range_is_named_and_the_film_kept():
    tables = {"ratings.csv": "Date,Name,Year,Letterboxd URI,Rating\n2020-01-01,Parasite,2019,https://boxd.it/x,7\n"}
    out = letterboxd.parse_tables(tables, "export")
    entry = next(o for o in out if isinstance(o, Entry))
    skipped = next(o for o in out if isinstance(o, Skipped))
    assert entry.record["personal"]["rating"] is None and entry.record["personal"]["status"] == "completed"
    assert skipped.where == "export: ratings.csv line 2" and "'7' is not ½ to 5 stars" in skipped.reason


def test_the_wrong_file_for_the_letterboxd_importer_says_so(tmp_path):
    with pytest.raises(InputError, match="is not a Letterboxd watched.csv") as e:
        letterboxd.parse_tables({"watched.csv": (EXPORTS / "imdb" / "ratings_2023_small.pvlsson.csv").read_text()},
                                "export")
    assert "line 1" in str(e.value)


# ---- IMDb -----------------------------------------------------------------------------------------------------

def test_imdb_ratings_become_works_with_ids_kinds_scores_and_the_persons_rating(catalog):
    path = EXPORTS / "imdb" / "ratings_2023_small.pvlsson.csv"
    result = catalog.import_file(str(path))
    assert result.works == 17 and result.plan.skipped == []
    glass = catalog.load(catalog.resolve("Glass Onion"))[0]
    assert glass["external_ids"]["imdb"] == "tt11564570" and glass["kind"] == "film" and glass["runtime"] == 139
    assert glass["personal"]["rating"] == 60 and glass["personal"]["status"] == "completed"  # 6/10
    assert {"source": "imdb", "value": 7.2} .items() <= glass["ratings"][0].items()
    boys = catalog.load(catalog.resolve("The Boys"))[0]
    assert boys["kind"] == "series" and boys["personal"]["rating"] == 70
    assert catalog.find('director:"Rian Johnson"')[0][1] == "Glass Onion"


def test_an_imdb_watchlist_is_a_plan_to_watch_and_episodes_are_skipped_with_a_reason():
    with open(EXPORTS / "imdb" / "WATCHLIST_2021.wreiler.csv", encoding="utf-8") as stream:
        out = list(imdb_csv.parse(stream, "WATCHLIST.csv"))
    entries = [o for o in out if isinstance(o, Entry)]
    assert len(entries) == 1366 and all(e.record["personal"]["status"] == "planned" for e in entries)
    # IMDb's older exports are Windows-1252, not UTF-8
    text, encoding = decode_text((EXPORTS / "imdb" / "ratings_2021_large.rollekino.csv").read_bytes(), "ratings.csv")
    assert encoding == "cp1252"
    rated = list(imdb_csv.parse(io.StringIO(text, newline=""), "ratings.csv"))
    assert len([o for o in rated if isinstance(o, Entry)]) > 1000
    skipped = [o for o in rated if isinstance(o, Skipped)]
    assert skipped and all(s.where.startswith("ratings.csv line ") for s in skipped)
    assert {s.reason.split(":")[0] for s in skipped} <= {"an episode", "a video game", "a podcast"} | {
        s.reason.split(":")[0] for s in skipped if "title type" in s.reason}


@pytest.mark.parametrize("text, words", [
    ("Title,Year\nX,2000\n", "is not an IMDb list export"),
    ("Const,Your Rating,Title,Title Type,Year\ntt0000001,11,X,movie,2000\n", "the rating 11 is not 1 to 10"),
    ("Const,Your Rating,Title,Title Type,Year\ntt0000001,7,X,movie,2000,extra\n", "more cells than the header"),
    ("Const,Your Rating,Title,Title Type,Year\ntt0000001,7,X,movie,two thousand\n", "year must be a whole number"),
], ids=["not imdb", "rating out of range", "extra column", "bad year"])
def test_bad_imdb_lines_are_named(text, words):
    try:
        out = list(imdb_csv.parse(io.StringIO(text, newline=""), "ratings.csv"))
    except InputError as e:
        assert words in str(e) and "ratings.csv line" in str(e)
        return
    reasons = [o.reason for o in out if isinstance(o, Skipped)]
    assert any(words in r for r in reasons), reasons


def test_an_imdb_rating_lands_on_the_work_the_catalog_has_and_a_conflict_is_kept_unless_replaced(catalog,
                                                                                               tmp_path):
    path = tmp_path / "ratings.csv"
    path.write_text("Const,Your Rating,Date Rated,Title,Title Type,Year\n"
                    "tt11564570,6,2023-01-31,Glass Onion,movie,2022\n", encoding="utf-8")
    work_id = catalog.add_new("Glass Onion: A Knives Out Mystery", 2022)
    record, people = catalog.load(work_id)
    record["external_ids"] = {"imdb": "tt11564570"}
    record["personal"] = {"status": "completed", "rating": 90, "favourite": True, "notes": None, "viewings": [],
                          "copies": []}
    catalog.save_work(work_id, record["version"], record, people)
    kept = catalog.import_file(str(path))
    assert kept.works == 0 and kept.plan.conflicting == {work_id: ["rating 90 → 60"]}
    assert catalog.load(work_id)[0]["personal"]["rating"] == 90
    catalog.import_file(str(path), replace=True)
    assert catalog.load(work_id)[0]["personal"]["rating"] == 60


def test_a_title_and_year_match_and_a_doubtful_one(catalog, tmp_path):
    matrix = catalog.add_new("The Matrix", 1999)
    catalog.add_new("Tenet", 2021)  # a year off: doubtful
    path = tmp_path / "ratings.csv"
    path.write_text("Const,Your Rating,Title,Title Type,Year\ntt0133093,9,The Matrix,movie,1999\n"
                    "tt6723592,7,Tenet,movie,2020\n", encoding="utf-8")
    plan = catalog.import_file(str(path), dry_run=True).plan
    assert [(m.work_id, m.how) for m in plan.matched] == [(matrix, "title and year")]
    assert len(plan.doubtful) == 1 and "the catalog has it as 2021" in plan.doubtful[0].how
    result = catalog.import_file(str(path))
    assert result.works == 0 and catalog.load(matrix)[0]["personal"]["rating"] == 90
    assert catalog.count("Tenet") == 1  # a doubtful match is neither merged nor added twice


def test_an_import_is_undone_in_one_step(sample_catalog, tmp_path):
    path = tmp_path / "ratings.csv"
    path.write_text("Const,Your Rating,Title,Title Type,Year\ntt8503618,8,Parasite,movie,2019\n"
                    "tt11564570,6,Glass Onion,movie,2022\n", encoding="utf-8")
    volatile = ("version", "updated_at", "provenance")
    before = snapshot(sample_catalog, volatile)
    result = sample_catalog.import_file(str(path), replace=True)
    assert result.works == 1 and len(result.outcome.updated) == 1
    assert sample_catalog.load(sample_catalog.resolve("Parasite"))[0]["personal"]["rating"] == 80
    # The window's undo: the updated works put back, the added ones deleted
    sample_catalog.put_back(result.outcome.before)
    sample_catalog.delete_works(result.outcome.added)
    assert snapshot(sample_catalog, volatile) == before


# ---- MyAnimeList ----------------------------------------------------------------------------------------------

def test_a_mal_export_with_bytes_that_are_not_utf8_imports_with_a_clear_count(catalog):
    result = catalog.import_file(str(EXPORTS / "mal" / "animelist_nuck.kitsu.xml"))
    assert result.works == 109 and result.plan.bad_bytes == 8
    assert "8 stretches of bytes that were not UTF-8 repaired or replaced" in result.plan.summary()
    hack = catalog.load(catalog.resolve(".hack//Sign"))[0]
    assert hack["external_ids"] == {"mal": "48"} and hack["anime"] and hack["kind"] == "series"
    assert hack["personal"]["status"] == "completed" and hack["personal"]["rating"] == 60
    assert {"cyberpunk", "classic"} <= set(hack["tags"])
    notes = [catalog.load(i)[0]["personal"]["notes"] or "" for (i, *_) in catalog.find("")]
    assert any(n.startswith("こんにちは、世界") for n in notes)  # UTF-8 that had been read as Latin-1, repaired
    assert catalog.check() == []


def test_the_gzipped_mal_export_reads_the_same():
    plain, _ = mal_xml.parse((EXPORTS / "mal" / "animelist_nuck.kitsu.xml").read_bytes(), "a.xml")
    packed, _ = mal_xml.parse((EXPORTS / "mal" / "animelist_nuck.kitsu.xml.gz").read_bytes(), "a.xml.gz")
    assert [e.record for e in plain] == [e.record for e in packed]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<myanimelist><anime><series_title>&lol3;</series_title></anime></myanimelist>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<myanimelist><anime><series_title>&e;</series_title></anime></myanimelist>"""


@pytest.mark.parametrize("data, words", [
    (BILLION_LAUGHS, "declares entities or a DTD"),
    (EXTERNAL, "declares entities or a DTD"),
    (b"<myanimelist><anime><series_title>cut", "is not well-formed XML"),
    (b"<tellico/>", "is not a MyAnimeList list export"),
    (b"<myanimelist><manga><series_title>X</series_title></manga></myanimelist>", "is a manga list"),
    (b"\x1f\x8b\x08\x00broken", "is not a complete gzip file"),
], ids=["billion laughs", "external entity", "truncated", "other xml", "manga", "broken gzip"])
def test_hostile_and_wrong_mal_files_are_refused_and_the_catalog_stays_as_it_was(sample_catalog, tmp_path, data,
                                                                                   words):
    path = tmp_path / "animelist.xml"
    path.write_bytes(data)
    before = snapshot(sample_catalog)
    with pytest.raises(InputError, match=words):
        sample_catalog.import_file(str(path), "mal")
    assert snapshot(sample_catalog) == before


# ---- merging the person's layer --------------------------------------------------------------------------------

def test_merging_a_layer_fills_gaps_keeps_conflicts_and_adds_each_viewing_once():
    current = {"status": "planned", "rating": None, "favourite": False, "notes": "Mine.", "copies": [],
               "viewings": [{"date": "2020-01-01", "rewatch": False, "note": None}]}
    incoming = {"status": "completed", "rating": 80, "notes": "Theirs.",
                "viewings": [{"date": "2020-01-01", "rewatch": False, "note": None},
                             {"date": None, "rewatch": True, "note": None}]}
    merged, conflicts = merge_personal(current, incoming)
    assert merged["status"] == "planned" and merged["rating"] == 80 and conflicts == ["status planned → completed"]
    assert merged["notes"] == "Mine.\n\nTheirs." and len(merged["viewings"]) == 2
    again, _ = merge_personal(merged, incoming)
    assert again == merged  # the same file twice adds nothing
    replaced, _ = merge_personal(current, incoming, replace=True)
    assert replaced["status"] == "completed"
    assert current["status"] == "planned"  # the input is not changed


# ---- the command line -----------------------------------------------------------------------------------------

def test_the_command_line_shows_the_plan_and_then_imports(tmp_path):
    folder = tmp_path / "letterboxd"
    shutil.copytree(EXPORTS / "letterboxd", folder)
    db = str(tmp_path / "c.sqlite")
    dry = starlight("--db", db, "import", str(folder), "--dry-run")
    assert dry.returncode == 0 and "would import: 3389 new, 0 matched" in dry.stderr
    done = starlight("--db", db, "import", str(folder))
    assert done.returncode == 0 and "imported 3389 works" in done.stderr
    # The anime films the person also logged on Letterboxd are the same works; Death Note the series is not Death
    # Note the 2017 film
    mal = starlight("--db", db, "import", str(EXPORTS / "mal" / "animelist_nuck.kitsu.xml.gz"), "--format", "mal")
    assert mal.returncode == 0 and "import: 107 new, 2 matched" in mal.stderr and "8 stretches of bytes" in mal.stderr
    assert "conflicting: “" in mal.stderr


# ---- Trakt ----------------------------------------------------------------------------------------------------

def test_a_trakt_export_folder_gives_films_and_series_with_ids_plays_ratings_and_the_watchlist(catalog):
    result = catalog.import_file(str(EXPORTS / "trakt"))
    assert result.works == 34
    [skipped] = result.plan.skipped
    assert skipped.title == "Breaking Bad" and "single episode" in skipped.reason
    strange = catalog.load(catalog.resolve("Doctor Strange"))[0]
    assert strange["external_ids"] == {"imdb": "tt1211837", "tmdb": "movie/284052"}
    assert (strange["personal"]["status"], strange["personal"]["rating"]) == ("completed", 90)
    inside = catalog.load(catalog.resolve("Inside Out"))[0]["personal"]
    assert inside["viewings"][0]["date"] == "2015-06-19" and inside["copies"][0]["format"] == "digital"
    badlands = catalog.load(catalog.resolve("Into the Badlands"))[0]
    assert badlands["kind"] == "series" and badlands["personal"]["status"] == "watching"
    assert catalog.load(catalog.resolve("12 Angry Men"))[0]["personal"]["status"] == "planned"


def test_one_trakt_list_file_is_told_from_its_content(catalog, tmp_path):
    path = tmp_path / "export.json"  # the name says nothing; Starlight JSON would be an object, not a list
    shutil.copy(EXPORTS / "trakt" / "users_watchlist_movies.flexget.json", path)
    result = catalog.import_file(str(path))
    assert result.works == 1 and result.plan.source == "export.json"


def test_a_trakt_list_that_is_not_json_is_named(catalog, tmp_path):
    folder = tmp_path / "trakt"
    folder.mkdir()
    (folder / "ratings-movies.json").write_text('[{"rating": 9, "movie": {"title": "X"', encoding="utf-8")
    with pytest.raises(InputError, match=r"trakt: ratings-movies.json: is not JSON"):
        catalog.import_file(str(folder), "trakt")
    assert catalog.is_empty()


# ---- back out to Letterboxd ------------------------------------------------------------------------------------

def carried(catalog, work_id) -> dict:
    """What Letterboxd's import CSV can carry of a work."""
    record, people = catalog.load(work_id)
    personal = record["personal"] or {}
    return {"title": record["title"], "year": record["year"], "tags": sorted(record["tags"]),
            "imdb": record["external_ids"].get("imdb"), "tmdb": record["external_ids"].get("tmdb"),
            "directors": sorted(people[c["person"]]["name"] for c in record["credits"] if c["role"] == "director"),
            # to Letterboxd's precision, half stars: 88 is 4½ stars, and comes back as 90
            "stars": round(personal["rating"] / 10) / 2 if personal.get("rating") else None,
            "status": personal.get("status") or "completed",
            "viewings": [(v["date"], v["rewatch"], v["note"]) for v in personal.get("viewings") or []
                         if v["date"] or v["note"] or v["rewatch"]]}


def test_starlight_to_letterboxd_csv_and_back_keeps_what_that_format_carries(sample_catalog, tmp_path):
    from catalog_app.services.catalog import Catalog
    films = [row[0] for row in sample_catalog.find("kind:film")]
    # a viewing with a review and a rewatch, so that every column is used
    record, people = sample_catalog.load(films[0])
    record["personal"] = {"status": "completed", "rating": 70, "favourite": False, "notes": None, "copies": [],
                          "viewings": [{"date": "2024-05-01", "rewatch": False, "note": "Line one.\nLine two."},
                                       {"date": "2025-01-02", "rewatch": True, "note": None}]}
    sample_catalog.save_work(films[0], record["version"], record, people)
    path = tmp_path / "letterboxd.csv"
    count, left_out = sample_catalog.export_letterboxd(str(path))
    assert count == len(films) and left_out == ["Squid Game"]  # a series: Letterboxd has no page for it
    assert any(carried(sample_catalog, i)["status"] == "planned" for i in films)  # the watchlist file is used
    mine = [carried(sample_catalog, i) for i in films]
    sample_catalog.close()  # one catalog open at a time in a process
    with Catalog.open(str(tmp_path / "back.sqlite")) as back:
        back.import_file(str(path))
        back.import_file(str(tmp_path / "letterboxd-watchlist.csv"))
        for expected in mine:
            assert carried(back, back.resolve(expected["title"])) == expected, expected["title"]


def test_cells_are_written_for_letterboxd_as_they_are(tmp_path):
    from catalog_app.services.formats import letterboxd_csv
    record = {"kind": "film", "title": "=HYPERLINK(\"x\")", "year": 2020, "credits": [], "external_ids": {},
              "tags": [], "personal": {"status": "completed", "rating": 100, "viewings": []}}
    diary, _, _ = letterboxd_csv.write([record], {})
    assert '"=HYPERLINK(""x"")",2020,,,,5,' in diary  # Letterboxd reads titles, not formulas


def test_a_csv_export_has_the_chosen_columns_and_no_cell_a_spreadsheet_would_run(sample_catalog, tmp_path):
    import csv as csv_module
    work_id = sample_catalog.add_new('=HYPERLINK("http://evil","click")', 2020)
    sample_catalog.add_new("-1 Day", 2021)
    path = tmp_path / "catalog.csv"
    result = starlight("--db", sample_catalog.target, "export", str(path), "--columns", "title,year,director,imdb")
    assert result.returncode == 0, result.stderr
    rows = list(csv_module.reader(path.open(encoding="utf-8", newline="")))
    assert rows[0] == ["title", "year", "director", "imdb"]
    by_title = {r[0]: r for r in rows[1:]}
    assert "'=HYPERLINK(\"http://evil\",\"click\")" in by_title and "'-1 Day" in by_title
    assert by_title["Lost in Starlight"][1:3] == ["2025", "Han Ji-won"]
    assert len(rows) == 1 + sample_catalog.count("")
    bad = starlight("--db", sample_catalog.target, "export", str(path), "--columns", "title,salary")
    assert bad.returncode == 1 and "unknown column 'salary'" in bad.stderr
    assert sample_catalog.load(work_id)[0]["title"].startswith("=")  # the catalog keeps the title as typed


def test_a_tellico_collection_comes_in_with_its_covers_and_the_undo_takes_them_away(sqlite_sample):
    # SQLite: the redo compares whole dumps, whose people are numbered in id order; PostgreSQL never hands out an
    # id twice, so the redo's new people sort after the sample's there (the same people, numbered otherwise).
    from catalog_app.store.tables import Genre, Person
    before = snapshot(sqlite_sample)
    people, genres = Person.select().count(), Genre.select().count()
    result = sqlite_sample.import_file(str(EXPORTS / "tellico" / "ted_lasso_with_embedded_images.xml"))
    assert result.plan.read_as == "tellico" and len(result.outcome.added) >= 1
    lasso = sqlite_sample.document([sqlite_sample.resolve("Ted Lasso")]).works[0]
    poster = next(i for i in lasso["images"] if i["primary"])
    assert poster["mime"] == "image/jpeg" and sqlite_sample.image_file(poster["hash"], poster["mime"]).is_file()
    assert sqlite_sample.check() == []
    after = snapshot(sqlite_sample)
    undone = sqlite_sample.undo_import(result.outcome)
    assert undone.refused == {} and snapshot(sqlite_sample) == before
    assert (Person.select().count(), Genre.select().count()) == (people, genres)  # what it made for its works too
    _, refused = sqlite_sample.redo_import(undone)
    assert refused == {} and snapshot(sqlite_sample) == after and sqlite_sample.check() == []


def test_the_tc_file_and_its_xml_are_the_same_82_films(catalog):
    first = catalog.import_file(str(EXPORTS / "tellico" / "movies-many.tc"))
    assert len(first.plan.new) == 82 and not first.plan.skipped
    again = catalog.import_file(str(EXPORTS / "tellico" / "movies-many_tellico.xml"))
    assert (len(again.plan.new), len(again.plan.matched)) == (0, 82)


def test_a_kodi_library_folder_brings_films_and_series(catalog):
    result = catalog.import_file(str(EXPORTS / "kodi_nfo"))
    assert result.plan.read_as == "kodi"
    titles = {t for _, t, *_ in catalog.find("")}
    assert {"Justice League", "American Gods", "Alien"} <= titles
    league = catalog.document([catalog.resolve("Justice League")]).works[0]
    assert league["external_ids"]["imdb"].startswith("tt")
    assert [s.title or s.where for s in result.plan.skipped] == [
        "kodi_nfo: movie_url_only_radarr_style.jellyfin.nfo"] or len(result.plan.skipped) == 1


def test_an_import_undone_gives_the_matched_works_their_layers_back(catalog):
    catalog.import_file(str(EXPORTS / "letterboxd" / "watched.csv"))
    before = snapshot(catalog)
    result = catalog.import_file(str(EXPORTS / "letterboxd" / "ratings.csv"))
    assert result.outcome.updated and snapshot(catalog) != before
    undone = catalog.undo_import(result.outcome)
    assert _unversioned(snapshot(catalog)) == _unversioned(before)  # an undo is a write: a new version
    outcome, _ = catalog.redo_import(undone)
    catalog.undo_import(outcome)  # again: the redo's outcome knows the versions it left
    assert _unversioned(snapshot(catalog)) == _unversioned(before)


def test_letterboxd_lists_become_the_persons_lists_in_order_and_the_undo_removes_them(catalog):
    catalog.import_file(str(EXPORTS / "letterboxd" / "watched.csv"))
    before = snapshot(catalog)
    result = catalog.import_file(str(EXPORTS / "letterboxd"))
    lists = {entry["name"]: entry for entry in catalog.document().lists}
    zatoichi = lists["Zatoichi"]
    titles = [catalog.title_of(int(key[1:])) for key in zatoichi["works"]]
    assert titles[:3] == ["The Tale of Zatoichi", "The Tale of Zatoichi Continues", "Zatoichi"]
    assert len(result.outcome.new_lists) == len(lists) >= 2
    undone = catalog.undo_import(result.outcome)
    assert _unversioned(snapshot(catalog)) == _unversioned(before)
    catalog.redo_import(undone)
    assert [catalog.title_of(int(k[1:])) for k in
            {e["name"]: e for e in catalog.document().lists}["Zatoichi"]["works"]][:3] == titles[:3]


def _unversioned(text: str) -> str:
    import re
    return re.sub(r'"(updated_at|version)": [^,}]+', "", text)


def test_the_command_line_maps_columns_and_saves_the_report(tmp_path):
    db = str(tmp_path / "c.db")
    table = tmp_path / "mine.csv"
    table.write_text("Film;Seen;Score\nAlien;05/03/2024;9\nBrazil;someday;7\n", encoding="cp1252")
    report = tmp_path / "report.txt"
    done = starlight("--db", db, "import", str(table), "--map", "Seen=watched_on.dmy", "--map", "Score=my_rating.10",
                     "--report", str(report))
    assert done.returncode == 0, done.stderr
    text = report.read_text(encoding="utf-8")
    assert "import: 1 new" in text and "Seen → watched_on.dmy" in text
    assert "skipped: mine.csv line 3 column 'Seen': Brazil: 'someday' is not a date" in text
    shown = starlight("--db", db, "show", "Alien")
    assert "2024-03-05" in shown.stdout and "90" in shown.stdout
    bad = starlight("--db", db, "import", str(table), "--map", "Seen")
    assert bad.returncode != 0 and "'Seen' is not COLUMN=FIELD" in bad.stderr


def test_an_export_zip_reads_its_lists_folder_and_not_its_deleted_files(catalog, tmp_path):
    archive = tmp_path / "letterboxd-someone.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("watched.csv", "ratings.csv", "diary.csv"):
            z.write(EXPORTS / "letterboxd" / name, name)
        z.write(EXPORTS / "letterboxd" / "list_zatoichi.csv", "lists/watched.csv")  # a list called "Watched"
        z.writestr("deleted/diary.csv", "Date,Name,Year,Letterboxd URI,Rating\n2020-01-01,Ghost Film,1999,x,5\n")
    result = catalog.import_file(str(archive))
    titles = {t for _, t, *_ in catalog.find("")}
    assert "Ghost Film" not in titles and "Parasite" in titles
    assert {entry["name"] for entry in catalog.document().lists} == {"Zatoichi"}
    assert result.plan.read_as == "letterboxd"


def test_a_list_the_person_has_keeps_its_description(catalog):
    from catalog_app.store.tables import UserList
    catalog.import_file(str(EXPORTS / "letterboxd" / "list_zatoichi.csv"))
    UserList.update(description="my own notes").where(UserList.name == "Zatoichi").execute()
    catalog.import_file(str(EXPORTS / "letterboxd" / "list_zatoichi.csv"))
    assert UserList.get(UserList.name == "Zatoichi").description == "my own notes"


def test_map_can_name_the_title_column_the_guess_missed(tmp_path):
    db = str(tmp_path / "c.db")
    table = tmp_path / "nf.csv"
    table.write_text("Film name,Year\nAlien,1979\n", encoding="utf-8")
    done = starlight("--db", db, "import", str(table), "--map", "Film name=title")
    assert done.returncode == 0 and "imported 1 works" in done.stderr, done.stderr
