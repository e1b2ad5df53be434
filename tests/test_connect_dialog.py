"""Connecting to a shared catalog: the server probe against a real PostgreSQL server (an empty database, a
Starlight catalog, a newer one, another program's database, a closed port, a wrong name, a wrong password, a user
who may not create tables), and the dialog driven as a person would (the test runs off the GUI thread, stale
answers are ignored, Connect keeps the address in the settings and the password in an in-memory keyring).

The throw-away cluster trusts every local connection; the password tests add a scram-sha-256 rule for their own
role to its pg_hba.conf (as test_secrets does) and say so when they cannot."""

from __future__ import annotations

import socket
import threading
import uuid
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from test_secrets import MemoryKeyring, PasswordRole  # the tests' in-memory keyring and a role with a password

from catalog_app.gui import connect_dialog
from catalog_app.gui.connect_dialog import ConnectDialog, ask_for_shared_catalog
from catalog_app.core.errors import InputError
from catalog_app.gui.ui_settings import UiSettings
from catalog_app.services import server_probe as probe
from catalog_app.services.catalog import PASSWORD_KEYRING_SERVICE
from catalog_app.services.server_probe import parse_server_url, probe_server, server_url
from catalog_app.store.migrations import LATEST

# Distinctive, with characters URL-encoding changes, so that raw and encoded forms differ.
PASSWORD = "fam+Pa55.Qz8~WvX3/secret"
WRONG = "wrong+" + PASSWORD


# ---- the PostgreSQL server, a keyring and settings of the tests' own -----------------------------------------


def _psycopg2():
    return pytest.importorskip("psycopg2", reason="psycopg2 is not installed")


def run_sql(url: str, *statements: str, params: tuple = ()) -> list[tuple]:
    """Run statements as the cluster's superuser (autocommit); the rows of the last one."""
    psycopg2 = _psycopg2()
    conn = psycopg2.connect(url, connect_timeout=10)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            for statement in statements:
                cur.execute(statement, params or None)
            return cur.fetchall() if cur.description else []
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    # libpq's own password sources must not answer for the tests either.
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no.pgpass"))
    try:
        yield memory
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def ini(tmp_path: Path) -> Path:
    return tmp_path / "ui.ini"


@pytest.fixture
def settings(ini: Path) -> UiSettings:
    return UiSettings(QSettings(str(ini), QSettings.Format.IniFormat))


def drop_with_its_database(role: PasswordRole) -> None:
    import pg_cluster
    pg_cluster.drop_database(role.url)  # the role owns it: it goes first
    role.drop()


def assert_no_password(*texts: str) -> None:
    for text in texts:
        for form in (PASSWORD, WRONG, PASSWORD.replace("/", "%2F"), PASSWORD.replace("+", "%2B")):
            assert form not in text


# ---- addresses ------------------------------------------------------------------------------------------------


def test_server_url_quotes_each_part_and_parse_server_url_reads_it_back():
    assert server_url("nas.local", 5432, "starlight", "anna") == "postgresql://anna@nas.local:5432/starlight"
    assert server_url("::1", 5433, "db", "") == "postgresql://[::1]:5433/db"
    odd = server_url("nas.local", 6543, "family movies/2025", "anna@home", {"sslmode": "require", "password": "x"})
    assert odd == "postgresql://anna%40home@nas.local:6543/family%20movies%2F2025?sslmode=require"
    assert parse_server_url(odd) == ("nas.local", 6543, "family movies/2025", "anna@home", {"sslmode": "require"})
    assert parse_server_url("postgres://u:secret@[::1]/db?password=p&application_name=x") == (
        "::1", 5432, "db", "u", {"application_name": "x"})
    assert server_url("[fe80::1]", 5432, "db") == "postgresql://[fe80::1]:5432/db"
    with pytest.raises(InputError, match="is not a PostgreSQL address"):
        parse_server_url("/home/anna/catalog.sqlite")
    with pytest.raises(InputError, match="is not a valid address"):
        parse_server_url(server_url("nas.local:5433", 5432, "db"))  # a port typed into the host field


def test_an_address_without_a_host_or_database_is_refused():
    assert probe_server("postgresql://anna@nas.local:5432/", None).problem == probe.BAD_ADDRESS


