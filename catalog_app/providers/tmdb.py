"""TMDB (The Movie Database, API v3): films and series as search candidates and fetched works.

The parse functions turn TMDB's decoded JSON (search, /find, movie and tv details with their appended sub-requests,
seasons, /configuration, error bodies) into the shared provider types; they never touch the network. `TmdbProvider`
asks the shared HTTP client for those responses and hands them to the parsers.

TMDB's shapes changed over the years (2014 answers have no original_language and string vote averages, 2017 added
release_dates beside the older releases, tv gained aggregate_credits), so every field is read defensively: a field
of the wrong type is left out, and only an answer without the basics (an object with an id and a title) is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable, Sequence

from ..core.errors import InputError
from ..core.record import validate_work
from .base import (Candidate, CreditedWork, Fetched, ImageRef, MalformedResponse, ProviderError, add_credit, as_dict,
                   checked, code_or_none, long_text, person_key, set_known, short_text, text_or_none, unique, whole,
                   year_of)

NAME = "tmdb"
DEFAULT_URL = "https://api.themoviedb.org/3"
DEFAULT_IMAGE_URL = "https://image.tmdb.org/t/p/"
ATTRIBUTION = "This product uses the TMDB API but is not endorsed or certified by TMDB."

#: What /configuration lists when it cannot be read; TMDB documents these sizes and they have been stable for years.
DEFAULT_POSTER_SIZES = ("w92", "w154", "w185", "w342", "w500", "w780", "original")
DEFAULT_BACKDROP_SIZES = ("w300", "w780", "w1280", "original")
DEFAULT_PROFILE_SIZES = ("w45", "w185", "h632", "original")
#: Widths in pixels: a poster in a list of matches, a poster on the detail page, a backdrop behind it.
LIST_POSTER_PX = 185
DISPLAY_POSTER_PX = 500
BACKDROP_PX = 1280

ANIMATION_GENRE = 16
#: Sub-requests fetched with the details in one call (TMDB allows up to 20).
MOVIE_APPEND = "credits,keywords,release_dates,images,external_ids,watch/providers,alternative_titles"
TV_APPEND = "aggregate_credits,keywords,content_ratings,images,external_ids,watch/providers,alternative_titles"

#: Crew jobs kept as credits; the dozens of other jobs (gaffer, stunts, foley…) would bury the ones people look for.
CREW_ROLES = {
    "Director": "director",
    "Screenplay": "writer",
    "Writer": "writer",
    "Teleplay": "writer",
    "Novel": "original_story",
    "Story": "original_story",
    "Original Story": "original_story",
    "Original Music Composer": "composer",
    "Music": "composer",
    "Producer": "producer",
    "Executive Producer": "executive_producer",
    "Director of Photography": "cinematographer",
    "Editor": "editor",
    "Animation Director": "animation_director",
    "Character Designer": "character_designer",
    "Art Direction": "art_director",
}
#: The order credits are listed in, makers first, then the cast by billing.
ROLE_ORDER = ("creator", "director", "writer", "original_story", "producer", "executive_producer", "composer",
              "cinematographer", "editor", "animation_director", "character_designer", "art_director")

#: TMDB release types (1 premiere … 6 TV) as ReleaseKind values.
RELEASE_KINDS = {1: "premiere", 2: "theatrical", 3: "theatrical", 4: "streaming", 5: "physical", 6: "tv"}
#: "watch/providers" offer types as AvailabilityKind values (flatrate is a subscription, which the format calls stream).
OFFER_KINDS = {"flatrate": "stream", "free": "free", "ads": "ads", "rent": "rent", "buy": "buy"}
#: TMDB's own error codes (status_code in an error body) and what kind of ProviderError each is.
ERROR_KINDS = {3: "bad_key", 7: "bad_key", 10: "bad_key", 14: "bad_key", 6: "not_found", 34: "not_found",
               9: "down", 11: "down", 24: "timeout", 25: "rate_limited"}
#: What /find calls each external id source.
FIND_SOURCES = {"imdb": "imdb_id", "wikidata": "wikidata_id", "tvdb": "tvdb_id", "facebook": "facebook_id",
                "instagram": "instagram_id", "twitter": "twitter_id", "tvrage": "tvrage_id"}

_IMDB_TITLE = re.compile(r"^tt\d{5,10}$")
_WIKIDATA_ID = re.compile(r"^Q\d{1,12}$")
_IDENT = re.compile(r"^(movie|tv)/(\d{1,10})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


# ---- small readers: each returns None (or empty) for a value of the wrong type, so one bad field is skipped ----------

def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    return float(value)


def _code(value: Any, country: bool = False) -> str | None:
    """A language ("en") or country ("US") code as the format takes it; TMDB's "xx" means "no language"."""
    found = code_or_none(value, country)
    return None if found is None or found.lower() == "xx" else found


