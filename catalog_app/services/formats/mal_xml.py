"""MyAnimeList's anime list export (XML, often gzipped) → one entry per anime: its MAL id, title, kind and episode
count, and the person's status, score (1–10 → 10–100), start and finish dates, times watched, tags and comments.

Parsed only with defusedxml (no entity expansion, no external entities). Real exports hold bytes that are not UTF-8
(comments pasted through other encodings): those are repaired where they are UTF-8 read as Latin-1, else replaced,
and each file says how many were.
"""

from __future__ import annotations

import gzip
import html
import io
import re
import zlib
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ...core.errors import InputError
from ...core.record import validate_work
from .entries import MAX_MEMBER_BYTES, Entry, Skipped, personal_rating, whole_number

#: MAL's series types as the catalog's kinds.
KINDS = {"TV": "series", "Movie": "film", "OVA": "ova", "ONA": "series", "Special": "special", "Music": "short",
         "TV Special": "special", "CM": "short", "PV": "short"}
STATUSES = {"Watching": "watching", "Completed": "completed", "On-Hold": "on_hold", "Dropped": "dropped",
            "Plan to Watch": "planned", "1": "watching", "2": "completed", "3": "on_hold", "4": "dropped",
            "6": "planned"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def decode(data: bytes, name: str) -> tuple[str, int]:
    """The export as text, and how many stretches of bytes were not UTF-8 (repaired or replaced)."""
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
                data = unpacked.read(MAX_MEMBER_BYTES + 1)
        except (OSError, EOFError, zlib.error) as e:  # zlib's: a stream damaged inside
            raise InputError(f"is not a complete gzip file ({e})", name) from e
        if len(data) > MAX_MEMBER_BYTES:
            raise InputError(f"unpacks to more than {MAX_MEMBER_BYTES // 2**20} MB; not a list export", name)
    text = data.decode("utf-8", errors="surrogateescape")
    return text, len(re.findall(r"[\udc80-\udcff]+", text))


#: Bytes that are not UTF-8 ride through the XML parser as these private-use characters (U+E080–U+E0FF), so that
#: `_clean` can put them back together.
_STRAY = re.compile(r"[\udc80-\udcff]")
_CARRIED = re.compile(r"[\ue080-\ue0ff]+")


def _clean(text: str | None) -> str | None:
    """Element text as it was meant: the HTML the export escaped undone (<br /> a line break), and text that was
    UTF-8 read as Latin-1 (the usual cause of the bad bytes) repaired; what cannot be repaired becomes U+FFFD."""
    if text is None:
        return None
    text = re.sub(r"<br\s*/?>", "\n", html.unescape(text), flags=re.IGNORECASE)
    if _CARRIED.search(text):
        raw = "".join(chr(ord(c) - 0xE000 + 0xDC00) if "\ue080" <= c <= "\ue0ff" else c for c in text)
        try:
            text = raw.encode("latin-1", errors="surrogateescape").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            text = _CARRIED.sub("\ufffd", text)
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line) or None


def parse(data: bytes, name: str) -> tuple[list[Entry | Skipped], int]:
    """Entries of an anime list export, and how many stretches of bad bytes it held.

    Raises:
        InputError: not XML, not a MyAnimeList anime list, or XML that defusedxml refuses (entities, DTDs).
    """
    text, bad = decode(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # the text is decoded already: its encoding line no longer holds
    text = _STRAY.sub(lambda m: chr(ord(m.group()) - 0xDC00 + 0xE000), text)
    try:
        root = fromstring(text)
    except DefusedXmlException as e:
        raise InputError(f"declares entities or a DTD, which an export never does; not read ({type(e).__name__})",
                         name) from e
    except ParseError as e:
        line = e.position[0] if e.position else 1
        raise InputError(f"is not well-formed XML ({str(e).split(':')[0]})", f"{name} line {line}") from e
    if root.tag != "myanimelist":
        raise InputError(f"is not a MyAnimeList list export (its root is <{root.tag}>)", name)
    if root.find("manga") is not None and root.find("anime") is None:
        raise InputError("is a manga list; only anime lists are imported", name)
    out: list[Entry | Skipped] = []
    for n, anime in enumerate(root.iter("anime"), 1):
        where = f"{name} anime {n}"
        out.append(_entry(anime, where))
    return out, bad


def _entry(anime: Element, where: str) -> Entry | Skipped:
    def get(tag: str) -> str | None:
        value = _clean(anime.findtext(tag))
        return value or None

    title = get("series_title") or ""
    mal_id = get("series_animedb_id")
    if not title:
        return Skipped(where, "", "no title")
    if not (mal_id or "").isdigit():
        return Skipped(where, title, f"the MAL id {mal_id!r} is not a number")
    kind = KINDS.get(get("series_type") or "", "series")
    status = STATUSES.get(get("my_status") or "")
    score = whole_number(get("my_score")) or 0  # 0: none given
    if not 0 <= score <= 10:
        return Skipped(where, title, f"the score {score} is not 0 to 10")
    viewings = []
    start, finish = _date(get("my_start_date")), _date(get("my_finish_date"))
    if finish or (start and status == "completed"):
        viewings.append({"date": finish or start, "rewatch": False, "note": None})
    rewatches = min(whole_number(get("my_times_watched")) or 0, 50)
    viewings += [{"date": None, "rewatch": True, "note": None} for _ in range(rewatches)]
    tags = [t.strip() for t in (get("my_tags") or "").split(",") if t.strip()]
    obj: dict[str, Any] = {
        "title": title, "kind": kind, "anime": True, "tags": tags, "external_ids": {"mal": mal_id},
        "personal": {"status": status, "rating": personal_rating(score, 10) if score else None,
                     "notes": get("my_comments"), "viewings": viewings}}
    try:
        return Entry(validate_work(obj, where), where)
    except InputError as e:
        return Skipped(where, title, str(e))


def _date(text: str | None) -> str | None:
    """MAL's dates, or None for its 0000-00-00 (not set)."""
    m = _DATE.fullmatch(text or "")
    if not m or m.group(1) == "0000":
        return None
    month, day = m.group(2), m.group(3)
    return f"{m.group(1)}-{month if month != '00' else '01'}-{day if day != '00' else '01'}"
