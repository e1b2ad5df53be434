"""The detail panel and the person page, on the real sample: every fact visible, links emit, text stays text."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import QMimeData, QObject, QPointF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QBoxLayout, QLabel

from catalog_app.gui import detail_panel
from catalog_app.gui.detail_panel import Chip, DetailPanel, Link, PosterView, safe_url
from catalog_app.gui.person_view import PersonView
from catalog_app.store.works import works_of_person


# ---- helpers --------------------------------------------------------------------------------------------


def labels(widget) -> list[QLabel]:
    """The labels a person can see on the page (the page is shown, so hidden sections do not count)."""
    return [label for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def texts(widget) -> list[str]:
    return [label.text() for label in labels(widget)]


def page_text(widget) -> str:
    return "\n".join(texts(widget))


def links(widget, text: str | None = None) -> list[Link]:
    return [w for w in widget.findChildren(Link) if w.isVisibleTo(widget) and (text is None or w.text() == text)]


def the_link(widget, text: str) -> Link:
    found = links(widget, text)
    assert len(found) >= 1, f"no link '{text}' among {[w.text() for w in links(widget)]}"
    return found[0]


def person_id(people: dict, name: str) -> int:
    key = next(k for k, p in people.items() if p["name"] == name)
    return int(key[1:])


@pytest.fixture
def panel(qtbot):
    widget = DetailPanel()
    qtbot.addWidget(widget)
    widget.resize(640, 1000)
    widget.show()
    return widget


@pytest.fixture
def lost(sqlite_sample):
    record, people = sqlite_sample.load(sqlite_sample.resolve("Lost in Starlight"))
    return record, people


class FakePosters(QObject):
    """The PosterCache interface: pixmap() answers None until the poster is 'loaded', then a pixmap."""

    poster_ready = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.loaded: set[str] = set()
        self.asked: list[tuple[str, str, QSize]] = []
        self.placeholders: list[str] = []

    def pixmap(self, digest: str, mime: str, size: QSize) -> QPixmap | None:
        self.asked.append((digest, mime, QSize(size)))
        if digest not in self.loaded:
            return None
        pixmap = QPixmap(40, 60)
        pixmap.fill(QColor(200, 30, 30))
        return pixmap

    def placeholder(self, size: QSize, title: str) -> QPixmap:
        self.placeholders.append(title)
        pixmap = QPixmap(size)
        pixmap.fill(QColor(90, 90, 90))
        return pixmap


# ---- everything is shown ----------------------------------------------------------------------------------


def test_lost_in_starlight_shows_every_kind_of_fact(panel, lost):
    record, people = lost
    panel.show_work(record, people)
    shown = texts(panel)
    text = page_text(panel)
    assert panel.work_id == int(record["id"][1:])
    for expected in ("Lost in Starlight", "이 별에 필요한", "Korean", "I Byeore Piryohan", "Rotten Tomatoes", "91%",
                     "Netflix", "Kim Tae-ri", "Han Ji-won", "Kang Hyun-joo", "Hong Kyung", "Bong Joon Ho",
                     "Den of Geek", "The Summer (2023)", "Your Name (2016)", "Suzume (2022)", "Completed",
                     "Where to watch", "Cast & crew", "Related", "Director", "Writers", "Voice cast",
                     "Follow-up to", "Compared to", "Streaming original", "A long-distance love, from Seoul to Mars."):
        assert expected in shown, expected
    for fragment in ("as Nan-young", "as Jay", "Seoul, 2050", "2025", "Film", "Anime", "South Korea",
                     "holographic jellyfish", "futuristic but not apocalyptic", "A visual masterpiece.",
                     "Far more interested in the emotional dimensions", "same keywords: space, female lead",
                     "Watch again on a big screen for the jellyfish.", "88/100", "Favourite", "김태리",
                     "Han Ji-won's previous animated film", "Romanized"):
        assert fragment in text, fragment
    chips = [c.text() for c in panel.findChildren(Chip) if c.isVisibleTo(panel)]
    for chip in ("Animation", "Science Fiction", "Romance", "space", "female lead", "music", "childhood", "love",
                 "Mars", "long-distance relationship", "near future"):
        assert chip in chips, chip
    # provenance is not shown; neither are the record's keys or version
    assert "Starlight sample" not in text and "sample" not in shown and record["id"] not in shown
    # every label shows plain text: nothing from the catalog is read as markup
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in panel.findChildren(QLabel))


def test_watch_history_rewatches_and_copies(panel, sqlite_sample):
    record, people = sqlite_sample.load(sqlite_sample.resolve("Your Name"))
    panel.show_work(record, people)
    text = page_text(panel)
    assert detail_panel.format_date("2024-08-02") + " · rewatch" in text
    assert detail_panel.format_date("2017-04-10") in text
    assert "Watched (1 rewatch)" in text
    assert "Blu-ray" in text and "Living-room shelf" in text and "loaned to Min-ji" in text
    assert "君の名は。" in text and "Kimi no Na wa." in text and "Japanese" in text
    assert the_link(panel, "IMDb tt5311514").target == "https://www.imdb.com/title/tt5311514/"


def test_ratings_show_their_source_and_scale(panel, lost):
    record, people = copy.deepcopy(lost)
    record["ratings"] += [{"source": "imdb", "value": 8.5, "scale": 10, "votes": 143853, "url": None},
                          {"source": "metacritic", "value": 74.0, "scale": 100, "votes": None, "url": None},
                          {"source": "letterboxd", "value": 4.1, "scale": 5, "votes": None,
                           "url": "https://letterboxd.com/film/lost-in-starlight/"}]
    panel.show_work(record, people)
    shown = texts(panel)
    for expected in ("91%", "Rotten Tomatoes", "IMDb", "8.5/10", "143,853 votes", "Metacritic", "74/100",
                     "4.1/5"):
        assert expected in shown, expected
    assert the_link(panel, "Letterboxd").target == "https://letterboxd.com/film/lost-in-starlight/"


# ---- links emit -------------------------------------------------------------------------------------------


def test_clicking_a_relation_opens_that_work(panel, lost, sqlite_sample, qtbot):
    panel.show_work(*lost)
    with qtbot.waitSignal(panel.work_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(panel, "The Summer (2023)"), Qt.MouseButton.LeftButton)
    assert blocker.args == [sqlite_sample.resolve("The Summer")]
    link = the_link(panel, "Suzume (2022)")
    link.setFocus()
    with qtbot.waitSignal(panel.work_activated, timeout=1000) as blocker:
        qtbot.keyClick(link, Qt.Key.Key_Return)
    assert blocker.args == [sqlite_sample.resolve("Suzume")]


def test_a_stub_relation_is_marked_and_offers_to_add_it(panel, lost, qtbot):
    record, people = copy.deepcopy(lost)
    record["relations"] += [
        {"kind": "remake_of", "target": None, "title": "Starlight Express", "year": 1999, "target_kind": "film",
         "note": None},
        {"kind": "similar", "target": None, "title": "Undated", "year": None, "target_kind": None, "note": None}]
    panel.show_work(record, people)
    marks = links(panel, "not in your catalog — add")
    assert len(marks) == 2
    assert "Remake of" in texts(panel)
    with qtbot.waitSignal(panel.stub_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(panel, "Starlight Express (1999)"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["Starlight Express", 1999, {}]
    with qtbot.waitSignal(panel.stub_activated, timeout=1000) as blocker:
        qtbot.mouseClick(marks[1], Qt.MouseButton.LeftButton)
    assert blocker.args == ["Undated", None, {}]
    with qtbot.assertNotEmitted(panel.work_activated):
        qtbot.mouseClick(marks[0], Qt.MouseButton.LeftButton)


def test_clicking_a_person_opens_that_person(panel, lost, qtbot):
    record, people = lost
    panel.show_work(record, people)
    with qtbot.waitSignal(panel.person_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(panel, "Kim Tae-ri"), Qt.MouseButton.LeftButton)
    assert blocker.args == [person_id(people, "Kim Tae-ri")]
    # a quote's author who is a person in the catalog is a link too
    with qtbot.waitSignal(panel.person_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(panel, "Bong Joon Ho"), Qt.MouseButton.LeftButton)
    assert blocker.args == [person_id(people, "Bong Joon Ho")]
    # an outlet is not
    assert not links(panel, "Den of Geek")


def test_a_press_that_ends_outside_the_link_does_nothing(panel, lost, qtbot):
    panel.show_work(*lost)
    link = the_link(panel, "Kim Tae-ri")
    with qtbot.assertNotEmitted(panel.person_activated):
        qtbot.mousePress(link, Qt.MouseButton.LeftButton)
        qtbot.mouseRelease(link, Qt.MouseButton.LeftButton, pos=link.rect().bottomRight() + link.rect().center())


def test_web_links_open_in_the_browser_and_nothing_else_does(panel, lost, monkeypatch, qtbot):
    opened: list[str] = []

    class FakeDesktop:
        @staticmethod
        def openUrl(url: QUrl) -> bool:  # noqa: N802
            opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
            return True

    monkeypatch.setattr(detail_panel, "QDesktopServices", FakeDesktop)
    record, people = copy.deepcopy(lost)
    record["availability"] += [
        {"platform": "Sneaky", "kind": "rent", "region": "FR", "url": "javascript:alert(1)", "checked_on": None},
        {"platform": "Local", "kind": "own", "region": None, "url": "file:///etc/passwd", "checked_on": None}]
    record["quotes"].append({"text": "Hm.", "kind": "quote", "author": "X", "person": None, "outlet": None,
                             "url": "data:text/html,<b>x</b>", "date": None, "language": None})
    panel.show_work(record, people)
    qtbot.mouseClick(the_link(panel, "Netflix"), Qt.MouseButton.LeftButton)
    assert opened == ["https://www.netflix.com/search?q=Lost%20in%20Starlight"]
    # the bad addresses are plain text (not links), and are never opened
    assert "Sneaky" in texts(panel) and "Local" in texts(panel)
    assert not links(panel, "Sneaky") and not links(panel, "Local")
    assert "France" in page_text(panel)
    assert not any("javascript" in str(w.target) or "file:" in str(w.target) or "data:" in str(w.target)
                   for w in links(panel))
    detail_panel.open_url(QUrl("javascript:alert(1)"))
    assert len(opened) == 1


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=c", True), ("HTTP://EXAMPLE.ORG", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), ("file:///etc/passwd", False), ("data:text/html,x", False), ("http://", False),
    ("//example.org", False), ("", False), (None, False), (" https://example.org ", True)])
def test_only_web_addresses_are_links(url, ok):
    assert (safe_url(url) is not None) == ok


# ---- text stays text --------------------------------------------------------------------------------------


def test_markup_in_the_data_is_shown_literally(panel, lost, qtbot):
    record, people = copy.deepcopy(lost)
    title = "<b>x</b><img src=https://example.org/t.png>"
    record["title"] = title
    record["original_title"] = "<i>original</i>"
    record["synopsis"] = "<script>alert(1)</script> &amp; more"
    record["tags"] = ["<u>tag</u>"]
    record["quotes"] = [{"text": "<a href='javascript:alert(1)'>click</a>", "kind": "quote",
                         "author": "<b>Someone</b>", "person": None, "outlet": "<i>Outlet</i>", "url": None,
                         "date": None, "language": None}]
    record["relations"] = [{"kind": "similar", "target": None, "title": "<h1>Big</h1>", "year": 2001,
                            "target_kind": None, "note": "<s>note</s>"}]
    key = next(iter(people))
    people[key] = dict(people[key], name="<b>Han</b>")
    panel.show_work(record, people)
    shown = texts(panel)
    text = page_text(panel)
    for literal in (title, "<i>original</i>", "<script>alert(1)</script> &amp; more", "<u>tag</u>",
                    "“<a href='javascript:alert(1)'>click</a>”", "<b>Someone</b>", "<i>Outlet</i>",
                    "<h1>Big</h1> (2001)", "<s>note</s>", "<b>Han</b>"):
        assert literal in shown, literal
    assert "alert(1)" in text
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in panel.findChildren(QLabel))
    with qtbot.waitSignal(panel.stub_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(panel, "<h1>Big</h1> (2001)"), Qt.MouseButton.LeftButton)
    assert blocker.args == ["<h1>Big</h1>", 2001, {}]


def test_markup_from_an_imported_file_is_shown_literally(sqlite_catalog, panel):
    from catalog_app.services.formats.starlight_json import from_object
    sqlite_catalog.import_document(from_object({"format": "starlight-catalog", "version": 1, "works": [
        {"title": "<b>Bold</b> <a href='javascript:alert(1)'>x</a>", "synopsis": "<script>alert(1)</script>",
         "availability": [{"platform": "<b>Shop</b>", "url": "https://shop.example/<x>"}]}]}), "test")
    record, people = sqlite_catalog.load(sqlite_catalog.resolve("<b>Bold</b> <a href='javascript:alert(1)'>x</a>"))
    panel.show_work(record, people)
    assert "<b>Bold</b> <a href='javascript:alert(1)'>x</a>" in texts(panel)
    assert "<script>alert(1)</script>" in texts(panel)
    assert the_link(panel, "<b>Shop</b>").target == "https://shop.example/%3Cx%3E"


# ---- series, seasons, episodes ----------------------------------------------------------------------------


def test_a_series_lists_its_seasons_with_episodes_watched(panel, sqlite_sample, qtbot):
    record, people = sqlite_sample.load(sqlite_sample.resolve("Squid Game"))
    panel.show_work(record, people)
    text = page_text(panel)
    assert "Seasons" in texts(panel)
    assert "6 episodes" in text and "2 of 6 watched" in text
    assert "2021–2025" in text and "Series" in text
    season = record["children"][0]
    with qtbot.waitSignal(panel.work_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(panel, "Season 3"), Qt.MouseButton.LeftButton)
    assert blocker.args == [int(season["id"][1:])]


def test_a_season_lists_its_episodes(panel, sqlite_sample, qtbot):
    series, people = sqlite_sample.load(sqlite_sample.resolve("Squid Game"))
    season_id = int(series["children"][0]["id"][1:])
    record, people = sqlite_sample.load(season_id)
    panel.show_work(record, people)
    text = page_text(panel)
    assert "Episodes" in texts(panel)
    assert "6 episodes" in text and "2 of 6 watched" in text
    assert [w.text() for w in links(panel)] == [f"Episode {n}" for n in range(1, 7)]
    assert text.count("✓ watched") == 2
    with qtbot.waitSignal(panel.work_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(panel, "Episode 2"), Qt.MouseButton.LeftButton)
    assert blocker.args == [int(record["children"][1]["id"][1:])]


# ---- poster -----------------------------------------------------------------------------------------------


def test_the_poster_comes_from_the_poster_source_when_ready(qtbot, lost):
    record, people = lost
    posters = FakePosters()
    panel = DetailPanel(posters)
    qtbot.addWidget(panel)
    panel.show_work(record, people)
    poster = panel.findChild(PosterView)
    digest = record["images"][0]["hash"]
    assert posters.asked[-1][:2] == (digest, "image/svg+xml")
    assert posters.asked[-1][2].width() * 3 == posters.asked[-1][2].height() * 2
    assert posters.placeholders == ["Lost in Starlight"]
    assert poster.size() == QSize(180, 270)
    posters.loaded.add(digest)
    posters.poster_ready.emit("some other poster")
    assert len(posters.asked) == 1
    posters.poster_ready.emit(digest)
    assert len(posters.asked) == 2 and poster.has_image()
    image = poster.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).red() > 150


def test_without_a_poster_source_the_panel_draws_its_own_placeholder(panel, lost):
    panel.show_work(*lost)
    poster = panel.findChild(PosterView)
    assert not poster.has_image()
    assert not poster.grab().isNull()


def _drag_events(path_or_url: QUrl, widget):
    mime = QMimeData()
    mime.setUrls([path_or_url])
    point = QPointF(widget.rect().center())
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    return mime, enter, drop


def test_an_image_file_dropped_on_the_poster_is_reported(panel, lost, tmp_path, qtbot):
    panel.show_work(*lost)
    poster = panel.findChild(PosterView)
    image = tmp_path / "new poster.JPG"
    image.write_bytes(b"not really a jpeg; the window checks")
    _mime, enter, drop = _drag_events(QUrl.fromLocalFile(str(image)), poster)
    QApplication.sendEvent(poster, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(panel.image_dropped, timeout=1000) as blocker:
        QApplication.sendEvent(poster, drop)
    assert blocker.args == [str(image)]


@pytest.mark.parametrize("url", [QUrl.fromLocalFile("/tmp/notes.txt"), QUrl("https://example.org/poster.jpg")])
def test_other_drops_are_refused(panel, lost, qtbot, url):
    panel.show_work(*lost)
    poster = panel.findChild(PosterView)
    _mime, enter, drop = _drag_events(url, poster)
    QApplication.sendEvent(poster, enter)
    assert not enter.isAccepted()
    with qtbot.assertNotEmitted(panel.image_dropped):
        QApplication.sendEvent(poster, drop)


# ---- layout -----------------------------------------------------------------------------------------------


def test_the_page_scrolls_and_reflows_with_its_width(panel, lost, qtbot):
    panel.show_work(*lost)
    title = next(label for label in labels(panel) if label.text() == "Lost in Starlight")
    poster = panel.findChild(PosterView)

    def title_beside_poster() -> bool:
        return title.mapTo(panel, title.rect().topLeft()).x() >= poster.mapTo(panel, poster.rect().topRight()).x()

    qtbot.waitUntil(title_beside_poster, timeout=1000)
    panel.resize(380, 800)
    qtbot.waitUntil(lambda: title.mapTo(panel, title.rect().topLeft()).y()
                    >= poster.mapTo(panel, poster.rect().bottomLeft()).y(), timeout=1000)
    header = next(layout for layout in panel.findChildren(QBoxLayout) if layout.indexOf(poster) >= 0)
    assert header.direction() == QBoxLayout.Direction.TopToBottom
    # the page is taller than the panel and scrolls; nothing is wider than the panel
    scroll = panel.scroll_area()
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0, timeout=1000)
    body = scroll.widget()
    assert body.width() <= scroll.viewport().width()
    for label in labels(panel):
        right = label.mapTo(body, label.rect().topRight()).x()
        assert right <= body.width(), label.text()
    panel.resize(900, 800)
    qtbot.waitUntil(title_beside_poster, timeout=1000)


@pytest.mark.parametrize("width", [380, 640, 1100])
def test_no_text_is_cut(panel, lost, qtbot, width):
    record, people = copy.deepcopy(lost)
    record["title"] = "A Very Long Title That Keeps Going And Going Well Beyond One Line Of The Header"
    record["runtime"], record["content_rating"] = 92, "15"
    record["relations"].append({"kind": "remake_of", "target": None, "title": "A Stub With A Rather Long Name",
                                "year": 1999, "target_kind": "film", "note": "a long note " * 12})
    record["ratings"].append({"source": "imdb", "value": 8.5, "scale": 10, "votes": 143853, "url": None})
    panel.resize(width, 900)
    panel.show_work(record, people)
    qtbot.wait(10)
    body = panel.scroll_area().widget()
    for label in labels(panel):
        assert label.mapTo(body, label.rect().topRight()).x() <= body.width(), label.text()
        if label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        else:
            assert label.width() >= label.sizeHint().width(), label.text()


def test_clear_empties_the_page(panel, lost):
    panel.show_work(*lost)
    panel.clear()
    assert panel.work_id is None
    assert not links(panel) and panel.findChild(PosterView) is None
    assert "Kim Tae-ri" not in page_text(panel)


def test_colours_come_from_the_palette(panel, lost, qtbot):
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base, "#17181a"),
                         (QPalette.ColorRole.Text, "#e8eaed"), (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.PlaceholderText, "#9aa0a6"), (QPalette.ColorRole.Link, "#8ab4f8")):
        palette.setColor(role, QColor(colour))
    panel.setPalette(palette)
    panel.show_work(*lost)
    image = panel.grab().toImage()
    assert image.pixelColor(4, image.height() - 4).lightness() < 60
    chip = next(c for c in panel.findChildren(Chip) if c.text() == "space")
    chip_image = chip.grab().toImage()
    assert chip_image.pixelColor(chip_image.width() // 2, 2).lightness() < 100


# ---- person page ------------------------------------------------------------------------------------------


def test_person_view_lists_the_works_of_a_person_by_role(qtbot, sqlite_sample):
    from catalog_app.store.tables import Person
    shinkai = Person.get(Person.name == "Makoto Shinkai")
    view = PersonView()
    qtbot.addWidget(view)
    view.resize(640, 700)
    view.show()
    view.show_person({"id": f"p{shinkai.id}", "name": shinkai.name, "original_name": shinkai.original_name,
                      "external_ids": {"imdb": "nm1396121"}}, works_of_person(shinkai.id))
    assert view.person_id == shinkai.id
    shown = texts(view)
    for expected in ("Makoto Shinkai", "新海誠", "2 works in your catalog", "Director", "Writer"):
        assert expected in shown, expected
    assert [w.text() for w in links(view) if w.text() != "IMDb nm1396121"] == [
        "Suzume (2022)", "Your Name (2016)", "Suzume (2022)", "Your Name (2016)"]
    assert the_link(view, "IMDb nm1396121").target == "https://www.imdb.com/name/nm1396121/"
    with qtbot.waitSignal(view.work_activated, timeout=1000) as blocker:
        qtbot.mouseClick(the_link(view, "Your Name (2016)"), Qt.MouseButton.LeftButton)
    assert blocker.args == [sqlite_sample.resolve("Your Name")]


def test_person_view_shows_characters_and_text_literally(qtbot, sqlite_sample):
    from catalog_app.store.tables import Person
    kim = Person.get(Person.name == "Kim Tae-ri")
    view = PersonView()
    qtbot.addWidget(view)
    view.show()
    view.show_person({"id": f"p{kim.id}", "name": "<b>Kim</b>", "original_name": kim.original_name,
                      "external_ids": {}}, works_of_person(kim.id) + [(999, "<i>Other</i>", None, "crew", None)])
    shown = texts(view)
    assert "<b>Kim</b>" in shown and "김태리" in shown and "as Nan-young" in shown and "Voice roles" in shown
    assert "<i>Other</i>" in [w.text() for w in links(view)]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in view.findChildren(QLabel))
    view.show_person({"id": "p1", "name": "Nobody", "original_name": None, "external_ids": {}}, [])
    assert "No works in your catalog" in texts(view)
