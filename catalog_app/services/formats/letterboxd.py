"""Letterboxd's account export: the .zip, its folder, or one of its CSVs → one entry per film with the person's layer.

watched.csv → completed; watchlist.csv → planned (unless also watched); ratings.csv → rating (½–5 stars → 10–100);
diary.csv → a viewing per line (its Watched Date, Rewatch) and the rating given then; reviews.csv → the review as the
note of its viewing (Letterboxd's HTML made plain text). Letterboxd's URIs name a log entry, not a film, so films are
told apart by name and year.
Parsing is pure (`parse_tables`); `read_export` opens the zip or folder, refusing what a zip must not hold.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from ...core.errors import InputError
from ...core.normalize import display_title
from ...core.record import validate_work
from ...providers.base import html_to_text
from .csv_table import dict_rows, header_of
from .entries import Entry, Skipped, decode_text, lay_stars, read_members, whole_number

#: The files of an export this importer reads, in the order their facts are laid down (later ones add to earlier).
FILES = ("watchlist.csv", "watched.csv", "ratings.csv", "diary.csv", "reviews.csv")
#: The header every one of them starts with.
REQUIRED = ("Date", "Name", "Year")


def is_export_table(header: list[str]) -> bool:
    return list(header[:3]) == list(REQUIRED) and "Letterboxd URI" in header


def is_list(text: str) -> bool:
    """A list's CSV (lists/NAME.csv in the export): its name and description, then its films by position."""
    return "\nPosition,Name,Year,URL" in text.replace("\r\n", "\n")[:4096]


def parse_tables(tables: dict[str, str], source: str) -> list[Entry | Skipped]:
    """Entries from an export's CSVs ({"ratings.csv": text, "lists/…": text, …}); other files are ignored."""
    films: dict[tuple[str, int | None], dict[str, Any]] = {}
    skipped: list[Entry | Skipped] = []
    for name, text in sorted(tables.items()):
        if name not in FILES and is_list(text):
            _read_list(text, f"{source}: {name}", films, skipped)
    for name in FILES:
        if name not in tables:
            continue
        reader = csv.DictReader(io.StringIO(tables[name].lstrip("\ufeff"), newline=""))
        header = header_of(reader, f"{source}: {name}")
        if header is None or not is_export_table(list(header)):
            raise InputError(f"is not a Letterboxd {name} (its header is not Date,Name,Year,…,Letterboxd URI)",
                             f"{source}: {name} line 1")
        for row in dict_rows(reader, f"{source}: {name}"):
            where = f"{source}: {name} line {reader.line_num}"
            title = display_title((row.get("Name") or "").strip())
            if not title:
                skipped.append(Skipped(where, "", "no film name"))
                continue
            year_text = (row.get("Year") or "").strip()
            try:
                year = int(year_text) if year_text else None
            except ValueError:
                skipped.append(Skipped(where, title, f"the year {year_text!r} is not a number"))
                continue
            film = films.setdefault((title.casefold(), year), {"title": title, "year": year, "where": where,
                                                               "personal": {"viewings": []}, "lists": []})
            problem = _add_row(film["personal"], name, row)
            if problem:
                skipped.append(Skipped(where, title, problem))
    entries: list[Entry | Skipped] = []
    for film in films.values():
        personal = film["personal"]
        obj = {"title": film["title"], "year": film["year"]}
        if any(personal.values()):
            obj["personal"] = personal
        try:
            entries.append(Entry(validate_work(obj, film["where"]), film["where"], lists=film["lists"]))
        except InputError as e:
            skipped.append(Skipped(film["where"], film["title"], str(e)))
    return entries + skipped


def _read_list(text: str, where_file: str, films: dict[tuple[str, int | None], dict[str, Any]],
               skipped: list[Entry | Skipped]) -> None:
    """A list's films, each with its place in the list (films the other files do not name come in too)."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("Position,Name,Year,URL"))
    # newline="": a carriage return of its own (an old Mac's line break) ends a row, as csv needs it read
    about = list(dict_rows(csv.DictReader(io.StringIO("\n".join(line for line in lines[:start] if line.strip()
                                                               and not line.startswith("Letterboxd")), newline="")),
                           where_file))
    name = ((about[0].get("Name") if about else None) or Path(where_file).stem).strip()[:200]
    description = html_to_text(about[0].get("Description") or "") if about else ""
    reader = csv.DictReader(io.StringIO("\n".join(lines[start:]), newline=""))
    for row in dict_rows(reader, where_file, start):
        where = f"{where_file} line {start + reader.line_num}"
        title = display_title((row.get("Name") or "").strip())
        year_text = (row.get("Year") or "").strip()
        year = whole_number(year_text)
        position = whole_number((row.get("Position") or "").strip())
        if not title or position is None or year_text and year is None:
            skipped.append(Skipped(where, title, "not a film of the list (a name, a year and a position)"))
            continue
        film = films.setdefault((title.casefold(), year), {"title": title, "year": year, "where": where,
                                                           "personal": {"viewings": []}, "lists": []})
        film["lists"].append((name, position, description or None))


def _add_row(personal: dict[str, Any], name: str, row: dict[str, str]) -> str | None:
    """Lay one row's facts on a film's layer; returns why a value was left out, if one was."""
    if name == "watchlist.csv":
        personal.setdefault("status", "planned")
        return None
    personal["status"] = "completed"
    problem = lay_stars(personal, row.get("Rating"))
    if problem:
        return problem
    if name in ("diary.csv", "reviews.csv"):
        date = (row.get("Watched Date") or row.get("Date") or "").strip() or None
        viewing = {"date": date, "rewatch": (row.get("Rewatch") or "").strip().lower() == "yes", "note": None}
        same = [v for v in personal["viewings"] if v["date"] == date]
        if not same:
            personal["viewings"].append(viewing)
            same = [viewing]
        # Letterboxd keeps line breaks as text and links as HTML: both survive as plain text lines
        review = html_to_text((row.get("Review") or "").replace("\r\n", "\n").replace("\n", "<br>"))
        if review:  # a review is the note of the viewing it was written about
            same[0]["note"] = review
    return None


def one_table(name: str, text: str) -> dict[str, str]:
    """One CSV of an export, as `parse_tables` takes it: read as watched.csv unless named like one of the others
    (or a list)."""
    return {name if name in FILES or is_list(text) else "watched.csv": text}


def read_export(path: str) -> dict[str, str]:
    """The CSVs of an export as text: from its .zip, its folder, or one CSV of it (read as watched.csv unless it is
    named like one of the others)."""
    single = Path(path).is_file() and not zipfile.is_zipfile(path)
    members = read_members(path, lambda name: single or name.lower().endswith(".csv"))
    if single:
        name, data = next(iter(members.items()))
        return one_table(name, decode_text(data, path)[0])
    # The account's files sit at the export's top (or in the one folder a re-zipped export adds), its lists in
    # lists/ beside them; deleted/ and orphaned/ hold files of the same names that are not the account's.
    tops = sorted((PurePosixPath(n).parent for n in members if PurePosixPath(n).name in FILES),
                  key=lambda p: len(p.parts))
    root = tops[0] if tops else PurePosixPath(".")
    tables = {}
    for name, data in members.items():
        relative = PurePosixPath(name).relative_to(root) if PurePosixPath(name).is_relative_to(root) else None
        if relative is None or len(relative.parts) > 1 and relative.parts[0] != "lists":
            continue
        text = decode_text(data, f"{path}: {name}")[0]
        if str(relative) in FILES or is_list(text):  # a list saved beside the files (a copied export) counts too
            tables[str(relative)] = text
    return tables
