"""The Korean translation covers the interface: the committed .ts is what lupdate finds in the code, every message
in it is translated and keeps its placeholders and tags, no text reaches tr()/translate() where lupdate cannot see
it, and a window with the translation installed shows Korean."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "catalog_app"
TS = ROOT / "resources" / "translations" / "starlight_ko.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9]*)\b[^<>]*>")

#: Calls whose text is not a literal, each reading a table of QT_TRANSLATE_NOOP marks (lupdate extracts the marks,
#: the call translates the value at run time): (file under catalog_app, the text argument as written) → the table.
#: The scan checks that the table's texts are all marked with the context the call translates in.
TRANSLATED_TABLES = {
    # The list's kind and status columns (`kind_label` and `status_label` iterate over the tables).
    ("gui/work_list_model.py", "kind_label"): "_KIND_LABELS",
    ("gui/work_list_model.py", "status_label"): "_STATUS_LABELS",
    # Online search results: headers (`h` iterates over HEADERS) and kinds; the refresh preview's field names.
    ("gui/online_dialog.py", "h"): "HEADERS",
    ("gui/online_dialog.py", "_KINDS.get(c.kind or '', c.kind or '')"): "_KINDS",
    ("gui/online_dialog.py", "_FIELD_LABELS[change.field]"): "_FIELD_LABELS",
    # Help ▸ Searching.
    ("gui/main_window.py", "SEARCH_HELP"): "SEARCH_HELP",
    # The import wizard: format names and notes, encodings, delimiters (`label` iterates over _DELIMITERS) and
    # column targets (`text` iterates over TARGET_GROUPS' labels).
    ("gui/import_wizard.py", "FORMAT_LABELS[fmt]"): "FORMAT_LABELS",
    ("gui/import_wizard.py", "FORMAT_NOTES[fmt]"): "FORMAT_NOTES",
    ("gui/import_wizard.py", "_ENCODING_LABELS[encoding]"): "_ENCODING_LABELS",
    ("gui/import_wizard.py", "label"): "_DELIMITERS",
    ("gui/import_wizard.py", "text"): "TARGET_GROUPS",
}
_APPLICATIONS = {"QCoreApplication", "QGuiApplication", "QApplication"}


# ---- the .ts and the code are in step ---------------------------------------------------------------------------

def messages(path: Path) -> dict[tuple[str, str, str], ET.Element]:
    """A .ts file's messages by (context, source, disambiguation)."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"), message.findtext("comment") or "")] = message
    return found


def lupdate() -> Path:
    beside = Path(sys.executable).parent / ("pyside6-lupdate.exe" if sys.platform == "win32" else "pyside6-lupdate")
    found = beside if beside.exists() else shutil.which("pyside6-lupdate")
    if found is None:
        pytest.skip("pyside6-lupdate is not installed")
    return Path(found)