@pytest.mark.postgres
def test_a_database_whose_name_needs_quoting_is_probed_and_opened(pg_url):
    """A name with a space travels percent-quoted in the address; the probe and the app both decode it."""
    import psycopg2

    from catalog_app.services.catalog import Catalog
    admin = psycopg2.connect(pg_url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute('CREATE DATABASE "family movies"')
    admin.close()
    parts = urlsplit(pg_url)
    url = server_url(parts.hostname, parts.port, "family movies", parts.username)
    try:
        assert "family%20movies" in url
        assert probe_server(url, None).contents == probe.EMPTY
        with Catalog.open(url) as catalog:
            assert catalog.is_empty()
        assert probe_server(url, None).contents == probe.CATALOG
    finally:
        import pg_cluster
        pg_cluster.drop_database(url)


# ---- the probe against a real server -------------------------------------------------------------------------


def test_probe_a_closed_port_says_the_server_is_not_reachable():
    _psycopg2()
    port = free_port()
    found = probe_server(f"postgresql://anna:{quote(PASSWORD, safe='')}@127.0.0.1:{port}/family", WRONG, timeout=2)
    assert not found.connected and not found.usable and found.problem == probe.UNREACHABLE
    assert found.reason.startswith(f"server not reachable at 127.0.0.1:{port} (")
    assert "\n" not in found.reason and found.address == f"postgresql://anna@127.0.0.1:{port}/family"
    assert_no_password(repr(found), found.summary())


@pytest.mark.postgres
def test_probe_an_empty_database(pg_url):
    found = probe_server(pg_url, None)
    assert found.usable and found.connected and found.contents == probe.EMPTY
    assert found.server_version[0].isdigit() and found.table_count == 0 and found.can_write
    assert found.trigram in (probe.TRIGRAM_INSTALLED, probe.TRIGRAM_CAN_CREATE, probe.TRIGRAM_MISSING)
    assert "an empty database" in found.summary()
    # Without the extension, a superuser would have it created with the catalog; a plain user could not.
    run_sql(pg_url, "DROP EXTENSION IF EXISTS pg_trgm")
    available = run_sql(pg_url, "SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")[0][0]
    assert probe_server(pg_url, None).trigram == (probe.TRIGRAM_CAN_CREATE if available else probe.TRIGRAM_MISSING)


@pytest.mark.postgres
def test_probe_a_starlight_catalog_then_a_newer_and_an_older_one(pg_url, memory_keyring):
    from catalog_app.services.catalog import Catalog
    from catalog_app.services.sample import load_sample

    with Catalog.open(pg_url) as catalog:
        load_sample(catalog)
    works = run_sql(pg_url, "SELECT count(*) FROM work WHERE parent_id IS NULL")[0][0]  # as the window counts
    assert works == 8
    before = run_sql(pg_url, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
                             "WHERE schemaname = 'public'")
    # A database where no transaction may write: a probe that tried would fail.
    run_sql(pg_url, f'ALTER DATABASE "{urlsplit(pg_url).path[1:]}" SET default_transaction_read_only = on')
    found = probe_server(pg_url, None)
    assert found.usable and found.contents == probe.CATALOG, found.reason
    assert found.schema_version == LATEST and found.works == works > 0 and not found.needs_upgrade
    assert found.can_write and f"a Starlight catalog with {works} works (schema {LATEST})" in found.summary()
    assert run_sql(pg_url, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
                           "WHERE schemaname = 'public'") == before
    run_sql(pg_url, "SET default_transaction_read_only = off",
            f'ALTER DATABASE "{urlsplit(pg_url).path[1:]}" RESET default_transaction_read_only')

    run_sql(pg_url, "INSERT INTO schema_migration (id, name, applied_at) VALUES (%s, 'from the future', now())",
            params=(LATEST + 1,))
    newer = probe_server(pg_url, None)
    assert newer.connected and not newer.usable and newer.problem == probe.NEWER_CATALOG
    assert f"newer Starlight (schema {LATEST + 1}; this version knows up to {LATEST})" in newer.reason

    run_sql(pg_url, "DELETE FROM schema_migration WHERE id >= %s", params=(LATEST,))
    older = probe_server(pg_url, None)
    assert older.usable and older.schema_version == LATEST - 1 and older.needs_upgrade
    assert f"opening it updates its schema to {LATEST}" in older.summary()

    # A catalog's search index is made once: an extension created afterwards would not index it.
    assert older.trigram in (probe.TRIGRAM_INSTALLED, probe.TRIGRAM_MISSING)
    run_sql(pg_url, "DROP EXTENSION IF EXISTS pg_trgm CASCADE")
    assert probe_server(pg_url, None).trigram == probe.TRIGRAM_MISSING


@pytest.mark.postgres
def test_probe_refuses_another_programs_database(pg_url):
    run_sql(pg_url, "CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)",
            "CREATE SCHEMA ledger", "CREATE TABLE ledger.accounts (id int)")
    found = probe_server(pg_url, None)
    assert found.connected and not found.usable and found.problem == found.contents == probe.FOREIGN
    assert found.table_count == 2 and found.tables == ("invoices", "ledger.accounts")
    assert "holds 2 tables of another program (invoices, ledger.accounts), not a Starlight catalog" in found.reason


@pytest.mark.postgres
def test_probe_a_database_that_does_not_exist(pg_url):
    wrong = pg_url.rsplit("/", 1)[0] + "/no_such_catalog"
    found = probe_server(wrong, PASSWORD)
    assert not found.connected and found.problem == probe.NO_DATABASE
    assert "database no_such_catalog does not exist on 127.0.0.1:" in found.reason
    assert found.detail == 'database "no_such_catalog" does not exist'
    assert_no_password(repr(found))


@pytest.mark.postgres
def test_probe_a_user_who_may_not_create_tables(pg_url):
    # Since PostgreSQL 15, only the database's owner may create tables in its public schema.
    name = f"starlight_reader_{uuid.uuid4().hex[:8]}"
    run_sql(pg_url, f'CREATE ROLE "{name}" LOGIN', "REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    try:
        found = probe_server(pg_url.replace("postgres@", f"{name}@"), None)
        assert found.connected and found.problem == probe.CANNOT_CREATE and found.user == name
        assert f"user {name} may not create tables in schema public" in found.reason
        assert f'ALTER DATABASE "{urlsplit(pg_url).path[1:]}" OWNER TO "{name}"' in found.reason
    finally:
        run_sql(pg_url, f'DROP OWNED BY "{name}"', f'DROP ROLE "{name}"')


@pytest.mark.postgres
def test_probe_a_wrong_password_and_the_right_one(pg_url, memory_keyring):
    role = PasswordRole(pg_url, PASSWORD)
    try:
        right = probe_server(role.address, PASSWORD)
        assert right.usable and right.user == role.name and right.contents == probe.EMPTY
        if not role.checks_password:
            pytest.skip("pg_hba.conf of this server cannot be written: the server trusts every local connection, "
                        "so a wrong password cannot be told from a right one")
        wrong = probe_server(role.address, WRONG)
        assert not wrong.connected and wrong.problem == probe.AUTHENTICATION
        assert wrong.reason == (f"{role.address}: authentication failed (password authentication failed for user "
                                f'"{role.name}")')
        none = probe_server(role.address, None)
        assert none.problem == probe.PASSWORD_NEEDED and "asks for a password" in none.reason
        in_url = probe_server(role.address.replace("@", f":{quote(WRONG, safe='')}@"), None)
        assert in_url.problem == probe.AUTHENTICATION and in_url.reason == wrong.reason  # the address without it
        assert_no_password(*(repr(p) + p.summary() for p in (right, wrong, none, in_url)))
    finally:
        drop_with_its_database(role)


# ---- the dialog -----------------------------------------------------------------------------------------------


def fill(dialog: ConnectDialog, url: str, password: str = "") -> None:
    host, port, database, user, _ = parse_server_url(url)
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText(user)
    dialog.password.setText(password)


def finished(dialog: ConnectDialog) -> bool:
    return dialog.result_line.text() not in ("", "Testing…")


@pytest.fixture
def dialog(qtbot, settings, memory_keyring) -> ConnectDialog:
    dialog = ConnectDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.postgres
def test_the_test_runs_off_the_gui_thread_and_a_pass_enables_connect(dialog, qtbot, pg_url, monkeypatch):
    threads: list[threading.Thread] = []

    def recording(url: str, password: str | None, timeout: float = 5) -> probe.ServerProbe:
        threads.append(threading.current_thread())
        return probe_server(url, password, timeout)

    monkeypatch.setattr(probe, "probe_server", recording)
    assert dialog.host.text() == "localhost" and dialog.port.value() == 5432 and dialog.remember.isChecked()
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert not dialog.test_button.isEnabled()  # no database yet
    fill(dialog, pg_url, PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.result_line.text() == "Testing…"
    assert not dialog.test_button.isEnabled() and not dialog.connect_button.isEnabled()
    qtbot.waitUntil(lambda: finished(dialog), timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.result_line.text().startswith("Connected to PostgreSQL ")
    assert "the database is empty, so Starlight will make a new catalog in it" in dialog.result_line.text()
    assert dialog.result_line.textFormat() == Qt.TextFormat.PlainText and dialog.result_line.wordWrap()
    assert dialog.connect_button.isEnabled() and dialog.test_button.isEnabled()
    dialog.grab().save("/tmp/connect_dialog.png")


def test_a_failed_test_says_why_and_connect_waits_for_an_edit(dialog, qtbot):
    _psycopg2()
    port = free_port()
    fill(dialog, f"postgresql://anna@127.0.0.1:{port}/family", PASSWORD)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: finished(dialog), timeout=10_000)
    text = dialog.result_line.text()
    assert text.startswith(f"The server is not reachable at 127.0.0.1:{port}.") and "Connection refused" in text
    assert not dialog.connect_button.isEnabled() and dialog.test_button.isEnabled()
    assert_no_password(text)
    dialog.grab().save("/tmp/connect_dialog_failed.png")
    dialog.database.setText("family2")  # an edit: the failure is about a form that is gone
    assert dialog.result_line.text() == "" and dialog.connect_button.isEnabled()


def test_an_answer_for_an_older_form_is_ignored(dialog, qtbot, monkeypatch):
    release = threading.Event()
    asked: list[str] = []

    def slow(url: str, password: str) -> tuple[probe.ServerProbe, bool]:
        asked.append(url)
        if len(asked) == 1:
            release.wait(10)
        return probe.ServerProbe(url, connected=True, server_version="16.4",
                                 contents=probe.EMPTY, user="anna"), False

    monkeypatch.setattr(connect_dialog, "_test", slow)
    fill(dialog, "postgresql://anna@nas.local:5432/family")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1)
    dialog.database.setText("family_new")  # edited while the first test still runs
    assert dialog.result_line.text() == "" and dialog.test_button.isEnabled()
    release.set()
    assert dialog._background.wait(5000)
    qtbot.wait(50)  # the answer's signal reaches the dialog, which drops it
    assert dialog.result_line.text() == "" and dialog.marker.pixmap().isNull()
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: finished(dialog))
    assert asked == ["postgresql://anna@nas.local:5432/family", "postgresql://anna@nas.local:5432/family_new"]
    assert dialog.result_line.text().startswith("Connected to PostgreSQL 16.4")


@pytest.mark.postgres
def test_connect_tests_first_then_keeps_the_address_and_the_password_apart(dialog, qtbot, pg_url, settings, ini,
                                                                           memory_keyring):
    fill(dialog, pg_url, PASSWORD)
    dialog.ssl.setCurrentIndex(dialog.ssl.findData("disable"))
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)  # no Test first: Connect runs it
    assert dialog.result_line.text() == "Testing…"
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    expected = pg_url + "?sslmode=disable"
    assert dialog.url == expected and settings.get("catalog/target") == expected and dialog.password_kept
    entry = expected.split("://", 1)[1].split("?", 1)[0]
    assert memory_keyring.passwords == {(PASSWORD_KEYRING_SERVICE, entry): PASSWORD}
    settings.sync()
    assert_no_password(ini.read_text(encoding="utf-8"))
    assert expected in ini.read_text(encoding="utf-8")

    # Opened again, the dialog shows that address, and a test uses the kept password.
    again = ConnectDialog(settings)
    qtbot.addWidget(again)
    assert again.address() == expected and again.ssl.currentData() == "disable" and again.password.text() == ""
    again.show()
    qtbot.mouseClick(again.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: finished(again), timeout=10_000)
    assert "The password kept in the system keyring was used." in again.result_line.text()
    # Unticked with no password typed: the kept one stays (the app needs it when it starts again)...
    again.remember.setChecked(False)
    qtbot.mouseClick(again.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: again.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert memory_keyring.passwords == {(PASSWORD_KEYRING_SERVICE, entry): PASSWORD} and not again.password_kept

    # ...and a password typed but not to be remembered is refused: the restarted app could not connect.
    third = ConnectDialog(settings)
    qtbot.addWidget(third)
    third.show()
    third.password.setText(PASSWORD)
    third.remember.setChecked(False)
    qtbot.mouseClick(third.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "needs its password then" in third.result_line.text(), timeout=10_000)
    assert third.result() != QDialog.DialogCode.Accepted and third.url is None


@pytest.mark.postgres
def test_without_a_keyring_the_dialog_stays_open_and_points_to_pgpass(dialog, qtbot, pg_url, settings):
    keyring.set_keyring(keyring.backends.fail.Keyring())  # the memory_keyring fixture puts the old one back
    fill(dialog, pg_url, PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "~/.pgpass" in dialog.result_line.text(), timeout=10_000)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible() and dialog.url is None
    assert settings.get("catalog/target") == ""
    assert "no system keyring is available here" in dialog.result_line.text()
    assert_no_password(dialog.result_line.text())


@pytest.mark.postgres
def test_a_probe_the_server_answers_with_a_wrong_password_is_shown_without_it(dialog, qtbot, pg_url):
    role = PasswordRole(pg_url, PASSWORD)
    try:
        if not role.checks_password:
            pytest.skip("pg_hba.conf of this server cannot be written: it does not check passwords")
        fill(dialog, role.address, WRONG)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: finished(dialog), timeout=10_000)
        assert dialog.result_line.text().startswith("The server refused the user name or the password.")
        assert_no_password(dialog.result_line.text())
        dialog.password.setText(PASSWORD)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: finished(dialog), timeout=10_000)
        assert dialog.result_line.text().startswith("Connected")
    finally:
        drop_with_its_database(role)


