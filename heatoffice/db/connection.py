"""Open a SQLite file or a PostgreSQL server from a URL and bind the one database proxy."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

from peewee import (
    Database,
    DatabaseError,
    DatabaseProxy,
    InterfaceError,
    OperationalError,
    PostgresqlDatabase,
    SqliteDatabase,
)

from heatoffice.errors import UserError

database = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 15000,
    # FULL: a payment the cashier saw committed survives a power cut.
    "synchronous": "full",
    "cache_size": -64000,
}

# How long a write waits in all for another desk's write lock on a SQLite file before it
# gives up ("db.locked"): seconds, $HEATOFFICE_LOCK_WAIT or this. Each try waits up to
# LOCK_TRY seconds inside SQLite, then the pause between tries doubles (from LOCK_PAUSE).
LOCK_WAIT = 60.0
LOCK_TRY = 15.0
LOCK_PAUSE = 0.25
# Told of each failed try: (tries so far, seconds left); the command line prints a line.
lock_waiting: Callable[[int, float], None] | None = None
PG_CONNECT_TIMEOUT = 10  # seconds to reach a PostgreSQL server before saying it is not there


def lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get("HEATOFFICE_LOCK_WAIT", LOCK_WAIT)))
    except ValueError:
        return LOCK_WAIT


def _locked(exc: BaseException) -> bool:
    text = str(exc)
    return "database is locked" in text or "database is busy" in text


class OfficeSqliteDatabase(SqliteDatabase):
    """SQLite as heatoffice opens it: a write lock held by another desk is waited for with
    backoff up to lock_wait() seconds (each try told to ``lock_waiting``), and the failures a
    user can do something about become one-line UserErrors: a read-only file, a lock that
    outlasted the wait, a file that is not a database."""

    read_only = False

    @property
    def path(self) -> str:
        """The file, also when it was opened read-only through a ``file:…?mode=ro`` URI."""
        name = str(self.database)
        if name.startswith("file:"):
            return unquote(name[len("file:"):].split("?", 1)[0])
        return name

    def begin(self, lock_type: str | None = None) -> None:
        deadline = time.monotonic() + lock_wait()
        pause, tries = LOCK_PAUSE, 0
        while True:
            try:
                super().begin(lock_type)
                return
            except OperationalError as exc:
                if not _locked(exc):
                    raise self._explained(exc) from exc
                tries += 1
                left = deadline - time.monotonic()
                if left <= 0:
                    raise UserError("db.locked", value=self.path,
                                    seconds=round(lock_wait())) from exc
                if lock_waiting is not None:
                    lock_waiting(tries, left)
                time.sleep(min(pause, left))
                pause = min(pause * 2, 8.0)

    def _execute_cursor(self, sql: Any, params: Any, **options: Any) -> Any:
        try:
            return super()._execute_cursor(sql, params, **options)
        except (OperationalError, DatabaseError) as exc:
            raise self._explained(exc) from exc

    def _explained(self, exc: Exception) -> Exception:
        text = str(exc)
        if "readonly database" in text or "read-only" in text:
            return UserError("db.read_only", value=self.path)
        if _locked(exc):
            return UserError("db.locked", value=self.path, seconds=round(lock_wait()))
        if "file is not a database" in text:
            return UserError("db.not_a_database", value=self.path)
        return exc


def _read_only_file(path: str) -> bool:
    """A file nobody may write (no write bit; for root too, who could write it anyway) or
    this user may not write: opened read-only, so that reading commands still work."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path,
                                                                                     os.W_OK)


def _open_sqlite(url: str, path: str) -> SqliteDatabase:
    if path == ":memory:":
        return OfficeSqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                                    check_same_thread=False)
    file = Path(path)
    if file.is_dir():
        raise UserError("db.is_directory", value=path, url=url)
    if not file.parent.is_dir():
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError("db.cannot_open", value=path,
                            reason=exc.strerror or str(exc)) from exc
    pragmas = dict(SQLITE_PRAGMAS)
    pragmas["busy_timeout"] = int(min(LOCK_TRY, max(lock_wait() / 4, 0.1)) * 1000)
    if file.exists() and _read_only_file(path):
        # Read-only: no journal mode change (a write), and SQLite refuses every write.
        pragmas.pop("journal_mode")
        db = OfficeSqliteDatabase(f"file:{quote(path)}?mode=ro", pragmas=pragmas,
                                  lock_type="IMMEDIATE", check_same_thread=False, uri=True)
        db.read_only = True
        return db
    # IMMEDIATE: writers take the lock at BEGIN, so two desks never deadlock on upgrade.
    return OfficeSqliteDatabase(path, pragmas=pragmas, lock_type="IMMEDIATE",
                                check_same_thread=False)


