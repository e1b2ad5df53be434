"""The poster grid: `PosterGridView`, the list shown as posters with captions, and `PosterDelegate`, which paints one.

The view works over any item model answering DisplayRole (the title, column 0), Role.WorkId, Role.Poster and
Role.Year; posters come from a `PosterCache`, and only the cells whose poster arrives are repainted.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from .posters import PosterCache, elided_lines
from .roles import Role

#: The cell each work gets, caption included; the view widens it to share out the spare width of a row.
CELL = QSize(160, 280)
#: Items laid out per pass, so that a long list shows at once and is laid out as the event loop goes on.
BATCH_SIZE = 500
#: Rows remembered as waiting for a poster; past this the memory is dropped (those rows ask again when painted).
MAX_WAITING = 4096


class PosterDelegate(QStyledItemDelegate):
    """Paints a cell: the poster (or a placeholder while it loads, or when it cannot be shown), up to two lines of
    title and the year; the selection as a rounded highlight behind it all."""

    MARGIN = 8
    GAP = 6
    RADIUS = 6.0
    SHADOW = 5  # room the shadow takes around a poster

    def __init__(self, cache: PosterCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        # content hash -> rows painted without their poster, repainted when it arrives
        self._waiting: dict[str, set[int]] = {}
        self._shadows: dict[tuple[float, float, float], QPixmap] = {}

    def take_waiting(self, content_hash: str) -> set[int]:
        """The rows painted while this poster was being made (forgotten once taken)."""
        return self._waiting.pop(content_hash, set())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(CELL)

    # ---- geometry ---------------------------------------------------------------------------------------

    @staticmethod
    def fonts(base: QFont) -> tuple[QFont, QFont]:
        title = QFont(base)
        title.setWeight(QFont.Weight.DemiBold)
        year = QFont(base)
        if base.pointSizeF() > 0:
            year.setPointSizeF(max(base.pointSizeF() * 0.9, 6.0))
        else:
            year.setPixelSize(max(round(base.pixelSize() * 0.9), 8))
        return title, year

    def poster_rect(self, cell: QRect, base: QFont) -> QRectF:
        """Where the poster goes in a cell: 2:3, as large as the caption's two lines and year leave room for."""
        title_font, year_font = self.fonts(base)
        caption = 2 * QFontMetrics(title_font).lineSpacing() + QFontMetrics(year_font).lineSpacing()
        height = cell.height() - 2 * self.MARGIN - self.GAP - caption
        width = min(cell.width() - 2 * self.MARGIN, height * 2 / 3)
        height = width * 3 / 2
        return QRectF(cell.x() + (cell.width() - width) / 2, cell.y() + self.MARGIN, round(width), round(height))

    # ---- painting ---------------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
                               | QPainter.RenderHint.TextAntialiasing)
        state = option.state
        group = (QPalette.ColorGroup.Active if state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        palette = option.palette
        selected = bool(state & QStyle.StateFlag.State_Selected)
        highlight = palette.color(group, QPalette.ColorRole.Highlight)
        cell = QRectF(option.rect).adjusted(3, 3, -3, -3)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRoundedRect(cell, self.RADIUS + 2, self.RADIUS + 2)
        elif state & QStyle.StateFlag.State_MouseOver:
            hover = QColor(highlight)
            hover.setAlphaF(0.16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(hover)
            painter.drawRoundedRect(cell, self.RADIUS + 2, self.RADIUS + 2)
        if state & QStyle.StateFlag.State_HasFocus and not selected:
            painter.setPen(QPen(highlight, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(cell.adjusted(0.75, 0.75, -0.75, -0.75), self.RADIUS + 2, self.RADIUS + 2)

        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        target = self.poster_rect(option.rect, option.font)
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        self._paint_poster(painter, target, self._poster(index, target, dpr, title), dpr)
        self._paint_caption(painter, option, index, title, target, selected, group)
        painter.restore()

    def _poster(self, index: QModelIndex | QPersistentModelIndex, target: QRectF, dpr: float, title: str) -> QPixmap:
        size = QSize(round(target.width() * dpr), round(target.height() * dpr))
        poster = index.data(Role.Poster)
        if isinstance(poster, (tuple, list)) and len(poster) >= 2 and not index.data(Role.Loading):
            content_hash, mime = str(poster[0]), str(poster[1])
            if self._cache.failure(content_hash) is None:
                pixmap = self._cache.pixmap(content_hash, mime, size)
                if pixmap is not None:
                    return pixmap
                if len(self._waiting) > MAX_WAITING:
                    self._waiting.clear()
                self._waiting.setdefault(content_hash, set()).add(index.row())
        return self._cache.placeholder(size, title)

    def _paint_poster(self, painter: QPainter, target: QRectF, pixmap: QPixmap, dpr: float) -> None:
        # The pixmap is fitted into the 2:3 box (keeping its own shape) and centred there, on whole pixels
        # (a fractional offset makes Qt resample the whole poster).
        fitted = _fit(pixmap.size(), target)
        rect = QRectF(QRectF(target.x() + (target.width() - fitted[0]) / 2,
                             target.y() + (target.height() - fitted[1]) / 2, fitted[0], fitted[1]).toRect())
        painter.drawPixmap(rect.topLeft() - QPointF(self.SHADOW, self.SHADOW), self._shadow(rect.size(), dpr))
        # Painted as a brush so that the rounded corners are antialiased (a clip path would not be).
        painter.setPen(Qt.PenStyle.NoPen)
        brush = QBrush(pixmap)
        brush.setTransform(QTransform.fromTranslate(rect.x(), rect.y())
                           .scale(rect.width() / max(pixmap.width(), 1), rect.height() / max(pixmap.height(), 1)))
        painter.setBrush(brush)
        painter.drawRoundedRect(rect, self.RADIUS, self.RADIUS)

    def _shadow(self, size: QSizeF, dpr: float) -> QPixmap:
        """A soft shadow for a poster of `size`, drawn once per size: a few widening, fading rounded rectangles."""
        key = (size.width(), size.height(), dpr)
        shadow = self._shadows.get(key)
        if shadow is None:
            spread = self.SHADOW
            shadow = QPixmap(round((size.width() + 2 * spread) * dpr), round((size.height() + 2 * spread) * dpr))
            shadow.setDevicePixelRatio(dpr)
            shadow.fill(Qt.GlobalColor.transparent)
            painter = QPainter(shadow)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            poster = QRectF(spread, spread, size.width(), size.height())
            for grow, alpha in ((3.0, 0.05), (2.0, 0.07), (1.0, 0.10)):
                painter.setBrush(QColor(0, 0, 0, round(255 * alpha)))
                painter.drawRoundedRect(poster.adjusted(-grow, -grow + 1.5, grow, grow + 1.5),
                                        self.RADIUS + grow, self.RADIUS + grow)
            painter.end()
            if len(self._shadows) > 8:
                self._shadows.clear()
            self._shadows[key] = shadow
        return shadow

    def _paint_caption(self, painter: QPainter, option: QStyleOptionViewItem,
                       index: QModelIndex | QPersistentModelIndex, title: str, poster: QRectF, selected: bool,
                       group: QPalette.ColorGroup) -> None:
        palette = option.palette
        ink = palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        title_font, year_font = self.fonts(option.font)
        left, width = option.rect.x() + self.MARGIN / 2, option.rect.width() - self.MARGIN
        y = poster.bottom() + self.GAP
        metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(ink)
        for line in elided_lines(title, title_font, int(width), 2):
            painter.drawText(QRectF(left, y, width, metrics.height()), Qt.AlignmentFlag.AlignHCenter, line)
            y += metrics.lineSpacing()
        year = index.data(Role.Year)
        if year:
            faint = QColor(ink)
            faint.setAlphaF(0.8 if selected else 0.6)
            painter.setFont(year_font)
            painter.setPen(faint)
            painter.drawText(QRectF(left, y, width, QFontMetrics(year_font).height()),
                             Qt.AlignmentFlag.AlignHCenter, str(year))

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        # The caption may be elided: the tooltip gives the whole title.
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            year = index.data(Role.Year)
            text = self.tr("{title} ({year})").format(title=title, year=year) if year else title
            QToolTip.showText(event.globalPos(), text, view)
            return True
        return super().helpEvent(event, view, option, index)


def _fit(size: QSize, box: QRectF) -> tuple[float, float]:
    """The width and height of `size` scaled to fit in `box`, keeping its shape."""
    if size.isEmpty():
        return box.width(), box.height()
    scale = min(box.width() / size.width(), box.height() / size.height())
    return size.width() * scale, size.height() * scale


class PosterGridView(QListView):
    """The works as a grid of posters; the model's column 0 is shown. Double-click or Enter opens a work."""

    work_activated = Signal(int)

    def __init__(self, cache: PosterCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache = cache
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(BATCH_SIZE)
        self.setGridSize(QSize(CELL))
        self.setSpacing(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setAccessibleName(self.tr("Posters"))
        self.delegate = PosterDelegate(cache, self)
        self.setItemDelegate(self.delegate)
        cache.poster_ready.connect(self.on_poster_ready)
        cache.poster_failed.connect(self.on_poster_failed)
        self.activated.connect(self.on_activated)

    # ---- posters arriving -------------------------------------------------------------------------------

    @Slot(str)
    def on_poster_ready(self, content_hash: str) -> None:
        self._repaint_waiting(content_hash)

    @Slot(str, str)
    def on_poster_failed(self, content_hash: str, message: str) -> None:
        self._repaint_waiting(content_hash)

    def _repaint_waiting(self, content_hash: str) -> None:
        model: QAbstractItemModel | None = self.model()
        if model is None:
            return
        for row in self.delegate.take_waiting(content_hash):
            # After a reset the row may hold another work: one needless repaint, never a wrong picture.
            index = model.index(row, self.modelColumn(), self.rootIndex())
            if index.isValid():
                self.update(index)

    # ---- activation and layout --------------------------------------------------------------------------

    @Slot(QModelIndex)
    def on_activated(self, index: QModelIndex) -> None:
        work_id = index.data(Role.WorkId)
        if work_id is not None:
            self.work_activated.emit(int(work_id))

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - QResizeEvent
        # The cells share out the width a row leaves over, so the grid fills the view instead of leaving a gutter.
        # The scroll bar's width is always set aside: whether it shows must not change the column count.
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        available = event.size().width() - 2 * self.frameWidth() - scrollbar
        columns = max(1, available // CELL.width())
        width = max(CELL.width(), available // columns)
        if self.gridSize().width() != width:
            self.setGridSize(QSize(width, CELL.height()))
        super().resizeEvent(event)
