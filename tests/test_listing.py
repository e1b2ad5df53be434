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
