"""Schema version 7 (the chained ledger, heatoffice.db.chain): a version-6 database (the
version-1 fixture migrated to 6 first) ends with exactly the schema of a new database, every
existing ledger and audit row hashed so that `check` finds the chains intact, and the new
guards in place, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from heatoffice.audit.models import AuditEntry
from heatoffice.check import run_checks
from heatoffice.db import migrations
from heatoffice.db.chain import CHAINS
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


def test_version_7_is_declared_by_the_audit_log():
    assert migrations.MIGRATIONS[7].__qualname__ == "heatoffice.db.schema_v7:migrate"
    assert migrations.LATEST >= 7


def _to_version_6(monkeypatch, url: str) -> None:
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", {v: migrations.MIGRATIONS[v] for v in range(2, 7)})
        m.setattr(migrations, "LATEST", 6)
        db = connect(url)
        assert migrations.current_version(db) == 6
        assert "chain_head" not in db.get_tables()
        db.close()


def _migrated() -> None:
    assert migrations.current_version(database.obj) == migrations.LATEST  # 7, then 8, 9
    entry = AuditEntry.get(AuditEntry.action == "schema.migrate", AuditEntry.record_id == "7")
    assert json.loads(entry.after) == {"version": 7, "chains": sorted(CHAINS)}
    for table in ("bill", "payment", "allocation", "audit_entry"):
        (unhashed,) = database.execute_sql(
            f'SELECT COUNT(*) FROM "{table}" WHERE hash IS NULL').fetchone()
        assert unhashed == 0, table
    (rows,) = database.execute_sql("SELECT COUNT(*) FROM payment").fetchone()
    assert rows > 0
    results = {r.name: r for r in run_checks()}
    assert results["chain"].ok, results["chain"].detail
    assert [(r.name, r.detail) for r in results.values() if not r.ok] == []
    p = database.param
    (first,) = database.execute_sql("SELECT MIN(id) FROM payment").fetchone()
    with pytest.raises(Exception, match="written once"), database.atomic():
        database.execute_sql(f"UPDATE payment SET amount = 1 WHERE id = {p}", (first,))


def test_sqlite_version_6_database_migrates_to_the_new_schema(v1_copy, url, tmp_path,  # noqa: F811
                                                              monkeypatch):
    _to_version_6(monkeypatch, url)
    connect(url)
    try:
        _migrated()
    finally:
        database.obj.close()
    assert_schema_is_new(v1_copy, tmp_path)


def test_postgres_version_6_database_migrates_to_the_new_schema(pg_v1, monkeypatch):  # noqa: F811
    url, new_schema = pg_v1
    _to_version_6(monkeypatch, url)
    db = connect(url)
    try:
        assert pg_schema(db.execute_sql) == new_schema
        _migrated()
    finally:
        database.obj.close()
