"""Schema version 4: the reception tables and the accounts' owner history, with the default
document checklists.

Plain SQL as heatoffice with schema version 4 creates the tables (SQLite's text; PostgreSQL's
differs only in its types, see ``_postgres``), never through the models, which will move on.
It runs inside the one transaction of ``heatoffice.db.migrations.migrate``. Version 3 (the
payments' reference) is another branch's; a database at version 2 runs 3 and then this.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase

from heatoffice.db.guards import write_once
from heatoffice.reception.checklist import DEFAULTS

VERSION = 4

_SQLITE: tuple[str, ...] = (
    ('CREATE TABLE "owner_change" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"account_id" INTEGER NOT NULL, "old_name" VARCHAR(64) NOT NULL, '
     '"old_id_number" VARCHAR(18) NOT NULL, "old_phone" VARCHAR(32) NOT NULL, '
     '"new_name" VARCHAR(64) NOT NULL, "new_id_number" VARCHAR(18) NOT NULL, '
     '"new_phone" VARCHAR(32) NOT NULL, "on" DATE NOT NULL, '
     '"application" VARCHAR(16) NOT NULL, "at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "owner_change_account_id" ON "owner_change" ("account_id")'),
    ('CREATE TABLE "application_counter" ("year" INTEGER NOT NULL PRIMARY KEY, '
     '"last_seq" INTEGER NOT NULL)'),
    ('CREATE TABLE "checklist_item" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"type" VARCHAR(24) NOT NULL, "key" VARCHAR(32) NOT NULL, "seq" INTEGER NOT NULL, '
     '"required" INTEGER NOT NULL, "label_zh" VARCHAR(64) NOT NULL, '
     '"label_en" VARCHAR(64) NOT NULL)'),
    ('CREATE UNIQUE INDEX "checklist_item_type_key" ON "checklist_item" ("type", '
     '"key")'),
    ('CREATE TABLE "application" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"number" VARCHAR(16) NOT NULL, "year" INTEGER NOT NULL, "seq" INTEGER NOT NULL, '
     '"type" VARCHAR(24) NOT NULL, "state" VARCHAR(16) NOT NULL, "account_id" INTEGER, '
     '"new_account" TEXT NOT NULL, "applicant_name" VARCHAR(64) NOT NULL, '
     '"applicant_phone" VARCHAR(32) NOT NULL, "applicant_id" VARCHAR(18) NOT NULL, '
     '"relation" VARCHAR(16) NOT NULL, "request" TEXT NOT NULL, '
     '"received_on" DATE NOT NULL, "received_at" DATETIME NOT NULL, '
     '"received_by" VARCHAR(64) NOT NULL, "wanted_from" DATE, "effective_from" DATE, '
     '"due_on" DATE NOT NULL, "department" VARCHAR(32) NOT NULL, '
     '"exception_by" VARCHAR(64) NOT NULL, "applied_at" DATETIME, '
     '"reason" TEXT NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    ('CREATE UNIQUE INDEX "application_number" ON "application" ("number")'),
    ('CREATE INDEX "application_type" ON "application" ("type")'),
    ('CREATE INDEX "application_state" ON "application" ("state")'),
    ('CREATE INDEX "application_account_id" ON "application" ("account_id")'),
    ('CREATE INDEX "application_department" ON "application" ("department")'),
    ('CREATE UNIQUE INDEX "application_year_seq" ON "application" ("year", "seq")'),
    ('CREATE TABLE "application_document" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"application_id" INTEGER NOT NULL, "key" VARCHAR(32) NOT NULL, '
     '"form" VARCHAR(16) NOT NULL, "checked" INTEGER NOT NULL, '
     '"disposition" VARCHAR(16) NOT NULL, "at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "application_document_application_id" ON "application_document" '
     '("application_id")'),
    ('CREATE UNIQUE INDEX "application_document_application_id_key" '
     'ON "application_document" ("application_id", "key")'),
    ('CREATE TABLE "application_step" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"application_id" INTEGER NOT NULL, "from_state" VARCHAR(16), '
     '"to_state" VARCHAR(16) NOT NULL, "department" VARCHAR(32) NOT NULL, '
     '"at" DATETIME NOT NULL, "by" VARCHAR(64) NOT NULL, "reason" TEXT NOT NULL, '
     'FOREIGN KEY ("application_id") REFERENCES "application" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "application_step_application_id" ON "application_step" ("application_id")'),
)


def _postgres(sql: str) -> str:
    """The same statement as PostgreSQL receives it from the models."""
    return (sql.replace('"id" INTEGER NOT NULL PRIMARY KEY', '"id" SERIAL NOT NULL PRIMARY KEY')
            .replace(" DATETIME", " TIMESTAMP")
            .replace('"required" INTEGER', '"required" BOOLEAN')
            .replace('"checked" INTEGER', '"checked" BOOLEAN'))


def migrate(db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    for sql in _SQLITE:
        db.execute_sql(sql if sqlite else _postgres(sql))
    write_once(db, "application_step")
    write_once(db, "owner_change")
    p = db.param
    for app_type, keys in DEFAULTS.items():
        for seq, key in enumerate(keys, 1):
            db.execute_sql("INSERT INTO checklist_item (type, key, seq, required, label_zh, "
                           f"label_en) VALUES ({p}, {p}, {p}, {p}, '', '')",
                           (app_type, key, seq, True))
