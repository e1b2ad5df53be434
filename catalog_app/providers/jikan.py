"""Jikan v4 (MyAnimeList): the default anime source, parsed from its JSON API (no key, GET only).

A work comes from `/anime/{id}/full` (the `/anime/{id}` object plus relations, streaming and external links), its
episodes from `/anime/{id}/episodes`, search from `/anime?q=`. The data is MyAnimeList's, scraped by Jikan, so MAL's
terms apply: fetch one work when the user asks, never mirror. Jikan allows 60 requests a minute, 3 a second.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.types import EXTERNAL_ID_PATTERNS, RATING_SCALES
from .base import (Candidate, Fetched, ImageRef, MalformedResponse, ProviderError, as_dict, as_list, checked, compact,
                   near_year_first, numeric_id, rating_value, text_or_none, unique_texts, url_or_none, whole,
                   year_of)

NAME = "jikan"
DEFAULT_URL = "https://api.jikan.moe/v4"
ATTRIBUTION = "Anime data from MyAnimeList (myanimelist.net), through Jikan (jikan.moe)"

#: MyAnimeList types as work kinds. ONA (web series) has no kind of its own; MAL's "PV" and "CM" are promotional clips.
TYPE_KINDS: dict[str, str] = {
    "TV": "series", "ONA": "series", "Movie": "film", "OVA": "ova", "Special": "special", "TV Special": "special",
    "Music": "short", "PV": "short", "CM": "short",
}

#: MyAnimeList relations as relation kinds, with a note where the kind alone would mislead.
RELATION_KINDS: dict[str, tuple[str, str | None]] = {
    "Sequel": ("sequel", None),
    "Prequel": ("prequel", None),
    "Side story": ("spin_off", "side story"),
    "Spin-off": ("spin_off", None),
    "Parent story": ("spin_off_of", "parent story"),
    "Adaptation": ("adaptation_of", None),
    "Alternative version": ("same_universe", "alternative version"),
    "Alternative setting": ("same_universe", "alternative setting"),
    "Character": ("same_universe", "shares characters"),
}

#: The languages of MyAnimeList's `titles[].type`; "Default" is the romanization, "Synonym" has no language.
_TITLE_LANGUAGES = {"English": "en", "Japanese": "ja", "German": "de", "Spanish": "es", "French": "fr"}

_DIGITS = re.compile(f"^(?:{EXTERNAL_ID_PATTERNS['mal']})$")


# ---- small readers of untrusted JSON -----------------------------------------------------------------------------

def _display_title(anime: dict[str, Any]) -> str | None:
    """The English title where there is one (as MyAnimeList shows it in English), else the romaji, else Japanese."""
    return text_or_none(anime.get("title_english")) or text_or_none(anime.get("title")) \
        or text_or_none(anime.get("title_japanese"))


def _kind(anime: dict[str, Any]) -> str | None:
    kind = anime.get("type")
    return TYPE_KINDS.get(kind) if isinstance(kind, str) else None


def _years(anime: dict[str, Any]) -> tuple[int | None, int | None]:
    """The first and last year it aired: from `aired.prop`, else the ISO dates, else the season's year."""
    aired = as_dict(anime.get("aired"))
    prop = as_dict(aired.get("prop"))
    start = whole(as_dict(prop.get("from")).get("year"), 1870, 2200) or year_of(aired.get("from")) \
        or whole(anime.get("year"), 1870, 2200)
    end = whole(as_dict(prop.get("to")).get("year"), 1870, 2200) or year_of(aired.get("to"))
    return start, end


def runtime_minutes(duration: Any) -> int | None:
    """Minutes in MyAnimeList's duration text: "24 min per ep" → 24, "1 hr 55 min" → 115, "Unknown" → None."""
    if not isinstance(duration, str):
        return None
    parts = {unit: int(number) for number, unit in re.findall(r"(\d+)\s*(hr|min|sec)", duration)}
    seconds = parts.get("hr", 0) * 3600 + parts.get("min", 0) * 60 + parts.get("sec", 0)
    if seconds == 0:
        return None
    return min(max(1, round(seconds / 60)), 100_000)  # a 30-second clip still lasts a minute


