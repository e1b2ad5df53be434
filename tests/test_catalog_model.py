"""The model layer on both engines: every fact of the article has a typed home, search finds it, versions guard edits."""

from __future__ import annotations

import pytest

from catalog_app.core.errors import ConflictError, InputError
from catalog_app.store import works as repo
from catalog_app.store.tables import Credit, Person, Relation, Tag, Work


def lost_in_starlight(catalog):
    doc = catalog.document([catalog.resolve("Lost in Starlight")])
    return doc.works[0], doc.people


def test_sample_holds_every_fact_of_the_article(sample_catalog):
    work, people = lost_in_starlight(sample_catalog)
    assert (work["title"], work["original_title"], work["original_language"]) == (
        "Lost in Starlight", "이 별에 필요한", "ko")
    assert work["kind"] == "film" and work["anime"] and work["year"] == 2025
    assert work["countries"] == ["KR"] and work["setting"].startswith("Seoul, 2050")
    assert "synth-pop" in work["music"].lower()
    assert {"space", "female lead", "music", "childhood", "love"} <= set(work["tags"])

    credits = {(people[c["person"]]["name"], c["role"], c["character"]) for c in work["credits"]}
    assert {("Han Ji-won", "director", None), ("Han Ji-won", "writer", None), ("Kang Hyun-joo", "writer", None),
            ("Kim Tae-ri", "voice", "Nan-young"), ("Hong Kyung", "voice", "Jay")} <= credits
    assert {p["original_name"] for p in people.values()} >= {"한지원", "김태리"}

    assert [(r["source"], r["value"], r["scale"]) for r in work["ratings"]] == [("rotten_tomatoes", 91, 100)]
    assert [(a["platform"], a["kind"]) for a in work["availability"]] == [("Netflix", "stream")]
    assert {"name": "Netflix", "role": "streaming_original"} in work["companies"]

    relations = {(r["kind"], r["title"], r["year"]) for r in work["relations"]}
    assert relations == {("follow_up", "The Summer", 2023), ("compared_to", "Your Name", 2016),
                         ("compared_to", "Suzume", 2022)}
    assert all(r["target"] for r in work["relations"]), "the sample's related works are in the catalog"

    quotes = {(q["author"], q["outlet"]) for q in work["quotes"]}
    assert ("Bong Joon Ho", None) in quotes and (None, "Den of Geek") in quotes
    bong = next(q for q in work["quotes"] if q["author"] == "Bong Joon Ho")
    assert "visual masterpiece" in bong["text"].lower()
    assert people[bong["person"]]["name"] == "Bong Joon Ho"  # the quote's author is a person in the catalog

    assert work["personal"]["status"] == "completed" and work["personal"]["viewings"]
    assert work["images"][0]["kind"] == "poster"
    assert sample_catalog.image_file(work["images"][0]["hash"], "image/svg+xml").is_file()
    assert work["provenance"]["*"]["source"] == "sample"


def test_sample_links_the_other_works(sample_catalog):
    titles = {t for _, t, *_ in sample_catalog.find("")}
    assert {"The Summer", "Soulmate", "Your Name", "Suzume", "Parasite", "Squid Game", "KPop Demon Hunters"} <= titles
    squid = sample_catalog.document([sample_catalog.resolve("Squid Game")]).works[0]
    season = squid["children"][0]
    assert (season["kind"], season["number"], len(season["children"])) == ("season", 3, 6)
    watched = [e["number"] for e in season["children"] if e["personal"] and e["personal"]["viewings"]]
    assert watched == [1, 2]


def test_a_person_links_every_work_they_are_in(sample_catalog):
    shinkai = Person.get(Person.name == "Makoto Shinkai")
    works = {w.title for w in Work.select().join(Credit).where(Credit.person == shinkai).distinct()}
    assert works == {"Your Name", "Suzume"}
    assert [t for _, t, *_ in sample_catalog.find('person:"Kang Hyun-joo"')] == ["Lost in Starlight", "Soulmate"]
    assert [t for _, t, *_ in sample_catalog.find("director:봉준호")] == ["Parasite"]


