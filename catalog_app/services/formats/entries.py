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

    def __post_init__(self) -> None:
        # The title only helps a person find the line; a hostile one (100,000 characters) would be a report line
        # of that length.
        if len(self.title) > MAX_SKIPPED_TITLE:
            self.title = self.title[:MAX_SKIPPED_TITLE - 1] + "…"


#: Characters of a skipped line's title that its report line shows.
MAX_SKIPPED_TITLE = 200


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


def whole_number(text: str | None) -> int | None:
    """A whole number written in digits (a year, a count, a position), or None: str.isdigit() passes "²", which int()
    refuses, and thousands of digits, past int()'s limit."""
    return int(text) if text and text.isdecimal() and len(text) <= 18 else None


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
        InputError: unreadable; a zip that is cut short, holds a path leaving its folder, a member too big (or
            members too big together), or a member that cannot be read (see `read_member`).
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
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise InputError(f"is not a complete zip file ({e})", path) from e
    except NotImplementedError as e:  # a zip format version or feature Python cannot read
        raise InputError(f"is a zip file Starlight cannot read ({e})", path) from e
    with archive:
        chosen = []
        for info in archive.infolist():
            name = info.filename.replace("\\", "/")
            if name.startswith("/") or ".." in Path(name).parts:
                raise InputError(f"holds a file with a path that leaves the folder ({name!r}); not read", path)
            if info.is_dir() or not wanted(name):
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                raise InputError(f"{name} unpacks to {info.file_size:,} bytes; an export's files are at most "
                                 f"{MAX_MEMBER_BYTES // 2**20} MiB, so this is not one", path)
            chosen.append((name, info))
        # Many members just under the limit are a bomb too: what is read in all stays under it.
        declared = sum(info.file_size for _, info in chosen)
        if declared > MAX_MEMBER_BYTES:
            raise InputError(f"its files unpack to {declared:,} bytes; an export is at most "
                             f"{MAX_MEMBER_BYTES // 2**20} MiB, so this is not one", path)
        return {name: read_member(archive, info, path) for name, info in chosen}


#: How a zip member is unpacked: in pieces of this many bytes, so that no single step can grow past it.
MEMBER_CHUNK_BYTES = 2**20


def read_member(archive: Any, info: Any, where: str) -> bytes:
    """A zip member's bytes, unpacked a piece at a time and never past the size its header declares.

    `archive.read()` would hand the whole packed member to the decompressor at once: a header that says 1 KB over
    a deflate stream of gigabytes is unpacked whole (to 2 GiB) before being cut to 1 KB. Read in pieces, zipfile
    stops at the declared size; the checksum then tells a member that lied about its size. Python's bzip2 and LZMA
    readers unpack each piece whole, however far it expands, so only stored and deflated members (what export
    zips use) are read.

    Raises:
        InputError: the member is encrypted, packed some other way, or damaged (`where` names the zip).
    """
    import zipfile
    import zlib

    from ...core.errors import InputError
    name = info.filename.replace("\\", "/")
    if info.flag_bits & 0x1:
        raise InputError(f"{name} is encrypted; Starlight reads exports as the site gave them", where)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InputError(f"{name} is packed with method {info.compress_type}; Starlight reads zips packed the usual "
                         "way (stored or deflated)", where)
    pieces, total = [], 0
    try:
        with archive.open(info) as stream:
            while piece := stream.read(MEMBER_CHUNK_BYTES):
                total += len(piece)
                if total > info.file_size:  # zipfile stops there; this keeps the bound whatever it does
                    raise InputError(f"{name} unpacks to more than the {info.file_size:,} bytes its header says; "
                                     "the zip is damaged or made to mislead", where)
                pieces.append(piece)
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise InputError(f"{name} is damaged or does not unpack to what its header says ({e})", where) from e
    return b"".join(pieces)
