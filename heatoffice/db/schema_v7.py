"""Schema version 7: the tamper-evident ledger (heatoffice.db.chain).

A ``hash`` column on bills, bill lines, adjustments, payments, allocations, day and month
closes and audit rows, ``decision_no`` and ``decision_hash`` on adjustments, the ``chain_head``
table; every existing row hashed in id order (decided adjustments' decisions in the order they
were decided), the heads set, and the triggers of heatoffice.db.chain_guards installed, the
bills' and adjustments' write-once columns widened (hash, reason, source). The write-once
triggers are set aside while the hashes are written and put back as a new database has them.
Plain SQL, never the models.
"""

from __future__ import annotations

import json
from typing import Any

from peewee import Database, SqliteDatabase

from heatoffice import clock
from heatoffice.db import chain_guards
from heatoffice.db.chain import CHAINS, DECISION, HEAD_TABLE, link
from heatoffice.db.chain_guards import ADJUSTMENT_FIXED, BILL_FIXED
from heatoffice.db.guards import write_once

VERSION = 7
PAGE = 20_000
HASH = '"hash" VARCHAR(64)'
# Tables written once in full, and the two written once but for some columns.
WHOLE = ("bill_line", "payment", "allocation", "day_close", "month_close", "audit_entry")


def _drop_trigger(db: Database, table: str, name: str) -> None:
    if isinstance(db, SqliteDatabase):
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    else:
        db.execute_sql(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')


def _update(db: Database, table: str, sets: tuple[str, ...], rows: list[tuple]) -> None:
    """UPDATE ``sets`` columns of rows (values..., id)."""
    if not rows:
        return
    if isinstance(db, SqliteDatabase):
        assignments = ", ".join(f'"{c}" = ?' for c in sets)
        db.cursor().executemany(f'UPDATE "{table}" SET {assignments} WHERE id = ?', rows)
        return
    from psycopg2.extras import execute_values

    assignments = ", ".join(f'"{c}" = v.c{i}' for i, c in enumerate(sets))
    names = ", ".join(f"c{i}" for i in range(len(sets)))
    execute_values(db.cursor(), f'UPDATE "{table}" SET {assignments} FROM (VALUES %s) '
                   f'AS v({names}, id) WHERE "{table}".id = v.id', rows, page_size=1000)


def _hash_table(db: Database, name: str) -> tuple[int, str]:
    """Hash a table's rows in id order, PAGE rows a read (a city's audit log does not fit in
    memory at once)."""
    chain = CHAINS[name]
    cols = ", ".join(f'"{c}"' for c in chain.columns)
    p = db.param
    prev, last = "0" * 64, 0
    while rows := db.execute_sql(f'SELECT id, {cols} FROM "{chain.table}" WHERE id > {p} '
                                 f"ORDER BY id LIMIT {PAGE}", (last,)).fetchall():
        out = []
        for row_id, *values in rows:
            prev = link(prev, values)
            out.append((prev, row_id))
        last = rows[-1][0]
        _update(db, chain.table, ("hash",), out)
    return last, prev


def _hash_decisions(db: Database) -> tuple[int, str]:
    cols = ", ".join(f'"{c}"' for c in DECISION.columns)
    rows = db.execute_sql(f"SELECT id, {cols} FROM adjustment WHERE status <> 'proposed' "
                          "ORDER BY decided_at, id").fetchall()
    prev, out = "0" * 64, []
    for number, (row_id, *values) in enumerate(rows, 1):
        prev = link(prev, values)
        out.append((number, prev, row_id))
    _update(db, "adjustment", ("decision_no", "decision_hash"), out)
    return len(out), prev


def migrate(db: Database) -> None:
    for table in (*WHOLE, "bill"):
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN {HASH}')
    db.execute_sql(f'ALTER TABLE "adjustment" ADD COLUMN {HASH}')
    db.execute_sql('ALTER TABLE "adjustment" ADD COLUMN "decision_no" INTEGER')
    db.execute_sql('ALTER TABLE "adjustment" ADD COLUMN "decision_hash" VARCHAR(64)')
    db.execute_sql(chain_guards.head_table_sql(db))
    chain_guards.seed_heads(db)
    for table in (*WHOLE, "bill", "adjustment"):
        _drop_trigger(db, table, f"{table}_no_update")
    record(db)
    heads: dict[str, tuple[int, Any]] = {}
    for name in CHAINS:
        if name != DECISION.name:
            heads[name] = _hash_table(db, name)
    heads[DECISION.name] = _hash_decisions(db)
    p = db.param
    for name, (last, digest) in heads.items():
        db.execute_sql(f"UPDATE {HEAD_TABLE} SET last_id = {p}, last_hash = {p} "
                       f"WHERE chain = {p}", (last, digest, name))
    for table in WHOLE:
        if isinstance(db, SqliteDatabase):
            write_once(db, table)
        else:
            db.execute_sql(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                           "FOR EACH ROW EXECUTE FUNCTION heatoffice_refuse_change()")
    write_once(db, "bill", columns=BILL_FIXED, allow_delete=True)
    write_once(db, "adjustment", columns=ADJUSTMENT_FIXED, allow_delete=True)
    chain_guards.triggers(db)


def record(db: Database) -> None:
    """The audit row of the migration, as the program's own user ("system"); hashed with the
    rows before it."""
    sql = ('INSERT INTO audit_entry (at, actor, actor_id, action, "table", record_id, '
           "before, after, note) VALUES (?, ?, NULL, ?, ?, ?, NULL, ?, ?)")
    db.execute_sql(sql.replace("?", db.param), (
        clock.now().isoformat(sep=" "), "system", "schema.migrate", "schema_version",
        str(VERSION), json.dumps({"version": VERSION, "chains": sorted(CHAINS)}),
        f"数据库升级到第 {VERSION} 版：账目与审计记录加链式校验码（防篡改）"))