def is_read_only(db: Database | None = None) -> bool:
    """True when the database was opened read-only (a SQLite file nobody may write)."""
    return bool(getattr(db if db is not None else database.obj, "read_only", False))


def sqlite_path(url: str) -> str:
    """The file of a ``sqlite:///`` URL (or ":memory:"). As in SQLAlchemy, the path is what
    follows the third slash, so an absolute path has four; a relative one is refused with the
    absolute forms shown: the database would depend on the folder the program started in,
    and a path missing its fourth slash would quietly name an empty database."""
    path = unquote(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else ""
    if not path:
        raise UserError("db.bad_url", field="url", value=url)
    if path != ":memory:" and not Path(path).is_absolute():
        raise UserError("db.relative_path", field="url", value=url,
                        absolute="sqlite:///" + (Path.cwd() / path).as_posix(),
                        rooted="sqlite:////" + path)
    return path


def open_database(url: str) -> Database:
    """A peewee database for ``url`` (not yet bound to the proxy, not yet migrated)."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        return _open_sqlite(url, sqlite_path(url))
    if scheme in ("postgresql", "postgres"):
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise UserError("db.bad_url", field="url", value=url)
        return PostgresqlDatabase(
            name,
            user=unquote(parsed.username) if parsed.username else None,
            password=unquote(parsed.password) if parsed.password else None,
            host=parsed.hostname or None,
            port=parsed.port or None,
            connect_timeout=PG_CONNECT_TIMEOUT,
        )
    raise UserError("db.bad_url", field="url", value=url)


def _pg_failure(db: PostgresqlDatabase, exc: Exception) -> UserError:
    """What a PostgreSQL connection failure means, as one line saying what to do."""
    text = str(exc)
    params = db.connect_params
    host, port = params.get("host") or "localhost", params.get("port") or 5432
    user = params.get("user") or os.environ.get("PGUSER") or "postgres"
    where = {"host": host, "port": port, "name": db.database, "user": user}
    if "does not exist" in text and f'database "{db.database}"' in text:
        return UserError("db.pg_no_database", **where)
    if "does not exist" in text and "role" in text:
        return UserError("db.pg_no_role", **where)
    if "password authentication failed" in text or "no password supplied" in text:
        return UserError("db.pg_login", **where)
    if ("Connection refused" in text or "could not translate host name" in text
            or "timeout expired" in text or "No route to host" in text
            or "could not connect" in text or "Network is unreachable" in text):
        return UserError("db.pg_unreachable", **where)
    return UserError("db.pg_failed", reason=text.strip().splitlines()[0] if text.strip()
                     else type(exc).__name__, **where)


def _probe(db: Database) -> None:
    """Read the schema once, so that a file that is not a database says so at the door."""
    if isinstance(db, SqliteDatabase):
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()


def open_connection(db: Database) -> None:
    """Connect ``db``; a server that is not there, a missing database or role, a file that
    is not a database: a UserError that says which and what to do."""
    try:
        db.connect(reuse_if_open=True)
        _probe(db)
    except UserError:
        db.close()
        raise
    except (OperationalError, DatabaseError, InterfaceError) as exc:
        if not db.is_closed():
            db.close()
        if isinstance(db, PostgresqlDatabase):
            raise _pg_failure(db, exc) from exc
        if isinstance(db, OfficeSqliteDatabase):
            explained = db._explained(exc)
            if isinstance(explained, UserError):
                raise explained from exc
        if isinstance(db, SqliteDatabase):
            raise UserError("db.cannot_open", value=getattr(db, "path", db.database),
                            reason=str(exc).splitlines()[0] if str(exc) else "?") from exc
        raise


def connect(url: str, *, migrate: bool = True) -> Database:
    """Open ``url``, bind it as the application database and bring its schema up to date."""
    db = open_database(url)
    database.initialize(db)
    open_connection(db)
    if migrate:
        from heatoffice.db.migrations import migrate as run_migrations

        run_migrations(db)
    return db


def is_sqlite(db: Database | None = None) -> bool:
    target = db if db is not None else database.obj
    return isinstance(target, SqliteDatabase)


def is_postgres(db: Database | None = None) -> bool:
    target = db if db is not None else database.obj
    return isinstance(target, PostgresqlDatabase)


def describe(db: Database | None = None) -> str:
    """A short name of the open database for the status bar (never the password)."""
    target = db if db is not None else database.obj
    if isinstance(target, SqliteDatabase):
        return f"SQLite {getattr(target, 'path', target.database)}"
    if isinstance(target, PostgresqlDatabase):
        host = target.connect_params.get("host") or "localhost"
        return f"PostgreSQL {host}/{target.database}"
    return "?"
