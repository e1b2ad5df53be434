"""OMDb: a title by IMDb id, mostly for its ratings (IMDb, Rotten Tomatoes, Metacritic); needs a user's API key.

Every value OMDb sends is text and "N/A" means missing. Failures come as HTTP 200 with
`{"Response": "False", "Error": "..."}` (an exhausted key also as HTTP 401 with the same body), which `check_error`
turns into ProviderErrors. Older answers (before 2017) have no `Ratings` list: the IMDb score is then read from
`imdbRating`/`imdbVotes` and Metacritic's from `Metascore`. Countries and languages are names, not codes, and are
left out rather than guessed.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.types import EXTERNAL_ID_PATTERNS
from .base import (Candidate, Fetched, ImageRef, MalformedResponse, ProviderError, as_dict, as_list, checked, compact,
                   person_key, text_or_none, unique_texts, url_or_none, year_of)

NAME = "omdb"
DEFAULT_URL = "https://www.omdbapi.com/"
ATTRIBUTION = "Ratings from OMDb (omdbapi.com)"

#: OMDb types as work kinds; OMDb also lists video games ("game"), which the catalog does not hold.
TYPE_KINDS: dict[str, str] = {"movie": "film", "series": "series", "episode": "episode"}

#: The sources of OMDb's `Ratings` list as rating sources, with the pattern of their values.
RATING_SOURCES: dict[str, tuple[str, str]] = {
    "Internet Movie Database": ("imdb", r"^(\d+(?:\.\d+)?)/10$"),
    "Rotten Tomatoes": ("rotten_tomatoes", r"^(\d+(?:\.\d+)?)%$"),
    "Metacritic": ("metacritic", r"^(\d+(?:\.\d+)?)/100$"),
}

_SCALES = {"imdb": 10.0, "rotten_tomatoes": 100.0, "metacritic": 100.0}
_IMDB = re.compile(f"^(?:{EXTERNAL_ID_PATTERNS['imdb']})$")
_MONTHS = {name: i for i, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}


# ---- small readers of OMDb's text values -------------------------------------------------------------------------

def _imdb_id(value: Any) -> str | None:
    text = text_or_none(value)
    return text if text is not None and _IMDB.match(text) else None


def _kind(value: Any) -> str | None:
    return TYPE_KINDS.get(value) if isinstance(value, str) else None


def _years(value: Any) -> tuple[int | None, int | None]:
    """"2010" → (2010, None); a series' "2008–2013" → (2008, 2013); a running one's "2014–" → (2014, None)."""
    text = text_or_none(value)
    match = re.match(r"^(\d{4})\s*(?:[–—-]\s*(\d{4})?)?", text or "")
    if match is None:
        return None, None
    start, end = year_of(match.group(1)), year_of(match.group(2))
    return start, end if start is not None and end is not None and end >= start else None


def _comma_list(value: Any) -> list[str]:
    return unique_texts((text_or_none(value) or "").split(","))


def _runtime(value: Any) -> int | None:
    match = re.match(r"^([\d,]+)\s*min", text_or_none(value) or "")
    minutes = int(match.group(1).replace(",", "")) if match and match.group(1).replace(",", "") else 0
    return minutes if 0 < minutes <= 100_000 else None


def _count(value: Any) -> int | None:
    """ "1,366,602" → 1366602."""
    text = (text_or_none(value) or "").replace(",", "")
    return int(text) if text.isdigit() and int(text) <= 10**12 else None


def _release_date(value: Any) -> str | None:
    """ "16 Jul 2010" → "2010-07-16" (read without the locale, which strptime's %b would use)."""
    match = re.match(r"^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$", text_or_none(value) or "")
    if match is None or match.group(2) not in _MONTHS or year_of(match.group(3)) is None:
        return None
    day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
    days_in_month = (31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30,
                     31, 31, 30, 31, 30, 31)[month - 1]
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= days_in_month else None


# ---- ratings -----------------------------------------------------------------------------------------------------

def parse_ratings(payload: Any) -> list[dict[str, Any]]:
    """The ratings of a title answer: the `Ratings` list, else the older `imdbRating` and `Metascore` fields."""
    check_error(payload)
    title = as_dict(payload)
    ratings: dict[str, dict[str, Any]] = {}
    for entry in map(as_dict, as_list(title.get("Ratings"))):
        known = RATING_SOURCES.get(entry.get("Source")) if isinstance(entry.get("Source"), str) else None
        if known is not None:
            _add_rating(ratings, known[0], _score(entry.get("Value"), known[1], _SCALES[known[0]]))
    _add_rating(ratings, "imdb", _score(title.get("imdbRating"), r"^(\d+(?:\.\d+)?)$", 10.0))
    _add_rating(ratings, "metacritic", _score(title.get("Metascore"), r"^(\d+)$", 100.0))
    imdb = ratings.get("imdb")
    imdb_id = _imdb_id(title.get("imdbID"))
    if imdb is not None:
        imdb["votes"] = _count(title.get("imdbVotes"))
        imdb["url"] = f"https://www.imdb.com/title/{imdb_id}/" if imdb_id else None
    return [_without_none(r) for r in ratings.values()]


def _score(value: Any, pattern: str, scale: float) -> float | None:
    match = re.match(pattern, text_or_none(value) or "")
    if match is None:
        return None
    score = float(match.group(1))
    return (int(score) if score.is_integer() else score) if 0 <= score <= scale else None


def _add_rating(ratings: dict[str, dict[str, Any]], source: str, value: float | None) -> None:
    if value is not None and source not in ratings:  # the Ratings list comes first and wins
        ratings[source] = {"source": source, "value": value}


def _without_none(obj: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in obj.items() if value is not None}


# ---- credits -----------------------------------------------------------------------------------------------------

def _writer_role(note: str | None) -> str:
    """What a Writer entry's note ("screenplay", "novel", "created by") says the person did."""
    text = (note or "").casefold()
    if "created by" in text or "creator" in text:
        return "creator"
    if "screenplay" in text or "teleplay" in text:
        return "writer"
    # The source a film was made from: "(novel)", "(based on the book by)", "(characters)", "(play)".
    if re.search(r"\b(novel|book|comic|based on|characters|play)\b", text):
        return "original_story"
    return "writer"


def _credits(title: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    entries: list[tuple[str, str, str | None]] = [
        (name, "director", None) for name in _comma_list(title.get("Director"))]
    for writer in _comma_list(title.get("Writer")):
        # "Jonathan Nolan (screenplay)": the name, then what they wrote.
        match = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", writer)
        name, note = (match.group(1), match.group(2).strip() or None) if match else (writer, None)
        if name:
            entries.append((name, _writer_role(note), note))
    entries += [(name, "cast", None) for name in _comma_list(title.get("Actors"))]
    credits: list[dict[str, Any]] = []
    people: dict[str, dict[str, Any]] = {}
    for name, role, note in entries:
        key = person_key(NAME, None, name)  # OMDb names people without ids
        people[key] = {"id": key, "name": name}
        credits.append(_without_none({"person": key, "role": role, "note": note, "billing": len(credits)}))
    return credits, people


# ---- titles ------------------------------------------------------------------------------------------------------

def parse_title(payload: Any) -> Fetched:
    """A film, series or episode from an `?i=` or `?t=` answer."""
    check_error(payload)
    title = as_dict(payload)
    name, imdb_id = text_or_none(title.get("Title")), _imdb_id(title.get("imdbID"))
    if name is None or imdb_id is None:
        raise MalformedResponse(NAME, "the title has no name or no IMDb id")
    kind = _kind(title.get("Type"))
    year, end_year = _years(title.get("Year"))
    released = _release_date(title.get("Released"))
    credits, people = _credits(title)
    work: dict[str, Any] = {
        "kind": kind,
        "title": name,
        "year": year,
        "end_year": end_year if kind == "series" else None,
        "runtime": _runtime(title.get("Runtime")),
        "release_dates": [{"date": released, "kind": "tv" if kind == "episode" else "theatrical"}] if released else [],
        "synopsis": text_or_none(title.get("Plot")),
        "content_rating": text_or_none(title.get("Rated")),
        "genres": _comma_list(title.get("Genre")),
        "credits": credits,
        "ratings": parse_ratings(title),
        "external_ids": {"imdb": imdb_id},
    }
    poster = url_or_none(title.get("Poster"))
    return checked(Fetched(provider=NAME, ident=imdb_id, work=compact(work), people=people,
                           images=[ImageRef(poster, kind="poster", primary=True)] if poster else [],
                           attribution=ATTRIBUTION))


def parse_search(payload: Any) -> list[Candidate]:
    """Candidates from an `?s=` answer (`{"Search": [...], "totalResults": "16", "Response": "True"}`)."""
    check_error(payload)
    results = as_dict(payload).get("Search")
    if not isinstance(results, list):
        raise MalformedResponse(NAME, "a search answer should hold a Search list")
    candidates = []
    for result in map(as_dict, results):
        name, imdb_id, kind = text_or_none(result.get("Title")), _imdb_id(result.get("imdbID")), \
            _kind(result.get("Type"))
        if name is None or imdb_id is None or kind is None:
            continue  # broken entries and games
        candidates.append(Candidate(provider=NAME, ident=imdb_id, title=name, year=_years(result.get("Year"))[0],
                                    kind=kind, poster_url=url_or_none(result.get("Poster")),
                                    external_ids={"imdb": imdb_id}))
    return candidates


# ---- errors and the finished record ------------------------------------------------------------------------------

def check_error(payload: Any) -> None:
    """Raise the ProviderError an OMDb answer stands for (`"Response": "False"`); return for a normal answer."""
    if not isinstance(payload, dict):
        raise MalformedResponse(NAME, "the answer is not a JSON object")
    if payload.get("Response") != "False":
        return
    message = text_or_none(payload.get("Error")) or "failed without saying why"
    folded = message.casefold()
    if "api key" in folded:
        kind = "no_key" if "no api key" in folded else "bad_key"
    elif "limit" in folded:
        kind = "rate_limited"  # "Request limit reached!" and "Daily request limit reached!"
    elif "not found" in folded or "incorrect imdb id" in folded:
        kind = "not_found"
    else:
        kind = "failed"
    raise ProviderError(NAME, message, kind)


def _check_answer(status: int, payload: Any) -> None:
    """The shared client's check: OMDb's own error body says more than the status (a spent key comes as a 401)."""
    if isinstance(payload, dict) and payload.get("Response") == "False":
        check_error(payload)


# ---- the provider ------------------------------------------------------------------------------------------------

class OmdbProvider:
    """Looks titles up on OMDb with the user's key; `ratings_for` fills in the ratings of a work from elsewhere."""

    name = NAME
    attribution = ATTRIBUTION

    def __init__(self, client: Any, base_url: str = DEFAULT_URL, api_key: str | None = None) -> None:
        self.client = client
        self.base_url = base_url
        self.api_key = api_key

    def search(self, query: str, year: int | None = None) -> list[Candidate]:
        params = {"s": query, **({"y": str(year)} if year is not None else {})}
        try:
            return parse_search(self._get(params))
        except ProviderError as e:
            if e.kind == "not_found":  # OMDb answers a search without matches with "Movie not found!"
                return []
            raise

    def fetch(self, imdb_id: str) -> Fetched:
        return parse_title(self._get({"i": self._checked(imdb_id), "plot": "full"}))

    def ratings_for(self, imdb_id: str) -> list[dict[str, Any]]:
        """The ratings OMDb knows for an IMDb title id, to add to a work fetched from another provider."""
        return parse_ratings(self._get({"i": self._checked(imdb_id)}))

    def _get(self, params: dict[str, str]) -> Any:
        if not self.api_key:
            raise ProviderError(NAME, "needs an API key (Settings → Online sources, or STARLIGHT_OMDB_KEY)", "no_key")
        return self.client.get_json(NAME, self.base_url, params={"apikey": self.api_key, **params},
                                    check=_check_answer)

    @staticmethod
    def _checked(imdb_id: str) -> str:
        if not isinstance(imdb_id, str) or not re.match(r"^tt\d{5,10}$", imdb_id):
            raise ProviderError(NAME, f"'{imdb_id}' is not an IMDb title id", "not_found")
        return imdb_id