@pytest.mark.parametrize("query, expected", [
    ("star", ["Lost in Starlight"]),
    ("starlight lost", ["Lost in Starlight"]),
    ("s", ["Soulmate", "Squid Game", "The Summer", "Suzume"]),  # one letter alone: titles that start with it
    ("lost i", ["Lost in Starlight"]),  # beside other words, a letter starts a word like any prefix
    ("name y", ["Your Name"]),
    ("y !!!", ["Your Name"]),  # a word of punctuation only narrows nothing
    ("y year:2016", ["Your Name"]),
    ("별", ["Lost in Starlight"]),  # one Hangul syllable
    ("별에", ["Lost in Starlight"]),  # two
    ("필요한", ["Lost in Starlight"]),  # three: trigram
    ("이 별에 필요한", ["Lost in Starlight"]),
    ("すずめ", ["Suzume"]),
    ("名は", ["Your Name"]),
    ("Nan-young", ["Lost in Starlight"]),
    ("tag:SPACE", ["Lost in Starlight"]),
    ("kind:series", ["Squid Game"]),
    ("status:planned platform:netflix", ["KPop Demon Hunters"]),
    ("rating.rotten_tomatoes:>=90", ["Lost in Starlight"]),
    ("rating:>=94", ["Parasite", "Your Name"]),
    ("year:2016..2019 -country:KR", ["Your Name"]),
    ("is:owned", ["Parasite", "Your Name"]),
    ('list:"korean animation"', ["Lost in Starlight", "The Summer"]),
    ("id:tt6751668", ["Parasite"]),
    ('"visual masterpiece"', []),  # quotes are not searched as titles/people/tags/synopsis
    ("jellyfish", ["Lost in Starlight"]),  # synopsis
    ("필요", ["Lost in Starlight"]),
    ("title:한지", []),  # a title search does not look at people
    ("한지", ["Lost in Starlight", "The Summer"]),  # 한지원, their director
    ("!!!", []),  # punctuation names nothing
    ("director:-", []),
    ("-kind:film", ["Squid Game"]),  # excluding a kind lists no seasons or episodes
    (" OR ".join(f"year:{1870 + n}" for n in range(130)) + " OR kind:series", ["Squid Game"]),
])
def test_search(sample_catalog, query, expected):
    assert [t for _, t, *_ in sample_catalog.find(query)] == expected


def test_hangul_kana_and_han_are_found_in_tags_and_synopsis_too(catalog):
    from catalog_app.services.formats.starlight_json import from_object
    doc = {"format": "starlight-catalog", "version": 1, "works": [
        {"title": "Spring", "tags": ["우주"], "genres": ["애니메이션"], "synopsis": "少女が旅に出る。"},
        {"title": "Decomposed", "original_title": "\u1107\u1167\u11af\u110b\u1166"}]}  # 별에 as NFD
    catalog.import_document(from_object(doc), "test")
    for query in ("우주", "애니메이션", "메이", "少女", "旅", "별에", "tag:우주"):
        assert [t for _, t, *_ in catalog.find(query)] in (["Spring"], ["Decomposed"]), query
    assert catalog.check() == []


def test_tags_are_unique_regardless_of_case(catalog):
    from catalog_app.services.formats.starlight_json import from_object
    doc = {"format": "starlight-catalog", "version": 1, "works": [
        {"title": "A", "tags": ["Space", "space"]}, {"title": "B", "tags": ["SPACE"]}]}
    catalog.import_document(from_object(doc), "test")
    assert [t.name for t in Tag.select()] == ["Space"]
    assert [t for _, t, *_ in catalog.find("tag:space")] == ["A", "B"]
    assert catalog.check() == [], "the search text holds the tag as stored"


def test_relation_to_a_work_not_in_the_catalog_is_a_stub(sample_catalog):
    from catalog_app.services.formats.starlight_json import from_object
    doc = {"format": "starlight-catalog", "version": 1, "works": [
        {"title": "Memoir of a Snail", "year": 2024,
         "relations": [{"kind": "compared_to", "title": "Mary and Max", "year": 2009}]}]}
    sample_catalog.import_document(from_object(doc), "test")
    stub = Relation.get(Relation.target_title == "Mary and Max")
    assert stub.target is None and stub.target_year == 2009


def test_every_update_bumps_the_version_and_a_stale_one_is_refused(sample_catalog):
    db = sample_catalog.db
    work_id = sample_catalog.resolve("The Summer")
    version = Work.get_by_id(work_id).version
    new = repo.update_work_fields(db, work_id, version, {"runtime": 93, "tagline": "One summer"})
    assert new == version + 1 == Work.get_by_id(work_id).version
    with pytest.raises(ConflictError) as error:
        repo.update_work_fields(db, work_id, version, {"runtime": 100})
    assert "changed by someone else" in str(error.value)
    assert Work.get_by_id(work_id).runtime == 93, "the stale save must not overwrite"
    assert sample_catalog.document([work_id]).works[0]["provenance"]["runtime"]["source"] == "user"


