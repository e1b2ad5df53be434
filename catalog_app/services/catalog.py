"""Catalog operations: open (and migrate), import, export, show, back up and check a catalog.

Every import is one transaction with an automatic backup before it: it either lands whole or leaves the
catalog exactly as it was. Database-level failures (locked, read-only, full) become one `CatalogError` line.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from peewee import Database, DatabaseError, IntegrityError, InterfaceError, OperationalError

from .. import APP_NAME, __version__
from ..core.errors import CatalogError, InputError, StarlightError
from ..core.query import parse_query
from ..core.record import iter_works, validate_work
from ..store import listing, search
from ..store import works as repo
from ..store.batch import chunks
from ..store.db import is_postgres, is_server_url, lost_connection, open_database, split_password, sqlite_path
from ..store.maintenance import (automatic_backup, backup_to, check_catalog, image_folder, image_path, stray_files,
                                 tidy)
from ..store.schema import migrate
from ..store.tables import FieldSource, Image, UserList, UserListEntry, Work
from .formats import csv_table, starlight_json
from .paths import cache_dir

#: An import of at least this many works merges the search index afterwards (store.search.tidy_index).
TIDY_INDEX_AFTER = 1000
#: How many more times a person's edit (a save, an added work, a poster) is tried on a shared catalog when its
#: transaction failed for a passing reason: the connection dropped in the middle (the server rolled it back), or
#: another client created the same genre, tag or person at the same moment. Each try is one whole transaction,
#: and a save checks the work's version again, so a try can never apply an edit twice or over someone else's.
RETRIES = 2


@dataclass
class DeletedWorks:
    """What a delete removed, kept so that it can be undone."""

    count: int
    records: list[dict[str, Any]]
    people: dict[str, dict[str, Any]]
    list_places: list[tuple[int, int, int, str | None]]
    files: dict[tuple[str, str], bytes]


@dataclass
class UndoneImport:
    """An import undone, kept so that it can be redone: the works it added, the layers it gave, its lists."""

    outcome: Any  # services.imports.ImportOutcome
    deleted: DeletedWorks
    after: "SavedWorks"
    lists: list[tuple[Any, ...]]  # the lists it made: (id, name, key, description, position)
    places: list[tuple[Any, ...]]  # the places it gave works it did not add: (list id, work id, position, note)
    refused: dict[int, StarlightError]


@dataclass
class ImportResult:
    works: int  # works added, seasons and episodes included
    people: int
    source: str
    #: For another tool's file: what was (or, in a dry run, would be) done, and how to undo it.
    plan: Any = None
    outcome: Any = None


@contextmanager
def database_errors(what: str) -> Iterator[None]:
    """Turn driver errors into one clear line; the transaction inside has already been rolled back."""
    try:
        yield
    except (CatalogError, InputError):
        raise
    except (OperationalError, InterfaceError, DatabaseError) as e:
        if not lost_connection(e):
            raise _database_error(what, e) from e
        raise CatalogError(f"{what}: the connection to the shared catalog dropped; nothing was changed (Starlight "
                           "reconnects by itself: try again)") from e
    except sqlite3.DatabaseError as e:
        raise _database_error(what, e) from e


def _database_error(what: str, e: Exception) -> CatalogError:
    if isinstance(e, (OperationalError, sqlite3.OperationalError)):
        text = str(e)
        if "locked" in text or "busy" in text:
            return CatalogError(f"{what}: the catalog is busy (another program is writing to it); nothing was "
                                "changed, try again in a moment")
        if "readonly" in text or "read-only" in text:
            return CatalogError(f"{what}: the catalog is read-only; nothing was changed")
        return CatalogError(f"{what}: the database failed ({text}); nothing was changed")
    if isinstance(e, IntegrityError):
        return CatalogError(f"{what}: the catalog refused the data ({e}); nothing was changed")
    return CatalogError(f"{what}: the database failed ({e}); nothing was changed")


def passing_failure(error: BaseException) -> bool:
    """Whether a failed write is worth trying again as it was: its connection dropped, or another client added
    the same name (a unique key) between this one's look and its insert."""
    cause = error.__cause__ or error
    return lost_connection(error) or (isinstance(cause, IntegrityError) and "duplicate key" in str(cause))


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file through a temporary file in the same folder, flushed, then renamed over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def staging_folder(target: Path, where: str, suffix: str = ".tmp") -> Iterator[Path]:
    """A temporary folder beside `target` (on its disk, so what is built in it can be renamed into place), removed
    afterwards with whatever is left in it.

    Raises:
        InputError: it cannot be made (`where` names what was to be written).
    """
    import shutil
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent))
    except OSError as e:
        raise InputError(f"cannot be written ({e.strerror})", where) from e
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def move_catalog_file(staged: Path, target: Path) -> None:
    """Rename a catalog file built elsewhere on the same disk onto `target`, with any journal SQLite left beside
    it (the journals first: the catalog appears last, complete)."""
    for suffix in ("-wal", "-shm"):
        journal = staged.with_name(staged.name + suffix)
        if journal.exists():
            os.replace(journal, target.with_name(target.name + suffix))
    os.replace(staged, target)


