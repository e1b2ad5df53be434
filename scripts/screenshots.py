"""Grab the main window with the sample catalog to PNG files in docs/screenshots (`make screenshots`).

Shows: the list with Lost in Starlight's detail, the poster grid, the editor, a person's page (also one with their
other works on TMDB), the online dialogs ("Add from online…", a refresh's merge preview, a bulk refresh) with
recorded TMDB answers from a local server, and the main window and the editor in Korean.
Install Debian's fonts-noto-cjk first to see Hangul and Kana.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="starlight-shots-"))
    os.environ["STARLIGHT_CACHE_DIR"] = str(tmp / "cache")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.ui_settings import UiSettings
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.sample import load_sample
    from catalog_app.store.tables import Person

    catalog = Catalog.open(str(tmp / "catalog.sqlite"))
    load_sample(catalog)
    window = MainWindow(catalog, UiSettings(QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)))
    window.resize(1440, 900)
    window.show()

    def pump(seconds: float = 0.6) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.01)

    pump()
    OUT.mkdir(parents=True, exist_ok=True)
    window.on_work_activated(catalog.resolve("Lost in Starlight"))
    pump(1.0)
    window.grab().save(str(OUT / "main-window.png"))
    window.set_view("grid")
    pump(1.5)
    window.grab().save(str(OUT / "poster-grid.png"))
    window.set_view("table")
    window.on_work_activated(catalog.resolve("Lost in Starlight"), edit=True)
    pump(1.0)
    window.grab().save(str(OUT / "editor.png"))
    window.right.setCurrentWidget(window.detail)
    window.on_person_activated(Person.get(Person.name == "Han Ji-won").id)
    pump(1.0)
    window.grab().save(str(OUT / "person.png"))
    korean_shots(app, catalog, tmp, pump)  # on the sample as it is, before the next shots add works
    online_shots(window, catalog, pump)
    import_shots(window, pump, tmp)
    window.close()
    catalog.close()
    print(f"wrote {', '.join(sorted(p.name for p in OUT.glob('*.png')))} to {OUT}")
    return 0


def korean_shots(app, catalog, tmp: Path, pump) -> None:  # noqa: ANN001 (a script)
    """The main window and the editor as a person with a Korean desktop sees them, in a window of their own; the
    translation is taken away again afterwards."""
    from PySide6.QtCore import QLocale, QSettings, QTranslator

    from catalog_app.gui.app_resources import install_translators
    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.ui_settings import UiSettings
    loaded = install_translators(app, QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea))
    if not any(p.endswith("starlight_ko.qm") for p in loaded):
        raise SystemExit("the Korean translation did not load: run scripts/build_translations.py")
    window = MainWindow(catalog, UiSettings(QSettings(str(tmp / "ui-ko.ini"), QSettings.Format.IniFormat)))
    window.resize(1440, 900)
    window.show()
    pump(0.8)
    window.on_work_activated(catalog.resolve("Lost in Starlight"))
    pump(1.0)
    window.grab().save(str(OUT / "main-window-ko.png"))
    window.on_work_activated(catalog.resolve("Lost in Starlight"), edit=True)
    pump(1.0)
    window.grab().save(str(OUT / "editor-ko.png"))
    window.right.setCurrentWidget(window.detail)
    window.close()
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)


#: A Korean catalog as a spreadsheet saves it in EUC-KR: what the import's columns page shows.
KOREAN_TABLE = """Title,Year,Points,Director,Watched,Memo
기생충,2019,10,봉준호,15/03/2024,두 번째 관람
올드보이,2003,9,박찬욱,02/11/2023,
살인의 추억,2003,10,봉준호,21/07/2022,명작
괴물,2006,7,봉준호,08/08/2021,
아가씨,2016,9,박찬욱,14/02/2024,
버닝,2018,8,이창동,30/09/2023,원작: 무라카미 하루키
헤어질 결심,2022,9,박찬욱,05/01/2024,
밀양,2007,,이창동,,보고 싶은 영화
"""


def wait_for(done, pump, seconds: float = 20.0) -> None:  # noqa: ANN001 (a script)
    """Pump events until `done()` (or `seconds` pass)."""
    end = time.perf_counter() + seconds
    while not done() and time.perf_counter() < end:
        pump(0.05)


def import_shots(window, pump, tmp: Path) -> None:  # noqa: ANN001 (a script)
    """File → Import…: the columns page on a Korean table, the preview of a Letterboxd export."""
    from PySide6.QtWidgets import QWizard

    def open_at(path: Path, shot: str) -> None:
        window.act_import.trigger()
        wizard = window.import_wizard
        wizard.resize(900, 640)
        wizard.file_page.path.setText(str(path))
        wait_for(wizard.file_page.isComplete, pump)
        wizard.button(QWizard.WizardButton.NextButton).click()
        wait_for(lambda: not wizard.currentPage().busy(), pump)
        if shot == "import-preview.png" and wizard.currentPage() is not wizard.preview_page:
            wizard.button(QWizard.WizardButton.NextButton).click()
            wait_for(lambda: not wizard.currentPage().busy(), pump)
        pump(0.5)
        wizard.grab().save(str(OUT / shot))
        wizard.reject()
        pump(0.3)

    korean = tmp / "영화.csv"
    korean.write_bytes(KOREAN_TABLE.encode("euc-kr"))
    open_at(korean, "import-columns.png")
    open_at(ROOT.parent / "shared" / "fixtures" / "exports" / "letterboxd", "import-preview.png")


def person_shot(window: object, catalog: object, server: object, pump: object) -> None:
    """A person's page with their other works on TMDB (a recorded combined-credits answer)."""
    from catalog_app.services.formats.starlight_json import from_object
    from catalog_app.store.tables import Person
    credits = ROOT / "tests" / "fixtures" / "tmdb" / "person_31_combined_credits_trimmed.c-eg-themoviedbapi.json"
    server.expect_request("/3/person/31/combined_credits").respond_with_data(credits.read_bytes(),
                                                                             content_type="application/json")
    catalog.import_document(from_object({
        "format": "starlight-catalog", "version": 1,
        "people": [{"id": "p1", "name": "Tom Hanks", "external_ids": {"tmdb": "person/31"}}],
        "works": [{"title": "Forrest Gump", "year": 1994, "external_ids": {"tmdb": "movie/13"},
                   "credits": [{"person": "p1", "role": "cast", "character": "Forrest Gump"}]}]}), "screenshots")
    window.catalog_changed()
    window.on_person_activated(Person.get(Person.name == "Tom Hanks").id)
    pump(1.5)
    window.grab().save(str(OUT / "person-online.png"))


