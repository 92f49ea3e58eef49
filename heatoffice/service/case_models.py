"""Tables of complaints (投诉), inspections (稽查) and room-temperature checks (室温检测): parts
4-6 of issue 11. ``MODELS`` in creation order; steps, follow-ups and readings are write-once."""

from __future__ import annotations

from peewee import (
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from heatoffice import glossary
from heatoffice.accounts.models import Account
from heatoffice.db.base import BaseModel
from heatoffice.db.fields import AreaField, MoneyField
from heatoffice.db.guards import write_once

CHANNELS = glossary.names("complaint_channel")
COMPLAINT_STATES = glossary.names("complaint_state")
REPLY_METHODS = glossary.names("reply_method")
INSPECTION_KINDS = glossary.names("inspection_kind")
CONCLUSIONS = glossary.names("inspection_conclusion")
INSPECTION_STATES = glossary.names("inspection_state")
FOLLOW_UPS = glossary.names("inspection_follow_up")


class Complaint(BaseModel):
    """投诉: by phone, in person or in writing; the handler's record, an escalation, the reply."""

    number = CharField(max_length=16, unique=True)  # TS-2026-000001
    year = IntegerField()
    seq = IntegerField()
    channel = CharField(max_length=8)  # phone, visit, letter
    account = ForeignKeyField(Account, null=True, backref="complaints", on_delete="RESTRICT")
    complainant = CharField(max_length=64)
    phone = CharField(max_length=32, default="")
    address = CharField(max_length=200, default="")
    content = TextField()
    call_number = CharField(max_length=16, default="")  # the hotline call it came from
    received_at = DateTimeField(index=True)
    entered_at = DateTimeField()
    received_by = CharField(max_length=64)
    handler = CharField(max_length=64)  # the owner: who handles it now
    state = CharField(max_length=16, default="open", index=True)
    facts = TextField(default="")
    customer_view = TextField(default="")
    decision = TextField(default="")
    decided_at = DateTimeField(null=True)
    decided_by = CharField(max_length=64, default="")
    escalated_to = CharField(max_length=64, default="")
    escalated_at = DateTimeField(null=True)
    reply_due = DateTimeField(null=True)  # a written complaint's deadline
    replied_at = DateTimeField(null=True)
    replied_by = CharField(max_length=64, default="")
    reply_method = CharField(max_length=8, default="")  # phone, letter
    reply_text = TextField(default="")
    closed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("year", "seq"), True),)


class ComplaintStep(BaseModel):
    """One thing done to a complaint, write-once: received, handled, escalated, replied."""

    complaint = ForeignKeyField(Complaint, backref="steps", on_delete="RESTRICT")
    action = CharField(max_length=16)
    from_state = CharField(max_length=16, null=True)
    to_state = CharField(max_length=16)
    at = DateTimeField()
    entered_at = DateTimeField()
    by = CharField(max_length=64)
    note = TextField(default="")


class Inspection(BaseModel):
    """稽查 and patrols: findings, evidence, a conclusion, follow-ups, an owner, closed only
    with an outcome (五不放过)."""

    number = CharField(max_length=16, unique=True)  # JC-2026-000001
    year = IntegerField()
    seq = IntegerField()
    kind = CharField(max_length=16, index=True)
    account = ForeignKeyField(Account, null=True, backref="inspections", on_delete="RESTRICT")
    address = CharField(max_length=200, default="")
    inspector = CharField(max_length=64)  # the owner
    inspected_at = DateTimeField(index=True)
    entered_at = DateTimeField()
    entered_by = CharField(max_length=64)
    findings = TextField(default="")
    evidence = TextField(default="")
    conclusion = CharField(max_length=16, default="")
    state = CharField(max_length=16, default="open", index=True)
    concluded_at = DateTimeField(null=True)
    concluded_by = CharField(max_length=64, default="")
    closed_at = DateTimeField(null=True)
    closed_by = CharField(max_length=64, default="")

    class Meta:
        indexes = ((("year", "seq"), True),)


class InspectionFollowUp(BaseModel):
    """What an inspection led to, write-once: a proposed adjustment for stolen heat (area ×
    price × days), a fine, a reconnection, a rectification."""

    inspection = ForeignKeyField(Inspection, backref="follow_ups", on_delete="RESTRICT")
    kind = CharField(max_length=16)
    amount = MoneyField(null=True)
    area = AreaField(null=True)
    days = IntegerField(null=True)
    adjustment_id = IntegerField(null=True)  # billing's Adjustment, proposed for a manager
    note = TextField(default="")
    at = DateTimeField()
    by = CharField(max_length=64)


class TempReading(BaseModel):
    """室温检测: one reading in one room of a home, write-once; °C in tenths."""

    account = ForeignKeyField(Account, backref="temp_readings", on_delete="RESTRICT")
    room = CharField(max_length=32, default="")
    tenths = IntegerField()
    outdoor_tenths = IntegerField(null=True)
    standard_tenths = IntegerField()  # the standard when it was read: the flag stays as shown
    measured_at = DateTimeField(index=True)
    instrument = CharField(max_length=64)
    entered_at = DateTimeField()
    by = CharField(max_length=64)
    note = TextField(default="")


class TempRefund(BaseModel):
    """A refund proposed for a home that stayed too cold, write-once: the days, the degrees
    short, the amount and billing's adjustment waiting for a manager."""

    account = ForeignKeyField(Account, backref="temp_refunds", on_delete="RESTRICT")
    date_from = DateField()
    date_to = DateField()
    days = IntegerField()
    short_tenths = IntegerField()
    amount = MoneyField()
    adjustment_id = IntegerField()
    at = DateTimeField()
    by = CharField(max_length=64)


MODELS: list[type] = [Complaint, ComplaintStep, Inspection, InspectionFollowUp, TempReading,
                      TempRefund]
WRITE_ONCE = ("complaint_step", "inspection_follow_up", "temp_reading", "temp_refund")


def guard(db: Database) -> None:
    """The trails and readings are evidence: the database refuses to rewrite them."""
    for table in WRITE_ONCE:
        write_once(db, table)
