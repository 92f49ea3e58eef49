"""The audit table, guarded by triggers so no one edits or deletes its rows."""

from __future__ import annotations

from peewee import CharField, Database, DateTimeField, IntegerField, TextField

from heatoffice.db.base import BaseModel
from heatoffice.db.chain import HEAD_TABLE, Chained, HashField
from heatoffice.db.guards import write_once


class AuditEntry(Chained):
    at = DateTimeField(index=True)
    actor = CharField(max_length=64, index=True)
    actor_id = IntegerField(null=True)
    action = CharField(max_length=64, index=True)
    table = CharField(max_length=64)
    record_id = CharField(max_length=64)
    before = TextField(null=True)
    after = TextField(null=True)
    note = TextField(default="")
    hash = HashField(max_length=64, null=True)  # its link in the chain (heatoffice.db.chain)

    class Meta:
        indexes = ((("table", "record_id"), False),)


class ChainHead(BaseModel):
    """The end of one chain (heatoffice.db.chain): its last row's id (or decision number) and
    hash, moved in the transaction that adds rows."""

    chain = CharField(max_length=32, primary_key=True)
    last_id = IntegerField()
    last_hash = CharField(max_length=64)

    class Meta:
        table_name = HEAD_TABLE


MODELS = [AuditEntry, ChainHead]


def extra_schema(db: Database) -> None:
    """Refuse UPDATE and DELETE on the audit table inside the database itself."""
    write_once(db, AuditEntry._meta.table_name)
