"""File → Import… as a person uses it: a Letterboxd folder previewed, imported and undone in one step; a Korean
table in EUC-KR read with its columns chosen in the header; a cancel that leaves the catalog as it was; the saved
report; doubtful matches taken one by one."""

from __future__ import annotations

import csv
import io
import threading

import pytest
from conftest import SHARED
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from catalog_app.gui import import_wizard
from catalog_app.gui.import_wizard import COLUMNS_PAGE, IMPORT_PAGE, PREVIEW_PAGE, ImportWizard
from catalog_app.gui.main_window import MainWindow
from catalog_app.gui.ui_settings import UiSettings
from catalog_app.services.formats import csv_table

LETTERBOXD = SHARED / "fixtures" / "exports" / "letterboxd"
KOREAN_ROWS = [("Title", "Year", "Points", "Director", "Watched", "Memo"),
               ("기생충", "2019", "10", "봉준호", "15/03/2024", "두 번째 관람"),
               ("올드보이", "2003", "9", "박찬욱", "02/11/2023", ""),
               ("살인의 추억", "2003", "10", "봉준호", "21/07/2022", "명작"),
               ("괴물", "2006", "7", "봉준호", "08/08/2021", ""),
               ("헤어질 결심", "2022", "9", "박찬욱", "05/01/2024", ""),
               ("밀양", "2007", "", "이창동", "", "보고 싶은 영화")]


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch):
    """A modal question would wait forever offscreen."""
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def window(sqlite_sample, qtbot, tmp_path):
    win = MainWindow(sqlite_sample, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 8 and not win.model.is_loading(), timeout=5000)
    return win


