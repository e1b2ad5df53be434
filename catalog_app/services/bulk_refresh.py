"""Refreshing many works at once, in the background: fetches run a few at a time, each work is written in its own
transaction (accepting what fills a gap, or also what differs when asked), and a journal beside the catalog's
data says which works are left, so a refresh cut short by a crash, a cancel or a restart resumes where it stopped.

Locked fields are never changed (core.merge); a work that fails is reported with its one-line reason and the others
go on.
"""

from __future__ import annotations

import concurrent.futures
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..core.errors import StarlightError
from ..store.maintenance import automatic_backup
from .catalog import write_atomically

if TYPE_CHECKING:
    from .online import Online, RefreshPreview

#: Fetches running beside the writer. One: the work is Python under the interpreter lock, so more threads
#: measured no faster (bench/refresh_speed.py) and made the window wait longer for its turns.
PARALLEL_FETCHES = 1
#: The journal is rewritten at most this often (seconds), and when the refresh ends.
JOURNAL_EVERY = 1.0


@dataclass
class WorkResult:
    work_id: int
    title: str
    outcome: str  # "changed", "unchanged", "failed"
    detail: str = ""  # the fields changed, or why it failed


@dataclass
class RefreshSummary:
    results: list[WorkResult] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)


def journal_path(catalog: Any) -> Path:
    """Where the bulk refresh of this catalog keeps its journal (one per catalog, in the user's data folder)."""
    import hashlib
    from .paths import data_dir
    return data_dir() / f"refresh-{hashlib.sha1(catalog.target.encode('utf-8')).hexdigest()[:12]}.json"


class BulkRefresh:
    """One bulk refresh of `ids`, journaled at `journal` (a JSON file)."""

    def __init__(self, catalog: Any, online: Online, ids: list[int], journal: Path, replace: bool = False) -> None:
        self.catalog = catalog
        self.online = online
        self.ids = list(ids)
        self.journal = journal
        self.replace = replace
        self.done: set[int] = set()
        self._cancel = threading.Event()

    @classmethod
    def resume(cls, catalog: Any, online: Online, journal: Path) -> "BulkRefresh | None":
        """The refresh a journal left unfinished for this catalog, or None (no journal, another catalog, done)."""
        try:
            state = json.loads(journal.read_text(encoding="utf-8"))
            ids, done, target = list(map(int, state["ids"])), set(map(int, state["done"])), state["catalog"]
            replace = bool(state.get("replace", False))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # none, or one a crash cut short before its first write: nothing to resume
        if target != catalog.target or done >= set(ids):
            return None
        job = cls(catalog, online, ids, journal, replace)
        job.done = done
        return job

    @property
    def remaining(self) -> list[int]:
        return [i for i in self.ids if i not in self.done]

    def cancel(self) -> None:
        """Stop after the works being fetched now; the journal keeps the rest for later."""
        self._cancel.set()

    def _write_journal(self) -> None:
        write_atomically(self.journal, json.dumps({
            "catalog": self.catalog.target, "ids": self.ids, "done": sorted(self.done), "replace": self.replace,
        }).encode("utf-8"))

    def run(self, progress: Callable[[int, int, WorkResult], None] | None = None) -> RefreshSummary:
        """Refresh the remaining works; `progress(done, total, result)` is called after each one."""
        summary = RefreshSummary()
        start = time.perf_counter()
        todo = self.remaining
        total, finished = len(self.ids), len(self.done)
        if len(todo) > 1 and not self.done:
            # Many works change at once and a refresh is not undone work by work: keep a copy from before.
            automatic_backup(self.catalog.db, "refresh")
        self._write_journal()
        last_write = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL_FETCHES,
                                                   thread_name_prefix="starlight-refresh") as pool:
            pending: dict[int, concurrent.futures.Future[RefreshPreview]] = {}
            position = 0

            def top_up() -> None:
                nonlocal position
                while position < len(todo) and len(pending) < PARALLEL_FETCHES * 2 and not self._cancel.is_set():
                    work_id = todo[position]
                    pending[work_id] = pool.submit(self._preview, work_id)
                    position += 1

            top_up()
            for work_id in todo:
                if work_id not in pending:
                    break  # cancelled before it was asked for
                result = self._write(work_id, pending.pop(work_id))
                self.done.add(work_id)
                finished += 1
                summary.results.append(result)
                if progress is not None:
                    progress(finished, total, result)
                if time.monotonic() - last_write >= JOURNAL_EVERY:
                    self._write_journal()
                    last_write = time.monotonic()
                if self._cancel.is_set():
                    for future in pending.values():
                        future.cancel()
                    break
                top_up()
        summary.cancelled = self._cancel.is_set() and bool(self.remaining)
        if self.remaining:
            self._write_journal()
        else:
            self.journal.unlink(missing_ok=True)
        summary.seconds = time.perf_counter() - start
        return summary

    def _preview(self, work_id: int) -> RefreshPreview:
        try:
            preview = self.online.preview_refresh(self.catalog, work_id)
            self.online.prepare_poster(self.catalog, preview)
            return preview
        finally:
            self.catalog.db.close()  # this fetch thread's connection goes with the thread

    def _write(self, work_id: int, future: "concurrent.futures.Future[RefreshPreview]") -> WorkResult:
        try:
            preview = future.result()
        except StarlightError as e:
            return WorkResult(work_id, self.catalog.title_of(work_id), "failed", str(e))
        fields = {c.field for c in preview.changes if c.fills_gap or self.replace}
        if not fields and preview.poster is None:
            return WorkResult(work_id, preview.title, "unchanged")
        fields_shown = fields | ({"poster"} if preview.poster is not None else set())
        try:
            self.online.apply_refresh(self.catalog, preview, fields)
        except StarlightError as e:
            return WorkResult(work_id, preview.title, "failed", str(e))
        return WorkResult(work_id, preview.title, "changed", ", ".join(sorted(fields_shown)))
