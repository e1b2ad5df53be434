"""Hostile input, item by item as the issue lists it, each through the path a person uses (`starlight import`,
`starlight export`, `add-online`, the main window and its detail panel, the online search) and checked by what the
person sees: one line naming the file and its line, member or source; and a catalog exactly as it was before.

1. XML bombs and external entities       5. HTML and javascript: links in the catalog's text
2. Zip bombs and zips with ../ paths      6. CSV export cells a spreadsheet would run
3. A 48 KiB PNG declaring 20000×20000      7. SQL-looking and 100,000-character titles
4. A truncated JPEG                       8. Bytes that are not UTF-8
                                          9. Provider JSON with the wrong types

Deeper tests of the same ground, by module: test_imports.py and test_formats_tellico_kodi.py (each importer's bad
files), test_core_images.py and test_gui_posters.py (image headers, the poster cache), test_gui_detail.py (text and
links in the panel), test_exports_html_backup.py (backup archives, the HTML export), test_provider_*.py (every field
of every recorded answer broken in turn).
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import struct
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel

from catalog_app.core.errors import InputError, StarlightError
from catalog_app.services.catalog import Catalog
from catalog_app.services.sample import load_sample
from helpers import snapshot, starlight

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
EXPORTS = FIXTURES / "exports"
#: The only hosts the tests' HTTP clients may ask.
LOCAL = {"127.0.0.1", "localhost"}


# ---- shared: a sample catalog on disk, its fingerprint, the one line the command line says --------------------

@pytest.fixture
def sample_db(tmp_path: Path) -> str:
    """A SQLite catalog holding the sample, closed: for the command line to open."""
    path = str(tmp_path / "cli.sqlite")
    with Catalog.open(path) as catalog:
        load_sample(catalog)
    return path


def fingerprint(db: str) -> str:
    """Everything the catalog at `db` holds (rows and image files), to compare before and after."""
    with Catalog.open(db) as catalog:
        return snapshot(catalog)


def one_line(result, *words: str) -> str:
    """The command failed with exit code 1 and said so in one line on standard error, holding `words`."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("starlight: "), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def local_client(folder: Path):
    """The app's HTTP client, asking only the tests' local server and never waiting between requests."""
    from catalog_app.providers.http import LIMITS, HttpClient, Limits
    return HttpClient(folder / "http.sqlite", "Starlight/test", sleep=lambda s: None, allowed_hosts=LOCAL,
                      limits={name: Limits(0.0, rule.fresh_for) for name, rule in LIMITS.items()})


# ---- 1. XML bombs and external entities -------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<myanimelist><anime><series_title>&lol4;</series_title></anime></myanimelist>"""
QUADRATIC_BLOWUP = (b'<?xml version="1.0"?><!DOCTYPE movie [<!ENTITY a "' + b"x" * 50_000 + b'">]><movie><title>'
                    + b"&a;" * 5_000 + b"</title></movie>")
EXTERNAL_FILE = b"""<?xml version="1.0"?><!DOCTYPE tellico [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<tellico xmlns="http://periapsis.org/tellico/" syntaxVersion="11"><collection type="3" title="x">
<entry id="1"><title>&e;</title></entry></collection></tellico>"""
EXTERNAL_URL = b"""<?xml version="1.0"?><!DOCTYPE details [<!ENTITY e SYSTEM "http://127.0.0.1:9/secret">]>
<episodedetails><title>&e;</title></episodedetails>"""


@pytest.mark.parametrize("name, fmt, data", [
    ("animelist.xml", "mal", BILLION_LAUGHS),
    ("movie.nfo", "kodi", QUADRATIC_BLOWUP),
    ("collection.xml", "tellico", EXTERNAL_FILE),
    ("episode.nfo", "kodi", EXTERNAL_URL),
], ids=["billion laughs (MAL)", "quadratic blowup (Kodi)", "external file entity (Tellico)",
        "external address entity (Kodi)"])
def test_xml_bombs_and_external_entities_are_refused_by_the_import(sample_db, tmp_path, name, fmt, data):
    path = tmp_path / name
    path.write_bytes(data)
    before = fingerprint(sample_db)
    started = time.perf_counter()
    result = starlight("--db", sample_db, "import", str(path), "--format", fmt)
    assert time.perf_counter() - started < 10  # the process's start included; the Kodi one expands to 250 MB
    one_line(result, path.name, "declares", "entities", "never does; not read")
    assert "root:" not in result.stderr + result.stdout  # /etc/passwd was never read
    assert fingerprint(sample_db) == before


def test_only_defusedxml_parses_xml():
    """No module parses XML with the standard library's parsers (entities expand there); their types are fine."""
    allowed = {"xml.etree.ElementTree": {"Element", "ParseError"}, "xml.sax.saxutils": {"escape"}}
    problems = []
    for path in (ROOT / "catalog_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                problems += [f"{path.name}: import {a.name}" for a in node.names
                             if a.name.split(".")[0] in ("xml", "lxml")]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("xml", "lxml"):
                names = {a.name for a in node.names}
                if not names <= allowed.get(node.module or "", set()):
                    problems.append(f"{path.name}: from {node.module} import {', '.join(sorted(names))}")
    assert problems == []


# ---- 2. Zip bombs and zips with ../ paths -----------------------------------------------------------------------

WATCHED = b"Date,Name,Year,Letterboxd URI\n2020-01-01,Alien,1979,https://boxd.it/2bSc\n"
CHUNK = 2**20
GIB = 2**30


def deflated_zeros(size: int) -> bytes:
    """A raw deflate stream that unpacks to `size` zero bytes, made without packing them all: a block of 1 MiB of
    zeros that stands alone (a full flush ends it on a byte, with nothing to refer back to), repeated; then the
    final empty block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(CHUNK)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * (size // CHUNK) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def deflated(data: bytes) -> bytes:
    """`data` as a raw deflate stream that is not finished, so that more blocks may follow."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def zip_with(members: list[tuple]) -> bytes:
    """A zip written field by field, so that its headers can say what its data is not.

    Each member is (name, packed data, size its headers declare, CRC-32 they declare, method: 0 stored,
    8 deflated, 12 bzip2...), and optionally its flags (1: encrypted).
    """
    out, central = io.BytesIO(), b""
    for name, data, size, crc, method, *flags in members:
        offset, encoded, flag = out.tell(), name.encode(), flags[0] if flags else 0
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flag, method, 0, 0x21, crc, len(data), size,
                              len(encoded), 0) + encoded + data)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flag, method, 0, 0x21, crc, len(data),
                               size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    start = out.tell()
    out.write(central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                                    start, 0))
    return out.getvalue()