def table(path, rows, encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def open_wizard(window, qtbot, path) -> ImportWizard:
    """File → Import…, the path typed in: its format is looked at on the worker once typing stops."""
    window.act_import.trigger()
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible()
    wizard.file_page.path.setText(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=5000)
    return wizard


def go_on(wizard, qtbot, page_id):
    """Next (or Import, on the preview), then wait for the page's job to end."""
    button = QWizard.WizardButton.CommitButton if wizard.currentId() == PREVIEW_PAGE else \
        QWizard.WizardButton.NextButton
    assert wizard.button(button).isEnabled()
    wizard.button(button).click()
    assert wizard.currentId() == page_id
    qtbot.waitUntil(lambda: not wizard.currentPage().busy(), timeout=15000)


def counts(wizard):
    return {key: tile.number.text() for key, tile in wizard.preview_page.tiles.items()}


def settled(window, count):
    return lambda: window.model.rowCount() == count and not window.model.is_loading()


def test_a_letterboxd_folder_is_previewed_imported_and_undone_in_one_step(window, qtbot, sqlite_sample):
    wizard = open_wizard(window, qtbot, LETTERBOXD)
    assert wizard.file_page.chosen_format() == "letterboxd"
    assert "diary dates" in wizard.file_page.note.text()
    go_on(wizard, qtbot, PREVIEW_PAGE)  # not a table: no columns page
    assert counts(wizard) == {"new": "3,387", "matched": "1", "conflicting": "1", "doubtful": "1", "skipped": "0",
                              "repeated": "1"}
    assert wizard.preview_page.doubtful.topLevelItem(0).text(0) == "Your Name. (2016)"
    assert "rating 96 → 100" in wizard.preview_page.conflicts.topLevelItem(0).text(1)
    assert wizard.preview_page.tabs.tabText(2) == "Skipped (0)" and not wizard.preview_page.tabs.isTabEnabled(2)
    parasite = sqlite_sample.resolve("Parasite")
    assert sqlite_sample.load(parasite)[0]["personal"]["rating"] == 96
    wizard.preview_page.replace.setChecked(True)
    go_on(wizard, qtbot, IMPORT_PAGE)
    assert wizard.import_page.headline.text() == "Added 3,387, updated 1."
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(settled(window, 3395), timeout=10000)
    assert window.act_undo.text() == "&Undo Import letterboxd"
    assert sqlite_sample.load(parasite)[0]["personal"]["rating"] == 100  # replaced, as asked
    assert sqlite_sample.count("Brick") == 1

    window.act_undo.trigger()
    qtbot.waitUntil(settled(window, 8), timeout=10000)
    assert sqlite_sample.count("Brick") == 0 and sqlite_sample.load(parasite)[0]["personal"]["rating"] == 96
    window.act_redo.trigger()
    qtbot.waitUntil(settled(window, 3395), timeout=10000)
    assert sqlite_sample.load(parasite)[0]["personal"]["rating"] == 100
    window.act_undo.trigger()  # again, after a redo: the layers go back over the versions the redo left
    qtbot.waitUntil(settled(window, 8), timeout=10000)
    assert sqlite_sample.load(parasite)[0]["personal"]["rating"] == 96
    assert "left as they are" not in window.statusBar().currentMessage()


def test_a_korean_table_in_euc_kr_is_read_with_the_columns_the_person_chose(window, qtbot, sqlite_sample, tmp_path,
                                                                           qtmodeltester):
    path = table(tmp_path / "영화.csv", KOREAN_ROWS, "euc-kr")
    wizard = open_wizard(window, qtbot, path)
    assert wizard.file_page.chosen_format() == "csv"
    go_on(wizard, qtbot, COLUMNS_PAGE)
    page = wizard.columns_page
    assert page.encoding.currentData() == "euc-kr" and page.delimiter.currentData() == ","
    assert page.header.targets() == ["title", "year", "ignore", "director", "watched_on.dmy", "ignore"]
    assert page.header.combos[4].currentText() == "Watched on (day/month/year)"
    assert page.model.index(1, 0).data() == "올드보이"
    qtmodeltester.check(page.model)
    points = page.header.combos[2]
    points.setCurrentIndex(points.findData("my_rating.10"))  # the person says what "Points" are
    assert page.shape.mapping["Points"] == "my_rating.10"
    go_on(wizard, qtbot, PREVIEW_PAGE)
    assert counts(wizard)["new"] == "5" and counts(wizard)["doubtful"] == "1"  # 기생충: Parasite's original title
    assert "Points → my_rating.10" in wizard.preview_page.read_as.text()
    go_on(wizard, qtbot, IMPORT_PAGE)
    assert wizard.import_page.headline.text() == "Added 5, updated 0."
    qtbot.waitUntil(settled(window, 13), timeout=5000)
    work = sqlite_sample.load(sqlite_sample.resolve("올드보이"))[0]
    assert (work["title"], work["year"], work["personal"]["rating"]) == ("올드보이", 2003, 90)
    assert [v["date"] for v in work["personal"]["viewings"]] == ["2023-11-02"]


def test_the_columns_page_refuses_to_go_on_without_a_title_and_keeps_choices_across_encodings(window, qtbot,
                                                                                              tmp_path):
    path = table(tmp_path / "films.csv", KOREAN_ROWS, "euc-kr")
    wizard = open_wizard(window, qtbot, path)
    go_on(wizard, qtbot, COLUMNS_PAGE)
    page = wizard.columns_page
    page.set_target("Points", "my_rating.10")
    page.encoding.setCurrentIndex(page.encoding.findData("cp1252"))  # read again, in the worker
    qtbot.waitUntil(lambda: not page.busy() and page.shape.encoding == "cp1252", timeout=5000)
    assert page.model.index(1, 0).data() != "올드보이"
    assert page.header.targets()[2] == "my_rating.10"  # the person's choice is kept
    page.encoding.setCurrentIndex(page.encoding.findData("euc-kr"))
    qtbot.waitUntil(lambda: not page.busy() and page.shape.encoding == "euc-kr", timeout=5000)
    assert page.model.index(1, 0).data() == "올드보이"
    page.set_target("Title", "ignore")
    assert "title" in page.message.text()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == COLUMNS_PAGE and "No column holds the title" in page.message.text()
    page.set_target("Title", "title")
    go_on(wizard, qtbot, PREVIEW_PAGE)


def test_a_table_whose_title_column_cannot_be_guessed_waits_for_the_person_to_choose_it(window, qtbot, tmp_path):
    path = table(tmp_path / "목록.csv", [("제목", "연도"), ("올드보이", "2003"), ("괴물", "2006")])
    wizard = open_wizard(window, qtbot, path)
    wizard.file_page.format.setCurrentIndex(wizard.file_page.format.findData("csv"))
    go_on(wizard, qtbot, COLUMNS_PAGE)
    page = wizard.columns_page
    assert page.model.columnCount() == 2 and page.model.index(0, 0).data() == "올드보이"
    assert "title" not in page.header.targets() and "Choose the column that holds the title" in page.message.text()
    page.set_target("제목", "title")
    page.set_target("연도", "year")
    go_on(wizard, qtbot, PREVIEW_PAGE)
    assert counts(wizard)["new"] == "2"


def test_cancel_during_the_import_leaves_the_catalog_as_it_was(window, qtbot, sqlite_sample, tmp_path):
    path = table(tmp_path / "films.csv", [("Title", "Year"), ("Brick", "2005"), ("Roma", "2018")])
    wizard = open_wizard(window, qtbot, path)
    go_on(wizard, qtbot, COLUMNS_PAGE)
    go_on(wizard, qtbot, PREVIEW_PAGE)
    writing, release = threading.Event(), threading.Event()

    def hold(stage, _done, _total):  # runs on the worker (a direct connection): the import waits here
        if stage == "writing":
            writing.set()
            release.wait(10)
    wizard.import_page.progress.advanced.connect(hold, Qt.ConnectionType.DirectConnection)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert writing.wait(10)
    wizard.button(QWizard.WizardButton.CancelButton).click()  # stops the job; the wizard stays open
    assert wizard.isVisible() and wizard.import_page.cancel_event.is_set()
    release.set()
    qtbot.waitUntil(lambda: not wizard.import_page.busy(), timeout=10000)
    wizard.import_page.progress.advanced.disconnect(hold)
    assert wizard.import_page.headline.text() == "Cancelled; nothing was imported."
    assert sqlite_sample.count("") == 8 and window.window_stack.count() == 0
    wizard.import_page.again.click()  # and it can still be done
    qtbot.waitUntil(lambda: not wizard.import_page.busy(), timeout=10000)
    assert wizard.import_page.headline.text() == "Added 2, updated 0."
    assert sqlite_sample.count("") == 10 and window.window_stack.count() == 1
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()


def test_save_report_writes_the_skipped_lines_and_the_choices(window, qtbot, tmp_path, monkeypatch):
    path = table(tmp_path / "scores.csv", [("Title", "Year", "Score"), ("Your Name.", "2016", "9"),
                                           ("Parasite", "2020", "8"), ("Soulmate", "twenty", "7"),
                                           ("Decision to Leave", "2022", "eleven")])
    wizard = open_wizard(window, qtbot, path)
    go_on(wizard, qtbot, COLUMNS_PAGE)
    assert wizard.columns_page.header.targets() == ["title", "year", "my_rating.10"]
    go_on(wizard, qtbot, PREVIEW_PAGE)
    preview = wizard.preview_page
    assert counts(wizard)["skipped"] == "2" and counts(wizard)["doubtful"] == "2"
    assert preview.skipped.topLevelItem(0).text(1) == "Soulmate"
    assert "year must be a whole number" in preview.skipped.topLevelItem(0).text(2)
    preview.set_accepted(0)
    report = tmp_path / "out" / "report.txt"
    report.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    preview.save_button.click()
    qtbot.waitUntil(lambda: "Report saved" in preview.note.text(), timeout=5000)
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("would import: 0 new, 0 matched, 0 conflicting, 2 doubtful, 2 skipped")
    assert any(line.startswith("doubtful: scores.csv line 2: “Your Name.” taken as") for line in lines)
    assert any(line.startswith("doubtful: scores.csv line 3: “Parasite” not taken") for line in lines)
    assert "skipped: scores.csv line 4 column 'Year': Soulmate: year must be a whole number, not 'twenty'" in lines
    assert ("skipped: scores.csv line 5 column 'Score': Decision to Leave: the rating 'eleven' is not a number "
            "from 0 to 10") in lines
    assert [p.name for p in report.parent.iterdir()] == ["report.txt"]  # no temporary file left behind


def test_only_the_doubtful_matches_ticked_are_merged(window, qtbot, sqlite_sample, tmp_path):
    path = table(tmp_path / "scores.csv", [("Title", "Year", "Score", "Notes"),
                                           ("Your Name.", "2016", "9", "Seen at the Cinémathèque"),
                                           ("Parasite", "2020", "8", "Again!")])
    your_name, parasite = sqlite_sample.resolve("Your Name"), sqlite_sample.resolve("Parasite")
    before = sqlite_sample.load(parasite)[0]
    wizard = open_wizard(window, qtbot, path)
    go_on(wizard, qtbot, COLUMNS_PAGE)
    go_on(wizard, qtbot, PREVIEW_PAGE)
    preview = wizard.preview_page
    assert [preview.doubtful.topLevelItem(n).text(0) for n in range(2)] == ["Your Name. (2016)", "Parasite (2020)"]
    assert "the catalog has it as 2019" in preview.doubtful.topLevelItem(1).text(2)
    preview.set_accepted(0)
    go_on(wizard, qtbot, IMPORT_PAGE)
    assert wizard.import_page.headline.text() == "Added 0, updated 1."
    assert "1 doubtful matches not confirmed" in wizard.import_page.detail.text()
    layer = sqlite_sample.load(your_name)[0]["personal"]
    assert layer["rating"] == 94 and layer["notes"].endswith("Seen at the Cinémathèque")  # its rating kept
    assert sqlite_sample.count("Parasite") == 1  # neither merged nor added
    assert sqlite_sample.load(parasite)[0]["version"] == before["version"]


def test_the_file_page_says_what_it_cannot_tell(window, qtbot, tmp_path):
    window.act_import.trigger()
    page = window.import_wizard.file_page
    page.set_path(str(tmp_path / "missing.csv"))
    qtbot.waitUntil(lambda: "no such file" in page.status.text(), timeout=5000)
    assert not page.isComplete()
    odd = tmp_path / "notes.dat"
    odd.write_bytes(b"just some words\n")
    page.set_path(str(odd))
    qtbot.waitUntil(lambda: "cannot tell" in page.status.text(), timeout=5000)
    page.format.setCurrentIndex(page.format.findData("tsv"))  # the person says what it is
    assert page.isComplete() and page.nextId() == COLUMNS_PAGE
    assert "header row" in page.note.text()


def test_every_target_has_a_label_and_unknown_formats_show_their_name():
    offered = {choice[0] for choice in import_wizard.target_choices() if choice}
    assert set(csv_table.TARGETS) <= offered
    assert {"my_rating.5", "watched_on.mdy", "id.imdb", "rating.imdb", "votes.imdb"} <= offered
    labels = dict(c for c in import_wizard.target_choices() if c)
    assert labels["my_rating.5"] == "My rating (½–5 stars)" and labels["id.imdb"] == "IMDb id"
    assert import_wizard.format_label("letterboxd") == "Letterboxd export"
    assert import_wizard.format_label("someday") == "someday"
