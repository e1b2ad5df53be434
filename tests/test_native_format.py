"""Starlight JSON: lossless round trips, and one clear error with the catalog untouched for each kind of bad file."""

from __future__ import annotations

import json

import pytest

from catalog_app.core.errors import InputError
from catalog_app.services.catalog import Catalog
from catalog_app.services.formats import starlight_json
from helpers import snapshot


def test_import_export_import_gives_an_identical_catalog(sample_catalog, tmp_path, catalog_target):
    first = tmp_path / "first.json"
    sample_catalog.export_file(str(first))
    assert (tmp_path / "first-images").is_dir()
    before = snapshot(sample_catalog)
    sample_catalog.close()

    target = str(tmp_path / "second.sqlite")
    with Catalog.open(target) as second:
        second.import_file(str(first))
        assert snapshot(second) == before
        again = tmp_path / "again.json"
        second.export_file(str(again))
        assert second.check() == []

    def without_stamp(path):
        obj = json.loads(path.read_text(encoding="utf-8"))
        obj.pop("exported_at")
        return obj
    assert without_stamp(again) == without_stamp(first)


def test_export_writes_scripts_as_themselves(sample_catalog, tmp_path):
    out = tmp_path / "c.json"
    sample_catalog.export_file(str(out))
    text = out.read_text(encoding="utf-8")
    assert "이 별에 필요한" in text and "君の名は。" in text
    obj = json.loads(text)
    assert (obj["format"], obj["version"]) == ("starlight-catalog", 1)


def _doc(**work):
    return json.dumps({"format": "starlight-catalog", "version": 1, "works": [{"title": "Fine", **work}]})


BAD_FILES = {
    "invalid JSON": ('{"format": "starlight-catalog", "version": 1, "works": [}', "line 1 column 57: is not valid JSON: Expecting value"),
    "wrong format version": ('{"format": "starlight-catalog", "version": 7, "works": []}',
                             "version: format version 7 is newer than this Starlight reads (1)"),
    "not a catalog": ('{"hello": 1}', "is not a Starlight catalog"),
    "unknown field": (_doc(colour="blue"), "works[0]: unknown field 'colour'"),
    "work without a title": (json.dumps({"format": "starlight-catalog", "version": 1, "works": [{"year": 2020}]}),
                             "works[0].title: is required"),
    "year 99999": (_doc(year=99999), "works[0] ('Fine').year: must be between 1870 and 2200, not 99999"),
    "10 MB synopsis": (_doc(synopsis="x" * 10_000_000), "synopsis: is 10,000,000 characters long"),
    "duplicate external ids": (json.dumps({"format": "starlight-catalog", "version": 1, "works": [
        {"title": "A", "external_ids": {"imdb": "tt0133093"}}, {"title": "B", "external_ids": {"imdb": "tt0133093"}}]}),
        "imdb id tt0133093 belongs to both work 'A' and work 'B'"),
    "rating out of range": (_doc(ratings=[{"source": "imdb", "value": 11}]), "ratings[0].value: must be between 0"),
    "unknown person": (_doc(credits=[{"person": "p9", "role": "director"}]), "names the person 'p9'"),
    "bad external id": (_doc(external_ids={"imdb": "12345"}), "external_ids.imdb: '12345' is not a valid imdb id"),
    "wrong type": (_doc(runtime="long"), "runtime: must be a whole number"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_files_give_one_clear_error_and_change_nothing(sample_catalog, tmp_path, kind):
    content, message = BAD_FILES[kind]
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    before = snapshot(sample_catalog)
    with pytest.raises(InputError) as error:
        sample_catalog.import_file(str(path))
    assert message in str(error.value)
    assert str(path) in str(error.value), "the error names the file"
    assert "\n" not in str(error.value)
    assert snapshot(sample_catalog) == before


def test_a_failure_half_way_through_writing_leaves_nothing(sample_catalog, monkeypatch):
    """All validation passed, then the database fails on the last table: the import rolls back whole."""
    from catalog_app.store import works as repo

    real = repo.bulk_insert
    doc = starlight_json.from_object(json.loads(_doc(tags=["new"], personal={"status": "planned",
                                                                             "viewings": [{"date": "2024"}]})))

    def failing(db, table, columns, rows):
        if table.__name__ == "Viewing":
            raise RuntimeError("disk full")
        return real(db, table, columns, rows)
    before = snapshot(sample_catalog)
    monkeypatch.setattr(repo, "bulk_insert", failing)
    with pytest.raises(RuntimeError):
        sample_catalog.import_document(doc, "test")
    monkeypatch.setattr(repo, "bulk_insert", real)
    assert snapshot(sample_catalog) == before
    assert sample_catalog.find("fine") == []
