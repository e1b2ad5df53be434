"""What the importers of other tools' files give: an entry per work (a native record with the person's layer, the
people it names, and where in the file it was read), or a line the file holds that is not taken, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Entry:
    """A work as an import file describes it; `record` is a validated work record (`personal` holds the person's
    status, rating, viewings and notes), `people` the people its credits name (keys are the file's own)."""

    record: dict[str, Any]
    where: str  # "ratings.csv line 12"
    people: dict[str, dict[str, Any]] = field(default_factory=dict)


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


def read_members(path: str, wanted: Callable[[str], bool]) -> dict[str, bytes]:
    """The files of an export whose names `wanted` accepts: from a .zip, a folder, or the one file given.

    Raises:
        InputError: unreadable; a zip that is cut short, or holds a path leaving its folder or a member too big.
    """
    import io
    import zipfile
    from pathlib import Path

    from ...core.errors import InputError
    target = Path(path)
    try:
        if target.is_dir():
            return {p.name: p.read_bytes() for p in sorted(target.iterdir()) if p.is_file() and wanted(p.name)}
        data = target.read_bytes()
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from e
    if not data.startswith(b"PK"):
        return {target.name: data}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {}
            for info in archive.infolist():
                name = info.filename
                if name.startswith(("/", "\\")) or ".." in Path(name.replace("\\", "/")).parts:
                    raise InputError(f"holds a file with a path that leaves the folder ({name!r}); not read", path)
                if info.is_dir() or not wanted(Path(name).name):
                    continue
                if info.file_size > MAX_MEMBER_BYTES:
                    raise InputError(f"{name} unpacks to {info.file_size:,} bytes; not an export", path)
                members[Path(name).name] = archive.read(info)
            return members
    except (zipfile.BadZipFile, EOFError) as e:
        raise InputError(f"is not a complete zip file ({e})", path) from e
