"""Reading and writing works with everything attached to them: the catalog's only write path for work graphs.

Records are the validated dicts of `core.record`. Writes run inside the caller's transaction (see
`write_transaction`), insert in batches (`executemany` on SQLite, multi-row VALUES on PostgreSQL) and keep the
search index in step. Loading returns records keyed "w<id>" for works and "p<id>" for people.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

from peewee import Database, SqliteDatabase, fn

from ..core.errors import ConflictError, InputError
from ..core.normalize import match_key, sort_key, sort_title
from ..core.record import PROVENANCE_FIELDS, iter_works, validate_work
from .db import is_postgres
from . import listing
from .derived import refresh_derived
from .batch import bulk_insert, chunks as _chunks, ids_condition
from .search import document_from_record, write_documents
from .tables import (
    AltTitle,
    Availability,
    Company,
    Credit,
    ExternalId,
    FieldSource,
    Genre,
    Image,
    OwnedCopy,
    Person,
    PersonalEntry,
    PersonExternalId,
    Quote,
    Rating,
    Relation,
    ReleaseDate,
    SavedSearch,
    Setting,
    Table,
    Tag,
    UserList,
    UserListEntry,
    Viewing,
    Work,
    WorkCompany,
    WorkCountry,
    WorkGenre,
    WorkLanguage,
    WorkTag,
)

#: Scalar fields of a work that `update_work_fields` may change, by record name → column.
SCALAR_FIELDS = {
    "kind": "kind", "anime": "is_anime", "number": "number", "title": "title", "original_title": "original_title",
    "original_language": "original_language", "sort_title": "sort_title", "year": "year", "end_year": "end_year",
    "runtime": "runtime", "synopsis": "synopsis", "tagline": "tagline", "content_rating": "content_rating",
    "setting": "setting", "music": "music",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def parse_timestamp(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    stamp = dt.datetime.fromisoformat(value.replace(" ", "T"))
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp


def format_timestamp(value: dt.datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_timestamp(value)
    return value.replace(microsecond=0).isoformat() + "Z"


@contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """One transaction that holds the write lock from its start, so ids reserved inside it stay ours."""
    with db.atomic("IMMEDIATE") if isinstance(db, SqliteDatabase) else db.atomic():
        yield


def reserve_ids(db: Database, table: type[Table], count: int) -> list[int]:
    """Ids for `count` new rows of a table; call inside `write_transaction`."""
    if count == 0:
        return []
    name = table._meta.table_name
    if is_postgres(db):
        rows = db.execute_sql(f"SELECT nextval(pg_get_serial_sequence('\"{name}\"', 'id')) "
                              f"FROM generate_series(1, %s)", (count,)).fetchall()
        return [r[0] for r in rows]
    start = (db.execute_sql(f'SELECT max(id) FROM "{name}"').fetchone()[0] or 0) + 1
    return list(range(start, start + count))


def _keyed_ids(db: Database, table: type[Table], names: Iterable[str],
               stored_names: dict[str, str] | None = None) -> dict[str, int]:
    """Ids of name/key rows (genres, tags, companies, lists) by casefolded key, creating the missing ones.

    `stored_names`, when given, is filled with the name each key has in the catalog (an existing row keeps its
    own spelling: "Space" stays "Space" when "space" is imported).
    """
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(name.casefold(), name)
    found: dict[str, int] = {}
    keys = list(wanted)
    for chunk in _chunks(keys):
        for i, k, name in table.select(table.id, table.key, table.name).where(table.key.in_(chunk)).tuples():
            found[k] = i
            if stored_names is not None:
                stored_names[k] = name
    missing = [k for k in keys if k not in found]
    ids = reserve_ids(db, table, len(missing))
    if "position" in table._meta.fields:
        start = table.select(fn.max(table.position)).scalar() or 0
        bulk_insert(db, table, ("id", "name", "key", "position"),
                    [(i, wanted[k], k, start + n + 1) for n, (i, k) in enumerate(zip(ids, missing))])
    else:
        bulk_insert(db, table, ("id", "name", "key"), [(i, wanted[k], k) for i, k in zip(ids, missing)])
    found.update(zip(missing, ids))
    if stored_names is not None:
        stored_names.update((k, wanted[k]) for k in missing)
    return found


def _person_match_key(name: str, original: str | None) -> str:
    return match_key(name) + ("\n" + match_key(original) if original else "")


def _catalog_work_keys(keys: Iterable[str | None]) -> dict[str, int]:
    """"w<id>" keys of works that are in the catalog, with their ids."""
    wanted = {int(k[1:]): k for k in keys if k and k[0] == "w" and k[1:].isdigit()}
    found = {i for chunk in _chunks(list(wanted)) for (i,) in Work.select(Work.id).where(Work.id.in_(chunk)).tuples()}
    return {wanted[i]: i for i in found}


def _people_ids(db: Database, people: dict[str, dict[str, Any]], catalog_keys: bool = False) -> dict[str, int]:
    """Person ids for a document's people: an existing person with one of the same external ids, else a new row.

    With `catalog_keys`, "p<id>" keys name this catalog's people directly (records this catalog loaded).
    """
    result: dict[str, int] = {}
    if catalog_keys:
        wanted = {int(k[1:]): k for k in people if k[:1] == "p" and k[1:].isdigit()}
        for chunk in _chunks(list(wanted)):
            result.update({wanted[i]: i for (i,) in Person.select(Person.id).where(Person.id.in_(chunk)).tuples()})
    pairs = [(key, provider, value) for key, p in people.items() for provider, value in p["external_ids"].items()]
    for chunk in _chunks(pairs):
        values = [v for _, _, v in chunk]
        existing = {(pr, v): pid for pid, pr, v in PersonExternalId.select(
            PersonExternalId.person, PersonExternalId.provider, PersonExternalId.value)
            .where(PersonExternalId.value.in_(values)).tuples()}
        for key, provider, value in chunk:
            if (provider, value) in existing:
                result.setdefault(key, existing[(provider, value)])
    new = [key for key in people if key not in result]
    ids = reserve_ids(db, Person, len(new))
    bulk_insert(db, Person, ("id", "name", "original_name", "sort_key", "match_key"), [
        (pid, people[k]["name"], people[k]["original_name"], sort_key(people[k]["name"]),
         _person_match_key(people[k]["name"], people[k]["original_name"])) for pid, k in zip(ids, new)])
    bulk_insert(db, PersonExternalId, ("person_id", "provider", "value"), [
        (pid, provider, value) for pid, k in zip(ids, new) for provider, value in people[k]["external_ids"].items()])
    result.update(zip(new, ids))
    return result


def existing_external_ids(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, str]]:
    """Which (provider, id) pairs already belong to a work: pair → (work id, title)."""
    pairs = list(pairs)
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for chunk in _chunks(pairs):
        rows = (ExternalId.select(ExternalId.provider, ExternalId.value, Work.id, Work.title).join(Work)
                .where(ExternalId.value.in_([v for _, v in chunk])).tuples())
        found.update({(p, v): (w, t) for p, v, w, t in rows if (p, v) in set(chunk)})
    return found


def add_works(db: Database, records: list[dict[str, Any]], people: dict[str, dict[str, Any]],
              default_source: tuple[str, str | None] | None = None, index: bool = True,
              restore: bool = False, known_people: dict[str, int] | None = None) -> dict[str, int]:
    """Insert validated records (with their children) and return their ids by record key (or "#n" by position).

    Run inside `write_transaction`. Relations to keys of this batch become links; person keys resolve through
    `people`. `default_source` = (source kind, name) is recorded as the provenance of every field that has none.
    `restore` puts back works this catalog loaded ("w<id>" keys keep their ids, "p<id>" keys name its people,
    relations to "w<id>" of works still here stay links): the undo of a delete. `known_people` holds the person
    ids of keys an earlier batch of the same import wrote (they are not written again); this batch's are added to it.
    """
    flat = list(iter_works(records))
    ids = [int(r["id"][1:]) for r in flat] if restore else reserve_ids(db, Work, len(flat))
    by_record = {id(r): i for r, i in zip(flat, ids)}
    keys = {(r["id"] or f"#{n}"): i for n, (r, i) in enumerate(zip(flat, ids))}
    if restore:
        keys.update(_catalog_work_keys(r["target"] for rec in flat for r in rec["relations"]))
    if known_people is None:
        person_ids = _people_ids(db, people, catalog_keys=restore)
    else:
        person_ids = {k: known_people[k] for k in people if k in known_people}
        person_ids.update(_people_ids(db, {k: p for k, p in people.items() if k not in known_people},
                                      catalog_keys=restore))
        known_people.update(person_ids)
    now = utcnow()
    now_text = now.isoformat(sep=" ")  # as SQLite stores a datetime: once, not twice a work

    parents: dict[int, int] = {}
    for record in flat:
        for child in record["children"]:
            parents[id(child)] = by_record[id(record)]
    work_rows = []
    for record, work_id in zip(flat, ids):
        st = record["sort_title"] or sort_title(record["title"])
        work_rows.append((
            work_id, record["kind"], record["anime"], parents.get(id(record)), record["number"], record["title"],
            record["original_title"], record["original_language"], st, sort_key(st), record["year"],
            record["end_year"], record["runtime"], record["synopsis"], record["tagline"], record["content_rating"],
            record["setting"], record["music"], parse_timestamp(record["added_at"]) if record["added_at"] else now_text,
            parse_timestamp(record["updated_at"]) if record["updated_at"] else now_text, record["version"] or 1))
    bulk_insert(db, Work, ("id", "kind", "is_anime", "parent_id", "number", "title", "original_title",
                           "original_language", "sort_title", "sort_key", "year", "end_year", "runtime", "synopsis",
                           "tagline", "content_rating", "setting", "music", "added_at", "updated_at", "version"),
                work_rows)

    stored_names: dict[str, str] = {}
    _insert_facets(db, list(zip(flat, ids)), person_ids, keys, default_source, now, stored_names)
    if index:
        # From the records (no queries), with the catalog's own spelling of tags, genres and of people that
        # matched existing ones: what a rebuild from the tables would write.
        records_as_stored, people_as_stored = _as_stored(flat, people, person_ids, stored_names)
        write_documents(db, {work_id: document_from_record(record, people_as_stored)
                             for record, work_id in zip(records_as_stored, ids)}, replace=restore)
        listing.write_rows(db, [listing.row_from_record(row[0], record, people_as_stored, row[3] is None, row[9],
                                                        row[18])
                                for record, row in zip(records_as_stored, work_rows)], replace=restore)
    return keys


FACET_TABLES: tuple[type[Table], ...] = (
    AltTitle, WorkCountry, WorkLanguage, ReleaseDate, Credit, WorkCompany, WorkGenre, WorkTag, Rating, Availability,
    Relation, Quote, ExternalId, Image, FieldSource, PersonalEntry, Viewing, OwnedCopy)


def _insert_facets(db: Database, pairs: list[tuple[dict[str, Any], int]], person_ids: dict[str, int],
                   keys: dict[str, int], default_source: tuple[str, str | None] | None, now: dt.datetime,
                   stored_names: dict[str, str] | None = None) -> None:
    """Insert everything attached to works (all but the work rows and children) for (record, work id) pairs.

    `stored_names` is filled with the catalog's spelling of each genre and tag key (see `_keyed_ids`).
    """
    genre_ids = _keyed_ids(db, Genre, (g for r, _ in pairs for g in r["genres"]), stored_names)
    tag_ids = _keyed_ids(db, Tag, (t for r, _ in pairs for t in r["tags"]), stored_names)
    company_ids = _keyed_ids(db, Company, (c["name"] for r, _ in pairs for c in r["companies"]))
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in (
        "alt", "country", "language", "release", "credit", "company", "genre", "tag", "rating", "availability",
        "relation", "quote", "external", "image", "source", "personal", "viewing", "copy")}
    stamp = format_timestamp(now)
    for record, work_id in pairs:
        # Most works of a big import fill few of these lists: an empty one costs nothing to skip
        if record["titles"]:
            rows["alt"] += [(work_id, t["title"], t["language"], t["country"], t["kind"], n)
                            for n, t in enumerate(record["titles"])]
        if record["countries"]:
            rows["country"] += [(work_id, c.upper(), n) for n, c in enumerate(record["countries"])]
        if record["languages"]:
            rows["language"] += [(work_id, lang, n) for n, lang in enumerate(record["languages"])]
        if record["release_dates"]:
            rows["release"] += [(work_id, r["country"], r["date"], r["kind"], r["note"])
                                for r in record["release_dates"]]
        if record["credits"]:
            rows["credit"] += [(work_id, person_ids[c["person"]], c["role"], c["character"], c["billing"],
                                c["note"]) for c in record["credits"]]
        seen_companies: set[tuple[int, str]] = set()
        for n, c in enumerate(record["companies"]):
            key = (company_ids[c["name"].casefold()], c["role"])
            if key not in seen_companies:
                seen_companies.add(key)
                rows["company"].append((work_id, key[0], c["role"], n))
        if record["genres"]:
            rows["genre"] += [(work_id, gid, n) for n, gid in enumerate(dict.fromkeys(
                genre_ids[g.casefold()] for g in record["genres"]))]
        if record["tags"]:
            rows["tag"] += [(work_id, tid, n) for n, tid in enumerate(dict.fromkeys(
                tag_ids[t.casefold()] for t in record["tags"]))]
        if record["ratings"]:
            rows["rating"] += [(work_id, r["source"], r["value"], r["scale"], r["votes"], r["url"],
                                r["retrieved_on"]) for r in record["ratings"]]
        if record["availability"]:
            rows["availability"] += [(work_id, a["platform"], a["platform"].casefold(), a["region"], a["kind"],
                                      a["url"], a["checked_on"]) for a in record["availability"]]
        if record["relations"]:
            rows["relation"] += [(work_id, r["kind"], keys.get(r["target"]) if r["target"] else None, r["title"],
                                  r["year"], r["target_kind"], json.dumps(r["target_ids"], sort_keys=True)
                                  if r["target_ids"] else None, r["note"], n)
                                 for n, r in enumerate(record["relations"])]
        if record["quotes"]:
            rows["quote"] += [(work_id, q["text"], q["kind"], q["author"], person_ids.get(q["person"])
                               if q["person"] else None, q["outlet"], q["url"], q["date"], q["language"], n)
                              for n, q in enumerate(record["quotes"])]
        if record["external_ids"]:
            rows["external"] += [(work_id, p, v) for p, v in record["external_ids"].items()]
        if record["images"]:
            rows["image"] += [(work_id, i["kind"], i["source_url"], i["hash"], i["mime"], i["width"], i["height"],
                               i["size"], i["primary"], n) for n, i in enumerate(record["images"])]
        provenance = record["provenance"]
        if default_source and "*" not in provenance:
            rows["source"].append((work_id, "*", default_source[0], default_source[1], stamp, False))
        rows["source"] += [(work_id, f, p["source"], p["name"], p["at"], p["locked"]) for f, p in provenance.items()]
        personal = record["personal"]
        if personal is not None:
            rows["personal"].append((work_id, personal["status"], personal["rating"], personal["favourite"],
                                     personal["notes"]))
            rows["viewing"] += [(work_id, v["date"], v["rewatch"], v["note"]) for v in personal["viewings"]]
            rows["copy"] += [(work_id, c["format"], c["edition"], c["location"], c["loaned_to"], c["loaned_on"],
                              c["acquired_on"], c["note"]) for c in personal["copies"]]

    for table, columns, key in (
        (AltTitle, ("work_id", "title", "language", "country", "kind", "position"), "alt"),
        (WorkCountry, ("work_id", "country", "position"), "country"),
        (WorkLanguage, ("work_id", "language", "position"), "language"),
        (ReleaseDate, ("work_id", "country", "date", "kind", "note"), "release"),
        (Credit, ("work_id", "person_id", "role", "character", "billing", "note"), "credit"),
        (WorkCompany, ("work_id", "company_id", "role", "position"), "company"),
        (WorkGenre, ("work_id", "genre_id", "position"), "genre"),
        (WorkTag, ("work_id", "tag_id", "position"), "tag"),
        (Rating, ("work_id", "source", "value", "scale", "votes", "url", "retrieved_on"), "rating"),
        (Availability, ("work_id", "platform", "platform_key", "region", "kind", "url", "checked_on"), "availability"),
        (Relation, ("work_id", "kind", "target_id", "target_title", "target_year", "target_kind", "target_ids",
                    "note", "position"), "relation"),
        (Quote, ("work_id", "text", "kind", "author", "author_person_id", "outlet", "url", "date", "language",
                 "position"), "quote"),
        (ExternalId, ("work_id", "provider", "value"), "external"),
        (Image, ("work_id", "kind", "source_url", "content_hash", "mime", "width", "height", "size", "is_primary",
                 "position"), "image"),
        (FieldSource, ("work_id", "field", "source", "source_name", "recorded_at", "locked"), "source"),
        (PersonalEntry, ("work_id", "status", "rating", "favourite", "notes"), "personal"),
        (Viewing, ("work_id", "date", "rewatch", "note"), "viewing"),
        (OwnedCopy, ("work_id", "format", "edition", "location", "loaned_to", "loaned_on", "acquired_on", "note"),
         "copy"),
    ):
        bulk_insert(db, table, columns, rows[key])


def _as_stored(records: list[dict[str, Any]], people: dict[str, dict[str, Any]], person_ids: dict[str, int],
               stored_names: dict[str, str]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Records and people as the catalog now holds them: tags and genres in its spelling (once per key),
    people under the names of the rows they were matched to."""
    names: dict[int, tuple[str, str | None]] = {}
    for chunk in _chunks(sorted(set(person_ids.values()))):
        names.update({i: (n, o) for i, n, o in Person.select(Person.id, Person.name, Person.original_name)
                      .where(Person.id.in_(chunk)).tuples()})
    people_as_stored = {key: {**person, "name": names[person_ids[key]][0],
                              "original_name": names[person_ids[key]][1]}
                        for key, person in people.items() if key in person_ids}

    def spelled(values: list[str]) -> list[str]:
        return list(dict.fromkeys(stored_names.get(v.casefold(), v) for v in values))
    records_as_stored = [{**r, "tags": spelled(r["tags"]), "genres": spelled(r["genres"])} for r in records]
    return records_as_stored, people_as_stored


