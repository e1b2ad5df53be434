"""Generic CSV/TSV import and export: a header row, a mapping from columns to catalog fields, one work per row.

Import is two steps, as the column-mapping page shows them: `inspect` reads the first rows of a file and guesses its
encoding, delimiter, the mapping of its columns (from the header, and from the values for a personal rating's scale
and a date column's day/month order) and gives a preview; `entries` then reads the whole file as it goes (never
whole) and turns each row into an import entry, or a skipped line naming the file, line and reason. `write` exports
works as a table of chosen columns, its cells safe to open in a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Iterable, Iterator

from ...core.errors import InputError
from ...core.normalize import display_title
from ...core.record import validate_work
from ...core.types import RATING_SCALES, WatchStatus
from .entries import Entry, Skipped, personal_rating, whole_number
from .text_stream import MAX_LINE_BYTES, DecodedLines

#: What a column can feed. `rating.SOURCE` / `votes.SOURCE` / `id.PROVIDER` take the source or provider after the
#: dot; `my_rating.SCALE` the person's own rating on a scale of 5 (stars), 10 or 100; `watched_on.ORDER` a viewing's
#: date, read with the day/month order (dmy or mdy) that slash-written dates of the column use.
TARGETS = ("title", "original_title", "year", "runtime", "content_rating", "synopsis", "genres", "genre_flag",
           "tags", "director", "writer", "cast", "country", "language", "kind", "status", "notes", "ignore")
_WITH_ARGUMENT = ("rating", "votes", "id", "my_rating", "watched_on")
_GUESSES = {
    "title": "title", "name": "title", "primarytitle": "title", "film": "title", "movie": "title",
    "original title": "original_title", "originaltitle": "original_title", "original_title": "original_title",
    "year": "year", "startyear": "year", "release year": "year",
    "length": "runtime", "runtime": "runtime", "runtime (mins)": "runtime", "runtimeminutes": "runtime",
    "mpaa": "content_rating", "certificate": "content_rating", "synopsis": "synopsis", "plot": "synopsis",
    "overview": "synopsis", "genres": "genres", "genre": "genres", "tags": "tags", "keywords": "tags",
    "director": "director", "directors": "director", "writer": "writer", "writers": "writer", "cast": "cast",
    "country": "country", "language": "language", "type": "kind", "title type": "kind",
    "rating": "rating.imdb", "imdb rating": "rating.imdb", "votes": "votes.imdb", "num votes": "votes.imdb",
    "imdb id": "id.imdb", "const": "id.imdb", "tconst": "id.imdb", "tmdb id": "id.tmdb",
    "my rating": "my_rating", "your rating": "my_rating", "personal rating": "my_rating", "stars": "my_rating",
    "my score": "my_rating", "score": "my_rating",
    "status": "status", "my status": "status", "watched": "watched_on", "date watched": "watched_on",
    "watched on": "watched_on", "watched date": "watched_on", "seen": "watched_on", "date rated": "watched_on",
    "timestamp": "watched_on", "notes": "notes", "my notes": "notes", "comment": "notes", "comments": "notes",
    "review": "notes",
}
#: Genre columns holding 0/1 flags in catalog-style data sets (the IMDb movies set has these).
_FLAG_GENRES = {"action", "animation", "comedy", "drama", "documentary", "romance", "short", "horror",
                "thriller", "family", "fantasy", "western", "musical", "war", "crime", "mystery", "adventure"}
_LIST_SPLIT = re.compile(r"\s*[|,;]\s*")
#: The words a status column uses, as the catalog's statuses.
_STATUS_WORDS = {
    "completed": "completed", "complete": "completed", "watched": "completed", "seen": "completed",
    "done": "completed", "finished": "completed", "yes": "completed", "planned": "planned",
    "plan to watch": "planned", "want to watch": "planned", "to watch": "planned", "watchlist": "planned",
    "watching": "watching", "in progress": "watching", "on hold": "on_hold", "on-hold": "on_hold",
    "paused": "on_hold", "dropped": "dropped", "abandoned": "dropped", **{s.value: s.value for s in WatchStatus},
}
#: How many rows `inspect` previews (and reads to guess scales and date orders).
PREVIEW_ROWS = 50
# A cell may be as long as a line may be (a long review); Python's default limit is 128 KiB.
csv.field_size_limit(MAX_LINE_BYTES)


@dataclass
class TableShape:
    """How a table file is read: what the mapping page shows, and the person can change before the import."""

    header: list[str]
    delimiter: str
    encoding: str
    mapping: dict[str, str]
    #: The first rows' cells, as read with the encoding and delimiter above.
    preview: list[list[str]] = field(default_factory=list)
    #: The encoding was guessed from plain ASCII (the first megabyte): the reader tells it again at the first
    #: other byte.
    guessed_from_ascii: bool = False


def guess_mapping(header: list[str], rows: Iterable[list[str]] = ()) -> dict[str, str]:
    """A first mapping of columns to fields from their names (unknown columns are ignored), and from the first
    `rows` for what names cannot say: a personal rating's scale, a date column's day/month order."""
    mapping: dict[str, str] = {}
    for column in header:
        key = column.strip().lower()
        guess = _GUESSES.get(key)
        if guess and guess not in mapping.values():
            mapping[column] = guess
        elif key in _FLAG_GENRES:
            mapping[column] = "genre_flag"
        else:
            mapping[column] = "ignore"
    rows = list(rows)
    for column, target in mapping.items():
        values = [r[header.index(column)] for r in rows if header.index(column) < len(r)]
        if target == "my_rating":
            mapping[column] = f"my_rating.{_scale_of(values)}"
        elif target == "watched_on":
            mapping[column] = f"watched_on.{_day_order(values)}"
    # A table with a personal rating column names the person's own ratings "rating" too (MovieLens, spreadsheets):
    # when its values are stars (½ steps up to 5), it is theirs, not IMDb's.
    for column, target in mapping.items():
        values = [r[header.index(column)] for r in rows if header.index(column) < len(r)]
        if target == "rating.imdb" and "my_rating" not in " ".join(mapping.values()) and _scale_of(values) == 5:
            mapping[column] = "my_rating.5"
    return mapping


def _scale_of(values: list[str]) -> int:
    numbers = [n for n in map(_number, values) if n is not None]
    top = max(numbers, default=10)
    if top <= 5:
        return 5
    return 10 if top <= 10 else 100


def _day_order(values: list[str]) -> str:
    """dmy when a slash-written date of the column has a first part over 12 (or dots, the European way), else mdy."""
    for value in values:
        parts = re.split(r"[/.]", value.strip())
        first = whole_number(parts[0]) if len(parts) == 3 else None
        if first is not None and (first > 12 or "." in value):
            return "dmy"
    return "mdy"


def _check_mapping(mapping: dict[str, str], header: list[str], name: str) -> None:
    for column, target in mapping.items():
        if column not in header:
            raise InputError(f"the mapping names the column '{column}', which the header does not have", name)
        base, _, arg = target.partition(".")
        valid = target in TARGETS or (base in _WITH_ARGUMENT and arg and (
            base != "my_rating" or arg in ("5", "10", "100")) and (base != "watched_on" or arg in ("dmy", "mdy")))
        if not valid:
            raise InputError(f"column '{column}' is mapped to '{target}', which is not a field", name)
    if "title" not in mapping.values():
        raise InputError(f"no column holds the title (header: {', '.join(header)[:200]})", f"{name} line 1")


def _number(text: str) -> float | None:
    try:
        number = float(text)  # most cells: a plain number (float() allows the spaces around it)
    except ValueError:
        text = text.strip().replace(",", "")  # "1,234"
        if not text or text.upper() in ("NA", "N/A", "NULL", "-"):
            return None
        try:
            number = float(text)
        except ValueError:
            return None
    return number if math.isfinite(number) and abs(number) < 1e15 else None


_MONTHS = {m.lower(): n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NAMED = re.compile(r"^(?:(\d{1,2})\.?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})|([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4}))$")


def parse_date(text: str, order: str = "mdy") -> str:
    """A date as a spreadsheet or another tool wrote it, as YYYY-MM-DD: 2024-03-15 (or with a time), 03/15/2024
    and 15/03/2024 (read in the column's `order`), 15.03.2024, 15 March 2024, March 15, 2024, or a Unix time.

    Raises:
        ValueError: not a date in any of these styles (or not a real day).
    """
    text = text.strip()
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _NUMERIC.match(text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        day_first = order == "dmy" or "." in text
        day, month = (first, second) if day_first else (second, first)
    elif m := _NAMED.match(text):
        day, word, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        day, year = int(day), int(year)
        month = _MONTHS.get(word[:3].lower(), 0)
    elif text.isdecimal() and 9 <= len(text) <= 10:  # seconds since 1970 (MovieLens, Trakt's older files)
        return dt.datetime.fromtimestamp(int(text), dt.timezone.utc).date().isoformat()
    else:
        raise ValueError(f"{text!r} is not a date")
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as e:  # 31/02/2024
        raise ValueError(f"{text!r} is not a date ({e})") from e


class RowReader:
    """Turns a table's rows into validated records, the mapping worked out once for the whole file."""

    def __init__(self, header: list[str], mapping: dict[str, str]) -> None:
        place = {column: n for n, column in enumerate(header)}
        #: (cell index, column, field, argument) of each mapped column, in the header's order.
        self.steps = [(place[column], column, *target.partition(".")[::2])
                      for column, target in mapping.items() if target != "ignore"]
        self.title_at = next(n for n, _, target, _ in self.steps if target == "title")

    def title(self, cells: list[str]) -> str:
        return cells[self.title_at].strip() if self.title_at < len(cells) else ""

    def record(self, cells: list[str], where: str, people: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """One row as a validated record; people named in it are added to `people` (keyed by name).

        Raises:
            InputError: a value that cannot be taken (where: the line and column).
        """
        obj: dict[str, Any] = {}
        genres: list[str] = []
        ratings: dict[str, dict[str, Any]] = {}
        credits: list[dict[str, Any]] = []
        ids: dict[str, str] = {}
        width = len(cells)
        for index, column, target, arg in self.steps:
            value = cells[index].strip() if index < width else ""
            if not value:
                continue
            if target == "genre_flag":
                if value not in ("0", "false", "False", "no"):
                    genres.append(column.strip())
            elif target == "title":
                obj["title"] = display_title(value)
            elif target in ("year", "runtime"):
                number = _number(value)
                if number is None or not number.is_integer():
                    raise InputError(f"{target} must be a whole number, not {value!r}"[:200],
                                     f"{where} column '{column}'")
                obj[target] = int(number)
            elif target in ("original_title", "content_rating", "synopsis"):
                obj[target] = value
            elif target == "kind":
                obj[target] = value.lower()
            elif target == "genres":
                genres += [g for g in _LIST_SPLIT.split(value) if g]
            elif target == "tags":
                obj.setdefault("tags", []).extend(t for t in _LIST_SPLIT.split(value) if t)
            elif target in ("country", "language"):
                obj.setdefault(target + "s", []).extend(v for v in _LIST_SPLIT.split(value) if v)
            elif target in ("director", "writer", "cast"):
                for person in (p for p in _LIST_SPLIT.split(value) if p):
                    key = f"name:{person}"
                    people.setdefault(key, {"id": key, "name": person, "original_name": None, "external_ids": {}})
                    credits.append({"person": key, "role": target, "billing": len(credits)})
            elif target in ("rating", "votes"):
                number = _number(value)
                if number is None:
                    raise InputError(f"{target}.{arg} must be a number, not {value!r}"[:200],
                                     f"{where} column '{column}'")
                entry = ratings.setdefault(arg, {"source": arg})
                if target == "rating":
                    entry["value"] = number
                    entry["scale"] = RATING_SCALES.get(arg, 10.0)
                else:
                    entry["votes"] = int(number)
            elif target == "id":
                ids[arg] = value
            else:
                _lay_personal(obj, target, arg, value, f"{where} column '{column}'")
        if genres:
            obj["genres"] = list(dict.fromkeys(genres))
        if credits:
            obj["credits"] = credits
        if ids:
            obj["external_ids"] = ids
        if ratings:
            obj["ratings"] = [r for r in ratings.values() if "value" in r]
        if "title" not in obj:
            raise InputError("the title is empty", where)
        return validate_work(obj, where)


def _lay_personal(obj: dict[str, Any], target: str, arg: str, value: str, where: str) -> None:
    """A personal column's value on the record's layer (rating, status, a viewing's date, notes)."""
    personal = obj.setdefault("personal", {"viewings": []})
    if target == "my_rating":
        number = _number(value)
        scale = int(arg)
        if number is None or not 0 <= number <= scale:
            raise InputError(f"the rating {value!r} is not a number from 0 to {scale}"[:200], where)
        personal["rating"] = personal_rating(number, scale)
    elif target == "status":
        status = _STATUS_WORDS.get(value.lower())
        if status is None:
            raise InputError(f"the status {value!r} is not one the catalog knows "
                             f"({', '.join(s.value for s in WatchStatus)})"[:300], where)
        personal["status"] = status
    elif target == "watched_on":
        try:
            day = parse_date(value, arg)
        except ValueError as e:
            raise InputError(f"{e}: dates are read as 2024-03-15, 15 March 2024, or "
                             f"{'15/03/2024' if arg == 'dmy' else '03/15/2024'} in this column", where) from e
        personal["viewings"].append({"date": day})
        personal.setdefault("status", "completed")
    elif target == "notes":
        personal["notes"] = value


def _skipped(error: InputError, where: str, title: str) -> Skipped:
    """A row that cannot be taken, named by its line (and column, when one cell is wrong) and the field's name."""
    tail = (error.where or where)[len(where):]
    if tail.startswith(" column") or not tail:
        return Skipped(error.where or where, title[:200], error.message)
    field = tail.split(").", 1)[1] if ")." in tail else tail.strip(" .")  # " ('Future').year" → "year"
    return Skipped(where, title[:200], f"{field}: {error.message}" if field else error.message)


def _sniff_delimiter(first_line: str) -> str:
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def inspect(stream: BinaryIO, name: str, encoding: str | None = None, delimiter: str | None = None,
            mapping: dict[str, str] | None = None, check: bool = True) -> TableShape:
    """A table file's shape from its first rows: encoding, delimiter, header, a guessed (or the given) mapping and
    a preview. The stream is left where it was. `check=False` takes a mapping without a title (one the person is
    still making).

    Raises:
        InputError: empty, no header, a header naming a column twice, not text, or a mapping without a title.
    """
    start = stream.tell()
    lines = DecodedLines(stream, name, encoding)
    reader = None
    try:
        first_rows: list[list[str]] = []
        iterator = iter(lines)
        first = next(iterator, "")
        while first and not first.strip():  # blank lines before the header
            first = next(iterator, "")
        if not first.strip():
            raise InputError("is empty", name)
        delimiter = delimiter or _sniff_delimiter(first)
        reader = csv.reader(_chain([first], iterator), delimiter=delimiter)
        # A quoted header cell may hold line breaks: a column's name is one line, as messages and the mapping show it
        header = [" ".join(h.lstrip("\ufeff").split()) or f"(column {n})" for n, h in enumerate(next(reader), 1)]
        _check_header(header, name)
        for cells in reader:
            if any(c.strip() for c in cells):
                first_rows.append(cells)
            if len(first_rows) >= PREVIEW_ROWS:
                break
    except csv.Error as e:
        raise InputError(f"is not valid CSV ({e})", f"{name} line {reader.line_num}") from e
    finally:
        stream.seek(start)
    mapping = mapping or guess_mapping(header, first_rows)
    if check:
        _check_mapping(mapping, header, name)
    return TableShape(header, delimiter, lines.encoding, mapping, first_rows, lines.plain and encoding is None)


def header_of(reader: csv.DictReader, where: str) -> list[str] | None:
    """A DictReader's header row (None for an empty file).

    Raises:
        InputError: the header is not CSV (a quote left open runs past the field limit).
    """
    try:
        return reader.fieldnames
    except csv.Error as e:
        raise InputError(f"is not valid CSV ({e})", f"{where} line 1") from e


def dict_rows(reader: csv.DictReader, where: str, offset: int = 0) -> Iterator[dict[str, Any]]:
    """A DictReader's rows (`offset`: lines of the file before the reader's text).

    Raises:
        InputError: a row that is not CSV (a quote left open runs on past the field limit), naming its first line.
    """
    first = offset + reader.line_num + 1
    try:
        for row in reader:
            yield row
            first = offset + reader.line_num + 1
    except csv.Error as e:
        raise InputError(f"is not valid CSV from this line on ({e})", f"{where} line {first}") from e


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _check_header(header: list[str], name: str) -> None:
    if not any(header):
        raise InputError("has no header row", f"{name} line 1")
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise InputError(f"the header names the column '{dup}' twice", f"{name} line 1")


def entries(stream: BinaryIO, name: str, shape: TableShape) -> Iterator[Entry | Skipped]:
    """Every row of a table as an import entry (with the people it names), or a skipped line and why.

    Raises:
        InputError: the file as a whole cannot be read on (not text in its encoding from some line on, not CSV).
    """
    _check_mapping(shape.mapping, shape.header, name)
    lines = DecodedLines(stream, name, shape.encoding, shape.guessed_from_ascii)
    reader = csv.reader(iter(lines), delimiter=shape.delimiter)
    rows = RowReader(shape.header, shape.mapping)
    width = len(shape.header)
    first = 1  # a quoted cell may hold line breaks: a row is named by the line it starts on
    try:
        head = next(reader, None)
        while head is not None and not any(c.strip() for c in head):  # blank lines before the header
            head = next(reader, None)
        first = reader.line_num + 1
        for cells in reader:
            where = f"{name} line {first}"
            first = reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                yield Skipped(where, rows.title(cells), f"has {len(cells)} cells but the header has {width} columns")
                continue
            people: dict[str, dict[str, Any]] = {}
            try:
                yield Entry(rows.record(cells, where, people), where, people)
            except InputError as e:
                yield _skipped(e, where, rows.title(cells))
    except csv.Error as e:  # a quote left open runs on to the end of the file, or past the field limit
        raise InputError(f"is not valid CSV from this line on ({e})", f"{name} line {first}") from e


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
