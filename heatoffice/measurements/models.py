"""Measurement tables: area-rule versions, measurement records, parts, measurers, the trail."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from heatoffice.accounts.models import Account
from heatoffice.billing.models import Adjustment, RemeasureRequest
from heatoffice.db.base import BaseModel
from heatoffice.db.fields import AreaField, RateField
from heatoffice.db.guards import write_once

# The workflow in data: draft → submitted → reviewed → applied, or rejected with a reason.
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted", "rejected"}),
    "submitted": frozenset({"reviewed", "rejected"}),
    "reviewed": frozenset({"applied", "rejected"}),
    "applied": frozenset(),
    "rejected": frozenset(),
}


class AreaRuleVersion(BaseModel):
    """面积计算规则 version: each part kind's share, the ceiling rule and the coefficient.
    A version is never edited; a change of rules is a new version."""

    version = IntegerField(unique=True)
    share_room = RateField()
    share_balcony_heated = RateField()
    share_balcony_unheated = RateField()
    share_balcony_open = RateField()
    share_loft = RateField()
    share_stairwell = RateField()
    share_other = RateField()
    ceiling_base = AreaField()  # metres, two places
    coefficient = RateField()   # the certificate basis: usable area × coefficient
    created_at = DateTimeField()
    created_by = CharField(max_length=64)
    notes = TextField(default="")


class MeasurementCounter(BaseModel):
    """The last measurement number of a year (CL-2026-000045), locked while numbering."""

    year = IntegerField(primary_key=True)
    last_seq = IntegerField(default=0)


class Measurement(BaseModel):
    """测量记录 of an account's heating area, measured jointly on site."""

    number = CharField(max_length=32, unique=True)
    account = ForeignKeyField(Account, backref="measurements", on_delete="RESTRICT")
    measured_on = DateField()
    reason = CharField(max_length=16)
    request = ForeignKeyField(RemeasureRequest, null=True, on_delete="RESTRICT")
    application_id = IntegerField(null=True)  # a reception application, when one asked
    checks = ForeignKeyField("self", null=True, backref="remeasures", on_delete="RESTRICT")
    rule_version = ForeignKeyField(AreaRuleVersion, on_delete="RESTRICT")
    basis = CharField(max_length=16, default="parts")
    usable_area = AreaField(null=True)
    ceiling_height = AreaField(null=True)
    area = AreaField()
    area_before = AreaField()
    difference = AreaField()
    notes = TextField(default="")
    customer_present = BooleanField(default=False)
    customer_signed = BooleanField(default=False)
    state = CharField(max_length=16, default="draft", index=True)
    created_at = DateTimeField()
    created_by = CharField(max_length=64)
    effective_on = DateField(null=True)
    adjustment = ForeignKeyField(Adjustment, null=True, on_delete="RESTRICT")


class MeasurementPart(BaseModel):
    measurement = ForeignKeyField(Measurement, backref="parts", on_delete="RESTRICT")
    seq = IntegerField()
    name = CharField(max_length=64)
    kind = CharField(max_length=16)
    length = AreaField(null=True)  # metres, two places
    width = AreaField(null=True)
    area = AreaField(null=True)    # measured directly instead of length × width


class MeasurementMeasurer(BaseModel):
    """A measurer and the side they measured for: customer service or the fee section."""

    measurement = ForeignKeyField(Measurement, backref="measurers", on_delete="RESTRICT")
    username = CharField(max_length=64)
    side = CharField(max_length=16)


class MeasurementStep(BaseModel):
    """One move of the workflow: who, when, and the reason of a rejection."""

    measurement = ForeignKeyField(Measurement, backref="steps", on_delete="RESTRICT")
    from_state = CharField(max_length=16, null=True)
    to_state = CharField(max_length=16)
    at = DateTimeField()
    by = CharField(max_length=64)
    reason = TextField(default="")


MODELS = [AreaRuleVersion, MeasurementCounter, Measurement, MeasurementPart,
          MeasurementMeasurer, MeasurementStep]


def guard(db: Database) -> None:
    """A measurement's steps and the rule versions are written once."""
    write_once(db, "measurement_step")
    write_once(db, "area_rule_version")
