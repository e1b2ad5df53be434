"""The main window as a person uses it: search, sort, select, edit with undo, conflicts, delete and undo,
a dropped poster, pasting a title, stubs, people, and the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage

from catalog_app.gui.main_window import MainWindow
from catalog_app.gui.ui_settings import UiSettings


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    """A modal question would wait forever offscreen: unsaved edits are discarded when a test closes the window."""
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def window(sqlite_sample, qtbot, tmp_path):
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    win = MainWindow(sqlite_sample, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 8 and not win.model.is_loading(), timeout=5000)
    qtbot.waitUntil(lambda: win.detail.work_id is not None, timeout=5000)
    return win


def titles(win):
    return [win.model.index(r, 0).data() for r in range(win.model.rowCount())]


def detail_text(win):
    from PySide6.QtWidgets import QLabel
    return "\n".join(label.text() for label in win.detail.findChildren(QLabel))


def settle(qtbot, win):
    qtbot.waitUntil(lambda: not win.model.is_loading(), timeout=5000)


def test_title_sidebar_and_first_work(window):
    assert window.windowTitle() == "Starlight — Sample catalog"
    assert ("Library", "All", "8") in window.sidebar.entries()
    assert ("Lists", "Korean animation", "2") in window.sidebar.entries()
    assert window.count_label.text() == "8 works"


def test_search_as_you_type_and_select(window, qtbot):
    qtbot.keyClicks(window.search, "starl")
    qtbot.waitUntil(lambda: titles(window) == ["Lost in Starlight"], timeout=3000)
    qtbot.waitUntil(lambda: "이 별에 필요한" in detail_text(window), timeout=3000)
    assert "Kim Tae-ri" in detail_text(window) and "Rotten Tomatoes" in detail_text(window)
    assert window.count_label.text() == "1 work"
    window.search.setText("year:soon")
    qtbot.waitUntil(lambda: "year takes a number" in window.statusBar().currentMessage(), timeout=3000)


def test_sorting_by_a_header_click(window, qtbot):
    column = window.model.COLUMNS.index("year")
    window.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    settle(qtbot, window)
    years = [window.model.index(r, column).data() for r in range(8)]
    assert years == sorted(years, reverse=True)


def test_sidebar_narrows_the_list(window, qtbot):
    window.sidebar.select_query("status:planned")
    qtbot.waitUntil(lambda: len(titles(window)) == 4, timeout=3000)
    assert titles(window) == ["KPop Demon Hunters", "Soulmate", "The Summer", "Suzume"]


def test_keyboard_navigation_moves_the_selection_and_the_detail(window, qtbot):
    window.table.setFocus()
    window.select_row(0)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.detail.work_id == window.model.work_id(1), timeout=3000)
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.detail.work_id == window.model.work_id(7), timeout=3000)


def test_edit_with_undo_then_save(window, qtbot, sqlite_sample):
    work_id = sqlite_sample.resolve("The Summer")
    window.on_work_activated(work_id, edit=True)
    assert window.right.currentWidget() is window.editor
    assert window.undo_group.activeStack() is window.editor.undo_stack
    window.editor.title_edit.setFocus()
    window.editor.title_edit.end(False)
    qtbot.keyClicks(window.editor.title_edit, " Light")  # typed, as a person would
    window.act_undo.trigger()
    assert window.editor.title_edit.text() == "The Summer"
    window.act_redo.trigger()
    assert window.editor.title_edit.text() == "The Summer Light"
    assert window.editor.save()
    qtbot.waitUntil(lambda: "The Summer Light" in titles(window), timeout=3000)
    assert sqlite_sample.load(work_id)[0]["version"] == 2


def test_delete_and_undo(window, qtbot, sqlite_sample):
    window.table.setFocus()
    window.select_row(titles(window).index("Parasite"))
    window.act_delete.trigger()
    qtbot.waitUntil(lambda: "Parasite" not in titles(window), timeout=3000)
    assert sqlite_sample.count() == 7
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: "Parasite" in titles(window), timeout=3000)
    assert sqlite_sample.count() == 8 and sqlite_sample.check() == []


def test_paste_a_title_to_add_a_work_and_undo_it(window, qtbot, sqlite_sample):
    QGuiApplication.clipboard().setText("Mars Express\nsecond line ignored")
    window.table.setFocus()
    window.on_paste()
    qtbot.waitUntil(lambda: "Mars Express" in titles(window), timeout=3000)
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: "Mars Express" not in titles(window), timeout=3000)


def test_adding_a_stub_links_it(window, qtbot, sqlite_sample, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from catalog_app.services.formats.starlight_json import from_object
    sqlite_sample.import_document(from_object({"format": "starlight-catalog", "version": 1, "works": [
        {"title": "Memoir of a Snail", "year": 2024,
         "relations": [{"kind": "compared_to", "title": "Mary and Max", "year": 2009}]}]}), "t")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.on_stub_activated("Mary and Max", 2009, {})
    qtbot.waitUntil(lambda: "Mary and Max" in titles(window), timeout=3000)
    snail = sqlite_sample.load(sqlite_sample.resolve("Memoir of a Snail"))[0]
    assert snail["relations"][0]["target"] == f"w{sqlite_sample.resolve('Mary and Max')}"


def test_a_person_opens_their_page(window, qtbot, sqlite_sample):
    from catalog_app.store.tables import Person
    window.detail.person_activated.emit(Person.get(Person.name == "Makoto Shinkai").id)
    qtbot.waitUntil(lambda: window.right.currentWidget() is window.person, timeout=3000)
    from PySide6.QtWidgets import QLabel
    text = "\n".join(label.text() for label in window.person.findChildren(QLabel))
    assert "Your Name" in text and "Suzume" in text


def test_dropping_an_image_replaces_the_poster(window, qtbot, sqlite_sample, tmp_path):
    image = QImage(300, 450, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    path = tmp_path / "poster.png"
    image.save(str(path))
    work_id = window.detail.work_id
    window.on_image_dropped(str(path))
    assert window.statusBar().currentMessage() == "Poster replaced."
    record = sqlite_sample.load(work_id)[0]
    assert [i["mime"] for i in record["images"] if i["primary"]] == ["image/png"]


def test_a_huge_or_broken_image_is_refused_with_a_message(window, tmp_path):
    import struct
    import zlib
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 48_000))
           + chunk(b"IEND", b""))
    (tmp_path / "huge.png").write_bytes(png)
    window.on_image_dropped(str(tmp_path / "huge.png"))
    assert "20000×20000 pixels; posters may be at most 12000" in window.statusBar().currentMessage()
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    window.on_image_dropped(str(tmp_path / "broken.jpg"))
    assert "broken.jpg" in window.statusBar().currentMessage()


def test_layout_is_remembered(sqlite_sample, qtbot, tmp_path):
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    first = MainWindow(sqlite_sample, settings)
    qtbot.addWidget(first)
    first.set_view("grid")
    first.table.setColumnHidden(first.model.COLUMNS.index("director"), True)
    first.close()
    second = MainWindow(sqlite_sample, settings)
    qtbot.addWidget(second)
    assert second.views.currentWidget() is second.grid
    assert second.table.isColumnHidden(second.model.COLUMNS.index("director"))


def test_a_damaged_poster_file_shows_a_placeholder_and_an_error_line(window, qtbot, sqlite_sample):
    record = sqlite_sample.load(sqlite_sample.resolve("Parasite"))[0]
    poster = record["images"][0]
    sqlite_sample.image_file(poster["hash"], poster["mime"]).write_bytes(b"<svg broken")
    window.posters.forget(poster["hash"])
    window.on_work_activated(sqlite_sample.resolve("Parasite"))
    qtbot.waitUntil(lambda: "A poster cannot be shown" in window.statusBar().currentMessage(), timeout=5000)
    assert window.isVisible()
