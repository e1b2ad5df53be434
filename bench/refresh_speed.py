"""Bulk metadata refresh against a local server: works per second, and the longest stall of the window's event loop
while the refresh runs in the background.

A server process answers TMDB's /configuration, /movie/<id> (the recorded Fight Club answer, with the id and IMDb id
made unique per work so that each work is its own) and posters (a 500×750 JPEG). The catalog holds 1,000 works that
each know only their title and TMDB id; a refresh fills in everything else and downloads each poster. Every run
starts from a fresh copy of the catalog and an empty HTTP cache, so each request reaches the server.

Usage: .venv/bin/python bench/refresh_speed.py [--works 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures" / "tmdb"
sys.path.insert(0, str(ROOT))

SERVER = r"""
import json, re, socket, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
fixtures, poster, port = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), int(sys.argv[3])
def load(name):
    return json.loads((fixtures / name).read_text(encoding="utf-8"))
details = load("movie_550_details.jdrouet.json")
for key, name in (("credits", "credits"), ("keywords", "keywords"), ("release_dates", "release_dates"),
                  ("images", "images"), ("external_ids", "external_ids"), ("watch/providers", "watch_providers"),
                  ("alternative_titles", "alternative_titles")):
    part = load(f"movie_550_{name}.jdrouet.json"); part.pop("id", None); details[key] = part
