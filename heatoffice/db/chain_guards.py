"""What the database itself refuses beyond the write-once rows (heatoffice.db.guards): a
decided adjustment changed, a user's role changed without its audit row, a counter moved back
or deleted, a chain head deleted; and the chain heads every new database starts with.

Installed on a new database (a schema step of the audit area) and by schema version 7."""

from __future__ import annotations

from peewee import Database

from heatoffice.db.chain import CHAINS, GENESIS, HEAD_TABLE
from heatoffice.db.connection import is_sqlite
from heatoffice.db.guards import refuse_when

# The columns of a bill and of an adjustment the program writes once (a bill's ``paid`` and an
# adjustment's decision move; heatoffice.billing.models.extra_schema).
BILL_FIXED = ("account_id", "season_id", "tariff_id", "kind", "area", "total", "issued_at",
              "issued_by", "business_date", "hash")
ADJUSTMENT_FIXED = ("account_id", "bill_id", "kind", "amount", "reason", "proposed_by",
                    "proposed_at", "source", "hash")
COUNTERS = ("receipt_counter", "measurement_counter", "application_counter")
ROLE_AUDITED = (
    "EXISTS (SELECT 1 FROM audit_entry WHERE id = (SELECT MAX(id) FROM audit_entry "
    "WHERE \"table\" = 'user' AND record_id = CAST(NEW.id AS TEXT)) "
    "AND action = 'users.role' AND after LIKE '%\"role\": \"' || NEW.role || '\"%')")


def head_table_sql(db: Database) -> str:
    """The chain heads' table as a new database's CREATE TABLE makes it."""
    return (f'CREATE TABLE "{HEAD_TABLE}" ("chain" VARCHAR(32) NOT NULL PRIMARY KEY, '
            '"last_id" INTEGER NOT NULL, "last_hash" VARCHAR(64) NOT NULL)')


def seed_heads(db: Database) -> None:
    p = db.param
    for name in sorted(CHAINS):
        db.execute_sql(f"INSERT INTO {HEAD_TABLE} (chain, last_id, last_hash) "
                       f"VALUES ({p}, 0, {p})", (name, GENESIS))


def install(db: Database) -> None:
    """The heads of empty chains and the triggers below (a new database)."""
    seed_heads(db)
    triggers(db)


def triggers(db: Database) -> None:
    # A decision is taken once: nothing of a decided adjustment changes.
    refuse_when(db, "adjustment", "adjustment_decided", "UPDATE",
                "OLD.status <> 'proposed'", "a decided adjustment is written once")
    # A role moves only with its audit row written just before (auth.service.set_role).
    role_changed = ("NEW.role IS NOT OLD.role" if is_sqlite(db)
                    else "NEW.role IS DISTINCT FROM OLD.role")
    refuse_when(db, "user", "user_role_audited", "UPDATE OF role",
                f"{role_changed} AND NOT {ROLE_AUDITED}",
                "a role changes only through the audited role change")
    # Numbers handed out are never handed out again: a counter only moves forward.
    for table in COUNTERS:
        refuse_when(db, table, f"{table}_forward", "UPDATE",
                    "NEW.last_seq < OLD.last_seq OR NEW.year <> OLD.year",
                    f"{table} only moves forward")
        refuse_when(db, table, f"{table}_kept", "DELETE", "", f"{table} rows are kept")
    refuse_when(db, HEAD_TABLE, f"{HEAD_TABLE}_kept", "DELETE", "",
                "chain heads are kept")
    refuse_when(db, HEAD_TABLE, f"{HEAD_TABLE}_name", "UPDATE OF chain", "",
                "chain heads are kept")
