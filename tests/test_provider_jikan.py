"""Jikan (MyAnimeList): recorded answers parse into what a user would see, broken ones never crash the parser, and
the provider asks for them through the real HTTP client (a local server serves the recorded answers)."""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from catalog_app.core.record import validate_work
from catalog_app.providers import jikan
from catalog_app.providers.base import Candidate, ImageRef, MalformedResponse, ProviderError

import provider_helpers
from provider_helpers import HOSTILE, SHARED_FIXTURES, assert_valid, broken, failures_when_broken, paths, read_json

FIXTURES = SHARED_FIXTURES / "jikan"


def recorded(name: str) -> Any:
    return read_json(FIXTURES / name)


def cassette_body(name: str) -> Any:
    """The JSON body of a cassette's one response, stored gzipped in a YAML `!!binary |` block (read without PyYAML)."""
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "string: !!binary |")
    indent = len(lines[start]) - len(lines[start].lstrip())
    block = []
    for line in lines[start + 1:]:
        if len(line) - len(line.lstrip()) <= indent:
            break
        block.append(line.strip())
    return json.loads(gzip.decompress(base64.b64decode("".join(block))))


# ---- one anime ---------------------------------------------------------------------------------------------------

def test_mushishi_reads_as_a_user_sees_it():
    fetched = jikan.parse_anime(recorded("anime_457_mushishi.jikanpy.json"))
    assert_valid(fetched)
    work = fetched.work
    assert (fetched.provider, fetched.ident) == ("jikan", "457")
    assert work["title"] == "Mushi-Shi"  # the English title, as in the search results
    assert {"title": "Mushishi", "language": "ja", "kind": "romanized"} in work["titles"]
    assert (work["original_title"], work["original_language"]) == ("蟲師", "ja")
    assert (work["kind"], work["anime"]) == ("series", True)
    assert (work["year"], work["end_year"]) == (2005, 2006)
    assert work["runtime"] == 25
    assert work["content_rating"] == "PG-13 - Teens 13 or older"
    assert work["synopsis"].startswith('"Mushi": the most basic forms of life')
    assert work["genres"] == ["Adventure", "Fantasy", "Mystery", "Slice of Life", "Supernatural"]
    assert work["tags"] == ["Adult Cast", "Historical", "Iyashikei", "Seinen"]
    assert work["companies"][0] == {"name": "Artland", "role": "studio"}
    assert {"name": "Funimation", "role": "distributor"} in work["companies"]
    assert work["ratings"] == [{"source": "mal", "value": 8.67, "votes": 260971,
                                "url": "https://myanimelist.net/anime/457/Mushishi"}]
    assert work["external_ids"] == {"mal": "457"}
    assert fetched.images == [ImageRef("https://cdn.myanimelist.net/images/anime/2/73862l.jpg", "poster", True)]
    assert "images" not in work  # images wait for their files to be downloaded
    assert fetched.attribution == jikan.ATTRIBUTION


def test_the_plain_anime_answer_has_no_relations_or_streaming():
    # /anime/{id} lacks what /full adds; no /full answer was recorded (fixtures' PROVENANCE, "Gaps").
    work = jikan.parse_anime(recorded("anime_457_mushishi.jikanpy.json")).work
    assert "relations" not in work and "availability" not in work


def test_titles_in_other_languages_that_repeat_the_english_one_are_not_listed_twice():
    work = jikan.parse_anime(recorded("anime_457_mushishi.jikanpy.json")).work
    assert [t["title"] for t in work["titles"]] == ["Mushishi"]  # German, Spanish, French are all "Mushi-Shi"


def test_the_recorded_404_is_not_found():
    body = recorded("error_404_anime.jikanpy.json")
    with pytest.raises(ProviderError) as raised:
        jikan.check_error(404, body)
    assert raised.value.kind == "not_found"
    with pytest.raises(ProviderError) as raised:  # the body alone says so too
        jikan.parse_anime(body)
    assert raised.value.kind == "not_found" and not isinstance(raised.value, MalformedResponse)


def test_too_many_requests_is_rate_limited():
    with pytest.raises(ProviderError) as raised:
        jikan.check_error(429, None)  # no 429 body was recorded: the status says it
    assert raised.value.kind == "rate_limited"


