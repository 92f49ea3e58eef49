"""Schema version 11 (no planner statistics on the chain's hash columns): a version-10
database ends with exactly the schema of a new one, on SQLite (nothing changes) and on
PostgreSQL (every hash column's statistics target 0, as a new database has them), and its
chains stay intact."""

from __future__ import annotations

import pytest

from heatoffice.check import run_checks
from heatoffice.db import migrations, schema_v11
from heatoffice.db.chain import CHAINS
from heatoffice.db.connection import connect, database
from tests.db.test_migration_v2 import (  # noqa: F401  (pg_v1 and v1_copy are fixtures)
    _sqlite_execute,
    assert_schema_is_new,
    pg_schema,
    pg_v1,
    sqlite_schema,
    up_to,
    v1_copy,
)

pytestmark = pytest.mark.usefixtures("cli_env")


def test_version_11_is_declared_by_the_audit_log():
    assert migrations.MIGRATIONS[11].__qualname__ == "heatoffice.db.schema_v11:migrate"
    assert migrations.LATEST >= 11


def test_every_hash_column_of_the_chains_is_named():
    named = {(t, c) for t, columns in schema_v11.HASHES.items() for c in columns}
    assert named == {(chain.table, chain.hash) for chain in CHAINS.values()}


def _chains_intact() -> None:
    assert migrations.current_version(database.obj) == migrations.LATEST
    results = {r.name: r for r in run_checks()}
    assert results["chain"].ok, results["chain"].detail


def test_sqlite_version_10_database_migrates_to_the_new_schema(v1_copy, url, tmp_path,  # noqa: F811
                                                               monkeypatch):
    up_to(monkeypatch, url, 10)
    connect(url)
    try:
        _chains_intact()
    finally:
        database.obj.close()
    assert_schema_is_new(v1_copy, tmp_path)


def test_postgres_version_10_database_migrates_to_the_new_schema(pg_v1, monkeypatch):  # noqa: F811
    url, new_schema = pg_v1
    expected = sorted((t, c, 0) for t, columns in schema_v11.HASHES.items() for c in columns)
    assert new_schema["statistics"] == expected
    up_to(monkeypatch, url, 10)
    db = connect(url, migrate=False)
    assert pg_schema(db.execute_sql)["statistics"] == []
    db.close()
    db = connect(url)
    try:
        assert pg_schema(db.execute_sql) == new_schema
        _chains_intact()
    finally:
        database.obj.close()
