"""Images of a shared catalog another computer added: listed when their file is missing here, fetched again from
their address only when the bytes have the catalog's hash, reported when they cannot be had, shown by the poster
view once fetched in its pool."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize

from catalog_app.gui.posters import PosterCache
from catalog_app.providers.http import HttpClient
from catalog_app.services.online import Online, OnlineSettings
from catalog_app.services.shared_images import (NO_SOURCE, ImageFetcher, ImageUnavailable, download_image,
                                                fetch_image, fetch_missing_images, missing_images)
from test_online import NO_WAIT, poster_bytes

HOSTS = {"127.0.0.1", "localhost"}
BOX = QSize(200, 300)


def online(offline: bool = False) -> Online:
    settings = OnlineSettings(offline=offline, allowed_hosts=HOSTS)
    return Online(settings, HttpClient(None, "Starlight/test", timeout=(1, 2), limits=NO_WAIT, sleep=lambda s: None,
                                       offline=offline, allowed_hosts=HOSTS))


def added_elsewhere(catalog, title: str, data: bytes, url: str | None) -> tuple[str, Path]:
    """A work with a poster as computer A adds it, seen from computer B: the row is there, the file is not."""
    work_id = catalog.add_new(title, 2001)
    digest = catalog.set_poster(work_id, data, "image/jpeg", 500, 750, source_url=url)
    path = catalog.image_file(digest, "image/jpeg")
    path.unlink()
    return digest, path


@pytest.fixture
def poster(httpserver):
    data = poster_bytes()
    httpserver.expect_request("/t/p/w500/poster.jpg").respond_with_data(data, content_type="image/jpeg")
    return data, httpserver.url_for("/t/p/w500/poster.jpg")


def test_missing_images_lists_each_image_without_its_file_page_by_page(catalog):
    present = catalog.set_poster(catalog.add_new("Here", 2000), poster_bytes(30, 45), "image/jpeg", 30, 45)
    missing = {}
    for n in range(5):
        digest, path = added_elsewhere(catalog, f"Away {n}", poster_bytes(40 + n, 60), f"http://127.0.0.1/{n}.jpg")
        missing[digest] = (path, f"http://127.0.0.1/{n}.jpg")
    # The same poster on a second work, dropped there from a file: one image to fetch, from the address it has.
    shared = catalog.set_poster(catalog.add_new("Away again", 2002), poster_bytes(40, 60), "image/jpeg", 40, 60)
    assert shared in missing
    catalog.image_file(shared, "image/jpeg").unlink()

    for page in (1, 2, 1000):  # pages of one, pages smaller than the list, one page for all
        found = missing_images(catalog, page=page)
        assert sorted(m.content_hash for m in found) == sorted(missing)
        for item in found:
            assert (item.path, item.source_url) == missing[item.content_hash]
            assert item.mime == "image/jpeg" and item.size > 0
    assert present not in {m.content_hash for m in found}


def test_fetch_image_brings_the_file_back_with_its_hash(catalog, poster):
    data, url = poster
    digest, path = added_elsewhere(catalog, "Away", data, url)
    got = fetch_image(catalog, digest, "image/jpeg", online())
    assert got == path and path.is_file()
    assert not catalog.db.is_closed()  # this thread's connection was open before: it stays open
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert missing_images(catalog) == []


def test_other_bytes_at_the_address_are_refused_and_nothing_is_kept(sqlite_catalog, httpserver):
    httpserver.expect_request("/poster.jpg").respond_with_data(poster_bytes(300, 450), content_type="image/jpeg")
    digest, path = added_elsewhere(sqlite_catalog, "Away", poster_bytes(), httpserver.url_for("/poster.jpg"))
    with pytest.raises(ImageUnavailable, match="holds a different image now; it was not kept") as caught:
        download_image(sqlite_catalog, digest, "image/jpeg", online())
    assert caught.value.kind == "different"
    assert fetch_image(sqlite_catalog, digest, "image/jpeg", online()) is None
    assert not path.exists()
    assert [p for p in sqlite_catalog.images.rglob("*") if p.is_file()] == []  # not kept under its own hash either


def test_an_error_page_is_not_the_image(sqlite_catalog, httpserver):
    httpserver.expect_request("/gone.jpg").respond_with_data("<html>Not found</html>", status=404)
    digest, path = added_elsewhere(sqlite_catalog, "Away", poster_bytes(), httpserver.url_for("/gone.jpg"))
    with pytest.raises(ImageUnavailable, match="answered with something that is not the image") as caught:
        download_image(sqlite_catalog, digest, "image/jpeg", online())
    assert caught.value.kind == "not_an_image" and not path.exists()


def test_an_image_added_from_a_file_is_reported_as_only_on_that_computer(sqlite_catalog, httpserver):
    digest, path = added_elsewhere(sqlite_catalog, "Dropped", poster_bytes(), None)
    with pytest.raises(ImageUnavailable, match=NO_SOURCE) as caught:
        download_image(sqlite_catalog, digest, "image/jpeg", online())
    assert caught.value.kind == "no_source"
    assert fetch_image(sqlite_catalog, digest, "image/jpeg", online()) is None
    report = fetch_missing_images(sqlite_catalog, online=online())
    assert report.no_source == [digest] and report.fetched == 0 and report.failed == []
    assert NO_SOURCE in report.summary()
    assert httpserver.log == []


def test_an_unknown_hash_is_refused_without_a_request(sqlite_catalog, httpserver):
    with pytest.raises(ImageUnavailable, match="no image in the catalog has this content"):
        download_image(sqlite_catalog, "ab" * 32, "image/jpeg", online())
    with pytest.raises(ImageUnavailable, match="is not a content hash"):
        download_image(sqlite_catalog, "../../etc/passwd", "image/jpeg", online())
    assert httpserver.log == []


def test_working_offline_asks_nothing(sqlite_catalog, poster, httpserver, monkeypatch):
    data, url = poster
    digest, path = added_elsewhere(sqlite_catalog, "Away", data, url)
    assert fetch_image(sqlite_catalog, digest, "image/jpeg", online(offline=True)) is None
    report = fetch_missing_images(sqlite_catalog, online=online(offline=True))
    assert (report.offline, report.fetched, report.failed) == (1, 0, [])
    # Offline from the environment, with the app's own settings.
    monkeypatch.setenv("STARLIGHT_OFFLINE", "1")
    assert fetch_image(sqlite_catalog, digest, "image/jpeg") is None
    assert ImageFetcher(sqlite_catalog)(digest, "image/jpeg") is None
    assert httpserver.log == [] and not path.exists()


def test_fetch_missing_images_reports_what_it_got_and_why_not(sqlite_catalog, poster, httpserver):
    data, url = poster
    httpserver.expect_request("/other.jpg").respond_with_data(poster_bytes(300, 450), content_type="image/jpeg")
    fetched, _ = added_elsewhere(sqlite_catalog, "Fetched", data, url)
    refused, _ = added_elsewhere(sqlite_catalog, "Refused", poster_bytes(60, 90), httpserver.url_for("/other.jpg"))
    dropped, _ = added_elsewhere(sqlite_catalog, "Dropped", poster_bytes(70, 90), None)
    sqlite_catalog.set_poster(sqlite_catalog.add_new("Here", 2000), poster_bytes(80, 90), "image/jpeg", 80, 90)
    steps = []
    report = fetch_missing_images(sqlite_catalog, lambda stage, done, total: steps.append((stage, done, total)),
                                  online=online(), page=2)
    assert (report.fetched, report.no_source, report.offline) == (1, [dropped], 0)
    assert [h for h, _ in report.failed] == [refused]
    assert "other.jpg: holds a different image now" in report.failed[0][1]
    assert report.missing == 3
    assert report.summary().startswith("3 image files were missing: 1 fetched, 1 added on another computer")
    assert steps[-1] == ("fetching", 4, 4)
    assert sqlite_catalog.image_file(fetched, "image/jpeg").is_file()
    assert {m.content_hash for m in missing_images(sqlite_catalog)} == {refused, dropped}


def test_sample_posters_are_drawn_again_without_a_download(sqlite_sample, httpserver):
    images = [(m.content_hash, m.mime) for m in missing_images(sqlite_sample)]
    assert images == []
    files = sorted(p for p in sqlite_sample.images.rglob("*.svg"))
    before = {p: p.read_bytes() for p in files}
    for p in files:
        p.unlink()
    report = fetch_missing_images(sqlite_sample, online=online(offline=True))  # drawing needs no network
    assert report.redrawn == len(files) > 0 and report.missing == len(files)
    assert {p: p.read_bytes() for p in files} == before
    assert httpserver.log == []


def test_the_poster_fetcher_downloads_once_for_two_sizes_at_once(sqlite_catalog, poster, httpserver):
    data, url = poster
    digest, path = added_elsewhere(sqlite_catalog, "Away", data, url)
    fetcher = ImageFetcher(sqlite_catalog, online=online())
    results, left_open = [], []

    def ask() -> None:
        results.append(fetcher(digest, "image/jpeg"))
        left_open.append(not sqlite_catalog.db.is_closed())  # a pool thread's connection is closed after its lookup

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == [path] * 3 and left_open == [False] * 3
    assert len(httpserver.log) == 1


def test_the_poster_fetcher_follows_the_offline_setting_as_it_changes(sqlite_catalog, poster, httpserver, tmp_path):
    data, url = poster
    digest, path = added_elsewhere(sqlite_catalog, "Away", data, url)
    stored = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    stored.setValue("online/offline", True)
    fetcher = ImageFetcher(sqlite_catalog, stored)
    assert fetcher(digest, "image/jpeg") is None
    assert httpserver.log == []
    stored.setValue("online/offline", False)  # turned off in the settings dialog: the next poster is fetched
    assert fetcher(digest, "image/jpeg") == path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_the_poster_fetcher_does_not_ask_again_at_once_for_what_it_could_not_get(sqlite_catalog, httpserver):
    httpserver.expect_request("/other.jpg").respond_with_data(poster_bytes(300, 450), content_type="image/jpeg")
    digest, path = added_elsewhere(sqlite_catalog, "Away", poster_bytes(), httpserver.url_for("/other.jpg"))
    fetcher = ImageFetcher(sqlite_catalog, online=online())
    assert fetcher(digest, "image/jpeg") is None
    assert fetcher(digest, "image/jpeg") is None
    assert len(httpserver.log) == 1 and not path.exists()


# ---- the poster view --------------------------------------------------------------------------------------------


@pytest.fixture
def caches():
    made: list[PosterCache] = []
    yield made
    for cache in made:
        cache.shutdown()


def test_the_poster_view_shows_a_missing_poster_once_fetched(qtbot, catalog, poster, caches, tmp_path):
    data, url = poster
    digest, path = added_elsewhere(catalog, "Away", data, url)
    cache = PosterCache(catalog.image_file, tmp_path / "thumbs",
                        fetch_missing=ImageFetcher(catalog, online=online()))
    caches.append(cache)
    ready: list[str] = []
    cache.poster_ready.connect(ready.append)
    failed: list[str] = []
    cache.poster_failed.connect(lambda h, m: failed.append(m))
    assert cache.pixmap(digest, "image/jpeg", BOX) is None
    qtbot.waitUntil(lambda: digest in ready or bool(failed), timeout=10_000)
    assert failed == []
    pixmap = cache.pixmap(digest, "image/jpeg", BOX)
    assert pixmap is not None and pixmap.size() == QSize(200, 300)
    assert cache.stats()["fetched"] == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_for_catalog_passes_the_fetcher_on(qtbot, sqlite_catalog, poster, caches):
    data, url = poster
    digest, _ = added_elsewhere(sqlite_catalog, "Away", data, url)
    cache = PosterCache.for_catalog(sqlite_catalog, fetch_missing=ImageFetcher(sqlite_catalog, online=online()))
    caches.append(cache)
    with qtbot.waitSignal(cache.poster_ready, check_params_cb=lambda h: h == digest, timeout=10_000):
        assert cache.pixmap(digest, "image/jpeg", BOX) is None
    assert cache.pixmap(digest, "image/jpeg", BOX) is not None


@pytest.mark.parametrize("how", ["no fetcher", "other bytes", "fetcher fails"])
def test_the_poster_view_says_missing_when_it_cannot_be_fetched(qtbot, sqlite_catalog, httpserver, caches, tmp_path,
                                                                how):
    httpserver.expect_request("/other.jpg").respond_with_data(poster_bytes(300, 450), content_type="image/jpeg")
    digest, path = added_elsewhere(sqlite_catalog, "Away", poster_bytes(), httpserver.url_for("/other.jpg"))
    fetch = {"no fetcher": None, "other bytes": ImageFetcher(sqlite_catalog, online=online()),
             "fetcher fails": lambda h, m: 1 / 0}[how]
    cache = PosterCache(sqlite_catalog.image_file, tmp_path / "thumbs", fetch_missing=fetch)
    caches.append(cache)
    with qtbot.waitSignal(cache.poster_failed, check_params_cb=lambda h, m: h == digest, timeout=10_000) as blocker:
        assert cache.pixmap(digest, "image/jpeg", BOX) is None
    assert blocker.args[1] == f"{path}: the file is missing"
    assert cache.pixmap(digest, "image/jpeg", BOX) is not None  # the placeholder
    assert cache.stats()["fetched"] == 0 and not path.exists()
    assert len(httpserver.log) == (1 if how == "other bytes" else 0)


def test_a_poster_that_could_not_be_fetched_is_asked_for_again_later(qtbot, sqlite_catalog, poster, caches, tmp_path,
                                                                      monkeypatch):
    """Offline at first (or the source down): the placeholder, then the poster once it can be fetched."""
    from catalog_app.gui import posters
    data, url = poster
    digest, _ = added_elsewhere(sqlite_catalog, "Away", data, url)
    fetcher = ImageFetcher(sqlite_catalog, online=online())
    answers = iter([lambda h, m: None, fetcher])  # the first try gets nothing, the next one the file
    cache = PosterCache(sqlite_catalog.image_file, tmp_path / "thumbs", fetch_missing=lambda h, m: next(answers)(h, m))
    caches.append(cache)
    with qtbot.waitSignal(cache.poster_failed, timeout=10_000):
        assert cache.pixmap(digest, "image/jpeg", BOX) is None
    placeholder = cache.pixmap(digest, "image/jpeg", BOX)
    assert placeholder is not None and cache.failure(digest)  # not asked again at once
    monkeypatch.setattr(posters, "MISSING_RETRY_SECONDS", 0)
    with qtbot.waitSignal(cache.poster_ready, check_params_cb=lambda h: h == digest, timeout=10_000):
        assert cache.pixmap(digest, "image/jpeg", BOX) is None  # asked again
    shown = cache.pixmap(digest, "image/jpeg", BOX)
    assert shown is not None and shown.size() == QSize(200, 300) and cache.failure(digest) is None


def test_check_fetch_images_on_the_command_line(catalog, poster):
    """`starlight check` on a shared catalog notes the posters this computer lacks; --fetch-images gets them, and
    the check that follows finds nothing wrong."""
    from helpers import starlight
    data, url = poster
    digest, path = added_elsewhere(catalog, "Away", data, url)
    catalog.close()
    done = starlight("--db", catalog.target, "check")
    if catalog.is_postgres:  # each computer's cache: not a problem of the catalog, a note
        assert done.returncode == 0, done.stderr
        assert "1 image files of this shared catalog are not on this computer yet" in done.stderr
    else:  # beside a catalog file: a missing file is a problem
        assert done.returncode == 1 and "1 image files are missing" in done.stdout
    done = starlight("--db", catalog.target, "check", "--fetch-images")
    assert done.returncode == 0, done.stderr
    assert "no problems found" in done.stdout and hashlib.sha256(path.read_bytes()).hexdigest() == digest
