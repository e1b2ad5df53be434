"""The list's projection: pages in every sort order, keyset seeks equal to offsets, counts and facets."""

from __future__ import annotations

import pytest

from catalog_app.core.query import parse_query
from catalog_app.store import listing
from catalog_app.store.listing import ROW_COLUMNS, SORT_COLUMNS, keyset_key, page


def titles(rows):
    return [r[1] for r in rows]


def test_pages_in_title_order_with_display_values(sample_catalog):
    rows = page(sample_catalog.db, None)
    assert titles(rows) == ["KPop Demon Hunters", "Lost in Starlight", "Parasite", "Soulmate", "Squid Game",
                            "The Summer", "Suzume", "Your Name"]
    lost = dict(zip(ROW_COLUMNS, rows[1]))
    assert (lost["director"], lost["rating"], lost["status"], lost["platform"], lost["is_anime"]) == (
        "Han Ji-won", 88, "completed", "Netflix", True)
    assert lost["poster_mime"] == "image/svg+xml" and len(lost["poster_hash"]) == 64


def test_sorting_by_director_rating_and_year(sample_catalog):
    db = sample_catalog.db
    # No director (Squid Game has a creator) comes first going up; then by the first-billed director's name.
    assert titles(page(db, None, "director")) == ["Squid Game", "Parasite", "Lost in Starlight", "The Summer",
                                                  "KPop Demon Hunters", "Suzume", "Your Name", "Soulmate"]
    assert titles(page(db, None, "rating", descending=True))[:3] == ["Parasite", "Your Name", "Lost in Starlight"]
    years = [r[3] for r in page(db, None, "year")]
    assert years == sorted(years)


@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_equal_offset_pages_in_every_order(catalog, sort, descending):
    from catalog_app.services.formats.starlight_json import from_object
    works = [{"title": f"Film {n % 7}", "year": 1990 + n % 5 if n % 3 else None,
              "personal": {"rating": n % 4 * 20 if n % 2 else None, "status": "planned" if n % 5 else None},
              "availability": [{"platform": f"Service {n % 3}"}] if n % 4 else []} for n in range(60)]
    catalog.import_document(from_object({"format": "starlight-catalog", "version": 1, "works": works}), "t")
    db = catalog.db
    whole = page(db, None, sort, descending, limit=1000)
    assert len(whole) == 60
    walked, after = [], None
    while True:
        rows = page(db, None, sort, descending, limit=7, after=after)
        if not rows:
            break
        walked += rows
        after = keyset_key(rows[-1], sort)
    assert [r[0] for r in walked] == [r[0] for r in whole]
    by_offset = [r for start in range(0, 60, 7) for r in page(db, None, sort, descending, offset=start, limit=7)]
    assert [r[0] for r in by_offset] == [r[0] for r in whole]


def test_counts_and_search_in_the_list(sample_catalog):
    db = sample_catalog.db
    assert listing.count(db, None) == 8
    assert listing.count(db, parse_query("kind:anime")) == 4
    assert titles(page(db, parse_query("별에"))) == ["Lost in Starlight"]
    assert listing.count(db, parse_query("kind:episode")) == 6


def test_facet_counts(sample_catalog):
    facets = listing.facet_counts(sample_catalog.db)
    assert facets["all"] == [("all", 8)]
    assert dict(facets["kind"]) == {"film": 7, "series": 1}
    assert facets["anime"] == [("anime", 4)]
    assert dict(facets["status"])["planned"] == 4
    assert dict(facets["list"]) == {"Korean animation": 2, "Makoto Shinkai": 2}
    assert dict(facets["platform"]) == {"Netflix": 3}
    assert dict(facets["genre"])["Animation"] == 5


def test_a_negation_keeps_its_own_query_over_works(sample_catalog):
    """Testing ids on the list row itself must not reach into a negation's subquery (it would be correlated)."""
    from catalog_app.store.listing import _where
    where, _ = _where(sample_catalog.db, parse_query("-genre:drama"), by_id=True)
    assert "SELECT l.work_id" not in where
    assert titles(page(sample_catalog.db, parse_query("kind:film -genre:drama"))) == [
        "KPop Demon Hunters", "Lost in Starlight", "Suzume", "Your Name"]


