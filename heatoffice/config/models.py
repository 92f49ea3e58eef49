"""The settings table: one row per business setting that differs from its default."""

from __future__ import annotations

from peewee import CharField, TextField

from heatoffice.db.base import BaseModel


class Setting(BaseModel):
    key = CharField(primary_key=True, max_length=64)
    value = TextField()


MODELS = [Setting]
