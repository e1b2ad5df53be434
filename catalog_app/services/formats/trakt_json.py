"""Trakt's export (its JSON lists: history, watched, ratings, watchlist, collection; one file or the folder of them)
→ one entry per film or series with its IMDb and TMDB ids and the person's layer.

history → a viewing per play (its date); watched → completed films (a viewing at the last play, rewatches for the
other plays) and series being watched; ratings → rating (1–10 → 10–100); watchlist → planned; collection → an owned
digital copy. Ratings and plays of single episodes are not taken (the catalog keeps them on the episode, which a
Trakt list does not describe): each is named. Parsing is pure (`parse_lists`).
"""

from __future__ import annotations

import json
from typing import Any

from ...core.errors import InputError
from ...core.record import validate_work
from .entries import Entry, Skipped, personal_rating


def is_trakt_list(value: Any) -> bool:
    return (isinstance(value, list) and bool(value) and isinstance(value[0], dict)
            and any(isinstance(value[0].get(k), dict) and "ids" in value[0][k] for k in ("movie", "show")))


def parse_lists(lists: dict[str, bytes], source: str) -> list[Entry | Skipped]:
    """Entries from Trakt's JSON lists ({"watched-movies.json": bytes, …}), combined per film or series."""
    works: dict[tuple[str, str], dict[str, Any]] = {}
    skipped: list[Entry | Skipped] = []
    for name, data in sorted(lists.items()):
        where_file = f"{source}: {name}" if name != source else source
        try:
            items = json.loads(data)
        except (ValueError, UnicodeDecodeError) as e:
            raise InputError(f"is not JSON ({e})", where_file) from e
        except RecursionError as e:
            raise InputError("nests too deeply to be one of Trakt's lists", where_file) from e
        if not isinstance(items, list):
            raise InputError("is not one of Trakt's lists (a JSON list of films and series)", where_file)
        for n, item in enumerate(items, 1):
            where = f"{where_file} item {n}"
            if not isinstance(item, dict):
                skipped.append(Skipped(where, "", "not an object"))
                continue
            if item.get("type") in ("episode", "season") or "episode" in item:
                title = (item.get("show") or {}).get("title") or ""
                skipped.append(Skipped(where, str(title), "a single episode's entry: not kept on the series"))
                continue
            kind, body = ("film", item.get("movie")) if isinstance(item.get("movie"), dict) else (
                "series", item.get("show"))
            if not isinstance(body, dict) or not isinstance(body.get("title"), str) or not body["title"].strip():
                skipped.append(Skipped(where, "", "names no film or series"))
                continue
            ids = _ids(body.get("ids"), kind)
            key = (kind, next(iter(sorted(ids.items())))[1] if ids else f"{body['title']}|{body.get('year')}")
            work = works.setdefault(key, {"obj": {"kind": kind, "title": body["title"].strip(),
                                                  "year": body.get("year"), "external_ids": ids},
                                          "personal": {"viewings": [], "copies": []}, "where": where})
            problem = _lay(work["personal"], item, kind, name)
            if problem:
                skipped.append(Skipped(where, body["title"], problem))
    entries: list[Entry | Skipped] = []
    for work in works.values():
        try:
            entries.append(Entry(validate_work({**work["obj"], "personal": work["personal"]}, work["where"]),
                                 work["where"]))
        except InputError as e:
            skipped.append(Skipped(work["where"], work["obj"]["title"], str(e)))
    return entries + skipped


def _ids(raw: Any, kind: str) -> dict[str, str]:
    raw = raw if isinstance(raw, dict) else {}
    ids = {}
    if isinstance(raw.get("imdb"), str) and raw["imdb"].startswith("tt"):
        ids["imdb"] = raw["imdb"]
    if isinstance(raw.get("tmdb"), int) and raw["tmdb"] > 0:
        ids["tmdb"] = f"{'movie' if kind == 'film' else 'tv'}/{raw['tmdb']}"
    return ids


def _day(stamp: Any) -> str | None:
    return stamp[:10] if isinstance(stamp, str) and len(stamp) >= 10 else None


def _lay(personal: dict[str, Any], item: dict[str, Any], kind: str, name: str) -> str | None:
    """Lay one list item's facts on a work's layer; returns why a value was left out, if one was."""
    if "rating" in item:
        rating = item.get("rating")
        if not isinstance(rating, int) or not 1 <= rating <= 10:
            return f"the rating {rating!r} is not 1 to 10; the work is taken without it"
        personal["rating"] = personal_rating(rating, 10)
        if kind == "film":
            personal["status"] = "completed"
    elif "watched_at" in item:  # history: one play
        personal["status"] = "completed" if kind == "film" else personal.get("status") or "watching"
        personal["viewings"].append({"date": _day(item["watched_at"]), "rewatch": bool(personal["viewings"]),
                                     "note": None})
    elif "plays" in item:  # watched
        if kind == "film":
            personal["status"] = "completed"
            plays = item["plays"] if isinstance(item["plays"], int) else 1
            dated = {"date": _day(item.get("last_watched_at")), "rewatch": False, "note": None}
            if not any(v["date"] == dated["date"] for v in personal["viewings"]):
                personal["viewings"].append(dated)
            personal["viewings"] += [{"date": None, "rewatch": True, "note": None}
                                     for _ in range(min(max(plays - len(personal["viewings"]), 0), 50))]
        else:
            personal["status"] = personal.get("status") or "watching"
    elif "listed_at" in item:  # watchlist
        personal.setdefault("status", "planned")
        if item.get("notes"):
            personal["notes"] = str(item["notes"])
    elif "collected_at" in item:
        if not personal["copies"]:
            personal["copies"].append({"format": "digital", "acquired_on": _day(item["collected_at"])})
    else:
        return f"{name} holds an entry this importer does not know (keys: {', '.join(sorted(item))[:120]})"
    return None