def test_an_update_keeps_search_in_step(sample_catalog):
    work_id = sample_catalog.resolve("The Summer")
    repo.update_work_fields(sample_catalog.db, work_id, 1, {"title": "The Summer of Light"})
    assert [t for _, t, *_ in sample_catalog.find("title:light")] == ["The Summer of Light"]
    assert sample_catalog.check() == []


def test_bad_edit_values_are_refused_with_the_field(sample_catalog):
    work_id = sample_catalog.resolve("The Summer")
    with pytest.raises(InputError, match="year: must be between 1870 and 2200"):
        repo.update_work_fields(sample_catalog.db, work_id, 1, {"year": 99999})
    with pytest.raises(InputError, match="is required|must not be empty"):
        repo.update_work_fields(sample_catalog.db, work_id, 1, {"title": ""})
    assert Work.get_by_id(work_id).version == 1


def test_deleting_a_series_removes_its_seasons_episodes_search_entries_and_poster(sample_catalog):
    before = Work.select().count()
    poster = sample_catalog.document([sample_catalog.resolve("Squid Game")]).works[0]["images"][0]
    sample_catalog.delete_works([sample_catalog.resolve("Squid Game")])
    assert not sample_catalog.image_file(poster["hash"], poster["mime"]).exists()
    assert Work.select().count() == before - 8
    assert sample_catalog.find("squid") == []
    assert sample_catalog.check() == []


def test_external_ids_are_unique_per_provider(sample_catalog):
    from catalog_app.services.formats.starlight_json import from_object
    doc = {"format": "starlight-catalog", "version": 1, "works": [
        {"title": "Parasite (copy)", "external_ids": {"imdb": "tt6751668"}}]}
    with pytest.raises(InputError, match="imdb id tt6751668 already belongs to 'Parasite'"):
        sample_catalog.import_document(from_object(doc), "copy.json")


def test_saving_an_edited_work_replaces_its_facts_and_guards_the_version(sample_catalog):
    work_id = sample_catalog.resolve("Lost in Starlight")
    record, people = sample_catalog.load(work_id)
    edited = dict(record, runtime=96, tags=record["tags"] + ["jellyfish"],
                  credits=record["credits"] + [{"person": "new-1", "role": "composer", "character": None,
                                                "billing": 9, "note": None}])
    people = dict(people, **{"new-1": {"id": "new-1", "name": "Kim Hae-won", "original_name": None,
                                       "external_ids": {}}})
    version = sample_catalog.save_work(work_id, record["version"], edited, people)
    after, after_people = sample_catalog.load(work_id)
    assert version == after["version"] == record["version"] + 1
    assert after["runtime"] == 96 and "jellyfish" in after["tags"]
    assert after["provenance"]["runtime"]["source"] == "user"
    assert after["provenance"].get("title") == record["provenance"].get("title")  # untouched fields keep theirs
    assert after["provenance"]["*"] == record["provenance"]["*"]
    assert {after_people[c["person"]]["name"] for c in after["credits"]} >= {"Han Ji-won", "Kim Hae-won"}
    assert {r["target"] for r in after["relations"]} == {r["target"] for r in record["relations"]}
    assert sample_catalog.find("tag:jellyfish") and sample_catalog.find('composer:"Kim Hae-won"')
    with pytest.raises(ConflictError):
        sample_catalog.save_work(work_id, record["version"], record, people)
    assert sample_catalog.load(work_id)[0]["runtime"] == 96
    assert sample_catalog.check() == []


def test_restoring_deleted_works_brings_back_everything_with_the_same_ids(sample_catalog):
    from helpers import snapshot

    before = snapshot(sample_catalog)
    ids = [sample_catalog.resolve("Squid Game"), sample_catalog.resolve("The Summer")]
    deleted = sample_catalog.delete_works(ids)
    assert deleted.count == 2
    assert sample_catalog.find("squid") == []
    incoming = Relation.get(Relation.target_title == "The Summer")
    assert incoming.target is None  # the link became a stub while The Summer was gone
    sample_catalog.restore(deleted)
    assert sample_catalog.resolve("The Summer") == ids[1]
    assert Relation.get_by_id(incoming.id).target_id == ids[1]  # stubs naming a restored work link to it again
    assert sample_catalog.find("squid")[0][0] == ids[0]
    assert snapshot(sample_catalog) == before
    assert sample_catalog.check() == []
