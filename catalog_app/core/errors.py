"""The errors the catalog reports to a person: each says what went wrong and where."""

from __future__ import annotations


class StarlightError(Exception):
    """A failure the user can act on; its text is one line meant to be shown as is."""


class InputError(StarlightError):
    """Bad input: a file, a field or an argument that cannot be taken.

    Args:
        message: what is wrong.
        where: where it is: a file with its line, a field path ("works[3].year"), or both.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class ConflictError(StarlightError):
    """A save based on an older version of a work than the one in the catalog."""

    def __init__(self, work_id: int, expected: int, actual: int | None) -> None:
        self.work_id = work_id
        self.expected = expected
        self.actual = actual
        if actual is None:
            text = f"work {work_id} was deleted by someone else"
        else:
            text = f"work {work_id} was changed by someone else (you edited version {expected}, it is now {actual})"
        super().__init__(text)


class DuplicateError(StarlightError):
    """Adding a work the catalog already has (the same external id): `work_id` is the one it has."""

    def __init__(self, message: str, work_id: int) -> None:
        self.work_id = work_id
        super().__init__(message)


class CatalogError(StarlightError):
    """The catalog itself cannot be opened, read or written (not SQLite, read-only, locked, too new)."""


class Cancelled(StarlightError):
    """A long job the person stopped; whatever it had begun to write was rolled back."""
