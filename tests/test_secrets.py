"""Secrets live only in the system keyring: after a session with API keys and a PostgreSQL password set (in a fake
in-memory keyring), no file in the data, cache, settings and export folders — SQLite files and their -wal files,
the HTTP cache, the members of a backup archive — and no message or log line holds any of them, whether raw,
URL-encoded or base64.

The session is the app's own code: the Settings dialog saves the keys, the command line adds works from local TMDB
and OMDb servers through the real HTTP client and its cache (the servers check that the keys were sent), refreshes,
exports in every format, and fails in the ways that name an address (an answer that is not JSON, a source that
cannot be reached, a stale answer used because the source is down, a database that refuses the connection)."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import logging
import os
import re
import sqlite3
import sys
import traceback
import zipfile
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import quote, quote_plus, urlsplit

import keyring
import keyring.backend
import keyring.errors
import pytest
from jaraco.classes import properties
from pytest_httpserver import HTTPServer
from werkzeug import Response

from catalog_app.cli import run
from provider_helpers import SHARED_FIXTURES

# Distinctive, and each with a character that URL-encoding changes, so that raw and encoded forms differ.
TMDB_KEY = "tmdb+K3y.Zq7~WvX9secret"
OMDB_KEY = "omdb+K3y.Hr4~PmT2secret"
PG_PASSWORD = "pg+Pa55.Lk8~NbV3secret"
SECRETS = {"the TMDB key": TMDB_KEY, "the OMDb key": OMDB_KEY, "the PostgreSQL password": PG_PASSWORD}


# ---- a keyring that lives in memory -------------------------------------------------------------------------------

class MemoryKeyring(keyring.backend.KeyringBackend):
    """The system keyring as the app sees it, held in a dict: no real keyring and no file is touched."""

    @properties.classproperty
    def priority(cls) -> float:
        # Not viable: keyring never picks this backend by itself, only a test that sets it.
        raise RuntimeError("an in-memory keyring for tests")

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(f"no password for {username}")


@pytest.fixture
def fake_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(before)


# ---- looking for secrets in files and messages -------------------------------------------------------------------

def encodings(secret: str) -> set[bytes]:
    """The forms a secret could be written in: raw, URL-encoded (either case of hex), and base64 (standard and
    URL-safe) at each of the three alignments it can have inside a longer encoded text."""
    raw = secret.encode("utf-8")
    encoded = {quote(secret, safe=""), quote_plus(secret)}
    forms = {raw} | {e.encode("ascii") for e in encoded}
    forms |= {re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), e).encode("ascii") for e in encoded}
    for shift in range(3):
        whole = base64.b64encode(b"\0" * shift + raw)
        # Only the groups of four characters made of the secret's bytes alone are the same wherever it sits.
        core = whole[-(-shift // 3) * 4:(shift + len(raw)) // 3 * 4]
        forms |= {core, core.translate(bytes.maketrans(b"+/", b"-_"))}
    return {form for form in forms if len(form) >= 8}


def _unpacked(label: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """A file's bytes, and those of what it packs (zip members, gzip) since a deflated secret shows no bytes."""
    yield label, data
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _unpacked(f"{label} » {member}", archive.read(member))
    elif data[:2] == b"\x1f\x8b":
        yield from _unpacked(f"{label} (gunzipped)", gzip.decompress(data))


def files_under(places: Iterable[Path]) -> Iterator[tuple[str, bytes]]:
    for place in places:
        paths = [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file())
        for path in paths:
            yield from _unpacked(str(path), path.read_bytes())


def leaks(places: Iterable[Path], messages: dict[str, str] | None = None,
          secrets: dict[str, str] = SECRETS) -> list[str]:
    """Where a secret turns up, in any of its forms: "file or message: which secret"."""
    forms = {name: encodings(value) for name, value in secrets.items()}
    texts = [(f"message {label!r}", text.encode("utf-8")) for label, text in (messages or {}).items()]
    found = []
    for label, data in [*files_under(places), *texts]:
        found += [f"{label}: {name}" for name, variants in forms.items() if any(v in data for v in variants)]
    return found


