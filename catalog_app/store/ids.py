"""Conditions on many ids at once, cheap to build: a range when the ids are dense, an IN list otherwise.

Building the SQL of a 500-value IN list costs Peewee more than running the query; ids written by one import are
consecutive, so a range says the same. Callers skip rows of ids they did not ask for (a range may hold some).
"""

from __future__ import annotations

from typing import Any, Sequence


def ids_condition(column: Any, chunk: Sequence[int]) -> Any:
    """`column IN chunk` for a sorted chunk of ids, as a range when they are dense."""
    if chunk[-1] - chunk[0] < 2 * len(chunk):
        return column.between(chunk[0], chunk[-1])
    return column.in_(chunk)
