"""Tellico's video collections (a .tc file: a zip of tellico.xml and images/…; or the bare XML) → one entry per video.

Taken: title, original and alternative titles, year, running time, nationality and language (as codes where the
name is in the tables below; a name they lack is left out, never guessed), certification, genres, keywords (as
tags), plot, directors, writers, producers, composers, the cast table (actor, role), studios, the IMDb/TMDB links;
an entry with an episode table is a series holding its seasons and episodes. The person's layer: rating (the
collection's scale, 1–5 by default → 0–100), comments, a seen/watched flag, and the copy (medium → format; region,
video standard and director's cut on it; purchase date; the loan to a borrower). Cover images come back as bytes
on `Entry.images` for the caller to store.

Only video collections (type 3) are read; a collection of books, music or anything else is refused whole. Parsed
only with defusedxml (no entity expansion, no external entities). Left out: audio tracks, subtitles, aspect ratio,
colour, widescreen, price and gift (no place in a work), filters, and images Tellico keeps only as links.
"""

from __future__ import annotations

import base64
import binascii
import html
import io
import lzma
import re
import zipfile
import zlib
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ...core.errors import InputError
from ...core.images import MAX_IMAGE_BYTES
from ...core.place_names import country_code, language_code
from ...core.record import validate_work
from .entries import MAX_MEMBER_BYTES, Entry, Skipped, personal_rating, read_member, whole_number

NS = "{http://periapsis.org/tellico/}"
#: Tellico's collection types (its Collection::Type) as what they hold; only 3 (videos) is imported.
COLLECTION_TYPES = {"1": "custom items", "2": "books", "3": "videos", "4": "music", "5": "bibliography entries",
                    "6": "comic books", "7": "wines", "8": "coins", "9": "stamps", "10": "trading cards",
                    "11": "video games", "12": "files", "13": "board games"}
VIDEO = "3"
#: Tellico's media (its own list and what people type) as the catalog's copy formats.
MEDIA = {"dvd": "dvd", "blu-ray": "bluray", "bluray": "bluray", "blu-ray 3d": "bluray", "uhd": "uhd",
         "4k ultra hd": "uhd", "ultra hd blu-ray": "uhd", "4k blu-ray": "uhd", "vhs": "vhs", "laserdisc": "laserdisc",
         "divx": "file", "file": "file", "digital": "digital", "hd dvd": "other", "vcd": "other", "svcd": "other"}
#: Flags a collection may add for "I have seen it" (Tellico has none by default).
SEEN_FIELDS = ("seen", "watched", "viewed")

