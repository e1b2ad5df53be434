"""Data derived from the tables and kept in step with them: the search index and the list rows.

Every write path calls `refresh_derived` (or, in bulk, writes both from its records) inside its transaction.
"""

from __future__ import annotations

from typing import Sequence

from peewee import Database

from . import listing, search
from .tables import Work


def refresh_derived(db: Database, ids: Sequence[int]) -> None:
    """Bring the search entries and list rows of these works up to date (gone works lose theirs)."""
    search.index_works(db, ids)
    listing.refresh(db, ids)


def rebuild_derived(db: Database, batch: int = 5000) -> int:
    """Rebuild the search index and the list rows of every work from the tables; returns how many works."""
    search.clear_index(db)
    db.execute_sql("DELETE FROM work_list")
    count = 0
    last = 0
    while True:
        ids = [r[0] for r in Work.select(Work.id).where(Work.id > last).order_by(Work.id).limit(batch).tuples()]
        if not ids:
            search.tidy_index(db)
            return count
        search.write_documents(db, search.documents_for(ids), replace=False)
        listing.write_rows(db, listing.rows_for(ids), replace=False)
        count += len(ids)
        last = ids[-1]


def derived_problems(db: Database) -> list[str]:
    return search.index_problems(db) + listing.problems(db)
