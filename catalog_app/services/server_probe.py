"""Testing a shared catalog's server before the app opens it: `probe_server` connects once, reads what the database
holds and says whether Starlight can use it, as a `ServerProbe`; `server_url` and `parse_server_url` build and read
the `postgresql://user@host:port/database` addresses the app keeps (never with a password).

The probe only reads: its session is read-only, it creates nothing (not even pg_trgm) and it closes its connection
before it returns. Blocking (network, up to the timeout): callers in the GUI run it on a worker thread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, NamedTuple
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from peewee import PostgresqlDatabase

from ..core.errors import InputError
from ..store.db import _redact, _scrub, is_server_url, server_database, split_password
from ..store.migrations import LATEST
from ..store.tables import SchemaMigration, Work

DEFAULT_PORT = 5432
#: The name the probe's session has on the server (pg_stat_activity), so an administrator can tell what it is.
PROBE_NAME = "Starlight connection test"

# What the database holds (ServerProbe.contents).
EMPTY = "empty"
CATALOG = "catalog"
NEWER_CATALOG = "newer-catalog"
FOREIGN = "foreign"

# Why the catalog cannot be used (ServerProbe.problem); "" when it can.
BAD_ADDRESS = "bad-address"
UNREACHABLE = "unreachable"
UNKNOWN_HOST = "unknown-host"
AUTHENTICATION = "authentication"
PASSWORD_NEEDED = "password-needed"
UNKNOWN_USER = "unknown-user"
NO_DATABASE = "no-database"
NOT_ALLOWED = "not-allowed"
CANNOT_CREATE = "cannot-create"
FAILED = "failed"
# ...and NEWER_CATALOG and FOREIGN, which are refusals of what the database holds.

# Whether the pg_trgm extension is there (ServerProbe.trigram).
TRIGRAM_INSTALLED = "installed"
TRIGRAM_CAN_CREATE = "can-create"
TRIGRAM_MISSING = "missing"


class ServerAddress(NamedTuple):
    """The parts of a server catalog's address, decoded: `server_url(*address)` builds it back."""

    host: str
    port: int
    database: str
    user: str
    options: dict[str, str]


@dataclass(frozen=True)
class ServerProbe:
    """What one connection test found. `usable` says whether Starlight may open the catalog; otherwise `problem`
    names why and `reason` says it in one line (with `detail`, the driver's own first line, password scrubbed)."""

    address: str  # the address tested, without any password
    connected: bool = False
    problem: str = ""
    reason: str = ""
    detail: str = ""
    server_version: str = ""  # "16.4"
    contents: str = ""  # EMPTY, CATALOG, NEWER_CATALOG or FOREIGN once connected
    schema_version: int = 0  # of a Starlight catalog
    works: int = 0  # in a Starlight catalog
    tables: tuple[str, ...] = ()  # another program's tables (the first few), for FOREIGN
    table_count: int = 0
    can_write: bool = True  # the user may change the catalog's rows (a catalog) or create tables (an empty one)
    trigram: str = ""  # TRIGRAM_INSTALLED, TRIGRAM_CAN_CREATE or TRIGRAM_MISSING once connected
    user: str = ""  # who the server says we are

    @property
    def usable(self) -> bool:
        return self.connected and not self.problem

    @property
    def needs_upgrade(self) -> bool:
        """A catalog of an older schema: opening it migrates it (after a backup), for every computer at once."""
        return self.contents == CATALOG and 0 < self.schema_version < LATEST

    def summary(self) -> str:
        """One line for logs and the command line (the dialog words its own, translated)."""
        if not self.usable:
            return self.reason
        what = (f"a Starlight catalog with {self.works} works (schema {self.schema_version})"
                if self.contents == CATALOG else "an empty database (Starlight will make a new catalog in it)")
        notes = []
        if self.needs_upgrade:
            notes.append(f"opening it updates its schema to {LATEST}")
        if not self.can_write:
            notes.append(f"user {self.user} cannot change it")
        if self.trigram == TRIGRAM_MISSING:
            notes.append("pg_trgm is missing: substring search in Chinese, Japanese and Korean text is slower")
        return f"{self.address}: PostgreSQL {self.server_version}, {what}" + "".join(f"; {n}" for n in notes)


# ---- addresses ------------------------------------------------------------------------------------------------


def server_url(host: str, port: int | None = DEFAULT_PORT, database: str = "", user: str = "",
               options: Mapping[str, str] | None = None) -> str:
    """`postgresql://user@host:port/database?options`, each part percent-quoted; no user: the driver's default
    (the login name). A `password` among the options is dropped: passwords are kept apart from addresses."""
    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]  # an IPv6 address written as in a URL already
    netloc = f"[{host}]" if ":" in host else quote(host, safe="")
    if port:
        netloc += f":{int(port)}"
    if user:
        netloc = f"{quote(user, safe='')}@{netloc}"
    query = urlencode([(k, v) for k, v in (options or {}).items() if k != "password" and v != ""])
    return f"postgresql://{netloc}/{quote(database, safe='')}" + (f"?{query}" if query else "")


