"""The main window: search box, list of works and a detail panel; and `run_app`, which starts the GUI.

This is the first window (catalog core); the full list/detail/editor window grows from it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core.errors import StarlightError
from ..services.catalog import Catalog
from ..services.describe import describe_work
from ..services.paths import default_catalog
from .work_table_model import WorkIdRole, WorkTableModel

#: Pause after the last keystroke before searching, in ms.
SEARCH_DELAY_MS = 120


class MainWindow(QMainWindow):
    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.setWindowTitle(self.tr("{app} — {catalog}").format(app=APP_NAME, catalog=catalog.name))
        self.resize(1200, 720)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr('Search titles, people, tags… e.g. director:"Han Ji-won" '
                                               'year:2020..2025'))
        self.model = WorkTableModel(catalog, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 200)
        self.table.setColumnWidth(2, 60)
        self.table.setAlternatingRowColors(True)
        self.detail = QPlainTextEdit()  # plain text: nothing from outside is ever rendered as markup
        self.detail.setReadOnly(True)
        self.detail.setFont(QFont("monospace"))

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setSizes([600, 600])
        self.setCentralWidget(splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.on_search_timer_timeout)
        self.search.textChanged.connect(self.on_search_text_changed)
        self.model.query_failed.connect(self.on_query_failed)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.on_find)
        self.update_status()
        if self.model.rowCount():
            self.table.selectRow(0)

    def update_status(self) -> None:
        count = self.model.rowCount()
        self.statusBar().showMessage(self.tr("1 work") if count == 1 else self.tr("{n:,} works").format(n=count))

    @Slot(str)
    def on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def on_search_timer_timeout(self) -> None:
        if self.model.set_search(self.search.text()):
            self.update_status()
            if self.model.rowCount():
                self.table.selectRow(0)
            else:
                self.detail.clear()

    @Slot(str)
    def on_query_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)

    @Slot()
    def on_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        work_id = self.model.data(indexes[0], WorkIdRole)
        self.detail.setPlainText(describe_work(self.catalog, work_id) if work_id else "")


def open_for_gui(target: str | None) -> tuple[Catalog, bool]:
    """Open the catalog to show; a brand-new default catalog gets the sample, so a first start is not empty."""
    first_start = target is None and not Path(default_catalog()).exists()
    catalog = Catalog.open(target or default_catalog())
    if first_start and catalog.is_empty():
        from ..services.sample import load_sample
        load_sample(catalog)
    return catalog, first_start


def run_app(target: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    try:
        catalog, first_start = open_for_gui(target)
    except StarlightError as e:
        QMessageBox.critical(None, APP_NAME, str(e))
        return 1
    window = MainWindow(catalog)
    if first_start:
        window.statusBar().showMessage(window.tr("Welcome: this is a sample catalog to explore"), 8000)
    window.show()
    code = app.exec()
    catalog.close()
    return code
