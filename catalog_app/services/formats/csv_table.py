"""Generic CSV/TSV import: a header row, a mapping from columns to catalog fields, one work per row.

`guess_mapping` proposes a mapping from the header (the column-mapping step starts from it); `read_rows`
turns rows into validated records, lazily, naming the file and line of the first row that cannot be taken. `write`
exports works as a table of chosen columns, its cells safe to open in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Any, Iterator, TextIO

from ...core.errors import InputError
from ...core.normalize import display_title
from ...core.record import validate_work
from ...core.types import RATING_SCALES

#: What a column can feed. `rating.SOURCE` / `votes.SOURCE` / `id.PROVIDER` take the source or provider after the dot.
TARGETS = ("title", "original_title", "year", "runtime", "content_rating", "synopsis", "genres", "genre_flag",
           "tags", "director", "writer", "cast", "country", "language", "kind", "ignore")
_GUESSES = {
    "title": "title", "name": "title", "primarytitle": "title", "original title": "original_title",
    "originaltitle": "original_title", "original_title": "original_title", "year": "year", "startyear": "year",
    "length": "runtime", "runtime": "runtime", "runtime (mins)": "runtime", "runtimeminutes": "runtime",
    "mpaa": "content_rating", "certificate": "content_rating", "synopsis": "synopsis", "plot": "synopsis",
    "overview": "synopsis", "genres": "genres", "genre": "genres", "tags": "tags", "keywords": "tags",
    "director": "director", "directors": "director", "writer": "writer", "writers": "writer", "cast": "cast",
    "country": "country", "language": "language", "type": "kind", "title type": "kind",
    "rating": "rating.imdb", "imdb rating": "rating.imdb", "votes": "votes.imdb", "num votes": "votes.imdb",
    "imdb id": "id.imdb", "const": "id.imdb", "tconst": "id.imdb", "tmdb id": "id.tmdb",
}
#: Genre columns holding 0/1 flags in catalog-style data sets (the IMDb movies set has these).
_FLAG_GENRES = {"action", "animation", "comedy", "drama", "documentary", "romance", "short", "horror",
                "thriller", "family", "fantasy", "western", "musical", "war", "crime", "mystery", "adventure"}
_LIST_SPLIT = re.compile(r"\s*[|,;]\s*")


def guess_mapping(header: list[str]) -> dict[str, str]:
    """A first mapping of columns to fields from their names; unknown columns are ignored."""
    mapping: dict[str, str] = {}
    for column in header:
        key = column.strip().lower()
        if key in _GUESSES and _GUESSES[key] not in mapping.values():
            mapping[column] = _GUESSES[key]
        elif key in _FLAG_GENRES:
            mapping[column] = "genre_flag"
        else:
            mapping[column] = "ignore"
    return mapping


def _check_mapping(mapping: dict[str, str], header: list[str], name: str) -> None:
    for column, target in mapping.items():
        if column not in header:
            raise InputError(f"the mapping names the column '{column}', which the header does not have", name)
        base, _, arg = target.partition(".")
        if not (target in TARGETS or (base in ("rating", "votes", "id") and arg)):
            raise InputError(f"column '{column}' is mapped to '{target}', which is not a field", name)
    if "title" not in mapping.values():
        raise InputError(f"no column holds the title (header: {', '.join(header)[:200]})", f"{name} line 1")


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    if not text or text.upper() in ("NA", "N/A", "NULL", "-"):
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) and abs(number) < 1e15 else None


def row_to_record(row: dict[str, str], mapping: dict[str, str], where: str,
                  people: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One row as a validated record; people named in it are added to `people` (keyed by name)."""
    obj: dict[str, Any] = {}
    genres: list[str] = []
    ratings: dict[str, dict[str, Any]] = {}
    credits: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    for column, target in mapping.items():
        if target == "ignore":
            continue
        value = (row.get(column) or "").strip()
        if not value:
            continue
        base, _, arg = target.partition(".")
        if target == "title":
            obj["title"] = display_title(value)
        elif target in ("original_title", "content_rating", "synopsis", "kind"):
            obj[target] = value.lower() if target == "kind" else value
        elif target in ("year", "runtime"):
            number = _number(value)
            if number is None or not number.is_integer():
                raise InputError(f"{target} must be a whole number, not {value!r}"[:200], f"{where} column '{column}'")
            obj[target] = int(number)
        elif target == "genres":
            genres += [g for g in _LIST_SPLIT.split(value) if g]
        elif target == "genre_flag":
            if value not in ("0", "false", "False", "no"):
                genres.append(column.strip())
        elif target == "tags":
            obj.setdefault("tags", []).extend(t for t in _LIST_SPLIT.split(value) if t)
        elif target in ("country", "language"):
            obj.setdefault(target + "s", []).extend(v for v in _LIST_SPLIT.split(value) if v)
        elif target in ("director", "writer", "cast"):
            for person in (p for p in _LIST_SPLIT.split(value) if p):
                key = f"name:{person}"
                people.setdefault(key, {"id": key, "name": person, "original_name": None, "external_ids": {}})
                credits.append({"person": key, "role": target, "billing": len(credits)})
        elif base in ("rating", "votes"):
            number = _number(value)
            if number is None:
                raise InputError(f"{target} must be a number, not {value!r}"[:200], f"{where} column '{column}'")
            entry = ratings.setdefault(arg, {"source": arg})
            if base == "rating":
                entry["value"] = number
                entry["scale"] = RATING_SCALES.get(arg, 10.0)
            else:
                entry["votes"] = int(number)
        elif base == "id":
            ids[arg] = value
    if genres:
        obj["genres"] = list(dict.fromkeys(genres))
    if credits:
        obj["credits"] = credits
    if ids:
        obj["external_ids"] = ids
    obj["ratings"] = [r for r in ratings.values() if "value" in r]
    if "title" not in obj:
        raise InputError("the title is empty", where)
    return validate_work(obj, where)


