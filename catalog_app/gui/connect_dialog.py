"""The "Connect to a shared catalog…" dialog: a PostgreSQL server's address and password, a connection test that
says what the database holds, and on Connect the address kept in the settings ("catalog/target") and the password
in the system keyring. `ask_for_shared_catalog` runs it.

Connect does not wait for the person to press Test: it runs the test itself when the form has not passed one,
and accepts once it passes (a failure stays in the dialog, saying why), as database tools' "Connect" buttons do.
"""

from __future__ import annotations

import concurrent.futures
import getpass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import CatalogError, StarlightError
from ..services import server_probe as probe
from ..services.catalog import database_password, remember_database_password
from ..store.migrations import LATEST
from .background import Background
from .ui_settings import UiSettings

#: Seconds a test waits for the server to answer.
TIMEOUT = 5
MARKER_SIZE = 18
GREEN, RED, GREY = QColor("#2e7d32"), QColor("#c62828"), QColor("#9e9e9e")

_POOL: concurrent.futures.ThreadPoolExecutor | None = None


def _probe_pool() -> concurrent.futures.ThreadPoolExecutor:
    """Workers of their own: a test of an unreachable server waits seconds, and must not hold up the window's
    queries on the shared workers meanwhile; several, so a test after an edit need not queue behind a stale one."""
    global _POOL
    if _POOL is None:
        _POOL = concurrent.futures.ThreadPoolExecutor(max_workers=3, thread_name_prefix="starlight-probe")
    return _POOL


def _test(url: str, password: str) -> tuple[probe.ServerProbe, bool]:
    """Runs on a worker: the probe, with the password kept in the keyring when none was typed (the keyring may
    block, so it is read here too); and whether the kept one was used."""
    kept = None
    if not password:
        try:
            kept = database_password(url)
        except StarlightError:
            kept = None
    return probe.probe_server(url, password or kept, TIMEOUT), bool(kept)


