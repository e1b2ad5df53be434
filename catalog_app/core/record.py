"""A work as plain data (the shape of the native format's work objects) and its validation.

Every path into the catalog (native JSON, CSV, the sample, later providers and the editor) hands the store
records checked here, so one set of rules says what a title, a year or a rating may be. `validate_work`
returns a normalized copy or raises `InputError` naming the field's path ("works[3].ratings[0].value").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any, Callable

from .errors import InputError
from .types import (
    EXTERNAL_ID_PATTERNS,
    MAX_YEAR,
    MIN_YEAR,
    RATING_SCALES,
    AvailabilityKind,
    CompanyRole,
    CopyFormat,
    CreditRole,
    ImageKind,
    QuoteKind,
    RelationKind,
    ReleaseKind,
    SourceKind,
    TitleKind,
    WatchStatus,
    WorkKind,
)

#: Longest one-line text (titles, names, places) and longest long text (synopsis, notes, quotes), in characters.
MAX_SHORT_TEXT = 2_000
MAX_LONG_TEXT = 100_000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")
_CODE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
_HASH = re.compile(r"^[0-9a-f]{64}$")
_KEY = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_ID_PATTERNS = {name: re.compile(f"^(?:{pattern})$") for name, pattern in EXTERNAL_ID_PATTERNS.items()}


class FieldChecker:  # also used by the format modules for their own objects
    """Checks one object's fields, each at a path, and collects the normalized values."""

    def __init__(self, obj: Any, where: str, allowed: set[str]) -> None:
        if not isinstance(obj, dict):
            raise InputError(f"expected an object, found {_type_name(obj)}", where)
        unknown = sorted(set(obj) - allowed)
        if unknown:
            raise InputError(f"unknown field '{unknown[0]}'", where)
        self.obj = obj
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def text(self, key: str, required: bool = False, limit: int = MAX_SHORT_TEXT) -> str | None:
        value = self.obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip() and not required):
            if required:
                raise InputError("is required" if value is None else "must not be empty", self.at(key))
            return None
        if not isinstance(value, str):
            raise InputError(f"must be text, found {_type_name(value)}", self.at(key))
        if required and not value.strip():
            raise InputError("must not be empty", self.at(key))
        if len(value) > limit:
            raise InputError(f"is {len(value):,} characters long; at most {limit:,} are kept", self.at(key))
        return clean_text(value, self.at(key), short=limit == MAX_SHORT_TEXT)

    def integer(self, key: str, low: int, high: int) -> int | None:  # noqa: C901
        value = self.obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
                value = int(value)
            else:
                raise InputError(f"must be a whole number, found {_type_name(value)} {_short(value)}", self.at(key))
        if not low <= value <= high:
            raise InputError(f"must be between {low} and {high}, not {value}", self.at(key))
        return value

    def number(self, key: str, low: float, high: float, required: bool = False) -> float | None:
        value = self.obj.get(key)
        if value is None:
            if required:
                raise InputError("is required", self.at(key))
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise InputError(f"must be a number, found {_type_name(value)}", self.at(key))
        if not low <= value <= high:
            raise InputError(f"must be between {low:g} and {high:g}, not {_short(value)}", self.at(key))
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.obj.get(key, False)
        if not isinstance(value, bool):
            raise InputError(f"must be true or false, found {_type_name(value)}", self.at(key))
        return value

    def choice(self, key: str, choices: type, default: str | None = None) -> str | None:
        value = self.obj.get(key, default)
        if value is None:
            return None
        allowed = _values(choices)
        if not isinstance(value, str) or value not in allowed:
            raise InputError(f"must be one of {', '.join(sorted(allowed))}, not {value!r}"[:300], self.at(key))
        return str(value)

    def date(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is None:
            return None
        if not _DATE.match(value) or not _plausible_date(value):
            raise InputError(f"must be a date like 2025-05-30, 2025-05 or 2025, not {value!r}"[:200], self.at(key))
        return value

    def timestamp(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if _TIMESTAMP.match(value) else None
            if stamp is not None and stamp.tzinfo is not None:
                stamp = stamp.astimezone(dt.timezone.utc)
        except (ValueError, OverflowError):
            stamp = None
        if stamp is None or not MIN_YEAR <= stamp.year <= MAX_YEAR:
            raise InputError(f"must be a timestamp like 2025-05-30T12:00:00Z, not {value!r}"[:200], self.at(key))
        return value

    def code(self, key: str, country: bool = False) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        return _code(value, self.at(key), country)

    def items(self, key: str, check: Callable[[Any, str], Any]) -> list[Any]:
        value = self.obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise InputError(f"must be a list, found {_type_name(value)}", self.at(key))
        return [check(item, f"{self.at(key)}[{i}]") for i, item in enumerate(value)]


@functools.cache
def _values(choices: type) -> frozenset[str]:
    """The values of an enumeration, computed once: every record checks thousands of them."""
    return frozenset(c.value for c in choices)  # type: ignore[attr-defined]


def clean_text(value: str, where: str, short: bool = True) -> str:
    """Text as stored: NFC (so decomposed Hangul from some systems matches), no NUL, encodable as UTF-8."""
    if "\x00" in value:
        raise InputError("contains a NUL character", where)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(f"contains a broken character (U+{ord(value[e.start]):04X})", where) from e
    value = unicodedata.normalize("NFC", value)
    return value.strip() if short else value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _code(value: str, where: str, country: bool) -> str:
    """A language code in lower case ("ko", "pt-br") or a country code in upper case ("KR")."""
    if not isinstance(value, str) or len(value) > 35 or not _CODE.match(value):
        raise InputError(f"must be a language or country code like 'ko' or 'KR', not {_short(value)}", where)
    return value.upper() if country else value.lower()


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _plausible_date(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    if not MIN_YEAR <= parts[0] <= MAX_YEAR:
        return False
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        try:
            dt.date(*parts)
        except ValueError:
            return False
    return True


def _name_list(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError("must be non-empty text", where)
    if len(value) > MAX_SHORT_TEXT:
        raise InputError(f"is {len(value):,} characters long; at most {MAX_SHORT_TEXT:,} are kept", where)
    return clean_text(value, where)


def _country_item(value: Any, where: str) -> str:
    return _code(value, where, country=True)


def _language_item(value: Any, where: str) -> str:
    return _code(value, where, country=False)


def _alt_title(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"title", "language", "country", "kind"})
    return {"title": c.text("title", required=True), "language": c.code("language"),
            "country": c.code("country", country=True),
            "kind": c.choice("kind", TitleKind, TitleKind.ALTERNATIVE)}


def _release(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"country", "date", "kind", "note"})
    return {"country": c.code("country", country=True), "date": c.date("date", required=True),
            "kind": c.choice("kind", ReleaseKind, ReleaseKind.THEATRICAL), "note": c.text("note")}


def _credit(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"person", "role", "character", "billing", "note"})
    person = c.text("person", required=True)
    return {"person": person, "role": c.choice("role", CreditRole) or _missing(c, "role"),
            "character": c.text("character"), "billing": c.integer("billing", 0, 1_000_000), "note": c.text("note")}


def _missing(c: FieldChecker, key: str) -> Any:
    raise InputError("is required", c.at(key))


def _company(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"name", "role"})
    return {"name": c.text("name", required=True), "role": c.choice("role", CompanyRole) or _missing(c, "role")}


