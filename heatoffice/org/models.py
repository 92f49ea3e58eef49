"""Organisation tables: departments, posts, staff, assignments and service areas (dated)."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateField, ForeignKeyField, TextField

from heatoffice.accounts.models import Station
from heatoffice.db.base import BaseModel


class Department(BaseModel):
    code = CharField(max_length=32, unique=True)
    name = CharField(max_length=64, unique=True)
    parent = ForeignKeyField("self", null=True, backref="sections", on_delete="RESTRICT")
    responsibilities = TextField(default="")
    active = BooleanField(default=True)


class Post(BaseModel):
    code = CharField(max_length=32, unique=True)
    name = CharField(max_length=64)
    department = ForeignKeyField(Department, backref="posts", on_delete="RESTRICT")
    duties = TextField(default="")
    active = BooleanField(default=True)


class Staff(BaseModel):
    staff_no = CharField(max_length=32, unique=True)
    name = CharField(max_length=64, index=True)
    phone = CharField(max_length=32, default="")
    active = BooleanField(default=True)
    hired_on = DateField(null=True)
    notes = TextField(default="")


class Assignment(BaseModel):
    """A staff member holds a post in a department from start_date to end_date (open if null)."""

    staff = ForeignKeyField(Staff, backref="assignments", on_delete="RESTRICT")
    department = ForeignKeyField(Department, backref="assignments", on_delete="RESTRICT")
    post = ForeignKeyField(Post, backref="assignments", on_delete="RESTRICT")
    start_date = DateField()
    end_date = DateField(null=True)
    note = TextField(default="")


class ServiceArea(BaseModel):
    """A community or heat station in a staff member's care (a collector's round, a range)."""

    staff = ForeignKeyField(Staff, backref="service_areas", on_delete="RESTRICT")
    kind = CharField(max_length=32)  # a post code: collector, operator, inspector, ...
    community = CharField(max_length=64, null=True, index=True)
    station = ForeignKeyField(Station, null=True, backref="service_areas", on_delete="RESTRICT")
    start_date = DateField()
    end_date = DateField(null=True)


MODELS = [Department, Post, Staff, Assignment, ServiceArea]
