"""Bulk refresh: many works fetched a few at a time, each written on its own, failures reported, cancel and resume
from the journal. Recorded TMDB answers served by a local server."""

from __future__ import annotations

import re

import pytest

from catalog_app.services.bulk_refresh import BulkRefresh
from provider_helpers import fight_club
from test_online import load, online_for, poster_bytes


@pytest.fixture
def served(httpserver):
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/movie/603").respond_with_json(
        load("tmdb", "movie_603_append_alternative_titles.flexget.json"))
    httpserver.expect_request("/3/movie/550").respond_with_json(fight_club())
    httpserver.expect_request("/3/movie/999").respond_with_json(
        load("tmdb", "error_404_not_found.jdrouet.json"), status=404)
    httpserver.expect_request(re.compile(r"/t/p/w\d+/.+\.jpg")).respond_with_data(poster_bytes(),
                                                                                   content_type="image/jpeg")
    return httpserver


def with_tmdb_id(catalog, title: str, tmdb_id: str) -> int:
    work_id = catalog.add_new(title)
    record, people = catalog.load(work_id)
    record["external_ids"] = {"tmdb": tmdb_id}
    catalog.save_work(work_id, record["version"], record, people)
    return work_id


def test_a_bulk_refresh_fills_gaps_reports_failures_and_leaves_no_journal(sqlite_catalog, served, tmp_path):
    matrix = with_tmdb_id(sqlite_catalog, "The Matrix", "movie/603")
    missing = with_tmdb_id(sqlite_catalog, "Gone", "movie/999")
    fight = with_tmdb_id(sqlite_catalog, "Fight Club", "movie/550")
    journal = tmp_path / "refresh.json"
    seen = []
    job = BulkRefresh(sqlite_catalog, online_for(served, tmp_path), [matrix, missing, fight], journal)
    summary = job.run(lambda done, total, result: seen.append((done, total, result.outcome)))
    assert seen == [(1, 3, "changed"), (2, 3, "failed"), (3, 3, "changed")]
    failed = next(r for r in summary.results if r.outcome == "failed")
    assert failed.work_id == missing and failed.title == "Gone" and "tmdb:" in failed.detail
    assert "poster" in summary.results[0].detail and "synopsis" in summary.results[0].detail
    record, people = sqlite_catalog.load(fight)
    assert {people[c["person"]]["name"] for c in record["credits"] if c["role"] == "director"} == {"David Fincher"}
    assert sqlite_catalog.load(matrix)[0]["images"][0]["kind"] == "poster"
    assert not journal.exists()
    assert sqlite_catalog.check() == []


def test_a_cancelled_refresh_resumes_from_its_journal(sqlite_catalog, served, tmp_path):
    ids = [with_tmdb_id(sqlite_catalog, "The Matrix", "movie/603"), with_tmdb_id(sqlite_catalog, "Fight", "movie/550")]
    journal = tmp_path / "refresh.json"
    online = online_for(served, tmp_path)
    job = BulkRefresh(sqlite_catalog, online, ids, journal)
    summary = job.run(lambda done, total, result: job.cancel())
    assert summary.cancelled and [r.work_id for r in summary.results] == ids[:1]
    assert journal.exists() and sqlite_catalog.load(ids[1])[0]["synopsis"] is None  # fetched, never written
    again = BulkRefresh.resume(sqlite_catalog, online, journal)  # as after a restart
    assert again is not None and again.remaining == ids[1:]
    rest = again.run()
    assert [r.work_id for r in rest.results] == ids[1:] and not rest.cancelled
    assert not journal.exists()
    assert BulkRefresh.resume(sqlite_catalog, online, journal) is None
    assert all(sqlite_catalog.load(i)[0]["synopsis"] for i in ids)


def test_a_damaged_journal_is_not_resumed(sqlite_catalog, served, tmp_path):
    journal = tmp_path / "refresh.json"
    journal.write_bytes(b'{"catalog": "x", "ids": [1, 2')  # cut short
    assert BulkRefresh.resume(sqlite_catalog, online_for(served, tmp_path), journal) is None
