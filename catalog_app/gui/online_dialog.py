"""Online metadata in the window: "Add from online…" (search the providers, pick a result, get a complete entry),
the merge preview of "Refresh metadata" (each field's current and new value, accepted field by field), and the
progress of a bulk refresh running in the background.

Every request runs on a worker (gui/background.py); thumbnails are decoded there at the size they are shown.
"""

from __future__ import annotations

import concurrent.futures
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    QObject,
    QSize,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..providers.base import Candidate
from ..services.bulk_refresh import BulkRefresh, RefreshSummary, WorkResult
from ..services.online import LABELS, Online, RefreshPreview
from .background import Background
from .detail_panel import plain_tooltip

THUMB = QSize(46, 69)
# The marks let lupdate extract these under the class whose self.tr shows them (it sees literals only).
_KINDS = {"film": QT_TRANSLATE_NOOP("CandidateModel", "Film"),
          "series": QT_TRANSLATE_NOOP("CandidateModel", "Series"),
          "miniseries": QT_TRANSLATE_NOOP("CandidateModel", "Miniseries"),
          "season": QT_TRANSLATE_NOOP("CandidateModel", "Season"),
          "episode": QT_TRANSLATE_NOOP("CandidateModel", "Episode"),
          "short": QT_TRANSLATE_NOOP("CandidateModel", "Short"),
          "special": QT_TRANSLATE_NOOP("CandidateModel", "Special"),
          "tv_film": QT_TRANSLATE_NOOP("CandidateModel", "TV film"),
          "ova": QT_TRANSLATE_NOOP("CandidateModel", "OVA")}
#: A refresh preview's fields (core.merge.MERGE_FIELDS) as MergePreviewDialog names them; another shows as its
#: key, capitalized.
_FIELD_LABELS = {
    "title": QT_TRANSLATE_NOOP("MergePreviewDialog", "Title"),
    "original_title": QT_TRANSLATE_NOOP("MergePreviewDialog", "Original title"),
    "original_language": QT_TRANSLATE_NOOP("MergePreviewDialog", "Original language"),
    "titles": QT_TRANSLATE_NOOP("MergePreviewDialog", "Titles"),
    "year": QT_TRANSLATE_NOOP("MergePreviewDialog", "Year"),
    "end_year": QT_TRANSLATE_NOOP("MergePreviewDialog", "End year"),
    "runtime": QT_TRANSLATE_NOOP("MergePreviewDialog", "Runtime"),
    "synopsis": QT_TRANSLATE_NOOP("MergePreviewDialog", "Synopsis"),
    "tagline": QT_TRANSLATE_NOOP("MergePreviewDialog", "Tagline"),
    "content_rating": QT_TRANSLATE_NOOP("MergePreviewDialog", "Content rating"),
    "genres": QT_TRANSLATE_NOOP("MergePreviewDialog", "Genres"),
    "tags": QT_TRANSLATE_NOOP("MergePreviewDialog", "Tags"),
    "countries": QT_TRANSLATE_NOOP("MergePreviewDialog", "Countries"),
    "languages": QT_TRANSLATE_NOOP("MergePreviewDialog", "Languages"),
    "release_dates": QT_TRANSLATE_NOOP("MergePreviewDialog", "Release dates"),
    "credits": QT_TRANSLATE_NOOP("MergePreviewDialog", "Credits"),
    "companies": QT_TRANSLATE_NOOP("MergePreviewDialog", "Companies"),
    "ratings": QT_TRANSLATE_NOOP("MergePreviewDialog", "Ratings"),
    "availability": QT_TRANSLATE_NOOP("MergePreviewDialog", "Availability"),
    "relations": QT_TRANSLATE_NOOP("MergePreviewDialog", "Relations"),
    "external_ids": QT_TRANSLATE_NOOP("MergePreviewDialog", "External ids"),
}


