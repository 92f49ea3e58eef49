"""The base model every table derives from, bound to the one database proxy."""

from __future__ import annotations

from peewee import Model

from heatoffice.db.connection import database


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
