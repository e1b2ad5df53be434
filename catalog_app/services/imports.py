"""Importing other tools' files (Letterboxd, IMDb, MyAnimeList, Trakt, a spreadsheet's CSV): a plan, then one
transaction.

`plan_import` sorts a file's entries against the catalog: works it already has (the same external id first, else
the same normalized title and year), doubtful matches (a close title, or a year one off) that the person confirms,
new works, and lines not taken with their reasons. A dry run shows the plan; `apply_import` writes it in one
transaction: new works are added, and works the catalog has get the file's layer (status, rating, viewings, notes)
through core.merge.merge_personal. What it changed can be undone in one step (`Catalog.undo_import`). Both steps
report progress and stop when cancelled, the transaction rolled back.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable, Iterator

from ..core.errors import Cancelled
from ..core.merge import combine_layers, merge_personal
from ..core.record import iter_works
from ..core.normalize import match_key, sort_key
from ..store import works as repo
from ..store.batch import chunks, indexes_built_after
from ..store.tables import Work
from .formats.entries import Entry, Skipped, decode_text, read_members

if TYPE_CHECKING:
    from .formats.csv_table import TableShape

#: How alike two folded titles must be (rapidfuzz ratio) to be offered as the same work.
DOUBTFUL_SCORE = 88
#: A plan holds every entry of a file: past this many, the file is refused at the line that passes it (a catalog is
#: made for up to a million works; a file with more is not one person's catalog).
MAX_ENTRIES = 1_000_000
#: Past this many lines without a work of the same id or title, close titles are not looked for.
CLOSE_TITLE_LIMIT = 5_000
#: How often (in entries) progress is told and a cancel looked at.
STEP = 2_000
#: Entries written per insert while applying (one transaction still holds them all).
WRITE_BATCH = 5_000
#: An import of at least this many new works into a catalog holding fewer builds the list's indexes afterwards.
BULK_LOAD = 10_000
#: Progress of a job: (what it is doing, how many done, of how many, or 0 when not known yet).
Progress = Callable[[str, int, int], None]


@dataclass
class Match:
    entry: Entry
    work_id: int
    how: str  # "imdb id tt0133093", "title and year", or for a doubtful one what differs


@dataclass
class ImportPlan:
    source: str
    new: list[Entry] = field(default_factory=list)
    matched: list[Match] = field(default_factory=list)
    doubtful: list[Match] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Matched works whose layer in the catalog says otherwise (a status, a rating): work id → what differs.
    conflicting: dict[int, list[str]] = field(default_factory=dict)
    #: Lines of the file that are the same work as an earlier line, merged into it; the first few, as
    #: (where the repeat is, where the first one is).
    merged: int = 0
    repeats: list[tuple[str, str]] = field(default_factory=list)
    #: How the file was read, for the report: its format and, for a table, encoding, delimiter and mapping.
    read_as: str = ""
    #: Lines whose close titles were not looked for (more than CLOSE_TITLE_LIMIT of them had no match).
    close_titles_skipped: int = 0
    #: Stretches of bytes that were not valid text, repaired or replaced (real exports have them).
    bad_bytes: int = 0
    #: The matched works as the plan read them, and the people they name: applying starts from these (the save's
    #: version check refuses any that changed since).
    loaded: dict[int, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)

    def summary(self) -> str:
        text = (f"{len(self.new)} new, {len(self.matched)} matched, {len(self.conflicting)} conflicting, "
                f"{len(self.doubtful)} doubtful, {len(self.skipped)} skipped")
        if self.merged:
            text += f", {self.merged} repeated lines merged"
        if self.bad_bytes:
            text += f"; {self.bad_bytes} stretches of bytes that were not UTF-8 repaired or replaced"
        return text

    def report(self, dry_run: bool, accept_doubtful: bool | Collection[int],
               how_to_take: str = "confirm it to take it") -> list[str]:
        """The plan as lines a person reads (and can save): the counts, then every line not taken, every doubtful
        match (taken when `accept_doubtful` is True or holds its index; else `how_to_take` says how) and conflict,
        with the reasons."""
        lines = [("would import: " if dry_run else "import: ") + self.summary()]
        if self.read_as:
            lines.append(f"read as: {self.read_as}")
        if self.close_titles_skipped:
            lines.append(f"close titles: not looked for ({self.close_titles_skipped:,} lines matched no work by id "
                         f"or title; more than {CLOSE_TITLE_LIMIT:,}): they are new works")
        for n, match in enumerate(self.doubtful):
            taken = accept_doubtful is True or not isinstance(accept_doubtful, bool) and n in accept_doubtful
            verdict = "taken as" if taken else f"not taken ({how_to_take}); maybe"
            lines.append(f"doubtful: {match.entry.where}: “{match.entry.record['title']}” {verdict} {match.how}")
        for work_id, conflicts in self.conflicting.items():
            title = self.loaded[work_id]["title"] if work_id in self.loaded else f"work {work_id}"
            lines.append(f"conflicting: “{title}” (work {work_id}): {', '.join(conflicts)}")
        for repeat, first in self.repeats:
            lines.append(f"repeated: {repeat} is the same work as {first}; merged")
        if self.merged > len(self.repeats):
            lines.append(f"repeated: {self.merged - len(self.repeats):,} more lines like these")
        for skipped in self.skipped:
            lines.append(f"skipped: {skipped.where}: {skipped.title or '(no title)'}: {skipped.reason}")
        return lines


@dataclass
class ImportOutcome:
    source: str
    added: list[int]
    updated: list[int]
    #: What `Catalog.put_back` needs to give the updated works back their layers (the undo of the import).
    before: Any
    #: The lists the import made, and the places it gave works the catalog already had on lists (list id, work
    #: id): the rest of the undo.
    new_lists: list[int] = field(default_factory=list)
    list_places: list[tuple[int, int]] = field(default_factory=list)
    #: The first id the import could give a person, genre, tag or company (by table): an undo removes the ones
    #: from there on that no work names any more.
    first_ids: dict[str, int] = field(default_factory=dict)


def _add_new(catalog: Any, entries: list[Entry], origin: tuple[str, str], progress: Progress | None,
             cancel: threading.Event | None, total: int) -> list[int]:
    """Add the new works, a batch at a time, inside the import's transaction; returns their ids."""
    added: list[int] = []
    written_people: dict[str, int] = {}
    for start in range(0, len(entries), WRITE_BATCH):
        _check(cancel, "the import")
        if progress:
            progress("writing", start, total)
        batch = entries[start:start + WRITE_BATCH]
        batch_people = {key: person for entry in batch for key, person in entry.people.items()}
        keys = repo.add_works(catalog.db, [e.record for e in batch], batch_people, default_source=origin,
                              known_people=written_people)
        added += keys.values()
        if any(e.lists for e in batch):  # which work each entry became, to put it on its lists
            place = 0  # add_works' "#n" keys count seasons and episodes too
            for entry in batch:
                entry.work_id = keys[f"#{place}"]
                place += sum(1 for _ in iter_works([entry.record]))
    return added