def test_the_dialog_words_notes_and_refusals(dialog, qtbot):
    address = "postgresql://anna@nas.local:5432/family"
    note = dialog._describe(probe.ServerProbe(address, connected=True, server_version="16.4", contents=probe.CATALOG,
                                              schema_version=1, works=3, trigram=probe.TRIGRAM_MISSING,
                                              can_write=False, user="anna"), False)
    assert note.splitlines()[0] == "Connected to PostgreSQL 16.4: a Starlight catalog with 3 works."
    assert "pg_trgm" in note and "may only read" in note and "bring this catalog up to date" in note
    dialog._show(note, "ok")
    qtbot.waitUntil(lambda: dialog.result_line.height() >= dialog.result_line.heightForWidth(
        dialog.result_line.width()))  # the dialog grows to show every line
    dialog.grab().save("/tmp/connect_dialog_notes.png")
    newer = dialog._describe(probe.ServerProbe(address, connected=True, problem=probe.NEWER_CATALOG,
                                               contents=probe.NEWER_CATALOG, schema_version=LATEST + 3), False)
    assert f"format {LATEST + 3}; this one knows up to {LATEST}" in newer
    foreign = dialog._describe(probe.ServerProbe(address, connected=True, problem=probe.FOREIGN, contents=probe.FOREIGN,
                                                 tables=("a", "b"), table_count=7), False)
    assert foreign.splitlines()[1] == "7 tables: a, b, …"


