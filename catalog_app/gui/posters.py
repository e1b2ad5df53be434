"""Posters for the list's views, decoded off the GUI thread at the size they are shown.

Holds `PosterCache` (a RAM cache of pixmaps over a disk cache of thumbnails, fed by a thread pool that can also
fetch a missing original, and the placeholder drawn while a poster loads or when it cannot be shown),
`decode_poster` (the guarded decoder the pool runs: file and image size limits are checked before a single pixel
is decoded), `PosterError` (why a poster cannot be shown) and `elided_lines` (text wrapped to a few lines, the last
one elided).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QImageIOHandler,
    QImageReader,
    QImageWriter,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
)

from ..core.images import jpeg_is_complete
from ..services.paths import cache_dir
from ..services.shared_images import REMEMBER_FAILURE_SECONDS

#: Poster files larger than this are refused unread.
MAX_FILE_BYTES = 20 * 2**20
#: Images wider or taller than this are refused before decoding (their header is all that is read).
MAX_SIDE = 12_000
#: Decode requests kept waiting; older ones are dropped (their rows have long scrolled away, and ask again
#: when they are painted again).
MAX_QUEUED = 256
#: Failures remembered, so that a broken file is not decoded again on every repaint.
MAX_FAILURES = 10_000
#: A poster missing here that could be fetched is asked for again after this many seconds (the network may be
#: back, or another computer may have added its address); other failures are final for the session. The same
#: time as the fetcher's memory of what it could not get: asked sooner, it would only answer from that memory.
MISSING_RETRY_SECONDS = REMEMBER_FAILURE_SECONDS
#: Placeholders kept drawn (one per size and title).
MAX_PLACEHOLDERS = 512
#: JPEG quality of the disk thumbnails: no visible loss at poster sizes, about a tenth of a PNG's bytes.
THUMBNAIL_QUALITY = 88
#: A trim of the disk cache goes this far below its bound, so that it does not rescan the folder on every write.
TRIM_LOW_WATER = 0.9
#: Temporary files older than this were left by a crash and are swept during a trim.
STALE_TEMP_SECONDS = 3600

# Content hashes become file names in the disk cache: anything but a plain token is kept out of it.
_SAFE_KEY = re.compile(r"[0-9A-Za-z_-]{1,128}")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


class PosterError(Exception):
    """Why a poster cannot be shown: a `code` the GUI words for the user, and the details it names."""

    ENGLISH = {
        "missing": "the file is missing",
        "unreadable": "the file cannot be read ({error})",
        "file_too_big": "the file is {megabytes:.1f} MB, more than the {limit} MB a poster may have",
        "image_too_big": "the image is {width}×{height} pixels, more than {limit:,} pixels a side",
        "not_an_image": "it is not an image Starlight can read ({error})",
        "damaged": "the file is cut short or damaged",
        "unexpected": "an unexpected error occurred ({error})",
    }

    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details
        self.path: Path | None = None
        super().__init__(self.ENGLISH[code].format(**details))


# ---- decoding (runs in the pool) ----------------------------------------------------------------------------


def read_limited(path: Path) -> bytes:
    """A poster file's bytes, refusing a missing, unreadable or oversized file without reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PosterError("file_too_big", megabytes=size / 2**20, limit=MAX_FILE_BYTES // 2**20)
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # the file may have grown since the stat
    except FileNotFoundError as e:
        raise PosterError("missing") from e
    except OSError as e:
        raise PosterError("unreadable", error=e.strerror or type(e).__name__) from e
    if len(data) > MAX_FILE_BYTES:
        raise PosterError("file_too_big", megabytes=len(data) / 2**20, limit=MAX_FILE_BYTES // 2**20)
    return data


def decode_image(data: bytes, box: QSize) -> QImage:
    """Decode image bytes scaled to fit `box` (aspect ratio kept), after checking the header's dimensions.

    Only the header is read before the checks, so an image declaring absurd dimensions costs nothing. The
    decoders that can (JPEG, SVG, WebP) decode straight at the smaller size; the others are scaled by Qt.
    """
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)  # no format hint: the content decides, whatever the file is named
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid():
        raise PosterError("not_an_image", error=reader.errorString())
    if size.width() > MAX_SIDE or size.height() > MAX_SIDE:
        raise PosterError("image_too_big", width=size.width(), height=size.height(), limit=MAX_SIDE)
    if data[:2] == b"\xff\xd8" and not jpeg_is_complete(data):
        raise PosterError("damaged")
    # The scaled size applies before the EXIF rotation: a sideways photo is fitted into the turned box.
    turned = bool(reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90)
    fit = size.scaled(box.transposed() if turned else box, Qt.AspectRatioMode.KeepAspectRatio)
    reader.setScaledSize(fit.expandedTo(QSize(1, 1)))
    image = reader.read()
    if image.isNull():
        error = reader.error()
        if error == QImageReader.ImageReaderError.InvalidDataError:
            raise PosterError("damaged")
        raise PosterError("not_an_image", error=reader.errorString())
    return image