def test_the_search_finds_a_secret_wherever_it_was_planted(tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "notes.txt").write_text("api_key=REDACTED", encoding="utf-8")
    assert leaks([clean], {"status": "tmdb: cannot be reached"}) == []
    planted = tmp_path / "planted"
    (planted / "deep" / "er").mkdir(parents=True)
    (planted / "deep" / "er" / "settings.ini").write_text(f"[online]\ntmdb={TMDB_KEY}\n", encoding="utf-8")
    (planted / "url.txt").write_text(f"https://x/?apikey={quote(OMDB_KEY, safe='')}", encoding="utf-8")
    db = sqlite3.connect(planted / "catalog.sqlite")
    db.execute("PRAGMA journal_mode=wal")
    db.execute("CREATE TABLE t (v TEXT)")
    db.execute("INSERT INTO t VALUES (?)", (f"postgresql://me:{PG_PASSWORD}@host/db",))
    db.commit()  # into catalog.sqlite-wal, not checkpointed while open
    with zipfile.ZipFile(planted / "backup.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b'{"token": "%s", "padding": "%s"}' % (
            base64.b64encode(b"x" + OMDB_KEY.encode()), b"0" * 500))
    (planted / "log.gz").write_bytes(gzip.compress(base64.urlsafe_b64encode(b"xy" + TMDB_KEY.encode())))
    found = leaks([planted], {"error": f"failed: Authorization: Bearer {PG_PASSWORD}"})
    db.close()
    assert sorted(found) == sorted({
        f"{planted / 'deep' / 'er' / 'settings.ini'}: the TMDB key",
        f"{planted / 'url.txt'}: the OMDb key",
        f"{planted / 'catalog.sqlite-wal'}: the PostgreSQL password",
        f"{planted / 'backup.zip'} » manifest.json: the OMDb key",
        f"{planted / 'log.gz'} (gunzipped): the TMDB key",
        "message 'error': the PostgreSQL password",
    })


# ---- a session with keys set --------------------------------------------------------------------------------------

def the_folders(*more: Path) -> list[Path]:
    """The app's data, cache and settings folders (conftest points them at private ones), and `more`."""
    return [Path(os.environ["STARLIGHT_DATA_DIR"]), Path(os.environ["STARLIGHT_CACHE_DIR"]),
            Path(os.environ["XDG_CONFIG_HOME"]), *more]


class Session:
    """Runs the command line in this process (so that it sees the fake keyring) and keeps everything it said."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.messages: dict[str, str] = {}

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = run(list(args))
        out, err = self.capsys.readouterr()
        step = f"{len(self.messages) // 2 + 1}. starlight {' '.join(args)}"
        self.messages[f"{step} (stdout)"], self.messages[f"{step} (stderr)"] = out, err
        return code, out, err

    def error(self, label: str, error: BaseException) -> str:
        """An error as the person sees it, and its whole traceback with what it was chained to."""
        self.messages[label] = str(error)
        self.messages[label + " (traceback)"] = "".join(traceback.format_exception(error))
        return str(error)

    def logged(self, caplog: pytest.LogCaptureFixture) -> None:
        """Every log record of the app and its libraries, formatted as a log file would have it (not the local
        servers' own request lines: those are the providers' logs)."""
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        for n, record in enumerate(caplog.records):
            if not record.name.startswith("werkzeug"):
                self.messages[f"log record {n}"] = formatter.format(record)


def omdb_answer(request) -> Response:
    """OMDb's recorded answers: a search for `s=`, Inception for `i=`."""
    name = "omdb_s_interstellar.movie-app-node.json" if "s" in request.args else "omdb_t_inception.movie-app-node.json"
    return Response((SHARED_FIXTURES / "omdb" / name).read_bytes(), content_type="application/json")


@pytest.fixture
def omdb_server() -> Iterator[HTTPServer]:
    """A local server answering as OMDb; its own (not the shared one), so that it can go down during a test."""
    server = HTTPServer(host="localhost", port=0)
    server.expect_request("/").respond_with_handler(omdb_answer)
    server.start()
    yield server
    if server.is_running():
        server.stop()


