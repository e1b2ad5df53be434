"""What every metadata provider hands the rest of the app: search candidates and fetched works, as plain data.

A provider module (one per source: tmdb, wikidata, jikan, anilist, tvmaze, omdb) has pure parse functions that
turn a decoded response into these types, and a class with `search()` and `fetch()` that asks the shared HTTP
client (providers/http.py) for the responses and parses them. Parsing never touches the network, so it is tested
on recorded responses directly.

A fetched work is a work object of the native format (docs/format.md, section 4; core/record.py checks it), with
the people its credits name in `people` under keys local to it, and the images still as addresses to download:
the service layer downloads them, stores them content-addressed and fills in each image's hash and type.

It also holds the small helpers the providers share, so each is written once: readers of untrusted JSON that give
None (or an empty container) for a value of the wrong type, text trimmed to the format's limits, language and
country codes, HTML summaries as plain text, credits without repeats, search results near a year first, and
`checked`, the last validation of a fetched work and its people. It imports only the standard library and core.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Iterable

from ..core.errors import InputError, StarlightError
from ..core.record import MAX_LONG_TEXT, MAX_SHORT_TEXT, validate_person, validate_work


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
class CreditedWork:
    """A work a person is credited on, as a provider lists it (their filmography): shown on the person's page,
    added from there in one click."""

    work: Candidate
    role: str  # a core.types.Role value: "director", "writer", "cast"...
    character: str | None = None


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
    #: The work and people as validated records, kept by `checked` (validating is most of a parse's time); whoever
    #: changes `work` or `people` afterwards sets it back to None.
    records: tuple[dict[str, Any], dict[str, dict[str, Any]]] | None = field(default=None, compare=False, repr=False)


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
    if ident not in (None, ""):
        return f"{provider}.{ident}"[:64]
    # Names in Hangul, Kana or Han have no letters a key may hold: a digest keeps two such people apart.
    slug = re.sub(r"[^A-Za-z0-9_.:-]+", "-", name).strip("-")[:36]
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return f"{provider}.name.{slug}.{digest}" if slug else f"{provider}.name.{digest}"


# ---- small readers of untrusted JSON: each returns None (or empty) for a value of the wrong type, so one bad field
# ---- is skipped rather than spoiling the answer

def as_dict(value: Any) -> dict[str, Any]:
    """The value if it is an object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """The value if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def whole(value: Any, low: int, high: int) -> int | None:
    """A whole number from `low` to `high` (7 or 7.0, never True), or None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def numeric_id(value: Any) -> str | None:
    """A provider's numeric id (457 or 457.0) as text, or None."""
    number = whole(value, 1, 9_999_999_999)
    return str(number) if number is not None else None


def rating_value(value: Any, scale: float) -> float | None:
    """A score from 0 to `scale` as sent (a number, never True), or None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= scale:
        return value  # NaN fails the comparison and is skipped too
    return None


def url_or_none(value: Any) -> str | None:
    """An http(s) address without spaces, or None."""
    text = text_or_none(value)
    return text if text is not None and re.match(r"^https?://\S+$", text, re.IGNORECASE) else None


def unique(values: Iterable[str]) -> list[str]:
    """Values in order, repeats (case-insensitive) dropped: the format refuses repeated names, countries, languages."""
    seen: set[str] = set()
    out = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


def unique_texts(values: Iterable[Any]) -> list[str]:
    """The texts among `values` (see text_or_none), in order, each once (case-insensitive)."""
    return unique(text for text in map(text_or_none, values) if text is not None)


def add_credit(credits: list[dict[str, Any]], seen: set[tuple[str, str, str | None]], person: str, role: str,
               character: str | None = None, billing: int | None = None) -> None:
    """Append a credit to `credits`, unless `seen` says the same person already has it with this role and character."""
    if (person, role, character) in seen:
        return
    seen.add((person, role, character))
    credit: dict[str, Any] = {"person": person, "role": role}
    if character is not None:
        credit["character"] = character
    if billing is not None:
        credit["billing"] = billing
    credits.append(credit)


def near_year_first(candidates: list[Candidate], year: int | None) -> list[Candidate]:
    """The candidates that start within a year of `year` first, the rest in the order the provider gave them."""
    if year is None:
        return candidates
    return sorted(candidates, key=lambda c: c.year is None or abs(c.year - year) > 1)


def set_known(work: dict[str, Any], key: str, value: Any) -> None:
    """Put a field in only when it has a value, so a fetched work carries what its provider knows and nothing else
    (unlike `compact`, an empty text is kept)."""
    if value not in (None, [], {}):
        work[key] = value


def compact(obj: dict[str, Any]) -> dict[str, Any]:
    """The fields that have a value: a fetched work says only what the provider knows."""
    return {key: value for key, value in obj.items() if value not in (None, [], {}, "")}


# ---- text within the format's limits -----------------------------------------------------------------------------

def clean_text(value: Any) -> str | None:
    """A text (see text_or_none) the catalog can store, or None."""
    text = text_or_none(value)
    if text is None:
        return None
    # the catalog refuses NUL and unpaired surrogates (from "\ud800" in JSON); they carry no meaning in a title
    text = text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8").strip()
    return text or None


def short_text(value: Any) -> str | None:
    """A clean text short enough for a title or a name, or None (a longer one is not a title cut short)."""
    text = clean_text(value)
    return text if text is not None and len(text) <= MAX_SHORT_TEXT else None


def long_text(value: Any) -> str | None:
    """A clean text cut to the format's limit for a synopsis, or None."""
    text = clean_text(value)
    return text[:MAX_LONG_TEXT] if text is not None else None


_CODE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")


def code_or_none(value: Any, country: bool = False) -> str | None:
    """A language ("en", "pt-BR" → "pt-br") or, with `country`, a country ("us" → "US") code the format takes."""
    text = text_or_none(value)
    if text is None or len(text) > 35 or not _CODE.match(text):
        return None
    return text.upper() if country else text.lower()


# ---- HTML summaries ----------------------------------------------------------------------------------------------

class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment: line breaks for <br>, blank lines between blocks, no script or style."""

    _BLOCKS = frozenset({"p", "div", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})
    _HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # entities (&amp;, &#39;) arrive already unescaped
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # In HTML a newline in the source is a space; only tags break lines.
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(value: Any) -> str | None:
    """Plain text from an HTML fragment ("<p>A <i>B</i></p>" → "A B"); None for what is not text or is empty."""
    if not isinstance(value, str):
        return None
    collector = _TextCollector()
    collector.feed(value)
    collector.close()
    text = "".join(collector.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text_or_none(text)


# ---- the finished record -----------------------------------------------------------------------------------------

def checked(fetched: Fetched) -> Fetched:
    """The fetched work itself, once its work and people pass the catalog's checks; MalformedResponse if not.

    The last guard: the parsers build valid fields by construction, and an answer that still slips through fails
    here as one clear error instead of later, half-way into the catalog.
    """
    try:
        work = validate_work({k: v for k, v in fetched.work.items() if k != "images"})  # images: fetched.images
        people = {key: validate_person({**person, "id": key}, f"people.{key}")
                  for key, person in fetched.people.items()}
    except InputError as error:
        raise MalformedResponse(fetched.provider, str(error)) from error
    fetched.records = work, people
    return fetched