def _day(value: Any) -> str | None:
    """ "1999-10-15" from "1999-10-15" or "1999-10-15T00:00:00.000Z", if it is a real date the catalog accepts."""
    if not isinstance(value, str) or not _DAY.match(value):
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return value[:10] if year_of(value) is not None else None


def _root(payload: Any, what: str) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise MalformedResponse(NAME, f"{what} is not a JSON object")
    return payload


def _result_list(payload: dict[str, Any], key: str, what: str, required: bool = True) -> list[Any]:
    value = payload.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        raise MalformedResponse(NAME, f"{what} has no list of {key}")
    return value


# ---- configuration and images ---------------------------------------------------------------------------------------

def parse_configuration(payload: Any) -> dict[str, Any]:
    """The image base address and sizes from /configuration: {"secure_base_url", "poster_sizes", ...}."""
    images = _root(payload, "the configuration").get("images")
    if not isinstance(images, dict):
        raise MalformedResponse(NAME, "the configuration has no images section")
    base = text_or_none(images.get("secure_base_url")) or text_or_none(images.get("base_url"))
    if base is None or not base.startswith(("https://", "http://")):
        raise MalformedResponse(NAME, "the configuration has no image address")

    def sizes(key: str, default: Sequence[str]) -> list[str]:
        listed = images.get(key)
        return [size for size in listed if isinstance(size, str)] if isinstance(listed, list) and listed \
            else list(default)

    return {"secure_base_url": base, "poster_sizes": sizes("poster_sizes", DEFAULT_POSTER_SIZES),
            "backdrop_sizes": sizes("backdrop_sizes", DEFAULT_BACKDROP_SIZES),
            "profile_sizes": sizes("profile_sizes", DEFAULT_PROFILE_SIZES)}


def pick_size(sizes: Sequence[str] | None, wanted_px: int) -> str:
    """The smallest listed width of at least `wanted_px` ("w342", "w500"), else the widest; "original" only when no
    width is listed, since originals run to several megabytes."""
    widths = sorted(int(size[1:]) for size in sizes or () if isinstance(size, str)
                    and size.startswith("w") and size[1:].isdigit())
    if not widths:
        return "original"
    return f"w{next((width for width in widths if width >= wanted_px), widths[-1])}"


def image_url(image_base: str, size: str, file_path: Any) -> str | None:
    """The address of one image at one size, or None when the path is not an image path."""
    if not isinstance(file_path, str) or not file_path.startswith("/") or " " in file_path or len(file_path) > 300:
        return None
    return f"{image_base.rstrip('/')}/{size}{file_path}"


# ---- search and find ------------------------------------------------------------------------------------------------

_KIND_FIELDS = {  # work kind → (id space, title field, original title field, date field)
    "film": ("movie", "title", "original_title", "release_date"),
    "series": ("tv", "name", "original_name", "first_air_date"),
}


def _is_anime(genre_ids: Iterable[Any], original_language: Any) -> bool:
    # TMDB has no anime flag; Japanese animation is the closest it documents
    return original_language == "ja" and any(genre == ANIMATION_GENRE for genre in genre_ids)


def _candidate(result: dict[str, Any], kind: str, image_base: str, poster_sizes: Sequence[str] | None
               ) -> Candidate | None:
    space, title_field, original_field, date_field = _KIND_FIELDS[kind]
    tmdb_id = whole(result.get("id"), 1, 9_999_999_999)
    title = short_text(result.get(title_field))
    if tmdb_id is None or title is None:
        return None
    ident = f"{space}/{tmdb_id}"
    genre_ids = result["genre_ids"] if isinstance(result.get("genre_ids"), list) else []
    return Candidate(
        provider=NAME, ident=ident, title=title, year=year_of(result.get(date_field)), kind=kind,
        original_title=short_text(result.get(original_field)),
        poster_url=image_url(image_base, pick_size(poster_sizes or DEFAULT_POSTER_SIZES, LIST_POSTER_PX),
                             result.get("poster_path")),
        overview=long_text(result.get("overview")), external_ids={"tmdb": ident},
        anime=_is_anime(genre_ids, result.get("original_language")))


def _kind_or_error(kind: str) -> str:
    if kind not in _KIND_FIELDS:
        raise ValueError(f"kind must be 'film' or 'series', not {kind!r}")
    return kind


