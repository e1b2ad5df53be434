"""Image files a shared catalog names but this computer lacks, and how each client gets them back.

A server (PostgreSQL) catalog is shared by several computers, but its image files are not: each client keeps them
in its own cache folder (store.maintenance.image_folder), while the `Image` rows everyone sees name each file by
the sha256 of its bytes, with the address it was downloaded from. A poster computer A added from TMDB is therefore
known on computer B without its file. This module holds:

- `missing_images`: the images whose file is absent here, read from the database a page at a time;
- `fetch_image`: one image downloaded again from its address (through the providers' HTTP client: its allowed
  hosts, rate limit, retries and offline mode) and kept only if its bytes have the hash the catalog names; a
  sample poster is drawn again instead;
- `fetch_missing_images`: all of them, with a `FetchReport` (for the command line);
- `ImageFetcher`: the callable the poster view runs in its decoding pool for a file it cannot find.

An image added from a file (dropped on a work on computer A) has no address: only that computer has it, and the
report says so.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator
from urllib.parse import urlsplit

from peewee import JOIN, fn

from ..core.errors import InputError, StarlightError
from ..core.images import MAX_IMAGE_BYTES, check_image
from ..store.tables import Image, Work
from .catalog import database_errors

if TYPE_CHECKING:
    from .online import Online

#: Images read from the database per query while looking for missing files: a million-image catalog is never
#: loaded at once.
PAGE = 2_000
#: Works whose drawn sample poster is tried for one image (the same poster on a few works at most).
MAX_REDRAWS = 5
#: How long the poster view's fetcher remembers an image it could not get, so that the same poster at another size
#: (the grid's and the detail panel's) does not download again; afterwards a transient failure is tried again.
REMEMBER_FAILURE_SECONDS = 300.0
#: Failures remembered before those past REMEMBER_FAILURE_SECONDS are swept out.
MAX_FAILURES = 10_000

# Content hashes become file names: only a sha256 in hex is one.
_SHA256 = re.compile(r"[0-9a-f]{64}")

NO_SOURCE = "added on another computer from a file; only that computer has it"

#: Progress of a job, as for imports: (what it is doing, how many done, of how many, or 0 when not known).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class MissingImage:
    """An image the catalog names whose file is not in this computer's image folder."""

    content_hash: str
    mime: str
    size: int
    #: An address it was downloaded from (when several works have it from different ones, one of them); None when
    #: it was added from a file.
    source_url: str | None
    #: Where its file belongs here.
    path: Path


