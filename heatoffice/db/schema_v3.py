"""Schema version 3: Payment.reference, the transaction number of a non-cash payment.

Plain SQL, never the models (they move on). ``ALTER TABLE … ADD COLUMN`` with a default works
in place on SQLite and PostgreSQL alike, inside the transaction that
``heatoffice.db.migrations`` opens; SQLite writes the new column before the table's
constraints, so the table's stored SQL is the very text a new database's CREATE TABLE has (the
model declares the same DEFAULT). Every payment already taken gets "": none was recorded.
The write-once triggers of the table refuse UPDATE and DELETE of rows, not a new column. It
touches nothing version 2 changed.
"""

from __future__ import annotations

import json

from peewee import Database

from heatoffice import clock

VERSION = 3
COLUMN = '"reference" VARCHAR(64) NOT NULL DEFAULT \'\''


def migrate(db: Database) -> None:
    db.execute_sql(f'ALTER TABLE "payment" ADD COLUMN {COLUMN}')
    record(db)


def record(db: Database) -> None:
    """The audit row of the migration, as the program's own user ("system")."""
    sql = ('INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, '
           "before, after, note) VALUES (?, ?, NULL, ?, ?, ?, NULL, ?, ?)")
    db.execute_sql(sql.replace("?", db.param), (
        clock.now().isoformat(sep=" "), "system", "schema.migrate", "schema_version",
        str(VERSION), json.dumps({"version": VERSION, "payment": "reference"}),
        f"数据库升级到第 {VERSION} 版：收据增加交易流水号（非现金收款）"))
