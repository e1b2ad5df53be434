"""The search index and the query compiler: turns `core.query` trees into SQL conditions on `Work`.

SQLite: an FTS5 table `work_fts` (words with accents folded, plus the character pairs and characters of every
Hangul, Kana and Han run, so that any substring of them is found).
PostgreSQL: a `work_search` table of accent-folded, casefolded text searched by substring (a pg_trgm index
keeps that fast where the extension exists). Every write path calls `index_works` in its own transaction, and
a delete trigger (SQLite) or a cascading key (PostgreSQL) removes a work's entries with it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable, Sequence

from peewee import SQL, Database, Expression, NodeList, fn

from ..core.normalize import cjk_query, cjk_runs, cjk_tokens, fold_accents, has_cjk, match_key
from ..core.query import And, Field, Node, Not, Or, Text
from .db import is_postgres
from .batch import bulk_insert, chunks as _chunks, delete_ids, ids_condition
from .tables import (
    Availability,
    Company,
    Credit,
    ExternalId,
    OwnedCopy,
    Person,
    PersonalEntry,
    Rating,
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
    Genre,
)

SQLITE_DDL = [
    # cjk_titles / cjk_other hold the character pairs and characters of Hangul, Kana and Han text
    # (core.normalize.cjk_tokens): substring search for scripts written without spaces.
    "CREATE VIRTUAL TABLE IF NOT EXISTS work_fts USING fts5("
    "titles, people, tags, synopsis, cjk_titles, cjk_other, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    "CREATE TRIGGER IF NOT EXISTS work_search_delete AFTER DELETE ON work BEGIN "
    "DELETE FROM work_fts WHERE rowid = old.id; END",
]
POSTGRES_DDL = [
    "CREATE TABLE IF NOT EXISTS work_search (work_id INTEGER PRIMARY KEY REFERENCES work (id) ON DELETE CASCADE, "
    "titles TEXT NOT NULL, people TEXT NOT NULL, tags TEXT NOT NULL, synopsis TEXT NOT NULL)",
]
POSTGRES_TRIGRAM_DDL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS work_search_titles_trgm ON work_search USING gin (titles gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS work_search_people_trgm ON work_search USING gin (people gin_trgm_ops)",
]
COLUMNS = ("titles", "people", "tags", "synopsis")


def create_index(db: Database) -> None:
    """Create the search tables for the catalog's engine (inside the caller's transaction)."""
    if is_postgres(db):
        for statement in POSTGRES_DDL:
            db.execute_sql(statement)
        try:
            with db.atomic():  # a savepoint: pg_trgm may be missing or need rights the user lacks
                for statement in POSTGRES_TRIGRAM_DDL:
                    db.execute_sql(statement)
        except Exception:
            pass  # substring search still works, only slower
    else:
        for statement in SQLITE_DDL:
            db.execute_sql(statement)


def _fold(text: str) -> str:
    return fold_accents(text).casefold()


def make_document(titles: Iterable[str | None], people: Iterable[str | None], tags: Iterable[str | None],
                  synopsis: Iterable[str | None]) -> tuple[str, str, str, str]:
    """The four searchable texts of a work, each part on its own line."""
    def join(parts: Iterable[str | None]) -> str:
        return "\n".join(p for p in parts if p)
    return join(titles), join(people), join(tags), join(synopsis)


def document_from_record(record: dict[str, Any], people: dict[str, dict[str, Any]]) -> tuple[str, str, str, str]:
    """The search document of a validated record; `people` maps the record's person keys to person records."""
    names: list[str | None] = []
    for credit in record["credits"]:
        person = people.get(credit["person"], {})
        names += [person.get("name"), person.get("original_name"), credit["character"]]
    return make_document(
        [record["title"], record["original_title"], *(t["title"] for t in record["titles"])],
        names,
        [*record["tags"], *record["genres"]],
        [record["synopsis"], record["tagline"], record["setting"], record["music"]],
    )


