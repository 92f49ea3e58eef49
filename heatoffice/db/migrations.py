"""Schema versions: create a new database at the newest version, or migrate an old one in order.

A new database is built from the current models in one step. An existing one at version N runs
MIGRATIONS[N+1 .. LATEST] in order, each in its own transaction, after a SQLite backup taken with
the backup API. A database written by a newer heatoffice is refused. Each area declares its
migrations in its manifest (version -> "module:function"); the versions are one sequence.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import Database, SqliteDatabase

from heatoffice import manifest
from heatoffice.errors import UserError


def _step(path: str) -> Callable[[Database], None]:
    """Run the migration at ``path``, importing its module only when it runs."""
    def run(db: Database) -> None:
        manifest.resolve(path)(db)

    run.__qualname__ = path
    return run


# version -> function that upgrades a database from version-1 to version.
MIGRATIONS: dict[int, Callable[[Database], None]] = {
    version: _step(path) for version, path in sorted(manifest.migrations().items())}
LATEST = max(MIGRATIONS, default=1)

VERSION_TABLE = "schema_version"


def _ensure_version_table(db: Database) -> None:
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} ("
        "version INTEGER NOT NULL, applied_at VARCHAR(32) NOT NULL, program VARCHAR(32) NOT NULL)"
    )


def current_version(db: Database) -> int:
    """0 for an empty database, else the highest version recorded."""
    if VERSION_TABLE not in db.get_tables():
        return 0
    row = db.execute_sql(f"SELECT MAX(version) FROM {VERSION_TABLE}").fetchone()
    return int(row[0] or 0)


def _record(db: Database, version: int) -> None:
    from heatoffice import __version__

    db.execute_sql(
        f"INSERT INTO {VERSION_TABLE} (version, applied_at, program) VALUES (%s, %s, %s)"
        .replace("%s", db.param),
        (version, _dt.datetime.now().isoformat(timespec="seconds"), __version__),
    )


def create_schema(db: Database) -> None:
    """Build every table of the newest version in an empty database."""
    from heatoffice.db.registry import all_models, extra_schema_steps

    with db.atomic():
        _ensure_version_table(db)
        db.create_tables(all_models())
        for step in extra_schema_steps():
            step(db)
        _record(db, LATEST)


def backup_sqlite(db: SqliteDatabase, version: int) -> Path | None:
    """Copy the live database with SQLite's backup API before it is migrated."""
    path = db.database
    if path == ":memory:":
        return None
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = Path(f"{path}.v{version}-{stamp}.bak")
    dest = sqlite3.connect(target)
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    return target


def migrate(db: Database) -> int:
    """Bring ``db`` to LATEST; returns the version it was at before."""
    found = current_version(db)
    if found > LATEST:
        raise UserError("db.newer_schema", found=found, supported=LATEST)
    if found == 0:
        from heatoffice.db.registry import all_models

        # A database with our tables but no version row is not ours to guess about.
        if any(m._meta.table_name in db.get_tables() for m in all_models()):
            raise UserError("db.newer_schema", found="?", supported=LATEST)
        create_schema(db)
        return 0
    if found < LATEST:
        if isinstance(db, SqliteDatabase):
            backup_sqlite(db, found)
        for version in range(found + 1, LATEST + 1):
            with db.atomic():
                MIGRATIONS[version](db)
                _record(db, version)
    return found