def add_lists(db: Database, lists: list[dict[str, Any]], work_ids: dict[str, int]) -> None:
    """Create (or extend) user lists with works by key, keeping the list's order."""
    list_ids = _keyed_ids(db, UserList, (entry["name"] for entry in lists))
    for entry in lists:
        list_id = list_ids[entry["name"].casefold()]
        if entry.get("description"):
            UserList.update(description=entry["description"]).where(UserList.id == list_id).execute()
        start = (UserListEntry.select(fn.max(UserListEntry.position)).where(UserListEntry.user_list == list_id)
                 .scalar() or 0)
        present = {w for (w,) in UserListEntry.select(UserListEntry.work).where(
            UserListEntry.user_list == list_id).tuples()}
        new = [work_ids[k] for k in entry["works"] if work_ids[k] not in present]
        bulk_insert(db, UserListEntry, ("user_list_id", "work_id", "position", "note"),
                    [(list_id, w, start + n + 1, None) for n, w in enumerate(dict.fromkeys(new))])


class _Records(dict):
    """Records by work id; rows of works that were not asked for (a range query's extras) land in a throwaway."""

    def __missing__(self, key: int) -> dict[str, Any]:
        return {"titles": [], "countries": [], "languages": [], "release_dates": [], "credits": [],
                "companies": [], "genres": [], "tags": [], "ratings": [], "availability": [], "relations": [],
                "quotes": [], "external_ids": {}, "images": [], "provenance": {}, "personal": None}


