"""Backup archives: the whole catalog in one .zip, and bringing one back as a new catalog file.

An archive holds `manifest.json` (what wrote it, when, the schema and the counts), the catalog — a consistent copy
of a SQLite catalog made with SQLite's backup API (`catalog.sqlite`), or for a PostgreSQL catalog its lossless
native JSON (`catalog.json`) — and every image file the works use under `images/`, laid out as in the catalog's
image folder. Archives are written to a temporary file and renamed into place; a restore checks every member's
path and size before anything is unpacked, and builds the new catalog beside its destination before it appears.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import APP_NAME, __version__
from ..core.errors import InputError
from ..core.record import iter_works
from ..store.db import SQLITE_MAGIC
from ..store.maintenance import backup_to, image_path
from ..store.migrations import LATEST
from ..store.schema import schema_version
from ..store.tables import Image, Work, database
from ..store.works import format_timestamp, utcnow
from .catalog import move_catalog_file, staging_folder
from .formats import starlight_json
from .formats.entries import MAX_MEMBER_BYTES, read_member
from .snapshots import MAX_DOCUMENT_BYTES

if TYPE_CHECKING:
    from .catalog import Catalog

ARCHIVE_FORMAT = "starlight-backup"
ARCHIVE_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = "catalog.sqlite"
DOCUMENT_MEMBER = "catalog.json"
#: Largest members unpacked: a manifest is a few hundred bytes, a catalog of a million works a few GB; an image
#: member obeys the import limit. Anything larger is not an archive this app wrote (or a zip bomb).
MAX_MANIFEST_BYTES = 2**20
MAX_DATABASE_BYTES = 64 * 2**30
# An image member is named as the catalog names its files: the first two hex digits of its sha256, then the hash.
_IMAGE_MEMBER = re.compile(r"^images/([0-9a-f]{2})/(\1[0-9a-f]{62})\.(jpg|png|webp|svg|gif|img)$")
#: Image types whose files are compressed already: stored as they are, deflating them again gains nothing.
_COMPRESSED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
_CHUNK = 2**20


@dataclass
class Restored:
    """A catalog brought back from an archive: where it is, what it holds, and what its check found."""

    path: Path
    works: int
    images: int
    manifest: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def write_archive(catalog: "Catalog", path: str) -> tuple[int, int]:
    """Write the whole catalog to the .zip `path`; returns (works, image files) written.

    Raises:
        InputError: `path` is a folder or cannot be written (nothing is left behind).
        CatalogError: the database could not be copied.
    """
    from .catalog import database_errors

    if path == "-":
        raise InputError("a backup archive is a .zip file; give a file name", path)
    target = Path(path)
    if target.is_dir():
        raise InputError("is a folder; give the backup archive a file name (.zip)", path)
    with staging_folder(target, path) as work:
        try:
            manifest: dict[str, Any] = {
                "format": ARCHIVE_FORMAT, "version": ARCHIVE_VERSION, "app": f"{APP_NAME} {__version__}",
                "created_at": _now(), "catalog": catalog.name}
            with database_errors("backing up"):
                manifest["schema"] = schema_version(catalog.db)
                if catalog.is_postgres:
                    content = work / DOCUMENT_MEMBER
                    doc = catalog.document()
                    content.write_text(starlight_json.dump(doc, exported_at=manifest["created_at"], app=manifest["app"]),
                                       encoding="utf-8")
                    works = sum(1 for _ in iter_works(doc.works))
                    images = sorted({(i["hash"], i["mime"]) for r in iter_works(doc.works) for i in r["images"]})
                    manifest.update(database="postgresql", contents=DOCUMENT_MEMBER,
                                    note="a PostgreSQL catalog is archived as Starlight JSON (lossless); restoring it "
                                         "makes a SQLite catalog")
                else:
                    content = backup_to(catalog.db, work / DATABASE_MEMBER)
                    works, images = _copy_contents(content)
                    manifest.update(database="sqlite", contents=DATABASE_MEMBER)
            present = [(h, m) for h, m in images if catalog.image_file(h, m).is_file()]
            manifest.update(works=works, images=len(present), images_missing=len(images) - len(present))
            packed = work / "archive.zip"
            with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
                archive.write(content, content.name)
                for digest, mime in present:
                    archive.write(catalog.image_file(digest, mime), image_path(Path("images"), digest, mime).as_posix(),
                                  zipfile.ZIP_STORED if mime in _COMPRESSED_TYPES else zipfile.ZIP_DEFLATED)
            with open(packed, "rb") as f:
                os.fsync(f.fileno())
            os.replace(packed, target)
        except OSError as e:
            raise InputError(f"cannot be written ({e.strerror or e}); nothing was written", path) from e
    return works, len(present)


def _copy_contents(copy: Path) -> tuple[int, list[tuple[str, str]]]:
    """The number of works in a database copy and the image files it names: read from the copy itself, so the
    archive's images are exactly those of the catalog as it was copied."""
    connection = sqlite3.connect(copy.resolve().as_uri() + "?mode=ro", uri=True)  # as_uri escapes "?" and "#"
    try:
        works = connection.execute(f'SELECT count(*) FROM "{Work._meta.table_name}"').fetchone()[0]
        images = connection.execute(
            f'SELECT DISTINCT "{Image.content_hash.column_name}", "{Image.mime.column_name}" '
            f'FROM "{Image._meta.table_name}" ORDER BY 1').fetchall()
    finally:
        connection.close()
    return works, [(h, m) for h, m in images]


