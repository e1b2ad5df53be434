"""The list's projection of the catalog: one narrow `work_list` row per work with what the list shows and sorts by.

Director, platform, personal rating and status live in other tables; copying them here (in the same transaction
as every write, like the search index) lets each sortable column have an index, so any sort is an index walk
at a million works. Pages come from `page()`, counts from `count()`; neither loads more than a page.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple, Sequence

from peewee import Database

from ..core.query import Node, Text
from .db import is_postgres
from .batch import bulk_insert, chunks as _chunks, delete_ids, ids_condition
from .search import condition, mentions_children, title_start, uses_prefix_index, word_match
from .tables import AltTitle, Availability, Credit, Image, Person, PersonalEntry, Work

#: Sortable columns: name → the work_list column it sorts by.
SORT_COLUMNS = {
    "title": "sort_key", "original_title": "original_title", "year": "year", "kind": "kind",
    "director": "director_key", "rating": "rating", "status": "status", "platform": "platform_key",
    "added": "added_at",
}
#: What a page row holds, in order.
ROW_COLUMNS = ("work_id", "title", "original_title", "year", "kind", "is_anime", "director", "rating", "status",
               "platform", "added_at", "poster_hash", "poster_mime", "romanized_title")
DDL = [
    "CREATE TABLE IF NOT EXISTS work_list (work_id INTEGER PRIMARY KEY REFERENCES work (id) ON DELETE CASCADE, "
    "is_top BOOLEAN NOT NULL, sort_key TEXT NOT NULL, title TEXT NOT NULL, original_title TEXT, year INTEGER, "
    "kind TEXT NOT NULL, is_anime BOOLEAN NOT NULL, director TEXT, director_key TEXT, rating INTEGER, status TEXT, "
    "platform TEXT, platform_key TEXT, added_at TEXT NOT NULL, poster_hash TEXT, poster_mime TEXT, "
    "romanized_title TEXT)",
] + [f"CREATE INDEX IF NOT EXISTS work_list_by_{name} ON work_list (is_top, {column}, sort_key, work_id)"
     for name, column in SORT_COLUMNS.items() if name != "title"] + [
    "CREATE INDEX IF NOT EXISTS work_list_by_title ON work_list (is_top, sort_key, work_id)",
]
_COLUMNS = ("work_id", "is_top", "sort_key", "title", "original_title", "year", "kind", "is_anime", "director",
            "director_key", "rating", "status", "platform", "platform_key", "added_at", "poster_hash", "poster_mime",
            "romanized_title")


def create_table(db: Database) -> None:
    for statement in DDL:
        db.execute_sql(statement)


def _stamp(value: Any) -> str:
    return value.isoformat(sep=" ") if hasattr(value, "isoformat") else str(value)


def row_from_record(work_id: int, record: dict[str, Any], people: dict[str, dict[str, Any]], is_top: bool,
                    sort_key: str, added_at: Any) -> tuple[Any, ...]:
    """The list row of a record being inserted (the bulk path: no queries)."""
    directors = sorted((c for c in record["credits"] if c["role"] == "director"),
                       key=lambda c: (c["billing"] is None, c["billing"] or 0))
    director = people.get(directors[0]["person"], {}).get("name") if directors else None
    platform = record["availability"][0]["platform"] if record["availability"] else None
    posters = [i for i in record["images"] if i["kind"] == "poster"]
    poster = next((i for i in posters if i["primary"]), posters[0] if posters else None)
    personal = record["personal"] or {}
    romanized = next((t["title"] for t in record["titles"] if t["kind"] == "romanized"), None)
    return (work_id, is_top, sort_key, record["title"], record["original_title"], record["year"], record["kind"],
            record["anime"], director, director.casefold() if director else None, personal.get("rating"),
            personal.get("status"), platform, platform.casefold() if platform else None, _stamp(added_at),
            poster["hash"] if poster else None, poster["mime"] if poster else None, romanized)


def rows_for(ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """List rows of works in the catalog, built from their rows."""
    rows = []
    wanted = set(ids)
    for chunk in _chunks(sorted(wanted)):
        directors: dict[int, str] = {}
        for work_id, name in (Credit.select(Credit.work, Person.name).join(Person)
                              .where(ids_condition(Credit.work, chunk) & (Credit.role == "director"))
                              .order_by(Credit.work, Credit.billing.asc(nulls="LAST"), Credit.id).tuples()):
            directors.setdefault(work_id, name)
        personal = {w: (r, s) for w, r, s in PersonalEntry.select(
            PersonalEntry.work, PersonalEntry.rating, PersonalEntry.status).where(
            ids_condition(PersonalEntry.work, chunk)).tuples()}
        platforms: dict[int, str] = {}
        for work_id, platform in (Availability.select(Availability.work, Availability.platform)
                                  .where(ids_condition(Availability.work, chunk)).order_by(Availability.work, Availability.id)
                                  .tuples()):
            platforms.setdefault(work_id, platform)
        posters: dict[int, tuple[str, str]] = {}
        for work_id, digest, mime in (Image.select(Image.work, Image.content_hash, Image.mime)
                                      .where(ids_condition(Image.work, chunk) & (Image.kind == "poster"))
                                      .order_by(Image.work, Image.is_primary.desc(), Image.position, Image.id)
                                      .tuples()):
            posters.setdefault(work_id, (digest, mime))
        romanized: dict[int, str] = {}
        for work_id, title in (AltTitle.select(AltTitle.work, AltTitle.title)
                               .where(ids_condition(AltTitle.work, chunk) & (AltTitle.kind == "romanized"))
                               .order_by(AltTitle.work, AltTitle.position, AltTitle.id).tuples()):
            romanized.setdefault(work_id, title)
        for w in (Work.select(Work.id, Work.parent, Work.sort_key, Work.title, Work.original_title, Work.year,
                              Work.kind, Work.is_anime, Work.added_at).where(ids_condition(Work.id, chunk)).tuples()):
            work_id = w[0]
            if work_id not in wanted:
                continue
            director = directors.get(work_id)
            platform = platforms.get(work_id)
            rating, status = personal.get(work_id, (None, None))
            poster = posters.get(work_id, (None, None))
            rows.append((work_id, w[1] is None, w[2], w[3], w[4], w[5], w[6], bool(w[7]), director,
                         director.casefold() if director else None, rating, status, platform,
                         platform.casefold() if platform else None, _stamp(w[8]), *poster, romanized.get(work_id)))
    return rows


def write_rows(db: Database, rows: list[tuple[Any, ...]], replace: bool = True) -> None:
    """Store list rows (replacing what those works had) inside the caller's transaction."""
    if replace:
        delete_ids(db, "work_list", "work_id", [r[0] for r in rows])
    bulk_insert(db, "work_list", _COLUMNS, rows)