def test_a_normal_answer_is_no_error():
    assert jikan.check_error(200, recorded("anime_457_mushishi.jikanpy.json")) is None


# ---- search ------------------------------------------------------------------------------------------------------

def test_naruto_search_gives_candidates_with_kinds_and_years():
    candidates = jikan.parse_search(recorded("search_anime_q_naruto.jikanpy.json"))
    assert len(candidates) == 10
    by_id = {c.ident: c for c in candidates}
    assert by_id["20"] == Candidate(
        provider="jikan", ident="20", title="Naruto", year=2002, kind="series", original_title="ナルト",
        poster_url="https://cdn.myanimelist.net/images/anime/13/17405t.jpg", overview=by_id["20"].overview,
        external_ids={"mal": "20"}, anime=True)
    assert by_id["20"].overview.startswith("Moments prior to Naruto Uzumaki's birth")
    assert (by_id["1735"].title, by_id["1735"].kind, by_id["1735"].year) == ("Naruto Shippuden", "series", 2007)
    assert (by_id["28755"].kind, by_id["28755"].year) == ("film", 2015)
    assert (by_id["53240"].kind, by_id["53240"].year) == ("special", 2022)  # "year" is null: aired.prop gives it
    assert by_id["10075"].kind == "ova"
    assert by_id["10075"].title == "Naruto x UT"  # no English title: the romaji one
    assert by_id["53236"].kind == "series"  # ONA
    assert all(c.anime for c in candidates)


@pytest.mark.parametrize(("mal_id", "minutes"), [("457", 25), ("20", 23), ("28755", 95), ("16870", 112),
                                                  ("53240", 9)])
def test_runtime_is_read_from_the_recorded_durations(mal_id, minutes):
    items = recorded("search_anime_q_naruto.jikanpy.json")["data"] + \
        [recorded("anime_457_mushishi.jikanpy.json")["data"]]
    duration = next(item["duration"] for item in items if str(item["mal_id"]) == mal_id)
    assert jikan.runtime_minutes(duration) == minutes  # "25 min per ep", "1 hr 35 min", "9 min"...


def test_every_search_result_fetched_as_a_work_is_valid():
    for item in recorded("search_anime_q_naruto.jikanpy.json")["data"]:
        fetched = jikan.parse_anime({"data": item})
        assert_valid(fetched)
        assert fetched.work["anime"] is True


# ---- episodes ----------------------------------------------------------------------------------------------------

def test_episodes_become_child_works_of_the_anime():
    page = cassette_body("jikanpy_cassette_anime_457_episodes.vcr.yaml")
    episodes = jikan.parse_episodes(page)
    assert len(episodes) == 26
    first = episodes[0]
    assert (first["kind"], first["number"], first["title"]) == ("episode", 1, "The Green Seat")
    assert (first["original_title"], first["year"]) == ("緑の座", 2005)
    assert first["titles"] == [{"title": "Midori no Za", "language": "ja", "kind": "romanized"}]
    assert [e["number"] for e in episodes] == list(range(1, 27))
    anime = jikan.parse_anime(recorded("anime_457_mushishi.jikanpy.json"))
    validate_work({**anime.work, "children": episodes})


def test_the_episode_pages_stop_at_the_last_visible_page():
    page = cassette_body("jikanpy_cassette_anime_457_episodes.vcr.yaml")
    assert page["pagination"]["has_next_page"] is True  # as recorded, although there is only one page
    assert jikan.has_more_episodes(page, 1) is False


# ---- broken answers ----------------------------------------------------------------------------------------------

def test_a_broken_anime_answer_skips_the_field_or_is_malformed():
    body = recorded("anime_457_mushishi.jikanpy.json")
    assert failures_when_broken(body, jikan.parse_anime) <= {("data",), ("data", "mal_id")}


def test_fields_only_full_answers_have_are_skipped_when_broken():
    body = recorded("anime_457_mushishi.jikanpy.json")
    for key in ("relations", "streaming", "external"):
        for value in HOSTILE:
            assert_valid(jikan.parse_anime(broken(body, ("data", key), value)))


def test_a_broken_search_answer_skips_the_result_or_is_malformed():
    body = recorded("search_anime_q_naruto.jikanpy.json")
    assert failures_when_broken(body, jikan.parse_search) <= {("data",)}


