"""Consistency checks of an open database: schema, storage, search index and invariants.

Each check is a function registered with ``@invariant("name")``; it returns ``(ok, detail)``,
``(WARN, detail)`` for something worth a look that is not wrong (it passes, marked as a
warning), or None where it does not apply (a SQLite pragma on PostgreSQL). A later area adds
its own invariant (the ledger: bills + adjustments - payments = balance) by decorating a
function in a module imported by ``_load_area_checks``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from peewee import JOIN, DatabaseError, fn

from heatoffice.db.connection import database, is_sqlite

EXAMPLES = 5


WARN = "warn"


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    warning: bool = False  # passed, but worth a look


CheckFunc = Callable[[], "tuple[bool | str, str] | None"]
CHECKS: list[tuple[str, CheckFunc]] = []

# Modules of other areas that register invariants of their own when imported.
AREA_CHECK_MODULES: list[str] = ["heatoffice.billing.ledger"]


def invariant(name: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a check under ``name``; checks run in the order they were registered."""
    def register(func: CheckFunc) -> CheckFunc:
        if any(existing == name for existing, _ in CHECKS):
            raise ValueError(f"check {name!r} registered twice")
        CHECKS.append((name, func))
        return func
    return register


def _load_area_checks() -> None:
    for module in AREA_CHECK_MODULES:
        importlib.import_module(module)


def run_checks() -> list[CheckResult]:
    """Run every registered check on the open database; a database error fails that check."""
    _load_area_checks()
    results = []
    for name, func in CHECKS:
        try:
            outcome = func()
        except DatabaseError as exc:
            # A missing or unreadable table is exactly what a check exists to report.
            results.append(CheckResult(name, False, f"{type(exc).__name__}: {exc}".strip()))
            continue
        if outcome is not None:
            ok, detail = outcome
            warning = ok == WARN
            results.append(CheckResult(name, bool(ok), detail, warning))
    return results


def _examples(values: list) -> str:
    shown = ", ".join(str(v) for v in values[:EXAMPLES])
    return shown + (" …" if len(values) > EXAMPLES else "")


@invariant("schema_version")
def check_schema_version() -> tuple[bool, str]:
    from heatoffice.db.migrations import LATEST, current_version

    found = current_version(database.obj)
    return found == LATEST, f"version {found}, program expects {LATEST}"


@invariant("sqlite_integrity")
def check_sqlite_integrity() -> tuple[bool, str] | None:
    if not is_sqlite():
        return None
    rows = [r[0] for r in database.execute_sql("PRAGMA integrity_check").fetchall()]
    return rows == ["ok"], "; ".join(rows[:EXAMPLES])


@invariant("sqlite_foreign_keys")
def check_sqlite_foreign_keys() -> tuple[bool, str] | None:
    if not is_sqlite():
        return None
    rows = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    if not rows:
        return True, "no dangling references"
    broken = [f"{table} row {rowid} -> {parent}" for table, rowid, parent, _ in rows]
    return False, f"{len(rows)} dangling references: {_examples(broken)}"


def _index_tables() -> list[tuple[str, str]]:
    from heatoffice.accounts import search

    if is_sqlite():
        return [(search.TRI, "rowid"), (search.CHR, "rowid")]
    return [(search.PG, "account_id")]


@invariant("search_index")
def check_search_index() -> tuple[bool, str]:
    """Exactly one index row per account: none missing, none left over from a lost account.

    The index key is unique (FTS rowid, PostgreSQL primary key), so no missing and no orphan
    row together with equal counts means one row each.
    """
    from heatoffice.accounts.models import Account

    accounts = Account._meta.table_name
    total = Account.select().count()
    problems = []
    for table, key in _index_tables():
        missing = [r[0] for r in database.execute_sql(
            f"SELECT account_no FROM {accounts} WHERE id NOT IN (SELECT {key} FROM {table}) "
            f"ORDER BY id LIMIT {EXAMPLES + 1}").fetchall()]
        orphans = [r[0] for r in database.execute_sql(
            f"SELECT {key} FROM {table} WHERE {key} NOT IN (SELECT id FROM {accounts}) "
            f"ORDER BY {key} LIMIT {EXAMPLES + 1}").fetchall()]
        rows = database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        if missing:
            problems.append(f"{table}: accounts not indexed: {_examples(missing)}")
        if orphans:
            problems.append(f"{table}: rows of no account: {_examples(orphans)}")
        if rows != total and not (missing or orphans):
            problems.append(f"{table}: {rows} rows for {total} accounts")
    if problems:
        return False, "; ".join(problems)
    return True, f"{total} accounts, one index row each"


@invariant("account_status_history")
def check_account_status_history() -> tuple[bool, str]:
    """Every account's status is the to_status of its latest status change."""
    from heatoffice.accounts.models import Account, AccountStatusChange

    latest = (AccountStatusChange
              .select(AccountStatusChange.account.alias("account_id"),
                      fn.MAX(AccountStatusChange.id).alias("last_id"))
              .group_by(AccountStatusChange.account)
              .alias("latest"))
    change = AccountStatusChange.alias("last_change")
    bad = (Account
           .select(Account.account_no, Account.status, change.to_status)
           .join(latest, JOIN.LEFT_OUTER, on=(latest.c.account_id == Account.id))
           .join(change, JOIN.LEFT_OUTER, on=(change.id == latest.c.last_id))
           .where(change.to_status.is_null() | (change.to_status != Account.status))
           .order_by(Account.id))
    count = bad.count()
    if count == 0:
        return True, f"{Account.select().count()} accounts agree with their history"
    examples = [f"{no} {status} (history: {last or '-'})"
                for no, status, last in bad.limit(EXAMPLES + 1).tuples()]
    return False, f"{count} accounts differ from their history: {_examples(examples)}"


@invariant("statistics")
def check_statistics() -> tuple[bool | str, str] | None:
    """PostgreSQL: a warning when tables lack planner statistics or have changed much since
    they were gathered, or when the server's autovacuum (which gathers them) is off."""
    from heatoffice.db import stats

    stale = stats.stale_tables()
    if stale is None:
        return None
    notes = [f"{s.table} ({s.rows} rows, never analysed)" if s.changed is None
             else f"{s.table} ({s.changed} of {s.rows} rows changed since analysed)"
             for s in stale]
    problems = []
    if not stats.autovacuum_on():
        problems.append("autovacuum is off on the server")
    if notes:
        problems.append("statistics missing or stale: " + _examples(notes)
                        + " (run ANALYZE)")
    if problems:
        return WARN, "; ".join(problems)
    return True, "planner statistics current, autovacuum on"
