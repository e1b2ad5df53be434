"""The first window over a catalog: title, list, search as you type, the detail of the selected work."""

from __future__ import annotations

from catalog_app.gui.main_window import MainWindow, open_for_gui
from catalog_app.gui.work_table_model import WorkIdRole, WorkTableModel


def test_the_list_model_passes_qt_model_checks(sample_catalog, qtmodeltester):
    model = WorkTableModel(sample_catalog)
    qtmodeltester.check(model)
    model.set_search("kind:anime")
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_window_shows_the_catalog_and_searches_as_you_type(sqlite_sample, qtbot):
    window = MainWindow(sqlite_sample)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Starlight — Sample catalog"
    assert window.model.rowCount() == 8
    qtbot.keyClicks(window.search, "starl")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=2000)
    assert window.model.index(0, 0).data() == "Lost in Starlight"
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 8, timeout=2000)
    window.search.setText("별에")  # as an input method commits Hangul (QTest cannot type it key by key)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=2000)
    qtbot.waitUntil(lambda: "이 별에 필요한" in window.detail.toPlainText(), timeout=2000)
    assert "Kim Tae-ri (김태리) as Nan-young" in window.detail.toPlainText()
    assert window.statusBar().currentMessage() == "1 work"


def test_a_bad_query_says_why_and_keeps_the_list(sqlite_sample, qtbot):
    window = MainWindow(sqlite_sample)
    qtbot.addWidget(window)
    window.search.setText("year:soon")
    qtbot.waitUntil(lambda: "year takes a number" in window.statusBar().currentMessage(), timeout=2000)
    assert window.model.rowCount() == 8


def test_text_from_outside_is_shown_as_text(sqlite_catalog, qtbot):
    from catalog_app.services.formats.starlight_json import from_object
    sqlite_catalog.import_document(from_object({"format": "starlight-catalog", "version": 1, "works": [
        {"title": "<b>Bold</b> <a href='javascript:alert(1)'>x</a>", "synopsis": "<script>alert(1)</script>"}]}),
        "test")
    window = MainWindow(sqlite_catalog)
    qtbot.addWidget(window)
    assert window.model.index(0, 0).data() == "<b>Bold</b> <a href='javascript:alert(1)'>x</a>"
    assert "<script>alert(1)</script>" in window.detail.toPlainText()


def test_first_start_opens_the_sample(qtbot):
    catalog, first = open_for_gui(None)
    assert first and catalog.count() == 8
    window = MainWindow(catalog)
    qtbot.addWidget(window)
    assert window.model.data(window.model.index(0, 0), WorkIdRole) > 0
    catalog.close()
    again, first_again = open_for_gui(None)
    assert not first_again and again.count() == 8
    again.close()
