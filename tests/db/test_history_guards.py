"""The trails of the newer areas are written once: the database itself refuses to rewrite or
delete an application's steps, a measurement's steps, a rule version, or the area and owner
histories (as it already does for the ledger and the audit log)."""

from __future__ import annotations

import pytest
from peewee import DatabaseError

from heatoffice.db.connection import is_sqlite

GUARDED = ("application_step", "measurement_step", "area_rule_version", "account_area_change",
           "owner_change", "complaint_step", "inspection_follow_up", "temp_reading",
           "temp_refund")


def _triggers(db) -> set[str]:
    if is_sqlite(db):
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    return {r[0] for r in db.execute_sql(sql).fetchall()}


def test_every_trail_table_has_its_guards(db):
    names = _triggers(db)
    for table in GUARDED:
        assert {f"{table}_no_update", f"{table}_no_delete"} <= names, table


def test_the_seeded_rule_version_cannot_be_rewritten_or_deleted(db):
    assert db.execute_sql("SELECT COUNT(*) FROM area_rule_version").fetchone()[0] >= 1
    for sql in ("UPDATE area_rule_version SET notes = 'rewritten'",
                "DELETE FROM area_rule_version"):
        with pytest.raises(DatabaseError), db.atomic():
            db.execute_sql(sql)
    assert db.execute_sql("SELECT COUNT(*) FROM area_rule_version").fetchone()[0] >= 1