configuration = json.dumps(load("configuration_2017.flexget.json")).encode()
# One body with placeholders for the id, made once: the server should cost as little of the machine as it can, so
# that the figures measure Starlight (a real TMDB answers from other machines).
details["id"], details["imdb_id"] = 999999001, "tt999999001"
details["external_ids"] = dict(details["external_ids"], imdb_id="tt999999001", wikidata_id=None)
template = json.dumps(details).encode()
class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def setup(self):
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm holds the body for the
        # client's delayed ACK (~40 ms a request), which would measure the test server, not Starlight.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def log_message(self, *args): pass
    def send(self, body, kind):
        self.send_response(200); self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/3/configuration":
            return self.send(configuration, "application/json")
        m = re.fullmatch(r"/3/movie/(\d+)", path)
        if m:
            n = int(m.group(1))
            body = template.replace(b"tt999999001", f"tt{n:07d}".encode()).replace(b"999999001", str(n).encode())
            return self.send(body, "application/json")
        if path.startswith("/t/p/"):
            return self.send(poster, "image/jpeg")
        self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers()
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poster_file(folder: Path) -> Path:
    from PySide6.QtGui import QColor, QGuiApplication, QImage
    QGuiApplication.instance() or QGuiApplication(sys.argv)
    image = QImage(500, 750, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a506b"))
    path = folder / "poster.jpg"
    image.save(str(path), "JPEG")
    return path


def build_catalog(path: Path, works: int) -> None:
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.formats.starlight_json import from_object
    doc = from_object({"format": "starlight-catalog", "version": 1, "works": [
        {"title": f"Film {n}", "external_ids": {"tmdb": f"movie/{n}"}} for n in range(1000, 1000 + works)]})
    with Catalog.open(str(path)) as catalog:
        catalog.import_document(doc, "bench")


def fresh_copy(template: Path, folder: Path, run: int) -> Path:
    target = folder / f"run{run}" / "catalog.sqlite"
    if target.parent.exists():
        shutil.rmtree(target.parent)
    target.parent.mkdir(parents=True)
    shutil.copy(template, target)  # its cache and data folders are given to the child that runs on it
    return target


def service_run(db: Path) -> tuple[float, int, int]:
    from catalog_app.services.bulk_refresh import BulkRefresh, journal_path
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.online import Online, load_settings
    from PySide6.QtCore import QSettings
    with Catalog.open(str(db)) as catalog:
        online = Online(load_settings(QSettings(str(db.parent / "ui.ini"), QSettings.Format.IniFormat)))
        ids = [row[0] for row in catalog.find("")]
        summary = BulkRefresh(catalog, online, ids, journal_path(catalog)).run()
        online.close()
        return summary.seconds, summary.count("changed"), summary.count("failed")


def window_run(db: Path) -> tuple[float, float, int]:
    from PySide6.QtCore import QSettings
    from heartbeat import Heartbeat  # bench/heartbeat.py
    from PySide6.QtWidgets import QApplication

    from catalog_app.gui.main_window import GIL_SWITCH_INTERVAL, MainWindow, settle_heap
    from catalog_app.gui.ui_settings import UiSettings
    from catalog_app.services.bulk_refresh import BulkRefresh, journal_path
    from catalog_app.services.catalog import Catalog

    app = QApplication.instance() or QApplication(sys.argv)
    catalog = Catalog.open(str(db))
    window = MainWindow(catalog, UiSettings(QSettings(str(db.parent / "ui.ini"), QSettings.Format.IniFormat)))
    window.resize(1400, 900)
    window.show()
    settle_heap()  # as run_app does once the window is shown
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)  # and as it does for the whole process
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)
    ids = [row[0] for row in catalog.find("")]
    heartbeat = Heartbeat()
    start = time.perf_counter()
    dialog = window.run_bulk_refresh(BulkRefresh(catalog, window.online, ids, journal_path(catalog)))
    heartbeat.start()
    while not dialog.close_button.isEnabled():
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - start
    stall = heartbeat.stop()
    changed = dialog.summary.count("changed")
    dialog.close_button.click()
    window.close()
    catalog.close()
    return seconds, stall, changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--works", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["service", "window"], help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one measurement in a process of its own
        result = service_run(Path(args.db)) if args.child == "service" else window_run(Path(args.db))
        print(json.dumps(result))
        return 0
    folder = Path(tempfile.mkdtemp(prefix="starlight-refresh-bench-"))
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(FIXTURES), str(poster_file(folder)), str(port)])
    try:
        time.sleep(0.5)
        template = folder / "template.sqlite"
        build_catalog(template, args.works)
        env = {**os.environ, "STARLIGHT_TMDB_URL": f"http://127.0.0.1:{port}/3",
               "STARLIGHT_TMDB_IMAGE_URL": f"http://127.0.0.1:{port}/t/p/", "STARLIGHT_TMDB_KEY": "bench",
               **{f"STARLIGHT_{p}_URL": "http://127.0.0.1:9/" for p in ("WIKIDATA", "JIKAN", "TVMAZE", "ANILIST",
                                                                          "OMDB")}}
        rows = {}
        for child in ("service", "window"):
            figures = []
            for run in range(args.runs):
                db = fresh_copy(template, folder, run)
                out = subprocess.run([sys.executable, __file__, "--child", child, "--db", str(db)], env={
                    **env, "STARLIGHT_CACHE_DIR": str(db.parent / "cache"),
                    "STARLIGHT_DATA_DIR": str(db.parent / "data")}, capture_output=True, text=True, timeout=900)
                if out.returncode != 0:
                    raise RuntimeError(out.stderr[-3000:])
                figures.append(json.loads(out.stdout.strip().splitlines()[-1]))
            rows[child] = figures
    finally:
        server.terminate()
        shutil.rmtree(folder, ignore_errors=True)
    service = rows["service"]
    window = rows["window"]
    rate = statistics.median(args.works / s for s, _, _ in service)
    window_rate = statistics.median(args.works / s for s, _, _ in window)
    stall = max(g for _, g, _ in window)
    print(f"Bulk refresh of {args.works:,} works from a local TMDB server (each: details with credits, dates, "
          f"availability, and a poster); median of {args.runs} runs")
    print(f"| {'where':<28} | {'works/s':>8} | {'target':>7} | {'changed / failed':>16} | {'longest stall':>13} |")
    print(f"|{'-' * 30}|{'-' * 10}|{'-' * 9}|{'-' * 18}|{'-' * 15}|")
    print(f"| {'service (no window)':<28} | {rate:>8.0f} | {'≥ 50':>7} | "
          f"{f'{service[0][1]} / {service[0][2]}':>16} | {'':>13} |")
    print(f"| {'window, refresh dialog':<28} | {window_rate:>8.0f} | {'≥ 50':>7} | "
          f"{f'{window[0][2]} / -':>16} | {f'{stall:.0f} ms (≤ 50)':>13} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
