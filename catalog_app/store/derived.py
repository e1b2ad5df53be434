"""Data derived from the tables and kept in step with them: the search index and the list rows.

Every write path calls `refresh_derived` (or, in bulk, writes both from its records) inside its transaction.
"""

from __future__ import annotations

from typing import Sequence

from peewee import Database

from . import listing, search


def refresh_derived(db: Database, ids: Sequence[int]) -> None:
    """Bring the search entries and list rows of these works up to date (gone works lose theirs)."""
    search.index_works(db, ids)
    listing.refresh(db, ids)


def rebuild_derived(db: Database) -> None:
    search.rebuild_index(db)
    listing.rebuild(db)


def derived_problems(db: Database) -> list[str]:
    return search.index_problems(db) + listing.problems(db)
