"""Reception tables: applications, their documents and steps, the checklists, the counter."""

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

from heatoffice import glossary
from heatoffice.accounts.models import Account
from heatoffice.db.base import BaseModel
from heatoffice.db.guards import write_once

TYPES = glossary.names("application_type")
STATES = glossary.names("application_state")
RELATIONS = glossary.names("applicant_relation")
FORMS = glossary.names("document_form")
DISPOSITIONS = glossary.names("document_disposition")


class ApplicationCounter(BaseModel):
    """The last application number of a year, locked in the transaction that takes the next."""

    year = IntegerField(primary_key=True)
    last_seq = IntegerField(default=0)


class ChecklistItem(BaseModel):
    """A document an application type asks for (admin-editable; defaults seeded).

    ``label_zh``/``label_en`` name a document kind an admin added; the glossary names the
    built-in ones."""

    type = CharField(max_length=24)
    key = CharField(max_length=32)
    seq = IntegerField(default=0)
    required = BooleanField(default=True)
    label_zh = CharField(max_length=64, default="")
    label_en = CharField(max_length=64, default="")

    class Meta:
        indexes = ((("type", "key"), True),)


class Application(BaseModel):
    """用热申请: one request at the front desk, from receipt to done."""

    number = CharField(max_length=16, unique=True)  # SL-2026-000123
    year = IntegerField()
    seq = IntegerField()
    type = CharField(max_length=24, index=True)
    state = CharField(max_length=16, default="received", index=True)
    account = ForeignKeyField(Account, null=True, backref="applications", on_delete="RESTRICT")
    new_account = TextField(default="")  # JSON: the details of the account a connection opens
    applicant_name = CharField(max_length=64)
    applicant_phone = CharField(max_length=32)
    applicant_id = CharField(max_length=18, default="")
    relation = CharField(max_length=16, default="owner")
    request = TextField(default="")
    received_on = DateField()
    received_at = DateTimeField()
    received_by = CharField(max_length=64)
    wanted_from = DateField(null=True)
    effective_from = DateField(null=True)  # a late stop: the next season's first day
    due_on = DateField()
    department = CharField(max_length=32, default="", index=True)
    exception_by = CharField(max_length=64, default="")
    applied_at = DateTimeField(null=True)  # effects applied once, when done
    reason = TextField(default="")

    class Meta:
        indexes = ((("year", "seq"), True),)


class ApplicationDocument(BaseModel):
    """A document the customer brought: original or copy, checked, returned or kept."""

    application = ForeignKeyField(Application, backref="documents", on_delete="RESTRICT")
    key = CharField(max_length=32)
    form = CharField(max_length=16)
    checked = BooleanField(default=True)
    disposition = CharField(max_length=16)
    at = DateTimeField()
    by = CharField(max_length=64)

    class Meta:
        indexes = ((("application", "key"), True),)


class ApplicationStep(BaseModel):
    """One move of the workflow, write-once: who, when, from and to which state."""

    application = ForeignKeyField(Application, backref="steps", on_delete="RESTRICT")
    from_state = CharField(max_length=16, null=True)
    to_state = CharField(max_length=16)
    department = CharField(max_length=32, default="")
    at = DateTimeField()
    by = CharField(max_length=64)
    reason = TextField(default="")


MODELS = [ApplicationCounter, ChecklistItem, Application, ApplicationDocument, ApplicationStep]


def guard(db: Database) -> None:
    """An application's steps are its trail: the database refuses to rewrite them."""
    write_once(db, "application_step")