def test_the_form_is_prefilled_from_the_settings(qtbot, settings, memory_keyring):
    settings.set("catalog/target", "postgresql://anna@nas.local:5433/family?sslmode=require&application_name=tv")
    dialog = ConnectDialog(settings)
    qtbot.addWidget(dialog)
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text(), dialog.user.text()) == (
        "nas.local", 5433, "family", "anna")
    assert dialog.ssl.currentData() == "require"
    assert dialog.address() == "postgresql://anna@nas.local:5433/family?application_name=tv&sslmode=require"
    settings.set("catalog/target", "/home/anna/catalog.sqlite")
    plain = ConnectDialog(settings)
    qtbot.addWidget(plain)
    assert (plain.host.text(), plain.port.value(), plain.database.text()) == ("localhost", 5432, "")


def test_ask_for_shared_catalog_returns_none_when_cancelled(qtbot, settings, memory_keyring):
    def cancel() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, ConnectDialog)
        modal.reject()

    QTimer.singleShot(0, cancel)
    assert ask_for_shared_catalog(None, settings) is None
    assert settings.get("catalog/target") == ""


def test_cancel_while_connect_is_testing_keeps_nothing(dialog, qtbot, settings, memory_keyring, monkeypatch):
    release = threading.Event()

    def slow(url: str, password: str) -> tuple[probe.ServerProbe, bool]:
        release.wait(10)
        return probe.ServerProbe(url, connected=True, server_version="16.4", contents=probe.EMPTY, user="anna"), False

    monkeypatch.setattr(connect_dialog, "_test", slow)
    fill(dialog, "postgresql://anna@nas.local:5432/family", PASSWORD)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.result_line.text() == "Testing…"
    dialog.reject()
    release.set()
    assert dialog._background.wait(5000)
    qtbot.wait(50)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.url is None
    assert settings.get("catalog/target") == "" and memory_keyring.passwords == {}
