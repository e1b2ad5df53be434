"""File → Import…: the wizard that brings another tool's file into the catalog, and the parts it is built of.

Its pages: the file (or export folder) and its format, told from the file and open to change; for a table (CSV,
TSV) its columns: encoding, delimiter and what each column holds, chosen in the header of a preview of its first
rows; a preview of what the import would do (counts, doubtful matches to confirm one by one, skipped lines,
conflicts, a report to save); and the import itself, in one transaction, with progress and cancel. The wizard
then hands the outcome to the window (`imported`), which makes it one undo step.

Everything that reads the file, plans or writes runs on the import worker (one thread that lives as long as the
app, see background.py); results come back through Background's signals and progress through ImportProgress's,
to @Slot methods here in the GUI thread.
"""

from __future__ import annotations

import concurrent.futures
import html
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core.errors import Cancelled, InputError
from ..core.types import EXTERNAL_ID_PATTERNS, RATING_SCALES
from ..services import imports
from ..services.catalog import write_atomically
from ..services.formats.text_stream import ENCODING_LABELS, ENCODINGS
from .background import Background
from .detail_panel import plain_tooltip

if TYPE_CHECKING:
    from ..services.catalog import Catalog
    from ..services.formats.csv_table import TableShape
    from ..services.imports import ImportOutcome, ImportPlan

#: The wizard's pages, in order.
FILE_PAGE, COLUMNS_PAGE, PREVIEW_PAGE, IMPORT_PAGE = range(4)
#: Rows of a table the columns page shows (inspect reads a few more, to guess scales and date orders).
PREVIEW_ROWS = 20
#: Lines each list of the preview shows; the saved report has them all.
LIST_LIMIT = 1000
#: Pause after typing a path before its format is looked at, in ms.
DETECT_DELAY_MS = 300

# lupdate extracts literals only: the tables' texts are marked with the context they are translated in (the class
# whose self.tr shows them, or the one translate() names).
FORMAT_LABELS = {"letterboxd": QT_TRANSLATE_NOOP("ImportWizard", "Letterboxd export"),
                 "imdb": QT_TRANSLATE_NOOP("ImportWizard", "IMDb ratings or list (CSV)"),
                 "mal": QT_TRANSLATE_NOOP("ImportWizard", "MyAnimeList anime list (XML)"),
                 "trakt": QT_TRANSLATE_NOOP("ImportWizard", "Trakt export (JSON)"),
                 "csv": QT_TRANSLATE_NOOP("ImportWizard", "Table, comma-separated (CSV)"),
                 "tsv": QT_TRANSLATE_NOOP("ImportWizard", "Table, tab-separated (TSV)"),
                 "tellico": QT_TRANSLATE_NOOP("ImportWizard", "Tellico collection"),
                 "kodi": QT_TRANSLATE_NOOP("ImportWizard", "Kodi library (.nfo files)")}
#: What each format brings, in a line.
FORMAT_NOTES = {
    "letterboxd": QT_TRANSLATE_NOOP(
        "FilePage", "The films you logged: watched, your ratings (½–5 stars), diary dates and rewatches, reviews as "
                    "notes, and your watchlist. A folder, the .zip, or one of its CSV files."),
    "imdb": QT_TRANSLATE_NOOP(
        "FilePage", "Titles with their IMDb ids, year, kind, runtime, genres, directors and IMDb rating; your ratings "
                    "mark them seen, a watchlist marks them planned."),
    "mal": QT_TRANSLATE_NOOP(
        "FilePage", "Anime with their MyAnimeList ids and episode counts; your status, score, start and finish dates, "
                    "rewatches, tags and comments."),
    "trakt": QT_TRANSLATE_NOOP(
        "FilePage", "Films and series with their IMDb and TMDB ids; your plays as viewings, your ratings, watchlist "
                    "and collection. A folder of its JSON files, or the .zip."),
    "csv": QT_TRANSLATE_NOOP(
        "FilePage", "Any table with a header row: on the next page you say what each column holds."),
    "tsv": QT_TRANSLATE_NOOP(
        "FilePage", "Any table with a header row: on the next page you say what each column holds."),
    "tellico": QT_TRANSLATE_NOOP(
        "FilePage", "Your video collection: titles, credits, plot and covers, with your rating, comments, seen flag "
                    "and copies."),
    "kodi": QT_TRANSLATE_NOOP(
        "FilePage", "Films and series as your media library describes them, with cast, ratings and ids; plays mark "
                    "them watched. A folder of .nfo files, or one file."),
}
#: text_stream.ENCODING_LABELS to translate (services stay free of Qt); an encoding missing here shows untranslated.
_ENCODING_LABELS = {"utf-8": QT_TRANSLATE_NOOP("ColumnsPage", "UTF-8"),
                    "utf-8-sig": QT_TRANSLATE_NOOP("ColumnsPage", "UTF-8 (with BOM)"),
                    "cp1252": QT_TRANSLATE_NOOP("ColumnsPage", "Windows-1252 (Western)"),
                    "euc-kr": QT_TRANSLATE_NOOP("ColumnsPage", "EUC-KR (Korean)")}
_DELIMITERS = ((",", QT_TRANSLATE_NOOP("ColumnsPage", "Comma  ,")),
               (";", QT_TRANSLATE_NOOP("ColumnsPage", "Semicolon  ;")),
               ("\t", QT_TRANSLATE_NOOP("ColumnsPage", "Tab")),
               ("|", QT_TRANSLATE_NOOP("ColumnsPage", "Bar  |")))
