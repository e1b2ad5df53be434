"""Wikidata: films and series as search candidates and fetched works, from the Action API's entity answers.

A work entity names its people, genres, countries and languages by item id (Q51472) only, so fetching a work takes
two calls: wbgetentities for the work, then one batched wbgetentities for the items it points at (their labels, and
the claims that carry ISO codes and IMDb person ids). The parse functions here are pure: `parse_entity` gets the
work entity and the referenced entities already decoded. An item without a label in the answer (not fetched, or
never labelled) is left out rather than shown as a bare id.

The answers are read in the shape of formatversion 1 (the default, and what the recorded answers use); the labels
and claims look the same in formatversion 2.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..core.types import EXTERNAL_ID_PATTERNS
from .base import (Candidate, Fetched, MalformedResponse, ProviderError, add_credit, as_dict, checked, code_or_none,
                   person_key, set_known, short_text, unique, year_of)

NAME = "wikidata"
DEFAULT_URL = "https://www.wikidata.org/w/api.php"
ATTRIBUTION = "Data from Wikidata (CC0)"
#: wbgetentities takes at most 50 ids per call (500 for bots).
BATCH = 50

#: Classes (P31 "instance of") that make an item a work the catalog holds: class → (WorkKind, anime).
WORK_CLASSES: dict[str, tuple[str, bool]] = {
    "Q11424": ("film", False),  # film
    "Q202866": ("film", False),  # animated film
    "Q24862": ("short", False),  # short film
    "Q506240": ("tv_film", False),  # television film
    "Q5398426": ("series", False),  # television series
    "Q581714": ("series", False),  # animated series
    "Q1259759": ("miniseries", False),  # miniseries
    "Q63952888": ("series", True),  # anime television series
    "Q20650540": ("film", True),  # anime film
    "Q220898": ("ova", True),  # original video animation
}
#: The genre item "anime": some anime are filed as plain animated films with this genre.
ANIME_GENRE = "Q1107"

#: Item-valued properties naming people, and the credit role each gives.
PERSON_ROLES = {
    "P57": "director",
    "P58": "writer",
    "P161": "cast",
    "P725": "voice",
    "P86": "composer",
    "P162": "producer",
    "P344": "cinematographer",
    "P1040": "editor",
}
#: Other item-valued properties whose targets need labels or codes.
LABELLED_PROPERTIES = ("P31", "P136", "P495", "P272", "P364")
#: Qualifiers naming items: P453 the character played, P447 who gave a review score.
LABELLED_QUALIFIERS = {"P161": ("P453",), "P725": ("P453",), "P444": ("P447",)}

#: Review score givers (P447) and the rating source each is.
REVIEWERS = {"Q105584": "rotten_tomatoes", "Q150248": "metacritic", "Q37312": "imdb"}
#: External id properties of a work and how the catalog writes each id.
WORK_ID_PROPERTIES = {
    "P345": ("imdb", "{}"),
    "P4947": ("tmdb", "movie/{}"),
    "P4983": ("tmdb", "tv/{}"),
    "P4086": ("mal", "{}"),
    "P8729": ("anilist", "{}"),
    "P8600": ("tvmaze", "{}"),
}
#: Units of P2047 (duration) in minutes.
MINUTES_PER_UNIT = {"Q7727": 1.0, "Q11574": 1 / 60, "Q25235": 60.0}

_QID = re.compile(r"^Q\d{1,12}$")
_SCORE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:(%)|/\s*(\d+(?:[.,]\d+)?))\s*$")
_ID_PATTERNS = {name: re.compile(f"^(?:{pattern})$") for name, pattern in EXTERNAL_ID_PATTERNS.items()}


# ---- small readers: each returns None (or empty) for a value of the wrong type, so one bad claim is skipped ---------

def _qid(value: Any) -> str | None:
    return value if isinstance(value, str) and _QID.match(value) else None


def _statements(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """The statements of one property, deprecated ones left out (Wikidata keeps them only as known errors)."""
    found = as_dict(entity.get("claims")).get(prop)
    if not isinstance(found, list):
        return []
    return [claim for claim in found if isinstance(claim, dict) and claim.get("rank") != "deprecated"]


def _snak_value(snak: Any) -> Any:
    """A snak's value, or None for "unknown value", "no value" and anything malformed."""
    snak = as_dict(snak)
    if snak.get("snaktype", "value") != "value":
        return None
    return as_dict(snak.get("datavalue")).get("value")


def _main_value(claim: dict[str, Any]) -> Any:
    return _snak_value(claim.get("mainsnak"))


