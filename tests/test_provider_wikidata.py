"""Wikidata provider: the parse functions on recorded entity answers, hostile JSON, and the provider class against a
stand-in HTTP client that replays the recorded answers.

The recorded work (City Streets, Q2262932) comes without the entities it points at, so no label of its director,
cast, genres or country is available: the tests check that those are left out, not shown as bare ids. The other
recorded answer (a book, Q3235026) has no labels at all, which is how it is used.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from catalog_app.core.record import validate_person, validate_work
from catalog_app.providers import wikidata
from catalog_app.providers.base import Fetched, MalformedResponse, ProviderError

FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"
WIKIDATA = FIXTURES / "wikidata"


def city_streets() -> dict[str, Any]:
    return json.loads((WIKIDATA / "Q2262932_City_Streets_1931_entity.we-framework.json").read_text(encoding="utf-8"))


def book_answer() -> dict[str, Any]:
    return json.loads((WIKIDATA / "wbgetentities_response.wikibase-sdk.json").read_text(encoding="utf-8"))


def as_answer(*entities: dict[str, Any]) -> dict[str, Any]:
    """Entities in the wbgetentities envelope ({"entities": {id: entity}, "success": 1}) the book answer shows."""
    return {"entities": {entity["id"]: entity for entity in entities}, "success": book_answer()["success"]}


def assert_valid(fetched: Fetched) -> None:
    validate_work(fetched.work)
    for key, person in fetched.people.items():
        assert person["id"] == key
        validate_person(person, f"people.{key}")
    assert {credit["person"] for credit in fetched.work.get("credits", [])} <= set(fetched.people)


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


# ---- the provider class ---------------------------------------------------------------------------------------------

class ReplayClient:
    """Stands in for the shared HTTP client: answers wbgetentities from recorded answers and notes every request."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.requests: list[tuple[str, str, dict[str, Any]]] = []

    def get_json(self, provider: str, url: str, params: dict[str, Any] | None = None,
                 headers: dict[str, Any] | None = None) -> Any:
        self.requests.append((provider, url, dict(params or {})))
        return copy.deepcopy(self.answers[min(len(self.requests), len(self.answers)) - 1])


def test_fetch_asks_for_the_work_then_for_the_items_it_names_in_one_batch():
    # the second answer is the real book answer: none of the items asked for come back, so nothing is labelled
    client = ReplayClient([as_answer(city_streets()), book_answer()])
    fetched = wikidata.WikidataProvider(client, languages=("en",)).fetch("Q2262932")
    assert_valid(fetched)
    assert fetched.work["title"] == "City Streets" and fetched.people == {}
    (name, url, first), (_, _, second) = client.requests
    assert (name, url) == ("wikidata", wikidata.DEFAULT_URL)
    assert first["action"] == "wbgetentities" and first["ids"] == "Q2262932" and first["format"] == "json"
    assert "formatversion" not in first  # the recorded answers are formatversion 1
    assert second["ids"].split("|") == wikidata.referenced_ids(city_streets())
    assert second["props"] == "labels|claims" and second["format"] == "json"
    assert second["languages"].split("|")[0] == "en"


def test_fetch_asks_at_most_the_batch_size_of_ids_at_once(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(wikidata, "BATCH", 5)
    client = ReplayClient([as_answer(city_streets()), book_answer()])
    wikidata.WikidataProvider(client).fetch("Q2262932")
    batches = [params["ids"].split("|") for _, _, params in client.requests[1:]]
    assert all(len(batch) <= 5 for batch in batches)
    assert [qid for batch in batches for qid in batch] == wikidata.referenced_ids(city_streets())


def test_fetch_refuses_what_is_not_an_item_id_and_reports_a_missing_item():
    client = ReplayClient([book_answer()])
    provider = wikidata.WikidataProvider(client)
    with pytest.raises(ProviderError) as caught:
        provider.fetch("City Streets")
    assert caught.value.kind == "not_found" and client.requests == []
    missing = city_streets()
    missing["missing"] = ""
    with pytest.raises(ProviderError) as caught:
        wikidata.WikidataProvider(ReplayClient([as_answer(missing)])).fetch("Q2262932")
    assert caught.value.kind == "not_found"


def test_an_empty_search_asks_nothing():
    client = ReplayClient([book_answer()])
    assert wikidata.WikidataProvider(client).search("   ") == []
    assert client.requests == []
