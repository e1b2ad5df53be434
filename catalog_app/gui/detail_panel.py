"""The detail page of one work: everything the catalog knows about it, laid out for reading.

Poster and title block at the top, then synopsis, where to watch, credits, seasons, relations, quotes, details and
the user's own layer. Every text that comes from the catalog is shown as plain text: labels are created with
`Qt.PlainText` and links are small widgets that emit signals, so no catalog text is ever parsed as markup. Only
http(s) addresses are ever opened (with QDesktopServices). Colours come from the palette, so dark themes work.

The building blocks here (`FlowLayout`, `Link`, `Chip`, `ScrollPage`) are shared with the person page.
"""

from __future__ import annotations

import atexit
import html
import re
import weakref
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPoint, QRect, QRectF, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QEnterEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionFocusRect,
    QVBoxLayout,
    QWidget,
)

from ..services.describe import RATING_SOURCE_NAMES

#: The poster's size on the page (2:3).
POSTER_SIZE = QSize(180, 270)
#: Below this width the poster sits above the title instead of beside it.
NARROW_WIDTH = 520
#: Widest the text column grows; beyond it the page is centred, so lines stay readable.
MAX_TEXT_WIDTH = 920
#: Suffixes of files that may be dropped on the poster.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"})
#: Order in which credit roles are listed (the order of CreditRole).
ROLE_ORDER = ("director", "creator", "writer", "original_story", "voice", "cast", "composer", "producer",
              "executive_producer", "cinematographer", "editor", "animation_director", "character_designer",
              "art_director", "crew")
RELATION_ORDER = ("sequel", "prequel", "follow_up", "remake", "remake_of", "adaptation_of", "spin_off",
                  "spin_off_of", "same_universe", "compared_to", "similar")
#: Rating sources whose scores read as percentages ("91%"); others read as value/scale ("8.5/10", "74/100").
PERCENT_SOURCES = frozenset({"rotten_tomatoes", "rotten_tomatoes_audience", "anilist"})
_WORK_KEY = re.compile(r"^w(\d+)$")
_PERSON_KEY = re.compile(r"^p(\d+)$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# ---- small helpers --------------------------------------------------------------------------------------


def safe_url(value: Any) -> QUrl | None:
    """A QUrl for an http(s) address with a host, or None for anything else (javascript:, file:, data:…)."""
    if isinstance(value, QUrl):
        url = QUrl(value)
    elif isinstance(value, str) and value.strip():
        url = QUrl(value.strip(), QUrl.ParsingMode.TolerantMode)
    else:
        return None
    if not url.isValid() or url.scheme().lower() not in ("http", "https") or not url.host():
        return None
    return url


def url_text(url: QUrl) -> str:
    """An address as it goes over the wire (percent-encoded), for tooltips and `Link.target`."""
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


def plain_tooltip(text: str) -> str:
    """Tooltips guess rich text; escaping and wrapping makes any text show literally."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def key_number(key: Any, pattern: re.Pattern[str]) -> int | None:
    """The database id in a "w12"/"p5" key, or None."""
    match = pattern.match(key) if isinstance(key, str) else None
    return int(match.group(1)) if match else None


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """A colour between two palette colours (t = 0 gives a, 1 gives b)."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t, 1.0)


def number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_date(value: Any) -> str:
    """"2025-06-01" as "1 Jun 2025", "2025-06" as "Jun 2025", a year as itself; anything else unchanged."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    match = _DATE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    locale = QLocale()
    if day:
        date = QDate(int(year), int(month), int(day))
        return locale.toString(date, "d MMM yyyy") if date.isValid() else value
    if month:
        date = QDate(int(year), int(month), 1)
        return locale.toString(date, "MMM yyyy") if date.isValid() else value
    return year


def language_name(code: Any) -> str:
    """"ko" → "Korean"; unknown codes are shown as they are."""
    if not isinstance(code, str) or not code:
        return ""
    base, _, region = code.replace("_", "-").partition("-")
    language = QLocale.codeToLanguage(base)
    if language == QLocale.Language.AnyLanguage:
        return code
    name = QLocale.languageToString(language)
    if region:
        territory = QLocale.codeToTerritory(region)
        if territory != QLocale.Country.AnyTerritory:
            return f"{name} ({QLocale.territoryToString(territory)})"
    return name


def country_name(code: Any) -> str:
    """"KR" → "South Korea"; unknown codes are shown as they are."""
    if not isinstance(code, str) or not code:
        return ""
    territory = QLocale.codeToTerritory(code)
    return code if territory == QLocale.Country.AnyTerritory else QLocale.territoryToString(territory)


_ID_NAMES = {"imdb": "IMDb", "tmdb": "TMDB", "wikidata": "Wikidata", "anilist": "AniList", "mal": "MyAnimeList",
             "tvmaze": "TVmaze", "letterboxd": "Letterboxd", "trakt": "Trakt"}


def external_id_name(provider: str) -> str:
    return _ID_NAMES.get(provider, provider)


def external_id_url(provider: str, value: Any, person: bool = False) -> QUrl | None:
    """The page of an external id on its site, when the id's shape says which page it is."""
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9/_-]{1,200}", value):
        return None
    v = quote(value, safe="/")
    address = None
    if provider == "imdb" and value[:2] in ("tt", "nm"):
        address = f"https://www.imdb.com/{'title' if value.startswith('tt') else 'name'}/{v}/"
    elif provider == "tmdb" and "/" in value:
        address = f"https://www.themoviedb.org/{v}"
    elif provider == "wikidata":
        address = f"https://www.wikidata.org/wiki/{v}"
    elif provider == "anilist":
        address = f"https://anilist.co/{'staff' if person else 'anime'}/{v}"
    elif provider == "mal":
        address = f"https://myanimelist.net/{'people' if person else 'anime'}/{v}"
    elif provider == "tvmaze":
        address = f"https://www.tvmaze.com/{'people' if person else 'shows'}/{v}"
    elif provider == "letterboxd" and not person:
        address = f"https://letterboxd.com/film/{v}/"
    return safe_url(address) if address else None


