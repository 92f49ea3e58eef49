"""Login users: one per staff member who uses the program, with a role."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField

from heatoffice.db.base import BaseModel
from heatoffice.org.models import Staff


class User(BaseModel):
    username = CharField(max_length=64, unique=True)
    display_name = CharField(max_length=64, default="")
    staff = ForeignKeyField(Staff, null=True, backref="users", on_delete="RESTRICT")
    role = CharField(max_length=32)
    password_hash = CharField(max_length=255)
    active = BooleanField(default=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()
    last_login_at = DateTimeField(null=True)


MODELS = [User]