def parse_search(payload: Any, kind: str, image_base: str = DEFAULT_IMAGE_URL,
                 poster_sizes: Sequence[str] | None = None) -> list[Candidate]:
    """Candidates from /search/movie (kind "film") or /search/tv (kind "series"), in TMDB's order."""
    kind = _kind_or_error(kind)
    results = _result_list(_root(payload, "the search answer"), "results", "the search answer")
    found = (_candidate(result, kind, image_base, poster_sizes) for result in _dicts(results))
    return [candidate for candidate in found if candidate is not None]


def parse_find(payload: Any, image_base: str = DEFAULT_IMAGE_URL,
               poster_sizes: Sequence[str] | None = None) -> list[Candidate]:
    """Candidates from /find/{external_id}: its films, then its series (people and episodes are not works here)."""
    payload = _root(payload, "the find answer")
    found = []
    for key, kind in (("movie_results", "film"), ("tv_results", "series")):
        for result in _dicts(_result_list(payload, key, "the find answer", required=False)):
            candidate = _candidate(result, kind, image_base, poster_sizes)
            if candidate is not None:
                found.append(candidate)
    return found


# ---- a person's works -----------------------------------------------------------------------------------------------

def parse_person_credits(payload: Any, image_base: str = DEFAULT_IMAGE_URL,
                         poster_sizes: Sequence[str] | None = None) -> list[CreditedWork]:
    """A person's films and series, newest first: from /person/{id}/combined_credits, a movie_credits or tv_credits
    answer, or a person answer with one of those appended. Crew jobs the catalog keeps as credits, and acting roles;
    each (work, role) once.

    Raises:
        MalformedResponse: the answer has neither a cast nor a crew list.
    """
    payload = _root(payload, "the person's credits")
    for appended in ("combined_credits", "movie_credits", "tv_credits"):
        if isinstance(payload.get(appended), dict):
            payload = payload[appended]
            break
    if not isinstance(payload.get("cast"), list) and not isinstance(payload.get("crew"), list):
        raise MalformedResponse(NAME, "the person's credits have no cast or crew list")
    found: list[CreditedWork] = []
    seen: set[tuple[str, str]] = set()

    def add(entry: dict[str, Any], role: str, character: str | None = None) -> None:
        media = entry.get("media_type") or ("movie" if "title" in entry else "tv")
        if media not in ("movie", "tv") or entry.get("adult") is True:
            return
        work = _candidate(entry, "film" if media == "movie" else "series", image_base, poster_sizes)
        if work is not None and (work.ident, role) not in seen:
            seen.add((work.ident, role))
            found.append(CreditedWork(work, role, character))
    for entry in _dicts(payload.get("crew")):
        for job in _jobs(entry):
            if job in CREW_ROLES:
                add(entry, CREW_ROLES[job])
    for entry in _dicts(payload.get("cast")):
        add(entry, "cast", short_text(entry.get("character")))
    # newest first, works without a date after them (announced, not yet dated)
    return sorted(found, key=lambda c: (c.work.year is None, -(c.work.year or 0)))


# ---- details --------------------------------------------------------------------------------------------------------

class _CreditList:
    """Credits and the people they name, each person once, each (person, role, character) once."""

    def __init__(self) -> None:
        self.people: dict[str, dict[str, Any]] = {}
        self.credits: list[dict[str, Any]] = []
        self._seen: set[tuple[str, str, str | None]] = set()

    def add(self, raw: dict[str, Any], role: str, character: str | None = None, billing: int | None = None) -> None:
        name = short_text(raw.get("name"))
        if name is None:
            return
        tmdb_id = whole(raw.get("id"), 1, 9_999_999_999)
        key = person_key(NAME, tmdb_id, name)
        if key not in self.people:
            person: dict[str, Any] = {"id": key, "name": name,
                                      "external_ids": {"tmdb": f"person/{tmdb_id}"} if tmdb_id else {}}
            original = short_text(raw.get("original_name"))
            if original is not None and original != name:
                person["original_name"] = original
            self.people[key] = person
        # TMDB lists a writer under both "Writer" and "Screenplay", and a producer once per production company
        add_credit(self.credits, self._seen, key, role, character, billing)

    def ordered(self) -> list[dict[str, Any]]:
        def rank(credit: dict[str, Any]) -> tuple[int, int]:
            role = credit["role"]
            position = ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)
            return position, credit.get("billing", 0)
        return sorted(self.credits, key=rank)


def _character(member: dict[str, Any]) -> str | None:
    """The character of a cast entry; aggregate credits give one per role ("roles": [{"character": …}])."""
    if isinstance(member.get("roles"), list):
        characters = (short_text(role.get("character")) for role in _dicts(member["roles"]))
        names = unique(name for name in characters if name)
        return short_text(" / ".join(names)) if names else None
    return short_text(member.get("character"))