def _add_to_lists(catalog: Any, new: list[Entry], matches: list[Match]) -> tuple[list[int], list[tuple[int, int]]]:
    """Put the file's works on the person's lists (made when missing) in the file's order; returns the lists made
    and the places given to works that were already in the catalog."""
    from ..store.tables import UserList, UserListEntry
    places: dict[str, list[tuple[int, int]]] = {}
    about: dict[str, str | None] = {}
    for entry, work_id in [(e, e.work_id) for e in new] + [(m.entry, m.work_id) for m in matches]:
        for name, position, description in entry.lists:
            if work_id is not None:
                places.setdefault(name, []).append((position, work_id))
                about[name] = about.get(name) or description
    if not places:
        return [], []
    keys = [name.casefold() for name in places]
    existing_keys = dict(UserList.select(UserList.id, UserList.key).where(UserList.key.in_(keys)).tuples())
    existing = set(existing_keys)
    before = set(UserListEntry.select(UserListEntry.user_list, UserListEntry.work).where(
        UserListEntry.user_list.in_(list(existing))).tuples()) if existing else set()
    known = set(existing_keys.values())  # a list the person has keeps its own description
    repo.add_lists(catalog.db, [{"name": name, "description": None if name.casefold() in known else about[name],
                                 "works": [str(w) for _, w in sorted(spots)]} for name, spots in places.items()],
                   {str(w): w for spots in places.values() for _, w in spots})
    lists = {i for (i,) in UserList.select(UserList.id).where(UserList.key.in_(keys)).tuples()}
    matched = {m.work_id for m in matches}
    given = [(list_id, work_id) for list_id, work_id in UserListEntry.select(
        UserListEntry.user_list, UserListEntry.work).where(UserListEntry.user_list.in_(list(lists))).tuples()
        if (list_id, work_id) not in before and work_id in matched]
    return sorted(lists - existing), given


