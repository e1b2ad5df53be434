"""OMDb: the recorded Inception answer gives its ratings and credits, a search its candidates, and "Response":
"False" a ProviderError; broken answers never crash the parser; the provider asks with the key as a parameter,
through the real HTTP client (a local server serves the recorded answers)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest

from catalog_app.providers import omdb
from catalog_app.providers.base import ImageRef, MalformedResponse, ProviderError
from catalog_app.providers.http import HttpClient

import provider_helpers
from provider_helpers import HOSTILE, SHARED_FIXTURES, assert_valid, failures_when_broken, read_json

FIXTURES = SHARED_FIXTURES / "omdb"
INCEPTION = "omdb_t_inception.movie-app-node.json"
INTERSTELLAR = "omdb_s_interstellar.movie-app-node.json"


def recorded(name: str) -> Any:
    return read_json(FIXTURES / name)


def documented_error() -> dict[str, Any]:
    """The failure body APIS.md quotes for OMDb (no OMDb error answer was recorded as a file)."""
    text = (SHARED_FIXTURES / "APIS.md").read_text(encoding="utf-8")
    return json.loads(re.search(r'`(\{"Response":"False","Error":"[^"]*"\})`', text).group(1))


# ---- a title -----------------------------------------------------------------------------------------------------

def test_inception_ratings_have_the_right_sources_and_values():
    fetched = omdb.parse_title(recorded(INCEPTION))
    assert_valid(fetched)
    # A 2016 answer: no Ratings list yet, so imdbRating/imdbVotes and Metascore carry them.
    assert fetched.work["ratings"] == [
        {"source": "imdb", "value": 8.8, "votes": 1366602, "url": "https://www.imdb.com/title/tt1375666/"},
        {"source": "metacritic", "value": 74}]
    assert omdb.parse_ratings(recorded(INCEPTION)) == fetched.work["ratings"]


def test_inception_reads_as_a_user_sees_it():
    fetched = omdb.parse_title(recorded(INCEPTION))
    work = fetched.work
    assert (fetched.provider, fetched.ident, fetched.attribution) == ("omdb", "tt1375666", omdb.ATTRIBUTION)
    assert (work["title"], work["kind"], work["year"], work["runtime"]) == ("Inception", "film", 2010, 148)
    assert "end_year" not in work
    assert work["release_dates"] == [{"date": "2010-07-16", "kind": "theatrical"}]
    assert work["genres"] == ["Action", "Mystery", "Sci-Fi"]
    assert work["content_rating"] == "PG-13"
    assert work["synopsis"].startswith("A thief who steals corporate secrets")
    assert work["external_ids"] == {"imdb": "tt1375666"}
    assert not {"countries", "languages"} & set(work)  # names, not codes: left out
    assert fetched.images == [ImageRef(recorded(INCEPTION)["Poster"], "poster", True)]


def test_inception_credits_name_each_person_once():
    fetched = omdb.parse_title(recorded(INCEPTION))
    names = {key: person["name"] for key, person in fetched.people.items()}
    credits = [(names[c["person"]], c["role"], c["billing"]) for c in fetched.work["credits"]]
    assert credits == [("Christopher Nolan", "director", 0), ("Christopher Nolan", "writer", 1),
                       ("Leonardo DiCaprio", "cast", 2), ("Joseph Gordon-Levitt", "cast", 3),
                       ("Ellen Page", "cast", 4), ("Tom Hardy", "cast", 5)]
    assert len(fetched.people) == 5  # the director who also wrote it is one person


# ---- search ------------------------------------------------------------------------------------------------------

def test_interstellar_search_gives_candidates_without_the_games():
    candidates = omdb.parse_search(recorded(INTERSTELLAR))
    assert len(candidates) == 8  # the two "game" results are not films or series
    first = candidates[0]
    assert (first.ident, first.title, first.year, first.kind) == ("tt0816692", "Interstellar", 2014, "film")
    assert first.poster_url == recorded(INTERSTELLAR)["Search"][0]["Poster"]
    assert first.external_ids == {"imdb": "tt0816692"}
    assert candidates[2].poster_url is None  # "N/A"
    assert ("tt0758429", 2005) in [(c.ident, c.year) for c in candidates]


# ---- errors ------------------------------------------------------------------------------------------------------

def test_response_false_is_a_provider_error():
    body = documented_error()
    assert body == {"Response": "False", "Error": "Movie not found!"}
    with pytest.raises(ProviderError) as raised:
        omdb.check_error(body)
    assert raised.value.kind == "not_found" and "Movie not found!" in str(raised.value)
    for parse in (omdb.parse_title, omdb.parse_search, omdb.parse_ratings):
        with pytest.raises(ProviderError) as raised:
            parse(body)
        assert raised.value.kind == "not_found"


def test_a_normal_answer_is_no_error():
    assert omdb.check_error(recorded(INCEPTION)) is None
    assert omdb.check_error(recorded(INTERSTELLAR)) is None


# ---- broken answers ----------------------------------------------------------------------------------------------

def test_a_broken_title_skips_the_field_or_is_malformed():
    body = recorded(INCEPTION)
    assert failures_when_broken(body, omdb.parse_title) <= {("Title",), ("imdbID",)}


def test_na_everywhere_is_malformed_not_a_crash():
    body = {key: "N/A" for key in recorded(INCEPTION)}
    with pytest.raises(MalformedResponse):
        omdb.parse_title(body)
    body = recorded(INCEPTION)
    kept = {"Title", "imdbID", "Response"}
    work = omdb.parse_title({key: value if key in kept else "N/A" for key, value in body.items()}).work
    assert work == {"title": "Inception", "external_ids": {"imdb": "tt1375666"}}


def test_a_ratings_list_that_is_not_a_list_is_skipped():
    body = recorded(INCEPTION)
    for value in HOSTILE:
        assert_valid(omdb.parse_title({**body, "Ratings": value}))


def test_a_broken_search_skips_the_result_or_is_malformed():
    body = recorded(INTERSTELLAR)
    assert failures_when_broken(body, omdb.parse_search) <= {("Search",)}


@pytest.mark.parametrize("payload", [None, "N/A", [], 7])
def test_an_answer_that_is_not_an_object_is_malformed(payload):
    for parse in (omdb.parse_title, omdb.parse_search, omdb.parse_ratings):
        with pytest.raises(MalformedResponse):
            parse(payload)


# ---- the provider, through the real HTTP client against a local server -------------------------------------------

#: The path the provider asks by default ("/": every request is a query on the root).
ROOT = urlsplit(omdb.DEFAULT_URL).path

#: The shared HTTP client without waits between requests (a pytest fixture, under the name the tests ask for).
client = provider_helpers.client


def with_key(httpserver, client: HttpClient, key: str | None = "k") -> omdb.OmdbProvider:
    return omdb.OmdbProvider(client, base_url=httpserver.url_for(ROOT), api_key=key)


def serve(httpserver, query: dict[str, str], body: Any) -> None:
    """Answers exactly this query (OMDb answers failures with HTTP 200 too)."""
    httpserver.expect_request(ROOT, query_string=query).respond_with_json(body)


def asked(httpserver) -> list[dict[str, str]]:
    """The query parameters of each request that reached the server, in order."""
    assert all(request.path == ROOT for request, _ in httpserver.log)
    return [request.args.to_dict() for request, _ in httpserver.log]


def test_without_a_key_nothing_is_sent(httpserver, client):
    httpserver.expect_request(ROOT).respond_with_json(recorded(INCEPTION))
    provider = with_key(httpserver, client, key=None)
    for call in (lambda: provider.fetch("tt1375666"), lambda: provider.search("inception"),
                 lambda: provider.ratings_for("tt1375666")):
        with pytest.raises(ProviderError) as raised:
            call()
        assert raised.value.kind == "no_key" and "STARLIGHT_OMDB_KEY" in str(raised.value)
    assert httpserver.log == []


def test_fetch_asks_for_the_full_plot_by_imdb_id(httpserver, client):
    serve(httpserver, {"apikey": "k", "i": "tt1375666", "plot": "full"}, recorded(INCEPTION))
    fetched = with_key(httpserver, client).fetch("tt1375666")
    assert asked(httpserver) == [{"apikey": "k", "i": "tt1375666", "plot": "full"}]
    assert fetched.work["title"] == "Inception"


def test_ratings_for_gives_only_the_ratings(httpserver, client):
    serve(httpserver, {"apikey": "k", "i": "tt1375666"}, recorded(INCEPTION))
    ratings = with_key(httpserver, client).ratings_for("tt1375666")
    assert [r["source"] for r in ratings] == ["imdb", "metacritic"]
    assert asked(httpserver) == [{"apikey": "k", "i": "tt1375666"}]


def test_a_search_without_matches_is_an_empty_list(httpserver, client):
    serve(httpserver, {"apikey": "k", "s": "no such film", "y": "1999"}, documented_error())
    assert with_key(httpserver, client).search("no such film", year=1999) == []
    assert asked(httpserver) == [{"apikey": "k", "s": "no such film", "y": "1999"}]


def test_search_gives_the_recorded_candidates(httpserver, client):
    serve(httpserver, {"apikey": "k", "s": "interstellar"}, recorded(INTERSTELLAR))
    assert len(with_key(httpserver, client).search("interstellar")) == 8
    assert asked(httpserver) == [{"apikey": "k", "s": "interstellar"}]


def test_response_false_in_a_200_fails_with_omdbs_own_message(httpserver, client):
    serve(httpserver, {"apikey": "k", "i": "tt0000001", "plot": "full"}, documented_error())
    with pytest.raises(ProviderError) as raised:
        with_key(httpserver, client).fetch("tt0000001")
    assert raised.value.kind == "not_found"
    assert str(raised.value) == "omdb: Movie not found!"  # OMDb's own words; HTTP said 200
    assert len(httpserver.log) == 1


def test_an_id_that_is_not_an_imdb_title_is_not_sent(httpserver, client):
    with pytest.raises(ProviderError) as raised:
        with_key(httpserver, client).fetch("nm0634240")
    assert raised.value.kind == "not_found" and httpserver.log == []
