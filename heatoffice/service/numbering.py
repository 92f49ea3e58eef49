"""Service numbers "RX-2026-000001" (calls), "WO-2026-000001" (work orders), and whatever prefix
another kind of the area takes: gap-free per prefix and year, from a counter row locked in the
transaction of the record that takes it (a failed one gives its number back)."""

from __future__ import annotations

import re

from heatoffice.db.connection import database, is_postgres
from heatoffice.service.models import ServiceCounter

CALL = "RX"
WORK_ORDER = "WO"
_FORMAT = re.compile(r"^([A-Z]{2,8})-(\d{4})-(\d{6})$")


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}-{year:04d}-{seq:06d}"


def parse_number(number: str) -> tuple[str, int, int] | None:
    m = _FORMAT.match((number or "").strip().upper())
    return (m[1], int(m[2]), int(m[3])) if m else None


def normal(number: str) -> str:
    """A number as stored (upper case, no spaces)."""
    return (number or "").strip().upper()


def next_number(prefix: str, year: int) -> tuple[int, str]:
    """The next (seq, number) of ``prefix`` in ``year``; call inside the record's transaction.
    SQLite serializes writers already (BEGIN IMMEDIATE); PostgreSQL locks the row."""
    if not database.in_transaction():
        raise RuntimeError("next_number must run inside the record's transaction")
    table = ServiceCounter._meta.table_name
    p = database.param
    lock = " FOR UPDATE" if is_postgres() else ""
    select = f"SELECT last_seq FROM {table} WHERE prefix = {p} AND year = {p}{lock}"
    row = database.execute_sql(select, (prefix, year)).fetchone()
    if row is None:
        conflict = " ON CONFLICT (prefix, year) DO NOTHING" if is_postgres() else ""
        database.execute_sql(f"INSERT INTO {table} (prefix, year, last_seq) "
                             f"VALUES ({p}, {p}, 0){conflict}", (prefix, year))
        row = database.execute_sql(select, (prefix, year)).fetchone()
    seq = int(row[0]) + 1
    database.execute_sql(f"UPDATE {table} SET last_seq = {p} WHERE prefix = {p} AND year = {p}",
                         (seq, prefix, year))
    return seq, format_number(prefix, year, seq)
