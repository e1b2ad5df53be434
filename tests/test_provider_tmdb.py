"""TMDB provider: the parse functions on recorded TMDB answers, the error bodies, hostile JSON, and the provider
class through the real HTTP client against a local server that serves the recorded answers."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

from catalog_app.core.record import validate_work
from catalog_app.providers import tmdb
from catalog_app.providers.base import Fetched, MalformedResponse, ProviderError

import provider_helpers
from provider_helpers import SHARED_FIXTURES, assert_valid, fight_club, read_json

TMDB = SHARED_FIXTURES / "tmdb"


def load(name: str) -> Any:
    return read_json(TMDB / name)


def credits_of(fetched: Fetched, role: str) -> list[tuple[str, str | None, int | None]]:
    return [(fetched.people[c["person"]]["name"], c.get("character"), c.get("billing"))
            for c in fetched.work.get("credits", []) if c["role"] == role]


def cassette(name: str) -> list[tuple[str, Any]]:
    """(request address, decoded JSON body) of each interaction of a recorded TMDB cassette."""
    return provider_helpers.cassette(TMDB / name)


def test_the_cassette_reader_gives_the_bodies_extracted_from_the_same_cassette():
    bodies = dict(cassette("flexget_cassette_tmdb_lookup.vcr.yaml"))
    by_path = {re.sub(r"\?.*", "", uri).rsplit("/3/", 1)[1]: body for uri, body in bodies.items()}
    assert by_path["configuration"] == load("configuration_2017.flexget.json")
    assert by_path["find/tt0936501"] == load("find_tt0936501_imdb_id.flexget.json")
    assert by_path["search/movie"] == load("search_movie_the_matrix.flexget.json")
    assert by_path["movie/603"] == load("movie_603_append_alternative_titles.flexget.json")


# ---- configuration and image sizes ----------------------------------------------------------------------------------

def test_configuration_gives_the_secure_image_address_and_sizes():
    config = tmdb.parse_configuration(load("configuration.php-tmdb.json"))
    assert config["secure_base_url"] == "https://image.tmdb.org/t/p/"
    assert config["poster_sizes"] == ["w92", "w154", "w185", "w342", "w500", "original"]
    assert config["profile_sizes"] == ["w45", "w185", "h632", "original"]
    assert tmdb.parse_configuration(load("configuration_2017.flexget.json"))["poster_sizes"][-2:] == ["w780",
                                                                                                      "original"]


def test_pick_size_takes_the_smallest_width_big_enough_and_never_the_original_while_widths_exist():
    posters_2014 = tmdb.parse_configuration(load("configuration.php-tmdb.json"))["poster_sizes"]
    posters_2017 = tmdb.parse_configuration(load("configuration_2017.flexget.json"))["poster_sizes"]
    profiles = tmdb.parse_configuration(load("configuration.php-tmdb.json"))["profile_sizes"]
    assert tmdb.pick_size(posters_2014, 500) == "w500"
    assert tmdb.pick_size(posters_2014, 300) == "w342"
    assert tmdb.pick_size(posters_2014, 600) == "w500"  # wider than any width: the widest, not the original
    assert tmdb.pick_size(posters_2017, 600) == "w780"
    assert tmdb.pick_size(profiles, 200) == "w185"  # h632 is a height, not a width
    assert tmdb.pick_size(["original"], 500) == "original"
    assert tmdb.pick_size([], 500) == "original"


# ---- details: Fight Club --------------------------------------------------------------------------------------------

def test_fight_club_reads_as_a_user_would_see_it():
    fetched = tmdb.parse_details(fight_club(), "film", "https://image.tmdb.org/t/p/")
    work = fetched.work
    assert_valid(fetched)
    assert (fetched.provider, fetched.ident) == ("tmdb", "movie/550")
    assert fetched.attribution == tmdb.ATTRIBUTION
    assert (work["kind"], work["title"], work["year"], work["runtime"]) == ("film", "Fight Club", 1999, 139)
    assert work["original_language"] == "en"
    assert work["tagline"] == "Mischief. Mayhem. Soap."
    assert work["synopsis"].startswith("A ticking-time-bomb insomniac")
    assert work["genres"] == ["Drama"]
    assert "dual identity" in work["tags"] and "based on novel or book" in work["tags"]
    assert work["countries"] == ["DE", "US"]
    assert work["languages"] == ["en"]
    assert {"name": "Fox 2000 Pictures", "role": "production"} in work["companies"]
    assert work["external_ids"] == {"tmdb": "movie/550", "imdb": "tt0137523", "wikidata": "Q190050"}
    assert work["ratings"] == [{"source": "tmdb", "value": 8.44, "votes": 27917}]
    assert work["content_rating"] == "R"


def test_fight_club_credits_name_the_makers_and_the_cast_in_billing_order():
    fetched = tmdb.parse_details(fight_club(), "film")
    assert credits_of(fetched, "director") == [("David Fincher", None, None)]
    assert credits_of(fetched, "writer") == [("Jim Uhls", None, None)]
    assert credits_of(fetched, "original_story") == [("Chuck Palahniuk", None, None)]
    assert [name for name, _, _ in credits_of(fetched, "composer")] == ["John King", "Michael Simpson"]
    assert credits_of(fetched, "cinematographer") == [("Jeff Cronenweth", None, None)]
    assert credits_of(fetched, "editor") == [("James Haygood", None, None)]
    cast = credits_of(fetched, "cast")
    assert cast[:3] == [("Edward Norton", "Narrator", 0), ("Brad Pitt", "Tyler Durden", 1),
                        ("Helena Bonham Carter", "Marla Singer", 2)]
    assert len(cast) == 76
    assert credits_of(fetched, "voice") == []
    assert fetched.people["tmdb.287"] == {"id": "tmdb.287", "name": "Brad Pitt",
                                          "external_ids": {"tmdb": "person/287"}}
    # makers come before the cast, and the hundred-odd other crew jobs are not credits
    roles = [credit["role"] for credit in fetched.work["credits"]]
    assert roles.index("cast") > roles.index("director")
    assert "crew" not in roles and len(roles) == 76 + 12


def test_fight_club_release_dates_keep_country_kind_and_note():
    dates = tmdb.parse_details(fight_club(), "film").work["release_dates"]
    us = [release for release in dates if release["country"] == "US"]
    assert {"date": "1999-10-15", "country": "US", "kind": "theatrical"} in us
    assert {"date": "1999-09-21", "country": "US", "kind": "festival", "note": "CMJ Film Festival"} in us
    assert {"date": "1999-10-06", "country": "US", "kind": "premiere", "note": "Westwood, California (Premiere)"} in us
    assert any(release["kind"] == "physical" and "VHS" in release["note"] for release in us)


def test_fight_club_availability_is_the_us_offers_by_kind():
    availability = tmdb.parse_details(fight_club(), "film", region="US").work["availability"]
    assert availability[0] == {"platform": "Peacock Premium", "region": "US", "kind": "stream",
                               "url": "https://www.themoviedb.org/movie/550-fight-club/watch?locale=US"}
    kinds = {(offer["platform"], offer["kind"]) for offer in availability}
    assert {("Apple TV", "rent"), ("Apple TV", "buy"), ("AMC on Demand", "buy")} <= kinds
    assert {offer["region"] for offer in availability} == {"US"}
    german = tmdb.parse_details(fight_club(), "film", region="de").work["availability"]
    assert german and {offer["region"] for offer in german} == {"DE"}


def test_fight_club_alternative_titles_keep_their_country_and_romanizations():
    titles = tmdb.parse_details(fight_club(), "film").work["titles"]
    assert {"title": "Mo'adon Krav", "country": "IL", "kind": "romanized"} in titles
    assert {"title": "파이트 클럽", "country": "KR", "kind": "alternative"} in titles
    assert {"title": "El club de la lucha", "country": "ES", "kind": "alternative"} in titles
    assert all(title["title"] != "Fight Club" for title in titles)


def test_fight_club_images_are_the_poster_at_display_size_and_the_backdrop():
    fetched = tmdb.parse_details(fight_club(), "film", "https://image.tmdb.org/t/p/",
                                 poster_sizes=tmdb.parse_configuration(load("configuration.php-tmdb.json"))
                                 ["poster_sizes"])
    poster, backdrop = fetched.images
    assert poster.url == "https://image.tmdb.org/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg"
    assert (poster.kind, poster.primary, poster.language) == ("poster", True, "en")
    assert "/original/" not in poster.url
    assert backdrop.kind == "backdrop" and backdrop.url.endswith("/w1280/hZkgoQYus5vegHoetLkCJzb17zJ.jpg")
    assert "images" not in fetched.work  # images get a hash once downloaded; until then they are ImageRefs


def test_details_without_appended_parts_still_give_a_valid_work():
    fetched = tmdb.parse_details(load("movie_550_details.jdrouet.json"), "film")
    assert_valid(fetched)
    assert fetched.work["external_ids"] == {"tmdb": "movie/550", "imdb": "tt0137523"}
    assert "credits" not in fetched.work and fetched.people == {}
    matrix = tmdb.parse_details(load("movie_603_append_alternative_titles.flexget.json"), "film")
    assert_valid(matrix)
    assert (matrix.work["title"], matrix.work["year"], matrix.work["genres"]) == ("The Matrix", 1999,
                                                                                 ["Action", "Science Fiction"])
    assert {"title": "The Matrix 1", "country": "US", "kind": "alternative"} in matrix.work["titles"]


def test_an_animated_title_credits_its_cast_as_voices():
    # Fight Club's real credits under TMDB's Animation genre (16): the cast becomes voice credits
    payload = fight_club()
    payload["genres"] = load("tv_2_clerks_animated_details.jdrouet.json")["genres"]
    fetched = tmdb.parse_details(payload, "film")
    assert_valid(fetched)
    assert credits_of(fetched, "cast") == []
    assert credits_of(fetched, "voice")[1] == ("Brad Pitt", "Tyler Durden", 1)
    assert fetched.work.get("anime", False) is False  # animation in English is not anime


# ---- details: series and seasons ------------------------------------------------------------------------------------

def test_game_of_thrones_is_a_series_with_its_seasons_as_children():
    fetched = tmdb.parse_details(load("tv_1399_details.jdrouet.json"), "series")
    work = fetched.work
    assert_valid(fetched)
    assert (fetched.ident, work["kind"], work["title"]) == ("tv/1399", "series", "Game of Thrones")
    assert (work["year"], work["end_year"]) == (2011, 2019)
    assert work["countries"] == ["GB", "US"]
    assert {"name": "HBO", "role": "network"} in work["companies"]
    assert sorted(credits_of(fetched, "creator")) == [("D.B. Weiss", None, None), ("David Benioff", None, None)]
    seasons = work["children"]
    assert [season["number"] for season in seasons] == list(range(9))
    assert seasons[0]["title"] == "Specials"
    assert (seasons[1]["kind"], seasons[1]["title"], seasons[1]["year"]) == ("season", "Season 1", 2011)
    assert seasons[1]["synopsis"].startswith("Trouble is brewing")
    assert "runtime" not in work  # episode_run_time is empty in this answer


def test_clerks_animated_is_a_miniseries_with_a_runtime_and_no_anime_flag():
    fetched = tmdb.parse_details(load("tv_2_clerks_animated_details.jdrouet.json"), "series")
    work = fetched.work
    assert_valid(fetched)
    assert (work["kind"], work["year"], work["end_year"], work["runtime"]) == ("miniseries", 2002, 2002, 132)
    assert work["genres"] == ["Animation", "Comedy"]
    assert "anime" not in work
    assert "tagline" not in work  # "" is no tagline
    assert [name for name, _, _ in credits_of(fetched, "creator")] == ["Kevin Smith", "Scott Mosier", "David Mandel"]
    assert work["children"][0] == {"kind": "season", "number": 0, "title": "Specials"}  # air_date null: no year


def test_season_one_gives_its_ten_episodes_in_order():
    episodes = tmdb.parse_season(load("tv_1399_season_1.jdrouet.json"))
    assert [episode["number"] for episode in episodes] == list(range(1, 11))
    first = episodes[0]
    assert (first["kind"], first["title"], first["year"], first["runtime"]) == ("episode", "Winter Is Coming",
                                                                               2011, 62)
    assert first["synopsis"].startswith("Jon Arryn, the Hand of the King, is dead.")
    assert first["release_dates"] == [{"date": "2011-04-17", "kind": "tv"}]
    assert episodes[-1]["title"] == "Fire and Blood"
    series = tmdb.parse_details(load("tv_1399_details.jdrouet.json"), "series").work
    series["children"][1]["children"] = episodes
    validate_work(series)  # series → season → episodes nest as the format allows
    assert tmdb.parse_episode(load("tv_1399_s01e01.jdrouet.json")) == first


# ---- search and find ------------------------------------------------------------------------------------------------

def test_search_movie_gives_candidates_with_small_posters():
    [candidate] = tmdb.parse_search(load("search_movie_RRRrrrr.jdrouet.json"), "film")
    assert (candidate.provider, candidate.ident, candidate.title, candidate.year) == ("tmdb", "movie/21778",
                                                                                      "RRRrrrr!!!", 2004)
    assert (candidate.kind, candidate.original_title, candidate.anime) == ("film", "RRRrrrr!!!", False)
    assert candidate.poster_url == "https://image.tmdb.org/t/p/w185/qsGU6myn85MfqpNAxzJtxJ3VgrM.jpg"
    assert candidate.external_ids == {"tmdb": "movie/21778"}
    matrix = tmdb.parse_search(load("search_movie_the_matrix.flexget.json"), "film")
    assert len(matrix) == 20
    assert (matrix[0].ident, matrix[0].title, matrix[0].year) == ("movie/603", "The Matrix", 1999)


def test_search_tv_reads_names_first_air_dates_and_missing_posters():
    candidates = tmdb.parse_search(load("search_tv_game_of_thrones.jdrouet.json"), "series")
    assert [c.ident for c in candidates] == ["tv/1399", "tv/206584", "tv/94997", "tv/224372"]
    assert (candidates[0].title, candidates[0].year, candidates[0].kind) == ("Game of Thrones", 2011, "series")
    hedge_knight = candidates[3]
    assert (hedge_knight.year, hedge_knight.poster_url) == (None, None)  # first_air_date "" and poster_path null


def test_find_by_imdb_id_gives_the_film():
    [taken] = tmdb.parse_find(load("find_tt0936501_imdb_id.flexget.json"))
    assert (taken.ident, taken.title, taken.year, taken.kind) == ("movie/8681", "Taken", 2008, "film")


def test_the_unicode_cassette_answers_parse():
    (search_uri, search), (details_uri, details), _ = cassette("flexget_cassette_tmdb_unicode.vcr.yaml")
    assert "search/movie" in search_uri and "%D0%97" in search_uri  # a Cyrillic query
    [mirrors] = tmdb.parse_search(search, "film")
    assert (mirrors.ident, mirrors.title, mirrors.year) == ("movie/13515", "Mirrors", 2008)
    fetched = tmdb.parse_details(details, "film")
    assert_valid(fetched)
    assert fetched.work["countries"] == ["RO", "US"]
    assert {"title": "Tükrök", "country": "HU", "kind": "alternative"} in fetched.work["titles"]


def test_the_lookup_cassette_details_of_taken_parse():
    bodies = {re.sub(r"\?.*", "", uri).rsplit("/3/", 1)[1]: body
              for uri, body in cassette("flexget_cassette_tmdb_lookup.vcr.yaml")}
    fetched = tmdb.parse_details(bodies["movie/8681"], "film")
    assert_valid(fetched)
    assert (fetched.work["title"], fetched.work["year"], fetched.work["external_ids"]["imdb"]) == ("Taken", 2008,
                                                                                                   "tt0936501")


# ---- errors ---------------------------------------------------------------------------------------------------------

def test_the_invalid_key_body_is_a_bad_key_error():
    with pytest.raises(ProviderError) as caught:
        tmdb.check_error(401, load("error_401_invalid_api_key.jdrouet.json"))
    assert caught.value.kind == "bad_key"
    assert str(caught.value).startswith("tmdb: the API key was refused")
    assert "\n" not in str(caught.value)


def test_the_not_found_body_is_a_not_found_error():
    with pytest.raises(ProviderError) as caught:
        tmdb.check_error(404, load("error_404_not_found.jdrouet.json"))
    assert caught.value.kind == "not_found"


def test_statuses_without_a_tmdb_body_still_say_what_happened():
    for status, kind in ((401, "bad_key"), (404, "not_found"), (429, "rate_limited"), (503, "down"), (400, "refused")):
        with pytest.raises(ProviderError) as caught:
            tmdb.check_error(status, None)
        assert caught.value.kind == kind
    assert tmdb.check_error(200, load("movie_550_details.jdrouet.json")) is None


# ---- hostile answers ------------------------------------------------------------------------------------------------

WRONG_VALUES = ["text", 7, 2.5, True, None, [], {}, [None, "x", 3], {"x": None}]


def test_answers_that_are_not_objects_are_refused_clearly():
    for payload in ("<html>", None, [], 42):
        for parse in (lambda p: tmdb.parse_details(p, "film"), lambda p: tmdb.parse_search(p, "film"),
                      tmdb.parse_find, tmdb.parse_season, tmdb.parse_configuration):
            with pytest.raises(MalformedResponse):
                parse(payload)


def test_a_null_title_or_id_is_refused_with_one_line():
    for field, value in (("title", None), ("title", "   "), ("title", 550), ("id", None), ("id", "550")):
        payload = fight_club()
        payload[field] = value
        with pytest.raises(MalformedResponse) as caught:
            tmdb.parse_details(payload, "film")
        assert caught.value.kind == "malformed" and "\n" not in str(caught.value)


def test_a_search_without_a_result_list_is_refused_and_bad_results_are_skipped():
    with pytest.raises(MalformedResponse):
        tmdb.parse_search({"page": 1, "results": "none"}, "film")
    payload = load("search_movie_RRRrrrr.jdrouet.json")
    payload["results"] = [None, "x", {"id": "21778", "title": "RRRrrrr!!!"}, {"id": 1, "title": None}] \
        + payload["results"]
    payload["results"][-1]["genre_ids"] = [{"id": 16}, None, "16"]
    payload["results"][-1]["release_date"] = "0000-00-00"
    assert [(c.ident, c.year) for c in tmdb.parse_search(payload, "film")] == [("movie/21778", None)]
    with pytest.raises(MalformedResponse):
        tmdb.parse_season({"episodes": None})


@pytest.mark.parametrize("kind, payload", [("film", fight_club()), ("series", load("tv_1399_details.jdrouet.json"))])
def test_every_field_of_the_wrong_type_is_skipped_or_refused_never_a_crash(kind, payload):
    for field in list(payload):
        for wrong in WRONG_VALUES:
            hostile = copy.deepcopy(payload)
            hostile[field] = wrong
            try:
                fetched = tmdb.parse_details(hostile, kind)
            except MalformedResponse:
                assert field in ("id", "title", "name")
                continue
            assert_valid(fetched)


def test_wrong_types_inside_nested_lists_are_skipped():
    payload = fight_club()
    payload["credits"]["cast"][1] = {"id": "287", "name": ["Brad Pitt"], "order": "1", "character": 5}
    payload["credits"]["crew"].append({"id": 1, "name": "Somebody", "job": None})
    payload["release_dates"]["results"][0]["release_dates"] = "soon"
    payload["release_dates"]["results"].append({"iso_3166_1": "ZZZZ", "release_dates": [{"release_date": "99"}]})
    payload["watch/providers"]["results"]["US"]["flatrate"] = [{"provider_name": None}, "Netflix"]
    payload["vote_average"] = "8.4"
    payload["genres"] = [{"id": 16, "name": ""}, "Drama", None]
    fetched = tmdb.parse_details(payload, "film")
    assert_valid(fetched)
    assert "Brad Pitt" not in {person["name"] for person in fetched.people.values()}
    assert "ratings" not in fetched.work and "genres" not in fetched.work
    assert all(offer["kind"] != "stream" for offer in fetched.work["availability"])


# ---- the provider class, through the real HTTP client against a local server ---------------------------------------

#: The shared HTTP client without waits between requests (a pytest fixture, under the name the tests ask for).
client = provider_helpers.client


def recorded_answers() -> dict[str, Any]:
    """The recorded answer of each path under /3/."""
    return {
        "configuration": load("configuration_2017.flexget.json"),
        "search/movie": load("search_movie_the_matrix.flexget.json"),
        "search/tv": load("search_tv_game_of_thrones.jdrouet.json"),
        "movie/550": fight_club(),
        "tv/1399": load("tv_1399_details.jdrouet.json"),
        "tv/1399/season/1": load("tv_1399_season_1.jdrouet.json"),
        "find/tt0936501": load("find_tt0936501_imdb_id.flexget.json"),
    }


def serve(httpserver, answers: dict[str, Any] | None = None) -> str:
    """Serves recorded answers under /3/ and gives the address to hand the provider as its base_url."""
    for path, body in (recorded_answers() if answers is None else answers).items():
        httpserver.expect_request(f"/3/{path}").respond_with_json(body)
    return httpserver.url_for("/3")


def asked(httpserver) -> list[str]:
    """The paths (below /3/) of the requests that reached the server, in order."""
    return [request.path.split("/3/", 1)[1] for request, _ in httpserver.log]


def test_without_a_key_nothing_is_asked(httpserver, client):
    provider = tmdb.TmdbProvider(client, base_url=serve(httpserver))
    for call in (lambda: provider.search("The Matrix"), lambda: provider.fetch("movie/550"),
                 lambda: provider.find("imdb", "tt0936501")):
        with pytest.raises(ProviderError) as caught:
            call()
        assert caught.value.kind == "no_key"
        assert "STARLIGHT_TMDB_KEY" in str(caught.value)
    assert httpserver.log == []


def test_search_asks_for_films_and_series_with_the_key_and_reads_the_configuration_once(httpserver, client):
    provider = tmdb.TmdbProvider(client, base_url=serve(httpserver), api_key="k3y")
    found = provider.search("The Matrix", year=1999)
    provider.search("Game of Thrones")
    assert asked(httpserver) == ["configuration", "search/movie", "search/tv", "search/movie", "search/tv"]
    requests = [request for request, _ in httpserver.log]
    assert all(request.args["api_key"] == "k3y" for request in requests)
    assert all(request.headers["Accept"] == "application/json" for request in requests)
    movie_params, tv_params = requests[1].args, requests[2].args
    assert (movie_params["query"], movie_params["year"], tv_params["first_air_date_year"]) == ("The Matrix", "1999",
                                                                                               "1999")
    assert "year" not in requests[3].args and "first_air_date_year" not in requests[4].args
    assert [c.ident for c in found[:3]] == ["movie/603", "tv/1399", "movie/604"]  # films and series alternate
    assert found[0].poster_url.startswith("https://image.tmdb.org/t/p/w185/")


def test_fetch_asks_for_the_details_with_their_sub_requests_in_one_call(httpserver, client):
    provider = tmdb.TmdbProvider(client, base_url=serve(httpserver), api_key="k3y", region="US")
    fetched = provider.fetch("movie/550")
    assert_valid(fetched)
    assert fetched.work["title"] == "Fight Club"
    params = httpserver.log[-1][0].args
    assert {"credits", "release_dates", "watch/providers", "external_ids", "alternative_titles", "images",
            "keywords"} <= set(params["append_to_response"].split(","))
    assert params["include_image_language"] == "en,null"
    assert fetched.images[0].url.endswith("/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg")
    series = provider.fetch("tv/1399")
    assert series.work["kind"] == "series" and "content_ratings" in httpserver.log[-1][0].args["append_to_response"]
    assert [e["title"] for e in provider.fetch_season("tv/1399", 1)][:2] == ["Winter Is Coming", "The Kingsroad"]
    assert asked(httpserver) == ["configuration", "movie/550", "tv/1399", "tv/1399/season/1"]
    with pytest.raises(ProviderError):
        provider.fetch("550")
    assert len(httpserver.log) == 4  # an id that is not one is not sent


def test_a_hand_set_image_address_wins_over_the_configuration(httpserver, client):
    provider = tmdb.TmdbProvider(client, base_url=serve(httpserver), api_key="k3y",
                                 image_url="http://127.0.0.1:8000/img/")
    fetched = provider.fetch("movie/550")
    assert fetched.images[0].url == "http://127.0.0.1:8000/img/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg"


def test_find_asks_by_external_source(httpserver, client):
    [taken] = tmdb.TmdbProvider(client, base_url=serve(httpserver), api_key="k3y").find("imdb", "tt0936501")
    assert taken.ident == "movie/8681"
    assert asked(httpserver)[-1] == "find/tt0936501"
    assert httpserver.log[-1][0].args["external_source"] == "imdb_id"


def test_a_refused_key_fails_with_tmdbs_own_message(httpserver, client):
    # TMDB answers every request made with a wrong key with this body and HTTP 401
    httpserver.expect_request(re.compile(r"^/3/")).respond_with_json(load("error_401_invalid_api_key.jdrouet.json"),
                                                                      status=401)
    with pytest.raises(ProviderError) as caught:
        tmdb.TmdbProvider(client, base_url=httpserver.url_for("/3"), api_key="wrong").fetch("movie/550")
    assert caught.value.kind == "bad_key"
    assert str(caught.value).startswith("tmdb: the API key was refused")  # TMDB's check, not the client's default
    assert "wrong" not in str(caught.value) and "\n" not in str(caught.value)
    assert asked(httpserver) == ["configuration"]  # the first request fails, nothing more is asked


def test_a_missing_title_fails_with_tmdbs_own_message(httpserver, client):
    answers = recorded_answers()
    base = serve(httpserver, {"configuration": answers["configuration"]})
    httpserver.expect_request("/3/movie/1").respond_with_json(load("error_404_not_found.jdrouet.json"), status=404)
    with pytest.raises(ProviderError) as caught:
        tmdb.TmdbProvider(client, base_url=base, api_key="k3y").fetch("movie/1")
    assert caught.value.kind == "not_found"
    assert str(caught.value) == "tmdb: no such title (it may have been removed from TMDB)"
    assert asked(httpserver) == ["configuration", "movie/1"]


# ---- a person's works -------------------------------------------------------------------------------------------

def test_a_persons_works_come_by_role_newest_first_with_series_and_characters():
    credited = tmdb.parse_person_credits(load("person_33_append_all.php-tmdb.json"))  # Gary Sinise, all appended
    directed = [(c.work.title, c.work.year, c.work.kind) for c in credited if c.role == "director"]
    assert ("Of Mice and Men", 1992, "film") in directed and ("Miles from Home", 1988, "film") in directed
    assert ("Thirtysomething", None, "series") in directed  # this recording has no first air date for it
    green_mile = next(c for c in credited if c.work.title == "The Green Mile")
    assert (green_mile.role, green_mile.character, green_mile.work.ident) == ("cast", "Lawyer Burt Hammersmith",
                                                                              "movie/497")
    years = [c.work.year for c in credited if c.work.year is not None]
    assert years == sorted(years, reverse=True)
    assert len({(c.work.ident, c.role) for c in credited}) == len(credited)  # each work once per role
    assert any(c.role == "producer" and c.work.title == "Of Mice and Men" for c in credited)  # both of his jobs


def test_a_standalone_combined_credits_answer_gives_films_and_series():
    answer = read_json(Path(__file__).parent / "fixtures" / "tmdb" /
                       "person_31_combined_credits_trimmed.c-eg-themoviedbapi.json")
    credited = tmdb.parse_person_credits(answer)
    assert {c.work.kind for c in credited} <= {"film", "series"} and credited
    assert any(c.work.title == "Forrest Gump" and c.role == "cast" for c in credited)
    assert all(c.work.poster_url is None or c.work.poster_url.startswith(tmdb.DEFAULT_IMAGE_URL) for c in credited)


def test_person_credits_without_cast_or_crew_are_refused():
    with pytest.raises(MalformedResponse):
        tmdb.parse_person_credits({"id": 31})
