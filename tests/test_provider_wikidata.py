"""Wikidata provider: the parse functions on recorded entity and search answers, hostile JSON, and the provider class
through the real HTTP client against a local server that serves the recorded answers.

The recorded work (City Streets, Q2262932) comes without the entities it points at, so no label of its director,
cast, genres or country is available: the tests check that those are left out, not shown as bare ids. The other
recorded answer (a book, Q3235026) has no labels at all, which is how it is used. A third recorded answer (a person,
Oliver Kahn, Q131261, in the old 2014 format whose item values carry only a numeric-id) serves as the labels of an
item a work names.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from catalog_app.providers import wikidata
from catalog_app.providers.base import MalformedResponse, ProviderError
from catalog_app.providers.http import HttpClient

import provider_helpers
from provider_helpers import SHARED_FIXTURES, assert_valid, read_json

WIKIDATA = SHARED_FIXTURES / "wikidata"
#: Recorded answers kept with these tests (tests/fixtures/PROVENANCE.md).
LOCAL = Path(__file__).resolve().parent / "fixtures" / "wikidata"
SEARCH_ABC = "wbsearchentities_abc.wdtk.json"
SEARCH_EMPTY = "wbsearchentities_empty.wdtk.json"
KAHN = "Q131261_Oliver_Kahn_wbgetentities.wdtk.json"


def city_streets() -> dict[str, Any]:
    return read_json(WIKIDATA / "Q2262932_City_Streets_1931_entity.we-framework.json")


def book_answer() -> dict[str, Any]:
    return read_json(WIKIDATA / "wbgetentities_response.wikibase-sdk.json")


def local(name: str) -> Any:
    return read_json(LOCAL / name)


def directed_by_kahn() -> dict[str, Any]:
    """City Streets with its director statement naming Oliver Kahn the way the 2014 answer writes an item value:
    {"entity-type": "item", "numeric-id": …} with no "id" (the shape copied from Kahn's own P31 value)."""
    entity = city_streets()
    value = copy.deepcopy(local(KAHN)["entities"]["Q131261"]["claims"]["P31"][0]["mainsnak"]["datavalue"]["value"])
    assert value == {"entity-type": "item", "numeric-id": 5}
    value["numeric-id"] = 131261
    [director] = entity["claims"]["P57"]
    director["mainsnak"]["datavalue"]["value"] = value
    return entity


def as_answer(*entities: dict[str, Any]) -> dict[str, Any]:
    """Entities in the wbgetentities envelope ({"entities": {id: entity}, "success": 1}) the book answer shows."""
    return {"entities": {entity["id"]: entity for entity in entities}, "success": book_answer()["success"]}


# ---- the work entity ------------------------------------------------------------------------------------------------

def test_city_streets_gives_title_year_runtime_and_ids():
    fetched = wikidata.parse_entity(city_streets(), {})
    work = fetched.work
    assert_valid(fetched)
    assert (fetched.provider, fetched.ident) == ("wikidata", "Q2262932")
    assert (work["kind"], work["title"], work["year"], work["runtime"]) == ("film", "City Streets", 1931, 82)
    assert work["external_ids"] == {"imdb": "tt0021750", "wikidata": "Q2262932"}
    assert fetched.images == []  # P18 is a Commons file, not fetched


def test_a_year_at_year_precision_stays_a_year():
    work = wikidata.parse_entity(city_streets(), {}).work
    # P577 is "+1931-01-01T00:00:00Z" at precision 9: the year 1931, not 1 January 1931
    assert work["year"] == 1931
    assert "release_dates" not in work


def test_without_the_referenced_labels_people_genres_and_countries_are_left_out():
    fetched = wikidata.parse_entity(city_streets(), {})
    assert fetched.people == {}
    for field in ("credits", "genres", "countries", "companies", "original_language"):
        assert field not in fetched.work
    # the book answer's entities have no labels either, and are not the ones City Streets names
    assert wikidata.parse_entity(city_streets(), book_answer()["entities"]).work == fetched.work


def test_the_title_follows_the_users_languages_and_other_labels_become_localized_titles():
    german = wikidata.parse_entity(city_streets(), {}, languages=("de", "en")).work
    assert german["title"] == "Straßen der Weltstadt"
    assert german["original_title"] == "City Streets"  # the work's own title, P1476
    assert wikidata.parse_entity(city_streets(), {}, languages=("xx", "ja")).work["title"] == "市街"
    titles = wikidata.parse_entity(city_streets(), {}).work["titles"]
    assert {"title": "Straßen der Weltstadt", "language": "de", "kind": "localized"} in titles
    assert {"title": "市街", "language": "ja", "kind": "localized"} in titles
    assert all(title["title"] != "City Streets" for title in titles)  # nl, ca, pt and en say the same


def test_referenced_ids_are_the_items_that_need_labels():
    ids = wikidata.referenced_ids(city_streets())
    assert ids[0] == "Q51472"  # the director comes first
    assert {"Q93957", "Q231595", "Q182057"} <= set(ids)  # cast members
    assert {"Q959790", "Q130232"} <= set(ids)  # genres
    assert {"Q30", "Q1860", "Q159846", "Q11424"} <= set(ids)  # country, original language, company, class
    assert len(ids) == len(set(ids)) and "Q2262932" not in ids


def test_a_real_item_without_any_label_has_no_title():
    [book] = book_answer()["entities"].values()
    with pytest.raises(MalformedResponse) as caught:
        wikidata.parse_entity(book, {})
    assert "Q3235026" in str(caught.value)
    assert wikidata.referenced_ids(book) == ["Q14406742"]  # its class; the author (P50) is not a film credit


def test_review_scores_read_percent_and_fraction_forms():
    assert wikidata.parse_score("93%") == (93.0, 100.0)
    assert wikidata.parse_score("8.1/10") == (8.1, 10.0)
    assert wikidata.parse_score("85/100") == (85.0, 100.0)
    assert wikidata.parse_score("7,5/10") == (7.5, 10.0)
    for bad in ("120/100", "great", "", None, 93, "8.1 / 0"):
        assert wikidata.parse_score(bad) is None


# ---- candidates -----------------------------------------------------------------------------------------------------

def test_candidates_keep_only_works():
    assert wikidata.candidates_from_entities(book_answer(), ("en",)) == []
    [candidate] = wikidata.candidates_from_entities(as_answer(city_streets(), *book_answer()["entities"].values()),
                                                    ("de", "en"))
    assert (candidate.provider, candidate.ident, candidate.kind, candidate.year) == ("wikidata", "Q2262932",
                                                                                     "film", 1931)
    assert (candidate.title, candidate.original_title) == ("Straßen der Weltstadt", "City Streets")
    assert candidate.overview == "Film von Rouben Mamoulian (1931)"
    assert candidate.external_ids == {"imdb": "tt0021750", "wikidata": "Q2262932"}
    assert candidate.anime is False


# ---- hostile answers ------------------------------------------------------------------------------------------------

WRONG_VALUES = ["text", 7, True, None, [], {}, [None, "x"], {"x": None}]


def test_answers_that_are_not_the_documented_shape_are_refused_clearly():
    for payload in ("<html>", None, [], {"search": None}, {"search": "Q1"}):
        with pytest.raises(MalformedResponse):
            wikidata.parse_search(payload)
    for payload in ("<html>", None, {"entities": []}, {"success": 1}):
        with pytest.raises(MalformedResponse):
            wikidata.candidates_from_entities(payload, ("en",))
    for entity in (None, "Q2262932", {"id": "2262932"}, {}):
        with pytest.raises(MalformedResponse):
            wikidata.parse_entity(entity, {})


def test_a_missing_item_is_not_found():
    entity = city_streets()
    entity["missing"] = ""
    with pytest.raises(ProviderError) as caught:
        wikidata.parse_entity(entity, {})
    assert caught.value.kind == "not_found"


def test_every_property_of_the_wrong_type_is_skipped_never_a_crash():
    base = city_streets()
    for prop in list(base["claims"]):
        for wrong in WRONG_VALUES:
            entity = copy.deepcopy(base)
            entity["claims"][prop] = wrong
            assert_valid(wikidata.parse_entity(entity, {}))
        for wrong in WRONG_VALUES:  # and every statement's value
            entity = copy.deepcopy(base)
            for claim in entity["claims"][prop]:
                claim["mainsnak"]["datavalue"]["value"] = wrong
            assert_valid(wikidata.parse_entity(entity, {}))


def test_top_level_fields_of_the_wrong_type_are_skipped_or_refused():
    for field in ("labels", "claims", "descriptions", "aliases", "sitelinks"):
        for wrong in WRONG_VALUES:
            entity = city_streets()
            entity[field] = wrong
            try:
                fetched = wikidata.parse_entity(entity, wrong)
            except MalformedResponse:
                assert field == "labels"  # without labels only P1476 is left, and it can be damaged too
                continue
            assert_valid(fetched)


def test_time_precision_and_odd_time_values_do_not_make_a_year():
    entity = city_streets()
    entity["claims"]["P577"][0]["mainsnak"]["datavalue"]["value"]["precision"] = 8  # a decade
    assert "year" not in wikidata.parse_entity(entity, {}).work
    entity["claims"]["P577"][0]["mainsnak"]["datavalue"]["value"]["precision"] = "9"
    assert "year" not in wikidata.parse_entity(entity, {}).work
    entity = city_streets()
    entity["claims"]["P577"][0]["mainsnak"]["snaktype"] = "somevalue"
    assert "year" not in wikidata.parse_entity(entity, {}).work


# ---- search answers and old-format items ----------------------------------------------------------------------------

def test_a_real_search_answer_gives_its_item_ids_in_order():
    assert wikidata.parse_search(local(SEARCH_ABC)) == ["Q169889", "Q286874", "Q781365", "Q287076", "Q304330",
                                                        "Q1057802", "Q26298"]
    assert wikidata.parse_search(local(SEARCH_EMPTY)) == []


def test_an_item_named_by_numeric_id_only_takes_its_name_from_the_old_format_answer():
    entity = directed_by_kahn()
    assert wikidata.referenced_ids(entity)[0] == "Q131261"
    fetched = wikidata.parse_entity(entity, local(KAHN)["entities"])
    assert_valid(fetched)
    assert fetched.people == {"wikidata.Q131261": {"id": "wikidata.Q131261", "name": "Oliver Kahn",
                                                   "external_ids": {"wikidata": "Q131261", "imdb": "nm1853127"}}}
    assert [c for c in fetched.work["credits"] if c["role"] == "director"] == [{"person": "wikidata.Q131261",
                                                                                "role": "director"}]
    # the name follows the user's languages like any label
    russian = wikidata.parse_entity(entity, local(KAHN)["entities"], languages=("ru", "en"))
    assert russian.people["wikidata.Q131261"]["name"] == "Кан, Оливер"


def test_a_person_is_not_a_candidate_work():
    assert wikidata.candidates_from_entities(local(KAHN), ("en",)) == []  # P31 is Q5, human (as numeric-id 5)


# ---- the provider class, through the real HTTP client against a local server ---------------------------------------

#: The path of the Action API the provider asks by default.
API = urlsplit(wikidata.DEFAULT_URL).path

#: The shared HTTP client without waits between requests (a pytest fixture, under the name the tests ask for).
client = provider_helpers.client


def provider(httpserver, client: HttpClient, **options: Any) -> wikidata.WikidataProvider:
    return wikidata.WikidataProvider(client, base_url=httpserver.url_for(API), **options)


def serve_work(httpserver, entity: dict[str, Any]) -> None:
    """Serves the work's own wbgetentities request, exactly as fetch() asks it."""
    httpserver.expect_request(API, query_string={
        "action": "wbgetentities", "ids": entity["id"], "props": "labels|descriptions|claims", "format": "json",
    }).respond_with_json(as_answer(entity))


def serve_raw(httpserver, name: str) -> None:
    """Serves a recorded answer kept with these tests, byte for byte, to any other request to the API."""
    httpserver.expect_request(API).respond_with_data((LOCAL / name).read_bytes(), content_type="application/json")


def asked(httpserver) -> list[Any]:
    """The query parameters of each request that reached the server, in order."""
    return [request.args for request, _ in httpserver.log]


def test_fetch_asks_for_the_work_then_for_the_items_it_names_in_one_batch(httpserver, client):
    # the second answer is the real book answer: none of the items asked for come back, so nothing is labelled
    serve_work(httpserver, city_streets())
    httpserver.expect_request(API).respond_with_json(book_answer())
    fetched = provider(httpserver, client, languages=("en",)).fetch("Q2262932")
    assert_valid(fetched)
    assert fetched.work["title"] == "City Streets" and fetched.people == {}
    assert [request.path for request, _ in httpserver.log] == [API, API]
    first, second = asked(httpserver)
    assert first["action"] == "wbgetentities" and first["ids"] == "Q2262932" and first["format"] == "json"
    assert "formatversion" not in first  # the recorded answers are formatversion 1
    assert second["action"] == "wbgetentities"
    assert second["ids"].split("|") == wikidata.referenced_ids(city_streets())
    assert second["props"] == "labels|claims" and second["format"] == "json"
    assert second["languages"].split("|")[0] == "en"


def test_fetch_asks_at_most_the_batch_size_of_ids_at_once(monkeypatch: pytest.MonkeyPatch, httpserver, client):
    monkeypatch.setattr(wikidata, "BATCH", 5)
    serve_work(httpserver, city_streets())
    httpserver.expect_request(API).respond_with_json(book_answer())
    provider(httpserver, client).fetch("Q2262932")
    batches = [params["ids"].split("|") for params in asked(httpserver)[1:]]
    assert len(batches) > 1 and all(len(batch) <= 5 for batch in batches)
    assert [qid for batch in batches for qid in batch] == wikidata.referenced_ids(city_streets())


def test_fetch_names_an_old_format_person_from_the_recorded_answer(httpserver, client):
    serve_work(httpserver, directed_by_kahn())
    serve_raw(httpserver, KAHN)  # the labels batch: only Q131261 comes back
    fetched = provider(httpserver, client).fetch("Q2262932")
    assert_valid(fetched)
    assert fetched.people["wikidata.Q131261"]["name"] == "Oliver Kahn"
    assert fetched.people["wikidata.Q131261"]["external_ids"]["imdb"] == "nm1853127"
    assert asked(httpserver)[1]["ids"].split("|")[0] == "Q131261"


def test_fetch_refuses_what_is_not_an_item_id_and_reports_a_missing_item(httpserver, client):
    with pytest.raises(ProviderError) as caught:
        provider(httpserver, client).fetch("City Streets")
    assert caught.value.kind == "not_found" and httpserver.log == []
    missing = city_streets()
    missing["missing"] = ""
    serve_work(httpserver, missing)
    with pytest.raises(ProviderError) as caught:
        provider(httpserver, client).fetch("Q2262932")
    assert caught.value.kind == "not_found"
    assert len(httpserver.log) == 1  # no labels are asked for an item that is not there


def test_an_empty_search_asks_nothing(httpserver, client):
    assert provider(httpserver, client).search("   ") == []
    assert httpserver.log == []


def search_query(text: str) -> dict[str, str]:
    return {"action": "wbsearchentities", "search": text, "language": "en", "uselang": "en", "type": "item",
            "limit": str(wikidata.BATCH), "format": "json"}


def test_a_search_without_hits_asks_for_no_entities(httpserver, client):
    httpserver.expect_request(API, query_string=search_query("some search string with no results")) \
        .respond_with_data((LOCAL / SEARCH_EMPTY).read_bytes(), content_type="application/json")
    assert provider(httpserver, client).search("some search string with no results") == []
    assert len(httpserver.log) == 1


def test_a_search_asks_for_its_hits_in_one_batch_and_keeps_only_works(httpserver, client):
    httpserver.expect_request(API, query_string=search_query("abc")) \
        .respond_with_data((LOCAL / SEARCH_ABC).read_bytes(), content_type="application/json")
    # the entities answer is the recorded person: a real wbgetentities answer holding no film or series
    serve_raw(httpserver, KAHN)
    assert provider(httpserver, client).search("abc") == []
    search, entities = asked(httpserver)
    assert search["action"] == "wbsearchentities" and search["search"] == "abc"
    assert entities["action"] == "wbgetentities"
    assert entities["ids"].split("|") == wikidata.parse_search(local(SEARCH_ABC))
    assert entities["props"] == "labels|descriptions|claims" and entities["languages"] == "en|mul"


def test_fetching_an_item_that_is_not_a_work_is_refused(httpserver, client):
    """Q131261 is a person (a real recorded answer): a stored or typed id must not turn them into a film."""
    body = (Path(__file__).resolve().parent / "fixtures" / "wikidata" /
            "Q131261_Oliver_Kahn_wbgetentities.wdtk.json").read_bytes()
    httpserver.expect_request("/w/api.php").respond_with_data(body, content_type="application/json")
    provider = wikidata.WikidataProvider(client, base_url=httpserver.url_for("/w/api.php"))
    with pytest.raises(ProviderError, match="Q131261 is not a film or series") as e:
        provider.fetch("Q131261")
    assert e.value.kind == "not_found" and len(httpserver.log) == 1