def scaled_font(base: QFont, factor: float = 1.0, weight: QFont.Weight | None = None,
                italic: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if weight is not None:
        font.setWeight(weight)
    font.setItalic(italic)
    return font


def open_url(url: QUrl) -> None:
    """Open an http(s) address in the browser; anything else is refused here too."""
    if safe_url(url) is not None:
        QDesktopServices.openUrl(url)


# ---- building blocks ------------------------------------------------------------------------------------


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps them onto new lines, like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 6, v_spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h_spacing = h_spacing
        self._v_spacing = v_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """Everything on one line."""
        width = sum(self._natural(item).width() + self._h_spacing for item in self._items if not item.isEmpty())
        width = max(0, width - self._h_spacing)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), self._arrange(QRect(0, 0, width + m.left() + m.right(), 0),
                                                                 apply=False))

    def minimumSize(self) -> QSize:  # noqa: N802
        """As narrow as the narrowest item allows; the height comes from heightForWidth."""
        width = height = 0
        for item in self._items:
            if not item.isEmpty():
                width = max(width, min(item.minimumSize().width(), 160))
                if not item.hasHeightForWidth():
                    height = max(height, item.minimumSize().height())
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    @staticmethod
    def _natural(item: QLayoutItem) -> QSize:
        hint = item.sizeHint()
        widget = item.widget()
        if isinstance(widget, QLabel) and widget.wordWrap():
            # a wrapping label's size hint is a guess at a pleasant shape; here it asks for its one-line width
            # and wraps only when a whole line is not wide enough
            margins = widget.contentsMargins()
            hint.setWidth(widget.fontMetrics().size(0, widget.text()).width() + margins.left() + margins.right()
                          + 2 * widget.margin() + 2)
        return hint

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = self._natural(item)
            width = min(hint.width(), area.width()) if area.width() > 0 else hint.width()
            height = item.heightForWidth(width) if item.hasHeightForWidth() else -1
            height = hint.height() if height < 0 else height
            if x > area.x() and x + width > area.x() + area.width():
                x, y, line_height = area.x(), y + line_height + self._v_spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + self._h_spacing
            line_height = max(line_height, height)
        return y + line_height - rect.y() + m.bottom()


def text_label(text: str, *, muted: bool = False, wrap: bool = True, selectable: bool = False,
               factor: float = 1.0, weight: QFont.Weight | None = None, italic: bool = False,
               parent: QWidget | None = None) -> QLabel:
    """A label that shows its text literally (never as markup)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if factor != 1.0 or weight is not None or italic:
        label.setFont(scaled_font(label.font(), factor, weight, italic))
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class Link(QLabel):
    """A piece of plain text that acts like a link: pointer, underline on hover, click/Enter/Space activate.

    `target` tells what it opens (a work id, a person id, a URL…), for tooltips and tests.
    """

    activated = Signal()

    def __init__(self, text: str, target: Any = None, parent: QWidget | None = None, wrap: bool = False) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(wrap)
        self.target = target
        self._pressed = False
        self._hover = False
        self.setForegroundRole(QPalette.ColorRole.Link)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # a wrapping link must be allowed wider than its size hint (a guess at a pleasant shape), or it is cut
        horizontal = QSizePolicy.Policy.Preferred if wrap else QSizePolicy.Policy.Maximum
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802
        self._hover = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: Any) -> None:  # noqa: N802
        self._hover = False
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = True
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._pressed:
            self._pressed = False
            event.accept()
            if self.rect().contains(event.position().toPoint()):
                self.activated.emit()
        else:
            super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            event.accept()
            self.activated.emit()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # drawn here rather than by QLabel: the link colour is the palette's, toned towards the text colour
        # (pure #0000ff links shout on a reading page); the text is still drawn as plain text
        painter = QPainter(self)
        palette = self.palette()
        if self.isEnabled():
            color = mix(palette.color(QPalette.ColorRole.Link), palette.color(QPalette.ColorRole.Text), 0.3)
        else:
            color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        painter.setPen(color)
        font = self.font()
        font.setUnderline(self._hover or self.hasFocus())
        painter.setFont(font)
        flags = int(self.alignment().value) | (int(Qt.TextFlag.TextWordWrap.value) if self.wordWrap() else 0)
        painter.drawText(self.contentsRect(), flags, self.text())
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self)


class Chip(QLabel):
    """A short text in a rounded pill (genres, tags), or outlined (content rating, status)."""

    def __init__(self, text: str, outlined: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self._outlined = outlined
        self.setContentsMargins(10, 3, 10, 3)
        self.setFont(scaled_font(self.font(), 0.92))
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = rect.height() / 2
        painter.setPen(QPen(mix(base, text, 0.35 if self._outlined else 0.14), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush if self._outlined else mix(base, text, 0.065))
        painter.drawRoundedRect(rect, radius, radius)
        painter.end()
        super().paintEvent(event)


class Heading(QLabel):
    """A section heading: small capitals over a hairline."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        font = scaled_font(self.font(), 0.86, QFont.Weight.Bold)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.2)
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setContentsMargins(0, 0, 0, 7)
        self.setAccessibleDescription("heading")

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self)
        palette = self.palette()
        painter.setPen(QPen(mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text),
                                0.13), 1))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)


class Bar(QWidget):
    """A thin progress bar (episodes watched), in palette colours."""

    def __init__(self, done: int, total: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done, self.total = done, total
        self.setFixedHeight(4)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(60, 4)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        palette = self.palette()
        rect = QRectF(self.rect())
        painter.setBrush(mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.1))
        painter.drawRoundedRect(rect, 2, 2)
        if self.total > 0 and self.done > 0:
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(rect.x(), rect.y(), rect.width() * min(1.0, self.done / self.total),
                                           rect.height()), 2, 2)