def _films(catalog, titles_):
    from catalog_app.services.formats.starlight_json import from_object
    works = [{"title": t, "year": 1990 + n % 7, "personal": {"rating": n % 5 * 20}} for n, t in enumerate(titles_)]
    catalog.import_document(from_object({"format": "starlight-catalog", "version": 1, "works": works}), "t")


@pytest.mark.parametrize("sort", ["title", "year", "rating"])
def test_a_broad_search_gives_the_same_pages_whichever_plan_answers_it(catalog, monkeypatch, sort):
    """Past SMALL_RESULT matches, a dense search tests rows along the sort index one by one (the probe); a less
    dense one reads the list of matches. Both must give exactly the rows of the small-result plan."""
    from catalog_app.store.db import is_postgres
    _films(catalog, [f"The Film {n}" if n % 3 else f"Another Story {n}" for n in range(90)])
    db = catalog.db
    node = parse_query("the")
    exact = page(db, node, sort, limit=None, total=60)  # by id: 60 is a small result
    assert len(exact) == 60
    monkeypatch.setattr(listing, "SMALL_RESULT", 10)
    monkeypatch.setattr(listing, "PROBE_FACTOR", 1)
    if not is_postgres(db):
        assert listing._probe(db, node, 60) == '"the" *'
        assert listing._probe(db, parse_query("the f"), 60) is None  # a lone letter has no prefix table
        assert listing._probe(db, parse_query("year:1990"), 60) is None  # not words only
    for total in (60, None):  # the probe; the list of matches
        assert [r[0] for r in page(db, node, sort, limit=None, total=total)] == [r[0] for r in exact]
        walked, after = [], None
        while rows := page(db, node, sort, limit=7, after=after, total=total):
            walked += rows
            after = keyset_key(rows[-1], sort)
        assert [r[0] for r in walked] == [r[0] for r in exact]


def test_first_page_counts_in_the_index_when_the_catalog_has_no_episodes(catalog, monkeypatch):
    from catalog_app.store.db import is_postgres
    _films(catalog, [f"Night {n}" for n in range(30)] + [f"Day {n}" for n in range(5)])
    db = catalog.db
    monkeypatch.setattr(listing, "SMALL_RESULT", 10)
    first = listing.first_page(db, parse_query("night"), limit=5)
    assert titles(first.rows) == ["Night 0", "Night 1", "Night 2", "Night 3", "Night 4"]
    # SQLite's index counts exactly what the list shows here; PostgreSQL counts in SQL.
    assert (first.total, first.matches) == (30, 30)
    first = listing.first_page(db, parse_query("d"), limit=50)  # one letter: titles starting with it
    assert titles(first.rows) == [f"Day {n}" for n in range(5)]
    assert first.total == 5
    assert is_postgres(db) or listing.estimate(db, parse_query("night d")) == 0


def test_a_broad_search_in_a_catalog_with_episodes_leaves_its_count_for_later(sqlite_sample, monkeypatch):
    """The search index (SQLite) also holds episodes, which the list leaves under their series: its count is only
    an estimate there, so the total is counted in SQL afterwards."""
    sample_catalog = sqlite_sample
    monkeypatch.setattr(listing, "SMALL_RESULT", 2)
    node = parse_query("episode")  # six episodes of Squid Game, and no top-level work
    first = listing.first_page(sample_catalog.db, node)
    assert (first.total, first.matches, first.rows) == (None, 6, [])
    assert listing.count(sample_catalog.db, node) == 0
    assert listing.first_page(sample_catalog.db, parse_query("kind:episode")).total == 6


def test_a_long_read_can_be_interrupted_from_another_thread(sqlite_catalog):
    import threading
    import time

    from catalog_app.store.db import Interruptible, Interrupted

    db = sqlite_catalog.db
    reader = Interruptible()
    outcome = {}
    started = threading.Event()

    def read() -> None:
        try:
            with reader.running(db):
                started.set()
                db.execute_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                               "SELECT count(*) FROM n").fetchone()
        except Interrupted:
            outcome["interrupted"] = True
        outcome["after"] = db.execute_sql("SELECT count(*) FROM work").fetchone()[0]  # the connection still works
        db.close()

    worker = threading.Thread(target=read)
    worker.start()
    started.wait(5)
    time.sleep(0.05)
    reader.interrupt()
    worker.join(10)
    assert not worker.is_alive()
    assert outcome == {"interrupted": True, "after": 0}
    reader.interrupt()  # nothing running: nothing happens
    assert db.execute_sql("SELECT 1").fetchone() == (1,)