def _jobs(member: dict[str, Any]) -> list[str]:
    """The jobs of a crew entry; aggregate credits give a list ("jobs": [{"job": …}])."""
    if isinstance(member.get("jobs"), list):
        return [job["job"] for job in _dicts(member["jobs"]) if isinstance(job.get("job"), str)]
    return [member["job"]] if isinstance(member.get("job"), str) else []


def _credits(payload: dict[str, Any], animated: bool) -> _CreditList:
    credits = _CreditList()
    for creator in _dicts(payload.get("created_by")):
        credits.add(creator, "creator")
    # aggregate credits cover every season of a series; plain tv credits only the latest one
    block = as_dict(payload.get("aggregate_credits")) or as_dict(payload.get("credits"))
    for member in _dicts(block.get("crew")):
        for job in _jobs(member):
            if job in CREW_ROLES:
                credits.add(member, CREW_ROLES[job])
    cast_role = "voice" if animated else "cast"
    for position, member in enumerate(_dicts(block.get("cast"))):
        billing = whole(member.get("order"), 0, 1_000_000)
        credits.add(member, cast_role, _character(member), position if billing is None else billing)
    return credits


def _names(items: Any) -> list[str]:
    return unique(name for name in (short_text(item.get("name")) for item in _dicts(items)) if name)


def _companies(payload: dict[str, Any]) -> list[dict[str, str]]:
    companies = [{"name": name, "role": "production"} for name in _names(payload.get("production_companies"))]
    companies += [{"name": name, "role": "network"} for name in _names(payload.get("networks"))]
    return companies


def _countries(payload: dict[str, Any]) -> list[str]:
    produced = [_code(item.get("iso_3166_1"), country=True) for item in _dicts(payload.get("production_countries"))]
    codes = [code for code in produced if code]
    if not codes and isinstance(payload.get("origin_country"), list):
        codes = [code for code in (_code(c, country=True) for c in payload["origin_country"]) if code]
    return unique(codes)


def _languages(payload: dict[str, Any]) -> list[str]:
    spoken = [_code(item.get("iso_639_1")) for item in _dicts(payload.get("spoken_languages"))]
    codes = [code for code in spoken if code]
    if not codes and isinstance(payload.get("languages"), list):  # older tv answers list bare codes
        codes = [code for code in (_code(c) for c in payload["languages"]) if code]
    return unique(codes)


def _keywords(payload: dict[str, Any]) -> list[str]:
    block = as_dict(payload.get("keywords"))
    # movies answer {"keywords": [...]}, series {"results": [...]}
    return _names(block.get("keywords") if isinstance(block.get("keywords"), list) else block.get("results"))


def _release_kind(type_code: Any, note: str | None) -> str:
    kind = RELEASE_KINDS.get(type_code, "theatrical") if isinstance(type_code, int) else "theatrical"
    # TMDB files festival screenings as premieres; its note names the festival
    if kind == "premiere" and note and "festival" in note.casefold():
        return "festival"
    return kind


def _release_dates(payload: dict[str, Any]) -> list[dict[str, Any]]:
    releases = []
    seen: set[tuple[Any, ...]] = set()
    for country_block in _dicts(as_dict(payload.get("release_dates")).get("results")):
        country = _code(country_block.get("iso_3166_1"), country=True)
        for release in _dicts(country_block.get("release_dates")):
            date = _day(release.get("release_date"))
            if date is None:
                continue
            note = short_text(release.get("note"))
            entry = {"date": date, "country": country, "kind": _release_kind(release.get("type"), note)}
            if note is not None:
                entry["note"] = note
            if (country, date, entry["kind"], note) not in seen:
                seen.add((country, date, entry["kind"], note))
                releases.append(entry)
    if releases:
        return releases
    # the pre-2017 shape, theatrical dates only
    for legacy in _dicts(as_dict(payload.get("releases")).get("countries")):
        date = _day(legacy.get("release_date"))
        if date is not None:
            releases.append({"date": date, "country": _code(legacy.get("iso_3166_1"), country=True),
                             "kind": "theatrical"})
    return releases


