"""The list's Qt model: works matching the search, counted and fetched page by page from the catalog.

Only the pages on screen are held (a bounded cache); sorting and filtering happen in SQL, never here.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..core.errors import InputError
from ..core.query import Node, parse_query
from ..services.catalog import Catalog
from ..store.works import count_works, find_works

PAGE_SIZE = 200
#: Pages kept in memory; enough for several screens of scrolling back and forth.
MAX_PAGES = 20
#: Role that answers the work id of a row.
WorkIdRole = Qt.ItemDataRole.UserRole + 1


class WorkTableModel(QAbstractTableModel):
    """Rows are works in title order; columns are title, original title, year and kind."""

    query_failed = Signal(str)

    COLUMNS = ("title", "original_title", "year", "kind")

    def __init__(self, catalog: Catalog, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._query: Node | None = None
        self._count = count_works(catalog.db, None)
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()

    def set_search(self, text: str) -> bool:
        """Show the works matching a search-box query; False (and `query_failed`) when it cannot be read."""
        try:
            node = parse_query(text)
        except InputError as e:
            self.query_failed.emit(str(e))
            return False
        self.beginResetModel()
        self._query = node
        self._pages.clear()
        self._count = count_works(self._catalog.db, node)
        self.endResetModel()
        return True

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = count_works(self._catalog.db, self._query)
        self.endResetModel()

    def _row(self, row: int) -> tuple:
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            rows = find_works(self._catalog.db, self._query, PAGE_SIZE, page * PAGE_SIZE)
            self._pages[page] = rows
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else (0, "", None, "", None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            work_id, title, year, kind, original = self._row(index.row())
            value = (title, original, year, kind)[index.column()]
            return "" if value is None else str(value)
        if role == WorkIdRole:
            return self._row(index.row())[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return (self.tr("Title"), self.tr("Original title"), self.tr("Year"), self.tr("Kind"))[section]
        return None