def _rating(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"source", "value", "scale", "votes", "url", "retrieved_on"})
    source = c.text("source", required=True)
    assert source is not None
    if not _KEY.match(source):
        raise InputError(f"must be a short name like 'imdb' or 'rotten_tomatoes', not {source!r}"[:200],
                         c.at("source"))
    source = source.lower()
    scale = c.number("scale", 0.001, 1_000_000) or RATING_SCALES.get(source)
    if scale is None:
        raise InputError(f"is required for the source '{source}' (known sources: "
                         f"{', '.join(sorted(RATING_SCALES))})", c.at("scale"))
    return {"source": source, "value": c.number("value", 0, scale, required=True), "scale": scale,
            "votes": c.integer("votes", 0, 10**12), "url": _url(c, "url"), "retrieved_on": c.date("retrieved_on")}


def _url(c: FieldChecker, key: str) -> str | None:
    value = c.text(key)
    if value is not None and not re.match(r"^https?://\S+$", value, re.IGNORECASE):
        raise InputError(f"must be an http(s) link, not {value!r}"[:200], c.at(key))
    return value


def _availability(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"platform", "region", "kind", "url", "checked_on"})
    return {"platform": c.text("platform", required=True), "region": c.code("region", country=True),
            "kind": c.choice("kind", AvailabilityKind, AvailabilityKind.STREAM), "url": _url(c, "url"),
            "checked_on": c.date("checked_on")}


def _relation(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"kind", "target", "title", "year", "target_kind", "target_ids", "note"})
    return {"kind": c.choice("kind", RelationKind) or _missing(c, "kind"), "target": c.text("target"),
            "title": c.text("title", required=True), "year": c.integer("year", MIN_YEAR, MAX_YEAR),
            "target_kind": c.choice("target_kind", WorkKind),
            "target_ids": external_ids(c.obj.get("target_ids"), c.at("target_ids")), "note": c.text("note")}


def _quote(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"text", "kind", "author", "person", "outlet", "url", "date", "language"})
    return {"text": c.text("text", required=True, limit=MAX_LONG_TEXT), "kind": c.choice("kind", QuoteKind, "quote"),
            "author": c.text("author"), "person": c.text("person"), "outlet": c.text("outlet"), "url": _url(c, "url"),
            "date": c.date("date"), "language": c.code("language")}


