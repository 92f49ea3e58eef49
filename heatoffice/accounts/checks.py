"""The accounts' invariants for ``heatoffice check``: the search index and the status history."""

from __future__ import annotations

from peewee import JOIN, fn

from heatoffice.accounts import search
from heatoffice.accounts.models import Account, AccountStatusChange
from heatoffice.check import EXAMPLES, examples
from heatoffice.db.connection import database, is_sqlite


def _index_tables() -> list[tuple[str, str]]:
    if is_sqlite():
        return [(search.TRI, "rowid"), (search.CHR, "rowid")]
    return [(search.PG, "account_id")]


def check_search_index() -> tuple[bool, str]:
    """Exactly one index row per account: none missing, none left over from a lost account.

    The index key is unique (FTS rowid, PostgreSQL primary key), so no missing and no orphan
    row together with equal counts means one row each.
    """
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
            problems.append(f"{table}: accounts not indexed: {examples(missing)}")
        if orphans:
            problems.append(f"{table}: rows of no account: {examples(orphans)}")
        if rows != total and not (missing or orphans):
            problems.append(f"{table}: {rows} rows for {total} accounts")
    if problems:
        return False, "; ".join(problems)
    return True, f"{total} accounts, one index row each"


def check_account_status_history() -> tuple[bool, str]:
    """Every account's status is the to_status of its latest status change."""
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
    found = [f"{no} {status} (history: {last or '-'})"
             for no, status, last in bad.limit(EXAMPLES + 1).tuples()]
    return False, f"{count} accounts differ from their history: {examples(found)}"
