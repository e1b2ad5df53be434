"""Item data roles shared by the list's models, views and delegates."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Role(IntEnum):
    #: The work id of a row (int).
    WorkId = Qt.ItemDataRole.UserRole + 1
    #: The row's primary poster as (content hash, mime type), or None when the work has none.
    Poster = Qt.ItemDataRole.UserRole + 2
    #: The row's year (int or None), for the poster grid's caption.
    Year = Qt.ItemDataRole.UserRole + 3
    #: True while the row's page is still being fetched (views paint a placeholder).
    Loading = Qt.ItemDataRole.UserRole + 4
