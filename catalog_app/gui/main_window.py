"""The main window: sidebar of facets, the list (table or poster grid), and the detail, person and editor
panels; menus, toolbar and shortcuts; and `run_app`, which starts the GUI.

Catalog queries run in workers (gui.background); the window only reacts to their results.
"""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QProcess,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QGuiApplication, QImageReader, QKeySequence, QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..core.errors import StarlightError
from ..core.images import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, jpeg_is_complete
from ..services.catalog import Catalog, DeletedWorks, SavedWorks, UndoneImport, WorkState
from ..services.live import ChangeListener
from ..services.shared_images import ImageFetcher
from ..services.bulk_refresh import journal_path
from ..services.paths import cache_dir, default_catalog
from ..services.snapshots import SNAPSHOT_CHECK_EVERY, snapshot_command
from ..store.works import works_of_person
from .app_resources import identify, install_translators
from .background import Background
from .detail_panel import DetailPanel
from .editor import WorkEditor
from .person_view import PersonView
from .poster_grid import PosterGridView
from .posters import PosterCache
from .settings_dialog import SettingsDialog
from .sidebar import Sidebar
from .ui_settings import UiSettings
from .work_list_model import WorkListModel

if TYPE_CHECKING:  # the online parts load when first used: requests and its cache cost start-up time
    from ..services.bulk_refresh import BulkRefresh
    from ..services.imports import ImportOutcome
    from ..services.online import Online, RefreshPreview
    from .import_wizard import ImportWizard
    from .online_dialog import BulkRefreshDialog

#: Pause after a keystroke before searching, in ms: none (stale queries are skipped), but keystrokes that
#: arrive together are searched once.
SEARCH_DELAY_MS = 0
#: Pause before the detail follows a new selection, in ms: typing or holding an arrow key stays fluid.
DETAIL_DELAY_MS = 90
#: Another client's changes to a shared catalog update the list and sidebar once per this many milliseconds, so
#: that a burst of their saves (an import, a bulk refresh) costs one refresh, not one each.
LIVE_REFRESH_DELAY_MS = 250
#: Images a person may drop on a poster: at most this many bytes and pixels a side.
# Marked for lupdate, which extracts literals only; MainWindow translates it when shown.
SEARCH_HELP = QT_TRANSLATE_NOOP(
    "MainWindow", """Plain words search titles in every script, people, characters, tags, genres and synopsis.
Words match from their start: star finds Starlight; one letter alone lists the titles that start with it.
Hangul, Kana and Han are found by any part: 별에 finds 이 별에 필요한.

director:"Han Ji-won"   writer:  voice:  cast:  person:  character:
year:2020..2025   year:>=2000   runtime:<100
rating:>=80   (your rating, 0–100)   rating.rotten_tomatoes:>=90   rating.imdb:>=8
tag:space   genre:animation   platform:netflix   company:netflix   country:KR   language:ko
status:planned  (watching, completed, on_hold, dropped)   is:favourite   is:owned   is:watched
kind:series  (film, season, episode, anime…)   list:"Korean animation"   id:tt6751668

Words combine with AND; OR gives alternatives; - or NOT excludes; (parentheses) group; "quotes" make a phrase:
(kind:film OR kind:series) -status:completed "lost in\"""")


class DeleteCommand(QUndoCommand):
    """Deleting works, undone by putting them back with their ids, lists, posters and links."""

    def __init__(self, window: "MainWindow", ids: list[int], titles: list[str]) -> None:
        if len(ids) == 1:
            text = QCoreApplication.translate("MainWindow", "Delete “{title}”").format(title=titles[0])
        else:
            text = QCoreApplication.translate("MainWindow", "Delete {n} works").format(n=len(ids))
        super().__init__(text)
        self._window = window
        self._ids = ids
        self._deleted: DeletedWorks | None = None

    def redo(self) -> None:
        self._deleted = self._window.catalog.delete_works(self._ids)
        self._window.catalog_changed()

    def undo(self) -> None:
        if self._deleted is not None:
            self._window.catalog.restore(self._deleted)
            self._window.catalog_changed(select=self._ids[0])


class AddCommand(QUndoCommand):
    """Adding a work by its title; undone by deleting it again."""

    def __init__(self, window: "MainWindow", title: str, year: int | None = None) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "Add “{title}”").format(title=title))
        self._window = window
        self._title = title
        self._year = year
        self._deleted: DeletedWorks | None = None
        self.work_id: int | None = None

    def redo(self) -> None:
        if self._deleted is None:
            self.work_id = self._window.catalog.add_new(self._title, self._year)
        else:
            self._window.catalog.restore(self._deleted)
        self._window.catalog_changed(select=self.work_id)

    def undo(self) -> None:
        if self.work_id is not None:
            self._deleted = self._window.catalog.delete_works([self.work_id])
            self._window.catalog_changed()


class AddedCommand(QUndoCommand):
    """A work already added (from an online source): undone by deleting it, redone by putting it back."""

    def __init__(self, window: "MainWindow", work_id: int, title: str) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "Add “{title}” from online").format(title=title))
        self._window = window
        self.work_id = work_id
        self._deleted: DeletedWorks | None = None

    def redo(self) -> None:
        if self._deleted is not None:
            self._window.catalog.restore(self._deleted)
        self._window.catalog_changed(select=self.work_id)

    def undo(self) -> None:
        self._deleted = self._window.catalog.delete_works([self.work_id])
        self._window.catalog_changed()


