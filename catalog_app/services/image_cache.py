"""A disk cache of downloaded images (the posters of online search results), bounded in bytes, oldest use out first.

Files are named by the sha256 of their address and sharded into 256 folders; each is written to a temporary file
and renamed, so a crash leaves either the old file or none. Reading a file marks it used (its modification time),
and a file that is empty or cut short (from an older crash, or a full disk) is treated as missing and fetched again.
The posters of works in the catalog are not kept here: they live, content-addressed, beside the catalog.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from ..core.errors import InputError
from ..core.images import check_image
from .catalog import write_atomically


class ImageCache:
    def __init__(self, folder: Path, max_bytes: int = 200 * 2**20) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / digest

    def get(self, url: str) -> bytes | None:
        path = self._path(url)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            check_image(data, url)
        except InputError:
            path.unlink(missing_ok=True)  # empty or damaged: fetch it again
            return None
        try:
            os.utime(path)
        except OSError:
            pass
        return data

    def put(self, url: str, data: bytes) -> None:
        write_atomically(self._path(url), data)
        self.trim()

    def usage(self) -> int:
        return sum(f.stat().st_size for f in self._files())

    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return [f for shard in self.folder.iterdir() if shard.is_dir() for f in shard.iterdir()
                if f.is_file() and not f.name.startswith(".")]

    def trim(self) -> None:
        """Remove the least recently used files until the cache fits its budget."""
        with self._lock:
            files = []
            for f in self._files():
                try:
                    stat = f.stat()
                except OSError:
                    continue
                files.append((stat.st_mtime, stat.st_size, f))
            total = sum(size for _, size, _ in files)
            for _, size, f in sorted(files):
                if total <= self.max_bytes:
                    break
                f.unlink(missing_ok=True)
                total -= size

    def clear(self) -> None:
        for f in self._files():
            f.unlink(missing_ok=True)