_SOURCES = {"imdb": "IMDb", "tmdb": "TMDB", "wikidata": "Wikidata", "anilist": "AniList", "mal": "MyAnimeList",
            "tvmaze": "TVmaze", "letterboxd": "Letterboxd", "trakt": "Trakt", "metacritic": "Metacritic",
            "rotten_tomatoes": "Rotten Tomatoes", "rotten_tomatoes_audience": "Rotten Tomatoes audience"}
#: What a column can feed, in the groups the header combos show them (csv_table.TARGETS and the targets with an
#: argument); None is a separator.
TARGET_GROUPS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("ignore", QT_TRANSLATE_NOOP("ColumnsPage", "Ignore")),),
    (("title", QT_TRANSLATE_NOOP("ColumnsPage", "Title")),
     ("original_title", QT_TRANSLATE_NOOP("ColumnsPage", "Original title")),
     ("year", QT_TRANSLATE_NOOP("ColumnsPage", "Year")),
     ("kind", QT_TRANSLATE_NOOP("ColumnsPage", "Kind (film, series…)")),
     ("runtime", QT_TRANSLATE_NOOP("ColumnsPage", "Runtime (minutes)")),
     ("genres", QT_TRANSLATE_NOOP("ColumnsPage", "Genres")),
     ("genre_flag", QT_TRANSLATE_NOOP("ColumnsPage", "Genre named by the column (0/1)")),
     ("tags", QT_TRANSLATE_NOOP("ColumnsPage", "Tags")),
     ("country", QT_TRANSLATE_NOOP("ColumnsPage", "Country")),
     ("language", QT_TRANSLATE_NOOP("ColumnsPage", "Language")),
     ("content_rating", QT_TRANSLATE_NOOP("ColumnsPage", "Content rating")),
     ("synopsis", QT_TRANSLATE_NOOP("ColumnsPage", "Synopsis"))),
    (("director", QT_TRANSLATE_NOOP("ColumnsPage", "Director")),
     ("writer", QT_TRANSLATE_NOOP("ColumnsPage", "Writer")),
     ("cast", QT_TRANSLATE_NOOP("ColumnsPage", "Cast"))),
    (("my_rating.5", QT_TRANSLATE_NOOP("ColumnsPage", "My rating (½–5 stars)")),
     ("my_rating.10", QT_TRANSLATE_NOOP("ColumnsPage", "My rating (1–10)")),
     ("my_rating.100", QT_TRANSLATE_NOOP("ColumnsPage", "My rating (0–100)")),
     ("status", QT_TRANSLATE_NOOP("ColumnsPage", "My status")),
     ("watched_on.dmy", QT_TRANSLATE_NOOP("ColumnsPage", "Watched on (day/month/year)")),
     ("watched_on.mdy", QT_TRANSLATE_NOOP("ColumnsPage", "Watched on (month/day/year)")),
     ("notes", QT_TRANSLATE_NOOP("ColumnsPage", "My notes"))),
)
#: The colour of a message that stops the person going on (as the editor's).
ERROR_COLOR = "#b3261e"
#: A job that was cancelled, as its result (Background reports errors by their text only).
CANCELLED = object()

_IMPORT_POOL: concurrent.futures.ThreadPoolExecutor | None = None


def import_pool() -> concurrent.futures.ThreadPoolExecutor:
    """The worker imports run on: one thread, so a format check, a preview read, a plan and a write run one after
    another in the order asked; it lives as long as the app (Peewee keeps a connection per thread, see
    background.py), and a long import leaves the window's own workers free."""
    global _IMPORT_POOL
    if _IMPORT_POOL is None:
        _IMPORT_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="starlight-import")
    return _IMPORT_POOL


def cancellable(job: Callable[[], Any]) -> Callable[[], Any]:
    """`job`, answering CANCELLED when it was cancelled (a cancel is not an error to show as one)."""
    def run() -> Any:
        try:
            return job()
        except Cancelled:
            return CANCELLED
    return run


def format_label(fmt: str) -> str:
    """A format as the wizard names it, translated; one it does not know, by its key."""
    return QCoreApplication.translate("ImportWizard", FORMAT_LABELS[fmt]) if fmt in FORMAT_LABELS else fmt


def target_choices() -> list[tuple[str, str] | None]:
    """Every target a column can have with its (translated) label, groups split by None."""
    choices: list[tuple[str, str] | None] = []
    for group in TARGET_GROUPS:
        choices += [*((target, QCoreApplication.translate("ColumnsPage", text)) for target, text in group), None]
    label = QCoreApplication.translate("ColumnsPage", "{source} id")
    choices += [(f"id.{p}", label.format(source=_SOURCES.get(p, p))) for p in EXTERNAL_ID_PATTERNS]
    choices.append(None)
    label = QCoreApplication.translate("ColumnsPage", "{source} rating")
    choices += [(f"rating.{s}", label.format(source=_SOURCES.get(s, s))) for s in RATING_SCALES]
    label = QCoreApplication.translate("ColumnsPage", "{source} votes")
    choices += [(f"votes.{s}", label.format(source=_SOURCES.get(s, s))) for s in ("imdb", "tmdb", "mal")]
    return choices


def read_shape(path: str, fmt: str, encoding: str | None = None, delimiter: str | None = None) -> TableShape:
    """How a table would be read, as the columns page starts it: guessed (a title column too, when one can be), or
    as the person chose. On a worker.

    Raises:
        InputError: the file cannot be read as a table (empty, no header, not text in that encoding…).
    """
    return imports.table_shape(path, fmt, encoding, delimiter, check=False)


