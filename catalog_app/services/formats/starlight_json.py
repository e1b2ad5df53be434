"""Starlight JSON, the native catalog format (docs/format.md): parsing and writing, both pure functions.

A document holds works (seasons and episodes nested as children), the people they mention, user lists,
saved searches and catalog settings. Keys ("w1", "p1") are local to one document: `dump` numbers them in
the order written, so export → import → export gives the same text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ...core.errors import InputError
from ...core.record import (
    MAX_LONG_TEXT,
    FieldChecker,
    clean_text,
    external_ids,
    iter_works,
    validate_person,
    validate_work,
)

FORMAT = "starlight-catalog"
VERSION = 1
_TOP_FIELDS = {"format", "version", "exported_at", "app", "catalog", "people", "works", "lists", "saved_searches"}


@dataclass
class Document:
    works: list[dict[str, Any]]
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    lists: list[dict[str, Any]] = field(default_factory=list)
    saved_searches: list[dict[str, str]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def parse(data: str | bytes, name: str = "<input>") -> Document:
    """Read and check a whole document.

    Raises:
        InputError: the first problem, where = "<name>: line L column C" for bad JSON, or "<name>: <path>".
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise InputError(f"is not UTF-8 text (byte {e.start}: {data[e.start:e.start + 1]!r})", name) from e
    try:
        obj = json.loads(data, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise InputError(f"is not valid JSON: {e.msg}", f"{name}: line {e.lineno} column {e.colno}") from e
    except RecursionError as e:
        raise InputError("nests too deeply to be a Starlight catalog", name) from e
    except ValueError as e:  # numbers of thousands of digits, NaN and Infinity
        reason = "a number has too many digits" if "digits" in str(e) else str(e).splitlines()[0][:120]
        raise InputError(f"is not valid JSON: {reason}", name) from e
    return from_object(obj, name)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def from_object(obj: Any, name: str = "<input>") -> Document:
    """Check an already-decoded JSON object as a document (errors are placed as in `parse`)."""
    try:
        return _document(obj)
    except InputError as e:  # keys and titles quoted in it may hold line breaks: the error stays one line
        raise InputError(_one_line(e.message), _one_line(f"{name}: {e.where}" if e.where else name)) from e


_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _one_line(text: str) -> str:
    """Text with its line breaks written as JSON writes them ("\\n"), as the person finds them in the file."""
    return _LINE_BREAKS.sub(lambda m: json.dumps(m.group())[1:-1], text)


def _document(obj: Any) -> Document:
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:  # also a list or a number at the top
        raise InputError(f"is not a Starlight catalog (no \"format\": \"{FORMAT}\" at the top)")
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"has no valid format version (found {version!r})"[:120], "version")
    if version > VERSION:
        raise InputError(f"format version {version} is newer than this Starlight reads ({VERSION}); "
                         "update Starlight to import it", "version")
    unknown = sorted(set(obj) - _TOP_FIELDS)
    if unknown:
        raise InputError(f"unknown field '{unknown[0]}'", "top level")
    for key in ("exported_at", "app"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError("must be text", key)
    people_list = obj.get("people") or []
    if not isinstance(people_list, list):
        raise InputError("must be a list", "people")
    people: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(people_list):
        person = validate_person(item, f"people[{i}]")
        if person["id"] in people:
            raise InputError(f"the key '{person['id']}' is used twice", f"people[{i}].id")
        people[person["id"]] = person
    works_list = obj.get("works")
    if not isinstance(works_list, list):
        raise InputError("must be a list of works", "works")
    works = [validate_work(item, f"works[{i}]") for i, item in enumerate(works_list)]
    lists = _lists(obj.get("lists"))
    searches = _searches(obj.get("saved_searches"))
    catalog = obj.get("catalog") or {}
    if not isinstance(catalog, dict) or set(catalog) - {"settings"}:
        raise InputError("must be an object holding only \"settings\"", "catalog")
    settings = catalog.get("settings") or {}
    if not isinstance(settings, dict):
        raise InputError("must be an object", "catalog.settings")
    for key, value in settings.items():
        if isinstance(value, str):
            clean_text(value, f"catalog.settings.{key[:64]}", short=False)
        if not (0 < len(key) <= 64 and key.replace("_", "").replace(".", "").isascii()
                and key.replace("_", "").replace(".", "").isalnum()):
            raise InputError(f"'{key[:80]}' is not a setting name (letters, digits, _ and ., at most 64)",
                             "catalog.settings")
    doc = Document(works, people, lists, searches, settings)
    check_references(doc)
    return doc


def _lists(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError("must be a list", "lists")
    out = []
    for i, item in enumerate(value):
        where = f"lists[{i}]"
        c = FieldChecker(item, where, {"name", "description", "works"})
        works = item.get("works") or []
        if not isinstance(works, list) or not all(isinstance(w, str) for w in works):
            raise InputError("must be a list of work keys", f"{where}.works")
        out.append({"name": c.text("name", required=True), "description": c.text("description", limit=MAX_LONG_TEXT),
                    "works": works})
    return out


def _searches(value: Any) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError("must be a list", "saved_searches")
    out = []
    for i, item in enumerate(value):
        c = FieldChecker(item, f"saved_searches[{i}]", {"name", "query"})
        out.append({"name": c.text("name", required=True), "query": c.text("query", required=True)})
    return out


def check_references(doc: Document) -> None:
    """Every key a document uses must be defined in it, once; an external id may belong to one work only."""
    keys: dict[str, str] = {}
    seen_ids: dict[tuple[str, str], str] = {}
    for n, record in enumerate(iter_works(doc.works)):
        label = f"work '{record['title'][:60]}'"
        if record["id"] is not None:
            if record["id"] in keys:
                raise InputError(f"the key '{record['id']}' is used by {keys[record['id']]} and {label}", "works")
            keys[record["id"]] = label
        for provider, value in record["external_ids"].items():
            if (provider, value) in seen_ids:
                raise InputError(f"{provider} id {value} belongs to both {seen_ids[(provider, value)]} and {label}",
                                 "works")
            seen_ids[(provider, value)] = label
    for record in iter_works(doc.works):
        label = f"work '{record['title'][:60]}'"
        for i, credit in enumerate(record["credits"]):
            if credit["person"] not in doc.people:
                raise InputError(f"credits[{i}] names the person '{credit['person']}', who is not in people", label)
        for i, quote in enumerate(record["quotes"]):
            if quote["person"] is not None and quote["person"] not in doc.people:
                raise InputError(f"quotes[{i}] names the person '{quote['person']}', who is not in people", label)
        for i, relation in enumerate(record["relations"]):
            if relation["target"] is not None and relation["target"] not in keys:
                raise InputError(f"relations[{i}] points at the work '{relation['target']}', which is not in works",
                                 label)
    person_ids: dict[tuple[str, str], str] = {}
    for key, person in doc.people.items():
        for pair in person["external_ids"].items():
            if pair in person_ids:
                raise InputError(f"{pair[0]} id {pair[1]} belongs to both '{person_ids[pair]}' and "
                                 f"'{person['name']}'", "people")
            person_ids[pair] = person["name"]
    for i, lst in enumerate(doc.lists):
        for key in lst["works"]:
            if key not in keys:
                raise InputError(f"names the work '{key}', which is not in works", f"lists[{i}]")


def _number(value: float | None) -> float | int | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def to_json_object(doc: Document, exported_at: str | None = None, app: str | None = None) -> dict[str, Any]:
    """The document as the JSON object written to disk, with keys renumbered in the order written."""
    work_keys: dict[str, str] = {}
    new_keys: dict[int, str] = {}
    for n, record in enumerate(iter_works(doc.works), start=1):
        new_keys[id(record)] = f"w{n}"
        if record["id"] is not None:
            work_keys[record["id"]] = f"w{n}"
    person_keys: dict[str, str] = {}
    for n, key in enumerate(doc.people, start=1):
        person_keys[key] = f"p{n}"

    def work(record: dict[str, Any]) -> dict[str, Any]:
        out = dict(record)
        out["id"] = new_keys[id(record)]
        out["credits"] = [{**c, "person": person_keys[c["person"]]} for c in record["credits"]]
        out["quotes"] = [{**q, "person": person_keys.get(q["person"]) if q["person"] else None}
                         for q in record["quotes"]]
        # A relation to a work outside this document becomes a stub: a document always stands on its own.
        out["relations"] = [{**r, "target": work_keys.get(r["target"]) if r["target"] else None}
                            for r in record["relations"]]
        out["ratings"] = [{**r, "value": _number(r["value"]), "scale": _number(r["scale"])}
                          for r in record["ratings"]]
        out["children"] = [work(child) for child in record["children"]]
        return out

    obj: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if exported_at:
        obj["exported_at"] = exported_at
    if app:
        obj["app"] = app
    obj["catalog"] = {"settings": doc.settings}
    obj["people"] = [{**p, "id": person_keys[k]} for k, p in doc.people.items()]
    obj["works"] = [work(r) for r in doc.works]
    obj["lists"] = [{**lst, "works": [work_keys[w] for w in lst["works"] if w in work_keys]} for lst in doc.lists]
    obj["saved_searches"] = doc.saved_searches
    return obj


def dump(doc: Document, exported_at: str | None = None, app: str | None = None) -> str:
    """The document as Starlight JSON text (UTF-8, scripts written as themselves, two-space indent)."""
    return json.dumps(to_json_object(doc, exported_at, app), ensure_ascii=False, indent=2) + "\n"


__all__ = ["Document", "parse", "dump", "to_json_object", "check_references", "external_ids", "FORMAT", "VERSION"]