def decode_poster(path: Path, box: QSize) -> QImage:
    """A poster file decoded to fit `box`; PosterError says why it cannot be."""
    return decode_image(read_limited(path), box)


# ---- disk thumbnails (used from the pool) -------------------------------------------------------------------


def _complete_thumbnail(data: bytes) -> bool:
    if data.startswith(_PNG_SIGNATURE):
        return data.endswith(_PNG_END)
    return jpeg_is_complete(data)


def _is_opaque(image: QImage) -> bool:
    if not image.hasAlphaChannel():
        return True
    alpha = image.convertToFormat(QImage.Format.Format_Alpha8)
    raw, stride, width = bytes(alpha.constBits()), alpha.bytesPerLine(), alpha.width()
    solid = b"\xff" * width
    # Row by row: the bytes padding each row to its stride hold anything.
    return all(raw[y * stride:y * stride + width] == solid for y in range(alpha.height()))


def _encode(image: QImage, fmt: bytes, quality: int = -1) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(fmt))
    writer.setQuality(quality)
    return bytes(buffer.data().data()) if writer.write(image) else b""


def _replace_file(path: Path, data: bytes) -> None:
    """Write through a temporary file renamed over the target, so that no reader sees half a thumbnail.

    No fsync: a thumbnail lost or cut short by a crash is detected when read and made again.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _DiskCache:
    """Thumbnails in `folder/<hash[:2]>/<hash>-<w>x<h>.jpg|png`, bounded in bytes, least recently used first out.

    The last use is recorded in the file's mtime: atime is not updated on most mounts (noatime, relatime).
    Shared by the pool's workers; `lock` serialises writes and trims.
    """

    def __init__(self, folder: Path, limit: int) -> None:
        self.folder = folder
        self.limit = limit
        self.lock = threading.Lock()
        self._total: int | None = None  # counted on the first write, in a worker

    def paths(self, content_hash: str, box: QSize) -> list[Path]:
        if not _SAFE_KEY.fullmatch(content_hash):
            return []
        stem = f"{content_hash}-{box.width()}x{box.height()}"
        shard = self.folder / content_hash[:2]
        return [shard / f"{stem}.jpg", shard / f"{stem}.png"]

    def load(self, content_hash: str, box: QSize) -> QImage | None:
        """The thumbnail, or None when there is none or it is damaged (then it is deleted, never an error)."""
        for path in self.paths(content_hash, box):
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            except OSError:
                return None
            try:
                if not _complete_thumbnail(data):
                    raise PosterError("damaged")
                image = decode_image(data, box)
            except PosterError:
                # Cut short by a crash or a full disk, or emptied by someone: the original makes a new one.
                path.unlink(missing_ok=True)
                return None
            try:
                os.utime(path)
            except OSError:
                pass
            return image
        return None

    def save(self, content_hash: str, box: QSize, image: QImage) -> None:
        """Keep a thumbnail; the cache is best effort, so a full or read-only disk only means no thumbnail."""
        paths = self.paths(content_hash, box)
        if not paths:
            return
        if _is_opaque(image):
            path, other = paths
            data = _encode(image.convertToFormat(QImage.Format.Format_RGB32), b"jpeg", THUMBNAIL_QUALITY)
        else:
            other, path = paths
            data = _encode(image, b"png")
        if not data:
            return
        with self.lock:
            try:
                if self._total is None:
                    self._total = sum(size for _, size, _ in self._scan())
                replaced = sum(p.stat().st_size for p in (path, other) if p.exists())
                other.unlink(missing_ok=True)
                _replace_file(path, data)
            except OSError:
                return
            self._total += len(data) - replaced
            if self._total > self.limit:
                self._trim(keep=path)

    def _scan(self) -> list[tuple[int, int, Path]]:
        """(mtime in ns, size, path) of every thumbnail; sweeps temporary files a crash left behind."""
        found: list[tuple[int, int, Path]] = []
        now = time.time()
        try:
            shards = [e for e in os.scandir(self.folder) if e.is_dir(follow_symlinks=False)]
        except OSError:
            return found
        for shard in shards:
            try:
                entries = list(os.scandir(shard.path))
            except OSError:
                continue
            for entry in entries:
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if entry.name.startswith("."):
                    if now - st.st_mtime > STALE_TEMP_SECONDS:
                        Path(entry.path).unlink(missing_ok=True)
                        continue
                found.append((st.st_mtime_ns, st.st_size, Path(entry.path)))
        return found

    def _trim(self, keep: Path) -> None:
        entries = self._scan()
        total = sum(size for _, size, _ in entries)
        entries.sort(key=lambda e: e[0])
        target = int(self.limit * TRIM_LOW_WATER)
        for _, size, path in entries:
            if total <= target:
                break
            if path == keep:
                continue
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
        self._total = total

    def usage(self) -> int:
        return sum(size for _, size, _ in self._scan())

    def clear(self) -> None:
        with self.lock:
            try:
                children = list(self.folder.iterdir())
            except OSError:
                children = []
            for child in children:
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
            self._total = 0


# ---- the pool's side ----------------------------------------------------------------------------------------


@dataclass
class _Job:
    content_hash: str
    width: int
    height: int
    path: Path | None
    locate_error: str | None = None
    mime: str = ""

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.content_hash, self.width, self.height)


class _Jobs:
    """Decode requests waiting for a worker, newest on top, shared by the GUI thread and the workers.

    Newest first so that while scrolling, the rows now on screen are decoded before those scrolled past.
    """

    def __init__(self, workers: int) -> None:
        self.lock = threading.Lock()
        self.idle = threading.Condition(self.lock)
        self.stack: list[_Job] = []
        self.workers = workers
        self.running = 0
        self.closed = False

    def push(self, job: _Job) -> tuple[bool, list[_Job]]:
        """Add a request; says whether a worker must be started, and which stale requests were dropped."""
        with self.lock:
            self.stack.append(job)
            dropped = self.stack[:-MAX_QUEUED]
            del self.stack[:-MAX_QUEUED]
            start = self.running < self.workers
            if start:
                self.running += 1
            return start, dropped

    def take(self) -> _Job | None:
        """The newest request, or None, and then the calling worker counts as stopped."""
        with self.lock:
            if self.stack and not self.closed:
                return self.stack.pop()
            self.running -= 1
            self.idle.notify_all()
            return None

    def deliver(self, signal: Any, *args: Any) -> None:
        # Under the lock, so that `close` cannot return while a result is being posted to a cache going away.
        with self.lock:
            if self.closed:
                return
            try:
                signal.emit(*args)
            except RuntimeError:  # the cache's Qt object is already gone
                self.closed = True

    def close(self, timeout: float = 0.0) -> None:
        """Drop the waiting requests and deliver nothing more; waits up to `timeout` s for the running workers."""
        with self.lock:
            self.closed = True
            self.stack.clear()
            if timeout > 0:
                self.idle.wait_for(lambda: self.running <= 0, timeout)


class _Relay(QObject):
    """Carries results from the workers to the cache; lives in the GUI thread, so the slots run there."""

    decoded = Signal(str, int, int, QImage, str)
    failed = Signal(str, int, int, object)


class _Decoder(QRunnable):
    """A pool worker: decodes requests, newest first, until none are left.

    An original that is missing is asked of `fetch_missing` when there is one (it may download: this is the pool,
    never the GUI thread) and decoded from where that put it."""

    def __init__(self, jobs: _Jobs, disk: _DiskCache, relay: _Relay,
                 fetch_missing: Callable[[str, str], Path | None] | None = None) -> None:
        super().__init__()
        self._jobs, self._disk, self._relay = jobs, disk, relay
        self._fetch_missing = fetch_missing

    def run(self) -> None:
        while (job := self._jobs.take()) is not None:
            box = QSize(job.width, job.height)
            try:
                image, source = self._disk.load(job.content_hash, box), "disk"
                if image is None:
                    if job.path is None:
                        raise PosterError("unreadable", error=job.locate_error)
                    image, source = self._decode_original(job, box)
                    self._disk.save(job.content_hash, box, image)
            except PosterError as e:
                e.path = job.path
                self._jobs.deliver(self._relay.failed, *job.key, e)
            except Exception as e:  # noqa: BLE001 - whatever goes wrong, the cache hears of it and the worker lives on
                error = PosterError("unexpected", error=f"{type(e).__name__}: {e}")
                error.path = job.path
                self._jobs.deliver(self._relay.failed, *job.key, error)
            else:
                self._jobs.deliver(self._relay.decoded, *job.key, image, source)

    def _decode_original(self, job: _Job, box: QSize) -> tuple[QImage, str]:
        """(the original decoded, "original"), or once fetched, (..., "fetched"); a fetch that fails leaves the
        "missing" error as it was."""
        assert job.path is not None
        try:
            return decode_poster(job.path, box), "original"
        except PosterError as missing:
            if missing.code != "missing" or self._fetch_missing is None:
                raise
            try:
                fetched = self._fetch_missing(job.content_hash, job.mime)
            except Exception:  # noqa: BLE001 - a bug in the fetcher: said where a person can see it, poster missing
                traceback.print_exc()
                fetched = None
            if fetched is None:
                raise missing
            return decode_poster(Path(fetched), box), "fetched"


# ---- text ---------------------------------------------------------------------------------------------------


def elided_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """`text` wrapped to `width` in at most `max_lines` lines, the last one elided if the text goes on."""
    text = " ".join(text.split())
    if not text or width <= 0 or max_lines <= 0:
        return []
    # QTextLayout counts in UTF-16 units; slicing the UTF-16 bytes keeps emoji and the like whole.
    units = text.encode("utf-16-le")
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    metrics = QFontMetrics(font)
    lines: list[str] = []
    layout.beginLayout()
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1:
            rest = units[2 * start:].decode("utf-16-le")
            lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        else:
            lines.append(units[2 * start:2 * (start + length)].decode("utf-16-le").strip())
    layout.endLayout()
    return lines


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)


# ---- the cache ----------------------------------------------------------------------------------------------


class PosterCache(QObject):
    """Posters as pixmaps at the size asked for: from RAM at once, otherwise None while the pool makes them.

    `pixmap()` never blocks: a miss queues a decode (from the disk thumbnail if there is one, else from the
    original file) and `poster_ready` says when to ask again. A poster that cannot be shown is reported once by
    `poster_failed`, after which `pixmap()` answers a placeholder for it instead of trying again.
    Sizes are in device pixels.

    `fetch_missing(content_hash, mime)`, when given, is asked for a poster whose original file is missing (a shared
    catalog's poster another computer added: services.shared_images.ImageFetcher); it runs in the pool and returns
    where it put the file, or None, and then the poster is missing as without it.
    """

    poster_ready = Signal(str)
    poster_failed = Signal(str, str)

    def __init__(self, locate: Callable[[str, str], Path], disk_dir: Path, ram_bytes: int = 64 * 2**20,
                 disk_bytes: int = 256 * 2**20, parent: QObject | None = None, *,
                 fetch_missing: Callable[[str, str], Path | None] | None = None) -> None:
        super().__init__(parent)
        self._locate = locate
        self._fetch_missing = fetch_missing
        self._ram_limit = ram_bytes
        self._ram: OrderedDict[tuple[str, int, int], QPixmap] = OrderedDict()
        self._ram_used = 0
        self._pending: set[tuple[str, int, int]] = set()
        self._failed: OrderedDict[str, str] = OrderedDict()
        self._missing_since: dict[str, float] = {}  # failures to fetch a missing poster: when (they are retried)
        self._placeholders: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._stats = {"decoded": 0, "from_disk": 0, "fetched": 0, "failed": 0, "ram_hits": 0}
        self._disk = _DiskCache(Path(disk_dir), disk_bytes)
        # One core stays free for the GUI thread; the workers share the global pool with the rest of the app.
        self._jobs = _Jobs(max(1, min(4, QThread.idealThreadCount() - 1)))
        self._relay = _Relay(self)
        self._relay.decoded.connect(self.on_decoded)
        self._relay.failed.connect(self.on_failed)
        # `destroyed` comes before the relay (a child) is deleted: closing the queue then, under its lock, means no
        # worker is posting through the relay while it goes.
        jobs = self._jobs
        self.destroyed.connect(lambda *_: jobs.close())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    @classmethod
    def for_catalog(cls, catalog: Any, parent: QObject | None = None,
                    fetch_missing: Callable[[str, str], Path | None] | None = None, **limits: int) -> "PosterCache":
        """The cache for a catalog's posters; thumbnails go to the user's cache folder (shared: hashes are content).

        `limits`: ram_bytes, disk_bytes; `fetch_missing`: see the class."""
        return cls(catalog.image_file, cache_dir() / "posters", parent=parent, fetch_missing=fetch_missing, **limits)

    # ---- asking -----------------------------------------------------------------------------------------

    def pixmap(self, content_hash: str, mime: str, size: QSize) -> QPixmap | None:
        """The poster at `size` if it is in RAM; else None, and a decode is queued (once) in the background."""
        if size.isEmpty():
            return None
        if content_hash in self._failed:
            missing_since = self._missing_since.get(content_hash)
            if missing_since is None or time.monotonic() - missing_since < MISSING_RETRY_SECONDS:
                return self.placeholder(size)
            self.forget(content_hash)
        key = (content_hash, size.width(), size.height())
        cached = self._ram.get(key)
        if cached is not None:
            self._ram.move_to_end(key)
            self._stats["ram_hits"] += 1
            return cached
        if key not in self._pending and not self._jobs.closed:
            self._queue(key, mime)
        return None

    def failure(self, content_hash: str) -> str | None:
        """Why a poster could not be shown (the `poster_failed` message), or None."""
        return self._failed.get(content_hash)

    def forget(self, content_hash: str) -> None:
        """Drop what is known of a poster (pixmaps, failure) so that the next `pixmap()` decodes it again."""
        self._failed.pop(content_hash, None)
        self._missing_since.pop(content_hash, None)
        for key in [k for k in self._ram if k[0] == content_hash]:
            self._ram_used -= self._bytes(self._ram.pop(key))

    def stats(self) -> dict[str, int]:
        """Counts since creation: decoded (from originals), from_disk, fetched (originals fetched by `fetch_missing`,
        also counted as decoded), failed, ram_hits; and queued (now)."""
        return {**self._stats, "queued": len(self._pending)}

    def _queue(self, key: tuple[str, int, int], mime: str) -> None:
        # The path is worked out here, not in a worker: `locate` may touch objects that belong to this thread.
        try:
            job = _Job(*key, path=Path(self._locate(key[0], mime)), mime=mime)
        except Exception as e:  # noqa: BLE001 - reported through poster_failed like any other failure
            job = _Job(*key, path=None, locate_error=str(e) or type(e).__name__, mime=mime)
        self._pending.add(key)
        start, dropped = self._jobs.push(job)
        for stale in dropped:
            self._pending.discard(stale.key)
        if start:
            QThreadPool.globalInstance().start(_Decoder(self._jobs, self._disk, self._relay, self._fetch_missing))

    # ---- results (GUI thread) ---------------------------------------------------------------------------

    @Slot(str, int, int, QImage, str)
    def on_decoded(self, content_hash: str, width: int, height: int, image: QImage, source: str) -> None:
        key = (content_hash, width, height)
        self._pending.discard(key)
        self._stats["from_disk" if source == "disk" else "decoded"] += 1
        if source == "fetched":
            self._stats["fetched"] += 1
        pixmap = QPixmap.fromImage(image)
        old = self._ram.pop(key, None)
        if old is not None:
            self._ram_used -= self._bytes(old)
        self._ram[key] = pixmap
        self._ram_used += self._bytes(pixmap)
        while self._ram_used > self._ram_limit and len(self._ram) > 1:
            _, evicted = self._ram.popitem(last=False)
            self._ram_used -= self._bytes(evicted)
        self.poster_ready.emit(content_hash)

    @Slot(str, int, int, object)
    def on_failed(self, content_hash: str, width: int, height: int, error: PosterError) -> None:
        self._pending.discard((content_hash, width, height))
        if content_hash in self._failed:  # the same poster at another size: already reported
            return
        self._stats["failed"] += 1
        name = str(error.path) if error.path is not None else content_hash
        # "file: reason", as every error names where and what; the window says what it is about ("A poster cannot
        # be shown: …"), so saying it here too would say it twice.
        message = self.tr("{file}: {reason}").format(file=name, reason=self._reason(error))
        self._failed[content_hash] = " ".join(message.split())
        if error.code == "missing" and self._fetch_missing is not None:
            self._missing_since[content_hash] = time.monotonic()
        while len(self._failed) > MAX_FAILURES:
            self._missing_since.pop(self._failed.popitem(last=False)[0], None)
        self.poster_failed.emit(content_hash, self._failed[content_hash])

    def _reason(self, error: PosterError) -> str:
        texts = {
            "missing": self.tr("the file is missing"),
            "unreadable": self.tr("the file cannot be read ({error})"),
            "file_too_big": self.tr("the file is {megabytes:.1f} MB, more than the {limit} MB a poster may have"),
            "image_too_big": self.tr("the image is {width}×{height} pixels, more than {limit:,} pixels a side"),
            "not_an_image": self.tr("it is not an image Starlight can read ({error})"),
            "damaged": self.tr("the file is cut short or damaged"),
            "unexpected": self.tr("an unexpected error occurred ({error})"),
        }
        return texts[error.code].format(**error.details)

    @staticmethod
    def _bytes(pixmap: QPixmap) -> int:
        return pixmap.width() * pixmap.height() * max(pixmap.depth(), 8) // 8

    # ---- disk cache -------------------------------------------------------------------------------------

    def disk_usage(self) -> int:
        """Bytes the thumbnails take on disk (reads the folder: for a settings page, not for painting)."""
        return self._disk.usage()

    def clear_disk_cache(self) -> None:
        """Delete every thumbnail; posters are made again from the originals when next shown."""
        self._disk.clear()

    @Slot()
    def shutdown(self) -> None:
        """Stop decoding: queued requests are dropped; waits for the ones in progress (at most a few ms each)."""
        self._jobs.close(timeout=5.0)
        self._pending.clear()

    # ---- placeholder ------------------------------------------------------------------------------------

    def placeholder(self, size: QSize, title: str = "") -> QPixmap:
        """A quiet stand-in for a poster, in the palette's colours: a picture glyph and the title, elided."""
        palette = QGuiApplication.palette()
        key = (size.width(), size.height(), title, palette.cacheKey())
        cached = self._placeholders.get(key)
        if cached is not None:
            self._placeholders.move_to_end(key)
            return cached
        pixmap = self._draw_placeholder(size, title, palette)
        self._placeholders[key] = pixmap
        while len(self._placeholders) > MAX_PLACEHOLDERS:
            self._placeholders.popitem(last=False)
        return pixmap

    @staticmethod
    def _draw_placeholder(size: QSize, title: str, palette: QPalette) -> QPixmap:
        w, h = max(size.width(), 1), max(size.height(), 1)
        pixmap = QPixmap(w, h)
        pixmap.fill(Qt.GlobalColor.transparent)
        window = palette.color(QPalette.ColorRole.Window)
        ink = palette.color(QPalette.ColorRole.WindowText)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        radius = max(2.0, w * 0.04)
        gradient = QLinearGradient(0, 0, 0, h)
        gradient.setColorAt(0.0, _mix(window, ink, 0.05))
        gradient.setColorAt(1.0, _mix(window, ink, 0.13))
        painter.setPen(QPen(_mix(window, ink, 0.18), 1.0))
        painter.setBrush(gradient)
        painter.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h - 1), radius, radius)

        # A picture glyph (frame, sun, hills), faint, a little above the middle.
        faint = QColor(ink)
        faint.setAlphaF(0.22)
        gw = min(w, h) * 0.34
        gh = gw * 0.76
        glyph = QRectF((w - gw) / 2, h * (0.36 if title else 0.5) - gh / 2, gw, gh)
        stroke = max(1.2, gw * 0.06)
        painter.setPen(QPen(faint, stroke))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(glyph, gw * 0.1, gw * 0.1)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(faint)
        sun = gw * 0.11
        painter.drawEllipse(QRectF(glyph.right() - gw * 0.32, glyph.top() + gh * 0.2, sun * 2, sun * 2))
        inner = glyph.adjusted(stroke * 1.5, stroke * 1.5, -stroke * 1.5, -stroke * 1.5)
        hills = QPainterPath()
        hills.moveTo(inner.left(), inner.bottom())
        hills.lineTo(inner.left() + inner.width() * 0.34, inner.top() + inner.height() * 0.42)
        hills.lineTo(inner.left() + inner.width() * 0.58, inner.top() + inner.height() * 0.72)
        hills.lineTo(inner.left() + inner.width() * 0.74, inner.top() + inner.height() * 0.56)
        hills.lineTo(inner.right(), inner.bottom())
        hills.closeSubpath()
        painter.drawPath(hills)

        if title:
            font = QFont(QGuiApplication.font())
            font.setPixelSize(max(9, round(w / 11)))
            font.setWeight(QFont.Weight.DemiBold)
            pad = max(4, round(w * 0.08))
            lines = elided_lines(title, font, w - 2 * pad, 3)
            metrics = QFontMetrics(font)
            text = QColor(ink)
            text.setAlphaF(0.62)
            painter.setPen(text)
            painter.setFont(font)
            y = glyph.bottom() + h * 0.08
            for line in lines:
                painter.drawText(QRectF(pad, y, w - 2 * pad, metrics.height()),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, line)
                y += metrics.lineSpacing()
        painter.end()
        return pixmap
