"""Application numbers "SL-2026-000123": gap-free per year, from a counter row locked in the
transaction of the application that takes it (a failed one gives its number back)."""

from __future__ import annotations

import re

from heatoffice.db.connection import database, is_postgres
from heatoffice.reception.models import ApplicationCounter

_FORMAT = re.compile(r"^SL-(\d{4})-(\d{6})$")


def format_number(year: int, seq: int) -> str:
    return f"SL-{year:04d}-{seq:06d}"


_IN_TEXT = re.compile(r"受理编号 (SL-\d{4}-\d{6})")


def in_text(text: str) -> str:
    """The application number a text written by an application's effect names ("面积变更
    （受理编号 SL-2026-000123）…", the re-measurement request's notes), or ""."""
    m = _IN_TEXT.search(text or "")
    return m[1] if m else ""


def parse_number(number: str) -> tuple[int, int] | None:
    m = _FORMAT.match(number.strip().upper())
    return (int(m[1]), int(m[2])) if m else None


def next_number(year: int) -> tuple[int, str]:
    """The next (seq, number) of ``year``; call inside the application's transaction. SQLite
    serializes writers already (BEGIN IMMEDIATE); PostgreSQL locks the year's row."""
    if not database.in_transaction():
        raise RuntimeError("next_number must run inside the application's transaction")
    table = ApplicationCounter._meta.table_name
    p = database.param
    if is_postgres():
        database.execute_sql(f"INSERT INTO {table} (year, last_seq) VALUES ({p}, 0) "
                             "ON CONFLICT (year) DO NOTHING", (year,))
        row = database.execute_sql(f"SELECT last_seq FROM {table} WHERE year = {p} FOR UPDATE",
                                   (year,)).fetchone()
    else:
        row = database.execute_sql(f"SELECT last_seq FROM {table} WHERE year = {p}",
                                   (year,)).fetchone()
        if row is None:
            database.execute_sql(f"INSERT INTO {table} (year, last_seq) VALUES ({p}, 0)",
                                 (year,))
            row = (0,)
    seq = int(row[0]) + 1
    database.execute_sql(f"UPDATE {table} SET last_seq = {p} WHERE year = {p}", (seq, year))
    return seq, format_number(year, seq)