class ImageUnavailable(StarlightError):
    """Why an image cannot be had here: a `kind` ("no_source", "offline", "unknown", "too_big", "different",
    "not_an_image", "failed") and one line for a person."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class FetchReport:
    """What `fetch_missing_images` did: counts, and the reason for each image it could not get."""

    fetched: int = 0  # downloaded and kept
    redrawn: int = 0  # sample posters drawn again
    no_source: list[str] = field(default_factory=list)  # hashes of images added from a file elsewhere
    offline: int = 0  # not asked for: working offline
    failed: list[tuple[str, str]] = field(default_factory=list)  # (hash, one-line reason)

    @property
    def missing(self) -> int:
        """How many files were missing when the job started."""
        return self.fetched + self.redrawn + len(self.no_source) + self.offline + len(self.failed)

    def summary(self) -> str:
        """One line: what was had back and what was not."""
        parts = [f"{self.fetched} fetched"]
        if self.redrawn:
            parts.append(f"{self.redrawn} sample posters drawn again")
        if self.no_source:
            parts.append(f"{len(self.no_source)} {NO_SOURCE}")
        if self.offline:
            parts.append(f"{self.offline} not fetched (working offline)")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return f"{self.missing} image files were missing: " + ", ".join(parts)


# ---- what is missing ----------------------------------------------------------------------------------------


@contextmanager
def _brief_connection(catalog: Any, what: str) -> Iterator[None]:
    """Database work from any thread: driver errors as one line, and a connection opened for it (a pool thread's)
    closed afterwards, so that it is not left open for as long as the thread lives (Peewee keeps one per thread)."""
    db = catalog.db
    opened_here = db.is_closed()
    try:
        with database_errors(what):
            yield
    finally:
        if opened_here and not db.is_closed() and not db.in_transaction():
            db.close()


def _pages(catalog: Any, page: int) -> Iterator[list[tuple[str, str, str | None, int]]]:
    """(hash, mime, an address, size) of every distinct image, about `page` at a time in hash order.

    Keyset paging on the hash alone, its index giving the order: each query starts after the last hash of the one
    before, so none gets slower as it goes. (Grouping by hash and mime would need a sort of every row left, for
    each page.) A hash recorded with two types, which only a hand-made file can do, is looked up apart."""
    after: str | None = None
    while True:
        query = (Image.select(Image.content_hash, fn.MIN(Image.mime), fn.MAX(Image.mime), fn.MAX(Image.source_url),
                              fn.MAX(Image.size))
                 .group_by(Image.content_hash)
                 .order_by(Image.content_hash)
                 .limit(page))
        if after is not None:
            query = query.where(Image.content_hash > after)
        with _brief_connection(catalog, "looking for missing images"):
            groups = catalog.db.execute_sql(*query.sql()).fetchall()  # plain rows: Peewee's wrapping doubled the time
            rows = []
            for content_hash, mime, other_mime, source_url, size in groups:
                if mime == other_mime:
                    rows.append((content_hash, mime, source_url, size))
                else:
                    rows += [(content_hash, *row) for row in
                             Image.select(Image.mime, fn.MAX(Image.source_url), fn.MAX(Image.size))
                             .where(Image.content_hash == content_hash).group_by(Image.mime)
                             .order_by(Image.mime).tuples()]
        if not groups:
            return
        yield rows
        if len(groups) < page:
            return
        after = groups[-1][0]


def iter_missing_images(catalog: Any, page: int = PAGE,
                        looked_at: Callable[[int], None] | None = None) -> Iterator[MissingImage]:
    """The images whose file is absent from this computer's image folder, in hash order, read a page at a time;
    `looked_at(n)` hears how many images were checked so far, after each page."""
    checked = 0
    # Files are sharded by their hash's first two characters (store.maintenance.image_path) and come in hash
    # order: listing each shard once is several times faster than asking for every file (a million, on a cold disk
    # or a network folder).
    shard, names = "", set()
    for rows in _pages(catalog, page):
        for content_hash, mime, source_url, size in rows:
            path = catalog.image_file(content_hash, mime)
            if content_hash[:2] != shard:
                shard, names = content_hash[:2], _file_names(path.parent)
            if path.name not in names:
                yield MissingImage(content_hash, mime, int(size or 0), source_url or None, path)
        checked += len(rows)
        if looked_at is not None:
            looked_at(checked)


def _file_names(folder: Path) -> set[str]:
    try:
        with os.scandir(folder) as entries:
            return {entry.name for entry in entries if entry.is_file()}
    except (FileNotFoundError, NotADirectoryError):
        return set()


def missing_images(catalog: Any, page: int = PAGE) -> list[MissingImage]:
    """The images whose file is absent from this computer's image folder (each image once, whatever uses it)."""
    return list(iter_missing_images(catalog, page))


def _describe(catalog: Any, content_hash: str, mime: str) -> MissingImage:
    """The catalog's image of this hash and type, as `iter_missing_images` gives it; ImageUnavailable if none."""
    with _brief_connection(catalog, "looking up an image"):
        count, source_url, size = (Image.select(fn.COUNT(Image.id), fn.MAX(Image.source_url), fn.MAX(Image.size))
                                   .where((Image.content_hash == content_hash) & (Image.mime == mime))
                                   .tuples().get())
    if not count:
        raise ImageUnavailable("unknown", "no image in the catalog has this content")
    return MissingImage(content_hash, mime, int(size or 0), source_url or None,
                        catalog.image_file(content_hash, mime))


# ---- getting one back ---------------------------------------------------------------------------------------


def _redraw(catalog: Any, item: MissingImage) -> Path | None:
    """A sample poster is drawn, not downloaded: drawn again from its work's title and year, it is the same file
    (kept only when its hash says so: a work renamed since draws another). None when it is not one."""
    if item.mime != "image/svg+xml":
        return None
    from .sample import draw_poster
    with _brief_connection(catalog, "looking up an image"):
        works = list(Work.select(Work.title, Work.original_title, Work.year)
                     .join(Image, JOIN.INNER, on=(Image.work == Work.id))
                     .where((Image.content_hash == item.content_hash) & (Image.mime == item.mime))
                     .distinct().limit(MAX_REDRAWS).tuples())
    for title, original, year in works:
        data = draw_poster(title, original, year)
        if hashlib.sha256(data).hexdigest() == item.content_hash:
            catalog.store_image(data, item.mime)
            return item.path
    return None


def _download(catalog: Any, item: MissingImage, online: "Online") -> Path:
    from ..providers.base import ProviderError  # here: the window imports this module at start, and needs none
    url = item.source_url
    assert url is not None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImageUnavailable("failed", f"{url}: is not a web address; it cannot be downloaded")
    if item.size > MAX_IMAGE_BYTES:
        raise ImageUnavailable("too_big", f"{url}: the catalog says it is {item.size / 2**20:.0f} MB; images may "
                                          f"be at most {MAX_IMAGE_BYTES // 2**20} MB")
    try:
        # As Online.download_images gets a provider's poster: the one client, capped at the image size limit.
        data, _ = online.client.get_bytes(parts.netloc, url, MAX_IMAGE_BYTES)
    except ProviderError as e:  # its "offline" is also a host that cannot be reached: a failure here
        raise ImageUnavailable("failed", str(e)) from e
    if hashlib.sha256(data).hexdigest() != item.content_hash:
        # The hash names the content: other bytes at that address (a new poster, an error page) are not this image.
        try:
            check_image(data, url)
        except InputError as e:
            raise ImageUnavailable("not_an_image", f"{url}: answered with something that is not the image "
                                                   f"({e.message})") from e
        raise ImageUnavailable("different", f"{url}: holds a different image now; it was not kept")
    # Bytes of the right hash are the catalog's own image, whatever its type (a sample poster is an SVG, which
    # check_image does not take): the poster view's decoder has its own limits.
    try:
        catalog.store_image(data, item.mime)
    except OSError as e:
        raise ImageUnavailable("failed", f"{item.path}: cannot be written ({e.strerror or e})") from e
    return item.path


def _obtain(catalog: Any, item: MissingImage, online: "Online | None") -> tuple[Path, str]:
    """Get a missing image's file back: (its path, "fetched" or "redrawn"); ImageUnavailable says why not.
    `online` None: working offline (nothing is downloaded)."""
    if item.path.is_file():  # another thread or program got it meanwhile
        return item.path, "fetched"
    if item.source_url is None:
        drawn = _redraw(catalog, item)
        if drawn is not None:
            return drawn, "redrawn"
        raise ImageUnavailable("no_source", NO_SOURCE)
    if online is None or online.settings.offline:
        raise ImageUnavailable("offline", "not downloaded: working offline")
    return _download(catalog, item, online), "fetched"


def download_image(catalog: Any, content_hash: str, mime: str, online: "Online | None") -> Path:
    """The file of the catalog's image with this hash and type, fetched from its address (or drawn again) if this
    computer lacks it, and kept only if its bytes have that hash. `online` None: working offline.

    Raises:
        ImageUnavailable: it cannot be had (its `kind` and message say why).
        CatalogError: the database failed.
    """
    if not _SHA256.fullmatch(content_hash):
        raise ImageUnavailable("unknown", f"{content_hash[:80]!r} is not a content hash")
    path = catalog.image_file(content_hash, mime)
    if path.is_file():
        return path
    return _obtain(catalog, _describe(catalog, content_hash, mime), online)[0]


def fetch_image(catalog: Any, content_hash: str, mime: str, online: "Online | None" = None) -> Path | None:
    """`download_image` with the app's online settings (unless `online` is given), None when it cannot be had."""
    own = online is None
    if own:
        from .online import Online
        online = Online()
    try:
        return download_image(catalog, content_hash, mime, online)
    except StarlightError:
        return None
    finally:
        if own:
            online.close()


def fetch_missing_images(catalog: Any, progress: Progress | None = None, online: "Online | None" = None,
                         page: int = PAGE) -> FetchReport:
    """Get back every image file this computer lacks: downloaded from its address (or drawn again, for a sample
    poster), each kept only if its bytes have the catalog's hash. Working offline, nothing is downloaded.

    `progress("fetching", done, total)` counts the catalog's images looked at; `online` defaults to the app's
    online settings."""
    own = online is None
    if own:
        from .online import Online
        online = Online()
    report = FetchReport()
    try:
        with _brief_connection(catalog, "counting images"):
            total = Image.select(Image.content_hash, Image.mime).distinct().count()
        checked = 0

        def looked_at(n: int) -> None:
            nonlocal checked
            checked = n
            if progress is not None:
                progress("fetching", checked, total)

        for item in iter_missing_images(catalog, page, looked_at):
            try:
                _, how = _obtain(catalog, item, online)
            except ImageUnavailable as e:
                if e.kind == "no_source":
                    report.no_source.append(item.content_hash)
                elif e.kind == "offline":
                    report.offline += 1
                else:
                    report.failed.append((item.content_hash, str(e)))
            else:
                if how == "redrawn":
                    report.redrawn += 1
                else:
                    report.fetched += 1
            if progress is not None:
                progress("fetching", checked, total)
    finally:
        if own:
            online.close()
    return report


# ---- for the poster view ------------------------------------------------------------------------------------


class ImageFetcher:
    """`fetch_missing` for gui.posters.PosterCache: `fetcher(content_hash, mime)` gets a missing poster's file back
    and returns its path, or None when it cannot be had (the poster view then says the file is missing).

    Called from the decoding pool's threads, never from the GUI thread. Its downloads go through an Online built
    on first use from the person's settings (`settings`: the window's QSettings, read through a copy of its own in
    each thread, a QSettings being no object to share between threads; None: the app's), and working offline is
    looked up on every call, so that turning it on in the settings stops the downloads at once. Two sizes of the
    same poster asked at once download it once; one that could not be had is not asked again for a few minutes.
    """

    def __init__(self, catalog: Any, settings: Any = None, online: "Online | None" = None) -> None:
        self._catalog = catalog
        self._settings_file = (settings.fileName(), settings.format()) if settings is not None else None
        self._given = online
        self._online: "Online | None" = None
        self._lock = threading.Lock()
        self._busy: dict[str, list[Any]] = {}  # hash → [its lock, threads holding or awaiting it]
        self._failed: dict[str, float] = {}

    def __call__(self, content_hash: str, mime: str) -> Path | None:
        with self._one_at_a_time(content_hash):
            path = self._catalog.image_file(content_hash, mime) if _SHA256.fullmatch(content_hash) else None
            if path is not None and path.is_file():
                return path
            failed_at = self._failed.get(content_hash)
            if failed_at is not None and time.monotonic() - failed_at < REMEMBER_FAILURE_SECONDS:
                return None
            online = self._current_online()
            try:
                return download_image(self._catalog, content_hash, mime, online)
            except StarlightError as e:
                if not (isinstance(e, ImageUnavailable) and e.kind == "offline"):  # back online: ask at once
                    self._remember_failure(content_hash)
                return None
            finally:
                if online is not None:
                    online.client.close()  # this pool thread's session: Python forgets a pool thread's state

    @contextmanager
    def _one_at_a_time(self, content_hash: str) -> Iterator[None]:
        """Hold this image's lock: a second thread asking for it waits, then finds the file the first one got."""
        with self._lock:
            entry = self._busy.setdefault(content_hash, [threading.Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._lock:
                entry[1] -= 1
                if not entry[1]:
                    del self._busy[content_hash]

    def _remember_failure(self, content_hash: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failed) >= MAX_FAILURES:
                self._failed = {h: t for h, t in self._failed.items() if now - t < REMEMBER_FAILURE_SECONDS}
            self._failed[content_hash] = now

    def _current_online(self) -> "Online | None":
        """The Online to download with, or None when working offline."""
        if self._given is not None:
            return None if self._given.settings.offline else self._given
        from .online import Online, _flag, load_settings
        stored = self._stored()
        if _flag(os.environ.get("STARLIGHT_OFFLINE", stored.value("online/offline", False))):
            return None
        with self._lock:
            if self._online is None or self._online.settings.offline:
                self._online = Online(load_settings(stored))
            return self._online

    def _stored(self) -> Any:
        from PySide6.QtCore import QSettings
        if self._settings_file is not None:
            return QSettings(*self._settings_file)
        from .paths import _identify
        _identify()
        return QSettings()
