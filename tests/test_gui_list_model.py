"""The list model: rows arrive from a worker, sort and search happen in SQL, and it passes Qt's model checks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from catalog_app.gui.roles import Role
from catalog_app.gui.work_list_model import PAGE_SIZE, WorkListModel


def loaded(qtbot, model):
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=5000)
    return model


def column(model, name):
    col = model.COLUMNS.index(name)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_the_model_passes_qt_model_checks(sample_catalog, qtbot, qtmodeltester):
    model = loaded(qtbot, WorkListModel(sample_catalog))
    qtmodeltester.check(model)
    model.set_search("kind:anime")
    loaded(qtbot, model)
    qtmodeltester.check(model)
    assert model.rowCount() == 4


def test_rows_show_what_a_person_reads(sqlite_sample, qtbot):
    model = loaded(qtbot, WorkListModel(sqlite_sample))
    row = column(model, "title").index("Lost in Starlight")
    values = {name: model.index(row, i).data() for i, name in enumerate(model.COLUMNS)}
    assert values["original_title"] == "이 별에 필요한"
    assert values["kind"] == "Film, anime" and values["director"] == "Han Ji-won"
    assert (values["rating"], values["status"], values["platform"]) == ("88", "Completed", "Netflix")
    assert model.index(row, 0).data(Role.WorkId) == sqlite_sample.resolve("Lost in Starlight")
    assert model.index(row, 0).data(Role.Poster)[1] == "image/svg+xml"


def test_sorting_by_any_column_is_done_by_the_catalog(sqlite_sample, qtbot):
    model = loaded(qtbot, WorkListModel(sqlite_sample))
    model.sort(model.COLUMNS.index("rating"), Qt.SortOrder.DescendingOrder)
    loaded(qtbot, model)
    assert column(model, "title")[:3] == ["Parasite", "Your Name", "Lost in Starlight"]
    model.sort(model.COLUMNS.index("year"), Qt.SortOrder.AscendingOrder)
    loaded(qtbot, model)
    years = [int(y) for y in column(model, "year")]
    assert years == sorted(years)


def test_a_search_and_a_sidebar_entry_combine(sqlite_sample, qtbot):
    model = loaded(qtbot, WorkListModel(sqlite_sample))
    model.set_facet("status:planned")
    model.set_search("kind:anime")
    loaded(qtbot, model)
    assert column(model, "title") == ["The Summer", "Suzume"]


def test_deep_rows_load_page_by_page(sqlite_catalog, qtbot):
    from catalog_app.services.formats.starlight_json import from_object
    works = [{"title": f"Film {n:04d}", "year": 2000} for n in range(3 * PAGE_SIZE + 17)]
    sqlite_catalog.import_document(from_object({"format": "starlight-catalog", "version": 1, "works": works}), "t")
    model = loaded(qtbot, WorkListModel(sqlite_catalog))
    assert model.rowCount() == 3 * PAGE_SIZE + 17
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == "Loading…" and model.index(last, 0).data(Role.Loading)
    qtbot.waitUntil(lambda: model.index(last, 0).data() == f"Film {last:04d}", timeout=5000)
    middle = PAGE_SIZE + 5
    model.index(middle, 0).data()
    qtbot.waitUntil(lambda: model.index(middle, 0).data() == f"Film {middle:04d}", timeout=5000)


def test_the_title_column_follows_the_title_preference(sqlite_sample, qtbot):
    model = loaded(qtbot, WorkListModel(sqlite_sample))
    model.set_search("kind:anime")
    loaded(qtbot, model)
    model.set_title_preference("original")
    assert column(model, "title") == ["이 별에 필요한", "그 여름", "すずめの戸締まり", "君の名は。"]
    model.set_title_preference("romanized")
    assert column(model, "title") == ["I Byeore Piryohan", "The Summer", "Suzume no Tojimari", "Kimi no Na wa."]


def test_a_broad_search_shows_its_rows_then_its_total(sqlite_sample, qtbot, monkeypatch):
    from catalog_app.store import listing
    monkeypatch.setattr(listing, "SMALL_RESULT", 0)  # every search is broad; with episodes, counted afterwards
    model = loaded(qtbot, WorkListModel(sqlite_sample))
    with qtbot.waitSignal(model.results_counted, timeout=5000) as counted:
        model.set_search("game")
    assert counted.args == [1]
    assert column(model, "title") == ["Squid Game"] and not model.is_counting()


def test_a_count_nobody_waits_for_is_stopped_by_the_next_search(sqlite_sample, qtbot, monkeypatch):
    """Counting a broad search runs on the list's worker after its rows are shown; typing on must not wait
    behind it."""
    import threading

    from catalog_app.store import listing
    monkeypatch.setattr(listing, "SMALL_RESULT", 2)
    counting = threading.Event()
    real_count = listing.count

    def slow_count(db, node):
        if "episode" in repr(node):
            counting.set()  # about twenty seconds of work unless interrupted
            db.execute_sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000000) "
                           "SELECT count(*) FROM n").fetchone()
        return real_count(db, node)

    monkeypatch.setattr(listing, "count", slow_count)
    model = loaded(qtbot, WorkListModel(sqlite_sample))
    model.set_search("episode")
    qtbot.waitUntil(lambda: counting.is_set() and model.is_counting(), timeout=5000)
    with qtbot.waitSignal(model.results_shown, timeout=3000):
        model.set_search("kind:anime")
    assert column(model, "title") == ["Lost in Starlight", "The Summer", "Suzume", "Your Name"]
    assert not model.is_loading()
