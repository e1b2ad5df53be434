"""Online metadata in the window: add from online (results with posters, the source that is down says so), and
refresh with a merge preview, each one undo step. Recorded TMDB answers are served by a local server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from catalog_app.gui.main_window import MainWindow
from catalog_app.gui.online_dialog import AddOnlineDialog, MergePreviewDialog
from catalog_app.gui.ui_settings import UiSettings
from test_online import load

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"


@pytest.fixture
def served(tmdb_server, monkeypatch):
    monkeypatch.setenv("STARLIGHT_TMDB_URL", tmdb_server.url_for("/3"))
    monkeypatch.setenv("STARLIGHT_TMDB_IMAGE_URL", tmdb_server.url_for("/t/p/"))
    monkeypatch.setenv("STARLIGHT_TMDB_KEY", "test-key")
    monkeypatch.setenv("STARLIGHT_JIKAN_URL", tmdb_server.url_for("/v4"))
    return tmdb_server


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
    window.act_undo.trigger()  # put back on a worker; the detail panel shows the work as it was
    qtbot.waitUntil(lambda: sqlite_sample.load(work_id)[0]["synopsis"] is None, timeout=5000)
    back = sqlite_sample.load(work_id)[0]
    assert back["synopsis"] is None and back["genres"] == [] and back["runtime"] == 130
    window.act_redo.trigger()
    qtbot.waitUntil(lambda: (sqlite_sample.load(work_id)[0]["synopsis"] or "").startswith("Set in the 22nd century"),
                    timeout=5000)


def test_refreshing_several_works_runs_in_the_background_with_progress(window, qtbot, sqlite_sample, served):
    from PySide6.QtCore import QItemSelectionModel
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
    lines = dialog.lines.stringList()
    assert len(lines) == 2 and all("updated" in line for line in lines)
    assert {line.split(":")[0] for line in lines} == {"The Matrix", "Fight Club"}
    assert all("external ids" in line for line in lines)  # field names as words
    dialog.results.setCurrentIndex(dialog.lines.index(1))
    assert dialog.chosen.text() == lines[1]  # a line picked is shown whole
    assert dialog.bar.value() == 2 and "2 updated" in dialog.label.text()
    assert "Undo with Ctrl+Z" in dialog.label.text()
    assert all(sqlite_sample.load(i)[0]["synopsis"] for i in ids)
    dialog.close_button.click()
    assert window.undo_group.undoText() == "Refresh 2 works"
    window.act_undo.trigger()  # the whole refresh, in one step
    qtbot.waitUntil(lambda: not any(sqlite_sample.load(i)[0]["synopsis"] for i in ids), timeout=5000)
    assert all(sqlite_sample.load(i)[0]["images"] == [] for i in ids)
    window.act_redo.trigger()
    qtbot.waitUntil(lambda: all(sqlite_sample.load(i)[0]["synopsis"] for i in ids), timeout=5000)


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


def test_a_persons_page_lists_their_other_works_from_tmdb_to_add_in_one_click(window, qtbot, sqlite_sample, served):
    from PySide6.QtWidgets import QLabel

    from catalog_app.gui.detail_panel import Link
    from catalog_app.services.formats.starlight_json import from_object
    served.expect_request("/3/person/31/combined_credits").respond_with_data(
        (Path(__file__).parent / "fixtures" / "tmdb" / "person_31_combined_credits_trimmed.c-eg-themoviedbapi.json")
        .read_bytes(), content_type="application/json")
    served.expect_request(re.compile(r"/3/(movie|tv)/\d+")).respond_with_json(
        load("tmdb", "error_404_not_found.jdrouet.json"), status=404)
    sqlite_sample.import_document(from_object({
        "format": "starlight-catalog", "version": 1,
        "people": [{"id": "p1", "name": "Tom Hanks", "external_ids": {"tmdb": "person/31"}}],
        "works": [{"title": "Forrest Gump", "year": 1994, "external_ids": {"tmdb": "movie/13"},
                   "credits": [{"person": "p1", "role": "cast", "character": "Forrest Gump"}]}]}), "test")
    person_id = next(p for p, in sqlite_sample.db.execute_sql("SELECT id FROM person WHERE name = 'Tom Hanks'"))
    window.on_person_activated(person_id)
    qtbot.waitUntil(lambda: any("On TMDB" in w.text() for w in window.person.findChildren(QLabel)), timeout=5000)

    def links():
        return {w.text(): w for w in window.person.findChildren(Link)}
    qtbot.waitUntil(lambda: "add" in links(), timeout=5000)
    in_catalog = [w for w in window.person.findChildren(Link) if w.text() == "Forrest Gump (1994)"]
    assert len(in_catalog) == 2 and all(isinstance(w.target, int) for w in in_catalog)  # here, and on TMDB: in it
    adds = [w for w in window.person.findChildren(Link) if w.text() == "add"]
    assert adds and all(w.target[:2] == ("online", "tmdb") for w in adds)
    window.grab().save(str(Path(sqlite_sample.target).with_name("person-elsewhere.png")))
    adds[0].activated.emit()  # one click: fetched and added, or one clear line saying why not
    qtbot.waitUntil(lambda: "no such title" in window.statusBar().currentMessage(), timeout=5000)
    assert sqlite_sample.find("Extraordinary") == []  # nothing half-added


def test_a_related_work_from_a_provider_is_added_complete_in_one_click(window, qtbot, sqlite_sample, served,
                                                                       monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from catalog_app.services.formats.starlight_json import from_object
    from test_provider_jikan import cassette_body
    served.expect_request("/v4/anime/457/full").respond_with_data(
        (SHARED / "jikan" / "anime_457_mushishi.jikanpy.json").read_bytes(), content_type="application/json")
    served.expect_request("/v4/anime/457/episodes").respond_with_json(
        cassette_body("jikanpy_cassette_anime_457_episodes.vcr.yaml"))
    sqlite_sample.import_document(from_object({"format": "starlight-catalog", "version": 1, "works": [
        {"title": "Mushi-Shi: The Next Passage", "year": 2014, "anime": True, "relations": [
            {"kind": "prequel", "title": "Mushi-Shi", "target_ids": {"mal": "457"}}]}]}), "test")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window.on_stub_activated("Mushi-Shi", None, {"mal": "457"})
    assert asked == ["“Mushi-Shi” is not in your catalog yet. Add it from MyAnimeList (Jikan)?"]
    qtbot.waitUntil(lambda: window.undo_group.undoText().startswith("Add"), timeout=10000)
    added = sqlite_sample.load(sqlite_sample.resolve("Mushishi"))[0]
    assert added["original_title"] == "蟲師" and len(added["children"]) == 26  # complete: details and episodes
    sequel = sqlite_sample.load(sqlite_sample.resolve("Mushi-Shi: The Next Passage"))[0]
    assert sequel["relations"][0]["target"] == added["id"]  # the stub is linked by its MAL id
