"""Merge rules of a refresh: what is offered, what fills a gap, how keyed lists combine, locks respected."""

from __future__ import annotations

from catalog_app.core.merge import apply_changes, merge_changes
from catalog_app.core.record import validate_work


def work(**fields):
    return validate_work({"title": "Lost in Starlight", **fields})


def test_a_gap_is_filled_and_a_difference_is_offered():
    current = work(year=2025, synopsis=None, runtime=96)
    fetched = work(year=2025, synopsis="In 2050, an astronaut…", runtime=98)
    changes = {c.field: c for c in merge_changes(current, fetched, "tmdb")}
    assert set(changes) == {"synopsis", "runtime"}
    assert changes["synopsis"].fills_gap and not changes["runtime"].fills_gap
    assert (changes["runtime"].current, changes["runtime"].new, changes["runtime"].source) == (96, 98, "tmdb")
    merged = apply_changes(current, list(changes.values()), {"synopsis"})
    assert merged["synopsis"] == "In 2050, an astronaut…" and merged["runtime"] == 96


def test_locked_fields_and_empty_answers_are_never_offered():
    current = work(runtime=96, tagline="Mine")
    fetched = work(runtime=98, tagline=None)
    assert merge_changes(current, fetched, "tmdb", locked={"runtime"}) == []


def test_keyed_lists_keep_what_the_provider_does_not_speak_for():
    current = work(ratings=[{"source": "rotten_tomatoes", "value": 100}, {"source": "tmdb", "value": 7.1}],
                   external_ids={"imdb": "tt1234567"}, genres=["Animation", "Romance"])
    fetched = work(ratings=[{"source": "tmdb", "value": 7.4, "votes": 120}],
                   external_ids={"tmdb": "movie/1234"}, genres=["animation", "Science Fiction"])
    changes = {c.field: c for c in merge_changes(current, fetched, "tmdb")}
    merged = apply_changes(current, list(changes.values()), set(changes))
    assert {r["source"]: r["value"] for r in merged["ratings"]} == {"rotten_tomatoes": 100, "tmdb": 7.4}
    assert merged["external_ids"] == {"imdb": "tt1234567", "tmdb": "movie/1234"}
    assert merged["genres"] == ["Animation", "Romance", "Science Fiction"]  # case-insensitive, order kept
    assert validate_work(merged)  # still a valid work


def test_the_same_credits_under_other_person_keys_are_not_a_change():
    current = work(credits=[{"person": "p7", "role": "director"}])
    fetched = work(credits=[{"person": "tmdb.99", "role": "director"}])
    assert merge_changes(current, fetched, "tmdb", names={"p7": "Han Ji-won", "tmdb.99": "Han Ji-won"}) == []
    other = merge_changes(current, fetched, "tmdb", names={"p7": "Han Ji-won", "tmdb.99": "Someone Else"})
    assert [c.field for c in other] == ["credits"] and not other[0].fills_gap


def test_adding_an_id_or_a_genre_fills_a_gap_but_changing_one_does_not():
    current = work(external_ids={"tmdb": "movie/603"}, genres=["Action"])
    fetched = work(external_ids={"tmdb": "movie/603", "imdb": "tt0133093"}, genres=["Action", "Science Fiction"])
    changes = {c.field: c for c in merge_changes(current, fetched, "tmdb")}
    assert changes["external_ids"].fills_gap and changes["genres"].fills_gap
    moved = work(external_ids={"tmdb": "movie/604"})
    assert not merge_changes(current, moved, "tmdb")[0].fills_gap
