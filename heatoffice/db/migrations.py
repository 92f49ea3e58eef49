"""Schema versions: create a new database at the newest version, or migrate an old one in order.

A new database is built from the current models in one step. An existing one at version N runs
MIGRATIONS[N+1 .. LATEST] in order, each in its own transaction, after a backup (kind
``pre_migration`` in the backups folder: heatoffice.db.backup). A database written by a newer
heatoffice is refused. A migration that fails is rolled back whole and reported as a UserError
naming the version, the cause and the backup.

Adding version N: a module ``schema_vN.py`` beside this one with ``migrate(db)`` in plain SQL
for both backends (never the models: they will have moved on), declared in the manifest of the
area whose tables it changes (``migrations={N: "heatoffice.db.schema_vN:migrate"}``; LATEST is
the highest version declared), the models changed to match, and a test that migrates
tests/fixtures/heatoffice-v1.db.
"""

from __future__ import annotations

import datetime as _dt
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
# Every version from 2 to LATEST must be declared: a gap would leave a database without a step.
if sorted(MIGRATIONS) != list(range(2, LATEST + 1)):
    raise RuntimeError(f"schema versions are not contiguous: {sorted(MIGRATIONS)}")

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


def backup_before(db: Database) -> Path | None:
    """Back the database up (kind ``pre_migration``, heatoffice.db.backup) before it is
    migrated: SQLite with the backup API, PostgreSQL with pg_dump; None for a memory one."""
    from heatoffice.db.backup import make

    if isinstance(db, SqliteDatabase) and db.database == ":memory:":
        return None
    return make(db, "pre_migration")


def migrate(db: Database) -> int:
    """Bring ``db`` to LATEST; returns the version it was at before."""
    found = current_version(db)
    if found > LATEST:
        raise UserError("db.newer_schema", found=found, supported=LATEST)
    if found == 0:
        from heatoffice.db.registry import all_models

        # A database with our tables but no version row is not ours to guess about, and
        # one with another program's tables is not ours at all.
        tables = db.get_tables()
        if any(m._meta.table_name in tables for m in all_models()):
            raise UserError("db.newer_schema", found="?", supported=LATEST)
        if tables:
            raise UserError("db.not_heatoffice", tables="、".join(tables[:5]))
        create_schema(db)
        return 0
    if found < LATEST:
        backup = backup_before(db)
        for version in range(found + 1, LATEST + 1):
            _run(db, version, backup)
    return found


def _run(db: Database, version: int, backup: Path | None) -> None:
    """One migration in one transaction. SQLite runs it with foreign keys off, as its
    documented table rebuild needs (the pragma cannot change inside a transaction), and
    checks them all before the commit."""
    sqlite = isinstance(db, SqliteDatabase)
    if sqlite:
        db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            MIGRATIONS[version](db)
            if sqlite and db.execute_sql("PRAGMA foreign_key_check").fetchone() is not None:
                raise RuntimeError("a foreign key points at no row after the migration")
            _record(db, version)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001  (any failure: nothing was changed, say so)
        raise UserError("db.migration_failed", version=version, reason=f"{exc}".strip()
                        or type(exc).__name__, backup=backup or "-") from exc
    finally:
        if sqlite:
            db.execute_sql("PRAGMA foreign_keys = ON")
