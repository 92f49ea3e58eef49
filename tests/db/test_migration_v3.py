"""Schema version 3 adds Payment.reference: run on a payment table without it, the step keeps
the payments (reference ""), writes its audit row and leaves exactly the schema of a new
database, on SQLite and PostgreSQL (tests/db/test_migration_v2.py runs version 1 through all)."""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid
from decimal import Decimal

import pytest
from seats import SETUP, seat

from heatoffice import manifest
from heatoffice.audit.models import AuditEntry
from heatoffice.db import connection, migrations, schema_v3, schema_v6, schema_v7

STEP = schema_v3.VERSION


def _make_database(url: str) -> None:
    """A new database with one payment in it, written as the cashier's window would."""
    from heatoffice.accounts import service as accounts
    from heatoffice.billing.payments import record_payment

    db = connection.connect(url)
    account = accounts.open_account(SETUP, dict(
        account_no="YG000001", name="张伟", community="阳光花园", building="3", unit="2",
        room="501", heating_area="85.50"), status="heating")
    record_payment(seat("cashier1", "cashier"), account.id, Decimal("100.00"), "cash")
    db.close()


def _step_back(execute) -> None:
    """Undo the step by hand: the payment table as the version before it left it (and so
    version 6's and 7's, which change the payment table after it, first)."""
    execute('ALTER TABLE "payment" DROP COLUMN "hash"')
    execute('DROP INDEX "payment_source_reference"')
    execute('ALTER TABLE "payment" DROP COLUMN "source"')
    execute('DROP TABLE "opening_balance"')
    execute('ALTER TABLE "payment" DROP COLUMN "reference"')


def _sqlite_shape(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {
            "payment": conn.execute('PRAGMA table_info("payment")').fetchall(),
            "sql": sorted(conn.execute("SELECT type, name, sql FROM sqlite_master "
                                       "WHERE name NOT LIKE 'sqlite_%'").fetchall(), key=repr),
        }
    finally:
        conn.close()


def test_the_billing_area_declares_version_3():
    assert manifest.migrations()[STEP] == "heatoffice.db.schema_v3:migrate"
    assert STEP in migrations.MIGRATIONS and migrations.LATEST >= STEP


def _run_step(db) -> None:
    """The step as the migration runner runs it: in one transaction, inside the
    database's later versions (the whole chain from version 1 is
    tests/db/test_migration_v2.py's)."""
    with db.atomic():
        migrations.MIGRATIONS[STEP](db)
    with db.atomic():  # the later steps that change the payment table again
        migrations.MIGRATIONS[schema_v6.VERSION](db)
        # version 7's column (its chains and guards: tests/db/test_migration_v7.py)
        db.execute_sql(f'ALTER TABLE "payment" ADD COLUMN {schema_v7.HASH}')


def test_sqlite_database_before_the_step_migrates_to_the_new_schema(tmp_path):
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    _make_database(f"sqlite:///{old}")
    conn = sqlite3.connect(old)
    _step_back(conn.execute)
    conn.commit()
    conn.close()
    assert "reference" not in [c[1] for c in _sqlite_shape(old)["payment"]]

    db = connection.connect(f"sqlite:///{old}", migrate=False)
    _run_step(db)
    rows = db.execute_sql("SELECT receipt_no, amount, reference FROM payment").fetchall()
    assert [(r[1], r[2]) for r in rows] == [(10000, "")]
    entry = AuditEntry.get(AuditEntry.action == "schema.migrate", AuditEntry.record_id == "3")
    assert (entry.actor, entry.record_id) == ("system", str(STEP))
    assert entry.note == "数据库升级到第 3 版：收据增加交易流水号（非现金收款）"
    db.close()
    connection.connect(f"sqlite:///{new}").close()
    migrated, fresh = _sqlite_shape(old), _sqlite_shape(new)
    assert migrated == fresh
    # The write-once guard still holds on the migrated table.
    conn = sqlite3.connect(old)
    with pytest.raises(sqlite3.DatabaseError, match="written once"):
        conn.execute("UPDATE payment SET reference = 'x'")
    conn.close()


def _pg_shape(execute) -> dict:
    return {
        "columns": sorted(execute(
            "SELECT column_name, data_type, is_nullable, column_default, "
            "character_maximum_length FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'payment'").fetchall()),
        "triggers": sorted(execute(
            "SELECT trigger_name, event_manipulation FROM information_schema.triggers "
            "WHERE event_object_table = 'payment'").fetchall()),
    }


def test_postgres_database_before_the_step_migrates_to_the_new_schema(pg_url):
    import psycopg2

    base = pg_url.rsplit("/", 1)[0]  # the server of the test run, databases of our own
    admin = psycopg2.connect(f"{base}/postgres", connect_timeout=5)
    admin.autocommit = True
    names = [f"heatoffice_mig_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.cursor() as cur:
        for name in names:
            cur.execute(f'CREATE DATABASE "{name}"')
    old, new = (f"{base}/{name}" for name in names)
    try:
        _make_database(old)
        db = connection.connect(old, migrate=False)
        with db.atomic():
            _step_back(db.execute_sql)
        _run_step(db)
        assert [tuple(r) for r in db.execute_sql(
            "SELECT amount, reference FROM payment").fetchall()] == [(10000, "")]
        migrated = _pg_shape(lambda sql: db.execute_sql(sql))
        db.close()
        db = connection.connect(new)
        assert migrated == _pg_shape(lambda sql: db.execute_sql(sql))
        db.close()
    finally:
        with admin.cursor() as cur:
            for name in names:
                cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
                cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()
    assert _dt.date.today()  # the clock was not moved
