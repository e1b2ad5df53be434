"""Kodi's .nfo files (as Kodi, Jellyfin, Emby, Sonarr and Radarr write them) → films, and series holding the seasons
and episodes whose files sit in the series' folder.

<movie> → a film, <tvshow> → a series, <season> and <episodedetails> → its seasons and episodes (a file may hold
several <episodedetails>, one per episode it covers). An episode or season whose series' tvshow.nfo is not in the
same import is skipped, named. Taken: titles, year (or the premiere date), release date, runtime, plot (or
outline), tagline, certification, genres, countries (as codes where `country_code` knows the name; others are
left out), studios (a series' as networks), directors, writers, the cast with characters and billing, ratings
(IMDb, TMDB, Metacritic, TheTVDB, Trakt), IMDb and TMDB ids (also from the links Kodi allows after the XML), tags
and the set (as a tag: a set is a group, not a work a relation could point at). The person's layer: their rating
(1–10 → 10–100), and a play count or watched flag as completed with the last play's date as a viewing.

Left out: thumbs and fanart (URLs: the catalog keeps an image by its bytes and hash, not by a link), the
single-number <rating> of older files (it does not say whose rating it is), TheTVDB and other ids the catalog has no
provider for, stream details, resume points and the dates items were added. A file holding only links (as Radarr
writes) names no title and is skipped. Parsed only with defusedxml; a DTD or an entity declaration is refused.
"""

from __future__ import annotations

import datetime as dt
import html.entities
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ...core.errors import InputError
from ...core.place_names import country_code
from ...core.record import validate_work
from ...core.types import EXTERNAL_ID_PATTERNS, RATING_SCALES
from .entries import Entry, Skipped, decode_text, personal_rating, whole_number

#: The roots an .nfo may have, as the kind of work each describes.
ROOTS = {"movie": "film", "tvshow": "series", "season": "season", "episodedetails": "episode"}
#: Kodi's rating names as the catalog's rating sources.
RATING_SOURCES = {"imdb": "imdb", "themoviedb": "tmdb", "tmdb": "tmdb", "metacritic": "metacritic", "tvdb": "tvdb",
                  "trakt": "trakt"}
#: Jellyfin's person types (<actor><type>) as credit roles; any other type is crew, the type its note.
PERSON_TYPES = {"actor": "cast", "gueststar": "cast", "director": "director", "writer": "writer",
                "producer": "producer", "composer": "composer"}
#: Past this, a file is not an .nfo (Kodi's largest, with hundreds of thumb links, are well under 1 MB).
MAX_NFO_BYTES = 20 * 2**20
NO_SERIES = "an episode's file without its series' tvshow.nfo"
_IMDB = re.compile(f"^(?:{EXTERNAL_ID_PATTERNS['imdb']})$")
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"<\?xml[^>]*\?>")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


@dataclass
class _Series:
    """A series being put together: its record, and the seasons and episodes its folder's files add."""

    obj: dict[str, Any]
    people: dict[str, dict[str, Any]]
    where: str
    names: dict[int, str]  # <namedseason number="1">
    seasons: dict[int, dict[str, Any]] = field(default_factory=dict)
    loose: list[dict[str, Any]] = field(default_factory=list)  # episodes that name no season

    def season(self, number: int) -> dict[str, Any]:
        return self.seasons.setdefault(number, {"kind": "season", "number": number, "children": [],
                                                "title": self.names.get(number) or _season_title(number)})


def read_nfo_files(path: str) -> dict[str, bytes]:
    """The .nfo files of a library folder (by path relative to it, in every subfolder), or the one file given.

    Raises:
        InputError: unreadable, or a file too big to be an .nfo.
    """
    target = Path(path)
    try:
        if not target.is_dir():
            return {target.name: _read_one(target, target.name)}
        files = {}
        for folder, _, names in os.walk(target):  # not into linked folders: a link loop would never end
            for name in sorted(n for n in names if n.lower().endswith(".nfo")):
                file = Path(folder) / name
                files[file.relative_to(target).as_posix()] = _read_one(file, str(file))
        return files
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from e


def _read_one(file: Path, where: str) -> bytes:
    if file.stat().st_size > MAX_NFO_BYTES:
        raise InputError(f"is {file.stat().st_size:,} bytes; not an .nfo", where)
    return file.read_bytes()