def test_the_zip_helpers_make_what_they_say():
    assert zlib.decompress(deflated(b"head") + deflated_zeros(3 * CHUNK), -15) == b"head" + bytes(3 * CHUNK)
    packed = zip_with([("watched.csv", deflated(WATCHED) + deflated_zeros(0), len(WATCHED), zlib.crc32(WATCHED), 8)])
    assert zipfile.ZipFile(io.BytesIO(packed)).read("watched.csv") == WATCHED


def zip_bomb(folder: Path) -> Path:
    """A Letterboxd export of 3 MB whose diary.csv unpacks to 3 GiB of zeros (its checksum is left 0: it is never
    unpacked), beside a real watched.csv."""
    bomb = deflated_zeros(3 * GIB)
    assert len(bomb) < 4 * 2**20
    path = folder / "letterboxd-someone.zip"
    path.write_bytes(zip_with([("watched.csv", deflated(WATCHED) + deflated_zeros(0), len(WATCHED),
                                zlib.crc32(WATCHED), 8),
                               ("diary.csv", bomb, 3 * GIB, 0, 8)]))
    return path


def bomb_refusal(path: Path) -> str:
    return f"starlight: {path}: diary.csv unpacks to 3,221,225,472 bytes; an export's files are at most 200 MiB"


def test_a_zip_bomb_is_refused_from_its_header_fast_and_in_little_memory(sqlite_sample, tmp_path):
    path = zip_bomb(tmp_path)
    before = snapshot(sqlite_sample)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as refused:
            sqlite_sample.import_file(str(path))
        took = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"starlight: {refused.value}".startswith(bomb_refusal(path))
    assert peak < 32 * 2**20 and took < 2.0, (peak, took)  # the zip's own 3 MB, a few times over at most
    assert snapshot(sqlite_sample) == before


def test_the_command_line_refuses_a_zip_bomb_in_one_line(sample_db, tmp_path):
    path = zip_bomb(tmp_path)
    before = fingerprint(sample_db)
    one_line(starlight("--db", sample_db, "import", str(path)), bomb_refusal(path))
    assert fingerprint(sample_db) == before


def test_a_member_whose_header_lies_about_its_size_is_cut_off_there_not_unpacked_whole(sqlite_catalog, tmp_path):
    """Its header says the 70 bytes of a watched.csv; its data goes on to 3 GiB of zeros. zipfile's own read()
    would unpack 2 GiB before cutting (5 s, 2 GiB of memory); read in pieces, only the 70 bytes are unpacked."""
    lying = deflated(WATCHED) + deflated_zeros(3 * GIB)
    path = tmp_path / "export.zip"

    # The checksum of what the header declares: what is read is whole and right, and the rest never unpacked.
    path.write_bytes(zip_with([("watched.csv", lying, len(WATCHED), zlib.crc32(WATCHED), 8)]))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = sqlite_catalog.import_file(str(path), "letterboxd")
        took, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 * 2**20 and took < 2.0, (peak, took)
    assert result.works == 1 and [t for _, t, *_ in sqlite_catalog.find("")] == ["Alien"]

    # Any other checksum: the member is named as damaged, and nothing is imported.
    path.write_bytes(zip_with([("watched.csv", lying, len(WATCHED), 12345, 8)]))
    before = snapshot(sqlite_catalog)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"watched\.csv is damaged or does not unpack to what its header says "
                                         r"\(Bad CRC-32") as refused:
        sqlite_catalog.import_file(str(path), "letterboxd")
    assert time.perf_counter() - started < 2.0
    assert refused.value.where == str(path) and "\n" not in str(refused.value)
    assert snapshot(sqlite_catalog) == before


@pytest.mark.parametrize("members, words", [
    ([("../../evil.csv", WATCHED, len(WATCHED), zlib.crc32(WATCHED), 0)],
     "holds a file with a path that leaves the folder ('../../evil.csv'); not read"),
    ([("/etc/evil.csv", WATCHED, len(WATCHED), zlib.crc32(WATCHED), 0)],
     "holds a file with a path that leaves the folder ('/etc/evil.csv'); not read"),
    ([("lists\\..\\..\\evil.csv", WATCHED, len(WATCHED), zlib.crc32(WATCHED), 0)],
     "holds a file with a path that leaves the folder ('lists/../../evil.csv'); not read"),
    # bzip2 and LZMA members are unpacked whole by Python whatever they say: refused by their method
    ([("watched.csv", b"BZh91AY&SY" + bytes(40), len(WATCHED), zlib.crc32(WATCHED), 12)],
     "watched.csv is packed with method 12; Starlight reads zips packed the usual way (stored or deflated)"),
    ([("watched.csv", bytes(60), len(WATCHED), zlib.crc32(WATCHED), 9)],
     "watched.csv is packed with method 9"),
    ([(f"lists/list{n}.csv", b"", 150 * 2**20, 0, 8) for n in range(3)],
     "its files unpack to 471,859,200 bytes; an export is at most 200 MiB"),
    ([("watched.csv", bytes(80), len(WATCHED), zlib.crc32(WATCHED), 8, 1)],
     "watched.csv is encrypted; Starlight reads exports as the site gave them"),
], ids=["../ path", "absolute path", "backslashes", "bzip2", "deflate64", "many members just under the limit",
        "encrypted"])
def test_zips_that_leave_their_folder_or_cannot_be_unpacked_safely_are_refused(sample_db, tmp_path, members, words):
    # (backups have their own reader and the same refusals: test_exports_html_backup.py)
    path = tmp_path / "letterboxd.zip"
    path.write_bytes(zip_with(members))
    before = fingerprint(sample_db)
    one_line(starlight("--db", sample_db, "import", str(path), "--format", "letterboxd"), str(path), words)
    assert fingerprint(sample_db) == before
    assert not (tmp_path.parent / "evil.csv").exists() and not (tmp_path / "evil.csv").exists()


# ---- 3 and 4. A 48 KiB PNG declaring 20000×20000 pixels; a truncated JPEG --------------------------------------