def _lay_images(catalog: Any, entries: list[Entry]) -> dict[tuple[str, str], bytes]:
    """Give new works the images their file held (Tellico's covers) as posters; returns the files to write (the
    ones the catalog has not got yet). An image that is not a picture, or is too big, is left out."""
    import hashlib

    from ..core.errors import InputError
    from ..core.images import check_image
    files: dict[tuple[str, str], bytes] = {}
    for entry in entries:
        for n, (data, _) in enumerate(entry.images):
            try:
                mime, width, height = check_image(data, entry.where)
            except InputError:
                continue
            digest = hashlib.sha256(data).hexdigest()
            if any(image["hash"] == digest for image in entry.record["images"]):  # laid by an earlier try
                continue
            entry.record["images"].append({"kind": "poster", "hash": digest, "mime": mime, "width": width,
                                           "height": height, "size": len(data), "source_url": None,
                                           "primary": n == 0 and not entry.record["images"]})
            if not catalog.image_file(digest, mime).exists():
                files[(digest, mime)] = data
    return files


def _check(cancel: threading.Event | None, what: str) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled(f"{what} was cancelled; the catalog is as it was")


def plan_import(catalog: Any, items: Iterable[Entry | Skipped], source: str, replace: bool = False,
                progress: Progress | None = None, cancel: threading.Event | None = None,
                fold_titles: bool = True) -> ImportPlan:
    """Sort a file's entries against the catalog; nothing is written. `fold_titles`: see `_identity`.

    Raises:
        InputError: the file cannot be read on (raised by `items`), or holds more than MAX_ENTRIES works.
        Cancelled: `cancel` was set.
    """
    from rapidfuzz import fuzz

    plan = ImportPlan(source)
    entries: list[Entry] = []
    by_key: dict[Any, Entry] = {}
    layers: dict[int, list[Any]] = {}  # id(first entry) → the layers of its repeats, combined once at the end
    for count, item in enumerate(items, 1):
        if count % STEP == 0:
            _check(cancel, "the import")
            if progress:
                progress("reading", count, 0)
        if isinstance(item, Skipped):
            plan.skipped.append(item)
            continue
        keys = _identities(item.record, fold_titles)
        first = next((by_key[k] for k in keys if k in by_key), None)
        if first is not None:  # the same work twice in one file: one entry, the layers combined
            shared = next((k for k in keys if k in by_key and k[0] in item.record["external_ids"]), None)
            if shared and match_key(first.record["title"]) != match_key(item.record["title"]):
                plan.skipped.append(Skipped(item.where, item.record["title"], f"has the {shared[0]} id {shared[1]} "
                                            f"of {first.where} (“{first.record['title']}”); not taken"))
                continue
            layers.setdefault(id(first), [first.record["personal"]]).append(item.record["personal"])
            first.lists += item.lists
            for key in keys:
                by_key.setdefault(key, first)
            plan.merged += 1
            if len(plan.repeats) < 20:
                plan.repeats.append((item.where, first.where))
            continue
        if len(entries) >= MAX_ENTRIES:
            from ..core.errors import InputError
            raise InputError(f"holds more than {MAX_ENTRIES:,} works; a catalog is made for up to that many. "
                             "Split the file and import the parts", item.where)
        for key in keys:
            by_key[key] = item
        entries.append(item)
    for entry in entries:
        if id(entry) in layers:
            entry.record["personal"] = combine_layers(layers[id(entry)])
    _check(cancel, "the import")
    if progress:
        progress("matching", 0, len(entries))
    known = repo.existing_external_ids([pair for e in entries for pair in e.record["external_ids"].items()])
    unmatched: list[Entry] = []
    for entry in entries:
        pair = next((p for p in entry.record["external_ids"].items() if p in known), None)
        if pair is not None:
            plan.matched.append(Match(entry, known[pair][0], f"{pair[0]} id {pair[1]}"))
        else:
            unmatched.append(entry)
    # Same title: the list's sort key is indexed, so every title of the file is looked up in a few queries.
    # sort key → (id, title, kind, year, the title's match key)
    candidates: dict[str, list[tuple[int, str, str, int | None, str]]] = {}
    has_works = not catalog.is_empty()
    title_keys = {id(e): sort_key(e.record["title"]) for e in unmatched} if has_works else {}
    for chunk in chunks(sorted(set(title_keys.values()))):
        for work_id, title, year, kind, key in (
                Work.select(Work.id, Work.title, Work.year, Work.kind, Work.sort_key)
                .where(Work.sort_key.in_(chunk) & Work.parent.is_null()).tuples()):
            candidates.setdefault(key, []).append((work_id, title, kind, year, match_key(title)))
    if not has_works:
        plan.new += unmatched
        unmatched = []
    # A close title costs a search a line: past a few thousand lines (a data set, not a person's list) it is not
    # looked for, and the report says so.
    look_close = len(unmatched) <= CLOSE_TITLE_LIMIT
    plan.close_titles_skipped = 0 if look_close else len(unmatched)
    for n, entry in enumerate(unmatched, 1):
        if n % STEP == 0:
            _check(cancel, "the import")
            if progress:
                progress("matching", len(plan.matched) + len(plan.new) + len(plan.doubtful), len(entries))
        record = entry.record
        wanted = match_key(record["title"])
        # Death Note the series is not Death Note the film: the same title of another kind is another work
        same = [c for c in candidates.get(title_keys[id(entry)], [])
                if c[4] == wanted and _series(c[2]) == _series(record["kind"])]
        exact = [c for c in same if c[3] == record["year"]]
        if len(exact) > 1:  # "Arrangement" and "The Arrangement" of 1999: the one with this very title
            exact = [c for c in exact if c[1] == record["title"]] or exact
        if len(exact) != 1:  # a year missing on one side still matches, when it leaves one work
            exact = exact or [c for c in same if record["year"] is None or c[3] is None]
        if len(exact) == 1:
            plan.matched.append(Match(entry, exact[0][0], "title and year"))
            continue
        near = exact or [c for c in same if abs(c[3] - record["year"]) <= 1]
        if near:
            c = near[0]
            why = "several works have this title" if len(exact) > 1 else f"the catalog has it as {c[3]}"
            plan.doubtful.append(Match(entry, c[0], f"“{c[1]}” ({c[3]}): {why}"))
            continue
        doubt = _close_title(catalog, record, wanted, fuzz) if look_close else None
        if doubt is not None:
            plan.doubtful.append(Match(entry, doubt[0], doubt[1]))
        else:
            plan.new.append(entry)
    # Only works the file brings a layer for can change: a table of public facts matches without loading any.
    plan.loaded, plan.people = catalog.load_many(sorted({m.work_id for m in plan.matched
                                                         if _has_layer(m.entry.record)}))
    for match in plan.matched:
        if match.work_id not in plan.loaded:
            continue
        _, conflicts = merge_personal(plan.loaded[match.work_id]["personal"], match.entry.record["personal"],
                                      replace)
        if conflicts:
            plan.conflicting[match.work_id] = conflicts
    return plan