def detect(path: str) -> tuple[bool, str | None, str | None]:
    """Whether a path is there, its format, and why it has none (the file page's check). On a worker."""
    if not Path(path).exists():
        return False, None, None
    try:
        return True, imports.detect_format(path), None
    except InputError as e:
        return True, None, e.message


def save_report(path: str, lines: list[str]) -> str:
    """Write a report to `path` (whole or not at all); returns the path. On a worker."""
    write_atomically(Path(path), ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def _plain_label(text: str = "", wrap: bool = True) -> QLabel:
    """A label for text that may come from the file: never read as rich text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def _error_label() -> QLabel:
    label = _plain_label()
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    return label


def _dim(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class ImportProgress(QObject):
    """Carries a job's progress from the import worker to its page (a queued signal): (stage, done, total), the
    stage "reading", "matching" or "writing", the total 0 while not known."""

    advanced = Signal(str, int, int)

    def report(self, stage: str, done: int, total: int) -> None:
        """The job's progress callback (called on the worker)."""
        self.advanced.emit(stage, done, total)


class TablePreviewModel(QAbstractTableModel):
    """A table's first rows as the columns page shows them: cells as read, columns mapped to nothing dimmed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.shown: list[list[str]] = []  # the cells on one line each, as drawn
        self.ignored: set[int] = set()
        # Asked for at every repaint of every cell: made once
        self._dimmed = QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, header: list[str], rows: list[list[str]], mapping: dict[str, str]) -> None:
        self.beginResetModel()
        self.header = list(header)
        self.rows = [list(r) for r in rows[:PREVIEW_ROWS]]
        self.shown = [[cell.replace("\n", " ") for cell in r] for r in self.rows]
        self.ignored = {n for n, column in enumerate(self.header) if mapping.get(column, "ignore") == "ignore"}
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, str]) -> None:
        self.ignored = {n for n, column in enumerate(self.header) if mapping.get(column, "ignore") == "ignore"}
        if self.rows and self.header:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.header) - 1),
                                  [Qt.ItemDataRole.ForegroundRole])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.shown[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            row = self.rows[index.row()]
            text = row[index.column()] if index.column() < len(row) else ""
            # Qt shows a tooltip that looks like HTML as rich text: the file's text is escaped to stay text
            return plain_tooltip(text[:600]) if len(text) > 40 else None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in self.ignored:
            return self._dimmed
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Horizontal:
            return self._bold
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header[section] if 0 <= section < len(self.header) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class MappingHeader(QHeaderView):
    """The preview's header: each column's name as the file has it, and under it a combo saying what it holds."""

    #: (column, target) the person chose in a combo.
    target_chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.combos: list[QComboBox] = []
        self._choices: list[tuple[str, str] | None] = []
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setStretchLastSection(True)
        self.sectionResized.connect(self.on_section_resized)
        self._combo_height = QComboBox().sizeHint().height()

    def set_targets(self, choices: list[tuple[str, str] | None], targets: list[str]) -> None:
        """One combo per column offering `choices` (target, shown label), set to `targets`."""
        for combo in self.combos:
            combo.deleteLater()
        self._choices = choices
        self.combos = []
        for column, target in enumerate(targets):
            combo = QComboBox(self.viewport())
            combo.setProperty("column", column)
            for choice in choices:
                if choice is None:
                    combo.insertSeparator(combo.count())
                else:
                    combo.addItem(choice[1], choice[0])
            self._select(combo, target)
            combo.setMaxVisibleItems(24)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.currentIndexChanged.connect(self.on_combo_changed)
            combo.show()
            self.combos.append(combo)
        self._place()

    def set_target(self, column: int, target: str) -> None:
        if 0 <= column < len(self.combos):
            self._select(self.combos[column], target)

    def _select(self, combo: QComboBox, target: str) -> None:
        combo.blockSignals(True)
        at = combo.findData(target)
        if at < 0:  # a target the combos do not list (a rating source the catalog has no scale for): by its name
            combo.addItem(target, target)
            at = combo.count() - 1
        combo.setCurrentIndex(at)
        combo.blockSignals(False)

    def targets(self) -> list[str]:
        return [combo.currentData() for combo in self.combos]

    @Slot(int)
    def on_combo_changed(self, _index: int) -> None:
        combo = self.sender()
        if isinstance(combo, QComboBox):
            self.target_chosen.emit(combo.property("column"), combo.currentData())

    @Slot(int, int, int)
    def on_section_resized(self, _section: int, _old: int, _new: int) -> None:
        self._place()

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802, N803 (Qt's names)
        # Room under the column's name for its combo.
        size = super().sectionSizeFromContents(logicalIndex)
        return QSize(size.width(), size.height() + self._combo_height + 6)

    def updateGeometries(self) -> None:  # noqa: N802 (Qt's name)
        super().updateGeometries()
        self._place()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """Put each combo under its column's name (the viewport scrolls them along with the sections)."""
        bottom = self.viewport().height()
        for column, combo in enumerate(self.combos):
            if column >= self.count() or self.isSectionHidden(column):
                combo.hide()
                continue
            x, width = self.sectionViewportPosition(column), self.sectionSize(column)
            combo.setGeometry(x + 3, bottom - self._combo_height - 4, max(width - 6, 20), self._combo_height)
            combo.show()


class Tile(QFrame):
    """A count on the preview page: the number large, what it counts under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("–")
        self.number.setFont(_scaled_font(self, 1.7, bold=True))
        self.caption = _dim(QLabel(caption))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_count(self, count: int) -> None:
        self.number.setText(f"{count:,}")
        self.number.setEnabled(count > 0)


class JobPage(QWizardPage):
    """A page that runs one job at a time on the import worker, with a progress bar and a cancel (the wizard's
    Cancel button stops a long job first; pressed again, it closes the wizard)."""

    #: Whether the wizard's Cancel stops this page's job rather than closing (a job that can take long).
    long_jobs = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.background = Background(import_pool(), self)
        self.background.finished.connect(self.on_job_finished)
        self.background.failed.connect(self.on_job_failed)
        self.progress = ImportProgress(self)
        self.progress.advanced.connect(self.on_progress)
        self.cancel_event: threading.Event | None = None
        self._ticket = 0
        self.stage = _plain_label()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.progress_box = QWidget()
        box = QVBoxLayout(self.progress_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.stage)
        box.addWidget(self.bar)
        self.progress_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.progress_box.hide()

    def run(self, job: Callable[[threading.Event, ImportProgress], Any], text: str) -> None:
        """Run job(cancel, progress) on the worker; its answer comes to `job_done`, or its error to `job_failed`."""
        self.cancel()
        self.cancel_event = threading.Event()
        event, progress = self.cancel_event, self.progress
        self.stage.setText(text)
        self.bar.setRange(0, 0)
        self.progress_box.show()
        self._ticket = self.background.submit(cancellable(lambda: job(event, progress)))
        self.completeChanged.emit()

    def busy(self) -> bool:
        return self.cancel_event is not None

    @Slot()
    def cancel(self) -> None:
        """Stop the running job (it rolls back what it began); its answer is then CANCELLED."""
        if self.cancel_event is not None:
            self.cancel_event.set()
            self.stage.setText(self.tr("Stopping…"))

    def forget(self) -> None:
        """Cancel the running job and ignore its answer (the page is left)."""
        self.cancel()
        self.cancel_event = None
        self._ticket = 0
        self.progress_box.hide()

    @Slot(str, int, int)
    def on_progress(self, stage: str, done: int, total: int) -> None:
        if self.cancel_event is None or self.cancel_event.is_set():
            return
        texts = {"reading": self.tr("Reading the file… {done:,} entries"),
                 "matching": self.tr("Matching against your catalog… {done:,} of {total:,}"),
                 "writing": self.tr("Writing… {done:,} of {total:,} works")}
        self.stage.setText(texts.get(stage, stage).format(done=done, total=total))
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        else:
            self.bar.setRange(0, 0)

    @Slot(int, object)
    def on_job_finished(self, ticket: int, result: Any) -> None:
        if ticket != self._ticket:
            return
        self.cancel_event = None
        self.progress_box.hide()
        if result is CANCELLED:
            self.job_cancelled()
        else:
            self.job_done(result)
        self.completeChanged.emit()

    @Slot(int, str)
    def on_job_failed(self, ticket: int, message: str) -> None:
        if ticket != self._ticket:
            return
        self.cancel_event = None
        self.progress_box.hide()
        self.job_failed(message)
        self.completeChanged.emit()

    def job_done(self, result: Any) -> None:
        raise NotImplementedError

    def job_cancelled(self) -> None:
        raise NotImplementedError

    def job_failed(self, message: str) -> None:
        raise NotImplementedError

    def wait(self, msecs: int = 30_000) -> bool:
        return self.background.wait(msecs)


class FilePage(QWizardPage):
    """The file or export folder, and its format: told from the file on the worker, open to change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Choose what to import"))
        self.setSubTitle(self.tr("An export from Letterboxd, IMDb, MyAnimeList or Trakt, or any table saved from "
                                 "a spreadsheet. Nothing is written until the last step."))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("A file, or an export folder"))
        self.path.setClearButtonEnabled(True)
        self.choose_file = QPushButton(self.tr("&File…"))
        self.choose_folder = QPushButton(self.tr("F&older…"))
        self.format = QComboBox()
        for fmt in imports.FORMATS:
            self.format.addItem(format_label(fmt), fmt)
        self.format.setCurrentIndex(-1)
        self.format.setPlaceholderText(self.tr("Choose a file first"))
        self.note = _dim(_plain_label())
        self.status = _plain_label()
        self.status.setMinimumHeight(self.status.fontMetrics().height() * 2)

        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.choose_file)
        where.addWidget(self.choose_folder)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(10)
        path_label, format_caption = QLabel(self.tr("&Import from:")), QLabel(self.tr("F&ormat:"))
        path_label.setBuddy(self.path)
        format_caption.setBuddy(self.format)
        grid.addWidget(path_label, 0, 0)
        grid.addLayout(where, 0, 1)
        grid.addWidget(self.status, 1, 1)
        grid.addWidget(format_caption, 2, 0)
        grid.addWidget(self.format, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.note, 3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(_dim(_plain_label(self.tr(
            "Works the catalog already has are matched (the same IMDb or TMDB id, else the same title and year) and "
            "get your status, rating and viewings from the file; the others are added. The import is one step you "
            "can undo."))))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DETECT_DELAY_MS)
        self._timer.timeout.connect(self.on_detect)
        self._background = Background(import_pool(), self)
        self._background.finished.connect(self.on_detected)
        self._background.failed.connect(self.on_detect_failed)
        self._ticket = 0
        self._checked_path: str | None = None
        self._exists = False
        self.path.textChanged.connect(self.on_path_edited)
        self.choose_file.clicked.connect(self.on_choose_file)
        self.choose_folder.clicked.connect(self.on_choose_folder)
        self.format.currentIndexChanged.connect(self.on_format_changed)

    def chosen_format(self) -> str | None:
        return self.format.currentData()

    def set_path(self, path: str) -> None:
        """Choose a file (as the file buttons do): its format is looked at right away."""
        self.path.setText(path)
        self.on_detect()

    @Slot()
    def on_choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import from a file"), self.path.text(), self.tr(
            "Exports and tables (*.csv *.tsv *.txt *.zip *.xml *.gz *.json *.tc *.nfo);;All files (*)"))
        if path:
            self.set_path(path)

    @Slot()
    def on_choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import from an export folder"), self.path.text())
        if path:
            self.set_path(path)

    @Slot(str)
    def on_path_edited(self, _text: str) -> None:
        self._checked_path = None
        self.completeChanged.emit()
        self._timer.start()

    @Slot()
    def on_detect(self) -> None:
        self._timer.stop()
        path = self.path.text().strip()
        if not path:
            self.status.clear()
            return
        self.status.setText(self.tr("Looking at the file…"))
        self._ticket = self._background.submit(lambda: (path, *detect(path)))

    @Slot(int, object)
    def on_detected(self, ticket: int, result: tuple[str, bool, str | None, str | None]) -> None:
        path, exists, fmt, why = result
        if ticket != self._ticket or path != self.path.text().strip():
            return
        self._checked_path, self._exists = path, exists
        if not exists:
            self.status.setText(self.tr("There is no such file or folder."))
        elif fmt == "json":
            self._exists = False
            self.status.setText(self.tr("This is a Starlight catalog file; this wizard imports other tools' files "
                                        "(open it with “starlight import”)."))
        elif fmt is None:
            self.status.setText(self.tr("Starlight cannot tell what this is: choose its format below."))
            if why:
                self.status.setToolTip(html.escape(why))  # a path or a line of the file: text, never markup
        else:
            if self.format.findData(fmt) < 0:  # a format added to the service that this list does not know yet
                self.format.addItem(format_label(fmt), fmt)
            self.format.setCurrentIndex(self.format.findData(fmt))
            self.status.setText(self.tr("Looks like: {format}").format(format=format_label(fmt)))
        self.completeChanged.emit()

    @Slot(int, str)
    def on_detect_failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self.status.setText(message)

    @Slot(int)
    def on_format_changed(self, _index: int) -> None:
        fmt = self.chosen_format()
        self.note.setText(self.tr(FORMAT_NOTES[fmt]) if fmt in FORMAT_NOTES else
                          self.tr("Read as {format}.").format(format=fmt) if fmt else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return bool(self._checked_path and self._checked_path == self.path.text().strip() and self._exists
                    and self.chosen_format())

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        if isinstance(wizard, ImportWizard):
            wizard.path, wizard.fmt = self.path.text().strip(), self.chosen_format() or ""
        return True

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        return COLUMNS_PAGE if self.chosen_format() in imports.TABLES else PREVIEW_PAGE


class ColumnsPage(JobPage):
    """A table's encoding, delimiter and columns: a preview of its first rows, what each column holds chosen in
    the header. Each change of encoding or delimiter reads the first rows again (on the worker)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Say what each column holds"))
        self.long_jobs = False  # the first rows only: Cancel closes the wizard
        self.setSubTitle(self.tr("The first rows of the table as Starlight reads them. Choose what each column "
                                 "holds in its header; columns set to Ignore are left out."))
        self.encoding = QComboBox()
        for encoding in ENCODINGS:
            self.encoding.addItem(self.tr(_ENCODING_LABELS[encoding]) if encoding in _ENCODING_LABELS
                                  else ENCODING_LABELS[encoding], encoding)
        self.delimiter = QComboBox()
        for delimiter, label in _DELIMITERS:
            self.delimiter.addItem(self.tr(label), delimiter)
        self.model = TablePreviewModel(self)
        self.header = MappingHeader()
        self.table = QTableView()
        self.table.setHorizontalHeader(self.header)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        vertical.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.message = _error_label()

        options = QHBoxLayout()
        for text, combo in ((self.tr("&Encoding:"), self.encoding), (self.tr("&Delimiter:"), self.delimiter)):
            label = QLabel(text)
            label.setBuddy(combo)
            options.addWidget(label)
            options.addWidget(combo)
            options.addSpacing(16)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

        self.shape: TableShape | None = None
        self._read_for: tuple[str, str] | None = None
        #: Columns the person set, by name: kept when the table is read again in another encoding or delimiter.
        self._chosen: dict[str, str] = {}
        self.encoding.currentIndexChanged.connect(self.on_options_changed)
        self.delimiter.currentIndexChanged.connect(self.on_options_changed)
        self.header.target_chosen.connect(self.on_target_chosen)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        if not isinstance(wizard, ImportWizard) or self._read_for == (wizard.path, wizard.fmt):
            return
        self._read_for = (wizard.path, wizard.fmt)
        self._chosen = {}
        self.shape = None
        self.model.set_table([], [], {})
        self.header.set_targets([], [])
        self.message.clear()
        self._read(None, None)

    def _read(self, encoding: str | None, delimiter: str | None) -> None:
        path, fmt = self._read_for or ("", "")
        self.encoding.setEnabled(False)
        self.delimiter.setEnabled(False)
        self.run(lambda _cancel, _progress: read_shape(path, fmt, encoding, delimiter),
                 self.tr("Reading the first rows…"))

    @Slot(int)
    def on_options_changed(self, _index: int) -> None:
        if self._read_for is not None:
            self._read(self.encoding.currentData(), self.delimiter.currentData())

    def job_done(self, shape: TableShape) -> None:
        mapping = {column: self._chosen.get(column, target) for column, target in shape.mapping.items()}
        self.shape = shape
        shape.mapping = mapping
        for combo, value in ((self.encoding, shape.encoding), (self.delimiter, shape.delimiter)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
            combo.setEnabled(True)
        self.model.set_table(shape.header, shape.preview, mapping)
        choices = target_choices()
        self.header.set_targets(choices, [mapping.get(column, "ignore") for column in shape.header])
        self.table.resizeColumnsToContents()
        for column in range(len(self.header.combos)):
            self._fit(column)
        self._show_hint()

    def _fit(self, column: int) -> None:
        """Room for the column's combo label (a column never narrows under the person's eyes), not for a synopsis."""
        label = self.fontMetrics().horizontalAdvance(self.header.combos[column].currentText()) + 48
        self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), label, 110), 300))

    def job_cancelled(self) -> None:
        self.encoding.setEnabled(True)
        self.delimiter.setEnabled(True)

    def job_failed(self, message: str) -> None:
        self.shape = None
        self.model.set_table([], [], {})
        self.header.set_targets([], [])
        self.encoding.setEnabled(True)
        self.delimiter.setEnabled(True)
        self.message.setText(self.tr("This cannot be read as a table: {why}. Try another encoding or delimiter.")
                             .format(why=message))

    @Slot(int, str)
    def on_target_chosen(self, column: int, target: str) -> None:
        if self.shape is None:
            return
        name = self.shape.header[column]
        self._chosen[name] = target
        self.shape.mapping = {**self.shape.mapping, name: target}
        self.model.set_mapping(self.shape.mapping)
        self._fit(column)
        self._show_hint()

    def set_target(self, column: str, target: str) -> None:
        """Choose a column's target as its header combo does."""
        assert self.shape is not None
        index = self.shape.header.index(column)
        combo = self.header.combos[index]
        combo.setCurrentIndex(combo.findData(target))

    def _show_hint(self) -> None:
        if self.shape is not None and "title" not in self.shape.mapping.values():
            self.message.setText(self.tr("Choose the column that holds the title: a work cannot be imported "
                                         "without one."))
        else:
            self.message.clear()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.shape is not None and not self.busy()

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        if self.shape is None:
            return False
        if "title" not in self.shape.mapping.values():
            self.message.setText(self.tr("No column holds the title. Choose “Title” in the header of the column "
                                         "that has the titles, then go on."))
            return False
        wizard = self.wizard()
        if isinstance(wizard, ImportWizard):
            wizard.shape = self.shape
        return True

    def cleanupPage(self) -> None:  # noqa: N802 (Qt's name)
        if self.busy():
            self.forget()
            self._read_for = None  # read again when the page is entered again


