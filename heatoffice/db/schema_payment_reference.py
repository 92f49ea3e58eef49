"""Schema step: Payment.reference, the transaction number of a non-cash payment (version 2).

Plain SQL, never the models (they move on). ``ALTER TABLE … ADD COLUMN`` with a default works
in place on SQLite and PostgreSQL alike, and SQLite writes the new column before the table's
constraints, so the table's stored SQL is the very text a new database's CREATE TABLE has (the
model declares the same DEFAULT). Every payment already taken gets "": none was recorded.
The write-once triggers on the table refuse UPDATE and DELETE of rows, not a new column.
It does not depend on any other version's change and may run as whichever version it is
numbered in heatoffice.db.migrations.
"""

from __future__ import annotations

from peewee import Database

COLUMN = '"reference" VARCHAR(64) NOT NULL DEFAULT \'\''


def migrate(db: Database) -> None:
    db.execute_sql(f'ALTER TABLE "payment" ADD COLUMN {COLUMN}')