def read_rows(stream: TextIO, name: str, mapping: dict[str, str] | None = None,
              delimiter: str | None = None) -> tuple[dict[str, str], Iterator[dict[str, Any]], dict[str, dict]]:
    """Open a CSV stream: returns the mapping in use, an iterator of records and the people dict it fills.

    Raises:
        InputError: no header, a header without a title column, or (while iterating) a row that cannot be taken.
    """
    head = stream.read(65536)
    if not head.strip():
        raise InputError("is empty", name)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","

    def lines() -> Iterator[str]:
        rest = stream
        buffer = head
        while True:
            while "\n" in buffer:
                line, buffer = buffer.split("\n", 1)
                yield line + "\n"
            more = rest.read(65536)
            if not more:
                if buffer:
                    yield buffer
                return
            buffer += more

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration as e:
        raise InputError("has no header row", name) from e
    header = [h.lstrip("\ufeff") for h in header]
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise InputError(f"the header names the column '{dup}' twice", f"{name} line 1")
    mapping = mapping or guess_mapping(header)
    _check_mapping(mapping, header, name)
    people: dict[str, dict[str, Any]] = {}
    active = {column: target for column, target in mapping.items() if target != "ignore"}

    def records() -> Iterator[dict[str, Any]]:
        try:
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                where = f"{name} line {reader.line_num}"
                if len(cells) > len(header):
                    raise InputError(f"has {len(cells)} cells but the header has {len(header)} columns", where)
                yield row_to_record(dict(zip(header, cells)), active, where, people)
        except csv.Error as e:
            raise InputError(f"is not valid CSV ({e})", f"{name} line {reader.line_num}") from e

    return mapping, records(), people


# ---- export ---------------------------------------------------------------------------------------------------

#: Columns a CSV export can have, and the default choice.
EXPORT_COLUMNS = ("title", "original_title", "year", "kind", "anime", "runtime", "director", "genres", "tags",
                  "countries", "languages", "status", "rating", "viewed", "imdb", "tmdb", "mal", "synopsis")
DEFAULT_EXPORT_COLUMNS = ("title", "original_title", "year", "kind", "director", "genres", "status", "rating", "imdb")
#: A cell starting with one of these is a formula to a spreadsheet (CSV injection): it is written after a quote mark.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run: "=HYPERLINK(…)" → "'=HYPERLINK(…)"."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write(records: list[dict[str, Any]], people: dict[str, dict[str, Any]],
          columns: tuple[str, ...] = DEFAULT_EXPORT_COLUMNS) -> str:
    """Works as a CSV table with a header of `columns` (see EXPORT_COLUMNS); lists are joined with " | "."""
    unknown = [c for c in columns if c not in EXPORT_COLUMNS]
    if unknown:
        raise InputError(f"unknown column '{unknown[0]}' (known: {', '.join(EXPORT_COLUMNS)})", "--columns")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        personal = record["personal"] or {}
        values: dict[str, Any] = {
            **{k: record[k] for k in ("title", "original_title", "year", "kind", "runtime", "synopsis")},
            "anime": "yes" if record["anime"] else "",
            "director": " | ".join(people[c["person"]]["name"] for c in record["credits"]
                                   if c["role"] == "director" and c["person"] in people),
            **{k: " | ".join(record[k]) for k in ("genres", "tags", "countries", "languages")},
            "status": personal.get("status"), "rating": personal.get("rating"),
            "viewed": " | ".join(v["date"] for v in personal.get("viewings") or [] if v.get("date")),
            **{k: record["external_ids"].get(k) for k in ("imdb", "tmdb", "mal")}}
        writer.writerow([neutralize(str(values[c])) if values[c] not in (None, "") else "" for c in columns])
    return out.getvalue()
