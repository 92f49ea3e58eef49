"""Schema version 4 (reception's tables, the accounts' owner history, the default checklists):
a version-2 database (the version-1 fixture migrated to 2 first) ends with exactly the schema
and checklists of a new database, and takes applications."""

from __future__ import annotations

import datetime as dt

import pytest
from seats import SETUP

from heatoffice import clock
from heatoffice.check import run_checks
from heatoffice.db import migrations
from heatoffice.db.connection import connect, database
from heatoffice.reception import service as reception
from tests.db.test_migration_v2 import (  # noqa: F401  (pg_v1 is a fixture)
    _sqlite_execute,
    pg_schema,
    pg_v1,
    sqlite_schema,
    v1_copy,
)

pytestmark = pytest.mark.usefixtures("cli_env")
CHECKLISTS = "SELECT type, key, seq, required, label_zh, label_en FROM checklist_item"


def _to_version_2(monkeypatch, url: str) -> None:
    """Open the database with a program that knows versions up to 2 only."""
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", {2: migrations.MIGRATIONS[2]})
        m.setattr(migrations, "LATEST", 2)
        db = connect(url)
        assert migrations.current_version(db) == 2
        assert "application" not in db.get_tables()
        db.close()


def _receives_an_application() -> None:
    clock.shift(dt.datetime(2026, 9, 10, 10) - clock.now())
    app = reception.receive(SETUP, "stop", account="X0000001", applicant="王",
                            phone="13800000009", docs=[("owner-id", "original")])
    assert app.number == "SL-2026-000001"
    assert reception.missing_documents(app) == ["property-proof", "last-receipt"]


def test_sqlite_version_2_database_migrates_to_the_new_schema(v1_copy, url, tmp_path,  # noqa: F811
                                                              monkeypatch):
    _to_version_2(monkeypatch, url)
    db = connect(url)
    assert migrations.current_version(db) == migrations.LATEST and 4 in migrations.MIGRATIONS
    assert [(r.name, r.ok) for r in run_checks() if not r.ok] == []
    _receives_an_application()
    db.close()
    connect(f"sqlite:///{tmp_path / 'new.db'}").close()
    shapes, lists = [], []
    for path in (v1_copy, tmp_path / "new.db"):
        conn, execute = _sqlite_execute(path)
        shapes.append(sqlite_schema(execute))
        lists.append(sorted(execute(CHECKLISTS).fetchall()))
        conn.close()
    migrated, new = shapes
    assert migrated.keys() == new.keys()
    for key in new:
        assert migrated[key] == new[key], key
    assert lists[0] == lists[1] and len(lists[0]) == 14


def test_postgres_version_2_database_migrates_to_the_new_schema(pg_v1, monkeypatch):  # noqa: F811
    url, new_schema = pg_v1
    _to_version_2(monkeypatch, url)
    db = connect(url)
    assert migrations.current_version(db) == migrations.LATEST
    assert pg_schema(db.execute_sql) == new_schema
    assert len(db.execute_sql(CHECKLISTS).fetchall()) == 14
    _receives_an_application()
    database.obj.close()
