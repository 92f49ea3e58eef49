"""Schema version 12 (the search grams compared byte by byte): a version-11 database whose
grams sort by the database's collation ends with exactly the schema of a new one, on SQLite
(nothing changes) and on PostgreSQL (``TEXT[] COLLATE "C"``), and every search finds the
accounts it found before."""

from __future__ import annotations

import pytest

from heatoffice.accounts import schema_v12, search
from heatoffice.db import migrations
from heatoffice.db.connection import connect, database
from tests.db.test_migration_v2 import (  # noqa: F401  (pg_v1 and v1_copy are fixtures)
    TERMS,
    assert_schema_is_new,
    pg_schema,
    pg_v1,
    search_ids,
    up_to,
    v1_copy,
)

pytestmark = pytest.mark.usefixtures("cli_env")


def test_version_12_is_declared_by_the_accounts_area():
    assert migrations.MIGRATIONS[12].__qualname__ == "heatoffice.accounts.schema_v12:migrate"
    assert schema_v12.VERSION == 12 and migrations.LATEST >= 12


def test_sqlite_version_11_database_migrates_to_the_new_schema(v1_copy, url, tmp_path,  # noqa: F811
                                                               monkeypatch):
    up_to(monkeypatch, url, 11)
    before = search_ids(url)
    connect(url).close()
    assert search_ids(url) == before
    assert_schema_is_new(v1_copy, tmp_path)


def _grams_collation(execute) -> str | None:
    return execute("SELECT collation_name FROM information_schema.columns "
                   "WHERE table_schema = current_schema() AND table_name = %s "
                   "AND column_name = 'grams'", (search.PG,)).fetchone()[0]


def test_postgres_version_11_database_migrates_to_the_new_schema(pg_v1, monkeypatch):  # noqa: F811
    url, new_schema = pg_v1
    up_to(monkeypatch, url, 11)
    db = connect(url, migrate=False)
    assert _grams_collation(db.execute_sql) == "C"  # as the fixture was made: undo it
    with db.atomic():
        db.execute_sql(f'ALTER TABLE {search.PG} ALTER COLUMN grams TYPE TEXT[] '
                       'COLLATE "default"')
    assert _grams_collation(db.execute_sql) is None
    db.close()
    before = search_ids(url)
    assert sum(map(len, before.values())) > len(TERMS)  # the terms find accounts
    db = connect(url)
    try:
        assert migrations.current_version(db) == migrations.LATEST
        assert _grams_collation(db.execute_sql) == "C"
        assert pg_schema(db.execute_sql) == new_schema
    finally:
        database.obj.close()
    assert search_ids(url) == before