def documents_for(ids: Sequence[int]) -> dict[int, tuple[str, str, str, str]]:
    """Build the search documents of works in the catalog from their rows."""
    from .tables import AltTitle

    parts: dict[int, dict[str, list[str | None]]] = {i: defaultdict(list) for i in ids}
    spare: dict[str, list[str | None]] = defaultdict(list)  # rows of ids in a range that were not asked for
    for chunk in _chunks(sorted(parts)):
        for w in Work.select(Work.id, Work.title, Work.original_title, Work.synopsis, Work.tagline, Work.setting,
                             Work.music).where(ids_condition(Work.id, chunk)).tuples():
            parts.get(w[0], spare)["titles"] += [w[1], w[2]]
            parts.get(w[0], spare)["synopsis"] += list(w[3:])
        for work_id, title in (AltTitle.select(AltTitle.work, AltTitle.title)
                               .where(ids_condition(AltTitle.work, chunk)).tuples()):
            parts.get(work_id, spare)["titles"].append(title)
        for row in (Credit.select(Credit.work, Person.name, Person.original_name, Credit.character)
                    .join(Person).where(ids_condition(Credit.work, chunk)).order_by(Credit.id).tuples()):
            parts.get(row[0], spare)["people"] += list(row[1:])
        for work_id, name in (WorkTag.select(WorkTag.work, Tag.name).join(Tag)
                              .where(ids_condition(WorkTag.work, chunk)).order_by(WorkTag.position).tuples()):
            parts.get(work_id, spare)["tags"].append(name)
        for work_id, name in (WorkGenre.select(WorkGenre.work, Genre.name).join(Genre)
                              .where(ids_condition(WorkGenre.work, chunk)).order_by(WorkGenre.position).tuples()):
            parts.get(work_id, spare)["tags"].append(name)
    return {i: make_document(p["titles"], p["people"], p["tags"], p["synopsis"]) for i, p in parts.items()
            if p["titles"]}


def write_documents(db: Database, docs: dict[int, tuple[str, str, str, str]], replace: bool = True) -> None:
    """Store search documents (replacing what the works had) inside the caller's transaction."""
    if replace:
        drop_documents(db, list(docs))
    if is_postgres(db):
        bulk_insert(db, "work_search", ("work_id", "titles", "people", "tags", "synopsis"),
                    [(i, *(_fold(part) for part in doc)) for i, doc in docs.items()])
    else:
        bulk_insert(db, "work_fts", ("rowid", "titles", "people", "tags", "synopsis", "cjk_titles", "cjk_other"),
                    [(i, *doc, cjk_tokens(doc[0]), cjk_tokens("\n".join(doc[1:]))) for i, doc in docs.items()])


def index_works(db: Database, ids: Sequence[int]) -> None:
    """Bring the search entries of these works up to date with their rows (works gone are dropped)."""
    docs = documents_for(ids)
    gone = [i for i in ids if i not in docs]
    write_documents(db, docs)
    if gone:
        drop_documents(db, gone)


def drop_documents(db: Database, ids: Sequence[int]) -> None:
    if is_postgres(db):
        delete_ids(db, "work_search", "work_id", ids)
    else:
        delete_ids(db, "work_fts", "rowid", ids)


def clear_index(db: Database) -> None:
    """Empty the search index (before a rebuild)."""
    db.execute_sql("DELETE FROM work_search" if is_postgres(db) else "DELETE FROM work_fts")


def index_problems(db: Database) -> list[str]:
    """Where the search index disagrees with the tables: works missing from it, entries for no work, stale text."""
    problems: list[str] = []
    if is_postgres(db):
        indexed = {r[0]: r[1:] for r in db.execute_sql("SELECT work_id, titles, people, tags, synopsis "
                                                        "FROM work_search").fetchall()}
    else:
        try:
            db.execute_sql("INSERT INTO work_fts (work_fts, rank) VALUES ('integrity-check', 1)")
        except Exception as e:
            problems.append(f"search index is damaged ({e})")
        indexed = {r[0]: r[1:] for r in db.execute_sql("SELECT rowid, titles, people, tags, synopsis "
                                                        "FROM work_fts").fetchall()}
    work_ids = [r[0] for r in Work.select(Work.id).tuples()]
    missing = [i for i in work_ids if i not in indexed]
    extra = set(indexed) - set(work_ids)
    if missing:
        problems.append(f"{len(missing)} works are missing from the search index (first: id {missing[0]})")
    if extra:
        problems.append(f"{len(extra)} search entries belong to no work (first: id {min(extra)})")
    stale = 0
    first_stale = None
    for chunk in _chunks([i for i in work_ids if i in indexed], 2000):
        for work_id, doc in documents_for(chunk).items():
            expected = tuple(_fold(p) for p in doc) if is_postgres(db) else doc
            if tuple(indexed[work_id]) != expected:
                stale += 1
                first_stale = first_stale or work_id
    if stale:
        problems.append(f"{stale} search entries are out of date (first: id {first_stale})")
    return problems