def parse_nfo(data: bytes, name: str) -> list[Entry | Skipped]:
    """The works one .nfo file describes (an episode's or season's alone is skipped: its series is not there).

    Raises:
        InputError: not XML, not well-formed, a DTD or entities, or not a film, series, season or episode.
    """
    return parse_files({name: data}, name)


def parse_files(files: dict[str, bytes], source: str) -> list[Entry | Skipped]:
    """The works a set of .nfo files describes ({relative path: bytes}, as `read_nfo_files` gives): films, and
    series holding the seasons and episodes found in their folder or below it.

    A file that cannot be read is skipped, named, so one broken file does not stop a library's import.

    Raises:
        InputError: no file could be read (the first one's error).
    """
    results: list[Entry | Skipped | _Series] = []
    members: list[tuple[PurePosixPath, Element, str]] = []  # seasons and episodes, placed once all series are known
    series_at: dict[PurePosixPath, list[_Series]] = {}
    errors: list[InputError] = []
    for path in sorted(files):
        where_file = source if path == source else f"{source}: {path}"
        folder = PurePosixPath(path.replace("\\", "/")).parent
        try:
            roots, links = _roots(files[path], where_file)
        except InputError as e:
            errors.append(e)
            results.append(Skipped(where_file, "", e.message))
            continue
        if not roots:
            found = ", ".join(f"{k} {v}" for k, v in links.items()) or "none the catalog knows"
            results.append(Skipped(where_file, "", f"holds only links (ids: {found}), no title or details"))
        for n, root in enumerate(roots, 1):
            where = f"{where_file}: <{root.tag}>" + (f" {n}" if len(roots) > 1 else "")
            if root.tag == "movie":
                results.append(_entry(root, "film", where, links))
            elif root.tag == "tvshow":
                series = _series(root, where, links)
                results.append(series)
                if isinstance(series, _Series):
                    series_at.setdefault(folder, []).append(series)
            else:
                members.append((folder, root, where))
    if errors and len(errors) == len(files):
        raise errors[0]
    for folder, root, where in members:
        skipped = _place(root, where, _owner(folder, root, series_at))
        if skipped:
            results.append(skipped)
    return [_finish(r) if isinstance(r, _Series) else r for r in results]


# ---- reading a file ---------------------------------------------------------------------------------------------

def _roots(data: bytes, where: str) -> tuple[list[Element], dict[str, str]]:
    """The file's film, series, season and episode elements, and the ids its links (after or instead of XML) give.

    Raises:
        InputError: too big, not XML, a DTD or entities, not well-formed, or no root an .nfo has.
    """
    if len(data) > MAX_NFO_BYTES:
        raise InputError(f"is {len(data):,} bytes; not an .nfo", where)
    text, _ = decode_text(data, where)
    text = _XML_DECLARATION.sub("", text)  # decoded already; a multi-episode file may repeat the declaration
    if not text.strip().startswith("<"):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and all(_URL.fullmatch(line) for line in lines):  # Radarr's kind: links only
            return [], _links(text)
        raise InputError("is not a Kodi .nfo: it holds no XML (a release's text .nfo?)", where)
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        raise InputError("declares a DTD or entities, which a Kodi .nfo never does; not read", where)
    wrapped = f"<nfo>{_html_entities(text)}</nfo>"  # several roots (one per episode) and a trailing link are allowed
    try:
        holder = fromstring(wrapped)
    except DefusedXmlException as e:
        raise InputError(f"declares entities or refers to outside files; not read ({type(e).__name__})", where) from e
    except ParseError as e:
        line, column = e.position if e.position else (1, 0)
        last = wrapped.rsplit("\n", 1)[-1].encode()  # expat counts bytes
        if (line, column) >= (wrapped.count("\n") + 1, len(last) - len("</nfo>")):  # at the wrapper's end tag
            raise InputError("is not well-formed XML: it ends before its elements close (cut short?)", where) from e
        raise InputError(f"is not well-formed XML ({str(e).split(':')[0]})", f"{where} line {line}") from e
    roots = [child for child in holder if child.tag in ROOTS]
    if not roots:
        tag = holder[0].tag if len(holder) else "none"
        raise InputError(f"is not a Kodi .nfo of a film, series, season or episode (its root is <{tag}>)", where)
    tails = " ".join([holder.text or ""] + [child.tail or "" for child in holder])
    return roots, _links(tails)


