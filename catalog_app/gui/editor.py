"""The work editor: every field of one work in tabs, undoable edits, inline validation, conflict-safe saving.

`WorkEditor` is a plain QWidget, so it can sit in the main window as a panel or inside a dialog. Every change a
person makes (a field, a table cell, a row added, removed or moved) is one QUndoCommand on `undo_stack`;
consecutive typing in one field merges into one command. Validation runs the core rules (`validate_work`) on the
record built from the widgets after every change and shows each problem in red under its field; a problem only
blocks saving. A save based on a version someone else has replaced opens `ConflictDialog`, which lists both values
of every field that differs and lets the person keep theirs, take the other, or choose field by field.

All text from the catalog is shown as plain text (line edits, plain text edits, table cells, plain-text labels).
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from PySide6.QtCore import (
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStringListModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QIcon,
    QImageReader,
    QKeySequence,
    QPalette,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import ConflictError, InputError, StarlightError
from ..core.images import jpeg_is_complete
from ..core.normalize import sort_key
from ..core.record import validate_work
from ..core.types import (
    RATING_SCALES,
    AvailabilityKind,
    CopyFormat,
    CreditRole,
    RelationKind,
    TitleKind,
    WatchStatus,
    WorkKind,
)
from ..services.catalog import Catalog
from ..store.tables import Person
from .detail_panel import plain_tooltip

#: Largest poster accepted: pixels a side and bytes of the file.
MAX_POSTER_SIDE = 12_000
MAX_POSTER_BYTES = 20 * 1024 * 1024
#: People offered by the name completer at a time.
PERSON_SUGGESTIONS = 30
#: Longest value shown in one cell of the conflict view (the value itself is never cut, only its display).
CONFLICT_SHOWN_CHARS = 600

_ERROR_COLOR = "#b3261e"
_INVALID_BASE = QColor("#fdecea")
_UNDO_KEYS = (QKeySequence("Ctrl+Z"), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))
_EMPTY_PERSONAL: dict[str, Any] = {"status": None, "rating": None, "favourite": False, "notes": None,
                                   "viewings": [], "copies": []}
_MIME_BY_FORMAT = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "webp": "image/webp",
                   "gif": "image/gif", "svg": "image/svg+xml", "svgz": "image/svg+xml", "bmp": "image/bmp",
                   "tiff": "image/tiff", "tif": "image/tiff"}


# ---- small helpers ---------------------------------------------------------------------------------------------

def _is_undo_key(event: Any) -> bool:
    return (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
            or QKeySequence(event.keyCombination()) in _UNDO_KEYS)


def _keys(standard: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys for a standard action plus `extra`, each once (a key bound twice is ambiguous)."""
    keys: list[QKeySequence] = []
    for key in [*QKeySequence.keyBindings(standard), *(QKeySequence(e) for e in extra)]:
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


def _parse_int(raw: str) -> Any:
    """A typed whole number; text that is not one is passed on as is, so validation names the problem."""
    text = raw.strip()
    if not text:
        return None
    return int(text) if re.fullmatch(r"[+-]?\d{1,30}", text) else text


def _parse_number(raw: str) -> Any:
    text = raw.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def _number_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def _short(text: str, limit: int = CONFLICT_SHOWN_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _error_tokens(error: InputError, title: str) -> list[Any]:
    """A validation error's field path as keys and indexes: "work ('x').ratings[0].value" → [ratings, 0, value]."""
    where = error.where or ""
    for prefix in (f"work ('{title[:60]}')", "work"):
        if where.startswith(prefix):
            where = where[len(prefix):]
            break
    return [m.group(1) or int(m.group(2)) for m in re.finditer(r"\.(\w+)|\[(\d+)\]", where)]


def _check(obj: dict[str, Any]) -> tuple[list[Any], str] | None:
    """Run the core validation on a (partial) work; the first problem's path and message, or None."""
    try:
        validate_work(obj, "work")
    except InputError as e:
        return _error_tokens(e, str(obj.get("title") or "").strip()), e.message
    return None


def _error_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {_ERROR_COLOR};")
    font = label.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 0.92)
        label.setFont(font)
    label.hide()
    return label


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _hint(text: str) -> QLabel:
    """A greyed, wrapping line of help under a table."""
    label = _plain_label(text)
    label.setWordWrap(True)
    label.setEnabled(False)
    return label


# ---- widgets whose own undo gives way to the editor's ---------------------------------------------------------

class _EditorUndoKeys:
    """Leaves Ctrl+Z / Ctrl+Shift+Z to the editor's undo stack instead of the field's own undo."""

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and _is_undo_key(e):
            e.ignore()
            return True
        return super().event(e)  # type: ignore[misc]

    def keyPressEvent(self, e: Any) -> None:  # noqa: N802 (Qt's name)
        if _is_undo_key(e):
            e.ignore()
            return
        super().keyPressEvent(e)  # type: ignore[misc]


