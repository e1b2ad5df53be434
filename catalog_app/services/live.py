"""Live changes of a shared catalog: `ChangeListener` hears what other clients commit to a PostgreSQL catalog.

It keeps one connection of its own on a Python thread, LISTENing on the channel the database's triggers notify
(store.migrations.m0006_change_notices), and says through Qt signals which works or lists changed. Nothing polls
a table: the thread sleeps in select() until the server sends a notice. A dropped connection is retried with a
growing pause; once back, `works_changed(None)` says anything may have changed meanwhile (notices sent while
nobody listened are lost).

The signals are emitted on the listener's thread: connect them to @Slot methods of objects living in the GUI
thread, which Qt then calls in that thread.
"""

from __future__ import annotations

import os
import select
import threading
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from ..store.db import CLIENT_NAME, is_postgres, separate_connection
from ..store.migrations.m0006_change_notices import CHANNEL

#: After a first notice, how long to gather more before saying so: one refresh for a burst of commits.
GATHER_SECONDS = 0.05
#: How long select() sleeps before checking that the connection is still alive.
KEEPALIVE_SECONDS = 20.0
#: Pauses between attempts to reconnect, in seconds; the last one repeats.
RECONNECT_PAUSES = (0.5, 1, 2, 5, 10, 30)


def parse_notice(payload: str) -> tuple[str, frozenset[int] | None, str]:
    """A notice as (what changed: "works" or "lists", the work ids or None for "any", the writer's name)."""
    what, _, rest = payload.partition("|")
    ids_text, _, writer = rest.partition("|")
    if what != "works" or ids_text == "*":
        return what, None, writer
    ids = frozenset(int(part) for part in ids_text.split(",") if part.strip().isdigit())
    return what, ids, writer


class ChangeListener(QObject):
    """Listens for other clients' changes to a shared catalog until `stop()`."""

    #: The ids of works another client added, changed or deleted; None: any work may have changed.
    works_changed = Signal(object)
    #: Another client changed lists or saved searches.
    lists_changed = Signal()
    #: (listening, why not): False with the reason when the connection dropped, True when it is back.
    connection_changed = Signal(bool, str)

    def __init__(self, connect: Callable[[], Any], skip_writer: str | None = CLIENT_NAME,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connect = connect
        self._skip_writer = skip_writer
        self._stopping = threading.Event()
        self._wake_read, self._wake_write = os.pipe()
        self._thread: threading.Thread | None = None
        self.listening = threading.Event()

    @classmethod
    def for_database(cls, db: Any, parent: QObject | None = None,
                     skip_writer: str | None = CLIENT_NAME) -> "ChangeListener | None":
        """A listener for a catalog's database; None for SQLite (one machine, nothing to hear). By default this
        process's own changes are not announced back to it (`skip_writer`)."""
        if not is_postgres(db):
            return None
        return cls(lambda: separate_connection(db, "listener"), skip_writer, parent)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="change listener", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and wait for the thread (at most `timeout` seconds)."""
        self._stopping.set()
        try:
            os.write(self._wake_write, b"x")
        except OSError:
            pass
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        for fd in (self._wake_read, self._wake_write):
            try:
                os.close(fd)
            except OSError:
                pass

    # ---- the thread ---------------------------------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        was_connected = False
        while not self._stopping.is_set():
            try:
                conn = self._connect()
            except Exception as e:  # noqa: BLE001 - any driver error: say why and try again later
                self._lost(str(e), failures == 0)
                failures += 1
                self._pause(RECONNECT_PAUSES[min(failures, len(RECONNECT_PAUSES)) - 1])
                continue
            try:
                conn.autocommit = True
                with conn.cursor() as cursor:
                    cursor.execute(f"LISTEN {CHANNEL}")
                self.listening.set()
                if was_connected:  # notices sent while the connection was down are lost: look again at everything
                    self._emit(self.works_changed, None)
                    self._emit(self.lists_changed)
                if failures or was_connected:
                    self._emit(self.connection_changed, True, "")
                failures, was_connected = 0, True
                self._listen(conn)
            except Exception as e:  # noqa: BLE001 - the connection dropped: say so, reconnect
                self.listening.clear()
                if not self._stopping.is_set():
                    self._lost(str(e), failures == 0)
                    failures += 1
                    self._pause(RECONNECT_PAUSES[min(failures, len(RECONNECT_PAUSES)) - 1])
            finally:
                self.listening.clear()
                try:
                    conn.close()
                except Exception:  # noqa: BLE001 - already gone
                    pass

    def _listen(self, conn: Any) -> None:
        while not self._stopping.is_set():
            ready, _, _ = select.select([conn, self._wake_read], [], [], KEEPALIVE_SECONDS)
            if self._wake_read in ready:
                return
            if not ready:
                with conn.cursor() as cursor:  # raises if the server went away without a word
                    cursor.execute("SELECT 1")
            conn.poll()
            if not conn.notifies:
                continue
            deadline = time.monotonic() + GATHER_SECONDS
            while time.monotonic() < deadline and not self._stopping.is_set():
                more, _, _ = select.select([conn], [], [], max(0.0, deadline - time.monotonic()))
                if more:
                    conn.poll()
            notices = [n.payload for n in conn.notifies]
            conn.notifies.clear()
            self._announce(notices)

    def _announce(self, payloads: list[str]) -> None:
        works: set[int] | None = set()
        lists = False
        for payload in payloads:
            what, ids, writer = parse_notice(payload)
            if self._skip_writer and writer == self._skip_writer:
                continue  # this app's own change: it updated its window itself
            if what == "lists":
                lists = True
            elif what == "works" and works is not None:
                works = None if ids is None else works | ids
        if works is None or works:
            self._emit(self.works_changed, None if works is None else frozenset(works))
        if lists:
            self._emit(self.lists_changed)

    def _lost(self, message: str, first: bool) -> None:
        if first:
            line = (message.strip().splitlines() or ["the connection dropped"])[0]
            self._emit(self.connection_changed, False, line)

    def _pause(self, seconds: float) -> None:
        ready, _, _ = select.select([self._wake_read], [], [], seconds)
        del ready

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            self._stopping.set()  # the receiving window is gone