def _content_rating(payload: dict[str, Any], region: str) -> str | None:
    for entry in _dicts(as_dict(payload.get("content_ratings")).get("results")):  # series
        if entry.get("iso_3166_1") == region and short_text(entry.get("rating")):
            return short_text(entry.get("rating"))
    for country_block in _dicts(as_dict(payload.get("release_dates")).get("results")):  # films
        if country_block.get("iso_3166_1") == region:
            releases = sorted(_dicts(country_block.get("release_dates")),
                              key=lambda release: release.get("type") != 3)  # the theatrical rating first
            for release in releases:
                if short_text(release.get("certification")):
                    return short_text(release.get("certification"))
    for legacy in _dicts(as_dict(payload.get("releases")).get("countries")):
        if legacy.get("iso_3166_1") == region and short_text(legacy.get("certification")):
            return short_text(legacy.get("certification"))
    return None


def _availability(payload: dict[str, Any], region: str) -> list[dict[str, Any]]:
    if _code(region, country=True) is None:
        return []
    offers = as_dict(as_dict(as_dict(payload.get("watch/providers")).get("results")).get(region))
    link = text_or_none(offers.get("link"))
    if link is not None and not re.match(r"^https?://\S+$", link):
        link = None
    found = []
    seen: set[tuple[str, str]] = set()
    for offer_type, kind in OFFER_KINDS.items():
        for offer in _dicts(offers.get(offer_type)):
            platform = short_text(offer.get("provider_name"))
            if platform is None or (platform.casefold(), kind) in seen:
                continue
            seen.add((platform.casefold(), kind))
            entry: dict[str, Any] = {"platform": platform, "region": region, "kind": kind}
            if link is not None:
                entry["url"] = link
            found.append(entry)
    return found


def _title_kind(tmdb_type: Any) -> str:
    text = tmdb_type.casefold() if isinstance(tmdb_type, str) else ""
    for marker, kind in (("romaniz", "romanized"), ("romanis", "romanized"), ("translit", "romanized"),
                         ("working", "working"), ("short", "short"), ("original", "original")):
        if marker in text:
            return kind
    return "alternative"  # "", "Hispanoamérica", "Castilian Spanish", "informal title"…


def _alternative_titles(payload: dict[str, Any], main_titles: set[str]) -> list[dict[str, Any]]:
    block = as_dict(payload.get("alternative_titles"))
    # movies answer {"titles": [...]}, series {"results": [...]}
    entries = block.get("titles") if isinstance(block.get("titles"), list) else block.get("results")
    titles = []
    seen: set[tuple[str, str | None]] = set()
    for entry in _dicts(entries):
        title = short_text(entry.get("title"))
        country = _code(entry.get("iso_3166_1"), country=True)
        if title is None or title.casefold() in main_titles or (title.casefold(), country) in seen:
            continue
        seen.add((title.casefold(), country))
        titles.append({"title": title, "country": country, "kind": _title_kind(entry.get("type"))})
    return titles


def _external_ids(payload: dict[str, Any], ident: str) -> dict[str, str]:
    ids = {"tmdb": ident}
    block = as_dict(payload.get("external_ids"))
    imdb = block.get("imdb_id") or payload.get("imdb_id")
    if isinstance(imdb, str) and _IMDB_TITLE.match(imdb):
        ids["imdb"] = imdb
    wikidata = block.get("wikidata_id")
    if isinstance(wikidata, str) and _WIKIDATA_ID.match(wikidata):
        ids["wikidata"] = wikidata
    return ids


def _rating(payload: dict[str, Any]) -> list[dict[str, Any]]:
    value = _number(payload.get("vote_average"))
    votes = whole(payload.get("vote_count"), 0, 10**12)
    if value is None or votes is None or votes == 0 or not 0 <= value <= 10:
        return []  # no votes yet: TMDB's 0 then means "unrated", not a score of 0
    return [{"source": NAME, "value": round(value, 3), "votes": votes}]


def _runtime(payload: dict[str, Any], kind: str) -> int | None:
    if kind == "film":
        return whole(payload.get("runtime"), 1, 100_000)  # 0 is TMDB's "unknown"
    run_times = payload.get("episode_run_time")  # series: minutes per episode, often empty nowadays
    return whole(run_times[0], 1, 100_000) if isinstance(run_times, list) and run_times else None


def _season(entry: dict[str, Any]) -> dict[str, Any] | None:
    number = whole(entry.get("season_number"), 0, 1_000_000)
    if number is None:
        return None
    title = short_text(entry.get("name")) or ("Specials" if number == 0 else f"Season {number}")
    season: dict[str, Any] = {"kind": "season", "number": number, "title": title}
    year = year_of(entry.get("air_date"))
    if year is not None:
        season["year"] = year
    synopsis = long_text(entry.get("overview"))
    if synopsis is not None:
        season["synopsis"] = synopsis
    return season


