"""Schema version 5: the measurement tables and the accounts' area history (new tables only).

Written as the SQL heatoffice with schema version 5 creates for these models on each backend,
never through the models, so that a migrated database is exactly a new one however the models
change later. No existing table or row is touched; the area rules' first version is made the
first time a measurement needs it.
"""

from __future__ import annotations

from peewee import Database, SqliteDatabase

from heatoffice.db.guards import write_once

VERSION = 5

_SQLITE = (
    ('CREATE TABLE "account_area_change" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"account_id" INTEGER NOT NULL, "old_area" INTEGER NOT NULL, '
     '"new_area" INTEGER NOT NULL, "effective_on" DATE NOT NULL, '
     '"measurement_no" VARCHAR(32) NOT NULL, "at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    'CREATE INDEX "account_area_change_account_id" ON "account_area_change" ("account_id")',
    ('CREATE TABLE "area_rule_version" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"version" INTEGER NOT NULL, "share_room" INTEGER NOT NULL, '
     '"share_balcony_heated" INTEGER NOT NULL, '
     '"share_balcony_unheated" INTEGER NOT NULL, '
     '"share_balcony_open" INTEGER NOT NULL, "share_loft" INTEGER NOT NULL, '
     '"share_stairwell" INTEGER NOT NULL, "share_other" INTEGER NOT NULL, '
     '"ceiling_base" INTEGER NOT NULL, "coefficient" INTEGER NOT NULL, '
     '"created_at" DATETIME NOT NULL, "created_by" VARCHAR(64) NOT NULL, '
     '"notes" TEXT NOT NULL)'),
    'CREATE UNIQUE INDEX "area_rule_version_version" ON "area_rule_version" ("version")',
    ('CREATE TABLE "measurement_counter" ("year" INTEGER NOT NULL PRIMARY KEY, '
     '"last_seq" INTEGER NOT NULL)'),
    ('CREATE TABLE "measurement" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"number" VARCHAR(32) NOT NULL, "account_id" INTEGER NOT NULL, '
     '"measured_on" DATE NOT NULL, "reason" VARCHAR(16) NOT NULL, '
     '"request_id" INTEGER, "application_id" INTEGER, "checks_id" INTEGER, '
     '"rule_version_id" INTEGER NOT NULL, "basis" VARCHAR(16) NOT NULL, '
     '"usable_area" INTEGER, "ceiling_height" INTEGER, "area" INTEGER NOT NULL, '
     '"area_before" INTEGER NOT NULL, "difference" INTEGER NOT NULL, '
     '"notes" TEXT NOT NULL, "customer_present" INTEGER NOT NULL, '
     '"customer_signed" INTEGER NOT NULL, "state" VARCHAR(16) NOT NULL, '
     '"created_at" DATETIME NOT NULL, "created_by" VARCHAR(64) NOT NULL, '
     '"effective_on" DATE, "adjustment_id" INTEGER, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("request_id") REFERENCES "remeasure_request" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("checks_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("rule_version_id") REFERENCES "area_rule_version" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("adjustment_id") REFERENCES "adjustment" ("id") ON DELETE RESTRICT)'),
    'CREATE UNIQUE INDEX "measurement_number" ON "measurement" ("number")',
    'CREATE INDEX "measurement_account_id" ON "measurement" ("account_id")',
    'CREATE INDEX "measurement_request_id" ON "measurement" ("request_id")',
    'CREATE INDEX "measurement_checks_id" ON "measurement" ("checks_id")',
    'CREATE INDEX "measurement_rule_version_id" ON "measurement" ("rule_version_id")',
    'CREATE INDEX "measurement_state" ON "measurement" ("state")',
    'CREATE INDEX "measurement_adjustment_id" ON "measurement" ("adjustment_id")',
    ('CREATE TABLE "measurement_part" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"measurement_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, '
     '"name" VARCHAR(64) NOT NULL, "kind" VARCHAR(16) NOT NULL, "length" INTEGER, '
     '"width" INTEGER, "area" INTEGER, '
     'FOREIGN KEY ("measurement_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT)'),
    'CREATE INDEX "measurement_part_measurement_id" ON "measurement_part" ("measurement_id")',
    ('CREATE TABLE "measurement_measurer" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"measurement_id" INTEGER NOT NULL, "username" VARCHAR(64) NOT NULL, '
     '"side" VARCHAR(16) NOT NULL, '
     'FOREIGN KEY ("measurement_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "measurement_measurer_measurement_id" ON "measurement_measurer" '
     '("measurement_id")'),
    ('CREATE TABLE "measurement_step" ("id" INTEGER NOT NULL PRIMARY KEY, '
     '"measurement_id" INTEGER NOT NULL, "from_state" VARCHAR(16), '
     '"to_state" VARCHAR(16) NOT NULL, "at" DATETIME NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, "reason" TEXT NOT NULL, '
     'FOREIGN KEY ("measurement_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT)'),
    'CREATE INDEX "measurement_step_measurement_id" ON "measurement_step" ("measurement_id")',
)
_POSTGRES = (
    ('CREATE TABLE "account_area_change" ("id" SERIAL NOT NULL PRIMARY KEY, '
     '"account_id" INTEGER NOT NULL, "old_area" BIGINT NOT NULL, '
     '"new_area" BIGINT NOT NULL, "effective_on" DATE NOT NULL, '
     '"measurement_no" VARCHAR(32) NOT NULL, "at" TIMESTAMP NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT)'),
    'CREATE INDEX "account_area_change_account_id" ON "account_area_change" ("account_id")',
    ('CREATE TABLE "area_rule_version" ("id" SERIAL NOT NULL PRIMARY KEY, '
     '"version" INTEGER NOT NULL, "share_room" BIGINT NOT NULL, '
     '"share_balcony_heated" BIGINT NOT NULL, '
     '"share_balcony_unheated" BIGINT NOT NULL, "share_balcony_open" BIGINT NOT NULL, '
     '"share_loft" BIGINT NOT NULL, "share_stairwell" BIGINT NOT NULL, '
     '"share_other" BIGINT NOT NULL, "ceiling_base" BIGINT NOT NULL, '
     '"coefficient" BIGINT NOT NULL, "created_at" TIMESTAMP NOT NULL, '
     '"created_by" VARCHAR(64) NOT NULL, "notes" TEXT NOT NULL)'),
    'CREATE UNIQUE INDEX "area_rule_version_version" ON "area_rule_version" ("version")',
    ('CREATE TABLE "measurement_counter" ("year" INTEGER NOT NULL PRIMARY KEY, '
     '"last_seq" INTEGER NOT NULL)'),
    ('CREATE TABLE "measurement" ("id" SERIAL NOT NULL PRIMARY KEY, '
     '"number" VARCHAR(32) NOT NULL, "account_id" INTEGER NOT NULL, '
     '"measured_on" DATE NOT NULL, "reason" VARCHAR(16) NOT NULL, '
     '"request_id" INTEGER, "application_id" INTEGER, "checks_id" INTEGER, '
     '"rule_version_id" INTEGER NOT NULL, "basis" VARCHAR(16) NOT NULL, '
     '"usable_area" BIGINT, "ceiling_height" BIGINT, "area" BIGINT NOT NULL, '
     '"area_before" BIGINT NOT NULL, "difference" BIGINT NOT NULL, '
     '"notes" TEXT NOT NULL, "customer_present" BOOLEAN NOT NULL, '
     '"customer_signed" BOOLEAN NOT NULL, "state" VARCHAR(16) NOT NULL, '
     '"created_at" TIMESTAMP NOT NULL, "created_by" VARCHAR(64) NOT NULL, '
     '"effective_on" DATE, "adjustment_id" INTEGER, '
     'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("request_id") REFERENCES "remeasure_request" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("checks_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("rule_version_id") REFERENCES "area_rule_version" ("id") ON DELETE RESTRICT, '
     'FOREIGN KEY ("adjustment_id") REFERENCES "adjustment" ("id") ON DELETE RESTRICT)'),
    'CREATE UNIQUE INDEX "measurement_number" ON "measurement" ("number")',
    'CREATE INDEX "measurement_account_id" ON "measurement" ("account_id")',
    'CREATE INDEX "measurement_request_id" ON "measurement" ("request_id")',
    'CREATE INDEX "measurement_checks_id" ON "measurement" ("checks_id")',
    'CREATE INDEX "measurement_rule_version_id" ON "measurement" ("rule_version_id")',
    'CREATE INDEX "measurement_state" ON "measurement" ("state")',
    'CREATE INDEX "measurement_adjustment_id" ON "measurement" ("adjustment_id")',
    ('CREATE TABLE "measurement_part" ("id" SERIAL NOT NULL PRIMARY KEY, '
     '"measurement_id" INTEGER NOT NULL, "seq" INTEGER NOT NULL, '
     '"name" VARCHAR(64) NOT NULL, "kind" VARCHAR(16) NOT NULL, "length" BIGINT, '
     '"width" BIGINT, "area" BIGINT, '
     'FOREIGN KEY ("measurement_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT)'),
    'CREATE INDEX "measurement_part_measurement_id" ON "measurement_part" ("measurement_id")',
    ('CREATE TABLE "measurement_measurer" ("id" SERIAL NOT NULL PRIMARY KEY, '
     '"measurement_id" INTEGER NOT NULL, "username" VARCHAR(64) NOT NULL, '
     '"side" VARCHAR(16) NOT NULL, '
     'FOREIGN KEY ("measurement_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT)'),
    ('CREATE INDEX "measurement_measurer_measurement_id" ON "measurement_measurer" '
     '("measurement_id")'),
    ('CREATE TABLE "measurement_step" ("id" SERIAL NOT NULL PRIMARY KEY, '
     '"measurement_id" INTEGER NOT NULL, "from_state" VARCHAR(16), '
     '"to_state" VARCHAR(16) NOT NULL, "at" TIMESTAMP NOT NULL, '
     '"by" VARCHAR(64) NOT NULL, "reason" TEXT NOT NULL, '
     'FOREIGN KEY ("measurement_id") REFERENCES "measurement" ("id") ON DELETE RESTRICT)'),
    'CREATE INDEX "measurement_step_measurement_id" ON "measurement_step" ("measurement_id")',
)


def migrate(db: Database) -> None:
    for sql in (_SQLITE if isinstance(db, SqliteDatabase) else _POSTGRES):
        db.execute_sql(sql)
    for table in ("measurement_step", "area_rule_version", "account_area_change"):
        write_once(db, table)
