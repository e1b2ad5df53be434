"""The work editor: edits reach the catalog, every edit undoes, problems show under their field and block only
saving, a stale save opens the conflict view, and a poster is replaced only by an image within the limits."""

from __future__ import annotations

import hashlib
import struct
import zlib

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from catalog_app.gui.editor import ConflictDialog, WorkEditor
from catalog_app.store.tables import Person

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def editor(sqlite_sample, qtbot):
    widget = WorkEditor(sqlite_sample)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.edit(sqlite_sample.resolve("Lost in Starlight"))
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def type_into(qtbot, field, text: str) -> None:
    """Replace a field's text as a person does: focus it, select everything, type."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)


def cell_text(table, row: int, key: str) -> str:
    model = table.model
    column = next(n for n, c in enumerate(model.columns) if c.key == key)
    return model.index(row, column).data() or ""


def edit_cell(qtbot, table, row: int, key: str, text: str) -> None:
    """Open a cell's editor as a double-click does, type, press Enter."""
    model = table.model
    column = next(n for n, c in enumerate(model.columns) if c.key == key)
    index = model.index(row, column)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    field = table.view.indexWidget(index)
    assert isinstance(field, QLineEdit)
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        field.insert(text)  # as an input method commits Hangul (QTest cannot type it key by key)
    if field.completer() is not None:
        field.completer().popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.view.indexWidget(index) is None, timeout=1000)  # committed and closed


def type_in_new_row(qtbot, table, text: str) -> None:
    """Click Add: the new row's first cell opens for typing."""
    before = len(table.model.rows)
    qtbot.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    assert len(table.model.rows) == before + 1
    index = table.view.currentIndex()
    field = table.view.indexWidget(index)
    assert index.row() == before and isinstance(field, QLineEdit)
    qtbot.keyClicks(field, text)
    if field.completer() is not None:
        field.completer().popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.view.indexWidget(index) is None, timeout=1000)