def test_a_session_with_keys_set_leaves_them_in_no_file_and_no_message(fake_keyring, tmdb_server, omdb_server,
                                                                        qtbot, tmp_path, monkeypatch, capsys, caplog):
    from PySide6.QtCore import QSettings
    from requests_cache import SQLiteCache

    from catalog_app.gui.settings_dialog import SettingsDialog
    from catalog_app.gui.ui_settings import UiSettings
    from catalog_app.providers.base import ProviderError
    from catalog_app.services import online as online_sources
    from catalog_app.services.catalog import PASSWORD_KEYRING_SERVICE
    from catalog_app.services.paths import cache_dir, default_catalog

    caplog.set_level(logging.DEBUG)  # as if someone turned every log on: what would the logs hold?
    session = Session(capsys)
    fake_keyring.set_password(online_sources.KEYRING_SERVICE, "tmdb-api-key", TMDB_KEY)
    fake_keyring.set_password(PASSWORD_KEYRING_SERVICE, "me@db.example/catalog", PG_PASSWORD)
    monkeypatch.setenv("STARLIGHT_TMDB_URL", tmdb_server.url_for("/3"))
    monkeypatch.setenv("STARLIGHT_TMDB_IMAGE_URL", tmdb_server.url_for("/t/p/"))
    monkeypatch.setenv("STARLIGHT_OMDB_URL", omdb_server.url_for("/"))
    tmdb_server.expect_request("/3/movie/13").respond_with_data("<html><body>Down for maintenance</body></html>",
                                                                content_type="text/html")

    # The Settings dialog: the OMDb key typed in, and pasted along with OMDb's address as its examples show it.
    ui_file = Path(os.environ["XDG_CONFIG_HOME"]) / "Starlight" / "ui.ini"
    settings = UiSettings(QSettings(str(ui_file), QSettings.Format.IniFormat))
    dialog = SettingsDialog(settings, default_catalog(), 0)
    qtbot.addWidget(dialog)
    assert dialog.keys["tmdb"].text() == "" and dialog.keys["tmdb"].placeholderText() == "kept in the system keyring"
    dialog.keys["omdb"].setText(OMDB_KEY)
    dialog.urls["omdb"].setText(f"http://www.omdbapi.com/?apikey={quote(OMDB_KEY, safe='')}&plot=full")
    dialog.accept()
    assert dialog.result() == 1, dialog.problem.text()
    session.messages["settings dialog"] = dialog.problem.text()
    settings.sync()
    assert fake_keyring.get_password(online_sources.KEYRING_SERVICE, "omdb-api-key") == OMDB_KEY
    assert "www.omdbapi.com/" in ui_file.read_text(encoding="utf-8")  # the address is kept (the key: see below)
    assert online_sources.load_settings(settings.store).keys == {"tmdb": TMDB_KEY, "omdb": OMDB_KEY}

    # Search, add from both keyed sources (through the real HTTP client and its cache), refresh.
    assert session("search-online", "The", "Matrix", "--provider", "tmdb", "--provider", "omdb")[0] == 0
    assert session("add-online", "tmdb:movie/603")[0] == 0
    code, out, err = session("add-online", "omdb:tt1375666")
    assert code == 0 and "added 'Inception'" in out, err
    assert session("refresh")[0] == 0
    # The keys really went out: the servers saw them.
    assert any(r.path == "/3/movie/603" and r.args.get("api_key") == TMDB_KEY for r, _ in tmdb_server.log)
    assert any(r.args.get("i") == "tt1375666" and r.args.get("apikey") == OMDB_KEY for r, _ in omdb_server.log)

    # An error message that names the address it asked.
    code, _, err = session("add-online", "tmdb:movie/13")
    assert code == 1 and "an HTML page instead of JSON (from http://" in err and "/3/movie/13)" in err

    # Every export format, the CLI's copy and check.
    exports = tmp_path / "exports"
    exports.mkdir()
    for args in (["export", str(exports / "catalog.json")], ["export", str(exports / "table.csv"), "--columns",
                 "title,year,director,imdb,tmdb"], ["export", str(exports / "diary.csv"), "--format", "letterboxd"],
                 ["export", str(exports / "site"), "--format", "html"], ["export", str(exports / "backup.zip")],
                 ["backup", str(exports / "copy.sqlite")], ["check"]):
        code, _, err = session(*args)
        assert code == 0, err
    assert {"catalog.json", "table.csv", "diary.csv", "diary-watchlist.csv", "site", "backup.zip",
            "copy.sqlite"} <= {p.name for p in exports.iterdir()}

    # A source that cannot be reached: the message, and what it is chained to.
    monkeypatch.setenv("STARLIGHT_TMDB_URL", "http://127.0.0.1:9/3")
    online = online_sources.Online()
    with pytest.raises(ProviderError) as unreachable:
        online.fetch("tmdb", "movie/550")
    online.close()
    assert "cannot be reached at 127.0.0.1:9" in session.error("unreachable", unreachable.value)

    # A week later, OMDb is down: the cached answer is used, and requests-cache logs a warning with the error.
    cache = SQLiteCache(str(cache_dir() / "http-cache.sqlite"))
    cache.reset_expiration(dt.timedelta(seconds=-60))
    cache.close()
    omdb_server.stop()
    code, _, err = session("refresh", "Inception")
    assert code == 0, err
    assert any("failed; using cached response" in r.getMessage() for r in caplog.records)

    session.logged(caplog)
    assert leaks(the_folders(exports), session.messages) == []
    # ...and not because nothing was kept: the requests are in the cache, their keys redacted.
    cached = b"".join(data for _, data in files_under([cache_dir()]))
    assert b"apikey=REDACTED" in cached and b"api_key=REDACTED" in cached and b"tt1375666" in cached


