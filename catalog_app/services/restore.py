"""Bringing a catalog back from a backup (`starlight restore`): an automatic backup or `starlight backup` copy
(.sqlite), a backup archive (.zip), or a snapshot or export in Starlight JSON (.json, .json.gz).

The restored catalog is built beside its destination, opened (its schema brought up to date) and checked before
anything else is touched; a backup that is damaged changes nothing. A catalog already at the destination is kept
first, as a backup in `backups/` beside it (or moved there as it is, when it is too damaged to copy), and must not
be open in another program. Image files the restored catalog names are taken from the archive, or from the image
folders beside the backup and beside the catalog.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import InputError
from ..store.db import SQLITE_MAGIC, is_url
from ..store.maintenance import copy_database, image_path, keep_backup
from .catalog import Catalog, move_catalog_file, staging_folder, write_atomically
from .snapshots import read_document

KINDS = {"copy": "a copy of the catalog", "archive": "a backup archive", "snapshot": "a Starlight JSON snapshot"}


@dataclass
class RestoreOutcome:
    """What a restore did: the catalog it wrote, what it held, and where the catalog it replaced is kept."""

    target: Path
    kind: str  # a key of KINDS
    works: int
    previous: Path | None = None
    images_found: int = 0
    #: What `Catalog.check` says of the restored catalog (image files no folder had, for instance).
    problems: list[str] = field(default_factory=list)


def restore_catalog(source: str, target: str) -> RestoreOutcome:
    """Make the catalog at `target` (a file path) the one `source` holds.

    Raises:
        InputError: the backup cannot be read or is damaged, the destination is a server catalog or open in
            another program, or the disk refuses; nothing was changed.
    """
    if is_url(target) and not target.startswith("sqlite:///"):
        raise InputError("a server catalog is restored with `starlight import` into an empty database; "
                         "restore here replaces a catalog file", target)
    destination = Path(target.removeprefix("sqlite:///") if target.startswith("sqlite:///") else target)
    kind = _kind(source)
    with staging_folder(destination, str(destination), ".restore") as building:
        staged = building / destination.name
        works, problems = _build(source, kind, staged)
        damage = [p for p in problems if "image files are missing" not in p]
        if damage:
            raise InputError(f"is damaged ({damage[0]}); nothing was changed", source)
        previous = _retire(destination) if destination.exists() else None
        try:
            move_catalog_file(staged, destination)
        except OSError as e:
            kept = f"; the catalog it replaces is kept as {previous}" if previous else ""
            raise InputError(f"cannot be written ({e.strerror or e}){kept}", str(destination)) from e
        from .bulk_refresh import journal_for
        journal_for(target).unlink(missing_ok=True)  # it names works of the catalog that was replaced
        with Catalog.open(target) as restored:
            found = _gather_images(restored, staged.with_name(staged.stem + "-images"), source)
            problems = restored.check()
    return RestoreOutcome(destination, kind, works, previous, found, problems)


def _kind(source: str) -> str:
    path = Path(source)
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError as e:
        raise InputError("no such file", source) from e
    except IsADirectoryError as e:
        raise InputError("is a folder; give the backup file (.sqlite, .zip, .json or .json.gz)", source) from e
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", source) from e
    if head == SQLITE_MAGIC:
        return "copy"
    if zipfile.is_zipfile(path):
        return "archive"
    if head[:2] == b"\x1f\x8b" or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "snapshot"
    raise InputError("is not a Starlight backup (an SQLite catalog, a backup archive or Starlight JSON)", source)


def _build(source: str, kind: str, staged: Path) -> tuple[int, list[str]]:
    """Build the catalog `source` holds at `staged` (its images beside it, for an archive); returns its number
    of works and what its check found."""
    if kind == "archive":
        from .backup_archive import restore_archive
        restored = restore_archive(source, str(staged))
        return restored.works, restored.problems
    if kind == "copy":
        try:
            origin = sqlite3.connect(Path(source).resolve().as_uri() + "?mode=ro", uri=True)
            try:
                copy_database(origin, staged)
            finally:
                origin.close()
        except sqlite3.DatabaseError as e:
            raise InputError(f"cannot be read as a catalog ({e}); nothing was changed", source) from e
    document = read_document(Path(source), source) if kind == "snapshot" else None
    with Catalog.open(str(staged)) as built:
        if document is not None:
            built.import_document(document, source)
        return built.count(), built.check()


def _retire(destination: Path) -> Path:
    """Keep the catalog about to be replaced in `backups/` beside it; refuse when another program has it open.

    A catalog that opens is copied through SQLite's backup API (after its write-ahead log is folded in, which
    SQLite allows only when no other connection is open); one too damaged to open is moved there as it is."""
    try:
        connection = sqlite3.connect(destination, timeout=0.5)
    except sqlite3.Error as e:
        raise InputError(f"cannot be opened ({e}); nothing was changed", str(destination)) from e
    try:
        try:
            mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise InputError("is open in another program (Starlight?); close it and restore again; nothing "
                                 "was changed", str(destination)) from e
            mode = None
        except sqlite3.DatabaseError:
            mode = None  # damaged: moved aside below
        if mode is not None and mode != "delete":
            raise InputError("is open in another program (Starlight?); close it and restore again; nothing was "
                             "changed", str(destination))
        if mode == "delete":
            return keep_backup(connection, destination, "restore")
    except OSError as e:
        raise InputError(f"cannot keep the catalog it replaces ({e.strerror}); nothing was changed",
                         str(destination.parent / "backups")) from e
    finally:
        connection.close()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    kept = destination.parent / "backups" / f"{destination.stem}-damaged-{stamp}.sqlite"
    kept.parent.mkdir(parents=True, exist_ok=True)
    move_catalog_file(destination, kept)
    return kept


def _gather_images(restored: Catalog, unpacked: Path, source: str) -> int:
    """Put the image files the restored catalog names into its image folder: from the archive (`unpacked`), else
    from an image folder beside the backup or beside the catalog it was taken from; returns how many are there."""
    from ..store.tables import Image

    source_path = Path(source)
    base = source_path.name.removesuffix(".gz").rsplit(".", 1)[0]
    origin = base.split("-before-")[0].split("-snapshot-")[0].split("-damaged-")[0]
    folders = [unpacked, source_path.with_name(base + "-images"), source_path.parent.parent / f"{origin}-images"]
    found = 0
    for digest, mime in set(Image.select(Image.content_hash, Image.mime).tuples()):
        dest = restored.image_file(digest, mime)
        if not dest.is_file():
            candidate = next((image_path(f, digest, mime) for f in folders if image_path(f, digest, mime).is_file()),
                             None)
            if candidate is None:
                continue
            try:
                write_atomically(dest, candidate.read_bytes())
            except OSError as e:
                raise InputError(f"cannot be written ({e.strerror})", str(dest)) from e
        found += 1
    return found
