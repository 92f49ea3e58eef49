"""Measurement numbers "CL-2026-000045": gap-free per year, from a counter row locked in the
transaction of the measurement that uses it (like receipt numbers)."""

from __future__ import annotations

from heatoffice.db.connection import database, is_postgres
from heatoffice.measurements.models import MeasurementCounter


def format_number(year: int, seq: int) -> str:
    return f"CL-{year:04d}-{seq:06d}"


def next_number(year: int) -> str:
    """The next number of ``year``; call inside the measurement's transaction."""
    if not database.in_transaction():
        raise RuntimeError("next_number must run inside the measurement's transaction")
    table = MeasurementCounter._meta.table_name
    p = database.param
    lock = " FOR UPDATE" if is_postgres() else ""
    select = f"SELECT last_seq FROM {table} WHERE year = {p}{lock}"
    row = database.execute_sql(select, (year,)).fetchone()
    if row is None:
        conflict = " ON CONFLICT (year) DO NOTHING" if is_postgres() else ""
        database.execute_sql(f"INSERT INTO {table} (year, last_seq) VALUES ({p}, 0){conflict}",
                             (year,))
        row = database.execute_sql(select, (year,)).fetchone()
    seq = int(row[0]) + 1
    database.execute_sql(f"UPDATE {table} SET last_seq = {p} WHERE year = {p}", (seq, year))
    return format_number(year, seq)
