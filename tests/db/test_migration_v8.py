"""Schema version 8 (the service desk's calls and work orders) on the version-1 fixture: the
migrated database has exactly the new schema."""

from __future__ import annotations

import shutil

import pytest
from test_migration_v2 import FIXTURE, _sqlite_execute, sqlite_schema

from heatoffice.db import migrations
from heatoffice.db.connection import connect

pytestmark = pytest.mark.usefixtures("cli_env")
TABLES = {"service_counter", "service_call", "work_order", "work_order_step"}


def test_version_8_is_declared_by_the_service_desk():
    assert migrations.MIGRATIONS[8].__qualname__ == "heatoffice.service.schema_v8:migrate"


def test_the_migrated_fixture_has_the_new_schema(tmp_path):
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, old)
    conn, execute = _sqlite_execute(old)
    assert not TABLES & {n for (n,) in execute("SELECT name FROM sqlite_master")}
    conn.close()
    connect(f"sqlite:///{old}").close()
    connect(f"sqlite:///{tmp_path / 'new.db'}").close()
    shapes = []
    for path in (old, tmp_path / "new.db"):
        conn, execute = _sqlite_execute(path)
        shapes.append(sqlite_schema(execute))
        conn.close()
    migrated, new = shapes
    assert {k.split(":")[0] for k in migrated} >= TABLES
    assert migrated == new
