"""How the main window feels on big catalogs: start-up, search as you type, sorting, scrolling, memory.

Catalogs: the 58,788 IMDb films, and 1,000,000 works derived from them (bench/make_catalog.py says how), built
once into --dir. Figures are medians of several runs (p95 for keystrokes); targets from the main-window issue.
A stall meter (a 5 ms QTimer heartbeat) records the longest gap in the GUI event loop while scrolling.

Usage: .venv/bin/python bench/gui_speed.py [--sizes 58k,1m] [--dir /tmp/starlight-bench] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGETS = {"58k": {"start": 1.0, "key": 50, "sort": 150, "stall": 50, "rss": None},
           "1m": {"start": 1.5, "key": 100, "sort": 150, "stall": 50, "rss": 250}}
TYPED = ["star wars", "love", "night", "kim", "dark city", "the matrix"]

CHILD = r"""
import os, sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from catalog_app.gui.main_window import MainWindow
from catalog_app.gui.ui_settings import UiSettings
from catalog_app.services.catalog import Catalog
catalog = Catalog.open({db!r})
window = MainWindow(catalog, UiSettings(QSettings({ini!r}, QSettings.Format.IniFormat)))

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and window.model.rowCount() and not window.model.is_loading():
            print(time.time(), flush=True)
            os._exit(0)
        return False

watcher = Painted()
window.table.viewport().installEventFilter(watcher)
window.show()
app.exec()
"""


def start_time(db: Path, ini: str) -> float:
    """Seconds from starting the process to the first painted list with rows."""
    begin = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), db=str(db), ini=ini)],
                         capture_output=True, text=True, timeout=120, env={**os.environ})
    if out.returncode != 0 or not out.stdout.strip():
        raise RuntimeError(out.stderr[-2000:])
    return float(out.stdout.strip().splitlines()[-1]) - begin


def in_process(db: Path, runs: int) -> dict[str, float]:
    from PySide6.QtCore import QSettings, Qt
    from heartbeat import Heartbeat  # bench/heartbeat.py
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from catalog_app.gui.main_window import GIL_SWITCH_INTERVAL, MainWindow, settle_heap
    from catalog_app.gui.ui_settings import UiSettings
    from catalog_app.services.catalog import Catalog

    app = QApplication.instance() or QApplication(sys.argv)
    catalog = Catalog.open(str(db))
    ini = tempfile.mktemp(suffix=".ini")
    window = MainWindow(catalog, UiSettings(QSettings(ini, QSettings.Format.IniFormat)))
    window.resize(1400, 900)
    window.show()
    settle_heap()  # as run_app does once the window is shown
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)  # and as it does for the whole process
    shown = {"n": 0}
    window.model.results_shown.connect(lambda _count: shown.__setitem__("n", shown["n"] + 1))

    def wait_results(before: int, timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while shown["n"] == before and time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.0005)
        if shown["n"] == before:
            raise RuntimeError("no results within 30 s")

    def settle() -> None:
        for _ in range(20):
            app.processEvents()
        while window.model.is_loading():
            app.processEvents()
            time.sleep(0.001)

    settle()
    keys: list[float] = []
    for _ in range(runs):
        for text in TYPED:
            window.search.clear()
            wait_results(shown["n"] - 1) if window.model.is_loading() else None
            settle()
            window.search.setFocus()
            for ch in text:
                before = shown["n"]
                start = time.perf_counter()
                QTest.keyClick(window.search, ch)
                wait_results(before)
                window.table.viewport().repaint()
                keys.append((time.perf_counter() - start) * 1000)
                time.sleep(0.03)  # a fast typist
                app.processEvents()
    window.search.clear()
    settle()

    sorts: list[float] = []
    for column in range(len(window.model.COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            before = shown["n"]
            start = time.perf_counter()
            window.table.sortByColumn(column, order)
            wait_results(before)
            window.table.viewport().repaint()
            sorts.append((time.perf_counter() - start) * 1000)
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle()

    def stall_while_scrolling(view: object, seconds: float = 2.0) -> float:
        heartbeat = Heartbeat()
        heartbeat.start()
        bar = view.verticalScrollBar()
        bar.setValue(0)
        end = time.perf_counter() + seconds
        step = max(1, bar.maximum() // 120)
        while time.perf_counter() < end:
            bar.setValue(min(bar.maximum(), bar.value() + step))  # a fling, then jumps down the list
            app.processEvents()
            time.sleep(0.016)
        return heartbeat.stop()

    window.set_view("table")
    table_stall = max(stall_while_scrolling(window.table) for _ in range(runs))
    window.set_view("grid")
    settle()
    grid_stall = max(stall_while_scrolling(window.grid) for _ in range(runs))
    rss = 0.0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) / 1024
    window.close()
    catalog.close()
    keys.sort()
    return {"key_p95": keys[int(len(keys) * 0.95) - 1], "key_median": statistics.median(keys),
            "keystrokes": len(keys), "sort_max": max(sorts), "sort_median": statistics.median(sorts),
            "stall_table": table_stall, "stall_grid": grid_stall, "rss": rss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="58k,1m")
    parser.add_argument("--dir", default=str(Path(tempfile.gettempdir()) / "starlight-bench"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from make_catalog import DERIVATION, ensure

    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes.split(","):
        db = ensure(size, folder / f"{size}.sqlite")
        ini = str(folder / f"{size}-ui.ini")
        starts = [start_time(db, ini) for _ in range(max(3, args.runs))]
        figures = in_process(db, args.runs) if len(args.sizes.split(",")) == 1 else _child_figures(size, folder,
                                                                                                    args.runs)
        rows.append((size, DERIVATION[size], statistics.median(starts), figures))
    print("Main window on this machine (2 cores), offscreen; medians of runs, keystrokes as p95")
    print(f"| {'catalog':<8} | {'start → list':>13} | {'keystroke p95':>14} | {'sort (worst)':>12} | "
          f"{'scroll stall table / grid':>26} | {'memory':>9} |")
    print(f"|{'-' * 10}|{'-' * 15}|{'-' * 16}|{'-' * 14}|{'-' * 28}|{'-' * 11}|")
    for size, _, start, f in rows:
        t = TARGETS[size]
        print(f"| {size:<8} | {start:>6.2f} s ≤{t['start']:<4} | {f['key_p95']:>5.0f} ms ≤{t['key']:<4} | "
              f"{f['sort_max']:>5.0f} ms ≤{t['sort']} | {f['stall_table']:>6.0f} / {f['stall_grid']:<4.0f} ms ≤{t['stall']:<5} | "
              f"{f['rss']:>5.0f} MB{'' if t['rss'] is None else ' ≤' + str(t['rss'])} |")
    for size, derivation, _, f in rows:
        print(f"{size}: {derivation}; {f['keystrokes']} keystrokes (median {f['key_median']:.0f} ms), "
              f"sorts median {f['sort_median']:.0f} ms")
    return 0


def _child_figures(size: str, folder: Path, runs: int) -> dict[str, float]:
    """Each catalog in its own process, so memory figures do not add up across sizes."""
    import json
    code = (f"import sys, json; sys.path.insert(0, {str(ROOT / 'bench')!r}); import gui_speed; "
            f"print(json.dumps(gui_speed.in_process(__import__('pathlib').Path({str(folder / (size + '.sqlite'))!r}), "
            f"{runs})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    raise SystemExit(main())