def _html_entities(text: str) -> str:
    """HTML's named entities (&eacute;, &nbsp;) as characters: scrapers write them, XML does not know them."""
    def replace(m: re.Match[str]) -> str:
        name = m.group(1)
        char = html.entities.html5.get(name + ";") if name not in _XML_ENTITIES else None
        if char is None:
            return m.group()
        return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(char, char)
    return re.sub(r"&([A-Za-z][A-Za-z0-9]{1,31});", replace, text)


def _links(text: str) -> dict[str, str]:
    """Ids from IMDb and TMDB links ("https://www.themoviedb.org/movie/603" → tmdb movie/603)."""
    ids = {}
    for url in _URL.findall(text):
        imdb = re.search(r"imdb\.com/title/(tt\d{5,10})", url)
        tmdb = re.search(r"themoviedb\.org/(movie|tv)/(\d{1,10})", url)
        if imdb:
            ids.setdefault("imdb", imdb.group(1))
        if tmdb:
            ids.setdefault("tmdb", f"{tmdb.group(1)}/{tmdb.group(2)}")
    return ids


# ---- one element as a work --------------------------------------------------------------------------------------

def _text(element: Element | None) -> str | None:
    if element is None or not element.text:
        return None
    return " ".join(element.text.split()) or None


def _prose(element: Element | None) -> str | None:
    if element is None or not element.text:
        return None
    lines = (" ".join(line.split()) for line in element.text.strip().splitlines())
    return "\n".join(line for line in lines if line) or None


def _names(element: Element) -> list[str]:
    """A list field's values: Kodi repeats the element, older files join names with " / " (a stray comma, as some
    writers leave, is dropped)."""
    return [n.strip(" ,;") for n in re.split(r"\s*[/|]\s*", _text(element) or "") if n.strip(" ,;")]


def _number(text: str | None) -> float | None:
    try:
        number = float((text or "").replace(",", "").strip())
    except ValueError:
        return None
    return number if number == number and abs(number) < 1e12 else None


def _day(text: str | None) -> str | None:
    """A date Kodi wrote ("2017-11-15", "2021-02-11 07:47:23") as the day, or None."""
    text = (text or "").strip()[:10]
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else None
    except ValueError:
        return None


def _entry(element: Element, kind: str, where: str, links: dict[str, str]) -> Entry | Skipped:
    people: dict[str, dict[str, Any]] = {}
    obj = _work(element, kind, people, links)
    try:
        return Entry(validate_work(obj, where), where, people)
    except InputError as e:
        return Skipped(where, obj["title"], str(e))


def _work(element: Element, kind: str, people: dict[str, dict[str, Any]], links: dict[str, str]) -> dict[str, Any]:
    """What one <movie>, <tvshow>, <season> or <episodedetails> says, as a work object (not yet validated)."""
    def get(tag: str) -> str | None:
        return _text(element.find(tag))

    number = get("seasonnumber") if kind == "season" else get("episode") if kind == "episode" else None
    whole = whole_number(number)
    title = get("title") or get("originaltitle") or (get("showtitle") if kind == "series" else None) or ""
    if not title and kind in ("season", "episode"):
        title = _season_title(whole) if kind == "season" and whole is not None else f"Episode {number}"
    premiered = _day(get("premiered") or get("aired") or get("releasedate"))
    year = whole_number(get("year"))
    obj: dict[str, Any] = {
        "kind": kind, "title": title, "number": whole,
        "original_title": get("originaltitle") if get("originaltitle") != title else None,
        "sort_title": get("sorttitle") if get("sorttitle") != title else None,
        "year": year if year is not None else int(premiered[:4]) if premiered else None,
        "release_dates": [{"date": premiered, "kind": _RELEASE_KINDS[kind]}] if premiered else [],
        "runtime": _runtime(get("runtime")),
        "synopsis": _prose(element.find("plot")) or _prose(element.find("outline")),
        "tagline": get("tagline"), "content_rating": _certification(get("mpaa")),
        "genres": _unique(n for e in element.iterfind("genre") for n in _names(e)),
        "countries": _unique(c for e in element.iterfind("country") for c in map(country_code, _names(e)) if c),
        "companies": [{"name": n, "role": "network" if kind == "series" else "studio"}
                      for n in _unique(n for e in element.iterfind("studio") for n in _names(e))],
        "credits": _credits(element, people), "ratings": _ratings(element),
        "external_ids": _ids(element, kind, links),
        "tags": _unique([_text(e) or "" for e in element.iterfind("tag")] + [_set_name(element) or ""]),
        "personal": _personal(element, kind),
    }
    return {key: value for key, value in obj.items() if value not in (None, [], {})}


