"""Schema version 6: opening balances and payment batches.

``payment.source`` (who collected the money: "" at the window, else the bank, WeChat/Alipay
service or post office of a payment batch), the unique index of a reference per source (a
partial index: window payments are not constrained), and the ``opening_balance`` table (arrears
carried over from the old system), write-once like the other ledger rows. Plain SQL as version
6 creates it on each backend, never the models; every payment already taken gets source "".
"""

from __future__ import annotations

import json

from peewee import Database, SqliteDatabase

from heatoffice import clock
from heatoffice.db.guards import write_once

VERSION = 6
COLUMN = '"source" VARCHAR(32) NOT NULL DEFAULT \'\''
# The same text as billing.models.SOURCE_REFERENCE_INDEX (a test compares the schemas).
INDEX = ('CREATE UNIQUE INDEX "payment_source_reference" ON "payment" '
         '("source", "reference") WHERE "source" <> \'\'')


def _table(pk: str, money: str, when: str) -> str:
    return (f'CREATE TABLE "opening_balance" ("id" {pk} NOT NULL PRIMARY KEY, '
            '"account_id" INTEGER NOT NULL, "season_name" VARCHAR(32) NOT NULL, '
            f'"amount" {money} NOT NULL, "late_fee" {money} NOT NULL, '
            '"bill_id" INTEGER NOT NULL, "late_fee_adjustment_id" INTEGER, '
            f'"imported_at" {when} NOT NULL, "imported_by" VARCHAR(64) NOT NULL, '
            '"file_name" VARCHAR(255) NOT NULL, "file_digest" VARCHAR(64) NOT NULL, '
            '"row_no" INTEGER NOT NULL, '
            'FOREIGN KEY ("account_id") REFERENCES "account" ("id") ON DELETE RESTRICT, '
            'FOREIGN KEY ("bill_id") REFERENCES "bill" ("id") ON DELETE RESTRICT, '
            'FOREIGN KEY ("late_fee_adjustment_id") REFERENCES "adjustment" ("id") '
            'ON DELETE RESTRICT)')


_INDEXES = (
    'CREATE INDEX "opening_balance_account_id" ON "opening_balance" ("account_id")',
    'CREATE UNIQUE INDEX "opening_balance_bill_id" ON "opening_balance" ("bill_id")',
    ('CREATE INDEX "opening_balance_late_fee_adjustment_id" ON "opening_balance" '
     '("late_fee_adjustment_id")'),
    ('CREATE UNIQUE INDEX "opening_balance_account_id_season_name" ON "opening_balance" '
     '("account_id", "season_name")'),
)


def migrate(db: Database) -> None:
    db.execute_sql(f'ALTER TABLE "payment" ADD COLUMN {COLUMN}')
    db.execute_sql(INDEX)
    if isinstance(db, SqliteDatabase):
        db.execute_sql(_table("INTEGER", "INTEGER", "DATETIME"))
    else:
        db.execute_sql(_table("SERIAL", "BIGINT", "TIMESTAMP"))
    for sql in _INDEXES:
        db.execute_sql(sql)
    write_once(db, "opening_balance")
    record(db)


def record(db: Database) -> None:
    """The audit row of the migration, as the program's own user ("system")."""
    sql = ('INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, '
           "before, after, note) VALUES (?, ?, NULL, ?, ?, ?, NULL, ?, ?)")
    db.execute_sql(sql.replace("?", db.param), (
        clock.now().isoformat(sep=" "), "system", "schema.migrate", "schema_version",
        str(VERSION), json.dumps({"version": VERSION, "payment": "source",
                                  "tables": ["opening_balance"]}),
        f"数据库升级到第 {VERSION} 版：期初欠费导入与代收缴费批量导入（收据增加代收来源）"))
