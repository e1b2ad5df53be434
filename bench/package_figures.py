"""The packaged app's figures: sizes (frozen folder by part, the .deb) and start times, frozen vs source.

Run after `make installer`:  .venv/bin/python bench/package_figures.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "starlight"


def size(path: Path) -> int:
    """Bytes on disk; PyInstaller's symlinks (a library linked from two places) count once, where they point."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def timed(command: list[str], runs: int) -> tuple[float, list[float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise SystemExit(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    if not (FROZEN / "starlight").exists():
        raise SystemExit("no dist/starlight: run `make installer` first")
    internal = FROZEN / "_internal"
    parts = {
        "Qt libraries (Core, Gui, Widgets, Svg, platform glue)": [p for p in (internal / "PySide6/Qt/lib").glob("*")
                                                                   if "icu" not in p.name],
        "ICU (Qt's Unicode data)": list((internal / "PySide6/Qt/lib").glob("libicu*")),
        "Qt plugins (platforms, image formats, Wayland, input)": [internal / "PySide6/Qt/plugins"],
        "PySide6 bindings": [p for p in (internal / "PySide6").glob("*.so*")] + list(internal.glob("libshiboken*"))
        + list(internal.glob("libpyside*")) + list((internal / "shiboken6").glob("*")),
        "Python (interpreter, standard library)": list(internal.glob("libpython*")) + [internal / "base_library.zip"]
        + [p for p in internal.glob("python3*")],
        "PostgreSQL driver and libpq": [internal / "psycopg2", internal / "psycopg2_binary.libs"]
        + [p for p in internal.glob("lib*-*.so*") if "pyside" not in p.name and "shiboken" not in p.name],
        "cryptography (the keyring's Secret Service session)": [internal / "cryptography"],
        "rapidfuzz": [internal / "rapidfuzz"],
    }
    total = size(FROZEN)
    rows = []
    counted = 0
    for name, paths in parts.items():
        n = sum(size(p) for p in paths if p.exists())
        counted += n
        rows.append((name, n))
    rows.append(("everything else (Starlight, requests, peewee, keyring…)", total - counted))
    print("| part of dist/starlight | MB | share |\n|---|---|---|")
    for name, n in rows:
        print(f"| {name} | {n / 1e6:.1f} | {n / total:.0%} |")
    print(f"| **unpacked, in all** (target < 150 MB) | **{total / 1e6:.1f}** | |")
    debs = sorted((ROOT / "dist").glob("starlight_*.deb"), key=lambda p: p.stat().st_mtime)
    if debs:
        print(f"| the .deb ({debs[-1].name}, xz) | {size(debs[-1]) / 1e6:.1f} | {size(debs[-1]) / total:.0%} |")

    print(f"\n| start (median of {runs}) | frozen | source (.venv) | frozen / source |\n|---|---|---|---|")
    source = [sys.executable, str(ROOT / "main.py")]
    for label, args in (("`--version`", ["--version"]), ("`--self-test` (window, sample, search, poster)",
                                                          ["--self-test"])):
        frozen, f_runs = timed([str(FROZEN / "starlight"), *args], runs)
        src, s_runs = timed([*source, *args], runs)
        print(f"| {label} | {frozen:.2f} s | {src:.2f} s | {frozen / src:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