class PreviewPage(JobPage):
    """What the import would do, planned on the worker: counts, doubtful matches to confirm (each ticked one is
    taken as that work), conflicts, skipped and repeated lines, and the report to save."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Check what will happen"))
        self.setSubTitle(self.tr("What the import would do to your catalog. Nothing is written until you press "
                                 "Import."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.plan: ImportPlan | None = None

        self.tiles: dict[str, Tile] = {}
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        for key, caption in (("new", self.tr("new")), ("matched", self.tr("already in the catalog")),
                             ("conflicting", self.tr("conflicting")), ("doubtful", self.tr("doubtful")),
                             ("skipped", self.tr("skipped")), ("repeated", self.tr("repeated"))):
            self.tiles[key] = Tile(caption)
            tiles.addWidget(self.tiles[key], 1)
        self.read_as = _dim(_plain_label())

        self.doubtful = self._tree([self.tr("Same work"), self.tr("Line"), self.tr("In your catalog")])
        self.conflicts = self._tree([self.tr("Work"), self.tr("What the file says otherwise")])
        self.skipped = self._tree([self.tr("Line"), self.tr("Title"), self.tr("Why")])
        self.repeats = self._tree([self.tr("Line"), self.tr("The same work as")])
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tree, hint in (
                (self.doubtful, self.tr("A close title, or a year one off. Tick the ones that are the same work as "
                                        "the one in your catalog; the others are left out (neither merged nor "
                                        "added).")),
                (self.conflicts, self.tr("Your catalog says otherwise for these: it keeps your status and rating "
                                         "unless you tick Replace below. Viewings and notes are added either way.")),
                (self.skipped, self.tr("Lines that are not taken, and why. Mend them in the file and import it "
                                       "again: what is already in comes in once.")),
                (self.repeats, self.tr("Lines that are the same work as an earlier line: taken together as one."))):
            tab = QWidget()
            box = QVBoxLayout(tab)
            box.setContentsMargins(6, 6, 6, 6)
            box.addWidget(_dim(_plain_label(hint)))
            box.addWidget(tree, 1)
            self.tabs.addTab(tab, "")
        self.replace = QCheckBox(self.tr("&Replace my status and rating where they differ"))
        self.replace.setToolTip(self.tr("Unticked, the catalog keeps your status and rating where the file says "
                                        "otherwise; viewings and notes are added either way."))
        self.save_button = QPushButton(self.tr("&Save report…"))
        self.save_button.clicked.connect(self.on_save_report)
        self.note = _plain_label()

        self.results = QWidget()
        results = QVBoxLayout(self.results)
        results.setContentsMargins(0, 0, 0, 0)
        results.addLayout(tiles)
        results.addWidget(self.read_as)
        results.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.replace)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        results.addLayout(bottom)
        results.addWidget(self.note)
        self.results.hide()
        self.again = QPushButton(self.tr("Read &again"))
        self.again.clicked.connect(self.on_again)
        self.again.hide()
        self.message = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.message)
        layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.results, 100)
        layout.addStretch(1)  # keeps the progress at the top while the results are hidden
        self._saver = Background(import_pool(), self)
        self._saver.finished.connect(self.on_report_saved)
        self._saver.failed.connect(self.on_report_failed)

    @staticmethod
    def _tree(headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        tree.header().setStretchLastSection(True)
        return tree

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self._plan()

    def cleanupPage(self) -> None:  # noqa: N802 (Qt's name)
        self.forget()

    @Slot()
    def on_again(self) -> None:
        self._plan()

    def _plan(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        catalog, path, fmt = wizard.catalog, wizard.path, wizard.fmt
        shape = wizard.shape if fmt in imports.TABLES else None
        self.plan = None
        self.results.hide()
        self.again.hide()
        self.message.clear()
        self.run(lambda cancel, progress: catalog.plan_file(path, fmt, shape=shape, progress=progress.report,
                                                            cancel=cancel),
                 self.tr("Reading {file}…").format(file=Path(path).name))

    def job_done(self, plan: ImportPlan) -> None:
        self.plan = plan
        counts = {"new": len(plan.new), "matched": len(plan.matched), "conflicting": len(plan.conflicting),
                  "doubtful": len(plan.doubtful), "skipped": len(plan.skipped), "repeated": plan.merged}
        for key, tile in self.tiles.items():
            tile.set_count(counts[key])
        how = format_label(plan.read_as) if plan.read_as in FORMAT_LABELS else plan.read_as
        self.read_as.setText(self.tr("Read as: {how}").format(how=how) if how else "")
        self._fill(plan)
        self.replace.setChecked(False)
        # A doubtful match the person confirms may differ too (the plan names the conflicts of sure matches only).
        self.replace.setEnabled(bool(plan.conflicting or plan.doubtful))
        notes = []
        if plan.bad_bytes:
            notes.append(self.tr("{n:,} stretches of bytes that were not text were repaired or replaced.").format(
                n=plan.bad_bytes))
        if not (plan.new or plan.matched or plan.doubtful):
            notes.append(self.tr("There is nothing to import from this file."))
        self.note.setText(" ".join(notes))
        self.results.show()

    def _fill(self, plan: ImportPlan) -> None:
        self.doubtful.clear()
        for match in plan.doubtful:
            record = match.entry.record
            title = f"{record['title']} ({record['year']})" if record.get("year") else record["title"]
            item = QTreeWidgetItem([title, match.entry.where, match.how])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            self.doubtful.addTopLevelItem(item)
        self.conflicts.clear()
        for work_id, what in list(plan.conflicting.items())[:LIST_LIMIT]:
            title = plan.loaded[work_id]["title"] if work_id in plan.loaded else self.tr("work {id}").format(
                id=work_id)
            self.conflicts.addTopLevelItem(QTreeWidgetItem([title, ", ".join(what)]))
        self.skipped.clear()
        for skipped in plan.skipped[:LIST_LIMIT]:
            self.skipped.addTopLevelItem(QTreeWidgetItem([skipped.where, skipped.title or self.tr("(no title)"),
                                                          skipped.reason]))
        self.repeats.clear()
        for repeat, first in plan.repeats:
            self.repeats.addTopLevelItem(QTreeWidgetItem([repeat, first]))
        more = self.tr("… and {n:,} more: the saved report has them all")
        for tree, count in ((self.conflicts, len(plan.conflicting)), (self.skipped, len(plan.skipped)),
                            (self.repeats, plan.merged)):
            if count > tree.topLevelItemCount():
                tree.addTopLevelItem(QTreeWidgetItem([more.format(n=count - tree.topLevelItemCount())]))
        for tree in (self.doubtful, self.conflicts, self.skipped, self.repeats):
            for column in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(column)
                tree.setColumnWidth(column, min(max(tree.columnWidth(column) + 12, 90), 320))
        labels = ((self.tr("Doubtful ({n:,})"), len(plan.doubtful)),
                  (self.tr("Conflicts ({n:,})"), len(plan.conflicting)),
                  (self.tr("Skipped ({n:,})"), len(plan.skipped)), (self.tr("Repeated ({n:,})"), plan.merged))
        for tab, (label, count) in enumerate(labels):
            self.tabs.setTabText(tab, label.format(n=count))
            self.tabs.setTabEnabled(tab, count > 0)
        self.tabs.setCurrentIndex(next((t for t, (_, count) in enumerate(labels) if count), 0))

    def accepted(self) -> set[int]:
        """The doubtful matches the person ticked, as indexes into plan.doubtful."""
        return {n for n in range(self.doubtful.topLevelItemCount())
                if self.doubtful.topLevelItem(n).checkState(0) == Qt.CheckState.Checked}

    def set_accepted(self, index: int, same: bool = True) -> None:
        self.doubtful.topLevelItem(index).setCheckState(0, Qt.CheckState.Checked if same else Qt.CheckState.Unchecked)

    def job_cancelled(self) -> None:
        self.message.setText(self.tr("Stopped; nothing was read into the catalog. Go back to choose another file, "
                                     "or read this one again."))
        self.again.show()

    def job_failed(self, message: str) -> None:
        self.message.setText(message)
        self.again.show()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        plan = self.plan
        return plan is not None and not self.busy() and bool(plan.new or plan.matched or plan.doubtful)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        if isinstance(wizard, ImportWizard) and self.plan is not None:
            wizard.plan, wizard.accepted, wizard.replace = self.plan, self.accepted(), self.replace.isChecked()
        return True

    @Slot()
    def on_save_report(self) -> None:
        wizard = self.wizard()
        if self.plan is None or not isinstance(wizard, ImportWizard):
            return
        suggested = str(Path(wizard.path).with_name(Path(wizard.path).stem + "-import-report.txt"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the import report"), suggested,
                                              self.tr("Text files (*.txt);;All files (*)"))
        if path:
            self.save_report(path)

    def save_report(self, path: str) -> None:
        """Write the report (the plan's lines, with the doubtful matches as ticked now) on the worker."""
        assert self.plan is not None
        plan, accepted = self.plan, self.accepted()
        self.note.setText(self.tr("Saving the report…"))
        self._saver.submit(lambda: save_report(path, plan.report(True, accepted)))

    @Slot(int, object)
    def on_report_saved(self, _ticket: int, path: str) -> None:
        self.note.setText(self.tr("Report saved to {path}").format(path=path))

    @Slot(int, str)
    def on_report_failed(self, _ticket: int, message: str) -> None:
        self.note.setText(self.tr("The report could not be saved: {why}").format(why=message))


class ImportPage(JobPage):
    """The import itself, on the worker in one transaction: progress, cancel (nothing is written), the outcome."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("The works are written in one step: all of them, or none if you cancel."))
        self.outcome: ImportOutcome | None = None
        self.headline = _plain_label()
        self.headline.setFont(_scaled_font(self, 1.35, bold=True))
        self.detail = _dim(_plain_label())
        self.again = QPushButton(self.tr("Import &again"))
        self.again.clicked.connect(self.on_again)
        self.again.hide()
        layout = QVBoxLayout(self)
        layout.addSpacing(12)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.detail)
        layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self._apply()

    @Slot()
    def on_again(self) -> None:
        self._apply()

    def _apply(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard) and wizard.plan is not None
        catalog, plan, accepted, replace = wizard.catalog, wizard.plan, set(wizard.accepted), wizard.replace
        self.again.hide()
        self.detail.clear()
        self.headline.setText(self.tr("Importing {file}…").format(file=Path(wizard.path).name))

        def apply(cancel: threading.Event, progress: ImportProgress) -> ImportOutcome:
            return imports.apply_import(catalog, plan, accepted, replace, progress.report, cancel)
        self.run(apply, self.tr("Writing…"))

    def job_done(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self.headline.setText(self.tr("Added {added:,}, updated {updated:,}.").format(
            added=len(outcome.added), updated=len(outcome.updated)))
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard) and wizard.plan is not None
        plan, lines = wizard.plan, []
        if outcome.added:
            lines.append(self.tr("{n:,} new works are in your catalog.").format(n=len(outcome.added)))
        if outcome.updated:
            lines.append(self.tr("{n:,} works already in your catalog got your status, rating, viewings or notes "
                                 "from the file.").format(n=len(outcome.updated)))
        left = len(plan.doubtful) - len(wizard.accepted)
        if left or plan.skipped:
            lines.append(self.tr("Left out: {doubtful:,} doubtful matches not confirmed, {skipped:,} skipped lines.")
                         .format(doubtful=left, skipped=len(plan.skipped)))
        lines.append(self.tr("Undo the whole import in one step with Edit → Undo (Ctrl+Z) in the main window."))
        self.detail.setText("\n".join(lines))
        wizard.outcome = outcome
        wizard.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)  # it is done: Finish closes
        wizard.imported.emit(outcome, Path(wizard.path).name)

    def job_cancelled(self) -> None:
        self.headline.setText(self.tr("Cancelled; nothing was imported."))
        self.detail.setText(self.tr("Your catalog is as it was."))
        self.again.show()

    def job_failed(self, message: str) -> None:
        self.headline.setText(self.tr("Nothing was imported."))
        self.detail.setText(message)
        self.again.show()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return not self.busy()


class ImportWizard(QWizard):
    """File → Import…: a file of another tool (or a table) brought into the catalog, page by page."""

    #: The import was written: its outcome (ImportOutcome) and the file's name, for the window's undo step.
    imported = Signal(object, str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.path = ""
        self.fmt = ""
        self.shape: TableShape | None = None
        self.plan: ImportPlan | None = None
        self.accepted: set[int] = set()
        self.replace = False
        self.outcome: ImportOutcome | None = None
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.file_page = FilePage()
        self.columns_page = ColumnsPage()
        self.preview_page = PreviewPage()
        self.import_page = ImportPage()
        for page_id, page in ((FILE_PAGE, self.file_page), (COLUMNS_PAGE, self.columns_page),
                              (PREVIEW_PAGE, self.preview_page), (IMPORT_PAGE, self.import_page)):
            self.setPage(page_id, page)
        self.setStartId(FILE_PAGE)
        self.resize(900, 640)

    def job_page(self) -> JobPage | None:
        page = self.currentPage()
        return page if isinstance(page, JobPage) else None

    @Slot()
    def cancel_job(self) -> bool:
        """Stop the job the current page runs, if any (the Cancel button does this first); True if there was one."""
        page = self.job_page()
        if page is not None and page.long_jobs and page.busy():
            page.cancel()
            return True
        return False

    def reject(self) -> None:  # Cancel, Esc, the close button: stop a running job first, close when none runs
        if not self.cancel_job():
            super().reject()

    def done(self, result: int) -> None:
        # A job still running would answer a closed wizard: stop it and let it roll back first.
        for page in (self.columns_page, self.preview_page, self.import_page):
            page.cancel()
            page.wait()
        super().done(result)