def test_the_translation_file_has_every_text_the_code_has_and_no_other(tmp_path):
    # As the project's lupdate command, over the package's files (all of them, tracked or not).
    sources = sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py"))
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    result = subprocess.run([str(lupdate()), "-no-obsolete", "-locations", "relative", *sources, "-ts", str(copy)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    output = result.stdout + result.stderr
    found = re.search(r"Found (\d+) source text\(s\) \((\d+) new and (\d+) already existing\)", output)
    assert found, output
    assert found.group(2) == "0", f"lupdate found texts the .ts lacks; run it and translate them:\n{output}"
    committed, current = messages(TS), messages(copy)
    assert sorted(set(current) - set(committed)) == []
    assert sorted(set(committed) - set(current)) == [], "texts the code no longer has: run lupdate -no-obsolete"


def test_every_message_is_translated_and_keeps_its_placeholders_and_tags():
    problems = []
    for (context, source, _), message in messages(TS).items():
        translation = message.find("translation")
        text = translation.text or ""
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{context}: {source!r} is not translated")
            continue
        if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(source)):
            problems.append(f"{context}: {source!r} → {text!r}: placeholders differ")
        if Counter(TAG.findall(text)) != Counter(TAG.findall(source)):
            problems.append(f"{context}: {source!r} → {text!r}: tags differ")
    assert problems == []


def test_the_checks_see_a_lost_placeholder_and_a_lost_tag():
    assert Counter(PLACEHOLDER.findall("{n:,}개 작품")) == Counter(PLACEHOLDER.findall("{n:,} works"))
    assert Counter(PLACEHOLDER.findall("작품")) != Counter(PLACEHOLDER.findall("{n:,} works"))
    assert Counter(TAG.findall("<b>굵게</b>")) == Counter(TAG.findall("<b>bold</b>"))
    assert Counter(TAG.findall("굵게")) != Counter(TAG.findall("<b>bold</b>"))
    assert TAG.findall("runtime:<100 rating:>=80") == []


# ---- no text lupdate cannot see ----------------------------------------------------------------------------------

class _Calls(ast.NodeVisitor):
    """Every tr() and translate() call: (call, its text argument, the context it is looked up in, or None when
    that is not a literal)."""

    def __init__(self) -> None:
        self.classes: list[str] = []
        self.calls: list[tuple[ast.Call, ast.expr, str | None]] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
        if name == "tr" and node.args:
            self.calls.append((node, node.args[0], self.classes[-1] if self.classes else None))
        elif name == "translate" and len(node.args) >= 2 and (
                isinstance(f, ast.Name) or isinstance(f.value, ast.Name) and f.value.id in _APPLICATIONS):
            self.calls.append((node, node.args[1], _literal(node.args[0])))
        self.generic_visit(node)


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_mark(node: ast.expr) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP"
            and len(node.args) == 2 and all(_literal(a) is not None for a in node.args))


def _marks(node: ast.expr) -> list[ast.Call]:
    """The QT_TRANSLATE_NOOP marks of a table: a dict's values, a tuple's items (the text of a (key, text) pair);
    AssertionError for a text that is not marked."""
    if _is_mark(node):
        return [node]
    if isinstance(node, ast.Dict):
        return [m for value in node.values for m in _marks(value)]
    if isinstance(node, (ast.Tuple, ast.List)):
        if len(node.elts) == 2 and _literal(node.elts[0]) is not None:
            return _marks(node.elts[1])
        return [m for item in node.elts for m in _marks(item)]
    raise AssertionError(f"not marked with QT_TRANSLATE_NOOP: {ast.unparse(node)}")


def _table(tree: ast.Module, name: str) -> ast.expr | None:
    """The value `name` is assigned once in a module (at its top or in a class), or None."""
    values = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            values.append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name \
                and node.value is not None:
            values.append(node.value)
    return values[0] if len(values) == 1 else None


def untranslatable(tree: ast.Module, file: str) -> list[str]:
    """What in a module's tr()/translate() calls lupdate would miss or file under the wrong context."""
    visitor = _Calls()
    visitor.visit(tree)
    problems = []
    for call, text, context in visitor.calls:
        where = f"{file}:{call.lineno}: {ast.unparse(call)}"
        if context is None:
            problems.append(f"{where}: the context is not a literal (or the call is outside a class)")
        elif _literal(text) is None:
            name = TRANSLATED_TABLES.get((file, ast.unparse(text)))
            table = _table(tree, name) if name else None
            if table is None:
                problems.append(f"{where}: the text is not a literal, so lupdate never extracts it")
                continue
            try:
                contexts = {_literal(mark.args[0]) for mark in _marks(table)}
            except AssertionError as e:
                problems.append(f"{where}: {name}: {e}")
                continue
            if contexts != {context}:
                problems.append(f"{where}: {name} is marked for {sorted(contexts)}, translated in {context}")
    return problems


def test_every_translated_text_is_a_literal_or_a_marked_table():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        problems += untranslatable(ast.parse(path.read_text(encoding="utf-8"), str(path)),
                                   path.relative_to(PACKAGE).as_posix())
    assert problems == []


