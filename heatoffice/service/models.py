"""Service desk tables: the year counters of its numbers, hotline calls, work orders and their
steps. (Complaints, inspections and temperature checks live in ``case_models.py``.)"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    Database,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from heatoffice import glossary
from heatoffice.accounts.models import Account
from heatoffice.db.base import BaseModel
from heatoffice.db.guards import write_once
from heatoffice.org.models import Staff

CATEGORIES = glossary.names("call_category")
SEVERITIES = glossary.names("work_order_severity")
STATES = glossary.names("work_order_state")


class ServiceCounter(BaseModel):
    """The last number of a kind ("RX" calls, "WO" work orders, ...) in a year, locked in the
    transaction that takes the next (service/numbering.py)."""

    prefix = CharField(max_length=8)
    year = IntegerField()
    last_seq = IntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("prefix", "year")


class Call(BaseModel):
    """A hotline call (来电): who called, about what, read back to the caller and confirmed."""

    number = CharField(max_length=16, unique=True)  # RX-2026-000001
    year = IntegerField()
    seq = IntegerField()
    received_at = DateTimeField(index=True)  # the call began (--at: when it happened)
    ended_at = DateTimeField()  # the call ended: dispatch minutes count from here
    entered_at = DateTimeField()  # when it was typed in (differs from ended_at when backdated)
    entered_by = CharField(max_length=64)
    backdated = BooleanField(default=False)  # recorded later with --at
    phone = CharField(max_length=32)
    contact = CharField(max_length=64)
    unit = CharField(max_length=128, default="")  # the caller's unit (单位)
    account = ForeignKeyField(Account, null=True, backref="calls", on_delete="RESTRICT")
    address = CharField(max_length=200, default="")
    content = TextField()
    category = CharField(max_length=24, index=True)
    in_scope = BooleanField(default=True)
    referred_to = CharField(max_length=128, default="")  # out of scope: the body pointed to
    readback_by = CharField(max_length=64)  # who read it back (复述) and had it confirmed

    class Meta:
        table_name = "service_call"  # CALL is an SQL keyword
        indexes = ((("year", "seq"), True),)


class WorkOrder(BaseModel):
    """A repair work order (处理调度单) made from a call, on the company's deadlines."""

    number = CharField(max_length=16, unique=True)  # WO-2026-000001
    year = IntegerField()
    seq = IntegerField()
    call = ForeignKeyField(Call, backref="work_orders", on_delete="RESTRICT")
    account = ForeignKeyField(Account, null=True, backref="work_orders", on_delete="RESTRICT")
    category = CharField(max_length=24)
    severity = CharField(max_length=8, default="normal")
    state = CharField(max_length=16, default="new", index=True)
    created_at = DateTimeField()
    created_by = CharField(max_length=64)
    due_at = DateTimeField(index=True)
    suggested = CharField(max_length=64, default="")  # who the service areas suggest
    assignee = CharField(max_length=64, default="", index=True)  # the crew or staff member
    assignee_staff = ForeignKeyField(Staff, null=True, backref="work_orders",
                                     on_delete="RESTRICT")
    dispatched_at = DateTimeField(null=True)  # the first dispatch
    dispatch_seconds = IntegerField(null=True)  # from the call's end to the first dispatch
    onsite_at = DateTimeField(null=True)
    finished_at = DateTimeField(null=True)  # fixed, or found it cannot be fixed
    closed_at = DateTimeField(null=True)
    unfixable_reason = TextField(default="")
    escalated_to = CharField(max_length=64, default="")  # the manager it went to
    satisfied = BooleanField(null=True)  # the return visit (回访)
    visit_comment = TextField(default="")
    work_note = TextField(default="")
    heat_advice = TextField(default="")  # advice given on using heat correctly

    class Meta:
        indexes = ((("year", "seq"), True),)


class WorkOrderStep(BaseModel):
    """One move of a work order, write-once: who, when (and when typed in), the note."""

    work_order = ForeignKeyField(WorkOrder, backref="steps", on_delete="RESTRICT")
    from_state = CharField(max_length=16, null=True)
    to_state = CharField(max_length=16)
    at = DateTimeField()
    entered_at = DateTimeField()
    by = CharField(max_length=64)
    backdated = BooleanField(default=False)
    assignee = CharField(max_length=64, default="")
    note = TextField(default="")


MODELS = [ServiceCounter, Call, WorkOrder, WorkOrderStep]


def guard(db: Database) -> None:
    """A work order's steps are its trail: the database refuses to rewrite them."""
    write_once(db, "work_order_step")