def test_a_database_password_in_a_failed_connection_is_never_shown(fake_keyring, tmp_path, capsys):
    """A server that cannot be reached, with the password in the URL or from the keyring (no server needed)."""
    from catalog_app.core.errors import CatalogError
    from catalog_app.services.catalog import PASSWORD_KEYRING_SERVICE, Catalog

    session = Session(capsys)
    written = f"postgresql://me:{PG_PASSWORD}@127.0.0.1:9/catalog"
    code, _, err = session("--db", written, "list")
    assert code == 1 and err.startswith("starlight: postgresql://me:***@127.0.0.1:9/catalog: cannot open the catalog (")
    code, _, err = session("--db", f"postgresql://me:{quote(PG_PASSWORD, safe='')}@127.0.0.1:9", "list")
    assert code == 1 and "no database name" in err  # the driver's message quotes the URL it was given
    code, _, err = session("--db", f"postgresql://me@127.0.0.1:9/catalog?password={PG_PASSWORD}", "list")
    assert code == 1 and "password=***" in err
    fake_keyring.set_password(PASSWORD_KEYRING_SERVICE, "me@127.0.0.1:9/catalog", PG_PASSWORD)
    with pytest.raises(CatalogError) as refused:
        Catalog.open("postgresql://me@127.0.0.1:9/catalog")
    assert session.error("from the keyring", refused.value).startswith("postgresql://me@127.0.0.1:9/catalog: cannot")
    assert leaks(the_folders(), session.messages) == []


# ---- a server catalog ---------------------------------------------------------------------------------------------

def _server() -> str:
    import pg_cluster

    base, reason = pg_cluster.server_url()
    if base is None:
        pytest.skip(f"PostgreSQL not available: {reason}")
    return base


class PasswordRole:
    """A role that must give its password: a login role owning the test's database, and, where the server's
    pg_hba.conf can be written (the throw-away cluster), a scram-sha-256 rule for it ahead of the cluster's trust."""

    def __init__(self, url: str, password: str) -> None:
        import uuid

        import psycopg2
        self.url, self.name = url, f"starlight_secret_{uuid.uuid4().hex[:8]}"
        self.database = urlsplit(url).path.lstrip("/")
        self.hba_file: Path | None = None
        self._hba_before = ""
        conn = psycopg2.connect(url)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SET password_encryption = 'scram-sha-256'")
            cur.execute(f'CREATE ROLE "{self.name}" LOGIN PASSWORD %s', (password,))
            cur.execute(f'ALTER DATABASE "{self.database}" OWNER TO "{self.name}"')
            cur.execute("SHOW hba_file")
            hba = Path(cur.fetchone()[0])
            if hba.is_file() and os.access(hba, os.W_OK):
                self.hba_file, self._hba_before = hba, hba.read_text(encoding="utf-8")
                hba.write_text(f"host all {self.name} 127.0.0.1/32 scram-sha-256\n" + self._hba_before,
                               encoding="utf-8")
                cur.execute("SELECT pg_reload_conf()")
        conn.close()
        parts = urlsplit(url)
        self.address = f"postgresql://{self.name}@{parts.hostname}:{parts.port}/{self.database}"

    @property
    def checks_password(self) -> bool:
        return self.hba_file is not None

    def drop(self) -> None:
        """Put pg_hba.conf back and drop the role; once its database is dropped."""
        import psycopg2
        conn = psycopg2.connect(self.url.rsplit("/", 1)[0] + "/postgres")
        conn.autocommit = True
        with conn.cursor() as cur:
            if self.hba_file is not None:
                self.hba_file.write_text(self._hba_before, encoding="utf-8")
                cur.execute("SELECT pg_reload_conf()")
            cur.execute(f'DROP ROLE IF EXISTS "{self.name}"')  # after its database (it owned that) is gone
        conn.close()