def _has_layer(record: dict[str, Any]) -> bool:
    personal = record["personal"]
    return bool(personal) and any(personal.values())


def _series(kind: str | None) -> bool:
    return kind in ("series", "miniseries")


def _identities(record: dict[str, Any], fold: bool) -> list[Any]:
    """What makes lines of one file the same work: each of its external ids, else its title, year and kind.

    An export's files name a film in more than one way ("…: The Making of Tenet" in one, "… - The Making of Tenet"
    in another), so their titles are compared `fold`ed; a table's rows are compared as written (a data set's
    "Good Boy" and "Good Boy!" of 2003 are two films)."""
    ids = record["external_ids"]
    if ids:
        return sorted(ids.items())
    return [(match_key(record["title"]) if fold else record["title"].casefold(), record["year"], record["kind"])]


def _close_title(catalog: Any, record: dict[str, Any], wanted: str, fuzz: Any) -> tuple[int, str] | None:
    """A work whose title is close to the entry's (spelling, punctuation; `wanted` is its match key) with the same
    year: to confirm."""
    words = " ".join(f'"{w}"' for w in record["title"].replace('"', " ").split()[:4])
    if not words:
        return None
    for work_id, title, year, kind, original in catalog.find(words, limit=20):
        if record["year"] and year and year != record["year"] or _series(kind) != _series(record["kind"]):
            continue
        score = max(fuzz.ratio(wanted, match_key(t)) for t in filter(None, (title, original)))
        if score >= DOUBTFUL_SCORE:
            return work_id, f"“{title}” ({year}): a close title"
    return None