def _qualifier_values(claim: dict[str, Any], prop: str) -> list[Any]:
    found = as_dict(claim.get("qualifiers")).get(prop)
    return [_snak_value(snak) for snak in found] if isinstance(found, list) else []


def _item(value: Any) -> str | None:
    """The item id of an item value ({"id": "Q51472"} or, in older answers, {"numeric-id": 51472})."""
    value = as_dict(value)
    if _qid(value.get("id")):
        return value["id"]
    number = value.get("numeric-id")
    return f"Q{number}" if isinstance(number, int) and not isinstance(number, bool) and number > 0 else None


def _items(entity: dict[str, Any], prop: str) -> list[str]:
    return [qid for qid in (_item(_main_value(claim)) for claim in _statements(entity, prop)) if qid]


def _strings(entity: dict[str, Any], prop: str) -> list[str]:
    return [value.strip() for value in map(_main_value, _statements(entity, prop)) if isinstance(value, str)]


def _label(entity: Any, languages: Sequence[str], any_language: bool = True) -> str | None:
    """The label in the first of `languages` that has one, then "mul" (labels for all languages), then any."""
    labels = as_dict(as_dict(entity).get("labels"))
    for language in (*languages, "mul"):
        text = short_text(as_dict(labels.get(language)).get("value"))
        if text is not None:
            return text
    if any_language:
        for entry in labels.values():
            text = short_text(as_dict(entry).get("value"))
            if text is not None:
                return text
    return None


def _year(value: Any) -> int | None:
    """The year of a time value, if it is given at least to the year (precision 9); 1931 at precision 9 means
    "some day in 1931", never 1 January."""
    value = as_dict(value)
    precision = value.get("precision")
    if not isinstance(precision, int) or isinstance(precision, bool) or precision < 9:
        return None
    return year_of(value.get("time"))


def _years(entity: dict[str, Any], prop: str) -> list[int]:
    return [year for year in (_year(_main_value(claim)) for claim in _statements(entity, prop)) if year]


def _first_year(entity: dict[str, Any]) -> int | None:
    """The earliest publication date (P577, one per country), else the start time (P580) series carry."""
    years = _years(entity, "P577") or _years(entity, "P580")
    return min(years) if years else None


def _description(entity: dict[str, Any], languages: Sequence[str]) -> str | None:
    descriptions = as_dict(entity.get("descriptions"))
    texts = (short_text(as_dict(descriptions.get(language)).get("value")) for language in languages)
    return next((text for text in texts if text), None)


# ---- search ---------------------------------------------------------------------------------------------------------

def check_error(payload: Any) -> None:
    """Raise the ProviderError an Action API error answer ({"error": {"code", "info"}}) stands for."""
    error = as_dict(payload).get("error")
    if not isinstance(error, dict):
        return
    code = error.get("code") if isinstance(error.get("code"), str) else ""
    info = " ".join(str(error.get("info") or code or "unknown error").split())[:200]
    if code == "no-such-entity":
        raise ProviderError(NAME, "no such item", "not_found")
    if code in ("maxlag", "ratelimited"):
        raise ProviderError(NAME, "the servers are busy; try again in a moment", "rate_limited")
    raise ProviderError(NAME, f"the request was refused: {info}", "refused")


def parse_search(payload: Any) -> list[str]:
    """The item ids of a wbsearchentities answer ({"search": [{"id": "Q…", "label", "description"}]}), in order."""
    if not isinstance(payload, dict):
        raise MalformedResponse(NAME, "the search answer is not a JSON object")
    check_error(payload)
    hits = payload.get("search")
    if not isinstance(hits, list):
        raise MalformedResponse(NAME, "the search answer has no list of results")
    return unique(qid for qid in (_qid(as_dict(hit).get("id")) for hit in hits) if qid)