class RefreshCommand(QUndoCommand):
    """A metadata refresh already applied, to one work or many: one undo step. Undo and redo put the works back
    on a worker thread, one at a time (the lock), each swapping the states it leaves for the ones it restores;
    a work someone changed since is left as it is and reported."""

    def __init__(self, window: "MainWindow", states: dict[int, WorkState], text: str) -> None:
        super().__init__(text)
        self._window = window
        self._saved = SavedWorks(states)  # what the next undo (or redo) puts back
        self._lock = threading.Lock()
        self._first = True

    def _swap(self) -> None:
        catalog = self._window.catalog

        def swap() -> dict[int, StarlightError]:
            with self._lock:
                self._saved, refused = catalog.put_back(self._saved)
            return refused
        works = self._saved.works
        self._window.put_back(swap, next(iter(works)) if len(works) == 1 else None)

    def redo(self) -> None:
        if self._first:  # pushed once the refresh was written
            self._first = False
            return
        self._swap()

    def undo(self) -> None:
        self._swap()


class ImportCommand(QUndoCommand):
    """An import already written (File → Import…): one undo step. Undo deletes the works it added and gives the
    works it updated their layers back, redo brings both back, each in one transaction on a worker; a work someone
    changed since is left as it is and reported. Steps run in the order they were asked (an undo and a quick redo
    may reach the window's two workers together, and unlike a refresh's swap they are not the same step)."""

    def __init__(self, window: "MainWindow", outcome: ImportOutcome, name: str) -> None:
        super().__init__(QCoreApplication.translate("MainWindow", "Import {file}").format(file=name))
        self._window = window
        self._outcome = outcome
        self._undone: UndoneImport | None = None  # what redo_import needs, while undone
        self._turns = threading.Condition()
        self._asked = self._served = 0
        self._first = True

    def _step(self, undo: bool) -> None:
        turn, self._asked = self._asked, self._asked + 1

        def step() -> dict[int, StarlightError]:
            with self._turns:
                self._turns.wait_for(lambda: self._served == turn)
                try:
                    return self._undo() if undo else self._redo()
                finally:
                    self._served += 1
                    self._turns.notify_all()
        self._window.put_back(step, None)

    def _undo(self) -> dict[int, StarlightError]:
        if self._undone is not None:  # the redo before failed: it is still undone
            return {}
        self._undone = self._window.catalog.undo_import(self._outcome)
        return self._undone.refused

    def _redo(self) -> dict[int, StarlightError]:
        if self._undone is None:  # the undo before failed: it is still there
            return {}
        # The outcome the redo gives back holds the versions it left: the next undo's saves check them
        self._outcome, refused = self._window.catalog.redo_import(self._undone)
        self._undone = None
        return refused

    def redo(self) -> None:
        if self._first:  # pushed once the import was written
            self._first = False
            return
        self._step(undo=False)

    def undo(self) -> None:
        self._step(undo=True)


#: How long a Python thread may keep the interpreter before another gets a turn. Workers (a bulk refresh, searches)
#: run Python code for long stretches; with Python's 5 ms the event loop could wait several turns in a row.
GIL_SWITCH_INTERVAL = 0.001