#: A work as it was at one version: (that version, its record, the people it names), for undo and redo.
WorkState = tuple[int, dict[str, Any], dict[str, dict[str, Any]]]


@dataclass
class SavedWorks:
    """Works as they were, to put back (`Catalog.put_back`): their states, and the image files only they used."""

    works: dict[int, WorkState]
    files: dict[tuple[str, str], bytes] = field(default_factory=dict)


#: The system keyring's service for server catalogs' passwords (a sibling of services.online.KEYRING_SERVICE,
#: which holds the API keys); each is kept under `password_entry` of its URL.
PASSWORD_KEYRING_SERVICE = f"{APP_NAME} database"


def password_entry(url: str) -> str:
    """The keyring entry a server catalog's password is kept under: its URL without the scheme and the options
    ("user@host:port/dbname"), so postgres:// and postgresql:// spellings share it. A URL holding its password is
    refused: the password is asked for apart, so that it stays out of the shell's history."""
    address, password = split_password(url)
    if not is_server_url(url):
        raise InputError("is not a PostgreSQL address (postgresql://user@host/dbname)", address)
    if password is not None:
        raise InputError("give the address without its password (it is asked for apart, so that it stays out of "
                         "the shell's history)", address)
    parts = urlsplit(address)
    # One entry however the address is spelled: the host in any case, the default port written or not (the
    # connect dialog writes it, a person typing `remember-password` usually does not).
    host = (parts.hostname or "").lower()
    host = f"[{host}]" if ":" in host else host
    port = f":{parts.port}" if parts.port not in (None, 5432) else ""
    user = f"{parts.netloc.rsplit('@', 1)[0]}@" if "@" in parts.netloc else ""
    return f"{user}{host}{port}{parts.path}"


def database_password(url: str) -> str | None:
    """A server catalog's password from the system keyring; None when none is kept (or there is no keyring)."""
    import keyring
    import keyring.errors
    try:
        return keyring.get_password(PASSWORD_KEYRING_SERVICE, password_entry(url))
    except keyring.errors.KeyringError:
        return None


def remember_database_password(url: str, password: str | None) -> str:
    """Keep (or with None, forget) a server catalog's password in the system keyring; returns its entry."""
    import keyring
    import keyring.errors
    entry = password_entry(url)
    try:
        if password:
            keyring.set_password(PASSWORD_KEYRING_SERVICE, entry, password)
        else:
            try:
                keyring.delete_password(PASSWORD_KEYRING_SERVICE, entry)
            except keyring.errors.PasswordDeleteError:
                pass
    except keyring.errors.KeyringError as e:
        raise CatalogError(f"{entry}: no system keyring is available here, so the password cannot be kept safely; "
                           "install one (GNOME Keyring, KWallet) or use PostgreSQL's ~/.pgpass") from e
    return entry