def _now() -> str:
    return format_timestamp(utcnow())


# ---- reading ------------------------------------------------------------------------------------------------------


def read_manifest(path: str) -> dict[str, Any]:
    """The manifest of a backup archive, after checking the archive's members (paths, sizes).

    Raises:
        InputError: not a readable, complete Starlight backup archive.
    """
    with _open(path) as archive:
        return _check(archive, path)


def _open(path: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError as e:
        raise InputError("no such file", path) from e
    except IsADirectoryError as e:
        raise InputError("is a folder, not a backup archive", path) from e
    except (zipfile.BadZipFile, EOFError, ValueError) as e:
        raise InputError(f"is not a complete zip file ({e}); it may have been cut short", path) from e
    except NotImplementedError as e:
        raise InputError(f"is a zip file Starlight cannot read ({e}); it is not a backup archive", path) from e
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from e


def _check(archive: zipfile.ZipFile, path: str) -> dict[str, Any]:
    """Refuse an archive with a member that would land outside its folder or is too large; return its manifest."""
    for info in archive.infolist():
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0] or "\\" in name:
            raise InputError(f"holds a file with a path that leaves the folder ({name!r}); nothing was restored",
                             path)
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # Starlight writes stored and deflated members; Python unpacks bzip2 and LZMA pieces whole.
            raise InputError(f"{name} is encrypted or packed in a way Starlight never writes; nothing was restored",
                             path)
        limit = {MANIFEST: MAX_MANIFEST_BYTES, DATABASE_MEMBER: MAX_DATABASE_BYTES,
                 DOCUMENT_MEMBER: MAX_DOCUMENT_BYTES}.get(name, MAX_MEMBER_BYTES)
        if info.file_size > limit:
            raise InputError(f"{name} unpacks to {info.file_size:,} bytes, more than a backup holds "
                             f"({limit:,}); nothing was restored", path)
    try:
        manifest = json.loads(_read(archive, MANIFEST, path))
    except KeyError as e:
        raise InputError(f"has no {MANIFEST}; it is not a Starlight backup archive", path) from e
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(f"its {MANIFEST} is not valid JSON ({e})", path) from e
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise InputError(f"is not a Starlight backup archive (its {MANIFEST} is not \"{ARCHIVE_FORMAT}\")", path)
    version, schema = manifest.get("version"), manifest.get("schema")
    if not isinstance(version, int) or version > ARCHIVE_VERSION:
        raise InputError(f"was written by a newer Starlight (archive version {version!r}); update Starlight to "
                         "restore it", path)
    if manifest.get("contents") not in (DATABASE_MEMBER, DOCUMENT_MEMBER):
        raise InputError(f"its {MANIFEST} names no catalog (contents: {manifest.get('contents')!r})", path)
    if manifest["contents"] == DATABASE_MEMBER and isinstance(schema, int) and schema > LATEST:
        raise InputError(f"holds a catalog of a newer Starlight (schema {schema}; this version knows up to "
                         f"{LATEST}); update Starlight to restore it", path)
    if manifest["contents"] not in archive.NameToInfo:
        raise InputError(f"has no {manifest['contents']}, which its manifest names; it is incomplete", path)
    return manifest


def _read(archive: zipfile.ZipFile, name: str, path: str) -> bytes:
    """A member read a piece at a time, never past the size its header declares (`entries.read_member`)."""
    try:
        return read_member(archive, archive.getinfo(name), path)
    except InputError as e:
        raise InputError(f"{e.message}; nothing was restored", path) from e


# ---- restoring ----------------------------------------------------------------------------------------------------


