"""The audit table, guarded by triggers so no one edits or deletes its rows."""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, IntegerField, TextField

from heatoffice.db.base import BaseModel
from heatoffice.db.guards import write_once


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
    write_once(db, AuditEntry._meta.table_name)