def choose_in_cell(table, row: int, key: str, value: str) -> None:
    """Pick a value from a cell's drop-down list, as a person does."""
    model = table.model
    column = next(n for n, c in enumerate(model.columns) if c.key == key)
    index = model.index(row, column)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    combo = table.view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def png_bytes(width: int, height: int) -> bytes:
    """A PNG file's bytes whose header declares width × height (the pixel data is a token, never decoded)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00")) + chunk(b"IEND", b""))


def test_edits_are_saved_to_the_catalog_and_keep_what_the_editor_does_not_show(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    before, before_people = sqlite_sample.load(work_id)
    bong = next(k for k, p in before_people.items() if p["name"] == "Bong Joon Ho")
    people_before = Person.select().count()
    assert editor.title_edit.text() == "Lost in Starlight" and editor.year_edit.text() == "2025"
    assert not editor.is_dirty()

    type_into(qtbot, editor.title_edit, "Lost in Starlight: Director's Cut")
    type_into(qtbot, editor.year_edit, "2026")
    type_in_new_row(qtbot, editor.tags_table, "jellyfish")
    editor.tabs.setCurrentWidget(editor.credits_table.parentWidget())
    type_in_new_row(qtbot, editor.credits_table, "bong joon ho")  # an existing person, typed in any case
    credits = editor.credits_table
    assert cell_text(credits, 5, "original_name") == "봉준호"
    choose_in_cell(credits, 5, "role", "producer")
    assert cell_text(credits, 5, "role") == "Producer"
    type_in_new_row(qtbot, credits, "Yoon Ji-ho")  # nobody of that name: a new person
    edit_cell(qtbot, credits, 6, "original_name", "윤지호")
    edit_cell(qtbot, credits, 6, "character", "Young Nan-young")
    assert editor.is_dirty() and editor.is_valid()

    with qtbot.waitSignal(editor.saved, timeout=2000) as saved:
        assert editor.save()
    assert saved.args == [work_id]

    after, people = sqlite_sample.load(work_id)
    assert after["title"] == "Lost in Starlight: Director's Cut"
    assert after["year"] == 2026
    assert after["tags"][-1] == "jellyfish" and after["tags"][:-1] == before["tags"]
    assert after["version"] == before["version"] + 1
    assert after["credits"][:5] == before["credits"]
    bong_credit, new_credit = after["credits"][5:]
    assert bong_credit["person"] == bong and bong_credit["role"] == "producer"  # the same person, reused
    assert people[new_credit["person"]] == {"id": new_credit["person"], "name": "Yoon Ji-ho",
                                             "original_name": "윤지호", "external_ids": {}}
    assert new_credit["role"] == "cast" and new_credit["character"] == "Young Nan-young"
    assert Person.select().count() == people_before + 1
    for kept in ("images", "external_ids", "added_at", "release_dates", "countries", "languages", "companies",
                 "quotes", "ratings", "relations", "synopsis", "personal", "titles", "genres"):
        assert after[kept] == before[kept], kept
    assert after["provenance"]["*"] == before["provenance"]["*"]
    assert after["provenance"]["title"]["source"] == "user"

    # The editor now shows the saved version, with nothing left to save.
    assert not editor.is_dirty()
    assert editor.heading.text() == "Lost in Starlight: Director's Cut (2026)"
    assert editor.summary.text() == "Saved."
    assert credits.model.index(6, 0).data() == "Yoon Ji-ho"


def test_undo_and_redo_walk_across_fields_and_tabs(editor, qtbot):
    type_into(qtbot, editor.title_edit, "Something Else")
    type_into(qtbot, editor.year_edit, "1999")
    editor.tabs.setCurrentIndex(6)  # Personal
    type_into(qtbot, editor.my_rating_edit, "42")
    box = editor.favourite_check
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert not editor.favourite_check.isChecked()
    assert editor.undo_stack.count() == 4  # one command per field: the typing in each field merged
    assert editor.undo_action.text() == "Undo Edit Favourite"

    qtbot.keyClick(editor.my_rating_edit, Qt.Key.Key_Z, CTRL)
    assert editor.favourite_check.isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert editor.my_rating_edit.text() == "88"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert editor.year_edit.text() == "2025"
    assert editor.tabs.currentIndex() == 0  # undo shows the field it changes
    editor.undo_action.trigger()
    assert editor.title_edit.text() == "Lost in Starlight"
    assert not editor.is_dirty() and not editor.undo_action.isEnabled()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.title_edit.text() == "Something Else"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    assert editor.year_edit.text() == "1999"
    editor.redo_action.trigger()
    editor.redo_action.trigger()
    assert editor.my_rating_edit.text() == "42" and not editor.favourite_check.isChecked()
    assert editor.tabs.currentIndex() == 6
    assert not editor.redo_action.isEnabled()

    # Typing in a field, leaving it and coming back makes a second step.
    type_into(qtbot, editor.tagline_edit, "First")
    editor.synopsis_edit.setFocus()
    type_into(qtbot, editor.tagline_edit, "Second")
    editor.undo_action.trigger()
    assert editor.tagline_edit.text() == "First"


def test_table_edits_and_rows_undo(editor, qtbot):
    credits = editor.credits_table
    names = [cell_text(credits, n, "person") for n in range(5)]
    edit_cell(qtbot, credits, 3, "character", "Nan-young (adult)")
    credits.view.selectRow(4)
    qtbot.mouseClick(credits.up_button, Qt.MouseButton.LeftButton)
    assert [cell_text(credits, n, "person") for n in range(5)] == names[:3] + [names[4], names[3]]
    credits.view.selectRow(0)
    qtbot.mouseClick(credits.remove_button, Qt.MouseButton.LeftButton)
    assert len(credits.model.rows) == 4
    type_in_new_row(qtbot, credits, "Someone New")
    assert credits.model.index(4, 0).data(Qt.ItemDataRole.FontRole).italic()  # a new person shows in italics
    assert editor.undo_stack.count() == 5  # cell, move, remove, add row, name typed

    for _ in range(5):
        editor.undo_action.trigger()
    assert [cell_text(credits, n, "person") for n in range(5)] == names
    assert cell_text(credits, 3, "character") == "Nan-young"
    assert not editor.is_dirty()
    for _ in range(5):
        editor.redo_action.trigger()
    assert [cell_text(credits, n, "person") for n in range(5)] == names[1:3] + [names[4], names[3], "Someone New"]
    assert cell_text(credits, 3, "character") == "Nan-young (adult)"


def test_a_bad_year_shows_under_the_field_and_blocks_only_saving(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    before, _ = sqlite_sample.load(work_id)
    with qtbot.waitSignal(editor.validity_changed, timeout=1000) as validity:
        type_into(qtbot, editor.year_edit, "99999")
    assert validity.args == [False]
    message = editor.error_label("year")
    assert message.isVisible() and message.text() == "Year must be between 1870 and 2200"
    assert editor.summary.text() == "1 problem to fix before saving"
    assert not editor.save_button.isEnabled()
    assert not editor.tabs.tabIcon(0).isNull() and editor.tabs.tabIcon(1).isNull()

    assert not editor.save()
    assert sqlite_sample.load(work_id)[0] == before
    assert message.isVisible()

    # Everything else stays editable, including on other tabs, and other problems show too.
    type_into(qtbot, editor.title_edit, "Still Editable")
    assert editor.title_edit.text() == "Still Editable"
    editor.tagline_edit.setFocus()  # leaving the field ends one step of typing
    type_into(qtbot, editor.title_edit, "   ")
    assert editor.error_label("title").text() == "A title is required"
    editor.undo_action.trigger()
    assert editor.title_edit.text() == "Still Editable" and not editor.error_label("title").isVisible()
    editor.tabs.setCurrentIndex(6)
    type_into(qtbot, editor.my_rating_edit, "150")
    assert editor.error_label("personal.rating").text() == "Rating must be between 0 and 100"
    type_into(qtbot, editor.my_rating_edit, "95")
    assert not editor.error_label("personal.rating").isVisible()
    editor.tabs.setCurrentIndex(2)
    edit_cell(qtbot, editor.ratings_table, 0, "value", "191")
    assert editor.ratings_table.errors.text() == "Row 1: Value must be between 0 and 100"
    edit_cell(qtbot, editor.ratings_table, 0, "value", "92")
    assert not editor.ratings_table.errors.isVisible()

    with qtbot.waitSignal(editor.validity_changed, timeout=1000) as validity:
        type_into(qtbot, editor.year_edit, "2024")
    assert validity.args == [True] and not message.isVisible()
    assert editor.save()
    after = sqlite_sample.load(work_id)[0]
    assert (after["title"], after["year"], after["personal"]["rating"], after["ratings"][0]["value"]) == (
        "Still Editable", 2024, 95, 92)


def _someone_else_saves(catalog, work_id: int, **changes) -> int:
    record, people = catalog.load(work_id)
    return catalog.save_work(work_id, record["version"], {**record, **changes}, people)


def test_a_stale_save_opens_the_conflict_view_and_keep_mine_saves_mine(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    theirs_version = _someone_else_saves(sqlite_sample, work_id, title="Lost in Starlight (theirs)",
                                         tagline="Their tagline", countries=["KR", "US"])
    type_into(qtbot, editor.title_edit, "Lost in Starlight (mine)")

    assert not editor.save()
    dialog = editor.conflict_view
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    assert dialog.kept_note.isVisible() and "(countries)" in dialog.kept_note.text()
    shown = {name: (mine, theirs) for name, mine, theirs in dialog.shown()}
    assert shown["Title"] == ("Lost in Starlight (mine)", "Lost in Starlight (theirs)")
    assert shown["Tagline"] == ("A long-distance love, from Seoul to Mars.", "Their tagline")
    assert set(shown) == {"Title", "Tagline"}
    assert dialog.choices() == {"title": "mine", "tagline": "theirs"}  # what each side changed
    assert sqlite_sample.load(work_id)[0]["title"] == "Lost in Starlight (theirs)"  # nothing saved yet

    with qtbot.waitSignal(editor.saved, timeout=2000):
        qtbot.mouseClick(dialog.keep_mine_button, Qt.MouseButton.LeftButton)
    after = sqlite_sample.load(work_id)[0]
    assert after["title"] == "Lost in Starlight (mine)"
    assert after["tagline"] == "A long-distance love, from Seoul to Mars."
    assert after["version"] == theirs_version + 1
    assert after["countries"] == ["KR", "US"]  # theirs, in a field this editor does not show: never lost
    assert editor.title_edit.text() == "Lost in Starlight (mine)" and not editor.is_dirty()
    assert editor.conflict_view is None


def test_take_theirs_discards_my_edits_and_saves_nothing(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    theirs_version = _someone_else_saves(sqlite_sample, work_id, title="Lost in Starlight (theirs)",
                                         tagline="Their tagline")
    theirs = sqlite_sample.load(work_id)[0]
    type_into(qtbot, editor.title_edit, "Lost in Starlight (mine)")
    type_into(qtbot, editor.year_edit, "2030")

    assert not editor.save()
    dialog = editor.conflict_view
    shown = {name: (mine, theirs) for name, mine, theirs in dialog.shown()}
    assert shown["Year"] == ("2030", "2025")
    qtbot.mouseClick(dialog.take_theirs_button, Qt.MouseButton.LeftButton)

    assert sqlite_sample.load(work_id)[0] == theirs
    assert theirs["version"] == theirs_version
    assert editor.title_edit.text() == "Lost in Starlight (theirs)"
    assert editor.tagline_edit.text() == "Their tagline" and editor.year_edit.text() == "2025"
    assert not editor.is_dirty() and editor.undo_stack.count() == 0
    # The editor is now at their version: the next save goes through without a conflict.
    type_into(qtbot, editor.year_edit, "2031")
    assert editor.save() and sqlite_sample.load(work_id)[0]["year"] == 2031


def test_merge_keeps_the_value_chosen_for_each_field(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    _someone_else_saves(sqlite_sample, work_id, title="Lost in Starlight (theirs)", tagline="Their tagline",
                        tags=["theirs"])
    type_into(qtbot, editor.title_edit, "Lost in Starlight (mine)")
    type_into(qtbot, editor.tagline_edit, "My tagline")

    assert not editor.save()
    dialog = editor.conflict_view
    shown = {name: (mine, theirs) for name, mine, theirs in dialog.shown()}
    assert shown["Tags"][1] == "theirs" and "jellyfish" not in shown["Tags"][0]
    dialog.choose("title", "theirs")
    with qtbot.waitSignal(editor.saved, timeout=2000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    after = sqlite_sample.load(work_id)[0]
    assert (after["title"], after["tagline"], after["tags"]) == ("Lost in Starlight (theirs)", "My tagline",
                                                                 ["theirs"])


def test_cancelling_the_conflict_view_keeps_my_edits_unsaved(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    _someone_else_saves(sqlite_sample, work_id, tagline="Their tagline")
    type_into(qtbot, editor.title_edit, "Mine")
    assert not editor.save()
    qtbot.mouseClick(editor.conflict_view.cancel_button, Qt.MouseButton.LeftButton)
    assert editor.title_edit.text() == "Mine" and editor.is_dirty()
    assert sqlite_sample.load(work_id)[0]["title"] == "Lost in Starlight"
    assert "someone else changed this work" in editor.summary.text()


def test_replacing_the_poster_with_a_png(editor, sqlite_sample, qtbot, tmp_path):
    work_id = editor.work_id
    image = QImage(300, 450, QImage.Format.Format_RGB32)
    image.fill(QColor("midnightblue"))
    path = tmp_path / "poster.png"
    assert image.save(str(path))
    data = path.read_bytes()

    editor.tabs.setCurrentIndex(7)
    assert editor.replace_poster(str(path))
    record = sqlite_sample.load(work_id)[0]
    primary = [i for i in record["images"] if i["kind"] == "poster" and i["primary"]]
    assert len(primary) == 1 and len(record["images"]) == 2
    assert primary[0] | {"hash": None} == {"kind": "poster", "hash": None, "mime": "image/png", "width": 300,
                                           "height": 450, "size": len(data), "source_url": None, "primary": True}
    assert primary[0]["hash"] == hashlib.sha256(data).hexdigest()
    assert sqlite_sample.image_file(primary[0]["hash"], "image/png").read_bytes() == data
    rows = [[editor.images_list.item(r, c).text() for c in range(5)] for r in range(editor.images_list.rowCount())]
    assert ["Poster", "300 × 450", editor._file_size(len(data)), "image/png", "Yes"] in rows
    assert editor.poster_message.text().startswith("Poster replaced: 300 × 450 pixels")
    assert not editor.poster_preview.pixmap().isNull()

    # The poster's new version does not make the next save a conflict with oneself.
    type_into(qtbot, editor.title_edit, "After the poster")
    assert editor.save() and editor.conflict_view is None
    after = sqlite_sample.load(work_id)[0]
    assert after["title"] == "After the poster" and after["images"] == record["images"]


def test_a_poster_too_large_or_not_an_image_is_refused(editor, sqlite_sample, tmp_path):
    work_id = editor.work_id
    before = sqlite_sample.load(work_id)[0]
    huge = tmp_path / "huge.png"
    huge.write_bytes(png_bytes(20_000, 20_000))
    assert len(huge.read_bytes()) < 100

    assert not editor.replace_poster(str(huge))
    assert editor.poster_message.text() == ("Not used: the image is 20,000 × 20,000 pixels; a poster may be at "
                                            "most 12,000 pixels a side.")
    assert editor.poster_message.styleSheet()  # shown in red

    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    assert not editor.replace_poster(str(text))
    assert editor.poster_message.text().startswith("Not used: this file is not an image Starlight can read")

    heavy = tmp_path / "heavy.png"
    heavy.write_bytes(png_bytes(100, 100) + b"\0" * (21 * 1024 * 1024))
    assert not editor.replace_poster(str(heavy))
    assert editor.poster_message.text() == "Not used: the file is 21.0 MB; a poster may be at most 20 MB."

    assert sqlite_sample.load(work_id)[0] == before


def test_text_is_shown_as_typed_never_as_markup(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    _someone_else_saves(sqlite_sample, work_id, title="<b>Bold</b> & <i>co</i>")
    editor.edit(work_id)
    assert editor.heading.text() == "<b>Bold</b> & <i>co</i> (2025)"
    assert editor.heading.textFormat() == Qt.TextFormat.PlainText
    assert editor.title_edit.text() == "<b>Bold</b> & <i>co</i>"


def test_saving_a_work_someone_else_deleted_keeps_the_edits(editor, sqlite_sample, qtbot):
    work_id = editor.work_id
    type_into(qtbot, editor.title_edit, "Edited")
    sqlite_sample.delete_works([work_id])
    assert not editor.save()
    assert editor.conflict_view is None
    assert editor.summary.text().startswith("Not saved: someone else deleted this work.")
    assert editor.title_edit.text() == "Edited" and editor.is_dirty()


def test_renaming_a_credit_to_nobody_known_makes_a_new_person(editor, sqlite_sample, qtbot):
    credits = editor.credits_table
    editor.tabs.setCurrentIndex(1)
    edit_cell(qtbot, credits, 3, "person", "Kim Tae-ri Jr")
    assert cell_text(credits, 3, "original_name") == ""  # 김태리 was the other person's
    edit_cell(qtbot, credits, 3, "person", "Kim Tae-ri")
    assert cell_text(credits, 3, "original_name") == "김태리"
    assert not editor.is_dirty()  # back to the same person: nothing to save
    edit_cell(qtbot, credits, 3, "person", "Kim Tae-ri Jr")
    assert editor.save()
    record, people = sqlite_sample.load(editor.work_id)
    assert people[record["credits"][3]["person"]]["name"] == "Kim Tae-ri Jr"
    assert Person.select().where(Person.name == "Kim Tae-ri").count() == 1  # the old person is untouched
