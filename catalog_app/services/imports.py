"""Importing other tools' files (Letterboxd, IMDb, MyAnimeList): a plan, then one transaction.

`plan_import` sorts a file's entries against the catalog: works it already has (the same external id first, else
the same normalized title and year), doubtful matches (a close title, or a year one off) that the person confirms,
new works, and lines not taken with their reasons. A dry run shows the plan; `apply_import` writes it in one
transaction: new works are added, and works the catalog has get the file's layer (status, rating, viewings, notes)
through core.merge.merge_personal. What it changed can be undone in one step (`ImportOutcome.undo`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..core.merge import merge_personal
from ..core.normalize import match_key, sort_key
from ..store import works as repo
from ..store.batch import chunks
from ..store.tables import Work
from .formats.entries import Entry, Skipped, decode_text, read_members

#: How alike two folded titles must be (rapidfuzz ratio) to be offered as the same work.
DOUBTFUL_SCORE = 88


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
    #: Lines of the file that are the same work as an earlier line, merged into it.
    merged: int = 0
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


@dataclass
class ImportOutcome:
    added: list[int]
    updated: list[int]
    #: What `Catalog.put_back` needs to give the updated works back their layers (the undo of the import).
    before: dict[int, Any]


def plan_import(catalog: Any, items: Iterable[Entry | Skipped], source: str, replace: bool = False) -> ImportPlan:
    """Sort a file's entries against the catalog; nothing is written."""
    from rapidfuzz import fuzz

    plan = ImportPlan(source)
    entries: list[Entry] = []
    by_key: dict[Any, Entry] = {}
    for item in items:
        if isinstance(item, Skipped):
            plan.skipped.append(item)
            continue
        key = _identity(item.record)
        if key in by_key:  # the same work twice in one file: one entry, the layers combined
            first = by_key[key]
            first.record["personal"], _ = merge_personal(first.record["personal"], item.record["personal"], True)
            plan.merged += 1
            continue
        by_key[key] = item
        entries.append(item)
    known = repo.existing_external_ids([pair for e in entries for pair in e.record["external_ids"].items()])
    unmatched: list[Entry] = []
    for entry in entries:
        hit = next((known[pair] for pair in entry.record["external_ids"].items() if pair in known), None)
        if hit is not None:
            provider, value = next(p for p in entry.record["external_ids"].items() if p in known)
            plan.matched.append(Match(entry, hit[0], f"{provider} id {value}"))
        else:
            unmatched.append(entry)
    # Same title: the list's sort key is indexed, so every title of the file is looked up in a few queries.
    candidates: dict[str, list[tuple[int, str, str, int | None]]] = {}  # sort key → (id, title, kind, year)
    keys = sorted({sort_key(e.record["title"]) for e in unmatched})
    for chunk in chunks(keys):
        for work_id, title, year, kind, key in (
                Work.select(Work.id, Work.title, Work.year, Work.kind, Work.sort_key)
                .where(Work.sort_key.in_(chunk) & Work.parent.is_null()).tuples()):
            candidates.setdefault(key, []).append((work_id, title, kind, year))
    for entry in unmatched:
        record = entry.record
        wanted = match_key(record["title"])
        # Death Note the series is not Death Note the film: the same title of another kind is another work
        same = [c for c in candidates.get(sort_key(record["title"]), [])
                if match_key(c[1]) == wanted and _series(c[2]) == _series(record["kind"])]
        exact = [c for c in same if c[3] == record["year"]]
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
        doubt = _close_title(catalog, record, fuzz)
        if doubt is not None:
            plan.doubtful.append(Match(entry, doubt[0], doubt[1]))
        else:
            plan.new.append(entry)
    plan.loaded, plan.people = catalog.load_many(sorted({m.work_id for m in plan.matched}))
    for match in plan.matched:
        _, conflicts = merge_personal(plan.loaded[match.work_id]["personal"], match.entry.record["personal"],
                                      replace)
        if conflicts:
            plan.conflicting[match.work_id] = conflicts
    return plan


def _series(kind: str | None) -> bool:
    return kind in ("series", "miniseries")


def _identity(record: dict[str, Any]) -> Any:
    ids = record["external_ids"]
    if ids:
        return tuple(sorted(ids.items()))[0]
    return match_key(record["title"]), record["year"], record["kind"]


def _close_title(catalog: Any, record: dict[str, Any], fuzz: Any) -> tuple[int, str] | None:
    """A work whose title is close to the entry's (spelling, punctuation) with the same year: to confirm."""
    words = " ".join(f'"{w}"' for w in record["title"].replace('"', " ").split()[:4])
    if not words:
        return None
    wanted = match_key(record["title"])
    for work_id, title, year, kind, original in catalog.find(words, limit=20):
        if record["year"] and year and year != record["year"] or _series(kind) != _series(record["kind"]):
            continue
        score = max(fuzz.ratio(wanted, match_key(t)) for t in filter(None, (title, original)))
        if score >= DOUBTFUL_SCORE:
            return work_id, f"“{title}” ({year}): a close title"
    return None


#: The formats this module imports, and what they are called on the command line.
FORMATS = ("letterboxd", "imdb", "mal", "trakt")


