"""TVmaze: recorded shows parse into series with seasons and episodes in place, broken answers never crash, and the
provider asks for them through the real HTTP client (a local server serves the recorded answers)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from werkzeug.datastructures import MultiDict

from catalog_app.providers import tvmaze
from catalog_app.providers.base import ImageRef, MalformedResponse, ProviderError
from catalog_app.providers.http import HttpClient

import provider_helpers
from provider_helpers import (HOSTILE, SHARED_FIXTURES, assert_valid, broken, cassette, failures_when_broken, paths,
                              read_json)

FIXTURES = SHARED_FIXTURES / "tvmaze"
FLASH = "show_13_embed_seasons.flexget.json"
SILICON_VALLEY = "singlesearch_shows_embed_episodes_silicon_valley.tvmaze4j.json"
HOUSE = "singlesearch_shows_house_md_embed_seasons.flexget.json"
SEARCH = "search_shows.tvmaze4j.json"


def recorded(name: str) -> Any:
    return read_json(FIXTURES / name)


def cassette_body(name: str) -> Any:
    """The JSON body of a cassette's first response (read without PyYAML)."""
    return cassette(FIXTURES / name)[0][1]


# ---- shows -------------------------------------------------------------------------------------------------------

def test_the_flash_reads_as_a_user_sees_it():
    fetched = tvmaze.parse_show(recorded(FLASH))
    assert_valid(fetched)
    work = fetched.work
    assert (fetched.provider, fetched.ident, fetched.attribution) == \
        ("tvmaze", "13", "TV data from TVmaze (tvmaze.com), CC BY-SA 4.0")
    assert (work["title"], work["kind"], work["anime"]) == ("The Flash", "series", False)
    assert (work["original_language"], work["languages"], work["countries"]) == ("en", ["en"], ["US"])
    assert (work["year"], work["runtime"]) == (2014, 60)
    assert "end_year" not in work  # still running when recorded
    assert work["genres"] == ["Drama", "Action", "Science-Fiction"]
    assert work["companies"] == [{"name": "The CW", "role": "network"}]
    assert work["ratings"] == [{"source": "tvmaze", "value": 7.9, "url": "http://www.tvmaze.com/shows/13/the-flash"}]
    assert work["external_ids"] == {"tvmaze": "13", "imdb": "tt3107288"}
    assert work["synopsis"].startswith("After a particle accelerator causes a freak storm")
    assert "<p>" not in work["synopsis"] and work["synopsis"].endswith("The Flash!")
    # The medium poster, not original_untouched.
    assert fetched.images == [ImageRef("http://static.tvmaze.com/uploads/images/medium_portrait/210/527217.jpg",
                                       "poster", True)]


def test_the_flash_has_its_seasons_as_children():
    seasons = tvmaze.parse_show(recorded(FLASH)).work["children"]
    assert [s["number"] for s in seasons] == [1, 2, 3, 4, 5, 6, 7]
    assert seasons[0] == {"kind": "season", "number": 1, "title": "Season 1", "year": 2014, "end_year": 2015}
    assert seasons[6] == {"kind": "season", "number": 7, "title": "Season 7"}  # announced, no dates yet


def test_silicon_valley_has_its_episodes_under_their_seasons():
    fetched = tvmaze.parse_show(recorded(SILICON_VALLEY))
    assert_valid(fetched)
    seasons = fetched.work["children"]
    # No seasons were embedded: they are made up from the episodes' season numbers.
    assert [(s["number"], s["title"], s["year"], len(s["children"])) for s in seasons] == \
        [(1, "Season 1", 2014, 8), (2, "Season 2", 2015, 10), (3, "Season 3", 2016, 10), (4, "Season 4", 2017, 10)]
    first = seasons[0]["children"][0]
    assert {k: first[k] for k in ("kind", "number", "title", "year", "runtime")} == \
        {"kind": "episode", "number": 1, "title": "Minimum Viable Product", "year": 2014, "runtime": 30}
    assert first["release_dates"] == [{"date": "2014-04-06", "kind": "tv"}]
    assert first["synopsis"].startswith("Attending an elaborate launch party, Richard")
    assert "<p>" not in first["synopsis"]
    assert [e["number"] for e in seasons[3]["children"]] == list(range(1, 11))
    assert seasons[3]["children"][-1]["title"] == recorded(SILICON_VALLEY)["_embedded"]["episodes"][-1]["name"]


