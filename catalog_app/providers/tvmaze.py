"""TVmaze: series with their seasons, episodes and cast, parsed from its JSON API (no key needed).

TVmaze's data is licensed CC BY-SA 4.0, so every fetched work carries ATTRIBUTION. Shows come from
`/shows/{id}?embed[]=seasons&embed[]=episodes&embed[]=cast` (or a `/singlesearch/shows?embed=...` answer, which has
the same shape); search from `/search/shows?q=` (a list of `{score, show}`). Summaries are HTML and become plain text
through base's `html_to_text`, which the AniList module shares.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..core.place_names import language_code
from ..core.types import EXTERNAL_ID_PATTERNS, RATING_SCALES
from .base import (Candidate, Fetched, ImageRef, MalformedResponse, ProviderError, as_dict, as_list, checked, compact,
                   html_to_text, near_year_first, person_key, rating_value, text_or_none, unique_texts, url_or_none,
                   whole, year_of)

NAME = "tvmaze"
DEFAULT_URL = "https://api.tvmaze.com"
ATTRIBUTION = "TV data from TVmaze (tvmaze.com), CC BY-SA 4.0"


#: Episode types TVmaze gives specials (regular episodes have "regular" or no type at all).
_SPECIAL_TYPES = frozenset({"significant_special", "insignificant_special"})
_IMDB = re.compile(f"^(?:{EXTERNAL_ID_PATTERNS['imdb']})$")
_DIGITS = re.compile(f"^(?:{EXTERNAL_ID_PATTERNS['tvmaze']})$")


# ---- small readers of untrusted JSON -----------------------------------------------------------------------------

def _date(value: Any) -> str | None:
    """A calendar date "2014-04-06" that exists, or None."""
    text = text_or_none(value)
    if text is None or not re.match(r"^\d{4}-\d{2}-\d{2}$", text) or year_of(text) is None:
        return None
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _show_id(show: dict[str, Any]) -> str | None:
    ident = show.get("id")
    if isinstance(ident, bool) or not isinstance(ident, (int, str)):
        return None
    ident = str(ident)
    return ident if _DIGITS.match(ident) else None


# ---- search ------------------------------------------------------------------------------------------------------

def parse_search(payload: Any) -> list[Candidate]:
    """Candidates from a `/search/shows?q=` answer (a list of `{score, show}`), best match first."""
    if not isinstance(payload, list):
        raise MalformedResponse(NAME, "a search answer should be a list of matches")
    candidates = []
    for match in payload:
        candidate = _candidate(as_dict(as_dict(match).get("show")))
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _candidate(show: dict[str, Any]) -> Candidate | None:
    ident, title = _show_id(show), text_or_none(show.get("name"))
    if ident is None or title is None:
        return None  # one broken match does not spoil the others
    image = as_dict(show.get("image"))
    return Candidate(provider=NAME, ident=ident, title=title, year=year_of(show.get("premiered")), kind="series",
                     poster_url=url_or_none(image.get("medium")), overview=html_to_text(show.get("summary")),
                     external_ids=_external_ids(show, ident), anime=_is_anime(show))


def _is_anime(show: dict[str, Any]) -> bool:
    # TVmaze has no anime flag; Japanese animation is the closest it says.
    return show.get("type") == "Animation" and show.get("language") == "Japanese"


def _external_ids(show: dict[str, Any], ident: str) -> dict[str, str]:
    ids = {"tvmaze": ident}
    imdb = text_or_none(as_dict(show.get("externals")).get("imdb"))
    if imdb is not None and _IMDB.match(imdb):
        ids["imdb"] = imdb
    return ids  # thetvdb and tvrage ids have no place in the catalog


# ---- one show ----------------------------------------------------------------------------------------------------

def parse_show(payload: Any) -> Fetched:
    """A series from a show answer, with its seasons, episodes (under their seasons) and cast when embedded."""
    show = as_dict(payload)
    ident, title = _show_id(show), text_or_none(show.get("name"))
    if ident is None or title is None:
        raise MalformedResponse(NAME, "the show has no id or no name")
    embedded = as_dict(show.get("_embedded"))
    children = _seasons(as_list(embedded.get("seasons")), as_list(embedded.get("episodes")))
    credits, people = _cast(as_list(embedded.get("cast")))
    work: dict[str, Any] = {
        "kind": "series",
        "anime": _is_anime(show),
        "title": title,
        **_language(show.get("language")),
        **_years(show, children),
        "runtime": whole(show.get("runtime"), 1, 100_000) or whole(show.get("averageRuntime"), 1, 100_000),
        "countries": _countries(show),
        "synopsis": html_to_text(show.get("summary")),
        "genres": unique_texts(as_list(show.get("genres"))),
        "companies": _companies(show),
        "availability": _availability(show),
        "ratings": _ratings(show),
        "credits": credits,
        "external_ids": _external_ids(show, ident),
        "children": children,
    }
    image = as_dict(show.get("image"))
    poster = url_or_none(image.get("medium")) or url_or_none(image.get("original"))  # medium is the size the app shows
    return checked(Fetched(provider=NAME, ident=ident, work=compact(work), people=people,
                           images=[ImageRef(poster, kind="poster", primary=True)] if poster else [],
                           attribution=ATTRIBUTION))


def _language(name: Any) -> dict[str, Any]:
    code = language_code(name) if isinstance(name, str) else None
    return {"original_language": code, "languages": [code]} if code else {}


def _years(show: dict[str, Any], seasons: list[dict[str, Any]]) -> dict[str, int | None]:
    year = year_of(show.get("premiered"))
    end_year = year_of(show.get("ended"))
    if end_year is None and show.get("status") == "Ended":
        # Older answers have no "ended"; the last season's end says the same.
        end_year = max((s.get("end_year") or s.get("year") or 0 for s in seasons), default=0) or None
    if year is not None and end_year is not None and end_year < year:
        end_year = None
    return {"year": year, "end_year": end_year}


def _countries(show: dict[str, Any]) -> list[str]:
    for channel in (show.get("network"), show.get("webChannel")):
        code = text_or_none(as_dict(as_dict(channel).get("country")).get("code"))
        if code is not None and re.match(r"^[A-Za-z]{2}$", code):
            return [code.upper()]
    return []


def _companies(show: dict[str, Any]) -> list[dict[str, str]]:
    network = text_or_none(as_dict(show.get("network")).get("name"))
    web = text_or_none(as_dict(show.get("webChannel")).get("name"))
    companies = [{"name": network, "role": "network"}] if network else []
    if web:
        # A web channel without a network made the show for itself; beside a network it only carries it.
        companies.append({"name": web, "role": "distributor" if network else "streaming_original"})
    return companies


def _availability(show: dict[str, Any]) -> list[dict[str, Any]]:
    channel = as_dict(show.get("webChannel"))
    platform = text_or_none(channel.get("name"))
    if platform is None:
        return []
    region = text_or_none(as_dict(channel.get("country")).get("code"))
    return [{"platform": platform, "kind": "stream", "url": url_or_none(channel.get("officialSite")),
             "region": region.upper() if region and re.match(r"^[A-Za-z]{2}$", region) else None}]


def _ratings(show: dict[str, Any]) -> list[dict[str, Any]]:
    value = rating_value(as_dict(show.get("rating")).get("average"), RATING_SCALES["tvmaze"])
    if value is None:
        return []
    return [{"source": "tvmaze", "value": value, "url": url_or_none(show.get("url"))}]


def _cast(entries: list[Any]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    credits: list[dict[str, Any]] = []
    people: dict[str, dict[str, Any]] = {}
    for entry in entries:
        entry = as_dict(entry)
        person = as_dict(entry.get("person"))
        name = text_or_none(person.get("name"))
        if name is None:
            continue
        ident = whole(person.get("id"), 1, 9_999_999_999)
        key = person_key(NAME, ident, name)
        people[key] = {"id": key, "name": name, "external_ids": {"tvmaze": str(ident)} if ident else {}}
        credits.append({"person": key, "role": "voice" if entry.get("voice") is True else "cast",
                        "character": text_or_none(as_dict(entry.get("character")).get("name")),
                        "billing": len(credits)})
    return credits, people


# ---- seasons and episodes ----------------------------------------------------------------------------------------

def _seasons(seasons: list[Any], episodes: list[Any]) -> list[dict[str, Any]]:
    """Season works in order, each with its episodes; seasons only the episodes name are made up from them."""
    by_number: dict[int, dict[str, Any]] = {}
    for raw in seasons:
        season = _season(as_dict(raw))
        if season is not None and season["number"] not in by_number:
            by_number[season["number"]] = season
    for raw in episodes:
        raw = as_dict(raw)
        number = whole(raw.get("season"), 0, 1_000_000)
        episode = _episode(raw)
        if number is None or episode is None:
            continue
        season = by_number.setdefault(number, {"kind": "season", "number": number, "title": f"Season {number}"})
        season.setdefault("children", []).append(episode)
    for season in by_number.values():
        _years_from_episodes(season)
    return [compact(by_number[n]) for n in sorted(by_number)]


def _years_from_episodes(season: dict[str, Any]) -> None:
    """A season without dates (made up from episodes, or an older answer) runs from its first episode to its last."""
    years = [e["year"] for e in season.get("children", []) if e.get("year") is not None]
    if not years:
        return
    if season.get("year") is None:
        season["year"] = min(years)
    if season.get("end_year") is None and max(years) > season["year"]:
        season["end_year"] = max(years)


def _season(season: dict[str, Any]) -> dict[str, Any] | None:
    number = whole(season.get("number"), 0, 1_000_000)
    if number is None:
        return None
    year, end_year = year_of(season.get("premiereDate")), year_of(season.get("endDate"))
    return {"kind": "season", "number": number, "title": text_or_none(season.get("name")) or f"Season {number}",
            "year": year, "end_year": end_year if year is None or (end_year or 0) >= year else None,
            "synopsis": html_to_text(season.get("summary"))}


def _episode(episode: dict[str, Any]) -> dict[str, Any] | None:
    number = whole(episode.get("number"), 0, 1_000_000)
    special = episode.get("type") in _SPECIAL_TYPES or number is None
    title = text_or_none(episode.get("name")) or (f"Episode {number}" if number is not None else None)
    if title is None:
        return None
    airdate = _date(episode.get("airdate"))
    return compact({
        "kind": "special" if special else "episode",
        "number": number,
        "title": title,
        "year": year_of(airdate),
        "runtime": whole(episode.get("runtime"), 1, 100_000),
        "synopsis": html_to_text(episode.get("summary")),
        "release_dates": [{"date": airdate, "kind": "tv"}] if airdate else [],
    })


# ---- errors and the finished record ------------------------------------------------------------------------------

def check_error(status: int, payload: Any = None) -> None:
    """Raise the ProviderError an answer stands for; return for a normal answer.

    TVmaze answers an unknown show with a 404 and an empty body (singlesearch) or a small error object; its own
    status field is read when the HTTP status is not known.
    """
    body = as_dict(payload)
    if status in (0, 200) and isinstance(body.get("status"), int):
        status = body["status"]
    if status == 404:
        raise ProviderError(NAME, "no such show on TVmaze", "not_found")
    if status == 429:
        raise ProviderError(NAME, "too many requests; try again in a few seconds", "rate_limited")
    if status >= 500:
        raise ProviderError(NAME, f"the service is down (HTTP {status})", "down")
    if status >= 400:
        raise ProviderError(NAME, f"refused the request (HTTP {status})", "failed")


# ---- the provider ------------------------------------------------------------------------------------------------

class TvmazeProvider:
    """Searches and fetches series from TVmaze through the app's shared HTTP client."""

    name = NAME
    attribution = ATTRIBUTION

    def __init__(self, client: Any, base_url: str = DEFAULT_URL) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

    def search(self, query: str, year: int | None = None) -> list[Candidate]:
        payload = self.client.get_json(NAME, f"{self.base_url}/search/shows", params={"q": query}, check=check_error)
        # TVmaze cannot filter by year: shows that start within a year of it come first.
        return near_year_first(parse_search(payload), year)

    def fetch(self, ident: str) -> Fetched:
        if not _DIGITS.match(str(ident)):
            raise ProviderError(NAME, f"'{ident}' is not a TVmaze show id", "not_found")
        # requests sends a list of pairs with the key repeated, which is how TVmaze takes several embeds.
        params = [("embed[]", "seasons"), ("embed[]", "episodes"), ("embed[]", "cast")]
        payload = self.client.get_json(NAME, f"{self.base_url}/shows/{ident}", params=params, check=check_error)
        return parse_show(payload)