class ConnectDialog(QDialog):
    """Asks for a shared catalog's server. After `exec()` returns Accepted, `url` is its address (no password),
    already kept in the settings; `password_kept` says whether the typed password went to the system keyring."""

    def __init__(self, settings: UiSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a shared catalog"))
        self.setMinimumWidth(480)
        self._settings = settings
        self.url: str | None = None
        self.password_kept = False
        self._background = Background(_probe_pool(), self)
        self._background.finished.connect(self.on_tested)
        self._background.failed.connect(self.on_test_failed)
        self._ticket = 0  # the test whose answer is still wanted; 0: none
        self._tested: tuple[str, str] | None = None  # the form (address, password) that test was for
        self._passed: tuple[str, str] | None = None  # the form the last passing test was for
        self._failed: tuple[str, str] | None = None  # ...and the last failing one
        self._connect_when_passed = False
        self._options: dict[str, str] = {}  # the prefilled address's other options, kept as they were

        intro = QLabel(self.tr("Open a catalog kept on a PostgreSQL server, so that every computer of the "
                               "household sees the same catalog."))
        intro.setWordWrap(True)
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(probe.DEFAULT_PORT)
        self.port.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # five digits, not a whole row
        self.database = QLineEdit()
        self.database.setPlaceholderText(self.tr("e.g. starlight"))
        self.user = QLineEdit()
        login = _login_name()
        if login:
            self.user.setPlaceholderText(self.tr("empty: {name}").format(name=login))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("empty: the one kept in the keyring or ~/.pgpass"))
        self.ssl = QComboBox()
        for mode, label in (("", self.tr("When the server offers it")), ("require", self.tr("Always")),
                            ("verify-full", self.tr("Always, checking the server's certificate")),
                            ("disable", self.tr("Never"))):
            self.ssl.addItem(label, mode)
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        self.remember.setChecked(True)
        self.remember.setToolTip(self.tr("Unticked, Starlight keeps no password: the server needs none, or it is "
                                         "in PostgreSQL's ~/.pgpass file."))
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.on_test)
        self.marker = QLabel()
        self.marker.setFixedSize(MARKER_SIZE, MARKER_SIZE)
        self.result_line = QLabel()
        self.result_line.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the server, which is not markup
        self.result_line.setWordWrap(True)
        self.result_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_line.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        form = QFormLayout()
        form.addRow(self.tr("&Host:"), self.host)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&Encryption (SSL):"), self.ssl)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.remember)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow("", test_row)
        result_row = QHBoxLayout()
        result_row.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignTop)
        result_row.addWidget(self.result_line, 1)
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton(self.tr("&Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(result_row)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self._prefill(str(settings.get("catalog/target") or ""))
        for edit in (self.host, self.database, self.user, self.password):
            edit.textChanged.connect(self.on_form_changed)
        self.port.valueChanged.connect(self.on_form_changed)
        self.ssl.currentIndexChanged.connect(self.on_form_changed)
        # The first thing left to fill in: the database of a new form, the password of a prefilled one.
        (self.password if self.database.text() else self.database).setFocus()
        self._show("", "")
        self._update_buttons()

    def _prefill(self, target: str) -> None:
        try:
            host, port, database, user, options = probe.parse_server_url(target)
        except StarlightError:
            return  # a file, or the default catalog: the form keeps its defaults
        self.host.setText(host)
        self.port.setValue(port)
        self.database.setText(database)
        self.user.setText(user)
        index = self.ssl.findData(options.get("sslmode", ""))
        if index >= 0:  # else a mode the menu does not offer (allow, verify-ca): kept among the options as it is
            options.pop("sslmode", None)
            self.ssl.setCurrentIndex(index)
        self._options = options

    # ---- the form --------------------------------------------------------------------------------------------

    def address(self) -> str:
        """The address the form describes (never with the password)."""
        options = dict(self._options)
        if self.ssl.currentData():
            options["sslmode"] = self.ssl.currentData()
        return probe.server_url(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                                self.user.text().strip(), options)

    def _form(self) -> tuple[str, str]:
        return self.address(), self.password.text()

    def _complete(self) -> bool:
        return bool(self.host.text().strip() and self.database.text().strip())

    def _update_buttons(self) -> None:
        testing = bool(self._ticket)
        self.test_button.setEnabled(self._complete() and not testing)
        # After a failed test, Connect waits for an edit (or another Test): pressing it would only fail again.
        self.connect_button.setEnabled(self._complete() and not testing and self._failed != self._form())

    @Slot()
    def on_form_changed(self) -> None:
        # Whatever a running test answers is about a form that no longer exists; an earlier verdict is forgotten
        # too, so Connect never relies on a test the person no longer sees.
        self._ticket = 0
        self._tested = self._passed = self._failed = None
        self._connect_when_passed = False
        self._show("", "")
        self._update_buttons()

    # ---- testing ---------------------------------------------------------------------------------------------

    @Slot()
    def on_test(self) -> None:
        self._connect_when_passed = False
        self._start_test()

    def _start_test(self) -> None:
        if not self._complete():
            return
        url, password = self._tested = self._form()
        self._ticket = self._background.submit(lambda: _test(url, password))
        self._show(self.tr("Testing…"), "testing")
        self._update_buttons()

    @Slot(int, object)
    def on_tested(self, ticket: int, answer: Any) -> None:
        if ticket != self._ticket or self._tested != self._form():
            return  # a test of what the form held before the last edit
        self._ticket = 0
        found, used_kept = answer
        text = self._describe(found, used_kept)
        if found.usable:
            self._passed, self._failed = self._tested, None
            self._show(text, "ok")
        else:
            self._passed, self._failed = None, self._tested
            self._connect_when_passed = False
            self._show(text, "bad")
        self._update_buttons()
        if found.usable and self._connect_when_passed:
            self._connect_when_passed = False
            self._finish()

    @Slot(int, str)
    def on_test_failed(self, ticket: int, message: str) -> None:
        if ticket != self._ticket or self._tested != self._form():
            return
        self._ticket = 0
        self._passed, self._failed = None, self._tested
        self._connect_when_passed = False
        password = self.password.text()
        if password:  # a bug's message might quote what it was given
            message = message.replace(password, "***")
        self._show(self.tr("The test itself failed:") + "\n" + message, "bad")
        self._update_buttons()

    def _describe(self, found: probe.ServerProbe, used_kept: bool) -> str:
        """What a test found, in the person's language; what the server or driver said is quoted as it is."""
        try:
            parts = probe.parse_server_url(found.address)
        except StarlightError:  # an address that could not be read: the reason says so
            parts = probe.ServerAddress(self.host.text().strip(), self.port.value(), self.database.text().strip(),
                                        self.user.text().strip(), {})
        user = found.user or parts.user or _login_name()
        lines: list[str] = []
        if found.usable:
            if found.contents == probe.CATALOG:
                works = (self.tr("a Starlight catalog with 1 work") if found.works == 1 else
                         self.tr("a Starlight catalog with {n:,} works").format(n=found.works))
                lines.append(self.tr("Connected to PostgreSQL {version}: {works}.").format(
                    version=found.server_version, works=works))
            else:
                lines.append(self.tr("Connected to PostgreSQL {version}: the database is empty, so Starlight will "
                                     "make a new catalog in it.").format(version=found.server_version))
            if found.needs_upgrade:
                lines.append(self.tr("Starlight will bring this catalog up to date when it opens it (after a backup); "
                                     "computers with an older Starlight cannot open it after that."))
            if not found.can_write:
                lines.append(self.tr("User {user} may only read this catalog: saving changes will fail.")
                             .format(user=user))
            if found.trigram == probe.TRIGRAM_MISSING:
                lines.append(self.tr("Note: the server lacks the pg_trgm extension. Searching works, but finding text "
                                     "inside Chinese, Japanese and Korean titles is slower."))
            if used_kept:
                lines.append(self.tr("The password kept in the system keyring was used."))
            return "\n".join(lines)
        problem = found.problem
        headline = {
            probe.UNREACHABLE: self.tr("The server is not reachable at {host}:{port}. Is it running, and does it "
                                       "accept connections from other computers?"),
            probe.UNKNOWN_HOST: self.tr("No computer named {host} was found."),
            probe.AUTHENTICATION: self.tr("The server refused the user name or the password."),
            probe.PASSWORD_NEEDED: self.tr("The server asks for a password."),
            probe.UNKNOWN_USER: self.tr("The server has no user named {user}."),
            probe.NO_DATABASE: self.tr("The server has no database named {database}."),
            probe.NOT_ALLOWED: self.tr("The server does not let this user in from this computer (its pg_hba.conf "
                                       "file decides who may connect)."),
            probe.NEWER_CATALOG: self.tr("This catalog was made by a newer Starlight (format {schema}; this one knows "
                                         "up to {latest}). Update Starlight on this computer to open it."),
            probe.FOREIGN: self.tr("This database holds another program's tables, not a Starlight catalog. Choose "
                                   "an empty database or a Starlight catalog."),
            probe.CANNOT_CREATE: self.tr("User {user} may not create tables in this database, so Starlight cannot "
                                         "make its catalog here. The server's administrator can make {user} the "
                                         "database's owner."),
            probe.BAD_ADDRESS: self.tr("This address cannot be used."),
        }.get(problem, self.tr("Cannot connect."))
        lines.append(headline.format(host=parts.host, port=parts.port, user=user, database=parts.database,
                                     schema=found.schema_version, latest=LATEST))
        if problem == probe.FOREIGN:
            tables = ", ".join(found.tables) + (", …" if found.table_count > len(found.tables) else "")
            lines.append((self.tr("1 table: {tables}") if found.table_count == 1 else
                          self.tr("{n} tables: {tables}")).format(n=found.table_count, tables=tables))
        elif problem in (probe.BAD_ADDRESS, probe.CANNOT_CREATE) or (problem == probe.FAILED and not found.detail):
            lines.append(found.reason)
        elif found.detail:
            lines.append(found.detail)
        return "\n".join(lines)

    def _show(self, text: str, state: str) -> None:
        self.result_line.setText(text)
        self.marker.setPixmap(_marker(state, self.devicePixelRatioF()) if state else QPixmap())

    # ---- connecting ------------------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        # Closed (Cancel, Escape, Connect's end): a test still running must neither show nor connect anything.
        self._ticket = 0
        self._connect_when_passed = False
        super().done(result)

    @Slot()
    def accept(self) -> None:
        """Connect: at once after a passing test of this very form, else test first and connect if it passes."""
        if not self._complete() or self._ticket:
            return
        if self._passed == self._form():
            self._finish()
        else:
            self._connect_when_passed = True
            self._start_test()

    def _finish(self) -> None:
        url, password = self._form()
        if password and not self.remember.isChecked():
            # The catalog opens in a new start of the app, which has only the keyring and ~/.pgpass to ask.
            self._show(self.tr("Starlight opens the shared catalog when it starts again, and needs its password "
                               "then: tick “Remember the password”, or put it in PostgreSQL's ~/.pgpass file and "
                               "leave the field empty."), "bad")
            return
        try:
            if password:
                remember_database_password(url, password)
                self.password_kept = True
        except CatalogError as e:
            self._failed = None
            self._show(self.tr("The password cannot be kept: this computer has no system keyring. Untick "
                               "“Remember the password” and put it in PostgreSQL's ~/.pgpass file instead, as "
                               "one line: host:port:database:user:password.") + "\n" + str(e), "bad")
            return
        self._settings.set("catalog/target", url)
        self._settings.sync()
        self.url = url
        super().accept()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name to be found (some containers)
        return ""


def _marker(state: str, ratio: float) -> QPixmap:
    """A coloured disc: a tick (passed), a cross (failed) or a plain grey one (testing)."""
    pixmap = QPixmap(int(MARKER_SIZE * ratio), int(MARKER_SIZE * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush({"ok": GREEN, "bad": RED}.get(state, GREY))
    painter.drawEllipse(QRectF(1, 1, MARKER_SIZE - 2, MARKER_SIZE - 2))
    pen = QPen(QColor("white"), 2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    s = MARKER_SIZE
    if state == "ok":
        painter.drawPolyline([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68), QPointF(s * 0.72, s * 0.34)])
    elif state == "bad":
        painter.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
        painter.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
    painter.end()
    return pixmap


def ask_for_shared_catalog(parent: QWidget | None, settings: UiSettings) -> str | None:
    """Run the dialog modally; the address of the catalog to open (kept as "catalog/target"), None if cancelled."""
    dialog = ConnectDialog(settings, parent)
    try:
        return dialog.url if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
