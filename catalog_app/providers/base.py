"""What every metadata provider hands the rest of the app: search candidates and fetched works, as plain data.

A provider module (one per source: tmdb, wikidata, jikan, anilist, tvmaze, omdb) has pure parse functions that
turn a decoded response into these types, and a class with `search()` and `fetch()` that asks the shared HTTP
client (providers/http.py) for the responses and parses them. Parsing never touches the network, so it is tested
on recorded responses directly.

A fetched work is a work object of the native format (docs/format.md, section 4; core/record.py checks it), with
the people its credits name in `people` under keys local to it, and the images still as addresses to download:
the service layer downloads them, stores them content-addressed and fills in each image's hash and type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.errors import StarlightError


@dataclass(frozen=True)
class Candidate:
    """One search result, enough to show in a list of matches and to fetch the work."""

    provider: str  # "tmdb", "wikidata", "jikan", "anilist", "tvmaze", "omdb"
    ident: str  # the provider's id for fetch(): "movie/603", "Q2262932", "457"
    title: str
    year: int | None = None
    kind: str | None = None  # a core.types.WorkKind value
    original_title: str | None = None
    poster_url: str | None = None  # a small image, for the list of matches
    overview: str | None = None
    #: External ids known from the search result alone ({"imdb": "tt0133093"}), to flag works already in the catalog.
    external_ids: dict[str, str] = field(default_factory=dict)
    anime: bool = False


@dataclass(frozen=True)
class ImageRef:
    """An image to download for a fetched work (at the size the app shows, not the original)."""

    url: str
    kind: str = "poster"  # a core.types.ImageKind value
    primary: bool = False
    language: str | None = None


@dataclass
class Fetched:
    """A work as a provider knows it: a native-format work object, the people it names, and its images."""

    provider: str
    ident: str
    work: dict[str, Any]
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    images: list[ImageRef] = field(default_factory=list)
    #: The provider's licence or attribution line, shown with the data ("Data from TMDB", "TVmaze, CC BY-SA 4.0").
    attribution: str | None = None


class ProviderError(StarlightError):
    """A provider could not answer: one line saying which provider and why (no key, offline, rate limited...)."""

    def __init__(self, provider: str, message: str, kind: str = "failed") -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.kind = kind  # "no_key", "bad_key", "offline", "timeout", "rate_limited", "down", "not_found",
        #                   "malformed", "refused"


class MalformedResponse(ProviderError):
    """A response that is not what the provider documents (HTML for JSON, missing fields, wrong types)."""

    def __init__(self, provider: str, message: str) -> None:
        super().__init__(provider, f"unexpected answer: {message}", "malformed")


# ---- small helpers the parsers share -----------------------------------------------------------------------------

def year_of(date: Any) -> int | None:
    """The year of "2024-05-01", "2024" or "+2024-00-00T00:00:00Z"; None for anything else."""
    if not isinstance(date, str):
        return None
    text = date.lstrip("+")
    head = text[:4]
    if len(head) == 4 and head.isdigit() and (len(text) == 4 or not text[4].isdigit()):
        year = int(head)
        return year if 1870 <= year <= 2200 else None
    return None


def text_or_none(value: Any) -> str | None:
    """A non-empty stripped string, or None (providers send "", "N/A", null and numbers where text belongs)."""
    if isinstance(value, str):
        value = value.strip()
        return value if value and value != "N/A" else None
    return None


def person_key(provider: str, ident: Any, name: str) -> str:
    """A key for a person local to one fetched work: from the provider's id when there is one."""
    import hashlib
    import re
    if ident not in (None, ""):
        return f"{provider}.{ident}"[:64]
    # Names in Hangul, Kana or Han have no letters a key may hold: a digest keeps two such people apart.
    slug = re.sub(r"[^A-Za-z0-9_.:-]+", "-", name).strip("-")[:36]
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return f"{provider}.name.{slug}.{digest}" if slug else f"{provider}.name.{digest}"
