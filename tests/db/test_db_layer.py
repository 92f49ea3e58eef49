"""The data layer: connection settings, exact money and area fields, schema versions."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest
from peewee import CharField

from heatoffice.db import migrations
from heatoffice.db.base import BaseModel
from heatoffice.db.connection import connect, database, is_sqlite
from heatoffice.db.fields import AreaField, MoneyField
from heatoffice.errors import UserError


class Sample(BaseModel):
    label = CharField()
    amount = MoneyField()
    area = AreaField(null=True)


@pytest.fixture
def sample_table(db):
    db.create_tables([Sample])
    yield Sample
    db.drop_tables([Sample])


def test_sqlite_pragmas(sqlite_db):
    def pragma(name):
        return sqlite_db.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") == 15000


@pytest.mark.parametrize("value", ["0.00", "0.01", "1234.50", "-0.07", "99999999999.99"])
def test_money_is_stored_as_integer_fen(sample_table, db, value):
    row = Sample.create(label="x", amount=Decimal(value))
    raw = db.execute_sql("SELECT amount FROM sample WHERE id = %s".replace("%s", db.param),
                         (row.id,)).fetchone()[0]
    assert raw == int(Decimal(value) * 100) and isinstance(raw, int)
    back = Sample.get_by_id(row.id).amount
    assert back == Decimal(value) and str(back) == value


def test_sum_of_money_is_exact(sample_table, db):
    from peewee import fn

    for _ in range(10):
        Sample.create(label="x", amount=Decimal("0.10"))
    total = Sample.select(fn.SUM(Sample.amount)).scalar()
    assert Sample.amount.python_value(total) == Decimal("1.00")


def test_money_refuses_float_and_sub_fen(sample_table):
    with pytest.raises(TypeError):
        Sample.create(label="x", amount=0.1)
    with pytest.raises(ValueError):
        Sample.create(label="x", amount=Decimal("0.001"))


def test_area_in_hundredths(sample_table, db):
    row = Sample.create(label="x", amount=Decimal(0), area=Decimal("85.5"))
    raw = db.execute_sql("SELECT area FROM sample WHERE id = %s".replace("%s", db.param),
                         (row.id,)).fetchone()[0]
    assert raw == 8550
    assert Sample.get_by_id(row.id).area == Decimal("85.50")


def test_new_database_is_at_latest_version(db):
    assert migrations.current_version(db) == migrations.LATEST
    tables = set(db.get_tables())
    assert {"account", "account_status_change", "audit_entry", "user", "department", "post",
            "staff", "assignment", "service_area", "setting", "station", "community"} <= tables


def test_database_from_newer_program_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    db = connect(url)
    db.execute_sql("INSERT INTO schema_version (version, applied_at, program) "
                   "VALUES (?, '2030-01-01', '9.9')", (migrations.LATEST + 1,))
    db.close()
    with pytest.raises(UserError) as err:
        connect(url)
    assert err.value.code == "db.newer_schema"
    assert str(migrations.LATEST + 1) in err.value.message("zh")


def test_bad_url_names_the_field():
    with pytest.raises(UserError) as err:
        connect("mysql://somewhere/db")
    assert err.value.code == "db.bad_url" and err.value.field == "url"
    assert "数据库地址" in err.value.message("zh")


def test_migration_runs_in_order_after_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "office.db"
    db = connect(f"sqlite:///{path}")
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('company_name', '旧公司')")
    db.close()

    applied = []

    def add_column(target):
        applied.append(migrations.current_version(target))
        target.execute_sql("ALTER TABLE setting ADD COLUMN extra TEXT")

    latest = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "LATEST", latest)
    monkeypatch.setitem(migrations.MIGRATIONS, latest, add_column)
    db = connect(f"sqlite:///{path}")
    assert applied == [latest - 1]
    assert migrations.current_version(db) == latest
    columns = [c.name for c in db.get_columns("setting")]
    assert "extra" in columns
    backups = list(tmp_path.glob("backups/office-*-pre_migration.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == latest - 1
    assert old.execute("SELECT value FROM setting").fetchone()[0] == "旧公司"
    assert "extra" not in [r[1] for r in old.execute("PRAGMA table_info(setting)")]
    old.close()
    db.close()


def test_failed_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "office.db"
    connect(f"sqlite:///{path}").close()

    def broken(target):
        target.execute_sql("ALTER TABLE setting ADD COLUMN extra TEXT")
        raise RuntimeError("half way")

    latest = migrations.LATEST + 1
    monkeypatch.setattr(migrations, "LATEST", latest)
    monkeypatch.setitem(migrations.MIGRATIONS, latest, broken)
    with pytest.raises(UserError) as err:
        connect(f"sqlite:///{path}")
    # Said in words, with the cause and the backup; the cause stays chained for a debugger.
    assert err.value.code == "db.migration_failed" and err.value.params["version"] == latest
    assert "half way" in err.value.message("en") and "-pre_migration.db" in err.value.message("en")
    assert isinstance(err.value.__cause__, RuntimeError)
    db = database.obj
    assert migrations.current_version(db) == latest - 1
    assert "extra" not in [c.name for c in db.get_columns("setting")]
    db.close()


def test_is_sqlite_tells_the_backend(db):
    assert is_sqlite(db) == (db.__class__.__name__ == "OfficeSqliteDatabase")
