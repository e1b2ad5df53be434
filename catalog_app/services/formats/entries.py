"""What the importers of other tools' files give: an entry per work (a native record with the person's layer, the
people it names, and where in the file it was read), or a line the file holds that is not taken, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable


@dataclass
class Entry:
    """A work as an import file describes it; `record` is a validated work record (`personal` holds the person's
    status, rating, viewings and notes), `people` the people its credits name (keys are the file's own)."""

    record: dict[str, Any]
    where: str  # "ratings.csv line 12"
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    images: list[tuple[bytes, str]] = field(default_factory=list)  # (data, mime) the file carries; the first a poster
    #: The person's lists the work is on: (list name, its place in the list, the list's description).
    lists: list[tuple[str, int, str | None]] = field(default_factory=list)
    #: The work it became, once an import added it (for putting it on its lists).
    work_id: int | None = None


@dataclass
class Skipped:
    """A line of the file that is not taken: where, what it names, and why."""

    where: str
    title: str
    reason: str


def lay_stars(personal: dict[str, Any], text: str | None) -> str | None:
    """Set a layer's rating from Letterboxd's stars ("4.5"); returns why it was left out, if it was."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        stars = float(text)
    except ValueError:
        stars = -1.0
    if not 0.5 <= stars <= 5:
        return f"the rating {text!r} is not ½ to 5 stars; the film is taken without it"
    personal["rating"] = personal_rating(stars, 5)
    return None


def personal_rating(value: float, scale: float) -> int:
    """A rating on another tool's scale (Letterboxd's ½–5 stars, IMDb's and MAL's 1–10) as the catalog's 0–100."""
    return max(0, min(100, round(value * 100 / scale)))


#: Encodings tried, in order, for exports that do not say theirs: UTF-8 (with or without its mark), then the Windows
#: code page that older IMDb and Letterboxd-era exports used; cp1252 leaves only five bytes undecodable.
TEXT_ENCODINGS = ("utf-8-sig", "cp1252")


def decode_text(data: bytes, where: str, encodings: tuple[str, ...] = TEXT_ENCODINGS) -> tuple[str, str]:
    """A file's text and the encoding it was read with (the first of `encodings` that reads it all).

    Raises:
        InputError: none of them reads it (where: the line of the first byte the last one could not read).
    """
    from ...core.errors import InputError
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as e:
            failure = e
    line = data[:failure.start].count(b"\n") + 1
    raise InputError(f"is not text in {' or '.join(encodings)} (byte {data[failure.start:failure.start + 1]!r})",
                     f"{where} line {line}")


#: A member of an export archive is read whole: past this, it is not an export (a zip bomb, or the wrong file).
MAX_MEMBER_BYTES = 200 * 2**20


def read_small(path: Path) -> bytes:
    """A file an importer reads whole (an export, an XML or JSON document), after checking it is not huge.

    Raises:
        InputError: bigger than MAX_MEMBER_BYTES (read no further than its size), or unreadable.
    """
    from ...core.errors import InputError
    try:
        size = path.stat().st_size
        if size > MAX_MEMBER_BYTES:
            raise InputError(f"is {size / 2**20:,.0f} MiB; an export of this kind is at most "
                             f"{MAX_MEMBER_BYTES // 2**20} MiB, so this is not one", str(path))
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", str(path)) from e


def read_members(path: str, wanted: Callable[[str], bool]) -> dict[str, bytes]:
    """The files of an export whose paths (relative to it, with "/": "lists/zatoichi.csv") `wanted` accepts: from
    a .zip, a folder and its subfolders, or the one file given (by its name).

    Raises:
        InputError: unreadable; a zip that is cut short, or holds a path leaving its folder or a member too big.
    """
    import io
    import os
    import zipfile

    from ...core.errors import InputError
    target = Path(path)
    try:
        if target.is_dir():
            members = {}
            for folder, _, names in os.walk(target):  # not into linked folders: a link loop would never end
                for name in sorted(names):
                    relative = (Path(folder) / name).relative_to(target).as_posix()
                    if wanted(relative):
                        members[relative] = read_small(Path(folder) / name)
            return members
        data = read_small(target)
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from e
    if not data.startswith(b"PK"):
        return {target.name: data}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {}
            for info in archive.infolist():
                name = info.filename.replace("\\", "/")
                if name.startswith("/") or ".." in Path(name).parts:
                    raise InputError(f"holds a file with a path that leaves the folder ({name!r}); not read", path)
                if info.is_dir() or not wanted(name):
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise InputError(f"{name} unpacks to {info.file_size:,} bytes; not an export", path)
                members[name] = archive.read(info)
            return members
    except (zipfile.BadZipFile, EOFError) as e:
        raise InputError(f"is not a complete zip file ({e})", path) from e
