"""Schema version 12: the search grams compared byte by byte (PostgreSQL).

The grams of ``account_search`` (``heatoffice.accounts.search``) are only ever compared for
equality, by the GIN index's containment test; under the database's own collation every
comparison went through the locale's sorting rules (``C.UTF-8`` here, ``zh_CN.UTF-8`` at a
company), which made the index's work on a roster of 100,000 accounts 2.1 s instead of
1.4 s. The column becomes ``TEXT[] COLLATE "C"`` as a new database has it; PostgreSQL
rewrites the table and builds its indexes again (8 s at 500,000 accounts, measured). The
searches find what they found: a gram is in an array or not, whatever the order. SQLite's
search tables are full-text tables and do not change. No data moves; no audit row (as
versions 8 to 11).
"""

from __future__ import annotations

from peewee import Database

from heatoffice.accounts import search
from heatoffice.db import bulk
from heatoffice.db.connection import is_postgres

VERSION = 12


def migrate(db: Database) -> None:
    if is_postgres(db):
        # the GIN index is built again: with the memory a bulk load's index builds get
        db.execute_sql(f"SET LOCAL maintenance_work_mem = '{bulk.INDEX_BUILD_MEMORY}'")
        db.execute_sql(f"ALTER TABLE {search.PG} ALTER COLUMN grams TYPE {search.GRAMS_TYPE}")