def sniff_format(path: str, head: bytes) -> str | None:
    """Which of FORMATS a file is, from its first bytes (a name can be anything), or None."""
    from pathlib import Path

    from .formats import imdb_csv, letterboxd, letterboxd_csv, trakt_json
    if Path(path).is_dir():
        if any((Path(path) / name).is_file() for name in letterboxd.FILES):
            return "letterboxd"
        return "trakt" if any(Path(path).glob("*.json")) else None
    if head.startswith(b"PK"):
        import zipfile
        try:
            with zipfile.ZipFile(path) as archive:
                names = {Path(n).name for n in archive.namelist()}
        except (OSError, zipfile.BadZipFile):
            return "letterboxd"  # read_export says what is wrong with it
        return "trakt" if not names & set(letterboxd.FILES) and any(n.endswith(".json") for n in names) \
            else "letterboxd"
    if head.lstrip().startswith(b"["):
        import json
        try:
            return "trakt" if trakt_json.is_trakt_list(json.loads(Path(path).read_bytes())) else None
        except ValueError:
            return None
    if head[:2] == b"\x1f\x8b" or b"<myanimelist" in head[:4096]:
        return "mal"
    first = head.decode("utf-8", errors="replace").lstrip("\ufeff").split("\n", 1)[0]
    header = [cell.strip().strip('"') for cell in first.split(",")]
    if imdb_csv.is_export_header(header):
        return "imdb"
    if letterboxd.is_export_table(header) or letterboxd_csv.is_import_header(header):
        return "letterboxd"
    return None


def read_entries(path: str, fmt: str) -> tuple[list[Entry | Skipped], int]:
    """A file's entries in one of FORMATS (and how many stretches of bad bytes it held)."""
    from pathlib import Path

    from ..core.errors import InputError
    import csv
    import io

    from .formats import imdb_csv, letterboxd, letterboxd_csv, mal_xml, trakt_json
    if fmt == "trakt":
        lists = read_members(path, lambda name: name.endswith(".json"))
        if not lists:
            raise InputError("holds none of Trakt's JSON lists", path)
        return trakt_json.parse_lists(lists, Path(path).name), 0
    if fmt == "letterboxd":
        if Path(path).is_file() and Path(path).suffix.lower() == ".csv":
            text, _ = decode_text(Path(path).read_bytes(), path)
            header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
            if letterboxd_csv.is_import_header(header):  # the file Letterboxd imports (ours, or another tool's)
                return letterboxd_csv.parse(text, Path(path).name, "watchlist" in Path(path).name.lower()), 0
        tables = letterboxd.read_export(path)
        if not tables:
            raise InputError("holds none of a Letterboxd export's files (watched.csv, ratings.csv, diary.csv…)", path)
        return letterboxd.parse_tables(tables, Path(path).name), 0
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", path) from e
    if fmt == "mal":
        return mal_xml.parse(data, Path(path).name)
    if fmt == "imdb":
        text, _ = decode_text(data, path)
        return list(imdb_csv.parse(io.StringIO(text, newline=""), Path(path).name)), 0
    raise InputError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})", path)


def apply_import(catalog: Any, plan: ImportPlan, accept_doubtful: bool = False,
                 replace: bool = False) -> ImportOutcome:
    """Write a plan in one transaction (all or nothing): new works added, matched works given the file's layer.

    Raises:
        ConflictError: a matched work changed since the plan was made (nothing is written; plan again).
    """
    from ..store.maintenance import automatic_backup
    from .catalog import SavedWorks, database_errors

    origin = ("import", plan.source)
    matches = plan.matched + (plan.doubtful if accept_doubtful else [])
    current, people = dict(plan.loaded), dict(plan.people)
    missing = sorted({m.work_id for m in matches} - set(current))  # doubtful matches, when taken
    if missing:
        more, more_people = catalog.load_many(missing)
        current.update(more)
        people.update(more_people)
    edits: dict[int, repo.Edit] = {}
    for match in matches:
        edit = edits.get(match.work_id)
        record = edit.record if edit else current[match.work_id]
        merged, _ = merge_personal(record["personal"], match.entry.record["personal"], replace)
        if merged != record["personal"]:
            edits[match.work_id] = repo.Edit(match.work_id, current[match.work_id]["version"],
                                             {**record, "personal": merged}, people,
                                             before=current[match.work_id], source=origin)
    new_people = {key: person for entry in plan.new for key, person in entry.people.items()}
    with database_errors(f"importing {plan.source}"):
        if not catalog.is_empty():
            automatic_backup(catalog.db, "import")
        with repo.write_transaction(catalog.db):
            keys = repo.add_works(catalog.db, [e.record for e in plan.new], new_people, default_source=origin)
            added = sorted(set(keys.values()))
            versions, conflicts = repo.replace_works(catalog.db, list(edits.values()))
            if conflicts:
                raise next(iter(conflicts.values()))
            repo.link_stubs(added)
    return ImportOutcome(added, sorted(versions), SavedWorks(
        {work_id: (version, current[work_id], people) for work_id, version in versions.items()}))
