"""A PostgreSQL server for the test suite: the one named by STARLIGHT_TEST_PG, or a throw-away local cluster.

`server_url()` gives the base URL of a server (or None and the reason there is none), `fresh_database()` makes an
empty database on it for one test and `drop_database()` removes it again. The local cluster lives in a temporary
folder, listens only on 127.0.0.1 and is stopped and deleted when the Python process exits.
Plain functions (stdlib and psycopg2 only), so conftest.py decides what becomes a fixture.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import urllib.parse
import uuid

ENV_VAR = "STARLIGHT_TEST_PG"
#: Seconds any one command (initdb, pg_ctl) may take; pg_ctl start waits a little less, so its own message wins.
COMMAND_TIMEOUT = 30
NOT_FOUND = "no PostgreSQL server: set STARLIGHT_TEST_PG or install postgresql (initdb/pg_ctl not found)"

_lock = threading.Lock()
_cached: tuple[str | None, str] | None = None


class _Failure(Exception):
    """A step of starting the cluster failed; the message is the one-line reason."""


def server_url() -> tuple[str | None, str]:
    """(base URL of a PostgreSQL server, how it was found) or (None, why there is none). Cached per process."""
    global _cached
    with _lock:
        if _cached is None:
            _cached = _find_server()
        return _cached


def fresh_database(base_url: str) -> str:
    """Create a new, uniquely named UTF8 database on the server of `base_url` and return its URL."""
    import psycopg2

    name = f"starlight_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    conn = psycopg2.connect(base_url, connect_timeout=10)
    try:
        conn.autocommit = True  # CREATE DATABASE cannot run inside a transaction
        with conn.cursor() as cur:
            # template0 so the encoding can be chosen even where template1 is SQL_ASCII or LATIN1.
            try:
                cur.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
            except psycopg2.Error:
                # The server's default locale cannot hold UTF8; C works with every encoding.
                cur.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                            "LC_COLLATE 'C' LC_CTYPE 'C'")
    finally:
        conn.close()
    url = _with_database(base_url, name)
    conn = psycopg2.connect(url, connect_timeout=10)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            try:
                cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except psycopg2.Error:
                pass  # contrib may be missing or the user may lack the right; the app copes without it
    finally:
        conn.close()
    return url


def drop_database(url: str) -> None:
    """Drop the database `url` points at, disconnecting whoever still uses it. Never raises."""
    try:
        import psycopg2
    except ImportError:
        return
    name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.lstrip("/"))
    if not name or name in ("postgres", "template0", "template1"):
        return
    for maintenance in ("postgres", "template1"):  # a database cannot be dropped from inside itself
        try:
            conn = psycopg2.connect(_with_database(url, maintenance), connect_timeout=10)
        except psycopg2.Error:
            continue
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                # A test that leaked a connection must not make the drop fail or hang.
                cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
                cur.execute('DROP DATABASE IF EXISTS "{}"'.format(name.replace('"', '""')))
        except psycopg2.Error:
            pass
        finally:
            conn.close()
        return


# ---- finding or starting a server ---------------------------------------------------------------------------


def _find_server() -> tuple[str | None, str]:
    given = os.environ.get(ENV_VAR, "").strip()
    if given:
        problem = _connect_problem(given)
        if problem:
            return None, f"{ENV_VAR} ({_redact(given)}) does not connect: {problem}"
        return given, f"{ENV_VAR} ({_redact(given)})"
    binaries = _find_binaries()
    if binaries is None:
        return None, NOT_FOUND
    try:
        return _start_cluster(*binaries)
    except (_Failure, OSError) as e:
        return None, f"could not start a throw-away PostgreSQL cluster: {e}"


def _find_binaries() -> tuple[str, str] | None:
    """(initdb, pg_ctl) from one installation: PATH first, then Debian's versioned folders, newest first."""
    candidates: list[str] = []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(os.path.dirname(on_path))

    def version(folder: str) -> tuple[int, ...]:
        found = re.search(r"/postgresql/([\d.]+)/bin$", folder)
        return tuple(int(p) for p in found.group(1).split(".") if p) if found else ()

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    for folder in candidates:
        initdb, pg_ctl = os.path.join(folder, "initdb"), os.path.join(folder, "pg_ctl")
        if os.access(initdb, os.X_OK) and os.access(pg_ctl, os.X_OK):
            return initdb, pg_ctl
    pg_ctl = shutil.which("pg_ctl")
    if on_path and pg_ctl:
        return on_path, pg_ctl
    return None


