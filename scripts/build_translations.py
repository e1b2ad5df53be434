"""Compile the interface's translations, resources/translations/*.ts → .qm, with the lrelease that PySide6 ships.

A .qm is remade only when its .ts is newer. `make run`, `make test` and `make installer` run this first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PySide6

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "translations"


def lrelease() -> Path:
    return Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")


def build(folder: Path = FOLDER) -> list[Path]:
    made = []
    for source in sorted(folder.glob("*.ts")):
        target = source.with_suffix(".qm")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        partial = target.with_name(target.name + ".tmp")
        subprocess.run([str(lrelease()), "-silent", str(source), "-qm", str(partial)], check=True)
        os.replace(partial, target)  # a run cut short never leaves a .qm that looks up to date
        made.append(target)
    return made


if __name__ == "__main__":
    for path in build():
        print(f"compiled {path.relative_to(FOLDER.parent.parent)}")