def _names(*groups: Any) -> list[str]:
    """The names of MyAnimeList's `{mal_id, name}` entries, without repeats."""
    return unique_texts(entry.get("name") for group in groups for entry in map(as_dict, as_list(group)))


# ---- search ------------------------------------------------------------------------------------------------------

def parse_search(payload: Any) -> list[Candidate]:
    """Candidates from an `/anime?q=` answer (`{pagination, data[]}`)."""
    check_error(200, payload)
    items = as_dict(payload).get("data")
    if not isinstance(items, list):
        raise MalformedResponse(NAME, "a search answer should hold a list in data")
    candidates = []
    for item in items:
        candidate = _candidate(as_dict(item))
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _candidate(anime: dict[str, Any]) -> Candidate | None:
    ident = numeric_id(anime.get("mal_id"))
    title = _display_title(anime)
    if ident is None or title is None:
        return None  # one broken match does not spoil the others
    jpg = as_dict(as_dict(anime.get("images")).get("jpg"))
    return Candidate(provider=NAME, ident=ident, title=title, year=_years(anime)[0], kind=_kind(anime),
                     original_title=text_or_none(anime.get("title_japanese")),
                     poster_url=url_or_none(jpg.get("small_image_url")) or url_or_none(jpg.get("image_url")),
                     overview=text_or_none(anime.get("synopsis")), external_ids={"mal": ident}, anime=True)


# ---- one anime ---------------------------------------------------------------------------------------------------

def parse_anime(payload: Any) -> Fetched:
    """An anime from an `/anime/{id}` or `/anime/{id}/full` answer (`{"data": {...}}`)."""
    check_error(200, payload)
    anime = as_dict(as_dict(payload).get("data"))
    ident = numeric_id(anime.get("mal_id"))
    title = _display_title(anime)
    if ident is None or title is None:
        raise MalformedResponse(NAME, "the anime has no mal_id or no title")
    kind = _kind(anime)
    year, end_year = _years(anime)
    original = text_or_none(anime.get("title_japanese"))
    work: dict[str, Any] = {
        "kind": kind,
        "anime": True,
        "title": title,
        "original_title": original,
        "original_language": "ja" if original else None,
        "titles": _titles(anime, title, original),
        "year": year,
        # A film's "to" is empty or its release day again; only a run of episodes has an end worth keeping.
        "end_year": end_year if kind == "series" and year is not None and (end_year or 0) >= year else None,
        "runtime": runtime_minutes(anime.get("duration")),
        "synopsis": text_or_none(anime.get("synopsis")),
        "content_rating": text_or_none(anime.get("rating")),
        "genres": _names(anime.get("genres"), anime.get("explicit_genres")),
        "tags": _names(anime.get("themes"), anime.get("demographics")),
        "companies": _companies(anime),
        "ratings": _ratings(anime),
        "availability": _streaming(anime.get("streaming")),
        "relations": _relations(anime.get("relations")),
        "external_ids": {"mal": ident},
    }
    jpg = as_dict(as_dict(anime.get("images")).get("jpg"))
    poster = url_or_none(jpg.get("large_image_url")) or url_or_none(jpg.get("image_url"))
    return checked(Fetched(provider=NAME, ident=ident, work=compact(work),
                           images=[ImageRef(poster, kind="poster", primary=True)] if poster else [],
                           attribution=ATTRIBUTION))


