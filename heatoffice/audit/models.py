"""The audit table, guarded by triggers so no one edits or deletes its rows."""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, IntegerField, TextField

from heatoffice.db.base import BaseModel
from heatoffice.db.connection import is_sqlite


class AuditEntry(BaseModel):
    at = DateTimeField(index=True)
    actor = CharField(max_length=64, index=True)
    actor_id = IntegerField(null=True)
    action = CharField(max_length=64, index=True)
    table = CharField(max_length=64)
    record_id = CharField(max_length=64)
    before = TextField(null=True)
    after = TextField(null=True)
    note = TextField(default="")

    class Meta:
        indexes = ((("table", "record_id"), False),)


MODELS = [AuditEntry]


def extra_schema(db: Database) -> None:
    """Refuse UPDATE and DELETE on the audit table inside the database itself."""
    table = AuditEntry._meta.table_name
    if is_sqlite(db):
        for op in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'audit rows are never changed'); END"
            )
    else:
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION heatoffice_refuse_change() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '%% rows are never changed', TG_TABLE_NAME; END; "
            "$$ LANGUAGE plpgsql"
        )
        db.execute_sql(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION heatoffice_refuse_change()"
        )
