"""Posters: decoded in the pool at display size, cached in RAM and on disk, refused when hostile, shown in a grid."""

from __future__ import annotations

import hashlib
import struct
import threading
import time
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QStyle

from catalog_app.gui.poster_grid import PosterDelegate, PosterGridView
from catalog_app.gui.posters import MAX_SIDE, PosterCache, PosterError, decode_poster, elided_lines
from catalog_app.gui.roles import Role
from catalog_app.services.sample import draw_poster

BOX = QSize(200, 300)
RED, BLUE = QColor(220, 30, 40), QColor(20, 60, 200)


# ---- helpers ------------------------------------------------------------------------------------------------


def two_tone(width: int, height: int, top: QColor, bottom: QColor) -> QImage:
    """An image whose top half is one colour and bottom half another: easy to recognise once scaled."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.fillRect(0, 0, width, height // 2, top)
    painter.fillRect(0, height // 2, width, height - height // 2, bottom)
    painter.end()
    return image


def encoded(image: QImage, fmt: str, quality: int = 90) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt, quality)
    return bytes(buffer.data().data())


def near(actual: QColor, expected: QColor, tolerance: int = 24) -> bool:
    return all(abs(a - b) <= tolerance for a, b in ((actual.red(), expected.red()),
                                                    (actual.green(), expected.green()),
                                                    (actual.blue(), expected.blue())))


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_declaring(width: int, height: int, body: int = 48 * 1024) -> bytes:
    """A valid-looking PNG of ~`body` bytes whose header declares `width`×`height` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(bytes(range(256)) * (body // 256), 0)[:body]
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


class Originals:
    """Poster files in a folder, named by their content hash as the catalog does."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.paths: dict[str, Path] = {}

    def add(self, data: bytes, ext: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self.paths[digest] = self.folder / f"{digest}.{ext}"
        self.paths[digest].write_bytes(data)
        return digest

    def locate(self, digest: str, mime: str) -> Path:
        return self.paths.get(digest, self.folder / f"{digest}.png")


@pytest.fixture
def originals(tmp_path: Path) -> Originals:
    return Originals(tmp_path / "originals")


@pytest.fixture
def make_cache(qtbot):
    made: list[PosterCache] = []

    def make(locate, disk_dir: Path, **limits) -> PosterCache:
        cache = PosterCache(locate, disk_dir, **limits)
        made.append(cache)
        return cache

    yield make
    for cache in made:
        cache.shutdown()


def load(qtbot, cache: PosterCache, digest: str, mime: str, size: QSize = BOX):
    """Ask for a poster the way a view does: a miss, then the signal, then the pixmap."""
    assert cache.pixmap(digest, mime, size) is None
    with qtbot.waitSignal(cache.poster_ready, check_params_cb=lambda h: h == digest, timeout=5000):
        pass
    pixmap = cache.pixmap(digest, mime, size)
    assert pixmap is not None
    return pixmap


def fail(qtbot, cache: PosterCache, digest: str, mime: str) -> str:
    with qtbot.waitSignal(cache.poster_failed, check_params_cb=lambda h, m: h == digest, timeout=5000) as blocker:
        assert cache.pixmap(digest, mime, BOX) is None
    return blocker.args[1]


def thumbnails(disk: Path, digest: str) -> list[Path]:
    return sorted(p for p in disk.glob(f"*/{digest}-*") if not p.name.startswith("."))


# ---- decoding -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, mime", [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_a_large_poster_is_decoded_in_the_pool_at_display_size_and_cached(qtbot, make_cache, originals, tmp_path,
                                                                           fmt, mime):
    digest = originals.add(encoded(two_tone(2000, 3000, RED, BLUE), fmt), fmt.lower())
    disk = tmp_path / "thumbs"
    cache = make_cache(originals.locate, disk)

    delivered_in: list[bool] = []
    cache.poster_ready.connect(lambda h: delivered_in.append(threading.current_thread() is threading.main_thread()))
    started = time.perf_counter()
    assert cache.pixmap(digest, mime, BOX) is None  # queued, not decoded here
    assert time.perf_counter() - started < 0.05
    with qtbot.waitSignal(cache.poster_ready, timeout=5000) as ready:
        pass
    assert ready.args == [digest]
    assert delivered_in == [True]  # the result came back to the GUI thread
    pixmap = cache.pixmap(digest, mime, BOX)
    assert pixmap.size() == BOX
    image = pixmap.toImage()
    assert near(image.pixelColor(100, 60), RED) and near(image.pixelColor(100, 240), BLUE)
    assert cache.stats()["decoded"] == 1

    # Asked again: straight from RAM, nothing decoded, nothing queued, no signal.
    with qtbot.assertNotEmitted(cache.poster_ready, wait=100):
        assert cache.pixmap(digest, mime, BOX).cacheKey() == pixmap.cacheKey()
    assert cache.stats()["decoded"] == 1 and cache.stats()["queued"] == 0

    # Another size is another decode.
    assert load(qtbot, cache, digest, mime, QSize(100, 150)).size() == QSize(100, 150)
    assert cache.stats()["decoded"] == 2

    # A new cache (the next start of the app) shows it from the thumbnail, even without the original.
    originals.paths[digest].unlink()
    again = make_cache(originals.locate, disk)
    image = load(qtbot, again, digest, mime).toImage()
    assert image.size() == BOX
    assert near(image.pixelColor(100, 60), RED) and near(image.pixelColor(100, 240), BLUE)
    assert again.stats()["from_disk"] == 1 and again.stats()["decoded"] == 0


def test_a_poster_wider_than_its_box_keeps_its_shape(qtbot, make_cache, originals, tmp_path):
    digest = originals.add(encoded(two_tone(1600, 900, RED, BLUE), "JPEG"), "jpg")
    cache = make_cache(originals.locate, tmp_path / "thumbs")
    size = load(qtbot, cache, digest, "image/jpeg").size()
    assert size.width() == 200 and size.height() in (112, 113)


def test_the_sample_catalogs_svg_poster_renders_at_display_size(qtbot, sqlite_sample):
    image = sqlite_sample.document([1]).works[0]["images"][0]
    assert image["mime"] == "image/svg+xml"
    cache = PosterCache.for_catalog(sqlite_sample)
    try:
        shown = load(qtbot, cache, image["hash"], image["mime"]).toImage()
    finally:
        cache.shutdown()
    assert shown.size() == BOX
    expected = QImage(BOX, QImage.Format.Format_ARGB32_Premultiplied)
    expected.fill(Qt.GlobalColor.transparent)
    painter = QPainter(expected)
    QSvgRenderer(str(sqlite_sample.image_file(image["hash"], image["mime"]))).render(painter)
    painter.end()
    for x, y in ((10, 10), (100, 150), (190, 290), (60, 220)):
        assert near(shown.pixelColor(x, y), expected.pixelColor(x, y), 6), (x, y)
    assert len({shown.pixelColor(x, 150).name() for x in range(0, 200, 10)} |
               {shown.pixelColor(100, y).name() for y in range(0, 300, 10)}) > 5  # a picture, not a flat fill


def test_a_png_declaring_20000_pixels_a_side_is_refused_from_its_header(qtbot, make_cache, originals, tmp_path):
    data = png_declaring(20000, 20000)
    assert 40_000 < len(data) < 60_000
    digest = originals.add(data, "png")
    path = originals.paths[digest]

    decode_poster(Path(originals.paths[originals.add(encoded(two_tone(20, 30, RED, BLUE), "PNG"), "png")]), BOX)
    timings = []
    for _ in range(3):  # the best of three: the work itself, not the scheduler's whims
        started = time.perf_counter()
        with pytest.raises(PosterError) as refused:
            decode_poster(path, BOX)
        timings.append(time.perf_counter() - started)
    assert refused.value.code == "image_too_big"
    assert min(timings) < 0.010

    cache = make_cache(originals.locate, tmp_path / "thumbs")
    message = fail(qtbot, cache, digest, "image/png")
    assert str(path) in message and "20000×20000" in message and f"{MAX_SIDE:,}" in message
    assert "\n" not in message
    assert cache.failure(digest) == message

    # From now on: the placeholder, at once, and no second attempt.
    with qtbot.assertNotEmitted(cache.poster_failed, wait=200):
        shown = cache.pixmap(digest, "image/png", BOX)
        assert cache.pixmap(digest, "image/png", QSize(100, 150)) is not None
    assert shown.toImage() == cache.placeholder(BOX).toImage()
    assert cache.stats()["failed"] == 1 and cache.stats()["queued"] == 0
    assert thumbnails(tmp_path / "thumbs", digest) == []


@pytest.mark.parametrize("damage", ["truncated jpeg", "random bytes named .png", "truncated png", "empty file"])
def test_a_damaged_poster_fails_once_with_its_name_and_shows_the_placeholder(qtbot, make_cache, originals,
                                                                              tmp_path, damage):
    if damage == "truncated jpeg":
        whole = encoded(two_tone(600, 900, RED, BLUE), "JPEG")
        digest, mime = originals.add(whole[:len(whole) // 2], "jpg"), "image/jpeg"
    elif damage == "truncated png":
        whole = encoded(two_tone(600, 900, RED, BLUE), "PNG")
        digest, mime = originals.add(whole[:len(whole) * 2 // 3], "png"), "image/png"
    elif damage == "empty file":
        digest, mime = originals.add(b"", "png"), "image/png"
    else:
        digest, mime = originals.add(bytes((i * 7919 + 13) % 251 for i in range(30_000)), "png"), "image/png"
    cache = make_cache(originals.locate, tmp_path / "thumbs")
    message = fail(qtbot, cache, digest, mime)
    assert str(originals.paths[digest]) in message
    assert "cut short or damaged" in message or "not an image" in message
    assert cache.pixmap(digest, mime, BOX).toImage() == cache.placeholder(BOX).toImage()
    assert thumbnails(tmp_path / "thumbs", digest) == []


def test_a_missing_or_oversized_file_says_so(qtbot, make_cache, originals, tmp_path):
    cache = make_cache(originals.locate, tmp_path / "thumbs")
    missing = "ab" * 32
    assert "the file is missing" in fail(qtbot, cache, missing, "image/png")
    big = originals.folder / "big.jpg"
    with open(big, "wb") as f:
        f.truncate(21 * 2**20)
    cache2 = make_cache(lambda h, m: big, tmp_path / "thumbs")
    assert "more than the 20 MB" in fail(qtbot, cache2, "cd" * 32, "image/jpeg")


def test_the_newest_requests_are_decoded_first(qtbot, make_cache, originals, tmp_path):
    colours = [QColor.fromHsv(i * 17, 200, 200) for i in range(20)]
    digests = [originals.add(encoded(two_tone(600, 900, c, BLUE), "PNG"), "png") for c in colours]
    cache = make_cache(originals.locate, tmp_path / "thumbs")
    cache._jobs.workers = 1  # one worker, so that the order seen is the queue's order
    order: list[str] = []
    cache.poster_ready.connect(order.append)
    for digest in digests:  # as a fast scroll asks: one after another, without waiting
        assert cache.pixmap(digest, "image/png", BOX) is None
    qtbot.waitUntil(lambda: len(order) == len(digests), timeout=10000)
    # The worker starts on the first request at once; the rest waited and go newest first.
    assert order.index(digests[-1]) <= 1
    assert order[-1] in digests[:2]
    assert [d for d in order if d not in (order[0],)] == [d for d in reversed(digests) if d != order[0]]


def test_the_ram_cache_is_bounded_in_bytes(qtbot, make_cache, originals, tmp_path):
    digests = [originals.add(encoded(two_tone(400, 600, QColor.fromHsv(i * 60, 200, 200), BLUE), "JPEG"), "jpg")
               for i in range(3)]
    cache = make_cache(originals.locate, tmp_path / "thumbs", ram_bytes=2 * 200 * 300 * 4 + 1000)
    for digest in digests:
        load(qtbot, cache, digest, "image/jpeg")
    assert cache.pixmap(digests[2], "image/jpeg", BOX) is not None
    assert cache.pixmap(digests[1], "image/jpeg", BOX) is not None
    assert cache.pixmap(digests[0], "image/jpeg", BOX) is None  # the least recently used went first
    with qtbot.waitSignal(cache.poster_ready, timeout=5000):
        pass
    assert cache.stats()["from_disk"] == 1 and cache.stats()["decoded"] == 3


# ---- disk cache ---------------------------------------------------------------------------------------------


def test_the_disk_cache_is_bounded_and_evicts_the_least_recently_used(qtbot, make_cache, originals, tmp_path):
    digests = [originals.add(encoded(two_tone(800, 1200, QColor.fromHsv(i * 50, 220, 210), BLUE), "JPEG"), "jpg")
               for i in range(5)]
    probe = make_cache(originals.locate, tmp_path / "probe")
    load(qtbot, probe, digests[0], "image/jpeg")
    one = thumbnails(tmp_path / "probe", digests[0])[0].stat().st_size
    limit = int(one * 3.5)

    disk = tmp_path / "thumbs"
    cache = make_cache(originals.locate, disk, disk_bytes=limit)

    def show(digest: str, by: PosterCache) -> None:
        load(qtbot, by, digest, "image/jpeg")
        qtbot.wait(30)  # file times tick coarsely: keep the uses apart
        assert by.disk_usage() <= limit

    for digest in digests[:3]:
        show(digest, cache)
    assert all(thumbnails(disk, d) for d in digests[:3])
    show(digests[0], make_cache(originals.locate, disk, disk_bytes=limit))  # used again: now the most recent
    show(digests[3], cache)
    assert [bool(thumbnails(disk, d)) for d in digests[:4]] == [True, False, True, True]
    show(digests[4], cache)
    assert [bool(thumbnails(disk, d)) for d in digests] == [True, False, False, True, True]


@pytest.mark.parametrize("damage", ["zero bytes", "cut in half"])
def test_a_damaged_thumbnail_is_made_again_silently(qtbot, make_cache, originals, tmp_path, damage):
    digest = originals.add(encoded(two_tone(900, 1350, RED, BLUE), "JPEG"), "jpg")
    disk = tmp_path / "thumbs"
    load(qtbot, make_cache(originals.locate, disk), digest, "image/jpeg")
    [thumb] = thumbnails(disk, digest)
    whole = thumb.read_bytes()
    thumb.write_bytes(b"" if damage == "zero bytes" else whole[:len(whole) // 2])

    cache = make_cache(originals.locate, disk)
    with qtbot.assertNotEmitted(cache.poster_failed, wait=0):
        image = load(qtbot, cache, digest, "image/jpeg").toImage()
    assert near(image.pixelColor(100, 60), RED) and near(image.pixelColor(100, 240), BLUE)
    assert cache.stats()["decoded"] == 1 and cache.stats()["from_disk"] == 0
    [remade] = thumbnails(disk, digest)
    assert QImage(str(remade)).size() == BOX


def test_a_zero_byte_thumbnail_planted_before_any_decode_is_ignored(qtbot, make_cache, originals, tmp_path):
    digest = originals.add(encoded(two_tone(900, 1350, RED, BLUE), "JPEG"), "jpg")
    disk = tmp_path / "thumbs"
    planted = disk / digest[:2] / f"{digest}-200x300.jpg"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(b"")
    cache = make_cache(originals.locate, disk)
    with qtbot.assertNotEmitted(cache.poster_failed, wait=0):
        load(qtbot, cache, digest, "image/jpeg")
    assert planted.stat().st_size > 0


def test_clear_disk_cache_empties_it_and_posters_come_back_from_the_originals(qtbot, make_cache, originals,
                                                                              tmp_path):
    digests = [originals.add(encoded(two_tone(600, 900, QColor.fromHsv(i * 90, 200, 200), RED), "PNG"), "png")
               for i in range(3)]
    disk = tmp_path / "thumbs"
    cache = make_cache(originals.locate, disk)
    for digest in digests:
        load(qtbot, cache, digest, "image/png")
    assert cache.disk_usage() == sum(p.stat().st_size for d in digests for p in thumbnails(disk, d)) > 0
    cache.clear_disk_cache()
    assert cache.disk_usage() == 0 and list(disk.rglob("*")) == []
    fresh = make_cache(originals.locate, disk)
    load(qtbot, fresh, digests[0], "image/png")
    assert fresh.stats()["decoded"] == 1 and thumbnails(disk, digests[0])


# ---- placeholder and text -----------------------------------------------------------------------------------


def test_the_placeholder_follows_the_palette_and_shows_the_title(qtbot, make_cache, tmp_path):
    cache = make_cache(lambda h, m: tmp_path / "none", tmp_path / "thumbs")

    def brightness(image: QImage) -> float:
        return sum(image.pixelColor(x, y).lightnessF() for x in range(5, 200, 20) for y in range(5, 300, 20)) / 150

    light = cache.placeholder(BOX, "Lost in Starlight").toImage()
    assert light.size() == BOX
    untitled = cache.placeholder(BOX).toImage()
    lower = QRect(0, 170, 200, 100)
    assert light.copy(lower) != untitled.copy(lower)  # the title is drawn there
    original = QGuiApplication.palette()
    dark = QPalette(original)
    for role, colour in ((QPalette.ColorRole.Window, "#1e1f22"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#18191b"), (QPalette.ColorRole.Text, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    QGuiApplication.setPalette(dark)
    try:
        shaded = cache.placeholder(BOX, "Lost in Starlight").toImage()
    finally:
        QGuiApplication.setPalette(original)
    assert brightness(shaded) < 0.4 < brightness(light)
    # A title far too long for the box is elided, not spilled.
    assert cache.placeholder(QSize(60, 90), "word " * 200).size() == QSize(60, 90)


def test_titles_wrap_to_two_lines_and_elide(qapp):
    font = QGuiApplication.font()
    lines = elided_lines("The Very Long Title of a Film That Goes On and On Forever", font, 140, 2)
    assert len(lines) == 2 and lines[1].endswith("…")
    assert elided_lines("Heat", font, 140, 2) == ["Heat"]
    assert elided_lines("   ", font, 140, 2) == []
    emoji = elided_lines("🎬 Lights, camera 🎥 action " * 4, font, 90, 3)
    assert len(emoji) == 3 and all("\ufffd" not in line for line in emoji)


# ---- the grid -----------------------------------------------------------------------------------------------


def grid_model(originals: Originals, rows: int = 1000, poster_rows: set[int] | None = None) -> QStandardItemModel:
    """Works with titles, years and SVG posters (ten kinds, repeated), plus a second column the grid ignores."""
    posters = [originals.add(draw_poster(f"Film {i}", None, 2000 + i), "svg") for i in range(10)]
    model = QStandardItemModel(rows, 2)
    for row in range(rows):
        item = QStandardItem(f"Film number {row} with a title long enough to wrap")
        item.setData(1000 + row, Role.WorkId)
        item.setData(1990 + row % 30, Role.Year)
        if poster_rows is None or row in poster_rows:
            item.setData((posters[row % 10], "image/svg+xml"), Role.Poster)
        model.setItem(row, 0, item)
        model.setItem(row, 1, QStandardItem(f"other column {row}"))
    return model


@pytest.fixture
def grid(qtbot, make_cache, originals, tmp_path):
    cache = make_cache(originals.locate, tmp_path / "thumbs")
    view = PosterGridView(cache)
    qtbot.addWidget(view)
    return view, cache


def settle(qtbot, view: PosterGridView, cache: PosterCache, rows: int) -> None:
    qtbot.waitUntil(lambda: view.visualRect(view.model().index(rows - 1, 0)).isValid(), timeout=5000)
    qtbot.waitUntil(lambda: cache.stats()["queued"] == 0, timeout=5000)
    qtbot.wait(50)


def test_the_grid_shows_posters_titles_and_placeholders(qtbot, grid, originals):
    view, cache = grid
    model = grid_model(originals)
    model.item(7, 0).setData(("ee" * 32, "image/png"), Role.Poster)  # a poster whose file is missing
    view.setModel(model)
    view.resize(860, 640)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, view, cache, 1000)
    assert cache.failure("ee" * 32) is not None
    shot = view.viewport().grab().toImage()
    dpr = shot.devicePixelRatio()
    delegate: PosterDelegate = view.delegate

    for row in (0, 3, 7):
        cell = view.visualRect(model.index(row, 0))
        assert cell.width() >= 160 and cell.height() == 280
        poster = delegate.poster_rect(cell, view.font())
        size = QSize(round(poster.width() * dpr), round(poster.height() * dpr))
        if row == 7:
            expected = cache.placeholder(size, model.index(row, 0).data()).toImage()
        else:
            digest, mime = model.index(row, 0).data(Role.Poster)
            expected = cache.pixmap(digest, mime, size).toImage()
        for fx, fy in ((0.5, 0.3), (0.5, 0.62), (0.2, 0.8)):
            seen = shot.pixelColor(round((poster.x() + fx * poster.width()) * dpr),
                                   round((poster.y() + fy * poster.height()) * dpr))
            assert near(seen, expected.pixelColor(round(fx * size.width()), round(fy * size.height())), 12), (row, fx)
        # The caption: ink under the poster, on the view's background.
        background = view.viewport().palette().color(QPalette.ColorRole.Base)
        caption = QRect(cell.x(), round(poster.bottom()) + 4, cell.width(), cell.bottom() - round(poster.bottom()) - 4)
        inked = sum(1 for x in range(caption.left(), caption.right(), 2)
                    for y in range(caption.top(), caption.bottom(), 2)
                    if not near(shot.pixelColor(round(x * dpr), round(y * dpr)), background, 40))
        assert inked > 50, row


def test_the_grid_moves_with_the_keyboard_and_selects_like_the_table(qtbot, grid, originals):
    view, cache = grid
    model = grid_model(originals)
    view.setModel(model)
    view.resize(860, 640)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, view, cache, 1000)
    columns = view.viewport().width() // view.gridSize().width()
    assert columns >= 4
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))

    def at() -> int:
        return view.currentIndex().row()

    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert at() == 1
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert at() == 1 + columns
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert at() == columns
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert at() == 0
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    first_page = at()
    assert first_page >= columns and first_page % columns == 0
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert at() > first_page and at() % columns == 0
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert at() == first_page
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert at() == 999
    assert view.viewport().rect().intersects(view.visualRect(model.index(999, 0)))  # scrolled to it
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert at() == 0
    qtbot.keyClick(view, Qt.Key.Key_Right)
    # One selected work, its whole row, following the current item.
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]
    assert {i.column() for i in view.selectionModel().selectedIndexes()} == {0, 1}


def test_the_grid_opens_a_work_on_enter_and_double_click(qtbot, grid, originals):
    view, cache = grid
    model = grid_model(originals, rows=40)
    view.setModel(model)
    view.resize(860, 640)
    view.show()
    qtbot.waitExposed(view)
    view.setCurrentIndex(model.index(2, 0))
    with qtbot.waitSignal(view.work_activated, timeout=1000) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [1002]
    centre = view.visualRect(model.index(6, 0)).center()
    if not view.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick):
        with qtbot.assertNotEmitted(view.work_activated, wait=50):
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # one click only selects
        assert view.currentIndex().row() == 6
    with qtbot.waitSignal(view.work_activated, timeout=1000) as opened:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [1006]


def test_a_poster_arriving_repaints_only_its_cells(qtbot, make_cache, originals, tmp_path):
    painted: list[int] = []

    class Recording(PosterDelegate):
        def paint(self, painter, option, index):
            painted.append(index.row())
            super().paint(painter, option, index)

    cache = make_cache(originals.locate, tmp_path / "thumbs")
    view = PosterGridView(cache)
    qtbot.addWidget(view)
    view.delegate = Recording(cache, view)
    view.setItemDelegate(view.delegate)
    model = grid_model(originals, rows=60, poster_rows={5})
    view.setModel(model)
    view.resize(860, 640)
    view.show()
    qtbot.waitExposed(view)
    settle(qtbot, view, cache, 60)
    digest, _ = model.index(5, 0).data(Role.Poster)
    assert cache.stats()["decoded"] == 1

    cache.forget(digest)  # as if it had never been seen: the next paint asks for it again
    view.viewport().repaint()
    assert set(painted) >= {0, 5, 9}
    painted.clear()
    with qtbot.waitSignal(cache.poster_ready, timeout=5000):
        pass
    qtbot.wait(100)
    assert set(painted) == {5}