# ---- query compilation -------------------------------------------------------------------------------------

_FTS_SPECIAL = re.compile(r'"')


_NON_CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                      r"\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]+")
#: A condition no work meets.
_NOTHING = Work.id < 0


def _fts_string(text: str) -> str:
    """Quote text as one FTS5 string, so no user input is read as FTS5 syntax."""
    return '"' + _FTS_SPECIAL.sub('""', text) + '"'


def _fts_match(table: str, expression: str) -> Expression:
    return Work.id.in_(SQL(f"(SELECT rowid FROM {table} WHERE {table} MATCH ?)", (expression,)))


def _pg_match(columns: Sequence[str], text: str, phrase: bool) -> Expression:
    """Match as SQLite's index does: CJK by substring, other words from the start of a word (whole if quoted)."""
    folded = _fold(text)
    if has_cjk(folded):
        pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where = " OR ".join(f"{c} LIKE %s" for c in columns)
    else:
        words = re.escape(" ".join(folded.split()))
        pattern = r"\m" + words + (r"\M" if phrase else "")
        where = " OR ".join(f"{c} ~ %s" for c in columns)
    return Work.id.in_(SQL(f"(SELECT work_id FROM work_search WHERE {where})", tuple(pattern for _ in columns)))


def _fts_expression(node: Text, columns: Sequence[str] = COLUMNS, alone: bool = True) -> str | None:
    """The FTS5 MATCH text for a word or phrase (SQLite), or None when it is not searched in the index.

    A single letter typed `alone` is not (see `_text_condition`); beside other words it is a prefix like any word,
    so that "star w" already finds "Star Wars".
    """
    text = node.text.strip()
    if has_cjk(text):
        scope = "cjk_titles" if tuple(columns) == ("titles",) else "{cjk_titles cjk_other}"
        parts = [f"{scope} : {_fts_string(cjk_query(run))}" for run in cjk_runs(text)]
        words = [w for w in _NON_CJK.split(text) if any(ch.isalnum() for ch in w)]
        word_scope = "" if tuple(columns) == COLUMNS else "{" + " ".join(columns) + "} : "
        parts += [word_scope + _fts_string(w) + " *" for w in words]
        return " AND ".join(parts)
    if not any(ch.isalnum() for ch in text) or (alone and len(text) == 1 and not node.phrase
                                                 and tuple(columns) == COLUMNS):
        return None
    scope = "{" + " ".join(columns) + "} : " if tuple(columns) != COLUMNS else ""
    return scope + _fts_string(text) + ("" if node.phrase else " *")


def _text_condition(db: Database, node: Text, columns: Sequence[str] = COLUMNS,
                    alone: bool = True) -> Expression | None:
    text = node.text.strip()
    if not text:
        return None
    if alone and tuple(columns) == COLUMNS and (start := title_start(node)) is not None:
        if is_postgres(db):  # a range would follow the database's collation; sort keys are already folded
            return Work.sort_key.startswith(start[0])
        return (Work.sort_key >= start[0]) & (Work.sort_key < start[1])
    if is_postgres(db):
        return _pg_match(columns, text, node.phrase)
    if _punctuation_only(node):
        return _NOTHING  # only punctuation: it names nothing
    return _fts_match("work_fts", _fts_expression(node, columns, alone) or "")


def title_start(node: Node | None) -> tuple[str, str] | None:
    """For one letter typed alone: the range of sort keys of titles that start with it.

    As you type, a first letter means the titles that start with it (an index range), not every word that does.
    """
    if not isinstance(node, Text) or node.phrase:
        return None
    text = node.text.strip()
    if len(text) != 1 or has_cjk(text) or not text.isalnum():
        return None
    folded = fold_accents(text).casefold()
    return folded, folded + "\U0010ffff"