def external_ids(obj: Any, where: str) -> dict[str, str]:
    """Check a {provider: id} mapping: known providers, ids of the provider's shape."""
    if obj is None:
        return {}
    if not isinstance(obj, dict):
        raise InputError(f"expected an object, found {_type_name(obj)}", where)
    out: dict[str, str] = {}
    for provider, value in obj.items():
        pattern = _ID_PATTERNS.get(provider)
        if pattern is None:
            raise InputError(f"unknown provider '{provider}' (known: {', '.join(sorted(_ID_PATTERNS))})"[:300], where)
        if not isinstance(value, str) or not pattern.match(value):
            raise InputError(f"{value!r} is not a valid {provider} id"[:200], f"{where}.{provider}")
        out[provider] = value
    return out


def _image(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"kind", "hash", "mime", "width", "height", "size", "source_url", "primary"})
    digest = c.text("hash", required=True)
    if not _HASH.match(digest or ""):
        raise InputError("must be the file's sha256 in lowercase hex", c.at("hash"))
    return {"kind": c.choice("kind", ImageKind) or _missing(c, "kind"), "hash": digest,
            "mime": c.text("mime", required=True), "width": c.integer("width", 1, 100_000),
            "height": c.integer("height", 1, 100_000), "size": c.integer("size", 0, 10**10) or 0,
            "source_url": _url(c, "source_url"), "primary": c.flag("primary")}


#: Fields of a work whose provenance can be recorded; "*" stands for every field without its own entry.
PROVENANCE_FIELDS = frozenset({
    "*", "kind", "anime", "title", "original_title", "original_language", "sort_title", "titles", "year", "end_year",
    "runtime", "release_dates", "countries", "languages", "synopsis", "tagline", "content_rating", "setting",
    "music", "genres", "tags", "credits", "companies", "ratings", "availability", "relations", "quotes",
    "external_ids", "images", "number",
})


def _provenance(obj: Any, where: str) -> dict[str, dict[str, Any]]:
    if obj is None:
        return {}
    if not isinstance(obj, dict):
        raise InputError(f"expected an object, found {_type_name(obj)}", where)
    out: dict[str, dict[str, Any]] = {}
    for field_name, entry in obj.items():
        if field_name not in PROVENANCE_FIELDS:
            raise InputError(f"'{field_name}' is not a field of a work", where)
        c = FieldChecker(entry, f"{where}.{field_name}", {"source", "name", "at", "locked"})
        out[field_name] = {"source": c.choice("source", SourceKind) or _missing(c, "source"), "name": c.text("name"),
                           "at": c.timestamp("at"), "locked": c.flag("locked")}
    return out


def _viewing(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"date", "rewatch", "note"})
    return {"date": c.date("date"), "rewatch": c.flag("rewatch"), "note": c.text("note", limit=MAX_LONG_TEXT)}


def _copy(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"format", "edition", "location", "loaned_to", "loaned_on", "acquired_on", "note"})
    return {"format": c.choice("format", CopyFormat) or _missing(c, "format"), "edition": c.text("edition"),
            "location": c.text("location"), "loaned_to": c.text("loaned_to"), "loaned_on": c.date("loaned_on"),
            "acquired_on": c.date("acquired_on"), "note": c.text("note", limit=MAX_LONG_TEXT)}


def _personal(obj: Any, where: str) -> dict[str, Any] | None:
    if obj is None:
        return None
    c = FieldChecker(obj, where, {"status", "rating", "favourite", "notes", "viewings", "copies"})
    return {"status": c.choice("status", WatchStatus), "rating": c.integer("rating", 0, 100),
            "favourite": c.flag("favourite"), "notes": c.text("notes", limit=MAX_LONG_TEXT),
            "viewings": c.items("viewings", _viewing), "copies": c.items("copies", _copy)}


#: Kinds a work nested under another may have.
CHILD_KINDS_IN_FORMAT = frozenset({WorkKind.SEASON, WorkKind.EPISODE, WorkKind.SPECIAL})

WORK_FIELDS = {
    "id", "kind", "anime", "number", "title", "original_title", "original_language", "sort_title", "titles", "year",
    "end_year", "runtime", "release_dates", "countries", "languages", "synopsis", "tagline", "content_rating",
    "setting", "music", "genres", "tags", "credits", "companies", "ratings", "availability", "relations", "quotes",
    "external_ids", "images", "provenance", "personal", "added_at", "updated_at", "version", "children",
}