def test_html_emphasis_in_a_summary_is_dropped():
    synopsis = tvmaze.parse_show(recorded(SILICON_VALLEY)).work["synopsis"]
    assert synopsis.startswith("In the high-tech gold rush of modern Silicon Valley, the people")


def test_an_ended_show_without_an_end_date_ends_with_its_last_season():
    work = tvmaze.parse_show(recorded(HOUSE)).work
    assert "ended" not in recorded(HOUSE)  # the 2017 answer predates the field
    assert (work["title"], work["year"], work["end_year"]) == ("House", 2004, 2012)
    assert len(work["children"]) == 8
    assert work["ratings"][0]["value"] == 9


def test_a_danish_show_keeps_its_name_and_its_summary_reads_as_one_text():
    fetched = tvmaze.parse_show(cassette_body("flexget_cassette_singlesearch_unicode.vcr.yaml"))
    assert_valid(fetched)
    work = fetched.work
    assert (work["title"], work["year"], work["countries"]) == ("Krøniken", 2004, ["DK"])
    assert work["companies"] == [{"name": "DR1", "role": "network"}]
    assert work["external_ids"] == {"tvmaze": "15824", "imdb": "tt0327321"}
    # The HTML source breaks lines mid-sentence ("to \\nenroll", "helped\\n by"): in HTML that is a space.
    assert work["synopsis"].startswith("In 1949, the young Ida Nørregaard travels from Jutland to Copenhagen to "
                                       "enroll in")
    assert "she is helped by Palle From" in work["synopsis"] and "\n" not in work["synopsis"]


def test_a_flat_episode_list_fills_a_show():
    # /shows/{id}/episodes answers a bare list; embedded in the show it places the same way.
    show = recorded(SILICON_VALLEY)
    show["_embedded"] = {"episodes": recorded("show_episodes.tvmaze4j.json")}
    fetched = tvmaze.parse_show(show)
    assert_valid(fetched)
    assert sum(len(s["children"]) for s in fetched.work["children"]) == 38


# ---- search ------------------------------------------------------------------------------------------------------

def test_search_shows_gives_candidates():
    candidates = tvmaze.parse_search(recorded(SEARCH))
    assert [(c.ident, c.title, c.year, c.kind) for c in candidates] == [
        ("143", "Silicon Valley", 2014, "series"),
        ("30927", "Secrets of Silicon Valley", 2017, "series"),
        ("15643", "Start-ups: Silicon Valley", 2012, "series")]
    first = candidates[0]
    assert first.poster_url == "http://static.tvmaze.com/uploads/images/medium_portrait/104/261725.jpg"
    assert first.external_ids == {"tvmaze": "143", "imdb": "tt2575988"}
    assert first.overview.startswith("In the high-tech gold rush")
    assert candidates[1].poster_url is None and candidates[1].external_ids == {"tvmaze": "30927"}
    assert not any(c.anime for c in candidates)


# ---- errors ------------------------------------------------------------------------------------------------------

def test_an_unknown_show_is_not_found():
    text = (FIXTURES / "flexget_cassette_singlesearch_404.vcr.yaml").read_text(encoding="utf-8")
    status = int(re.search(r"^\s+code: (\d+)$", text, re.MULTILINE).group(1))
    body = re.search(r"^\s+string: '(.*)'$", text, re.MULTILINE).group(1)
    assert (status, body) == (404, "")  # the recorded singlesearch miss: 404 with an empty body
    with pytest.raises(ProviderError) as raised:
        tvmaze.check_error(status, None)
    assert raised.value.kind == "not_found"