_RELEASE_KINDS = {"film": "theatrical", "series": "premiere", "season": "premiere", "episode": "tv"}


def _season_title(number: int) -> str:
    return "Specials" if number == 0 else f"Season {number}"


def _unique(values: Any) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _runtime(text: str | None) -> int | None:
    match = re.match(r"\d+", text or "")
    minutes = whole_number(match.group()) if match else None
    return minutes if minutes and minutes <= 100_000 else None


def _certification(text: str | None) -> str | None:
    """Kodi's "Rated PG-13" or "US:PG-13" as "PG-13"; another country's ("Australia:M") keeps its country."""
    text = re.sub(r"^Rated\s+", "", text or "", flags=re.IGNORECASE)
    text = re.sub(r"^(US|USA|United States):\s*", "", text)
    return text or None


def _set_name(element: Element) -> str | None:
    """The set (collection) a film belongs to: <set>Name</set>, or <set><name>Name</name></set>."""
    box = element.find("set")
    return None if box is None else _text(box.find("name")) or _text(box)


def _credits(element: Element, people: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Directors and writers (Kodi's <credits> are the writers), then the actors with their <order> as billing."""
    named = [(name, role, None, None, None) for tag, role in (("director", "director"), ("credits", "writer"),
                                                              ("writer", "writer"))
             for e in element.iterfind(tag) for name in _names(e)]
    for actor in element.iterfind("actor"):
        kind = (_text(actor.find("type")) or "actor")
        role = PERSON_TYPES.get(kind.casefold().replace(" ", ""), "crew")
        character = _text(actor.find("role")) if role == "cast" else None
        if character and re.search(r"\s*\(voice\)$", character):
            role, character = "voice", re.sub(r"\s*\(voice\)$", "", character) or None
        order = _text(actor.find("order")) or _text(actor.find("sortorder")) or ""
        named.append((_text(actor.find("name")), role, character, whole_number(order),
                      kind if role == "crew" else None))
    credits: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None]] = set()
    for name, role, character, billing, note in named:
        key = f"name:{name}"
        if not name or (key, role, character) in seen:
            continue
        seen.add((key, role, character))
        people.setdefault(key, {"id": key, "name": name, "original_name": None, "external_ids": {}})
        credits.append({"person": key, "role": role, "character": character,
                        "billing": len(credits) if billing is None else billing, "note": note})
    return credits


def _ratings(element: Element) -> list[dict[str, Any]]:
    """<ratings><rating name="imdb" max="10"><value/><votes/></rating>…: each known source once, on its own scale
    (Kodi writes Metacritic out of 10; the catalog keeps it out of 100)."""
    ratings: dict[str, dict[str, Any]] = {}
    for rating in element.iterfind("ratings/rating"):
        source = RATING_SOURCES.get((rating.get("name") or "").casefold())
        value, top = _number(rating.findtext("value")), _number(rating.get("max")) or 10.0
        if source is None or source in ratings or value is None or not 0 < value <= top:
            continue  # a 0 is Kodi's "no rating"
        scale = RATING_SCALES.get(source, top)
        votes = _number(rating.findtext("votes"))
        ratings[source] = {"source": source, "value": round(value * scale / top, 3), "scale": scale,
                           "votes": int(votes) if votes is not None and votes >= 0 else None}
    return list(ratings.values())


def _ids(element: Element, kind: str, links: dict[str, str]) -> dict[str, str]:
    """IMDb and TMDB ids: <uniqueid type=…>, the older <id>/<imdbid>/<tmdbid>, then the file's links. TMDB ids are
    kept for films and series only (the catalog's TMDB ids name a film or a series, not an episode)."""
    space = {"film": "movie", "series": "tv"}.get(kind)
    found: list[tuple[str, str]] = [((u.get("type") or "").casefold(), _text(u) or "")
                                    for u in element.iterfind("uniqueid")]
    found += [(child.tag.casefold().removesuffix("id").removesuffix("_"), _text(child) or "")
              for child in element if child.tag.casefold() in ("id", "imdbid", "imdb_id", "tmdbid", "tmdb_id")]
    ids: dict[str, str] = {}
    for provider, value in found:
        if _IMDB.match(value) and provider in ("imdb", ""):
            ids.setdefault("imdb", value)
        elif provider == "tmdb" and value.isdigit() and space:
            ids.setdefault("tmdb", f"{space}/{value}")
    if "imdb" in links:
        ids.setdefault("imdb", links["imdb"])
    if space and links.get("tmdb", "").startswith(space + "/"):
        ids.setdefault("tmdb", links["tmdb"])
    return ids


