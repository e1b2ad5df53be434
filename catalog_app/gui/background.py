"""Running catalog queries off the GUI thread: `Background.submit(fn)` runs fn in a thread pool and delivers
its result (or its error) through signals, which reach the receiving @Slot methods in the GUI thread.

Each submit returns a ticket; a receiver keeps the ticket of the request it still cares about and ignores
older answers, so a fast typist never sees the results of a query they already replaced.
"""

from __future__ import annotations

import itertools
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from ..core.errors import StarlightError


class Background(QObject):
    #: (ticket, result) of a request that completed.
    finished = Signal(int, object)
    #: (ticket, one-line message) of a request that raised.
    failed = Signal(int, str)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._tickets = itertools.count(1)

    def submit(self, fn: Callable[[], Any], priority: int = 0) -> int:
        ticket = next(self._tickets)

        def run() -> None:
            try:
                result = fn()
            except StarlightError as e:
                self.failed.emit(ticket, str(e))
            except Exception as e:  # a bug: report it where a person can see it, with the cause
                traceback.print_exc()
                self.failed.emit(ticket, f"{type(e).__name__}: {e}")
            else:
                self.finished.emit(ticket, result)

        self._pool.start(run, priority)
        return ticket

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the pool to drain (for tests and shutdown)."""
        return self._pool.waitForDone(msecs)


def list_pool() -> QThreadPool:
    """The pool list queries run in: one thread, so queries run one after another in the order asked."""
    global _LIST_POOL
    if _LIST_POOL is None:
        _LIST_POOL = QThreadPool()
        _LIST_POOL.setMaxThreadCount(1)
        _LIST_POOL.setExpiryTimeout(-1)
    return _LIST_POOL


_LIST_POOL: QThreadPool | None = None