def _titles(anime: dict[str, Any], title: str, original: str | None) -> list[dict[str, Any]]:
    candidates: list[tuple[Any, str | None, str]] = [
        (anime.get("title"), "ja", "romanized"), (anime.get("title_english"), "en", "localized")]
    for entry in map(as_dict, as_list(anime.get("titles"))):
        kind = entry.get("type")
        if kind == "Default":
            candidates.append((entry.get("title"), "ja", "romanized"))
        elif kind == "Synonym":
            candidates.append((entry.get("title"), None, "alternative"))
        elif isinstance(kind, str) and kind in _TITLE_LANGUAGES:
            candidates.append((entry.get("title"), _TITLE_LANGUAGES[kind], "localized"))
    candidates += [(synonym, None, "alternative") for synonym in as_list(anime.get("title_synonyms"))]
    taken = {title.casefold(), (original or "").casefold()}
    titles = []
    for text, language, kind in candidates:
        text = text_or_none(text)
        if text is not None and text.casefold() not in taken:
            taken.add(text.casefold())
            titles.append({"title": text, "language": language, "kind": kind})
    return titles


def _companies(anime: dict[str, Any]) -> list[dict[str, str]]:
    companies: list[dict[str, str]] = []
    for key, role in (("studios", "studio"), ("producers", "production"), ("licensors", "distributor")):
        companies += [{"name": name, "role": role} for name in _names(anime.get(key))]
    return companies


def _ratings(anime: dict[str, Any]) -> list[dict[str, Any]]:
    score = rating_value(anime.get("score"), RATING_SCALES["mal"])
    if score is None:
        return []  # no score yet (null), or not a score at all
    return [{"source": "mal", "value": score, "votes": whole(anime.get("scored_by"), 0, 10**12),
             "url": url_or_none(anime.get("url"))}]


def _streaming(services: Any) -> list[dict[str, Any]]:
    availability = []
    for service in map(as_dict, as_list(services)):
        platform = text_or_none(service.get("name"))
        if platform is not None:
            availability.append({"platform": platform, "kind": "stream", "url": url_or_none(service.get("url"))})
    return availability


def _relations(groups: Any) -> list[dict[str, Any]]:
    stubs = []
    for group in map(as_dict, as_list(groups)):
        relation = group.get("relation")
        kind_note = RELATION_KINDS.get(relation) if isinstance(relation, str) else None
        if kind_note is None:
            continue  # summaries, full stories and "other" say too little to keep
        kind, note = kind_note
        for entry in map(as_dict, as_list(group.get("entry"))):
            title = text_or_none(entry.get("name"))
            if title is None:
                continue
            media_note = "manga" if entry.get("type") == "manga" else None
            mal_id = whole(entry.get("mal_id"), 1, 10_000_000_000)
            # A stub: the related work is not in the catalog's document (docs/format.md, section 3). Its MAL id, for
            # an anime, lets it be added complete in one click.
            stubs.append({"kind": kind, "target": None, "title": title,
                          "target_ids": {"mal": str(mal_id)} if mal_id and entry.get("type") == "anime" else {},
                          "note": ", ".join(n for n in (note, media_note) if n) or None})
    return stubs


# ---- episodes ----------------------------------------------------------------------------------------------------

def parse_episodes(payload: Any) -> list[dict[str, Any]]:
    """Episode works from an `/anime/{id}/episodes` page, in order, to put in the anime's `children`."""
    check_error(200, payload)
    items = as_dict(payload).get("data")
    if not isinstance(items, list):
        raise MalformedResponse(NAME, "an episode list should hold a list in data")
    episodes = [_episode(as_dict(item)) for item in items]
    return [episode for episode in episodes if episode is not None]


def _episode(item: dict[str, Any]) -> dict[str, Any] | None:
    number = whole(item.get("mal_id"), 0, 1_000_000)  # on this endpoint mal_id is the episode's number
    title = text_or_none(item.get("title")) or (f"Episode {number}" if number is not None else None)
    if title is None:
        return None
    original = text_or_none(item.get("title_japanese"))
    romaji = text_or_none(item.get("title_romanji"))
    episode = {"kind": "episode", "number": number, "title": title, "original_title": original,
               "original_language": "ja" if original else None, "year": year_of(item.get("aired")),
               "titles": [{"title": romaji, "language": "ja", "kind": "romanized"}]
               if romaji and romaji.casefold() != title.casefold() else []}
    return compact(episode)


