"""Schema version 11: no planner statistics on the chain's hash columns (heatoffice.db.chain).

Nothing reads a row by its hash: the columns are only walked in full by ``check``. On
PostgreSQL ANALYZE still sampled and sorted their 64-digit values, the dearest columns of
the ledger's tables, after every bulk write (the season run analyses its bills, lines and
balances inside its transaction: a quarter of that ANALYZE went on the two hash columns).
Their statistics target is set to 0, so ANALYZE passes them by (a new database gets the
same from the audit area's schema step :func:`hashes_unsampled`). SQLite gathers statistics
of indexed columns only and needs nothing. No data moves; no audit row (as versions 8 to 10).
"""

from __future__ import annotations

from peewee import Database

from heatoffice.db.connection import is_postgres

VERSION = 11
# table -> its hash columns (version 7's chains: heatoffice.db.chain.CHAINS)
HASHES = {
    "bill": ("hash",), "bill_line": ("hash",), "adjustment": ("hash", "decision_hash"),
    "payment": ("hash",), "allocation": ("hash",), "day_close": ("hash",),
    "month_close": ("hash",), "audit_entry": ("hash",),
}


def hashes_unsampled(db: Database) -> None:
    """No statistics on the hash columns (PostgreSQL; nothing to do on SQLite)."""
    if not is_postgres(db):
        return
    for table, columns in HASHES.items():
        changes = ", ".join(f'ALTER COLUMN "{c}" SET STATISTICS 0' for c in columns)
        db.execute_sql(f'ALTER TABLE "{table}" {changes}')


def migrate(db: Database) -> None:
    hashes_unsampled(db)