def validate_work(obj: Any, where: str = "work", depth: int = 0) -> dict[str, Any]:
    """Check one work (and its children) and return it normalized; missing lists become empty lists.

    Raises:
        InputError: the first field that cannot be taken, with its path.
    """
    c = FieldChecker(obj, where, WORK_FIELDS)
    title = c.text("title", required=True)
    label = f"{where} ('{title[:60]}')"
    c.where = label
    kind = c.choice("kind", WorkKind, WorkKind.FILM)
    year = c.integer("year", MIN_YEAR, MAX_YEAR)
    end_year = c.integer("end_year", MIN_YEAR, MAX_YEAR)
    if year is not None and end_year is not None and end_year < year:
        raise InputError(f"ends ({end_year}) before it starts ({year})", c.at("end_year"))
    key = c.text("id")
    if key is not None and not _KEY.match(key):
        raise InputError("must be a short key of letters, digits and _.:-", c.at("id"))
    if depth > 0 and kind not in CHILD_KINDS_IN_FORMAT:
        raise InputError(f"a work inside another must be a season, an episode or a special, not a {kind}",
                         c.at("kind"))
    if depth >= 2 and c.obj.get("children"):
        raise InputError("works nest at most as series → season → episode", c.at("children"))
    obj = c.obj  # absent fields take their defaults without a check: most records fill few of them
    record = {
        "id": key,
        "kind": kind,
        "anime": c.flag("anime") if "anime" in obj else False,
        "number": c.integer("number", 0, 1_000_000) if "number" in obj else None,
        "title": title,
        "original_title": c.text("original_title") if "original_title" in obj else None,
        "original_language": c.code("original_language") if "original_language" in obj else None,
        "sort_title": c.text("sort_title") if "sort_title" in obj else None,
        "titles": c.items("titles", _alt_title) if "titles" in obj else [],
        "year": year,
        "end_year": end_year,
        "runtime": c.integer("runtime", 0, 100_000) if "runtime" in obj else None,
        "release_dates": c.items("release_dates", _release) if "release_dates" in obj else [],
        "countries": c.items("countries", _country_item) if "countries" in obj else [],
        "languages": c.items("languages", _language_item) if "languages" in obj else [],
        "synopsis": c.text("synopsis", limit=MAX_LONG_TEXT) if "synopsis" in obj else None,
        "tagline": c.text("tagline") if "tagline" in obj else None,
        "content_rating": c.text("content_rating") if "content_rating" in obj else None,
        "setting": c.text("setting") if "setting" in obj else None,
        "music": c.text("music", limit=MAX_LONG_TEXT) if "music" in obj else None,
        "genres": c.items("genres", _name_list) if "genres" in obj else [],
        "tags": c.items("tags", _name_list) if "tags" in obj else [],
        "credits": c.items("credits", _credit) if "credits" in obj else [],
        "companies": c.items("companies", _company) if "companies" in obj else [],
        "ratings": c.items("ratings", _rating) if "ratings" in obj else [],
        "availability": c.items("availability", _availability) if "availability" in obj else [],
        "relations": c.items("relations", _relation) if "relations" in obj else [],
        "quotes": c.items("quotes", _quote) if "quotes" in obj else [],
        "external_ids": external_ids(obj["external_ids"], c.at("external_ids")) if "external_ids" in obj else {},
        "images": c.items("images", _image) if "images" in obj else [],
        "provenance": _provenance(obj["provenance"], c.at("provenance")) if "provenance" in obj else {},
        "personal": _personal(obj["personal"], c.at("personal")) if "personal" in obj else None,
        "added_at": c.timestamp("added_at") if "added_at" in obj else None,
        "updated_at": c.timestamp("updated_at") if "updated_at" in obj else None,
        "version": c.integer("version", 1, 2**31 - 1) if "version" in obj else None,
        "children": (c.items("children", lambda child, at: validate_work(child, at, depth + 1))
                     if "children" in obj else []),
    }
    if record["countries"]:
        _unique(record["countries"], c.at("countries"))
    if record["languages"]:
        _unique(record["languages"], c.at("languages"))
    if len(record["ratings"]) > 1:
        _unique([r["source"] for r in record["ratings"]], c.at("ratings"), "rating source")
    return record


def _unique(values: list[str], where: str, what: str = "entry") -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        folded = value.casefold()
        if folded in seen:
            raise InputError(f"{what} {value!r} appears twice", f"{where}[{i}]")
        seen.add(folded)


def validate_person(obj: Any, where: str) -> dict[str, Any]:
    c = FieldChecker(obj, where, {"id", "name", "original_name", "external_ids"})
    key = c.text("id", required=True)
    if not _KEY.match(key or ""):
        raise InputError("must be a short key of letters, digits and _.:-", c.at("id"))
    return {"id": key, "name": c.text("name", required=True), "original_name": c.text("original_name"),
            "external_ids": external_ids(c.obj.get("external_ids"), c.at("external_ids"))}


def iter_works(records: list[dict[str, Any]]):
    """Every work of a list of records, children after their parent (depth first)."""
    for record in records:
        yield record
        yield from iter_works(record["children"])
