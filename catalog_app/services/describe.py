"""One work as plain text, every fact grouped as a reader expects: for the terminal and the app's first window."""

from __future__ import annotations

from ..core.record import iter_works
from .catalog import Catalog

RATING_SOURCE_NAMES = {"rotten_tomatoes": "Rotten Tomatoes", "rotten_tomatoes_audience": "Rotten Tomatoes audience",
                       "imdb": "IMDb", "tmdb": "TMDB", "mal": "MyAnimeList", "anilist": "AniList",
                       "metacritic": "Metacritic", "letterboxd": "Letterboxd", "tvmaze": "TVmaze"}


def describe_work(catalog: Catalog, work_id: int) -> str:
    """One work as text for a terminal: every fact, grouped as the detail panel shows them."""
    doc = catalog.document([work_id])
    record = doc.works[0]
    people = doc.people
    lines: list[str] = []

    def add(label: str, value: object) -> None:
        if value not in (None, "", [], {}):
            lines.append(f"{label + ':':<20}{value}")

    head = record["title"] + (f" ({record['year']})" if record["year"] else "")
    lines.append(head)
    add("Original title", record["original_title"] and f"{record['original_title']} [{record['original_language']}]")
    for t in record["titles"]:
        add(f"{t['kind'].capitalize()} title", f"{t['title']}" + (f" [{t['language']}]" if t["language"] else ""))
    add("Kind", record["kind"] + (", anime" if record["anime"] else ""))
    add("Runtime", record["runtime"] and f"{record['runtime']} min")
    add("Released", "; ".join(f"{r['date']} {r['kind']}" + (f" ({r['country']})" if r["country"] else "")
                               + (f", {r['note']}" if r["note"] else "") for r in record["release_dates"]))
    add("Countries", ", ".join(record["countries"]))
    add("Languages", ", ".join(record["languages"]))
    add("Genres", ", ".join(record["genres"]))
    add("Tags", ", ".join(record["tags"]))
    add("Setting", record["setting"])
    add("Music", record["music"])
    add("Tagline", record["tagline"])
    add("Synopsis", record["synopsis"])
    for credit in record["credits"]:
        person = people[credit["person"]]
        name = person["name"] + (f" ({person['original_name']})" if person["original_name"] else "")
        add(credit["role"].replace("_", " ").capitalize(),
            name + (f" as {credit['character']}" if credit["character"] else ""))
    add("Companies", ", ".join(f"{c['name']} ({c['role'].replace('_', ' ')})" for c in record["companies"]))
    for r in record["ratings"]:
        add("Rating", f"{RATING_SOURCE_NAMES.get(r['source'], r['source'])}: {r['value']:g}/{r['scale']:g}"
            + (f" ({r['votes']:,} votes)" if r["votes"] else ""))
    for a in record["availability"]:
        add("Watch", f"{a['platform']} ({a['kind']}{', ' + a['region'] if a['region'] else ''})"
            + (f" {a['url']}" if a["url"] else ""))
    for r in record["relations"]:
        add(r["kind"].replace("_", " ").capitalize(), f"{r['title']} ({r['year'] or '?'})"
            + ("" if r["target"] else " [not in the catalog]") + (f" — {r['note']}" if r["note"] else ""))
    for q in record["quotes"]:
        by = ", ".join(x for x in (q["author"], q["outlet"]) if x)
        add("Quote", f"“{q['text']}”" + (f" — {by}" if by else ""))
    add("External ids", ", ".join(f"{k}: {v}" for k, v in record["external_ids"].items()))
    personal = record["personal"]
    if personal:
        add("Status", personal["status"])
        add("My rating", f"{personal['rating']}/100" if personal["rating"] is not None else None)
        add("Favourite", "yes" if personal["favourite"] else None)
        add("Watched", ", ".join((v["date"] or "?") + (" (rewatch)" if v["rewatch"] else "")
                                 for v in personal["viewings"]))
        add("Notes", personal["notes"])
        for c in personal["copies"]:
            add("Copy", ", ".join(x for x in (c["format"], c["edition"], c["location"],
                                             c["loaned_to"] and f"lent to {c['loaned_to']}") if x))
    children = list(iter_works(record["children"]))
    if children:
        add("Contains", f"{len(children)} seasons and episodes")
    add("Id", f"{work_id} (version {record['version']})")
    return "\n".join(lines)
