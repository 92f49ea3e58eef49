"""Schema version 10: the
dashboard's snapshots (reports.models: ``report_snapshot`` and ``report_snapshot_row``), a
cache of a season's ledger added up by place and day. Plain SQL as version 10 creates them on
each backend, never the models; both written once (rows are deleted only to prune the cache).
No data moves: the first home page after the upgrade makes the first snapshot. No audit row
(as versions 8 and 9: the chain of version 7 hashes the audit rows the program writes)."""

from __future__ import annotations

from peewee import Database, SqliteDatabase

from heatoffice.db.guards import write_once

VERSION = 10


def _tables(pk: str, big: str, when: str) -> tuple[str, ...]:
    return (
        f'CREATE TABLE "report_snapshot" ("id" {pk} NOT NULL PRIMARY KEY, '
        f'"season_id" INTEGER NOT NULL, "made_at" {when} NOT NULL, "made_on" DATE NOT NULL, '
        '"bill_through" INTEGER NOT NULL, "adjustment_through" INTEGER NOT NULL, '
        '"pending" TEXT NOT NULL, '
        '"allocation_through" INTEGER NOT NULL, "audit_through" INTEGER NOT NULL, '
        'FOREIGN KEY ("season_id") REFERENCES "season" ("id") ON DELETE RESTRICT)',
        'CREATE INDEX "report_snapshot_season_id" ON "report_snapshot" ("season_id")',
        f'CREATE TABLE "report_snapshot_row" ("id" {pk} NOT NULL PRIMARY KEY, '
        '"snapshot_id" INTEGER NOT NULL, "community_id" INTEGER NOT NULL, '
        f'"station_id" INTEGER, "day" DATE NOT NULL, "billed" {big} NOT NULL, '
        f'"adjusted" {big} NOT NULL, "collected" {big} NOT NULL, "bills" INTEGER NOT NULL, '
        'FOREIGN KEY ("snapshot_id") REFERENCES "report_snapshot" ("id") ON DELETE RESTRICT)',
        'CREATE INDEX "report_snapshot_row_snapshot_id" ON "report_snapshot_row" '
        '("snapshot_id")',
        'CREATE INDEX "report_snapshot_row_snapshot_id_day" ON "report_snapshot_row" '
        '("snapshot_id", "day")',
    )


def migrate(db: Database) -> None:
    sqlite = isinstance(db, SqliteDatabase)
    for sql in (_tables("INTEGER", "INTEGER", "DATETIME") if sqlite
                else _tables("SERIAL", "BIGINT", "TIMESTAMP")):
        db.execute_sql(sql)
    for table in ("report_snapshot", "report_snapshot_row"):
        write_once(db, table, allow_delete=True)
