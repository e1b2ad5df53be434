"""Online metadata end to end: recorded provider answers served by a local server, through the real HTTP client,
into the catalog; then offline from the cache; refresh with a merge preview; faults leave the catalog as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from catalog_app.core.errors import ConflictError, DuplicateError
from catalog_app.providers.base import ProviderError
from catalog_app.providers.http import LIMITS, HttpClient, Limits
from catalog_app.services.online import Online, OnlineSettings
from provider_helpers import fight_club

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
NO_WAIT = {name: Limits(0.0, limits.fresh_for) for name, limits in LIMITS.items()}


def load(folder: str, name: str) -> Any:
    return json.loads((FIXTURES / folder / name).read_text(encoding="utf-8"))


def poster_bytes(width: int = 500, height: int = 750) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#22223b"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(data.data())


def online_for(server, tmp_path, **settings) -> Online:
    config = OnlineSettings(urls={"tmdb": server.url_for("/3")}, image_url=server.url_for("/t/p/"),
                            keys={"tmdb": "test-key"}, **settings)
    return Online(config, HttpClient(tmp_path / "http.sqlite", "Starlight/test", timeout=(1, 2), limits=NO_WAIT,
                                     sleep=lambda s: None))


def test_search_pick_and_add_gives_a_complete_entry_with_its_poster(sqlite_catalog, tmdb_server, tmp_path):
    online = online_for(tmdb_server, tmp_path)
    results = online.search("The Matrix", providers=["tmdb"])
    assert results.errors == {}
    first = results.candidates[0]
    assert (first.provider, first.ident, first.title, first.year) == ("tmdb", "movie/603", "The Matrix", 1999)
    assert online.in_catalog(sqlite_catalog, first) is None
    work_id, problems = online.add(sqlite_catalog, online.fetch("tmdb", first.ident))
    assert problems == []
    record, _ = sqlite_catalog.load(work_id)
    assert (record["title"], record["year"], record["runtime"]) == ("The Matrix", 1999, 136)
    assert record["external_ids"]["tmdb"] == "movie/603" and record["external_ids"]["imdb"] == "tt0133093"
    assert "Science Fiction" in record["genres"] and record["tagline"] == "Welcome to the Real World."
    assert any(t["title"] == "المتمرد" for t in record["titles"])
    poster = next(i for i in record["images"] if i["kind"] == "poster")
    assert (poster["mime"], poster["width"], poster["height"]) == ("image/jpeg", 500, 750)
    assert "/t/p/w" in poster["source_url"] and "original" not in poster["source_url"]
    assert sqlite_catalog.image_file(poster["hash"], poster["mime"]).is_file()
    assert record["provenance"]["*"]["source"] == "provider" and record["provenance"]["*"]["name"] == "tmdb"
    # Now the same search says it is already there, by id.
    assert online.in_catalog(sqlite_catalog, first) == (work_id, "tmdb id movie/603")
    with pytest.raises(DuplicateError, match="already has tmdb id movie/603"):
        online.add(sqlite_catalog, online.fetch("tmdb", "movie/603"))


def test_credits_characters_ratings_and_where_to_watch_arrive(sqlite_catalog, tmdb_server, tmp_path):
    online = online_for(tmdb_server, tmp_path)
    work_id, _ = online.add(sqlite_catalog, online.fetch("tmdb", "movie/550"))
    record, people = sqlite_catalog.load(work_id)
    names = {k: p["name"] for k, p in people.items()}
    director = next(c for c in record["credits"] if c["role"] == "director")
    assert names[director["person"]] == "David Fincher"
    pitt = next(c for c in record["credits"] if names[c["person"]] == "Brad Pitt")
    assert pitt["character"] == "Tyler Durden"
    assert {r["source"] for r in record["ratings"]} == {"tmdb"}
    assert record["availability"] and all(a["region"] == "US" for a in record["availability"])
    assert sqlite_catalog.find("tyler")[0][1] == "Fight Club"  # characters are searchable


def test_a_series_arrives_with_its_seasons_and_their_episodes(sqlite_catalog, httpserver, tmp_path):
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/tv/1399").respond_with_json(load("tmdb", "tv_1399_details.jdrouet.json"))
    httpserver.expect_request("/3/tv/1399/season/1").respond_with_json(load("tmdb", "tv_1399_season_1.jdrouet.json"))
    httpserver.expect_request(re.compile(r"/3/tv/1399/season/\d+")).respond_with_json(
        load("tmdb", "error_404_not_found.jdrouet.json"), status=404)  # only season 1 was recorded
    online = online_for(httpserver, tmp_path)
    work_id, problems = online.add(sqlite_catalog, online.fetch("tmdb", "tv/1399"))
    record, _ = sqlite_catalog.load(work_id)
    seasons = {season["number"]: season for season in record["children"]}
    assert sorted(seasons) == list(range(0, 9)) and seasons[1]["title"] == "Season 1"
    episodes = seasons[1]["children"]
    assert [e["number"] for e in episodes] == list(range(1, 11)) and episodes[0]["title"] == "Winter Is Coming"
    assert [(d["date"], d["kind"]) for d in episodes[0]["release_dates"]] == [("2011-04-17", "tv")]
    assert seasons[2]["children"] == []
    # Each season without its episodes is said once, and the series is added all the same.
    assert len([p for p in problems if "episodes not added" in p]) == 8
    assert any(p.startswith("Season 2: episodes not added (tmdb: no such title") for p in problems)
    assert sqlite_catalog.check() == []


def test_a_second_run_is_served_from_the_cache_with_the_server_gone(sqlite_catalog, tmp_path):
    from pytest_httpserver import HTTPServer
    server = HTTPServer()
    server.start()
    try:
        server.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
        server.expect_request("/3/search/movie").respond_with_json(load("tmdb", "search_movie_the_matrix.flexget.json"))
        server.expect_request("/3/search/tv").respond_with_json(load("tmdb", "search_tv_game_of_thrones.jdrouet.json"))
        server.expect_request("/3/movie/603").respond_with_json(
            load("tmdb", "movie_603_append_alternative_titles.flexget.json"))
        first = online_for(server, tmp_path)
        assert first.search("The Matrix", providers=["tmdb"]).candidates
        first.fetch("tmdb", "movie/603")
        first.close()
    finally:
        server.stop()
    again = online_for(server, tmp_path, offline=True)
    again.client.offline = True
    assert again.search("The Matrix", providers=["tmdb"]).candidates[0].title == "The Matrix"
    assert again.fetch("tmdb", "movie/603").work["title"] == "The Matrix"


def test_refresh_previews_each_change_and_applies_what_is_accepted(sqlite_catalog, tmdb_server, tmp_path):
    online = online_for(tmdb_server, tmp_path)
    work_id = sqlite_catalog.add_new("The Matrix", 1999)
    record, people = sqlite_catalog.load(work_id)
    record["external_ids"] = {"tmdb": "movie/603"}
    record["runtime"] = 130
    version = sqlite_catalog.save_work(work_id, record["version"], record, people)
    preview = online.preview_refresh(sqlite_catalog, work_id)
    changes = {c.field: c for c in preview.changes}
    assert changes["runtime"].current == 130 and changes["runtime"].new == 136 and not changes["runtime"].fills_gap
    assert changes["synopsis"].fills_gap and changes["genres"].fills_gap
    new_version = online.apply_refresh(sqlite_catalog, preview)  # by default: what fills a gap
    assert new_version == version + 1
    after, _ = sqlite_catalog.load(work_id)
    assert after["runtime"] == 130 and after["synopsis"].startswith("Set in the 22nd century")
    assert after["provenance"]["synopsis"]["name"] == "tmdb" and after["provenance"]["runtime"]["source"] == "user"
    assert any(i["kind"] == "poster" for i in after["images"])
    # A field the person locks is never offered again.
    after["provenance"]["runtime"]["locked"] = True
    sqlite_catalog.save_work(work_id, after["version"], after, _)
    assert "runtime" not in {c.field for c in online.preview_refresh(sqlite_catalog, work_id).changes}


def test_a_stale_refresh_is_refused_and_writes_nothing(sqlite_catalog, tmdb_server, tmp_path):
    online = online_for(tmdb_server, tmp_path)
    work_id = sqlite_catalog.add_new("The Matrix", 1999)
    record, people = sqlite_catalog.load(work_id)
    record["external_ids"] = {"tmdb": "movie/603"}
    sqlite_catalog.save_work(work_id, record["version"], record, people)
    preview = online.preview_refresh(sqlite_catalog, work_id)
    edited, people = sqlite_catalog.load(work_id)
    edited["tagline"] = "Edited meanwhile"
    sqlite_catalog.save_work(work_id, edited["version"], edited, people)
    with pytest.raises(ConflictError, match="was changed by someone else"):
        online.apply_refresh(sqlite_catalog, preview)
    assert sqlite_catalog.load(work_id)[0]["tagline"] == "Edited meanwhile"


def test_a_provider_answering_another_id_is_refused(sqlite_catalog, httpserver, tmp_path):
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/movie/604").respond_with_json(
        load("tmdb", "movie_603_append_alternative_titles.flexget.json"))
    online = online_for(httpserver, tmp_path)
    before = sqlite_catalog.count()
    with pytest.raises(ProviderError, match="answered with tmdb id movie/603 when asked for movie/604"):
        online.fetch("tmdb", "movie/604")
    assert sqlite_catalog.count() == before


@pytest.mark.parametrize("answer, words", [
    ({"status": 500}, "not answering properly; try again later"),
    ({"body": "<html>busy</html>"}, "HTML page instead of JSON"),
    ({"body": json.dumps(fight_club())[:2000]}, "not JSON"),
])
def test_faults_while_adding_leave_the_catalog_as_it_was(sqlite_catalog, httpserver, tmp_path, answer, words):
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/movie/550").respond_with_data(answer.get("body", ""),
                                                                status=answer.get("status", 200),
                                                                content_type="application/json")
    online = online_for(httpserver, tmp_path)
    before = sqlite_catalog.document()
    with pytest.raises(ProviderError, match=words):
        online.add(sqlite_catalog, online.fetch("tmdb", "movie/550"))
    assert sqlite_catalog.document().works == before.works


def test_an_image_that_is_not_an_image_is_left_out_and_said(sqlite_catalog, httpserver, tmp_path):
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/movie/603").respond_with_json(
        load("tmdb", "movie_603_append_alternative_titles.flexget.json"))
    httpserver.expect_request(re.compile(r"/t/p/.+")).respond_with_data("<html>404</html>", content_type="image/jpeg")
    online = online_for(httpserver, tmp_path)
    work_id, problems = online.add(sqlite_catalog, online.fetch("tmdb", "movie/603"))
    assert problems and "is not an image" in problems[0]
    assert sqlite_catalog.load(work_id)[0]["images"] == []


def test_without_a_key_tmdb_says_how_to_get_one(sqlite_catalog, tmp_path):
    online = Online(OnlineSettings(), HttpClient(tmp_path / "h.sqlite", "t", limits=NO_WAIT))
    assert "tmdb" not in online.enabled() and "anilist" not in online.enabled()
    results = online.search("Lost in Starlight", providers=["tmdb"])
    assert results.candidates == [] and "needs an API key" in results.errors["tmdb"]