def _compare(column: Any, field: Field) -> Expression:
    if field.op == "..":
        low, high = field.value, field.high
        parts = []
        if low != float("-inf"):
            parts.append(column >= low)
        if high != float("inf"):
            parts.append(column <= high)
        if not parts:
            return column.is_null(False)
        return parts[0] if len(parts) == 1 else (parts[0] & parts[1])
    return {"=": column == field.value, ">": column > field.value, ">=": column >= field.value,
            "<": column < field.value, "<=": column <= field.value}[field.op]


def _like(value: str) -> str:
    return "%" + value.replace("\\", "").replace("%", "").replace("_", " ") + "%"


def _field_condition(db: Database, f: Field) -> Expression | None:
    name = f.name
    value = f.value if isinstance(f.value, str) else ""
    if isinstance(f.value, str) and not value.strip():
        return _NOTHING
    if name == "title":
        return _text_condition(db, Text(value, phrase=True), ("titles",))
    if name in ("person", "character") or name in {r for r in _credit_roles()}:
        query = Credit.select(Credit.work).join(Person)
        if not any(ch.isalnum() for ch in value):
            return _NOTHING
        if name == "character":
            query = query.where(fn.lower(Credit.character).contains(value.lower()))
        else:
            key = match_key(value)
            query = query.where((Person.match_key.contains(key) if key else _NOTHING) | Person.name.contains(value)
                                | Person.original_name.contains(value))
            if name != "person":
                query = query.where(Credit.role == name)
        return Work.id.in_(query)
    if name == "tag":
        return Work.id.in_(WorkTag.select(WorkTag.work).join(Tag).where(Tag.key == value.casefold()))
    if name == "genre":
        return Work.id.in_(WorkGenre.select(WorkGenre.work).join(Genre).where(Genre.key == value.casefold()))
    if name == "platform":
        return Work.id.in_(Availability.select(Availability.work)
                           .where(Availability.platform_key.startswith(value.casefold())))
    if name == "company":
        return Work.id.in_(WorkCompany.select(WorkCompany.work).join(Company)
                           .where(Company.key.contains(value.casefold())))
    if name == "country":
        return Work.id.in_(WorkCountry.select(WorkCountry.work).where(WorkCountry.country == value.upper()))
    if name == "language":
        return Work.id.in_(WorkLanguage.select(WorkLanguage.work).where(WorkLanguage.language == value.lower()))
    if name == "list":
        return Work.id.in_(UserListEntry.select(UserListEntry.work).join(UserList)
                           .where(UserList.key == value.casefold()))
    if name == "note":
        return Work.id.in_(PersonalEntry.select(PersonalEntry.work)
                           .where(fn.lower(PersonalEntry.notes).contains(value.lower())))
    if name == "id":
        provider, _, ident = value.rpartition(":")
        query = ExternalId.select(ExternalId.work).where(ExternalId.value == ident)
        if provider:
            query = query.where(ExternalId.provider == provider.lower())
        return Work.id.in_(query)
    if name == "year":
        return _compare(Work.year, f)
    if name == "runtime":
        return _compare(Work.runtime, f)
    if name == "rating":
        if f.source:
            return Work.id.in_(Rating.select(Rating.work).where((Rating.source == f.source)
                                                                & _compare(Rating.value, f)))
        return Work.id.in_(PersonalEntry.select(PersonalEntry.work).where(_compare(PersonalEntry.rating, f)))
    if name == "votes":
        return Work.id.in_(Rating.select(Rating.work).where(_compare(Rating.votes, f)))
    if name == "status":
        return Work.id.in_(PersonalEntry.select(PersonalEntry.work).where(PersonalEntry.status == value))
    if name == "kind":
        return Work.is_anime == True if value == "anime" else Work.kind == value  # noqa: E712
    if name == "is":
        if value == "anime":
            return Work.is_anime == True  # noqa: E712
        if value == "favourite":
            return Work.id.in_(PersonalEntry.select(PersonalEntry.work).where(PersonalEntry.favourite == True))  # noqa: E712
        if value == "owned":
            return Work.id.in_(OwnedCopy.select(OwnedCopy.work))
        if value == "watched":
            return Work.id.in_(Viewing.select(Viewing.work)) | Work.id.in_(
                PersonalEntry.select(PersonalEntry.work).where(PersonalEntry.status == "completed"))
    return None


def _credit_roles() -> set[str]:
    from ..core.types import CreditRole
    return {r.value for r in CreditRole}