def test_the_scan_sees_a_variable_text_an_unmarked_table_and_a_wrong_context():
    variable = ast.parse("class Page:\n    def show(self, some_variable):\n        self.label.setText(\n"
                         "            self.tr(some_variable))\n")
    assert len(untranslatable(variable, "gui/import_wizard.py")) == 1
    computed = ast.parse('def f(x):\n    return QCoreApplication.translate("Page", x.capitalize())\n')
    assert len(untranslatable(computed, "gui/other.py")) == 1
    unmarked = ast.parse('FORMAT_NOTES = {"csv": "Any table"}\nclass FilePage:\n'
                         '    def f(self, fmt):\n        return self.tr(FORMAT_NOTES[fmt])\n')
    assert "not marked" in untranslatable(unmarked, "gui/import_wizard.py")[0]
    elsewhere = ast.parse('FORMAT_NOTES = {"csv": QT_TRANSLATE_NOOP("ColumnsPage", "Any table")}\nclass FilePage:\n'
                          '    def f(self, fmt):\n        return self.tr(FORMAT_NOTES[fmt])\n')
    assert "translated in FilePage" in untranslatable(elsewhere, "gui/import_wizard.py")[0]
    literal = ast.parse('class FilePage:\n    def f(self):\n        return self.tr(\n            "Any table")\n')
    assert untranslatable(literal, "gui/import_wizard.py") == []


def test_tables_copied_for_translation_cover_what_they_copy():
    from catalog_app.core.merge import MERGE_FIELDS
    from catalog_app.gui import import_wizard, online_dialog
    from catalog_app.services.formats.text_stream import ENCODING_LABELS, ENCODINGS

    assert set(ENCODINGS) <= set(import_wizard._ENCODING_LABELS)
    assert import_wizard._ENCODING_LABELS == ENCODING_LABELS  # the same English as the service says
    assert set(online_dialog._FIELD_LABELS) == set(MERGE_FIELDS)


# ---- the Korean interface ----------------------------------------------------------------------------------------

@pytest.fixture
def korean(qapp):
    """The Korean translation installed in the app for one test, then removed (the other tests read English)."""
    from PySide6.QtCore import QLocale, QTranslator

    from catalog_app.gui.app_resources import install_translators

    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "scripts" / "build_translations.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    build.build()  # the .qm as the .ts is now (only when the .ts is newer)
    before = set(qapp.findChildren(QTranslator))
    try:
        assert install_translators(qapp, QLocale(QLocale.Language.Korean))
        yield
    finally:
        for translator in set(qapp.findChildren(QTranslator)) - before:
            qapp.removeTranslator(translator)
            translator.setParent(None)
            translator.deleteLater()


def test_a_korean_window_shows_kinds_statuses_search_help_and_online_headers(korean, sqlite_sample, qtbot, tmp_path,
                                                                             monkeypatch):
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QMessageBox

    from catalog_app.gui import import_wizard
    from catalog_app.gui.main_window import MainWindow
    from catalog_app.gui.online_dialog import CandidateModel
    from catalog_app.gui.ui_settings import UiSettings

    win = MainWindow(sqlite_sample, UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 8 and not win.model.is_loading(), timeout=5000)
    model = win.model
    rows = {model.index(r, 0).data(): {name: model.index(r, c).data() for c, name in enumerate(model.COLUMNS)}
            for r in range(model.rowCount())}
    assert rows["Parasite"]["kind"] == "영화"
    assert rows["Squid Game"]["kind"] == "시리즈"
    assert rows["Lost in Starlight"]["kind"] == "영화, 애니메이션"
    assert rows["Lost in Starlight"]["status"] == "완료"
    assert model.headerData(model.COLUMNS.index("kind"), Qt.Orientation.Horizontal) == "종류"

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    win.on_search_help()
    assert shown and shown[0].startswith("일반 단어는") and 'director:"Han Ji-won"' in shown[0]

    headers = CandidateModel()
    assert [headers.headerData(c, Qt.Orientation.Horizontal) for c in range(headers.columnCount())] == [
        "제목", "연도", "종류", "원제", "출처", "내 카탈로그"]
    assert import_wizard.format_label("letterboxd") == "Letterboxd 내보내기 파일"
    labels = dict(c for c in import_wizard.target_choices() if c)
    assert labels["title"] == "제목" and labels["id.imdb"] == "IMDb ID"
