"""The list's Qt model: works matching the search and the sidebar, sorted by any column, fetched from the
catalog's `work_list` rows page by page in a worker thread.

`data()` only reads pages already fetched; a row on a page not yet there shows as loading and asks for its
page. Counting, sorting and filtering happen in SQL (store.listing), never in Python over all rows.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from ..core.errors import InputError
from ..core.query import Node, parse_query
from ..services.catalog import Catalog
from ..store import listing
from ..store.db import Interruptible, Interrupted
from .background import Background, list_pool
from .detail_panel import plain_tooltip
from .roles import Role

PAGE_SIZE = 200
#: Pages kept in memory (10,000 rows): several screens of scrolling either way.
MAX_PAGES = 50

# Translated by WorkListModel's self.tr when shown; the marks let lupdate extract them under that class.
_KIND_LABELS = {"film": QT_TRANSLATE_NOOP("WorkListModel", "Film"),
                "series": QT_TRANSLATE_NOOP("WorkListModel", "Series"),
                "miniseries": QT_TRANSLATE_NOOP("WorkListModel", "Miniseries"),
                "season": QT_TRANSLATE_NOOP("WorkListModel", "Season"),
                "episode": QT_TRANSLATE_NOOP("WorkListModel", "Episode"),
                "short": QT_TRANSLATE_NOOP("WorkListModel", "Short"),
                "special": QT_TRANSLATE_NOOP("WorkListModel", "Special"),
                "tv_film": QT_TRANSLATE_NOOP("WorkListModel", "TV film"),
                "ova": QT_TRANSLATE_NOOP("WorkListModel", "OVA")}
_STATUS_LABELS = {"planned": QT_TRANSLATE_NOOP("WorkListModel", "Plan to watch"),
                  "watching": QT_TRANSLATE_NOOP("WorkListModel", "Watching"),
                  "completed": QT_TRANSLATE_NOOP("WorkListModel", "Completed"),
                  "on_hold": QT_TRANSLATE_NOOP("WorkListModel", "On hold"),
                  "dropped": QT_TRANSLATE_NOOP("WorkListModel", "Dropped")}


class WorkListModel(QAbstractTableModel):
    """Rows are works; columns are the list's columns (`COLUMNS`), any of which the view may hide or sort by."""

    #: Column keys in order; each is also a sort key of store.listing.
    COLUMNS = ("title", "original_title", "year", "kind", "director", "rating", "status", "platform", "added")
    #: The search could not be read (a bad field value): one line saying why.
    query_failed = Signal(str)
    #: A new result set is shown, with its count (or its rows so far, when the total is still being counted).
    results_shown = Signal(int)
    #: The total of a broad search is known (it was shown as its first rows).
    results_counted = Signal(int)

    def __init__(self, catalog: Catalog, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._node: Node | None = None
        self._facet: Node | None = None
        self._search: Node | None = None
        self._sort = "title"
        self._descending = False
        self._count = 0
        self._title_preference = "localized"
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._asked: set[int] = set()
        self._reset_ticket = 0
        self._count_ticket = 0
        self._counting = False
        self._generation = 0
        self._page_tickets: dict[int, int] = {}
        #: The count of the result shown, or an estimate while it is being counted (it picks the page plan).
        self._matches = 0
        self._count_reader = Interruptible()
        self._keep_place = False
        # Views ask for headers on every paint, and data() for every visible cell: translate the labels once.
        self._kind_labels = {kind: self.tr(kind_label) for kind, kind_label in _KIND_LABELS.items()}
        self._anime_kind = self.tr("{kind}, anime")
        self._status_labels = {status: self.tr(status_label) for status, status_label in _STATUS_LABELS.items()}
        self._headers = (self.tr("Title"), self.tr("Original title"), self.tr("Year"), self.tr("Kind"),
                         self.tr("Director"), self.tr("My rating"), self.tr("Status"), self.tr("Platform"),
                         self.tr("Added"))
        self._background = Background(list_pool(), self)
        self._background.finished.connect(self.on_query_finished)
        self._background.failed.connect(self.on_query_failed)
        self.refresh()

    # ---- what is shown --------------------------------------------------------------------------------------

    def set_search(self, text: str) -> bool:
        """Show works matching a search-box query; False (and `query_failed`) when it cannot be read."""
        try:
            self._search = parse_query(text)
        except InputError as e:
            self.query_failed.emit(str(e))
            return False
        self.refresh()
        return True

    def set_facet(self, query: str) -> None:
        """Narrow the list to a sidebar entry (a query such as `kind:series`; empty for all)."""
        self._facet = parse_query(query)
        self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort = self.COLUMNS[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def set_title_preference(self, preference: str) -> None:
        """Which title the Title column shows first: "localized", "original" or "romanized" (else the title)."""
        self._title_preference = preference
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 0))

    @property
    def sort_column(self) -> int:
        return self.COLUMNS.index(self._sort)

    def refresh(self, keep_place: bool = False) -> None:
        """Ask the catalog again (after a search, a sort or a change); the answer arrives in a worker's time.

        `keep_place` (another client changed the catalog, the person did nothing): the rows are updated where
        they are, with no reset, so the view keeps its scroll position, selection and current row; the pages
        already seen stay on show until their fresh copies arrive."""
        self._keep_place = keep_place
        parts = tuple(n for n in (self._facet, self._search) if n is not None)
        from ..core.query import And
        self._node = None if not parts else parts[0] if len(parts) == 1 else And(parts)
        db, node, sort, descending = self._catalog.db, self._node, self._sort, self._descending

        self._generation += 1
        generation = self._generation

        def query() -> listing.FirstPage | None:
            if generation != self._generation:
                return None  # the person typed on: this result would never be shown
            return listing.first_page(db, node, sort, descending, PAGE_SIZE)

        if self._count_ticket:  # the total of a result no longer wanted: stop counting it
            self._count_ticket = 0
            self._counting = False
            self._count_reader.interrupt()
        self._reset_ticket = self._background.submit(query, priority=1)
        self._page_tickets.clear()

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the queries this model asked for (shutdown, tests)."""
        return self._background.wait(msecs)

    def is_loading(self) -> bool:
        return self._reset_ticket != 0 or self._counting

    def is_counting(self) -> bool:
        """True while a broad search shows its first rows and its total is still being counted."""
        return self._counting

    @Slot(int, object)
    def on_query_finished(self, ticket: int, result: Any) -> None:
        if ticket == self._reset_ticket:
            if result is None:
                return
            count, first = result.total, result.rows
            if self._keep_place and count is not None and self._count:
                self._update_in_place(count, first)
            else:
                self.beginResetModel()
                self._count = len(first) if count is None else count
                self._matches = result.matches
                self._pages = OrderedDict({0: first})
                self._asked = set()
                self.endResetModel()
            self._reset_ticket = 0
            self._counting = count is None
            if count is None:  # a broad search: its rows are shown, its total follows
                self._count_ticket = self._background.submit(self._counter(self._node, self._generation))
            self.results_shown.emit(self._count)
            return
        if ticket == self._count_ticket:
            self._count_ticket = 0
            self._counting = False
            if isinstance(result, int) and result > self._count:
                self.beginInsertRows(QModelIndex(), self._count, result - 1)
                self._count = result
                self.endInsertRows()
            self.results_counted.emit(self._count)
            return
        page = next((p for p, t in self._page_tickets.items() if t == ticket), None)
        if page is None:
            return  # an answer for a result set no longer shown
        del self._page_tickets[page]
        self._pages[page] = result
        while len(self._pages) > MAX_PAGES:
            old, _ = self._pages.popitem(last=False)
            self._asked.discard(old)
        top = page * PAGE_SIZE
        bottom = min(top + len(result), self._count) - 1
        if bottom >= top:
            self.dataChanged.emit(self.index(top, 0), self.index(bottom, len(self.COLUMNS) - 1))

    def _update_in_place(self, count: int, first: list[tuple]) -> None:
        """Take a fresh result as changes to the rows on show: rows added or removed at the end, the rest changed."""
        if count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()
        elif count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        self._matches = count
        stale = [page for page in self._pages if page != 0 and page * PAGE_SIZE < count]
        self._pages = OrderedDict((page, self._pages[page]) for page in stale)
        self._pages[0] = first
        self._asked = set()
        for page in stale:
            self._fetch(page)  # the old copy is shown until this one arrives
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self.COLUMNS) - 1))

    def _counter(self, node: Node | None, generation: int) -> Callable[[], int | None]:
        """The count of a broad search, to run on the list's worker; None when the search was replaced."""
        db, reader = self._catalog.db, self._count_reader

        def count() -> int | None:
            if generation != self._generation:
                return None
            try:
                with reader.running(db):
                    return listing.count(db, node)
            except Interrupted:
                return None
        return count

    @Slot(int, str)
    def on_query_failed(self, ticket: int, message: str) -> None:
        if ticket == self._reset_ticket:
            self._reset_ticket = 0
        self._page_tickets = {p: t for p, t in self._page_tickets.items() if t != ticket}
        self.query_failed.emit(message)

    def _fetch(self, page: int) -> None:
        if page in self._asked:
            return
        self._asked.add(page)
        db, node, sort, descending = self._catalog.db, self._node, self._sort, self._descending
        before = self._pages.get(page - 1)
        after = listing.keyset_key(before[-1], sort) if before and len(before) == PAGE_SIZE else None

        total = self._matches if self._counting else self._count
        generation = self._generation

        def query() -> list[tuple] | None:
            if generation != self._generation:
                return None  # asked for a result set no longer shown
            return listing.page(db, node, sort, descending, page * PAGE_SIZE, PAGE_SIZE, after=after, total=total)

        self._page_tickets[page] = self._background.submit(query)

    def _row(self, row: int) -> tuple | None:
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            self._fetch(page)
            return None
        self._pages.move_to_end(page)
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def work_id(self, row: int) -> int | None:
        values = self._row(row)
        return values[0] if values else None

    def row_of(self, work_id: int) -> int | None:
        """The row showing a work, among the pages fetched so far."""
        for page, rows in self._pages.items():
            for offset, values in enumerate(rows):
                if values[0] == work_id:
                    return page * PAGE_SIZE + offset
        return None

    # ---- Qt model interface ---------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = self._row(index.row())
            if values is None:
                return self.tr("Loading…") if index.column() == 0 and role == Qt.ItemDataRole.DisplayRole else None
            text = self._display(values, self.COLUMNS[index.column()])
            # A tooltip that looks like markup is shown as rich text: a title from outside must show as written.
            # An empty cell keeps "" (no tooltip): a wrapped empty string would pop up an empty tooltip.
            return text if role == Qt.ItemDataRole.DisplayRole or not text else plain_tooltip(text)
        if role == Role.WorkId:
            return self.work_id(index.row())
        if role == Role.Poster:
            values = self._row(index.row())
            return (values[11], values[12]) if values and values[11] else None
        if role == Role.Year:
            values = self._row(index.row())
            return values[3] if values else None
        if role == Role.Loading:
            return self._row(index.row()) is None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[index.column()] in ("year", "rating"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, values: tuple, column: str) -> str:
        (work_id, title, original, year, kind, anime, director, rating, status, platform, added,
         *_rest) = values
        if column == "title":
            if self._title_preference == "original" and original:
                return original
            if self._title_preference == "romanized" and values[13]:
                return values[13]
            return title
        if column == "original_title":
            return original or ""
        if column == "year":
            return "" if year is None else str(year)
        if column == "kind":
            label = self._kind_labels.get(kind, kind)
            return self._anime_kind.format(kind=label) if anime else label
        if column == "director":
            return director or ""
        if column == "rating":
            return "" if rating is None else str(rating)
        if column == "status":
            return self._status_labels.get(status, "")
        if column == "platform":
            return platform or ""
        return str(added)[:10]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole \
                or not 0 <= section < len(self.COLUMNS):
            return None
        return self._headers[section]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
