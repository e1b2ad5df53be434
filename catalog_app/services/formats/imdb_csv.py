"""IMDb's list exports (ratings.csv, the watchlist and other lists as CSV) → one entry per row: the title with its
IMDb id, kind, year, runtime, genres, directors and IMDb score, and the person's rating (1–10 → 10–100, which marks
it seen) or a place on the watchlist. Parsing is pure and reads the stream as it goes."""

from __future__ import annotations

import csv
from typing import Iterator, TextIO

from ...core.errors import InputError
from .csv_table import RowReader
from .entries import Entry, Skipped, personal_rating

#: IMDb's title types as the catalog's kinds.
KINDS = {"movie": "film", "tvMovie": "tv_film", "tvSeries": "series", "tvMiniSeries": "miniseries", "short": "short",
         "tvShort": "short", "tvSpecial": "special", "video": "film", "musicVideo": "short"}
#: Title types that are not works of this catalog on their own, and why.
NOT_TAKEN = {"tvEpisode": "an episode: IMDb's list does not say which series and season it belongs to",
             "videoGame": "a video game", "podcastSeries": "a podcast", "podcastEpisode": "a podcast"}
#: IMDb's columns and the catalog fields they feed (through csv_table).
COLUMNS = {"Const": "id.imdb", "Title": "title", "Original Title": "original_title", "Runtime (mins)": "runtime",
           "Year": "year", "Genres": "genres", "Directors": "director", "IMDb Rating": "rating.imdb",
           "Num Votes": "votes.imdb"}


def is_export_header(header: list[str]) -> bool:
    return "Const" in header and "Title" in header and "Title Type" in header


def parse(stream: TextIO, name: str) -> Iterator[Entry | Skipped]:
    """Entries (and skipped lines) of an IMDb list export, in file order.

    Raises:
        InputError: the file is not an IMDb list export, or is not CSV (file and line named).
    """
    reader = csv.DictReader(stream)
    try:
        header = [h.lstrip("\ufeff") for h in (reader.fieldnames or [])]
    except csv.Error as e:
        raise InputError(f"is not valid CSV ({e})", f"{name} line 1") from e
    if not is_export_header(header):
        raise InputError("is not an IMDb list export (its header has no Const, Title and Title Type)",
                         f"{name} line 1")
    reader.fieldnames = header
    rows = RowReader(header, {column: target for column, target in COLUMNS.items() if column in header})
    rated = "Your Rating" in header
    try:
        for row in reader:
            where = f"{name} line {reader.line_num}"
            if None in row:
                raise InputError(f"has more cells than the header's {len(header)} columns", where)
            title = (row.get("Title") or "").strip()
            kind = (row.get("Title Type") or "").strip()
            if kind in NOT_TAKEN or kind not in KINDS:
                yield Skipped(where, title, NOT_TAKEN.get(kind, f"the title type {kind!r} is not one this catalog "
                                                                   f"keeps"))
                continue
            people: dict[str, dict] = {}
            try:
                record = rows.record([row.get(h) or "" for h in header], where, people)
            except InputError as e:
                yield Skipped(where, title, str(e))
                continue
            record["kind"] = KINDS[kind]
            yield _with_layer(record, row, rated, where, people)
    except csv.Error as e:
        raise InputError(f"is not valid CSV ({e})", f"{name} line {reader.line_num}") from e


def _with_layer(record: dict, row: dict[str, str], rated: bool, where: str, people: dict) -> Entry | Skipped:
    if not rated:
        record["personal"] = {"status": "planned", "rating": None, "favourite": False, "notes": None,
                              "viewings": [], "copies": []}
        return Entry(record, where, people)
    text = (row.get("Your Rating") or "").strip()
    try:
        value = float(text)
    except ValueError:
        return Skipped(where, record["title"], f"the rating {text!r} is not a number")
    if not 1 <= value <= 10:
        return Skipped(where, record["title"], f"the rating {text} is not 1 to 10")
    record["personal"] = {"status": "completed", "rating": personal_rating(value, 10), "favourite": False,
                          "notes": None, "viewings": [], "copies": []}
    return Entry(record, where, people)