def restore_archive(path: str, target_db_path: str) -> Restored:
    """Bring a backup archive back as a new SQLite catalog at `target_db_path`, its images beside it; returns what
    was restored and what `Catalog.check` says of it (an empty list: all is well).

    The new catalog is built in a temporary folder beside the destination, opened once there (which brings its
    schema up to this Starlight's and, for an archive of a PostgreSQL catalog, imports its JSON) and checked, then
    renamed into place. A catalog the caller has open stays the one the tables use.

    Raises:
        InputError: the destination exists; the archive is not a complete Starlight backup, holds a path leaving
            its folder, a member too large or damaged, or needs more room than the disk has.
    """
    target = Path(target_db_path)
    images_target = target.with_name(target.stem + "-images")
    if target.exists():
        raise InputError("is already there; restore into a new catalog file", str(target))
    if images_target.exists() and any(images_target.iterdir()):
        raise InputError("holds image files already; restore into a new catalog file", str(images_target))
    with _open(path) as archive:
        manifest = _check(archive, path)
        needed = sum(i.file_size for i in archive.infolist())
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            free = shutil.disk_usage(target.parent).free
        except OSError as e:
            raise InputError(f"cannot be written ({e.strerror})", str(target)) from e
        if needed > free:
            raise InputError(f"needs {needed:,} bytes to restore and the disk has {free:,} free", path)
        with staging_folder(target, str(target), ".restore") as building:
            try:
                staged = building / target.name
                staged_images = building / images_target.name
                images = _unpack_images(archive, staged_images, path)
                if manifest["contents"] == DATABASE_MEMBER:
                    _unpack(archive, DATABASE_MEMBER, staged, path)
                    with open(staged, "rb") as f:
                        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                            raise InputError(f"{DATABASE_MEMBER} is not an SQLite database; nothing was restored", path)
                document = (_read(archive, DOCUMENT_MEMBER, path) if manifest["contents"] == DOCUMENT_MEMBER else None)
                works, problems = _open_and_check(staged, document, path)
                if isinstance(manifest.get("works"), int) and manifest["works"] != works:
                    problems.append(f"the archive's manifest lists {manifest['works']} works; the restored catalog has "
                                    f"{works}")
                _move_into_place(staged, staged_images, target, images_target)
            except OSError as e:
                raise InputError(f"cannot be written ({e.strerror or e}); nothing was restored", str(target)) from e
    return Restored(target, works, images, manifest, problems)


def _unpack(archive: zipfile.ZipFile, name: str, dest: Path, path: str, digest: str | None = None) -> None:
    """Copy one member to `dest` in pieces; with `digest`, its content must have that sha256."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.sha256()
    try:
        with archive.open(name) as source, open(dest, "wb") as out:
            while chunk := source.read(_CHUNK):
                out.write(chunk)
                if digest:
                    hasher.update(chunk)
    except (zipfile.BadZipFile, EOFError, zlib.error) as e:
        raise InputError(f"{name} is damaged ({e}); nothing was restored", path) from e
    if digest and hasher.hexdigest() != digest:
        raise InputError(f"{name} is damaged (its content is not the file its name says); nothing was restored",
                         path)


def _unpack_images(archive: zipfile.ZipFile, folder: Path, path: str) -> int:
    count = 0
    for info in archive.infolist():
        match = _IMAGE_MEMBER.match(info.filename)
        if match is None or info.is_dir():
            continue  # a member this app does not know (a later version's addition) is left out
        _unpack(archive, info.filename, folder / match.group(1) / f"{match.group(2)}.{match.group(3)}", path,
                digest=match.group(2))
        count += 1
    return count


def _open_and_check(staged: Path, document: bytes | None, path: str) -> tuple[int, list[str]]:
    """Open the staged catalog (migrating it, or importing `document` into it), count its works and check it.

    Opening a catalog points the tables at it; they are pointed back at the caller's catalog afterwards.
    """
    from .catalog import Catalog

    previous = database.obj
    try:
        with Catalog.open(str(staged)) as restored:
            if document is not None:
                doc = starlight_json.parse(document, f"{path}: {DOCUMENT_MEMBER}")
                restored.import_document(doc, f"{path}: {DOCUMENT_MEMBER}")
            works = Work.select().count()
            problems = restored.check()
    finally:
        if previous is not None:
            database.initialize(previous)
    return works, problems


def _move_into_place(staged: Path, staged_images: Path, target: Path, images_target: Path) -> None:
    """Rename the images, then the catalog (with any journal SQLite left) onto their destinations: the catalog
    appears last, complete."""
    if target.exists():
        raise InputError("appeared while the archive was being restored; restore into a new catalog file",
                         str(target))
    moved_images = False
    if staged_images.exists():
        if images_target.exists():
            images_target.rmdir()  # checked empty before the restore began
        os.replace(staged_images, images_target)
        moved_images = True
    try:
        move_catalog_file(staged, target)
    except OSError:
        if moved_images:
            shutil.rmtree(images_target, ignore_errors=True)
        raise