def load_works(ids: Sequence[int], with_children: bool = True) -> tuple[list[dict[str, Any]], dict[str, dict]]:
    """Records of works (their seasons and episodes nested under them) and of the people they mention."""
    ids = list(ids)
    all_ids = list(ids)
    frontier = ids
    while with_children and frontier:
        frontier = [i for chunk in _chunks(frontier) for (i,) in
                    Work.select(Work.id).where(Work.parent.in_(chunk))
                    .order_by(Work.number.asc(nulls="LAST"), Work.id).tuples()]
        all_ids += frontier
    records: dict[int, dict[str, Any]] = _Records()
    parent_of: dict[int, int | None] = {}
    wanted = set(all_ids)
    ordered = sorted(wanted)
    for chunk in _chunks(ordered):
        for w in Work.select().where(ids_condition(Work.id, chunk)):
            if w.id not in wanted:
                continue
            parent_of[w.id] = w.parent_id
            records[w.id] = {
                "id": f"w{w.id}", "kind": w.kind, "anime": bool(w.is_anime), "number": w.number, "title": w.title,
                "original_title": w.original_title, "original_language": w.original_language,
                "sort_title": w.sort_title, "titles": [], "year": w.year, "end_year": w.end_year,
                "runtime": w.runtime, "release_dates": [], "countries": [], "languages": [], "synopsis": w.synopsis,
                "tagline": w.tagline, "content_rating": w.content_rating, "setting": w.setting, "music": w.music,
                "genres": [], "tags": [], "credits": [], "companies": [], "ratings": [], "availability": [],
                "relations": [], "quotes": [], "external_ids": {}, "images": [], "provenance": {}, "personal": None,
                "added_at": format_timestamp(w.added_at), "updated_at": format_timestamp(w.updated_at),
                "version": w.version, "children": []}
    person_ids: set[int] = set()
    for chunk in _chunks(ordered):
        for r in AltTitle.select().where(ids_condition(AltTitle.work, chunk)).order_by(AltTitle.work, AltTitle.position,
                                                                            AltTitle.id):
            records[r.work_id]["titles"].append({"title": r.title, "language": r.language, "country": r.country,
                                                 "kind": r.kind})
        for w, c in WorkCountry.select(WorkCountry.work, WorkCountry.country).where(ids_condition(WorkCountry.work, chunk)) \
                .order_by(WorkCountry.work, WorkCountry.position).tuples():
            records[w]["countries"].append(c)
        for w, lang in WorkLanguage.select(WorkLanguage.work, WorkLanguage.language).where(
                ids_condition(WorkLanguage.work, chunk)).order_by(WorkLanguage.work, WorkLanguage.position).tuples():
            records[w]["languages"].append(lang)
        for r in ReleaseDate.select().where(ids_condition(ReleaseDate.work, chunk)).order_by(ReleaseDate.work, ReleaseDate.id):
            records[r.work_id]["release_dates"].append({"country": r.country, "date": r.date, "kind": r.kind,
                                                        "note": r.note})
        for r in Credit.select().where(ids_condition(Credit.work, chunk)).order_by(Credit.work, Credit.id):
            if r.work_id in wanted:
                person_ids.add(r.person_id)
            records[r.work_id]["credits"].append({"person": f"p{r.person_id}", "role": r.role,
                                                  "character": r.character, "billing": r.billing, "note": r.note})
        for w, name, role in (WorkCompany.select(WorkCompany.work, Company.name, WorkCompany.role).join(Company)
                              .where(ids_condition(WorkCompany.work, chunk)).order_by(WorkCompany.work, WorkCompany.position)
                              .tuples()):
            records[w]["companies"].append({"name": name, "role": role})
        for w, name in (WorkGenre.select(WorkGenre.work, Genre.name).join(Genre).where(ids_condition(WorkGenre.work, chunk))
                        .order_by(WorkGenre.work, WorkGenre.position).tuples()):
            records[w]["genres"].append(name)
        for w, name in (WorkTag.select(WorkTag.work, Tag.name).join(Tag).where(ids_condition(WorkTag.work, chunk))
                        .order_by(WorkTag.work, WorkTag.position).tuples()):
            records[w]["tags"].append(name)
        for r in Rating.select().where(ids_condition(Rating.work, chunk)).order_by(Rating.work, Rating.id):
            records[r.work_id]["ratings"].append({"source": r.source, "value": r.value, "scale": r.scale,
                                                  "votes": r.votes, "url": r.url, "retrieved_on": r.retrieved_on})
        for r in Availability.select().where(ids_condition(Availability.work, chunk)).order_by(Availability.work,
                                                                                    Availability.id):
            records[r.work_id]["availability"].append({"platform": r.platform, "region": r.region, "kind": r.kind,
                                                       "url": r.url, "checked_on": r.checked_on})
        for r in Relation.select().where(ids_condition(Relation.work, chunk)).order_by(Relation.work, Relation.position,
                                                                            Relation.id):
            records[r.work_id]["relations"].append({
                "kind": r.kind, "target": f"w{r.target_id}" if r.target_id else None, "title": r.target_title,
                "year": r.target_year, "target_kind": r.target_kind,
                "target_ids": json.loads(r.target_ids) if r.target_ids else {}, "note": r.note})
        for r in Quote.select().where(ids_condition(Quote.work, chunk)).order_by(Quote.work, Quote.position, Quote.id):
            if r.author_person_id and r.work_id in wanted:
                person_ids.add(r.author_person_id)
            records[r.work_id]["quotes"].append({
                "text": r.text, "kind": r.kind, "author": r.author,
                "person": f"p{r.author_person_id}" if r.author_person_id else None, "outlet": r.outlet, "url": r.url,
                "date": r.date, "language": r.language})
        for w, provider, value in ExternalId.select(ExternalId.work, ExternalId.provider, ExternalId.value).where(
                ids_condition(ExternalId.work, chunk)).order_by(ExternalId.work, ExternalId.provider).tuples():
            records[w]["external_ids"][provider] = value
        for r in Image.select().where(ids_condition(Image.work, chunk)).order_by(Image.work, Image.position, Image.id):
            records[r.work_id]["images"].append({
                "kind": r.kind, "hash": r.content_hash, "mime": r.mime, "width": r.width, "height": r.height,
                "size": r.size, "source_url": r.source_url, "primary": bool(r.is_primary)})
        for r in FieldSource.select().where(ids_condition(FieldSource.work, chunk)).order_by(FieldSource.work, FieldSource.field):
            records[r.work_id]["provenance"][r.field] = {"source": r.source, "name": r.source_name,
                                                         "at": r.recorded_at, "locked": bool(r.locked)}
        for r in PersonalEntry.select().where(ids_condition(PersonalEntry.work, chunk)):
            records[r.work_id]["personal"] = {"status": r.status, "rating": r.rating, "favourite": bool(r.favourite),
                                              "notes": r.notes, "viewings": [], "copies": []}
        for r in Viewing.select().where(ids_condition(Viewing.work, chunk)).order_by(Viewing.work, Viewing.id):
            _personal(records[r.work_id])["viewings"].append({"date": r.date, "rewatch": bool(r.rewatch),
                                                              "note": r.note})
        for r in OwnedCopy.select().where(ids_condition(OwnedCopy.work, chunk)).order_by(OwnedCopy.work, OwnedCopy.id):
            _personal(records[r.work_id])["copies"].append({
                "format": r.format, "edition": r.edition, "location": r.location, "loaned_to": r.loaned_to,
                "loaned_on": r.loaned_on, "acquired_on": r.acquired_on, "note": r.note})
    for work_id in all_ids[len(ids):]:
        records[parent_of[work_id]]["children"].append(records[work_id])
    people = load_people(sorted(person_ids))
    return [records[i] for i in ids if i in records and i in wanted], people