class _LineEdit(_EditorUndoKeys, QLineEdit):
    """A line edit whose Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y reach the editor's undo stack, not its private one."""

    focus_lost = Signal()

    def __init__(self, shared: tuple[QAction, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shared = shared

    def contextMenuEvent(self, e: Any) -> None:
        menu = self.createStandardContextMenu()
        _swap_undo_actions(menu, self._shared)
        menu.exec(e.globalPos())
        menu.deleteLater()

    def focusOutEvent(self, e: Any) -> None:
        super().focusOutEvent(e)
        self.focus_lost.emit()


class _TextEdit(_EditorUndoKeys, QPlainTextEdit):
    """Long plain text; its undo is the editor's (see `_LineEdit`)."""

    focus_lost = Signal()

    def __init__(self, shared: tuple[QAction, QAction], lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shared = shared
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * lines + 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._lines = lines

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * self._lines + 12)

    def contextMenuEvent(self, e: Any) -> None:
        menu = self.createStandardContextMenu(e.pos())
        _swap_undo_actions(menu, self._shared)
        menu.exec(e.globalPos())
        menu.deleteLater()

    def focusOutEvent(self, e: Any) -> None:
        super().focusOutEvent(e)
        self.focus_lost.emit()


def _swap_undo_actions(menu: Any, shared: tuple[QAction, QAction]) -> None:
    own = [a for a in menu.actions() if a.objectName() in ("edit-undo", "edit-redo")]
    first = next((a for a in menu.actions() if a not in own), None)
    for action in own:
        menu.removeAction(action)
    menu.insertActions(first, list(shared))


# ---- table models ----------------------------------------------------------------------------------------------

@dataclass
class Column:
    """One column of an editable table: `key` is the record field it edits."""

    key: str
    header: str
    kind: str = "text"  # text, long, int, number, date, bool, choice, person, readonly
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label) for choice columns
    required: bool = False
    neutral: Any = None  # a value that passes validation, to look for further problems in the same row
    default: Any = ""  # the value of a new row
    width: int | None = None
    stretch: bool = False
    in_record: bool = True  # False: shown, but not a field of the record's item (a credit's original name)
    completions: list[str] = field(default_factory=list)

    def label_of(self, value: Any) -> str:
        return next((label for v, label in self.choices if v == value), "" if value is None else str(value))


class RowsModel(QAbstractTableModel):
    """Rows of one list field (credits, ratings…) as the editor shows them; changed only through undo commands.

    Each row is a dict: the shown columns as typed (text), plus the item's other fields kept as loaded.
    """

    changed = Signal()

    def __init__(self, editor: "WorkEditor", path: str, noun: str, columns: list[Column],
                 scalar_items: bool = False) -> None:
        super().__init__(editor)
        self.editor = editor
        self.path = path  # "ratings", "personal.viewings"
        self.noun = noun
        self.columns = columns
        self.scalar_items = scalar_items  # genres, tags: each item is one text, not an object
        self.rows: list[dict[str, Any]] = []
        self.errors: dict[tuple[int, str], str] = {}
        self.hook: Callable[[dict[str, Any], dict[str, Any], str], dict[str, Any]] | None = None
        self.readonly_text: Callable[[dict[str, Any], Column], tuple[str, str]] | None = None
        self.person_tip: Callable[[dict[str, Any]], tuple[bool, str]] | None = None

    # -- Qt model interface --

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kind = self.columns[index.column()].kind
        if kind == "readonly":
            return base
        if kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        value = row.get(col.key)
        error = self.errors.get((index.row(), col.key))
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == "bool":
                return None
            if col.kind == "choice":
                return col.label_of(value)
            if col.kind == "readonly":
                return self.readonly_text(row, col)[0] if self.readonly_text else ""
            if col.kind == "long":
                return " ⏎ ".join(str(value or "").splitlines())
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.CheckStateRole and col.kind == "bool":
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            if error:
                return error
            if col.kind == "readonly" and self.readonly_text:
                return self.readonly_text(row, col)[1]
            if col.kind == "person" and self.person_tip and str(value or "").strip():
                return self.person_tip(row)[1]
            if col.kind == "long" and value:
                return _short(str(value), 2000)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in ("int", "number"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and error:
            return _INVALID_BASE
        if role == Qt.ItemDataRole.ForegroundRole and error:
            return QColor("black")
        if role == Qt.ItemDataRole.FontRole and col.kind == "person" and self.person_tip \
                and str(value or "").strip() and not self.person_tip(row)[0]:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return False
        col = self.columns[index.column()]
        if col.kind == "readonly":
            return False
        if col.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            new_value: Any = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        elif role == Qt.ItemDataRole.EditRole:
            new_value = value if col.kind == "choice" else ("" if value is None else str(value))
        else:
            return False
        return self.editor._edit_cell(self, index.row(), col.key, new_value)

    # -- changes (only the undo commands call these) --

    def replace_row(self, row: int, values: dict[str, Any]) -> None:
        self.rows[row] = dict(values)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.changed.emit()

    def insert_rows(self, position: int, rows: list[dict[str, Any]]) -> None:
        self.beginInsertRows(QModelIndex(), position, position + len(rows) - 1)
        self.rows[position:position] = [dict(r) for r in rows]
        self.endInsertRows()
        self.changed.emit()

    def remove_rows(self, positions: list[int]) -> None:
        for position in sorted(positions, reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self.rows[position]
            self.endRemoveRows()
        self.changed.emit()

    def move_row(self, source: int, target: int) -> None:
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target + 1 if target > source else target)
        self.rows.insert(target, self.rows.pop(source))
        self.endMoveRows()
        self.changed.emit()

    def reset(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = [dict(r) for r in rows]
        self.errors = {}
        self.endResetModel()

    def set_errors(self, errors: dict[tuple[int, str], str]) -> None:
        if errors != self.errors:
            self.errors = errors
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    # -- rows as record items --

    def new_row(self) -> dict[str, Any]:
        return {c.key: c.default for c in self.columns if c.kind != "readonly"}

    def is_blank(self, row: dict[str, Any]) -> bool:
        return all(not str(row.get(c.key) or "").strip() for c in self.columns
                   if c.kind in ("text", "long", "int", "number", "date", "person"))

    def parse(self, row: dict[str, Any]) -> Any:
        """A row as the record's item: typed values parsed, the item's other fields kept."""
        if self.scalar_items:
            return row["value"]
        item = {k: v for k, v in row.items() if not k.startswith("_")}
        for col in self.columns:
            if col.kind == "readonly":
                continue
            if not col.in_record:
                item.pop(col.key, None)
                continue
            raw = row.get(col.key)
            if col.kind == "int":
                item[col.key] = _parse_int(raw or "")
            elif col.kind == "number":
                item[col.key] = _parse_number(raw or "")
            elif col.kind == "choice":
                item[col.key] = raw or None
            elif col.kind == "bool":
                item[col.key] = bool(raw)
            else:
                item[col.key] = raw
        return item

    def items(self) -> tuple[list[Any], list[int]]:
        """The record's list (blank rows left out) and, for each item, the row it came from."""
        rows = [n for n, row in enumerate(self.rows) if not self.is_blank(row)]
        return [self.parse(self.rows[n]) for n in rows], rows

    def state(self) -> tuple:
        return tuple(tuple(sorted((k, repr(v)) for k, v in row.items())) for row in self.rows)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# ---- undo commands ---------------------------------------------------------------------------------------------

class FieldCommand(QUndoCommand):
    """One field set from one value to another; consecutive typing in the same field merges into one."""

    MERGE_ID = 0x57ED

    def __init__(self, editor: "WorkEditor", name: str, old: Any, new: Any, text: str, merge: bool) -> None:
        super().__init__(text)
        self.editor, self.name, self.old, self.new, self.merge = editor, name, old, new, merge
        self._first = True

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldCommand) or other.name != self.name or not other.merge:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self.editor._apply_field(self.name, self.new, reveal=not self._first)
        self._first = False

    def undo(self) -> None:
        self.editor._apply_field(self.name, self.old, reveal=True)


class CellCommand(QUndoCommand):
    def __init__(self, editor: "WorkEditor", model: RowsModel, row: int, old: dict[str, Any], new: dict[str, Any],
                 key: str, text: str) -> None:
        super().__init__(text)
        self.editor, self.model, self.row, self.old, self.new, self.key = editor, model, row, old, new, key

    def redo(self) -> None:
        self.model.replace_row(self.row, self.new)
        self.editor._reveal_cell(self.model, self.row, self.key)

    def undo(self) -> None:
        self.model.replace_row(self.row, self.old)
        self.editor._reveal_cell(self.model, self.row, self.key)


class InsertRowsCommand(QUndoCommand):
    def __init__(self, editor: "WorkEditor", model: RowsModel, position: int, rows: list[dict[str, Any]],
                 text: str) -> None:
        super().__init__(text)
        self.editor, self.model, self.position, self.rows = editor, model, position, rows

    def redo(self) -> None:
        self.model.insert_rows(self.position, self.rows)
        self.editor._reveal_cell(self.model, self.position, None)

    def undo(self) -> None:
        self.model.remove_rows(list(range(self.position, self.position + len(self.rows))))
        self.editor._reveal_cell(self.model, min(self.position, len(self.model.rows) - 1), None)


class RemoveRowsCommand(QUndoCommand):
    def __init__(self, editor: "WorkEditor", model: RowsModel, positions: list[int], text: str) -> None:
        super().__init__(text)
        self.editor, self.model = editor, model
        self.positions = sorted(positions)
        self.rows = [dict(model.rows[p]) for p in self.positions]

    def redo(self) -> None:
        self.model.remove_rows(self.positions)
        self.editor._reveal_cell(self.model, min(self.positions[0], len(self.model.rows) - 1), None)

    def undo(self) -> None:
        for position, row in zip(self.positions, self.rows):
            self.model.insert_rows(position, [row])
        self.editor._reveal_cell(self.model, self.positions[0], None)


class MoveRowCommand(QUndoCommand):
    def __init__(self, editor: "WorkEditor", model: RowsModel, source: int, target: int, text: str) -> None:
        super().__init__(text)
        self.editor, self.model, self.source, self.target = editor, model, source, target

    def redo(self) -> None:
        self.model.move_row(self.source, self.target)
        self.editor._reveal_cell(self.model, self.target, None)

    def undo(self) -> None:
        self.model.move_row(self.target, self.source)
        self.editor._reveal_cell(self.model, self.source, None)


# ---- delegates -------------------------------------------------------------------------------------------------

class _ChoiceDelegate(QStyledItemDelegate):
    def __init__(self, column: Column, parent: QWidget) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self.column.choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo: (self.commitData.emit(c), self.closeEditor.emit(c)))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _LongTextDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: Any, index: QModelIndex) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 5 + 10))
        editor.setGeometry(rect)


class _CompleterDelegate(QStyledItemDelegate):
    """A text cell with suggestions: a fixed list, or a function asked as the person types (people's names)."""

    def __init__(self, parent: QWidget, words: list[str] | None = None,
                 lookup: Callable[[str], list[str]] | None = None) -> None:
        super().__init__(parent)
        self.words = words or []
        self.lookup = lookup

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        edit = QLineEdit(parent)
        completer = QCompleter(self.words, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        if self.lookup is not None:
            completer.setModel(QStringListModel(edit))
            completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
            edit.textEdited.connect(lambda text, c=completer: self._suggest(c, text))
        edit.setCompleter(completer)
        return edit

    def _suggest(self, completer: QCompleter, text: str) -> None:
        names = self.lookup(text) if self.lookup and text.strip() else []
        completer.model().setStringList(names)
        if names:
            completer.complete()
        else:
            completer.popup().hide()

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


# ---- a table with its buttons ----------------------------------------------------------------------------------

class TableEditor(QWidget):
    """An editable table (a view over a RowsModel) with Add, Remove, Move up and Move down, and its problems."""

    def __init__(self, editor: "WorkEditor", model: RowsModel, min_rows: int = 4) -> None:
        super().__init__(editor)
        self.editor = editor
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for n, col in enumerate(model.columns):
            if col.kind == "choice":
                self.view.setItemDelegateForColumn(n, _ChoiceDelegate(col, self.view))
            elif col.kind == "long":
                self.view.setItemDelegateForColumn(n, _LongTextDelegate(self.view))
            elif col.kind == "person":
                self.view.setItemDelegateForColumn(n, _CompleterDelegate(self.view, lookup=editor._people_like))
            elif col.completions:
                self.view.setItemDelegateForColumn(n, _CompleterDelegate(self.view, words=col.completions))
            if col.stretch:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
            elif col.width:
                self.view.setColumnWidth(n, col.width)
        self.view.setMinimumHeight(header.sizeHint().height() + vertical.defaultSectionSize() * min_rows + 4)

        self.add_button = QToolButton(text=QCoreApplication.translate("WorkEditor", "Add"))
        self.add_button.setToolTip(QCoreApplication.translate("WorkEditor", "Add a {what}").format(what=model.noun))
        self.remove_button = QToolButton(text=QCoreApplication.translate("WorkEditor", "Remove"))
        self.remove_button.setToolTip(QCoreApplication.translate("WorkEditor", "Remove the selected rows"))
        self.up_button = QToolButton()
        self.up_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.up_button.setToolTip(QCoreApplication.translate("WorkEditor", "Move up"))
        self.up_button.setAccessibleName(QCoreApplication.translate("WorkEditor", "Move up"))
        self.down_button = QToolButton()
        self.down_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        self.down_button.setToolTip(QCoreApplication.translate("WorkEditor", "Move down"))
        self.down_button.setAccessibleName(QCoreApplication.translate("WorkEditor", "Move down"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_rows)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.errors = _error_label()

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.errors)
        self.view.selectionModel().selectionChanged.connect(self.update_buttons)
        model.changed.connect(self.update_buttons)
        model.modelReset.connect(self.update_buttons)
        self.update_buttons()

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedRows()})

    @Slot()
    def update_buttons(self) -> None:
        try:
            rows = self.selected_rows()
            self.remove_button.setEnabled(bool(rows))
            self.up_button.setEnabled(len(rows) == 1 and rows[0] > 0)
            self.down_button.setEnabled(len(rows) == 1 and rows[0] < len(self.model.rows) - 1)
        except RuntimeError:  # the model outlives the buttons while the editor is being destroyed
            pass

    @Slot()
    def add_row(self) -> None:
        position = len(self.model.rows)
        text = QCoreApplication.translate("WorkEditor", "Add {what}").format(what=self.model.noun)
        self.editor._push(InsertRowsCommand(self.editor, self.model, position, [self.model.new_row()], text))
        first = next((n for n, c in enumerate(self.model.columns) if c.kind not in ("readonly", "bool")), 0)
        index = self.model.index(position, first)
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        self.view.edit(index)

    @Slot()
    def remove_rows(self) -> None:
        rows = self.selected_rows()
        if rows:
            text = QCoreApplication.translate("WorkEditor", "Remove {what}").format(what=self.model.noun)
            self.editor._push(RemoveRowsCommand(self.editor, self.model, rows, text))

    def move(self, delta: int) -> None:
        rows = self.selected_rows()
        if len(rows) == 1 and 0 <= rows[0] + delta < len(self.model.rows):
            text = QCoreApplication.translate("WorkEditor", "Move {what}").format(what=self.model.noun)
            self.editor._push(MoveRowCommand(self.editor, self.model, rows[0], rows[0] + delta, text))

    def select(self, row: int, key: str | None) -> None:
        if not 0 <= row < len(self.model.rows):
            return
        column = 0
        if key is not None:
            column = next((n for n, c in enumerate(self.model.columns) if c.key == key), 0)
        index = self.model.index(row, column)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def show_errors(self, errors: dict[tuple[int, str], str]) -> None:
        self.model.set_errors(errors)
        lines = [QCoreApplication.translate("WorkEditor", "Row {n}: {problem}").format(n=row + 1, problem=message)
                 for (row, _key), message in sorted(errors.items(), key=lambda e: (e[0][0], self._col(e[0][1])))]
        if len(lines) > 6:
            lines = lines[:5] + [QCoreApplication.translate("WorkEditor", "…and {n} more").format(n=len(lines) - 5)]
        self.errors.setText("\n".join(lines))
        self.errors.setVisible(bool(lines))

    def _col(self, key: str) -> int:
        return next((n for n, c in enumerate(self.model.columns) if c.key == key), 0)


