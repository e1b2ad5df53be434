"""Online metadata in the window: add from online (results with posters, the source that is down says so), and
refresh with a merge preview, each one undo step. Recorded TMDB answers are served by a local server."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings, Qt

from catalog_app.gui.main_window import MainWindow
from catalog_app.gui.online_dialog import AddOnlineDialog, MergePreviewDialog
from catalog_app.gui.ui_settings import UiSettings
from provider_helpers import fight_club
from test_online import load, poster_bytes


@pytest.fixture
def served(httpserver, monkeypatch):
    httpserver.expect_request("/3/configuration").respond_with_json(load("tmdb", "configuration_2017.flexget.json"))
    httpserver.expect_request("/3/search/movie").respond_with_json(load("tmdb", "search_movie_the_matrix.flexget.json"))
    httpserver.expect_request("/3/search/tv").respond_with_json(load("tmdb", "search_tv_game_of_thrones.jdrouet.json"))
    httpserver.expect_request("/3/movie/603").respond_with_json(
        load("tmdb", "movie_603_append_alternative_titles.flexget.json"))
    httpserver.expect_request(re.compile(r"/t/p/w\d+/.+\.jpg")).respond_with_data(poster_bytes(),
                                                                                   content_type="image/jpeg")
    monkeypatch.setenv("STARLIGHT_TMDB_URL", httpserver.url_for("/3"))
    monkeypatch.setenv("STARLIGHT_TMDB_IMAGE_URL", httpserver.url_for("/t/p/"))
    monkeypatch.setenv("STARLIGHT_TMDB_KEY", "test-key")
    return httpserver


@pytest.fixture
def window(sqlite_sample, qtbot, tmp_path, served):
    win = MainWindow(sqlite_sample, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 8 and not win.model.is_loading(), timeout=5000)
    qtbot.waitUntil(lambda: win.detail.work_id is not None, timeout=5000)
    return win


def test_add_from_online_shows_results_with_posters_and_adds_the_chosen_one(window, qtbot, sqlite_sample):
    dialog = AddOnlineDialog(window.online, window.catalog, window)
    qtbot.addWidget(dialog)
    dialog.added.connect(window.on_added_online)
    dialog.query.setText("The Matrix")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10000)
    model = dialog.model
    assert model.index(0, 0).data() == "The Matrix" and model.index(0, 1).data() == "1999"
    assert model.index(0, 4).data() == "TMDB" and model.index(0, 5).data() == ""
    # The sources that cannot be reached say so; TMDB's results are there all the same.
    assert "wikidata: cannot be reached" in dialog.status.text()
    qtbot.waitUntil(lambda: model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None, timeout=5000)
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).height() <= 69
    dialog.results.selectRow(0)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: "Added “The Matrix”" in dialog.status.text(), timeout=10000)
    assert model.index(0, 5).data() == "added just now"
    assert "TMDB API" in dialog.status.text()  # the attribution TMDB asks for
    qtbot.waitUntil(lambda: window.model.rowCount() == 9 and not window.model.is_loading(), timeout=5000)
    work_id = sqlite_sample.resolve("The Matrix")
    assert window.selected_ids() == [work_id]
    # One undo step takes it out again; redo brings it back with its poster.
    window.act_undo.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 8, timeout=5000)
    window.act_redo.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 9, timeout=5000)
    assert sqlite_sample.load(work_id)[0]["images"][0]["kind"] == "poster"
    dialog.close()


def test_refresh_shows_a_merge_preview_and_is_one_undo_step(window, qtbot, sqlite_sample, monkeypatch):
    work_id = sqlite_sample.add_new("The Matrix", 1999)
    record, people = sqlite_sample.load(work_id)
    record["external_ids"] = {"tmdb": "movie/603"}
    record["runtime"] = 130
    sqlite_sample.save_work(work_id, record["version"], record, people)
    window.catalog_changed()
    qtbot.waitUntil(lambda: window.model.row_of(work_id) is not None, timeout=5000)
    window.select_row(window.model.row_of(work_id))  # as a click on its row
    assert window.selected_ids() == [work_id]
    shown = {}

    def accept_offer(dialog):
        shown["fields"] = {dialog.table.item(r, 0).data(Qt.ItemDataRole.UserRole): (
            dialog.table.item(r, 0).checkState() == Qt.CheckState.Checked, dialog.table.item(r, 1).text(),
            dialog.table.item(r, 2).text()) for r in range(dialog.table.rowCount())}
        return 1
    monkeypatch.setattr(MergePreviewDialog, "exec", accept_offer)
    window.act_refresh_metadata.trigger()
    qtbot.waitUntil(lambda: "fields" in shown, timeout=10000)
    assert shown["fields"]["runtime"] == (False, "130", "136")  # a different value: offered, not ticked
    assert shown["fields"]["synopsis"][0] and shown["fields"]["synopsis"][1] == "—"
    qtbot.waitUntil(lambda: sqlite_sample.load(work_id)[0]["synopsis"] is not None, timeout=10000)
    after = sqlite_sample.load(work_id)[0]
    assert after["runtime"] == 130 and "Science Fiction" in after["genres"]
    qtbot.waitUntil(lambda: window.undo_group.undoText().startswith("Refresh"), timeout=5000)
    window.act_undo.trigger()
    back = sqlite_sample.load(work_id)[0]
    assert back["synopsis"] is None and back["genres"] == [] and back["runtime"] == 130
    window.act_redo.trigger()
    assert sqlite_sample.load(work_id)[0]["synopsis"].startswith("Set in the 22nd century")


def test_refreshing_several_works_runs_in_the_background_with_progress(window, qtbot, sqlite_sample, served):
    from PySide6.QtCore import QItemSelectionModel
    served.expect_request("/3/movie/550").respond_with_json(fight_club())
    ids = []
    for title, tmdb_id in (("The Matrix", "movie/603"), ("Fight Club", "movie/550")):
        work_id = sqlite_sample.add_new(title)
        record, people = sqlite_sample.load(work_id)
        record["external_ids"] = {"tmdb": tmdb_id}
        sqlite_sample.save_work(work_id, record["version"], record, people)
        ids.append(work_id)
    window.catalog_changed()
    qtbot.waitUntil(lambda: all(window.model.row_of(i) is not None for i in ids), timeout=5000)
    selection = window.table.selectionModel()
    selection.clearSelection()
    for work_id in ids:
        selection.select(window.model.index(window.model.row_of(work_id), 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    window.act_refresh_metadata.trigger()
    dialog = window.bulk_dialog
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=15000)
    lines = [dialog.results.item(r).text() for r in range(dialog.results.count())]
    assert len(lines) == 2 and all("updated" in line for line in lines)
    assert {line.split(":")[0] for line in lines} == {"The Matrix", "Fight Club"}
    assert all("external ids" in line for line in lines)  # field names as words
    assert dialog.bar.value() == 2 and "2 updated" in dialog.label.text()
    assert all(sqlite_sample.load(i)[0]["synopsis"] for i in ids)
    dialog.close_button.click()


def test_an_interrupted_bulk_refresh_is_offered_when_the_window_opens(window, qtbot, sqlite_sample, served,
                                                                       monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from catalog_app.services.bulk_refresh import BulkRefresh, journal_path
    work_id = sqlite_sample.add_new("The Matrix")
    record, people = sqlite_sample.load(work_id)
    record["external_ids"] = {"tmdb": "movie/603"}
    sqlite_sample.save_work(work_id, record["version"], record, people)
    job = BulkRefresh(sqlite_sample, window.online, [work_id], journal_path(sqlite_sample))
    job._write_journal()  # as a refresh cut short by a crash leaves it
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window.offer_resume()
    assert asked and "1 of 1 works left" in asked[0]
    qtbot.waitUntil(lambda: window.bulk_dialog.close_button.isEnabled(), timeout=15000)
    assert sqlite_sample.load(work_id)[0]["synopsis"] and not journal_path(sqlite_sample).exists()
    window.bulk_dialog.close_button.click()


def test_online_settings_are_kept_and_a_key_never_lands_in_a_file(window, qtbot, tmp_path, monkeypatch):
    import keyring
    import keyring.errors

    from catalog_app.gui.settings_dialog import SettingsDialog
    from catalog_app.services.online import load_settings

    def no_keyring(*_args):
        raise keyring.errors.NoKeyringError("no backend")
    monkeypatch.setattr(keyring, "set_password", no_keyring)
    dialog = SettingsDialog(window.settings, window.catalog.target, 0, window, window.online)
    qtbot.addWidget(dialog)
    dialog.anilist.setChecked(True)
    dialog.urls["jikan"].setText("http://mirror.example/v4")
    dialog.keys["omdb"].setText("omdb-secret-123")
    dialog.accept()
    # No keyring here: the dialog says so and stays open; nothing was written.
    assert dialog.isVisible() or dialog.result() == 0
    assert "No system keyring is available" in dialog.problem.text() and "STARLIGHT_OMDB_KEY" in dialog.problem.text()
    dialog.keys["omdb"].clear()
    dialog.accept()
    assert dialog.result() == 1
    window.settings.sync()
    monkeypatch.delenv("STARLIGHT_JIKAN_URL")
    settings = load_settings(window.settings.store)
    assert settings.anilist_enabled and settings.url("jikan") == "http://mirror.example/v4"
    ini = (tmp_path / "ui.ini").read_text(encoding="utf-8")
    assert "omdb-secret-123" not in ini and "mirror.example" in ini


def test_the_results_model_passes_qt_model_checks(qtmodeltester):
    from catalog_app.gui.online_dialog import CandidateModel
    from catalog_app.providers import tmdb
    model = CandidateModel()
    qtmodeltester.check(model)
    candidates = tmdb.parse_search(load("tmdb", "search_movie_the_matrix.flexget.json"), "film")
    model.set_results(candidates, [None] * len(candidates))
    qtmodeltester.check(model)
    assert model.rowCount() == len(candidates) > 5 and model.index(0, 0).data() == "The Matrix"
