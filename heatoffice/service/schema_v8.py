"""Schema version 8: the service desk's tables, calls, work orders and their steps, and the
counters of the area's numbers.

Plain SQL as heatoffice with this version creates the tables (SQLite's text; PostgreSQL's
differs only in its types, see ``_postgres``), never through the models, which will move on.
It runs inside the one transaction of ``heatoffice.db.migrations.migrate``.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase

from heatoffice.db.guards import write_once

VERSION = 8
TABLES = ("service_counter", "service_call", "work_order", "work_order_step")

_SQLITE: tuple[str, ...] = (
    ('CREATE TABLE "service_counter" ("prefix" VARCHAR(8) NOT NULL, '
     '"year" INTEGER NOT NULL, "last_seq" INTEGER NOT NULL, PRIMARY KEY ("prefix", '
     '"year"))'),
    ('CREATE TABLE "service_call" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"number" VARCHAR(16) NOT NULL, "year" INTEGER NOT NULL, "seq" INTEGER NOT NULL, '
     '"received_at" DATETIME NOT NULL, "ended_at" DATETIME NOT NULL, '
     '"entered_at" DATETIME NOT NULL, "entered_by" VARCHAR(64) NOT NULL, '
     '"backdated" INTEGER NOT NULL, "phone" VARCHAR(32) NOT NULL, '
     '"contact" VARCHAR(64) NOT NULL, "unit" VARCHAR(128) NOT NULL, '
     '"account_id" INTEGER, "address" VARCHAR(200) NOT NULL, "content" TEXT NOT NULL, '
     '"category" VARCHAR(24) NOT NULL, "in_scope" INTEGER NOT NULL, '
     '"referred_to" VARCHAR(128) NOT NULL, "readback_by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    ('CREATE UNIQUE INDEX "service_call_number" ON "service_call" ("number")'),
    ('CREATE INDEX "service_call_received_at" ON "service_call" ("received_at")'),
    ('CREATE INDEX "service_call_account_id" ON "service_call" ("account_id")'),
    ('CREATE INDEX "service_call_category" ON "service_call" ("category")'),
    ('CREATE UNIQUE INDEX "service_call_year_seq" ON "service_call" ("year", "seq")'),
    ('CREATE TABLE "work_order" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"number" VARCHAR(16) NOT NULL, "year" INTEGER NOT NULL, "seq" INTEGER NOT NULL, '
     '"call_id" INTEGER NOT NULL, "account_id" INTEGER, '
     '"category" VARCHAR(24) NOT NULL, "severity" VARCHAR(8) NOT NULL, '
     '"state" VARCHAR(16) NOT NULL, "created_at" DATETIME NOT NULL, '
     '"created_by" VARCHAR(64) NOT NULL, "due_at" DATETIME NOT NULL, '
     '"suggested" VARCHAR(64) NOT NULL, "assignee" VARCHAR(64) NOT NULL, '
     '"assignee_staff_id" INTEGER, "dispatched_at" DATETIME, '
     '"dispatch_seconds" INTEGER, "onsite_at" DATETIME, "finished_at" DATETIME, '
     '"closed_at" DATETIME, "unfixable_reason" TEXT NOT NULL, '
     '"escalated_to" VARCHAR(64) NOT NULL, "satisfied" INTEGER, '
     '"visit_comment" TEXT NOT NULL, "work_note" TEXT NOT NULL, '
     '"heat_advice" TEXT NOT NULL, '
     'FOREIGN KEY ("call_id") REFERENCES "service_call" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("assignee_staff_id") REFERENCES "staff" ("id") ON DELETE RESTRICT)'),
    ('CREATE UNIQUE INDEX "work_order_number" ON "work_order" ("number")'),
    ('CREATE INDEX "work_order_call_id" ON "work_order" ("call_id")'),
    ('CREATE INDEX "work_order_account_id" ON "work_order" ("account_id")'),
    ('CREATE INDEX "work_order_state" ON "work_order" ("state")'),
    ('CREATE INDEX "work_order_due_at" ON "work_order" ("due_at")'),
    ('CREATE INDEX "work_order_assignee" ON "work_order" ("assignee")'),
    ('CREATE INDEX "work_order_assignee_staff_id" ON "work_order" '
     '("assignee_staff_id")'),
    ('CREATE UNIQUE INDEX "work_order_year_seq" ON "work_order" ("year", "seq")'),
    ('CREATE TABLE "work_order_step" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"work_order_id" INTEGER NOT NULL, "from_state" VARCHAR(16), '
     '"to_state" VARCHAR(16) NOT NULL, "at" DATETIME NOT NULL, '
     '"entered_at" DATETIME NOT NULL, "by" VARCHAR(64) NOT NULL, '
     '"backdated" INTEGER NOT NULL, "assignee" VARCHAR(64) NOT NULL, '
     '"note" TEXT NOT NULL, '
     'FOREIGN KEY ("work_order_id") REFERENCES "work_order" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "work_order_step_work_order_id" ON "work_order_step" '
     '("work_order_id")'),
)


def _postgres(sql: str) -> str:
    """The same statement as PostgreSQL receives it from the models."""
    return (sql.replace('"id" INTEGER NOT NULL PRIMARY KEY', '"id" SERIAL NOT NULL PRIMARY KEY')
            .replace(" DATETIME", " TIMESTAMP")
            .replace('"backdated" INTEGER', '"backdated" BOOLEAN')
            .replace('"in_scope" INTEGER', '"in_scope" BOOLEAN')
            .replace('"satisfied" INTEGER', '"satisfied" BOOLEAN'))


def migrate(db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    for sql in _SQLITE:
        db.execute_sql(sql if sqlite else _postgres(sql))
    write_once(db, "work_order_step")