# ---- the conflict view -----------------------------------------------------------------------------------------

@dataclass
class ConflictRow:
    """One field whose value differs between the person's edit ("mine") and the catalog's version ("theirs")."""

    field: str
    label: str
    mine: str
    theirs: str
    default: str  # "mine" when the person changed this field, else "theirs"


class ConflictDialog(QDialog):
    """Both versions of every differing field, with a choice per field; never saves by itself.

    `decision` is "mine", "theirs" or "merge" once a button was pressed (None when cancelled); `choices()` gives
    the per-field choice ("mine" / "theirs").
    """

    def __init__(self, parent: QWidget, title: str, expected: int, actual: int, rows: list[ConflictRow],
                 kept: list[str] | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.decision: str | None = None
        self.setWindowTitle(self.tr("Someone else changed this work"))
        self.resize(900, 520)
        intro = _plain_label(self.tr(
            "“{title}” was changed by someone else while you were editing it (you started from version {mine}, "
            "the catalog now has version {theirs}). These fields differ. Nothing is saved until you choose.")
            .format(title=title, mine=expected, theirs=actual))
        intro.setWordWrap(True)
        self.kept_note = _plain_label(self.tr("Their changes to what this editor does not show ({fields}) are "
                                              "kept whatever you choose.").format(fields=", ".join(kept or [])))
        self.kept_note.setWordWrap(True)
        self.kept_note.setVisible(bool(kept))
        self.table = QTableWidget(len(rows), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Yours"), self.tr("Theirs"),
                                              self.tr("Keep")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: dict[str, QComboBox] = {}
        for n, row in enumerate(rows):
            for column, text in enumerate((row.label, _short(row.mine), _short(row.theirs))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if column:
                    item.setToolTip(plain_tooltip(_short(row.mine if column == 1 else row.theirs, 4000)))
                self.table.setItem(n, column, item)
            combo = QComboBox()
            combo.addItem(self.tr("Yours"), "mine")
            combo.addItem(self.tr("Theirs"), "theirs")
            combo.setCurrentIndex(combo.findData(row.default))
            combo.setAccessibleName(self.tr("Keep for {field}").format(field=row.label))
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(2, 2, 2, 2)
            cell_layout.addWidget(combo)
            cell_layout.addStretch(1)
            self.table.setCellWidget(n, 3, cell)
            self.combos[row.field] = combo
        self.table.resizeRowsToContents()

        self.keep_mine_button = QPushButton(self.tr("Keep mine"))
        self.keep_mine_button.setToolTip(self.tr("Save all your values over the new version"))
        self.take_theirs_button = QPushButton(self.tr("Take theirs"))
        self.take_theirs_button.setToolTip(self.tr("Discard your edits and show the new version"))
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setToolTip(self.tr("Save the value chosen in the Keep column for each field"))
        self.merge_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Go back to editing; nothing is saved"))
        self.keep_mine_button.clicked.connect(lambda: self._decide("mine"))
        self.take_theirs_button.clicked.connect(lambda: self._decide("theirs"))
        self.merge_button.clicked.connect(lambda: self._decide("merge"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for button in (self.take_theirs_button, self.keep_mine_button, self.merge_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.kept_note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _decide(self, decision: str) -> None:
        self.decision = decision
        self.accept()

    def choose(self, field_name: str, side: str) -> None:
        """Set one field's choice ("mine" or "theirs"), as picking it in the Keep column does."""
        combo = self.combos[field_name]
        combo.setCurrentIndex(combo.findData(side))

    def choices(self) -> dict[str, str]:
        if self.decision == "mine":
            return {name: "mine" for name in self.combos}
        if self.decision == "theirs":
            return {name: "theirs" for name in self.combos}
        return {name: combo.currentData() for name, combo in self.combos.items()}

    def shown(self) -> list[tuple[str, str, str]]:
        """(field, yours, theirs) as the table shows them."""
        return [tuple(self.table.item(n, c).text() for c in range(3)) for n in range(self.table.rowCount())]


# ---- the editor ------------------------------------------------------------------------------------------------

@dataclass
class _Field:
    name: str  # record path: "title", "personal.rating"
    kind: str  # text, long, int, choice, bool
    label: str  # in undo texts and the conflict view
    widget: QWidget
    tab: int
    message_name: str  # in validation messages ("Rating must be between 0 and 100")


@dataclass
class _PersonRef:
    key: str
    name: str
    original_name: str | None


class WorkEditor(QWidget):
    """Edits one work of a catalog: `edit(work_id)`, then `save()`.

    Signals:
        saved(int): the work id, after a save reached the catalog (the editor then shows the saved version).
        validity_changed(bool): whether the current values can be saved.
    """

    saved = Signal(int)
    validity_changed = Signal(bool)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.work_id: int | None = None
        self.conflict_view: ConflictDialog | None = None
        self._record: dict[str, Any] = {}
        self._people: dict[str, dict[str, Any]] = {}
        self._known: dict[str, _PersonRef] = {}
        self._version = 0
        self._applying = 0
        self._typing: str | None = None
        self._fields: dict[str, _Field] = {}
        self._shown: dict[str, Any] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._problems: list[tuple[int, str]] = []
        self._valid = True
        self._base_state: tuple = ()
        self._tab_index = 0
        self._tables: dict[str, TableEditor] = {}
        self._said: tuple[str, bool] = ("", False)

        self.undo_stack = QUndoStack(self)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts(_keys(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts(_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        self.addActions([self.undo_action, self.redo_action])
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._shared = (self.undo_action, self.redo_action)
        self._labels = self._enum_labels()

        self.heading = _plain_label()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._build_basics()
        self._build_credits()
        self._build_ratings()
        self._build_availability()
        self._build_relations()
        self._build_quotes()
        self._build_personal()
        self._build_images()

        self.summary = _plain_label()
        self.summary.setWordWrap(True)
        self.undo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.redo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        undo_button = QToolButton()
        undo_button.setDefaultAction(self.undo_action)
        undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        redo_button = QToolButton()
        redo_button.setDefaultAction(self.redo_action)
        redo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(undo_button)
        bottom.addWidget(redo_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.setEnabled(False)

    # ---- labels ----

    def _enum_labels(self) -> dict[str, dict[str, str]]:
        return {
            "kind": {"film": self.tr("Film"), "series": self.tr("Series"), "miniseries": self.tr("Miniseries"),
                     "season": self.tr("Season"), "episode": self.tr("Episode"), "short": self.tr("Short"),
                     "special": self.tr("Special"), "tv_film": self.tr("TV film"), "ova": self.tr("OVA")},
            "role": {"director": self.tr("Director"), "writer": self.tr("Writer"),
                     "original_story": self.tr("Original story"), "cast": self.tr("Cast"),
                     "voice": self.tr("Voice"), "composer": self.tr("Composer"), "producer": self.tr("Producer"),
                     "executive_producer": self.tr("Executive producer"),
                     "cinematographer": self.tr("Cinematographer"), "editor": self.tr("Editor"),
                     "animation_director": self.tr("Animation director"),
                     "character_designer": self.tr("Character designer"), "art_director": self.tr("Art director"),
                     "creator": self.tr("Creator"), "crew": self.tr("Crew")},
            "title": {"localized": self.tr("Localized"), "romanized": self.tr("Romanized"),
                      "original": self.tr("Original"), "alternative": self.tr("Alternative"),
                      "working": self.tr("Working"), "short": self.tr("Short", "a kind of title")},
            "availability": {"stream": self.tr("Stream"), "free": self.tr("Free"), "ads": self.tr("With ads"),
                             "rent": self.tr("Rent"), "buy": self.tr("Buy"), "own": self.tr("Own")},
            "relation": {"sequel": self.tr("Sequel"), "prequel": self.tr("Prequel"), "follow_up": self.tr("Follow-up"),
                         "remake": self.tr("Remake"), "remake_of": self.tr("Remake of"),
                         "adaptation_of": self.tr("Adaptation of"), "spin_off": self.tr("Spin-off"),
                         "spin_off_of": self.tr("Spin-off of"), "same_universe": self.tr("Same universe"),
                         "compared_to": self.tr("Compared to"), "similar": self.tr("Similar")},
            "status": {"planned": self.tr("Planned"), "watching": self.tr("Watching"),
                       "completed": self.tr("Completed"), "on_hold": self.tr("On hold"),
                       "dropped": self.tr("Dropped")},
            "copy": {"dvd": self.tr("DVD"), "bluray": self.tr("Blu-ray"), "uhd": self.tr("4K UHD"),
                     "vhs": self.tr("VHS"), "laserdisc": self.tr("LaserDisc"), "digital": self.tr("Digital"),
                     "file": self.tr("File"), "other": self.tr("Other")},
        }

    def _choices(self, group: str, enum: Any, none: bool = False) -> list[tuple[str, str]]:
        labels = self._labels[group]
        items = [(m.value, labels.get(m.value, m.value)) for m in enum]
        return ([("", self.tr("—"))] if none else []) + items

    # ---- building the tabs ----

    def _new_tab(self, title: str, scroll: bool = False) -> QVBoxLayout:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(page)
            self._tab_index = self.tabs.addTab(area, title)
        else:
            self._tab_index = self.tabs.addTab(page, title)
        return layout

    def _register(self, name: str, kind: str, label: str, widget: QWidget, message_name: str = "") -> QWidget:
        self._fields[name] = _Field(name, kind, label, widget, self._tab_index, message_name or label)
        self._error_labels[name] = _error_label()
        widget.setAccessibleName(label)
        if kind in ("text", "int"):
            widget.textEdited.connect(lambda _t, n=name: self._field_edited(n))
            widget.editingFinished.connect(self._end_typing)
            widget.focus_lost.connect(self._end_typing)
        elif kind == "long":
            widget.textChanged.connect(lambda n=name: self._field_edited(n))
            widget.focus_lost.connect(self._end_typing)
        elif kind == "choice":
            widget.activated.connect(lambda _i, n=name: self._field_edited(n))
        elif kind == "bool":
            widget.clicked.connect(lambda _c, n=name: self._field_edited(n))
        return widget

    def _line(self, name: str, label: str, kind: str = "text", width: int | None = None,
              placeholder: str = "", message_name: str = "") -> _LineEdit:
        edit = _LineEdit(self._shared)
        if width:
            edit.setMaximumWidth(width)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        self._register(name, kind, label, edit, message_name)
        return edit

    def _text(self, name: str, label: str, lines: int) -> _TextEdit:
        edit = _TextEdit(self._shared, lines)
        self._register(name, "long", label, edit)
        return edit

    def _combo(self, name: str, label: str, choices: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(text, value)
        self._register(name, "choice", label, combo)
        return combo

    def _check_box(self, name: str, label: str, text: str) -> QCheckBox:
        box = QCheckBox(text)
        self._register(name, "bool", label, box)
        return box

    def _with_errors(self, content: QWidget | QHBoxLayout, *names: str) -> QWidget:
        """A field (or a row of fields) with the red messages of those fields under it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if isinstance(content, QWidget):
            layout.addWidget(content)
        else:
            layout.addLayout(content)
        for name in names:
            layout.addWidget(self._error_labels[name])
        return box

    def _row(self, *parts: Any) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for part in parts:
            if isinstance(part, str):
                row.addWidget(_plain_label(part))
            else:
                row.addWidget(part)
        row.addStretch(1)
        return row

    @staticmethod
    def _form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(6)
        return form

    def _group(self, title: str, widget: QWidget) -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(widget)
        return group

    def _table(self, path: str, noun: str, columns: list[Column], scalar_items: bool = False,
               min_rows: int = 4) -> TableEditor:
        model = RowsModel(self, path, noun, columns, scalar_items)
        model.changed.connect(self._changed)
        table = TableEditor(self, model, min_rows)
        table.tab = self._tab_index
        self._tables[path] = table
        return table

    def _build_basics(self) -> None:
        layout = self._new_tab(self.tr("Basics && titles"), scroll=True)
        self.title_edit = self._line("title", self.tr("Title"))
        self.original_title_edit = self._line("original_title", self.tr("Original title"))
        self.original_language_edit = self._line("original_language", self.tr("Original language"), width=90,
                                                 placeholder=self.tr("e.g. ko"))
        self.sort_title_edit = self._line("sort_title", self.tr("Sort title"),
                                          placeholder=self.tr("Made from the title when empty"))
        self.kind_combo = self._combo("kind", self.tr("Kind"), self._choices("kind", WorkKind))
        self.anime_check = self._check_box("anime", self.tr("Anime"), self.tr("Anime"))
        self.year_edit = self._line("year", self.tr("Year"), "int", width=80)
        self.end_year_edit = self._line("end_year", self.tr("End year"), "int", width=80)
        self.runtime_edit = self._line("runtime", self.tr("Runtime"), "int", width=80)
        self.content_rating_edit = self._line("content_rating", self.tr("Content rating"), width=160)
        self.tagline_edit = self._line("tagline", self.tr("Tagline"))
        self.synopsis_edit = self._text("synopsis", self.tr("Synopsis"), 6)
        self.setting_edit = self._line("setting", self.tr("Setting"))
        self.music_edit = self._text("music", self.tr("Music"), 3)

        left = self._form()
        left.addRow(self.tr("Title:"), self._with_errors(self.title_edit, "title"))
        left.addRow(self.tr("Original title:"), self._with_errors(self.original_title_edit, "original_title"))
        left.addRow(self.tr("Original language:"), self._with_errors(self.original_language_edit, "original_language"))
        left.addRow(self.tr("Sort title:"), self._with_errors(self.sort_title_edit, "sort_title"))
        left.addRow(self.tr("Kind:"), self._with_errors(self._row(self.kind_combo, self.anime_check), "kind", "anime"))
        left.addRow(self.tr("Year:"), self._with_errors(self._row(
            self.year_edit, self.tr("End year:"), self.end_year_edit,
            self.tr("Runtime:"), self.runtime_edit, self.tr("minutes")),
            "year", "end_year", "runtime"))
        left.addRow(self.tr("Content rating:"), self._with_errors(self.content_rating_edit, "content_rating"))
        left.addRow(self.tr("Setting:"), self._with_errors(self.setting_edit, "setting"))
        right = self._form()
        right.addRow(self.tr("Tagline:"), self._with_errors(self.tagline_edit, "tagline"))
        right.addRow(self.tr("Synopsis:"), self._with_errors(self.synopsis_edit, "synopsis"))
        right.addRow(self.tr("Music:"), self._with_errors(self.music_edit, "music"))
        top = QHBoxLayout()
        top.setSpacing(18)
        top.addLayout(left, 1)
        top.addLayout(right, 1)
        layout.addLayout(top)

        self.titles_table = self._table("titles", self.tr("title"), [
            Column("title", self.tr("Title"), required=True, neutral="x", stretch=True),
            Column("language", self.tr("Language"), width=90),
            Column("kind", self.tr("Kind"), "choice", self._choices("title", TitleKind), default="alternative",
                   width=120)], min_rows=3)
        self.genres_table = self._table("genres", self.tr("genre"), [
            Column("value", self.tr("Genre"), required=True, neutral="x", stretch=True)], scalar_items=True, min_rows=3)
        self.tags_table = self._table("tags", self.tr("tag"), [
            Column("value", self.tr("Tag"), required=True, neutral="x", stretch=True)], scalar_items=True, min_rows=3)
        lists = QHBoxLayout()
        lists.addWidget(self._group(self.tr("Alternative titles"), self.titles_table), 3)
        lists.addWidget(self._group(self.tr("Genres"), self.genres_table), 1)
        lists.addWidget(self._group(self.tr("Tags"), self.tags_table), 1)
        layout.addLayout(lists, 1)

    def _build_credits(self) -> None:
        layout = self._new_tab(self.tr("Credits"))
        self.credits_table = self._table("credits", self.tr("credit"), [
            Column("person", self.tr("Name"), "person", required=True, neutral="x", width=200),
            Column("original_name", self.tr("Original-script name"), width=170, in_record=False),
            Column("role", self.tr("Role"), "choice", self._choices("role", CreditRole), required=True,
                   neutral="cast", default="cast", width=170),
            Column("character", self.tr("Character"), stretch=True)])
        model = self.credits_table.model
        model.hook = self._credit_changed
        model.person_tip = self._person_tip
        hint = _hint(self.tr("Type a name: picking an existing person from the suggestions (or typing their exact "
                        "name) reuses them; any other name adds a new person, shown in italics."))
        layout.addWidget(self.credits_table, 1)
        layout.addWidget(hint)

    def _build_ratings(self) -> None:
        layout = self._new_tab(self.tr("Ratings"))
        self.ratings_table = self._table("ratings", self.tr("rating"), [
            Column("source", self.tr("Source"), required=True, neutral="x", width=200,
                   completions=sorted(RATING_SCALES)),
            Column("value", self.tr("Value"), "number", required=True, neutral=0, width=90),
            Column("scale", self.tr("Scale"), "number", width=90),
            Column("votes", self.tr("Votes"), "int", stretch=True)])
        hint = _hint(self.tr("The scale may be left empty for known sources: {sources}.").format(
            sources=", ".join(f"{s} ({_number_text(v)})" for s, v in RATING_SCALES.items())))
        layout.addWidget(self.ratings_table, 1)
        layout.addWidget(hint)

    def _build_availability(self) -> None:
        layout = self._new_tab(self.tr("Availability"))
        self.availability_table = self._table("availability", self.tr("place to watch"), [
            Column("platform", self.tr("Platform"), required=True, neutral="x", width=180),
            Column("kind", self.tr("Kind"), "choice", self._choices("availability", AvailabilityKind), default="stream",
                   width=110),
            Column("region", self.tr("Region"), width=80),
            Column("url", self.tr("Link"), stretch=True)])
        layout.addWidget(self.availability_table, 1)

    def _build_relations(self) -> None:
        layout = self._new_tab(self.tr("Relations"))
        self.relations_table = self._table("relations", self.tr("relation"), [
            Column("kind", self.tr("Kind"), "choice", self._choices("relation", RelationKind), required=True,
                   neutral="similar", default="similar", width=150),
            Column("title", self.tr("Title"), required=True, neutral="x", stretch=True),
            Column("year", self.tr("Year"), "int", width=80),
            Column("_link", self.tr("In catalog"), "readonly", width=110)])
        self.relations_table.model.readonly_text = self._relation_link
        layout.addWidget(self.relations_table, 1)

    def _build_quotes(self) -> None:
        layout = self._new_tab(self.tr("Quotes"))
        self.quotes_table = self._table("quotes", self.tr("quote"), [
            Column("text", self.tr("Text"), "long", required=True, neutral="x", stretch=True),
            Column("author", self.tr("Author"), width=150),
            Column("outlet", self.tr("Outlet"), width=130),
            Column("url", self.tr("Link"), width=150),
            Column("date", self.tr("Date"), "date", width=100)])
        layout.addWidget(self.quotes_table, 1)

    def _build_personal(self) -> None:
        layout = self._new_tab(self.tr("Personal"), scroll=True)
        self.status_combo = self._combo("personal.status", self.tr("Status"),
                                        self._choices("status", WatchStatus, none=True))
        self.my_rating_edit = self._line("personal.rating", self.tr("My rating"), "int", width=70,
                                         message_name=self.tr("Rating"))
        self.favourite_check = self._check_box("personal.favourite", self.tr("Favourite"), self.tr("Favourite"))
        self.notes_edit = self._text("personal.notes", self.tr("Notes"), 4)
        form = self._form()
        form.addRow(self.tr("Status:"), self._with_errors(self._row(self.status_combo, self.favourite_check),
                                                     "personal.status", "personal.favourite"))
        form.addRow(self.tr("My rating:"), self._with_errors(self._row(self.my_rating_edit, self.tr("out of 100")),
                                                        "personal.rating"))
        form.addRow(self.tr("Notes:"), self._with_errors(self.notes_edit, "personal.notes"))
        layout.addLayout(form)
        self.viewings_table = self._table("personal.viewings", self.tr("viewing"), [
            Column("date", self.tr("Date"), "date", width=110),
            Column("rewatch", self.tr("Rewatch"), "bool", default=False, width=80),
            Column("note", self.tr("Note"), "long", stretch=True)], min_rows=2)
        self.copies_table = self._table("personal.copies", self.tr("copy"), [
            Column("format", self.tr("Format"), "choice", self._choices("copy", CopyFormat), required=True,
                   neutral="other", default="bluray", width=100),
            Column("edition", self.tr("Edition"), width=130),
            Column("location", self.tr("Location"), width=110),
            Column("loaned_to", self.tr("Loaned to"), width=110),
            Column("loaned_on", self.tr("Loaned on"), "date", width=95),
            Column("acquired_on", self.tr("Acquired on"), "date", width=95),
            Column("note", self.tr("Note"), "long", stretch=True)], min_rows=2)
        layout.addWidget(self._group(self.tr("Viewings"), self.viewings_table), 1)
        layout.addWidget(self._group(self.tr("Owned copies"), self.copies_table), 1)

    def _build_images(self) -> None:
        layout = self._new_tab(self.tr("Images"))
        self.poster_preview = QLabel()
        self.poster_preview.setFixedSize(200, 300)
        self.poster_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.poster_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.poster_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.images_list = QTableWidget(0, 5)
        self.images_list.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Pixels"), self.tr("File size"),
                                                    self.tr("Type"), self.tr("Shown")])
        self.images_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.images_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.images_list.verticalHeader().hide()
        self.images_list.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.replace_poster_button = QPushButton(self.tr("Replace poster…"))
        self.replace_poster_button.clicked.connect(lambda: self.replace_poster())
        self.poster_message = _plain_label()
        self.poster_message.setWordWrap(True)
        hint = _plain_label(self.tr("PNG, JPEG, WebP, GIF or SVG; at most {px:,} pixels a side and {mb} MB.").format(
            px=MAX_POSTER_SIDE, mb=MAX_POSTER_BYTES // (1024 * 1024)))
        hint.setEnabled(False)
        right = QVBoxLayout()
        right.addWidget(self.images_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace_poster_button)
        buttons.addWidget(hint, 1)
        right.addLayout(buttons)
        right.addWidget(self.poster_message)
        row = QHBoxLayout()
        row.addWidget(self.poster_preview, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(right, 1)
        layout.addLayout(row, 1)

    # ---- public API ----

    def edit(self, work_id: int) -> None:
        """Show a work of the catalog for editing; unsaved edits of the work shown before are dropped."""
        record, people = self.catalog.load(work_id)
        self.work_id = work_id
        if self.conflict_view is not None:
            self.conflict_view.close()
            self.conflict_view = None
        self._load(record, people)
        self.undo_stack.clear()
        self.setEnabled(True)

    def changed_elsewhere(self, record: dict[str, Any], people: dict[str, dict[str, Any]]) -> None:
        """Another client saved this work (`record` is its new version): show it, unless the person has edits of
        their own, which stay; their save then shows both versions to choose from."""
        if self.work_id is None or record["version"] == self._version:
            return
        if self.is_dirty():
            self._say(self.tr("Someone else changed this work. Your edits are still here; saving shows both "
                              "versions to choose from."), error=True)
            return
        self._load(record, people)
        self.undo_stack.clear()
        self._say(self.tr("Someone else changed this work; showing their version."))

    def deleted_elsewhere(self) -> None:
        """Another client deleted this work: the person's edits stay on show, but there is nothing to save to."""
        self._say(self.tr("Someone else deleted this work. Your edits are still here, but they cannot be saved."),
                  error=True)

    def is_dirty(self) -> bool:
        """True when a value differs from the version loaded (typing a value back to what it was is not a change)."""
        return self.work_id is not None and self._state() != self._base_state

    def is_valid(self) -> bool:
        return self._valid

    def error_label(self, field_name: str) -> QLabel:
        """The red message shown under a field ("year", "personal.rating"…); hidden while the value is fine."""
        return self._error_labels[field_name]

    def problems(self) -> list[str]:
        """Every problem that blocks saving, as shown under the fields."""
        return [message for _tab, message in self._problems]

    def save(self) -> bool:
        """Save to the catalog. False when nothing was saved: problems to fix, a conflict (the conflict view opens,
        and `saved` follows if it ends in a save) or a catalog error (shown in the editor)."""
        if self.work_id is None:
            return False
        self._validate()
        if not self._valid:
            self._say(self.tr("Not saved: fix the problems marked in red first."), error=True)
            if self._problems:
                self.tabs.setCurrentIndex(self._problems[0][0])
            return False
        if not self.is_dirty():
            return True
        record, people = self._build(for_save=True)
        return self._save_record(self._version, record, people)

    def replace_poster(self, path: str | None = None) -> bool:
        """Check an image file and make it the work's poster; asks for the file when no path is given."""
        if self.work_id is None:
            return False
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Replace poster"), "",
                self.tr("Images (*.png *.jpg *.jpeg *.webp *.gif *.svg);;All files (*)"))
            if not path:
                return False
        try:
            data, mime, width, height = self._read_poster(path)
            before = self.catalog.load(self.work_id)[0]
            self.catalog.set_poster(self.work_id, data, mime, width, height)
            fresh, fresh_people = self.catalog.load(self.work_id)
        except (StarlightError, OSError, ValueError) as e:
            self._poster_say(str(e) if isinstance(e, (StarlightError, ValueError)) else
                             self.tr("Cannot read the file: {reason}").format(reason=e.strerror or e), error=True)
            return False
        # set_poster makes a new version. Take it as the base of the edit only if nobody else changed the work in
        # between: then the only difference is the poster, and the next save will not report a false conflict.
        if before["version"] == self._version and self._version + 1 == fresh["version"]:
            self._record = fresh
            self._version = fresh["version"]
            self._people = {**fresh_people, **self._people}
        else:
            self._record = {**self._record, "images": fresh["images"]}
        self._show_images(fresh["images"])
        self._poster_say(self.tr("Poster replaced: {w} × {h} pixels, {size}.").format(
            w=width, h=height, size=self._file_size(len(data))))
        return True

    # ---- loading ----

    def _load(self, record: dict[str, Any], people: dict[str, dict[str, Any]]) -> None:
        self._record = record
        self._people = people
        self._version = record["version"]
        self._known = {k: _PersonRef(k, p["name"], p.get("original_name")) for k, p in people.items()}
        self._typing = None
        with self._guard():
            for f in self._fields.values():
                self._set_widget(f, self._raw_of(f, self._record_value(record, f.name)))
            personal = record.get("personal") or _EMPTY_PERSONAL
            self._tables["titles"].model.reset([
                {"title": t["title"] or "", "language": t["language"] or "", "kind": t["kind"],
                 "country": t["country"]} for t in record["titles"]])
            self._tables["genres"].model.reset([{"value": g} for g in record["genres"]])
            self._tables["tags"].model.reset([{"value": t} for t in record["tags"]])
            self._tables["credits"].model.reset([
                {"person": people.get(c["person"], {}).get("name") or "",
                 "original_name": people.get(c["person"], {}).get("original_name") or "", "role": c["role"],
                 "character": c["character"] or "", "billing": c["billing"], "note": c["note"],
                 "_key": c["person"]} for c in record["credits"]])
            self._tables["ratings"].model.reset([
                {"source": r["source"], "value": _number_text(r["value"]), "scale": _number_text(r["scale"]),
                 "votes": _number_text(r["votes"]), "url": r["url"], "retrieved_on": r["retrieved_on"]}
                for r in record["ratings"]])
            self._tables["availability"].model.reset([
                {"platform": a["platform"] or "", "kind": a["kind"], "region": a["region"] or "",
                 "url": a["url"] or "", "checked_on": a["checked_on"]} for a in record["availability"]])
            self._tables["relations"].model.reset([
                {"kind": r["kind"], "title": r["title"] or "", "year": _number_text(r["year"]),
                 "target": r["target"], "target_kind": r["target_kind"], "target_ids": r.get("target_ids") or {},
                 "note": r["note"]}
                for r in record["relations"]])
            self._tables["quotes"].model.reset([
                {"text": q["text"] or "", "author": q["author"] or "", "outlet": q["outlet"] or "",
                 "url": q["url"] or "", "date": q["date"] or "", "kind": q["kind"], "person": q["person"],
                 "language": q["language"]} for q in record["quotes"]])
            self._tables["personal.viewings"].model.reset([
                {"date": v["date"] or "", "rewatch": bool(v["rewatch"]), "note": v["note"] or ""}
                for v in personal["viewings"]])
            self._tables["personal.copies"].model.reset([
                {"format": c["format"], "edition": c["edition"] or "", "location": c["location"] or "",
                 "loaned_to": c["loaned_to"] or "", "loaned_on": c["loaned_on"] or "",
                 "acquired_on": c["acquired_on"] or "", "note": c["note"] or ""} for c in personal["copies"]])
        for table in self._tables.values():
            table.update_buttons()
        year = f" ({record['year']})" if record.get("year") else ""
        self.heading.setText(f"{record['title']}{year}")
        self._show_images(record["images"])
        self.poster_message.clear()
        self._base_state = self._state()
        self._say("")
        self._validate()

    @staticmethod
    def _record_value(record: dict[str, Any], name: str) -> Any:
        if name.startswith("personal."):
            return (record.get("personal") or _EMPTY_PERSONAL)[name.split(".", 1)[1]]
        return record.get(name)

    @staticmethod
    def _raw_of(f: _Field, value: Any) -> Any:
        if f.kind == "bool":
            return bool(value)
        if f.kind == "int":
            return _number_text(value)
        return "" if value is None else str(value)

    # ---- fields and undo ----

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        self._applying += 1
        try:
            yield
        finally:
            self._applying -= 1

    def _get_widget(self, f: _Field) -> Any:
        w = f.widget
        if f.kind in ("text", "int"):
            return w.text()
        if f.kind == "long":
            return w.toPlainText()
        if f.kind == "choice":
            return w.currentData() or ""
        return w.isChecked()

    def _set_widget(self, f: _Field, raw: Any) -> None:
        w = f.widget
        with self._guard():
            if f.kind in ("text", "int"):
                if w.text() != raw:
                    w.setText(raw)
            elif f.kind == "long":
                if w.toPlainText() != raw:
                    w.setPlainText(raw)
                    w.moveCursor(w.textCursor().MoveOperation.End)
            elif f.kind == "choice":
                w.setCurrentIndex(max(0, w.findData(raw)))
            else:
                w.setChecked(bool(raw))
        self._shown[f.name] = raw

    def _field_edited(self, name: str) -> None:
        if self._applying:
            return
        f = self._fields[name]
        new = self._get_widget(f)
        old = self._shown.get(name)
        if new == old:
            return
        self._shown[name] = new
        typing = f.kind in ("text", "long", "int")
        merge = typing and self._typing == name
        self._push(FieldCommand(self, name, old, new, self.tr("Edit {field}").format(field=f.label), merge))
        self._typing = name if typing else None

    @Slot()
    def _end_typing(self) -> None:
        self._typing = None

    def _push(self, command: QUndoCommand) -> None:
        if not isinstance(command, FieldCommand):
            self._typing = None
        self.undo_stack.push(command)

    def _apply_field(self, name: str, raw: Any, reveal: bool) -> None:
        f = self._fields[name]
        self._set_widget(f, raw)
        if reveal:
            self._typing = None
            self.tabs.setCurrentIndex(f.tab)
            f.widget.setFocus()
            scroll = self.tabs.widget(f.tab)
            if isinstance(scroll, QScrollArea):
                scroll.ensureWidgetVisible(f.widget)
        self._changed()

    def _edit_cell(self, model: RowsModel, row: int, key: str, value: Any) -> bool:
        old = dict(model.rows[row])
        new = dict(old)
        new[key] = value
        if model.hook is not None:
            new = model.hook(old, new, key)
        if new == old:
            return False
        col = model.column(key)
        self._push(CellCommand(self, model, row, old, new, key,
                               self.tr("Edit {what} {column}").format(what=model.noun, column=col.header)))
        return True

    def _reveal_cell(self, model: RowsModel, row: int, key: str | None) -> None:
        table = self._tables[model.path]
        if self.tabs.currentIndex() != table.tab:
            self.tabs.setCurrentIndex(table.tab)
        table.select(row, key)

    @Slot()
    def _changed(self) -> None:
        if self._applying:
            return
        self._validate()

    # ---- people ----

    def _people_like(self, text: str) -> list[str]:
        """Names of people in the catalog starting like `text`, for the credit name completer."""
        key = sort_key(text.strip())
        if not key:
            return []
        try:
            rows = (Person.select(Person.name).where(Person.sort_key.startswith(key)).order_by(Person.sort_key)
                    .limit(PERSON_SUGGESTIONS * 2).tuples())
            return list(dict.fromkeys(name for (name,) in rows))[:PERSON_SUGGESTIONS]
        except Exception:  # suggestions are a convenience; a busy catalog must not break typing
            return []

    def _find_person(self, name: str, original: str | None = None) -> _PersonRef | None:
        """An existing person with exactly this name (any case); with `original`, one with that original name."""
        name = name.strip()
        if not name:
            return None
        found = [_PersonRef(f"p{i}", n, o) for i, n, o in
                 Person.select(Person.id, Person.name, Person.original_name)
                 .where(Person.sort_key == sort_key(name)).order_by(Person.id).tuples()
                 if n.casefold() == name.casefold()]
        if original is not None:
            found = [p for p in found if (p.original_name or "") == original.strip()]
        for person in found:
            self._known[person.key] = person
        return found[0] if found else None

    def _credit_changed(self, old: dict[str, Any], new: dict[str, Any], key: str) -> dict[str, Any]:
        """A credit's name or original name changed: link the row to an existing person, or mark it new."""
        current = self._known.get(old.get("_key") or "")
        if key == "person":
            name = new["person"].strip()
            if current is not None and current.name.casefold() == name.casefold():
                return new
            match = self._find_person(name, new["original_name"] or None) if new["original_name"] else None
            match = match or self._find_person(name)
            if match is not None:
                new["_key"], new["original_name"] = match.key, match.original_name or ""
            else:
                new["_key"] = None
                if current is not None and new["original_name"] == (current.original_name or ""):
                    new["original_name"] = ""  # it was the other person's
        elif key == "original_name" and (current is None or (current.original_name or "") != new[key].strip()):
            match = self._find_person(new["person"], new[key])
            new["_key"] = match.key if match else None
        return new

    def _person_tip(self, row: dict[str, Any]) -> tuple[bool, str]:
        if row.get("_key"):
            return True, self.tr("A person already in the catalog")
        return False, self.tr("A new person: added to the catalog when you save")

    def _relation_link(self, row: dict[str, Any], _col: Column) -> tuple[str, str]:
        target = row.get("target")
        if target:
            return self.tr("Linked"), self.tr("Linked to work {id} of this catalog").format(id=target[1:])
        return self.tr("—"), self.tr("Not linked: the work is not in this catalog")

    # ---- building the record ----

    def _build(self, for_save: bool) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        """The record to save: the loaded one with every field the editor shows taken from the widgets.

        For validation, credits name people by the name typed (so a missing name is found); for saving, by key:
        "p<id>" for people of the catalog, "new<n>" for people to add.
        """
        record = {k: v for k, v in self._record.items() if k != "children"}
        personal: dict[str, Any] = {}
        for f in self._fields.values():
            raw = self._get_widget(f)
            if f.kind == "int":
                value = _parse_int(raw)
            elif f.kind == "choice":
                value = raw or None
            else:
                value = raw
            if f.name.startswith("personal."):
                personal[f.name.split(".", 1)[1]] = value
            else:
                record[f.name] = value
        for path in ("titles", "genres", "tags", "ratings", "availability", "relations", "quotes"):
            record[path] = self._tables[path].model.items()[0]
        personal["viewings"] = self._tables["personal.viewings"].model.items()[0]
        personal["copies"] = self._tables["personal.copies"].model.items()[0]
        empty = (not personal["status"] and personal["rating"] is None and not personal["favourite"]
                 and not (personal["notes"] or "").strip() and not personal["viewings"] and not personal["copies"])
        record["personal"] = None if empty and self._record.get("personal") is None else personal

        credits_model = self._tables["credits"].model
        items, rows = credits_model.items()
        people = dict(self._people)
        new_keys: dict[tuple[str, str], str] = {}
        for item, n in zip(items, rows):
            row = credits_model.rows[n]
            if not for_save:
                continue
            key = row.get("_key")
            if key:
                if key not in people and key in self._known:
                    ref = self._known[key]
                    people[key] = {"id": key, "name": ref.name, "original_name": ref.original_name,
                                   "external_ids": {}}
            else:
                name, original = row["person"].strip(), (row["original_name"] or "").strip()
                key = new_keys.setdefault((name.casefold(), original), f"new{len(new_keys) + 1}")
                people[key] = {"id": key, "name": name, "original_name": original or None, "external_ids": {}}
            item["person"] = key
        billing = [item.get("billing") for item in items]
        if not (all(b is None for b in billing) or (all(b is not None for b in billing)
                                                     and all(a < b for a, b in zip(billing, billing[1:])))):
            for n, item in enumerate(items):
                item["billing"] = n
        record["credits"] = items
        return record, people

    # ---- validation ----

    def _validate(self) -> None:
        record, _people = self._build(for_save=False)
        field_errors: dict[str, str] = {}
        table_errors: dict[str, dict[tuple[int, str], str]] = {path: {} for path in self._tables}
        general = None
        try:
            validate_work(record, "work")
        except InputError as e:
            field_errors, table_errors = self._find_problems(record)
            if not field_errors and not any(table_errors.values()):
                general = e.message if not e.where else f"{e.where}: {e.message}"
        problems: list[tuple[int, str]] = []
        for name, f in self._fields.items():
            label = self._error_labels[name]
            message = field_errors.get(name)
            label.setText(message or "")
            label.setVisible(bool(message))
            self._mark_invalid(f.widget, bool(message))
            if message:
                problems.append((f.tab, message))
        for path, table in self._tables.items():
            table.show_errors(table_errors.get(path, {}))
            problems += [(table.tab, m) for m in table_errors.get(path, {}).values()]
        if general:
            problems.append((0, general))
        problems.sort(key=lambda p: p[0])
        self._problems = problems
        bad_tabs = {tab for tab, _m in problems}
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for tab in range(self.tabs.count()):
            self.tabs.setTabIcon(tab, warning if tab in bad_tabs else QIcon())
        valid = not problems
        self._general_problem = general
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        self._update_status()

    def _mark_invalid(self, widget: QWidget, invalid: bool) -> None:
        if isinstance(widget, (QCheckBox, QComboBox)):
            return
        if bool(widget.property("invalid")) == invalid:
            return
        widget.setProperty("invalid", invalid)
        if invalid:
            palette = widget.palette()
            palette.setColor(QPalette.ColorRole.Base, _INVALID_BASE)
            palette.setColor(QPalette.ColorRole.Text, QColor("black"))
            widget.setPalette(palette)
        else:
            widget.setPalette(QPalette())

    def _find_problems(self, record: dict[str, Any]) -> tuple[dict[str, str], dict[str, dict[tuple[int, str], str]]]:
        """Every problem, field by field: each part of the record is checked alone with the core rules."""
        errors: dict[str, str] = {}
        for name, f in self._fields.items():
            if name.startswith("personal."):
                sub = name.split(".", 1)[1]
                obj = {"title": "x", "personal": {sub: (record["personal"] or _EMPTY_PERSONAL)[sub]}}
            elif name == "title":
                obj = {"title": record["title"]}
            else:
                obj = {"title": "x", name: record[name]}
            found = _check(obj)
            if found:
                errors[name] = self._message(name, f.message_name, found[1])
        if "year" not in errors and "end_year" not in errors:
            found = _check({"title": "x", "year": record["year"], "end_year": record["end_year"]})
            if found:
                errors["end_year"] = self._message("end_year", self._fields["end_year"].message_name, found[1])
        tables = {path: self._row_problems(table.model) for path, table in self._tables.items()}
        ratings = self._tables["ratings"].model
        if not tables["ratings"]:
            items, rows = ratings.items()
            found = _check({"title": "x", "ratings": items})
            if found and len(found[0]) >= 2 and isinstance(found[0][1], int):
                tables["ratings"][(rows[found[0][1]], "source")] = self._message(
                    "source", ratings.column("source").header, found[1])
        return errors, tables

    def _row_problems(self, model: RowsModel) -> dict[tuple[int, str], str]:
        """Problems of each row of a table, every column of a row (a problem found, its value is neutralized)."""
        found: dict[tuple[int, str], str] = {}
        parent, _, leaf = model.path.rpartition(".")
        for n, row in enumerate(model.rows):
            if model.is_blank(row):
                continue
            item = model.parse(row)
            for _attempt in range(len(model.columns) + 2):
                obj: dict[str, Any] = {"title": "x"}
                if parent:
                    obj[parent] = {leaf: [item]}
                else:
                    obj[leaf] = [item]
                result = _check(obj)
                if result is None:
                    break
                tokens, message = result
                key = tokens[-1] if tokens and isinstance(tokens[-1], str) else model.columns[0].key
                if key not in {c.key for c in model.columns}:
                    key = model.columns[0].key
                if (n, key) in found:
                    break
                col = model.column(key)
                found[(n, key)] = self._message(key, col.header, message)
                if model.scalar_items:
                    item = col.neutral
                else:
                    item[key] = col.neutral
                    if model.path == "ratings" and key == "source" and item.get("scale") is None:
                        item["scale"] = 1_000_000
        return found

    def _message(self, name: str, label: str, message: str) -> str:
        """A validation message as a sentence about the field it concerns."""
        if message in ("is required", "must not be empty", "must be non-empty text"):
            if name == "title":
                return self.tr("A title is required")
            return self.tr("{field} is required").format(field=label)
        if m := re.match(r"must be between (\S+) and (\S+), not", message):
            return self.tr("{field} must be between {low} and {high}").format(field=label, low=m[1], high=m[2])
        if message.startswith("must be a whole number"):
            return self.tr("{field} must be a whole number").format(field=label)
        if message.startswith("must be a number"):
            return self.tr("{field} must be a number").format(field=label)
        if m := re.match(r"is ([\d,]+) characters long; at most ([\d,]+)", message):
            return self.tr("{field} is too long: {n} characters, at most {max}").format(field=label, n=m[1], max=m[2])
        if message.startswith("must be a date"):
            return self.tr("{field} must be a date like 2025-05-30, 2025-05 or 2025").format(field=label)
        if message.startswith("must be a language or country code"):
            return self.tr("{field} must be a code like 'ko' or 'KR'").format(field=label)
        if message.startswith("must be an http(s) link"):
            return self.tr("{field} must be a link starting with http:// or https://").format(field=label)
        if m := re.match(r"ends \((\d+)\) before it starts \((\d+)\)", message):
            return self.tr("{field} ({end}) is before the year ({start})").format(field=label, end=m[1], start=m[2])
        if message.startswith("must be a short name"):
            return self.tr("{field} must be a short name like 'imdb' or 'rotten_tomatoes' (letters, digits, _ . : -)"
                      ).format(field=label)
        if m := re.match(r"is required for the source '(.*)' \(", message):
            return self.tr("{field} is required for the source '{source}'").format(field=label, source=m[1])
        if m := re.match(r"rating source '(.*)' appears twice", message):
            return self.tr("{field} '{value}' appears twice").format(field=label, value=m[1])
        if message == "contains a NUL character":
            return self.tr("{field} contains a NUL character").format(field=label)
        if message.startswith("contains a broken character"):
            return self.tr("{field} contains a broken character").format(field=label)
        return self.tr("{field}: {problem}").format(field=label, problem=re.sub(r", not .*$", "", message))

    # ---- status line ----

    @Slot(bool)
    def _on_clean_changed(self, _clean: bool) -> None:
        try:
            self._update_status()
        except RuntimeError:  # the stack outlives the labels while the editor is being destroyed
            pass

    def _say(self, text: str, error: bool = False) -> None:
        self._said = (text, error)
        self._update_status()

    def _update_status(self) -> None:
        said, error = self._said
        if not self._valid:
            count = len(self._problems)
            text = (self.tr("1 problem to fix before saving") if count == 1 else
                    self.tr("{n} problems to fix before saving").format(n=count))
            if said:
                text = f"{said} {text}"
            error = True
            self.summary.setToolTip("\n".join(self.problems()))
        else:
            text = said or (self.tr("Unsaved changes") if self.is_dirty() else "")
            self.summary.setToolTip("")
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {_ERROR_COLOR};" if error else "")
        self.save_button.setEnabled(self.work_id is not None and self._valid)

    # ---- saving and conflicts ----

    def _save_record(self, expected: int, record: dict[str, Any], people: dict[str, dict[str, Any]]) -> bool:
        assert self.work_id is not None
        try:
            self.catalog.save_work(self.work_id, expected, record, people)
        except ConflictError:
            return self._open_conflict(record, people)
        except StarlightError as e:
            self._say(self.tr("Not saved: {reason}").format(reason=e), error=True)
            return False
        self._after_save()
        return True

    def _after_save(self) -> None:
        assert self.work_id is not None
        before = self._state()
        record, people = self.catalog.load(self.work_id)
        self._load(record, people)
        if self._state() != before:  # the catalog normalized something: old commands would no longer fit
            self.undo_stack.clear()
        self.undo_stack.setClean()
        self._say(self.tr("Saved."))
        self.saved.emit(self.work_id)

    def _open_conflict(self, mine: dict[str, Any], mine_people: dict[str, dict[str, Any]]) -> bool:
        assert self.work_id is not None
        try:
            theirs, theirs_people = self.catalog.load(self.work_id)
        except StarlightError:
            self._say(self.tr("Not saved: someone else deleted this work. Your edits are still here."), error=True)
            return False
        mine = validate_work(mine, "work")
        base = self._record
        people = {**theirs_people, **self._people, **mine_people}
        rows = []
        for name, label in self._merge_fields():
            ours, other = self._comparable(name, mine, people), self._comparable(name, theirs, people)
            if ours == other:
                continue
            changed = ours != self._comparable(name, base, people)
            rows.append(ConflictRow(name, label, self._describe(name, mine, people),
                                    self._describe(name, theirs, people), "mine" if changed else "theirs"))
        if not rows:  # the catalog already holds every value shown here: adopt its version
            self._after_save()
            return True
        if self.conflict_view is not None:
            self.conflict_view.close()
        dialog = ConflictDialog(self, str(base["title"]), self._version, theirs["version"], rows,
                                self._hidden_changes(base, theirs))
        self.conflict_view = dialog
        dialog.finished.connect(lambda _result: self._conflict_done(dialog, mine, theirs, people))
        dialog.open()
        self._say(self.tr("Not saved yet: someone else changed this work; choose what to keep."), error=True)
        return False

    def _conflict_done(self, dialog: ConflictDialog, mine: dict[str, Any], theirs: dict[str, Any],
                       people: dict[str, dict[str, Any]]) -> None:
        if self.conflict_view is dialog:
            self.conflict_view = None
        dialog.deleteLater()
        if dialog.decision is None:
            self._say(self.tr("Not saved: someone else changed this work. Save again to compare."), error=True)
            return
        if dialog.decision == "theirs":
            assert self.work_id is not None
            record, fresh_people = self.catalog.load(self.work_id)
            self._load(record, fresh_people)
            self.undo_stack.clear()
            self._say(self.tr("Showing their version; your edits were discarded."))
            return
        choices = dialog.choices()
        record = dict(theirs)
        record.pop("children", None)
        for name, side in choices.items():
            if side == "mine" and not name.startswith("personal."):
                record[name] = mine[name]
        mine_personal = mine["personal"] or _EMPTY_PERSONAL
        theirs_personal = theirs["personal"] or _EMPTY_PERSONAL
        personal = {sub: (mine_personal if choices.get(f"personal.{sub}") == "mine" else theirs_personal)[sub]
                    for sub in _EMPTY_PERSONAL}
        if personal == _EMPTY_PERSONAL and (mine["personal"] is None or theirs["personal"] is None):
            personal = None
        record["personal"] = personal
        self._save_record(theirs["version"], record, people)

    def _hidden_changes(self, base: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
        """Fields the editor does not show that the other version changed (always taken from theirs)."""
        names = {"number": self.tr("number"), "release_dates": self.tr("release dates"),
                 "countries": self.tr("countries"), "languages": self.tr("languages"),
                 "companies": self.tr("companies"), "external_ids": self.tr("external ids"),
                 "images": self.tr("images")}
        return [label for name, label in names.items() if base.get(name) != theirs.get(name)]

    def _merge_fields(self) -> list[tuple[str, str]]:
        fields = [(name, f.label) for name, f in self._fields.items() if not name.startswith("personal.")]
        fields += [("titles", self.tr("Alternative titles")), ("genres", self.tr("Genres")), ("tags", self.tr("Tags")),
                   ("credits", self.tr("Credits")), ("ratings", self.tr("Ratings")),
                   ("availability", self.tr("Availability")), ("relations", self.tr("Relations")),
                   ("quotes", self.tr("Quotes")), ("personal.status", self.tr("Status")),
                   ("personal.rating", self.tr("My rating")), ("personal.favourite", self.tr("Favourite")),
                   ("personal.notes", self.tr("Notes")), ("personal.viewings", self.tr("Viewings")),
                   ("personal.copies", self.tr("Owned copies"))]
        return fields

    def _value(self, name: str, record: dict[str, Any]) -> Any:
        return self._record_value(record, name)

    def _comparable(self, name: str, record: dict[str, Any], people: dict[str, dict[str, Any]]) -> Any:
        value = self._value(name, record)
        if name == "credits":
            return [(self._person_names(c["person"], people), c["role"], c["character"], c["billing"], c["note"])
                    for c in value]
        if name == "quotes":
            return [{**q, "person": self._person_names(q["person"], people) if q["person"] else None}
                    for q in value]
        return value

    @staticmethod
    def _person_names(key: str, people: dict[str, dict[str, Any]]) -> tuple[str, str | None]:
        person = people.get(key) or {}
        return person.get("name") or key, person.get("original_name")

    def _describe(self, name: str, record: dict[str, Any], people: dict[str, dict[str, Any]]) -> str:
        """A field's value as text for the conflict view."""
        value = self._value(name, record)
        if value is None or value == [] or value == "":
            return self.tr("(empty)")
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if name == "kind":
            return self._labels["kind"].get(value, value)
        if name == "personal.status":
            return self._labels["status"].get(value, value)
        lines: list[str] = []
        if name in ("genres", "tags"):
            return ", ".join(value)
        if name == "titles":
            for t in value:
                details = ", ".join(x for x in (t["language"], self._labels["title"].get(t["kind"], t["kind"])) if x)
                lines.append(f"{t['title']} ({details})" if details else t["title"])
        elif name == "credits":
            for c in value:
                person_name, original = self._person_names(c["person"], people)
                who = f"{person_name} ({original})" if original else person_name
                role = self._labels["role"].get(c["role"], c["role"])
                lines.append(self.tr("{who} — {role} as {character}").format(
                    who=who, role=role, character=c["character"])
                             if c["character"] else self.tr("{who} — {role}").format(who=who, role=role))
        elif name == "ratings":
            for r in value:
                text = f"{r['source']}: {_number_text(r['value'])}/{_number_text(r['scale'])}"
                lines.append(text + (self.tr(" ({n} votes)").format(n=f"{r['votes']:,}") if r["votes"] is not None
                                     else ""))
        elif name == "availability":
            lines = [", ".join(x for x in (a["platform"], self._labels["availability"].get(a["kind"], a["kind"]),
                                           a["region"], a["url"]) if x) for a in value]
        elif name == "relations":
            for r in value:
                text = f"{self._labels['relation'].get(r['kind'], r['kind'])}: {r['title']}"
                text += f" ({r['year']})" if r["year"] else ""
                lines.append(text + (self.tr(" — linked") if r["target"] else ""))
        elif name == "quotes":
            for q in value:
                source = ", ".join(x for x in (q["author"], q["outlet"], q["date"]) if x)
                lines.append(f"“{q['text']}”" + (f" — {source}" if source else ""))
        elif name == "personal.viewings":
            lines = [(v["date"] or self.tr("(no date)")) + (self.tr(" — rewatch") if v["rewatch"] else "")
                     + (f": {v['note']}" if v["note"] else "") for v in value]
        elif name == "personal.copies":
            lines = [", ".join(x for x in (self._labels["copy"].get(c["format"], c["format"]), c["edition"],
                                           c["location"], self.tr("loaned to {who}").format(who=c["loaned_to"])
                                           if c["loaned_to"] else None) if x) for c in value]
        else:
            return _number_text(value) if isinstance(value, (int, float)) else str(value)
        return "\n".join(lines)

    # ---- images ----

    def _read_poster(self, path: str) -> tuple[bytes, str, int, int]:
        """The file's bytes, type and size, if it is an image the catalog takes (ValueError says why not)."""
        size = os.path.getsize(path)
        if size > MAX_POSTER_BYTES:
            raise ValueError(self.tr("Not used: the file is {size}; a poster may be at most {max} MB.").format(
                size=self._file_size(size), max=MAX_POSTER_BYTES // (1024 * 1024)))
        with open(path, "rb") as f:
            data = f.read(MAX_POSTER_BYTES + 1)
        if len(data) > MAX_POSTER_BYTES:
            raise ValueError(self.tr("Not used: the file is larger than {max} MB.").format(
                max=MAX_POSTER_BYTES // (1024 * 1024)))
        buffer = QBuffer()
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setDecideFormatFromContent(True)
        if not reader.canRead():
            raise ValueError(self.tr("Not used: this file is not an image Starlight can read ({reason}).").format(
                reason=reader.errorString()))
        fmt = bytes(reader.format().data()).decode("ascii", "replace").lower()
        dimensions = reader.size()
        if not dimensions.isValid() or dimensions.width() <= 0 or dimensions.height() <= 0:
            raise ValueError(self.tr("Not used: the image does not say how large it is."))
        width, height = dimensions.width(), dimensions.height()
        if width > MAX_POSTER_SIDE or height > MAX_POSTER_SIDE:
            raise ValueError(self.tr("Not used: the image is {w:,} × {h:,} pixels; a poster may be at most {max:,} "
                                "pixels a side.").format(w=width, h=height, max=MAX_POSTER_SIDE))
        if fmt in ("jpeg", "jpg") and not jpeg_is_complete(data):
            raise ValueError(self.tr("Not used: the JPEG file is cut short (it does not reach its end marker)."))
        return data, _MIME_BY_FORMAT.get(fmt, f"image/{fmt}"), width, height

    def _poster_say(self, text: str, error: bool = False) -> None:
        self.poster_message.setText(text)
        self.poster_message.setStyleSheet(f"color: {_ERROR_COLOR};" if error else "")

    def _file_size(self, size: int) -> str:
        if size < 1024:
            return self.tr("{n} bytes").format(n=size)
        if size < 1024 * 1024:
            return self.tr("{n:.1f} KB").format(n=size / 1024)
        return self.tr("{n:.1f} MB").format(n=size / (1024 * 1024))

    def _show_images(self, images: list[dict[str, Any]]) -> None:
        kinds = {"poster": self.tr("Poster"), "backdrop": self.tr("Backdrop"), "photo": self.tr("Photo"),
                 "still": self.tr("Still"), "logo": self.tr("Logo")}
        self.images_list.setRowCount(len(images))
        for n, image in enumerate(images):
            pixels = (f"{image['width']} × {image['height']}" if image["width"] and image["height"]
                      else self.tr("unknown"))
            values = (kinds.get(image["kind"], image["kind"]), pixels, self._file_size(image["size"] or 0),
                      image["mime"], self.tr("Yes") if image["primary"] else "")
            for column, text in enumerate(values):
                self.images_list.setItem(n, column, QTableWidgetItem(text))
        self.images_list.resizeColumnsToContents()
        self.images_list.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        poster = next((i for i in images if i["kind"] == "poster" and i["primary"]),
                      next((i for i in images if i["kind"] == "poster"), None))
        self.poster_preview.setPixmap(QPixmap())
        self.poster_preview.setText(self.tr("No poster"))
        if poster is not None:
            path = self.catalog.image_file(poster["hash"], poster["mime"])
            reader = QImageReader(str(path))
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(self.poster_preview.size() - QSize(4, 4),
                                                 Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                self.poster_preview.setPixmap(QPixmap.fromImage(image))
            else:
                self.poster_preview.setText(self.tr("The poster file is missing"))

    # ---- state ----

    def _state(self) -> tuple:
        scalars = tuple((name, repr(self._get_widget(f))) for name, f in self._fields.items())
        return scalars + tuple((path, t.model.state()) for path, t in self._tables.items())
