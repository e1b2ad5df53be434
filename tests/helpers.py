"""Small helpers the tests share: a snapshot of everything a catalog holds, and running the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def snapshot(catalog) -> str:
    """Every row a catalog holds, as native JSON (no export time), plus its image files."""
    from catalog_app.services.formats import starlight_json

    images = sorted(str(p.relative_to(catalog.images)) for p in catalog.images.glob("*/*")) \
        if catalog.images.exists() else []
    return starlight_json.dump(catalog.document()) + "\n".join(images)


def starlight(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python main.py ARGS` as a user would, with the tests' private folders; output as text."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, **(env or {})}, cwd=ROOT, timeout=300)