def refresh(db: Database, ids: Sequence[int]) -> None:
    """Bring the list rows of these works up to date (works that are gone lose theirs)."""
    rows = rows_for(ids)
    write_rows(db, rows)
    present = {r[0] for r in rows}
    delete_ids(db, "work_list", "work_id", [i for i in ids if i not in present])


def problems(db: Database) -> list[str]:
    """Where the list rows disagree with the tables."""
    stored = {r[0]: tuple(r) for r in db.execute_sql(f"SELECT {', '.join(_COLUMNS)} FROM work_list").fetchall()}
    ids = [i for (i,) in Work.select(Work.id).tuples()]
    missing = [i for i in ids if i not in stored]
    out = []
    if missing:
        out.append(f"{len(missing)} works are missing from the list (first: id {missing[0]})")
    stale = [r[0] for chunk in _chunks([i for i in ids if i in stored], 2000) for r in rows_for(chunk)
             if _normal(r) != _normal(stored[r[0]])]
    if stale:
        out.append(f"{len(stale)} list rows are out of date (first: id {min(stale)})")
    return out


def _normal(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(bool(v) if i in (1, 7) else (str(v)[:19] if i == 14 else v) for i, v in enumerate(row))


# ---- reading -------------------------------------------------------------------------------------------------

#: Result sets up to this size are fetched by id and sorted; larger ones are read in order along the index.
SMALL_RESULT = 20_000


#: A search of words is tested row by row along the sort index (rather than through the list of every work it
#: matches) when matches² > PROBE_FACTOR × catalog size: then the walk to a page's rows is shorter than building
#: that list. Measured at a million works: "the" (200,000 matches) 11 ms instead of 95 ms; "lo" (30,000) would
#: take 97 ms instead of 24 ms, so it keeps the list.
PROBE_FACTOR = 5000


def _probe(db: Database, node: Node | None, matches: int | None) -> str | None:
    """The MATCH text to test row by row, when that is the faster plan for a result of about `matches` works."""
    if matches is None or matches <= SMALL_RESULT or not uses_prefix_index(node):
        return None
    match = word_match(db, node)
    if match is None:
        return None
    size = db.execute_sql("SELECT max(work_id) FROM work_list").fetchone()[0] or 0
    return match if matches * matches > PROBE_FACTOR * size else None


def _where(db: Database, node: Node | None, by_id: bool = False, probe: str | None = None) -> tuple[str, list[Any]]:
    """SQL (over work_list aliased l) for a parsed query, and its parameters.

    `by_id` keeps the top-level test out of the index (`+l.is_top`), so that SQLite looks the matching works
    up by id instead of walking the whole sort index testing each one: much faster for selective searches.
    `probe` (a MATCH text, see `_probe`) tests each row of that walk in the search index instead.
    """
    top = "TRUE" if is_postgres(db) else "1"
    start = None if is_postgres(db) else title_start(node)
    by_id = by_id and start is None and not is_postgres(db)
    clauses = [] if mentions_children(node) else [f"{'+' if by_id else ''}l.is_top = {top}"]
    params: list[Any] = []
    cond = None if start is not None or probe is not None else condition(db, node)
    if start is not None:  # the same range as `condition` gives, on the list row: an index range when by title
        clauses.append("l.sort_key >= ? AND l.sort_key < ?")
        params += list(start)
    elif probe is not None:
        clauses.append("EXISTS (SELECT 1 FROM work_fts WHERE work_fts MATCH ? AND work_fts.rowid = l.work_id)")
        params.append(probe)
    elif cond is not None:
        sql, cond_params = db.get_sql_context().sql(Work.select(Work.id).where(cond)).query()
        head = 'SELECT "t1"."id" FROM "work" AS "t1" WHERE '
        where = sql[len(head):] if sql.startswith(head) else None
        # A nested query over work (a negation) also calls its table "t1": rewriting would correlate it.
        if where is not None and '"t1".' not in where.replace('"t1"."id"', "") and 'FROM "work"' not in where:
            # Only the work id is tested (searches, tags, people...): test it on the list row itself rather
            # than through a second list of ids, which SQLite would build in full first.
            clauses.append("(" + where.replace('"t1"."id"', "l.work_id") + ")")
        else:
            clauses.append(f"l.work_id IN ({sql})")
        params += cond_params
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def estimate(db: Database, node: Node | None) -> int | None:
    """How many works a search made only of words (what is typed most) matches, counted in the search index
    alone (children included, so an upper bound), or capped just above SMALL_RESULT for a lone letter; None
    when the query has other conditions (then the count decides)."""
    match = word_match(db, node)
    if match is not None:
        return db.execute_sql("SELECT count(*) FROM work_fts WHERE work_fts MATCH ?", (match,)).fetchone()[0]
    if node is None or is_postgres(db) or not isinstance(node, Text):
        return None
    cond = condition(db, node)
    if cond is None:
        return None
    sql, params = db.get_sql_context().sql(Work.select(Work.id).where(cond).limit(SMALL_RESULT + 1)).query()
    return db.execute_sql(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


class FirstPage(NamedTuple):
    rows: list[tuple[Any, ...]]
    #: The count of the result, or None while it is left for later (a broad search).
    total: int | None
    #: The count, or (when that is left for later) an estimate to pass to `page()` as its `total`.
    matches: int


def first_page(db: Database, node: Node | None, sort: str = "title", descending: bool = False,
               limit: int = 200) -> FirstPage:
    """The first page of a result and its count; for a broad search of words the count is left for later
    (None), so that the list shows as soon as its first page is known."""
    bound = estimate(db, node)
    if bound is not None and word_match(db, node) is not None and not _has_children(db):
        total = bound  # the index counted exactly what the list shows
    elif bound is not None and bound > SMALL_RESULT:
        return FirstPage(page(db, node, sort, descending, 0, limit, total=bound), None, bound)
    else:
        total = count(db, node)
    return FirstPage(page(db, node, sort, descending, 0, limit, total=total), total, total)


def _has_children(db: Database) -> bool:
    """True when the catalog has seasons or episodes (which the search index counts and lists leave out)."""
    top = "FALSE" if is_postgres(db) else "0"
    return db.execute_sql(f"SELECT 1 FROM work_list WHERE is_top = {top} LIMIT 1").fetchone() is not None


def count(db: Database, node: Node | None) -> int:
    where, params = _where(db, node, by_id=condition(db, node) is not None)
    return db.execute_sql(f"SELECT count(*) FROM work_list l{where}", params).fetchone()[0]


def page(db: Database, node: Node | None, sort: str = "title", descending: bool = False, offset: int = 0,
         limit: int | None = 200, after: tuple[Any, ...] | None = None, total: int | None = None) -> list[tuple[Any, ...]]:
    """One page of list rows: ROW_COLUMNS, then the row's keyset key (see `keyset_key`).

    Ordered by the sort column, then title and id, exactly as the column's index runs (so no sort step);
    missing values come first going up and last going down, on both engines. `after` is the keyset key of
    the row before the page: with it the page is a seek, cheap at any depth; without it, OFFSET.
    `total` (the count of the result, or an estimate of it) picks the plan: see SMALL_RESULT and PROBE_FACTOR.
    """
    column = SORT_COLUMNS[sort]
    keys = ["sort_key", "work_id"] if column == "sort_key" else [column, "sort_key", "work_id"]
    direction = "DESC" if descending else "ASC"
    nulls = (" NULLS LAST" if descending else " NULLS FIRST") if is_postgres(db) else ""
    where, params = _where(db, node, by_id=total is not None and total <= SMALL_RESULT and node is not None,
                           probe=_probe(db, node, total))
    if after is not None:
        seek, seek_params = _seek(keys, after, descending)
        where = (where + " AND " if where else " WHERE ") + seek
        params = params + seek_params
        offset = 0
    mark = "%s" if is_postgres(db) else "?"
    order = ", ".join(f"l.{k} {direction}{nulls if k == column and column != 'sort_key' else ''}" for k in keys)
    select = ", ".join(f"l.{c}" for c in ROW_COLUMNS + tuple(k for k in keys if k != "work_id"))
    sql = f"SELECT {select} FROM work_list l{where} ORDER BY {order} LIMIT {mark} OFFSET {mark}"
    sql = sql.replace("?", mark) if is_postgres(db) else sql
    if limit is None:  # every row: SQLite spells "no limit" -1, PostgreSQL NULL
        limit = None if is_postgres(db) else -1  # type: ignore[assignment]
    return [tuple(r) for r in db.execute_sql(sql, params + [limit, offset]).fetchall()]


def keyset_key(row: tuple[Any, ...], sort: str) -> tuple[Any, ...]:
    """The key of a `page()` row to pass as `after` for the page that follows it."""
    extra = row[len(ROW_COLUMNS):]
    return (*extra, row[0])


def _seek(keys: list[str], after: tuple[Any, ...], descending: bool) -> tuple[str, list[Any]]:
    """Rows strictly after `after` in (keys) order, where the first key may be NULL (first going up)."""
    cmp = "<" if descending else ">"
    if len(keys) == 2:
        return f"(l.sort_key, l.work_id) {cmp} (?, ?)", list(after)
    column = keys[0]
    value, rest = after[0], list(after[1:])
    if value is None:
        tail = f"(l.{column} IS NULL AND (l.sort_key, l.work_id) {cmp} (?, ?))"
        return (f"({tail})" if descending else f"({tail} OR l.{column} IS NOT NULL)"), rest
    ordered = f"(l.{column}, l.sort_key, l.work_id) {cmp} (?, ?, ?)"
    return (f"({ordered} OR l.{column} IS NULL)" if descending else ordered), [value, *rest]


def facet_counts(db: Database) -> dict[str, list[tuple[str, int]]]:
    """Counts for the sidebar: kinds, anime, statuses, lists, genres and platforms (top-level works)."""
    top = "TRUE" if is_postgres(db) else "1"
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    out["all"] = [("all", db.execute_sql(f"SELECT count(*) FROM work_list WHERE is_top = {top}").fetchone()[0])]
    out["kind"] = [tuple(r) for r in db.execute_sql(
        f"SELECT kind, count(*) FROM work_list WHERE is_top = {top} GROUP BY kind ORDER BY count(*) DESC")]
    out["anime"] = [("anime", db.execute_sql(
        f"SELECT count(*) FROM work_list WHERE is_top = {top} AND is_anime = {top}").fetchone()[0])]
    out["status"] = [tuple(r) for r in db.execute_sql(
        f"SELECT status, count(*) FROM work_list WHERE is_top = {top} AND status IS NOT NULL GROUP BY status")]
    out["list"] = [tuple(r) for r in db.execute_sql(
        "SELECT ul.name, count(e.id) FROM user_list ul LEFT JOIN user_list_entry e ON e.user_list_id = ul.id "
        "GROUP BY ul.id, ul.name, ul.position ORDER BY ul.position, ul.name")]
    out["genre"] = [tuple(r) for r in db.execute_sql(
        "SELECT g.name, count(*) FROM work_genre wg JOIN genre g ON g.id = wg.genre_id GROUP BY g.id, g.name "
        "ORDER BY count(*) DESC, g.name LIMIT 40")]
    out["platform"] = [tuple(r) for r in db.execute_sql(
        f"SELECT min(platform), count(*) FROM work_list WHERE is_top = {top} AND platform_key IS NOT NULL "
        "GROUP BY platform_key ORDER BY count(*) DESC LIMIT 40")]
    return dict(out)


