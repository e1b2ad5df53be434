"""Every file the app writes goes to a temporary file (or a staging folder), is flushed and renamed into place: a
crash leaves the old file or the new one, never half of one. A cache file found cut short or empty is made again
without an error."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from catalog_app.services.catalog import write_atomically

PACKAGE = Path(__file__).resolve().parent.parent / "catalog_app"

#: The functions that write files, and how each keeps its file whole. A new place that writes a file fails the
#: test below until it is added here, with its reason, after a review.
WRITERS = {
    ("services/catalog.py", "write_atomically"): "the helper: temporary file in the folder, fsync, os.replace",
    ("services/catalog.py", "import_file"): "spools standard input into a private temporary file",
    ("gui/posters.py", "_replace_file"): "thumbnails: temporary file and os.replace (no fsync: one cut short is "
                                         "detected when read and made again)",
    ("store/maintenance.py", "copy_database"): "SQLite's backup API into a temporary file, fsync, os.replace",
    ("services/backup_archive.py", "write_archive"): "built in a staging folder, fsync, os.replace",
    ("services/backup_archive.py", "_unpack"): "unpacks into a staging folder that is renamed into place",
    ("services/html_export.py", "write_html_folder"): "built in a staging folder that is renamed into place",
    ("services/restore.py", "_retire"): "opens the catalog it replaces to fold its journal in; the copy goes "
                                        "through copy_database",
}


def _writes(tree: ast.AST) -> list[tuple[str, int]]:
    """(enclosing function, line) of each call that writes a file."""
    found = []

    class Visitor(ast.NodeVisitor):
        def __init__(self) -> None:
            self.stack: list[str] = []

        def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
            self.stack.append(node.name)
            self.generic_visit(node)
            self.stack.pop()

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_Call(self, node: ast.Call) -> None:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            mode = next((a.value for a in node.args[1:2] if isinstance(a, ast.Constant)), None)
            mode = next((k.value.value for k in node.keywords if k.arg == "mode" and isinstance(k.value, ast.Constant)),
                        mode)
            owner = getattr(func.value, "id", "") if isinstance(func, ast.Attribute) else ""
            writes = (name in ("write_text", "write_bytes")
                      or (owner == "shutil" and name in ("copyfile", "copy", "copy2", "copytree", "move"))
                      or (name in ("open", "fdopen") and isinstance(mode, str) and bool(set(mode) & set("wax+")))
                      # sqlite3 makes the file it connects to; SQLite's backup API writes the connection it is given
                      or (owner == "sqlite3" and name == "connect" and "mode=ro" not in ast.unparse(node))
                      or (name == "backup" and owner != "catalog"))
            if writes:
                found.append((self.stack[-1] if self.stack else "<module>", node.lineno))
            self.generic_visit(node)

    Visitor().visit(tree)
    return found


def test_every_place_that_writes_a_file_is_one_that_keeps_it_whole():
    sites: dict[tuple[str, str], list[int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for function, line in _writes(ast.parse(path.read_text(encoding="utf-8"))):
            sites.setdefault((relative, function), []).append(line)
    unknown = {f"{f}:{lines[0]} in {fn}()" for (f, fn), lines in sites.items() if (f, fn) not in WRITERS}
    assert not unknown, f"writes a file without going through a temporary file and a rename: {sorted(unknown)}"
    gone = set(WRITERS) - set(sites)
    assert not gone, f"listed as writers but write nothing (update WRITERS): {sorted(gone)}"


def test_the_scan_sees_a_plain_write():
    tree = ast.parse("def save(p):\n    open(p, 'w').write('x')\n\ndef keep(p):\n    p.write_bytes(b'')\n"
                     "def read(p):\n    open(p, 'rb').read()\n")
    assert [f for f, _ in _writes(tree)] == ["save", "keep"]


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "export.csv"
    target.write_bytes(b"the old export\n")

    def disk_full(*_args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"a new export that never lands\n" * 1000)
    assert target.read_bytes() == b"the old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_a_write_is_flushed_to_disk_before_it_replaces_the_file(tmp_path, monkeypatch):
    order = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (order.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(os, "replace", lambda a, b: (order.append("replace"), real_replace(a, b)))
    write_atomically(tmp_path / "x.json", b"{}")
    assert order[:2] == ["fsync", "replace"] and (tmp_path / "x.json").read_bytes() == b"{}"


@pytest.mark.parametrize("damage", ["zero bytes", "cut short", "not a database"])
def test_a_damaged_http_cache_file_is_started_afresh_without_an_error(tmp_path, httpserver, damage):
    from catalog_app.providers.http import HttpClient

    cache = tmp_path / "http-cache.sqlite"
    httpserver.expect_request("/3/movie/550").respond_with_json({"id": 550, "title": "Fight Club"})
    url = httpserver.url_for("/3/movie/550")
    first = HttpClient(cache, "Starlight tests")
    assert first.get_json("tmdb", url)["title"] == "Fight Club"
    first.close()
    first._backend.close()
    whole = cache.read_bytes()
    assert len(whole) > 4096
    cache.write_bytes({"zero bytes": b"", "cut short": whole[:len(whole) // 2],
                       "not a database": b"\x00garbage" * 512}[damage])
    for journal in tmp_path.glob("http-cache.sqlite-*"):
        journal.unlink()

    again = HttpClient(cache, "Starlight tests")
    assert again.get_json("tmdb", url)["title"] == "Fight Club"
    assert again.network_requests == 1, "fetched again: what the damaged cache held is gone"
    assert again.get_json("tmdb", url)["title"] == "Fight Club" and again.network_requests == 1, "cached again"