def database_text(url: str) -> str:
    """Every row of every table of the database, as text (the database itself, grepped)."""
    import psycopg2
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            tables = [name for (name,) in cur.fetchall()]
            rows = []
            for table in tables:
                cur.execute(f'SELECT t::text FROM "{table}" t')
                rows += [row for (row,) in cur.fetchall()]
        return "\n".join(rows)
    finally:
        conn.close()


@pytest.mark.postgres
def test_a_server_catalogs_password_comes_from_the_keyring_and_stays_there(fake_keyring, tmp_path, monkeypatch,
                                                                          capsys):
    import pg_cluster

    from catalog_app.services.bulk_refresh import BulkRefresh, journal_path
    from catalog_app.services.catalog import PASSWORD_KEYRING_SERVICE, Catalog
    from catalog_app.services.online import Online, OnlineSettings
    from catalog_app.store.tables import database

    url = pg_cluster.fresh_database(_server())
    role = PasswordRole(url, PG_PASSWORD)
    session = Session(capsys)
    exports = tmp_path / "exports"
    exports.mkdir()
    try:
        address = role.address
        entry = address.split("://", 1)[1]
        if role.checks_password:  # without a password, the server refuses; the message says where to keep one
            code, _, err = session("--db", address, "list")
            assert code == 1 and f"starlight remember-password {address}" in err
        # Kept with the command line's own command, read from standard input (never a command-line argument).
        monkeypatch.setattr(sys, "stdin", io.StringIO(PG_PASSWORD + "\n"))
        code, out, _ = session("remember-password", address)
        assert code == 0 and out == f"kept the password for {entry} in the system keyring\n"
        assert fake_keyring.passwords == {(PASSWORD_KEYRING_SERVICE, entry): PG_PASSWORD}
        code, _, err = session("remember-password", f"postgresql://{role.name}:{PG_PASSWORD}@host/db")
        assert code == 1 and "give the address without its password" in err

        # Writes with the password from the keyring.
        assert session("--db", address, "sample")[0] == 0
        for args in (["export", str(exports / "catalog.json")], ["export", str(exports / "backup.zip")],
                     ["export", str(exports / "table.csv")], ["check"]):
            code, out, err = session("--db", address, *args)
            assert code == 0, err
        assert out.startswith(f"{address}: no problems found")
        with Catalog.open(address) as catalog:
            assert catalog.db.connection().info.password == PG_PASSWORD  # what the driver was given
            catalog.add_new("A work written with the keyring's password")
            BulkRefresh(catalog, Online(OnlineSettings()), [1, 2], journal_path(catalog))._write_journal()
            kept_journal = journal_path(catalog)
        # A password written in the URL works for that run, and is not kept: the catalog knows only its address.
        written = f"postgresql://{role.name}:{PG_PASSWORD}@{address.split('@', 1)[1]}"
        with Catalog.open(written) as catalog:
            assert catalog.target == address and journal_path(catalog) == kept_journal
            catalog.add_new("A work written with the URL's password")
        code, out, _ = session("--db", written, "check")
        assert code == 0 and out.startswith(f"{address}: no problems found")

        # Connections that fail: a wrong password kept, a wrong one written, a server that is not there.
        fake_keyring.set_password(PASSWORD_KEYRING_SERVICE, entry, "wrong+" + PG_PASSWORD)
        if role.checks_password:
            code, _, err = session("--db", address, "list")
            assert code == 1 and "password authentication failed" in err
            code, _, err = session("--db", written.replace(PG_PASSWORD, "wrong+" + PG_PASSWORD), "list")
            assert code == 1 and "password authentication failed" in err and ":***@" in err
        code, _, err = session("--db", re.sub(r":\d+/", ":9/", written), "list")
        assert code == 1 and "cannot open the catalog" in err
        assert session("remember-password", "--forget", address)[1] == f"forgot the password kept for {entry}\n"
        assert fake_keyring.passwords == {}

        secrets = {**SECRETS, "the wrong password": "wrong+" + PG_PASSWORD}
        session.messages["the database"] = database_text(url)
        assert "A work written with the URL's password" in session.messages["the database"]
        assert leaks(the_folders(exports), session.messages, secrets) == []
    finally:
        if database.obj is not None and not database.obj.is_closed():
            database.obj.close()
        pg_cluster.drop_database(url)
        role.drop()