def _poster() -> bytes:
    """A portrait stand-in poster (the recorded answers name posters, but their images are not recorded)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
    image = QImage(300, 450, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(QPoint(0, 0), QPoint(0, 450))
    gradient.setColorAt(0, QColor("#0b3d2e"))
    gradient.setColorAt(1, QColor("#7fd1ae"))
    painter.fillRect(image.rect(), gradient)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def online_shots(window, catalog, pump) -> None:  # noqa: ANN001 (a script)
    """The online dialogs against recorded TMDB answers served by a local server (no internet)."""
    import json
    import re

    from pytest_httpserver import HTTPServer

    from catalog_app.gui.online_dialog import AddOnlineDialog, MergePreviewDialog
    fixtures = ROOT.parent / "shared" / "fixtures" / "tmdb"

    def load(name: str) -> object:
        return json.loads((fixtures / name).read_text(encoding="utf-8"))

    server = HTTPServer()
    server.start()
    try:
        server.expect_request("/3/configuration").respond_with_json(load("configuration_2017.flexget.json"))
        server.expect_request("/3/search/movie").respond_with_json(load("search_movie_the_matrix.flexget.json"))
        server.expect_request("/3/search/tv").respond_with_json({"page": 1, "results": [], "total_results": 0})
        server.expect_request("/3/movie/603").respond_with_json(load("movie_603_append_alternative_titles.flexget.json"))
        server.expect_request(re.compile(r"/t/p/.+")).respond_with_data(_poster(), content_type="image/png")
        os.environ.update({"STARLIGHT_TMDB_URL": server.url_for("/3"), "STARLIGHT_TMDB_KEY": "screenshots",
                           "STARLIGHT_TMDB_IMAGE_URL": server.url_for("/t/p/")})
        for name in ("WIKIDATA", "JIKAN", "TVMAZE"):
            os.environ[f"STARLIGHT_{name}_URL"] = "http://127.0.0.1:9/"
        window._online = None
        dialog = AddOnlineDialog(window.online, catalog, window)
        dialog.query.setText("The Matrix")
        for name, box in dialog.sources.items():
            box.setChecked(name == "tmdb")
        dialog.show()
        dialog.on_search()
        pump(3.0)
        dialog.grab().save(str(OUT / "add-online.png"))
        dialog.close()
        work_id = catalog.add_new("The Matrix", 1999)
        record, people = catalog.load(work_id)
        record["external_ids"] = {"tmdb": "movie/603"}
        record["runtime"] = 130
        catalog.save_work(work_id, record["version"], record, people)
        preview = window.online.preview_refresh(catalog, work_id)
        merge = MergePreviewDialog(preview, window)
        merge.show()
        pump(0.5)
        merge.grab().save(str(OUT / "merge-preview.png"))
        merge.close()
        from catalog_app.services.bulk_refresh import BulkRefresh, journal_path
        server.expect_request("/3/movie/550").respond_with_json(load("movie_550_details.jdrouet.json"))
        ids = [work_id]
        for title, tmdb_id in (("Fight Club", "movie/550"), ("Parasite", "movie/496243")):
            other = catalog.add_new(title)
            record, people = catalog.load(other)
            record["external_ids"] = {"tmdb": tmdb_id}
            catalog.save_work(other, record["version"], record, people)
            ids.append(other)
        bulk = window.run_bulk_refresh(BulkRefresh(catalog, window.online, ids, journal_path(catalog)))
        wait_for(bulk.close_button.isEnabled, pump, 10)
        bulk.results.setCurrentIndex(bulk.lines.index(0))  # a picked line is shown whole below the list
        pump(0.2)
        bulk.grab().save(str(OUT / "bulk-refresh.png"))
        bulk.close_button.click()
        person_shot(window, catalog, server, pump)
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
