"""Letterboxd's import CSV, both ways: the file Letterboxd reads to bring a diary in (Title, Year, Directors, imdbID,
tmdbID, Rating, WatchedDate, Rewatch, Tags, Review), so a person can go back; and reading it again into the catalog.

A film is a row per viewing (its date, rewatch mark and review), or one row without a date when it has none. Films
to watch go to a second file of the same columns, which Letterboxd imports as a watchlist. Letterboxd keeps films
only: series and anime series are not written, and said.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from ...core.errors import InputError
from ...core.record import validate_work
from .csv_table import dict_rows, header_of
from .entries import Entry, Skipped, lay_stars, whole_number

COLUMNS = ("Title", "Year", "Directors", "imdbID", "tmdbID", "Rating", "WatchedDate", "Rewatch", "Tags", "Review")
#: Kinds Letterboxd has pages for.
FILM_KINDS = ("film", "tv_film", "short", "special", "ova")


def write(records: Iterable[dict[str, Any]], people: dict[str, dict[str, Any]]) -> tuple[str, str, list[str]]:
    """(the diary CSV, the watchlist CSV, titles not written because Letterboxd has no page for their kind)."""
    diary, watchlist = io.StringIO(newline=""), io.StringIO(newline="")
    writers = {name: csv.writer(stream, lineterminator="\r\n") for name, stream in (("diary", diary),
                                                                                     ("watchlist", watchlist))}
    for writer in writers.values():
        writer.writerow(COLUMNS)
    left_out = []
    for record in records:
        if record["kind"] not in FILM_KINDS:
            left_out.append(record["title"])
            continue
        personal = record["personal"] or {}
        directors = ", ".join(people[c["person"]]["name"] for c in record["credits"]
                              if c["role"] == "director" and c["person"] in people)
        tmdb = record["external_ids"].get("tmdb", "")
        base = [record["title"], record["year"] or "", directors, record["external_ids"].get("imdb", ""),
                tmdb.split("/", 1)[1] if tmdb.startswith("movie/") else "",
                _stars(personal.get("rating"))]
        tags = ", ".join(record["tags"])
        if personal.get("status") == "planned" and not personal.get("viewings"):
            writers["watchlist"].writerow(base + ["", "", tags, ""])
            continue
        viewings = personal.get("viewings") or [{"date": None, "rewatch": False, "note": None}]
        for viewing in viewings:
            writers["diary"].writerow(base + [viewing.get("date") or "", "true" if viewing.get("rewatch") else "false",
                                              tags, viewing.get("note") or ""])
    return diary.getvalue(), watchlist.getvalue(), left_out


def _stars(rating: int | None) -> str:
    """The catalog's 0–100 as Letterboxd's ½–5 stars (to the nearest half star)."""
    if not rating:
        return ""
    stars = max(0.5, round(rating / 10) / 2)
    return f"{stars:g}"


def is_import_header(header: list[str]) -> bool:
    # Columns only Letterboxd's import format spells this way: a spreadsheet's "Title" and "Rating" are not enough
    return "Title" in header and any(c in header for c in ("WatchedDate", "imdbID", "tmdbID", "LetterboxdURI",
                                                           "Rating10"))


def parse(text: str, name: str, watchlist: bool = False) -> list[Entry | Skipped]:
    """Entries of a Letterboxd import CSV, a film's rows combined; `watchlist` for a watchlist file.

    Raises:
        InputError: not Letterboxd's import CSV, or not CSV from some line on (file and line named).
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = header_of(reader, name)
    if header is None or not is_import_header(list(header)):
        raise InputError("is not a Letterboxd import CSV (its header has no Title with WatchedDate, imdbID, tmdbID, "
                         "LetterboxdURI or Rating10)",
                         f"{name} line 1")
    films: dict[Any, dict[str, Any]] = {}
    out: list[Entry | Skipped] = []
    for row in dict_rows(reader, name):
        where = f"{name} line {reader.line_num}"
        title = (row.get("Title") or "").strip()
        if not title:
            out.append(Skipped(where, "", "no title"))
            continue
        year_text = (row.get("Year") or "").strip()
        year = whole_number(year_text)
        if year_text and year is None:
            out.append(Skipped(where, title, f"the year {year_text[:40]!r} is not a number"))
            continue
        ids = {k: v for k, v in (("imdb", (row.get("imdbID") or "").strip()),
                                 ("tmdb", f"movie/{row['tmdbID'].strip()}" if (row.get("tmdbID") or "").strip()
                                  else "")) if v}
        key = tuple(sorted(ids.items())) or (title.casefold(), year_text)
        film = films.get(key)
        if film is None:
            directors = [d.strip() for d in (row.get("Directors") or "").split(",") if d.strip()]
            people = {f"name:{d}": {"id": f"name:{d}", "name": d, "original_name": None, "external_ids": {}}
                      for d in directors}
            film = films[key] = {"where": where, "people": people, "obj": {
                "title": title, "year": year, "external_ids": ids,
                "tags": [t.strip() for t in (row.get("Tags") or "").split(",") if t.strip()],
                "credits": [{"person": k, "role": "director"} for k in people],
                "personal": {"status": "planned" if watchlist else "completed", "viewings": []}}}
        personal = film["obj"]["personal"]
        problem = lay_stars(personal, row.get("Rating"))
        if problem:
            out.append(Skipped(where, title, problem))
        date, review = (row.get("WatchedDate") or "").strip(), (row.get("Review") or "").strip()
        if date or review or (row.get("Rewatch") or "").strip().lower() == "true":
            personal["viewings"].append({"date": date or None, "rewatch": (row.get("Rewatch") or "").strip().lower()
                                         == "true", "note": review or None})
    entries: list[Entry | Skipped] = []
    for film in films.values():
        try:
            entries.append(Entry(validate_work(film["obj"], film["where"]), film["where"], film["people"]))
        except InputError as e:
            out.append(Skipped(film["where"], film["obj"]["title"], str(e)))
    return entries + out