def test_a_normal_answer_is_no_error():
    assert tvmaze.check_error(200, recorded(FLASH)) is None


# ---- broken answers ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [FLASH, SILICON_VALLEY, HOUSE])
def test_a_broken_show_skips_the_field_or_is_malformed(name):
    body = recorded(name)
    assert failures_when_broken(body, tvmaze.parse_show) <= {("id",), ("name",)}


def test_a_cast_that_is_not_a_list_is_skipped():
    # No recorded answer embeds the cast; a broken one must still parse.
    body = recorded(FLASH)
    for value in HOSTILE:
        assert_valid(tvmaze.parse_show(broken(body, ("_embedded", "cast"), value)))
        assert_valid(tvmaze.parse_show(broken(body, ("_embedded", "episodes"), value)))


def test_a_broken_search_skips_the_match():
    body = recorded(SEARCH)
    for path in paths(body):
        for value in HOSTILE:
            candidates = tvmaze.parse_search(broken(body, path, value))
            assert len(candidates) >= 2


@pytest.mark.parametrize("payload", [None, "N/A", {}, 7])
def test_a_search_answer_that_is_not_a_list_is_malformed(payload):
    with pytest.raises(MalformedResponse):
        tvmaze.parse_search(payload)


@pytest.mark.parametrize("payload", [None, "N/A", [], {}])
def test_a_show_answer_that_is_not_a_show_is_malformed(payload):
    with pytest.raises(MalformedResponse):
        tvmaze.parse_show(payload)


# ---- the provider, through the real HTTP client against a local server -------------------------------------------

#: The shared HTTP client without waits between requests (a pytest fixture, under the name the tests ask for).
client = provider_helpers.client


def provider(httpserver, client: HttpClient) -> tvmaze.TvmazeProvider:
    # the API lives at the root of its host (tvmaze.DEFAULT_URL has no path), as on the local server
    return tvmaze.TvmazeProvider(client, base_url=httpserver.url_for("/"))


def test_fetch_embeds_seasons_episodes_and_cast(httpserver, client):
    embeds = [("embed[]", "seasons"), ("embed[]", "episodes"), ("embed[]", "cast")]
    httpserver.expect_request("/shows/13", query_string=MultiDict(embeds)).respond_with_json(recorded(FLASH))
    fetched = provider(httpserver, client).fetch("13")
    [(request, _)] = httpserver.log
    assert request.path == "/shows/13"
    assert list(request.args.items(multi=True)) == embeds  # the key repeated, in this order
    assert request.query_string == b"embed%5B%5D=seasons&embed%5B%5D=episodes&embed%5B%5D=cast"
    assert fetched.work["title"] == "The Flash"


def test_search_sends_the_query_and_puts_the_year_first(httpserver, client):
    httpserver.expect_request("/search/shows", query_string={"q": "silicon valley"}).respond_with_json(recorded(SEARCH))
    candidates = provider(httpserver, client).search("silicon valley", year=2017)
    assert [(request.path, request.args.to_dict()) for request, _ in httpserver.log] == [
        ("/search/shows", {"q": "silicon valley"})]
    assert [c.ident for c in candidates] == ["30927", "143", "15643"]


def test_an_id_that_is_not_a_number_is_not_sent(httpserver, client):
    with pytest.raises(ProviderError) as raised:
        provider(httpserver, client).fetch("13/cast")
    assert raised.value.kind == "not_found" and httpserver.log == []


def test_the_recorded_empty_404_fails_with_tvmazes_own_message(httpserver, client):
    # recorded for a singlesearch miss (404, empty body): served here for a show id TVmaze does not have
    httpserver.expect_request("/shows/99999999").respond_with_data(
        "", status=404, content_type="application/json; charset=UTF-8")
    with pytest.raises(ProviderError) as raised:
        provider(httpserver, client).fetch("99999999")
    assert raised.value.kind == "not_found"
    assert str(raised.value) == "tvmaze: no such show on TVmaze"  # TVmaze's check, not the client's default
    assert len(httpserver.log) == 1
