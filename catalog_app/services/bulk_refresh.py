"""Refreshing many works at once, in the background: a fetch thread loads the works a batch at a time and fetches
them, the caller's thread writes each batch in one transaction (accepting what fills a gap, or also what differs
when asked), and a journal beside the catalog's data says which works are left, so a refresh cut short by a crash,
a cancel or a restart resumes where it stopped.

Locked fields are never changed (core.merge); a work that fails is reported with its one-line reason and the others
go on. What the refresh changed can be put back as one undo step (`BulkRefresh.undo_states`).
"""

from __future__ import annotations

import collections
import concurrent.futures
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..core.errors import InputError, StarlightError
from ..store.maintenance import automatic_backup
from .catalog import WorkState, write_atomically

if TYPE_CHECKING:
    from .online import Online, RefreshPreview

#: Fetches running beside the writer. One: the work is Python under the interpreter lock, so more threads
#: measured no faster (bench/refresh_speed.py) and made the window wait longer for its turns.
PARALLEL_FETCHES = 1
#: Works loaded, and written, together: one set of queries and one transaction for the batch instead of one for
#: each work (bench/refresh_speed.py: 31 works/s one at a time). Small enough that progress still moves smoothly.
BATCH = 20
#: The journal is rewritten at most this often (seconds), and when the refresh ends.
JOURNAL_EVERY = 1.0
#: A refresh of up to this many works can be undone in one step; for more, the before-states would take too much
#: memory, and the automatic backup taken before it is the way back.
UNDO_LIMIT = 5000


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
    return journal_for(catalog.target)


def journal_for(target: str) -> Path:
    """The journal of the catalog opened as `target` (a path or URL)."""
    import hashlib
    from .paths import data_dir
    return data_dir() / f"refresh-{hashlib.sha1(target.encode('utf-8')).hexdigest()[:12]}.json"


