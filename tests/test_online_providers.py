"""Adding a work from every online source, end to end: each source's recorded answer served by a local server,
through the real HTTP client, into the catalog. Image addresses in the recorded answers point at the sources' real
image hosts, which this client may not ask: the work is added and the poster is said to be left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from werkzeug import Response

from catalog_app.providers.http import LIMITS, HttpClient, Limits
from catalog_app.services.online import Online, OnlineSettings
from test_provider_jikan import cassette_body

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
LOCAL = {"localhost", "127.0.0.1"}


def recorded(folder: str, name: str) -> bytes:
    return (FIXTURES / folder / name).read_bytes()


def wikidata_answer(request) -> Response:
    """The work itself, then the batch of labels for what it names (a recorded answer without those labels)."""
    if request.args.get("ids") == "Q2262932":
        # The recording is the entity itself; the API sends it inside {"entities": {id: entity}}.
        entity = json.loads(recorded("wikidata", "Q2262932_City_Streets_1931_entity.we-framework.json"))
        return Response(json.dumps({"entities": {"Q2262932": entity}, "success": 1}), content_type="application/json")
    labels = Path(__file__).resolve().parent / "fixtures" / "wikidata" / "Q131261_Oliver_Kahn_wbgetentities.wdtk.json"
    return Response(labels.read_bytes(), content_type="application/json")


SOURCES = {
    # provider: (path served, answer, fetch id, what the entry must show)
    "jikan": ("/v4/anime/457/full", recorded("jikan", "anime_457_mushishi.jikanpy.json"), "457",
              {"original_title": "蟲師", "year": 2005, "external_ids": {"mal": "457"}, "anime": True}),
    "tvmaze": ("/shows/13", recorded("tvmaze", "show_13_embed_seasons.flexget.json"), "13",
               {"title": "The Flash", "kind": "series", "external_ids": {"tvmaze": "13"}}),
    "anilist": ("/", recorded("anilist", "media_99426_sora_yori_mo_tooi_basho.pyanilist.json"), "99426",
                {"original_title": "宇宙よりも遠い場所", "anime": True, "external_ids": {"anilist": "99426"}}),
    "omdb": ("/", recorded("omdb", "omdb_t_inception.movie-app-node.json"), "tt1375666",
             {"title": "Inception", "year": 2010, "external_ids": {"imdb": "tt1375666"}}),
    "wikidata": ("/w/api.php", wikidata_answer, "Q2262932",
                 {"title": "City Streets", "year": 1931, "external_ids": {"wikidata": "Q2262932"}}),
}


@pytest.mark.parametrize("provider", list(SOURCES))
def test_a_work_is_added_from_each_source(provider, httpserver, sqlite_catalog, tmp_path):
    path, answer, ident, expected = SOURCES[provider]
    if provider == "jikan":  # Jikan lists a series' episodes apart from it: one page here
        httpserver.expect_request("/v4/anime/457/episodes").respond_with_json(
            cassette_body("jikanpy_cassette_anime_457_episodes.vcr.yaml"))
    served = httpserver.expect_request(path)
    if callable(answer):
        served.respond_with_handler(answer)
    else:
        served.respond_with_data(answer, content_type="application/json")
    base = httpserver.url_for(path if provider in ("wikidata", "omdb", "anilist") else path.split("/")[1])
    if provider in ("jikan", "tvmaze"):
        base = httpserver.url_for("/v4" if provider == "jikan" else "/")
    settings = OnlineSettings(urls={provider: base.rstrip("/") if provider != "omdb" else base},
                              keys={"omdb": "test-key"}, anilist_enabled=True)
    client = HttpClient(tmp_path / "http.sqlite", "Starlight/test", limits={
        n: Limits(0.0, rule.fresh_for) for n, rule in LIMITS.items()}, sleep=lambda s: None, allowed_hosts=LOCAL)
    online = Online(settings, client)
    work_id, problems = online.add(sqlite_catalog, online.fetch(provider, ident))
    record, _ = sqlite_catalog.load(work_id)
    for field, value in expected.items():
        if field == "external_ids":
            assert value.items() <= record["external_ids"].items()
        else:
            assert record[field] == value, field
    assert record["provenance"]["*"]["name"] == provider
    if provider == "jikan":
        assert [e["number"] for e in record["children"]] == list(range(1, 27))
    if provider == "tvmaze":
        assert record["children"] and all(season["kind"] == "season" for season in record["children"])
    # The recorded answers name posters on the sources' real hosts: never asked here, and said so.
    assert all("is not among the hosts this client may ask" in p for p in problems)
    assert all(r[0].host.split(":")[0] in LOCAL for r in httpserver.log)
    assert sqlite_catalog.check() == []