def test_a_broken_episode_page_skips_the_episode_or_is_malformed():
    page = cassette_body("jikanpy_cassette_anime_457_episodes.vcr.yaml")
    assert failures_when_broken(page, jikan.parse_episodes) <= {("data",)}
    for path in paths(page):
        for value in HOSTILE:
            try:
                episodes = jikan.parse_episodes(broken(page, path, value))
            except MalformedResponse:
                continue
            validate_work({"title": "Mushishi", "kind": "series", "children": episodes})


def test_an_answer_without_a_title_is_malformed():
    body = recorded("anime_457_mushishi.jikanpy.json")
    body["data"]["title"] = body["data"]["title_english"] = body["data"]["title_japanese"] = None
    with pytest.raises(MalformedResponse):
        jikan.parse_anime(body)


@pytest.mark.parametrize("payload", [None, "N/A", [], 7])
def test_an_answer_that_is_not_an_object_is_malformed(payload):
    with pytest.raises(MalformedResponse):
        jikan.parse_anime(payload)
    with pytest.raises(MalformedResponse):
        jikan.parse_search(payload)


# ---- the provider, through the real HTTP client against a local server -------------------------------------------

#: The path below which the provider asks by default ("/v4").
V4 = urlsplit(jikan.DEFAULT_URL).path

#: The shared HTTP client without waits between requests (a pytest fixture, under the name the tests ask for).
client = provider_helpers.client


def asked(httpserver) -> list[tuple[str, dict[str, str]]]:
    """(path, query parameters) of each request that reached the server, in order."""
    return [(request.path, request.args.to_dict()) for request, _ in httpserver.log]


def test_fetch_asks_for_the_full_anime(httpserver, client):
    # /anime/{id}/full was not recorded; the plain answer has the same shape with fewer fields
    httpserver.expect_request(f"{V4}/anime/457/full").respond_with_json(recorded("anime_457_mushishi.jikanpy.json"))
    fetched = jikan.JikanProvider(client, base_url=httpserver.url_for(V4)).fetch("457")
    assert asked(httpserver) == [(f"{V4}/anime/457/full", {})]
    assert fetched.work["title"] == "Mushi-Shi"


def test_search_puts_the_year_asked_for_first(httpserver, client):
    httpserver.expect_request("/v4/anime", query_string={"q": "naruto", "limit": "20"}) \
        .respond_with_json(recorded("search_anime_q_naruto.jikanpy.json"))
    # a base address with a trailing slash
    candidates = jikan.JikanProvider(client, base_url=httpserver.url_for("/v4/")).search("naruto", year=2015)
    [(path, params)] = asked(httpserver)
    assert path == "/v4/anime"
    assert params["q"] == "naruto"
    near = [c.year is not None and abs(c.year - 2015) <= 1 for c in candidates]
    assert near == sorted(near, reverse=True) and near[0]


def test_episodes_are_fetched_page_by_page(httpserver, client):
    httpserver.expect_request(f"{V4}/anime/457/episodes", query_string={"page": "1"}) \
        .respond_with_json(cassette_body("jikanpy_cassette_anime_457_episodes.vcr.yaml"))
    episodes = jikan.JikanProvider(client, base_url=httpserver.url_for(V4)).episodes("457")
    assert len(episodes) == 26
    assert asked(httpserver) == [(f"{V4}/anime/457/episodes", {"page": "1"})]


def test_an_id_that_is_not_a_number_is_not_sent(httpserver, client):
    with pytest.raises(ProviderError) as raised:
        jikan.JikanProvider(client, base_url=httpserver.url_for(V4)).fetch("../users")
    assert raised.value.kind == "not_found" and httpserver.log == []


def test_the_recorded_404_fails_with_jikans_own_message(httpserver, client):
    # recorded for /anime/-1, which the provider does not send: served here for an id MyAnimeList does not have
    httpserver.expect_request(f"{V4}/anime/99999999/full") \
        .respond_with_json(recorded("error_404_anime.jikanpy.json"), status=404)
    with pytest.raises(ProviderError) as raised:
        jikan.JikanProvider(client, base_url=httpserver.url_for(V4)).fetch("99999999")
    assert raised.value.kind == "not_found"
    assert str(raised.value) == "jikan: no such anime on MyAnimeList"  # Jikan's check, not the client's default
    assert len(httpserver.log) == 1