def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(side: int = 20000, size: int = 48 * 1024) -> bytes:
    """A PNG of `size` bytes whose header declares side×side pixels and whose pixel data is noise no decoder could
    unpack (in well-formed chunks): refused with its size in the message, only its header was read."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0))
    end = png_chunk(b"IEND", b"")
    noise = bytes((i * 7919 + 13) % 251 for i in range(size - 8 - len(header) - len(end) - 12))
    return b"\x89PNG\r\n\x1a\n" + header + png_chunk(b"IDAT", noise) + end


HUGE = "is 20000×20000 pixels; images may be at most 12000 pixels a side"


def test_a_png_declaring_20000_pixels_a_side_is_refused_from_its_header_without_decoding(monkeypatch):
    from catalog_app.core.images import check_image
    from catalog_app.gui import posters
    data = png_declaring()
    assert len(data) == 48 * 1024
    with pytest.raises(InputError, match=HUGE) as refused:
        check_image(data, "https://image.example/poster.png")  # what every image from outside goes through
    assert str(refused.value) == f"https://image.example/poster.png: {HUGE}"

    class NoDecoding(posters.QImageReader):
        def read(self, *args):  # noqa: A003 - Qt's name
            raise AssertionError("the poster was decoded")
    monkeypatch.setattr(posters, "QImageReader", NoDecoding)
    with pytest.raises(posters.PosterError) as too_big:
        posters.decode_image(data, QSize(200, 300))  # what the poster cache runs on a file it shows
    assert too_big.value.code == "image_too_big" and too_big.value.details["width"] == 20000
    # Both take microseconds; their 10 ms bound is checked where each is defined (test_core_images.py,
    # test_gui_posters.py), best of three, so that a busy machine does not fail it.


def test_a_truncated_jpeg_is_refused_where_images_come_in_naming_the_file():
    from catalog_app.core.images import check_image
    whole = jpeg()
    assert check_image(whole, "poster.jpg") == ("image/jpeg", 300, 450)
    for cut in (len(whole) // 2, len(whole) - 2):  # half of it; all but its end marker
        with pytest.raises(InputError) as refused:
            check_image(whole[:cut], "poster.jpg")
        assert str(refused.value) == "poster.jpg: is a JPEG file cut short (it does not reach its end marker)"


def jpeg(width: int = 300, height: int = 450) -> bytes:
    """A real JPEG, as Qt's writer makes it."""
    from test_online import poster_bytes
    return poster_bytes(width, height)


def tmdb_serving(httpserver, poster: bytes):
    """A local server answering as TMDB for Fight Club, its poster answered by `poster` and its backdrop by a
    real JPEG; the environment that points the command line at it."""
    from provider_helpers import fight_club
    from test_online import load, poster_bytes
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/movie/550").respond_with_json(fight_club())
    httpserver.expect_request(re.compile(r"/t/p/w\d+/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK\.jpg")).respond_with_data(
        poster, content_type="image/jpeg")
    httpserver.expect_request(re.compile(r"/t/p/w\d+/.+\.jpg")).respond_with_data(poster_bytes(),
                                                                                  content_type="image/jpeg")
    return {"STARLIGHT_TMDB_URL": httpserver.url_for("/3"), "STARLIGHT_TMDB_IMAGE_URL": httpserver.url_for("/t/p/"),
            "STARLIGHT_TMDB_KEY": "test-key"}


def works_but(db: str, titles: list[str]) -> str:
    """The works of the catalog at `db` but those titled `titles`, with their people, as native JSON."""
    from catalog_app.services.formats import starlight_json
    with Catalog.open(db) as catalog:
        return starlight_json.dump(catalog.document([row[0] for row in catalog.find("") if row[1] not in titles]))


def images_of(db: str, title: str) -> list[dict]:
    with Catalog.open(db) as catalog:
        return catalog.load(catalog.resolve(title))[0]["images"]


