"""Schema version 9: complaints and their steps, inspections and their follow-ups,
room-temperature readings and the refunds of cold homes.

Plain SQL as heatoffice with this version creates the tables (SQLite's text; PostgreSQL's
differs only in its types, see ``_postgres``), never through the models, which will move on.
It runs inside the one transaction of ``heatoffice.db.migrations.migrate``; no row is
touched, so it writes no audit row (as version 5).
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase

from heatoffice.db.guards import write_once

VERSION = 9
TABLES = ("complaint", "complaint_step", "inspection", "inspection_follow_up", "temp_reading",
          "temp_refund")
WRITE_ONCE = ("complaint_step", "inspection_follow_up", "temp_reading", "temp_refund")

_SQLITE: tuple[str, ...] = (
    ('CREATE TABLE "complaint" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"number" VARCHAR(16) NOT NULL, "year" INTEGER NOT NULL, '
     '"seq" INTEGER NOT NULL, "channel" VARCHAR(8) NOT NULL, '
     '"account_id" INTEGER, "complainant" VARCHAR(64) NOT NULL, '
     '"phone" VARCHAR(32) NOT NULL, "address" VARCHAR(200) NOT NULL, '
     '"content" TEXT NOT NULL, "call_number" VARCHAR(16) NOT NULL, '
     '"received_at" DATETIME NOT NULL, "entered_at" DATETIME NOT NULL, '
     '"received_by" VARCHAR(64) NOT NULL, "handler" VARCHAR(64) NOT NULL, '
     '"state" VARCHAR(16) NOT NULL, "facts" TEXT NOT NULL, '
     '"customer_view" TEXT NOT NULL, "decision" TEXT NOT NULL, '
     '"decided_at" DATETIME, "decided_by" VARCHAR(64) NOT NULL, '
     '"escalated_to" VARCHAR(64) NOT NULL, "escalated_at" DATETIME, '
     '"reply_due" DATETIME, "replied_at" DATETIME, '
     '"replied_by" VARCHAR(64) NOT NULL, "reply_method" VARCHAR(8) NOT NULL, '
     '"reply_text" TEXT NOT NULL, "closed_at" DATETIME, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    ('CREATE UNIQUE INDEX "complaint_number" ON "complaint" ("number")'),
    ('CREATE INDEX "complaint_account_id" ON "complaint" ("account_id")'),
    ('CREATE INDEX "complaint_received_at" ON "complaint" ("received_at")'),
    ('CREATE INDEX "complaint_state" ON "complaint" ("state")'),
    ('CREATE UNIQUE INDEX "complaint_year_seq" ON "complaint" ("year", "seq")'),
    ('CREATE TABLE "complaint_step" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"complaint_id" INTEGER NOT NULL, "action" VARCHAR(16) NOT NULL, '
     '"from_state" VARCHAR(16), "to_state" VARCHAR(16) NOT NULL, '
     '"at" DATETIME NOT NULL, "entered_at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, "note" TEXT NOT NULL, '
     'FOREIGN KEY ("complaint_id") REFERENCES "complaint" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "complaint_step_complaint_id" ON "complaint_step" ("complaint_id")'),
    ('CREATE TABLE "inspection" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"number" VARCHAR(16) NOT NULL, "year" INTEGER NOT NULL, '
     '"seq" INTEGER NOT NULL, "kind" VARCHAR(16) NOT NULL, '
     '"account_id" INTEGER, "address" VARCHAR(200) NOT NULL, '
     '"inspector" VARCHAR(64) NOT NULL, "inspected_at" DATETIME NOT NULL, '
     '"entered_at" DATETIME NOT NULL, "entered_by" VARCHAR(64) NOT NULL, '
     '"findings" TEXT NOT NULL, "evidence" TEXT NOT NULL, '
     '"conclusion" VARCHAR(16) NOT NULL, "state" VARCHAR(16) NOT NULL, '
     '"concluded_at" DATETIME, "concluded_by" VARCHAR(64) NOT NULL, '
     '"closed_at" DATETIME, "closed_by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    ('CREATE UNIQUE INDEX "inspection_number" ON "inspection" ("number")'),
    ('CREATE INDEX "inspection_kind" ON "inspection" ("kind")'),
    ('CREATE INDEX "inspection_account_id" ON "inspection" ("account_id")'),
    ('CREATE INDEX "inspection_inspected_at" ON "inspection" ("inspected_at")'),
    ('CREATE INDEX "inspection_state" ON "inspection" ("state")'),
    ('CREATE UNIQUE INDEX "inspection_year_seq" ON "inspection" ("year", "seq")'),
    ('CREATE TABLE "inspection_follow_up" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"inspection_id" INTEGER NOT NULL, "kind" VARCHAR(16) NOT NULL, '
     '"amount" INTEGER, "area" INTEGER, "days" INTEGER, '
     '"adjustment_id" INTEGER, "note" TEXT NOT NULL, "at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("inspection_id") REFERENCES "inspection" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "inspection_follow_up_inspection_id" ON "inspection_follow_up" '
     '("inspection_id")'),
    ('CREATE TABLE "temp_reading" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"account_id" INTEGER NOT NULL, "room" VARCHAR(32) NOT NULL, '
     '"tenths" INTEGER NOT NULL, "outdoor_tenths" INTEGER, '
     '"standard_tenths" INTEGER NOT NULL, "measured_at" DATETIME NOT NULL, '
     '"instrument" VARCHAR(64) NOT NULL, "entered_at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, "note" TEXT NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "temp_reading_account_id" ON "temp_reading" ("account_id")'),
    ('CREATE INDEX "temp_reading_measured_at" ON "temp_reading" ("measured_at")'),
    ('CREATE TABLE "temp_refund" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"account_id" INTEGER NOT NULL, "date_from" DATE NOT NULL, '
     '"date_to" DATE NOT NULL, "days" INTEGER NOT NULL, '
     '"short_tenths" INTEGER NOT NULL, "amount" INTEGER NOT NULL, '
     '"adjustment_id" INTEGER NOT NULL, "at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "temp_refund_account_id" ON "temp_refund" ("account_id")'),
)


def _postgres(sql: str) -> str:
    """The same statement as PostgreSQL receives it from the models."""
    return (sql.replace('"id" INTEGER NOT NULL PRIMARY KEY', '"id" SERIAL NOT NULL PRIMARY KEY')
            .replace(" DATETIME", " TIMESTAMP")
            .replace('"amount" INTEGER', '"amount" BIGINT')
            .replace('"area" INTEGER', '"area" BIGINT'))


def migrate(db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    for sql in _SQLITE:
        db.execute_sql(sql if sqlite else _postgres(sql))
    for table in WRITE_ONCE:
        write_once(db, table)