def has_more_episodes(payload: Any, page: int) -> bool:
    """Whether an episode page has a next one (Jikan may say `has_next_page` past the last visible page)."""
    pagination = as_dict(as_dict(payload).get("pagination"))
    last = whole(pagination.get("last_visible_page"), 1, 10_000) or page
    return pagination.get("has_next_page") is True and page < last


# ---- errors and the finished record ------------------------------------------------------------------------------

def check_error(status: int, payload: Any = None) -> None:
    """Raise the ProviderError an answer stands for; return for a normal answer.

    Jikan's error bodies are `{"status": 404, "type": "HttpException", "message": ..., "error": ...}`; their status
    is read when the HTTP status is not known (0) or says 200.
    """
    body = as_dict(payload)
    code = status
    if status in (0, 200) and "data" not in body:
        code = _body_status(body) or status
    message = text_or_none(body.get("message"))
    if code == 404:
        raise ProviderError(NAME, "no such anime on MyAnimeList", "not_found")
    if code == 429:
        raise ProviderError(NAME, "too many requests; Jikan allows 60 a minute", "rate_limited")
    if code >= 500:
        raise ProviderError(NAME, f"the service is down (HTTP {code}{': ' + message if message else ''})", "down")
    if code >= 400:
        raise ProviderError(NAME, message or f"refused the request (HTTP {code})", "failed")


def _body_status(body: dict[str, Any]) -> int | None:
    status = body.get("status")
    if isinstance(status, str) and status.isdigit():
        status = int(status)  # some Jikan errors send it as text
    return whole(status, 100, 599)


# ---- the provider ------------------------------------------------------------------------------------------------

class JikanProvider:
    """Searches and fetches anime from MyAnimeList through Jikan and the app's shared HTTP client."""

    name = NAME
    attribution = ATTRIBUTION
    #: Pages of episodes fetched at most (100 episodes a page): long runners stop there.
    MAX_EPISODE_PAGES = 20

    def __init__(self, client: Any, base_url: str = DEFAULT_URL) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")

    def search(self, query: str, year: int | None = None) -> list[Candidate]:
        payload = self.client.get_json(NAME, f"{self.base_url}/anime", params={"q": query, "limit": 20},
                                       check=check_error)
        return near_year_first(parse_search(payload), year)

    def fetch(self, ident: str) -> Fetched:
        self._check_ident(ident)
        return parse_anime(self.client.get_json(NAME, f"{self.base_url}/anime/{ident}/full", params={},
                                                check=check_error))

    def add_episodes(self, fetched: Fetched) -> list[str]:
        """Put a fetched series' episodes under it (Jikan lists them in pages apart from the anime). Returns one line
        if they could not be had; the anime is added without them."""
        if fetched.work.get("kind") != "series" or fetched.work.get("children"):
            return []
        try:
            fetched.work["children"] = self.episodes(fetched.ident)
        except ProviderError as error:
            return [f"episodes not added ({error})"]
        return []

    def episodes(self, ident: str) -> list[dict[str, Any]]:
        """The anime's episodes as child works, page after page."""
        self._check_ident(ident)
        episodes: list[dict[str, Any]] = []
        for page in range(1, self.MAX_EPISODE_PAGES + 1):
            payload = self.client.get_json(NAME, f"{self.base_url}/anime/{ident}/episodes", params={"page": page},
                                           check=check_error)
            episodes += parse_episodes(payload)
            if not has_more_episodes(payload, page):
                break
        return episodes

    @staticmethod
    def _check_ident(ident: str) -> None:
        if not _DIGITS.match(str(ident)):
            raise ProviderError(NAME, f"'{ident}' is not a MyAnimeList id", "not_found")
