"""Open a SQLite file or a PostgreSQL server from a URL and bind the one database proxy."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from peewee import Database, DatabaseProxy, PostgresqlDatabase, SqliteDatabase

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
        path = sqlite_path(url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # IMMEDIATE: writers take the lock at BEGIN, so two desks never deadlock on upgrade.
        return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                              check_same_thread=False)
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
        )
    raise UserError("db.bad_url", field="url", value=url)


def connect(url: str, *, migrate: bool = True) -> Database:
    """Open ``url``, bind it as the application database and bring its schema up to date."""
    db = open_database(url)
    database.initialize(db)
    db.connect(reuse_if_open=True)
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
        return f"SQLite {target.database}"
    if isinstance(target, PostgresqlDatabase):
        host = target.connect_params.get("host") or "localhost"
        return f"PostgreSQL {host}/{target.database}"
    return "?"