#: The formats this module imports, and what they are called on the command line.
FORMATS = ("letterboxd", "imdb", "mal", "trakt", "tellico", "kodi", "csv", "tsv")
TABLES = ("csv", "tsv")


def detect_format(path: str) -> str:
    """The format of a file (or export folder) to import: from its content, else its name's extension.

    Raises:
        InputError: neither says a format Starlight imports.
    """
    from pathlib import Path

    from ..core.errors import InputError
    if not Path(path).exists():
        raise InputError("no such file or folder", path)
    head = b""
    if Path(path).is_file():
        try:
            with open(path, "rb") as stream:
                head = stream.read(8192)
        except OSError as e:
            raise InputError(f"cannot be read ({e.strerror})", path) from e
    fmt = sniff_format(path, head)
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("json", "starlight"):
        return "json"
    if suffix in TABLES or suffix == "txt" and b"\t" in head:
        return "tsv" if suffix == "tsv" or suffix == "txt" else "csv"
    raise InputError("is not a file Starlight can tell the format of; choose one (json, "
                     f"{', '.join(FORMATS)})", path)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an import builds hundreds of thousands of records: each full collection
    would walk all of them again (a third of a 58k import's time). Nested jobs keep it off until the last ends."""
    global _paused
    with _pause_lock:
        if _paused == 0:
            _was_enabled[0] = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _pause_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled[0]:
                gc.enable()


_pause_lock = threading.Lock()
_paused = 0
_was_enabled = [True]


def sniff_format(path: str, head: bytes) -> str | None:
    """Which of FORMATS a file is, from its first bytes (a name can be anything), or None."""
    from pathlib import Path

    from .formats import imdb_csv, letterboxd, letterboxd_csv, trakt_json
    if Path(path).is_dir():
        if any((Path(path) / name).is_file() for name in letterboxd.FILES):
            return "letterboxd"
        if any(Path(path).glob("*.json")):
            return "trakt"
        return "kodi" if any(Path(path).rglob("*.nfo")) else None
    if head.startswith(b"PK"):
        import zipfile
        try:
            with zipfile.ZipFile(path) as archive:
                names = {Path(n).name for n in archive.namelist()}
        except (OSError, zipfile.BadZipFile, NotImplementedError, ValueError):
            # read_export (or Tellico's reader, for a .tc) says what is wrong with it (a directory damaged into a zip
            # version zipfile lacks, or names that are not UTF-8, fails as these two)
            return "tellico" if Path(path).suffix.lower() == ".tc" else "letterboxd"
        if "tellico.xml" in names:
            return "tellico"
        return "trakt" if not names & set(letterboxd.FILES) and any(n.endswith(".json") for n in names) \
            else "letterboxd"
    text_head = head[:4096].lower()
    if b"<tellico" in text_head or b"dtd tellico" in text_head:
        return "tellico"
    if any(tag in text_head for tag in (b"<movie>", b"<movie ", b"<tvshow", b"<episodedetails", b"<season>")):
        return "kodi"
    if head.lstrip().startswith(b"["):
        import json
        try:
            return "trakt" if trakt_json.is_trakt_list(json.loads(Path(path).read_bytes())) else None
        except (ValueError, RecursionError):  # not JSON, or nested too deep to be a list of Trakt's
            return None
    if head[:2] == b"\x1f\x8b" or b"<myanimelist" in head[:4096]:
        return "mal"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if letterboxd.is_list(text):
        return "letterboxd"
    first = text.lstrip("\r\n").split("\n", 1)[0]
    header = [cell.strip().strip('"') for cell in first.split(",")]
    if imdb_csv.is_export_header(header):
        return "imdb"
    if letterboxd.is_export_table(header) or letterboxd_csv.is_import_header(header):
        return "letterboxd"
    return None


def table_shape(path: str, fmt: str = "csv", encoding: str | None = None, delimiter: str | None = None,
                mapping: dict[str, str] | None = None, check: bool = True) -> "TableShape":
    """How a CSV/TSV file would be read (encoding, delimiter, mapping, its first rows): the mapping step's start.
    `check=False` allows a mapping without a title column yet."""
    from pathlib import Path

    from ..core.errors import InputError
    from .formats import csv_table
    try:
        with open(path, "rb") as stream:
            return csv_table.inspect(stream, Path(path).name, encoding,
                                     delimiter or ("\t" if fmt == "tsv" else None), mapping, check)
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from e


def read_entries(path: str, fmt: str, shape: "TableShape | None" = None) -> tuple[Iterable[Entry | Skipped], int]:
    """A file's entries in one of FORMATS (and how many stretches of bad bytes it held). A table's entries are read
    as they are taken, never the whole file at once; `shape` says how (else it is guessed)."""
    from pathlib import Path

    from ..core.errors import InputError
    import csv
    import io

    from .formats import csv_table, imdb_csv, kodi_nfo, letterboxd, letterboxd_csv, mal_xml, tellico_xml, trakt_json
    from .formats.entries import read_small
    if fmt in TABLES:
        return _table_entries(path, shape or table_shape(path, fmt)), 0
    if fmt == "trakt":
        lists = read_members(path, lambda name: name.endswith(".json"))
        if not lists:
            raise InputError("holds none of Trakt's JSON lists", path)
        return trakt_json.parse_lists(lists, Path(path).name), 0
    if fmt == "letterboxd":
        if Path(path).is_file() and Path(path).suffix.lower() == ".csv":
            text, _ = decode_text(read_small(Path(path)), path)
            header = csv_table.header_of(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))), Path(path).name) or []
            if letterboxd_csv.is_import_header(header):  # the file Letterboxd imports (ours, or another tool's)
                return letterboxd_csv.parse(text, Path(path).name, "watchlist" in Path(path).name.lower()), 0
            return letterboxd.parse_tables(letterboxd.one_table(Path(path).name, text), Path(path).name), 0
        tables = letterboxd.read_export(path)
        if not tables:
            raise InputError("holds none of a Letterboxd export's files (watched.csv, ratings.csv, diary.csv…)", path)
        return letterboxd.parse_tables(tables, Path(path).name), 0
    if fmt == "kodi":
        files = kodi_nfo.read_nfo_files(path)
        if not files:
            raise InputError("holds no .nfo files", path)
        return kodi_nfo.parse_files(files, Path(path).name), 0
    data = read_small(Path(path))
    if fmt == "tellico":
        return tellico_xml.parse(data, Path(path).name), 0
    if fmt == "mal":
        return mal_xml.parse(data, Path(path).name)
    if fmt == "imdb":
        text, _ = decode_text(data, path)
        return list(imdb_csv.parse(io.StringIO(text, newline=""), Path(path).name)), 0
    raise InputError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})", path)


