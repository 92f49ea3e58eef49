"""Schema version 6 (Payment.source with a reference unique per source, the opening balances):
a version-5 database (the version-1 fixture migrated to 5 first) ends with exactly the schema
of a new database, its payments taken at the window (source ""), and imports payment batches
and opening balances, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from seats import seat

from heatoffice import clock
from heatoffice.audit.models import AuditEntry
from heatoffice.check import run_checks
from heatoffice.db import migrations
from heatoffice.db.connection import connect, database
from tests.db.test_migration_v2 import (  # noqa: F401  (pg_v1 and v1_copy are fixtures)
    _sqlite_execute,
    assert_schema_is_new,
    pg_schema,
    pg_v1,
    sqlite_schema,
    v1_copy,
)

pytestmark = pytest.mark.usefixtures("cli_env")
FINANCE = seat("finance1", "finance")


def test_version_6_is_declared_by_the_ledger():
    assert migrations.MIGRATIONS[6].__qualname__ == "heatoffice.db.schema_v6:migrate"
    assert migrations.LATEST >= 6


def _to_version_5(monkeypatch, url: str) -> None:
    """Open the database with a program that knows versions up to 5 only."""
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", {v: migrations.MIGRATIONS[v] for v in range(2, 6)})
        m.setattr(migrations, "LATEST", 5)
        db = connect(url)
        assert migrations.current_version(db) == 5
        assert "opening_balance" not in db.get_tables()
        assert "source" not in [c.name for c in db.get_columns("payment")]
        db.close()


def _migrated_and_importing() -> None:
    """After version 6: the old payments have no source, the step is audited, and a payment
    batch and an opening balance import on the old data with `check` clean."""
    from heatoffice.accounts.models import Account
    from heatoffice.billing.batches import PaymentLine, import_payments
    from heatoffice.billing.models import Payment
    from heatoffice.billing.opening import OpeningLine, import_opening_balances

    assert migrations.current_version(database.obj) == migrations.LATEST
    assert {s for (s,) in Payment.select(Payment.source).tuples()} == {""}
    entry = AuditEntry.get(AuditEntry.action == "schema.migrate", AuditEntry.record_id == "6")
    assert json.loads(entry.after) == {"version": 6, "payment": "source",
                                       "tables": ["opening_balance"]}
    clock.shift(dt.datetime(2027, 1, 12, 10) - clock.now())
    first, second = Account.select().order_by(Account.id).limit(2)
    report = import_opening_balances(FINANCE, [OpeningLine(2, first.account_no, "2024-2025",
                                                           "300.00", "9.00")])
    assert report.imported == 1
    line = PaymentLine(2, second.account_no, "100.00", "2027-01-11", "转账", "B1")
    assert import_payments(FINANCE, [line], source="工商银行").imported == 1
    assert import_payments(FINANCE, [line], source="工商银行").imported == 0
    assert [(r.name, r.ok) for r in run_checks() if not r.ok] == []


def test_sqlite_version_5_database_migrates_to_the_new_schema(v1_copy, url, tmp_path,  # noqa: F811
                                                              monkeypatch):
    _to_version_5(monkeypatch, url)
    connect(url)
    try:
        _migrated_and_importing()
    finally:
        database.obj.close()
    assert_schema_is_new(v1_copy, tmp_path)
    # the new table is written once, as the ledger's other rows
    conn, execute = _sqlite_execute(v1_copy)
    with pytest.raises(Exception, match="written once"):
        execute("UPDATE opening_balance SET amount = 1")
    conn.close()


def test_postgres_version_5_database_migrates_to_the_new_schema(pg_v1, monkeypatch):  # noqa: F811
    url, new_schema = pg_v1
    _to_version_5(monkeypatch, url)
    db = connect(url)
    try:
        assert pg_schema(db.execute_sql) == new_schema
        _migrated_and_importing()
    finally:
        database.obj.close()
