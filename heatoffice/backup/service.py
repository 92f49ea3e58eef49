"""Backups made by the admin or by the program, and restore, which never reuses a receipt number.

``restore`` loads the backup into a copy beside the database (SQLite: ``<file>.restoring``;
PostgreSQL: a database ``<name>_restoring``), runs ``heatoffice check`` on it, moves the
receipt counter past the last receipt really issued and records the numbers skipped
(``receipts.lost_by_restore``) in the copy, and only then switches: the replaced database is
kept (SQLite: renamed ``<file>.replaced-YYYYmmdd-HHMMSS``; PostgreSQL: renamed
``<name>_replaced_YYYYmmddHHMMSS``). Any refusal leaves the database as it was.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from peewee import DatabaseError, PostgresqlDatabase

from heatoffice import clock
from heatoffice.audit import seals as ledger_seals
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.auth.identity import SessionRefused
from heatoffice.auth.permissions import require
from heatoffice.billing import receipts
from heatoffice.billing.models import ReceiptCounter
from heatoffice.db import backup
from heatoffice.db.connection import connect, database, open_database, sqlite_path
from heatoffice.errors import UserError


def record_made(actor: Actor, path: Path, kind: str) -> None:
    """The audit row of a backup made (the last backup's age in the status bar reads it)."""
    with database.atomic():
        audit.record(actor, "backups.make", "backup", path.name, note=kind,
                     after={"backup_file": str(path), "backup_kind": kind,
                            "size": path.stat().st_size,
                            "sha256": backup.recorded_checksum(path)})


def make_backup(actor: Actor, *, out: Path | None = None, kind: str = "manual") -> Path:
    """``heatoffice backup [--out FILE]``: a backup now, in the folder or to ``out``."""
    require(actor, "backups.make")
    path = backup.make(database.obj, kind, out=out)
    record_made(actor, path, kind)
    return path


def made_today() -> bool:
    """Whether an automatic backup was made today (by any desk of this database)."""
    start = _dt.datetime.combine(clock.today(), _dt.time())
    return (AuditEntry.select().where((AuditEntry.action == "backups.make")
                                      & AuditEntry.note.in_(backup.AUTOMATIC)
                                      & (AuditEntry.at >= start)).exists())


def auto_backup(actor: Actor) -> Path | None:
    """The day's automatic backup, made by the first desk that starts (the desktop app after
    its login, or ``heatoffice backup --auto`` from cron); None when one was made today. The
    month's first is monthly, the week's first weekly, others daily; then the automatic
    backups beyond the settings backup_daily / _weekly / _monthly are deleted. The program's
    own duty: any user's start makes it."""
    if made_today():
        return None
    db = database.obj
    where = backup.folder(db)
    kind = backup.automatic_kind(backup.list_backups(where, check=False), clock.now())
    path = backup.make(db, kind)
    record_made(actor, path, kind)
    for old in backup.to_rotate(backup.list_backups(where, check=False),
                                backup.keep_policy(db)):
        backup.delete(old)
    return path


def list_backups(actor: Actor, *, check: bool = True) -> list[backup.Backup]:
    """The backups in this database's folder, newest first, checksums recomputed."""
    require(actor, "backups.make")
    return backup.list_backups(backup.folder(database.obj), check=check)


# -- restore -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    file: Path
    replaced: str           # where the replaced database is kept (a file or a database name)
    last_receipt: str       # the last receipt issued, as given
    lost_first: str | None  # the numbers skipped, None when the copy had them all
    lost_last: str | None
    lost_count: int


def parse_last_receipt(value: str) -> tuple[int, int]:
    parsed = receipts.parse_receipt(value or "")
    if parsed is None or parsed[1] < 1:
        raise UserError("backup.bad_receipt", field="last_receipt", value=value)
    return parsed


def restore(file: Path, last_receipt: str, *, url: str, actor: Actor | None,
            login: Callable[[], Actor] | None = None) -> Restored:
    """Put the backup ``file`` in place of the database at ``url``. ``actor`` is the admin
    logged in on the database being replaced; None when it cannot be opened, then ``login``
    is asked on the checked copy. Needs backups.restore."""
    if actor is not None:
        require(actor, "backups.restore")
    year, seq = parse_last_receipt(last_receipt)
    file = Path(file)
    postgres = urlparse(url).scheme.lower() in ("postgresql", "postgres")
    expected = ".dump" if postgres else ".db"
    if file.suffix != expected:
        raise UserError("backup.wrong_backend", field="backup_file", value=str(file),
                        found="PostgreSQL" if file.suffix == ".dump" else "SQLite",
                        expected="PostgreSQL" if postgres else "SQLite")
    digest = backup.verify(file)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    live = database.obj
    if live is not None and not live.is_closed():
        live.close()
    if postgres:
        return _restore_postgres(file, digest, url, year, seq, last_receipt, stamp, actor, login)
    return _restore_sqlite(file, digest, url, year, seq, last_receipt, stamp, actor, login)


def _checked_copy(url: str, file: Path, actor: Actor | None,
                  login: Callable[[], Actor] | None) -> Actor:
    """Open the copy at ``url`` (migrating an older one), run every check; the admin."""
    from heatoffice.check import run_checks
    from heatoffice.db import migrations

    try:
        db = connect(url, migrate=False)
        found = migrations.current_version(db)
    except DatabaseError as exc:
        raise UserError("backup.not_heatoffice", field="backup_file", value=str(file)) from exc
    except UserError as exc:
        if exc.code not in ("db.not_a_database", "db.cannot_open"):
            raise
        raise UserError("backup.not_heatoffice", field="backup_file", value=str(file)) from exc
    if found == 0:
        raise UserError("backup.not_heatoffice", field="backup_file", value=str(file))
    migrations.migrate(db)
    failed = [r.name for r in run_checks() if not r.ok]
    if failed:
        raise UserError("backup.check_failed", value=str(file), names=", ".join(failed))
    if actor is not None:
        try:  # the admin of the replaced database, as the copy knows them (read again)
            require(actor, "backups.restore")
            return actor
        except SessionRefused:
            if login is None:  # not a user of the backup, or not its admin
                raise
    if login is None:
        raise UserError("auth.no_admin")
    actor = login()  # on the copy
    require(actor, "backups.restore")
    return actor


def _move_counter(actor: Actor, file: Path, digest: str, year: int, seq: int, given: str,
                  replaced: str) -> tuple[str | None, str | None, int]:
    """In the restored copy: the counter of ``year`` past ``seq``, the skipped numbers and
    the restore itself in the audit. Refuses a copy that issued more than ``seq`` already."""
    table = ReceiptCounter._meta.table_name
    p = database.param
    with database.atomic():
        last = receipts.lock_year(year)
        if last > seq:
            raise UserError("backup.receipt_in_copy", field="last_receipt", value=given,
                            copy=receipts.format_receipt(year, last))
        first = end = None
        if seq > last:
            first, end = receipts.format_receipt(year, last + 1), receipts.format_receipt(year, seq)
            database.execute_sql(f"UPDATE {table} SET last_seq = {p} WHERE year = {p}",
                                 (seq, year))
            audit.record(actor, "receipts.lost_by_restore", "receipt_counter", year,
                         before={"last_seq": last},
                         after={"last_seq": seq, "lost_from": first, "lost_to": end,
                                "lost_count": seq - last, "backup_file": file.name},
                         note=f"{first}–{end}")
        audit.record(actor, "backups.restore", "backup", file.name,
                     after={"backup_file": str(file), "sha256": digest,
                            "replaced_as": replaced, "last_receipt": given})
    return first, end, seq - last


def _remove_sqlite(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def _restore_sqlite(file: Path, digest: str, url: str, year: int, seq: int, given: str,
                    stamp: str, actor: Actor | None,
                    login: Callable[[], Actor] | None) -> Restored:
    live = Path(sqlite_path(url))
    temp = live.with_name(live.name + ".restoring")
    replaced = live.with_name(f"{live.name}.replaced-{stamp}")
    _remove_sqlite(temp)
    if live.exists():
        _take_alone(live)  # refuse early, before the copy, when a desk has it open
    try:
        shutil.copyfile(file, temp)
        actor = _checked_copy(f"sqlite:///{temp}", file, actor, login)
        lost = _move_counter(actor, file, digest, year, seq, given, str(replaced))
        database.obj.close()
        if live.exists():
            _take_alone(live)
            os.replace(live, replaced)
            _remove_sqlite(live)
        os.replace(temp, live)
    except BaseException:
        if database.obj is not None:
            database.obj.close()
        _remove_sqlite(temp)
        raise
    connect(url, migrate=False)
    ledger_seals.after_restore(stamp)
    return Restored(file, str(replaced) if replaced.exists() else "", given, *lost)


def _take_alone(live: Path) -> None:
    """Refuse when another connection has the SQLite file open: leaving WAL mode needs it
    alone, and folds the WAL into the file, so the file renamed aside is whole."""
    con = sqlite3.connect(live, timeout=2)
    try:
        mode = con.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if mode.lower() != "delete":
            raise UserError("backup.in_use")
        con.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        raise UserError("backup.in_use") from exc
    except sqlite3.DatabaseError:
        return  # not a database (damaged): nothing to fold in, it is renamed aside as it is
    finally:
        con.close()


def _pg_admin(params: dict[str, str]):
    import psycopg2

    conn = psycopg2.connect(dbname="postgres", host=params["host"] or None,
                            port=params["port"] or None, user=params["user"] or None,
                            password=params["password"] or None)
    conn.autocommit = True
    return conn


def _pg_others(cur, name: str) -> int:
    cur.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = %s "
                "AND pid <> pg_backend_pid()", (name,))
    return int(cur.fetchone()[0])


def _restore_postgres(file: Path, digest: str, url: str, year: int, seq: int, given: str,
                      stamp: str, actor: Actor | None,
                      login: Callable[[], Actor] | None) -> Restored:
    parsed = urlparse(url)
    live_db = open_database(url)  # its parameters only: it may be missing or broken
    assert isinstance(live_db, PostgresqlDatabase)
    params = backup.pg_params(live_db)
    name = params["dbname"]
    temp = f"{name}_restoring"
    replaced = f"{name}_replaced_{stamp.replace('-', '')}"
    admin = _pg_admin(params)
    try:
        with admin.cursor() as cur:
            cur.execute("SHOW server_version_num")
            server = int(cur.fetchone()[0]) // 10000
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            exists = cur.fetchone() is not None
            if exists and _pg_others(cur, name):
                raise UserError("backup.in_use")
            cur.execute(f'DROP DATABASE IF EXISTS "{temp}"')
            cur.execute(f'CREATE DATABASE "{temp}"')
        try:
            backup.pg_restore(params, temp, file, server)
            temp_url = urlunparse(parsed._replace(path="/" + temp))
            actor = _checked_copy(temp_url, file, actor, login)
            lost = _move_counter(actor, file, digest, year, seq, given, replaced)
            database.obj.close()
            with admin.cursor() as cur:
                if exists:
                    if _pg_others(cur, name):
                        raise UserError("backup.in_use")
                    cur.execute(f'ALTER DATABASE "{name}" RENAME TO "{replaced}"')
                cur.execute(f'ALTER DATABASE "{temp}" RENAME TO "{name}"')
        except BaseException:
            if database.obj is not None:
                database.obj.close()
            with admin.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{temp}"')
            raise
    finally:
        admin.close()
    connect(url, migrate=False)
    ledger_seals.after_restore(stamp)
    return Restored(file, replaced if exists else "", given, *lost)
