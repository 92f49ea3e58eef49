"""Schema version 9 (complaints, inspections, room temperatures) on the version-1
fixture: the migrated database has exactly the new schema."""

from __future__ import annotations

import pytest
from test_migration_v2 import assert_schema_is_new, migrated_fixture

from heatoffice.db import migrations

pytestmark = pytest.mark.usefixtures("cli_env")
TABLES = {"complaint", "complaint_step", "inspection", "inspection_follow_up", "temp_reading",
          "temp_refund"}


def test_version_9_is_declared_by_the_service_desk_for_its_cases():
    assert migrations.MIGRATIONS[9].__qualname__ == "heatoffice.service.schema_v9:migrate"


def test_the_migrated_fixture_has_the_new_schema(tmp_path):
    old = migrated_fixture(tmp_path, TABLES)
    migrated = assert_schema_is_new(old, tmp_path)
    assert {k.split(":")[0] for k in migrated} >= TABLES
