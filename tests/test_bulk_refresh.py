"""Bulk refresh: works loaded, fetched and written a batch at a time, failures reported per work, cancel and resume
from the journal, and one undo step for the whole refresh. Recorded TMDB answers served by a local server."""

from __future__ import annotations

import re

import pytest

from catalog_app.services import bulk_refresh
from catalog_app.services.bulk_refresh import BulkRefresh
from catalog_app.services.catalog import SavedWorks
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


def test_a_bulk_refresh_fills_gaps_reports_failures_and_leaves_no_journal(sqlite_catalog, served, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(bulk_refresh, "BATCH", 2)
    matrix = with_tmdb_id(sqlite_catalog, "The Matrix", "movie/603")
    missing = with_tmdb_id(sqlite_catalog, "Gone", "movie/999")
    fight = with_tmdb_id(sqlite_catalog, "Fight Club", "movie/550")
    journal = tmp_path / "refresh.json"
    seen = []
    job = BulkRefresh(sqlite_catalog, online_for(served, tmp_path), [matrix, missing, fight], journal)
    summary = job.run(lambda done, total, results: seen.append((done, total, [r.outcome for r in results])))
    assert seen == [(2, 3, ["changed", "failed"]), (3, 3, ["changed"])]  # a call per batch written
    failed = next(r for r in summary.results if r.outcome == "failed")
    assert failed.work_id == missing and failed.title == "Gone" and "tmdb:" in failed.detail
    assert "poster" in summary.results[0].detail and "synopsis" in summary.results[0].detail
    record, people = sqlite_catalog.load(fight)
    assert {people[c["person"]]["name"] for c in record["credits"] if c["role"] == "director"} == {"David Fincher"}
    assert sqlite_catalog.load(matrix)[0]["images"][0]["kind"] == "poster"
    assert not journal.exists()
    assert sqlite_catalog.check() == []


def test_a_cancelled_refresh_resumes_from_its_journal(sqlite_catalog, served, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_refresh, "BATCH", 1)  # a cancel stops after the batch being written: one work here
    ids = [with_tmdb_id(sqlite_catalog, "The Matrix", "movie/603"), with_tmdb_id(sqlite_catalog, "Fight", "movie/550")]
    journal = tmp_path / "refresh.json"
    online = online_for(served, tmp_path)
    job = BulkRefresh(sqlite_catalog, online, ids, journal)
    summary = job.run(lambda done, total, results: job.cancel())
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


def test_a_cancel_keeps_the_batch_being_written_and_leaves_the_rest(sqlite_catalog, served, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_refresh, "BATCH", 2)
    ids = [with_tmdb_id(sqlite_catalog, f"Film {n}", tmdb) for n, tmdb in enumerate(["movie/603", "movie/550",
                                                                                      "movie/999"])]
    job = BulkRefresh(sqlite_catalog, online_for(served, tmp_path), ids, tmp_path / "refresh.json")
    summary = job.run(lambda done, total, results: job.cancel())
    assert summary.cancelled and [(r.work_id, r.outcome) for r in summary.results] == [
        (ids[0], "changed"), (ids[1], "changed")]
    assert job.remaining == ids[2:]


def test_a_work_changed_during_the_refresh_is_left_alone_and_the_rest_of_its_batch_is_written(
        sqlite_catalog, served, tmp_path):
    ids = [with_tmdb_id(sqlite_catalog, "The Matrix", "movie/603"), with_tmdb_id(sqlite_catalog, "Fight", "movie/550")]
    online = online_for(served, tmp_path)
    real_compare = online.compare

    def compare_then_someone_edits(current, people, locked, provider=None):
        preview = real_compare(current, people, locked, provider)
        if preview.work_id == ids[0]:  # another window saves the work after it was loaded for the refresh
            record, owners = sqlite_catalog.load(ids[0])
            sqlite_catalog.save_work(ids[0], record["version"], {**record, "synopsis": "My own words."}, owners)
        return preview
    online.compare = compare_then_someone_edits
    summary = BulkRefresh(sqlite_catalog, online, ids, tmp_path / "refresh.json").run()
    assert [r.outcome for r in summary.results] == ["failed", "changed"]
    assert "changed by someone else" in summary.results[0].detail
    assert sqlite_catalog.load(ids[0])[0]["synopsis"] == "My own words."  # the edit is kept, nothing merged over it
    assert sqlite_catalog.load(ids[1])[0]["synopsis"]
    assert sqlite_catalog.check() == []


def test_a_whole_refresh_is_put_back_in_one_step_and_redone(sqlite_catalog, served, tmp_path):
    ids = [with_tmdb_id(sqlite_catalog, "The Matrix", "movie/603"), with_tmdb_id(sqlite_catalog, "Fight", "movie/550")]
    before = {i: sqlite_catalog.load(i)[0] for i in ids}
    job = BulkRefresh(sqlite_catalog, online_for(served, tmp_path), ids, tmp_path / "refresh.json")
    job.run()
    after = {i: sqlite_catalog.load(i)[0] for i in ids}
    assert set(job.undo_states) == set(ids)
    undone, refused = sqlite_catalog.put_back(SavedWorks(job.undo_states))  # undo
    assert not refused
    assert sqlite_catalog.check() == []  # the posters it brought are gone with it, kept for a redo
    assert len(undone.files) == 1  # the test server sends one picture for both: one content-addressed file

    def content(record):
        return {k: v for k, v in record.items() if k not in ("version", "updated_at", "provenance")}
    for i in ids:
        assert content(sqlite_catalog.load(i)[0]) == content(before[i])
    assert sqlite_catalog.find("Fincher") == []  # the search index is put back too
    _, refused = sqlite_catalog.put_back(undone)  # redo
    assert not refused
    for i in ids:
        assert content(sqlite_catalog.load(i)[0]) == content(after[i])
    assert sqlite_catalog.check() == []


def test_undo_leaves_a_work_changed_since_the_refresh_as_it_is(sqlite_catalog, served, tmp_path):
    work_id = with_tmdb_id(sqlite_catalog, "Fight", "movie/550")
    job = BulkRefresh(sqlite_catalog, online_for(served, tmp_path), [work_id], tmp_path / "refresh.json")
    job.run()
    record, people = sqlite_catalog.load(work_id)
    sqlite_catalog.save_work(work_id, record["version"], {**record, "tagline": "Mine."}, people)
    _, refused = sqlite_catalog.put_back(SavedWorks(job.undo_states))
    assert "changed by someone else" in str(refused[work_id])
    assert sqlite_catalog.load(work_id)[0]["tagline"] == "Mine."


def test_a_refresh_of_more_works_than_undo_keeps_offers_no_undo(sqlite_catalog, served, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_refresh, "UNDO_LIMIT", 1)
    ids = [with_tmdb_id(sqlite_catalog, "The Matrix", "movie/603"), with_tmdb_id(sqlite_catalog, "Fight", "movie/550")]
    job = BulkRefresh(sqlite_catalog, online_for(served, tmp_path), ids, tmp_path / "refresh.json")
    assert job.run().count("changed") == 2
    assert job.undo_states is None  # the automatic backup taken before it is the way back