def parse_server_url(url: str) -> ServerAddress:
    """The parts of a server catalog's address (a password in it is left out).

    Raises:
        InputError: not a PostgreSQL address, or a malformed one.
    """
    try:
        address = split_password(url)[0]
        parts = urlsplit(address)
    except ValueError as e:  # brackets that hold no IPv6 address ("[nas.local:5433]")
        raise InputError(f"is not a valid address ({e})", _redact(url)) from e
    if not is_server_url(address):
        raise InputError("is not a PostgreSQL address (postgresql://user@host/dbname)", _redact(address))
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError as e:
        raise InputError(f"has a port that is not a number from 1 to 65535 ({e})", _redact(address)) from e
    options = {k: v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"}
    return ServerAddress(unquote(parts.hostname or ""), port, unquote(parts.path.lstrip("/")),
                         unquote(parts.username or ""), options)


# ---- the probe ------------------------------------------------------------------------------------------------


def probe_server(url: str, password: str | None, timeout: float = 5) -> ServerProbe:
    """Connect to a server catalog's address once and report what is there (see ServerProbe). Never raises for
    what the server or the network does; never writes to the database.

    `password` is used for this connection only (None: one written in `url`, else the driver's own sources,
    such as ~/.pgpass); it never appears in the result."""
    try:
        address, in_url = split_password(url)
    except ValueError as e:
        return ServerProbe(_redact(url), problem=BAD_ADDRESS,
                           reason=_scrub(f"{_redact(url)}: is not a valid address ({e})", "", password))
    password = password or in_url
    shown = _redact(address)

    def refused(problem: str, reason: str, detail: str = "") -> ServerProbe:
        return ServerProbe(shown, problem=problem, reason=_scrub(reason, url, password),
                           detail=_scrub(detail, url, password))

    try:
        parts = parse_server_url(address)
    except InputError as e:
        return refused(BAD_ADDRESS, str(e))
    if not parts.host or not parts.database:
        return refused(BAD_ADDRESS, f"{shown}: the address needs a host and a database name "
                                    "(postgresql://user@host:port/dbname)")
    # Opened as the app opens it; libpq takes whole seconds for its timeout, and treats less than 2 as 2.
    db = server_database(address, password, PROBE_NAME, connect_timeout=max(2, round(timeout)))
    try:
        db.connect()
    except Exception as e:  # peewee's OperationalError, or the driver's own for a bad option
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        problem, reason, detail = _explain(first, parts, shown)
        return refused(problem, reason, detail)
    try:
        return _inspect(db, shown, parts, lambda text: _scrub(text, url, password), timeout)
    except Exception as e:  # a read the server refused (permissions, a timeout)
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        return ServerProbe(shown, connected=True, problem=FAILED,
                           reason=_scrub(f"{shown}: connected, but cannot read what the database holds ({first})",
                                         url, password), detail=_scrub(first, url, password))
    finally:
        db.close()


# libpq's "connection to server at "host" (address), port N failed: " and the server's "FATAL:  " say nothing
# the reason does not say already.
_PREFIX = re.compile(r'^(connection to server (at|on socket) "[^"]*"( \([^)]*\))?(, port \d+)? failed:\s*)?'
                     r'((FATAL|ERROR):\s+)?')


def _explain(first: str, parts: ServerAddress, shown: str) -> tuple[str, str, str]:
    """(problem, reason, detail) of a connection that failed, from the driver's first line."""
    detail = _PREFIX.sub("", first.strip()) or first.strip()
    low = detail.lower()
    server = f"{parts.host}:{parts.port}"
    if "could not translate host name" in low or "name or service not known" in low:
        return UNKNOWN_HOST, f"{server}: no computer named {parts.host} was found ({detail})", detail
    if any(s in low for s in ("connection refused", "timeout expired", "timed out", "no route to host",
                              "network is unreachable", "could not connect", "host is down")):
        return UNREACHABLE, f"server not reachable at {server} ({detail})", detail
    if "password authentication failed" in low or "authentication failed" in low:
        return AUTHENTICATION, f"{shown}: authentication failed ({detail})", detail
    if "no password supplied" in low or "password is required" in low:
        return PASSWORD_NEEDED, f"{shown}: the server asks for a password ({detail})", detail
    if re.search(r'role ".*" does not exist', low):
        return UNKNOWN_USER, f"{shown}: the server has no user {parts.user or '(default)'} ({detail})", detail
    if re.search(r'database ".*" does not exist', low):
        return NO_DATABASE, f"{shown}: database {parts.database} does not exist on {server} ({detail})", detail
    if "pg_hba.conf" in low or "permission denied for database" in low:
        return NOT_ALLOWED, f"{shown}: the server does not let this user or computer in ({detail})", detail
    return FAILED, f"{shown}: cannot connect ({detail})", detail


def _rows(db: PostgresqlDatabase, sql: str, params: tuple = ()) -> list[tuple]:
    return list(db.execute_sql(sql, params).fetchall())


def _inspect(db: PostgresqlDatabase, shown: str, parts: ServerAddress, scrub: Callable[[str], str],
             timeout: float) -> ServerProbe:
    # Read-only from the first statement on: a probe must never change the database, whatever it reads.
    db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    db.execute_sql(f"SET statement_timeout = {max(1000, int(timeout * 1000))}")
    (version, version_num, user, schema, superuser), = _rows(
        db, "SELECT current_setting('server_version'), current_setting('server_version_num')::int, current_user, "
            "current_schema(), current_setting('is_superuser') = 'on'")
    version = version.split()[0]
    found: dict[str, Any] = {"connected": True, "server_version": version, "user": user,
             "trigram": _trigram(db, version_num, superuser)}
    # Tables of every schema but the system's and those an extension made (postgis's spatial_ref_sys...): what
    # another program would have left.
    tables = [f"{space}.{name}" if space != schema else name for space, name in _rows(db, """
        SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname <> 'information_schema'
          AND n.nspname !~ '^pg_'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype = 'e')
        ORDER BY n.nspname <> current_schema(), n.nspname, c.relname""")]
    if schema is None:  # no schema of the search path exists: tables would have nowhere to go
        return ServerProbe(shown, problem=CANNOT_CREATE, reason=scrub(
            f"{shown}: the database has no schema to create tables in (check the user's search_path)"),
            can_write=False, contents=FOREIGN if tables else EMPTY, table_count=len(tables), **found)
    migrations = _in_schema(db, schema, SchemaMigration._meta.table_name)
    if migrations is not None:
        # As store.schema.schema_version reads it: the highest migration applied.
        schema_version = _rows(db, f"SELECT COALESCE(MAX(id), 0) FROM {migrations}")[0][0]
        if schema_version > LATEST:
            return ServerProbe(shown, problem=NEWER_CATALOG, contents=NEWER_CATALOG, schema_version=schema_version,
                               reason=scrub(f"{shown}: this catalog was made by a newer Starlight (schema "
                                            f"{schema_version}; this version knows up to {LATEST}); update "
                                            "Starlight to open it"), **found)
        works_table = _in_schema(db, schema, Work._meta.table_name)
        works, can_write = 0, True
        if works_table is not None:
            works = _rows(db, f"SELECT count(*) FROM {works_table} WHERE parent_id IS NULL")[0][0]
            can_write = _rows(db, "SELECT has_table_privilege(%s, 'INSERT') AND has_table_privilege(%s, 'UPDATE') "
                                  "AND has_table_privilege(%s, 'DELETE')", (works_table,) * 3)[0][0]
        if found["trigram"] == TRIGRAM_CAN_CREATE:
            # Its search index was made without pg_trgm (store.search.create_index tried once, when the catalog was
            # new): creating the extension now would not add the index.
            found["trigram"] = TRIGRAM_MISSING
        return ServerProbe(shown, contents=CATALOG, schema_version=schema_version, works=works, can_write=can_write,
                           **found)
    if tables:
        listed = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        return ServerProbe(shown, problem=FOREIGN, contents=FOREIGN, tables=tuple(tables[:5]), table_count=len(tables),
                           reason=scrub(f"{shown}: the database holds {len(tables)} tables of another program "
                                        f"({listed}), not a Starlight catalog; choose an empty database or a "
                                        "Starlight catalog"), **found)
    can_create = _rows(db, "SELECT has_schema_privilege(current_schema(), 'CREATE')")[0][0]
    if not can_create:
        # PostgreSQL 15 and later let only the database's owner create tables in its public schema.
        return ServerProbe(shown, problem=CANNOT_CREATE, contents=EMPTY, can_write=False, reason=scrub(
            f"{shown}: user {user} may not create tables in schema {schema}, so Starlight cannot make its catalog "
            f"there; the server's administrator can run: ALTER DATABASE {_ident(parts.database)} OWNER TO "
            f"{_ident(user)}"), **found)
    return ServerProbe(shown, contents=EMPTY, **found)


def _in_schema(db: PostgresqlDatabase, schema: str, table: str) -> str | None:
    """The quoted name of `table` in `schema` where it is a table; None where there is none."""
    name = f"{_ident(schema)}.{_ident(table)}"
    exists = _rows(db, "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s)",
                   (schema, table))[0][0]
    return name if exists else None


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _trigram(db: PostgresqlDatabase, version_num: int, superuser: bool) -> str:
    """Whether pg_trgm is in the database, or would be created with it (store.search.create_index tries, on a new
    catalog): a superuser may create any available extension; since PostgreSQL 13, pg_trgm is "trusted", so a
    user who may create in the database may too."""
    if _rows(db, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")[0][0]:
        return TRIGRAM_INSTALLED
    if not _rows(db, "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')")[0][0]:
        return TRIGRAM_MISSING
    if superuser:
        return TRIGRAM_CAN_CREATE
    if version_num >= 130000 and _rows(db, """
            SELECT COALESCE(bool_or(trusted), false) AND has_database_privilege(current_database(), 'CREATE')
            FROM pg_available_extension_versions WHERE name = 'pg_trgm'""")[0][0]:
        return TRIGRAM_CAN_CREATE
    return TRIGRAM_MISSING