def condition(db: Database, node: Node | None) -> Expression | None:
    """The SQL condition on `Work` for a parsed query; None matches every work."""
    if node is None:
        return None
    if isinstance(node, Text):
        return _text_condition(db, node)
    if isinstance(node, Field):
        return _field_condition(db, node)
    if isinstance(node, Not):
        inner = condition(db, node.item)
        return None if inner is None else Work.id.not_in(Work.select(Work.id).where(inner))
    items = list(node.items)
    if isinstance(node, And):
        # A word of punctuation only (the "';" of a title typed whole) names nothing: beside other words it
        # narrows nothing either, rather than emptying the result.
        items = [item for item in items if not _punctuation_only(item)] or items[:1]
    parts: list[Expression] = []
    if isinstance(node, And) and not is_postgres(db):
        # Words searched together go to the index as one query: FTS5 intersects them far faster than SQL
        # intersects their separate lists (which would each be built in full first).
        words = [item for item in items if isinstance(item, Text) and item.text.strip()]
        matches = [(item, _fts_expression(item, alone=False)) for item in words] if len(words) > 1 else []
        joined = [m for _, m in matches if m]
        if len(joined) > 1:
            parts.append(_fts_match("work_fts", _all_of(joined)))
            taken = {id(item) for item, m in matches if m}
            items = [item for item in items if id(item) not in taken]
    if isinstance(node, And) and sum(isinstance(item, Text) for item in items) > 1:
        parts += [c for c in (_text_condition(db, item, alone=False) if isinstance(item, Text)
                              else condition(db, item) for item in items) if c is not None]
    else:
        parts += [c for c in (condition(db, item) for item in items) if c is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    # One flat list, not a chain of pairs: SQLite's parser stack overflows on ~100 nested ORs.
    return NodeList(parts, glue=" AND " if isinstance(node, And) else " OR ", parens=True)


def _punctuation_only(node: Node) -> bool:
    if not isinstance(node, Text):
        return False
    text = node.text.strip()
    return bool(text) and not has_cjk(text) and not any(ch.isalnum() for ch in text)


def _all_of(expressions: Sequence[str]) -> str:
    return expressions[0] if len(expressions) == 1 else " AND ".join(f"({m})" for m in expressions)


def word_match(db: Database, node: Node | None) -> str | None:
    """The one FTS5 MATCH text of a query made only of words that the index searches (SQLite), else None.

    What is typed most is such a query; knowing its MATCH text lets the list count it in the index alone, and
    test rows against it one by one when it matches a large part of the catalog (store.listing).
    """
    if node is None or is_postgres(db):
        return None
    words = node.items if isinstance(node, And) else (node,)
    if isinstance(node, And):  # as `condition` leaves out a word of punctuation only beside others
        words = tuple(w for w in words if not _punctuation_only(w)) or words[:1]
    if not all(isinstance(w, Text) and w.text.strip() for w in words):
        return None
    expressions = [_fts_expression(w, alone=len(words) == 1) for w in words]  # type: ignore[arg-type]
    if any(e is None for e in expressions):
        return None
    return _all_of(expressions)  # type: ignore[arg-type]


def uses_prefix_index(node: Node | None) -> bool:
    """True when every word of a query is long enough for the index's prefix tables (two letters or more), so
    that testing one row against it costs a lookup rather than a merge of every word with that first letter."""
    words = node.items if isinstance(node, And) else (node,)
    return all(isinstance(w, Text) and (len(w.text.strip()) > 1 or w.phrase) for w in words)


def tidy_index(db: Database) -> None:
    """Merge the index's segments into one after a large import (SQLite), which makes every later search faster;
    FTS5 merges small writes by itself. About a second at a million works."""
    if not is_postgres(db):
        db.execute_sql("INSERT INTO work_fts (work_fts) VALUES ('optimize')")


def mentions_children(node: Node | None) -> bool:
    """True when a query asks for seasons or episodes, which lists otherwise leave under their parent."""
    if isinstance(node, Field):
        return node.name == "kind" and node.value in ("season", "episode")
    if isinstance(node, Not):
        return False  # "-kind:episode" asks to leave them out, not to list them
    if isinstance(node, (And, Or)):
        return any(mentions_children(i) for i in node.items)
    return False