def _best_image_path(payload: dict[str, Any], field: str, group: str, language: str) -> str | None:
    """The main image TMDB chose for the request language, else the best-voted one in the user's language (or none)."""
    if isinstance(payload.get(field), str):
        return payload[field]
    images = _dicts(as_dict(payload.get("images")).get(group))
    for wanted in (language, None):
        matching = [image for image in images if image.get("iso_639_1") == wanted
                    and isinstance(image.get("file_path"), str)]
        if matching:
            return max(matching, key=lambda image: _number(image.get("vote_average")) or 0.0)["file_path"]
    return None


def _image_language(payload: dict[str, Any], group: str, file_path: str) -> str | None:
    for image in _dicts(as_dict(payload.get("images")).get(group)):
        if image.get("file_path") == file_path:
            return _code(image.get("iso_639_1"))
    return None


def _images(payload: dict[str, Any], image_base: str, language: str, poster_sizes: Sequence[str] | None,
            backdrop_sizes: Sequence[str] | None) -> list[ImageRef]:
    refs = []
    for field, group, kind, sizes, width in (
            ("poster_path", "posters", "poster", poster_sizes or DEFAULT_POSTER_SIZES, DISPLAY_POSTER_PX),
            ("backdrop_path", "backdrops", "backdrop", backdrop_sizes or DEFAULT_BACKDROP_SIZES, BACKDROP_PX)):
        path = _best_image_path(payload, field, group, language)
        url = image_url(image_base, pick_size(sizes, width), path)
        if url is not None and path is not None:
            refs.append(ImageRef(url=url, kind=kind, primary=True, language=_image_language(payload, group, path)))
    return refs


def parse_details(payload: Any, kind: str, image_base: str = DEFAULT_IMAGE_URL, region: str = "US",
                  language: str = "en", poster_sizes: Sequence[str] | None = None,
                  backdrop_sizes: Sequence[str] | None = None) -> Fetched:
    """A film (kind "film", /movie/{id}) or series (kind "series", /tv/{id}) with its appended sub-requests.

    Raises:
        MalformedResponse: the answer is not an object with an id and a title.
    """
    kind = _kind_or_error(kind)
    payload = _root(payload, "the details answer")
    space, title_field, original_field, date_field = _KIND_FIELDS[kind]
    tmdb_id = whole(payload.get("id"), 1, 9_999_999_999)
    if tmdb_id is None:
        raise MalformedResponse(NAME, "the details have no id")
    ident = f"{space}/{tmdb_id}"
    title = short_text(payload.get(title_field))
    if title is None:
        raise MalformedResponse(NAME, f"{ident} has no title")
    genre_ids = [genre.get("id") for genre in _dicts(payload.get("genres"))]
    animated = ANIMATION_GENRE in genre_ids
    region = region.upper()

    work: dict[str, Any] = {"kind": kind, "title": title}
    if kind == "series" and isinstance(payload.get("type"), str) and payload["type"].casefold() == "miniseries":
        work["kind"] = "miniseries"
    if _is_anime(genre_ids, payload.get("original_language")):
        work["anime"] = True
    original_title = short_text(payload.get(original_field))
    set_known(work, "original_title", original_title)
    set_known(work, "original_language", _code(payload.get("original_language")))
    year = year_of(payload.get(date_field))
    set_known(work, "year", year)
    if kind == "series" and payload.get("status") in ("Ended", "Canceled"):
        end_year = year_of(payload.get("last_air_date"))
        set_known(work, "end_year", end_year if end_year is not None and (year is None or end_year >= year) else None)
    set_known(work, "runtime", _runtime(payload, kind))
    set_known(work, "synopsis", long_text(payload.get("overview")))
    set_known(work, "tagline", short_text(payload.get("tagline")))
    set_known(work, "content_rating", _content_rating(payload, region))
    set_known(work, "genres", _names(payload.get("genres")))
    set_known(work, "tags", _keywords(payload))
    set_known(work, "countries", _countries(payload))
    set_known(work, "languages", _languages(payload))
    set_known(work, "companies", _companies(payload))
    credits = _credits(payload, animated)
    set_known(work, "credits", credits.ordered())
    set_known(work, "ratings", _rating(payload))
    set_known(work, "release_dates", _release_dates(payload) if kind == "film" else [])
    set_known(work, "availability", _availability(payload, region))
    set_known(work, "titles", _alternative_titles(payload, {title.casefold(), (original_title or title).casefold()}))
    work["external_ids"] = _external_ids(payload, ident)
    if kind == "series":
        set_known(work, "children", [season for season in map(_season, _dicts(payload.get("seasons"))) if season])
    images = _images(payload, image_base, language.split("-")[0].lower(), poster_sizes, backdrop_sizes)
    return checked(Fetched(provider=NAME, ident=ident, work=work, people=credits.people, images=images,
                           attribution=ATTRIBUTION))