def _personal(element: Element, kind: str) -> dict[str, Any] | None:
    """The person's rating (1–10), and plays: completed, a viewing on the last play's day, rewatches for the rest
    (a series' plays are its episodes', so it only gets the status)."""
    personal: dict[str, Any] = {}
    rating = _number(element.findtext("userrating"))
    if rating is not None and 1 <= rating <= 10:
        personal["rating"] = personal_rating(rating, 10)
    plays = int(_number(element.findtext("playcount")) or 0)
    watched = (element.findtext("watched") or "").strip().casefold() == "true"
    if plays > 0 or watched:
        personal["status"] = "completed"
        last = _day(element.findtext("lastplayed"))
        count = max(plays, 1 if last else 0)
        if count and kind != "series":
            personal["viewings"] = [{"date": last, "rewatch": False}] + [
                {"date": None, "rewatch": True} for _ in range(min(count - 1, 50))]
    return personal or None


# ---- series, seasons and episodes ---------------------------------------------------------------------------------

def _series(element: Element, where: str, links: dict[str, str]) -> _Series | Skipped:
    people: dict[str, dict[str, Any]] = {}
    obj = _work(element, "series", people, links)
    try:
        validate_work(obj, where)
    except InputError as e:
        return Skipped(where, obj["title"], str(e))
    names = {number: name for n in element.iterfind("namedseason")
             if (number := whole_number(n.get("number"))) is not None and (name := _text(n))}
    return _Series(obj, people, where, names)


def _owner(folder: PurePosixPath, element: Element, series_at: dict[PurePosixPath, list[_Series]]
           ) -> _Series | str:
    """The series a season's or episode's file belongs to: the one whose tvshow.nfo is in the nearest folder at or
    above the file's (by <showtitle> where one folder holds several); else why none."""
    while True:
        found = series_at.get(folder, [])
        if len(found) == 1:
            return found[0]
        if found:
            show = (_text(element.find("showtitle")) or "").casefold()
            named = [s for s in found if show and s.obj["title"].casefold() == show]
            return named[0] if len(named) == 1 else "its folder holds several series' tvshow.nfo; which is its own?"
        if folder == folder.parent:
            return NO_SERIES if element.tag == "episodedetails" else "a season's file without its series' tvshow.nfo"
        folder = folder.parent


def _place(element: Element, where: str, owner: _Series | str) -> Skipped | None:
    """Put a season's details or an episode under its series; returns why not, if not."""
    title = _text(element.find("title")) or _text(element.find("originaltitle")) or ""
    if isinstance(owner, str):
        return Skipped(where, title, owner)
    kind = ROOTS[element.tag]
    obj = _work(element, kind, owner.people, {})
    try:
        validate_work(obj, where, depth=1 if kind == "season" else 2)
    except InputError as e:
        return Skipped(where, title, str(e))
    season_number = whole_number(_text(element.find("seasonnumber" if kind == "season" else "season")))
    if kind == "season":
        if season_number is None:
            return Skipped(where, title, "a season's file without its <seasonnumber>")
        owner.season(season_number).update({k: v for k, v in obj.items() if k != "children"})
    elif season_number is not None:
        owner.season(season_number)["children"].append(obj)
    else:
        owner.loose.append(obj)
    return None


def _finish(series: _Series) -> Entry | Skipped:
    """The series with its seasons (in order, each with its episodes in order) and the episodes naming no season."""
    def order(work: dict[str, Any]) -> tuple[bool, int]:
        return work.get("number") is None, work.get("number") or 0

    obj = dict(series.obj)
    seasons = [series.seasons[n] for n in sorted(series.seasons)]
    for season in seasons:
        season["children"].sort(key=order)
    children = seasons + sorted(series.loose, key=order)
    if children:
        obj["children"] = children
    try:
        return Entry(validate_work(obj, series.where), series.where, series.people)
    except InputError as e:
        return Skipped(series.where, obj["title"], str(e))