@pytest.mark.parametrize("poster, why", [
    (png_declaring(), HUGE),
    (None, "is a JPEG file cut short (it does not reach its end marker)"),
], ids=["20000×20000 png", "truncated jpeg"])
def test_a_hostile_poster_from_a_source_is_not_kept_and_said_in_one_line(sample_db, httpserver, poster, why):
    if poster is None:
        whole = jpeg()
        poster = whole[:len(whole) * 2 // 3]  # a download cut short: the header is whole, the end is missing
    env = tmdb_serving(httpserver, poster)
    before = works_but(sample_db, [])
    added = starlight("--db", sample_db, "add-online", "tmdb:movie/550", env=env)
    assert added.returncode == 0 and added.stdout.startswith("added 'Fight Club'"), added.stderr
    url = httpserver.url_for("/t/p/w500/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg")
    assert added.stderr.splitlines() == [f"starlight: image not kept: {url}: {why}"]
    # the film without the refused poster (its backdrop kept), and the works the catalog had as they were
    assert [i["kind"] for i in images_of(sample_db, "Fight Club")] == ["backdrop"]
    assert works_but(sample_db, ["Fight Club"]) == before


def test_a_search_results_thumbnail_cut_short_is_neither_shown_nor_kept(httpserver, tmp_path):
    from catalog_app.providers.base import Candidate
    from catalog_app.services.online import Online, OnlineSettings
    whole = jpeg(92, 138)
    httpserver.expect_request("/t/p/w92/cut.jpg").respond_with_data(whole[:len(whole) // 2],
                                                                     content_type="image/jpeg")
    httpserver.expect_request("/t/p/w92/whole.jpg").respond_with_data(whole, content_type="image/jpeg")
    online = Online(OnlineSettings(), local_client(tmp_path))
    try:
        cut = Candidate("tmdb", "movie/1", "Cut", poster_url=httpserver.url_for("/t/p/w92/cut.jpg"))
        assert online.thumbnail(cut) is None  # a result without its picture, as when it has none
        assert online.images.usage() == 0
        # One cut short in the cache (by a crash) is dropped and fetched again
        found = Candidate("tmdb", "movie/2", "Whole", poster_url=httpserver.url_for("/t/p/w92/whole.jpg"))
        online.images.put(found.poster_url, whole[:len(whole) // 2])
        assert online.thumbnail(found) == whole and online.images.get(found.poster_url) == whole
    finally:
        online.close()


# ---- 3 and 4 in the main window: a poster dropped on the detail panel, a poster file cut short ----------------

@pytest.fixture
def open_window(qtbot, tmp_path, monkeypatch):
    """The main window on a catalog, as a person sees it once the list has loaded."""
    from PySide6.QtWidgets import QMessageBox

    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.ui_settings import UiSettings
    # a modal question would wait forever offscreen
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)

    def open_on(catalog) -> MainWindow:
        settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        window = MainWindow(catalog, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not window.model.is_loading() and window.model.rowCount() == catalog.count(""),
                        timeout=5000)
        return window
    return open_on


def show(window, qtbot, work_id: int) -> None:
    window.on_work_activated(work_id)
    qtbot.waitUntil(lambda: window.detail.work_id == work_id, timeout=5000)


def drop_on_poster(window, path: Path) -> None:
    """Drag a file from the desktop and drop it on the detail panel's poster."""
    from catalog_app.gui.detail_panel import PosterView
    poster = window.detail.findChild(PosterView)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPointF(poster.rect().center())
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(poster, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(poster, QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))


def test_a_png_declaring_20000_pixels_dropped_on_the_poster_is_refused_and_the_old_poster_kept(
        sqlite_sample, open_window, qtbot, tmp_path):
    window = open_window(sqlite_sample)
    lost = sqlite_sample.resolve("Lost in Starlight")
    show(window, qtbot, lost)
    path = tmp_path / "huge poster.png"
    path.write_bytes(png_declaring())
    before = snapshot(sqlite_sample)
    drop_on_poster(window, path)
    assert window.statusBar().currentMessage() == (
        f"{path}: is 20000×20000 pixels; posters may be at most 12000 pixels a side")
    assert snapshot(sqlite_sample) == before  # the poster it had, and nothing else changed
    assert window.detail.work_id == lost and window.isVisible()


def test_a_truncated_jpeg_in_the_catalog_shows_a_placeholder_and_one_line_naming_the_file(
        sqlite_sample, open_window, qtbot):
    # A poster file cut short on disk (a full disk, a copy stopped half-way): the catalog still names it
    work_id = sqlite_sample.resolve("Parasite")
    whole = jpeg()
    digest = sqlite_sample.set_poster(work_id, whole, "image/jpeg", 300, 450)
    path = sqlite_sample.image_file(digest, "image/jpeg")
    path.write_bytes(whole[:len(whole) // 2])
    window = open_window(sqlite_sample)
    show(window, qtbot, work_id)
    qtbot.waitUntil(lambda: "A poster cannot be shown" in window.statusBar().currentMessage(), timeout=5000)
    assert window.statusBar().currentMessage() == (
        f"A poster cannot be shown: {path}: the file is cut short or damaged")
    # From now on the poster cache answers its placeholder for it, without decoding it again
    assert window.posters.failure(digest) == f"{path}: the file is cut short or damaged"
    shown = window.posters.pixmap(digest, "image/jpeg", QSize(180, 270))
    assert shown.toImage() == window.posters.placeholder(QSize(180, 270)).toImage()
    assert window.isVisible()


def test_a_truncated_jpeg_dropped_on_the_poster_gives_one_clear_result(sqlite_sample, open_window, qtbot, tmp_path):
    window = open_window(sqlite_sample)
    work_id = sqlite_sample.resolve("Lost in Starlight")
    show(window, qtbot, work_id)
    whole = jpeg()
    path = tmp_path / "scan.jpg"
    path.write_bytes(whole[:len(whole) // 2])
    before = snapshot(sqlite_sample)
    drop_on_poster(window, path)
    message = window.statusBar().currentMessage()
    if message != "Poster replaced.":  # refused: said with the file's name, and the old poster kept
        assert str(path) in message and "cut short" in message, message
        assert snapshot(sqlite_sample) == before
        return
    # Taken (the window reads only the header of a dropped file): then the poster cache finds it cut short
    qtbot.waitUntil(lambda: "A poster cannot be shown" in window.statusBar().currentMessage(), timeout=5000)
    poster = next(i for i in sqlite_sample.load(work_id)[0]["images"] if i["primary"])
    assert window.statusBar().currentMessage() == (
        f"A poster cannot be shown: {sqlite_sample.image_file(poster['hash'], poster['mime'])}: "
        "the file is cut short or damaged")
    assert window.isVisible()


# ---- 5. HTML and javascript: links in the catalog's text ---------------------------------------------------------

MARKUP = {
    "title": '<i>Markup</i> <a href="javascript:alert(1)">title</a>',
    "synopsis": "<h1>Big</h1> <a href=\"javascript:alert('synopsis')\">click</a>",
    "person": "<b>Evil</b><img src=x onerror=alert(1)>",
    "character": "<i>me</i>",
    "tag": "<u>tag</u>",
    "platform": "<b>Shop</b>",
    "quote": "<a href='javascript:alert(1)'>quote</a>",
    "author": "<b>Critic</b>",
    "relation": "<img src=x onerror=alert(3)>",
    "note": "<s>note</s>",
    "notes": "<script>alert('notes')</script>",
    "viewing": "<b>viewing</b>",
    "list": "<a href='javascript:alert(4)'>My list</a>",
}


def marked_up() -> dict:
    """A Starlight JSON document whose every text is markup, and whose one link is a web address."""
    return {"format": "starlight-catalog", "version": 1,
            "people": [{"id": "p1", "name": MARKUP["person"], "external_ids": {}}],
            "works": [{"id": "w1", "title": MARKUP["title"], "year": 2020, "synopsis": MARKUP["synopsis"],
                       "credits": [{"person": "p1", "role": "director"},
                                   {"person": "p1", "role": "cast", "character": MARKUP["character"]}],
                       "tags": [MARKUP["tag"]],
                       "availability": [{"platform": MARKUP["platform"], "kind": "rent",
                                         "url": "https://shop.example/rent?x=<b>"}],
                       "quotes": [{"text": MARKUP["quote"], "author": MARKUP["author"]}],
                       "relations": [{"kind": "similar", "title": MARKUP["relation"], "year": 1999,
                                      "note": MARKUP["note"]}],
                       "personal": {"status": "completed", "notes": MARKUP["notes"],
                                    "viewings": [{"date": "2024-01-01", "note": MARKUP["viewing"]}]}}],
            "lists": [{"name": MARKUP["list"], "description": "<b>desc</b>", "works": ["w1"]}]}


@pytest.mark.parametrize("field, link", [
    ("availability", "javascript:alert(document.cookie)"),
    ("availability", "JaVaScRiPt:alert(1)"),
    ("quotes", "data:text/html,<script>alert(1)</script>"),
    ("quotes", "file:///etc/passwd"),
])
def test_a_link_that_is_not_http_is_refused_by_the_import_naming_where(sample_db, tmp_path, field, link):
    document = marked_up()
    document["works"][0][field][0]["url"] = link
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = fingerprint(sample_db)
    one_line(starlight("--db", sample_db, "import", str(path)), f"starlight: {path}: works[0] (",
             f").{field}[0].url: must be an http(s) link, not {link!r}")
    assert fingerprint(sample_db) == before
    # (a link that got into a record some other way is still never a link: test_gui_detail.py, safe_url)


def rendered_tooltips(widget) -> list[str]:
    """Every tooltip under `widget` that Qt would read as rich text without it being escaped first."""
    from PySide6.QtGui import Qt as QtGui
    from PySide6.QtWidgets import QWidget
    return [w.toolTip() for w in widget.findChildren(QWidget) if w.toolTip() and QtGui.mightBeRichText(w.toolTip())
            and not w.toolTip().startswith("<p style='white-space:pre-wrap'>")]


def test_markup_in_every_text_is_shown_as_text_and_only_web_addresses_are_links(sqlite_sample, open_window, qtbot,
                                                                                tmp_path):
    from catalog_app.gui.detail_panel import Link
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(marked_up()), encoding="utf-8")
    sqlite_sample.import_file(str(path))
    work_id = sqlite_sample.resolve(MARKUP["title"])
    window = open_window(sqlite_sample)
    show(window, qtbot, work_id)

    # The detail panel: every text as typed, in labels that never read markup
    labels = [label for label in window.detail.findChildren(QLabel) if label.isVisibleTo(window.detail)]
    shown = "\n".join(label.text() for label in labels)
    for key in ("title", "synopsis", "person", "tag", "platform", "author", "relation", "note", "notes", "viewing"):
        assert MARKUP[key] in shown, key
    assert f"“{MARKUP['quote']}”" in shown and f"as {MARKUP['character']}" in shown
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in window.detail.findChildren(QLabel))
    targets = [link.target for link in window.detail.findChildren(Link) if isinstance(link.target, str)]
    assert targets == ["https://shop.example/rent?x=%3Cb%3E"]  # the one address, percent-encoded
    assert rendered_tooltips(window.detail) == []

    # The list, its sidebar and the person's page
    assert window.model.index(window.model.row_of(work_id), 0).data() == MARKUP["title"]
    assert ("Lists", MARKUP["list"], "1") in window.sidebar.entries()  # tree items are never rich text
    from catalog_app.store.tables import Person
    window.detail.person_activated.emit(Person.get(Person.name == MARKUP["person"]).id)
    qtbot.waitUntil(lambda: window.right.currentWidget() is window.person, timeout=3000)
    page = [label.text() for label in window.person.findChildren(QLabel) if label.isVisibleTo(window.person)]
    assert MARKUP["person"] in page and f"as {MARKUP['character']}" in page
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in window.person.findChildren(QLabel))

    # The person's other works, as an online source lists them: titles from outside, an "add" link each
    from catalog_app.providers.base import Candidate, CreditedWork
    other = Candidate("tmdb", "movie/1", "<b>Other</b><img src=x>", 2001)
    window.person.show_elsewhere("TMDB", [(CreditedWork(other, "director"), None)])
    assert "<b>Other</b><img src=x> (2001)" in [label.text() for label in window.person.findChildren(QLabel)]
    assert rendered_tooltips(window.person) == []


def test_the_lists_tooltip_shows_a_title_as_text(sqlite_sample, open_window, qtbot):
    from PySide6.QtGui import Qt as QtGui
    work_id = sqlite_sample.add_new(MARKUP["title"], 2020)
    window = open_window(sqlite_sample)
    tooltip = window.model.index(window.model.row_of(work_id), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert not QtGui.mightBeRichText(tooltip) or tooltip.startswith("<p style='white-space:pre-wrap'>")


def test_the_html_export_escapes_every_text_and_links_only_web_addresses(sqlite_catalog, tmp_path):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(marked_up()), encoding="utf-8")
    sqlite_catalog.import_file(str(path))
    sqlite_catalog.export_file(str(tmp_path / "site"), "html")
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    for key, text in MARKUP.items():
        assert text not in pages, key
    assert "&lt;script&gt;alert(&#x27;notes&#x27;)&lt;/script&gt;" in pages
    assert "&lt;img src=x onerror=alert(3)&gt; (1999)" in pages
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|data|file):""", pages, re.IGNORECASE)


# ---- 6. CSV export cells a spreadsheet would run -----------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_a_csv_export_writes_no_cell_a_spreadsheet_would_run(sample_db, tmp_path):
    people = [{"id": "p1", "name": "=1+1", "external_ids": {}}]
    works = [
        {"title": '=HYPERLINK("http://evil.example","click")', "original_title": "+cmd|' /C calc'!A0",
         "tags": ["@SUM(1+1)*cmd|' /C calc'!A0"], "genres": ["-2+3+cmd|' /C calc'!A0"],
         "synopsis": "\t=1+1", "credits": [{"person": "p1", "role": "director"}]},
        {"title": "-1 Day", "synopsis": "\r=HYPERLINK(\"http://evil.example\")", "tags": ["=tag"]},
        {"title": "@everyone", "original_title": "  =spaces are trimmed, the formula is not"},
    ]
    source = tmp_path / "formulas.json"
    source.write_text(json.dumps({"format": "starlight-catalog", "version": 1, "people": people, "works": works}),
                      encoding="utf-8")
    assert starlight("--db", sample_db, "import", str(source)).returncode == 0
    path = tmp_path / "catalog.csv"
    columns = "title,original_title,director,genres,tags,synopsis"
    exported = starlight("--db", sample_db, "export", str(path), "--columns", columns)
    assert exported.returncode == 0, exported.stderr

    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert rows[0] == columns.split(",")
    cells = [cell for row in rows[1:] for cell in row]
    assert [cell for cell in cells if cell.startswith(FORMULA_START)] == []
    by_title = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    first = by_title["'" + works[0]["title"]]
    assert first == {"title": "'" + works[0]["title"], "original_title": "'" + works[0]["original_title"],
                     "director": "'=1+1", "genres": "'" + works[0]["genres"][0], "tags": "'" + works[0]["tags"][0],
                     "synopsis": "'\t=1+1"}
    assert by_title["'-1 Day"]["synopsis"] == "'\r=HYPERLINK(\"http://evil.example\")"
    assert by_title["'@everyone"]["original_title"] == "'=spaces are trimmed, the formula is not"
    # The catalog keeps what was typed; only the exported cells are neutralized
    shown = json.loads(starlight("--db", sample_db, "show", "-1 Day", "--json").stdout)["works"][0]
    assert shown["title"] == "-1 Day" and shown["synopsis"].startswith("\r=")


# ---- 7. SQL-looking and 100,000-character titles -----------------------------------------------------------------

SQL_TITLES = ["'; DROP TABLE work; --", '" OR 1=1', "Robert'); DROP TABLE Students;--", "1' OR '1'='1",
              "x%_\\* LIKE '%'"]


def native(works: list[dict]) -> str:
    return json.dumps({"format": "starlight-catalog", "version": 1, "works": works})


def listed(db: str, *query: str) -> list[str]:
    result = starlight("--db", db, "list", *query)
    assert result.returncode == 0, result.stderr
    return [line.split("\t")[1] for line in result.stdout.splitlines()]


def test_sql_looking_titles_are_added_found_shown_exported_and_imported_again_as_text(sample_db, tmp_path):
    def titles(db: str, query: str = "") -> list[str]:
        with Catalog.open(db) as catalog:  # the search `starlight list` and the window's box run
            return sorted(row[1] for row in catalog.find(query))
    sample_titles = titles(sample_db)
    before = works_but(sample_db, [])
    source = tmp_path / "sql.json"
    source.write_text(native([{"title": t, "year": 2000 + n} for n, t in enumerate(SQL_TITLES)]), encoding="utf-8")
    assert starlight("--db", sample_db, "import", str(source)).returncode == 0
    assert titles(sample_db) == sorted(sample_titles + SQL_TITLES)  # nothing dropped, nothing else

    assert listed(sample_db, "DROP TABLE") == sorted(SQL_TITLES[:1] + SQL_TITLES[2:3])
    # A quote opens a phrase: the works whose words are "or 1 1", not all of them
    assert titles(sample_db, '" OR 1=1') == sorted(['" OR 1=1', "1' OR '1'='1"])
    assert titles(sample_db, "Students;--") == [SQL_TITLES[2]] and titles(sample_db, "LIKE") == [SQL_TITLES[4]]
    assert titles(sample_db, "%") == titles(sample_db, "_") == titles(sample_db, "*") == []
    shown = starlight("--db", sample_db, "show", SQL_TITLES[0])
    assert shown.returncode == 0 and shown.stdout.startswith(f"{SQL_TITLES[0]} (2000)"), shown.stderr
    checked = starlight("--db", sample_db, "check")
    assert checked.returncode == 0 and "no problems found" in checked.stdout

    exported = tmp_path / "out.json"
    assert starlight("--db", sample_db, "export", str(exported)).returncode == 0
    again = str(tmp_path / "again.sqlite")
    assert starlight("--db", again, "import", str(exported)).returncode == 0
    assert titles(again) == sorted(sample_titles + SQL_TITLES)
    assert works_but(sample_db, SQL_TITLES) == before  # the works the catalog had, as they were


def test_typing_a_whole_sql_looking_title_finds_it(sqlite_catalog):
    work_id = sqlite_catalog.add_new(SQL_TITLES[0], 2000)
    assert [row[0] for row in sqlite_catalog.find(SQL_TITLES[0])] == [work_id]


def test_the_search_box_takes_sql_looking_text_as_words(sqlite_sample, open_window, qtbot):
    for n, title in enumerate(SQL_TITLES):
        sqlite_sample.add_new(title, 2000 + n)
    before = snapshot(sqlite_sample)
    window = open_window(sqlite_sample)

    def shown() -> list[str]:
        return [window.model.index(row, 0).data() for row in range(window.model.rowCount())]
    for typed, expected in (("DROP TABLE", sorted(SQL_TITLES[:1] + SQL_TITLES[2:3])),
                            ('" OR 1=1', sorted(['" OR 1=1', "1' OR '1'='1"])), ("Students;--", [SQL_TITLES[2]]),
                            ("%", [])):
        window.search.setText(typed)
        qtbot.waitUntil(lambda: sorted(shown()) == expected, timeout=3000)
    assert snapshot(sqlite_sample) == before


LONG = 100_000


def long_title(length: int = LONG) -> str:
    """A title of `length` characters with a findable word in its middle."""
    half = (length - len(" needle ")) // 2
    return "A" * half + " needle " + "B" * (length - half - len(" needle "))


def test_a_100000_character_title_is_refused_naming_where_and_the_catalog_is_unchanged(sample_db, tmp_path):
    # The format keeps titles to 2,000 characters (docs/format.md, "short text")
    title = long_title()
    source = tmp_path / "long.json"
    source.write_text(native([{"title": "Fine", "year": 2000}, {"title": title, "year": 2001}]), encoding="utf-8")
    before = fingerprint(sample_db)
    line = one_line(starlight("--db", sample_db, "import", str(source)),
                    f"{source}: works[1].title: is 100,000 characters long; at most 2,000 are kept")
    assert len(line) < 300
    assert fingerprint(sample_db) == before  # not even "Fine": a native file comes in whole or not at all

    # In a table or another tool's export, that line is skipped (said in a short line) and the others taken
    for name, text, fmt in (("long.csv", f"title,year\nFine,2000\n{title},2001\n", "csv"),
                            ("watched.csv", "Date,Name,Year,Letterboxd URI\n2020-01-01,Fine,2000,https://boxd.it/a\n"
                                            f"2020-01-02,{title},2001,https://boxd.it/b\n", "letterboxd")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        db = str(tmp_path / f"{fmt}.sqlite")
        result = starlight("--db", db, "import", str(path), "--format", fmt)
        assert result.returncode == 0, result.stderr
        skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
        assert len(skipped) == 1 and "line 3: AAAA" in skipped[0] and len(skipped[0]) < 400, skipped
        assert skipped[0].endswith("title: is 100,000 characters long; at most 2,000 are kept")
        assert listed(db) == ["Fine"]


def test_the_longest_title_and_a_100000_character_synopsis_go_in_and_out_whole(sample_db, tmp_path):
    title, synopsis = long_title(2_000), "word " * (LONG // 5 - 1) + "last!"
    assert len(synopsis) == LONG
    source = tmp_path / "long.json"
    source.write_text(native([{"title": title, "year": 2001, "synopsis": synopsis}]), encoding="utf-8")
    before = fingerprint(sample_db)
    assert starlight("--db", sample_db, "import", str(source)).returncode == 0
    assert listed(sample_db, "needle last") == [title]  # a word of the title and one of the synopsis
    shown = json.loads(starlight("--db", sample_db, "show", "needle", "--json").stdout)["works"][0]
    assert (shown["title"], shown["synopsis"]) == (title, synopsis)
    exported = tmp_path / "out.json"
    assert starlight("--db", sample_db, "export", str(exported)).returncode == 0
    again = str(tmp_path / "again.sqlite")
    assert starlight("--db", again, "import", str(exported)).returncode == 0
    back = json.loads(starlight("--db", again, "show", "needle", "--json").stdout)["works"][0]
    assert (back["title"], back["synopsis"]) == (title, synopsis)
    with Catalog.open(sample_db) as catalog:
        catalog.delete_works([catalog.resolve("needle")])
    assert fingerprint(sample_db) == before


def test_the_list_and_the_detail_panel_take_very_long_texts(sqlite_sample, open_window, qtbot):
    from catalog_app.gui.detail_panel import DetailPanel
    title, synopsis = long_title(2_000), "lorem ipsum " * (LONG // 12)
    work_id = sqlite_sample.add_new(title, 2001)
    record, people = sqlite_sample.load(work_id)
    record["synopsis"] = synopsis
    sqlite_sample.save_work(work_id, record["version"], record, people)
    window = open_window(sqlite_sample)
    assert window.model.index(window.model.row_of(work_id), 0).data() == title
    show(window, qtbot, work_id)
    texts = [label.text() for label in window.detail.findChildren(QLabel)]
    assert title in texts and synopsis in texts
    window.search.setText("needle")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and not window.model.is_loading(), timeout=3000)

    # A title of 100,000 characters cannot be stored, but the panel shows what it is given: in well under the
    # 3 s here (about 0.5 s; a page of ordinary length takes 0.05 s), and whole
    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.resize(640, 900)
    panel.show()
    record = dict(record, title=long_title(), synopsis=long_title().replace("A", "C"))
    started = time.perf_counter()
    panel.show_work(record, people)
    QApplication.processEvents()
    assert time.perf_counter() - started < 3.0
    texts = [label.text() for label in panel.findChildren(QLabel)]
    assert record["title"] in texts and record["synopsis"] in texts


# ---- 8. Bytes that are not UTF-8 ---------------------------------------------------------------------------------

def test_the_real_mal_export_with_bytes_that_are_not_utf8_imports_and_says_how_many_were_repaired(sample_db):
    result = starlight("--db", sample_db, "import", str(EXPORTS / "mal" / "animelist_nuck.kitsu.xml"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[0] == ("import: 109 new, 0 matched, 0 conflicting, 0 doubtful, 0 skipped; "
                                             "8 stretches of bytes that were not UTF-8 repaired or replaced")
    hack = json.loads(starlight("--db", sample_db, "show", ".hack//Sign", "--json").stdout)["works"][0]
    assert hack["external_ids"] == {"mal": "48"}
    assert starlight("--db", sample_db, "check").returncode == 0


@pytest.mark.parametrize("name, data, where", [
    ("watched.csv", b"Date,Name,Year,Letterboxd URI\n2020-01-01,Alien,1979,https://boxd.it/x\n"
                    b"2020-01-02,Bad \x81\x8d name,1980,https://boxd.it/y\n",
     "watched.csv line 3: is not text in utf-8-sig or cp1252 (byte b'\\x81')"),
    ("ratings.csv", b"Const,Your Rating,Title,Title Type,Year\ntt0000001,7,Caf\x81\xff,movie,2000\n",
     "ratings.csv line 2: is not text in utf-8-sig or cp1252 (byte b'\\x81')"),
    ("table.csv", b"title,year\nAlien,1979\nBad \x81\x8d\xff name,1980\n",
     "table.csv line 3: is not Windows-1252 (Western) text like the lines before it"),
    ("catalog.json", b'{"format": "starlight-catalog", "version": 1, "works": [{"title": "Caf\xe9 \x81"}]}',
     "catalog.json: is not UTF-8 text (byte 70: b'\\xe9')"),
], ids=["letterboxd", "imdb", "csv table", "starlight json"])
def test_bytes_no_encoding_reads_are_named_by_file_and_line(sample_db, tmp_path, name, data, where):
    path = tmp_path / name
    path.write_bytes(data)
    before = fingerprint(sample_db)
    one_line(starlight("--db", sample_db, "import", str(path)), where)
    assert fingerprint(sample_db) == before


# ---- 9. Provider JSON with the wrong types -----------------------------------------------------------------------

def recorded(folder: str, name: str):
    return json.loads((FIXTURES / folder / name).read_text(encoding="utf-8"))


def answers() -> dict:
    """provider: (path served, recorded answer, id to fetch, base address, other paths served)."""
    from provider_helpers import fight_club
    return {
        "tmdb": ("/3/movie/550", fight_club(), "movie/550", "/3",
                 {"/3/configuration": recorded("tmdb", "configuration_2017.flexget.json")}),
        "jikan": ("/v4/anime/457/full", recorded("jikan", "anime_457_mushishi.jikanpy.json"), "457", "/v4",
                  {"/v4/anime/457/episodes": {"data": [], "pagination": {"has_next_page": False}}}),
        "tvmaze": ("/shows/13", recorded("tvmaze", "show_13_embed_seasons.flexget.json"), "13", "/", {}),
        "omdb": ("/", recorded("omdb", "omdb_t_inception.movie-app-node.json"), "tt1375666", "/", {}),
        "anilist": ("/", recorded("anilist", "media_99426_sora_yori_mo_tooi_basho.pyanilist.json"), "99426", "/", {}),
        "wikidata": ("/w/api.php", {"entities": {"Q2262932": recorded(
            "wikidata", "Q2262932_City_Streets_1931_entity.we-framework.json")}, "success": 1}, "Q2262932",
            "/w/api.php", {}),
    }


def online_serving(httpserver, tmp_path, provider: str, answer):
    """The app's online services, with `provider` asking the local server, which gives `answer` for its work."""
    from werkzeug import Response

    from catalog_app.services.online import Online, OnlineSettings
    path, _, _, base, others = answers()[provider]
    for other, body in others.items():
        httpserver.expect_request(other).respond_with_json(body)
    if provider == "wikidata":  # the work, then the labels of what it names (none of them here)
        def wikidata(request):
            body = answer if request.args.get("ids") == "Q2262932" else {"entities": {}, "success": 1}
            return Response(json.dumps(body), content_type="application/json")
        httpserver.expect_request(path).respond_with_handler(wikidata)
    else:
        httpserver.expect_request(path).respond_with_data(json.dumps(answer), content_type="application/json")
    address = httpserver.url_for(base)
    settings = OnlineSettings(urls={provider: address if provider == "omdb" else address.rstrip("/")},
                              keys={"omdb": "test-key", "tmdb": "test-key"}, anilist_enabled=True)
    return Online(settings, local_client(tmp_path))


def broken(answer, path: tuple, value):
    """A copy of a recorded answer with the field at `path` replaced (the whole answer for an empty path)."""
    import provider_helpers
    return provider_helpers.broken(answer, path, value) if path else value


WORK = ("entities", "Q2262932")


@pytest.mark.parametrize("provider, path, value, why", [
    ("tmdb", ("id",), "550", "the details have no id"),  # a string where a number is
    ("tmdb", ("title",), ["Fight Club"], "movie/550 has no title"),  # a list where a text is
    ("tmdb", (), [], "the details answer is not a JSON object"),  # a list where an object is
    ("jikan", ("data", "mal_id"), "457", "the anime has no mal_id or no title"),
    ("jikan", ("data",), None, "the anime has no mal_id or no title"),  # null where an object is
    ("jikan", ("data",), [], "the anime has no mal_id or no title"),
    ("tvmaze", ("id",), "thirteen", "the show has no id or no name"),
    ("tvmaze", ("name",), None, "the show has no id or no name"),
    ("tvmaze", (), [], "the show has no id or no name"),
    ("omdb", ("imdbID",), 1375666, "the title has no name or no IMDb id"),  # a number where a string is
    ("omdb", ("Title",), None, "the title has no name or no IMDb id"),
    ("omdb", (), [], "the answer is not a JSON object"),
    ("anilist", ("data", "Media", "id"), "99426", "the anime has no id or no title"),
    ("anilist", ("data", "Media", "title"), "Sora yori mo Tooi Basho", "the anime has no id or no title"),
    ("anilist", ("data", "Media"), [], "the anime has no id or no title"),
    ("wikidata", WORK + ("id",), 2262932, "the work is not an entity with an item id"),
    ("wikidata", WORK, [], "Q2262932 is not a JSON object"),
    ("wikidata", ("entities",), [], "the entities answer has no entities"),
])
def test_a_provider_answer_with_the_wrong_types_is_refused_in_one_line_naming_the_source(
        sqlite_sample, httpserver, tmp_path, provider, path, value, why):
    _, answer, ident, _, _ = answers()[provider]
    online = online_serving(httpserver, tmp_path, provider, broken(answer, path, value))
    before = snapshot(sqlite_sample)
    try:
        with pytest.raises(StarlightError) as refused:  # what the window and the command line show as one line
            online.add(sqlite_sample, online.fetch(provider, ident))
    finally:
        online.close()
    assert str(refused.value) == f"{provider}: unexpected answer: {why}"
    assert snapshot(sqlite_sample) == before


@pytest.mark.parametrize("provider, path, value, field, left", [
    ("tmdb", ("genres",), None, "genres", []),  # null where a list is
    ("tmdb", ("credits",), [], "credits", []),  # a list where an object is
    ("tmdb", ("runtime",), "139", "runtime", None),  # a string where a number is
    ("jikan", ("data", "genres"), None, "genres", []),
    ("jikan", ("data", "score"), "8.7", "ratings", []),
    ("tvmaze", ("genres",), None, "genres", []),
    ("tvmaze", ("network",), [], "companies", []),
    ("tvmaze", ("runtime",), "60", "runtime", None),
    ("omdb", ("Genre",), [], "genres", []),
    ("omdb", ("Runtime",), 148, "runtime", None),
    ("anilist", ("data", "Media", "genres"), None, "genres", []),
    ("anilist", ("data", "Media", "startDate"), [], "year", None),
    ("anilist", ("data", "Media", "duration"), "24", "runtime", None),
    ("wikidata", WORK + ("claims", "P577"), "1931", "year", None),
    ("wikidata", WORK + ("claims", "P2047"), [{"mainsnak": {"datavalue": {"value": {"amount": "eighty"}}}}],
     "runtime", None),
])
def test_a_wrong_type_in_one_detail_leaves_that_detail_out_and_the_work_comes_in_valid(
        sqlite_catalog, httpserver, tmp_path, provider, path, value, field, left):
    _, answer, ident, _, _ = answers()[provider]
    online = online_serving(httpserver, tmp_path, provider, broken(answer, path, value))
    try:
        work_id, _ = online.add(sqlite_catalog, online.fetch(provider, ident))
    finally:
        online.close()
    assert sqlite_catalog.load(work_id)[0][field] == left
    assert sqlite_catalog.check() == []


def test_the_command_line_says_a_broken_answer_in_one_line_and_adds_nothing(sample_db, httpserver):
    from provider_helpers import fight_club
    httpserver.expect_request("/3/configuration").respond_with_json(
        recorded("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/movie/550").respond_with_json(dict(fight_club(), id="550"))
    env = {"STARLIGHT_TMDB_URL": httpserver.url_for("/3"), "STARLIGHT_TMDB_KEY": "test-key"}
    before = fingerprint(sample_db)
    result = starlight("--db", sample_db, "add-online", "tmdb:movie/550", env=env)
    assert one_line(result) == "starlight: tmdb: unexpected answer: the details have no id"
    assert fingerprint(sample_db) == before


def test_a_search_whose_every_source_answers_the_wrong_types_gives_one_line_each(httpserver, tmp_path):
    from catalog_app.services.online import Online, OnlineSettings
    served = {
        "/3/search/movie": {"page": 1, "results": {"id": 603, "title": "The Matrix"}},  # an object where a list is
        "/3/search/tv": {"page": 1, "results": {"id": 1399}},
        "/v4/anime": {"data": {"mal_id": 1}},
        "/tvmaze/search/shows": {"score": 1, "show": {"id": 1}},
        "/omdb/": {"Search": "The Matrix", "totalResults": "1", "Response": "True"},  # a string where a list is
        "/anilist": {"data": {"Page": {"media": None}}},  # null where a list is
        "/w/api.php": {"search": {"id": "Q83495"}, "success": 1},
        "/3/configuration": recorded("tmdb", "configuration_2017.flexget.json"),
    }
    for path, body in served.items():
        httpserver.expect_request(path).respond_with_json(body)
    settings = OnlineSettings(urls={"tmdb": httpserver.url_for("/3"), "jikan": httpserver.url_for("/v4"),
                                    "tvmaze": httpserver.url_for("/tvmaze"), "omdb": httpserver.url_for("/omdb/"),
                                    "anilist": httpserver.url_for("/anilist"),
                                    "wikidata": httpserver.url_for("/w/api.php")},
                              keys={"omdb": "test-key", "tmdb": "test-key"}, anilist_enabled=True)
    online = Online(settings, local_client(tmp_path))
    try:
        results = online.search("The Matrix")
    finally:
        online.close()
    assert results.candidates == []
    assert sorted(results.errors) == sorted(online.enabled()) == sorted(["tmdb", "jikan", "tvmaze", "omdb",
                                                                         "anilist", "wikidata"])
    for provider, message in results.errors.items():
        assert message.startswith(f"{provider}: unexpected answer: ") and "\n" not in message, message