class BulkRefresh:
    """One bulk refresh of `ids`, journaled at `journal` (a JSON file)."""

    def __init__(self, catalog: Any, online: Online | None, ids: list[int], journal: Path, replace: bool = False,
                 provider: str | None = None) -> None:
        self.catalog = catalog
        self.online = online
        self.ids = list(ids)
        self.journal = journal
        self.replace = replace
        #: The source to refresh from; None: each work's first source that is on (Online.source_for).
        self.provider = provider
        self.done: set[int] = set()
        #: For each work this run changed: the version it wrote, and the work and people as they were before.
        #: None when the run changed more than UNDO_LIMIT works (or resumed one cut short): it cannot be undone.
        self.undo_states: dict[int, WorkState] | None = {}
        self._cancel = threading.Event()

    @classmethod
    def resume(cls, catalog: Any, online: Online | None, journal: Path) -> "BulkRefresh | None":
        """The refresh a journal left unfinished for this catalog, or None (no journal, another catalog, done).
        `online` may be set later, before `run`."""
        try:
            state = json.loads(journal.read_text(encoding="utf-8"))
            ids, done, target = list(map(int, state["ids"])), set(map(int, state["done"])), state["catalog"]
            replace = bool(state.get("replace", False))
            provider = state.get("provider")
        except (OSError, ValueError, KeyError, TypeError):
            return None  # none, or one a crash cut short before its first write: nothing to resume
        if target != catalog.target or done >= set(ids):
            return None
        job = cls(catalog, online, ids, journal, replace, provider if isinstance(provider, str) else None)
        job.done = done
        job.undo_states = None  # what the first part changed is not known any more: its backup is the way back
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
            "provider": self.provider}).encode("utf-8"))

    def run(self, progress: Callable[[int, int, list[WorkResult]], None] | None = None) -> RefreshSummary:
        """Refresh the remaining works; `progress(done, total, results)` is called after each batch is written,
        with a result for each of its works."""
        summary = RefreshSummary()
        start = time.perf_counter()
        todo = self.remaining
        total, finished = len(self.ids), len(self.done)
        if len(todo) > 1 and not self.done:
            # Many works change at once: a copy from before, for when undo is not enough (see UNDO_LIMIT).
            automatic_backup(self.catalog.db, "refresh")
        self._write_journal()
        last_write = time.monotonic()
        batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL_FETCHES,
                                                   thread_name_prefix="starlight-refresh") as pool:
            try:
                pending = collections.deque(pool.submit(self._previews, b) for b in batches[:PARALLEL_FETCHES + 1])
                queued = len(pending)
                while pending:
                    results = self._write(pending.popleft().result())
                    self.done.update(r.work_id for r in results)
                    finished += len(results)
                    summary.results += results
                    if progress is not None and results:
                        progress(finished, total, results)
                    if time.monotonic() - last_write >= JOURNAL_EVERY:
                        self._write_journal()
                        last_write = time.monotonic()
                    if self._cancel.is_set():
                        for future in pending:
                            future.cancel()
                        pending.clear()
                    elif queued < len(batches):
                        pending.append(pool.submit(self._previews, batches[queued]))
                        queued += 1
            finally:  # the fetch threads' database connections end with them (kept across their batches)
                for future in [pool.submit(self.catalog.db.close) for _ in range(PARALLEL_FETCHES)]:
                    future.result()
        summary.cancelled = self._cancel.is_set() and bool(self.remaining)
        if self.remaining:
            self._write_journal()
        else:
            self.journal.unlink(missing_ok=True)
        summary.seconds = time.perf_counter() - start
        return summary

    def _previews(self, batch: list[int]) -> list[tuple[int, "RefreshPreview | StarlightError"]]:
        """Load a batch of works and fetch each one again (with its poster, when it has none); stops early when
        cancelled, so only the works it returns count as done."""
        try:
            current, people = self.catalog.load_many(batch)
            locked = self.catalog.locked_fields_of(batch)
        except StarlightError as e:
            return [(work_id, e) for work_id in batch]
        out: list[tuple[int, RefreshPreview | StarlightError]] = []
        for work_id in batch:
            if self._cancel.is_set():
                break
            try:
                if work_id not in current:
                    raise InputError("is no longer in the catalog", f"work {work_id}")
                preview = self.online.compare(current[work_id], people, locked.get(work_id, set()), self.provider)
                self.online.prepare_poster(self.catalog, preview)
                out.append((work_id, preview))
            except StarlightError as e:
                out.append((work_id, e))
        return out

    def _write(self, outcomes: list[tuple[int, "RefreshPreview | StarlightError"]]) -> list[WorkResult]:
        """Write a batch's accepted changes in one transaction; one result per work, in the batch's order."""
        results: dict[int, WorkResult] = {}
        edits, previews = [], {}
        for work_id, outcome in outcomes:
            if isinstance(outcome, StarlightError):
                results[work_id] = WorkResult(work_id, self.catalog.title_of(work_id), "failed", str(outcome))
                continue
            fields = {c.field for c in outcome.changes if c.fills_gap or self.replace}
            if not fields and outcome.poster is None:
                results[work_id] = WorkResult(work_id, outcome.title, "unchanged")
                continue
            shown = fields | ({"poster"} if outcome.poster is not None else set())
            results[work_id] = WorkResult(work_id, outcome.title, "changed", ", ".join(sorted(shown)))
            edits.append(self.online.refreshed(outcome, fields))
            previews[work_id] = outcome
        if edits:
            try:
                versions, refused = self.catalog.save_works(edits)
            except StarlightError as e:
                versions, refused = {}, {edit.work_id: e for edit in edits}
            for work_id, error in refused.items():
                results[work_id] = WorkResult(work_id, previews[work_id].title, "failed", str(error))
            self._remember(versions, previews)
        return [results[work_id] for work_id, _ in outcomes]

    def _remember(self, versions: dict[int, int], previews: dict[int, "RefreshPreview"]) -> None:
        """Keep what the works were before, to undo the refresh in one step (up to UNDO_LIMIT works)."""
        if self.undo_states is None:
            return
        if len(self.undo_states) + len(versions) > UNDO_LIMIT:
            self.undo_states = None
            return
        for work_id, version in versions.items():
            preview = previews[work_id]
            self.undo_states[work_id] = (version, preview.current, preview.people)
