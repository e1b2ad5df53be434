"""Running catalog queries off the GUI thread: `Background.submit(fn)` runs fn on a worker thread and delivers
its result (or its error) through signals, which reach the receiving @Slot methods in the GUI thread.

Each submit returns a ticket; a receiver keeps the ticket of the request it still cares about and ignores
older answers, so a fast typist never sees the results of a query they already replaced.

The workers are Python threads that live as long as the app, not QThreadPool threads: Peewee keeps one
database connection per thread in thread-local state, and Python forgets that state whenever a Qt pool thread
finishes a task, so every query would open (and leak) a fresh SQLite connection with a cold cache.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from ..core.errors import StarlightError


class Background(QObject):
    #: (ticket, result) of a request that completed.
    finished = Signal(int, object)
    #: (ticket, one-line message) of a request that raised.
    failed = Signal(int, str)

    def __init__(self, executor: concurrent.futures.Executor | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor or shared_executor()
        self._tickets = itertools.count(1)
        self._pending: set[concurrent.futures.Future[None]] = set()
        self._lock = threading.Lock()

    def submit(self, fn: Callable[[], Any], priority: int = 0) -> int:
        """Run fn on a worker; `priority` is accepted for callers' clarity, the queue is first come first served."""
        ticket = next(self._tickets)

        def run() -> None:
            try:
                try:
                    result = fn()
                except StarlightError as e:
                    self.failed.emit(ticket, str(e))
                except Exception as e:  # a bug: report it where a person can see it, with the cause
                    traceback.print_exc()
                    self.failed.emit(ticket, f"{type(e).__name__}: {e}")
                else:
                    self.finished.emit(ticket, result)
            except RuntimeError:
                pass  # the window that asked is gone (closing): nobody is left to tell

        future = self._executor.submit(run)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)
        return ticket

    def _forget(self, future: concurrent.futures.Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for this object's requests to finish (for tests and shutdown)."""
        with self._lock:
            pending = set(self._pending)
        done, not_done = concurrent.futures.wait(pending, timeout=msecs / 1000)
        return not not_done


_SHARED: concurrent.futures.ThreadPoolExecutor | None = None
_LIST: concurrent.futures.ThreadPoolExecutor | None = None


def shared_executor() -> concurrent.futures.ThreadPoolExecutor:
    """Workers for loading a work, a person, the sidebar counts: two, one per core of a small machine."""
    global _SHARED
    if _SHARED is None:
        _SHARED = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="starlight-query")
    return _SHARED


def list_pool() -> concurrent.futures.ThreadPoolExecutor:
    """The worker list queries run on: one thread, so they run one after another in the order asked."""
    global _LIST
    if _LIST is None:
        _LIST = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="starlight-list")
    return _LIST
