"""``check`` of the chains (heatoffice.db.chain): every row's hash recomputed from the row
before it, each head compared with its chain's end; the first broken link of each chain is
named by table and id."""

from __future__ import annotations

import hashlib

from peewee import Database

from heatoffice.db.chain import CHAINS, GENESIS, HEAD_TABLE, RECORD, Chain, as_hex, canonical
from heatoffice.db.connection import database

FETCH = 5000


def _broken(chain: Chain, db: Database) -> tuple[int, str | None]:
    """(rows walked, the first broken link or None)."""
    cols = ", ".join(f'"{c}"' for c in chain.columns)
    where = f" WHERE {chain.member}" if chain.member else ""
    # (through execute_sql: an old schema's missing column fails the check, not the command)
    order = "id" if chain.order == "id" else f"{chain.order}, id"
    cursor = db.execute_sql(f'SELECT id, {chain.order}, "{chain.hash}", {cols} FROM '
                            f'"{chain.table}"{where} ORDER BY {order}')
    what = chain.table if chain.name == chain.table else f"{chain.table} ({chain.name})"
    prev, last, last_id, count = GENESIS, 0, None, 0
    sha = hashlib.sha256
    while rows := cursor.fetchmany(FETCH):
        for row in rows:
            row_id, order, stored = row[0], row[1], row[2]
            count += 1
            if order is None:
                return count, (f"{what} id {row_id}: decided outside the program "
                               "(no decision number)")
            expected = sha((prev + RECORD + canonical(row[3:])).encode()).hexdigest()
            if stored != expected and (stored is None or as_hex(stored) != expected):
                after = "" if last_id is None else f", after id {last_id}"
                why = ("no hash: written outside the program" if stored is None else
                       "hash does not match: this row was changed, or a row before it "
                       f"deleted or inserted{after}")
                return count, f"{what} id {row_id}: {why}"
            prev, last, last_id = expected, order, row_id
    head = db.execute_sql(f"SELECT last_id, last_hash FROM {HEAD_TABLE} WHERE chain = "
                          f"{db.param}", (chain.name,)).fetchone()
    if head is None:
        return count, (None if not count else f"{what}: its chain head is missing")
    if (int(head[0]), head[1]) != (int(last), prev):
        return count, (f"{what}: the chain ends at {chain.order} {last} but its head names "
                       f"{chain.order} {head[0]} (rows after it deleted, or the head changed)")
    return count, None


def check_chains() -> tuple[bool, str]:
    """The ``chain`` check: each chain walked in full."""
    db = database.obj
    problems, total = [], 0
    for chain in CHAINS.values():
        count, broken = _broken(chain, db)
        total += count
        if broken:
            problems.append(broken)
    if problems:
        return False, "; ".join(problems)
    return True, f"{len(CHAINS)} chains intact ({total} rows)"
