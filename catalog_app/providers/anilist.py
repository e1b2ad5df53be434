"""AniList: anime through its GraphQL API, parsed into fetched works. OFF by default.

AniList's terms (ApiV2-GraphQL-Docs, "Terms of use") forbid using the API inside a competing anime list or tracker
app unless it keeps up a real sync with AniList accounts, and forbid using it to store or hoard data. A catalog that
tracks anime comes close to that, so the provider refuses every request until the user turns it on in Settings →
Online sources; Jikan (MyAnimeList) is the default anime source. When on, it fetches one work on demand and keeps
only what it shows.

Every answer is `{"data": ..., "errors"?: [...]}`; a missing id is HTTP 404 with `"data": {"Media": null}`, too many
requests HTTP 429 (30 a minute while the API is degraded). Descriptions are HTML and become plain text.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.types import EXTERNAL_ID_PATTERNS, RATING_SCALES
from .base import (Candidate, Fetched, ImageRef, MalformedResponse, ProviderError, as_dict, as_list, checked, compact,
                   html_to_text, near_year_first, numeric_id, person_key, text_or_none, unique_texts, url_or_none,
                   whole)

NAME = "anilist"
DEFAULT_URL = "https://graphql.anilist.co"
ATTRIBUTION = "Anime data from AniList (anilist.co)"

#: Search: one page of anime matching a text, best match first.
SEARCH_QUERY = """\
query ($search: String, $page: Int, $perPage: Int) {
  Page(page: $page, perPage: $perPage) {
    media(search: $search, type: ANIME, sort: SEARCH_MATCH) {
      id
      idMal
      format
      description
      title {
        romaji
        english
        native
      }
      startDate {
        year
        month
        day
      }
      coverImage {
        large
        medium
      }
    }
  }
}
"""

#: One anime by id: the fields of the recorded request (media_99426_request_body) this parser reads, plus studios,
#: staff, characters with their Japanese voices, and relations.
MEDIA_QUERY = """\
query ($id: Int) {
  Media(id: $id, type: ANIME) {
    id
    idMal
    type
    format
    status
    description
    season
    seasonYear
    episodes
    duration
    countryOfOrigin
    source
    genres
    synonyms
    averageScore
    meanScore
    popularity
    isAdult
    siteUrl
    title {
      romaji
      english
      native
    }
    tags {
      id
      name
      rank
      isGeneralSpoiler
      isMediaSpoiler
      isAdult
    }
    startDate {
      year
      month
      day
    }
    endDate {
      year
      month
      day
    }
    externalLinks {
      id
      url
      site
      type
      language
      isDisabled
    }
    coverImage {
      extraLarge
      large
      medium
    }
    studios {
      edges {
        isMain
        node {
          id
          name
          isAnimationStudio
        }
      }
    }
    staff(sort: [RELEVANCE, ID], perPage: 25) {
      edges {
        role
        node {
          id
          name {
            full
            native
          }
        }
      }
    }
    characters(sort: [ROLE, RELEVANCE, ID], perPage: 25) {
      edges {
        role
        node {
          id
          name {
            full
            native
          }
        }
        voiceActors(language: JAPANESE, sort: [RELEVANCE, ID]) {
          id
          name {
            full
            native
          }
        }
      }
    }
    relations {
      edges {
        relationType(version: 2)
        node {
          id
          idMal
          type
          format
          title {
            romaji
            english
            native
          }
          startDate {
            year
          }
        }
      }
    }
  }
}
"""

#: AniList formats as work kinds; manga, novels and one-shots have none (they only appear as relations).
FORMAT_KINDS: dict[str, str] = {
    "TV": "series", "TV_SHORT": "series", "ONA": "series", "MOVIE": "film", "OVA": "ova", "SPECIAL": "special",
    "MUSIC": "short",
}

#: AniList relation types (version 2) as relation kinds, with a note where the kind alone would mislead.
RELATION_KINDS: dict[str, tuple[str, str | None]] = {
    "SEQUEL": ("sequel", None),
    "PREQUEL": ("prequel", None),
    "SIDE_STORY": ("spin_off", "side story"),
    "SPIN_OFF": ("spin_off", None),
    "PARENT": ("spin_off_of", "parent story"),
    "SOURCE": ("adaptation_of", None),
    "ALTERNATIVE": ("same_universe", "alternative version"),
    # The catalog has no "adapted into" kind: the adaptation is kept as a work of the same story.
    "ADAPTATION": ("same_universe", "adaptation"),
    "CHARACTER": ("same_universe", "shares characters"),
}

#: What a related non-anime is, for the relation's note.
_MEDIA_NOTES = {"MANGA": "manga", "NOVEL": "light novel", "ONE_SHOT": "one-shot manga"}

#: The language of the native title, from the country of origin.
_ORIGIN_LANGUAGES = {"JP": "ja", "KR": "ko", "CN": "zh", "TW": "zh"}

#: Staff roles as credit roles, by the start of AniList's role text ("Script (eps 1-13)").
_STAFF_ROLES: tuple[tuple[str, str], ...] = (
    ("Original Creator", "original_story"), ("Original Story", "original_story"), ("Original Work", "original_story"),
    ("Director", "director"), ("Chief Director", "director"), ("Series Composition", "writer"), ("Script", "writer"),
    ("Character Design", "character_designer"), ("Chief Animation Director", "animation_director"),
    ("Animation Director", "animation_director"), ("Art Director", "art_director"), ("Music", "composer"),
    ("Director of Photography", "cinematographer"), ("Editing", "editor"), ("Producer", "producer"),
    ("Executive Producer", "executive_producer"),
)
#: Longest first, so "Director of Photography" is read before "Director".
_STAFF_ROLES_LONGEST_FIRST = sorted(_STAFF_ROLES, key=lambda pair: -len(pair[0]))

_DIGITS = re.compile(f"^(?:{EXTERNAL_ID_PATTERNS['anilist']})$")


# ---- small readers of untrusted JSON -----------------------------------------------------------------------------

def _year(date: Any) -> int | None:
    return whole(as_dict(date).get("year"), 1870, 2200)


def _display_title(title: dict[str, Any]) -> str | None:
    return text_or_none(title.get("english")) or text_or_none(title.get("romaji")) or text_or_none(title.get("native"))


# ---- search ------------------------------------------------------------------------------------------------------

def parse_search(payload: Any) -> list[Candidate]:
    """Candidates from a SEARCH_QUERY answer (`data.Page.media`)."""
    check_error(200, payload)
    media = as_dict(as_dict(as_dict(payload).get("data")).get("Page")).get("media")
    if not isinstance(media, list):
        raise MalformedResponse(NAME, "a search answer should hold data.Page.media, a list")
    candidates = []
    for item in media:
        candidate = _candidate(as_dict(item))
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _candidate(media: dict[str, Any]) -> Candidate | None:
    ident, title = numeric_id(media.get("id")), as_dict(media.get("title"))
    display = _display_title(title)
    if ident is None or display is None:
        return None  # one broken match does not spoil the others
    return Candidate(provider=NAME, ident=ident, title=display, year=_year(media.get("startDate")),
                     kind=FORMAT_KINDS.get(media.get("format")) if isinstance(media.get("format"), str) else None,
                     original_title=text_or_none(title.get("native")),
                     poster_url=url_or_none(as_dict(media.get("coverImage")).get("medium")),
                     overview=html_to_text(media.get("description")), external_ids=_external_ids(media, ident),
                     anime=True)


def _external_ids(media: dict[str, Any], ident: str) -> dict[str, str]:
    ids = {"anilist": ident}
    mal = numeric_id(media.get("idMal"))
    if mal is not None:
        ids["mal"] = mal
    return ids


# ---- one anime ---------------------------------------------------------------------------------------------------

def parse_media(payload: Any) -> Fetched:
    """An anime from a MEDIA_QUERY answer (`data.Media`), with its people when staff or characters were asked for."""
    check_error(200, payload)
    media = as_dict(as_dict(as_dict(payload).get("data")).get("Media"))
    ident, title = numeric_id(media.get("id")), as_dict(media.get("title"))
    display = _display_title(title)
    if ident is None or display is None:
        raise MalformedResponse(NAME, "the anime has no id or no title")
    credits, people = _credits(media)
    fmt = media.get("format")
    kind = FORMAT_KINDS.get(fmt) if isinstance(fmt, str) else None
    year, end_year = _year(media.get("startDate")), _year(media.get("endDate"))
    work: dict[str, Any] = {
        "kind": kind,
        "anime": True,
        "title": display,
        **_original(media, title),
        "titles": _titles(media, title, display),
        "year": year,
        # A film's end date is its release day again; only a run of episodes has an end worth keeping.
        "end_year": end_year if kind == "series" and year is not None and (end_year or 0) >= year else None,
        "runtime": whole(media.get("duration"), 1, 100_000),
        "countries": _origin_country(media),
        "synopsis": html_to_text(media.get("description")),
        "genres": unique_texts(as_list(media.get("genres"))),
        "tags": _tags(media.get("tags")),
        "ratings": _ratings(media),
        "companies": _studios(media.get("studios")),
        "credits": credits,
        "availability": _streaming(media.get("externalLinks")),
        "relations": _relations(media.get("relations")),
        "external_ids": _external_ids(media, ident),
    }
    cover = as_dict(media.get("coverImage"))
    poster = url_or_none(cover.get("large")) or url_or_none(cover.get("extraLarge"))
    return checked(Fetched(provider=NAME, ident=ident, work=compact(work), people=people,
                           images=[ImageRef(poster, kind="poster", primary=True)] if poster else [],
                           attribution=ATTRIBUTION))


def _origin_code(media: dict[str, Any]) -> str | None:
    country = media.get("countryOfOrigin")
    return country.upper() if isinstance(country, str) and re.match(r"^[A-Za-z]{2}$", country) else None


def _original(media: dict[str, Any], title: dict[str, Any]) -> dict[str, Any]:
    native = text_or_none(title.get("native"))
    if native is None:
        return {}
    country = _origin_code(media)
    # Anime without a country of origin are Japanese; a country without a known language says nothing.
    language = _ORIGIN_LANGUAGES.get(country) if country else "ja"
    return {"original_title": native, "original_language": language}


def _origin_country(media: dict[str, Any]) -> list[str]:
    country = _origin_code(media)
    return [country] if country else []


def _titles(media: dict[str, Any], title: dict[str, Any], display: str) -> list[dict[str, Any]]:
    language = _ORIGIN_LANGUAGES.get(_origin_code(media) or "JP")
    candidates = [(title.get("romaji"), language, "romanized"), (title.get("english"), "en", "localized")]
    candidates += [(synonym, None, "alternative") for synonym in as_list(media.get("synonyms"))]
    taken = {display.casefold(), (text_or_none(title.get("native")) or "").casefold()}
    titles = []
    for text, lang, kind in candidates:
        text = text_or_none(text)
        if text is not None and text.casefold() not in taken:
            taken.add(text.casefold())
            titles.append({"title": text, "language": lang, "kind": kind})
    return titles


def _tags(tags: Any) -> list[str]:
    # A tag that gives the story away is not shown as a keyword.
    return unique_texts(t.get("name") for t in map(as_dict, as_list(tags)) if t.get("isMediaSpoiler") is not True)


def _ratings(media: dict[str, Any]) -> list[dict[str, Any]]:
    score = whole(media.get("averageScore"), 0, int(RATING_SCALES["anilist"]))
    if score is None:
        return []
    return [{"source": "anilist", "value": score, "url": url_or_none(media.get("siteUrl"))}]


def _studios(studios: Any) -> list[dict[str, str]]:
    companies: list[dict[str, str]] = []
    for edge in map(as_dict, as_list(as_dict(studios).get("edges"))):
        node = as_dict(edge.get("node"))
        name = text_or_none(node.get("name"))
        role = "studio" if node.get("isAnimationStudio") is True else "production"
        if name is not None and {"name": name, "role": role} not in companies:
            companies.append({"name": name, "role": role})
    return companies


def _streaming(links: Any) -> list[dict[str, Any]]:
    availability = []
    for link in map(as_dict, as_list(links)):
        platform, url = text_or_none(link.get("site")), url_or_none(link.get("url"))
        if link.get("type") == "STREAMING" and link.get("isDisabled") is not True and platform:
            availability.append({"platform": platform, "kind": "stream", "url": url})
    return availability


def _relations(relations: Any) -> list[dict[str, Any]]:
    stubs = []
    for edge in map(as_dict, as_list(as_dict(relations).get("edges"))):
        kind_note = RELATION_KINDS.get(edge.get("relationType")) if isinstance(edge.get("relationType"), str) else None
        node = as_dict(edge.get("node"))
        title = _display_title(as_dict(node.get("title")))
        if kind_note is None or title is None:
            continue  # summaries, compilations and "other" say too little to keep
        kind, note = kind_note
        fmt = node.get("format") if isinstance(node.get("format"), str) else ""
        media_note = _MEDIA_NOTES.get(fmt) or ("manga" if node.get("type") == "MANGA" else None)
        # A stub: the related work is not in the catalog's document (docs/format.md, section 3).
        # Its ids let it be added complete in one click (through Jikan when AniList is off).
        ids = {space: str(n) for space, n in (("anilist", whole(node.get("id"), 1, 10_000_000_000)),
                                              ("mal", whole(node.get("idMal"), 1, 10_000_000_000))) if n}
        stubs.append({"kind": kind, "target": None, **compact({
            "title": title, "year": _year(node.get("startDate")),
            "target_ids": ids if node.get("type") != "MANGA" else None,
            "target_kind": None if media_note else FORMAT_KINDS.get(fmt),
            "note": ", ".join(n for n in (note, media_note) if n) or None})})
    return stubs


# ---- people ------------------------------------------------------------------------------------------------------

def _credits(media: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    credits: list[dict[str, Any]] = []
    people: dict[str, dict[str, Any]] = {}
    for edge in map(as_dict, as_list(as_dict(media.get("staff")).get("edges"))):
        key = _person(as_dict(edge.get("node")), people)
        role_text = text_or_none(edge.get("role"))
        if key is not None:
            credits.append({"person": key, "role": _staff_role(role_text), "note": role_text,
                            "billing": len(credits)})
    for edge in map(as_dict, as_list(as_dict(media.get("characters")).get("edges"))):
        character = text_or_none(as_dict(as_dict(edge.get("node")).get("name")).get("full"))
        for actor in map(as_dict, as_list(edge.get("voiceActors"))):
            key = _person(actor, people)
            if key is not None:
                credits.append({"person": key, "role": "voice", "character": character, "billing": len(credits)})
    return credits, people


def _person(node: dict[str, Any], people: dict[str, dict[str, Any]]) -> str | None:
    name = as_dict(node.get("name"))
    full, native = text_or_none(name.get("full")), text_or_none(name.get("native"))
    if full is None and native is None:
        return None
    ident = numeric_id(node.get("id"))
    key = person_key(NAME, ident, full or native or "")
    people[key] = {"id": key, "name": full or native, "original_name": native if full else None,
                   "external_ids": {"anilist": ident} if ident else {}}
    return key


def _staff_role(role_text: str | None) -> str:
    # "Director" must not take "Episode Director" or "Sound Director": the role text has to start with the name.
    if role_text is None:
        return "crew"
    for prefix, role in _STAFF_ROLES_LONGEST_FIRST:
        if re.match(rf"^{re.escape(prefix)}\b", role_text):
            return role
    return "crew"


# ---- errors and the finished record ------------------------------------------------------------------------------

def check_error(status: int, payload: Any = None) -> None:
    """Raise the ProviderError an answer stands for; return for a normal answer.

    GraphQL reports in the body: `errors[].status` says what the HTTP status would (404 not found, 429 too many
    requests), and an answer with errors and no data failed even when it came with HTTP 200.
    """
    body = as_dict(payload)
    errors = list(map(as_dict, as_list(body.get("errors"))))
    first = errors[0] if errors else {}
    message = text_or_none(first.get("message")) or ""
    code = status if status >= 400 else (whole(first.get("status"), 100, 599) or status)
    if code == 404:
        raise ProviderError(NAME, "no such anime on AniList", "not_found")
    if code == 429:
        raise ProviderError(NAME, "too many requests; AniList asks to wait a minute", "rate_limited")
    if code == 403:
        raise ProviderError(NAME, f"refused the request{': ' + message if message else ''}", "refused")
    if code >= 500:
        raise ProviderError(NAME, f"the service is down (HTTP {code})", "down")
    data = body.get("data")
    if code >= 400 or (errors and not any(v is not None for v in as_dict(data).values())):
        raise ProviderError(NAME, message or f"the request failed (HTTP {code})", "failed")


# ---- the provider ------------------------------------------------------------------------------------------------

class AniListProvider:
    """Searches and fetches anime from AniList, only once the user has turned it on (see the module docstring)."""

    name = NAME
    attribution = ATTRIBUTION

    def __init__(self, client: Any, base_url: str = DEFAULT_URL, enabled: bool = False) -> None:
        self.client = client
        self.base_url = base_url
        self.enabled = enabled

    def search(self, query: str, year: int | None = None) -> list[Candidate]:
        payload = self._post(SEARCH_QUERY, {"search": query, "page": 1, "perPage": 20})
        # Anime that start within a year of the one asked for come first, the rest keep AniList's order.
        return near_year_first(parse_search(payload), year)

    def fetch(self, ident: str) -> Fetched:
        if not _DIGITS.match(str(ident)):
            raise ProviderError(NAME, f"'{ident}' is not an AniList id", "not_found")
        return parse_media(self._post(MEDIA_QUERY, {"id": int(ident)}))

    def _post(self, query: str, variables: dict[str, Any]) -> Any:
        if not self.enabled:
            raise ProviderError(NAME, "is off: enable it in Settings → Online sources (AniList's terms limit list "
                                      "apps)", "refused")
        return self.client.post_json(NAME, self.base_url, body={"query": query, "variables": variables},
                                     check=check_error)
