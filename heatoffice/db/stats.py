"""Planner statistics: gathered after every bulk write, and a report of tables that lack them.

PostgreSQL plans from statistics that ANALYZE gathers (autovacuum does it in the background,
some time after enough rows changed). A bulk job (demo data, the billing run, an import, a
restore) changes hundreds of thousands of rows at once, and the next statements would be
planned as if the tables were still empty; so such a job analyses the tables it touched
itself, inside its own transaction. SQLite plans well from its indexes alone here: at
500,000 accounts its ANALYZE (0.3 s) changed no plan that matters (the register's searches,
a payment's reads; only a one-row season table read by a scan instead of its key) and made
no difference to the billing run, so :func:`analyze` leaves SQLite alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from peewee import Database

from heatoffice.db.connection import database, is_postgres

# A table counts as stale when more rows changed since its last ANALYZE than this share of
# its rows plus MIN_ROWS: above autovacuum's own trigger (10 % + 50), so that a server whose
# autovacuum keeps up is never warned about.
STALE_SHARE = 0.2
MIN_ROWS = 1000


def _name(table: Any) -> str:
    return table if isinstance(table, str) else table._meta.table_name


def analyze(db: Database | None, tables: Iterable[Any]) -> None:
    """Gather planner statistics of ``tables`` (names or models) after a bulk write; a no-op
    on SQLite. Runs inside the caller's transaction (ANALYZE counts its uncommitted rows)."""
    db = db if db is not None else database.obj
    names = sorted({_name(t) for t in tables})
    if names and is_postgres(db):
        db.execute_sql("ANALYZE " + ", ".join(f'"{n}"' for n in names))


@dataclass(frozen=True)
class Staleness:
    table: str
    rows: int
    changed: int | None   # rows changed since the last ANALYZE; None: never analysed


def stale_tables(db: Database | None = None) -> list[Staleness] | None:
    """PostgreSQL: the tables of at least MIN_ROWS rows never analysed, or changed by more
    than STALE_SHARE of their rows since; None on SQLite."""
    db = db if db is not None else database.obj
    if not is_postgres(db):
        return None
    rows = db.execute_sql(
        "SELECT s.relname, GREATEST(s.n_live_tup, c.reltuples::bigint), s.n_mod_since_analyze, "
        "COALESCE(s.last_analyze, s.last_autoanalyze) IS NOT NULL "
        "FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
        "WHERE s.schemaname = current_schema() ORDER BY s.relname").fetchall()
    out = []
    for table, size, changed, analysed in rows:
        size = int(size or 0)
        if size < MIN_ROWS:
            continue
        if not analysed:
            out.append(Staleness(table, size, None))
        elif changed > MIN_ROWS + STALE_SHARE * size:
            out.append(Staleness(table, size, int(changed)))
    return out


def autovacuum_on(db: Database | None = None) -> bool | None:
    """Whether the PostgreSQL server runs autovacuum; None on SQLite."""
    db = db if db is not None else database.obj
    if not is_postgres(db):
        return None
    return db.execute_sql("SHOW autovacuum").fetchone()[0] == "on"