def _start_cluster(initdb: str, pg_ctl: str) -> tuple[str, str]:
    as_user, run_as = _unprivileged_user()
    # The socket path must stay under the ~107-byte limit of a unix socket address, so a deep TMPDIR won't do.
    parent = None if len(tempfile.gettempdir()) < 60 else "/tmp"
    folder = tempfile.mkdtemp(prefix="starlight-pg-", dir=parent)
    data = os.path.join(folder, "data")
    cluster = _Cluster(folder, data, pg_ctl, run_as)
    try:
        if as_user is not None:
            os.chown(folder, as_user.pw_uid, as_user.pw_gid)
        init = [initdb, "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]
        try:
            # C.UTF-8 sorts like C but knows which characters are letters (lower(), pg_trgm words beyond ASCII).
            _run(run_as + init + ["--locale=C.UTF-8"], "initdb", cwd=folder)
        except _Failure as e:
            if "locale" not in str(e).lower():
                raise
            shutil.rmtree(data, ignore_errors=True)
            _run(run_as + init + ["--locale=C"], "initdb", cwd=folder)
        with open(os.path.join(data, "postgresql.conf"), "a", encoding="utf-8") as conf:
            conf.write(
                "\n# starlight test cluster: throw-away, so durability is traded for speed\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{folder}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
            )
        log = os.path.join(folder, "server.log")
        for attempt in range(3):
            # Another process may grab the port between our probe and the server's bind: then try a new one.
            port = _free_port()
            if os.path.exists(log):
                os.remove(log)  # so the reason quotes this attempt, not an earlier one
            try:
                _run(run_as + [pg_ctl, "-D", data, "-l", log, "-w", "-t", str(COMMAND_TIMEOUT - 5),
                               "-o", f"-p {port}", "start"], "pg_ctl start", cwd=folder, log=log)
                break
            except _Failure:
                if attempt == 2 or "already in use" not in _read(log):
                    raise
        url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        problem = _connect_problem(url)
        if problem:
            raise _Failure(f"the cluster started but does not accept connections: {problem}")
    except BaseException:
        cluster.stop()
        raise
    atexit.register(cluster.stop)
    who = f", running as {as_user.pw_name}" if as_user is not None else ""
    return url, f"throw-away cluster in {folder} ({initdb}{who})"


class _Cluster:
    """What is needed to stop and delete the local cluster, at exit or after a failed start."""

    def __init__(self, folder: str, data: str, pg_ctl: str, run_as: list[str]) -> None:
        self.folder, self.data, self.pg_ctl, self.run_as = folder, data, pg_ctl, run_as
        # A forked child inherits atexit handlers; only the process that started the server may stop it.
        self.owner = os.getpid()

    def stop(self) -> None:
        if os.getpid() != self.owner:
            return
        pid_file = os.path.join(self.data, "postmaster.pid")
        if os.path.exists(pid_file):
            try:
                _run(self.run_as + [self.pg_ctl, "-D", self.data, "-m", "immediate", "-w", "-t", "20", "stop"],
                     "pg_ctl stop", cwd=self.folder)
            except _Failure:
                self._kill_postmaster(pid_file)
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def _kill_postmaster(pid_file: str) -> None:
        # Last resort when pg_ctl cannot stop it; the backends exit by themselves once their postmaster is gone.
        try:
            with open(pid_file, encoding="ascii") as f:
                pid = int(f.readline().strip())
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass


def _unprivileged_user() -> tuple[pwd.struct_passwd | None, list[str]]:
    """Who runs initdb and the server, and the command prefix to become them: they refuse to run as root."""
    if os.geteuid() != 0:
        return None, []
    for name in ("postgres", "nobody"):
        try:
            user = pwd.getpwnam(name)
            break
        except KeyError:
            continue
    else:
        raise _Failure("running as root and neither a 'postgres' nor a 'nobody' user exists to run the server")
    runuser = shutil.which("runuser") or next((p for p in ("/usr/sbin/runuser", "/sbin/runuser")
                                               if os.access(p, os.X_OK)), None)
    if runuser:
        return user, [runuser, "-u", user.pw_name, "--"]
    setpriv = shutil.which("setpriv")
    if setpriv:
        return user, [setpriv, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups", "--"]
    raise _Failure("running as root and neither runuser nor setpriv is available to drop privileges")


def _run(command: list[str], what: str, cwd: str, log: str | None = None) -> subprocess.CompletedProcess:
    # The user's PG* variables (PGDATA, PGPORT...) must not steer our private cluster; English messages for reasons.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    try:
        done = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              errors="replace", timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise _Failure(f"{what} timed out after {COMMAND_TIMEOUT} s{_tail_of_file(log)}") from None
    except OSError as e:
        raise _Failure(f"{what} could not run: {e}") from None
    if done.returncode != 0:
        raise _Failure(f"{what} failed (exit {done.returncode}): {_tail(done.stderr or done.stdout)}"
                       f"{_tail_of_file(log)}")
    return done


def _tail(text: str, lines: int = 3, chars: int = 400) -> str:
    kept = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
    return " | ".join(kept)[-chars:] or "(no output)"


def _tail_of_file(path: str | None) -> str:
    # pg_ctl only says the server did not start; the server's own complaint is in its log.
    text = _read(path) if path else ""
    return f"; server log: {_tail(text)}" if text.strip() else ""


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _connect_problem(url: str) -> str | None:
    """None if `url` accepts a connection, else the first line of the error."""
    try:
        import psycopg2
    except ImportError:
        return "psycopg2 is not installed"
    try:
        psycopg2.connect(url, connect_timeout=5).close()
    except psycopg2.Error as e:
        return (str(e).strip().splitlines() or [type(e).__name__])[0]
    return None


def _with_database(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/" + urllib.parse.quote(name)))


def _redact(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))