class MainWindow(QMainWindow):
    def __init__(self, catalog: Catalog, settings: UiSettings | None = None) -> None:
        super().__init__()
        self.catalog = catalog
        self.settings = settings or UiSettings()
        self.setWindowTitle(self.tr("{app} — {catalog}").format(app=APP_NAME, catalog=catalog.name))
        self.setAcceptDrops(False)

        self.posters = PosterCache(catalog.image_file, cache_dir() / "posters",
                                   ram_bytes=self.settings.get("cache/poster_ram_mb") * 2**20,
                                   disk_bytes=self.settings.get("cache/poster_disk_mb") * 2**20, parent=self,
                                   # A shared catalog's posters added on another computer are fetched here.
                                   fetch_missing=ImageFetcher(catalog, self.settings.store))
        self.model = WorkListModel(catalog, self)
        self.model.set_title_preference(self.settings.get("titles/preference"))
        self._build_list()
        self.sidebar = Sidebar(catalog, self)
        self.detail = DetailPanel(self.posters)
        self.person = PersonView()
        self.editor = WorkEditor(catalog)
        self.right = QStackedWidget()
        for page in (self.detail, self.person, self.editor):
            self.right.addWidget(page)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self._list_panel)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([200, 640, 600])
        self.setCentralWidget(self.splitter)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)

        self.undo_group = QUndoGroup(self)
        self.window_stack = QUndoStack(self)
        self.undo_group.addStack(self.window_stack)
        self.undo_group.addStack(self.editor.undo_stack)
        self.undo_group.setActiveStack(self.window_stack)
        for action in (self.editor.undo_action, self.editor.redo_action):
            self.editor.removeAction(action)  # the window's undo/redo serve whichever stack is active
        self._background = Background(parent=self)
        self._background.finished.connect(self.on_background_finished)
        self._background.failed.connect(self.on_background_failed)
        self._tickets: dict[str, int] = {}
        self._online: Online | None = None
        self._refresh_source = ""
        self._put_back_select: int | None = None
        self._elsewhere_for: int | None = None
        self.bulk_dialog: BulkRefreshDialog | None = None
        self.import_wizard: ImportWizard | None = None
        self._shown_work: int | None = None
        self._select_after_reset: int | None = None
        self._detail_timer = QTimer(self)  # the detail follows the selection once it settles, not every row passed
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._pending_detail: int | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        self._live_update = False
        self._live_refresh_timer = QTimer(self)
        self._live_refresh_timer.setSingleShot(True)
        self._live_refresh_timer.setInterval(LIVE_REFRESH_DELAY_MS)
        self.connection_label = QLabel()
        self.connection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.connection_label.hide()
        self.statusBar().addPermanentWidget(self.connection_label)
        #: Hears other clients' changes to a shared catalog (None for a catalog file).
        self.live = ChangeListener.for_database(catalog.db, self)

        self._build_actions()
        self._connect()
        self._restore_state()
        self.update_count(self.model.rowCount())
        if self.live is not None:
            self.live.start()

    # ---- building ---------------------------------------------------------------------------------------------

    def _build_list(self) -> None:
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr('Search titles, people, tags…  e.g. director:"Han Ji-won" '
                                               'year:2020..2025  (F1: help)'))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widths = {"title": 200, "original_title": 130, "year": 48, "kind": 96, "director": 130, "rating": 80,
                  "status": 110, "platform": 90, "added": 90}
        for column, name in enumerate(self.model.COLUMNS):
            self.table.setColumnWidth(column, widths[name])
        for hidden in ("rating", "added", "status", "platform"):
            self.table.setColumnHidden(self.model.COLUMNS.index(hidden), True)
        self.grid = PosterGridView(self.posters)
        self.grid.setModel(self.model)
        self.grid.setSelectionModel(self.table.selectionModel())
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.grid)
        self._list_panel = QWidget()
        layout = QVBoxLayout(self._list_panel)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.views)

    def _action(self, text: str, shortcut: Any = None, slot: Any = None, menu: QMenu | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        if slot is not None:
            action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.act_connect = self._action(self.tr("&Connect to a shared catalog…"), None, self.on_connect_shared,
                                        file_menu)
        self.act_local = self._action(self.tr("Open your &local catalog"), None, self.on_open_local, file_menu)
        self.act_local.setEnabled(self.catalog.target != default_catalog())
        file_menu.addSeparator()
        self.act_import = self._action(self.tr("&Import…"), "Ctrl+Shift+I", self.on_import, file_menu)
        file_menu.addSeparator()
        self.act_settings = self._action(self.tr("&Settings…"), "Ctrl+,", self.on_settings, file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, file_menu)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.act_undo = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.act_undo, self.act_redo):
            edit_menu.addAction(action)
            self.addAction(action)
        edit_menu.addSeparator()
        self.act_new = self._action(self.tr("&New work…"), QKeySequence.StandardKey.New, self.on_new, edit_menu)
        self.act_edit = self._action(self.tr("&Edit work"), "Ctrl+E", self.on_edit, edit_menu)
        self.act_delete = self._action(self.tr("&Delete"), QKeySequence.StandardKey.Delete, self.on_delete, edit_menu)
        self.act_add_online = self._action(self.tr("Add from &online…"), "Ctrl+Shift+N", self.on_add_online,
                                           edit_menu)
        self.act_refresh_metadata = self._action(self.tr("Refresh &metadata…"), "Ctrl+R", self.on_refresh_metadata,
                                                 edit_menu)
        self.act_paste = self._action(self.tr("&Paste title as new work"), None, self.on_paste, edit_menu)
        self.act_paste.setShortcut(QKeySequence.StandardKey.Paste)
        self.act_paste.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.act_paste)
        self.grid.addAction(self.act_paste)
        self.removeAction(self.act_paste)  # only while the list has the focus: elsewhere Ctrl+V pastes text
        edit_menu.addSeparator()
        self.act_find = self._action(self.tr("&Find"), QKeySequence.StandardKey.Find, self.on_find, edit_menu)
        self.act_save_search = self._action(self.tr("Save this &search…"), None, self.on_save_search, edit_menu)

        view_menu = bar.addMenu(self.tr("&View"))
        self.act_table = self._action(self.tr("&Table"), "Ctrl+1", lambda: self.set_view("table"), view_menu)
        self.act_grid = self._action(self.tr("&Posters"), "Ctrl+2", lambda: self.set_view("grid"), view_menu)
        for action in (self.act_table, self.act_grid):
            action.setCheckable(True)
        view_menu.addSeparator()
        self.act_refresh = self._action(self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, self.on_refresh,
                                        view_menu)
        self.act_refresh.setShortcuts([QKeySequence("F5")])
        self.act_back = self._action(self.tr("&Back to the work"), "Esc", self.on_back, view_menu)
        self.columns_menu = view_menu.addMenu(self.tr("&Columns"))
        self.columns_menu.aboutToShow.connect(self.on_columns_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(self.tr("&Searching"), QKeySequence.StandardKey.HelpContents, self.on_search_help, help_menu)
        self._action(self.tr("&About Starlight"), None, self.on_about, help_menu)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_new, self.act_add_online, self.act_edit, self.act_delete, None, self.act_undo,
                       self.act_redo, None,
                       self.act_table, self.act_grid, None, self.act_refresh):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.on_search_text_changed)
        self.search.returnPressed.connect(self.on_search_timer_timeout)
        self._search_timer.timeout.connect(self.on_search_timer_timeout)
        self._detail_timer.timeout.connect(self.on_detail_timer_timeout)
        self.model.query_failed.connect(self.on_query_failed)
        self.model.results_shown.connect(self.on_results_shown)
        self.model.results_counted.connect(self.update_count)
        self.model.dataChanged.connect(self.on_model_data_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row_changed)
        self.table.activated.connect(self.on_activated)
        self.table.customContextMenuRequested.connect(self.on_table_menu)
        self.table.horizontalHeader().customContextMenuRequested.connect(self.on_header_menu)
        self.grid.work_activated.connect(self.on_work_activated)
        self.grid.customContextMenuRequested.connect(self.on_grid_menu)
        self.sidebar.facet_chosen.connect(self.on_facet_chosen)
        self.detail.work_activated.connect(self.on_work_activated)
        self.detail.stub_activated.connect(self.on_stub_activated)
        self.detail.person_activated.connect(self.on_person_activated)
        self.detail.image_dropped.connect(self.on_image_dropped)
        self.person.work_activated.connect(self.on_work_activated)
        self.person.add_online.connect(self.add_from_online)
        self.editor.saved.connect(self.on_editor_saved)
        self.posters.poster_failed.connect(self.on_poster_failed)
        self.right.currentChanged.connect(self.on_right_page_changed)
        self._live_refresh_timer.timeout.connect(self.on_live_refresh_timeout)
        if self.live is not None:
            self.live.works_changed.connect(self.on_works_changed_elsewhere)
            self.live.lists_changed.connect(self.on_lists_changed_elsewhere)
            self.live.connection_changed.connect(self.on_connection_changed)

    # ---- state kept between runs ------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        if geometry := self.settings.get("window/geometry"):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if state := self.settings.get("window/state"):
            self.restoreState(state)
        if splitter := self.settings.get("window/splitter"):
            self.splitter.restoreState(splitter)
        if header := self.settings.get("list/header"):
            self.table.horizontalHeader().restoreState(header)
            section = self.table.horizontalHeader().sortIndicatorSection()
            self.model.sort(section, self.table.horizontalHeader().sortIndicatorOrder())
        self.set_view(self.settings.get("list/view"))

    def save_state(self) -> None:
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.set("window/splitter", self.splitter.saveState())
        self.settings.set("list/header", self.table.horizontalHeader().saveState())
        self.settings.set("list/view", "grid" if self.views.currentWidget() is self.grid else "table")
        self.settings.sync()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        if self.editor.is_dirty() and self.right.currentWidget() is self.editor:
            answer = QMessageBox.question(
                self, APP_NAME, self.tr("Save your changes to this work?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.editor.save()):
                event.ignore()
                return
        self.save_state()
        if self.live is not None:
            self.live.stop()
        # Queries still running would outlive the window (and, in a test run, its catalog).
        self._background.wait(5000)
        self.model.wait(5000)
        self.sidebar.wait(5000)
        super().closeEvent(event)

    # ---- the list ---------------------------------------------------------------------------------------------

    def set_view(self, view: str) -> None:
        grid = view == "grid"
        self.views.setCurrentWidget(self.grid if grid else self.table)
        self.act_grid.setChecked(grid)
        self.act_table.setChecked(not grid)
        self.views.currentWidget().setFocus()

    def current_view(self) -> QAbstractItemView:
        return self.grid if self.views.currentWidget() is self.grid else self.table

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [i for i in (self.model.work_id(r) for r in rows) if i]

    @Slot(int)
    def update_count(self, count: int) -> None:
        if self.model.is_counting():
            self.count_label.setText(self.tr("{n:,}+ works, counting…").format(n=count))
            return
        self.count_label.setText(self.tr("1 work") if count == 1 else self.tr("{n:,} works").format(n=count))

    def catalog_changed(self, select: int | None = None) -> None:
        """After a change: recount, reload the rows and the sidebar, and show `select` (or what was shown)."""
        self._select_after_reset = select or self._shown_work
        self.model.refresh()
        self.sidebar.refresh()

    @Slot(int)
    def on_results_shown(self, count: int) -> None:
        self.update_count(count)
        wanted = self._select_after_reset
        self._select_after_reset = None
        row = self.model.row_of(wanted) if wanted else None
        if self._live_update:
            # Another client's change: the selection follows the work on show if it moved, but nothing scrolls
            # and no other work is picked for the person (the panel on the right updates by itself).
            self._live_update = False
            if row is not None and row != self.table.currentIndex().row():
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            return
        if row is None and count:
            row = 0 if wanted is None or self._shown_work is None else None
        if row is not None:
            self.select_row(row)
        elif wanted:
            self.show_work(wanted)
        elif not count:
            self.detail.clear()
            self._shown_work = None

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self.grid.scrollTo(index)

    @Slot(QModelIndex, QModelIndex)
    def on_model_data_changed(self, top: QModelIndex, _bottom: QModelIndex) -> None:
        current = self.table.currentIndex()
        if current.isValid() and current.row() >= top.row() and self._shown_work is None:
            self.on_current_row_changed(current, QModelIndex())

    @Slot(QModelIndex, QModelIndex)
    def on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        work_id = self.model.work_id(current.row())
        if work_id and work_id != self._shown_work:
            if self.right.currentWidget() is self.editor and self.editor.is_dirty():
                self.editor.save()
            self._pending_detail = work_id
            self._detail_timer.start()

    @Slot()
    def on_detail_timer_timeout(self) -> None:
        if self._pending_detail is not None and self._pending_detail != self._shown_work:
            self.show_work(self._pending_detail)
        self._pending_detail = None

    @Slot(QModelIndex)
    def on_activated(self, index: QModelIndex) -> None:
        self.on_work_activated(self.model.work_id(index.row()) or 0, edit=True)

    @Slot(str)
    def on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def on_search_timer_timeout(self) -> None:
        self._search_timer.stop()
        self._select_after_reset = None
        self._shown_work = None
        if self.model.set_search(self.search.text()):
            self.statusBar().clearMessage()

    @Slot(str)
    def on_query_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    @Slot(str)
    def on_facet_chosen(self, query: str) -> None:
        self._shown_work = None
        self.model.set_facet(query)

    # ---- other clients' changes (a shared catalog) ---------------------------------------------------------------

    @Slot(object)
    def on_works_changed_elsewhere(self, ids: frozenset[int] | None) -> None:
        """Another client added, changed or deleted works: the list and sidebar follow shortly, the work on show
        at once."""
        self._live_refresh_timer.start()
        shown = self._shown_work
        if shown is not None and (ids is None or shown in ids):
            catalog = self.catalog
            self._tickets["changed_elsewhere"] = self._background.submit(lambda: _load_if_present(catalog, shown))

    @Slot()
    def on_lists_changed_elsewhere(self) -> None:
        self.sidebar.refresh()

    @Slot()
    def on_live_refresh_timeout(self) -> None:
        if self.model.is_loading():  # a search of the person's is on its way: it will show the change too
            self._live_refresh_timer.start()
            return
        self._select_after_reset = self._shown_work
        self._live_update = True
        self.model.refresh(keep_place=True)
        self.sidebar.refresh()

    @Slot(bool, str)
    def on_connection_changed(self, connected: bool, why: str) -> None:
        if connected:
            self.connection_label.hide()
            self.statusBar().showMessage(self.tr("Connected to the shared catalog again."), 5000)
            return
        self.connection_label.setText(self.tr("⚠ Shared catalog unreachable, reconnecting…"))
        self.connection_label.setToolTip(why)
        self.connection_label.show()

    def _show_changed_elsewhere(self, work_id: int, loaded: tuple[dict, dict] | None) -> None:
        if work_id != self._shown_work:
            return
        if loaded is None:
            self.statusBar().showMessage(self.tr("The work on show was deleted by someone else."), 8000)
            if self.right.currentWidget() is self.editor and self.editor.work_id == work_id:
                self.editor.deleted_elsewhere()
            else:
                self.detail.clear()
                self._shown_work = None
            return
        record, people = loaded
        self.detail.show_work(record, people)
        if self.editor.work_id == work_id:
            self.editor.changed_elsewhere(record, people)

    # ---- the panels on the right ------------------------------------------------------------------------------

    def show_work(self, work_id: int) -> None:
        """Load a work in the background and show it in the detail panel."""
        self._shown_work = work_id
        catalog = self.catalog
        self._tickets["work"] = self._background.submit(lambda: catalog.load(work_id))
        if self.right.currentWidget() is not self.editor:
            self.right.setCurrentWidget(self.detail)

    @Slot(int, object)
    def on_background_finished(self, ticket: int, result: Any) -> None:
        if ticket == self._tickets.get("work"):
            record, people = result
            if int(record["id"][1:]) == self._shown_work:
                self.detail.show_work(record, people)
                if self.right.currentWidget() is self.editor and self.editor.work_id != self._shown_work:
                    self.editor.edit(self._shown_work)
        elif ticket == self._tickets.get("changed_elsewhere"):
            self._show_changed_elsewhere(*result)
        elif ticket == self._tickets.get("refresh"):
            self._show_refresh_preview(result)
        elif ticket == self._tickets.get("apply_refresh"):
            (work_id, (_, before, _)), = result.items()
            self.window_stack.push(RefreshCommand(self, result, self.tr("Refresh “{title}” from {source}").format(
                title=before["title"], source=self._refresh_source)))
            self.catalog_changed(select=work_id)
            self.statusBar().showMessage(self.tr("Refreshed. Undo with Ctrl+Z."), 6000)
        elif ticket == self._tickets.get("put_back"):
            self.catalog_changed(select=self._put_back_select)
            if result:
                work_id, why = next(iter(result.items()))
                self.statusBar().showMessage(self.tr(
                    "{n} works were left as they are, because they changed since ({title}: {why})").format(
                    n=len(result), title=self.catalog.title_of(work_id), why=why), 10000)
        elif ticket == self._tickets.get("person"):
            person, works = result
            self.person.show_person(person, works)
            self.right.setCurrentWidget(self.person)
            self._look_elsewhere(person)
        elif ticket == self._tickets.get("elsewhere"):
            online, found = result
            if self._online is None:
                self._online = online
            elif online is not self._online:
                online.close()  # built on the worker while the window made its own
            if found is not None and self.person.person_id == self._elsewhere_for:
                from ..services.online import LABELS
                source, entries = found
                self.person.show_elsewhere(LABELS.get(source, source), entries)
        elif ticket == self._tickets.get("add_online"):
            work_id, problems = result
            self.on_added_online(work_id)
            if problems:
                self.statusBar().showMessage(problems[0], 8000)

    @Slot(int, str)
    def on_background_failed(self, ticket: int, message: str) -> None:
        if ticket == self._tickets.get("elsewhere") and self.person.person_id == self._elsewhere_for:
            from ..services.online import LABELS
            self.person.show_elsewhere(LABELS["tmdb"], self.tr("Could not be looked up: {why}").format(why=message))
            return
        self.statusBar().showMessage(message, 8000)

    def _look_elsewhere(self, person: dict) -> None:
        """Ask the online source that lists people's works for this person's, off the GUI thread.

        Before any online use the window has no Online yet: importing the online code and reading the keyring
        take ~0.4 s, so the worker builds one (from its own QSettings on the same file) and the window adopts it."""
        if not (person.get("external_ids") or {}).get("tmdb"):
            return
        self._elsewhere_for = self.person.person_id
        online = self._online
        if online is not None:
            if "tmdb" not in online.enabled():
                return
            from ..services.online import LABELS
            self.person.show_elsewhere(LABELS["tmdb"], self.tr("Looking up their other works…"))
        path, form = self.settings.store.fileName(), self.settings.store.format()

        def look() -> tuple[Online, Any]:
            if online is not None:
                return online, online.other_works(person)
            from PySide6.QtCore import QSettings

            from ..services.online import Online, load_settings
            built = Online(load_settings(QSettings(path, form)))
            return built, built.other_works(person)
        self._tickets["elsewhere"] = self._background.submit(look)

    @Slot(str, str, str)
    def add_from_online(self, provider: str, ident: str, title: str) -> None:
        """Fetch a work and add it (with its poster) on a worker; it is shown once added."""
        online, catalog = self.online, self.catalog
        self.statusBar().showMessage(self.tr("Adding “{title}”…").format(title=title))
        self._tickets["add_online"] = self._background.submit(lambda: online.add(catalog, online.fetch(provider,
                                                                                                       ident)))

    @Slot(int)
    def on_work_activated(self, work_id: int, edit: bool = False) -> None:
        if not work_id:
            return
        row = self.model.row_of(work_id)
        if row is not None:
            self.select_row(row)
        self.show_work(work_id)
        if edit:
            self.open_editor(work_id)

    @Slot(str, object, object)
    def on_stub_activated(self, title: str, year: object, ids: dict) -> None:
        """Add a related work the catalog lacks: complete from an online source that knows its id, else by title."""
        label = f"{title} ({year})" if year else title
        source = self.online.source_for(ids) if ids else None
        if source is not None:
            from ..services.online import LABELS
            question = self.tr("“{title}” is not in your catalog yet. Add it from {source}?").format(
                title=label, source=LABELS.get(source[0], source[0]))
        else:
            question = self.tr("“{title}” is not in your catalog yet. Add it?").format(title=label)
        if QMessageBox.question(self, APP_NAME, question) != QMessageBox.StandardButton.Yes:
            return
        if source is not None:
            self.add_from_online(source[0], source[1], title)
        else:
            self.add_work(title, year if isinstance(year, int) else None)

    @Slot(int)
    def on_person_activated(self, person_id: int) -> None:
        from ..store.works import load_people

        def load() -> tuple[dict, list]:
            return load_people([person_id])[f"p{person_id}"], works_of_person(person_id)
        self._tickets["person"] = self._background.submit(load)

    @Slot()
    def on_back(self) -> None:
        if self.right.currentWidget() is self.person:
            self.right.setCurrentWidget(self.detail)

    def open_editor(self, work_id: int) -> None:
        self.editor.edit(work_id)
        self.right.setCurrentWidget(self.editor)

    @Slot(int)
    def on_right_page_changed(self, _index: int) -> None:
        editing = self.right.currentWidget() is self.editor
        self.undo_group.setActiveStack(self.editor.undo_stack if editing else self.window_stack)

    @Slot(int)
    def on_editor_saved(self, work_id: int) -> None:
        self.statusBar().showMessage(self.tr("Saved."), 3000)
        self._shown_work = None
        self.catalog_changed(select=work_id)
        self.right.setCurrentWidget(self.detail)

    @Slot(str)
    def on_image_dropped(self, path: str) -> None:
        work_id = self._shown_work
        if work_id is None:
            return
        try:
            data, mime, width, height = read_poster_file(Path(path))
            self.catalog.set_poster(work_id, data, mime, width, height)
        except (StarlightError, OSError) as e:
            self.statusBar().showMessage(str(e), 10_000)
            return
        self.statusBar().showMessage(self.tr("Poster replaced."), 3000)
        self._shown_work = None
        self.catalog_changed(select=work_id)

    @Slot(str, str)
    def on_poster_failed(self, _content_hash: str, message: str) -> None:
        self.statusBar().showMessage(self.tr("A poster cannot be shown: {reason}").format(reason=message), 10_000)

    # ---- commands ---------------------------------------------------------------------------------------------

    def add_work(self, title: str, year: int | None = None) -> int | None:
        command = AddCommand(self, title, year)
        try:
            self.window_stack.push(command)
        except StarlightError as e:
            QMessageBox.warning(self, APP_NAME, str(e))
            return None
        return command.work_id

    @Slot()
    def on_new(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("New work"), self.tr("Title:"))
        if ok and title.strip():
            work_id = self.add_work(title.strip())
            if work_id:
                self.open_editor(work_id)

    @Slot()
    def on_paste(self) -> None:
        text = QGuiApplication.clipboard().text().strip().splitlines()
        if text and text[0].strip():
            self.add_work(text[0].strip()[:2000])

    # ---- online ---------------------------------------------------------------------------------------------

    @property
    def online(self) -> Online:
        if self._online is None:
            from ..services.online import Online, load_settings
            self._online = Online(load_settings(self.settings.store))
        return self._online

    @Slot()
    def on_add_online(self) -> None:
        from .online_dialog import AddOnlineDialog
        dialog = AddOnlineDialog(self.online, self.catalog, self)
        dialog.added.connect(self.on_added_online)
        dialog.query.setText(self.search.text().strip())  # what was just searched for here, most likely
        dialog.exec()

    @Slot(int)
    def on_added_online(self, work_id: int) -> None:
        title = self.catalog.load(work_id)[0]["title"]
        self.window_stack.push(AddedCommand(self, work_id, title))
        self.statusBar().showMessage(self.tr("Added “{title}”. Undo with Ctrl+Z.").format(title=title), 6000)

    @Slot()
    def on_refresh_metadata(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if len(ids) > 1:
            from ..services.bulk_refresh import BulkRefresh
            self.run_bulk_refresh(BulkRefresh(self.catalog, self.online, ids, journal_path(self.catalog)))
            return
        online, catalog, work_id = self.online, self.catalog, ids[0]
        self.statusBar().showMessage(self.tr("Fetching…"))
        self._tickets["refresh"] = self._background.submit(lambda: online.preview_refresh(catalog, work_id))

    def put_back(self, swap: Callable[[], dict[int, StarlightError]], select: int | None) -> None:
        """Run an undo or redo of a refresh (`swap`) on a worker; the list reloads when it is done."""
        self._put_back_select = select
        self._tickets["put_back"] = self._background.submit(swap)

    def run_bulk_refresh(self, job: BulkRefresh) -> BulkRefreshDialog:
        """Refresh many works in the background, with progress and cancel (the dialog is not modal)."""
        from .online_dialog import BulkRefreshDialog
        dialog = BulkRefreshDialog(job, self)
        dialog.ended.connect(self.catalog_changed)
        dialog.refreshed.connect(self.on_bulk_refreshed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.bulk_dialog = dialog
        return dialog

    @Slot(object)
    def on_bulk_refreshed(self, job: BulkRefresh) -> None:
        if job.undo_states:
            self.window_stack.push(RefreshCommand(self, dict(job.undo_states), self.tr(
                "Refresh {n} works").format(n=len(job.undo_states))))

    @Slot()
    def snapshot_if_due(self) -> None:
        """Start the daily snapshot (services.snapshots) in a process of its own: the window never waits on it,
        and the process writes one only when it is due. Returns at once."""
        program, arguments = snapshot_command(self.catalog.target)
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments(arguments)
        process.setStandardOutputFile(QProcess.nullDevice())  # its one line of output is for the command line
        process.startDetached()

    def offer_resume(self) -> None:
        """A bulk refresh cut short (a cancel, a crash) is offered again when the catalog is opened."""
        if not journal_path(self.catalog).exists():
            return
        from ..services.bulk_refresh import BulkRefresh
        # The online sources are built once the person says yes, not at start-up (imports and keyring: ~0.4 s)
        job = BulkRefresh.resume(self.catalog, None, journal_path(self.catalog))
        if job is None:
            return
        answer = QMessageBox.question(
            self, APP_NAME, self.tr("A metadata refresh stopped with {n} of {total} works left. Go on with it now?")
            .format(n=len(job.remaining), total=len(job.ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            job.online = self.online
            self.run_bulk_refresh(job)
        else:
            journal_path(self.catalog).unlink(missing_ok=True)

    def _show_refresh_preview(self, preview: RefreshPreview) -> None:
        from .online_dialog import MergePreviewDialog
        self.statusBar().clearMessage()
        dialog = MergePreviewDialog(preview, self)
        if not dialog.exec():
            return
        accepted = dialog.accepted_fields()
        if not accepted:
            return
        online, catalog = self.online, self.catalog

        def apply() -> dict[int, WorkState]:
            version = online.apply_refresh(catalog, preview, accepted)  # the work as previewed, or a ConflictError
            return {preview.work_id: (version, preview.current, preview.people)}

        from ..services.online import LABELS
        self._tickets["apply_refresh"] = self._background.submit(apply)
        self._refresh_source = LABELS.get(preview.provider, preview.provider)

    @Slot()
    def on_edit(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_editor(ids[0])

    @Slot()
    def on_delete(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}) or \
            [self.table.currentIndex().row()]
        titles = [self.model.index(r, 0).data() for r in rows]
        self._shown_work = None
        self.window_stack.push(DeleteCommand(self, ids, titles))
        self.statusBar().showMessage(self.tr("Deleted. Undo with Ctrl+Z."), 6000)

    @Slot()
    def on_connect_shared(self) -> None:
        from .connect_dialog import ask_for_shared_catalog
        url = ask_for_shared_catalog(self, self.settings)
        if url:
            self.reopen_with(url)

    @Slot()
    def on_open_local(self) -> None:
        self.settings.set("catalog/target", "")
        self.reopen_with(default_catalog())

    def reopen_with(self, target: str) -> bool:
        """Close this window and start the app again on another catalog (one catalog per process: every worker's
        connection belongs to the one open). False, with nothing closed, when the person keeps this window."""
        if not self.close():
            return False
        program, arguments = restart_command(target)
        if not QProcess.startDetached(program, arguments):
            QMessageBox.critical(None, APP_NAME, self.tr("Starlight could not be started again; start it yourself "
                                                         "to open {target}.").format(target=target))
        return True

    @Slot()
    def on_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot()
    def on_refresh(self) -> None:
        self.catalog_changed()

    @Slot()
    def on_save_search(self) -> None:
        query = self.search.text().strip()
        if not query:
            self.statusBar().showMessage(self.tr("Type a search first."), 4000)
            return
        name, ok = QInputDialog.getText(self, self.tr("Save search"), self.tr("Name:"), text=query)
        if ok and name.strip():
            from ..store.works import add_saved_searches
            add_saved_searches([{"name": name.strip(), "query": query}])
            self.sidebar.refresh()

    @Slot()
    def on_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.catalog.target, self.posters.disk_usage(), self, self._online)
        if dialog.exec():
            self.model.set_title_preference(self.settings.get("titles/preference"))
            if self._online is not None:
                self._online.close()
            self._online = None  # the next online action reads the new settings

    @Slot()
    def on_import(self) -> None:
        """File → Import…: the wizard runs beside the window (window-modal); the import it writes comes back
        through `imported` as one undo step."""
        from .import_wizard import ImportWizard
        if self.import_wizard is not None:
            self.import_wizard.deleteLater()
        self.import_wizard = ImportWizard(self.catalog, self)
        self.import_wizard.imported.connect(self.on_imported)
        self.import_wizard.open()

    @Slot(object, str)
    def on_imported(self, outcome: ImportOutcome, name: str) -> None:
        self.window_stack.push(ImportCommand(self, outcome, name))
        shown, self._shown_work = self._shown_work, None  # the work shown may have got the file's layer: reload it
        self.catalog_changed(select=shown)
        self.statusBar().showMessage(self.tr("Imported {file}: added {added:,}, updated {updated:,}. Undo with "
                                             "Ctrl+Z.").format(file=name, added=len(outcome.added),
                                                               updated=len(outcome.updated)), 8000)

    @Slot()
    def on_search_help(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Searching"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr(SEARCH_HELP))
        box.exec()

    @Slot()
    def on_about(self) -> None:
        QMessageBox.about(self, self.tr("About Starlight"), self.tr(
            "<p><b>{app} {version}</b><br>A catalog of the films, series and anime you watch.</p>"
            "<p>Online metadata:<br>"
            "This product uses the TMDB API but is not endorsed or certified by TMDB "
            "(<a href='https://www.themoviedb.org'>themoviedb.org</a>).<br>"
            "TV data from <a href='https://www.tvmaze.com'>TVmaze</a>, licensed CC BY-SA 4.0.<br>"
            "Data from <a href='https://www.wikidata.org'>Wikidata</a> (CC0).<br>"
            "Anime data from <a href='https://myanimelist.net'>MyAnimeList</a> through "
            "<a href='https://jikan.moe'>Jikan</a>; AniList and OMDb when turned on.</p>").format(
            app=APP_NAME, version=__version__))

    # ---- menus ------------------------------------------------------------------------------------------------

    def _row_menu(self, view: QAbstractItemView, pos: QPoint) -> None:
        index = view.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.act_edit)
        menu.addAction(self.act_refresh_metadata)
        menu.addAction(self.act_delete)
        copy = menu.addAction(self.tr("Copy title"))
        chosen = menu.exec(view.viewport().mapToGlobal(pos))
        if chosen is copy:
            QGuiApplication.clipboard().setText(self.model.index(index.row(), 0).data() or "")

    @Slot(QPoint)
    def on_table_menu(self, pos: QPoint) -> None:
        self._row_menu(self.table, pos)

    @Slot(QPoint)
    def on_grid_menu(self, pos: QPoint) -> None:
        self._row_menu(self.grid, pos)

    @Slot()
    def on_columns_menu(self) -> None:
        self.columns_menu.clear()
        for column in range(self.model.columnCount()):
            action = self.columns_menu.addAction(self.model.headerData(column, Qt.Orientation.Horizontal))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column != 0)
            action.setData(column)
            action.toggled.connect(self.on_column_toggled)

    @Slot(bool)
    def on_column_toggled(self, shown: bool) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.table.setColumnHidden(action.data(), not shown)

    @Slot(QPoint)
    def on_header_menu(self, pos: QPoint) -> None:
        self.on_columns_menu()
        self.columns_menu.exec(self.table.horizontalHeader().mapToGlobal(pos))


def _load_if_present(catalog: Catalog, work_id: int) -> tuple[int, tuple[dict, dict] | None]:
    """(work_id, its record and people) or (work_id, None) when it is gone; runs on a worker."""
    from ..core.errors import InputError
    try:
        return work_id, catalog.load(work_id)
    except InputError:
        return work_id, None


def read_poster_file(path: Path) -> tuple[bytes, str, int, int]:
    """Read an image file a person chose for a poster, refusing what is too big or not an image."""
    from ..core.errors import InputError
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror})", str(path)) from e
    if size > MAX_IMAGE_BYTES:
        raise InputError(f"is {size / 2**20:.0f} MB; posters may be at most {MAX_IMAGE_BYTES // 2**20} MB", str(path))
    reader = QImageReader(str(path))
    dims = reader.size()
    fmt = bytes(reader.format().data()).decode()
    mime = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "webp": "image/webp",
            "gif": "image/gif", "svg": "image/svg+xml"}.get(fmt)
    if mime is None or not dims.isValid():
        raise InputError("is not an image Starlight can show (PNG, JPEG, WebP, GIF or SVG)", str(path))
    if dims.width() > MAX_IMAGE_SIDE or dims.height() > MAX_IMAGE_SIDE:
        raise InputError(f"is {dims.width()}×{dims.height()} pixels; posters may be at most {MAX_IMAGE_SIDE} "
                         "pixels a side", str(path))
    data = path.read_bytes()
    # No full decode on the GUI thread: the header was read, and a JPEG cut short is told by its end marker (a
    # byte scan). Other damage is found by the poster cache's worker, which shows a placeholder and says why.
    if mime == "image/jpeg" and not jpeg_is_complete(data):
        raise InputError("is a JPEG file cut short (it does not reach its end marker)", str(path))
    return data, mime, dims.width(), dims.height()


def restart_command(target: str) -> tuple[str, list[str]]:
    """The program and arguments that start this app on `target` (a frozen build is its own program)."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--db", target]
    main = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0].endswith(".py") else None
    return sys.executable, ([str(main)] if main else ["-m", "catalog_app"]) + ["--db", target]


def open_for_gui(target: str | None, settings: UiSettings | None = None) -> tuple[Catalog, bool]:
    """Open the catalog to show: `target`, else the one chosen last (a shared catalog), else the person's own; a
    brand-new default catalog gets the sample, so a first start is not empty."""
    if target is None and settings is not None and settings.get("catalog/target"):
        chosen = settings.get("catalog/target")
        try:
            return Catalog.open(chosen), False
        except StarlightError as e:
            QMessageBox.warning(None, APP_NAME, QCoreApplication.translate(
                "MainWindow", "The shared catalog could not be opened: {reason}\n\nYour local catalog opens instead; "
                "File → Connect to a shared catalog… tries again.").format(reason=e))
    first_start = target is None and not Path(default_catalog()).exists()
    catalog = Catalog.open(target or default_catalog())
    if first_start and catalog.is_empty():
        from ..services.sample import load_sample
        load_sample(catalog)
    return catalog, first_start


#: How long after start the first snapshot check runs.
SNAPSHOT_DELAY_MS = 20_000


def settle_heap() -> None:
    """Leave the objects that live as long as the app (modules, Qt bindings, the window) out of Python's full
    garbage collections: each one walked them all, holding the interpreter lock ~40 ms, and froze the window
    every couple of seconds while a bulk refresh made garbage (bench/refresh_speed.py: 6–11 ms each after)."""
    gc.freeze()


def run_app(target: str | None) -> int:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)  # the whole process: the window's turns among its workers
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    identify(app)
    install_translators(app)
    try:
        catalog, first_start = open_for_gui(target, UiSettings())
    except StarlightError as e:
        QMessageBox.critical(None, APP_NAME, str(e))
        return 1
    window = MainWindow(catalog)
    if first_start:
        welcome = QCoreApplication.translate("MainWindow", "Welcome: this is a sample catalog to explore.")
        window.statusBar().showMessage(welcome, 10_000)
    window.show()
    settle_heap()
    QTimer.singleShot(0, window.offer_resume)  # once the window is up
    QTimer.singleShot(SNAPSHOT_DELAY_MS, window.snapshot_if_due)  # not in the first seconds, when the disk is busy
    snapshots = QTimer(window)
    snapshots.timeout.connect(window.snapshot_if_due)
    snapshots.start(int(SNAPSHOT_CHECK_EVERY.total_seconds() * 1000))
    code = app.exec()
    catalog.close()
    return code
