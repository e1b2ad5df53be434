"""AniList: the recorded Media answer parses into what a user would see, errors say why, and the provider is off
until the user turns it on; once on, it posts its queries through the real HTTP client (a local server serves the
recorded answers)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from catalog_app.providers import anilist
from catalog_app.providers.base import ImageRef, MalformedResponse, ProviderError
from catalog_app.providers.http import HttpClient

from provider_helpers import (HOSTILE, SHARED_FIXTURES, assert_valid, broken, failures_when_broken, no_wait_client,
                              read_json)

FIXTURES = SHARED_FIXTURES / "anilist"
MEDIA = "media_99426_sora_yori_mo_tooi_basho.pyanilist.json"


def recorded(name: str) -> Any:
    return read_json(FIXTURES / name)


# ---- one anime ---------------------------------------------------------------------------------------------------

def test_sora_yori_mo_tooi_basho_reads_as_a_user_sees_it():
    fetched = anilist.parse_media(recorded(MEDIA))
    assert_valid(fetched)
    work = fetched.work
    assert (fetched.provider, fetched.ident) == ("anilist", "99426")
    assert work["title"] == "A Place Further Than the Universe"
    assert (work["original_title"], work["original_language"]) == ("宇宙よりも遠い場所", "ja")
    assert work["titles"][0] == {"title": "Sora yori mo Tooi Basho", "language": "ja", "kind": "romanized"}
    assert {"title": "Yorimoi", "language": None, "kind": "alternative"} in work["titles"]
    assert (work["kind"], work["anime"], work["countries"]) == ("series", True, ["JP"])
    assert (work["year"], work["end_year"], work["runtime"]) == (2018, 2018, 24)
    assert work["genres"] == ["Adventure", "Comedy", "Drama"]
    assert work["ratings"] == [{"source": "anilist", "value": 84, "url": "https://anilist.co/anime/99426"}]
    assert work["external_ids"] == {"anilist": "99426", "mal": "35839"}
    assert fetched.images == [ImageRef(
        "https://s4.anilist.co/file/anilistcdn/media/anime/cover/medium/bx99426-ti5BL69Ip3kZ.png", "poster", True)]
    assert fetched.attribution == anilist.ATTRIBUTION


def test_the_description_is_plain_text():
    synopsis = anilist.parse_media(recorded(MEDIA)).work["synopsis"]
    assert "<" not in synopsis and "&" not in synopsis
    assert synopsis.startswith("Mari Tamaki is in her second year of high school")
    # "<br><br>\n\n(Source" in the answer: the tags break the line, the newlines in the HTML source do not.
    assert synopsis.endswith("with Shirase.\n\n(Source: Anime News Network)")


def test_spoiler_tags_are_left_out():
    tags = anilist.parse_media(recorded(MEDIA)).work["tags"]
    assert tags[:3] == ["Travel", "Coming of Age", "Primarily Female Cast"]
    assert "Iyashikei" in tags
    assert "Tragedy" not in tags  # isMediaSpoiler in the answer


def test_streaming_links_become_availability():
    availability = anilist.parse_media(recorded(MEDIA)).work["availability"]
    assert [a["platform"] for a in availability] == ["Crunchyroll", "Netflix", "YouTube", "Bilibili TV"]
    assert availability[1] == {"platform": "Netflix", "kind": "stream", "url": "https://www.netflix.com/title/80995912"}


def test_the_recorded_answer_has_no_studios_people_or_relations():
    # The recorded request did not ask for them; MEDIA_QUERY does, but no such answer was recorded.
    fetched = anilist.parse_media(recorded(MEDIA))
    assert fetched.people == {}
    assert not {"companies", "credits", "relations"} & set(fetched.work)


def test_media_query_asks_for_what_the_recorded_request_asked_and_the_parser_reads():
    request = recorded("media_99426_request_body.pyanilist.json")
    assert request["variables"] == {"id": 99426}
    read = ("idMal", "format", "description", "duration", "countryOfOrigin", "genres", "synonyms", "averageScore",
            "siteUrl", "romaji", "english", "native", "isMediaSpoiler", "externalLinks", "isDisabled", "coverImage",
            "large", "startDate", "endDate")
    for field in read:
        assert re.search(rf"\b{field}\b", request["query"]), field
        assert re.search(rf"\b{field}\b", anilist.MEDIA_QUERY), field
    for query in (anilist.MEDIA_QUERY, anilist.SEARCH_QUERY):
        assert query.count("{") == query.count("}") and query.count("(") == query.count(")")


# ---- errors ------------------------------------------------------------------------------------------------------

def test_the_recorded_404_is_not_found():
    body = recorded("error_404_media_not_found.pyanilist.json")
    with pytest.raises(ProviderError) as raised:
        anilist.check_error(404, body)
    assert raised.value.kind == "not_found"
    with pytest.raises(ProviderError) as raised:  # the body's own status says so too
        anilist.parse_media(body)
    assert raised.value.kind == "not_found"


def test_the_recorded_429_is_rate_limited():
    body = recorded("error_429_too_many_requests.pyanilist.json")
    with pytest.raises(ProviderError) as raised:
        anilist.check_error(429, body)
    assert raised.value.kind == "rate_limited"
    with pytest.raises(ProviderError) as raised:
        anilist.parse_search(body)
    assert raised.value.kind == "rate_limited"


def test_the_cassettes_agree_with_the_extracted_error_bodies():
    for cassette, status in (("pyanilist_cassette_media_not_found.vcr.yaml", 404),
                             ("pyanilist_cassette_rate_limit_429.vcr.yaml", 429)):
        assert f"code: {status}" in (FIXTURES / cassette).read_text(encoding="utf-8")


def test_a_normal_answer_is_no_error():
    assert anilist.check_error(200, recorded(MEDIA)) is None


# ---- broken answers ----------------------------------------------------------------------------------------------

def test_a_broken_media_answer_skips_the_field_or_is_malformed():
    body = recorded(MEDIA)
    refused = failures_when_broken(body, anilist.parse_media)
    assert refused <= {("data",), ("data", "Media"), ("data", "Media", "id"), ("data", "Media", "title")}


def test_fields_the_recorded_answer_lacks_are_skipped_when_broken():
    body = recorded(MEDIA)
    for key in ("studios", "staff", "characters", "relations"):
        for value in HOSTILE:
            assert_valid(anilist.parse_media(broken(body, ("data", "Media", key), value)))


def test_the_native_title_is_shown_when_it_is_the_only_one():
    body = recorded(MEDIA)
    title = body["data"]["Media"]["title"]
    title["romaji"] = title["english"] = None
    work = anilist.parse_media(body).work
    assert work["title"] == work["original_title"] == "宇宙よりも遠い場所"


def test_an_answer_without_any_title_is_malformed():
    body = recorded(MEDIA)
    title = body["data"]["Media"]["title"]
    title["romaji"] = title["english"] = title["native"] = None
    with pytest.raises(MalformedResponse):
        anilist.parse_media(body)


@pytest.mark.parametrize("payload", [None, "N/A", [], 7])
def test_an_answer_that_is_not_an_object_is_malformed(payload):
    with pytest.raises(MalformedResponse):
        anilist.parse_media(payload)
    with pytest.raises(MalformedResponse):
        anilist.parse_search(payload)


# ---- search ------------------------------------------------------------------------------------------------------

def test_a_media_page_gives_candidates():
    # No search answer was recorded: the recorded Media, as one item of a Page, stands for one.
    media = recorded(MEDIA)["data"]["Media"]
    [candidate] = anilist.parse_search({"data": {"Page": {"media": [media]}}})
    assert (candidate.ident, candidate.title, candidate.year, candidate.kind) == \
        ("99426", "A Place Further Than the Universe", 2018, "series")
    assert candidate.original_title == "宇宙よりも遠い場所"
    assert candidate.poster_url == media["coverImage"]["medium"]  # the small cover, for a list of matches
    assert candidate.external_ids == {"anilist": "99426", "mal": "35839"} and candidate.anime


# ---- the provider, through the real HTTP client against a local server -------------------------------------------

#: The path the provider posts to by default (the GraphQL endpoint is the host's root).
ENDPOINT = urlsplit(anilist.DEFAULT_URL).path or "/"


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(tmp_path: Path, httpserver, sleeps: list[float]) -> Any:
    """The shared HTTP client as the app builds it (cache in tmp_path), noting its waits instead of waiting."""
    yield from no_wait_client(tmp_path, httpserver, sleep=sleeps.append)


def enabled(httpserver, client: HttpClient) -> anilist.AniListProvider:
    return anilist.AniListProvider(client, base_url=httpserver.url_for(ENDPOINT), enabled=True)


def posted(httpserver) -> list[Any]:
    """The JSON body of each request that reached the server (each a POST to the endpoint), in order."""
    assert [(request.method, request.path) for request, _ in httpserver.log] == [("POST", ENDPOINT)] * \
        len(httpserver.log)
    return [request.get_json() for request, _ in httpserver.log]


def test_the_provider_is_off_unless_enabled(httpserver, client):
    httpserver.expect_request(ENDPOINT, method="POST").respond_with_json(recorded(MEDIA))
    provider = anilist.AniListProvider(client, base_url=httpserver.url_for(ENDPOINT))
    for call in (lambda: provider.fetch("99426"), lambda: provider.search("yorimoi")):
        with pytest.raises(ProviderError) as raised:
            call()
        assert raised.value.kind == "refused" and "Settings → Online sources" in str(raised.value)
    assert httpserver.log == []


def test_fetch_posts_the_media_query(httpserver, client):
    httpserver.expect_request(ENDPOINT, method="POST",
                              json={"query": anilist.MEDIA_QUERY, "variables": {"id": 99426}}) \
        .respond_with_json(recorded(MEDIA))
    fetched = enabled(httpserver, client).fetch("99426")
    assert posted(httpserver) == [{"query": anilist.MEDIA_QUERY, "variables": {"id": 99426}}]
    assert httpserver.log[0][0].headers["Accept"] == "application/json"
    assert fetched.work["title"] == "A Place Further Than the Universe"


def test_search_posts_the_search_query(httpserver, client):
    media = recorded(MEDIA)["data"]["Media"]
    httpserver.expect_request(ENDPOINT, method="POST").respond_with_json({"data": {"Page": {"media": [media]}}})
    candidates = enabled(httpserver, client).search("yorimoi", year=2018)
    [body] = posted(httpserver)
    assert body["query"] == anilist.SEARCH_QUERY
    assert body["variables"]["search"] == "yorimoi"
    assert [c.ident for c in candidates] == ["99426"]


def test_the_recorded_404_fails_with_anilists_own_message(httpserver, client):
    # the recorded request asked for id 0; AniList answered HTTP 404 with this body
    httpserver.expect_request(ENDPOINT, method="POST") \
        .respond_with_json(recorded("error_404_media_not_found.pyanilist.json"), status=404)
    with pytest.raises(ProviderError) as raised:
        enabled(httpserver, client).fetch("0")
    assert raised.value.kind == "not_found"
    assert str(raised.value) == "anilist: no such anime on AniList"  # AniList's check, not the client's default
    assert posted(httpserver) == [{"query": anilist.MEDIA_QUERY, "variables": {"id": 0}}]


def test_the_recorded_429_asking_for_a_minute_fails_at_once(httpserver, client, sleeps):
    # as recorded: HTTP 429 with Retry-After: 60, longer than the client waits, so it gives up without retrying
    httpserver.expect_request(ENDPOINT, method="POST") \
        .respond_with_json(recorded("error_429_too_many_requests.pyanilist.json"), status=429,
                           headers={"Retry-After": "60"})
    with pytest.raises(ProviderError) as raised:
        enabled(httpserver, client).search("yorimoi")
    assert raised.value.kind == "rate_limited"
    assert str(raised.value) == "anilist: too many requests; AniList asks to wait a minute"
    assert len(httpserver.log) == 1 and sleeps == []


def test_a_429_without_retry_after_is_retried_then_fails(httpserver, client, sleeps):
    httpserver.expect_request(ENDPOINT, method="POST") \
        .respond_with_json(recorded("error_429_too_many_requests.pyanilist.json"), status=429)
    with pytest.raises(ProviderError) as raised:
        enabled(httpserver, client).search("yorimoi")
    assert raised.value.kind == "rate_limited"
    assert str(raised.value) == "anilist: too many requests; AniList asks to wait a minute"
    assert len(httpserver.log) == client.retries + 1 and len(sleeps) == client.retries
    assert sleeps == sorted(sleeps)  # backing off longer each time
