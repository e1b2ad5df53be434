"""The catalog's vocabularies: every closed set of values a work, credit or personal entry may take.

Stored in the database and the native format by their string values, so renaming a member is a format change.
"""

from __future__ import annotations

from enum import StrEnum


class WorkKind(StrEnum):
    FILM = "film"
    SERIES = "series"
    MINISERIES = "miniseries"
    SEASON = "season"
    EPISODE = "episode"
    SHORT = "short"
    SPECIAL = "special"
    TV_FILM = "tv_film"
    OVA = "ova"


#: Kinds that live under a parent work (a season under its series, an episode under its season).
CHILD_KINDS = frozenset({WorkKind.SEASON, WorkKind.EPISODE})


class CreditRole(StrEnum):
    DIRECTOR = "director"
    WRITER = "writer"
    ORIGINAL_STORY = "original_story"
    CAST = "cast"
    VOICE = "voice"
    COMPOSER = "composer"
    PRODUCER = "producer"
    EXECUTIVE_PRODUCER = "executive_producer"
    CINEMATOGRAPHER = "cinematographer"
    EDITOR = "editor"
    ANIMATION_DIRECTOR = "animation_director"
    CHARACTER_DESIGNER = "character_designer"
    ART_DIRECTOR = "art_director"
    CREATOR = "creator"
    CREW = "crew"


class CompanyRole(StrEnum):
    STUDIO = "studio"
    PRODUCTION = "production"
    DISTRIBUTOR = "distributor"
    NETWORK = "network"
    STREAMING_ORIGINAL = "streaming_original"


class TitleKind(StrEnum):
    LOCALIZED = "localized"
    ROMANIZED = "romanized"
    ORIGINAL = "original"
    ALTERNATIVE = "alternative"
    WORKING = "working"
    SHORT = "short"


class ReleaseKind(StrEnum):
    PREMIERE = "premiere"
    THEATRICAL = "theatrical"
    STREAMING = "streaming"
    TV = "tv"
    PHYSICAL = "physical"
    FESTIVAL = "festival"


class RelationKind(StrEnum):
    SEQUEL = "sequel"
    PREQUEL = "prequel"
    FOLLOW_UP = "follow_up"  # a later work by the same maker, not a story sequel
    REMAKE = "remake"
    REMAKE_OF = "remake_of"
    ADAPTATION_OF = "adaptation_of"
    SPIN_OFF = "spin_off"
    SPIN_OFF_OF = "spin_off_of"
    SAME_UNIVERSE = "same_universe"
    COMPARED_TO = "compared_to"
    SIMILAR = "similar"


class AvailabilityKind(StrEnum):
    STREAM = "stream"
    FREE = "free"
    ADS = "ads"
    RENT = "rent"
    BUY = "buy"
    OWN = "own"


class WatchStatus(StrEnum):
    PLANNED = "planned"
    WATCHING = "watching"
    COMPLETED = "completed"
    ON_HOLD = "on_hold"
    DROPPED = "dropped"


class QuoteKind(StrEnum):
    QUOTE = "quote"
    CRITIC_REVIEW = "critic_review"
    USER_REVIEW = "user_review"
    CREATOR = "creator"  # something a maker of the work said about it


class ImageKind(StrEnum):
    POSTER = "poster"
    BACKDROP = "backdrop"
    PHOTO = "photo"
    STILL = "still"
    LOGO = "logo"


class CopyFormat(StrEnum):
    DVD = "dvd"
    BLURAY = "bluray"
    UHD = "uhd"
    VHS = "vhs"
    LASERDISC = "laserdisc"
    DIGITAL = "digital"
    FILE = "file"
    OTHER = "other"


class SourceKind(StrEnum):
    """Where a field's value came from (field provenance)."""

    USER = "user"
    IMPORT = "import"
    PROVIDER = "provider"
    SAMPLE = "sample"


#: External id providers and the shape of their ids; tmdb ids carry their id space ("movie/603", "tv/1399").
EXTERNAL_ID_PATTERNS: dict[str, str] = {
    "imdb": r"(tt|nm|co)\d{5,10}",
    "tmdb": r"(movie|tv|person|collection)/\d{1,10}",
    "wikidata": r"Q\d{1,12}",
    "anilist": r"\d{1,10}",
    "mal": r"\d{1,10}",
    "tvmaze": r"\d{1,10}",
    "letterboxd": r"[a-z0-9][a-z0-9-]{0,200}",
    "trakt": r"\d{1,10}",
}

#: Rating sources with the scale their values use when none is given.
RATING_SCALES: dict[str, float] = {
    "rotten_tomatoes": 100.0,
    "rotten_tomatoes_audience": 100.0,
    "metacritic": 100.0,
    "imdb": 10.0,
    "tmdb": 10.0,
    "mal": 10.0,
    "anilist": 100.0,
    "letterboxd": 5.0,
    "tvmaze": 10.0,
}

#: Bounds every year in the catalog must fall within: the first films to a far-future setting note.
MIN_YEAR = 1870
MAX_YEAR = 2200