def _table_entries(path: str, shape: "TableShape") -> Iterable[Entry | Skipped]:
    from pathlib import Path

    from .formats import csv_table
    with open(path, "rb") as stream:
        yield from csv_table.entries(stream, Path(path).name, shape)


def describe_shape(shape: "TableShape") -> str:
    """How a table was read, in a line: encoding, delimiter, and which column went where."""
    from .formats.text_stream import ENCODING_LABELS
    delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}.get(shape.delimiter, repr(shape.delimiter))
    mapped = ", ".join(f"{column} → {target}" for column, target in shape.mapping.items() if target != "ignore")
    return f"{ENCODING_LABELS.get(shape.encoding, shape.encoding)}, {delimiter}-separated; {mapped}"


def apply_import(catalog: Any, plan: ImportPlan, accept_doubtful: bool | Collection[int] = False,
                 replace: bool = False, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> ImportOutcome:
    """Write a plan in one transaction (all or nothing): new works added, matched works given the file's layer.
    Doubtful matches are taken as the same work when `accept_doubtful` is True or holds their index in
    `plan.doubtful` (the ones the person confirmed); the others are left out.

    Raises:
        ConflictError: a matched work changed since the plan was made (nothing is written; plan again).
        Cancelled: `cancel` was set (nothing is written).
    """
    with collector_paused():
        return _apply(catalog, plan, accept_doubtful, replace, progress, cancel)


def _apply(catalog: Any, plan: ImportPlan, accept_doubtful: bool | Collection[int], replace: bool,
           progress: Progress | None, cancel: threading.Event | None) -> ImportOutcome:
    from ..store import search
    from ..store.maintenance import automatic_backup
    from .catalog import TIDY_INDEX_AFTER, SavedWorks, database_errors, write_atomically

    origin = ("import", plan.source)
    confirmed = plan.doubtful if accept_doubtful is True else [
        m for n, m in enumerate(plan.doubtful) if accept_doubtful and n in accept_doubtful]
    matches = plan.matched + confirmed
    current, people = dict(plan.loaded), dict(plan.people)
    missing = sorted({m.work_id for m in matches if _has_layer(m.entry.record)} - set(current))  # doubtful ones
    if missing:
        more, more_people = catalog.load_many(missing)
        current.update(more)
        people.update(more_people)
    edits: dict[int, repo.Edit] = {}
    for match in matches:
        if not _has_layer(match.entry.record):
            continue
        edit = edits.get(match.work_id)
        record = edit.record if edit else current[match.work_id]
        merged, _ = merge_personal(record["personal"], match.entry.record["personal"], replace)
        if merged != record["personal"]:
            edits[match.work_id] = repo.Edit(match.work_id, current[match.work_id]["version"],
                                             {**record, "personal": merged}, people,
                                             before=current[match.work_id], source=origin)
    total = len(plan.new) + len(edits)
    with database_errors(f"importing {plan.source}"):
        if not catalog.is_empty():
            automatic_backup(catalog.db, "import")
        with repo.write_transaction(catalog.db):
            first_ids = repo.first_new_name_ids(catalog.db)
            written_files = _lay_images(catalog, plan.new)
            loading = contextlib.nullcontext()
            if len(plan.new) >= BULK_LOAD and len(plan.new) > Work.select().count():
                loading = indexes_built_after(catalog.db, (Work._meta.table_name, "work_list"))
            with loading:
                added = _add_new(catalog, plan.new, origin, progress, cancel, total)
            _check(cancel, "the import")
            if progress:
                progress("writing", len(plan.new), total)
            versions, conflicts = repo.replace_works(catalog.db, list(edits.values()))
            if conflicts:
                raise next(iter(conflicts.values()))
            repo.link_stubs(sorted(set(added)))
            listed = _add_to_lists(catalog, plan.new, matches)
            if len(added) >= TIDY_INDEX_AFTER:
                search.tidy_index(catalog.db)
            try:
                _check(cancel, "the import")
                for (digest, mime), data in written_files.items():
                    write_atomically(catalog.image_file(digest, mime), data)
            except BaseException:
                for digest, mime in written_files:
                    catalog.image_file(digest, mime).unlink(missing_ok=True)
                raise
    if progress:
        progress("writing", total, total)
    return ImportOutcome(plan.source, sorted(set(added)), sorted(versions), SavedWorks(
        {work_id: (version, current[work_id], people) for work_id, version in versions.items()}), *listed, first_ids)
