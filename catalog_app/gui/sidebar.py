"""The sidebar: library sections, statuses, lists, genres, platforms and saved searches, each with its count.

Each entry stands for a query (`kind:series`, `status:planned`, `list:"Korean animation"`...) that narrows the
list; counts come from one background query over the catalog's list rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from ..services.catalog import Catalog
from ..store import listing
from ..store.works import saved_searches
from .background import Background
from .detail_panel import plain_tooltip

QueryRole = Qt.ItemDataRole.UserRole + 1


def _quoted(value: str) -> str:
    return '"' + value.replace('"', "") + '"'


class Sidebar(QTreeWidget):
    """Emits `facet_chosen(query)` when the person picks an entry ("" for All)."""

    facet_chosen = Signal(str)

    def __init__(self, catalog: Catalog, parent: Any = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setIndentation(12)
        self.setUniformRowHeights(True)
        self.setMinimumWidth(170)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._background = Background(parent=self)
        self._background.finished.connect(self.on_counts_ready)
        self._ticket = 0
        self.currentItemChanged.connect(self.on_current_item_changed)
        self.refresh()

    def refresh(self) -> None:
        """Recount in the background; the tree is rebuilt when the counts arrive."""
        db = self._catalog.db
        self._ticket = self._background.submit(lambda: (listing.facet_counts(db), saved_searches()))

    def wait(self, msecs: int = 10_000) -> bool:
        return self._background.wait(msecs)

    @Slot(int, object)
    def on_counts_ready(self, ticket: int, result: Any) -> None:
        if ticket != self._ticket:
            return
        counts, searches = result
        current = self.currentItem().data(0, QueryRole) if self.currentItem() else ""
        self.blockSignals(True)
        self.clear()
        kinds = dict(counts.get("kind", []))
        library = self._section(self.tr("Library"))
        self._entry(library, self.tr("All"), "", counts["all"][0][1])
        self._entry(library, self.tr("Films"), "kind:film", kinds.get("film", 0))
        self._entry(library, self.tr("Series"), "kind:series", kinds.get("series", 0) + kinds.get("miniseries", 0))
        self._entry(library, self.tr("Anime"), "kind:anime", counts["anime"][0][1])
        statuses = dict(counts.get("status", []))
        mine = self._section(self.tr("My status"))
        for key, label in (("planned", self.tr("Plan to watch")), ("watching", self.tr("Watching")),
                           ("completed", self.tr("Completed")), ("on_hold", self.tr("On hold")),
                           ("dropped", self.tr("Dropped"))):
            self._entry(mine, label, f"status:{key}", statuses.get(key, 0))
        for title, key, field in ((self.tr("Lists"), "list", "list"), (self.tr("Genres"), "genre", "genre"),
                                  (self.tr("Platforms"), "platform", "platform")):
            if counts.get(key):
                section = self._section(title)
                for name, count in counts[key]:
                    self._entry(section, name, f"{field}:{_quoted(name)}", count)
        if searches:
            section = self._section(self.tr("Saved searches"))
            for entry in searches:
                self._entry(section, entry["name"], entry["query"], None)
        self.expandAll()
        # Recounting does not change what the list shows: re-selecting the same entry must not filter again
        # (that would reset the list and lose its selection). An entry that is gone falls back to All.
        found = self.select_query(current)
        self.blockSignals(False)
        if not found:
            self.select_query("")

    def _section(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [title])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _entry(self, parent: QTreeWidgetItem, label: str, query: str, count: int | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [label, "" if count is None else f"{count:,}"])
        item.setData(0, QueryRole, query)
        item.setToolTip(0, plain_tooltip(query) if query else self.tr("Everything in the catalog"))
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setForeground(1, self.palette().placeholderText())
        return item

    def select_query(self, query: str) -> bool:
        for i in range(self.topLevelItemCount()):
            section = self.topLevelItem(i)
            for j in range(section.childCount()):
                if section.child(j).data(0, QueryRole) == query:
                    self.setCurrentItem(section.child(j))
                    return True
        return False

    def entries(self) -> list[tuple[str, str, str]]:
        """(section, label, count) of every entry, as shown."""
        return [(self.topLevelItem(i).text(0), self.topLevelItem(i).child(j).text(0),
                 self.topLevelItem(i).child(j).text(1))
                for i in range(self.topLevelItemCount()) for j in range(self.topLevelItem(i).childCount())]

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def on_current_item_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None and current.data(0, QueryRole) is not None:
            self.facet_chosen.emit(current.data(0, QueryRole))