# ---- seasons --------------------------------------------------------------------------------------------------------

#: Seasons whose episodes are fetched when a series is added (a request each); past this, seasons come without them.
MAX_SEASONS = 100


def parse_episode(entry: Any) -> dict[str, Any] | None:
    """One episode of a season answer (or /tv/{id}/season/{n}/episode/{m}) as a child work, or None without a
    number."""
    if not isinstance(entry, dict):
        return None
    number = whole(entry.get("episode_number"), 0, 1_000_000)
    if number is None:
        return None
    episode: dict[str, Any] = {"kind": "episode", "number": number,
                               "title": short_text(entry.get("name")) or f"Episode {number}"}
    set_known(episode, "year", year_of(entry.get("air_date")))
    set_known(episode, "runtime", whole(entry.get("runtime"), 1, 100_000))
    set_known(episode, "synopsis", long_text(entry.get("overview")))
    aired = _day(entry.get("air_date"))
    if aired is not None:
        episode["release_dates"] = [{"date": aired, "kind": "tv"}]
    return episode


def parse_season(payload: Any) -> list[dict[str, Any]]:
    """The episodes of /tv/{id}/season/{n} as child works (kind "episode"), in episode order.

    Raises:
        MalformedResponse: the answer has no list of episodes, or an episode the catalog would refuse.
    """
    episodes = _result_list(_root(payload, "the season answer"), "episodes", "the season answer")
    works = sorted((work for work in map(parse_episode, episodes) if work), key=lambda work: work["number"])
    for position, work in enumerate(works):
        try:
            validate_work(work, f"episodes[{position}]", depth=2)
        except InputError as error:
            raise MalformedResponse(NAME, str(error)) from error
    return works


# ---- errors ---------------------------------------------------------------------------------------------------------

_ERROR_TEXT = {
    "bad_key": "the API key was refused; check it in Settings → Online sources",
    "not_found": "no such title (it may have been removed from TMDB)",
    "rate_limited": "too many requests; wait a moment and try again",
    "down": "the service is not answering properly; try again later",
    "timeout": "the service took too long to answer; try again later",
}


def check_error(status: int, payload: Any) -> None:
    """Raise the ProviderError an HTTP status and TMDB error body stand for; return quietly for a normal answer.

    TMDB error bodies look like {"status_code": 7, "status_message": "Invalid API key…", "success": false}.
    """
    body = payload if isinstance(payload, dict) else {}
    code = body.get("status_code") if isinstance(body.get("status_code"), int) else None
    failed = status >= 400 or (code is not None and body.get("success") is False)
    if not failed:
        return
    kind = ERROR_KINDS.get(code) if code is not None else None
    if kind is None:
        kind = {401: "bad_key", 404: "not_found", 429: "rate_limited"}.get(status)
    if kind is None and status >= 500:
        kind = "down"
    if kind is not None:
        raise ProviderError(NAME, _ERROR_TEXT[kind], kind)
    detail = " ".join(str(body.get("status_message") or "").split())[:200]
    raise ProviderError(NAME, f"the request was refused (HTTP {status}){': ' + detail if detail else ''}", "refused")


# ---- the provider ---------------------------------------------------------------------------------------------------