def image_mime(data: bytes) -> str | None:
    """The type of an image from its first bytes, or None when it is no JPEG, PNG, GIF or WebP (only the
    signature: the importer checks the picture itself with core.images before it is kept)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def parse(data: bytes, source: str) -> list[Entry | Skipped]:
    """Entries of a Tellico video collection, from a .tc file's bytes or its tellico.xml.

    Raises:
        InputError: not a Tellico file, a zip cut short, XML that is not well-formed or that defusedxml refuses
            (entity declarations, external references), or a collection of something other than videos.
    """
    xml, stored = _unpack(data, source)
    root = _root(xml, source)
    collection = _collection(root, source)
    fields = {f.get("name", ""): f for f in collection.iterfind(f"{NS}fields/{NS}field")}
    images = _images(collection, stored)
    loans = _loans(root)
    out: list[Entry | Skipped] = []
    for n, element in enumerate(collection.iterfind(f"{NS}entry"), 1):
        ident = element.get("id", "?")
        out.append(_entry(_Values(element), fields, images, loans.get(ident), f"{source}: entry {n} (id={ident})"))
    return out


def _unpack(data: bytes, source: str) -> tuple[bytes, dict[str, bytes]]:
    """The collection's XML and the images a .tc stores beside it (by image id); bare XML has none beside it."""
    if not data.startswith(b"PK"):
        if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            raise InputError("is neither a Tellico .tc file nor Tellico XML", source)
        return data, {}
    xml, images = None, {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                name = info.filename.replace("\\", "/")
                if name == "tellico.xml":
                    if info.file_size > MAX_MEMBER_BYTES:
                        raise InputError(f"{name} unpacks to {info.file_size:,} bytes; not a collection", source)
                    xml = read_member(archive, info, source)
                elif (name.startswith("images/") and "/" not in name[7:] and not info.is_dir()
                      and info.file_size <= MAX_IMAGE_BYTES):
                    images[name[7:]] = read_member(archive, info, source)
    # A damaged zip fails in many ways: offsets out of the file or names not UTF-8 (ValueError), its compressors'
    # own errors (zlib, bz2's OSError, lzma), a method zipfile lacks, an encrypted member (RuntimeError).
    except (zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError, OSError, NotImplementedError, RuntimeError,
            ValueError) as e:
        raise InputError(f"is not a complete zip file ({e})", source) from e
    if xml is None:
        raise InputError("is a zip without tellico.xml; not a Tellico .tc file", source)
    return xml, images


def _root(xml: bytes, source: str) -> Element:
    try:
        return fromstring(xml)
    except DefusedXmlException as e:
        raise InputError("declares entities or refers to outside files, which a Tellico file never does; not read "
                         f"({type(e).__name__})", source) from e
    except ParseError as e:
        line = e.position[0] if e.position else 1
        raise InputError(f"is not well-formed XML ({str(e).split(':')[0]})", f"{source} line {line}") from e
    except LookupError as e:  # the XML declaration names an encoding Python does not have
        raise InputError(f"is XML in an encoding this reader does not know ({e})", f"{source} line 1") from e


def _collection(root: Element, source: str) -> Element:
    if root.tag != f"{NS}tellico":
        raise InputError(f"is not a Tellico collection (its root is <{root.tag.rpartition('}')[2]}>)", source)
    collection = root.find(f"{NS}collection")
    if collection is None:
        raise InputError("is a Tellico file without a collection", source)
    kind = collection.get("type", "")
    if kind != VIDEO:
        raise InputError(f"is a Tellico collection of {COLLECTION_TYPES.get(kind, f'type {kind!r}')}, not videos",
                         source)
    return collection


def _images(collection: Element, stored: dict[str, bytes]) -> dict[str, tuple[bytes, str]]:
    """The collection's images by id: embedded as base64 in the XML, or stored in the .tc's images/ folder."""
    found: dict[str, tuple[bytes, str]] = {}
    for image in collection.iterfind(f"{NS}images/{NS}image"):
        ident, text = image.get("id", ""), (image.text or "").strip()
        if image.get("link") == "true" or len(text) > MAX_IMAGE_BYTES * 4 // 3 + 4:
            continue  # a link is a URL, not an image; an oversized one is left out
        try:
            data = base64.b64decode(text) if text else stored.get(ident, b"")
        except (binascii.Error, ValueError):
            continue
        mime = image_mime(data)
        if mime:
            found[ident] = (data, mime)
    for ident, data in stored.items():  # a .tc whose XML does not list its images still has them
        mime = image_mime(data)
        if ident not in found and mime:
            found[ident] = (data, mime)
    return found


def _loans(root: Element) -> dict[str, tuple[str, str | None]]:
    """Who each entry is lent to and since when, by entry id."""
    loans = {}
    for borrower in root.iterfind(f"{NS}borrowers/{NS}borrower"):
        for loan in borrower.iterfind(f"{NS}loan"):
            day = loan.get("loanDate", "")
            loans[loan.get("entryRef", "")] = (borrower.get("name", "").strip(), day if _DAY.match(day) else None)
    return loans


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")


class _Values:
    """One entry's fields: Tellico writes a one-value field as <name> and a many-value one as <names><name>."""

    def __init__(self, element: Element) -> None:
        self.children: dict[str, list[Element]] = {}
        for child in element:
            self.children.setdefault(child.tag.removeprefix(NS), []).append(child)

    def elements(self, name: str) -> list[Element]:
        nested = [e for holder in self.children.get(name + "s", []) for e in holder if e.tag == NS + name]
        return self.children.get(name, []) + nested

    def texts(self, name: str) -> list[str]:
        values = (" ".join((e.text or "").split()) for e in self.elements(name))
        return list(dict.fromkeys(v for v in values if v))

    def first(self, name: str) -> str | None:
        return next(iter(self.texts(name)), None)

    def prose(self, name: str) -> str | None:
        """A paragraph field: Tellico keeps some HTML in it (<b>, <br/>), which is taken out."""
        element = next(iter(self.elements(name)), None)
        if element is None or not element.text:
            return None
        text = re.sub(r"<br\s*/?>|</p\s*>", "\n", element.text, flags=re.IGNORECASE)
        lines = (" ".join(line.split()) for line in html.unescape(_HTML_TAG.sub("", text)).splitlines())
        return "\n".join(line for line in lines if line) or None

    def rows(self, name: str) -> list[list[str]]:
        """A table field's rows, each its columns (older files join them with "::")."""
        rows = []
        for element in self.elements(name):
            columns = element.findall(f"{NS}column")
            cells = [c.text or "" for c in columns] if columns else (element.text or "").split("::")
            rows.append([" ".join(cell.split()) for cell in cells])
        return [row for row in rows if any(row)]

    def flag(self, name: str) -> bool:
        return (self.first(name) or "").lower() in ("true", "1", "yes")


def _entry(values: _Values, fields: dict[str, Element], images: dict[str, tuple[bytes, str]],
           loan: tuple[str, str | None] | None, where: str) -> Entry | Skipped:
    title = values.first("title") or ""
    if not title:
        return Skipped(where, "", "no title")
    people: dict[str, dict[str, Any]] = {}
    obj = {"title": title, **_facts(values, title), "credits": _credits(values, people),
           "companies": [{"name": s, "role": "studio"} for s in values.texts("studio")]}
    episodes = _episodes(values)
    if episodes:
        obj.update(kind="series", children=episodes)
    personal = _personal(values, fields, loan)
    if personal:
        obj["personal"] = personal
    covers = [images[i] for name, f in fields.items() if f.get("type") == "10"
              for i in values.texts(name) if i in images]
    try:
        return Entry(validate_work(obj, where), where, people, covers)
    except InputError as e:
        return Skipped(where, title, str(e))


def _facts(values: _Values, title: str) -> dict[str, Any]:
    """What an entry says about the work itself (not its people, episodes or the person's layer)."""
    years = [y for y in map(whole_number, values.texts("year")) if y is not None]
    runtime = whole_number(values.first("running-time"))
    original = values.first("origtitle")
    others = [row[0] for row in values.rows("alttitle") if row and row[0] and row[0] not in (title, original)]
    countries = [c for c in (country_code(n) for n in values.texts("nationality")) if c]
    languages = [c for c in (language_code(n) for n in values.texts("language")) if c]
    certification = re.sub(r"\s*\([^)]*\)$", "", values.first("certification") or "")
    facts: dict[str, Any] = {
        "kind": "film", "year": years[0] if years else None, "runtime": runtime,
        "original_title": original if original != title else None,
        "titles": [{"title": t, "kind": "alternative"} for t in dict.fromkeys(others)],
        "countries": list(dict.fromkeys(countries)), "languages": list(dict.fromkeys(languages)),
        "content_rating": certification or None, "synopsis": values.prose("plot"),
        "genres": values.texts("genre"), "tags": values.texts("keyword"), "external_ids": _ids(values),
        "ratings": _ratings(values)}
    return {key: value for key, value in facts.items() if value not in (None, [], {})}


def _ids(values: _Values) -> dict[str, str]:
    ids = {}
    links = " ".join(values.texts("imdb") + values.texts("tmdb"))
    imdb = re.search(r"\btt\d{5,10}\b", links)
    tmdb = re.search(r"themoviedb\.org/(movie|tv)/(\d{1,10})", links)
    if imdb:
        ids["imdb"] = imdb.group()
    if tmdb:
        ids["tmdb"] = f"{tmdb.group(1)}/{tmdb.group(2)}"
    return ids


def _ratings(values: _Values) -> list[dict[str, Any]]:
    """IMDb's rating, which Tellico's IMDb fetcher writes as "7.8/10" (or just the number)."""
    match = re.match(r"^(\d+(\.\d+)?)", values.first("imdb-rating") or "")
    if match and 0 < float(match.group(1)) <= 10:
        return [{"source": "imdb", "value": float(match.group(1)), "scale": 10.0}]
    return []


#: Tellico's people fields as credit roles.
PEOPLE_FIELDS = (("director", "director"), ("writer", "writer"), ("producer", "producer"),
                 ("composer", "composer"))


def _credits(values: _Values, people: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Directors, writers, producers and composers, then the cast table (actor, role) in its order."""
    named = [(name, role, None) for field, role in PEOPLE_FIELDS for name in values.texts(field)]
    named += [(row[0], "cast", row[1] if len(row) > 1 and row[1] else None) for row in values.rows("cast") if row[0]]
    credits: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for name, role, character in named:
        key = f"name:{name}"
        if (key, role) in seen:
            continue
        seen.add((key, role))
        people.setdefault(key, {"id": key, "name": name, "original_name": None, "external_ids": {}})
        credits.append({"person": key, "role": role, "character": character, "billing": len(credits)})
    return credits


def _episodes(values: _Values) -> list[dict[str, Any]]:
    """The episode table (title, season, episode) as seasons holding their episodes; unnumbered seasons' episodes
    sit on the series itself."""
    seasons: dict[int, list[dict[str, Any]]] = {}
    loose: list[dict[str, Any]] = []
    for row in values.rows("episode"):
        row += [""] * (3 - len(row))
        number, season = whole_number(row[2]), whole_number(row[1])
        episode = {"kind": "episode", "title": row[0] or f"Episode {row[2] or '?'}", "number": number}
        (seasons.setdefault(season, []) if season is not None else loose).append(episode)
    return [{"kind": "season", "title": "Specials" if n == 0 else f"Season {n}", "number": n, "children": eps}
            for n, eps in sorted(seasons.items())] + loose


def _personal(values: _Values, fields: dict[str, Element], loan: tuple[str, str | None] | None) -> dict[str, Any]:
    """The person's layer: rating, comments, seen, and the copy they own."""
    personal: dict[str, Any] = {}
    rating = values.first("rating") or ""
    field = fields.get("rating")
    top = field.findtext(f"{NS}prop[@name='maximum']") if field is not None else None
    scale = float(whole_number(top.strip()) or 5) if top else 5.0
    if re.fullmatch(r"\d+(\.\d+)?", rating) and 0 < float(rating) <= scale:
        personal["rating"] = personal_rating(float(rating), scale)
    if values.prose("comments"):
        personal["notes"] = values.prose("comments")
    if any(values.flag(name) for name in SEEN_FIELDS):
        personal["status"] = "completed"
    copy = _copy(values, loan)
    if copy:
        personal["copies"] = [copy]
    return personal


def _copy(values: _Values, loan: tuple[str, str | None] | None) -> dict[str, Any] | None:
    """The disc or file the entry records: its medium, with region and video standard as a note."""
    medium = values.first("medium")
    bought = values.first("pur_date") or ""
    if not medium and not loan and not _DAY.match(bought):
        return None
    copy: dict[str, Any] = {"format": MEDIA.get((medium or "").casefold(), "other")}
    note = ", ".join(v for v in (values.first("region"), values.first("format")) if v)
    if medium and copy["format"] == "other":
        note = ", ".join(v for v in (medium, note) if v)  # a medium the catalog has no name for stays readable
    if note:
        copy["note"] = note
    if values.flag("directors-cut"):
        copy["edition"] = "Director's Cut"
    if _DAY.match(bought):
        copy["acquired_on"] = bought
    if loan:
        copy["loaned_to"], copy["loaned_on"] = loan[0] or None, loan[1]
    return copy
