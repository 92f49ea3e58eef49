"""The data layer: one database proxy, connect(url), base model, fields, schema migrations."""

from heatoffice.db.base import BaseModel
from heatoffice.db.connection import connect, database, is_postgres, is_sqlite
from heatoffice.db.fields import AreaField, MoneyField, RateField

__all__ = ["connect", "database", "is_postgres", "is_sqlite", "BaseModel", "AreaField",
           "MoneyField", "RateField"]