class TmdbProvider:
    """Searches and fetches films and series from TMDB through the shared HTTP client."""

    name = NAME
    attribution = ATTRIBUTION

    def __init__(self, client: Any, base_url: str = DEFAULT_URL, api_key: str | None = None,
                 image_url: str = DEFAULT_IMAGE_URL, language: str = "en-US", region: str = "US") -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.image_url = image_url
        self.language = language
        self.region = region.upper()
        self._configuration: dict[str, Any] | None = None

    def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        if not self.api_key:
            raise ProviderError(NAME, "needs an API key (Settings → Online sources, or STARLIGHT_TMDB_KEY)", "no_key")
        query = {"api_key": self.api_key, **(params or {})}
        payload = self.client.get_json(NAME, f"{self.base_url}/{path.lstrip('/')}", params=query,
                                       headers={"Accept": "application/json"}, check=check_error)
        check_error(200, payload)  # a client or replay that passes an error body through still fails clearly
        return payload

    def configuration(self) -> dict[str, Any]:
        """The image address and sizes, asked once per provider object (TMDB asks clients to cache them)."""
        if self._configuration is None:
            try:
                self._configuration = parse_configuration(self._get("configuration"))
            except MalformedResponse:
                # images are an extra: a broken configuration should not stop a search, so use the documented sizes
                self._configuration = {"secure_base_url": DEFAULT_IMAGE_URL, "poster_sizes": list(DEFAULT_POSTER_SIZES),
                                       "backdrop_sizes": list(DEFAULT_BACKDROP_SIZES),
                                       "profile_sizes": list(DEFAULT_PROFILE_SIZES)}
        return self._configuration

    def _image_base(self) -> str:
        # an address set by hand (a mirror, a replay server) wins over the one TMDB's configuration names
        if self.image_url != DEFAULT_IMAGE_URL:
            return self.image_url
        return self.configuration()["secure_base_url"]

    def search(self, query: str, year: int | None = None) -> list[Candidate]:
        """Films and series matching `query`, alternating so the best of each come first."""
        query = query.strip()
        if not query:
            return []
        config = self.configuration()
        base = self._image_base()
        common = {"query": query, "language": self.language, "page": 1, "include_adult": "false"}
        films = parse_search(self._get("search/movie", {**common, **({"year": year} if year else {})}),
                             "film", base, config["poster_sizes"])
        series = parse_search(self._get("search/tv", {**common, **({"first_air_date_year": year} if year else {})}),
                              "series", base, config["poster_sizes"])
        merged = []
        for position in range(max(len(films), len(series))):
            merged += [found[position] for found in (films, series) if position < len(found)]
        return merged

    def fetch(self, ident: str) -> Fetched:
        """The film ("movie/603") or series ("tv/1399") with credits, dates, availability and images."""
        match = _IDENT.match(ident.strip()) if isinstance(ident, str) else None
        if match is None:
            raise ProviderError(NAME, f"'{ident}' is not a TMDB film or series id (like movie/603 or tv/1399)",
                                "not_found")
        space, number = match.groups()
        config = self.configuration()
        base = self._image_base()
        language = self.language.split("-")[0]
        params = {"language": self.language, "append_to_response": MOVIE_APPEND if space == "movie" else TV_APPEND,
                  # appended images follow the language filter, so ask for language-free images too
                  "include_image_language": f"{language},null"}
        payload = self._get(f"{space}/{number}", params)
        return parse_details(payload, "film" if space == "movie" else "series", base, self.region, language,
                             config["poster_sizes"], config["backdrop_sizes"])

    def fetch_season(self, ident: str, number: int) -> list[dict[str, Any]]:
        """The episodes of one season of a series ("tv/1399", 1) as child works."""
        match = _IDENT.match(ident.strip()) if isinstance(ident, str) else None
        if match is None or match.group(1) != "tv":
            raise ProviderError(NAME, f"'{ident}' is not a TMDB series id (like tv/1399)", "not_found")
        return parse_season(self._get(f"tv/{match.group(2)}/season/{int(number)}", {"language": self.language}))

    def person_credits(self, person: str) -> list[CreditedWork]:
        """The films and series of a TMDB person ("person/287"), newest first."""
        match = re.fullmatch(r"person/(\d+)", person.strip()) if isinstance(person, str) else None
        if match is None:
            raise ProviderError(NAME, f"'{person}' is not a TMDB person id (like person/287)", "not_found")
        config = self.configuration()
        return parse_person_credits(self._get(f"person/{match.group(1)}/combined_credits",
                                              {"language": self.language}),
                                    self._image_base(), config["poster_sizes"])

    def add_episodes(self, fetched: Fetched) -> list[str]:
        """Put each season's episodes under the season in a fetched series (TMDB lists them per season, one request
        each). Returns a line for each season whose episodes could not be had; that season stays without them."""
        problems = []
        for season in fetched.work.get("children", [])[:MAX_SEASONS]:
            try:
                season["children"] = self.fetch_season(fetched.ident, season["number"])
            except ProviderError as error:
                problems.append(f"{season['title']}: episodes not added ({error})")
        return problems

    def find(self, external_source: str, value: str) -> list[Candidate]:
        """Works TMDB files under an outside id: find("imdb", "tt0936501")."""
        source = FIND_SOURCES.get(external_source, external_source)
        if source not in FIND_SOURCES.values():
            raise ProviderError(NAME, f"cannot look up ids from '{external_source}'", "refused")
        value = value.strip()
        if not value or "/" in value or "?" in value:
            raise ProviderError(NAME, f"'{value}' is not an id TMDB can look up", "not_found")
        config = self.configuration()
        payload = self._get(f"find/{value}", {"external_source": source, "language": self.language})
        return parse_find(payload, self._image_base(), config["poster_sizes"])
