"""The accounts' invariants for ``heatoffice check``: the search index, the status history and
the names and numbers as audited."""

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


# The audited actions whose row holds the account as it was left (audit.snapshot).
NAMED = ("accounts.open", "accounts.update", "accounts.transfer", "accounts.status")


def check_account_names() -> tuple[bool, str]:
    """Every account's number and name are those of its latest audited change, so that a
    rename by raw SQL is found (accounts made by the demo have no audit row of their own and
    are not compared)."""
    import json

    p = database.param
    marks = ", ".join([p] * len(NAMED))
    rows = database.execute_sql(
        "SELECT a.account_no, a.name, e.after FROM account a JOIN (SELECT record_id, "
        f'MAX(id) AS last FROM audit_entry WHERE "table" = \'account\' AND action IN ({marks}) '
        "GROUP BY record_id) l ON l.record_id = CAST(a.id AS TEXT) "
        "JOIN audit_entry e ON e.id = l.last ORDER BY a.id", NAMED).fetchall()
    wrong = []
    for number, name, after in rows:
        was = json.loads(after or "{}")
        if "name" in was and (was["name"], was.get("account_no", number)) != (name, number):
            wrong.append(f"{number} {name} (audit: {was.get('account_no', number)} "
                         f"{was['name']})")
    if wrong:
        return False, f"{len(wrong)} accounts differ from their audit: {examples(wrong)}"
    return True, f"{len(rows)} audited accounts as their audit left them"