def _personal(record: dict[str, Any]) -> dict[str, Any]:
    if record["personal"] is None:
        record["personal"] = {"status": None, "rating": None, "favourite": False, "notes": None, "viewings": [],
                              "copies": []}
    return record["personal"]


def load_people(ids: Sequence[int]) -> dict[str, dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(list(ids)):
        for p in Person.select().where(Person.id.in_(chunk)).order_by(Person.id):
            people[f"p{p.id}"] = {"id": f"p{p.id}", "name": p.name, "original_name": p.original_name,
                                  "external_ids": {}}
        for pid, provider, value in PersonExternalId.select(
                PersonExternalId.person, PersonExternalId.provider, PersonExternalId.value).where(
                PersonExternalId.person.in_(chunk)).order_by(PersonExternalId.provider).tuples():
            people[f"p{pid}"]["external_ids"][provider] = value
    return people


def top_level_ids() -> list[int]:
    return [i for (i,) in Work.select(Work.id).where(Work.parent.is_null()).order_by(Work.id).tuples()]


def _current(work_id: int, expected_version: int) -> Work:
    """The work's row if it is still at the version the caller edited; else ConflictError."""
    current = Work.get_or_none(Work.id == work_id)
    if current is None:
        raise ConflictError(work_id, expected_version, None)
    if current.version != expected_version:
        raise ConflictError(work_id, expected_version, current.version)
    return current


@dataclass
class Edit:
    """One work to save: its record as `load_works` gives it, edited, and the version that was edited.

    "p<id>" keys in `people` are this catalog's people; other keys are new people. Fields whose value changed
    get `source` as their provenance unless the record's provenance already names one for them. `before` is the
    work as loaded at `expected_version`, when the caller still has it (else it is loaded again)."""

    work_id: int
    expected_version: int
    record: dict[str, Any]
    people: dict[str, dict[str, Any]]
    before: dict[str, Any] | None = None
    source: tuple[str, str | None] = ("user", None)


def replace_work(db: Database, work_id: int, expected_version: int, record: dict[str, Any],
                 people: dict[str, dict[str, Any]], source: tuple[str, str | None] = ("user", None),
                 before: dict[str, Any] | None = None) -> int:
    """Save one edited work (see `replace_works`); returns its new version.

    Raises:
        ConflictError: the work is at another version or gone (nothing is written).
    """
    versions, conflicts = replace_works(db, [Edit(work_id, expected_version, record, people, before, source)])
    if conflicts:
        raise conflicts[work_id]
    return versions[work_id]


def replace_works(db: Database, edits: Sequence[Edit]) -> tuple[dict[int, int], dict[int, ConflictError]]:
    """Save edited works in one transaction, each only if nobody changed it since its `expected_version`.

    Returns the new version of each work saved, and a ConflictError for each one that was not (changed or
    deleted by someone else); the others are saved all the same. Seasons and episodes are left as they are.
    """
    versions: dict[int, int] = {}
    conflicts: dict[int, ConflictError] = {}
    with write_transaction(db):
        wanted = {e.work_id: e.expected_version for e in edits}
        found = {i: v for chunk in _chunks(list(wanted))
                 for i, v in Work.select(Work.id, Work.version).where(Work.id.in_(chunk)).tuples()}
        for work_id, expected in wanted.items():
            if found.get(work_id) != expected:
                conflicts[work_id] = ConflictError(work_id, expected, found.get(work_id))
        edits = [e for e in edits if e.work_id not in conflicts]
        stale = [e.work_id for e in edits if e.before is None or e.before.get("version") != e.expected_version]
        loaded = {int(r["id"][1:]): r for r in load_works(stale, with_children=False)[0]} if stale else {}
        now = utcnow()
        stamp = format_timestamp(now)
        pairs = []
        people: dict[str, dict[str, Any]] = {}
        last_people = None
        for edit in edits:
            record, before = edit.record, loaded.get(edit.work_id, edit.before)
            st = record["sort_title"] or sort_title(record["title"])
            values = {"kind": record["kind"], "is_anime": record["anime"], "number": record["number"],
                      "title": record["title"], "original_title": record["original_title"],
                      "original_language": record["original_language"], "sort_title": st,
                      "sort_key": sort_key(st), "year": record["year"], "end_year": record["end_year"],
                      "runtime": record["runtime"], "synopsis": record["synopsis"], "tagline": record["tagline"],
                      "content_rating": record["content_rating"], "setting": record["setting"],
                      "music": record["music"]}
            updated = (Work.update(**values, updated_at=now, version=Work.version + 1)
                       .where((Work.id == edit.work_id) & (Work.version == edit.expected_version)).execute())
            if updated != 1:  # changed between the check and now (PostgreSQL's transactions let that happen)
                conflicts[edit.work_id] = ConflictError(edit.work_id, edit.expected_version, None)
                continue
            provenance = dict(record["provenance"])
            for name in PROVENANCE_FIELDS - {"*"}:
                if name in before and before[name] != record.get(name) and provenance.get(name) == before[
                        "provenance"].get(name):
                    locked = bool(provenance.get(name, {}).get("locked"))
                    provenance[name] = {"source": edit.source[0], "name": edit.source[1], "at": stamp,
                                        "locked": locked}
            pairs.append(({**record, "provenance": provenance}, edit.work_id))
            if edit.people is not last_people:  # a batch's edits often share one dict: copy it once
                people.update(edit.people)
                last_people = edit.people
            versions[edit.work_id] = edit.expected_version + 1
        if not pairs:
            return versions, conflicts
        ids = [work_id for _, work_id in pairs]
        for table in FACET_TABLES:
            for chunk in _chunks(ids):
                table.delete().where(table.work.in_(chunk)).execute()
        person_ids = _people_ids(db, people, catalog_keys=True)
        keys = _catalog_work_keys(r["target"] for record, _ in pairs for r in record["relations"])
        _insert_facets(db, pairs, person_ids, keys, None, now)
        refresh_derived(db, ids)
    return versions, conflicts


#: Where each kind of named row is used: (table, column) pairs that point at it.
_NAME_USES = {"person": (("credit", "person_id"), ("quote", "author_person_id"), ("image", "person_id")),
              "genre": (("work_genre", "genre_id"),), "tag": (("work_tag", "tag_id"),),
              "company": (("work_company", "company_id"),)}


def first_new_name_ids(db: Database) -> dict[str, int]:
    """The next id of each kind of named row (in a write transaction): what `delete_unused_names` starts from."""
    return {table: db.execute_sql(f'SELECT coalesce(max(id), 0) + 1 FROM "{table}"').fetchone()[0]
            for table in _NAME_USES}


def delete_unused_names(db: Database, first_ids: dict[str, int]) -> None:
    """Delete the people, genres, tags and companies from `first_ids[table]` on that nothing uses (what an undone
    import had made for its works)."""
    mark = "%s" if is_postgres(db) else "?"
    for table, first in first_ids.items():
        unused = " AND ".join(f'id NOT IN (SELECT "{column}" FROM "{user}" WHERE "{column}" IS NOT NULL)'
                              for user, column in _NAME_USES[table])
        db.execute_sql(f'DELETE FROM "{table}" WHERE id >= {mark} AND {unused}', (first,))


def link_stubs(ids: Sequence[int]) -> int:
    """Point relations that name one of these works (stubs) at it: by one of its external ids, or by title and
    year; returns how many."""
    linked = 0
    # Stubs are few next to the works an import adds: read them once, rather than asking for each new work.
    by_id: dict[tuple[str, str], list[int]] = {}
    by_title: dict[str, list[tuple[int, int | None]]] = {}
    for relation_id, target_ids, title, year in (
            Relation.select(Relation.id, Relation.target_ids, Relation.target_title, Relation.target_year)
            .where(Relation.target.is_null()).tuples()):
        for pair in json.loads(target_ids or "{}").items():
            by_id.setdefault(pair, []).append(relation_id)
        if title:
            by_title.setdefault(title.lower(), []).append((relation_id, year))
    if not by_id and not by_title:
        return 0
    for chunk in _chunks(list(ids)):
        if by_id:
            for work_id, provider, value in (ExternalId.select(ExternalId.work, ExternalId.provider,
                                                               ExternalId.value)
                                             .where(ExternalId.work.in_(chunk)).tuples()):
                stubs = by_id.pop((provider, value), [])
                if stubs:
                    linked += (Relation.update(target=work_id)
                               .where(Relation.id.in_(stubs) & Relation.target.is_null()).execute())
        if by_title:
            for work_id, title, year in Work.select(Work.id, Work.title, Work.year).where(Work.id.in_(chunk)).tuples():
                stubs = [rid for rid, stub_year in by_title.get(title.lower(), ())
                         if stub_year is None or year is None or stub_year == year]
                if stubs:
                    linked += (Relation.update(target=work_id)
                               .where(Relation.id.in_(stubs) & Relation.target.is_null()).execute())
    return linked


def works_of_person(person_id: int) -> list[tuple[int, str, int | None, str, str | None]]:
    """(work id, title, year, role, character) of every credit a person has, newest first."""
    return list(Credit.select(Work.id, Work.title, Work.year, Credit.role, Credit.character).join(Work)
                .where(Credit.person == person_id).order_by(Work.year.desc(nulls="LAST"), Work.sort_key,
                                                            Credit.billing).tuples())


def set_primary_image(db: Database, work_id: int, image: dict[str, Any]) -> None:
    """Make an image (a validated image record, its file already stored) the work's primary one of its kind."""
    with write_transaction(db):
        Image.update(is_primary=False).where((Image.work == work_id) & (Image.kind == image["kind"])).execute()
        Image.insert(work=work_id, kind=image["kind"], source_url=image["source_url"], content_hash=image["hash"],
                     mime=image["mime"], width=image["width"], height=image["height"], size=image["size"],
                     is_primary=True, position=0).execute()
        Work.update(updated_at=utcnow(), version=Work.version + 1).where(Work.id == work_id).execute()
        refresh_derived(db, [work_id])


def update_work_fields(db: Database, work_id: int, expected_version: int, changes: dict[str, Any],
                       source: tuple[str, str | None] = ("user", None)) -> int:
    """Change scalar fields of one work if nobody changed it since `expected_version`; returns the new version.

    Raises:
        InputError: a field that does not exist or a value it cannot take (nothing is written).
        ConflictError: the work is at another version (or gone); nothing is written.
    """
    unknown = sorted(set(changes) - set(SCALAR_FIELDS))
    if unknown:
        raise InputError(f"'{unknown[0]}' is not a field that can be edited here", f"work {work_id}")
    with write_transaction(db):
        current = _current(work_id, expected_version)
        if source[0] != "user":  # refreshes never touch what the user locked
            locked = {f for (f,) in FieldSource.select(FieldSource.field).where(
                (FieldSource.work == work_id) & (FieldSource.locked == True)).tuples()}  # noqa: E712
            changes = {k: v for k, v in changes.items() if k not in locked}
            if not changes:
                return expected_version
        base = {name: getattr(current, column) for name, column in SCALAR_FIELDS.items()}
        base["anime"] = bool(base["anime"])
        merged = validate_work({k: v for k, v in {**base, **changes}.items() if v is not None}, f"work {work_id}",
                               depth=1 if current.parent_id else 0)
        values = {SCALAR_FIELDS[name]: merged[name] for name in changes}
        if "title" in changes and "sort_title" not in changes:
            values["sort_title"] = sort_title(merged["title"])
        if "sort_title" in values:
            values["sort_key"] = sort_key(values["sort_title"] or sort_title(merged["title"]))
            values["sort_title"] = values["sort_title"] or sort_title(merged["title"])
        now = utcnow()
        updated = (Work.update(**values, updated_at=now, version=Work.version + 1)
                   .where((Work.id == work_id) & (Work.version == expected_version)).execute())
        if updated != 1:
            raise ConflictError(work_id, expected_version, current.version)
        for name in changes:
            (FieldSource.insert(work=work_id, field=name, source=source[0], source_name=source[1],
                                recorded_at=format_timestamp(now), locked=False)
             .on_conflict(conflict_target=[FieldSource.work, FieldSource.field],
                          update={FieldSource.source: source[0], FieldSource.source_name: source[1],
                                  FieldSource.recorded_at: format_timestamp(now)})
             .execute())
        refresh_derived(db, [work_id])
        return expected_version + 1


def delete_works(db: Database, ids: Sequence[int]) -> int:
    """Delete works with everything attached (seasons and episodes too); returns how many top rows went."""
    with write_transaction(db):
        count = 0
        for chunk in _chunks(list(ids)):
            count += Work.delete().where(Work.id.in_(chunk)).execute()
        return count


def settings() -> dict[str, Any]:
    import json
    return {key: json.loads(value) for key, value in Setting.select(Setting.key, Setting.value).tuples()}


def set_setting(key: str, value: Any) -> None:
    import json
    text = json.dumps(value, ensure_ascii=False)
    Setting.insert(key=key, value=text).on_conflict(conflict_target=[Setting.key],
                                                    update={Setting.value: text}).execute()


def lists_with_keys() -> list[dict[str, Any]]:
    """User lists with their works as "w<id>" keys, in order."""
    out = []
    for lst in UserList.select().order_by(UserList.position, UserList.id):
        works = [f"w{w}" for (w,) in UserListEntry.select(UserListEntry.work).where(
            UserListEntry.user_list == lst.id).order_by(UserListEntry.position).tuples()]
        out.append({"name": lst.name, "description": lst.description, "works": works})
    return out


def saved_searches() -> list[dict[str, str]]:
    return [{"name": n, "query": q} for n, q in SavedSearch.select(SavedSearch.name, SavedSearch.query)
            .order_by(SavedSearch.position, SavedSearch.id).tuples()]


def add_saved_searches(entries: list[dict[str, str]]) -> None:
    existing = {n for (n,) in SavedSearch.select(SavedSearch.name).tuples()}
    start = SavedSearch.select(fn.max(SavedSearch.position)).scalar() or 0
    for n, entry in enumerate(e for e in entries if e["name"] not in existing):
        SavedSearch.create(name=entry["name"], query=entry["query"], position=start + n + 1)


