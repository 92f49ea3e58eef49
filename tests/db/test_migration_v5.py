"""Schema version 5 (the measurement tables and the accounts' area history) on the version-1
fixture: the migrated database has exactly the new schema, and measures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from seats import SETUP
from test_migration_v2 import assert_schema_is_new, migrated_fixture

from heatoffice.auth import service as auth
from heatoffice.db import migrations
from heatoffice.db.connection import connect, database

pytestmark = pytest.mark.usefixtures("cli_env")
TABLES = {"account_area_change", "area_rule_version", "measurement_counter", "measurement",
          "measurement_part", "measurement_measurer", "measurement_step"}


def test_version_5_is_declared_by_the_measurements():
    assert migrations.MIGRATIONS[5].__qualname__ == "heatoffice.db.schema_v5:migrate"


def test_the_migrated_fixture_has_the_new_schema_and_measures(tmp_path):
    old = migrated_fixture(tmp_path, TABLES)
    migrated = assert_schema_is_new(old, tmp_path)
    assert {k.split(":")[0] for k in migrated} >= TABLES

    from heatoffice.accounts.models import Account
    from heatoffice.measurements import service

    connect(f"sqlite:///{old}")
    try:
        system = SETUP
        auth.create_user(system, "kefu", "secret-pass-1", "customer_service")
        auth.create_user(system, "shoufei", "secret-pass-1", "cashier")
        account = Account.select().order_by(Account.id).first()
        m = service.create(system, account.account_no, reason="periodic",
                           measurers=["kefu", "shoufei"],
                           parts=[{"name": "厅", "length": "8", "width": "10"}])
        assert (m.area, m.rule_version.version) == (Decimal("80.00"), 1)
    finally:
        database.obj.close()