class QuoteBlock(QWidget):
    """A quotation with a bar on its left."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        palette = self.palette()
        painter.setBrush(mix(palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.22))
        painter.drawRect(QRect(0, 2, 3, self.height() - 4))


class PosterView(QWidget):
    """The poster (2:3) with rounded corners; local image files dropped on it are reported by `dropped`."""

    dropped = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._pixmap: QPixmap | None = None
        self._scaled: QPixmap | None = None
        self._hover = False
        self.setFixedSize(POSTER_SIZE)
        self.setAcceptDrops(True)
        self.setToolTip(plain_tooltip(self.tr("Drop an image file here to use it as the poster")))
        self.setAccessibleName(self.tr("Poster"))

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self._pixmap = pixmap if pixmap is not None and not pixmap.isNull() else None
        self._scaled = None
        self.update()

    def has_image(self) -> bool:
        return self._pixmap is not None

    @staticmethod
    def image_path(event: QDragEnterEvent | QDropEvent) -> str | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in IMAGE_SUFFIXES:
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.image_path(event):
            event.acceptProposedAction()
            self._hover = True
            self.update()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._hover = False
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self._hover = False
        self.update()
        path = self.image_path(event)
        if path:
            event.acceptProposedAction()
            self.dropped.emit(path)
        else:
            event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        palette = self.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        painter.setClipPath(path)
        if self._pixmap is not None:
            ratio = self.devicePixelRatioF()
            target = self.size() * ratio
            if self._scaled is None or self._scaled.size() != target:
                scaled = self._pixmap.scaled(target, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                             Qt.TransformationMode.SmoothTransformation)
                x, y = (scaled.width() - target.width()) // 2, (scaled.height() - target.height()) // 2
                self._scaled = scaled.copy(x, y, target.width(), target.height())
                self._scaled.setDevicePixelRatio(ratio)
            painter.drawPixmap(0, 0, self._scaled)
        else:
            painter.fillRect(rect, mix(base, text, 0.09))
            painter.setPen(mix(base, text, 0.55))
            painter.setFont(scaled_font(self.font(), 1.1, QFont.Weight.DemiBold))
            painter.drawText(rect.adjusted(16, 16, -16, -16), int(Qt.AlignmentFlag.AlignCenter) | int(
                Qt.TextFlag.TextWordWrap), self.title)
        painter.setClipping(False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._hover:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 6, 6)
        else:
            painter.setPen(QPen(mix(base, text, 0.15), 1))
            painter.drawRoundedRect(rect, 6, 6)


_LIVE_PAGES: "weakref.WeakSet[ScrollPage]" = weakref.WeakSet()


@atexit.register
def _release_pages() -> None:
    """Delete the content of pages still alive when Python exits, while Python can still answer Qt.

    Otherwise Qt tears the widgets down after the interpreter has started to shut down and calls FlowLayout's
    Python methods ("Error calling Python override of QLayout::itemAt()").
    """
    for page in list(_LIVE_PAGES):
        try:
            page.release()
        except RuntimeError:  # its C++ side is gone already
            pass


class ScrollPage(QWidget):
    """A page that scrolls vertically, reflows with its width and is rebuilt for each thing it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _LIVE_PAGES.add(self)
        self._next_body: QWidget | None = None
        self._scroll = QScrollArea(self)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidgetResizable(True)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self._scroll.viewport().setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)

    def new_body(self) -> QVBoxLayout:
        """A new, empty content column (centred, at most MAX_TEXT_WIDTH wide); `show_body` puts it on the page.

        The content is built off-screen and shown whole: widgets added to a visible page would only appear
        after the event loop ran, and a half-built page would flash.
        """
        body = QWidget()
        body.setBackgroundRole(QPalette.ColorRole.Base)
        body.setAutoFillBackground(True)
        outer = QHBoxLayout(body)
        outer.setContentsMargins(28, 24, 28, 32)
        column_widget = QWidget(body)
        column_widget.setMaximumWidth(MAX_TEXT_WIDTH)
        column = QVBoxLayout(column_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(26)
        outer.addStretch(0)
        outer.addWidget(column_widget, 1)
        outer.addStretch(0)
        self._next_body = body
        return column

    def show_hint(self, text: str) -> None:
        """Show only a muted line of text in the middle of the page (nothing is selected)."""
        column = self.new_body()
        column.addStretch(1)
        hint = text_label(text, muted=True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(hint)
        column.addStretch(1)
        self.show_body()

    def show_body(self) -> None:
        """Replace the page's content with the body built since `new_body` (the previous one is deleted)."""
        body, self._next_body = self._next_body, None
        if body is not None:
            self._scroll.setWidget(body)
            self._scroll.verticalScrollBar().setValue(0)

    def release(self) -> None:
        """Delete the page's content now (the page shows nothing until it is given something again)."""
        self._next_body = None
        body = self._scroll.takeWidget()
        if body is not None:
            body.deleteLater()
            QCoreApplication.sendPostedEvents(body, QEvent.Type.DeferredDelete)  # deleted now, not later

    def scroll_area(self) -> QScrollArea:
        return self._scroll

    def section(self, column: QVBoxLayout, title: str) -> QVBoxLayout:
        """A titled section appended to the page; returns the layout to fill."""
        box = QVBoxLayout()
        box.setSpacing(10)
        box.addWidget(Heading(title))
        column.addLayout(box)
        return box

    @staticmethod
    def rows() -> QGridLayout:
        """Two columns: a muted label on the left, its values on the right."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        grid.setColumnMinimumWidth(0, 118)
        grid.setColumnStretch(1, 1)
        return grid

    @staticmethod
    def add_row(grid: QGridLayout, label: str, content: QWidget | QLayout, label_top: int = 0) -> None:
        """A row of `rows()`; `label_top` lowers the label to the baseline of taller content (chips)."""
        row = grid.rowCount()
        caption = text_label(label, muted=True)
        caption.setContentsMargins(0, label_top, 0, 0)
        grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        if isinstance(content, QLayout):
            grid.addLayout(content, row, 1)
        else:
            grid.addWidget(content, row, 1)

    @staticmethod
    def stack(*widgets: QWidget, spacing: int = 4) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(spacing)
        box.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            box.addWidget(w)
        return box

    @staticmethod
    def flow(widgets: Iterable[QWidget], h_spacing: int = 6, v_spacing: int = 6) -> FlowLayout:
        layout = FlowLayout(None, h_spacing, v_spacing)
        for w in widgets:
            layout.addWidget(w)
        return layout

    def role_label(self, role: str, count: int) -> str:
        one = count == 1
        labels = {
            "director": self.tr("Director") if one else self.tr("Directors"),
            "creator": self.tr("Creator") if one else self.tr("Creators"),
            "writer": self.tr("Writer") if one else self.tr("Writers"),
            "original_story": self.tr("Original story"),
            "voice": self.tr("Voice cast"),
            "cast": self.tr("Cast"),
            "composer": self.tr("Composer") if one else self.tr("Composers"),
            "producer": self.tr("Producer") if one else self.tr("Producers"),
            "executive_producer": self.tr("Executive producer") if one else self.tr("Executive producers"),
            "cinematographer": self.tr("Cinematography"),
            "editor": self.tr("Editor") if one else self.tr("Editors"),
            "animation_director": self.tr("Animation director") if one else self.tr("Animation directors"),
            "character_designer": self.tr("Character design"),
            "art_director": self.tr("Art direction"),
            "crew": self.tr("Crew"),
        }
        return labels.get(role) or str(role).replace("_", " ").capitalize()

    def kind_label(self, kind: Any) -> str:
        labels = {"film": self.tr("Film"), "series": self.tr("Series"), "miniseries": self.tr("Miniseries"),
                  "season": self.tr("Season"), "episode": self.tr("Episode"), "short": self.tr("Short film"),
                  "special": self.tr("Special"), "tv_film": self.tr("TV film"), "ova": self.tr("OVA")}
        return labels.get(kind) or str(kind or "").replace("_", " ").capitalize()

    def external_id_links(self, ids: dict[str, Any], person: bool = False) -> list[QWidget]:
        widgets: list[QWidget] = []
        for provider, value in sorted((ids or {}).items()):
            text = self.tr("{site} {id}").format(site=external_id_name(provider), id=value)
            url = external_id_url(provider, value, person)
            if url is None:
                widgets.append(text_label(text, wrap=False, selectable=True))
            else:
                widgets.append(self.url_link(text, url))
        return widgets

    def url_link(self, text: str, url: QUrl) -> Link:
        link = Link(text, url_text(url))
        link.setToolTip(plain_tooltip(url.toDisplayString()))
        link.activated.connect(lambda u=QUrl(url): open_url(u))
        return link


# ---- the detail panel -----------------------------------------------------------------------------------


class DetailPanel(ScrollPage):
    """Everything the catalog knows about one work.

    `poster_source` is anything with `pixmap(hash, mime, QSize) -> QPixmap | None`,
    `placeholder(QSize, title) -> QPixmap` and optionally a `poster_ready(str)` signal (a PosterCache); with None
    the panel draws a simple placeholder itself.
    """

    work_activated = Signal(int)
    #: (title, year or None, {id space: id} at online sources): a related work not in the catalog, to add.
    stub_activated = Signal(str, object, object)
    person_activated = Signal(int)
    image_dropped = Signal(str)

    def __init__(self, poster_source: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._poster_source = poster_source
        self._poster: PosterView | None = None
        self._poster_hash: str | None = None
        self._header: QBoxLayout | None = None
        self._record: dict[str, Any] | None = None
        ready = getattr(poster_source, "poster_ready", None)
        if ready is not None and hasattr(ready, "connect"):
            ready.connect(self.on_poster_ready)
        self.clear()

    # ---- public -------------------------------------------------------------------------------------

    @property
    def work_id(self) -> int | None:
        """The id of the work shown (from its "w<id>" key), or None."""
        return key_number(self._record.get("id"), _WORK_KEY) if self._record else None

    def clear(self) -> None:
        """Show nothing (an empty page with a hint)."""
        self._record = None
        self._poster = None
        self._poster_hash = None
        self._header = None
        self.show_hint(self.tr("Select a work to see everything the catalog knows about it."))

    def show_work(self, record: dict[str, Any], people: dict[str, dict[str, Any]]) -> None:
        """Show one work's record (as `Catalog.load` gives it) with the people it names."""
        self._record = record
        people = people or {}
        column = self.new_body()
        self._build_header(column, record)
        self._build_about(column, record)
        self._build_availability(column, record)
        self._build_children(column, record)
        self._build_credits(column, record, people)
        self._build_relations(column, record)
        self._build_quotes(column, record, people)
        self._build_details(column, record)
        self._build_personal(column, record)
        column.addStretch(1)
        self._reflow()
        self.show_body()

    # ---- poster -------------------------------------------------------------------------------------

    def _poster_image(self, record: dict[str, Any]) -> dict[str, Any] | None:
        posters = [i for i in record.get("images") or [] if i.get("kind") == "poster" and i.get("hash")]
        posters.sort(key=lambda i: not i.get("primary"))
        return posters[0] if posters else None

    def _load_poster(self) -> None:
        if self._poster is None or self._record is None:
            return
        source = self._poster_source
        title = self._record.get("title") or ""
        if source is None:
            self._poster.set_pixmap(None)
            return
        size = POSTER_SIZE * max(1.0, self.devicePixelRatioF())
        pixmap = None
        if self._poster_hash:
            image = self._poster_image(self._record) or {}
            pixmap = source.pixmap(self._poster_hash, image.get("mime") or "", size)
        if pixmap is None or pixmap.isNull():
            pixmap = source.placeholder(size, title)
        self._poster.set_pixmap(pixmap)

    @Slot(str)
    def on_poster_ready(self, digest: str) -> None:
        if self._poster is not None and digest and digest == self._poster_hash:
            self._load_poster()

    # ---- reflow -------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        if self._header is None:
            return
        narrow = self.width() < NARROW_WIDTH
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self._header.direction() != direction:
            self._header.setDirection(direction)
            self._header.setSpacing(18 if narrow else 26)

    # ---- sections -----------------------------------------------------------------------------------

    def _build_header(self, column: QVBoxLayout, record: dict[str, Any]) -> None:
        header = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        header.setSpacing(26)
        self._header = header
        self._poster = PosterView(record.get("title") or "")
        self._poster.dropped.connect(self.image_dropped)
        image = self._poster_image(record)
        self._poster_hash = image.get("hash") if image else None
        self._load_poster()
        header.addWidget(self._poster, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        info = QVBoxLayout()
        info.setSpacing(6)
        info.setContentsMargins(0, 2, 0, 0)
        title = text_label(record.get("title") or "", factor=1.95, weight=QFont.Weight.Bold, selectable=True)
        title.setAccessibleName(self.tr("Title"))
        info.addWidget(title)
        original = record.get("original_title")
        if original and original != record.get("title"):
            line = FlowLayout(None, 10, 2)
            line.addWidget(text_label(original, factor=1.25, selectable=True, wrap=True))
            language = language_name(record.get("original_language"))
            if language:
                tag = text_label(language, muted=True, wrap=False, factor=0.9)
                tag.setContentsMargins(0, 4, 0, 0)
                line.addWidget(tag)
            info.addLayout(line)
        for alt in record.get("titles") or []:
            if not alt.get("title"):
                continue
            kind = self._title_kind(alt.get("kind"))
            extra = ", ".join(x for x in (language_name(alt.get("language")), country_name(alt.get("country"))) if x)
            note = f"{kind} · {extra}" if extra else kind
            line = FlowLayout(None, 10, 2)
            line.addWidget(text_label(alt["title"], selectable=True))
            line.addWidget(text_label(note, muted=True, wrap=False, factor=0.9))
            info.addLayout(line)
        info.addSpacing(6)

        facts = self._facts_line(record)
        if facts or record.get("content_rating"):
            line = FlowLayout(None, 10, 4)
            if facts:
                line.addWidget(text_label(facts, selectable=True))
            if record.get("content_rating"):
                chip = Chip(record["content_rating"], outlined=True)
                chip.setToolTip(plain_tooltip(self.tr("Content rating")))
                line.addWidget(chip)
            info.addLayout(line)
        genres = [g for g in record.get("genres") or [] if g]
        if genres:
            info.addSpacing(4)
            info.addLayout(self.flow(Chip(g) for g in genres))
        ratings = record.get("ratings") or []
        if ratings:
            info.addSpacing(10)
            info.addLayout(self.flow((self._rating_block(r) for r in ratings), 26, 10))
        summary = self._personal_summary(record.get("personal"))
        if summary:
            info.addSpacing(8)
            info.addLayout(self.flow(summary, 8, 4))
        info.addStretch(1)
        header.addLayout(info, 1)
        column.addLayout(header)

    def _title_kind(self, kind: Any) -> str:
        labels = {"localized": self.tr("Localized title"), "romanized": self.tr("Romanized"),
                  "original": self.tr("Original title"), "alternative": self.tr("Also known as"),
                  "working": self.tr("Working title"), "short": self.tr("Short title")}
        return labels.get(kind) or self.tr("Also known as")

    def _facts_line(self, record: dict[str, Any]) -> str:
        parts: list[str] = []
        year, end = record.get("year"), record.get("end_year")
        if year and end and end != year:
            parts.append(f"{year}–{end}")
        elif year:
            parts.append(str(year))
        runtime = record.get("runtime")
        if runtime:
            hours, minutes = divmod(int(runtime), 60)
            parts.append(self.tr("{h} h {m} min").format(h=hours, m=minutes) if hours and minutes
                         else self.tr("{h} h").format(h=hours) if hours else self.tr("{m} min").format(m=minutes))
        if record.get("kind"):
            parts.append(self.kind_label(record["kind"]))
        if record.get("anime"):
            parts.append(self.tr("Anime"))
        countries = ", ".join(country_name(c) for c in record.get("countries") or [])
        if countries:
            parts.append(countries)
        languages = ", ".join(language_name(c) for c in record.get("languages") or [])
        if languages:
            parts.append(languages)
        return "  ·  ".join(parts)

    def _rating_block(self, rating: dict[str, Any]) -> QWidget:
        source = str(rating.get("source") or "")
        name = RATING_SOURCE_NAMES.get(source, source.replace("_", " "))
        value, scale = rating.get("value"), rating.get("scale")
        if value is None:
            shown = "–"
        elif scale == 100 and source in PERCENT_SOURCES:
            shown = self.tr("{value}%").format(value=number_text(value))
        elif scale:
            shown = self.tr("{value}/{scale}").format(value=number_text(value), scale=number_text(scale))
        else:
            shown = number_text(value)
        block = QWidget()
        box = QVBoxLayout(block)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(text_label(shown, factor=1.55, weight=QFont.Weight.Bold, wrap=False))
        url = safe_url(rating.get("url"))
        box.addWidget(self.url_link(name, url) if url else text_label(name, muted=True, wrap=False, factor=0.9))
        if rating.get("votes"):
            box.addWidget(text_label(self.tr("{n:,} votes").format(n=int(rating["votes"])), muted=True, wrap=False,
                                     factor=0.85))
        block.setAccessibleName(f"{name} {shown}")
        return block

    def _status_label(self, status: Any) -> str:
        labels = {"planned": self.tr("Planned"), "watching": self.tr("Watching"), "completed": self.tr("Completed"),
                  "on_hold": self.tr("On hold"), "dropped": self.tr("Dropped")}
        return labels.get(status) or str(status or "")

    @staticmethod
    def _stars(rating: int) -> str:
        halves = round(max(0, min(100, rating)) / 10)
        return "★" * (halves // 2) + ("½" if halves % 2 else "")

    def _personal_summary(self, personal: dict[str, Any] | None) -> list[QWidget]:
        if not personal:
            return []
        widgets: list[QWidget] = []
        if personal.get("status"):
            widgets.append(Chip(self._status_label(personal["status"]), outlined=True))
        if personal.get("favourite"):
            widgets.append(Chip(self.tr("♥ Favourite"), outlined=True))
        if personal.get("rating") is not None:
            chip = Chip(self.tr("{stars}  {n}/100").format(stars=self._stars(personal["rating"]),
                                                          n=personal["rating"]), outlined=True)
            chip.setToolTip(plain_tooltip(self.tr("My rating")))
            widgets.append(chip)
        return widgets

    def _build_about(self, column: QVBoxLayout, record: dict[str, Any]) -> None:
        if not record.get("tagline") and not record.get("synopsis"):
            return
        box = QVBoxLayout()
        box.setSpacing(10)
        if record.get("tagline"):
            box.addWidget(text_label(record["tagline"], factor=1.12, italic=True, selectable=True))
        if record.get("synopsis"):
            box.addWidget(text_label(record["synopsis"], factor=1.04, selectable=True))
        column.addLayout(box)

    def _availability_kind(self, kind: Any) -> str:
        labels = {"stream": self.tr("Stream"), "free": self.tr("Free"), "ads": self.tr("Free with ads"),
                  "rent": self.tr("Rent"), "buy": self.tr("Buy"), "own": self.tr("Owned")}
        return labels.get(kind) or str(kind or "")

    def _build_availability(self, column: QVBoxLayout, record: dict[str, Any]) -> None:
        offers = [a for a in record.get("availability") or [] if a.get("platform")]
        if not offers:
            return
        box = self.section(column, self.tr("Where to watch"))
        for offer in offers:
            url = safe_url(offer.get("url"))
            platform = (self.url_link(offer["platform"], url) if url
                        else text_label(offer["platform"], wrap=False, selectable=True))
            platform.setFont(scaled_font(platform.font(), 1.0, QFont.Weight.DemiBold))
            details = [self._availability_kind(offer.get("kind"))]
            if offer.get("region"):
                details.append(country_name(offer["region"]))
            if offer.get("checked_on"):
                details.append(self.tr("checked {date}").format(date=format_date(offer["checked_on"])))
            line = FlowLayout(None, 12, 2)
            line.addWidget(platform)
            line.addWidget(text_label("  ·  ".join(d for d in details if d), muted=True))
            box.addLayout(line)

    def _build_children(self, column: QVBoxLayout, record: dict[str, Any]) -> None:
        children = record.get("children") or []
        if not children:
            return
        seasons = [c for c in children if c.get("kind") == "season"]
        episodes = [c for c in children if c.get("kind") != "season"]
        all_episodes = episodes + [e for s in seasons for e in s.get("children") or []]
        watched = sum(1 for e in all_episodes if self._watched(e))
        box = self.section(column, self.tr("Seasons") if seasons else self.tr("Episodes"))
        if len(seasons) > 1 or (seasons and episodes):
            counts = [self._count(len(seasons), self.tr("1 season"), self.tr("{n} seasons")),
                      self._count(len(all_episodes), self.tr("1 episode"), self.tr("{n} episodes"))]
            if all_episodes:
                counts.append(self.tr("{done} of {total} watched").format(done=watched, total=len(all_episodes)))
            box.addWidget(text_label("  ·  ".join(counts), muted=True))
        for season in seasons:
            box.addLayout(self._season_row(season))
        if episodes:
            if seasons:
                box.addSpacing(6)
            done = sum(1 for e in episodes if self._watched(e))
            if not seasons:
                box.addWidget(text_label("  ·  ".join([
                    self._count(len(episodes), self.tr("1 episode"), self.tr("{n} episodes")),
                    self.tr("{done} of {total} watched").format(done=done, total=len(episodes))]), muted=True))
                box.addWidget(Bar(done, len(episodes)), 0, Qt.AlignmentFlag.AlignLeft)
            grid = self.rows()
            grid.setColumnMinimumWidth(0, 36)
            grid.setVerticalSpacing(6)
            for episode in episodes:
                number = episode.get("number")
                line = FlowLayout(None, 10, 2)
                line.addWidget(self._work_link(episode.get("title") or self.kind_label(episode.get("kind")),
                                               episode.get("id")))
                meta = [format_date(r.get("date")) for r in (episode.get("release_dates") or [])[:1]]
                if self._watched(episode):
                    meta.append(self.tr("✓ watched"))
                if meta:
                    line.addWidget(text_label("  ·  ".join(meta), muted=True, wrap=False))
                self.add_row(grid, "" if number is None else str(number), line)
            box.addLayout(grid)

    @staticmethod
    def _count(n: int, one: str, many: str) -> str:
        return one if n == 1 else many.format(n=n)

    @staticmethod
    def _watched(work: dict[str, Any]) -> bool:
        personal = work.get("personal") or {}
        return personal.get("status") == "completed" or bool(personal.get("viewings"))

    def _season_row(self, season: dict[str, Any]) -> QVBoxLayout:
        episodes = [e for e in season.get("children") or []]
        done = sum(1 for e in episodes if self._watched(e))
        number = season.get("number")
        name = season.get("title") or (self.tr("Season {n}").format(n=number) if number is not None
                                       else self.kind_label("season"))
        parts = []
        if season.get("year"):
            parts.append(str(season["year"]))
        parts.append(self._count(len(episodes), self.tr("1 episode"), self.tr("{n} episodes")))
        if episodes:
            parts.append(self.tr("{done} of {total} watched").format(done=done, total=len(episodes)))
        line = FlowLayout(None, 12, 2)
        link = self._work_link(name, season.get("id"))
        link.setFont(scaled_font(link.font(), 1.0, QFont.Weight.DemiBold))
        line.addWidget(link)
        line.addWidget(text_label("  ·  ".join(parts), muted=True))
        box = self.stack(spacing=6)
        box.addLayout(line)
        if episodes:
            box.addWidget(Bar(done, len(episodes)), 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _work_link(self, text: str, key: Any) -> QWidget:
        work_id = key_number(key, _WORK_KEY)
        if work_id is None:
            return text_label(text, wrap=False)
        link = Link(text, work_id)
        link.activated.connect(lambda w=work_id: self.work_activated.emit(w))
        return link

    def _person_link(self, name: str, key: Any) -> QWidget:
        person_id = key_number(key, _PERSON_KEY)
        if person_id is None:
            return text_label(name, wrap=False, selectable=True)
        link = Link(name, person_id)
        link.activated.connect(lambda p=person_id: self.person_activated.emit(p))
        return link

    def _build_credits(self, column: QVBoxLayout, record: dict[str, Any], people: dict[str, dict]) -> None:
        credits = [c for c in record.get("credits") or [] if c.get("person")]
        if not credits:
            return
        by_role: dict[str, list[dict[str, Any]]] = {}
        order = sorted(range(len(credits)), key=lambda i: (
            credits[i].get("billing") if credits[i].get("billing") is not None else 10**9, i))
        for i in order:
            by_role.setdefault(credits[i].get("role") or "crew", []).append(credits[i])
        roles = sorted(by_role, key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else len(ROLE_ORDER))
        box = self.section(column, self.tr("Cast & crew"))
        grid = self.rows()
        for role in roles:
            entries = QVBoxLayout()
            entries.setSpacing(5)
            for credit in by_role[role]:
                person = people.get(credit["person"]) or {}
                line = FlowLayout(None, 8, 2)
                line.addWidget(self._person_link(person.get("name") or str(credit["person"]), credit["person"]))
                if person.get("original_name") and person["original_name"] != person.get("name"):
                    line.addWidget(text_label(person["original_name"], muted=True, wrap=False))
                if credit.get("character"):
                    line.addWidget(text_label(self.tr("as {character}").format(character=credit["character"]),
                                              selectable=True))
                if credit.get("note"):
                    line.addWidget(text_label(f"({credit['note']})", muted=True))
                entries.addLayout(line)
            self.add_row(grid, self.role_label(role, len(by_role[role])), entries)
        box.addLayout(grid)
        companies = [c for c in record.get("companies") or [] if c.get("name")]
        if companies:
            box.addSpacing(8)
            box.addWidget(Heading(self.tr("Companies")))
            grid = self.rows()
            by_company_role: dict[str, list[str]] = {}
            for c in companies:
                by_company_role.setdefault(c.get("role") or "", []).append(c["name"])
            for role, names in by_company_role.items():
                self.add_row(grid, self._company_role(role), self.stack(
                    *(text_label(n, selectable=True) for n in names)))
            box.addLayout(grid)

    def _company_role(self, role: str) -> str:
        labels = {"studio": self.tr("Studio"), "production": self.tr("Production"),
                  "distributor": self.tr("Distribution"), "network": self.tr("Network"),
                  "streaming_original": self.tr("Streaming original")}
        return labels.get(role) or role.replace("_", " ").capitalize()

    def _relation_label(self, kind: Any) -> str:
        labels = {"sequel": self.tr("Sequel"), "prequel": self.tr("Prequel"), "follow_up": self.tr("Follow-up to"),
                  "remake": self.tr("Remake"), "remake_of": self.tr("Remake of"),
                  "adaptation_of": self.tr("Adaptation of"), "spin_off": self.tr("Spin-off"),
                  "spin_off_of": self.tr("Spin-off of"), "same_universe": self.tr("Same universe as"),
                  "compared_to": self.tr("Compared to"), "similar": self.tr("Similar to")}
        return labels.get(kind) or str(kind or "").replace("_", " ").capitalize()

    def _build_relations(self, column: QVBoxLayout, record: dict[str, Any]) -> None:
        relations = [r for r in record.get("relations") or [] if r.get("title")]
        if not relations:
            return
        groups: dict[str, list[dict[str, Any]]] = {}
        for r in relations:
            groups.setdefault(r.get("kind") or "", []).append(r)
        kinds = sorted(groups, key=lambda k: RELATION_ORDER.index(k) if k in RELATION_ORDER else len(RELATION_ORDER))
        box = self.section(column, self.tr("Related"))
        grid = self.rows()
        for kind in kinds:
            entries = QVBoxLayout()
            entries.setSpacing(5)
            items = groups[kind]
            notes = {r.get("note") for r in items}
            shared_note = notes.pop() if len(notes) == 1 and len(items) > 1 else None
            for r in items:
                entries.addLayout(self._relation_line(r, show_note=shared_note is None))
            if shared_note:
                entries.addWidget(text_label(shared_note, muted=True, selectable=True))
            self.add_row(grid, self._relation_label(kind), entries)
        box.addLayout(grid)

    def _relation_line(self, relation: dict[str, Any], show_note: bool) -> QVBoxLayout:
        title, year = relation["title"], relation.get("year")
        text = self.tr("{title} ({year})").format(title=title, year=year) if year else title
        line = FlowLayout(None, 8, 2)
        work_id = key_number(relation.get("target"), _WORK_KEY)
        if work_id is not None:
            link = Link(text, work_id, wrap=True)
            link.activated.connect(lambda w=work_id: self.work_activated.emit(w))
            line.addWidget(link)
        elif relation.get("target"):  # a target that is not a catalog key (a document's own key): no link
            line.addWidget(text_label(text, selectable=True))
        else:
            link = Link(text, ("stub", title, year), wrap=True)
            line.addWidget(link)
            add = Link(self.tr("not in your catalog — add"), ("stub", title, year))
            add.setFont(scaled_font(add.font(), 0.9, italic=True))
            add.setToolTip(plain_tooltip(self.tr("Add this work to your catalog")))
            line.addWidget(add)
            ids = dict(relation.get("target_ids") or {})
            for widget in (link, add):
                widget.activated.connect(lambda t=title, y=year, i=ids: self.stub_activated.emit(t, y, i))
        if relation.get("target_kind") and work_id is None:
            line.addWidget(text_label(self.kind_label(relation["target_kind"]), muted=True, wrap=False))
        box = self.stack(spacing=1)
        box.addLayout(line)
        if show_note and relation.get("note"):
            box.addWidget(text_label(relation["note"], muted=True, selectable=True))
        return box

    def _quote_kind(self, kind: Any) -> str:
        labels = {"critic_review": self.tr("Critic review"), "user_review": self.tr("User review"),
                  "creator": self.tr("From the makers")}
        return labels.get(kind, "")

    def _build_quotes(self, column: QVBoxLayout, record: dict[str, Any], people: dict[str, dict]) -> None:
        quotes = [q for q in record.get("quotes") or [] if q.get("text")]
        if not quotes:
            return
        box = self.section(column, self.tr("What people say"))
        box.setSpacing(16)
        for q in quotes:
            block = QuoteBlock()
            inner = QVBoxLayout(block)
            inner.setContentsMargins(16, 2, 0, 2)
            inner.setSpacing(6)
            inner.addWidget(text_label(self.tr("“{text}”").format(text=q["text"]), factor=1.06, italic=True,
                                       selectable=True))
            line = FlowLayout(None, 6, 2)
            person = people.get(q.get("person") or "") or {}
            author = q.get("author") or person.get("name")
            pieces: list[QWidget] = []
            if author:
                pieces.append(text_label("—", muted=True, wrap=False))
                pieces.append(self._person_link(author, q.get("person")) if q.get("person")
                              else text_label(author, wrap=False, selectable=True))
            if q.get("outlet"):
                if not pieces:
                    pieces.append(text_label("—", muted=True, wrap=False))
                outlet = text_label(q["outlet"], wrap=False, selectable=True)
                outlet.setFont(scaled_font(outlet.font(), 1.0, QFont.Weight.DemiBold))
                pieces.append(outlet)
            extra = [x for x in (self._quote_kind(q.get("kind")), format_date(q.get("date")),
                                 language_name(q.get("language")) if q.get("language") else "") if x]
            if extra:
                pieces.append(text_label("  ·  ".join(extra), muted=True, wrap=False))
            url = safe_url(q.get("url"))
            if url:
                pieces.append(self.url_link(self.tr("Source"), url))
            for piece in pieces:
                line.addWidget(piece)
            inner.addLayout(line)
            box.addWidget(block)

    def _release_kind(self, kind: Any) -> str:
        labels = {"premiere": self.tr("Premiere"), "theatrical": self.tr("In cinemas"),
                  "streaming": self.tr("Streaming"), "tv": self.tr("TV"), "physical": self.tr("Disc"),
                  "festival": self.tr("Festival")}
        return labels.get(kind) or str(kind or "")

    def _build_details(self, column: QVBoxLayout, record: dict[str, Any]) -> None:
        rows: list[tuple[str, QWidget | QLayout]] = []
        releases = record.get("release_dates") or []
        if releases:
            rows.append((self.tr("Released"), self.stack(*(text_label("  ·  ".join(x for x in (
                format_date(r.get("date")), self._release_kind(r.get("kind")), country_name(r.get("country")),
                r.get("note") or "") if x), selectable=True) for r in releases))))
        if record.get("setting"):
            rows.append((self.tr("Setting"), text_label(record["setting"], selectable=True)))
        if record.get("music"):
            rows.append((self.tr("Music"), text_label(record["music"], selectable=True)))
        tags = [t for t in record.get("tags") or [] if t]
        if tags:
            rows.append((self.tr("Tags"), self.flow(Chip(t) for t in tags)))
        ids = self.external_id_links(record.get("external_ids") or {})
        if ids:
            rows.append((self.tr("Elsewhere"), self.flow(ids, 16, 4)))
        if not rows:
            return
        box = self.section(column, self.tr("Details"))
        grid = self.rows()
        for label, content in rows:
            self.add_row(grid, label, content, label_top=3 if label == self.tr("Tags") else 0)
        box.addLayout(grid)

    def _copy_format(self, fmt: Any) -> str:
        labels = {"dvd": "DVD", "bluray": "Blu-ray", "uhd": "4K Ultra HD", "vhs": "VHS", "laserdisc": "LaserDisc",
                  "digital": self.tr("Digital"), "file": self.tr("File"), "other": self.tr("Other")}
        return labels.get(fmt) or str(fmt or "")

    def _build_personal(self, column: QVBoxLayout, record: dict[str, Any]) -> None:
        personal = record.get("personal")
        if not personal:
            return
        # status, rating and favourite are the chips under the title; this section holds the rest
        rows: list[tuple[str, QWidget | QLayout]] = []
        viewings = personal.get("viewings") or []
        if viewings:
            lines = []
            for v in viewings:
                when = format_date(v.get("date")) or self.tr("Date unknown")
                text = self.tr("{date} · rewatch").format(date=when) if v.get("rewatch") else when
                lines.append(text_label(text + (f" — {v['note']}" if v.get("note") else ""), selectable=True))
            rewatches = sum(1 for v in viewings if v.get("rewatch"))
            label = self.tr("Watched") if not rewatches else self.tr("Watched ({n} rewatch)").format(n=rewatches) \
                if rewatches == 1 else self.tr("Watched ({n} rewatches)").format(n=rewatches)
            rows.append((label, self.stack(*lines)))
        if personal.get("notes"):
            rows.append((self.tr("Notes"), text_label(personal["notes"], selectable=True)))
        copies = personal.get("copies") or []
        if copies:
            lines = []
            for c in copies:
                parts = [self._copy_format(c.get("format")), c.get("edition"), c.get("location"),
                         self.tr("acquired {date}").format(date=format_date(c["acquired_on"]))
                         if c.get("acquired_on") else None]
                text = "  ·  ".join(p for p in parts if p)
                if c.get("loaned_to"):
                    loan = (self.tr("loaned to {who} since {date}").format(who=c["loaned_to"],
                                                                        date=format_date(c["loaned_on"]))
                            if c.get("loaned_on") else self.tr("loaned to {who}").format(who=c["loaned_to"]))
                    text = f"{text}  ·  {loan}" if text else loan
                if c.get("note"):
                    text += f" — {c['note']}"
                lines.append(text_label(text, selectable=True))
            rows.append((self.tr("My copies"), self.stack(*lines)))
        if not rows:
            return
        box = self.section(column, self.tr("Your history"))
        grid = self.rows()
        for label, content in rows:
            self.add_row(grid, label, content)
        box.addLayout(grid)