class Catalog:
    """An open, migrated catalog and the folder its image files live in."""

    def __init__(self, db: Database, target: str, images: Path) -> None:
        self.db = db
        self.target = target
        self.images = images

    @classmethod
    def open(cls, target: str) -> "Catalog":
        """Open (and migrate) a catalog file or database URL.

        A server catalog's password comes from its URL (used for this run only) or else from the system keyring
        (`remember_database_password`); the catalog keeps only its address without the password as `target`, so
        whatever names the catalog (messages, the refresh journal, the settings dialog) cannot leak it."""
        address, given = split_password(target)
        from_keyring = given is None and is_server_url(target)
        kept = database_password(target) if from_keyring else None
        try:
            db = open_database(target, kept)
        except CatalogError as e:
            if from_keyring and kept is None and "password" in str(e):
                raise CatalogError(f"{e}; keep its password in the system keyring with: starlight "
                                   f"remember-password {address}") from e
            raise
        with database_errors(address):
            migrate(db)
        return cls(db, address, image_folder(db, cache_dir()))

    def close(self) -> None:
        if not self.db.is_closed():
            self.db.close()

    def __enter__(self) -> "Catalog":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def name(self) -> str:
        name = repo.settings().get("name")
        if isinstance(name, str) and name.strip():
            return name
        path = sqlite_path(self.db)
        return path.stem if path else self.target.rsplit("/", 1)[-1]

    def is_empty(self) -> bool:
        return not Work.select().exists()

    # ---- images -----------------------------------------------------------------------------------------

    def store_image(self, data: bytes, mime: str) -> str:
        """Put an image file in the catalog's content-addressed folder; returns its sha256."""
        digest = hashlib.sha256(data).hexdigest()
        path = image_path(self.images, digest, mime)
        if not path.exists():
            write_atomically(path, data)
        return digest

    def image_file(self, digest: str, mime: str) -> Path:
        return image_path(self.images, digest, mime)

    # ---- import -----------------------------------------------------------------------------------------

    def _refuse_known_ids(self, records: list[dict[str, Any]], where: str) -> None:
        pairs = [(p, v) for r in iter_works(records) for p, v in r["external_ids"].items()]
        known = repo.existing_external_ids(pairs)
        if known:
            (provider, value), (work_id, title) = next(iter(known.items()))
            raise InputError(f"{provider} id {value} already belongs to '{title}' (id {work_id}) in the catalog; "
                             f"works of this file already in the catalog: {len(known)}", where)

    def import_document(self, doc: starlight_json.Document, source: str, images_from: Path | None = None,
                        default_source: tuple[str, str | None] | None = None) -> ImportResult:
        """Add a native document's works, people, lists and saved searches in one transaction.

        `default_source` is recorded as the provenance of works whose record names none.
        """
        self._refuse_known_ids(doc.works, source)
        with database_errors(f"importing {source}"):
            if not self.is_empty():
                automatic_backup(self.db, "import")
            with repo.write_transaction(self.db):
                keys = repo.add_works(self.db, doc.works, doc.people, default_source=default_source)
                if len(keys) >= TIDY_INDEX_AFTER:
                    search.tidy_index(self.db)
                repo.add_lists(self.db, doc.lists, keys)
                repo.add_saved_searches(doc.saved_searches)
                current = repo.settings()
                for key, value in doc.settings.items():
                    if key not in current:
                        repo.set_setting(key, value)
        if images_from is not None and images_from.is_dir():
            for record in iter_works(doc.works):
                for image in record["images"]:
                    src = image_path(images_from, image["hash"], image["mime"])
                    dest = self.image_file(image["hash"], image["mime"])
                    if src.is_file() and not dest.exists():
                        write_atomically(dest, src.read_bytes())
        return ImportResult(works=sum(1 for _ in iter_works(doc.works)), people=len(doc.people), source=source)

    def import_file(self, path: str, fmt: str | None = None, dry_run: bool = False, accept_doubtful: bool = False,
                    replace: bool = False, shape: Any = None, progress: Any = None,
                    cancel: threading.Event | None = None) -> ImportResult:
        """Import a file: Starlight JSON, or a table (CSV/TSV) or another tool's export (services.imports.FORMATS),
        which is planned against the catalog first; `dry_run` only plans. The format is told from the file's first
        bytes, else its name. A table is read as `shape` says (csv_table.TableShape), else as guessed.

        Raises:
            InputError: the file cannot be read as that format (nothing is written).
            Cancelled: `cancel` was set (nothing is written).
        """
        from . import imports
        if path == "-":
            with tempfile.TemporaryDirectory() as folder:
                spooled = Path(folder) / "standard input"
                import shutil
                import sys
                with open(spooled, "wb") as out:
                    shutil.copyfileobj(sys.stdin.buffer, out)
                result = self.import_file(str(spooled), fmt or _sniff_stdin(spooled), dry_run, accept_doubtful,
                                          replace, shape, progress, cancel)
                result.source = "standard input"
                return result
        fmt = fmt or imports.detect_format(path)
        if fmt in imports.FORMATS:
            # One pause for both steps: a collection between them would walk every record the plan holds
            with imports.collector_paused():
                plan = self.plan_file(path, fmt, replace, shape, progress, cancel)
                if dry_run:
                    return ImportResult(0, 0, path, plan)
                outcome = imports.apply_import(self, plan, accept_doubtful, replace, progress, cancel)
            return ImportResult(len(outcome.added), 0, path, plan, outcome)
        if dry_run:
            raise InputError(f"a dry run is for tables and other tools' files ({', '.join(imports.FORMATS)})", path)
        if fmt == "json":
            with imports.collector_paused():
                data = _read_input(path)
                doc = starlight_json.parse(data, path)
                images = Path(path).with_name(Path(path).stem + "-images")
                return self.import_document(doc, path, images)
        raise InputError(f"unknown format '{fmt}' (known: json, {', '.join(imports.FORMATS)})", path)

    def plan_file(self, path: str, fmt: str, replace: bool = False, shape: Any = None, progress: Any = None,
                  cancel: threading.Event | None = None) -> Any:
        """What importing a file (one of services.imports.FORMATS) would do: an ImportPlan; nothing is written."""
        from . import imports
        with database_errors(f"reading {path}"), imports.collector_paused():
            if fmt in imports.TABLES:
                shape = shape or imports.table_shape(path, fmt)
            items, bad_bytes = imports.read_entries(path, fmt, shape)
            plan = imports.plan_import(self, items, Path(path).name, replace, progress, cancel,
                                       fold_titles=fmt not in imports.TABLES)
        plan.bad_bytes = bad_bytes
        plan.read_as = imports.describe_shape(shape) if shape is not None else fmt
        return plan

    def undo_import(self, outcome: Any) -> "UndoneImport":
        """Undo an import in one transaction: the works it added are deleted, the works it updated get their layers
        back (one someone changed since is left as they saved it, and named in `refused`), and the list places and
        lists it made go. Returns what `redo_import` needs."""
        with database_errors("undoing the import"):
            with repo.write_transaction(self.db):
                given = set(outcome.list_places)
                places = []
                for list_id in {l for l, _ in given}:
                    works = sorted(w for l, w in given if l == list_id)
                    for chunk in chunks(works):
                        on_list = (UserListEntry.user_list == list_id) & UserListEntry.work.in_(list(chunk))
                        places.extend(UserListEntry.select(UserListEntry.user_list, UserListEntry.work,
                                                           UserListEntry.position, UserListEntry.note).where(
                            on_list).tuples())
                        UserListEntry.delete().where(on_list).execute()
                tops = [work_id for chunk in chunks(outcome.added) for (work_id,) in Work.select(Work.id).where(
                    Work.id.in_(list(chunk)) & Work.parent.is_null()).tuples()]  # seasons go with their series
                deleted = self.delete_works(tops)
                after, refused = self.put_back(outcome.before)
                repo.delete_unused_names(self.db, outcome.first_ids)
                lists = list(UserList.select(UserList.id, UserList.name, UserList.key, UserList.description,
                                             UserList.position).where(UserList.id.in_(outcome.new_lists)).tuples())
                UserList.delete().where(UserList.id.in_(outcome.new_lists)).execute()
        return UndoneImport(outcome, deleted, after, lists, places, refused)

    def redo_import(self, undone: "UndoneImport") -> tuple[Any, dict[int, StarlightError]]:
        """Redo an undone import in one transaction: its works and lists come back with their ids and the updated
        works get the import's layers. Returns the outcome to undo next (with the versions the redo left) and the
        works left as someone else saved them."""
        with database_errors("redoing the import"):
            with repo.write_transaction(self.db):
                repo.bulk_insert(self.db, UserList, ("id", "name", "key", "description", "position"), undone.lists)
                self.restore(undone.deleted)
                before, refused = self.put_back(undone.after)
                repo.bulk_insert(self.db, UserListEntry, ("user_list_id", "work_id", "position", "note"),
                                 undone.places)
        return replace(undone.outcome, before=before), refused

    def _write(self, what: str, write: Any) -> Any:
        """Run `write()` (one transaction) with driver errors as one line; on a shared catalog, try again after a
        passing failure (RETRIES)."""
        for attempt in range(RETRIES + 1):
            try:
                with database_errors(what):
                    return write()
            except CatalogError as e:
                if attempt == RETRIES or not self.is_postgres or not passing_failure(e):
                    raise

    def add_new(self, title: str, year: int | None = None, kind: str = "film") -> int:
        """Add a work known only by its title (and year): from the "New" command, a paste, or a stub.

        Relations elsewhere that name it by title and year become links to it.
        """
        record = validate_work({"title": title, "year": year, "kind": kind}, "new work")

        def add() -> int:
            with repo.write_transaction(self.db):
                work_id = repo.add_works(self.db, [record], {}, default_source=("user", None))["#0"]
                repo.link_stubs([work_id])
            return work_id
        return self._write("adding a work", add)

    def load(self, work_id: int) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """One work's record (children nested) and the people it names, keyed as this catalog knows them."""
        records, people = repo.load_works([work_id])
        if not records:
            raise InputError(f"work {work_id} is not in the catalog")
        return records[0], people

    def save_work(self, work_id: int, expected_version: int, record: dict[str, Any],
                  people: dict[str, dict[str, Any]], source: tuple[str, str | None] = ("user", None),
                  before: dict[str, Any] | None = None) -> int:
        """Save an edited work unless someone else changed it first (ConflictError); returns the new version.

        Fields that change get `source` as their provenance (a person's edit, or a provider's refresh); `before`
        is the work as loaded at `expected_version`, when the caller still has it (saves loading it again)."""
        parent = Work.select(Work.parent).where(Work.id == work_id).scalar()
        checked = validate_work({k: v for k, v in record.items() if k != "children"}, f"work {work_id}",
                                depth=1 if parent else 0)
        return self._write("saving", lambda: repo.replace_work(self.db, work_id, expected_version, checked, people,
                                                               source=source, before=before))

    def save_works(self, edits: list[repo.Edit]) -> tuple[dict[int, int], dict[int, StarlightError]]:
        """Save edited works in one transaction (a bulk refresh, an undo of one); each is saved unless it is not
        valid or someone else changed it first. Returns the new versions, and why each other work was not saved
        (it is left as it was)."""
        parents = {i for chunk in chunks([e.work_id for e in edits]) for (i,) in Work.select(Work.id).where(
            Work.id.in_(chunk) & Work.parent.is_null(False)).tuples()}
        checked, invalid = [], {}
        for edit in edits:
            try:
                checked.append(replace(edit, record=validate_work(
                    {k: v for k, v in edit.record.items() if k != "children"}, f"work {edit.work_id}",
                    depth=1 if edit.work_id in parents else 0)))
            except InputError as e:
                invalid[edit.work_id] = e
        versions, conflicts = self._write("saving", lambda: repo.replace_works(self.db, checked))
        return versions, {**invalid, **conflicts}

    def put_back(self, saved: "SavedWorks") -> tuple["SavedWorks", dict[int, StarlightError]]:
        """Put works back as `saved` has them (undo, redo) in one transaction. Returns them as they were, to go the
        other way, and why each work that was not put back was not (changed or deleted since).

        Image files that only the replaced states used are deleted and kept in what is returned (as
        `delete_works` does), so that going back brings them back."""
        for (digest, mime), data in saved.files.items():
            if not self.image_file(digest, mime).exists():
                write_atomically(self.image_file(digest, mime), data)
        current, people = self.load_many(list(saved.works))
        versions, refused = self.save_works([
            repo.Edit(work_id, version, record, owners, before=current.get(work_id))
            for work_id, (version, record, owners) in saved.works.items()])
        before = SavedWorks({work_id: (version, current[work_id], people) for work_id, version in versions.items()})
        leaving = {(i["hash"], i["mime"]) for work_id in versions for i in current[work_id]["images"]}
        staying = {(i["hash"], i["mime"]) for work_id in versions for i in saved.works[work_id][1]["images"]}
        gone = leaving - staying
        if gone:
            used = {h for (h,) in Image.select(Image.content_hash)
                    .where(Image.content_hash.in_([h for h, _ in gone])).tuples()}
            for digest, mime in gone - {(h, m) for h, m in gone if h in used}:
                path = self.image_file(digest, mime)
                if path.is_file():
                    before.files[(digest, mime)] = path.read_bytes()
                    path.unlink()
        return before, refused

    def load_many(self, ids: list[int]) -> tuple[dict[int, dict[str, Any]], dict[str, dict[str, Any]]]:
        """Works' records by id, without their seasons and episodes, and the people they name."""
        records, people = repo.load_works(ids, with_children=False)
        return {int(r["id"][1:]): r for r in records}, people

    def add_records(self, records: list[dict[str, Any]], people: dict[str, dict[str, Any]],
                    source: tuple[str, str | None]) -> list[int]:
        """Add validated records (from a provider) in one transaction; returns their ids in order."""
        with database_errors("adding"):
            with repo.write_transaction(self.db):
                keys = repo.add_works(self.db, records, people, default_source=source)
                ids = [keys[r["id"] or f"#{n}"] for n, r in enumerate(records)]
                repo.link_stubs(ids)
        return ids

    def title_of(self, work_id: int) -> str:
        """A work's title (for messages about it), or its id when it is gone."""
        return Work.select(Work.title).where(Work.id == work_id).scalar() or f"work {work_id}"

    def locked_fields(self, work_id: int) -> set[str]:
        """The fields of a work the person locked against refreshes."""
        return self.locked_fields_of([work_id]).get(work_id, set())

    def locked_fields_of(self, ids: list[int]) -> dict[int, set[str]]:
        """The fields the person locked against refreshes, for each of these works that has any."""
        locked: dict[int, set[str]] = {}
        for chunk in chunks(ids):
            for work_id, name in (FieldSource.select(FieldSource.work, FieldSource.field)
                                  .where(FieldSource.work.in_(chunk) & (FieldSource.locked == True))  # noqa: E712
                                  .tuples()):
                locked.setdefault(work_id, set()).add(name)
        return locked

    def set_poster(self, work_id: int, data: bytes, mime: str, width: int, height: int,
                   source_url: str | None = None) -> str:
        """Store an image file and make it the work's poster; returns its hash."""
        digest = self.store_image(data, mime)
        image = {"kind": "poster", "hash": digest, "mime": mime, "width": width, "height": height, "size": len(data),
                 "source_url": source_url}
        self._write("setting the poster", lambda: repo.set_primary_image(self.db, work_id, image))
        return digest

    def delete_works(self, ids: list[int]) -> "DeletedWorks":
        """Delete works (with their seasons and episodes), then the image files nothing else uses.

        Returns what `restore` needs to undo it: the records, their people, list places and image files.
        """
        with database_errors("deleting"):
            records, people = repo.load_works(ids)
            family = [int(r["id"][1:]) for r in iter_works(records)]
            places = list(UserListEntry.select(UserListEntry.user_list, UserListEntry.work, UserListEntry.position,
                                               UserListEntry.note).where(UserListEntry.work.in_(family)).tuples())
            images = set(Image.select(Image.content_hash, Image.mime).where(Image.work.in_(family)).tuples())
            files = {(h, m): self.image_file(h, m).read_bytes() for h, m in images if self.image_file(h, m).is_file()}
            count = repo.delete_works(self.db, ids)
            still_used = {h for (h,) in Image.select(Image.content_hash)
                          .where(Image.content_hash.in_([h for h, _ in images])).tuples()}
        for digest, mime in images:
            if digest not in still_used:
                self.image_file(digest, mime).unlink(missing_ok=True)
        return DeletedWorks(count, records, people, places, files)

    def restore(self, deleted: "DeletedWorks") -> None:
        """Undo `delete_works`: the works come back with their ids, list places, images and incoming links."""
        for (digest, mime), data in deleted.files.items():
            if not self.image_file(digest, mime).exists():
                write_atomically(self.image_file(digest, mime), data)
        with database_errors("restoring"):
            with repo.write_transaction(self.db):
                ids = repo.add_works(self.db, deleted.records, deleted.people, restore=True)
                repo.bulk_insert(self.db, UserListEntry, ("user_list_id", "work_id", "position", "note"),
                                 deleted.list_places)
                repo.link_stubs(list(ids.values()))

    # ---- export -----------------------------------------------------------------------------------------

    def document(self, ids: list[int] | None = None) -> starlight_json.Document:
        """The catalog (or some works, with their children and people) as a native document."""
        records, people = repo.load_works(repo.top_level_ids() if ids is None else ids)
        if ids is None:
            from ..store.tables import Person
            people = repo.load_people([i for (i,) in Person.select(Person.id).order_by(Person.id).tuples()])
            return starlight_json.Document(records, people, repo.lists_with_keys(), repo.saved_searches(),
                                           repo.settings())
        return starlight_json.Document(records, people)

    def export_file(self, path: str, fmt: str | None = None, ids: list[int] | None = None) -> int:
        """Write the catalog to a file (or "-" for standard output); returns the number of works written.

        "html" writes a folder of web pages with the posters (`path` is the folder); "backup" a .zip of the whole
        catalog with its image files (services.backup_archive), as does a `path` ending in .zip."""
        fmt = fmt or ("backup" if path.lower().endswith(".zip") else guess_format(path))
        if fmt == "letterboxd":
            return self.export_letterboxd(path, ids)[0]
        if fmt == "csv":
            return self.export_csv(path, ids)
        if fmt == "html":
            from .html_export import write_html_folder
            return write_html_folder(self, path, ids)
        if fmt == "backup":
            from .backup_archive import write_archive
            if ids is not None:
                raise InputError("a backup archive holds the whole catalog, not a selection of works", path)
            return write_archive(self, path)[0]
        if fmt != "json":
            raise InputError(f"cannot export to '{fmt}' yet (known: json, csv, letterboxd, html, backup)", path)
        from .imports import collector_paused
        with collector_paused():
            doc = self.document(ids)
            stamp = repo.format_timestamp(repo.utcnow())
            text = starlight_json.dump(doc, exported_at=stamp, app=f"{APP_NAME} {__version__}")
        if path == "-":
            import sys
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            target = Path(path)
            write_atomically(target, text.encode("utf-8"))
            self._export_images(doc, target.with_name(target.stem + "-images"))
        return sum(1 for _ in iter_works(doc.works))

    def export_csv(self, path: str, ids: list[int] | None = None,
                   columns: tuple[str, ...] = csv_table.DEFAULT_EXPORT_COLUMNS) -> int:
        """The works (top level) as a CSV table of `columns`; returns how many."""
        doc = self.document(ids)
        text = csv_table.write(doc.works, doc.people, columns)
        if path == "-":
            import sys
            sys.stdout.write(text)
        else:
            write_atomically(Path(path), text.encode("utf-8"))
        return len(doc.works)

    def export_letterboxd(self, path: str, ids: list[int] | None = None) -> tuple[int, list[str]]:
        """Letterboxd's import CSV at `path` (the diary) and beside it `<name>-watchlist.csv`; returns the films
        written and the titles left out (series: Letterboxd keeps films only)."""
        from .formats import letterboxd_csv
        if path == "-":
            raise InputError("a Letterboxd export is two files; give a file name", path)
        doc = self.document(ids)
        diary, watchlist, left_out = letterboxd_csv.write(doc.works, doc.people)
        target = Path(path)
        write_atomically(target, diary.encode("utf-8"))
        write_atomically(target.with_name(target.stem + "-watchlist.csv"), watchlist.encode("utf-8"))
        return len(doc.works) - len(left_out), left_out

    def _export_images(self, doc: starlight_json.Document, folder: Path) -> None:
        for record in iter_works(doc.works):
            for image in record["images"]:
                src = self.image_file(image["hash"], image["mime"])
                dest = image_path(folder, image["hash"], image["mime"])
                if src.is_file() and not dest.exists():
                    write_atomically(dest, src.read_bytes())

    # ---- reading ----------------------------------------------------------------------------------------

    def find(self, query: str, limit: int | None = None, offset: int = 0, order: str = "title") -> list[tuple]:
        """(id, title, year, kind, original title) of the works a query matches, in list order ("title",
        "year", or "added": newest first)."""
        sort, descending = {"title": ("title", False), "year": ("year", False), "added": ("added", True)}[order]
        node = parse_query(query)
        with database_errors("searching"):
            total = listing.count(self.db, node)  # the count picks the plan (see listing.SMALL_RESULT)
            rows = listing.page(self.db, node, sort, descending, offset, limit, total=total)
        return [(r[0], r[1], r[3], r[4], r[2]) for r in rows]

    def count(self, query: str = "") -> int:
        with database_errors("searching"):
            return listing.count(self.db, parse_query(query))

    def resolve(self, title_or_id: str) -> int:
        """The id of the work a person names: its id, an exact title (any script), or a unique search match."""
        text = title_or_id.strip()
        if text.isdigit() and Work.get_or_none(Work.id == int(text)):
            return int(text)
        from peewee import fn

        from ..store.tables import AltTitle
        exact = [i for (i,) in Work.select(Work.id).where(
            (fn.lower(Work.title) == text.lower()) | (Work.original_title == text)).order_by(Work.id).tuples()]
        if not exact:
            exact = [i for (i,) in AltTitle.select(AltTitle.work).where(fn.lower(AltTitle.title) == text.lower())
                     .distinct().tuples()]
        if len(exact) == 1:
            return exact[0]
        candidates = exact or [row[0] for row in self.find(text, limit=6)]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise InputError(f"no work called '{text}' in the catalog")
        shown = "; ".join(f"{t} ({y or '?'}, id {i})" for i, t, y in Work.select(Work.id, Work.title, Work.year)
                          .where(Work.id.in_(candidates[:5])).order_by(Work.id).tuples())
        raise InputError(f"'{text}' names several works: {shown}; give the id instead")

    # ---- upkeep -----------------------------------------------------------------------------------------

    def backup(self, path: str) -> Path:
        """A consistent copy of the catalog at `path`, its image files in "<name>-images" beside it."""
        with database_errors("backing up"):
            target = backup_to(self.db, Path(path))
            images = set(Image.select(Image.content_hash, Image.mime).tuples())
        folder = target.with_name(target.stem + "-images")
        for digest, mime in images:
            src, dest = self.image_file(digest, mime), image_path(folder, digest, mime)
            if src.is_file() and not dest.exists():
                write_atomically(dest, src.read_bytes())
        return target

    def check(self) -> list[str]:
        """Every problem of the catalog. A shared catalog's image files are each client's own cache, so one this
        computer has not fetched yet is not a problem of the catalog (services.shared_images fetches them)."""
        with database_errors("checking"):
            return check_catalog(self.db, None if self.is_postgres else self.images)

    def stray_files(self) -> list[Path]:
        """Files beside the catalog that nothing uses (an interrupted write's leftovers): space, not damage."""
        with database_errors("checking"):
            return stray_files(self.db, self.images)

    def tidy(self) -> list[Path]:
        """Remove the stray files older than a minute; returns those removed."""
        with database_errors("tidying"):
            return tidy(self.db, self.images)

    @property
    def is_postgres(self) -> bool:
        return is_postgres(self.db)

    def image_rows(self) -> int:
        return Image.select().count()


def guess_format(path: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if path == "-" or suffix in ("json", "starlight"):
        return "json"
    if suffix in ("csv", "tsv"):
        return suffix
    raise InputError("cannot tell the format from the file name; give --format (json, csv, tsv)", path)


def _sniff_stdin(path: Path) -> str:
    """Standard input has no name: JSON when it starts like JSON, else a table."""
    head = _head(str(path)).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if head.startswith(b"{") else "csv"


def _head(path: str) -> bytes:
    """The first bytes of a file (or folder: nothing), to tell its format."""
    try:
        with open(path, "rb") as stream:
            return stream.read(8192)
    except OSError:
        return b""


def _read_input(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as e:
        raise InputError("no such file", path) from e
    except IsADirectoryError as e:
        raise InputError("is a folder, not a file", path) from e
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from e
