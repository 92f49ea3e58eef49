"""The dashboard's snapshots (reports.snapshots): a season's ledger added up by place and day
at a known point of the ledger, so that the home page reads a few hundred rows and the ledger
rows entered since (a delta read by primary key) instead of every bill of the season.

A snapshot is a cache, never a record: written once (a new snapshot is a new set of rows,
never an update), older ones pruned (deleted) when a newer one is made, and any of them may be
dropped at any time without losing anything (the figures then come from the ledger itself)."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from heatoffice.db.base import BaseModel
from heatoffice.db.guards import write_once
from heatoffice.seasons.models import Season


class ReportSnapshot(BaseModel):
    """What one snapshot of a season holds: the season's heating bills with id up to
    ``bill_through``, its adjustments approved when it was made with id up to
    ``adjustment_through`` (``pending``: the ids of those still proposed then, a JSON list),
    the allocations with id up to ``allocation_through``; made when ``audit_through`` was the
    last audit row (an account moved to another place after it makes it unusable)."""

    season = ForeignKeyField(Season, on_delete="RESTRICT")
    made_at = DateTimeField()
    made_on = DateField()
    bill_through = IntegerField()
    adjustment_through = IntegerField()
    pending = TextField(default="[]")
    allocation_through = IntegerField()
    audit_through = IntegerField()


class ReportSnapshotRow(BaseModel):
    """The ledger of a season on one day at one place (community, heat station), in fen: an
    entry is on the later of its own day and its bill's (reports.figures: it counts in the
    figures of that day on)."""

    snapshot = ForeignKeyField(ReportSnapshot, on_delete="RESTRICT")
    community_id = IntegerField()   # plain ids: a cache holds no place back
    station_id = IntegerField(null=True)
    day = DateField()
    billed = BigIntegerField()
    adjusted = BigIntegerField()
    collected = BigIntegerField()
    bills = IntegerField()

    class Meta:
        indexes = ((("snapshot", "day"), False),)


def extra_schema(db: Database) -> None:
    """Snapshots are written once; deleting them (pruning a cache) is allowed."""
    for model in (ReportSnapshot, ReportSnapshotRow):
        write_once(db, model._meta.table_name, allow_delete=True)
MODELS = [ReportSnapshot, ReportSnapshotRow]