def _entities(payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        raise MalformedResponse(NAME, "the entities answer is not a JSON object")
    check_error(payload)
    entities = payload.get("entities")
    if not isinstance(entities, dict):
        raise MalformedResponse(NAME, "the entities answer has no entities")
    return entities


def _work_class(entity: dict[str, Any]) -> tuple[str, bool] | None:
    """The WorkKind and anime flag of an item, from the first of its classes the catalog knows; None if none."""
    found = [WORK_CLASSES[qid] for qid in _items(entity, "P31") if qid in WORK_CLASSES]
    if not found:
        return None
    kind = next((kind for kind, anime in found if anime), found[0][0])  # an anime class says more than "film"
    anime = any(anime for _, anime in found) or ANIME_GENRE in _items(entity, "P136")
    return kind, anime


def candidates_from_entities(payload: Any, languages: Sequence[str] = ("en",)) -> list[Candidate]:
    """Candidates from a wbgetentities answer, keeping only films, series and anime (not people, books, places)."""
    candidates = []
    for entity in _entities(payload).values():
        entity = as_dict(entity)
        qid = _qid(entity.get("id"))
        work_class = _work_class(entity)
        title = _label(entity, languages) or _monolingual_title(entity, None)
        if qid is None or work_class is None or title is None or "missing" in entity:
            continue
        original = _monolingual_title(entity, None)
        candidates.append(Candidate(
            provider=NAME, ident=qid, title=title, year=_first_year(entity), kind=work_class[0],
            original_title=original if original != title else None, overview=_description(entity, languages),
            external_ids=_work_ids(entity), anime=work_class[1]))
    return candidates


# ---- fetch ----------------------------------------------------------------------------------------------------------

def referenced_ids(entity: Any) -> list[str]:
    """The items a work entity points at that need labels or codes: its people, characters, genres, countries,
    companies, original language, classes and reviewers; each once, in order of first mention."""
    entity = as_dict(entity)
    found: list[str] = []
    for prop in (*PERSON_ROLES, *LABELLED_PROPERTIES, "P444"):
        found += _items(entity, prop)
        for claim in _statements(entity, prop):
            for qualifier in LABELLED_QUALIFIERS.get(prop, ()):
                found += [qid for qid in map(_item, _qualifier_values(claim, qualifier)) if qid]
    own = entity.get("id")
    return [qid for qid in dict.fromkeys(found) if qid != own]


def _monolingual_title(entity: dict[str, Any], language: str | None) -> str | None:
    """The work's own title (P1476), in `language` if it has one in that language, else the first."""
    titles = [value for value in map(_main_value, _statements(entity, "P1476")) if isinstance(value, dict)]
    for value in titles:
        if language is None or value.get("language") == language:
            return short_text(value.get("text"))
    return short_text(titles[0].get("text")) if titles else None


def _work_ids(entity: dict[str, Any]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for prop, (provider, shape) in WORK_ID_PROPERTIES.items():
        for value in _strings(entity, prop):
            candidate = shape.format(value)
            # P345 also holds name ids (nm…) on people; a work keeps only a title id
            if provider not in ids and _ID_PATTERNS[provider].match(candidate) and \
                    (provider != "imdb" or candidate.startswith("tt")):
                ids[provider] = candidate
    if _qid(entity.get("id")):
        ids[NAME] = entity["id"]
    return ids


def _claim_code(labels: dict[str, Any], qid: str, prop: str, country: bool) -> str | None:
    """An ISO code held by a referenced item: P297 (country, alpha-2) or P218 (language, ISO 639-1)."""
    for value in _strings(as_dict(labels.get(qid)), prop):
        code = code_or_none(value, country)
        if code is not None:
            return code
    return None


def _character(claim: dict[str, Any], labels: dict[str, Any], languages: Sequence[str]) -> str | None:
    """The character of a cast statement: the labelled item of P453, else the plain name of P4633."""
    for value in _qualifier_values(claim, "P453"):
        qid = _item(value)
        text = _label(labels.get(qid), languages) if qid else None
        if text is not None:
            return text
    names = [short_text(value) for value in _qualifier_values(claim, "P4633")]
    return next((name for name in names if name), None)


class _CreditList:
    """Credits and the people they name; a person whose item has no label is left out."""

    def __init__(self, labels: dict[str, Any], languages: Sequence[str]) -> None:
        self.labels = labels
        self.languages = languages
        self.people: dict[str, dict[str, Any]] = {}
        self.credits: list[dict[str, Any]] = []
        self._seen: set[tuple[str, str, str | None]] = set()

    def add(self, qid: str, role: str, character: str | None, billing: int | None) -> None:
        name = _label(self.labels.get(qid), self.languages)
        if name is None:
            return
        key = person_key(NAME, qid, name)
        if key not in self.people:
            external_ids = {NAME: qid}
            imdb = next((value for value in _strings(as_dict(self.labels.get(qid)), "P345")
                         if value.startswith("nm") and _ID_PATTERNS["imdb"].match(value)), None)
            if imdb is not None:
                external_ids["imdb"] = imdb
            self.people[key] = {"id": key, "name": name, "external_ids": external_ids}
        add_credit(self.credits, self._seen, key, role, character, billing)


def _credits(entity: dict[str, Any], labels: dict[str, Any], languages: Sequence[str]) -> _CreditList:
    credits = _CreditList(labels, languages)
    for prop, role in PERSON_ROLES.items():
        acting = role in ("cast", "voice")
        for position, claim in enumerate(_statements(entity, prop)):
            qid = _item(_main_value(claim))
            if qid is not None:
                # statements are kept in credit order on Wikidata, the nearest thing it has to billing
                credits.add(qid, role, _character(claim, labels, languages) if acting else None,
                            position if acting else None)
    return credits


def _runtime(entity: dict[str, Any]) -> int | None:
    for value in map(_main_value, _statements(entity, "P2047")):
        value = as_dict(value)
        unit = str(value.get("unit", "")).rsplit("/", 1)[-1]
        try:
            minutes = float(str(value.get("amount"))) * MINUTES_PER_UNIT[unit]
        except (KeyError, ValueError):
            continue
        if 0 < minutes <= 100_000:
            return round(minutes)
    return None


def parse_score(text: Any) -> tuple[float, float] | None:
    """(value, scale) of a review score as Wikidata writes it: "93%" → (93, 100), "8.1/10" → (8.1, 10)."""
    match = _SCORE.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    value = float(match.group(1).replace(",", "."))
    scale = 100.0 if match.group(2) else float(match.group(3).replace(",", "."))
    return (value, scale) if 0 < scale <= 1_000_000 and 0 <= value <= scale else None


def _ratings(entity: dict[str, Any]) -> list[dict[str, Any]]:
    best: dict[str, tuple[tuple[bool, str], dict[str, Any]]] = {}
    for claim in _statements(entity, "P444"):
        score = parse_score(_main_value(claim))
        reviewers = [REVIEWERS.get(_item(value) or "") for value in _qualifier_values(claim, "P447")]
        source = next((name for name in reviewers if name), None)
        if score is None or source is None:
            continue
        dates = [str(as_dict(value).get("time", "")) for value in _qualifier_values(claim, "P585")]
        # a work often has several scores from one reviewer over the years: the preferred one, else the latest
        rank = (claim.get("rank") == "preferred", max(dates, default=""))
        if source not in best or rank > best[source][0]:
            best[source] = (rank, {"source": source, "value": score[0], "scale": score[1]})
    return [rating for _, rating in best.values()]


def _localized_titles(entity: dict[str, Any], taken: set[str]) -> list[dict[str, Any]]:
    """The work's labels in other languages as localized titles ("Straßen der Weltstadt", de), each text once."""
    titles = []
    for language, entry in as_dict(entity.get("labels")).items():
        text = short_text(as_dict(entry).get("value"))
        code = code_or_none(language)
        if text is None or code is None or text.casefold() in taken:
            continue
        taken.add(text.casefold())
        titles.append({"title": text, "language": code, "kind": "localized"})
    return titles


def parse_entity(entity: Any, labels: Any, languages: Sequence[str] = ("en",)) -> Fetched:
    """A work item (one entity of a wbgetentities answer) as a fetched work.

    Args:
        entity: the work's entity object.
        labels: the referenced entities ({qid: {"labels": …, "claims": …}}, a wbgetentities answer's "entities").
        languages: the user's languages, most wanted first, for the title, names and genres.

    Raises:
        MalformedResponse: the entity has no id or no title in any language.
    """
    if not isinstance(entity, dict) or _qid(entity.get("id")) is None:
        raise MalformedResponse(NAME, "the work is not an entity with an item id")
    qid = entity["id"]
    if "missing" in entity:
        raise ProviderError(NAME, f"{qid} does not exist", "not_found")
    labels = as_dict(labels)
    languages = tuple(language for language in languages if isinstance(language, str)) or ("en",)
    original_language = next((code for code in (_claim_code(labels, item, "P218", country=False)
                                                 for item in _items(entity, "P364")) if code), None)
    title = _label(entity, languages, any_language=False) or _monolingual_title(entity, original_language) \
        or _label(entity, languages)
    if title is None:
        raise MalformedResponse(NAME, f"{qid} has no title in any language")
    original_title = (_label(entity, (original_language,), any_language=False) if original_language else None) \
        or _monolingual_title(entity, original_language)

    work: dict[str, Any] = {"title": title}
    work_class = _work_class(entity)
    if work_class is not None:
        work["kind"] = work_class[0]
        if work_class[1]:
            work["anime"] = True
    set_known(work, "original_title", original_title)
    set_known(work, "original_language", original_language)
    year = _first_year(entity)
    set_known(work, "year", year)
    end_years = _years(entity, "P582")  # series: end time
    set_known(work, "end_year", max(end_years) if end_years and (year is None or max(end_years) >= year) else None)
    set_known(work, "runtime", _runtime(entity))
    set_known(work, "genres", unique(name for name in (_label(labels.get(q), languages)
                                                  for q in _items(entity, "P136")) if name))
    set_known(work, "countries", unique(code for code in (_claim_code(labels, q, "P297", country=True)
                                                     for q in _items(entity, "P495")) if code))
    set_known(work, "languages", [original_language] if original_language else [])
    set_known(work, "companies", [{"name": name, "role": "production"} for name in unique(
        name for name in (_label(labels.get(q), languages) for q in _items(entity, "P272")) if name)])
    credits = _credits(entity, labels, languages)
    set_known(work, "credits", credits.credits)
    set_known(work, "ratings", _ratings(entity))
    set_known(work, "titles", _localized_titles(entity, {title.casefold(), (original_title or title).casefold()}))
    work["external_ids"] = _work_ids(entity)
    return checked(Fetched(provider=NAME, ident=qid, work=work, people=credits.people, attribution=ATTRIBUTION))


# ---- the provider ---------------------------------------------------------------------------------------------------

class WikidataProvider:
    """Searches and fetches films and series from Wikidata through the shared HTTP client."""

    name = NAME
    attribution = ATTRIBUTION

    def __init__(self, client: Any, base_url: str = DEFAULT_URL, languages: Sequence[str] = ("en",)) -> None:
        self.client = client
        self.base_url = base_url
        self.languages = tuple(languages) or ("en",)

    def _get(self, params: dict[str, Any]) -> Any:
        return self.client.get_json(NAME, self.base_url, params={**params, "format": "json"},
                                    headers={"Accept": "application/json"})

    def _label_languages(self) -> str:
        # "mul" holds names written the same in every language; English is the last resort for a person's name
        return "|".join(dict.fromkeys((*self.languages, "mul", "en")))

    def search(self, query: str, year: int | None = None) -> list[Candidate]:
        """Films and series whose label or alias matches `query`, in Wikidata's order; `year` keeps works within a
        year of it (and those without a year)."""
        query = query.strip()
        if not query:
            return []
        ids = parse_search(self._get({"action": "wbsearchentities", "search": query, "language": self.languages[0],
                                      "uselang": self.languages[0], "type": "item", "limit": BATCH}))
        if not ids:
            return []
        payload = self._get({"action": "wbgetentities", "ids": "|".join(ids[:BATCH]),
                             "props": "labels|descriptions|claims", "languages": self._label_languages()})
        candidates = candidates_from_entities(payload, self.languages)
        order = {qid: position for position, qid in enumerate(ids)}
        candidates.sort(key=lambda candidate: order.get(candidate.ident, len(order)))
        if year is not None:
            candidates = [c for c in candidates if c.year is None or abs(c.year - year) <= 1]
        return candidates

    def fetch(self, qid: str) -> Fetched:
        """The work item `qid` ("Q2262932") with its people, genres and countries named."""
        qid = qid.strip().upper() if isinstance(qid, str) else ""
        if not _QID.match(qid):
            raise ProviderError(NAME, f"'{qid}' is not a Wikidata item id (like Q2262932)", "not_found")
        entities = _entities(self._get({"action": "wbgetentities", "ids": qid, "props": "labels|descriptions|claims"}))
        # a merged item answers under the id asked for, with the id it now has inside
        entity = entities.get(qid) if isinstance(entities.get(qid), dict) else next(iter(entities.values()), None)
        if entity is not None and not isinstance(entity, dict):
            raise MalformedResponse(NAME, f"{qid} is not a JSON object")
        if entity is None or "missing" in entity:
            raise ProviderError(NAME, f"{qid} does not exist", "not_found")
        if _work_class(entity) is None:
            # Search keeps only films and series; an id typed or stored by hand may name a person, a book or a
            # place, which must not come back as a "film" titled with its name.
            raise ProviderError(NAME, f"{qid} is not a film or series", "not_found")
        wanted = referenced_ids(entity)
        labels: dict[str, Any] = {}
        for start in range(0, len(wanted), BATCH):
            payload = self._get({"action": "wbgetentities", "ids": "|".join(wanted[start:start + BATCH]),
                                 "props": "labels|claims", "languages": self._label_languages()})
            labels.update(_entities(payload))
        return parse_entity(entity, labels, self.languages)
