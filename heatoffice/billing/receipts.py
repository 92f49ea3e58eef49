"""Receipt numbers "2026-000123": gap-free per year, from a counter row locked in the
transaction of the payment that uses it (a failed payment rolls its number back with it)."""

from __future__ import annotations

import re

from heatoffice.billing.models import ReceiptCounter
from heatoffice.db import chain
from heatoffice.db.connection import database, is_postgres

_FORMAT = re.compile(r"^(\d{4})-(\d{6})$")


def format_receipt(year: int, seq: int) -> str:
    return f"{year:04d}-{seq:06d}"


def parse_receipt(receipt_no: str) -> tuple[int, int] | None:
    """(year, seq) of a well-formed receipt number, else None."""
    m = _FORMAT.match(receipt_no.strip())
    return (int(m[1]), int(m[2])) if m else None


def _heads() -> None:
    """The chain heads are locked before the counter, everywhere (heatoffice.db.chain)."""
    if is_postgres():
        chain.Link.lock()


def lock_year(year: int, *, chained: bool = True) -> int:
    """Lock the year's counter row until the transaction ends; returns its last number.

    Everything that must not interleave with taking payments (the payments themselves, a day
    or month close) takes this lock first. On SQLite the write transaction is BEGIN IMMEDIATE
    already (heatoffice.db.connection), so the whole database is serialized and a plain read
    suffices; on PostgreSQL the row is locked with SELECT … FOR UPDATE.
    """
    if not database.in_transaction():
        raise RuntimeError("lock_year must run inside the payment's transaction")
    if chained:
        _heads()
    table = ReceiptCounter._meta.table_name
    if not is_postgres():
        row = database.execute_sql(f"SELECT last_seq FROM {table} WHERE year = ?",
                                   (year,)).fetchone()
        if row is None:
            database.execute_sql(f"INSERT INTO {table} (year, last_seq) VALUES (?, 0)", (year,))
            return 0
        return int(row[0])
    select = f"SELECT last_seq FROM {table} WHERE year = %s FOR UPDATE"
    row = database.execute_sql(select, (year,)).fetchone()
    if row is None:
        # Two desks may take the year's first receipt at once: one insert wins, the other
        # does nothing and then waits on the winner's row lock below.
        database.execute_sql(f"INSERT INTO {table} (year, last_seq) VALUES (%s, 0) "
                             "ON CONFLICT (year) DO NOTHING", (year,))
        row = database.execute_sql(select, (year,)).fetchone()
    return int(row[0])


def next_receipt(year: int, *, chained: bool = True) -> tuple[int, str]:
    """The next (seq, receipt_no) of ``year``; call inside the payment's transaction, after
    locking the chain heads (``chained=False``: the caller holds them already)."""
    table = ReceiptCounter._meta.table_name
    if is_postgres():
        if not database.in_transaction():
            raise RuntimeError("next_receipt must run inside the payment's transaction")
        if chained:
            _heads()
        # One statement locks the row and bumps it (an UPDATE waits for the row lock and
        # then adds one to the latest number), where lock_year and an UPDATE take two.
        bump = f"UPDATE {table} SET last_seq = last_seq + 1 WHERE year = %s RETURNING last_seq"
        row = database.execute_sql(bump, (year,)).fetchone()
        if row is None:
            lock_year(year, chained=False)  # makes the year's row, as a first receipt does
            row = database.execute_sql(bump, (year,)).fetchone()
        seq = int(row[0])
        return seq, format_receipt(year, seq)
    seq = lock_year(year, chained=False) + 1
    database.execute_sql(f"UPDATE {table} SET last_seq = ? WHERE year = ?", (seq, year))
    return seq, format_receipt(year, seq)