def decode_thumbnail(data: bytes | None, size: QSize = THUMB) -> QImage | None:
    """Decode an image at the size it is shown (on a worker: never a full-size decode on the GUI thread)."""
    if not data:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(size, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class CandidateModel(QAbstractTableModel):
    """Search results: poster, title, year, kind, original title, source, and whether the catalog has it."""

    HEADERS = (QT_TRANSLATE_NOOP("CandidateModel", "Title"), QT_TRANSLATE_NOOP("CandidateModel", "Year"),
               QT_TRANSLATE_NOOP("CandidateModel", "Kind"), QT_TRANSLATE_NOOP("CandidateModel", "Original title"),
               QT_TRANSLATE_NOOP("CandidateModel", "Source"), QT_TRANSLATE_NOOP("CandidateModel", "In your catalog"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.candidates: list[Candidate] = []
        self.known: list[str | None] = []
        self.pictures: dict[int, QPixmap] = {}
        self._headers = [self.tr(h) for h in self.HEADERS]

    def set_results(self, candidates: list[Candidate], known: list[str | None]) -> None:
        self.beginResetModel()
        self.candidates, self.known, self.pictures = list(candidates), list(known), {}
        self.endResetModel()

    def set_picture(self, row: int, image: QImage) -> None:
        if 0 <= row < len(self.candidates):
            self.pictures[row] = QPixmap.fromImage(image)
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0), [Qt.ItemDataRole.DecorationRole])

    def mark_known(self, row: int, text: str) -> None:
        if 0 <= row < len(self.known):
            self.known[row] = text
            last = len(self.HEADERS) - 1
            self.dataChanged.emit(self.index(row, last), self.index(row, last))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.candidates)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.candidates):
            return None
        c = self.candidates[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (c.title, str(c.year or ""), self.tr(_KINDS.get(c.kind or "", c.kind or "")) +
                    (self.tr(", anime") if c.anime else ""), c.original_title or "",
                    LABELS.get(c.provider, c.provider), self.known[index.row()] or "")[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.pictures.get(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and c.overview:
            return plain_tooltip(c.overview[:600])  # a tooltip that looks like markup would be rendered
        if role == Qt.ItemDataRole.SizeHintRole and column == 0:
            return QSize(260, THUMB.height() + 6)
        return None


class AddOnlineDialog(QDialog):
    """Search the online sources side by side and add the chosen result as a complete entry."""

    #: A work was added (its id), so the window can show and select it.
    added = Signal(int)

    def __init__(self, online: Online, catalog: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add from online"))
        self.resize(860, 560)
        self.online = online
        self.catalog = catalog
        self._background = Background(parent=self)
        self._background.finished.connect(self.on_finished)
        self._background.failed.connect(self.on_failed)
        self._search_ticket = 0
        self._add_ticket = 0
        self._adding_row = -1
        self._thumb_tickets: dict[int, int] = {}

        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Title, e.g. Lost in Starlight"))
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.setDefault(True)
        self.sources: dict[str, QCheckBox] = {}
        sources = QHBoxLayout()
        sources.addWidget(QLabel(self.tr("Sources:")))
        for name in online.enabled():
            box = QCheckBox(LABELS[name])  # a provider's name, as everywhere else: not translated
            box.setChecked(True)
            self.sources[name] = box
            sources.addWidget(box)
        sources.addStretch(1)
        self.model = CandidateModel(self)
        self.results = QTableView()
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setIconSize(THUMB)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.results.verticalHeader().setDefaultSectionSize(THUMB.height() + 8)
        self.results.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 50), (2, 90), (3, 150), (4, 120), (5, 150)):
            self.results.setColumnWidth(column, width)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add to catalog"))
        self.add_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(sources)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.search_button.clicked.connect(self.on_search)
        self.query.returnPressed.connect(self.on_search)
        self.add_button.clicked.connect(self.on_add)
        self.results.activated.connect(self.on_add)
        self.results.selectionModel().selectionChanged.connect(self.on_selection_changed)
        if not self.sources:
            self.status.setText(self.tr("No online source is on: turn one on in Settings."))

    def chosen_sources(self) -> list[str]:
        return [name for name, box in self.sources.items() if box.isChecked()]

    @Slot()
    def on_search(self) -> None:
        text, sources = self.query.text().strip(), self.chosen_sources()
        if not text or not sources:
            return
        online, catalog = self.online, self.catalog

        def search() -> tuple[Any, list[str | None]]:
            results = online.search(text, providers=sources)
            known = []
            for candidate in results.candidates:
                found = online.in_catalog(catalog, candidate)
                known.append(None if found is None else found[1])
            return results, known

        self.status.setText(self.tr("Searching {sources}…").format(
            sources=", ".join(LABELS[s] for s in sources)))
        self._thumb_tickets.clear()
        self._search_ticket = self._background.submit(search)

    @Slot()
    def on_selection_changed(self) -> None:
        self.add_button.setEnabled(self._current_row() >= 0 and not self._add_ticket)

    def _current_row(self) -> int:
        rows = self.results.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    @Slot()
    def on_add(self) -> None:
        row = self._current_row()
        if row < 0 or self._add_ticket:
            return
        candidate = self.model.candidates[row]
        if self.model.known[row]:
            self.status.setText(self.tr("“{title}” is already in your catalog ({how}).").format(
                title=candidate.title, how=self.model.known[row]))
            return
        online, catalog = self.online, self.catalog

        def add() -> tuple[int, list[str], str | None]:
            fetched = online.fetch(candidate.provider, candidate.ident)
            work_id, problems = online.add(catalog, fetched)
            return work_id, problems, fetched.attribution

        self._adding_row = row
        self.add_button.setEnabled(False)
        self.status.setText(self.tr("Fetching “{title}” from {source}…").format(
            title=candidate.title, source=LABELS[candidate.provider]))
        self._add_ticket = self._background.submit(add)

    @Slot(int, object)
    def on_finished(self, ticket: int, result: Any) -> None:
        if ticket == self._search_ticket:
            results, known = result
            self.model.set_results(results.candidates, known)
            lines = [self.tr("{n} results").format(n=len(results.candidates))]
            lines += list(results.errors.values())
            self.status.setText("\n".join(lines))
            online = self.online
            for row, candidate in enumerate(results.candidates):
                self._thumb_tickets[self._background.submit(
                    lambda c=candidate: decode_thumbnail(online.thumbnail(c)))] = row
            if results.candidates:
                self.results.selectRow(0)
        elif ticket == self._add_ticket:
            self._add_ticket = 0
            work_id, problems, attribution = result
            title = self.model.candidates[self._adding_row].title
            self.model.mark_known(self._adding_row, self.tr("added just now"))
            lines = [self.tr("Added “{title}”.").format(title=title)] + [
                self.tr("Image not kept: {why}").format(why=p) for p in problems]
            if attribution:
                lines.append(attribution)
            self.status.setText("\n".join(lines))
            self.on_selection_changed()
            self.added.emit(work_id)
        elif ticket in self._thumb_tickets:
            row = self._thumb_tickets.pop(ticket)
            if isinstance(result, QImage):
                self.model.set_picture(row, result)

    @Slot(int, str)
    def on_failed(self, ticket: int, message: str) -> None:
        if ticket == self._add_ticket:
            self._add_ticket = 0
            self.on_selection_changed()
        if ticket in self._thumb_tickets:
            self._thumb_tickets.pop(ticket)
            return
        self.status.setText(message)

    def done(self, result: int) -> None:
        self._background.wait(5000)
        super().done(result)


class RefreshProgress(QObject):
    """Carries a bulk refresh's progress from its worker thread to the dialog (a queued signal)."""

    advanced = Signal(int, int, object)  # done, total, [WorkResult] of the batch just written


class BulkRefreshDialog(QDialog):
    """A bulk refresh running in the background: a progress bar, cancel, and one line per work as it is done."""

    #: The refresh ended (finished or cancelled), so the window can reload the list.
    ended = Signal()
    #: The refresh ran (to its end or to a cancel): the job, whose `undo_states` the window can offer to undo.
    refreshed = Signal(object)

    def __init__(self, job: BulkRefresh, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(self.tr("Refreshing metadata"))
        self.resize(620, 420)
        self.bar = QProgressBar()
        self.bar.setRange(0, len(job.ids))
        self.bar.setValue(len(job.done))
        self.label = QLabel(self.tr("Refreshing {n} works…").format(n=len(job.remaining)))
        # A C++ model: while the refresh's threads keep the interpreter busy, every call from Qt into Python (a
        # Python model's data(), for each role of each visible row at each repaint) waits for its turn, and the
        # window stood still ~50 ms at each batch (bench/refresh_speed.py).
        self.lines = QStringListModel(self)
        self.results = QListView()
        self.results.setModel(self.lines)
        self.results.setUniformItemSizes(True)  # a line per work: thousands, laid out without measuring each
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chosen = QLabel()  # the line picked in the list, whole (a long one is cut at the list's edge)
        self.chosen.setWordWrap(True)
        self.chosen.setTextFormat(Qt.TextFormat.PlainText)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.chosen)
        layout.addLayout(buttons)
        self.cancel_button.clicked.connect(self.on_cancel)
        self.close_button.clicked.connect(self.accept)
        self.results.selectionModel().currentChanged.connect(self.on_line_chosen)
        self._close_when_ended = False
        self._progress = RefreshProgress(self)
        self._progress.advanced.connect(self.on_advanced)
        self._background = Background(concurrent.futures.ThreadPoolExecutor(1, "starlight-bulk-refresh"), self)
        self._background.finished.connect(self.on_finished)
        self._background.failed.connect(self.on_failed)
        progress = self._progress
        self._ticket = self._background.submit(
            lambda: job.run(lambda done, total, results: progress.advanced.emit(done, total, results)))

    @Slot(int, int, object)
    def on_advanced(self, done: int, total: int, results: list[WorkResult]) -> None:
        self.bar.setValue(done)
        texts = {"changed": self.tr("{title}: updated ({fields})"), "unchanged": self.tr("{title}: nothing new"),
                 "failed": self.tr("{title}: failed: {why}")}
        first = self.lines.rowCount()
        self.lines.insertRows(first, len(results))
        for row, r in enumerate(results, first):
            fields = ", ".join(f.replace("_", " ") for f in r.detail.split(", ")) if r.outcome == "changed" else ""
            self.lines.setData(self.lines.index(row), texts[r.outcome].format(title=r.title, why=r.detail,
                                                                               fields=fields))
        self.results.scrollToBottom()

    @Slot(QModelIndex, QModelIndex)
    def on_line_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.chosen.setText(current.data() or "")

    @Slot()
    def on_cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping after the works in progress…"))

    @Slot(int, object)
    def on_finished(self, _ticket: int, summary: RefreshSummary) -> None:
        self.summary = summary
        text = self.tr("{changed} updated, {unchanged} with nothing new, {failed} failed in {seconds:.1f} s").format(
            changed=summary.count("changed"), unchanged=summary.count("unchanged"), failed=summary.count("failed"),
            seconds=summary.seconds)
        if summary.cancelled:
            text += self.tr(". Cancelled: {n} left for later (offered when Starlight starts).").format(
                n=len(self.job.remaining))
        if self.job.undo_states:
            text += self.tr(". Undo with Ctrl+Z in the main window.")
        elif summary.count("changed"):
            # More than UNDO_LIMIT works, or a refresh resumed after a restart.
            text += self.tr(". It cannot be undone here: the backup taken before it has the works as they were.")
        self.label.setText(text)
        self.refreshed.emit(self.job)
        self._ended()

    @Slot(int, str)
    def on_failed(self, _ticket: int, message: str) -> None:
        self.label.setText(message)
        self._ended()

    def _ended(self) -> None:
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.ended.emit()
        if self._close_when_ended:
            super().reject()

    def reject(self) -> None:  # Esc or the window's close button: stop first, close once the job has ended
        if self.close_button.isEnabled():
            super().reject()
            return
        self.on_cancel()
        self._close_when_ended = True  # waiting here would freeze the window for the works in progress


class MergePreviewDialog(QDialog):
    """What a refresh would change: one row per field with its current and new value; ticked rows are applied.

    Fields the catalog had nothing in are ticked; fields with a different value are offered unticked."""

    def __init__(self, preview: RefreshPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Refresh “{title}” from {source}").format(
            title=preview.title, source=LABELS.get(preview.provider, preview.provider)))
        self.resize(820, 480)
        self.table = QTableWidget(len(preview.changes), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("In your catalog"), self.tr("New value"),
                                              self.tr("Source")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        names = preview.names
        for row, change in enumerate(preview.changes):
            field = QTableWidgetItem(self.tr(_FIELD_LABELS[change.field]) if change.field in _FIELD_LABELS
                                     else change.field.replace("_", " ").capitalize())
            field.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            field.setCheckState(Qt.CheckState.Checked if change.fills_gap else Qt.CheckState.Unchecked)
            field.setData(Qt.ItemDataRole.UserRole, change.field)
            self.table.setItem(row, 0, field)
            # QTableWidgetItem text is plain text: provider values are never rendered as markup.
            self.table.setItem(row, 1, QTableWidgetItem(describe_value(change.current, names)))
            self.table.setItem(row, 2, QTableWidgetItem(describe_value(change.new, names)))
            self.table.setItem(row, 3, QTableWidgetItem(LABELS.get(change.source, change.source)))
        self.table.resizeColumnToContents(0)
        text = self.tr("Ticked fields are taken from {source}; locked fields are never changed ({locked}).").format(
            source=LABELS.get(preview.provider, preview.provider),
            locked=", ".join(sorted(preview.locked)) or self.tr("none locked"))
        if preview.wants_poster and any(i.kind == "poster" for i in preview.fetched.images):
            text += " " + self.tr("The work has no poster: {source}'s is added.").format(
                source=LABELS.get(preview.provider, preview.provider))
        note = QLabel(text)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not preview.changes:
            layout.addWidget(QLabel(self.tr("Nothing to change: the catalog already has what {source} knows.")
                                    .format(source=LABELS.get(preview.provider, preview.provider))))
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accepted_fields(self) -> set[str]:
        return {self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.table.rowCount())
                if self.table.item(r, 0).checkState() == Qt.CheckState.Checked}

    def set_accepted(self, fields: set[str]) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in fields
                               else Qt.CheckState.Unchecked)


def describe_value(value: Any, names: dict[str, str] | None = None) -> str:
    """A field's value in a few words: lists by their entries, credits by who and what."""
    names = names or {}
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        parts = []
        for item in value[:8]:
            if isinstance(item, dict):
                if "person" in item:
                    who = names.get(item["person"], item["person"])
                    parts.append(f"{who} ({item['role']}{', ' + item['character'] if item.get('character') else ''})")
                elif "source" in item and "value" in item:
                    parts.append(f"{item['source']} {item['value']:g}")
                else:
                    parts.append(str(item.get("title") or item.get("platform") or item.get("name") or
                                     item.get("country") or next(iter(item.values()))))
            else:
                parts.append(str(item))
        more = len(value) - len(parts)
        return ", ".join(parts) + (f" … (+{more})" if more > 0 else "")
    text = str(value)
    return text if len(text) <= 300 else text[:297] + "…"


__all__ = ["AddOnlineDialog", "BulkRefreshDialog", "MergePreviewDialog", "CandidateModel", "decode_thumbnail"]
